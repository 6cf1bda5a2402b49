//! One spelling per article URL, so the same article found through a feed,
//! a sitemap and a share link is stored once.

use scraper::{Html, Selector};
use url::Url;

use crate::discover::html_to_utf8;

/// Query parameters that only track where a click came from.
const TRACKING_PARAMS: &[&str] = &[
    "fbclid",
    "gclid",
    "gclsrc",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "yclid",
    "twclid",
    "ttclid",
    "igshid",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
    "_hsenc",
    "_hsmi",
    "mkt_tok",
    "zarsrc",
    "zalo_source",
    "cmpid",
    "ocid",
    "spm",
];

/// Query parameter prefixes that only track campaigns.
const TRACKING_PREFIXES: &[&str] = &["utm_", "pk_", "hsa_", "vero_"];

/// What to do with a trailing slash on a path other than `/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TrailingSlash {
    /// `/a/b/` → `/a/b` (the default: publishers serve both).
    #[default]
    Strip,
    /// Leave the path as it is.
    Keep,
}

/// A URL that cannot be made canonical.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
#[error("cannot normalise {url:?}: {reason}")]
pub struct CanonicalUrlError {
    /// The URL as given.
    pub url: String,
    /// Why.
    pub reason: String,
}

/// The canonical form of an article URL, with [`TrailingSlash::Strip`].
///
/// Lower-case scheme and host, no default port, no fragment, tracking
/// parameters (utm_*, fbclid, gclid…) removed, remaining parameters sorted
/// by name, empty query dropped.
pub fn canonical_url(url: &str) -> Result<String, CanonicalUrlError> {
    canonical_url_with(url, TrailingSlash::default())
}

/// [`canonical_url`] with an explicit trailing-slash policy.
pub fn canonical_url_with(url: &str, slash: TrailingSlash) -> Result<String, CanonicalUrlError> {
    let mut parsed = Url::parse(url.trim()).map_err(|e| CanonicalUrlError {
        url: url.to_owned(),
        reason: e.to_string(),
    })?;
    if parsed.scheme() != "http" && parsed.scheme() != "https" {
        return Err(CanonicalUrlError {
            url: url.to_owned(),
            reason: "only http and https URLs name articles".to_owned(),
        });
    }
    parsed.set_fragment(None);
    // The url crate already lower-cases the host and drops default ports.
    if parsed.host_str().is_some_and(|h| h.ends_with('.')) {
        let host = parsed
            .host_str()
            .unwrap_or("")
            .trim_end_matches('.')
            .to_owned();
        let _ = parsed.set_host(Some(&host));
    }
    if slash == TrailingSlash::Strip {
        let path = parsed.path();
        if path.len() > 1 && path.ends_with('/') {
            let trimmed = path.trim_end_matches('/');
            let trimmed = if trimmed.is_empty() { "/" } else { trimmed }.to_owned();
            parsed.set_path(&trimmed);
        }
    }
    let mut params: Vec<(String, String)> = parsed
        .query_pairs()
        .filter(|(k, _)| !is_tracking(k))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    params.sort_by(|a, b| a.0.cmp(&b.0));
    if params.is_empty() {
        parsed.set_query(None);
    } else {
        parsed.query_pairs_mut().clear().extend_pairs(params);
    }
    Ok(parsed.into())
}

fn is_tracking(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    TRACKING_PARAMS.contains(&key.as_str()) || TRACKING_PREFIXES.iter().any(|p| key.starts_with(p))
}

/// The canonical URL a page declares (`<link rel="canonical">`, else
/// `og:url`), absolute and normalised; `None` when absent or unusable.
pub fn declared_canonical(html: &[u8], page_url: &str) -> Option<String> {
    let base = Url::parse(page_url).ok()?;
    let document = Html::parse_document(&html_to_utf8(html));
    let first = |css: &str, attr: &str| -> Option<String> {
        let selector = Selector::parse(css).ok()?;
        document
            .select(&selector)
            .filter_map(|el| el.value().attr(attr))
            .map(str::trim)
            .find(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let declared = first("link[rel~=canonical][href]", "href")
        .or_else(|| first("meta[property=\"og:url\"][content]", "content"))?;
    let absolute = base.join(&declared).ok()?;
    canonical_url(absolute.as_str()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_the_usual_variants_to_one_url() {
        let variants = [
            "https://Tin.Example.VN:443/thoi-su/bai-viet-1.html?utm_source=fb&utm_medium=social#comments",
            "https://tin.example.vn/thoi-su/bai-viet-1.html?fbclid=abc",
            "https://tin.example.vn/thoi-su/bai-viet-1.html",
            "HTTPS://tin.example.vn./thoi-su/bai-viet-1.html?gclid=1&zarsrc=30",
        ];
        for v in variants {
            assert_eq!(
                canonical_url(v).unwrap(),
                "https://tin.example.vn/thoi-su/bai-viet-1.html",
                "{v}"
            );
        }
    }

    #[test]
    fn sorts_remaining_params_and_keeps_meaningful_ones() {
        assert_eq!(
            canonical_url("http://p.test:80/a/?b=2&utm_campaign=x&a=1&a=0").unwrap(),
            "http://p.test/a?a=1&a=0&b=2"
        );
        assert_eq!(
            canonical_url("http://p.test:8080/").unwrap(),
            "http://p.test:8080/"
        );
    }

    #[test]
    fn trailing_slash_policy() {
        assert_eq!(
            canonical_url("https://p.test/a/b/").unwrap(),
            "https://p.test/a/b"
        );
        assert_eq!(
            canonical_url_with("https://p.test/a/b/", TrailingSlash::Keep).unwrap(),
            "https://p.test/a/b/"
        );
        assert_eq!(canonical_url("https://p.test/").unwrap(), "https://p.test/");
        assert_eq!(
            canonical_url("https://p.test//").unwrap(),
            "https://p.test/"
        );
    }

    #[test]
    fn rejects_non_http() {
        assert!(canonical_url("mailto:a@p.test").is_err());
        assert!(canonical_url("not a url").is_err());
    }

    #[test]
    fn reads_the_declared_canonical() {
        let html = br#"<html><head>
            <meta property="og:url" content="https://p.test/og">
            <link rel="canonical" href="/thoi-su/bai-1.html?utm_source=x">
        </head></html>"#;
        assert_eq!(
            declared_canonical(html, "https://p.test/amp/bai-1").as_deref(),
            Some("https://p.test/thoi-su/bai-1.html")
        );
        let og_only = br#"<meta property="og:url" content="https://p.test/og/">"#;
        assert_eq!(
            declared_canonical(og_only, "https://p.test/x").as_deref(),
            Some("https://p.test/og")
        );
        assert_eq!(declared_canonical(b"<p>none</p>", "https://p.test/x"), None);
    }
}
