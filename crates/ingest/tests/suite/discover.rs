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

/// Feeds of the font-encoding era: declared latin-1, written in TCVN3 (ABC)
/// or VNI-Windows; their titles come out as composed Vietnamese.
#[test]
fn tcvn3_and_vni_feeds_are_decoded() {
    for name in ["rss2-tcvn3.xml", "rss2-vni.xml"] {
        let entries = parse_feed(&fixture(name), "https://baocu.example/rss").unwrap();
        assert_eq!(
            urls(&entries),
            [
                "https://baocu.example/thoi-su/luat-dat-dai-7001.html",
                "https://baocu.example/xa-hoi/mua-lon-7002.html"
            ],
            "{name}"
        );
        let titles: Vec<_> = entries
            .iter()
            .map(|e| e.title.as_deref().unwrap())
            .collect();
        assert_eq!(
            titles,
            [
                "Quốc hội thông qua Luật Đất đai sửa đổi",
                "Hà Nội: Mưa lớn kéo dài, nhiều tuyến phố ngập sâu"
            ],
            "{name}"
        );
        assert_eq!(entries[0].categories, ["Thời sự"], "{name}");
        assert_eq!(
            entries[1].summary.as_deref(),
            Some("Mưa lớn kéo dài khiến nhiều tuyến phố ngập sâu, giao thông ùn tắc."),
            "{name}"
        );
    }
}

/// Section pages set in .VnTime (TCVN3) and VNI-Times: link titles decoded.
#[test]
fn tcvn3_and_vni_section_pages_are_decoded() {
    let pattern = Regex::new(r"-\d+\.html$").unwrap();
    for name in ["section-tcvn3.html", "section-vni.html"] {
        let html = fixture(name);
        let entries = parse_listing(&html, "https://baocu.example/thoi-su/", &pattern).unwrap();
        let titles: Vec<_> = entries
            .iter()
            .map(|e| e.title.as_deref().unwrap())
            .collect();
        assert_eq!(
            titles,
            [
                "Thủ tướng yêu cầu khẩn trương khắc phục hậu quả bão số 3",
                "Giá vàng hôm nay tăng mạnh",
                "Đội tuyển Việt Nam thắng đậm"
            ],
            "{name}"
        );
        assert!(
            ingest::html_to_utf8(&html).contains("<h1>Thời sự</h1>"),
            "{name}"
        );
    }
}

/// A French latin-1 feed is not taken for a Vietnamese font encoding.
#[test]
fn a_french_latin1_feed_stays_latin1() {
    let feed = b"<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss version=\"2.0\"><channel><title>Le Journal</title>\
        <item><title>L'\xe9t\xe9 o\xf9 la r\xe9forme a \xe9t\xe9 vot\xe9e \xe0 l'Assembl\xe9e</title><link>https://journal.example/a-1.html</link></item>\
        <item><title>Apr\xe8s No\xebl, les h\xf4tels de la c\xf4te affichent complet</title><link>https://journal.example/b-2.html</link></item>\
        </channel></rss>";
    let entries = parse_feed(feed, "https://journal.example/rss").unwrap();
    let titles: Vec<_> = entries
        .iter()
        .map(|e| e.title.as_deref().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "L'été où la réforme a été votée à l'Assemblée",
            "Après Noël, les hôtels de la côte affichent complet"
        ]
    );
}
