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

/// A small tmpfs at `dir` (the data directory), or None where mounting is not allowed.
struct SmallDisk {
    dir: PathBuf,
}

impl SmallDisk {
    fn mount(dir: &Path, size: &str) -> Option<SmallDisk> {
        std::fs::create_dir_all(dir).unwrap();
        let (ok, _, err) = run(Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir));
        if !ok {
            eprintln!("skipping the disk-full test: cannot mount a tmpfs here ({err})");
            return None;
        }
        Some(SmallDisk {
            dir: dir.to_path_buf(),
        })
    }

    fn grow(&self, size: &str) {
        let (ok, _, err) = run(Command::new("mount")
            .args(["-o", &format!("remount,size={size}")])
            .arg(&self.dir));
        assert!(ok, "{err}");
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.dir).status();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_stops_writes_not_reads_and_ingestion_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let Some(disk) = SmallDisk::mount(&dir.path().join("data"), "3m") else {
        return;
    };
    let (site, addr) = sample_site(150).await;
    let engine = FakeLibre::spawn().await;
    let config = write_config(dir.path(), addr, Some(&engine.url), "");
    let (ok, _, err) = run(nb(&config).args([
        "sources",
        "add",
        &format!("http://{addr}/sitemap.xml"),
        "--include",
        r"\.html$",
    ]));
    assert!(ok, "{err}");
    let port = free_port();
    let log = dir.path().join("run.log");
    let mut server = nb(&config)
        .arg("run")
        .env("NEWSBRIDGE_SERVER__LISTEN", format!("127.0.0.1:{port}"))
        .env("NEWSBRIDGE_WORKERS__MAX_ATTEMPTS", "1000")
        .env("NEWSBRIDGE_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let client = reqwest::Client::new();
    let base = format!("http://127.0.0.1:{port}");

    // The disk fills up: the log says so in words, the process stays up and serves pages.
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let logged = std::fs::read_to_string(&log).unwrap_or_default();
        if logged.contains("full") {
            break;
        }
        assert!(
            server.try_wait().unwrap().is_none(),
            "the process died: {logged}"
        );
        assert!(
            Instant::now() < deadline,
            "the disk never filled up: {logged}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(
        logged.contains("no space left")
            || logged.contains("database is full")
            || logged.contains("disk is full"),
        "the error names the cause: {logged}"
    );
    for path in ["/en/", "/vi/", "/api/v1/articles?lang=vi"] {
        let r = client.get(format!("{base}{path}")).send().await.unwrap();
        assert_eq!(r.status(), 200, "{path} while the disk is full");
    }
    assert!(server.try_wait().unwrap().is_none(), "the process died");

    // Space returns: ingestion finishes without anyone restarting anything.
    disk.grow("200m");
    let expected = site.articles().len() as i64;
    let url = format!(
        "sqlite://{}",
        dir.path().join("data").join("newsbridge.db").display()
    );
    let deadline = Instant::now() + Duration::from_secs(240);
    loop {
        let done = async {
            let store = store::Store::connect(&url).await.ok()?;
            let articles: i64 = sqlx::query("SELECT COUNT(*) FROM articles")
                .fetch_one(store.pool())
                .await
                .ok()?
                .get(0);
            let unfinished: i64 =
                sqlx::query("SELECT COUNT(*) FROM jobs WHERE state NOT IN ('done', 'dead')")
                    .fetch_one(store.pool())
                    .await
                    .ok()?
                    .get(0);
            store.close().await;
            Some((articles, unfinished))
        }
        .await;
        if done == Some((expected, 0)) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "ingestion did not resume: {done:?} of {expected} articles"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let _ = server.kill();
    let _ = server.wait();
}
