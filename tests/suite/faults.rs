//! Faults around the processes: the database server restarts mid-ingestion,
//! the disk fills up, the data directory turns read-only.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sqlx::Row;

use crate::common::{add_sample_sitemap, free_port, nb, run, sample_site, write_config, FakeLibre};

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
    add_sample_sitemap(&config, addr);
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

/// An ext4 file system of its own (a loop-mounted image, no journal,
/// `errors=remount-ro`) at `dir`, or None where loop mounts are not allowed.
///
/// A tmpfs cannot be remounted read-only under a running process (the kernel
/// refuses while files are open for writing), so the test makes the file
/// system fail the way a disk does: ext4's `trigger_fs_error` turns it
/// read-only at once, open files included.
struct Ext4Disk {
    image: PathBuf,
    dir: PathBuf,
}

impl Ext4Disk {
    fn mount(image: &Path, dir: &Path) -> Option<Ext4Disk> {
        std::fs::create_dir_all(dir).unwrap();
        let mut truncate = Command::new("truncate");
        truncate.args(["-s", "64M"]).arg(image);
        let mut mkfs = Command::new("mkfs.ext4");
        mkfs.args(["-q", "-F", "-O", "^has_journal"]).arg(image);
        for step in [&mut truncate, &mut mkfs] {
            let (ok, _, err) = run(step);
            if !ok {
                eprintln!("skipping the read-only test: cannot make an ext4 image here ({err})");
                return None;
            }
        }
        let disk = Ext4Disk {
            image: image.to_path_buf(),
            dir: dir.to_path_buf(),
        };
        if let Err(err) = disk.attach() {
            eprintln!("skipping the read-only test: cannot loop-mount an image here ({err})");
            return None;
        }
        Some(disk)
    }

    fn attach(&self) -> Result<(), String> {
        let (ok, _, err) = run(Command::new("mount")
            .args(["-o", "loop,nodelalloc,errors=remount-ro"])
            .arg(&self.image)
            .arg(&self.dir));
        if ok {
            Ok(())
        } else {
            Err(err)
        }
    }

    /// The file system turns read-only under the running process. What was
    /// committed before is flushed first: pages the kernel has not yet
    /// written back are dropped when ext4 fails (SQLite's `synchronous =
    /// NORMAL` in WAL mode leaves that to the kernel), and the test is about
    /// the process's behaviour, not the page cache's.
    fn fail(&self) {
        let (ok, _, err) = run(Command::new("sync").arg("-f").arg(&self.dir));
        assert!(ok, "{err}");
        let (ok, out, err) = run(Command::new("findmnt")
            .args(["-n", "-o", "SOURCE"])
            .arg(&self.dir));
        assert!(ok, "{err}");
        let device = out.trim().rsplit('/').next().unwrap().to_string();
        std::fs::write(format!("/sys/fs/ext4/{device}/trigger_fs_error"), "1").unwrap();
        let (_, options, _) = run(Command::new("findmnt")
            .args(["-n", "-o", "OPTIONS"])
            .arg(&self.dir));
        assert!(
            options
                .trim()
                .split(',')
                .any(|o| o == "ro" || o == "emergency_ro"),
            "the file system did not turn read-only: {options}"
        );
    }

    /// What an operator does after such an error: unmount, check, mount again.
    fn repair(&self) {
        let (ok, _, err) = run(Command::new("umount").arg(&self.dir));
        assert!(ok, "{err}");
        let (_, _, _) = run(Command::new("e2fsck").args(["-f", "-y"]).arg(&self.image));
        self.attach().unwrap();
    }
}

impl Drop for Ext4Disk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.dir).status();
    }
}

/// Stops a `newsbridge run` with SIGTERM (its graceful path), SIGKILL after 30 s.
fn terminate(child: &mut std::process::Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let deadline = Instant::now() + Duration::from_secs(30);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_data_directory_stops_writes_not_reads() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let Some(disk) = Ext4Disk::mount(&dir.path().join("data.img"), &data) else {
        return;
    };
    let (site, addr) = sample_site(0).await;
    let engine = FakeLibre::spawn().await;
    let config = write_config(dir.path(), addr, Some(&engine.url), "");
    add_sample_sitemap(&config, addr);
    let (ok, _, err) = run(nb(&config).args(["ingest", "--once"]));
    assert!(ok, "{err}");
    // The source is polled every second from now on: the process keeps writing.
    let url = format!("sqlite://{}", data.join("newsbridge.db").display());
    crate::common::poll_every_second(&url).await;
    let start = |log: &Path, port: u16| {
        nb(&config)
            .arg("run")
            .env("NEWSBRIDGE_SERVER__LISTEN", format!("127.0.0.1:{port}"))
            .env("NEWSBRIDGE_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(log).unwrap())
            .spawn()
            .unwrap()
    };
    let port = free_port();
    let log = dir.path().join("run.log");
    let mut server = start(&log, port);
    crate::common::wait_ready(port, Duration::from_secs(30)).await;
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let list: serde_json::Value = client
        .get(format!("{base}/api/v1/articles?lang=en"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let public = list["articles"][0]["url"].as_str().unwrap();
    let path = &public[public.find("://").unwrap() + 3..];
    let article = path[path.find('/').unwrap()..].to_string();
    assert_eq!(
        client
            .get(format!("{base}{article}"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );

    // The file system turns read-only; the publisher publishes meanwhile.
    disk.fail();
    site.publish_generated(2);
    let deadline = Instant::now() + Duration::from_secs(60);
    let logged = loop {
        let logged = std::fs::read_to_string(&log).unwrap_or_default();
        if logged.contains("read-only") {
            break logged;
        }
        assert!(
            server.try_wait().unwrap().is_none(),
            "the process died: {logged}"
        );
        assert!(
            Instant::now() < deadline,
            "no error says the data directory is read-only: {logged}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert!(
        logged.contains(&data.display().to_string()) && logged.contains("remount,rw"),
        "the error names the directory and what to do: {logged}"
    );
    assert_eq!(
        logged.matches("is read-only").count(),
        1,
        "said once, not once per attempt: {logged}"
    );
    // Reads go on, for a while.
    for _ in 0..5 {
        for path in [article.as_str(), "/en/", "/vi/", "/api/v1/articles?lang=vi"] {
            let r = client.get(format!("{base}{path}")).send().await.unwrap();
            assert_eq!(
                r.status(),
                200,
                "{path} while the data directory is read-only"
            );
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert!(
        server.try_wait().unwrap().is_none(),
        "the process died: {}",
        std::fs::read_to_string(&log).unwrap_or_default()
    );

    // ext4 keeps a file system that failed read-only until it is unmounted
    // (remount,rw is accepted but changes nothing), so recovery is what an
    // operator does: stop, check, mount, start. Nothing written before is lost,
    // and what the publisher published meanwhile is ingested.
    terminate(&mut server);
    disk.repair();
    let port = free_port();
    let log2 = dir.path().join("run2.log");
    let mut server = start(&log2, port);
    crate::common::wait_ready(port, Duration::from_secs(30)).await;
    let expected = site.articles().len() as i64;
    // Generous: the whole suite runs beside it on two cores (one run here
    // took over 90 s under that load; alone it takes seconds).
    let deadline = Instant::now() + Duration::from_secs(240);
    loop {
        let store = store::Store::connect(&url).await.unwrap();
        let articles: i64 = sqlx::query("SELECT COUNT(*) FROM articles")
            .fetch_one(store.pool())
            .await
            .unwrap()
            .get(0);
        store.close().await;
        if articles == expected {
            break;
        }
        if Instant::now() >= deadline {
            panic!(
                "ingestion did not resume: {articles} of {expected} articles\n{}",
                pipeline_state(&url, &log2).await
            );
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    terminate(&mut server);
}

/// What a stalled ingestion shows: the sources' schedule and errors, the
/// jobs not done, and the end of the process's log.
async fn pipeline_state(url: &str, log: &Path) -> String {
    let store = store::Store::connect(url).await.unwrap();
    let now = store::now_ms();
    let mut out = String::new();
    for row in sqlx::query("SELECT id, next_poll_at, last_polled_at, last_error FROM sources")
        .fetch_all(store.pool())
        .await
        .unwrap()
    {
        let next: i64 = row.get(1);
        let last: Option<i64> = row.get(2);
        let error: Option<String> = row.get(3);
        out += &format!(
            "source {}: next poll in {} ms, last polled {} ms ago, last error {error:?}\n",
            row.get::<i64, _>(0),
            next - now,
            last.map_or(-1, |l| now - l),
        );
    }
    for row in sqlx::query(
        "SELECT kind, state, attempts, run_at, lease_until, last_error, dedupe_key FROM jobs \
         WHERE state <> 'done' ORDER BY id",
    )
    .fetch_all(store.pool())
    .await
    .unwrap()
    {
        let run_at: i64 = row.get(3);
        let lease: Option<i64> = row.get(4);
        out += &format!(
            "job {} {} attempts {} runs in {} ms, lease {:?} ms, key {:?}, error {:?}\n",
            row.get::<String, _>(0),
            row.get::<String, _>(1),
            row.get::<i64, _>(2),
            run_at - now,
            lease.map(|l| l - now),
            row.get::<Option<String>, _>(6),
            row.get::<Option<String>, _>(5),
        );
    }
    store.close().await;
    let logged = std::fs::read_to_string(log).unwrap_or_default();
    let tail: Vec<&str> = logged.lines().rev().take(40).collect();
    out += "run log (last 40 lines):\n";
    for line in tail.into_iter().rev() {
        out += line;
        out += "\n";
    }
    out
}
