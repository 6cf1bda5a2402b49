//! Faults around the processes: the database server restarts mid-ingestion.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sqlx::Row;

use crate::common::{free_port, nb, run, sample_site, write_config, FakeLibre};

/// A private PostgreSQL server of this test's own (the shared test server
/// cannot be restarted under the other tests), run as the `postgres` user.
struct PrivateServer {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
}

impl PrivateServer {
    fn start() -> Option<PrivateServer> {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .ok()?
            .filter_map(Result::ok)
            .map(|e| e.path().join("bin"))
            .filter(|b| b.join("postgres").exists())
            .max()?;
        let dir = std::env::temp_dir().join(format!("nb-pg-restart-{}", free_port()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let server = PrivateServer {
            bin,
            dir,
            port: free_port(),
        };
        if is_root() {
            let (ok, _, err) = run(Command::new("chown").arg("postgres").arg(&server.dir));
            assert!(ok, "{err}");
        }
        let (ok, _, err) = run(server.as_pg(&server.bin.join("initdb")).args([
            "-D",
            &server.dir.join("data").display().to_string(),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ]));
        assert!(ok, "initdb: {err}");
        server.ctl("start");
        Some(server)
    }

    fn as_pg(&self, program: &Path) -> Command {
        if is_root() {
            let mut cmd = Command::new("runuser");
            cmd.args(["-u", "postgres", "--"]).arg(program);
            cmd
        } else {
            Command::new(program)
        }
    }

    fn ctl(&self, action: &str) {
        let (ok, _, err) = run(self.as_pg(&self.bin.join("pg_ctl")).args([
            "-D",
            &self.dir.join("data").display().to_string(),
            "-l",
            &self.dir.join("log").display().to_string(),
            "-w",
            "-t",
            "60",
            "-m",
            "fast",
            "-o",
            &format!("-h 127.0.0.1 -p {} -k /tmp -c fsync=off", self.port),
            action,
        ]));
        assert!(ok, "pg_ctl {action}: {err}");
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for PrivateServer {
    fn drop(&mut self) {
        let _ = self
            .as_pg(&self.bin.join("pg_ctl"))
            .args([
                "-D",
                &self.dir.join("data").display().to_string(),
                "-m",
                "immediate",
                "stop",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn is_root() -> bool {
    run(Command::new("id").arg("-u")).1.trim() == "0"
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workers_ride_out_a_database_restart() {
    if std::env::var_os("TEST_POSTGRES_URL").is_none() {
        return; // no PostgreSQL on this machine (REQUIRE_POSTGRES makes the suite fail elsewhere)
    }
    let Some(pg) = PrivateServer::start() else {
        panic!("TEST_POSTGRES_URL is set but no PostgreSQL binaries were found");
    };
    let dir = tempfile::tempdir().unwrap();
    let (site, addr) = sample_site(60).await;
    let engine = FakeLibre::spawn_slow(Duration::from_millis(20)).await;
    let config = write_config(dir.path(), addr, Some(&engine.url), "");
    let (ok, _, err) = run(nb(&config).env("DATABASE_URL", pg.url()).args([
        "sources",
        "add",
        &format!("http://{addr}/sitemap.xml"),
        "--include",
        r"\.html$",
    ]));
    assert!(ok, "{err}");
    let mut worker = nb(&config)
        .env("DATABASE_URL", pg.url())
        .arg("worker")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let expected = site.articles().len() as i64;
    let count = |sql: &'static str| {
        let url = pg.url();
        async move {
            let store = store::Store::connect(&url).await.ok()?;
            let n = sqlx::query(sql)
                .fetch_one(store.pool())
                .await
                .ok()?
                .get::<i64, _>(0);
            store.close().await;
            Some(n)
        }
    };
    // Restart the server while articles are being stored and translated.
    let deadline = Instant::now() + Duration::from_secs(60);
    while count("SELECT COUNT(*) FROM translations")
        .await
        .unwrap_or(0)
        < 5
    {
        assert!(Instant::now() < deadline, "ingestion never started");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    pg.ctl("stop");
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(
        worker.try_wait().unwrap().is_none(),
        "the worker died with the database"
    );
    pg.ctl("start");

    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        let articles = count("SELECT COUNT(*) FROM articles").await.unwrap_or(0);
        let published = count("SELECT COUNT(*) FROM translations WHERE status = 'published'")
            .await
            .unwrap_or(0);
        let unfinished = count("SELECT COUNT(*) FROM jobs WHERE state NOT IN ('done', 'dead')")
            .await
            .unwrap_or(-1);
        if articles == expected && published == 2 * expected && unfinished == 0 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "not finished after the restart: {articles}/{expected} articles, {published} versions, {unfinished} jobs left"
        );
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    assert_eq!(
        count("SELECT COUNT(*) FROM jobs WHERE state = 'dead'").await,
        Some(0),
        "no job was lost to the restart"
    );
    let _ = worker.kill();
    let _ = worker.wait();
}
