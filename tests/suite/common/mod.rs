//! Shared pieces of the end-to-end tests: the real binary, and (in
//! `fixtures`) the sample publisher and a fake LibreTranslate server, all on 127.0.0.1.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

mod fixtures;

pub use fixtures::*;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `newsbridge` binary with a config file.
pub fn nb(config: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsbridge"));
    cmd.arg("--config")
        .arg(config)
        .env("NEWSBRIDGE_LOG", "error")
        .env_remove("DATABASE_URL");
    cmd
}

/// A minimal newsbridge.toml in `dir`: data in `dir/d`, then `extra` TOML.
/// Returns the config path and the data directory.
pub fn minimal_config(dir: &Path, extra: &str) -> (PathBuf, PathBuf) {
    let config = dir.join("newsbridge.toml");
    let data = dir.join("d");
    std::fs::write(
        &config,
        format!("data_dir = \"{}\"\n{extra}", data.display()),
    )
    .unwrap();
    (config, data)
}

/// Runs a command and returns (success, stdout, stderr).
pub fn run(cmd: &mut Command) -> (bool, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().expect("the binary runs");
    (
        status.success(),
        String::from_utf8_lossy(&stdout).into_owned(),
        String::from_utf8_lossy(&stderr).into_owned(),
    )
}

/// A `newsbridge serve` process; killed when dropped.
pub struct Served {
    pub base: String,
    child: std::process::Child,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `newsbridge serve` on a free port with `config` and waits until `/readyz` says ready.
pub async fn serve_portal(config: &Path) -> Served {
    let port = free_port();
    let child = nb(config)
        .arg("serve")
        .env("NEWSBRIDGE_SERVER__LISTEN", format!("127.0.0.1:{port}"))
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let served = Served {
        base: format!("http://127.0.0.1:{port}"),
        child,
    };
    wait_ready(port, std::time::Duration::from_secs(30)).await;
    served
}

/// Waits until the server on `port` answers `/readyz` with 200, at most `limit`.
pub async fn wait_ready(port: u16, limit: std::time::Duration) {
    let client = reqwest::Client::new();
    let deadline = std::time::Instant::now() + limit;
    while std::time::Instant::now() < deadline {
        if let Ok(r) = client
            .get(format!("http://127.0.0.1:{port}/readyz"))
            .send()
            .await
        {
            if r.status().is_success() {
                return;
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("newsbridge on port {port} never became ready");
}

/// The first column of the first row of `sql`, as an integer (a `COUNT(*)`).
pub async fn count(store: &store::Store, sql: &str) -> i64 {
    use sqlx::Row;
    sqlx::query(sql)
        .fetch_one(store.pool())
        .await
        .unwrap()
        .get::<i64, _>(0)
}

/// Adds the sample publisher's sitemap as a source, its article pages only.
pub fn add_sample_sitemap(config: &Path, site: std::net::SocketAddr) {
    let sitemap = format!("http://{site}/sitemap.xml");
    let (ok, _, err) = run(nb(config).args(["sources", "add", &sitemap, "--include", r"\.html$"]));
    assert!(ok, "{err}");
}

/// Makes the first source of the database at `url` polled every second, due
/// now: a process started afterwards keeps ingesting (and writing).
pub async fn poll_every_second(url: &str) {
    let store = store::Store::open(url).await.unwrap();
    let mut source = store.sources().await.unwrap().remove(0);
    source.settings["polling"] = serde_json::json!({"mode": "fixed", "interval_secs": 1});
    store.update_source(&source).await.unwrap();
    sqlx::query("UPDATE sources SET next_poll_at = 0")
        .execute(store.pool())
        .await
        .unwrap();
    store.close().await;
}
