//! HTTP plumbing: base URL, conditional GET, error pages, query parsing.

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, FixedOffset};

use crate::dates::{http_date, parse_http_date};
use crate::html::{self, View};
use crate::images::fnv1a;
use crate::site::Site;

/// Content type of HTML pages.
pub const HTML: &str = "text/html; charset=utf-8";

/// `http://{Host}`, when the Host header is a plain host name or address.
pub fn base_url(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let plain = !host.is_empty()
        && host.len() <= 255
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c));
    if plain {
        format!("http://{host}")
    } else {
        "http://localhost".to_string()
    }
}

/// Renders with the site's content under its read lock.
pub fn with_view<T>(site: &Site, headers: &HeaderMap, f: impl FnOnce(&View<'_>) -> T) -> T {
    let base = base_url(headers);
    let catalog = site.read();
    let view = View {
        paper: site.newspaper(),
        sections: site.sections(),
        catalog: &catalog,
        base: &base,
    };
    f(&view)
}

/// A 200 response with validators, or 304 when the client's copy is current.
pub fn respond(
    headers: &HeaderMap,
    content_type: &'static str,
    body: impl Into<axum::body::Bytes>,
    modified: Option<DateTime<FixedOffset>>,
) -> Response {
    let body: axum::body::Bytes = body.into();
    let etag = format!("\"{:016x}\"", fnv1a(&body));
    let fresh = match headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
    {
        Some(inm) => inm
            .split(',')
            .map(str::trim)
            .any(|t| t == etag || t == "*" || t == format!("W/{etag}")),
        None => match (
            headers
                .get(header::IF_MODIFIED_SINCE)
                .and_then(|v| v.to_str().ok()),
            modified,
        ) {
            (Some(ims), Some(m)) => {
                parse_http_date(ims).is_some_and(|since| m.timestamp() <= since.timestamp())
            }
            _ => false,
        },
    };
    let mut out = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, content_type)], body).into_response()
    };
    let h = out.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    if let Some(m) = modified {
        if let Ok(v) = HeaderValue::from_str(&http_date(&m)) {
            h.insert(header::LAST_MODIFIED, v);
        }
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=60"),
    );
    out
}

pub fn error_page(site: &Site, headers: &HeaderMap, status: StatusCode) -> Response {
    let body = with_view(site, headers, |v| {
        html::not_found_page(v, status == StatusCode::GONE)
    });
    (status, [(header::CONTENT_TYPE, HTML)], body).into_response()
}

/// `?page=N` (1 when absent); `None` for anything that is not a positive number.
pub fn page_param(query: Option<String>) -> Option<usize> {
    let Some(q) = query else { return Some(1) };
    let mut page = 1;
    for pair in q.split('&').filter(|p| !p.is_empty()) {
        if let Some(value) = pair.strip_prefix("page=") {
            page = value.parse().ok().filter(|p| *p >= 1)?;
        }
    }
    Some(page)
}

pub fn newest(site: &Site) -> Option<DateTime<FixedOffset>> {
    site.read().latest().iter().map(|a| a.last_modified()).max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        assert_eq!(page_param(None), Some(1));
        assert_eq!(page_param(Some("page=3".into())), Some(3));
        assert_eq!(page_param(Some("utm=x&page=2".into())), Some(2));
        assert_eq!(page_param(Some("page=0".into())), None);
        assert_eq!(page_param(Some("page=abc".into())), None);
    }

    #[test]
    fn base_url_only_from_plain_hosts() {
        let mut h = HeaderMap::new();
        assert_eq!(base_url(&h), "http://localhost");
        h.insert(header::HOST, HeaderValue::from_static("127.0.0.1:8080"));
        assert_eq!(base_url(&h), "http://127.0.0.1:8080");
        h.insert(header::HOST, HeaderValue::from_static("evil\"><script>"));
        assert_eq!(base_url(&h), "http://localhost");
    }
}
