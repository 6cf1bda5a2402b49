//! Many-process figures on one machine, around a real PostgreSQL:
//! pipeline jobs/s with 1, 2 and 4 worker processes, the recovery time after
//! a worker is killed with SIGKILL, and portal requests/s from 1 and 2 web
//! nodes, both directly (the load generator round-robins) and behind nginx
//! (`/usr/sbin/nginx`, started with a generated config on 127.0.0.1).
//!
//! ```sh
//! cargo build --release && TEST_POSTGRES_URL=$(scripts/pg-start) \
//!   cargo run --release --example bench_cluster -- 300
//! ```
//! The argument is the number of generated articles on the sample publisher
//! (besides its 37 hand-written ones); every article is translated into
//! English by a local LibreTranslate-protocol stand-in.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "../tests/suite/common/fixtures.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use sqlx::Row;

fn binary() -> PathBuf {
    // target/release/examples/bench_cluster → target/release/newsbridge
    let exe = std::env::current_exe().unwrap();
    let bin = exe.parent().unwrap().parent().unwrap().join("newsbridge");
    assert!(
        bin.exists(),
        "{} is missing: run `cargo build --release` first",
        bin.display()
    );
    bin
}

fn nb(config: &Path, db: &str) -> Command {
    let mut cmd = Command::new(binary());
    cmd.arg("--config")
        .arg(config)
        .env("NEWSBRIDGE_LOG", "error")
        .env("DATABASE_URL", db)
        .env(
            "NEWSBRIDGE_SERVER__SECRET",
            "bench-secret-shared-by-the-nodes",
        )
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

async fn scalar(db: &str, sql: &str) -> i64 {
    let store = store::Store::connect(db).await.unwrap();
    let n = sqlx::query(sql)
        .fetch_one(store.pool())
        .await
        .unwrap()
        .get::<i64, _>(0);
    store.close().await;
    n
}

struct Setup {
    _dir: tempfile::TempDir,
    config: PathBuf,
    db: String,
}

async fn setup(addr: std::net::SocketAddr, engine: &str) -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let config = common::write_config(dir.path(), addr, Some(engine), "");
    let db = store::testing::postgres_url()
        .await
        .expect("set TEST_POSTGRES_URL (scripts/pg-start prints one)");
    let ok = nb(&config, &db)
        .args([
            "sources",
            "add",
            &format!("http://{addr}/sitemap.xml"),
            "--kind",
            "sitemap",
            "--include",
            r"\.html$",
        ])
        .status()
        .unwrap()
        .success();
    assert!(ok, "sources add failed");
    Setup {
        _dir: dir,
        config,
        db,
    }
}

async fn wait_done(db: &str, expected: i64) -> Duration {
    let start = Instant::now();
    loop {
        let articles = scalar(db, "SELECT COUNT(*) FROM articles").await;
        let left = scalar(
            db,
            "SELECT COUNT(*) FROM jobs WHERE state NOT IN ('done', 'dead')",
        )
        .await;
        if articles == expected && left == 0 {
            return start.elapsed();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn stop(children: &mut [Child]) {
    for c in children.iter_mut() {
        let _ = c.kill();
        let _ = c.wait();
    }
}

/// An nginx of the benchmark's own (config, logs and temp files in a temp
/// dir, listening on 127.0.0.1 only) balancing over `upstreams`; stopped when dropped.
struct Nginx {
    port: u16,
    child: Child,
    _dir: tempfile::TempDir,
}

impl Nginx {
    fn start(upstreams: &[u16]) -> Option<Nginx> {
        let bin = Path::new("/usr/sbin/nginx");
        if !bin.exists() {
            println!("nginx: /usr/sbin/nginx is missing (apt-get install nginx-light); skipping the rows behind nginx");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let port = common::free_port();
        let user = Command::new("id").arg("-un").output().unwrap();
        let user = String::from_utf8_lossy(&user.stdout).trim().to_string();
        let servers: String = upstreams
            .iter()
            .map(|p| format!("        server 127.0.0.1:{p} max_fails=2 fail_timeout=5s;\n"))
            .collect();
        let d = dir.path().display();
        // As deploy/nginx.conf, without TLS; one worker process (the nodes need the cores).
        let conf = format!(
            "user {user};\nworker_processes 1;\ndaemon off;\npid {d}/nginx.pid;\nerror_log {d}/error.log warn;\n\
             events {{ worker_connections 4096; }}\n\
             http {{\n    access_log off;\n\
                 client_body_temp_path {d}/body;\n    proxy_temp_path {d}/proxy;\n\
                 fastcgi_temp_path {d}/fastcgi;\n    uwsgi_temp_path {d}/uwsgi;\n    scgi_temp_path {d}/scgi;\n\
                 upstream newsbridge {{\n{servers}        keepalive 32;\n    }}\n\
                 server {{\n        listen 127.0.0.1:{port};\n        client_max_body_size 64k;\n\
                     location / {{\n            proxy_pass http://newsbridge;\n            proxy_http_version 1.1;\n\
                         proxy_set_header Connection \"\";\n            proxy_set_header Host $host;\n\
                         proxy_set_header X-Forwarded-For $remote_addr;\n\
                         proxy_next_upstream error timeout http_502 http_503;\n            proxy_connect_timeout 2s;\n\
                     }}\n    }}\n}}\n"
        );
        let path = dir.path().join("nginx.conf");
        std::fs::write(&path, conf).unwrap();
        let child = Command::new(bin)
            .arg("-p")
            .arg(dir.path())
            .arg("-e")
            .arg(dir.path().join("error.log"))
            .arg("-c")
            .arg(&path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let nginx = Nginx {
            port,
            child,
            _dir: dir,
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                let log = std::fs::read_to_string(nginx._dir.path().join("error.log"))
                    .unwrap_or_default();
                println!("nginx did not start; skipping the rows behind nginx: {log}");
                return None;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(nginx)
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn requests_per_second(ports: &[u16], seconds: u64) -> (f64, usize) {
    let client = reqwest::Client::new();
    let stop = Arc::new(AtomicBool::new(false));
    let ok = Arc::new(AtomicUsize::new(0));
    let failed = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for t in 0..32usize {
        let (client, stop, ok, failed) = (client.clone(), stop.clone(), ok.clone(), failed.clone());
        let ports = ports.to_vec();
        tasks.push(tokio::spawn(async move {
            let mut n = t;
            while !stop.load(Ordering::Relaxed) {
                let port = ports[n % ports.len()];
                let path = ["/en/", "/en/search?q=river", "/api/v1/articles?lang=en"][n % 3];
                n += 1;
                match client
                    .get(format!("http://127.0.0.1:{port}{path}"))
                    .send()
                    .await
                {
                    Ok(r) if r.status().is_success() => {
                        let _ = r.bytes().await;
                        ok.fetch_add(1, Ordering::Relaxed);
                    }
                    _ => {
                        failed.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    stop.store(true, Ordering::Relaxed);
    for t in tasks {
        let _ = t.await;
    }
    (
        ok.load(Ordering::Relaxed) as f64 / seconds as f64,
        failed.load(Ordering::Relaxed),
    )
}

#[tokio::main]
async fn main() {
    let generated: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(300);
    let (site, addr) = common::sample_site(generated).await;
    let engine = common::FakeLibre::spawn().await;
    let expected = site.articles().len() as i64;
    println!("sample publisher: {expected} articles, vi + en, PostgreSQL, this machine's cores shared by all processes");

    let mut base = None;
    for workers in [1usize, 2, 4] {
        let s = setup(addr, &engine.url).await;
        let mut children: Vec<Child> = (0..workers)
            .map(|_| nb(&s.config, &s.db).arg("worker").spawn().unwrap())
            .collect();
        let took = wait_done(&s.db, expected).await;
        stop(&mut children);
        let jobs = scalar(&s.db, "SELECT COUNT(*) FROM jobs").await;
        let rate = jobs as f64 / took.as_secs_f64();
        let base_rate = *base.get_or_insert(rate);
        println!(
            "workers {workers}: {jobs} jobs in {:.1} s = {rate:.0} jobs/s (scaling {:.2}x)",
            took.as_secs_f64(),
            rate / base_rate
        );
    }

    // Recovery: two workers, one killed halfway; lease_seconds = 5 in this config.
    let s = setup(addr, &engine.url).await;
    let mut a = nb(&s.config, &s.db).arg("worker").spawn().unwrap();
    let mut b = nb(&s.config, &s.db).arg("worker").spawn().unwrap();
    while scalar(&s.db, "SELECT COUNT(*) FROM articles").await < expected / 2 {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let store = store::Store::connect(&s.db).await.unwrap();
    let held: Vec<i64> = sqlx::query("SELECT id FROM jobs WHERE state = 'running'")
        .fetch_all(store.pool())
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    a.kill().unwrap();
    let killed = Instant::now();
    loop {
        let mut left = 0;
        for id in &held {
            let state: String = sqlx::query("SELECT state FROM jobs WHERE id = $1")
                .bind(id)
                .fetch_one(store.pool())
                .await
                .unwrap()
                .get(0);
            if state != "done" && state != "dead" {
                left += 1;
            }
        }
        if left == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    println!(
        "recovery after SIGKILL of one of 2 workers: the {} jobs running at the kill were all done {:.1} s later (lease 5 s)",
        held.len(),
        killed.elapsed().as_secs_f64()
    );
    wait_done(&s.db, expected).await;
    let _ = a.wait();
    stop(std::slice::from_mut(&mut b));

    // Web nodes on the finished database.
    let mut nodes = Vec::new();
    let mut ports = Vec::new();
    for n in 0..2 {
        let dir = tempfile::tempdir().unwrap();
        let config = common::write_config(dir.path(), addr, Some(&engine.url), "");
        let port = common::free_port();
        let child = nb(&config, &s.db)
            .arg("serve")
            .env("NEWSBRIDGE_SERVER__LISTEN", format!("127.0.0.1:{port}"))
            .spawn()
            .unwrap();
        let client = reqwest::Client::new();
        // Ready, and its index caught up with the change log.
        loop {
            let url = format!("http://127.0.0.1:{port}/api/v1/search?lang=en&q=river");
            if let Ok(r) = client.get(url).send().await {
                if let Ok(v) = r.json::<serde_json::Value>().await {
                    if v["total"].as_u64().unwrap_or(0) > 0 {
                        break;
                    }
                }
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        println!("web node {} ready", n + 1);
        nodes.push((child, dir));
        ports.push(port);
    }
    let (one, failed_one) = requests_per_second(&ports[..1], 10).await;
    let (two, failed_two) = requests_per_second(&ports, 10).await;
    println!("web, 1 node: {one:.0} requests/s ({failed_one} failed)");
    println!(
        "web, 2 nodes round-robin: {two:.0} requests/s ({failed_two} failed), {:.2}x",
        two / one.max(1.0)
    );
    let mut rows = vec![
        ("1 node, direct".to_string(), one, failed_one),
        (
            "2 nodes, direct (client round-robin)".to_string(),
            two,
            failed_two,
        ),
    ];
    for n in [1, 2] {
        let Some(lb) = Nginx::start(&ports[..n]) else {
            break;
        };
        let (rate, failed) = requests_per_second(&[lb.port], 10).await;
        println!("web, {n} node(s) behind nginx: {rate:.0} requests/s ({failed} failed)");
        rows.push((
            format!("{n} node{} behind nginx", if n > 1 { "s" } else { "" }),
            rate,
            failed,
        ));
    }
    println!();
    println!("| web, 32 clients, mixed home/search/API | requests/s | failed | vs 1 node direct |");
    println!("| --- | --- | --- | --- |");
    for (what, rate, failed) in &rows {
        println!(
            "| {what} | {rate:.0} | {failed} | {:.2}x |",
            rate / one.max(1.0)
        );
    }
    for (mut child, _dir) in nodes {
        let _ = child.kill();
        let _ = child.wait();
    }
}
