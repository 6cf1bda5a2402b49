//! HTTP details shared by every route: conditional GET, cache headers and
//! language negotiation.

use axum::body::{to_bytes, Body, HttpBody as _};
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Largest body the ETag layer buffers to hash (pages are far smaller;
/// larger bodies are sent without an ETag).
const MAX_BUFFER: usize = 16 * 1024 * 1024;

/// Cache-Control of pages and feeds: shared caches may keep them a minute.
pub(crate) const PAGE_CACHE_CONTROL: &str = "public, max-age=60";

/// Adds a weak ETag (a hash of the body) and a default Cache-Control to
/// successful GET responses, and answers 304 when the client has that
/// version — also for handlers that name their version themselves (a cached
/// page's ETag leaves out its per-response token).
pub(crate) async fn conditional_get(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    let response = next.run(request).await;
    if !(method == Method::GET || method == Method::HEAD) || response.status() != StatusCode::OK {
        return response;
    }
    if let Some(etag) = response.headers().get(header::ETAG) {
        let etag = etag.to_str().unwrap_or("").to_string();
        if matches(if_none_match.as_ref(), &etag) {
            let (mut parts, _) = response.into_parts();
            parts.status = StatusCode::NOT_MODIFIED;
            // The weak ETag is one for every coding: a 304 must not tell a
            // cache that holds the gzip body that it is brotli.
            parts.headers.remove(header::CONTENT_LENGTH);
            parts.headers.remove(header::CONTENT_ENCODING);
            return Response::from_parts(parts, Body::empty());
        }
        return response;
    }
    let (mut parts, body) = response.into_parts();
    if body
        .size_hint()
        .upper()
        .is_none_or(|n| n > MAX_BUFFER as u64)
    {
        // Too large to hash here (a sitemap of a big site): sent as it is,
        // without an ETag, rather than refused.
        return Response::from_parts(parts, body);
    }
    let bytes = match to_bytes(body, MAX_BUFFER).await {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, "response body could not be buffered");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let etag = format!("W/\"{:016x}\"", hash(&bytes));
    if let Ok(v) = HeaderValue::from_str(&etag) {
        parts.headers.insert(header::ETAG, v);
    }
    if !parts.headers.contains_key(header::CACHE_CONTROL) {
        parts.headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(PAGE_CACHE_CONTROL),
        );
    }
    if matches(if_none_match.as_ref(), &etag) {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Whether an If-None-Match header names `etag` (weak comparison).
fn matches(if_none_match: Option<&HeaderValue>, etag: &str) -> bool {
    if_none_match
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',').any(|t| {
                let t = t.trim();
                t == "*" || t.trim_start_matches("W/") == etag.trim_start_matches("W/")
            })
        })
}

/// The one address of a shared reader page, put on its 200 response by the
/// handler (`public::pages::shared`). [`microcache`] keeps a page only when it
/// was asked for by exactly that address, so the other spellings of a page
/// (`?page=0001`, `?page=7` on a page without pages, `/%66r/`, `/topic/007`)
/// are rendered for whoever asks and never stored: they cannot fill the
/// cache's budget and push the pages readers read out of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Canonical(pub String);

impl Canonical {
    /// Whether a request for `path_and_query` (as sent: non-ASCII
    /// percent-encoded) asked for this address.
    fn named_by(&self, path_and_query: &str) -> bool {
        percent_encoding::utf8_percent_encode(&self.0, percent_encoding::CONTROLS).to_string()
            == path_and_query
    }
}

/// After a successful write through this node (a comment, a report, a desk
/// action), cached pages may show something old: drop them.
pub(crate) async fn forget_pages_after_writes(
    axum::extract::State(app): axum::extract::State<crate::core::app::AppState>,
    request: Request,
    next: Next,
) -> Response {
    let write = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let response = next.run(request).await;
    if write && (response.status().is_success() || response.status().is_redirection()) {
        app.pages.clear();
    }
    response
}

/// Serves the reader pages it wraps (home, sections, stories, authors, about)
/// from the page cache, and stores what they render on a miss: the pages
/// most read at a peak are rendered once per time to live, not per reader.
/// A page is stored only under its own address ([`Canonical`]): made-up
/// query strings and other spellings of an address cannot push the popular
/// pages out.
pub(crate) async fn microcache(
    axum::extract::State(app): axum::extract::State<crate::core::app::AppState>,
    request: Request,
    next: Next,
) -> Response {
    let cacheable = app.pages.enabled()
        && (request.method() == Method::GET || request.method() == Method::HEAD)
        && request.uri().query().is_none_or(|q| {
            q.strip_prefix("page=").is_some_and(|n| {
                !n.is_empty() && n.len() <= 4 && n.bytes().all(|b| b.is_ascii_digit())
            })
        });
    if !cacheable {
        return next.run(request).await;
    }
    let key = request
        .uri()
        .path_and_query()
        .map(|pq| pq.as_str().to_string())
        .unwrap_or_default();
    let asked = request.headers().get(header::ACCEPT_ENCODING).cloned();
    if let Some(page) = app.pages.get(&key) {
        return page.response(asked.as_ref());
    }
    let response = next.run(request).await;
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    let canonical = response
        .extensions()
        .get::<Canonical>()
        .is_some_and(|c| c.named_by(&key));
    if response.status() != StatusCode::OK
        || !html
        || !canonical
        || response.headers().contains_key(header::SET_COOKIE)
        || response.headers().contains_key(header::CONTENT_ENCODING)
    {
        // An expired page that no longer renders (taken down, moved) is not
        // given out again.
        app.pages.forget(&key);
        return response;
    }
    let (parts, body) = response.into_parts();
    match to_bytes(body, MAX_BUFFER).await {
        Ok(bytes) => app.pages.keep(&key, bytes).response(asked.as_ref()),
        Err(e) => {
            tracing::error!(error = %e, status = ?parts.status, "page body could not be buffered");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// FNV-1a 64: fast, and good enough to tell versions of a page apart.
fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The best of `available` for an Accept-Language header. A header that
/// names none of them (`de` on a portal in vi, en and fr) gets English when
/// available, the language most readers of a foreign portal share, else the
/// first; a request without the header (or with only `*`) gets the first,
/// the site's default.
pub(crate) fn negotiate<'a>(headers: &HeaderMap, available: &'a [String]) -> Option<&'a str> {
    let header = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mut wanted: Vec<(f32, usize, String)> = header
        .split(',')
        .enumerate()
        .filter_map(|(i, part)| {
            let mut bits = part.split(';');
            let tag = bits.next()?.trim().to_ascii_lowercase();
            if tag.is_empty() {
                return None;
            }
            let q = bits
                .find_map(|b| b.trim().strip_prefix("q=").map(str::to_string))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            (q > 0.0).then_some((q, i, tag))
        })
        .collect();
    wanted.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, _, tag) in &wanted {
        if tag == "*" {
            return available.first().map(String::as_str);
        }
        let primary = tag.split('-').next().unwrap_or(tag);
        if let Some(found) = available
            .iter()
            .find(|l| l.eq_ignore_ascii_case(tag) || l.eq_ignore_ascii_case(primary))
        {
            return Some(found);
        }
    }
    if !wanted.is_empty() {
        if let Some(en) = available.iter().find(|l| *l == "en") {
            return Some(en);
        }
    }
    available.first().map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_body_too_large_to_hash_is_sent_whole_without_an_etag() {
        use tower::ServiceExt;
        let big = "<url/>".repeat(MAX_BUFFER / 6 + 1);
        let small = "<url/>".to_string();
        let app = axum::Router::new()
            .route("/big", axum::routing::get(move || async move { big }))
            .route("/small", axum::routing::get(move || async move { small }))
            .layer(axum::middleware::from_fn(conditional_get));
        let get = |path: &str| axum::http::Request::get(path).body(Body::empty()).unwrap();
        let response = app.clone().oneshot(get("/big")).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert!(response.headers().get(header::ETAG).is_none());
        let body = to_bytes(response.into_body(), usize::MAX).await.unwrap();
        assert!(body.len() > MAX_BUFFER, "{} bytes", body.len());
        let response = app.oneshot(get("/small")).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert!(response.headers().get(header::ETAG).is_some());
    }

    #[test]
    fn a_canonical_address_is_compared_as_browsers_send_it() {
        let c = Canonical("/fr/monde/?page=2".into());
        assert!(c.named_by("/fr/monde/?page=2"));
        for other in ["/fr/monde/?page=02", "/fr/%6Donde/?page=2", "/fr/monde/"] {
            assert!(!c.named_by(other), "{other}");
        }
        let c = Canonical("/ja/国際/".into());
        assert!(c.named_by("/ja/%E5%9B%BD%E9%9A%9B/"));
        assert!(!c.named_by("/ja/国際/"));
    }

    fn langs() -> Vec<String> {
        ["en", "vi", "fr", "de"].map(String::from).to_vec()
    }

    #[test]
    fn accept_language_picks_the_highest_quality_match() {
        let mut h = HeaderMap::new();
        h.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_static("ja;q=0.9, fr-CH, de;q=0.5"),
        );
        assert_eq!(negotiate(&h, &langs()), Some("fr"));
        h.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_static("ja, de;q=0.2, vi;q=0.8"),
        );
        assert_eq!(negotiate(&h, &langs()), Some("vi"));
        h.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_static("*;q=0.1, ;;;, xx;q=abc"),
        );
        assert_eq!(negotiate(&h, &langs()), Some("en"));
        assert_eq!(negotiate(&HeaderMap::new(), &langs()), Some("en"));
    }

    #[test]
    fn a_reader_whose_languages_are_not_served_gets_english_not_the_default() {
        let portal: Vec<String> = ["vi", "en", "fr"].map(String::from).to_vec();
        let mut h = HeaderMap::new();
        for header in ["de", "de-DE, ja;q=0.5", "xx;q=abc, de"] {
            h.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static(header));
            assert_eq!(negotiate(&h, &portal), Some("en"), "{header}");
        }
        h.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_static("de, fr;q=0.3"),
        );
        assert_eq!(negotiate(&h, &portal), Some("fr"));
        h.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static("*"));
        assert_eq!(
            negotiate(&h, &portal),
            Some("vi"),
            "any language: the default"
        );
        assert_eq!(negotiate(&HeaderMap::new(), &portal), Some("vi"));
        let no_english: Vec<String> = ["vi", "fr"].map(String::from).to_vec();
        h.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static("de"));
        assert_eq!(negotiate(&h, &no_english), Some("vi"));
    }
}
