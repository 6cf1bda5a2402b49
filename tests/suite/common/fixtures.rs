//! Fixtures shared by the end-to-end tests and the cluster benchmark: the
//! sample publisher, a fake LibreTranslate server and test configurations,
//! all on 127.0.0.1.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};

/// What the fake engine makes of a segment: every word becomes an English
/// word chosen by its hash; numbers, placeholders and punctuation stay,
/// number words become the English ones (and "giờ" the hour sign), and
/// capitalised words after the first (names) are kept as a real engine keeps them. The output reads as English to language
/// identification and keeps every number and name, so it passes QA like a
/// real engine's.
pub fn fake_translate(text: &str) -> String {
    const NUMBER_WORDS: &[(&str, &str)] = &[
        ("một", "one"),
        ("hai", "two"),
        ("ba", "three"),
        ("bốn", "four"),
        ("sáu", "six"),
        ("bảy", "seven"),
        ("bẩy", "seven"),
        ("tám", "eight"),
        ("chín", "nine"),
        ("mười", "ten"),
        ("chục", "ten"),
        ("trăm", "hundred"),
        ("nghìn", "thousand"),
        ("ngàn", "thousand"),
        ("triệu", "million"),
        ("tỷ", "billion"),
        ("tỉ", "billion"),
        // "4 giờ 30" is a time: "4 h 30", as French writes it.
        ("giờ", "h"),
    ];
    const WORDS: &[&str] = &[
        "the", "river", "city", "market", "people", "new", "water", "report", "road", "school",
        "north", "rain", "farmers", "price", "team", "museum", "week", "village", "coast",
        "station",
    ];
    text.split(' ')
        .enumerate()
        .map(|(i, token)| {
            if token.is_empty()
                || token
                    .chars()
                    .any(|c| c.is_ascii_digit() || c == '<' || c == '>')
            {
                return token.to_string();
            }
            let core: String = token.chars().filter(|c| c.is_alphabetic()).collect();
            let name = i > 0 && core.chars().next().is_some_and(char::is_uppercase);
            if core.is_empty() || name {
                return token.to_string();
            }
            let hash = core
                .to_lowercase()
                .bytes()
                .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
            let lower = core.to_lowercase();
            let word = NUMBER_WORDS
                .iter()
                .find(|(vi, _)| *vi == lower)
                .map(|(_, en)| *en)
                .unwrap_or(WORDS[hash as usize % WORDS.len()]);
            let trailing: String = token
                .chars()
                .rev()
                .take_while(|c| !c.is_alphanumeric())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            format!("{word}{trailing}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A fake LibreTranslate: answers `POST /translate` like the real API with
/// [`fake_translate`] (placeholders survive), and counts the segments it was sent.
pub struct FakeLibre {
    pub url: String,
    pub segments: Arc<AtomicUsize>,
}

impl FakeLibre {
    pub async fn spawn() -> FakeLibre {
        FakeLibre::spawn_slow(std::time::Duration::ZERO).await
    }

    /// Like [`FakeLibre::spawn`], answering each request after `delay` (a slow engine).
    pub async fn spawn_slow(delay: std::time::Duration) -> FakeLibre {
        let segments = Arc::new(AtomicUsize::new(0));
        let counter = segments.clone();
        let app = Router::new().route(
            "/translate",
            post(move |Json(body): Json<Value>| {
                let counter = counter.clone();
                async move {
                    tokio::time::sleep(delay).await;
                    let texts: Vec<String> = match &body["q"] {
                        Value::Array(items) => items
                            .iter()
                            .map(|v| v.as_str().unwrap_or("").to_string())
                            .collect(),
                        Value::String(s) => vec![s.clone()],
                        _ => Vec::new(),
                    };
                    counter.fetch_add(texts.len(), Ordering::SeqCst);
                    let out: Vec<String> = texts.iter().map(|t| fake_translate(t)).collect();
                    Json(json!({ "translatedText": out }))
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeLibre {
            url: format!("http://{addr}"),
            segments,
        }
    }

    pub fn count(&self) -> usize {
        self.segments.load(Ordering::SeqCst)
    }
}

/// Starts the sample publisher with `generated` extra articles.
pub async fn sample_site(generated: usize) -> (Arc<sample_publisher::Site>, SocketAddr) {
    let site = Arc::new(
        sample_publisher::Site::bundled()
            .unwrap()
            .with_generated(generated),
    );
    let (addr, _handle) = sample_publisher::spawn(site.clone()).await.unwrap();
    (site, addr)
}

/// Writes a newsbridge.toml for a test: data in `dir`, the site allowed,
/// languages vi + en translated by `engine_url`, pictures not mirrored
/// unless `extra` has an `[images]` table (the picture tests, here in
/// `images.rs` and in `crates/pipeline/tests/suite/pictures.rs`, turn them
/// on; for the others they would only add jobs that back off for minutes
/// after a fault).
pub fn write_config(
    dir: &Path,
    site: SocketAddr,
    engine_url: Option<&str>,
    extra: &str,
) -> PathBuf {
    write_config_allowing(dir, &[site], engine_url, extra)
}

/// Like [`write_config`], allowing several loopback servers.
pub fn write_config_allowing(
    dir: &Path,
    allowed: &[SocketAddr],
    engine_url: Option<&str>,
    extra: &str,
) -> PathBuf {
    let allow = allowed
        .iter()
        .map(|a| format!("\"{a}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let engine = engine_url
        .map(|url| {
            format!(
                "[[translation.engines]]\nkind = \"libretranslate\"\nname = \"libre\"\nurl = \"{url}\"\n\n\
                 [[translation.routes]]\nsource = \"vi\"\ntarget = \"*\"\nchain = [{{ engine = \"libre\" }}]\n"
            )
        })
        .unwrap_or_default();
    let images = if extra.contains("[images]") {
        ""
    } else {
        "[images]\nenabled = false\n\n"
    };
    let config = format!(
        "data_dir = \"{data}\"\n{extra}\n{images}\
         [site]\nlanguages = [\"vi\", \"en\"]\n\n\
         [server]\nlisten = \"127.0.0.1:0\"\n\n\
         [workers]\nconcurrency = 4\nlease_seconds = 5\nretry_base_seconds = 1\nretry_max_seconds = 2\nmax_attempts = 5\n\n\
         [ingest]\nallow = [{allow}]\nhost_delay_ms = 0\n\n\
         [translation]\npolicy = \"publish\"\n\n{engine}",
        data = dir.join("data").display(),
    );
    let path = dir.join("newsbridge.toml");
    std::fs::write(&path, config).unwrap();
    path
}

/// A free TCP port on 127.0.0.1 (bound, then released for a server to take).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}
