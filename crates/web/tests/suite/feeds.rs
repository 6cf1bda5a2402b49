//! Feeds, sitemaps and robots.txt are well-formed and list the right URLs.

use crate::common;

use std::str::FromStr;

use common::*;

#[tokio::test]
async fn rss_feeds_per_language_and_section() {
    let f = fixture().await;
    let app = web::router(portal(&f));
    let got = get(&app, "/fr/feed.xml").await;
    assert_eq!(got.status, 200);
    assert!(got
        .header("content-type")
        .starts_with("application/rss+xml"));
    roxmltree::Document::parse(&got.body).expect("well-formed XML");
    let channel = rss::Channel::from_str(&got.body).expect("valid RSS");
    assert_eq!(channel.language(), Some("fr"));
    assert!(channel.title().contains("dernières nouvelles"));
    assert!(
        got.body.contains(&format!(
            "<atom:link href=\"{BASE}/fr/feed.xml\" rel=\"self\" type=\"application/rss+xml\"/>"
        )),
        "the feed names itself: {}",
        &got.body[..600.min(got.body.len())]
    );
    let main = channel
        .items()
        .iter()
        .find(|i| i.title() == Some("Combats à Koursk : la Russie renforce sa défense"))
        .expect("main article in the French feed");
    assert!(main
        .link()
        .unwrap()
        .starts_with(&format!("{BASE}/fr/the-gioi/{}-", f.main)));
    assert!(main.pub_date().is_some());
    assert!(channel
        .items()
        .iter()
        .all(|i| !i.link().unwrap().contains(&format!("/{}-", f.taken_down))));
    assert_eq!(channel.items().len(), f.all.len());

    let got = get(&app, "/fr/kinh-doanh/feed.xml").await;
    assert_eq!(got.status, 200);
    let channel = rss::Channel::from_str(&got.body).unwrap();
    assert!(channel.title().contains("Économie"));
    assert!(channel
        .items()
        .iter()
        .all(|i| i.categories().iter().all(|c| c.name() == "Économie")));
    assert_eq!(channel.items().len(), 3);
    assert_eq!(get(&app, "/fr/nowhere/feed.xml").await.status, 404);
}

#[tokio::test]
async fn sitemaps_list_every_language_with_alternates() {
    let f = fixture().await;
    let app = web::router(portal(&f));
    let index = get(&app, "/sitemap.xml").await;
    assert_eq!(index.status, 200);
    let doc = roxmltree::Document::parse(&index.body).unwrap();
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    for lang in LANGS {
        assert!(
            locs.contains(&format!("{BASE}/{lang}/sitemap.xml").as_str()),
            "{lang}"
        );
    }
    assert!(locs.contains(&format!("{BASE}/sitemap-news.xml").as_str()));

    let fr = get(&app, "/fr/sitemap.xml").await;
    assert_eq!(fr.status, 200);
    let doc = roxmltree::Document::parse(&fr.body).unwrap();
    let urls: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("url"))
        .collect();
    let main = urls
        .iter()
        .find(|u| {
            u.descendants().any(|n| {
                n.has_tag_name("loc")
                    && n.text()
                        .unwrap_or("")
                        .contains(&format!("/fr/the-gioi/{}-", f.main))
            })
        })
        .expect("main article in the French sitemap");
    let hreflangs: Vec<&str> = main
        .descendants()
        .filter(|n| n.has_tag_name(("http://www.w3.org/1999/xhtml", "link")))
        .filter_map(|n| n.attribute("hreflang"))
        .collect();
    assert_eq!(hreflangs, ["vi", "en", "fr", "x-default"]);
    assert!(fr.body.contains(&format!("/fr/kinh-doanh/{}-", f.old)));
    assert!(!fr.body.contains(&format!("/{}-", f.taken_down)));
}

/// The `<loc>` of every `<url>` in a sitemap, and the hreflangs of each.
fn sitemap_entries(xml: &str) -> Vec<(String, Vec<String>)> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("url"))
        .map(|u| {
            let loc = u
                .children()
                .find(|n| n.has_tag_name("loc"))
                .and_then(|n| n.text())
                .unwrap_or("")
                .to_string();
            let langs = u
                .descendants()
                .filter(|n| n.has_tag_name(("http://www.w3.org/1999/xhtml", "link")))
                .filter_map(|n| n.attribute("hreflang"))
                .map(str::to_string)
                .collect();
            (loc, langs)
        })
        .collect()
}

#[tokio::test]
async fn a_big_site_s_sitemap_is_split_into_files_each_read_on_its_own() {
    let f = fixture().await;
    // One file per two articles here: a site with a few thousand times
    // more articles is split the same way (5,000 per file by default), so no
    // request reads or writes a whole language.
    let whole = web::router(portal(&f).with_sitemap_file_size(1_000));
    let split = web::router(portal(&f).with_sitemap_file_size(2));
    let everything = sitemap_entries(&get(&whole, "/fr/sitemap.xml").await.body);
    let articles = everything
        .iter()
        .filter(|(loc, _)| loc.rsplit('/').next().is_some_and(|l| l.contains('-')))
        .count();
    assert!(articles > 2, "{everything:?}");
    let index = get(&split, "/sitemap.xml").await.body;
    let files = articles.div_ceil(2);
    for file in 2..=files {
        let loc = format!("<loc>{BASE}/fr/sitemap.xml?page={file}</loc>");
        assert!(index.contains(&loc), "{loc} in {index}");
    }
    let past = format!("/fr/sitemap.xml?page={}", files + 1);
    assert!(!index.contains(&past), "{index}");
    assert_eq!(get(&split, &past).await.status, 404);
    // The offset of the largest page number saturates instead of overflowing.
    assert_eq!(
        get(&split, "/fr/sitemap.xml?page=9223372036854775807")
            .await
            .status,
        404
    );
    let mut joined = Vec::new();
    for file in 1..=files {
        let got = get(&split, &format!("/fr/sitemap.xml?page={file}")).await;
        assert_eq!(got.status, 200, "file {file}");
        let entries = sitemap_entries(&got.body);
        let in_file = entries
            .iter()
            .filter(|(loc, _)| loc.rsplit('/').next().is_some_and(|l| l.contains('-')))
            .count();
        assert!((1..=2).contains(&in_file), "file {file}: {entries:?}");
        joined.extend(entries);
    }
    // The same addresses with the same alternates, only spread over files.
    assert_eq!(joined, everything);
}

#[tokio::test]
async fn news_sitemap_lists_the_last_two_days_only() {
    let f = fixture().await;
    let app = web::router(portal(&f));
    let got = get(&app, "/sitemap-news.xml").await;
    assert_eq!(got.status, 200);
    let doc = roxmltree::Document::parse(&got.body).unwrap();
    let news = "http://www.google.com/schemas/sitemap-news/0.9";
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name((news, "title")))
        .filter_map(|n| n.text())
        .collect();
    assert!(titles.contains(&"Combats à Koursk : la Russie renforce sa défense"));
    assert!(titles.contains(&"Chiến sự ở Kursk: Nga tăng cường phòng thủ"));
    assert!(!titles.contains(&"Article ancien"), "three days old");
    assert!(!titles.contains(&"Article retiré"));
    let languages: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name((news, "language")))
        .filter_map(|n| n.text())
        .collect();
    assert!(languages.contains(&"fr") && languages.contains(&"vi") && languages.contains(&"en"));
}

#[tokio::test]
async fn robots_txt_points_at_the_sitemap() {
    let f = fixture().await;
    let app = web::router(portal(&f));
    let got = get(&app, "/robots.txt").await;
    assert_eq!(got.status, 200);
    assert!(got.body.contains(&format!("Sitemap: {BASE}/sitemap.xml")));
    assert!(got.body.contains("User-agent: *"));
}

#[tokio::test]
async fn feed_items_credit_the_publisher_the_bylines_and_link_the_original() {
    let f = fixture().await;
    let app = web::router(portal(&f));
    let main_title = "Combats à Koursk : la Russie renforce sa défense";

    let rss_body = get(&app, "/fr/feed.xml").await.body;
    let channel = rss::Channel::from_str(&rss_body).expect("valid RSS");
    let item = channel
        .items()
        .iter()
        .find(|i| i.title() == Some(main_title))
        .expect("main article");
    let source = item.source().expect("the item names its source");
    assert_eq!(source.title(), Some(PUBLISHER));
    assert!(
        source.url().starts_with("https://baomau.example.vn/"),
        "{}",
        source.url()
    );
    let dc = item.dublin_core_ext().expect("bylines as dc:creator");
    assert_eq!(dc.creators(), ["Nguyễn Văn An"]);
    // The picture is a media:content (no unknown byte length in an enclosure).
    assert!(item.enclosure().is_none());
    let media = &item.extensions()["media"]["content"][0];
    assert_eq!(media.attrs()["medium"], "image");
    // Our social card of the mirrored picture, never the publisher's file.
    assert!(media.attrs()["url"].starts_with("https://news.example/media/"));
    assert!(rss_body.contains("xmlns:media=\"http://search.yahoo.com/mrss/\""));

    let atom = feed_rs::parser::parse(get(&app, "/fr/atom.xml").await.body.as_bytes()).unwrap();
    let entry = atom
        .entries
        .iter()
        .find(|e| e.title.as_ref().map(|t| t.content.as_str()) == Some(main_title))
        .expect("main article in Atom");
    let authors: Vec<&str> = entry
        .authors
        .iter()
        .map(|p| p.name.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(authors, ["Nguyễn Văn An"], "the byline, not the portal");
    let via = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref() == Some("via"))
        .expect("a via link to the original");
    assert_eq!(via.href, source.url());
    assert_eq!(via.title.as_deref(), Some(PUBLISHER));
}
