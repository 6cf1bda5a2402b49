//! Browser hardening headers on every response, and the endpoint browsers
//! report Content-Security-Policy violations to.
//!
//! The pages run no inline script: the only script is the comments
//! enhancement, a file under `/static/`, so `script-src 'self'` needs no
//! nonce (a nonce would also defeat the page cache, which serves one copy of
//! a page to every reader). The article's JSON-LD is a `<script
//! type="application/ld+json">` data block: browsers never execute a data
//! block, so CSP does not apply to it and it needs neither nonce nor hash.
//! Inline styles are refused everywhere: the desk's stylesheet and script
//! are files under `/static/` too (`desk.css`, `desk.js`). No page may be framed (`frame-ancestors 'none'`, and
//! `X-Frame-Options: DENY` for older browsers).

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;

use crate::core::app::AppState;
use crate::core::proxies::TrustedProxies;

/// Where browsers send violation reports.
pub(crate) const REPORT_PATH: &str = "/csp-report";

/// The Content-Security-Policy of every response (pages, feeds, the API and
/// the desk). Pictures come from our own `/media/` routes only, or from the
/// bucket or CDN that serves them (`image_origin`): the portal never
/// hot-links a publisher's picture, so no other image source is allowed.
fn policy(image_origin: Option<&str>) -> String {
    let images = match image_origin {
        Some(origin) => format!("'self' data: {origin}"),
        None => "'self' data:".to_string(),
    };
    format!(
        "default-src 'self'; script-src 'self'; style-src 'self'; \
img-src {images}; media-src 'none'; font-src 'self'; connect-src 'self'; object-src 'none'; \
base-uri 'none'; form-action 'self'; frame-src 'none'; frame-ancestors 'none'; \
report-uri {REPORT_PATH}"
    )
}

/// One year, without `includeSubDomains`: other hosts of the domain are not ours to pin.
const HSTS: &str = "max-age=31536000";

/// Largest violation report read, in bytes.
const MAX_REPORT_BYTES: usize = 16 * 1024;

/// Reports logged per minute by one process (the rest are answered and dropped).
const REPORTS_PER_MINUTE: i64 = 30;

/// Whether responses go out over HTTPS: the base URL says so, or a trusted
/// proxy forwarded the request as `X-Forwarded-Proto: https`.
#[derive(Debug, Clone)]
struct Transport {
    base_https: bool,
    trusted: TrustedProxies,
    csp: HeaderValue,
}

impl Transport {
    fn https(&self, req: &Request) -> bool {
        if self.base_https {
            return true;
        }
        let peer = req
            .extensions()
            .get::<ConnectInfo<std::net::SocketAddr>>()
            .map(|c| c.0.ip());
        let from_proxy = peer.is_none_or(|p| self.trusted.trusts(p));
        from_proxy
            && req
                .headers()
                .get("x-forwarded-proto")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.trim().eq_ignore_ascii_case("https"))
    }
}

/// `router` with the hardening headers on every response: a
/// Content-Security-Policy (reports to `/csp-report`), `X-Content-Type-Options:
/// nosniff`, `Referrer-Policy: strict-origin-when-cross-origin`,
/// `X-Frame-Options: DENY`, `Cross-Origin-Opener-Policy`, `Permissions-Policy`
/// and, when served over HTTPS (`base_url` is `https://…`, or a proxy in
/// `trusted` says so), `Strict-Transport-Security`. `image_origin` is the
/// bucket's or CDN's origin when it serves the pictures
/// ([`images::Storage::public_origin`]).
pub fn security_headers(
    router: Router,
    base_url: &str,
    trusted: TrustedProxies,
    image_origin: Option<&str>,
) -> Router {
    let csp = HeaderValue::from_str(&policy(image_origin))
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"));
    let transport = Transport {
        base_https: base_url.starts_with("https://"),
        trusted,
        csp,
    };
    router.layer(middleware::from_fn_with_state(transport, add))
}

async fn add(State(transport): State<Transport>, req: Request, next: Next) -> Response {
    let https = transport.https(&req);
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, transport.csp.clone());
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        header::HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
    );
    if https {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    response
}

/// `POST /csp-report`: a browser's report of a blocked script, style or
/// frame, logged (a few per minute at most) for the operator; always 204.
pub(crate) async fn report(
    State(app): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !app
        .reports
        .allow("csp", REPORTS_PER_MINUTE, Duration::from_secs(60))
    {
        return StatusCode::NO_CONTENT.into_response();
    }
    let json_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.contains("json") || t.contains("csp-report"));
    let report = json_type
        .then(|| serde_json::from_slice::<serde_json::Value>(&body).ok())
        .flatten();
    let field = |name: &str| report_field(report.as_ref(), name);
    tracing::warn!(
        page = %field("document-uri"),
        directive = %field("violated-directive"),
        blocked = %field("blocked-uri"),
        "a browser blocked content under the Content-Security-Policy"
    );
    StatusCode::NO_CONTENT.into_response()
}

/// A field of a CSP report as logged: at most 200 characters, without
/// control characters, so a report cannot write lines of its own into a
/// text log.
fn report_field(report: Option<&serde_json::Value>, name: &str) -> String {
    report
        .and_then(|r| r.get("csp-report"))
        .and_then(|r| r.get(name))
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect()
}

/// The route limit for [`report`] bodies.
pub(crate) fn report_body_limit() -> axum::extract::DefaultBodyLimit {
    axum::extract::DefaultBodyLimit::max(MAX_REPORT_BYTES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_field_loses_control_characters_and_is_cut_at_200() {
        let forged = serde_json::json!({"csp-report": {
            "document-uri": "https://x/\n2026-01-01T00:00:00Z  INFO forged line\r\u{1b}[31m",
            "blocked-uri": "a".repeat(500),
        }});
        let page = report_field(Some(&forged), "document-uri");
        assert!(!page.chars().any(char::is_control), "{page:?}");
        assert!(page.contains("forged line"));
        assert_eq!(report_field(Some(&forged), "blocked-uri").len(), 200);
        assert_eq!(report_field(None, "document-uri"), "");
    }

    #[test]
    fn the_policy_refuses_inline_script_framing_and_foreign_pictures() {
        for origin in [None, Some("https://cdn.example")] {
            let csp = policy(origin);
            assert!(csp.contains("script-src 'self';"), "{csp}");
            assert!(!csp.contains("unsafe-eval"), "{csp}");
            assert!(!csp.contains("unsafe-inline"), "{csp}");
            assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
            assert!(csp.contains(&format!("report-uri {REPORT_PATH}")), "{csp}");
            assert!(!csp.contains('*'), "{csp}");
            assert!(HeaderValue::from_str(&csp).is_ok());
        }
        assert!(policy(None).contains("img-src 'self' data:;"));
        assert!(policy(Some("https://cdn.example"))
            .contains("img-src 'self' data: https://cdn.example;"));
    }
}
