//! Operating a deployment: backups and the move to PostgreSQL, index rebuilds,
//! graceful shutdown, dedicated workers, structured logs.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common::{count, nb, run, sample_site, write_config, FakeLibre};
use crate::pipeline::{ingested_sample, open};

const TABLES: [&str; 8] = [
    "sources",
    "articles",
    "translations",
    "tm_segments",
    "sections",
    "authors",
    "jobs",
    "change_log",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_site_moves_to_postgres_through_an_archive() {
    let Some(pg) = store::testing::postgres_url().await else {
        return;
    };
    let sample = ingested_sample().await;
    let archive = sample.dir.path().join("site.nbarchive");
    let (ok, out, err) = run(nb(&sample.config).arg("export").arg(&archive));
    assert!(ok, "{err}");
    assert!(out.contains("exported"), "{out}");
    assert!(!sample.dir.path().join("site.partial").exists());

    // A second node's directory, on PostgreSQL.
    let target = tempfile::tempdir().unwrap();
    let config = write_config(target.path(), sample.addr, Some(&sample.engine.url), "");
    let (ok, out, err) = run(nb(&config)
        .env("DATABASE_URL", &pg)
        .arg("import")
        .arg(&archive));
    assert!(ok, "{err}");
    assert!(
        out.contains("index rebuild"),
        "the next step is said: {out}"
    );

    let from = open(sample.dir.path(), None).await;
    let to = store::Store::open(&pg).await.unwrap();
    for table in TABLES {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        let n = count(&from, &sql).await;
        assert!(
            n > 0 || table == "authors",
            "{table} is empty in the sample"
        );
        assert_eq!(count(&to, &sql).await, n, "{table} differs after import");
    }

    // Importing twice is refused and changes nothing.
    let (ok, _, err) = run(nb(&config)
        .env("DATABASE_URL", &pg)
        .arg("import")
        .arg(&archive));
    assert!(!ok);
    assert!(err.contains("not empty"), "{err}");

    // The node rebuilds its search index from PostgreSQL.
    let (ok, out, err) = run(nb(&config)
        .env("DATABASE_URL", &pg)
        .args(["index", "rebuild"]));
    assert!(ok, "{err}");
    let articles = count(&to, "SELECT COUNT(*) FROM articles").await;
    assert!(
        out.contains(&format!("{articles} articles")),
        "rebuild reports every article: {out}"
    );
    let index = search::SearchIndex::open(&target.path().join("data").join("search")).unwrap();
    let results = index
        .search(&search::SearchQuery {
            text: "river".into(),
            lang: "en".into(),
            ..Default::default()
        })
        .unwrap();
    assert!(
        results.total > 0,
        "the rebuilt index finds the translated articles"
    );
    assert_eq!(
        index.change_cursor().unwrap(),
        count(&to, "SELECT MAX(id) FROM change_log").await,
        "the rebuilt index follows the change log from where it was built"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_archive_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let (config, _) = crate::common::minimal_config(dir.path(), "");
    let bad = dir.path().join("notes.txt");
    std::fs::write(&bad, "not an archive").unwrap();
    let (ok, _, err) = run(nb(&config).arg("import").arg(&bad));
    assert!(!ok);
    assert!(err.contains("notes.txt"), "{err}");
    assert!(
        err.contains("not a gzip-compressed Newsbridge archive"),
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_hands_running_jobs_back_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let (_site, addr) = sample_site(0).await;
    // Each translation request takes long: the worker is stopped mid-translation.
    let engine = FakeLibre::spawn_slow(Duration::from_secs(3)).await;
    let config = write_config(dir.path(), addr, Some(&engine.url), "");
    let (ok, _, err) = run(nb(&config).args([
        "sources",
        "add",
        &format!("http://{addr}/sitemap.xml"),
        "--include",
        r"\.html$",
    ]));
    assert!(ok, "{err}");
    let mut worker = nb(&config)
        .arg("worker")
        .env("NEWSBRIDGE_WORKERS__SHUTDOWN_GRACE_SECONDS", "1")
        .env("NEWSBRIDGE_WORKERS__LEASE_SECONDS", "600")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let store = open(dir.path(), None).await;
    let deadline = Instant::now() + Duration::from_secs(60);
    while count(
        &store,
        "SELECT COUNT(*) FROM jobs WHERE kind = 'translate' AND state = 'running'",
    )
    .await
        == 0
    {
        assert!(Instant::now() < deadline, "no translation started");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let (ok, _, err) =
        run(std::process::Command::new("kill").args(["-TERM", &worker.id().to_string()]));
    assert!(ok, "{err}");
    let stopped = Instant::now();
    let status = loop {
        if let Some(status) = worker.try_wait().unwrap() {
            break status;
        }
        assert!(
            stopped.elapsed() < Duration::from_secs(15),
            "the worker did not stop after SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(
        status.success(),
        "a stop on SIGTERM is a clean exit: {status}"
    );
    // Handed back, not left to a 10-minute lease: due now, attempt not spent.
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM jobs WHERE state = 'running'").await,
        0,
        "no job is left leased by the stopped worker"
    );
    assert!(
        count(
            &store,
            "SELECT COUNT(*) FROM jobs WHERE kind = 'translate' AND state = 'queued' AND attempts = 0 AND lease_token IS NULL"
        )
        .await
            > 0
    );
}

#[test]
fn worker_stages_are_checked_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let (config, _) = crate::common::minimal_config(dir.path(), "");
    let (ok, _, err) = run(nb(&config).args(["worker", "--stages", "translate,transalte"]));
    assert!(!ok);
    assert!(err.contains("unknown stage \"transalte\""), "{err}");
    assert!(
        err.contains("poll, fetch, extract, classify, translate, publish, revise"),
        "{err}"
    );
}

#[test]
fn json_logs_are_one_object_per_line() {
    let dir = tempfile::tempdir().unwrap();
    let (config, _) = crate::common::minimal_config(dir.path(), "");
    let (ok, _, err) =
        run(nb(&config)
            .env("NEWSBRIDGE_LOG", "info")
            .args(["--log-format", "json", "migrate"]));
    assert!(ok, "{err}");
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(!lines.is_empty(), "a fresh database logs its migration");
    for line in lines {
        let v: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        assert!(
            v["level"].is_string() && v["timestamp"].is_string(),
            "{line}"
        );
    }
}
