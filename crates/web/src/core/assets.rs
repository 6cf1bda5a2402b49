//! Static assets compiled into the binary, served with long cache lifetimes.
//!
//! Their URLs carry a content hash (`?v=…`), so a new build changes the URL
//! and browsers may keep the old file forever.

use axum::extract::Path;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

const CSS: &str = include_str!("../../assets/site.css");
const FAVICON: &str = include_str!("../../assets/favicon.svg");
const COMMENTS_JS: &str = include_str!("../../assets/comments.js");
const DESK_CSS: &str = include_str!("../../assets/desk.css");
const DESK_JS: &str = include_str!("../../assets/desk.js");

/// FNV-1a, computed at compile time for the embedded files.
const fn fnv(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

const CSS_HASH: u64 = fnv(CSS.as_bytes());
const FAVICON_HASH: u64 = fnv(FAVICON.as_bytes());
const COMMENTS_JS_HASH: u64 = fnv(COMMENTS_JS.as_bytes());
const DESK_CSS_HASH: u64 = fnv(DESK_CSS.as_bytes());
const DESK_JS_HASH: u64 = fnv(DESK_JS.as_bytes());

/// The desk's stylesheet's URL.
pub(crate) fn desk_css_path() -> String {
    format!("/static/desk.css?v={DESK_CSS_HASH:016x}")
}

/// The desk's script's URL (the segment editor's keyboard and in-place saving).
pub(crate) fn desk_js_path() -> String {
    format!("/static/desk.js?v={DESK_JS_HASH:016x}")
}

/// The stylesheet's URL.
pub(crate) fn css_path() -> String {
    format!("/static/site.css?v={CSS_HASH:016x}")
}

/// The comments script's URL (progressive enhancement of the comment forms).
pub(crate) fn comments_js_path() -> String {
    format!("/static/comments.js?v={COMMENTS_JS_HASH:016x}")
}

/// The favicon's URL.
pub(crate) fn favicon_path() -> String {
    format!("/static/favicon.svg?v={FAVICON_HASH:016x}")
}

/// `GET /static/{file}`.
pub(crate) async fn serve(Path(file): Path<String>, headers: HeaderMap) -> Response {
    let (body, hash, content_type) = match file.as_str() {
        "site.css" => (CSS, CSS_HASH, "text/css; charset=utf-8"),
        "favicon.svg" => (FAVICON, FAVICON_HASH, "image/svg+xml"),
        "desk.css" => (DESK_CSS, DESK_CSS_HASH, "text/css; charset=utf-8"),
        "desk.js" => (DESK_JS, DESK_JS_HASH, "text/javascript; charset=utf-8"),
        "comments.js" => (
            COMMENTS_JS,
            COMMENTS_JS_HASH,
            "text/javascript; charset=utf-8",
        ),
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    // Weak: the compression layer may send the same content in another coding.
    let etag = format!("W/\"{hash:016x}\"");
    let cache = "public, max-age=31536000, immutable";
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .any(|t| t.trim().trim_start_matches("W/") == etag.trim_start_matches("W/"))
        });
    let mut response = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, content_type)], body).into_response()
    };
    let h = response.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    response
}

/// `GET /favicon.ico`: browsers ask for it whatever the page says.
pub(crate) async fn favicon_ico() -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        FAVICON,
    )
        .into_response()
}
