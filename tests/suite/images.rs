//! `newsbridge images status|gc|rebuild` on the sample publisher ingested
//! through the real binary, with the publisher refusing hot-linked pictures:
//! counts and bytes, orphans deleted (files and rows), unfinished writes
//! cleaned up, renditions made again after the plan changed.

use std::path::{Path, PathBuf};

use crate::common::{add_sample_sitemap, nb, run, sample_site, write_config, FakeLibre};
use crate::pipeline::open;

/// Small renditions: a debug build derives them quickly.
const IMAGES: &str = "[images]\nwidths = [320]\nsocial_width = 640\n";

fn status(config: &Path) -> serde_json::Value {
    let (ok, out, err) = run(nb(config).args(["images", "status", "--json"]));
    assert!(ok, "{err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

/// Every file under `root`, relative, sorted.
fn files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                out.push(e.path().strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn images_status_gc_and_rebuild_count_clean_and_remake_the_stored_pictures() {
    let dir = tempfile::tempdir().unwrap();
    let (site, addr) = sample_site(0).await;
    site.set_refuse_hotlinks(true);
    let engine = FakeLibre::spawn().await;
    let config = write_config(dir.path(), addr, Some(&engine.url), IMAGES);
    add_sample_sitemap(&config, addr);
    let (ok, _, err) = run(nb(&config).args(["ingest", "--once"]));
    assert!(ok, "{err}");
    let root = dir.path().join("data").join("images");

    let s = status(&config);
    let pictures = s["images"].as_i64().unwrap();
    assert!(pictures > 0, "{s}");
    assert!(
        s["references"]["stored"].as_i64().unwrap() >= pictures,
        "{s}"
    );
    assert_eq!(s["references"]["failed"], 0, "{s}");
    assert_eq!(s["orphans"], 0, "{s}");
    assert_eq!(s["stale"], 0, "{s}");
    assert!(s["stored_bytes"].as_i64().unwrap() > 0);
    assert!(
        s["stored_bytes"].as_i64().unwrap() < s["original_bytes"].as_i64().unwrap(),
        "320-px renditions weigh less than the originals: {s}"
    );
    let (ok, text, err) = run(nb(&config).args(["images", "status"]));
    assert!(ok, "{err}");
    assert!(text.contains(&format!("pictures: {pictures} (")), "{text}");
    assert!(text.contains("orphans: 0"), "{text}");

    // A takedown whose clean-up job has not run yet leaves orphans: gc
    // deletes their files (every size and the original) and rows.
    let store = open(dir.path(), None).await;
    let first = store.article_ids_after(0, 1).await.unwrap()[0];
    let hashes: Vec<String> = store
        .article_images(first)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|r| r.hash)
        .collect();
    assert!(!hashes.is_empty());
    store
        .take_down(first, "desk", "publisher asked")
        .await
        .unwrap();
    let orphans = status(&config)["orphans"].as_i64().unwrap();
    assert!(
        orphans >= 1,
        "the taken-down article's pictures are orphans"
    );
    // An unfinished write left by a crash two hours ago, and one in progress.
    let some_dir = root.join(files(&root)[0].parent().unwrap());
    let old = some_dir.join(".partial-crashed");
    let fresh = some_dir.join(".partial-writing");
    std::fs::write(&old, b"half").unwrap();
    std::fs::write(&fresh, b"half").unwrap();
    let touched = std::process::Command::new("touch")
        .args(["-d", "2 hours ago"])
        .arg(&old)
        .status()
        .unwrap();
    assert!(touched.success());
    let (ok, out, err) = run(nb(&config).args(["images", "gc"]));
    assert!(ok, "{err}");
    assert!(
        out.contains(&format!(
            "deleted {orphans} orphan pictures and 1 unfinished writes"
        )),
        "{out}"
    );
    assert!(!old.exists(), "the crashed write is gone");
    assert!(
        fresh.exists(),
        "a write that may be in progress is left alone"
    );
    std::fs::remove_file(&fresh).unwrap();
    let left = files(&root);
    for h in &hashes {
        if store.image(h).await.unwrap().is_some() {
            continue; // shown by another live article too
        }
        assert!(
            !left
                .iter()
                .any(|f| f.to_string_lossy().contains(h.as_str())),
            "{h} has files left: {left:?}"
        );
    }
    let s = status(&config);
    assert_eq!(s["orphans"], 0, "{s}");
    assert_eq!(s["images"].as_i64().unwrap(), pictures - orphans, "{s}");

    // A new plan: status says which pictures it concerns, rebuild remakes them.
    let changed = std::fs::read_to_string(&config)
        .unwrap()
        .replace("widths = [320]", "widths = [200, 320]");
    std::fs::write(&config, changed).unwrap();
    let s = status(&config);
    let stale = s["stale"].as_i64().unwrap();
    assert_eq!(stale, pictures - orphans, "{s}");
    let (ok, out, err) = run(nb(&config).args(["images", "rebuild"]));
    assert!(ok, "{err}");
    assert!(
        out.contains(&format!("rebuilt {stale} pictures; 0 failed")),
        "{out}"
    );
    assert_eq!(status(&config)["stale"], 0);
    let after = files(&root);
    let with_200 = after
        .iter()
        .filter(|f| f.file_name().unwrap().to_string_lossy().starts_with("200."))
        .count();
    assert!(
        with_200 >= 2 * stale as usize,
        "a WebP and a JPEG of 200 px each: {after:?}"
    );
    let (ok, out, _) = run(nb(&config).args(["images", "rebuild"]));
    assert!(ok);
    assert!(
        out.contains("rebuilt 0 pictures"),
        "nothing left to remake: {out}"
    );
}

#[test]
fn images_commands_explain_themselves_and_need_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    for args in [
        vec!["images", "status"],
        vec!["images", "gc"],
        vec!["images", "rebuild"],
    ] {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_newsbridge"));
        cmd.current_dir(cwd)
            .env("NEWSBRIDGE_LOG", "error")
            .env_remove("DATABASE_URL")
            .env_remove("NEWSBRIDGE_CONFIG");
        let (ok, out, err) = run(cmd.args(&args).arg("--help"));
        assert!(ok && out.contains("Example"), "{args:?} --help: {out}{err}");
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_newsbridge"));
        cmd.current_dir(cwd)
            .env("NEWSBRIDGE_LOG", "error")
            .env_remove("DATABASE_URL")
            .env_remove("NEWSBRIDGE_CONFIG");
        let (ok, _, err) = run(cmd.args(&args));
        assert!(!ok, "{args:?}");
        assert!(
            err.contains("there is no database data/newsbridge.db"),
            "{args:?}: {err}"
        );
    }
    assert!(!cwd.join("data").exists(), "nothing was created");
}
