//! Many processes around one PostgreSQL: two workers and two web nodes share
//! only the database. A worker is killed with SIGKILL mid-translation and a web
//! node mid-load; nothing is lost or done twice, the load fails over to the
//! surviving node without a failed request, and the restarted node catches its
//! search index up from the change log.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use sqlx::Row;

use crate::common::{count, free_port, nb, run, sample_site, wait_ready, write_config, FakeLibre};

const SECRET: &str = "cluster-test-secret-shared-by-every-web-node";

/// One node: its own directory (config, data, search index), the shared database.
struct Node {
    config: PathBuf,
    db: String,
}

impl Node {
    fn new(dir: &Path, name: &str, site: std::net::SocketAddr, engine: &str, db: &str) -> Node {
        let dir = dir.join(name);
        std::fs::create_dir_all(&dir).unwrap();
        Node {
            config: write_config(&dir, site, Some(engine), ""),
            db: db.to_string(),
        }
    }

    fn command(&self) -> std::process::Command {
        let mut cmd = nb(&self.config);
        cmd.env("DATABASE_URL", &self.db)
            .env("NEWSBRIDGE_SERVER__SECRET", SECRET)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        cmd
    }

    fn worker(&self, stages: Option<&str>) -> Child {
        let mut cmd = self.command();
        cmd.arg("worker");
        if let Some(stages) = stages {
            cmd.args(["--stages", stages]);
        }
        cmd.spawn().unwrap()
    }

    fn web(&self, port: u16) -> Child {
        let mut cmd = self.command();
        cmd.arg("serve")
            .env("NEWSBRIDGE_SERVER__LISTEN", format!("127.0.0.1:{port}"));
        cmd.spawn().unwrap()
    }
}

async fn search_total(client: &reqwest::Client, port: u16) -> Option<u64> {
    let r = client
        .get(format!(
            "http://127.0.0.1:{port}/api/v1/search?lang=en&q=river"
        ))
        .send()
        .await
        .ok()?;
    let v: serde_json::Value = r.json().await.ok()?;
    v["total"].as_u64()
}

/// Requests pages from the nodes in turn; a node that refuses connections is
/// dropped from the rotation (the failover a load balancer does). Counts
/// requests that failed on a node still in rotation, and any 5xx.
struct Load {
    stop: Arc<AtomicBool>,
    ok: Arc<AtomicUsize>,
    failed: Arc<AtomicUsize>,
    server_errors: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl Load {
    fn start(ports: Vec<u16>) -> Load {
        let stop = Arc::new(AtomicBool::new(false));
        let ok = Arc::new(AtomicUsize::new(0));
        let failed = Arc::new(AtomicUsize::new(0));
        let server_errors = Arc::new(AtomicUsize::new(0));
        let (s, o, f, e) = (
            stop.clone(),
            ok.clone(),
            failed.clone(),
            server_errors.clone(),
        );
        let task = tokio::spawn(async move {
            let client = reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .build()
                .unwrap();
            let mut alive = ports;
            let paths = [
                "/en/",
                "/vi/",
                "/api/v1/articles?lang=en",
                "/en/search?q=river",
            ];
            let mut n = 0usize;
            while !s.load(Ordering::SeqCst) && !alive.is_empty() {
                let port = alive[n % alive.len()];
                let path = paths[n % paths.len()];
                n += 1;
                match client
                    .get(format!("http://127.0.0.1:{port}{path}"))
                    .send()
                    .await
                {
                    Ok(r) if r.status().is_server_error() => {
                        e.fetch_add(1, Ordering::SeqCst);
                    }
                    Ok(_) => {
                        o.fetch_add(1, Ordering::SeqCst);
                    }
                    Err(_) if std::net::TcpStream::connect(("127.0.0.1", port)).is_err() => {
                        // The node is gone (the request in flight died with it):
                        // fail over, as a load balancer's health check would.
                        alive.retain(|p| *p != port);
                    }
                    Err(err) => {
                        // A live node dropped the request: retried once on the next
                        // node, as nginx's proxy_next_upstream does; failing twice counts.
                        let next = alive[n % alive.len()];
                        let retry = client
                            .get(format!("http://127.0.0.1:{next}{path}"))
                            .send()
                            .await;
                        if !matches!(&retry, Ok(r) if r.status().is_success() || r.status().is_client_error())
                        {
                            eprintln!("request to {port}{path} failed: {err:?}, retry: {retry:?}");
                            f.fetch_add(1, Ordering::SeqCst);
                        }
                    }
                }
            }
        });
        Load {
            stop,
            ok,
            failed,
            server_errors,
            task,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_workers_and_two_web_nodes_survive_kills() {
    let Some(db) = store::testing::postgres_url().await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (site, addr) = sample_site(40).await;
    // A slow engine, so that translations are in flight when the worker dies.
    let engine = FakeLibre::spawn_slow(Duration::from_millis(40)).await;
    let a = Node::new(dir.path(), "worker-a", addr, &engine.url, &db);
    let b = Node::new(dir.path(), "worker-b", addr, &engine.url, &db);
    let w1 = Node::new(dir.path(), "web-1", addr, &engine.url, &db);
    let w2 = Node::new(dir.path(), "web-2", addr, &engine.url, &db);
    let (ok, _, err) = run(a.command().stderr(Stdio::piped()).args([
        "sources",
        "add",
        &format!("http://{addr}/sitemap.xml"),
        "--kind",
        "sitemap",
        "--include",
        r"\.html$",
    ]));
    assert!(ok, "{err}");
    let store = store::Store::open(&db).await.unwrap();

    let (p1, p2) = (free_port(), free_port());
    let mut web1 = w1.web(p1);
    let mut web2 = w2.web(p2);
    wait_ready(p1, Duration::from_secs(60)).await;
    wait_ready(p2, Duration::from_secs(60)).await;
    let load = Load::start(vec![p1, p2]);

    // Worker A alone until it is translating, then SIGKILL: the jobs it held
    // must be run again by the others once their lease (5 s here) expires.
    let mut worker_a = a.worker(None);
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let running = count(
            &store,
            "SELECT COUNT(*) FROM jobs WHERE kind = 'translate' AND state = 'running'",
        )
        .await;
        if running > 0 {
            break;
        }
        assert!(Instant::now() < deadline, "no translation ever started");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    worker_a.kill().unwrap();
    worker_a.wait().unwrap();
    let held_when_killed = count(&store, "SELECT COUNT(*) FROM jobs WHERE state = 'running'").await;
    assert!(held_when_killed > 0);

    // B only translates and publishes; A comes back for the other stages.
    let mut worker_b = b.worker(Some("translate,publish,revise"));
    let mut worker_a = a.worker(None);

    // A web node dies under load; the generator fails over to the other one.
    tokio::time::sleep(Duration::from_secs(2)).await;
    web2.kill().unwrap();
    web2.wait().unwrap();

    let deadline = Instant::now() + Duration::from_secs(240);
    let expected = site.articles().len() as i64;
    loop {
        let articles = count(&store, "SELECT COUNT(*) FROM articles").await;
        let unfinished = count(
            &store,
            "SELECT COUNT(*) FROM jobs WHERE state NOT IN ('done', 'dead')",
        )
        .await;
        if articles == expected && unfinished == 0 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "pipeline did not finish: {articles}/{expected} articles, {unfinished} jobs left"
        );
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    load.stop.store(true, Ordering::SeqCst);
    load.task.await.unwrap();

    // Exactly once: one row per article and per language version, all published, no dead job.
    let urls: Vec<String> = sqlx::query("SELECT url FROM articles")
        .fetch_all(store.pool())
        .await
        .unwrap()
        .iter()
        .map(|r| r.get("url"))
        .collect();
    let unique: HashSet<&String> = urls.iter().collect();
    assert_eq!(unique.len(), urls.len(), "an article was stored twice");
    assert_eq!(urls.len() as i64, expected);
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM jobs WHERE state = 'dead'").await,
        0
    );
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM translations WHERE status = 'published'"
        )
        .await,
        2 * expected,
        "every article in vi and en, once"
    );
    assert!(
        count(
            &store,
            "SELECT COUNT(*) FROM jobs WHERE kind = 'translate' AND attempts > 1"
        )
        .await
            > 0,
        "the killed worker's translation was run again"
    );

    // The load kept going on the survivor without a failed request.
    let served = load.ok.load(Ordering::SeqCst);
    assert!(served > 20, "only {served} requests were served");
    assert_eq!(load.failed.load(Ordering::SeqCst), 0, "requests failed");
    assert_eq!(load.server_errors.load(Ordering::SeqCst), 0, "5xx answers");

    // The restarted node catches its index up from the change log.
    let client = reqwest::Client::new();
    let mut web2 = w2.web(p2);
    wait_ready(p2, Duration::from_secs(60)).await;
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let (t1, t2) = (
            search_total(&client, p1).await,
            search_total(&client, p2).await,
        );
        if let (Some(t1), Some(t2)) = (t1, t2) {
            if t1 > 0 && t1 == t2 {
                break;
            }
        }
        assert!(
            Instant::now() < deadline,
            "the restarted node's index did not catch up: {t1:?} vs {t2:?}"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }

    for child in [&mut worker_a, &mut worker_b, &mut web1, &mut web2] {
        let _ = child.kill();
        let _ = child.wait();
    }
}
