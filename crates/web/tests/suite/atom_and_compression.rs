//! Atom feeds (parsed by feed-rs, a real feed parser) and response compression
//! (brotli and gzip over real HTTP, with ETag/304 unchanged).

use crate::common;

use std::io::Read;

use common::*;

fn parse(body: &str) -> feed_rs::model::Feed {
    feed_rs::parser::parse(body.as_bytes()).expect("feed-rs parses the feed")
}

#[tokio::test]
async fn atom_feeds_per_language_and_section_parse_and_match_the_rss_ones() {
    let f = fixture().await;
    let app = web::router(portal(&f));
    let got = get(&app, "/fr/atom.xml").await;
    assert_eq!(got.status, 200);
    assert!(got
        .header("content-type")
        .starts_with("application/atom+xml"));
    assert!(got.header("etag").starts_with("W/\""));
    let feed = parse(&got.body);
    assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
    assert_eq!(feed.id, format!("{BASE}/fr/atom.xml"));
    assert_eq!(feed.language.as_deref(), Some("fr"));
    assert!(feed
        .title
        .as_ref()
        .unwrap()
        .content
        .contains("dernières nouvelles"));
    assert!(feed.updated.is_some());
    assert!(feed
        .links
        .iter()
        .any(|l| l.rel.as_deref() == Some("self") && l.href == format!("{BASE}/fr/atom.xml")));
    assert!(feed
        .links
        .iter()
        .any(|l| l.rel.as_deref() == Some("alternate") && l.href == format!("{BASE}/fr/")));
    assert_eq!(feed.entries.len(), f.all.len());
    let main = feed
        .entries
        .iter()
        .find(|e| {
            e.title.as_ref().map(|t| t.content.as_str())
                == Some("Combats à Koursk : la Russie renforce sa défense")
        })
        .expect("main article in the French Atom feed");
    let link = &main.links[0].href;
    assert!(
        link.starts_with(&format!("{BASE}/fr/the-gioi/{}-", f.main)),
        "{link}"
    );
    assert_eq!(&main.id, link);
    assert!(main.published.is_some() && main.updated.is_some());
    assert!(main.summary.is_some());
    assert!(feed
        .entries
        .iter()
        .all(|e| !e.links[0].href.contains(&format!("/{}-", f.taken_down))));
    // Entry ids are unique: one per language version.
    let mut ids: Vec<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), feed.entries.len());

    // The same items as the RSS feed, in the same order.
    let rss = parse(&get(&app, "/fr/feed.xml").await.body);
    let links = |f: &feed_rs::model::Feed| -> Vec<String> {
        f.entries.iter().map(|e| e.links[0].href.clone()).collect()
    };
    assert_eq!(links(&rss), links(&feed));

    let got = get(&app, "/fr/kinh-doanh/atom.xml").await;
    assert_eq!(got.status, 200);
    let section = parse(&got.body);
    assert!(section.title.unwrap().content.contains("Économie"));
    assert_eq!(section.entries.len(), 3);
    assert!(section.entries.iter().all(|e| e
        .categories
        .iter()
        .any(|c| c.label.as_deref() == Some("Économie"))));
    assert_eq!(get(&app, "/fr/nowhere/atom.xml").await.status, 404);
    assert_eq!(get(&app, "/xx/atom.xml").await.status, 404);

    // Conditional GET like every feed.
    let etag = got.header("etag").to_string();
    let again = get_with(&app, "/fr/kinh-doanh/atom.xml", &[("if-none-match", &etag)]).await;
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
}

#[tokio::test]
async fn pages_link_their_atom_and_rss_feeds() {
    let f = fixture().await;
    let app = web::router(portal(&f));
    let home = get(&app, "/de/").await;
    assert!(home.body.contains(r#"type="application/atom+xml" title="#));
    assert!(
        home.body.contains(r#"href="/de/atom.xml""#),
        "home links its Atom feed"
    );
    assert!(home.body.contains(r#"href="/de/feed.xml""#));
    let section = get(&app, "/de/kinh-doanh/").await;
    assert!(section.body.contains(r#"href="/de/kinh-doanh/atom.xml""#));
    // Every linked feed answers and parses.
    for path in [
        "/de/atom.xml",
        "/de/kinh-doanh/atom.xml",
        "/vi/atom.xml",
        "/ja/atom.xml",
    ] {
        let got = get(&app, path).await;
        assert_eq!(got.status, 200, "{path}");
        parse(&got.body);
    }
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::Decompressor::new(bytes, 4096)
        .read_to_end(&mut out)
        .expect("a valid brotli stream");
    out
}

/// The body with the comment form's per-request token blanked (it carries
/// its issue time, so two article pages are never byte-identical).
fn stable(body: &[u8]) -> String {
    let text = String::from_utf8(body.to_vec()).expect("UTF-8 body");
    let marker = "name=\"token\" value=\"";
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find(marker) {
        out.push_str(&rest[..at + marker.len()]);
        rest = &rest[at + marker.len()..];
        rest = &rest[rest.find('"').unwrap_or(0)..];
    }
    out.push_str(rest);
    out
}

fn ungzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("a valid gzip stream");
    out
}

#[tokio::test]
async fn brotli_and_gzip_bodies_decode_to_the_same_response() {
    let f = fixture().await;
    let addr = serve(web::router(portal(&f))).await;
    let article = get(&web::router(portal(&f)), "/fr/").await;
    let main_link = article
        .body
        .split("href=\"")
        .map(|s| s.split('"').next().unwrap())
        .find(|h| h.contains(&format!("/{}-", f.main)))
        .expect("home links the main article")
        .to_string();
    let paths = [
        main_link.as_str(),
        "/fr/kinh-doanh/",
        "/fr/",
        "/static/site.css",
        "/fr/feed.xml",
        "/fr/atom.xml",
        "/fr/sitemap.xml",
        "/sitemap.xml",
        "/api/v1/sections",
    ];
    for path in paths {
        let plain = wire(addr, "GET", path, &[], b"").await;
        assert_eq!(plain.status, 200, "{path}");
        assert_eq!(plain.header("content-encoding"), "", "{path}");

        let br = wire(addr, "GET", path, &[("accept-encoding", "br")], b"").await;
        assert_eq!(br.status, 200, "{path}");
        assert_eq!(br.header("content-encoding"), "br", "{path}");
        assert!(br
            .header("vary")
            .to_ascii_lowercase()
            .contains("accept-encoding"));
        assert_eq!(br.header("content-type"), plain.header("content-type"));
        let decoded = unbrotli(&br.body);
        assert!(
            stable(&decoded) == stable(&plain.body),
            "{path}: brotli body differs"
        );
        if plain.body.len() > 2000 {
            assert!(br.body.len() * 2 < plain.body.len(), "{path} compresses");
        }

        let gz = wire(addr, "GET", path, &[("accept-encoding", "gzip")], b"").await;
        assert_eq!(gz.header("content-encoding"), "gzip", "{path}");
        assert!(
            stable(&ungzip(&gz.body)) == stable(&plain.body),
            "{path}: gzip body differs"
        );

        // The ETag names the content, whatever its coding; 304 still works.
        let etag = br.header("etag").to_string();
        assert!(!etag.is_empty(), "{path}");
        assert_eq!(etag, plain.header("etag"), "{path}");
        let again = wire(
            addr,
            "GET",
            path,
            &[("accept-encoding", "br, gzip"), ("if-none-match", &etag)],
            b"",
        )
        .await;
        assert_eq!(again.status, 304, "{path}");
        assert!(again.body.is_empty());
        assert_eq!(again.header("content-encoding"), "");
    }
    // Brotli preferred when the client takes both.
    let both = wire(
        addr,
        "GET",
        "/fr/",
        &[("accept-encoding", "gzip, deflate, br")],
        b"",
    )
    .await;
    assert_eq!(both.header("content-encoding"), "br");
}
