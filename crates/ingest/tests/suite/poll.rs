//! Polling and auto-discovery against a sample publisher served on
//! 127.0.0.1 (allow-listed by port).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use chrono::{TimeZone, Utc};
use ingest::{
    autodiscover, poll_source, AllowList, Fetcher, FetcherConfig, FoundVia, Polling, SourceKind,
    SourceSettings,
};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/testdata/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// A fixture with the publisher's host replaced by the test server's.
fn local(name: &str, base: &str) -> String {
    String::from_utf8(fixture(name))
        .unwrap()
        .replace("https://baomau.example", base)
}

type S = State<Arc<String>>;

async fn home(State(base): S) -> Response {
    let html = format!(
        r#"<!doctype html><html><head><title>Báo Mẫu</title>
        <link rel="alternate" type="application/rss+xml" title="Tin mới" href="/rss.xml">
        <link rel="alternate" type="application/atom+xml" href="{base}/atom.xml">
        </head><body><a href="/thoi-su/">Thời sự</a></body></html>"#
    );
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
}

async fn robots(State(base): S) -> String {
    format!("User-agent: *\nDisallow: /admin/\n\nSitemap: {base}/news-sitemap.xml\n")
}

async fn rss(State(base): S, headers: HeaderMap) -> Response {
    if headers.get(header::IF_NONE_MATCH) == Some(&HeaderValue::from_static("\"rss-1\"")) {
        return StatusCode::NOT_MODIFIED.into_response();
    }
    ([(header::ETAG, "\"rss-1\"")], local("rss2.xml", &base)).into_response()
}

async fn sitemap_index(State(base): S) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>{base}/sitemap-2024-04.xml.gz</loc><lastmod>2024-04-30</lastmod></sitemap>
  <sitemap><loc>{base}/news-sitemap.xml</loc><lastmod>2024-05-01T10:00:00+07:00</lastmod></sitemap>
  <sitemap><loc>{base}/missing.xml</loc><lastmod>2024-03-01</lastmod></sitemap>
</sitemapindex>"#
    )
}

async fn serve() -> (SocketAddr, String) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let base = format!("http://{addr}");
    let shared = Arc::new(base.clone());
    let router = Router::new()
        .route("/", get(home))
        .route("/robots.txt", get(robots))
        .route("/rss.xml", get(rss))
        .route(
            "/atom.xml",
            get(|State(b): S| async move { local("atom.xml", &b) }),
        )
        .route("/sitemap.xml", get(sitemap_index))
        .route(
            "/news-sitemap.xml",
            get(|State(b): S| async move { local("news-sitemap.xml", &b) }),
        )
        .route(
            "/sitemap-2024-04.xml.gz",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "application/gzip")],
                    fixture("sitemap-2024-04.xml.gz"),
                )
            }),
        )
        .route(
            "/thoi-su/",
            get(|State(b): S| async move { local("section.html", &b) }),
        )
        .with_state(shared);
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (addr, base)
}

fn fetcher(addr: SocketAddr) -> Fetcher {
    Fetcher::new(FetcherConfig {
        allow: AllowList::parse(&[addr.to_string()]).unwrap(),
        min_host_delay: Duration::ZERO,
        retry_base_delay: Duration::from_millis(10),
        ..FetcherConfig::default()
    })
    .unwrap()
}

#[tokio::test]
async fn autodiscovery_proposes_feeds_and_sitemaps() {
    let (addr, base) = serve().await;
    let found = autodiscover(&fetcher(addr), &format!("{base}/"))
        .await
        .unwrap();
    let got: Vec<_> = found
        .iter()
        .map(|p| (p.kind, p.url.clone(), p.found_via))
        .collect();
    assert_eq!(
        got,
        [
            (
                SourceKind::Feed,
                format!("{base}/rss.xml"),
                FoundVia::HomepageLink
            ),
            (
                SourceKind::Feed,
                format!("{base}/atom.xml"),
                FoundVia::HomepageLink
            ),
            (
                SourceKind::Sitemap,
                format!("{base}/news-sitemap.xml"),
                FoundVia::RobotsTxt
            ),
            (
                SourceKind::Sitemap,
                format!("{base}/sitemap.xml"),
                FoundVia::WellKnownPath
            ),
        ]
    );
    assert_eq!(found[0].title.as_deref(), Some("Tin mới"));
}

#[tokio::test]
async fn polling_a_feed_filters_and_then_gets_a_304() {
    let (addr, base) = serve().await;
    let fetcher = fetcher(addr);
    let mut source = SourceSettings::new(SourceKind::Feed, format!("{base}/rss.xml"));
    source.exclude = vec!["/kinh-doanh/".into()];
    let first = poll_source(&fetcher, &source, None, None).await.unwrap();
    assert!(!first.not_modified);
    let urls: Vec<_> = first.entries.iter().map(|e| e.url.clone()).collect();
    assert_eq!(
        urls,
        [
            format!("{base}/thoi-su/ha-noi-mua-lon-1001.html"),
            format!("{base}/xa-hoi/guid-permalink-1003.html"),
        ]
    );
    assert_eq!(first.validators.etag.as_deref(), Some("\"rss-1\""));
    let second = poll_source(&fetcher, &source, Some(&first.validators), None)
        .await
        .unwrap();
    assert!(second.not_modified);
    assert!(second.entries.is_empty());
}

#[tokio::test]
async fn polling_a_sitemap_index_reads_recent_children() {
    let (addr, base) = serve().await;
    let fetcher = fetcher(addr);
    let source = SourceSettings::new(SourceKind::Sitemap, format!("{base}/sitemap.xml"));
    let since = Utc.with_ymd_and_hms(2024, 4, 1, 0, 0, 0).unwrap();
    let poll = poll_source(&fetcher, &source, None, Some(since))
        .await
        .unwrap();
    let urls: Vec<_> = poll.entries.iter().map(|e| e.url.as_str()).collect();
    assert_eq!(urls.len(), 5, "{urls:?}");
    assert!(
        urls[0].ends_with("/thoi-su/ha-noi-mua-lon-1001.html"),
        "the newest child sitemap is read first: {urls:?}"
    );
    assert!(poll.problems.is_empty(), "{:?}", poll.problems);

    // Without a cut-off the old, missing child is tried and reported.
    let poll = poll_source(&fetcher, &source, None, None).await.unwrap();
    assert_eq!(poll.entries.len(), 5);
    assert_eq!(poll.problems.len(), 1);
    assert_eq!(poll.problems[0].url, format!("{base}/missing.xml"));
    assert!(
        poll.problems[0].message.contains("HTTP 404"),
        "{:?}",
        poll.problems
    );
}

#[tokio::test]
async fn polling_a_listing_page_uses_the_link_pattern() {
    let (addr, base) = serve().await;
    let mut source = SourceSettings::new(SourceKind::Listing, format!("{base}/thoi-su/"));
    source.link_pattern = Some(r"/thoi-su/[^/]+-\d+\.html".into());
    source.polling = Polling::Fixed { interval_secs: 600 };
    let poll = poll_source(&fetcher(addr), &source, None, None)
        .await
        .unwrap();
    let urls: Vec<_> = poll.entries.iter().map(|e| e.url.clone()).collect();
    assert_eq!(
        urls,
        [
            format!("{base}/thoi-su/ha-noi-mua-lon-1001.html"),
            format!("{base}/thoi-su/cau-moi-1005.html?utm_source=home"),
            format!("{base}/thoi-su/thoi-su/relative-1006.html"),
        ]
    );
}

#[tokio::test]
async fn a_listing_without_a_pattern_is_a_settings_error() {
    let (addr, base) = serve().await;
    let source = SourceSettings::new(SourceKind::Listing, format!("{base}/thoi-su/"));
    let err = poll_source(&fetcher(addr), &source, None, None)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("link_pattern"), "{err}");
}
