//! The fetcher against a real HTTP server on 127.0.0.1 (allow-listed by
//! port). Addresses that are not allow-listed are only ever refused, never
//! contacted.

use std::io::Write;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use ingest::{AddressRule, AllowList, FetchError, FetchStatus, Fetcher, FetcherConfig, Validators};

const RSS: &str = include_str!("../../testdata/rss2.xml");
const ROBOTS: &str = "User-agent: *\nDisallow: /\n\nUser-agent: NewsbridgeBot\nDisallow: /private/\nAllow: /\n\nSitemap: /sitemap.xml\n";

#[derive(Default)]
struct Site {
    port: u16,
    hits: Mutex<Vec<(String, Instant, HeaderMap)>>,
    flaky: AtomicUsize,
    busy: AtomicUsize,
    robots: Mutex<Option<(StatusCode, String)>>,
}

impl Site {
    fn hits_of(&self, path: &str) -> Vec<Instant> {
        self.hits
            .lock()
            .unwrap()
            .iter()
            .filter(|(p, ..)| p == path)
            .map(|(_, t, _)| *t)
            .collect()
    }
}

type S = State<Arc<Site>>;

fn record(site: &Site, path: &str, headers: &HeaderMap) {
    site.hits
        .lock()
        .unwrap()
        .push((path.to_owned(), Instant::now(), headers.clone()));
}

async fn robots(State(site): S, headers: HeaderMap) -> Response {
    record(&site, "/robots.txt", &headers);
    match site.robots.lock().unwrap().clone() {
        Some((status, body)) => (status, body).into_response(),
        None => ROBOTS.into_response(),
    }
}

async fn feed(State(site): S, headers: HeaderMap) -> Response {
    record(&site, "/feed.xml", &headers);
    if headers.get(header::IF_NONE_MATCH) == Some(&HeaderValue::from_static("\"v1\"")) {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, "\"v1\"")]).into_response();
    }
    (
        [
            (header::CONTENT_TYPE, "application/rss+xml; charset=utf-8"),
            (header::ETAG, "\"v1\""),
        ],
        RSS,
    )
        .into_response()
}

async fn last_modified(State(site): S, headers: HeaderMap) -> Response {
    record(&site, "/lm", &headers);
    let lm = "Wed, 01 May 2024 08:00:00 GMT";
    if headers
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        == Some(lm)
    {
        return StatusCode::NOT_MODIFIED.into_response();
    }
    ([(header::LAST_MODIFIED, lm)], "body").into_response()
}

fn redirect(status: StatusCode, to: &str) -> Response {
    (status, [(header::LOCATION, to.to_owned())]).into_response()
}

async fn flaky(State(site): S, headers: HeaderMap) -> Response {
    record(&site, "/flaky", &headers);
    if site.flaky.fetch_add(1, Ordering::SeqCst) == 0 {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    "recovered".into_response()
}

async fn busy(State(site): S, headers: HeaderMap) -> Response {
    record(&site, "/busy", &headers);
    if site.busy.fetch_add(1, Ordering::SeqCst) == 0 {
        return (StatusCode::TOO_MANY_REQUESTS, [(header::RETRY_AFTER, "1")]).into_response();
    }
    "served".into_response()
}

async fn overloaded(State(site): S, headers: HeaderMap) -> Response {
    record(&site, "/overloaded", &headers);
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::RETRY_AFTER, "3600")],
    )
        .into_response()
}

async fn page(State(site): S, Path(n): Path<String>, headers: HeaderMap) -> Response {
    record(&site, &format!("/page/{n}"), &headers);
    format!("page {n}").into_response()
}

async fn private(State(site): S, headers: HeaderMap) -> Response {
    record(&site, "/private", &headers);
    "secret".into_response()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

fn brotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
        w.write_all(data).unwrap();
    }
    out
}

fn app(site: Arc<Site>) -> Router {
    let port = site.port;
    Router::new()
        .route("/robots.txt", get(robots))
        .route("/feed.xml", get(feed))
        .route("/lm", get(last_modified))
        .route("/r1", get(|| async { redirect(StatusCode::FOUND, "/r2") }))
        .route(
            "/r2",
            get(|| async { redirect(StatusCode::MOVED_PERMANENTLY, "feed.xml#frag") }),
        )
        .route(
            "/loop",
            get(|| async { redirect(StatusCode::FOUND, "/loop") }),
        )
        .route("/no-location", get(|| async { StatusCode::FOUND }))
        .route(
            "/to-other-loopback",
            get(move || async move {
                redirect(
                    StatusCode::FOUND,
                    &format!("http://127.0.0.2:{port}/feed.xml"),
                )
            }),
        )
        .route(
            "/to-localhost",
            get(|| async { redirect(StatusCode::FOUND, "http://localhost:1/feed.xml") }),
        )
        .route(
            "/to-file",
            get(|| async { redirect(StatusCode::FOUND, "file:///etc/passwd") }),
        )
        .route("/flaky", get(flaky))
        .route("/busy", get(busy))
        .route("/overloaded", get(overloaded))
        .route("/gone", get(|| async { StatusCode::GONE }))
        .route("/page/{n}", get(page))
        .route("/private/{*rest}", get(private))
        .route("/big", get(|| async { vec![b'x'; 2 * 1024 * 1024] }))
        .route(
            "/big-stream",
            get(|| async {
                let chunks =
                    (0..64).map(|_| Ok::<_, std::io::Error>(Bytes::from(vec![b'y'; 32 * 1024])));
                Body::from_stream(futures_util::stream::iter(chunks))
            }),
        )
        .route(
            "/gzip-bomb",
            get(|| async {
                (
                    [(header::CONTENT_ENCODING, "gzip")],
                    gzip(&vec![0u8; 8 * 1024 * 1024]),
                )
            }),
        )
        .route(
            "/gzip",
            get(|| async { ([(header::CONTENT_ENCODING, "gzip")], gzip(RSS.as_bytes())) }),
        )
        .route(
            "/br",
            get(|| async { ([(header::CONTENT_ENCODING, "br")], brotli(RSS.as_bytes())) }),
        )
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(3)).await;
                "late"
            }),
        )
        .with_state(site)
}

/// Starts the test site on 127.0.0.1:0.
async fn serve() -> (SocketAddr, Arc<Site>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let site = Arc::new(Site {
        port: addr.port(),
        ..Site::default()
    });
    let router = app(site.clone());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (addr, site)
}

fn config(addr: SocketAddr) -> FetcherConfig {
    FetcherConfig {
        allow: AllowList::parse(&[addr.to_string()]).unwrap(),
        min_host_delay: Duration::ZERO,
        retry_base_delay: Duration::from_millis(20),
        max_retry_delay: Duration::from_secs(5),
        request_timeout: Duration::from_secs(2),
        read_timeout: Duration::from_secs(2),
        max_body_bytes: 1024 * 1024,
        ..FetcherConfig::default()
    }
}

async fn setup() -> (String, Arc<Site>, Fetcher) {
    let (addr, site) = serve().await;
    let fetcher = Fetcher::new(config(addr)).unwrap();
    (format!("http://{addr}"), site, fetcher)
}

#[tokio::test]
async fn fetches_a_feed_with_our_user_agent() {
    let (base, site, fetcher) = setup().await;
    let got = fetcher
        .fetch(&format!("{base}/feed.xml"), None)
        .await
        .unwrap();
    assert_eq!(got.status, FetchStatus::Ok);
    assert_eq!(got.body, RSS.as_bytes());
    assert_eq!(got.etag.as_deref(), Some("\"v1\""));
    assert_eq!(
        got.content_type.as_deref(),
        Some("application/rss+xml; charset=utf-8")
    );
    assert_eq!(got.final_url.as_str(), format!("{base}/feed.xml"));
    let hits = site.hits.lock().unwrap();
    let ua = hits[0].2.get(header::USER_AGENT).unwrap().to_str().unwrap();
    assert!(ua.starts_with("NewsbridgeBot/0.1 (+"), "{ua}");
    let ae = hits[1]
        .2
        .get(header::ACCEPT_ENCODING)
        .unwrap()
        .to_str()
        .unwrap();
    assert!(ae.contains("gzip") && ae.contains("br"), "{ae}");
}

#[tokio::test]
async fn conditional_get_with_etag_gives_not_modified() {
    let (base, site, fetcher) = setup().await;
    let url = format!("{base}/feed.xml");
    let first = fetcher.fetch(&url, None).await.unwrap();
    let second = fetcher
        .fetch(&url, Some(&first.validators()))
        .await
        .unwrap();
    assert_eq!(second.status, FetchStatus::NotModified);
    assert!(second.body.is_empty());
    assert_eq!(second.etag.as_deref(), Some("\"v1\""));
    let hits = site.hits.lock().unwrap();
    let conditional = &hits.last().unwrap().2;
    assert_eq!(conditional.get(header::IF_NONE_MATCH).unwrap(), "\"v1\"");
}

#[tokio::test]
async fn conditional_get_with_last_modified_gives_not_modified() {
    let (base, _site, fetcher) = setup().await;
    let url = format!("{base}/lm");
    let first = fetcher.fetch(&url, None).await.unwrap();
    assert_eq!(first.status, FetchStatus::Ok);
    let v = first.validators();
    assert_eq!(
        v.last_modified.as_deref(),
        Some("Wed, 01 May 2024 08:00:00 GMT")
    );
    let second = fetcher.fetch(&url, Some(&v)).await.unwrap();
    assert_eq!(second.status, FetchStatus::NotModified);
    assert_eq!(
        second.last_modified, v.last_modified,
        "kept from the validators"
    );
    let stale = Validators {
        etag: None,
        last_modified: Some("Tue, 30 Apr 2024 08:00:00 GMT".into()),
    };
    assert_eq!(
        fetcher.fetch(&url, Some(&stale)).await.unwrap().status,
        FetchStatus::Ok
    );
}

#[tokio::test]
async fn follows_redirects_to_the_final_url() {
    let (base, _site, fetcher) = setup().await;
    let got = fetcher.fetch(&format!("{base}/r1"), None).await.unwrap();
    assert_eq!(got.final_url.as_str(), format!("{base}/feed.xml"));
    assert_eq!(got.body, RSS.as_bytes());
}

#[tokio::test]
async fn redirect_loops_stop_after_five_hops() {
    let (base, _site, fetcher) = setup().await;
    let err = fetcher
        .fetch(&format!("{base}/loop"), None)
        .await
        .unwrap_err();
    assert!(
        matches!(err, FetchError::TooManyRedirects { max: 5, .. }),
        "{err}"
    );
    let err = fetcher
        .fetch(&format!("{base}/no-location"), None)
        .await
        .unwrap_err();
    assert!(
        matches!(err, FetchError::BadRedirect { status: 302, .. }),
        "{err}"
    );
}

#[tokio::test]
async fn redirect_to_a_loopback_address_not_allow_listed_is_refused() {
    let (base, _site, fetcher) = setup().await;
    let err = fetcher
        .fetch(&format!("{base}/to-other-loopback"), None)
        .await
        .unwrap_err();
    let FetchError::Refused { url, addr, rule } = &err else {
        panic!("expected a refusal, got {err}");
    };
    assert!(url.starts_with("http://127.0.0.2:"));
    assert_eq!(addr.to_string(), "127.0.0.2");
    assert_eq!(*rule, AddressRule::Loopback);
    assert_eq!(
        err.to_string(),
        format!(
            "refusing {url}: 127.0.0.2 is a loopback address; add it to ingest.allow to permit it"
        )
    );
}

#[tokio::test]
async fn redirect_to_localhost_is_refused_after_resolution() {
    let (base, _site, fetcher) = setup().await;
    let err = fetcher
        .fetch(&format!("{base}/to-localhost"), None)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            FetchError::Refused {
                rule: AddressRule::Loopback,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("http://localhost:1/feed.xml"));
}

#[tokio::test]
async fn redirect_to_another_scheme_is_refused() {
    let (base, _site, fetcher) = setup().await;
    let err = fetcher
        .fetch(&format!("{base}/to-file"), None)
        .await
        .unwrap_err();
    assert!(matches!(err, FetchError::UnsupportedScheme { .. }), "{err}");
}

#[tokio::test]
async fn direct_urls_to_refused_addresses_never_connect() {
    let (addr, _site) = serve().await;
    let fetcher = Fetcher::new(config(addr)).unwrap();
    for url in [
        format!("http://127.0.0.2:{}/feed.xml", addr.port()),
        format!("http://localhost:{}/feed.xml", addr.port() ^ 1),
        "http://[::1]:9/".to_owned(),
        "http://[::ffff:127.0.0.1]:9/".to_owned(),
    ] {
        let err = fetcher.fetch(&url, None).await.unwrap_err();
        assert!(matches!(err, FetchError::Refused { .. }), "{url}: {err}");
    }
    let err = fetcher.fetch("not a url", None).await.unwrap_err();
    assert!(matches!(err, FetchError::InvalidUrl { .. }), "{err}");
}

#[tokio::test]
async fn robots_disallow_names_the_rule_and_the_page_is_never_requested() {
    let (base, site, fetcher) = setup().await;
    let err = fetcher
        .fetch(&format!("{base}/private/report.html"), None)
        .await
        .unwrap_err();
    let FetchError::DisallowedByRobots {
        rule, robots_url, ..
    } = &err
    else {
        panic!("expected a robots refusal, got {err}");
    };
    assert_eq!(rule, "Disallow: /private/");
    assert_eq!(robots_url, &format!("{base}/robots.txt"));
    assert!(site.hits_of("/private").is_empty());
    // robots.txt is cached: a second fetch does not ask for it again.
    fetcher
        .fetch(&format!("{base}/page/1"), None)
        .await
        .unwrap();
    assert_eq!(site.hits_of("/robots.txt").len(), 1);
    let robots = fetcher.robots(&base).await.unwrap();
    assert_eq!(robots.sitemaps(), ["/sitemap.xml"]);
}

#[tokio::test]
async fn missing_robots_allows_and_failing_robots_blocks() {
    let (base, site, fetcher) = setup().await;
    *site.robots.lock().unwrap() = Some((StatusCode::NOT_FOUND, String::new()));
    fetcher
        .fetch(&format!("{base}/private/x"), None)
        .await
        .unwrap();

    let (base, site, fetcher) = setup().await;
    *site.robots.lock().unwrap() = Some((StatusCode::INTERNAL_SERVER_ERROR, String::new()));
    let err = fetcher
        .fetch(&format!("{base}/page/1"), None)
        .await
        .unwrap_err();
    assert!(matches!(err, FetchError::RobotsUnreachable { .. }), "{err}");
    assert!(site.hits_of("/page/1").is_empty());
}

#[tokio::test]
async fn retries_a_503_then_succeeds() {
    let (base, site, fetcher) = setup().await;
    let got = fetcher.fetch(&format!("{base}/flaky"), None).await.unwrap();
    assert_eq!(got.body, "recovered".as_bytes());
    assert_eq!(site.hits_of("/flaky").len(), 2);
}

#[tokio::test]
async fn honours_retry_after_on_429() {
    let (base, site, fetcher) = setup().await;
    let got = fetcher.fetch(&format!("{base}/busy"), None).await.unwrap();
    assert_eq!(got.body, "served".as_bytes());
    let hits = site.hits_of("/busy");
    assert_eq!(hits.len(), 2);
    let gap = hits[1] - hits[0];
    assert!(gap >= Duration::from_millis(950), "retried after {gap:?}");
}

#[tokio::test]
async fn a_retry_after_beyond_the_bound_ends_the_fetch_with_the_delay() {
    let (base, site, fetcher) = setup().await;
    let err = fetcher
        .fetch(&format!("{base}/overloaded"), None)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            FetchError::Status { status: 503, retry_after: Some(d), .. } if d == Duration::from_secs(3600)
        ),
        "{err}"
    );
    assert!(err.is_transient());
    assert_eq!(
        site.hits_of("/overloaded").len(),
        1,
        "no retry inside the bound"
    );
}

#[tokio::test]
async fn gone_pages_are_flagged() {
    let (base, _site, fetcher) = setup().await;
    let err = fetcher
        .fetch(&format!("{base}/gone"), None)
        .await
        .unwrap_err();
    assert!(err.is_gone(), "{err}");
    assert!(err.to_string().contains("HTTP 410"));
    assert!(err.to_string().contains("editor"));
}

#[tokio::test]
async fn oversized_bodies_are_cut_off() {
    let (base, _site, fetcher) = setup().await;
    for path in ["/big", "/big-stream", "/gzip-bomb"] {
        let err = fetcher
            .fetch(&format!("{base}{path}"), None)
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                FetchError::BodyTooLarge {
                    limit: 1_048_576,
                    ..
                }
            ),
            "{path}: {err}"
        );
    }
}

#[tokio::test]
async fn gzip_and_brotli_bodies_are_decompressed() {
    let (base, _site, fetcher) = setup().await;
    for path in ["/gzip", "/br"] {
        let got = fetcher.fetch(&format!("{base}{path}"), None).await.unwrap();
        assert_eq!(got.body, RSS.as_bytes(), "{path}");
    }
}

#[tokio::test]
async fn slow_servers_time_out() {
    let (addr, _site) = serve().await;
    let fetcher = Fetcher::new(FetcherConfig {
        request_timeout: Duration::from_millis(300),
        max_retries: 0,
        ..config(addr)
    })
    .unwrap();
    let err = fetcher
        .fetch(&format!("http://{addr}/slow"), None)
        .await
        .unwrap_err();
    assert!(matches!(err, FetchError::Timeout { .. }), "{err}");
}

#[tokio::test]
async fn requests_to_one_host_are_spaced_by_the_minimum_delay() {
    let (addr, site) = serve().await;
    let min_delay = Duration::from_millis(250);
    let fetcher = Fetcher::new(FetcherConfig {
        min_host_delay: min_delay,
        per_host_concurrency: 2,
        ..config(addr)
    })
    .unwrap();
    let base = format!("http://{addr}");
    let urls: Vec<String> = (1..=3).map(|n| format!("{base}/page/{n}")).collect();
    let (a, b, c) = tokio::join!(
        fetcher.fetch(&urls[0], None),
        fetcher.fetch(&urls[1], None),
        fetcher.fetch(&urls[2], None),
    );
    a.unwrap();
    b.unwrap();
    c.unwrap();
    let mut times: Vec<Instant> = site.hits.lock().unwrap().iter().map(|h| h.1).collect();
    times.sort();
    assert_eq!(times.len(), 4, "robots.txt once, then three pages");
    for pair in times.windows(2) {
        let gap = pair[1] - pair[0];
        // Starts are spaced by min_delay on our side; allow for jitter in
        // when the server saw them.
        assert!(gap >= min_delay - Duration::from_millis(30), "gap {gap:?}");
    }
}

#[tokio::test]
async fn host_names_connect_through_the_vetted_addresses() {
    // A host-name entry exercises the path real publishers take: the guard
    // resolves the name, pins the addresses, and the client connects to them.
    let (addr, _site) = serve().await;
    let fetcher = Fetcher::new(FetcherConfig {
        allow: AllowList::parse(&[format!("localhost:{}", addr.port())]).unwrap(),
        ..config(addr)
    })
    .unwrap();
    let url = format!("http://localhost:{}/feed.xml", addr.port());
    let got = fetcher.fetch(&url, None).await.unwrap();
    assert_eq!(got.body, RSS.as_bytes());
    assert_eq!(got.final_url.as_str(), url);
}
