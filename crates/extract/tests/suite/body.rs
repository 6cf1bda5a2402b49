//! Choosing the body: the general rules behind the trafilatura-eval figures,
//! each on a small page built the way many sites build theirs.

use extract::{extract, ExtractOptions};

/// A paragraph of prose with commas, long enough to count as article text.
fn prose(topic: &str) -> String {
    format!(
        "<p>The council discussed {topic} for three hours on Tuesday, and members agreed, \
         after a long debate, that the plan needs more money, more staff and a clearer timetable \
         before the summer recess begins.</p>"
    )
}

fn body_text(html: &str) -> String {
    let a = extract(
        html.as_bytes(),
        "https://news.example/a",
        &ExtractOptions::default(),
    )
    .expect("page extracts");
    a.body_text()
}

fn lead_text(html: &str) -> Option<String> {
    let a = extract(
        html.as_bytes(),
        "https://news.example/a",
        &ExtractOptions::default(),
    )
    .expect("page extracts");
    a.lead.map(|l| l.plain_text())
}

#[test]
fn page_builder_widgets_are_not_sidebar_widgets() {
    // Elementor wraps every block, prose included, in "elementor-widget…".
    let widget = |t: &str| {
        format!(
            r#"<div class="elementor-element elementor-widget elementor-widget-text-editor">
               <div class="elementor-widget-container"><div class="elementor-text-editor">{}</div></div></div>"#,
            prose(t)
        )
    };
    let html = format!(
        r#"<html><body><h1>Budget</h1><div class="entry"><div class="elementor">{}{}{}</div></div>
           <div class="widget widget_recent_entries"><ul><li><a href="/x">Other story</a></li></ul></div>
           </body></html>"#,
        widget("the budget"),
        widget("the bridge"),
        widget("the school")
    );
    let text = body_text(&html);
    for t in ["the budget", "the bridge", "the school"] {
        assert!(text.contains(t), "{t} missing from {text:?}");
    }
    assert!(!text.contains("Other story"));
}

#[test]
fn related_box_goes_even_when_its_teasers_are_long() {
    let teaser = |t: &str| {
        format!(
            r#"<li><article class="post_teaser"><h3><a href="/{t}">{t}</a></h3>
               <div class="excerpt">{}</div></article></li>"#,
            prose(t)
        )
    };
    let html = format!(
        r#"<html><body><h1>Budget</h1><div class="entry">{}{}</div>
           <div id="related_posts"><ul>{}{}</ul></div></body></html>"#,
        prose("the budget"),
        prose("the bridge"),
        teaser("summer sale"),
        teaser("fashion week")
    );
    let text = body_text(&html);
    assert!(text.contains("the budget") && text.contains("the bridge"));
    assert!(!text.contains("summer sale"), "{text:?}");
    assert!(!text.contains("fashion week"), "{text:?}");
}

#[test]
fn a_dateline_inside_the_first_sentence_stays() {
    let html = format!(
        r#"<html><body><h1>Masks stolen</h1><div class="entry-content">
           <p><span class="dateline">KOBE – </span>A total of 6,000 surgical masks have been lost at a
           hospital in Kobe, it was learned Tuesday, and the police are investigating.</p>{}{}</div>
           </body></html>"#,
        prose("the masks"),
        prose("the hospital")
    );
    assert!(body_text(&html).contains("KOBE – A total of 6,000 surgical masks"));
}

#[test]
fn a_long_heading_is_a_paragraph() {
    // Some editors set the opening paragraph in heading markup.
    let opening = "Long have I put off writing this last article, because I usually like to get \
                   things done and tick them off, but for reasons I cannot explain this one kept \
                   waiting on my desk for weeks while the summer went by";
    let html = format!(
        r#"<html><body><h1>Letter</h1><div class="entry-content"><h3>{opening}</h3>
           <h3>A short heading</h3>{}{}</div></body></html>"#,
        prose("the letter"),
        prose("the summer")
    );
    let a = extract(
        html.as_bytes(),
        "https://news.example/a",
        &ExtractOptions::default(),
    )
    .unwrap();
    assert!(a.body_text().contains("Long have I put off"));
    assert!(matches!(
        a.blocks.first(),
        Some(article::Block::Paragraph { .. })
    ));
}

#[test]
fn content_blocks_in_same_kind_wrappers_are_one_body() {
    // A CMS writes each content element in its own wrapper.
    let element = |t: &str| {
        format!(
            r#"<div class="csc-default"><article>{}</article></div>"#,
            prose(t)
        )
    };
    let html = format!(
        r#"<html><body><h1>Air</h1><div class="content">{}{}<div class="csc-default"><article>{}{}{}</article></div></div>
           <div class="box"><p>Opening hours: Monday to Friday.</p></div></body></html>"#,
        element("the air"),
        element("the traffic"),
        prose("the cars"),
        prose("the planes"),
        prose("the heating")
    );
    let text = body_text(&html);
    for t in ["the air", "the traffic", "the cars", "the heating"] {
        assert!(text.contains(t), "{t} missing from {text:?}");
    }
}

#[test]
fn the_paragraph_between_headline_and_body_is_the_lead() {
    let html = format!(
        r#"<html><body><div class="hero"><h1>Working children</h1>
           <div class="leader"><p>Work is not there for the children; children are there for
           work, says a study that the committee will discuss next week.</p></div></div>
           <div class="wrap"><div class="article-body">{}{}{}</div></div></body></html>"#,
        prose("the study"),
        prose("the committee"),
        prose("the school")
    );
    let lead = lead_text(&html).expect("a lead");
    assert!(
        lead.starts_with("Work is not there for the children"),
        "{lead:?}"
    );
    assert!(!body_text(&html).contains("Work is not there"));
}

#[test]
fn an_authors_card_under_the_headline_is_not_the_lead() {
    // The editor's description in a header's author block, a tooltip or a
    // card: no standfirst, whatever its length.
    for (outer, inner) in [
        ("hero", "intro"),
        ("template-header__author-block", "editor-text"),
        ("BlogAuthors_wrapper", "PersonalInfo_description"),
    ] {
        let html = format!(
            r#"<html><body><h1>Renting a car</h1>
               <div class="{outer}"><div class="{inner}"><p>Editing for over six years, Keri manages the
               editorial calendar and oversees the work of twenty contributors, reviewing thousands of
               articles on travel, credit cards and loyalty programs every year.</p></div></div>
               <div class="wrap"><div class="article-body">{}{}{}</div></div></body></html>"#,
            prose("the rental"),
            prose("the insurance"),
            prose("the fuel")
        );
        let lead = lead_text(&html);
        // The same paragraph in a box that names no author is the lead.
        assert_eq!(
            lead.as_deref().is_some_and(|l| l.contains("Keri")),
            outer == "hero",
            "{outer}: {lead:?}"
        );
    }
}

#[test]
fn a_quote_that_is_all_link_is_a_card_not_a_quotation() {
    // WordPress embeds another post as a quote holding one link.
    let html = format!(
        r#"<html><body><h1>Pilots</h1><div class="entry-content">{}{}
           <p><strong>Already read?</strong></p>
           <blockquote class="wp-embedded-content"><p><a href="/other-post/">Air force starts training on new helicopters</a></p></blockquote>
           <blockquote><p>We will train the pilots of tomorrow, and <a href="/school">our school</a> is ready for them.</p></blockquote>
           {}</div></body></html>"#,
        prose("the pilots"),
        prose("the school"),
        prose("the helicopters")
    );
    let text = body_text(&html);
    assert!(!text.contains("Air force starts training"), "{text:?}");
    assert!(text.contains("pilots of tomorrow"), "{text:?}");
}

#[test]
fn the_next_story_of_an_endless_scroll_goes() {
    // The page's article, then the next one the scroll loaded, each an
    // <article> with its own headline, all inside one post wrapper.
    let html = format!(
        r#"<html><head><title>Bridge closes</title></head><body><article class="post"><div class="scroll">
           <article id="a0"><header><h1>Bridge closes</h1></header><div class="entry-text">{}{}</div></article>
           <article id="a1"><header><h1>Fire in the old mill</h1><p>A fire broke out in the old mill on Sunday night, and the firemen fought it for hours.</p></header>
           <div class="entry-text">{}</div></article></div></article></body></html>"#,
        prose("the bridge"),
        prose("the detour"),
        prose("the mill fire")
    );
    let text = body_text(&html);
    assert!(text.contains("the detour"), "{text:?}");
    assert!(!text.contains("the mill fire"), "{text:?}");
    // Articles whose first headline is not the page's: nothing is cut.
    let html = html.replace("<title>Bridge closes</title>", "<title>Town news</title>");
    assert!(body_text(&html).contains("the detour"));
}

#[test]
fn an_address_on_its_own_line_is_text() {
    let html = format!(
        r#"<html><body><h1>Petition</h1><div class="entry-content">{}
           <p>Write to the committee:</p><p><a href="mailto:info@committee.example">info@committee.example</a></p>
           {}</div></body></html>"#,
        prose("the petition"),
        prose("the committee")
    );
    assert!(body_text(&html).contains("info@committee.example"));
}

#[test]
fn disclaimers_and_calls_to_action_are_chrome() {
    let html = format!(
        r#"<html><body><h1>Card review</h1><div class="entry-content">{}{}
           <div class="editorial-disclaimer"><p>Opinions expressed here are the author's alone,
           not those of any bank or card issuer, and have not been reviewed.</p></div>
           <div id="cta" class="jumbotron"><p>Sign in now to write articles yourself, to comment
           and to have your say in what we publish next.</p></div>{}</div></body></html>"#,
        prose("the card"),
        prose("the fees"),
        prose("the bonus")
    );
    let text = body_text(&html);
    assert!(text.contains("the card") && text.contains("the bonus"));
    assert!(!text.contains("Opinions expressed"), "{text:?}");
    assert!(!text.contains("Sign in now"), "{text:?}");
}

#[test]
fn an_article_printed_only_inside_noscript_is_read() {
    // Blogger-style templates: the post as a script template, plain HTML only in <noscript>.
    let post = format!(
        "{}{}{}",
        prose("the protocol"),
        prose("the browser"),
        prose("the users")
    );
    let html = format!(
        r#"<html><body><h1>Safe browsing</h1><div class="post-body">
           <script type="text/template">{post}</script><noscript>{post}</noscript></div>
           <noscript><img src="/pixel.gif"></noscript></body></html>"#
    );
    let text = body_text(&html);
    assert!(
        text.contains("the protocol") && text.contains("the users"),
        "{text:?}"
    );
}

#[test]
fn the_lead_of_a_sign_up_box_is_not_the_articles() {
    let html = format!(
        r#"<html><body><h1>Vaccines</h1><div class="entry-content">{}{}</div>
           <div id="cta" class="jumbotron"><div id="cta-loggedOut"><p class="lead">Sign in now to
           write articles yourself, to comment and to have your say.</p></div></div></body></html>"#,
        prose("the vaccine"),
        prose("the doctors")
    );
    let lead = lead_text(&html).unwrap_or_default();
    assert!(!lead.contains("Sign in"), "{lead:?}");
}

#[test]
fn a_text_with_picture_element_is_not_a_captioned_image() {
    // TYPO3's "textpic" content element: a paragraph beside an image.
    let html = format!(
        r#"<html><body><h1>Avalanche report</h1><div class="main">{}
           <div class="ce-textpic ce-center ce-below"><div class="ce-bodytext"><p>The high pressure
           mentioned at the end of last week's report proved long-lived, with maximum sunshine
           in the Alps.</p></div><figure class="image"><img src="/a.jpg" alt="Snow"></figure></div>
           {}{}</div></body></html>"#,
        prose("the snow"),
        prose("the weather"),
        prose("the risk")
    );
    assert!(body_text(&html).contains("The high pressure mentioned"));
}

#[test]
fn a_contact_line_is_not_the_lead() {
    let html = format!(
        r#"<html><body><h1>Rail freight</h1><div class="box-intro">Article by the editors,
           <a href="mailto:editors@rail.example">write to the editors</a></div>
           <div class="entry-content">{}{}</div></body></html>"#,
        prose("the freight"),
        prose("the rails")
    );
    let lead = lead_text(&html).unwrap_or_default();
    assert!(!lead.contains("write to the editors"), "{lead:?}");
}

#[test]
fn a_list_describing_its_links_is_content_and_a_menu_is_not() {
    let html = format!(
        r#"<html><body><h1>Strike</h1><div class="entry-content">{}
           <ul><li><a href="/a">Report on France 2</a> evening news</li>
               <li><a href="/b">Interview with Le Monde</a> on Monday</li></ul>
           {}<ul><li><a href="/x">Home</a></li><li><a href="/y">Politics</a></li></ul></div>
           </body></html>"#,
        prose("the strike"),
        prose("the unions")
    );
    let text = body_text(&html);
    assert!(text.contains("Report on France 2 evening news"), "{text:?}");
    assert!(!text.contains("Politics"), "{text:?}");
}

#[test]
fn a_consent_platform_dialog_goes_even_when_long() {
    // OneTrust prints its whole preference centre into the page; on a short
    // article its paragraphs outweigh the article's.
    let consent = "<p>These cookies are set by a range of social media services that we have added \
                   to the site, and they are capable of tracking your browser across other sites, \
                   building up a profile of your interests, which may change the content you see.</p>";
    let html = format!(
        r#"<html><body><h1>Budget</h1><article>{}{}</article>
           <div id="onetrust-consent-sdk"><div class="ot-pc-content">{consent}{consent}{consent}</div></div>
           </body></html>"#,
        prose("the budget"),
        prose("the bridge")
    );
    let text = body_text(&html);
    assert!(text.contains("the budget"), "{text:?}");
    assert!(!text.contains("social media services"), "{text:?}");
}

#[test]
fn figures_around_tables_and_quotes_keep_their_text() {
    // WordPress writes every table block as <figure class="wp-block-table">
    // and testimonials as a figure around a blockquote; a figure with a
    // picture stays a picture with its caption.
    let html = format!(
        r#"<html><body><h1>Insurers</h1><div class="entry-content">{}{}
           <figure class="wp-block-table"><table><thead><tr><td>Rank</td><td>Company</td></tr></thead>
           <tbody><tr><td>1</td><td>State Farm Group</td></tr><tr><td>2</td><td>Berkshire Hathaway</td></tr></tbody>
           </table><figcaption>Top writers of 2024</figcaption></figure>
           <figure class="testimonial"><blockquote><p>The classes changed how I sleep.</p></blockquote></figure>
           <figure><img src="/a.jpg" alt="A chart"><figcaption>Premiums by year</figcaption></figure>
           </div></body></html>"#,
        prose("the premiums"),
        prose("the ranking")
    );
    let a = extract(
        html.as_bytes(),
        "https://news.example/a",
        &ExtractOptions::default(),
    )
    .expect("page extracts");
    let text = a.body_text();
    for t in [
        "State Farm Group",
        "Berkshire Hathaway",
        "Top writers of 2024",
        "The classes changed how I sleep.",
    ] {
        assert!(text.contains(t), "{t} missing from {text:?}");
    }
    assert!(a
        .blocks
        .iter()
        .any(|b| matches!(b, article::Block::Table { rows, .. } if rows.len() == 3)));
    assert!(a
        .blocks
        .iter()
        .any(|b| matches!(b, article::Block::Figure(f)
        if f.caption.as_ref().is_some_and(|c| c.plain_text() == "Premiums by year"))));
}

#[test]
fn streamed_segments_are_shown_at_their_placeholders() {
    // React's streaming renderer sends the article late, hidden, at the end
    // of the body; a script would move it to its <template> placeholder.
    let html = format!(
        r#"<html><body><h1>Interpretability</h1>
           <div id="postContent"><template id="P:7"></template></div>
           <p>Comments are closed.</p>
           <div hidden id="S:7"><div>{}{}</div></div><script>$RS("S:7","P:7")</script>
           <div hidden id="S:9"><div>{}</div></div>
           <div hidden><p>A hidden paragraph of the menu that nobody reads on this page.</p></div>
           </body></html>"#,
        prose("the circuits"),
        prose("the features"),
        prose("the late part")
    );
    let text = body_text(&html);
    let first = text
        .find("the circuits")
        .expect("the streamed article is shown");
    assert!(text.contains("the features"), "{text:?}");
    // In reading order: the placeholder comes before the line after it.
    if let Some(after) = text.find("Comments are closed") {
        assert!(first < after, "{text:?}");
    }
    assert!(!text.contains("hidden paragraph"), "{text:?}");
}

#[test]
fn a_segment_holding_its_own_placeholder_is_shown_in_place() {
    // Hostile markup: the placeholder inside its own segment is not a place
    // to move to (that would detach the segment into itself).
    let html = format!(
        r#"<html><body><h1>Loop</h1>
           <div hidden id="S:1"><div>{}<template id="B:1"></template>{}</div></div>
           </body></html>"#,
        prose("the loop"),
        prose("the cycle")
    );
    let text = body_text(&html);
    assert!(
        text.contains("the loop") && text.contains("the cycle"),
        "{text:?}"
    );
}

#[test]
fn a_thread_that_is_the_page_keeps_its_posts() {
    // A forum topic: the posts are "comments" by name and all of the prose.
    let post = |t: &str| {
        format!(
            r#"<article class="ipsComment cPost" id="comment-{t}"><div class="ipsComment_content">{}</div></article>"#,
            prose(t)
        )
    };
    let html = format!(
        r#"<html><body><nav><a href="/">Forums</a></nav><h1>Editing PC build</h1>
           <div class="cTopic" id="comments">{}{}{}</div>
           <footer><p>Powered by forum software, all rights reserved.</p></footer></body></html>"#,
        post("the graphics card"),
        post("the power supply"),
        post("the cooling")
    );
    let text = body_text(&html);
    for t in ["the graphics card", "the power supply", "the cooling"] {
        assert!(text.contains(t), "{t} missing from {text:?}");
    }
    // The posts as siblings, each named a comment, with no container.
    let post = |t: &str| format!(r#"<div class="MtnComment">{}</div>"#, prose(t));
    let html = format!(
        r#"<html><body><h1>Kein App Store mehr</h1><div id="thread">{}{}{}{}</div>
           <div class="MtnComment"><p>Short.</p></div></body></html>"#,
        post("the app store"),
        post("the mobile data"),
        post("the settings"),
        post("the update")
    );
    let text = body_text(&html);
    for t in [
        "the app store",
        "the mobile data",
        "the settings",
        "the update",
    ] {
        assert!(text.contains(t), "{t} missing from {text:?}");
    }
    // The comments under an article still go.
    let html = format!(
        r#"<html><body><h1>Budget</h1><div class="story">{}{}{}</div>
           <div id="comments"><div class="comment">{}</div></div></body></html>"#,
        prose("the budget"),
        prose("the bridge"),
        prose("the school"),
        prose("my own opinion")
    );
    let text = body_text(&html);
    assert!(text.contains("the bridge"), "{text:?}");
    assert!(!text.contains("my own opinion"), "{text:?}");
}

#[test]
fn a_declared_articles_reader_comments_are_never_the_page() {
    // A short news item under a long thread of readers' comments (reply
    // links, avatars, a form to write one): four fifths of the prose are
    // comments, but the page says it is one article.
    let comment = |t: &str| {
        format!(
            r##"<li class="comment"><img class="avatar" src="/a.png" alt=""><div class="comment-body">{}</div>
               <a class="comment-reply-link" href="#reply">Reply</a></li>"##,
            prose(t)
        )
    };
    let page = |head: &str| {
        format!(
            r#"<html><head>{head}</head><body><h1>Bridge closes</h1>
               <div class="story"><p>The old bridge over the river closes on Monday for repairs that will take two months, the city said.</p></div>
               <ol id="comments" class="comment-list">{}{}{}{}{}</ol>
               <form id="respond"><textarea name="comment"></textarea></form></body></html>"#,
            comment("the detour"),
            comment("the ferry"),
            comment("the traffic"),
            comment("the cyclists"),
            comment("the contractor")
        )
    };
    for head in [
        r#"<meta property="og:type" content="article">"#,
        r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Bridge closes"}</script>"#,
    ] {
        let text = body_text(&page(head));
        assert!(text.contains("old bridge"), "{text:?}");
        assert!(!text.contains("the ferry"), "{head}: {text:?}");
    }
    // Without the declaration the same page reads as a discussion.
    assert!(body_text(&page("")).contains("the ferry"));
    // A live ticker that declares itself an article: its entries, named
    // "comment" but without replies or avatars, are still the page.
    let entry = |t: &str| {
        format!(
            r#"<div class="live-comment"><div class="live-comment-time">12'</div><div class="live-comment-body">{}</div></div>"#,
            prose(t)
        )
    };
    let html = format!(
        r#"<html><head><meta property="og:type" content="article"></head><body><h1>Live: the cup final</h1>
           <div class="live-comments">{}{}{}{}</div></body></html>"#,
        entry("the first goal"),
        entry("the penalty"),
        entry("the red card"),
        entry("the final whistle")
    );
    let text = body_text(&html);
    for t in ["the first goal", "the penalty", "the final whistle"] {
        assert!(text.contains(t), "{t} missing from {text:?}");
    }
}

#[test]
fn a_form_around_the_page_is_not_dropped() {
    // Forum software and ASP.NET wrap the whole page in one <form>.
    let post = |t: &str| {
        format!(
            r#"<li class="message"><blockquote class="messageText">The thread discussed {t} for days, and members agreed, after a long debate, that the plan needs more money, more staff and a clearer timetable.</blockquote></li>"#
        )
    };
    let html = format!(
        r#"<html><body><h1>Forums today</h1><form class="InlineModForm" action="/mod"><ol>{}{}{}</ol></form>
           <form id="login"><input name="user"><label>Remember me on this computer</label></form></body></html>"#,
        post("forums"),
        post("social media"),
        post("moderation")
    );
    let text = body_text(&html);
    for t in ["forums", "social media", "moderation"] {
        assert!(
            text.contains(&format!("discussed {t}")),
            "{t} missing from {text:?}"
        );
    }
    assert!(!text.contains("Remember me"), "{text:?}");
}

#[test]
fn collapsed_answers_of_a_faq_are_text() {
    // The answers are hidden until a button that names them (aria-controls)
    // is clicked; other hidden elements stay out.
    let html = format!(
        r#"<html><body><h1>Tutoring</h1><div class="entry-content">{}{}
           <h2>FAQ</h2>
           <button aria-expanded="false" aria-controls="faq-1">How long does a session last?</button>
           <div id="faq-1" hidden><p>A session lasts forty-five minutes, three times a week, in groups of up to four pupils.</p></div>
           <button aria-expanded="false" aria-controls="faq-2 faq-3">Who are the tutors?</button>
           <div id="faq-2" style="display:none"><p>Tutors are trained students and retired teachers from the district.</p></div>
           <div id="popup" hidden><p>Subscribe to our newsletter to hear about new programmes first.</p></div>
           </div></body></html>"#,
        prose("the tutoring"),
        prose("the schools")
    );
    let text = body_text(&html);
    assert!(text.contains("forty-five minutes"), "{text:?}");
    assert!(text.contains("retired teachers"), "{text:?}");
    assert!(!text.contains("Subscribe"), "{text:?}");
}
