//! Discovery over the fixture feeds, sitemaps and pages in `testdata/`.

use ingest::{parse_feed, parse_listing, parse_sitemap, DiscoverError, Sitemap};
use regex::Regex;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/testdata/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn urls(entries: &[ingest::DiscoveredEntry]) -> Vec<&str> {
    entries.iter().map(|e| e.url.as_str()).collect()
}

#[test]
fn rss2_items_become_entries() {
    let entries = parse_feed(
        &fixture("rss2.xml"),
        "https://baomau.example/rss/tin-moi.rss",
    )
    .unwrap();
    assert_eq!(
        urls(&entries),
        [
            "https://baomau.example/thoi-su/ha-noi-mua-lon-1001.html",
            "https://baomau.example/kinh-doanh/gia-vang-1002.html",
            "https://baomau.example/xa-hoi/guid-permalink-1003.html",
        ],
        "relative links resolved, linkless item skipped, duplicate kept once"
    );
    let first = &entries[0];
    assert_eq!(
        first.title.as_deref(),
        Some("Hà Nội mưa lớn, nhiều tuyến phố ngập sâu")
    );
    assert_eq!(first.categories, ["Thời sự", "Hà Nội"]);
    assert_eq!(
        first.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2024-05-01T01:30:00+00:00")
    );
    assert_eq!(
        first.summary.as_deref(),
        Some("Mưa lớn kéo dài khiến giao thông ùn tắc.")
    );
    assert_eq!(
        entries[1].title.as_deref(),
        Some("Giá vàng tăng mạnh & lập đỉnh")
    );
}

#[test]
fn legacy_vietnamese_encoding_is_decoded_and_composed() {
    let entries = parse_feed(
        &fixture("rss2-windows-1258.xml"),
        "https://baocu.example/rss",
    )
    .unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(
        entries[0].title.as_deref(),
        Some("Quốc hội thông qua luật đất đai sửa đổi")
    );
    assert_eq!(entries[0].categories, ["Thời sự"]);
}

#[test]
fn rss1_items_become_entries() {
    let entries = parse_feed(&fixture("rss1.rdf"), "https://baomau.example/rss1.rdf").unwrap();
    assert_eq!(
        urls(&entries),
        [
            "https://baomau.example/the-thao/doi-tuyen-thang-2001.html",
            "https://baomau.example/van-hoa/le-hoi-2002.html",
        ]
    );
    assert_eq!(entries[0].title.as_deref(), Some("Đội tuyển thắng 3-0"));
    assert!(entries[0].published.is_some() || entries[0].updated.is_some());
}

#[test]
fn atom_entries_use_the_alternate_link() {
    let entries = parse_feed(&fixture("atom.xml"), "https://baomau.example/atom.xml").unwrap();
    assert_eq!(
        urls(&entries),
        [
            "https://baomau.example/kinh-doanh/tang-truong-3001.html",
            "https://baomau.example/the-gioi/tin-3003.html",
        ],
        "entry with only an edit link skipped"
    );
    let e = &entries[0];
    assert_eq!(e.title.as_deref(), Some("Kinh tế quý I tăng trưởng 5,66%"));
    assert_eq!(e.categories, ["kinh-doanh"]);
    assert_eq!(
        e.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2024-04-29T02:00:00+00:00")
    );
    assert_eq!(
        e.updated.map(|d| d.to_rfc3339()).as_deref(),
        Some("2024-05-01T10:00:00+00:00")
    );
    assert_eq!(
        e.summary.as_deref(),
        Some("GDP quý I tăng 5,66% so với cùng kỳ.")
    );
}

#[test]
fn json_feed_items_become_entries() {
    let entries = parse_feed(&fixture("feed.json"), "https://baomau.example/feed.json").unwrap();
    assert_eq!(
        urls(&entries),
        ["https://baomau.example/cong-nghe/ai-4001.html"]
    );
    assert_eq!(entries[0].categories, ["Công nghệ", "AI"]);
    assert!(entries[0].published.is_some());
    assert!(entries[0].updated.is_some());
}

#[test]
fn garbage_is_a_feed_error_naming_the_url() {
    let err = parse_feed(b"<html><body>not a feed", "https://baomau.example/x").unwrap_err();
    assert!(matches!(err, DiscoverError::Feed { .. }));
    assert!(err.to_string().contains("https://baomau.example/x"));
    assert!(matches!(
        parse_feed(b"", "relative/path"),
        Err(DiscoverError::BaseUrl { .. })
    ));
}

#[test]
fn sitemap_index_lists_children_with_lastmod() {
    let Sitemap::Index(children) = parse_sitemap(
        &fixture("sitemap-index.xml"),
        "https://baomau.example/sitemap.xml",
    )
    .unwrap() else {
        panic!("expected an index");
    };
    let got: Vec<_> = children
        .iter()
        .map(|c| (c.url.as_str(), c.lastmod.map(|d| d.to_rfc3339())))
        .collect();
    assert_eq!(
        got,
        [
            (
                "https://baomau.example/sitemaps/news.xml",
                Some("2024-05-01T03:00:00+00:00".to_owned())
            ),
            (
                "https://baomau.example/sitemaps/2024-04.xml.gz",
                Some("2024-04-30T00:00:00+00:00".to_owned())
            ),
            ("https://baomau.example/sitemaps/pages.xml", None),
        ]
    );
}

#[test]
fn news_sitemap_gives_titles_dates_and_keywords() {
    let Sitemap::Urls(entries) = parse_sitemap(
        &fixture("news-sitemap.xml"),
        "https://baomau.example/news.xml",
    )
    .unwrap() else {
        panic!("expected a urlset");
    };
    assert_eq!(
        urls(&entries),
        [
            "https://baomau.example/thoi-su/ha-noi-mua-lon-1001.html",
            "https://baomau.example/kinh-doanh/gia-vang-1002.html?a=1&b=2",
        ],
        "image:loc is not an article; repeated URL kept once"
    );
    let e = &entries[0];
    assert_eq!(
        e.title.as_deref(),
        Some("Hà Nội mưa lớn, nhiều tuyến phố ngập sâu")
    );
    assert_eq!(e.categories, ["thời sự", "Hà Nội", "mưa lớn"]);
    assert_eq!(
        e.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2024-05-01T01:30:00+00:00")
    );
    assert_eq!(
        e.updated.map(|d| d.to_rfc3339()).as_deref(),
        Some("2024-05-01T02:00:00+00:00")
    );
    assert_eq!(
        entries[1].title.as_deref(),
        Some("Giá vàng tăng mạnh & lập đỉnh")
    );
}

#[test]
fn gzipped_sitemap_is_read_like_the_plain_one() {
    let plain = parse_sitemap(
        &fixture("sitemap-plain.xml"),
        "https://baomau.example/s.xml",
    )
    .unwrap();
    let gz = parse_sitemap(
        &fixture("sitemap-2024-04.xml.gz"),
        "https://baomau.example/s.xml.gz",
    )
    .unwrap();
    assert_eq!(plain, gz);
    let Sitemap::Urls(entries) = gz else {
        panic!("expected a urlset");
    };
    assert_eq!(
        urls(&entries),
        [
            "https://baomau.example/thoi-su/bai-5001.html",
            "https://baomau.example/thoi-su/bai-5002.html",
            "https://baomau.example/thoi-su/bai-5003.html",
        ]
    );
}

#[test]
fn truncated_sitemap_keeps_the_items_before_the_break() {
    let full = fixture("sitemap-plain.xml");
    let cut = &full[..full.len() - 120];
    let Sitemap::Urls(entries) = parse_sitemap(cut, "https://baomau.example/s.xml").unwrap() else {
        panic!("expected a urlset");
    };
    assert!(!entries.is_empty());
    assert!(entries.len() < 3);
}

#[test]
fn non_sitemaps_are_errors() {
    for body in [
        &b"<html><body/></html>"[..],
        b"",
        b"\x1f\x8bnot gzip",
        b"<urlset><url><loc",
    ] {
        let err = parse_sitemap(body, "https://baomau.example/s.xml").unwrap_err();
        assert!(matches!(err, DiscoverError::Sitemap { .. }), "{err}");
    }
}

#[test]
fn listing_page_links_matching_the_pattern() {
    let pattern = Regex::new(r"/thoi-su/.+\.html").unwrap();
    let entries = parse_listing(
        &fixture("section.html"),
        "https://baomau.example/thoi-su/",
        &pattern,
    )
    .unwrap();
    assert_eq!(
        urls(&entries),
        [
            "https://baomau.example/thoi-su/ha-noi-mua-lon-1001.html",
            "https://baomau.example/thoi-su/cau-moi-1005.html?utm_source=home",
            "https://baomau.example/thoi-su/thoi-su/relative-1006.html",
        ]
    );
    assert_eq!(
        entries[0].title.as_deref(),
        Some("Hà Nội mưa lớn, nhiều tuyến phố ngập sâu"),
        "the image link has no text; the headline link gives the title"
    );
}
