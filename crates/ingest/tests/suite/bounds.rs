//! Every bound on a feed or sitemap, each with the input that crosses it:
//! nesting depth, number of entries. (A sitemap index's depth, one level,
//! is tested against a server in `health.rs`.)

use ingest::{
    read_feed, read_sitemap, Repair, Sitemap, MAX_FEED_ENTRIES, MAX_SITEMAP_ENTRIES, MAX_XML_DEPTH,
};

const FEED: &str = "https://pub.example/feed.xml";
const SITEMAP: &str = "https://pub.example/sitemap.xml";

fn rss_items(n: usize, extra: &str) -> String {
    let mut doc = String::from("<rss version=\"2.0\"><channel><title>t</title>");
    for i in 0..n {
        doc.push_str(&format!(
            "<item><link>https://pub.example/a/{i}{extra}</link></item>"
        ));
    }
    doc.push_str("</channel></rss>");
    doc
}

#[test]
fn a_feed_with_too_many_items_keeps_the_first_ones() {
    let doc = rss_items(MAX_FEED_ENTRIES + 3, "");
    let r = read_feed(doc.as_bytes(), FEED).unwrap();
    assert_eq!(r.found.len(), MAX_FEED_ENTRIES);
    assert_eq!(r.found[0].url, "https://pub.example/a/0");
    assert!(r.repairs.contains(&Repair::TooManyEntries {
        limit: MAX_FEED_ENTRIES
    }));
}

#[test]
fn the_tolerant_reader_stops_at_the_same_number_of_items() {
    // A bare `&` sends the feed to the tolerant reader.
    let doc = rss_items(MAX_FEED_ENTRIES + 3, "?a=1&b=2");
    let r = read_feed(doc.as_bytes(), FEED).unwrap();
    assert_eq!(r.found.len(), MAX_FEED_ENTRIES);
    assert!(r.repairs.contains(&Repair::TooManyEntries {
        limit: MAX_FEED_ENTRIES
    }));
    assert!(matches!(r.repairs[0], Repair::BareAmpersands { .. }));
}

#[test]
fn a_json_feed_with_too_many_items_keeps_the_first_ones() {
    let items: Vec<String> = (0..MAX_FEED_ENTRIES + 3)
        .map(|i| format!("{{\"id\":{i},\"url\":\"https://pub.example/j/{i}\",\"tags\":\"x\"}}"))
        .collect();
    let doc = format!(
        "{{\"version\":\"https://jsonfeed.org/version/1\",\"items\":[{}]}}",
        items.join(",")
    );
    let r = read_feed(doc.as_bytes(), FEED).unwrap();
    assert_eq!(r.found.len(), MAX_FEED_ENTRIES);
    assert!(r.repairs.contains(&Repair::TooManyEntries {
        limit: MAX_FEED_ENTRIES
    }));
}

#[test]
fn a_feed_nested_too_deep_is_read_without_recursion() {
    let depth = 100_000;
    let doc = format!(
        "<rss version=\"2.0\"><channel><item><link>https://pub.example/deep</link><description>{}x{}</description></item><item><link>https://pub.example/after</link></item></channel></rss>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let r = read_feed(doc.as_bytes(), FEED).unwrap();
    let urls: Vec<_> = r.found.iter().map(|e| e.url.as_str()).collect();
    assert_eq!(
        urls,
        ["https://pub.example/deep", "https://pub.example/after"]
    );
    assert!(
        r.repairs.contains(&Repair::TooDeep {
            limit: MAX_XML_DEPTH
        }),
        "{:?}",
        r.repairs
    );
}

#[test]
fn a_feed_just_within_the_depth_limit_is_read_strictly() {
    let depth = MAX_XML_DEPTH - 4; // rss, channel, item, description
    let doc = format!(
        "<rss version=\"2.0\"><channel><item><link>https://pub.example/ok</link><description>{}x{}</description></item></channel></rss>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let r = read_feed(doc.as_bytes(), FEED).unwrap();
    assert_eq!(r.found.len(), 1);
    assert!(r.repairs.is_empty(), "{:?}", r.repairs);
}

#[test]
fn a_deeply_nested_json_feed_is_refused_not_a_crash() {
    let doc = format!(
        "{{\"version\":\"https://jsonfeed.org/version/1\",\"items\":[{{\"url\":\"https://pub.example/j\",\"x\":{}{}}}]}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let err = read_feed(doc.as_bytes(), FEED).unwrap_err();
    assert!(err.to_string().contains("recursion"), "{err}");
}

#[test]
fn a_sitemap_with_too_many_urls_keeps_the_first_ones() {
    let mut doc = String::from("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
    for i in 0..MAX_SITEMAP_ENTRIES + 3 {
        doc.push_str(&format!("<url><loc>https://pub.example/s/{i}</loc></url>"));
    }
    doc.push_str("</urlset>");
    let r = read_sitemap(doc.as_bytes(), SITEMAP).unwrap();
    let Sitemap::Urls(urls) = r.found else {
        panic!("not a urlset")
    };
    assert_eq!(urls.len(), MAX_SITEMAP_ENTRIES);
    assert!(r.repairs.contains(&Repair::TooManyEntries {
        limit: MAX_SITEMAP_ENTRIES
    }));
}

#[test]
fn a_plain_text_sitemap_with_too_many_urls_keeps_the_first_ones() {
    let doc: String = (0..MAX_SITEMAP_ENTRIES + 3)
        .map(|i| format!("https://pub.example/t/{i}\n"))
        .collect();
    let r = read_sitemap(doc.as_bytes(), SITEMAP).unwrap();
    let Sitemap::Urls(urls) = r.found else {
        panic!("not a urlset")
    };
    assert_eq!(urls.len(), MAX_SITEMAP_ENTRIES);
    assert!(r.repairs.contains(&Repair::TooManyEntries {
        limit: MAX_SITEMAP_ENTRIES
    }));
}

#[test]
fn a_deeply_nested_sitemap_is_read_without_recursion() {
    let depth = 20_000;
    let doc = format!(
        "<urlset><url><loc>https://pub.example/s/1</loc><x>{}{}</x></url><url><loc>https://pub.example/s/2</loc></url></urlset>",
        "<y>".repeat(depth),
        "</y>".repeat(depth)
    );
    let r = read_sitemap(doc.as_bytes(), SITEMAP).unwrap();
    let Sitemap::Urls(urls) = r.found else {
        panic!("not a urlset")
    };
    assert_eq!(urls.len(), 2);
}

#[test]
fn a_feed_served_as_a_sitemap_is_bounded_like_a_feed() {
    let doc = rss_items(MAX_FEED_ENTRIES + 1, "");
    let r = read_sitemap(doc.as_bytes(), SITEMAP).unwrap();
    let Sitemap::Urls(urls) = r.found else {
        panic!("not a urlset")
    };
    assert_eq!(urls.len(), MAX_FEED_ENTRIES);
    assert_eq!(r.repairs[0], Repair::FeedAsSitemap);
}

#[test]
fn a_sitemap_nested_beyond_the_xml_readers_limit_is_refused_not_a_crash() {
    let depth = 100_000;
    let doc = format!(
        "<urlset><url><x>{}{}</x><loc>https://pub.example/s/1</loc></url></urlset>",
        "<y>".repeat(depth),
        "</y>".repeat(depth)
    );
    let err = read_sitemap(doc.as_bytes(), SITEMAP).unwrap_err();
    assert!(err.to_string().contains("deeper than"), "{err}");
}
