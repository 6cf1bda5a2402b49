//! The tolerant reading path, one test per class of document that feed
//! readers take and strict parsers refuse: the entries come back and the
//! repair is named in words an operator acts on.

use ingest::{read_feed, read_sitemap, Repair, Sitemap};

fn conformance(path: &str) -> Vec<u8> {
    let path = format!("{}/tests/conformance/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Reads a publisher-style feed: its entry count and its repairs.
fn feed(name: &str) -> (usize, Vec<Repair>) {
    let url = format!("https://conformance.example/feeds/publishers/{name}");
    let r = read_feed(&conformance(&format!("feeds/publishers/{name}")), &url).unwrap();
    (r.found.len(), r.repairs)
}

#[test]
fn rss_with_a_default_namespace_is_read_and_named() {
    let (n, repairs) = feed("rss2-default-namespace.xml");
    assert_eq!(n, 10);
    assert_eq!(
        repairs,
        [Repair::DefaultNamespace {
            namespace: "http://backend.userland.com/rss2".into()
        }]
    );
    assert!(repairs[0]
        .to_string()
        .starts_with("this RSS has a default namespace (http://backend.userland.com/rss2)"));
}

#[test]
fn rss_without_a_version_is_read_as_rss_2() {
    assert_eq!(
        feed("rss-no-version.xml"),
        (5, vec![Repair::MissingVersion])
    );
}

#[test]
fn rss_0_90_and_atom_0_3_are_read_as_legacy_formats() {
    let (n, repairs) = feed("rss090.rdf");
    assert_eq!(n, 3);
    assert_eq!(
        repairs,
        [Repair::LegacyFormat {
            format: "RSS 0.90".into()
        }]
    );
    let (n, repairs) = feed("atom03.xml");
    assert_eq!(n, 2);
    assert_eq!(
        repairs,
        [Repair::LegacyFormat {
            format: "Atom 0.3".into()
        }]
    );
}

#[test]
fn bare_ampersands_entities_and_control_characters_are_repaired() {
    let (n, repairs) = feed("rss2-bare-ampersand.xml");
    assert_eq!(n, 3);
    assert_eq!(repairs, [Repair::BareAmpersands { count: 5 }]);
    // feed-rs takes HTML entities in its stride: its result is kept, and
    // the titles read as text.
    let url = "https://conformance.example/feeds/publishers/rss2-html-entities.xml";
    let r = read_feed(&conformance("feeds/publishers/rss2-html-entities.xml"), url).unwrap();
    assert!(r.repairs.is_empty(), "{:?}", r.repairs);
    assert_eq!(
        r.found[0].title.as_deref(),
        Some("Législatives : les résultats")
    );
    // With a bare `&` beside them, the tolerant reader repairs both.
    let doc = "<rss version=\"2.0\"><channel><item><title>caf&eacute;&nbsp;&amp; co</title><link>https://pub.example/?a=1&b=2</link></item></channel></rss>";
    let r = read_feed(doc.as_bytes(), url).unwrap();
    assert_eq!(r.found[0].url, "https://pub.example/?a=1&b=2");
    assert_eq!(r.found[0].title.as_deref(), Some("café & co"));
    assert_eq!(
        r.repairs,
        [
            Repair::BareAmpersands { count: 1 },
            Repair::HtmlEntities { count: 2 }
        ]
    );
    // quick-xml (inside feed-rs) lets control characters through; they
    // never reach a title or summary.
    let url = "https://conformance.example/feeds/publishers/rss2-control-chars.xml";
    let r = read_feed(&conformance("feeds/publishers/rss2-control-chars.xml"), url).unwrap();
    assert_eq!(r.found.len(), 2);
    assert_eq!(r.found[0].title.as_deref(), Some("Giá xăng giảm"));
    assert_eq!(
        r.found[0].summary.as_deref(),
        Some("Từ 15h chiều nay giá xăng giảm")
    );
    // Where they break the XML (inside a tag), the tolerant reader drops them.
    let doc = "<rss version=\"2.0\"><channel><item\u{1}><link>https://pub.example/c</link></item></channel></rss>";
    let r = read_feed(doc.as_bytes(), url).unwrap();
    assert_eq!(r.found.len(), 1, "{r:?}");
    assert!(
        r.repairs.contains(&Repair::ControlCharacters { count: 1 }),
        "{:?}",
        r.repairs
    );
}

#[test]
fn a_truncated_feed_keeps_its_items_and_says_it_was_cut() {
    let (n, repairs) = feed("rss2-truncated.xml");
    assert_eq!(n, 7, "six complete items and the last one's completed link");
    assert_eq!(repairs, [Repair::Truncated]);
}

#[test]
fn a_lenient_json_feed_is_read_and_attachments_are_not_articles() {
    let (n, repairs) = feed("jsonfeed-http-version.json");
    assert_eq!(n, 3);
    assert_eq!(
        repairs,
        [Repair::JsonFeedVersion {
            version: "http://jsonfeed.org/version/1".into()
        }]
    );
    let url = "https://conformance.example/feeds/publishers/jsonfeed-tags-string-attachments.json";
    let r = read_feed(
        &conformance("feeds/publishers/jsonfeed-tags-string-attachments.json"),
        url,
    )
    .unwrap();
    let urls: Vec<_> = r.found.iter().map(|e| e.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://podcast.example/episodes/12",
            "https://podcast.example/episodes/10"
        ]
    );
    assert_eq!(r.found[0].categories, ["politique", "europe"]);
    assert_eq!(r.skipped, 1, "the item with only a .zip attachment");
}

#[test]
fn guids_ids_and_link_text_resolve_as_readers_resolve_them() {
    let read = |name: &str| {
        let url = format!("https://conformance.example/feeds/publishers/{name}");
        read_feed(&conformance(&format!("feeds/publishers/{name}")), &url)
            .unwrap()
            .found
            .into_iter()
            .map(|e| e.url)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        read("rss2-relative-guid.xml"),
        [
            "https://blog.example/2024/05/premier-billet",
            "https://blog.example/2024/05/second-billet",
            "https://blog.example/2024/05/troisieme"
        ]
    );
    assert_eq!(
        read("atom-id-xml-base.xml"),
        [
            "https://wiki.example/news/release-2.0/",
            "https://wiki.example/blog/2024/roadmap"
        ]
    );
    assert_eq!(
        read("atom-link-text.xml"),
        [
            "https://handmade.example/posts/one.html",
            "https://handmade.example/posts/two.html"
        ]
    );
    assert_eq!(
        read("atom-multiple-links.xml"),
        [
            "https://blogger.example/2024/05/post.html",
            "https://blogger.example/2024/04/slides.html"
        ]
    );
    assert_eq!(
        read("rss2-atom-link-and-comments.xml"),
        [
            "https://wp.example/2024/05/hello-world/",
            "https://wp.example/2024/05/second/"
        ],
        "a GUID with isPermaLink=\"false\" is never the article"
    );
}

#[test]
fn a_feed_the_strict_parser_reads_has_no_repairs() {
    let body = std::fs::read(format!("{}/testdata/rss2.xml", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let r = read_feed(&body, "https://baomau.example/rss").unwrap();
    assert_eq!(r.found.len(), 3);
    assert!(r.repairs.is_empty(), "{:?}", r.repairs);
}

#[test]
fn not_a_feed_is_an_error_naming_the_root() {
    let err = read_feed(b"<html><body>hello</body></html>", "https://pub.example/x").unwrap_err();
    assert!(
        err.to_string().contains("the root element is <html>"),
        "{err}"
    );
}

fn sitemap(name: &str) -> ingest::Reading<Sitemap> {
    let url = format!("https://conformance.example/sitemaps/{name}");
    read_sitemap(&conformance(&format!("sitemaps/{name}")), &url).unwrap()
}

#[test]
fn plain_text_sitemaps_are_read_plain_gzipped_and_with_a_bom() {
    for name in ["sitemap.txt", "sitemap-text.txt.gz", "sitemap-bom.txt"] {
        let r = sitemap(name);
        assert!(
            matches!(&r.found, Sitemap::Urls(u) if u.len() >= 2),
            "{name}"
        );
        assert_eq!(r.repairs, [Repair::PlainTextSitemap], "{name}");
    }
}

#[test]
fn a_feed_given_as_a_sitemap_is_read_as_a_feed() {
    let r = sitemap("sitemap-atom-feed.xml");
    assert!(matches!(&r.found, Sitemap::Urls(u) if u.len() == 2));
    assert_eq!(r.repairs, [Repair::FeedAsSitemap]);
    assert!(r.repairs[0]
        .to_string()
        .contains("set the source's kind to feed"));
}

#[test]
fn a_url_without_loc_is_skipped_never_the_sitemap_itself() {
    let r = sitemap("sitemap-missing-loc.xml");
    let Sitemap::Urls(urls) = &r.found else {
        panic!("not a urlset")
    };
    assert_eq!(urls.len(), 2);
    assert!(urls
        .iter()
        .all(|u| !u.url.ends_with("sitemap-missing-loc.xml")));
    assert_eq!(r.repairs, [Repair::MissingLoc { count: 3 }]);
    assert_eq!(r.skipped, 3);
    assert!(r.repairs[0]
        .to_string()
        .starts_with("this sitemap has 3 <url> or <sitemap> entries with no <loc>"));

    let r = sitemap("sitemapindex-missing-and-self.xml");
    let Sitemap::Index(children) = &r.found else {
        panic!("not an index")
    };
    assert!(children
        .iter()
        .all(|c| !c.url.ends_with("sitemapindex-missing-and-self.xml")));
    assert_eq!(children.len(), 2);
}

#[test]
fn an_empty_or_unreadable_sitemap_says_what_it_is() {
    let err = read_sitemap(b"  \n", "https://pub.example/s").unwrap_err();
    assert!(err.to_string().contains("the document is empty"), "{err}");
    let err = read_sitemap(b"hello\nworld\n", "https://pub.example/s").unwrap_err();
    assert!(
        err.to_string()
            .contains("neither XML nor a plain-text list"),
        "{err}"
    );
}
