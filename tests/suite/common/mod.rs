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
    let client = reqwest::Client::new();
    for _ in 0..300 {
        if let Ok(r) = client.get(format!("{}/readyz", served.base)).send().await {
            if r.status().is_success() {
                return served;
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("newsbridge serve never became ready on port {port}");
}
