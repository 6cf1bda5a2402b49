//! What a stranger sends cannot take the portal down or pose as someone else:
//! browser hardening headers on every response (and a real browser enforcing
//! them), the body, header and connection limits of `web::serve`, and the
//! client address behind trusted proxies. Every test goes through a real
//! server on 127.0.0.1 except the header checks, which read responses in-process.

use crate::common;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use axum::routing::{get as route_get, post};
use axum::Router;
use common::*;
use http_body_util::BodyExt;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tower::ServiceExt;
use web::{CommentSettings, ServeLimits, TrustedProxies};

/// Serves `router` with `web::serve` on a fresh port of 127.0.0.1, trusting
/// no proxy.
async fn serve_with(router: Router, limits: ServeLimits) -> SocketAddr {
    serve_behind(router, limits, TrustedProxies::none()).await
}

/// Serves `router` with `web::serve` on a fresh port of 127.0.0.1, trusting
/// `proxies`.
async fn serve_behind(router: Router, limits: ServeLimits, proxies: TrustedProxies) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(web::serve(
        listener,
        router,
        limits,
        proxies,
        std::future::pending::<()>(),
    ));
    addr
}

/// A connection to `addr` from the loopback address `from` (127.0.0.2 is as
/// good a loopback address as 127.0.0.1 on Linux).
async fn connect_from(from: &str, addr: SocketAddr) -> TcpStream {
    let socket = TcpSocket::new_v4().unwrap();
    socket
        .bind(SocketAddr::new(from.parse().unwrap(), 0))
        .unwrap();
    socket.connect(addr).await.unwrap()
}

/// Reads until the server closes the connection (or `limit` passes): what it
/// sent, and how long it took.
async fn read_until_closed(stream: &mut TcpStream, limit: Duration) -> (String, Duration) {
    let started = Instant::now();
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        let left = limit.saturating_sub(started.elapsed());
        match tokio::time::timeout(left, stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) | Err(_) => break,
            Ok(Ok(n)) => raw.extend_from_slice(&buf[..n]),
        }
    }
    (
        String::from_utf8_lossy(&raw).into_owned(),
        started.elapsed(),
    )
}

/// The status of a raw HTTP/1.1 answer ("HTTP/1.1 413 …" → 413).
fn status_of(raw: &str) -> u16 {
    raw.split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

fn article_path(f: &Fixture) -> String {
    format!(
        "/fr/the-gioi/{}-combats-a-koursk-la-russie-renforce-sa-defense",
        f.main
    )
}

async fn get_req(router: &Router, req: Request<Body>) -> (u16, axum::http::HeaderMap) {
    let response = router.clone().oneshot(req).await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let _ = response.into_body().collect().await;
    (status, headers)
}

#[tokio::test]
async fn every_kind_of_response_carries_the_hardening_headers() {
    let f = fixture().await;
    let app = web::router(portal(&f));
    let article = article_path(&f);
    for path in [
        "/fr/",
        article.as_str(),
        "/fr/no-such-section/",
        "/api/v1/articles?lang=fr",
        "/fr/feed.xml",
        "/sitemap.xml",
        "/static/site.css",
        "/admin/login",
    ] {
        let got = get(&app, path).await;
        let csp = got.header("content-security-policy");
        assert!(csp.contains("script-src 'self';"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(csp.contains("report-uri /csp-report"), "{path}: {csp}");
        assert!(csp.contains("img-src 'self' data:;"), "{path}: {csp}");
        assert!(!csp.contains("'unsafe-eval'"), "{path}: {csp}");
        assert_eq!(got.header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(got.header("x-frame-options"), "DENY", "{path}");
        assert_eq!(
            got.header("referrer-policy"),
            "strict-origin-when-cross-origin",
            "{path}"
        );
        // The fixture's base URL is https.
        assert_eq!(
            got.header("strict-transport-security"),
            "max-age=31536000",
            "{path}"
        );
    }
    // Public pages allow no inline style either; only the desk's stylesheet is inline.
    let public = get(&app, "/fr/").await;
    assert!(!public
        .header("content-security-policy")
        .contains("unsafe-inline"));
    // No page carries an inline executable script: the only <script> elements
    // are JSON-LD data blocks and files from /static/.
    let page = get(&app, &article).await.body;
    for script in page.split("<script").skip(1) {
        let tag = &script[..script.find('>').unwrap()];
        assert!(
            tag.contains("type=\"application/ld+json\"") || tag.contains("src=\"/static/"),
            "inline script: <script{tag}>"
        );
    }
    assert!(!page.contains(" onload=") && !page.contains(" onclick="));
}

#[tokio::test]
async fn strict_transport_security_only_over_https_as_a_trusted_proxy_says() {
    let f = fixture().await;
    let http_site = web::PortalConfig {
        base_url: "http://news.example".into(),
        ..config()
    };
    let app = web::router(portal_with(&f, http_site));
    let req = |peer: &str, proto: Option<&str>| {
        let mut r = Request::builder()
            .uri("/fr/")
            .extension(ConnectInfo(SocketAddr::new(peer.parse().unwrap(), 40000)));
        if let Some(p) = proto {
            r = r.header("x-forwarded-proto", p);
        }
        r.body(Body::empty()).unwrap()
    };
    let (_, h) = get_req(&app, req("127.0.0.1", None)).await;
    assert!(h.get("strict-transport-security").is_none());
    let (_, h) = get_req(&app, req("127.0.0.1", Some("https"))).await;
    assert_eq!(h["strict-transport-security"], "max-age=31536000");
    // Anyone else saying https is not believed.
    let (_, h) = get_req(&app, req("198.51.100.7", Some("https"))).await;
    assert!(h.get("strict-transport-security").is_none());
}

#[tokio::test]
async fn csp_reports_are_answered_204_and_bounded() {
    let f = fixture().await;
    let addr = serve_with(web::router(portal(&f)), ServeLimits::default()).await;
    let report = br#"{"csp-report":{"document-uri":"https://news.example/fr/","violated-directive":"script-src-elem","blocked-uri":"inline"}}"#;
    let got = wire(
        addr,
        "POST",
        "/csp-report",
        &[("content-type", "application/csp-report")],
        report,
    )
    .await;
    assert_eq!(got.status, 204);
    let big = vec![b'x'; 64 * 1024];
    let got = wire(
        addr,
        "POST",
        "/csp-report",
        &[("content-type", "application/csp-report")],
        &big,
    )
    .await;
    assert_eq!(got.status, 413);
}

#[tokio::test]
async fn a_declared_50_mb_body_is_refused_with_413_before_100_continue() {
    let f = fixture().await;
    let addr = serve_with(web::router(portal(&f)), ServeLimits::default()).await;
    let article = article_path(&f);
    for (method, path) in [
        ("POST", format!("{article}/comments")),
        ("POST", "/admin/login".to_string()),
        ("POST", "/csp-report".to_string()),
        ("GET", "/fr/".to_string()),
        ("POST", "/no/such/route".to_string()),
    ] {
        let mut s = TcpStream::connect(addr).await.unwrap();
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: news.example\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 52428800\r\nExpect: 100-continue\r\n\r\n"
        );
        s.write_all(head.as_bytes()).await.unwrap();
        let (raw, took) = read_until_closed(&mut s, Duration::from_secs(5)).await;
        assert!(!raw.contains("100 Continue"), "{method} {path}: {raw}");
        assert_eq!(status_of(&raw), 413, "{method} {path}: {raw}");
        assert!(took < Duration::from_secs(3), "{method} {path}: {took:?}");
    }
}

#[tokio::test]
async fn a_chunked_body_past_the_limit_is_refused() {
    let limits = ServeLimits {
        max_body_bytes: 4096,
        ..ServeLimits::default()
    };
    let app = Router::new().route(
        "/echo",
        post(|body: axum::body::Bytes| async move { body.len().to_string() }),
    );
    let addr = serve_with(app, limits).await;
    for (chunks, expected) in [(2, 200), (3, 413)] {
        let mut s = TcpStream::connect(addr).await.unwrap();
        let head = "POST /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n";
        s.write_all(head.as_bytes()).await.unwrap();
        for _ in 0..chunks {
            let _ = s.write_all(b"7d0\r\n").await;
            let _ = s.write_all(&[b'a'; 2000]).await;
            let _ = s.write_all(b"\r\n").await;
        }
        let _ = s.write_all(b"0\r\n\r\n").await;
        let (raw, _) = read_until_closed(&mut s, Duration::from_secs(5)).await;
        assert_eq!(status_of(&raw), expected, "{chunks} × 2000 bytes: {raw}");
    }
}

#[tokio::test]
async fn a_body_drip_fed_a_byte_at_a_time_is_cut_off_at_the_total_timeout() {
    let limits = ServeLimits {
        body_read_timeout: Duration::from_secs(5),
        body_total_timeout: Duration::from_secs(2),
        ..ServeLimits::default()
    };
    let app = Router::new().route(
        "/",
        post(|body: axum::body::Bytes| async move { body.len().to_string() }),
    );
    let addr = serve_with(app, limits).await;
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n")
        .await
        .unwrap();
    // One byte every 300 ms: each within the 5 s wait for the next piece.
    let started = Instant::now();
    let mut raw = Vec::new();
    let mut buf = [0u8; 4096];
    while started.elapsed() < Duration::from_secs(20) {
        if s.write_all(b"x").await.is_err() {
            break;
        }
        match tokio::time::timeout(Duration::from_millis(300), s.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => break,
            Ok(Ok(n)) => raw.extend_from_slice(&buf[..n]),
            Err(_) => {}
        }
    }
    let took = started.elapsed();
    let raw = String::from_utf8_lossy(&raw);
    assert!(took < Duration::from_secs(6), "held for {took:?}: {raw}");
    assert!(took >= Duration::from_millis(1800), "{took:?}: {raw}");
    assert_eq!(status_of(&raw), 408, "{raw}");
    // A body that arrives in time is read as before.
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc")
        .await
        .unwrap();
    let (raw, _) = read_until_closed(&mut s, Duration::from_secs(5)).await;
    assert_eq!(status_of(&raw), 200, "{raw}");
}

#[tokio::test]
async fn a_body_that_never_arrives_is_cut_off_at_the_body_timeout() {
    let f = fixture().await;
    let limits = ServeLimits {
        body_read_timeout: Duration::from_secs(1),
        ..ServeLimits::default()
    };
    let addr = serve_with(web::router(portal(&f)), limits).await;
    let mut s = TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST {}/comments HTTP/1.1\r\nHost: news.example\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nname=A&body=",
        article_path(&f)
    );
    s.write_all(head.as_bytes()).await.unwrap();
    let (raw, took) = read_until_closed(&mut s, Duration::from_secs(25)).await;
    assert!(took < Duration::from_secs(5), "held for {took:?}: {raw}");
    assert!(took >= Duration::from_millis(900), "{took:?}: {raw}");
}

#[tokio::test]
async fn slow_headers_and_idle_connections_are_closed_at_the_header_timeout() {
    let limits = ServeLimits {
        header_read_timeout: Duration::from_secs(1),
        ..ServeLimits::default()
    };
    let app = Router::new().route("/", route_get(|| async { "ok" }));
    let addr = serve_with(app, limits).await;
    // Headers, one byte every 200 ms, never finished.
    let (mut rd, mut wr) = TcpStream::connect(addr).await.unwrap().into_split();
    wr.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let trickle = tokio::spawn(async move {
        for _ in 0..50 {
            tokio::time::sleep(Duration::from_millis(200)).await;
            if wr.write_all(b"X").await.is_err() {
                break;
            }
        }
    });
    let started = Instant::now();
    let mut buf = [0u8; 1024];
    let closed = tokio::time::timeout(Duration::from_secs(10), async {
        while let Ok(n) = rd.read(&mut buf).await {
            if n == 0 {
                break;
            }
        }
    })
    .await;
    trickle.abort();
    assert!(closed.is_ok(), "a slow client held the connection 10 s");
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
    // A connection that answered once, then sits idle.
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let (raw, took) = read_until_closed(&mut s, Duration::from_secs(10)).await;
    assert_eq!(status_of(&raw), 200, "{raw}");
    assert!(took < Duration::from_secs(4), "idle for {took:?}");
    // One that never says anything.
    let mut s = TcpStream::connect(addr).await.unwrap();
    let (raw, took) = read_until_closed(&mut s, Duration::from_secs(10)).await;
    assert!(raw.is_empty() || status_of(&raw) == 408, "{raw}");
    assert!(took < Duration::from_secs(4), "silent for {took:?}");
}

#[tokio::test]
async fn connections_beyond_the_cap_are_closed_at_once() {
    let limits = ServeLimits {
        max_connections: 4,
        header_read_timeout: Duration::from_secs(30),
        ..ServeLimits::default()
    };
    let app = Router::new().route("/", route_get(|| async { "ok" }));
    let addr = serve_with(app, limits).await;
    let mut idle = Vec::new();
    for _ in 0..4 {
        idle.push(TcpStream::connect(addr).await.unwrap());
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut extra = TcpStream::connect(addr).await.unwrap();
    let _ = extra.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").await;
    let (raw, took) = read_until_closed(&mut extra, Duration::from_secs(10)).await;
    assert!(raw.is_empty(), "the fifth connection was served: {raw}");
    assert!(took < Duration::from_secs(2), "{took:?}");
    // The held ones still work, and their slots come back when they close.
    assert_eq!(get_and_close(&mut idle[0]).await, 200);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut again = TcpStream::connect(addr).await.unwrap();
    assert_eq!(get_and_close(&mut again).await, 200);
}

/// A GET of `/` on `stream` that closes the connection: the answer's status.
async fn get_and_close(stream: &mut TcpStream) -> u16 {
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let (raw, _) = read_until_closed(stream, Duration::from_secs(5)).await;
    status_of(&raw)
}

#[tokio::test]
async fn one_client_cannot_hold_every_connection_and_a_trusted_proxy_is_not_capped() {
    let limits = ServeLimits {
        max_connections: 64,
        max_connections_per_client: 4,
        header_read_timeout: Duration::from_secs(30),
        ..ServeLimits::default()
    };
    let app = Router::new().route("/", route_get(|| async { "ok" }));
    // 127.0.0.3 is the proxy; 127.0.0.1 and 127.0.0.2 are two readers.
    let proxies = TrustedProxies::parse(&["127.0.0.3"]).unwrap();
    let addr = serve_behind(app, limits, proxies).await;
    let mut idle = Vec::new();
    for _ in 0..4 {
        idle.push(connect_from("127.0.0.1", addr).await);
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut extra = connect_from("127.0.0.1", addr).await;
    let _ = extra.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").await;
    let (raw, took) = read_until_closed(&mut extra, Duration::from_secs(10)).await;
    assert!(
        raw.is_empty(),
        "a fifth connection of one reader was served: {raw}"
    );
    assert!(took < Duration::from_secs(2), "{took:?}");
    // Another reader is served meanwhile.
    let mut other = connect_from("127.0.0.2", addr).await;
    assert_eq!(get_and_close(&mut other).await, 200);
    // The proxy carries many readers: it is not capped.
    let mut held = Vec::new();
    for _ in 0..6 {
        held.push(connect_from("127.0.0.3", addr).await);
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut proxied = connect_from("127.0.0.3", addr).await;
    assert_eq!(get_and_close(&mut proxied).await, 200);
    // The reader's share comes back when its connections close.
    drop(idle);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut again = connect_from("127.0.0.1", addr).await;
    assert_eq!(get_and_close(&mut again).await, 200);
    drop(held);
}

/// Posts a comment over a connection from `from`, with `X-Forwarded-For: xff`.
async fn comment_from(
    from: &str,
    addr: SocketAddr,
    path: &str,
    token: &str,
    xff: &str,
    n: usize,
) -> u16 {
    let body = form_body(&[
        ("token", token),
        ("name", "Lectrice"),
        ("body", &format!("Commentaire numéro {n}")),
    ]);
    let mut s = connect_from(from, addr).await;
    let head = format!(
        "POST {path}/comments HTTP/1.1\r\nHost: news.example\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nX-Forwarded-For: {xff}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    s.write_all(head.as_bytes()).await.unwrap();
    let (raw, _) = read_until_closed(&mut s, Duration::from_secs(10)).await;
    status_of(&raw)
}

#[tokio::test]
async fn per_ip_limits_stay_per_reader_behind_a_trusted_proxy_and_cannot_be_spoofed() {
    let f = fixture().await;
    let portal = portal(&f)
        .with_comments(CommentSettings {
            min_submit_seconds: 0,
            per_ip_per_10_minutes: 2,
            ..CommentSettings::default()
        })
        .with_trusted_proxies(TrustedProxies::parse(&["127.0.0.1/32"]).unwrap());
    let addr = serve_with(web::router(portal), ServeLimits::default()).await;
    let path = article_path(&f);
    let page = wire(addr, "GET", &path, &[], b"").await;
    assert_eq!(page.status, 200);
    let token = hidden(&page.text(), "token");

    // 127.0.0.1 is the proxy: each reader it forwards for has a bucket of two.
    let proxy = "127.0.0.1";
    for n in 0..2 {
        let got = comment_from(proxy, addr, &path, &token, "203.0.113.9", n).await;
        assert_eq!(got, 303, "reader A, comment {n}");
    }
    let got = comment_from(proxy, addr, &path, &token, "203.0.113.9", 2).await;
    assert_eq!(got, 429, "reader A is over the limit");
    // Reader B, behind the same proxy, is not.
    let got = comment_from(proxy, addr, &path, &token, "198.51.100.7", 3).await;
    assert_eq!(got, 303, "reader B shares no bucket with A");
    // A reader cannot escape by writing its own X-Forwarded-For before the
    // proxy's: the right-most address not a proxy counts.
    let got = comment_from(proxy, addr, &path, &token, "192.0.2.1, 203.0.113.9", 4).await;
    assert_eq!(got, 429, "a forged left-hand address is ignored");

    // 127.0.0.2 is a reader connecting directly: its X-Forwarded-For is ignored.
    let direct = "127.0.0.2";
    for n in 0..2 {
        let forged = format!("192.0.2.{}", 10 + n);
        let got = comment_from(direct, addr, &path, &token, &forged, 10 + n).await;
        assert_eq!(got, 303, "direct reader, comment {n}");
    }
    let got = comment_from(direct, addr, &path, &token, "192.0.2.99", 12).await;
    assert_eq!(got, 429, "a new forged address does not give a new bucket");
}

const INJECTED: &str = "<!doctype html><html><head><title>t</title>\
<script src=\"/ok.js\"></script></head><body>\
<p id=\"p\">page</p>\
<script>document.body.setAttribute('data-pwned','inline')</script>\
<img src=\"/nothing.png\" onerror=\"document.body.setAttribute('data-pwned','handler')\">\
</body></html>";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chromium_blocks_and_reports_an_injected_inline_script() {
    let Some(browser) = chromium() else {
        eprintln!("skipping: no chromium installed");
        return;
    };
    let reports: Arc<Mutex<Vec<String>>> = Arc::default();
    let sink = reports.clone();
    // A page with an injected inline script and handler, under the portal's headers.
    let app = Router::new()
        .route(
            "/inject",
            route_get(|| async { ([("content-type", "text/html; charset=utf-8")], INJECTED) }),
        )
        .route(
            "/ok.js",
            route_get(|| async {
                (
                    [("content-type", "text/javascript")],
                    "document.addEventListener('DOMContentLoaded',function(){document.body.setAttribute('data-ok','file')});",
                )
            }),
        )
        .route(
            "/csp-report",
            post(move |body: String| {
                let sink = sink.clone();
                async move {
                    sink.lock().unwrap().push(body);
                    axum::http::StatusCode::NO_CONTENT
                }
            }),
        );
    let app = web::security_headers(app, "http://127.0.0.1", TrustedProxies::loopback(), None);
    let addr = serve_with(app, ServeLimits::default()).await;
    let (dom, log) = chromium_load(browser, format!("http://{addr}/inject")).await;
    assert!(dom.contains("id=\"p\""), "chromium did not render: {log}");
    assert!(
        dom.contains("data-ok=\"file\""),
        "a script file from the site runs: {dom}"
    );
    assert!(
        !dom.contains("data-pwned=\""),
        "an inline script ran: {dom}"
    );
    // The violation reaches the report endpoint (sent after the page loaded).
    let deadline = Instant::now() + Duration::from_secs(10);
    while reports.lock().unwrap().is_empty() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let got = reports.lock().unwrap().join("\n");
    assert!(
        got.contains("script-src") && got.contains("inline"),
        "no violation report: {got:?}\n{log}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chromium_runs_the_article_page_under_the_policy_without_a_script_violation() {
    let Some(browser) = chromium() else {
        eprintln!("skipping: no chromium installed");
        return;
    };
    let f = fixture().await;
    let path = article_path(&f);
    let addr = serve_with(web::router(portal(&f)), ServeLimits::default()).await;
    let (dom, log) = chromium_load(browser, format!("http://{addr}{path}")).await;
    assert!(
        dom.contains("id=\"comments\""),
        "chromium did not render: {log}"
    );
    // The JSON-LD block and comments.js are allowed; nothing else is there.
    assert!(dom.contains("application/ld+json"), "{dom}");
    // Chromium logs each blocked script as "Executing inline script…",
    // "Executing inline event handler…" or "Loading the script…".
    let blocked: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("Content Security Policy"))
        .filter(|l| {
            l.contains("Executing inline") || l.contains("Loading the script") || l.contains("eval")
        })
        .collect();
    assert!(
        blocked.is_empty(),
        "the page's own scripts are blocked: {blocked:?}"
    );
}
