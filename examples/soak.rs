//! Soak: `newsbridge run` (one machine, SQLite) under mixed load for N minutes —
//! page views, searches, comment posts, and a publisher that keeps publishing —
//! printing the process's resident memory over time, its slope, and the
//! count of 5xx answers.
//!
//! ```sh
//! cargo build --release && cargo run --release --example soak -- 10
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "../tests/suite/common/fixtures.rs"]
mod common;

use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Resident memory of `pid` in MB: (total, anonymous, file-backed). The
/// anonymous part is the heap (a leak shows there); the file-backed part is
/// mostly the memory-mapped search index, which grows with the articles.
fn rss_mb(pid: u32) -> (f64, f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("RssAnon:"), field("RssFile:"))
}

/// Segments in the tantivy index at `dir` (one `.store` file each).
fn segments(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "store"))
            .count()
    })
}

/// Least-squares slope of (minutes, MB).
fn slope(points: &[(f64, f64)]) -> f64 {
    let n = points.len() as f64;
    let (sx, sy) = points
        .iter()
        .fold((0.0, 0.0), |(a, b), (x, y)| (a + x, b + y));
    let (mx, my) = (sx / n, sy / n);
    let num: f64 = points.iter().map(|(x, y)| (x - mx) * (y - my)).sum();
    let den: f64 = points.iter().map(|(x, _)| (x - mx) * (x - mx)).sum();
    if den == 0.0 {
        0.0
    } else {
        num / den
    }
}

#[tokio::main]
async fn main() {
    let minutes: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10);
    let exe = std::env::current_exe().unwrap();
    let bin = exe.parent().unwrap().parent().unwrap().join("newsbridge");
    assert!(bin.exists(), "run `cargo build --release` first");
    let dir = tempfile::tempdir().unwrap();
    let (site, addr) = common::sample_site(60).await;
    let engine = common::FakeLibre::spawn().await;
    let config = common::write_config(dir.path(), addr, Some(&engine.url), "");
    let nb = || {
        let mut cmd = Command::new(&bin);
        cmd.arg("--config")
            .arg(&config)
            .env("NEWSBRIDGE_LOG", "error")
            .stdout(Stdio::null());
        cmd
    };
    let ok = nb()
        .args([
            "sources",
            "add",
            &format!("http://{addr}/sitemap.xml"),
            "--include",
            r"\.html$",
        ])
        .status()
        .unwrap()
        .success();
    assert!(ok);
    // Poll every 10 s so that the publisher's new articles keep the pipeline busy.
    let db = format!(
        "sqlite://{}",
        dir.path().join("data/newsbridge.db").display()
    );
    let store = store::Store::open(&db).await.unwrap();
    let mut source = store.sources().await.unwrap().remove(0);
    source.settings["polling"] = serde_json::json!({"mode": "fixed", "interval_secs": 10});
    store.update_source(&source).await.unwrap();

    let port = common::free_port();
    let mut server = nb()
        .arg("run")
        .env("NEWSBRIDGE_SERVER__LISTEN", format!("127.0.0.1:{port}"))
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    while client
        .get(format!("{base}/readyz"))
        .send()
        .await
        .map_or(true, |r| !r.status().is_success())
    {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    let stop = Arc::new(AtomicBool::new(false));
    let served = Arc::new(AtomicUsize::new(0));
    let server_errors = Arc::new(AtomicUsize::new(0));
    let comments = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for t in 0..8usize {
        let (client, stop, served, errors, comments) = (
            client.clone(),
            stop.clone(),
            served.clone(),
            server_errors.clone(),
            comments.clone(),
        );
        let base = base.clone();
        tasks.push(tokio::spawn(async move {
            let mut n = t;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                let path = match n % 4 {
                    0 => "/en/".to_string(),
                    1 => "/vi/search?q=H%C3%A0%20N%E1%BB%99i".to_string(),
                    2 => "/en/search?q=river".to_string(),
                    _ => "/api/v1/articles?lang=en".to_string(),
                };
                match client.get(format!("{base}{path}")).send().await {
                    Ok(r) if r.status().is_server_error() => {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                    Ok(r) => {
                        let _ = r.bytes().await;
                        served.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(_) => {}
                }
                // Now and then a reader comments on an article (the form's token, then a post).
                if n % 50 == 0 {
                    let list: serde_json::Value = match client
                        .get(format!("{base}/api/v1/articles?lang=en"))
                        .send()
                        .await
                    {
                        Ok(r) => r.json().await.unwrap_or_default(),
                        Err(_) => continue,
                    };
                    // The API gives public URLs (site.base_url); ask this server for the same path.
                    let Some(path) = list["articles"][n % 5]["url"]
                        .as_str()
                        .and_then(|u| u.split_once("://"))
                        .and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_string()))
                    else {
                        continue;
                    };
                    let url = format!("{base}{path}");
                    let Ok(page) = client.get(&url).send().await else {
                        continue;
                    };
                    let html = page.text().await.unwrap_or_default();
                    let Some(token) = html
                        .split("name=\"token\" value=\"")
                        .nth(1)
                        .and_then(|s| s.split('"').next())
                        .map(str::to_string)
                    else {
                        continue;
                    };
                    tokio::time::sleep(Duration::from_secs(4)).await; // a human's time to type
                    let form = [
                        ("token", token.as_str()),
                        ("name", "Soak reader"),
                        ("body", "Thanks for the translation."),
                    ];
                    let action = format!("{}/comments", url.trim_end_matches('/'));
                    match client.post(&action).form(&form).send().await {
                        Ok(r) if r.status().is_server_error() => {
                            errors.fetch_add(1, Ordering::Relaxed);
                        }
                        Ok(_) => {
                            comments.fetch_add(1, Ordering::Relaxed);
                        }
                        Err(_) => {}
                    }
                }
            }
        }));
    }

    let start = Instant::now();
    let mut samples = Vec::new();
    let mut published = 0;
    while start.elapsed() < Duration::from_secs(minutes * 60) {
        tokio::time::sleep(Duration::from_secs(15)).await;
        published += site.publish_generated(2).len();
        let t = start.elapsed().as_secs_f64() / 60.0;
        let (mb, anon, file) = rss_mb(server.id());
        samples.push((t, mb, anon, file));
        println!(
            "{t:5.1} min  rss {mb:6.1} MB (heap {anon:6.1}, files {file:6.1})  index segments {}/{}  requests {}  comments posted {}  5xx {}",
            segments(&dir.path().join("data/search")),
            segments(&dir.path().join("data/stories")),
            served.load(Ordering::Relaxed),
            comments.load(Ordering::Relaxed),
            server_errors.load(Ordering::Relaxed)
        );
    }
    stop.store(true, Ordering::Relaxed);
    for t in tasks {
        let _ = t.await;
    }
    // The first minutes fill caches; the slope is taken over the second half.
    let half = &samples[samples.len() / 2..];
    let slope_of = |pick: fn(&(f64, f64, f64, f64)) -> f64| {
        slope(&half.iter().map(|s| (s.0, pick(s))).collect::<Vec<_>>())
    };
    println!(
        "soak {minutes} min: {} requests, {} comments, {published} articles published meanwhile, 5xx {}, memory slope over the second half {:+.2} MB/min (heap {:+.2}, mapped files {:+.2})",
        served.load(Ordering::Relaxed),
        comments.load(Ordering::Relaxed),
        server_errors.load(Ordering::Relaxed),
        slope_of(|s| s.1),
        slope_of(|s| s.2),
        slope_of(|s| s.3),
    );
    let _ = server.kill();
    let _ = server.wait();
}
