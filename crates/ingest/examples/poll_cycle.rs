//! Benchmark: one polling cycle over 1,000 sources on loopback.
//!
//! `cargo run --release -p ingest --example poll_cycle [-- SOURCES HOSTS DELAY_MS]`
//!
//! A child process serves SOURCES sources (half RSS feeds, half sitemaps,
//! 20 items each) spread over HOSTS loopback ports. The parent polls them
//! three times with `poll_source`: a cold cycle, a cycle where half the
//! sources changed (the rest must cost a 304), and a cycle where nothing
//! changed. It prints wall time, requests, 304s, CPU time and peak memory
//! of the polling process only (the server runs in the child).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use ingest::{
    poll_source, AllowList, Fetcher, FetcherConfig, SourceKind, SourceSettings, Validators,
};

const ITEMS: usize = 20;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    if args.get(1).map(String::as_str) == Some("--serve") {
        let hosts: usize = args[2].parse().unwrap();
        runtime.block_on(serve(hosts));
        return;
    }
    let sources: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let hosts: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(50);
    let delay_ms: u64 = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(20);
    runtime.block_on(bench(
        sources,
        hosts.max(1),
        Duration::from_millis(delay_ms),
    ));
}

// ---- the publisher side (child process) ----

#[derive(Default)]
struct Counters {
    requests: AtomicU64,
    not_modified: AtomicU64,
    hits: std::sync::Mutex<std::collections::HashMap<usize, u64>>,
}

async fn serve(hosts: usize) {
    let counters = Arc::new(Counters::default());
    let mut ports = Vec::new();
    for _ in 0..hosts {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        ports.push(listener.local_addr().unwrap().port().to_string());
        let router = Router::new()
            .route("/robots.txt", get(robots))
            .route("/s/{n}", get(source))
            .route("/stats", get(stats))
            .with_state(counters.clone());
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    }
    println!("{}", ports.join(" "));
    // Serve until the parent closes our stdin.
    let _ = tokio::task::spawn_blocking(|| {
        let mut line = String::new();
        let _ = std::io::stdin().read_line(&mut line);
    })
    .await;
}

async fn robots(State(c): State<Arc<Counters>>) -> &'static str {
    c.requests.fetch_add(1, Ordering::Relaxed);
    "User-agent: *\nAllow: /\n"
}

async fn stats(State(c): State<Arc<Counters>>) -> String {
    format!(
        "{} {}",
        c.requests.load(Ordering::Relaxed),
        c.not_modified.load(Ordering::Relaxed)
    )
}

/// Source n: even = feed, odd = sitemap. Sources with n % 4 < 2 change
/// once, at their second request; the others never change.
async fn source(
    State(c): State<Arc<Counters>>,
    Path(n): Path<usize>,
    headers: HeaderMap,
) -> Response {
    c.requests.fetch_add(1, Ordering::Relaxed);
    let hits = {
        let mut hits = c.hits.lock().unwrap();
        let h = hits.entry(n).or_default();
        *h += 1;
        *h
    };
    let version = if n % 4 < 2 { (hits - 1).min(1) } else { 0 };
    let etag = format!("\"{n}-{version}\"");
    if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        == Some(etag.as_str())
    {
        c.not_modified.fetch_add(1, Ordering::Relaxed);
        return StatusCode::NOT_MODIFIED.into_response();
    }
    let body = if n % 2 == 0 {
        feed(n, version)
    } else {
        sitemap(n, version)
    };
    ([(header::ETAG, etag)], body).into_response()
}

fn feed(n: usize, version: u64) -> String {
    let mut xml =
        format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Nguồn {n}</title>");
    for i in 0..ITEMS {
        xml.push_str(&format!(
            "<item><title>Tin {n}-{i}-{version}</title><link>https://p{n}.example/a/{version}-{i}.html</link>\
             <pubDate>Wed, 01 May 2024 08:{:02}:00 +0700</pubDate><category>Thời sự</category></item>",
            i % 60
        ));
    }
    xml + "</channel></rss>"
}

fn sitemap(n: usize, version: u64) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">",
    );
    for i in 0..ITEMS {
        xml.push_str(&format!(
            "<url><loc>https://p{n}.example/s/{version}-{i}.html</loc><lastmod>2024-05-01</lastmod></url>"
        ));
    }
    xml + "</urlset>"
}

// ---- the polling side (this process) ----

async fn bench(sources: usize, hosts: usize, delay: Duration) {
    let exe = std::env::current_exe().unwrap();
    let mut child = Command::new(exe)
        .args(["--serve", &hosts.to_string()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addrs: Vec<SocketAddr> = line
        .split_whitespace()
        .map(|p| format!("127.0.0.1:{p}").parse().unwrap())
        .collect();

    let fetcher = Fetcher::new(FetcherConfig {
        allow: AllowList::parse(&["127.0.0.1"]).unwrap(),
        min_host_delay: delay,
        global_concurrency: 64,
        ..FetcherConfig::default()
    })
    .unwrap();
    let settings: Vec<Arc<SourceSettings>> = (0..sources)
        .map(|n| {
            let kind = if n % 2 == 0 {
                SourceKind::Feed
            } else {
                SourceKind::Sitemap
            };
            let addr = addrs[n % addrs.len()];
            Arc::new(SourceSettings::new(kind, format!("http://{addr}/s/{n}")))
        })
        .collect();
    let per_host = sources.div_ceil(addrs.len());
    println!(
        "{sources} sources ({ITEMS} items each, half feeds, half sitemaps) on {} loopback hosts, \
         min delay {delay:?} per host",
        addrs.len()
    );
    println!(
        "politeness lower bound per cycle: {per_host} requests/host x {delay:?} = {:?}",
        delay * (per_host.saturating_sub(1)) as u32
    );

    let stats_url = format!("http://{}/stats", addrs[0]);
    let mut validators: Vec<Option<Validators>> = vec![None; sources];
    for name in ["cold", "half changed", "unchanged"] {
        let (before_req, before_304) = server_stats(&fetcher, &stats_url).await;
        let cpu_before = cpu_time();
        let started = Instant::now();
        let mut tasks = tokio::task::JoinSet::new();
        for (n, s) in settings.iter().enumerate() {
            let (fetcher, s, v) = (fetcher.clone(), s.clone(), validators[n].clone());
            tasks.spawn(async move { (n, poll_source(&fetcher, &s, v.as_ref(), None).await) });
        }
        let (mut entries, mut unchanged, mut failed) = (0usize, 0usize, 0usize);
        while let Some(done) = tasks.join_next().await {
            let (n, result) = done.unwrap();
            match result {
                Ok(poll) => {
                    entries += poll.entries.len();
                    unchanged += usize::from(poll.not_modified);
                    validators[n] = Some(poll.validators);
                }
                Err(e) => {
                    failed += 1;
                    eprintln!("source {n}: {e}");
                }
            }
        }
        let wall = started.elapsed();
        let cpu = cpu_time().zip(cpu_before).map(|(a, b)| a.saturating_sub(b));
        let (after_req, after_304) = server_stats(&fetcher, &stats_url).await;
        println!(
            "cycle {name:>12}: {wall:>10.3?} wall, {} requests ({} answered 304), {entries} entries, \
             {unchanged} unchanged, {failed} failed, CPU {} ({} per source)",
            after_req - before_req,
            after_304 - before_304,
            cpu.map_or("n/a".to_owned(), |c| format!("{c:.3?}")),
            cpu.map_or("n/a".to_owned(), |c| format!("{:.3?}", c / sources as u32)),
        );
    }
    println!(
        "peak memory (VmHWM): {}",
        peak_memory().unwrap_or_else(|| "n/a".to_owned())
    );
    drop(child.stdin.take());
    let _ = child.wait();
}

async fn server_stats(fetcher: &Fetcher, url: &str) -> (u64, u64) {
    let got = fetcher.fetch(url, None).await.unwrap();
    let text = String::from_utf8_lossy(&got.body).into_owned();
    let mut parts = text.split_whitespace().map(|p| p.parse::<u64>().unwrap());
    (parts.next().unwrap(), parts.next().unwrap())
}

/// User + system CPU time of this process (Linux).
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after_name = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // USER_HZ is 100 on Linux.
    Some(Duration::from_millis(ticks * 10))
}

fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .map(|l| l.trim_start_matches("VmHWM:").trim().to_owned())
}
