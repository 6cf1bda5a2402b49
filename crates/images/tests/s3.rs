//! S3 storage against a real S3-speaking server on 127.0.0.1.
//!
//! Needs `TEST_S3_ENDPOINT` (as printed by `crates/images/tests/s3-start`,
//! which starts moto_server on 127.0.0.1:54330 and creates the bucket
//! `TEST_S3_BUCKET`, default `newsbridge-test`). Without it the tests are
//! skipped with a note, unless `REQUIRE_S3=1` makes that an error.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed setup step should panic

use images::{Storage, StorageConfig};

fn s3(public_base_url: Option<&str>) -> Option<Storage> {
    let Ok(endpoint) = std::env::var("TEST_S3_ENDPOINT") else {
        assert!(
            std::env::var_os("REQUIRE_S3").is_none(),
            "REQUIRE_S3 is set but TEST_S3_ENDPOINT is not: start one with crates/images/tests/s3-start"
        );
        eprintln!("skipping S3: set TEST_S3_ENDPOINT (see crates/images/tests/s3-start)");
        return None;
    };
    let bucket = std::env::var("TEST_S3_BUCKET").unwrap_or_else(|_| "newsbridge-test".into());
    // A fresh prefix per test: tests share the bucket and run in parallel.
    let prefix = format!(
        "t{}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    );
    let config = StorageConfig::S3 {
        bucket,
        endpoint: Some(endpoint),
        region: "us-east-1".into(),
        access_key_id: Some("testing".into()),
        secret_access_key: Some("testing".into()),
        prefix,
        public_base_url: public_base_url.map(str::to_string),
    };
    Some(Storage::new(&config).expect("S3 storage"))
}

#[tokio::test]
async fn s3_put_get_list_delete_round_trip() {
    let Some(s) = s3(None) else { return };
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
    assert_eq!(
        o.content_type, "image/webp",
        "the content type travels with the object"
    );
    assert!(o.etag.starts_with('"') && o.etag.len() > 2, "{}", o.etag);
    assert_eq!(
        s.list("ab/cd/").await.expect("list"),
        vec!["ab/cd/h/480.jpg", "ab/cd/h/960.webp"]
    );
    assert_eq!(s.list("").await.expect("list").len(), 3);
    assert_eq!(
        s.list("ab/cd/h/9").await.expect("list"),
        vec!["ab/cd/h/960.webp"]
    );
    s.delete("ab/cd/h/960.webp").await.expect("delete");
    s.delete("ab/cd/h/960.webp")
        .await
        .expect("deleting a missing key is fine");
    assert!(s.get("ab/cd/h/960.webp").await.expect("get").is_none());
    assert_eq!(s.list("").await.expect("list").len(), 2);
    assert_eq!(s.public_url("ab/cd/h/480.jpg"), None);
}

#[tokio::test]
async fn s3_public_url_names_the_bucket_or_cdn_base() {
    let Some(s) = s3(Some("https://cdn.example/images/")) else {
        return;
    };
    let url = s.public_url("ab/cd/h/480.jpg").expect("a public URL");
    assert!(url.starts_with("https://cdn.example/images/t"), "{url}");
    assert!(url.ends_with("/ab/cd/h/480.jpg"), "{url}");
}

#[tokio::test]
async fn s3_unreachable_server_is_an_error_not_a_miss() {
    if s3(None).is_none() {
        return;
    }
    // A port where nothing listens: errors, never "not found".
    let config = StorageConfig::S3 {
        bucket: "newsbridge-test".into(),
        endpoint: Some("http://127.0.0.1:9".into()),
        region: "us-east-1".into(),
        access_key_id: Some("x".into()),
        secret_access_key: Some("y".into()),
        prefix: String::new(),
        public_base_url: None,
    };
    let s = Storage::new(&config).expect("config");
    let r =
        tokio::time::timeout(std::time::Duration::from_secs(60), s.get("ab/cd/h/480.jpg")).await;
    assert!(
        matches!(r, Ok(Err(images::ImageError::ObjectStore(_)))),
        "{r:?}"
    );
}
