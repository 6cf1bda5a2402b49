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
