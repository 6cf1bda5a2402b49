//! Mirrored pictures end to end: the real sample publisher on 127.0.0.1
//! refusing hot-links, the pipeline's stages, and the portal on 127.0.0.1.
//!
//! - every `<img>`, `<source>` and `og:image` of an article page points to
//!   the portal's own origin, with `srcset`;
//! - a takedown deletes the article's files; a picture the publisher
//!   withdraws (410 on recheck) stops being served and shown;
//! - a half-written file left by a kill is never served;
//! - a full disk (a 64 KiB tmpfs as the image storage; needs root to mount,
//!   skipped with a message otherwise) leaves the article published without
//!   the picture, which is retried later.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use pipeline::app::App;
use pipeline::stages::FetchJob;
use store::{ImageState, JobKind, JobRetry, SourceKind};

/// The sample publisher, refusing hot-links as Vietnamese publishers do.
async fn publisher() -> (Arc<sample_publisher::Site>, SocketAddr) {
    let site = Arc::new(sample_publisher::Site::bundled().unwrap());
    site.set_refuse_hotlinks(true);
    let (addr, _task) = sample_publisher::spawn(site.clone()).await.unwrap();
    (site, addr)
}

/// A configuration: Vietnamese only (no engine needed), the publisher
/// allowed past the address guard, small renditions for a debug build;
/// `images` adds lines to `[images]` (storage settings).
fn config(dir: &Path, site: SocketAddr, portal: SocketAddr, images: &str) -> PathBuf {
    let text = format!(
        "data_dir = \"{data}\"\n\n\
         [site]\nlanguages = [\"vi\"]\nbase_url = \"http://{portal}\"\n\n\
         [server]\npage_cache_seconds = 0\n\n\
         [workers]\nconcurrency = 2\nlease_seconds = 30\nretry_base_seconds = 1\nretry_max_seconds = 2\nmax_attempts = 3\n\n\
         [ingest]\nallow = [\"{site}\"]\nhost_delay_ms = 0\n\n\
         [images]\n{images}widths = [320, 640]\nsocial_width = 800\nretry_seconds = 3600\n",
        data = dir.join("data").display(),
    );
    let path = dir.join("newsbridge.toml");
    std::fs::write(&path, text).unwrap();
    path
}

/// Fetches and processes the first `n` bundled articles through every stage.
async fn ingest(
    app: &App,
    site: &sample_publisher::Site,
    addr: SocketAddr,
    n: usize,
) -> Vec<String> {
    let sitemap = format!("http://{addr}/sitemap.xml");
    let settings = ingest::SourceSettings::new(ingest::SourceKind::Sitemap, sitemap.clone());
    let source = app
        .store
        .add_source(
            "Báo Sông Hồng",
            SourceKind::Sitemap,
            &sitemap,
            &serde_json::to_value(&settings).unwrap(),
        )
        .await
        .unwrap()
        .id;
    let mut urls = Vec::new();
    for a in site.bundled_articles().into_iter().take(n) {
        let url = format!("http://{addr}{}", a.path());
        app.store
            .enqueue(
                JobKind::Fetch,
                &FetchJob {
                    url: url.clone(),
                    source_id: source,
                    categories: vec![],
                },
                Some(&format!("fetch:{url}")),
                JobRetry::default(),
            )
            .await
            .unwrap();
        urls.push(url);
    }
    pipeline::stages::drain(app, 2).await.unwrap();
    urls
}

/// Serves the portal on `listener`.
async fn serve(app: &App, listener: tokio::net::TcpListener) {
    let router = pipeline::portal::router(app, &pipeline::metrics::Metrics::new())
        .await
        .unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
}

/// Every picture URL of a page: `src`, each `srcset` item, `og:image`.
fn picture_urls(html: &str) -> Vec<String> {
    let mut urls = Vec::new();
    for attr in [" src=\"", " srcset=\"", "og:image\" content=\""] {
        for (i, _) in html.match_indices(attr) {
            let rest = &html[i + attr.len()..];
            let value = &rest[..rest.find('"').unwrap()];
            for item in value.split(", ") {
                urls.push(item.split(' ').next().unwrap().replace("&amp;", "&"));
            }
        }
    }
    urls
}

/// The portal address of article `id` (from its home page's links).
async fn article_page(client: &reqwest::Client, portal: SocketAddr, id: i64) -> String {
    let home = client
        .get(format!("http://{portal}/vi/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let needle = format!("/{id}-");
    let at = home
        .match_indices("href=\"/vi/")
        .map(|(i, _)| &home[i + 6..])
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .find(|href| href.contains(&needle))
        .unwrap_or_else(|| panic!("article {id} on the home page"))
        .to_string();
    format!("http://{portal}{at}")
}

async fn get_text(client: &reqwest::Client, url: &str) -> String {
    let r = client.get(url).send().await.unwrap();
    assert_eq!(r.status(), 200, "{url}");
    r.text().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_picture_comes_from_our_origin_and_removal_and_withdrawal_stop_serving_it() {
    let dir = tempfile::tempdir().unwrap();
    let (site, site_addr) = publisher().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let portal = listener.local_addr().unwrap();
    let path = config(dir.path(), site_addr, portal, "");
    let config = pipeline::config::Config::load(&path, true).unwrap();
    let app = App::open(config).await.unwrap();
    let imaging = app.images.clone().expect("[images] on by default");
    ingest(&app, &site, site_addr, 3).await;
    serve(&app, listener).await;
    let client = reqwest::Client::new();

    let articles = app.store.article_ids_after(0, 10).await.unwrap();
    assert_eq!(articles.len(), 3);
    let mut pictures = 0;
    for id in &articles {
        let refs = app.store.article_images(*id).await.unwrap();
        assert!(!refs.is_empty());
        assert!(
            refs.iter().all(|r| r.state == ImageState::Stored),
            "every picture stored despite the publisher's hot-link refusal: {refs:?}"
        );
        let url = article_page(&client, portal, *id).await;
        let html = get_text(&client, &url).await;
        let urls = picture_urls(&html);
        assert!(
            html.contains("<picture>") && html.contains(" srcset=\""),
            "{html}"
        );
        assert!(html.contains("og:image"));
        for u in &urls {
            assert!(
                u.starts_with("/media/")
                    || u.starts_with(&format!("http://{portal}/media/"))
                    || u.starts_with("/static/"),
                "{u} is not from our origin (page {url})"
            );
            if u.contains("/media/") {
                pictures += 1;
                let abs = if u.starts_with('/') {
                    format!("http://{portal}{u}")
                } else {
                    u.clone()
                };
                // Served to any page that embeds it: no Referer check on our side.
                let r = client
                    .get(&abs)
                    .header("referer", "https://reader.example/")
                    .send()
                    .await
                    .unwrap();
                assert_eq!(r.status(), 200, "{abs}");
                let h = r.headers();
                assert!(h["content-type"].to_str().unwrap().starts_with("image/"));
                assert_eq!(h["cache-control"], "public, max-age=31536000, immutable");
                assert_eq!(h["x-content-type-options"], "nosniff");
                let etag = h["etag"].to_str().unwrap().to_string();
                assert!(etag.starts_with('"') && etag.len() > 2, "{etag}");
                let body = r.bytes().await.unwrap();
                assert!(!body.is_empty());
                // The format its key names, as its magic bytes say.
                let sniffed = if body.starts_with(&[0xFF, 0xD8, 0xFF]) {
                    "image/jpeg"
                } else if body.starts_with(b"RIFF") && body.get(8..12) == Some(b"WEBP") {
                    "image/webp"
                } else if body.starts_with(b"\x89PNG") {
                    "image/png"
                } else {
                    "unknown"
                };
                let key_type = match abs.rsplit('.').next().unwrap() {
                    "jpg" => "image/jpeg",
                    "webp" => "image/webp",
                    "png" => "image/png",
                    other => other,
                };
                assert_eq!(sniffed, key_type, "{abs}");
                let again = client
                    .get(&abs)
                    .header("if-none-match", &etag)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(again.status(), 304, "{abs}");
            }
        }
        // What hot-linking would have met: the publisher refuses our pages.
        let original = &refs[0].url;
        let refused = client
            .get(original)
            .header("referer", url.as_str())
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), 403, "{original}");
    }
    assert!(pictures > 0);

    // A half-written file left by a kill is never served.
    let stored = app.store.images_after("", 100).await.unwrap();
    let some = &stored[0];
    let hash = images::ContentHash::parse(&some.hash).unwrap();
    let key = images::rendition_key(&hash, 320, images::OutputFormat::Webp);
    let root = dir.path().join("data").join("images");
    let hash_dir = root.join(&key).parent().unwrap().to_path_buf();
    std::fs::write(hash_dir.join(".partial-9999.webp.1"), b"half").unwrap();
    let partial = format!(
        "http://{portal}/media/{}/.partial-9999.webp.1",
        key.rsplit_once('/').unwrap().0
    );
    assert_eq!(client.get(&partial).send().await.unwrap().status(), 404);
    let never = images::rendition_key(&hash, 9999, images::OutputFormat::Webp);
    assert_eq!(
        client
            .get(format!("http://{portal}/media/{never}"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );

    // Takedown: the article's pictures go from every size (none is shared here).
    let down = articles[0];
    let down_hashes: Vec<String> = app
        .store
        .article_images(down)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|r| r.hash)
        .collect();
    app.store
        .take_down(down, "desk", "publisher asked")
        .await
        .unwrap();
    pipeline::stages::drain(&app, 1).await.unwrap();
    for h in &down_hashes {
        let hash = images::ContentHash::parse(h).unwrap();
        let key = images::rendition_key(&hash, 320, images::OutputFormat::Jpeg);
        let dir = root.join(&key).parent().unwrap().to_path_buf();
        let left: Vec<_> = std::fs::read_dir(&dir)
            .map(|d| d.filter_map(|e| e.ok()).map(|e| e.file_name()).collect())
            .unwrap_or_default();
        assert!(
            left.iter()
                .all(|n| n.to_string_lossy().starts_with(".partial-")),
            "files left after the takedown: {left:?}"
        );
        assert_eq!(
            client
                .get(format!("http://{portal}/media/{key}"))
                .send()
                .await
                .unwrap()
                .status(),
            404
        );
        assert!(app.store.image(h).await.unwrap().is_none());
    }

    // Withdrawal: the publisher answers 410 for a picture on recheck.
    let kept = articles[1];
    let r = app.store.article_images(kept).await.unwrap().remove(0);
    let picture_path = r
        .url
        .trim_start_matches(&format!("http://{site_addr}"))
        .to_string();
    site.fail_next(&picture_path, 410, 10);
    let (report, _) = pipeline::imaging::mirror_article(&app, &imaging, kept, true)
        .await
        .unwrap();
    assert!(report.withdrawn >= 1, "{report:?}");
    let after = app.store.image_ref(r.id).await.unwrap();
    assert_eq!(after.state, ImageState::Withdrawn);
    assert_eq!(after.http_status, Some(410));
    let hash = images::ContentHash::parse(r.hash.as_deref().unwrap()).unwrap();
    let key = images::rendition_key(&hash, 320, images::OutputFormat::Webp);
    assert_eq!(
        client
            .get(format!("http://{portal}/media/{key}"))
            .send()
            .await
            .unwrap()
            .status(),
        404,
        "a withdrawn picture is no longer served"
    );
    let html = get_text(&client, &article_page(&client, portal, kept).await).await;
    assert!(!html.contains(&hash.to_string()), "nor shown");
}

/// Mounts a tmpfs of `size` at `at`; `None` when this process may not (not root).
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(at: &Path, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(at).ok()?;
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(at.to_path_buf()))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_full_disk_leaves_the_article_published_without_its_picture() {
    let dir = tempfile::tempdir().unwrap();
    let Some(disk) = Tmpfs::mount(&dir.path().join("tiny"), "64k") else {
        eprintln!("skipping: cannot mount a tmpfs here (needs root)");
        return;
    };
    let (site, site_addr) = publisher().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let portal = listener.local_addr().unwrap();
    let path = config(
        dir.path(),
        site_addr,
        portal,
        &format!("dir = \"{}\"\n", disk.0.display()),
    );
    let app = App::open(pipeline::config::Config::load(&path, true).unwrap())
        .await
        .unwrap();
    ingest(&app, &site, site_addr, 1).await;
    serve(&app, listener).await;
    let id = app.store.article_ids_after(0, 1).await.unwrap()[0];
    let refs = app.store.article_images(id).await.unwrap();
    assert!(
        refs.iter().any(|r| r.state == ImageState::Pending
            && r.next_attempt_at.is_some()
            && r.last_error
                .as_deref()
                .is_some_and(|e| e.contains("image storage"))),
        "the picture waits for its retry, saying why: {refs:?}"
    );
    let client = reqwest::Client::new();
    let html = get_text(&client, &article_page(&client, portal, id).await).await;
    assert!(!html.contains("<img"), "no picture, no broken picture");
    // Each body figure's caption (or its alt text, when it has none) stands in.
    for r in refs.iter().filter(|r| r.role == store::ImageRole::Body) {
        let text = r.caption.clone().or(r.alt.clone()).unwrap();
        let start: String = text
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(html.contains(&start), "{start:?} stands in for the picture");
    }

    // Nothing half-written or unknown to the database is left on the disk:
    // the renditions written before the disk filled were taken back.
    let mut files = Vec::new();
    let mut stack = vec![disk.0.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                files.push(e.path());
            }
        }
    }
    assert!(files.is_empty(), "files left on the full disk: {files:?}");

    // A retry is queued; once there is room it stores the picture.
    assert!(
        app.store.pending_jobs().await.unwrap() > 0,
        "a retry is queued"
    );
    let grown = std::process::Command::new("mount")
        .args(["-o", "remount,size=64m"])
        .arg(&disk.0)
        .status()
        .unwrap();
    assert!(grown.success());
    {
        let n = sqlx::query("UPDATE article_images SET next_attempt_at = 0 WHERE article_id = $1")
            .bind(id)
            .execute(app.store.pool())
            .await
            .unwrap()
            .rows_affected();
        assert!(n > 0);
    }
    let imaging = app.images.clone().unwrap();
    let (report, next) = pipeline::imaging::mirror_article(&app, &imaging, id, false)
        .await
        .unwrap();
    assert!(report.stored >= 1 && report.retry == 0, "{report:?}");
    assert_eq!(next, None, "nothing left to retry");
    let html = get_text(&client, &article_page(&client, portal, id).await).await;
    assert!(
        html.contains("<picture>") && html.contains("/media/"),
        "shown once stored"
    );
}

/// The S3 endpoint of `crates/images/tests/s3-start` (moto_server), or
/// `None` (skipped with a note) unless `REQUIRE_S3` is set.
fn s3_endpoint() -> Option<String> {
    let Ok(endpoint) = std::env::var("TEST_S3_ENDPOINT") else {
        assert!(
            std::env::var_os("REQUIRE_S3").is_none(),
            "REQUIRE_S3 is set but TEST_S3_ENDPOINT is not: start one with crates/images/tests/s3-start"
        );
        eprintln!("skipping S3: set TEST_S3_ENDPOINT (see crates/images/tests/s3-start)");
        return None;
    };
    Some(endpoint.trim_end_matches('/').to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn with_s3_pages_link_the_bucket_and_a_takedown_empties_it() {
    let Some(endpoint) = s3_endpoint() else {
        return;
    };
    // A bucket of its own, readable by anyone (as a bucket a CDN or the
    // readers' browsers fetch from is): moto takes unsigned set-up requests.
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let bucket = format!("newsbridge-wire-{stamp}");
    let admin = reqwest::Client::new();
    let made = admin
        .put(format!("{endpoint}/{bucket}"))
        .send()
        .await
        .unwrap();
    assert!(made.status().is_success(), "bucket: {}", made.status());
    let policy = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Sid":"read","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::{bucket}/*"}}]}}"#
    );
    let set = admin
        .put(format!("{endpoint}/{bucket}?policy"))
        .header("content-type", "application/json")
        .body(policy)
        .send()
        .await
        .unwrap();
    assert!(set.status().is_success(), "policy: {}", set.status());
    let dir = tempfile::tempdir().unwrap();
    let (site, site_addr) = publisher().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let portal = listener.local_addr().unwrap();
    let prefix = "portal";
    let public = format!("{endpoint}/{bucket}");
    let s3 = format!(
        "storage = \"s3\"\nbucket = \"{bucket}\"\nendpoint = \"{endpoint}\"\nprefix = \"{prefix}\"\n\
         access_key_id = \"testing\"\nsecret_access_key = \"testing\"\npublic_base_url = \"{public}\"\n"
    );
    let path = config(dir.path(), site_addr, portal, &s3);
    let app = App::open(pipeline::config::Config::load(&path, true).unwrap())
        .await
        .unwrap();
    let imaging = app.images.clone().unwrap();
    ingest(&app, &site, site_addr, 1).await;
    serve(&app, listener).await;
    let client = reqwest::Client::new();
    let id = app.store.article_ids_after(0, 1).await.unwrap()[0];
    let refs = app.store.article_images(id).await.unwrap();
    assert!(
        refs.iter().all(|r| r.state == ImageState::Stored),
        "{refs:?}"
    );

    let html = get_text(&client, &article_page(&client, portal, id).await).await;
    assert!(html.contains("og:image"));
    let mut from_bucket = 0;
    for u in picture_urls(&html) {
        if u.starts_with("/static/") {
            continue;
        }
        assert!(
            u.starts_with(&format!("{public}/{prefix}/")),
            "{u} is not the bucket's"
        );
        let r = client.get(&u).send().await.unwrap();
        assert_eq!(r.status(), 200, "{u}");
        assert!(!r.bytes().await.unwrap().is_empty());
        from_bucket += 1;
    }
    assert!(from_bucket > 0);

    // A takedown deletes every size and the original from the bucket.
    let hashes: Vec<String> = refs.iter().filter_map(|r| r.hash.clone()).collect();
    app.store
        .take_down(id, "desk", "publisher asked")
        .await
        .unwrap();
    pipeline::stages::drain(&app, 1).await.unwrap();
    for h in &hashes {
        let hash = images::ContentHash::parse(h).unwrap();
        let key = images::rendition_key(&hash, 320, images::OutputFormat::Jpeg);
        let dir = format!("{}/", key.rsplit_once('/').unwrap().0);
        assert_eq!(
            imaging.storage.list(&dir).await.unwrap(),
            Vec::<String>::new()
        );
        let public_url = imaging.storage.public_url(&key).unwrap();
        let gone = client.get(&public_url).send().await.unwrap().status();
        assert!(gone == 404 || gone == 403, "{public_url}: {gone}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_picture_the_publisher_cannot_send_waits_for_a_retry_without_holding_up_the_article() {
    let dir = tempfile::tempdir().unwrap();
    let (site, site_addr) = publisher().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let portal = listener.local_addr().unwrap();
    // The first article's last body figure answers 503 (through every retry of the fetcher).
    let first = site.bundled_articles().remove(0);
    let article = first.to_article(&format!("http://{site_addr}"));
    let figures: Vec<article::Figure> = article
        .blocks
        .iter()
        .filter_map(|b| match b {
            article::Block::Figure(f) => Some(f.clone()),
            _ => None,
        })
        .collect();
    let broken = figures.last().expect("a body figure").clone();
    let broken_path = broken
        .src
        .trim_start_matches(&format!("http://{site_addr}"))
        .to_string();
    site.fail_next(&broken_path, 503, 1000);
    let path = config(dir.path(), site_addr, portal, "");
    let app = App::open(pipeline::config::Config::load(&path, true).unwrap())
        .await
        .unwrap();
    ingest(&app, &site, site_addr, 1).await;
    serve(&app, listener).await;
    let id = app.store.article_ids_after(0, 1).await.unwrap()[0];
    let refs = app.store.article_images(id).await.unwrap();
    let waiting: Vec<_> = refs.iter().filter(|r| r.url == broken.src).collect();
    assert!(!waiting.is_empty(), "{refs:?}");
    for r in &waiting {
        assert_eq!(r.state, ImageState::Pending, "{r:?}");
        assert_eq!(r.http_status, Some(503), "{r:?}");
        assert!(
            r.next_attempt_at.is_some_and(|at| at > store::now_ms()),
            "{r:?}"
        );
    }
    assert!(
        refs.iter()
            .filter(|r| r.url != broken.src)
            .all(|r| r.state == ImageState::Stored),
        "the others are stored: {refs:?}"
    );
    assert!(
        app.store.pending_jobs().await.unwrap() > 0,
        "its retry is queued"
    );
    let client = reqwest::Client::new();
    let html = get_text(&client, &article_page(&client, portal, id).await).await;
    assert!(html.contains("<picture>"), "the stored pictures are shown");
    assert!(!html.contains(&broken.src), "never the publisher's file");
    let stand_in = broken
        .caption
        .as_ref()
        .map(|c| c.plain_text())
        .or(broken.alt.clone())
        .unwrap();
    let start: String = stand_in
        .split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(html.contains(&start), "{start:?} stands in for the picture");
}
