//! Disk storage: atomic writes, crash leftovers invisible, keys checked.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed setup step should panic

use std::time::Duration;

use images::{ImageError, Storage, StorageConfig};

fn disk() -> (Storage, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let s = Storage::new(&StorageConfig::Disk {
        root: dir.path().join("images"),
    })
    .expect("disk storage");
    (s, dir)
}

#[tokio::test]
async fn put_get_list_delete_round_trip() {
    let (s, _dir) = disk();
    assert!(s.get("ab/cd/h/960.webp").await.expect("get").is_none());
    s.put("ab/cd/h/960.webp", b"RIFF....WEBP".to_vec(), "image/webp")
        .await
        .expect("put");
    s.put("ab/cd/h/480.jpg", vec![0xFF, 0xD8, 0xFF], "image/jpeg")
        .await
        .expect("put");
    s.put("ab/ef/g/original.png", vec![1, 2, 3], "image/png")
        .await
        .expect("put");
    let o = s
        .get("ab/cd/h/960.webp")
        .await
        .expect("get")
        .expect("stored");
    assert_eq!(&o.bytes[..], b"RIFF....WEBP");
    assert_eq!(o.content_type, "image/webp");
    assert!(
        o.etag.starts_with('"') && o.etag.ends_with('"') && o.etag.len() == 34,
        "{}",
        o.etag
    );
    assert_eq!(
        s.list("ab/cd/").await.expect("list"),
        vec!["ab/cd/h/480.jpg", "ab/cd/h/960.webp"]
    );
    assert_eq!(s.list("ab/").await.expect("list").len(), 3);
    assert_eq!(s.list("").await.expect("list").len(), 3);
    assert_eq!(
        s.list("ab/cd/h/9").await.expect("list"),
        vec!["ab/cd/h/960.webp"]
    );
    assert!(s.list("zz/").await.expect("list").is_empty());
    // Overwrite replaces whole; the ETag follows the bytes.
    s.put("ab/cd/h/960.webp", b"RIFF1234WEBP".to_vec(), "image/webp")
        .await
        .expect("put");
    let o2 = s
        .get("ab/cd/h/960.webp")
        .await
        .expect("get")
        .expect("stored");
    assert_eq!(&o2.bytes[..], b"RIFF1234WEBP");
    assert_ne!(o.etag, o2.etag);
    s.delete("ab/cd/h/960.webp").await.expect("delete");
    s.delete("ab/cd/h/960.webp")
        .await
        .expect("deleting a missing key is fine");
    assert!(s.get("ab/cd/h/960.webp").await.expect("get").is_none());
    assert_eq!(
        s.public_url("ab/cd/h/480.jpg"),
        None,
        "disk is served by our routes"
    );
}

#[tokio::test]
async fn a_write_interrupted_by_a_crash_is_never_visible() {
    let (s, dir) = disk();
    s.put("ab/cd/h/480.jpg", vec![1; 100], "image/jpeg")
        .await
        .expect("put");
    // What kill -9 between write and rename leaves: a hidden temporary file
    // in the key's directory, holding part of the bytes.
    let d = dir.path().join("images/ab/cd/h");
    std::fs::write(d.join(".partial-crashed960.webp"), [0x52, 0x49]).expect("leave a partial file");
    assert!(s.get("ab/cd/h/960.webp").await.expect("get").is_none());
    assert_eq!(s.list("").await.expect("list"), vec!["ab/cd/h/480.jpg"]);
    assert!(matches!(
        s.get("ab/cd/h/.partial-crashed960.webp").await,
        Err(ImageError::BadKey(_))
    ));
    // gc: young partial files are kept (a write may be in progress), old ones go.
    assert_eq!(
        s.remove_partial(Duration::from_secs(3600))
            .await
            .expect("gc"),
        0
    );
    assert_eq!(s.remove_partial(Duration::ZERO).await.expect("gc"), 1);
    assert!(!d.join(".partial-crashed960.webp").exists());
    assert!(d.join("480.jpg").exists());
}

#[tokio::test]
async fn a_failed_write_leaves_the_previous_object_whole() {
    let (s, dir) = disk();
    s.put("ab/cd/h/480.jpg", vec![7; 1000], "image/jpeg")
        .await
        .expect("put");
    // Make the directory read-only: the temporary file cannot be created, the put fails.
    let d = dir.path().join("images/ab/cd/h");
    let mut perm = std::fs::metadata(&d).expect("meta").permissions();
    use std::os::unix::fs::PermissionsExt;
    perm.set_mode(0o555);
    std::fs::set_permissions(&d, perm.clone()).expect("chmod");
    let root = nix_is_root();
    let r = s.put("ab/cd/h/480.jpg", vec![8; 1000], "image/jpeg").await;
    perm.set_mode(0o755);
    std::fs::set_permissions(&d, perm).expect("chmod back");
    if !root {
        assert!(r.is_err(), "a read-only directory refuses the write");
    }
    let o = s
        .get("ab/cd/h/480.jpg")
        .await
        .expect("get")
        .expect("still there");
    assert!(
        o.bytes.iter().all(|&b| b == o.bytes[0]) && o.bytes.len() == 1000,
        "old or new, never a mix"
    );
    assert_eq!(
        s.list("").await.expect("list"),
        vec!["ab/cd/h/480.jpg"],
        "no temporary file visible"
    );
}

fn nix_is_root() -> bool {
    // root ignores directory permissions; the test then only checks that nothing is half-written.
    std::fs::read_to_string("/proc/self/status")
        .map(|s| {
            s.lines()
                .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"))
        })
        .unwrap_or(false)
}

#[tokio::test]
async fn keys_that_could_escape_or_name_temporary_files_are_refused() {
    let (s, _dir) = disk();
    for key in [
        "../x.jpg",
        "/etc/passwd",
        "a/../../b",
        "a/.partial-x",
        "",
        "a b.jpg",
        "a\\b.jpg",
    ] {
        assert!(
            matches!(
                s.put(key, vec![1], "image/jpeg").await,
                Err(ImageError::BadKey(_))
            ),
            "{key}"
        );
        assert!(
            matches!(s.get(key).await, Err(ImageError::BadKey(_))),
            "{key}"
        );
        assert!(
            matches!(s.delete(key).await, Err(ImageError::BadKey(_))),
            "{key}"
        );
    }
    assert!(matches!(s.list("../").await, Err(ImageError::BadKey(_))));
}

#[tokio::test]
async fn concurrent_writers_of_one_key_leave_one_whole_object() {
    let (s, _dir) = disk();
    let mut tasks = Vec::new();
    for i in 0..16u8 {
        let s = s.clone();
        tasks.push(tokio::spawn(async move {
            s.put("ab/cd/h/960.webp", vec![i; 64 * 1024], "image/webp")
                .await
        }));
    }
    for t in tasks {
        t.await.expect("join").expect("put");
    }
    let o = s
        .get("ab/cd/h/960.webp")
        .await
        .expect("get")
        .expect("stored");
    assert_eq!(o.bytes.len(), 64 * 1024);
    assert!(
        o.bytes.iter().all(|&b| b == o.bytes[0]),
        "one writer's bytes, whole"
    );
    assert_eq!(s.list("").await.expect("list").len(), 1);
}

/// A 64 KiB tmpfs mounted on a temporary directory, unmounted on drop.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount() -> Option<Self> {
        let dir = tempfile::tempdir().expect("temp dir");
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        if ok {
            Some(Self { dir })
        } else {
            assert!(
                !nix_is_root() || std::env::var_os("IMAGES_SKIP_MOUNT").is_some(),
                "running as root but cannot mount a tmpfs for the full-disk test (set IMAGES_SKIP_MOUNT=1 where mounting is not allowed)"
            );
            eprintln!("skipping the full-disk test: mounting a tmpfs needs root");
            None
        }
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(self.dir.path())
            .status();
    }
}

#[tokio::test]
async fn a_full_disk_fails_the_write_and_leaves_nothing_half_written() {
    let Some(disk) = SmallDisk::mount() else {
        return;
    };
    let s = Storage::new(&StorageConfig::Disk {
        root: disk.dir.path().join("images"),
    })
    .expect("disk storage");
    s.put("ab/cd/h/480.jpg", vec![1; 8 * 1024], "image/jpeg")
        .await
        .expect("a small write fits");
    // 200 KiB cannot fit in 64 KiB: the write fails part-way.
    let e = s
        .put("ab/cd/h/1440.jpg", vec![2; 200 * 1024], "image/jpeg")
        .await
        .unwrap_err();
    assert!(
        matches!(e, ImageError::Io(ref m) if m.contains("No space left") || m.contains("os error 28")),
        "{e:?}"
    );
    assert!(
        s.get("ab/cd/h/1440.jpg").await.expect("get").is_none(),
        "no half-written object"
    );
    assert_eq!(s.list("").await.expect("list"), vec!["ab/cd/h/480.jpg"]);
    // The temporary file was removed with the failure: the space is free again.
    let leftovers: Vec<_> = std::fs::read_dir(disk.dir.path().join("images/ab/cd/h"))
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    s.put("ab/cd/h/960.jpg", vec![3; 16 * 1024], "image/jpeg")
        .await
        .expect("fits after the failed write");
    let o = s
        .get("ab/cd/h/480.jpg")
        .await
        .expect("get")
        .expect("the earlier object");
    assert_eq!(o.bytes.len(), 8 * 1024);
}

/// Child mode of the kill -9 test: writes 2 MiB objects until killed.
fn child_writer(root: &str) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    let s = Storage::new(&StorageConfig::Disk { root: root.into() }).expect("storage");
    for i in 0u32.. {
        let key = format!("ab/cd/h/{i}.jpg");
        rt.block_on(s.put(&key, vec![(i % 251) as u8; 2 << 20], "image/jpeg"))
            .expect("put");
    }
}

#[test]
fn kill_9_mid_write_never_leaves_a_visible_partial_object() {
    if let Ok(root) = std::env::var("IMAGES_TEST_CHILD_WRITER") {
        child_writer(&root);
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("images");
    let mut child = std::process::Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--exact",
            "kill_9_mid_write_never_leaves_a_visible_partial_object",
            "--nocapture",
        ])
        .env("IMAGES_TEST_CHILD_WRITER", &root)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn the writer");
    // Let it write a few objects, then kill it wherever it is.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while std::time::Instant::now() < deadline {
        let n = std::fs::read_dir(root.join("ab/cd/h"))
            .map(|d| d.count())
            .unwrap_or(0);
        if n >= 4 {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    let s = Storage::new(&StorageConfig::Disk { root: root.clone() }).expect("storage");
    let keys = rt.block_on(s.list("")).expect("list");
    assert!(
        keys.len() >= 3,
        "the writer stored some objects first: {keys:?}"
    );
    for key in &keys {
        let i: u32 = key
            .trim_start_matches("ab/cd/h/")
            .trim_end_matches(".jpg")
            .parse()
            .expect("key");
        let o = rt
            .block_on(s.get(key))
            .expect("get")
            .expect("listed, so present");
        assert_eq!(o.bytes.len(), 2 << 20, "{key} is whole");
        assert!(
            o.bytes.iter().all(|&b| b == (i % 251) as u8),
            "{key} holds its own bytes"
        );
    }
    // Whatever the kill interrupted is at most a hidden temporary file, which gc removes.
    let hidden = std::fs::read_dir(root.join("ab/cd/h"))
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .count();
    let removed = rt.block_on(s.remove_partial(Duration::ZERO)).expect("gc");
    assert_eq!(removed as usize, hidden);
}
