//! Crash safety: the pipeline is killed with SIGKILL at random moments while
//! it ingests 200+ articles; after restarts nothing is lost or duplicated.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "suite/common/mod.rs"]
mod common;

use std::collections::HashSet;
use std::process::Stdio;
use std::time::Duration;

use common::{nb, run, sample_site, write_config, FakeLibre};
use rand::{Rng, SeedableRng};
use sqlx::Row;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_at_random_moments_loses_and_duplicates_nothing() {
    let seed: u64 = std::env::var("CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(rand::random);
    eprintln!("crash test seed: {seed} (rerun with CRASH_SEED={seed})");
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let dir = tempfile::tempdir().unwrap();
    let (site, addr) = sample_site(200).await;
    let engine = FakeLibre::spawn().await;
    let config = write_config(dir.path(), addr, Some(&engine.url), "");
    let (ok, _, err) = run(nb(&config).args([
        "sources",
        "add",
        &format!("http://{addr}/sitemap.xml"),
        "--kind",
        "sitemap",
        "--include",
        r"\.html$",
    ]));
    assert!(ok, "{err}");

    let mut kills = 0;
    while kills < 12 {
        let mut child = nb(&config)
            .arg("worker")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let wait = rng.gen_range(150..1500);
        tokio::time::sleep(Duration::from_millis(wait)).await;
        if child.try_wait().unwrap().is_some() {
            panic!("the worker exited by itself");
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        kills += 1;
    }

    // Restart and finish: expired leases run again.
    let (ok, out, err) = run(nb(&config).args(["ingest", "--once"]));
    assert!(ok, "{err}");
    eprintln!("{out}");

    let url = format!(
        "sqlite://{}",
        dir.path().join("data").join("newsbridge.db").display()
    );
    let store = store::Store::open(&url).await.unwrap();
    let pool = store.pool();
    let expected: HashSet<String> = site
        .articles()
        .iter()
        .map(|a| format!("http://{addr}{}", a.path()))
        .collect();
    assert!(expected.len() >= 200);

    let rows = sqlx::query("SELECT url FROM articles")
        .fetch_all(pool)
        .await
        .unwrap();
    let stored: Vec<String> = rows.iter().map(|r| r.get("url")).collect();
    let unique: HashSet<String> = stored.iter().cloned().collect();
    assert_eq!(stored.len(), unique.len(), "an article was stored twice");
    let missing: Vec<_> = expected.difference(&unique).collect();
    let extra: Vec<_> = unique.difference(&expected).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing {missing:?}, not articles {extra:?}"
    );

    let not_finished: i64 =
        sqlx::query("SELECT COUNT(*) AS n FROM jobs WHERE state NOT IN ('done', 'dead')")
            .fetch_one(pool)
            .await
            .unwrap()
            .get("n");
    assert_eq!(not_finished, 0, "every job is done or dead");
    let dead_without_reason: i64 =
        sqlx::query("SELECT COUNT(*) AS n FROM jobs WHERE state = 'dead' AND (last_error IS NULL OR last_error = '')")
            .fetch_one(pool)
            .await
            .unwrap()
            .get("n");
    assert_eq!(dead_without_reason, 0, "a dead job without a reason");

    // Nothing half-written: every article and language version parses, and each language is complete.
    for id in sqlx::query("SELECT id FROM articles")
        .fetch_all(pool)
        .await
        .unwrap()
        .iter()
        .map(|r| r.get::<i64, _>("id"))
    {
        let article = store.article(id).await.unwrap();
        assert!(!article.original.title.is_empty() && !article.original.blocks.is_empty());
        let langs: Vec<String> = store
            .translations_of(id)
            .await
            .unwrap()
            .into_iter()
            .map(|t| t.lang)
            .collect();
        assert_eq!(langs, ["en", "vi"], "article {id} has versions {langs:?}");
    }
    let published: i64 =
        sqlx::query("SELECT COUNT(*) AS n FROM translations WHERE status = 'published'")
            .fetch_one(pool)
            .await
            .unwrap()
            .get("n");
    assert_eq!(published, 2 * expected.len() as i64);
}
