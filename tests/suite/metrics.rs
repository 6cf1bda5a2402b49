//! `/metrics` through the real binary: a worker's own endpoint
//! (`worker --metrics-addr`), then `newsbridge run` with web and workers on
//! one endpoint (`server.metrics_listen`), which is not public on the portal's
//! port (only with `server.metrics_token`, to requests bearing it).

use std::collections::BTreeMap;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common::{
    add_sample_sitemap, free_port, nb, sample_site, wait_ready, write_config, FakeLibre,
};

/// The samples of an OpenMetrics text: `name{labels}` → value.
fn samples(text: &str) -> BTreeMap<String, f64> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| {
            let (key, value) = l.rsplit_once(' ')?;
            Some((key.to_string(), value.parse().ok()?))
        })
        .collect()
}

/// The sum of the samples whose key starts with `prefix` and contains every one of `having`.
fn sum(samples: &BTreeMap<String, f64>, prefix: &str, having: &[&str]) -> f64 {
    samples
        .iter()
        .filter(|(k, _)| k.starts_with(prefix) && having.iter().all(|h| k.contains(h)))
        .map(|(_, v)| v)
        .sum()
}

async fn scrape(url: &str) -> (String, BTreeMap<String, f64>) {
    let r = reqwest::get(url).await.unwrap();
    assert_eq!(r.status(), 200, "{url}");
    let content_type = r.headers()["content-type"].to_str().unwrap().to_string();
    assert!(
        content_type.starts_with("application/openmetrics-text"),
        "{content_type}"
    );
    let text = r.text().await.unwrap();
    assert!(text.trim_end().ends_with("# EOF"), "{text}");
    let parsed = samples(&text);
    (text, parsed)
}

/// Scrapes `url` until `done` holds on the samples, at most `limit`.
async fn scrape_until(
    url: &str,
    limit: Duration,
    done: impl Fn(&BTreeMap<String, f64>) -> bool,
) -> (String, BTreeMap<String, f64>) {
    let deadline = Instant::now() + limit;
    loop {
        let (text, parsed) = scrape(url).await;
        if done(&parsed) {
            return (text, parsed);
        }
        assert!(Instant::now() < deadline, "never reached: {text}");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

/// The TM hit ratio as a dashboard computes it: memory hits over segments that needed a translation.
fn tm_hit_ratio(s: &BTreeMap<String, f64>) -> Option<f64> {
    let hits = sum(
        s,
        "newsbridge_translation_segments_total{origin=\"memory_",
        &[],
    );
    let all = sum(s, "newsbridge_translation_segments_total{", &[])
        - sum(
            s,
            "newsbridge_translation_segments_total{origin=\"verbatim\"",
            &[],
        );
    (all > 0.0).then(|| hits / all)
}

struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workers_and_the_portal_report_latency_jobs_and_segments() {
    let dir = tempfile::tempdir().unwrap();
    let (site, addr) = sample_site(0).await;
    let engine = FakeLibre::spawn().await;
    let config = write_config(dir.path(), addr, Some(&engine.url), "");
    add_sample_sitemap(&config, addr);
    let articles = site.articles().len() as f64;

    // 1. A worker alone ingests the publisher; its own endpoint shows its job runs.
    let port = free_port();
    let worker = Child(
        nb(&config)
            .args(["worker", "--metrics-addr", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::null())
            .spawn()
            .unwrap(),
    );
    wait_ready(port, Duration::from_secs(30)).await;
    let url = format!("http://127.0.0.1:{port}/metrics");
    let (text, s) = scrape_until(&url, Duration::from_secs(120), |s| {
        sum(
            s,
            "newsbridge_job_runs_total{",
            &["stage=\"publish\"", "outcome=\"done\""],
        ) >= 2.0 * articles
    })
    .await;
    for stage in [
        "poll",
        "fetch",
        "extract",
        "classify",
        "translate",
        "publish",
    ] {
        let runs = sum(
            &s,
            "newsbridge_job_duration_seconds_count{",
            &[&format!("stage=\"{stage}\"")],
        );
        assert!(runs > 0.0, "no {stage} job timed: {text}");
        assert!(
            text.contains(&format!(
                "newsbridge_job_duration_seconds_bucket{{le=\"+Inf\",stage=\"{stage}\"}}"
            )) || text.contains(&format!(
                "newsbridge_job_duration_seconds_bucket{{stage=\"{stage}\",le=\"+Inf\"}}"
            )),
            "{stage} histogram buckets: {text}"
        );
    }
    assert_eq!(
        sum(&s, "newsbridge_job_runs_total{", &["outcome=\"dead\""]),
        0.0,
        "{text}"
    );
    let engine_segments = sum(
        &s,
        "newsbridge_engine_segments_total{",
        &["engine=\"libre\""],
    );
    assert!(engine_segments > 0.0, "{text}");
    // The engine is sent each distinct sentence of an article once; repeats count as segments.
    assert!(
        engine_segments as usize >= engine.count(),
        "every segment the engine translated is counted: {text}"
    );
    let ratio = tm_hit_ratio(&s).expect("segments counted");
    assert!((0.0..=1.0).contains(&ratio), "{ratio}");
    // The shared queue, read from the database, is there too; HTTP series are not (no portal).
    assert!(
        text.contains("newsbridge_jobs{stage=\"translate\",state=\"done\"}"),
        "{text}"
    );
    assert!(!text.contains("newsbridge_http_request_duration_seconds_count{"));
    // Source health, every state present; the sample publisher's source is polled and healthy.
    assert!(
        text.contains("newsbridge_source_health{health=\"unhealthy\"} 0"),
        "{text}"
    );
    assert!(
        text.contains("newsbridge_source_health{health=\"healthy\"} 1"),
        "{text}"
    );
    drop(worker);

    // 2. `newsbridge run`: pages and jobs on one endpoint. The publisher
    // publishes two more articles and the source is polled every second, so
    // this process translates too.
    let db = format!(
        "sqlite://{}",
        dir.path().join("data/newsbridge.db").display()
    );
    crate::common::poll_every_second(&db).await;
    site.publish_generated(2);
    let port = free_port();
    let metrics_port = free_port();
    let token = "a-scraper-token-of-32-characters";
    let _server = Child(
        nb(&config)
            .arg("run")
            .env("NEWSBRIDGE_SERVER__LISTEN", format!("127.0.0.1:{port}"))
            .env(
                "NEWSBRIDGE_SERVER__METRICS_LISTEN",
                format!("127.0.0.1:{metrics_port}"),
            )
            .env("NEWSBRIDGE_SERVER__METRICS_TOKEN", token)
            .stdout(Stdio::null())
            .spawn()
            .unwrap(),
    );
    wait_ready(port, Duration::from_secs(30)).await;
    let base = format!("http://127.0.0.1:{port}");
    let list: serde_json::Value = reqwest::get(format!("{base}/api/v1/articles?lang=en"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let public = list["articles"][0]["url"].as_str().unwrap();
    let path = &public[public.find("://").unwrap() + 3..];
    let path = &path[path.find('/').unwrap()..];
    for _ in 0..3 {
        let r = reqwest::get(format!("{base}{path}")).await.unwrap();
        assert_eq!(r.status(), 200, "{path}");
    }
    let r = reqwest::get(format!("{base}/en/no-such-section/999999-nothing"))
        .await
        .unwrap();
    assert_eq!(r.status(), 404);

    // Strangers get no metrics on the portal's port; the bearer of the token does.
    let client = reqwest::Client::new();
    let r = client.get(format!("{base}/metrics")).send().await.unwrap();
    assert_eq!(r.status(), 401);
    let r = client
        .get(format!("{base}/metrics"))
        .header("authorization", "Bearer not-the-token-at-all-no")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let r = client
        .get(format!("{base}/metrics"))
        .header("authorization", format!("Bearer {token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("newsbridge_http_request_duration_seconds"));

    let url = format!("http://127.0.0.1:{metrics_port}/metrics");
    let (text, s) = scrape_until(&url, Duration::from_secs(90), |s| {
        sum(
            s,
            "newsbridge_job_runs_total{",
            &["stage=\"translate\"", "outcome=\"done\""],
        ) >= 2.0
            && sum(
                s,
                "newsbridge_job_runs_total{",
                &["stage=\"publish\"", "outcome=\"done\""],
            ) >= 2.0
    })
    .await;
    // The article page under its route template, never its raw path.
    let article = sum(
        &s,
        "newsbridge_http_request_duration_seconds_count{",
        &[
            "route=\"/{lang}/{section}/{article}\"",
            "method=\"GET\"",
            "status=\"2xx\"",
        ],
    );
    assert!(article >= 3.0, "{text}");
    assert!(
        sum(
            &s,
            "newsbridge_http_request_duration_seconds_count{",
            &["route=\"/{lang}/{section}/{article}\"", "status=\"4xx\""],
        ) >= 1.0,
        "{text}"
    );
    assert!(
        sum(
            &s,
            "newsbridge_http_request_duration_seconds_count{",
            &["route=\"/api/v1/articles\""],
        ) >= 1.0,
        "{text}"
    );
    assert!(
        !text.contains(path),
        "raw paths never become labels: {text}"
    );
    assert!(
        sum(&s, "newsbridge_http_request_duration_seconds_sum{", &[]) > 0.0,
        "{text}"
    );
    assert!(
        sum(
            &s,
            "newsbridge_job_duration_seconds_count{",
            &["stage=\"translate\""]
        ) >= 2.0,
        "{text}"
    );
    assert!(
        sum(
            &s,
            "newsbridge_engine_segments_total{",
            &["engine=\"libre\""]
        ) > 0.0,
        "{text}"
    );
    let ratio = tm_hit_ratio(&s).expect("segments counted");
    assert!((0.0..=1.0).contains(&ratio), "{ratio}");
    assert!(
        text.contains("newsbridge_translations{lang=\"en\",status=\"published\"}"),
        "{text}"
    );
    let health = reqwest::get(format!("http://127.0.0.1:{metrics_port}/readyz"))
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_are_not_served_on_the_portal_port_without_a_token() {
    let dir = tempfile::tempdir().unwrap();
    let (_site, addr) = sample_site(0).await;
    let config = write_config(dir.path(), addr, None, "");
    let port = free_port();
    let _server = Child(
        nb(&config)
            .args(["serve"])
            .env("NEWSBRIDGE_SERVER__LISTEN", format!("127.0.0.1:{port}"))
            .stdout(Stdio::null())
            .spawn()
            .unwrap(),
    );
    wait_ready(port, Duration::from_secs(30)).await;
    let base = format!("http://127.0.0.1:{port}");
    let r = reqwest::get(format!("{base}/metrics")).await.unwrap();
    assert_eq!(r.status(), 404);
    for path in ["/healthz", "/readyz"] {
        let r = reqwest::get(format!("{base}{path}")).await.unwrap();
        assert_eq!(r.status(), 200, "{path}");
        assert_eq!(r.headers()["x-content-type-options"], "nosniff", "{path}");
    }
}
