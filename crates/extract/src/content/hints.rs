//! What class names, ids and roles say about an element.

use crate::classes::KeySet;
use crate::dom::{ClassRule, Dom, NodeId};

/// Substrings of class/id that mark page chrome.
const CHROME: &[&str] = &[
    "share",
    "sharing",
    "social",
    "related",
    "recommend",
    "cookie",
    "consent",
    "gdpr",
    "onetrust",
    "optanon",
    "newsletter",
    "subscri",
    "signup",
    "sign-up",
    "sidebar",
    "side-bar",
    "widget",
    "breadcrumb",
    "pagination",
    "pager",
    "navbar",
    "navigation",
    "menu",
    "footer",
    "masthead",
    "advert",
    "sponsor",
    "promo",
    "popup",
    "modal",
    "toolbar",
    "tagcloud",
    "tag-cloud",
    "taglist",
    "tag-list",
    "disqus",
    "outbrain",
    "taboola",
    "popular",
    "trending",
    "byline",
    "dateline",
    "postmeta",
    "post-meta",
    "entry-meta",
    "article-meta",
    "meta-info",
    "skip-link",
    "sr-only",
    "screen-reader",
    "visually-hidden",
    "more-news",
    "see-also",
    "also-read",
    "login",
    "comment",
    "author-bio",
    "authorbox",
    "author-box",
    "about-author",
    "print",
    "follow-us",
    "app-download",
    "banner",
    "recirc",
    "tin-lien-quan",
    "tinlienquan",
    "box-tin",
    "list-news",
    "box-category",
    "disclaimer",
    "disclosure",
    "teaser",
    "author-info",
    "author-card",
    "author-desc",
    "saboxplugin",
    "kommentar",
    "cta",
    "donat",
    "captcha",
    "news-letter",
    "contact",
    "ez-toc",
    "toc-container",
    "toc_container",
    "table-of-contents",
    "inhaltsverzeichnis",
    "appstore",
    "app-store",
    "next-post",
    "nextpost",
    "next-story",
    "nextstory",
    "prev-next",
    "read-next",
    "up-next",
    "flyout",
];

/// Class prefixes of page builders that wrap every block in a "widget".
const BUILDER_PREFIXES: &[&str] = &["elementor-widget-", "elementor-widget", "elementor-"];

/// Whole tokens of class/id that mark chrome (too short to match as substrings).
const CHROME_TOKENS: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "advertisement",
    "nav",
    "tags",
    "tag",
    "meta",
    "author",
    "date",
    "time",
    "hidden",
    "hide",
    "noprint",
    "aside",
    "header",
    "copyright",
    "credits",
    "keywords",
    "topics",
    "timestamp",
    "published",
    "updated",
    "shares",
    "likes",
    "rating",
    "respond",
    "ratings",
];

/// Last parts of compound class names that mark chrome ("detail-time", "post_tags").
const CHROME_SUFFIXES: &[&str] = &[
    "time",
    "date",
    "author",
    "meta",
    "tags",
    "share",
    "social",
    "byline",
    "comments",
    "related",
    "nav",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "sharing",
    "timestamp",
    "rating",
    "vote",
    // "box-app", "promo-app": boxes that advertise the publisher's mobile app.
    "app",
];

/// Substrings of class/id that mark main text.
pub(crate) const CONTENT: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "main",
    "post",
    "text",
    "blog",
    "story",
    "detail",
    "fck_",
    "maincontent",
];

/// Substrings that mark chrome for readability-style scoring (weaker than removal).
pub(crate) const NEGATIVE: &[&str] = &[
    "combx",
    "comment",
    "com-",
    "contact",
    "foot",
    "footer",
    "footnote",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "tool",
    "widget",
    "hidden",
    "share",
    "social",
    "nav",
    "menu",
    "list",
];

/// What [`is_chrome`] found for each class or id word already seen on this
/// page: a page repeats a few dozen class names over thousands of elements,
/// and testing a word against every chrome stem was a tenth of the extraction
/// time.
#[derive(Default)]
pub(crate) struct ChromeWords(std::collections::HashMap<String, bool, crate::dom::BuildWordHasher>);

/// True when class, id or role say the element is page chrome.
pub(crate) fn is_chrome(dom: &Dom, id: NodeId, seen: &mut ChromeWords) -> bool {
    if let Some(role) = dom.attr(id, "role") {
        if matches!(
            role.trim(),
            "navigation"
                | "banner"
                | "contentinfo"
                | "complementary"
                | "search"
                | "menu"
                | "menubar"
                | "dialog"
                | "alertdialog"
                | "toolbar"
        ) {
            return true;
        }
    }
    let mut chrome_word = |w: &str| {
        if let Some(&hit) = seen.0.get(w) {
            return hit;
        }
        let hit = is_chrome_word(w);
        seen.0.insert(w.to_owned(), hit);
        hit
    };
    dom.class_rule(id, ClassRule::Chrome, |c| {
        let c = c.to_ascii_lowercase();
        // Page builders call every box a widget, prose included.
        let builder = c.split_ascii_whitespace().any(is_builder_box);
        // Utility classes with a variant ("print:break-inside-avoid",
        // "lg:sticky", "[h2]:pt-0") style the element; they name no box.
        u8::from(c.split_ascii_whitespace().any(|w| {
            let styling = w.contains(':') || (builder && w.contains("widget"));
            !styling && chrome_word(w)
        }))
    }) == 1
        || dom.attr(id, "id").is_some_and(|i| {
            i.to_ascii_lowercase()
                .split_ascii_whitespace()
                .any(&mut chrome_word)
        })
}

/// True for a class word that page builders give every box of a page,
/// whatever it holds: SiteOrigin's "so-panel" ("so-panel widget
/// widget_sow-editor") and HubSpot's "widget-span" and "hs_cos_wrapper…"
/// (Elementor's are [`BUILDER_PREFIXES`]).
fn is_builder_box(w: &str) -> bool {
    matches!(w, "so-panel" | "widget-span") || w.starts_with("hs_cos_wrapper")
}

/// The [`CHROME`] stems that start with byte `b`.
fn chrome_stems(b: u8) -> &'static [&'static str] {
    static BY_BYTE: std::sync::OnceLock<Vec<Vec<&'static str>>> = std::sync::OnceLock::new();
    BY_BYTE
        .get_or_init(|| {
            let mut by = vec![Vec::new(); 256];
            for k in CHROME {
                if let Some(&first) = k.as_bytes().first() {
                    by[usize::from(first)].push(*k);
                }
            }
            by
        })
        .get(usize::from(b))
        .map_or(&[], Vec::as_slice)
}

/// True when one lowercase class or id word names page chrome.
fn is_chrome_word(w: &str) -> bool {
    // "js-…" classes are script hooks ("js-truncate-related-to-my-size"), not box
    // names; page builders wrap every block, prose included, in a "widget"
    // ("elementor-widget-text-editor"), so only what follows their prefix names the box.
    if w.starts_with("js-") {
        return false;
    }
    let w = BUILDER_PREFIXES
        .iter()
        .find_map(|p| w.strip_prefix(p))
        .unwrap_or(w);
    // Each position of the word is tried against the stems starting with its
    // byte; short stems must start a part of the name ("pager" is not in
    // "apageroot").
    let b = w.as_bytes();
    let stem = (0..b.len()).any(|i| {
        let part_start = i == 0 || matches!(b[i - 1], b'-' | b'_');
        chrome_stems(b[i]).iter().any(|k| {
            (k.len() >= 6 || part_start)
                && b[i..].starts_with(k.as_bytes())
                && !(*k == "comment" && w.contains("commentary"))
        })
    });
    stem || CHROME_TOKENS.contains(&w)
        || w.strip_prefix("is-")
            .is_some_and(|t| CHROME_TOKENS.contains(&t))
        || w.strip_prefix("post-")
            .is_some_and(|t| CHROME_TOKENS.contains(&t))
        || w.strip_prefix("entry-")
            .is_some_and(|t| CHROME_TOKENS.contains(&t))
        || w.strip_prefix("article-")
            .is_some_and(|t| CHROME_TOKENS.contains(&t))
        || w.rsplit(['-', '_'])
            .next()
            .is_some_and(|last| last != w && !w.contains("--") && CHROME_SUFFIXES.contains(&last))
        || w.strip_suffix("-ad").is_some()
        || w.strip_prefix("ad-").is_some()
}

/// Class/id words that name a box of links to other pages, an author's box or
/// the cookie-consent dialog of a consent platform (OneTrust) so plainly that the box is chrome even when it
/// holds a large share of the page's prose.
const STRONG_CHROME: &[&str] = &[
    "related",
    "recommend",
    "more-news",
    "see-also",
    "also-read",
    "outbrain",
    "taboola",
    "recirc",
    "author-bio",
    "author-box",
    "authorbox",
    "about-author",
    "onetrust",
    "optanon",
];

/// True when class or id name a related-links box ([`STRONG_CHROME`]).
pub(crate) fn is_strong_chrome(dom: &Dom, id: NodeId) -> bool {
    // "js-…" classes are script hooks ("js-truncate-related-to-my-size"), not box names.
    let test = |v: &str| {
        v.to_ascii_lowercase()
            .split_ascii_whitespace()
            .filter(|w| !w.starts_with("js-"))
            .any(|w| STRONG_CHROME.iter().any(|k| w.contains(k)))
    };
    dom.class_rule(id, ClassRule::StrongChrome, |c| u8::from(test(c))) == 1
        || dom.attr(id, "id").is_some_and(test)
}

/// True when chrome is about comments, which are removed even when long.
pub(crate) fn is_comments(dom: &Dom, id: NodeId) -> bool {
    let test = |v: &str| {
        v.to_ascii_lowercase()
            .split_ascii_whitespace()
            .any(|w| (w.contains("comment") && !w.contains("commentary")) || w.contains("disqus"))
    };
    // Most ids name no comments: a byte scan spares them the lower-casing.
    let may_name = |v: &str| {
        let b = v.as_bytes();
        b.windows(7).any(|w| w.eq_ignore_ascii_case(b"comment"))
            || b.windows(6).any(|w| w.eq_ignore_ascii_case(b"disqus"))
    };
    dom.class_rule(id, ClassRule::Comments, |c| u8::from(test(c))) == 1
        || dom.attr(id, "id").is_some_and(|v| may_name(v) && test(v))
}

/// True when `id` holds what readers' comments carry and a publisher's text
/// does not: a reply link or button, an avatar (class or id words with
/// "reply" or "avatar"), or a form to write one (`<form>`, `<textarea>`).
/// Reads at most [`READER_SIGNS_NODES`] nodes.
pub(crate) fn has_reader_comments(dom: &Dom, id: NodeId) -> bool {
    let named = |v: &str| {
        let b = v.as_bytes();
        b.windows(5).any(|w| w.eq_ignore_ascii_case(b"reply"))
            || b.windows(6).any(|w| w.eq_ignore_ascii_case(b"avatar"))
    };
    dom.descendants(id).take(READER_SIGNS_NODES).any(|d| {
        matches!(dom.name(d), Some("form" | "textarea"))
            || dom.attr(d, "class").is_some_and(named)
            || dom.attr(d, "id").is_some_and(named)
    })
}

/// Nodes read by [`has_reader_comments`].
const READER_SIGNS_NODES: usize = 20_000;

/// Readability-style class weight: +25 for content hints, −25 for chrome hints.
pub(crate) fn class_weight(dom: &Dom, id: NodeId) -> f32 {
    let (negative, content) = (KeySet::Negative.bit(), KeySet::Content.bit());
    let mut w = 0.0;
    let mut weigh = |sets: u32| {
        if sets & negative != 0 {
            w -= 25.0;
        }
        if sets & content != 0 {
            w += 25.0;
        }
    };
    if dom.attr(id, "class").is_some() {
        weigh(dom.class_keys(id));
    }
    if let Some(v) = dom.attr(id, "id") {
        weigh(crate::classes::key_sets(v));
    }
    w
}

/// True when inline style or attributes hide the element.
pub(crate) fn is_hidden(dom: &Dom, id: NodeId) -> bool {
    // One pass over the attributes (the parser keeps one of each name).
    let mut style = None;
    for (name, value) in dom.attrs(id) {
        match name {
            "hidden" => return true,
            "aria-hidden" if value == "true" => return true,
            "style" => style = Some(value),
            _ => {}
        }
    }
    if let Some(style) = style {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

/// Class/id patterns of well-known article body containers, strongest first.
pub(crate) const BODY_HINTS: &[&[&str]] = &[
    &[
        "articlebody",
        "article-body",
        "article__body",
        "article-content",
        "article__content",
        "articlecontent",
        "article-text",
        "articletext",
        "post-content",
        "post_content",
        "postcontent",
        "post-body",
        "post-text",
        "post_text",
        "post-entry",
        "postentry",
        "entry-content",
        "story-body",
        "storycontent",
        "story-content",
        "body-text",
        "text-content",
        "page-content",
        "art-content",
        "fck_detail",
        "detail-content",
        "detail__content",
        "detail-body",
        "content-detail",
        "cms-body",
        "singular-content",
        "article__container",
        "afcbc-body",
        "maincontent",
    ],
    &[
        "post-bodycopy",
        "theme-content",
        "blog-content",
        "section-content",
        "single-content",
        "single-post",
        "main-column",
        "wpb_text_column",
        "field-body",
        "fulltext",
        "field-item",
    ],
    &[
        "content-main",
        "content_main",
        "content-body",
        "contentbody",
        "content__body",
        "main-content",
        "main_content",
    ],
];

/// [`BODY_HINTS`] with "_" written "-", as the class names are compared.
fn folded_body_hints() -> &'static [Vec<String>] {
    static FOLDED: std::sync::OnceLock<Vec<Vec<String>>> = std::sync::OnceLock::new();
    FOLDED.get_or_init(|| {
        BODY_HINTS
            .iter()
            .map(|tier| tier.iter().map(|k| k.replace('_', "-")).collect())
            .collect()
    })
}

/// Which tier of [`BODY_HINTS`] the element's class or id matches.
pub(crate) fn body_hint_tier(dom: &Dom, id: NodeId) -> Option<usize> {
    if !matches!(
        dom.name(id),
        Some("div" | "article" | "section" | "main" | "td")
    ) {
        return None;
    }
    if dom.attr(id, "itemprop") == Some("articleBody") {
        return Some(0);
    }
    if dom.attr(id, "class").is_none() && dom.attr(id, "id").is_none() {
        return None;
    }
    // Compare with "_" and "--" folded to "-": "post_content", "article--body".
    // No name holds a space, so the class and the id are compared apart.
    let tier = |v: &str| {
        let s = v.to_ascii_lowercase().replace('_', "-").replace("--", "-");
        folded_body_hints()
            .iter()
            .position(|tier| tier.iter().any(|k| s.contains(k.as_str())))
    };
    let by_class = dom.class_rule(id, ClassRule::BodyTier, |c| {
        tier(c).map_or(0, |t| u8::try_from(t + 1).unwrap_or(u8::MAX))
    });
    let by_class = usize::from(by_class).checked_sub(1);
    let by_id = dom.attr(id, "id").and_then(tier);
    match (by_class, by_id) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::is_chrome_word;

    #[test]
    fn chrome_words() {
        for w in [
            "ez-toc-container",
            "table-of-contents",
            "read-next",
            "c-flyout",
            "appstores",
            "share-bar",
            "sidebar",
            "ad-slot",
            "elementor-widget-nav-menu",
            "onetrust-consent-sdk",
            "optanon-alert-box-wrapper",
        ] {
            assert!(is_chrome_word(w), "{w}");
        }
        // Sections a table of contents points to are the article.
        for w in [
            "toc_title_1",
            "css-11iztoc",
            "entry-content",
            "commentary",
            "apageroot",
            "elementor-widget-text-editor",
            "js-truncate-related-to-my-size",
        ] {
            assert!(!is_chrome_word(w), "{w}");
        }
    }
}

#[cfg(test)]
mod class_tests {
    use super::{is_chrome, ChromeWords};

    fn chrome(class: &str) -> bool {
        let dom = crate::dom::parse(&format!(r#"<body><p class="{class}">Text</p></body>"#));
        let p = dom.find_all(dom.body(), "p").next().expect("a paragraph");
        is_chrome(&dom, p, &mut ChromeWords::default())
    }

    #[test]
    fn utility_classes_with_a_variant_name_no_box() {
        // Tailwind-style classes style the paragraph for print or wide screens.
        assert!(!chrome(
            "mx-auto print:break-inside-avoid lg:page-no-toc:basis-56 [h2]:pt-0"
        ));
        assert!(!chrome("hover:share-link-underline"));
        // The same words as names are chrome.
        assert!(chrome("print-only mx-auto"));
        assert!(chrome("share-bar lg:flex"));
    }

    #[test]
    fn page_builder_boxes_are_no_sidebar_widgets() {
        // SiteOrigin and HubSpot call every box of the page a widget.
        assert!(!chrome(
            "so-panel widget widget_sow-editor panel-first-child"
        ));
        assert!(!chrome("span12 widget-span widget-type-cell dnd-column"));
        assert!(!chrome(
            "hs_cos_wrapper hs_cos_wrapper_widget hs_cos_wrapper_type_module"
        ));
        // A theme's sidebar widget stays chrome, and so do other names in a builder box.
        assert!(chrome("widget widget_recent_entries"));
        assert!(chrome("so-panel widget social-links"));
    }
}
