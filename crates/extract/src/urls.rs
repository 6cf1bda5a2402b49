//! Making page URLs absolute.

use url::Url;

/// Resolves `href` against `base`; `None` for empty, `javascript:` and `data:` URLs.
pub(crate) fn absolute(base: Option<&Url>, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    let lower = href.get(..11).unwrap_or(href).to_ascii_lowercase();
    if lower.starts_with("javascript:") || lower.starts_with("data:") || lower.starts_with("about:")
    {
        return None;
    }
    let joined = match base {
        Some(b) => b.join(href).ok(),
        None => Url::parse(href).ok(),
    }?;
    Some(joined.to_string())
}

/// Picks the widest candidate of a `srcset` attribute.
pub(crate) fn best_srcset(srcset: &str) -> Option<&str> {
    let mut best: Option<(&str, f32)> = None;
    for candidate in srcset.split(',') {
        let mut parts = candidate.split_whitespace();
        let Some(url) = parts.next() else { continue };
        let size = parts
            .next()
            .and_then(|d| {
                d.get(..d.len().saturating_sub(1))
                    .and_then(|n| n.parse::<f32>().ok())
            })
            .unwrap_or(1.0);
        if best.is_none_or(|(_, s)| size > s) {
            best = Some((url, size));
        }
    }
    best.map(|(u, _)| u)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves() {
        let base = Url::parse("https://vnexpress.net/the-gioi/a.html").ok();
        assert_eq!(
            absolute(base.as_ref(), "/img/x.jpg").as_deref(),
            Some("https://vnexpress.net/img/x.jpg")
        );
        assert_eq!(
            absolute(base.as_ref(), "//cdn.vn/y.jpg").as_deref(),
            Some("https://cdn.vn/y.jpg")
        );
        assert_eq!(absolute(base.as_ref(), "javascript:void(0)"), None);
        assert_eq!(absolute(None, "rel.jpg"), None);
    }

    #[test]
    fn srcset() {
        assert_eq!(
            best_srcset("a.jpg 300w, b.jpg 1200w, c.jpg 800w"),
            Some("b.jpg")
        );
        assert_eq!(best_srcset("a.jpg 1x, b.jpg 2x"), Some("b.jpg"));
        assert_eq!(best_srcset("only.jpg"), Some("only.jpg"));
    }
}
