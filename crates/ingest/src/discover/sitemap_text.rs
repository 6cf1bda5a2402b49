//! Plain-text sitemaps: one URL per line (`sitemap.txt`).
//!
//! Why this exists: the sitemap protocol allows a text file of URLs, and
//! publishers serve them (gzipped too, and with a byte-order mark from
//! Windows editors). Handed to the XML reader they fail with errors that
//! point nowhere ("the document is empty", "entity or character reference
//! not closed" for a `&` in a query string). Hand-written because the
//! format is "split lines, keep the URLs": no crate is needed.

use std::collections::HashSet;

use super::diagnosis::{Reading, Repair, MAX_SITEMAP_ENTRIES};
use super::{absolute_http_url, DiscoveredEntry};

/// Whether decoded sitemap text is plain text rather than XML: its first
/// non-blank character is not `<`.
pub(crate) fn is_plain_text(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| c != '<')
}

/// Reads one absolute http(s) URL per line; blank lines and `#` comments
/// are ignored, other lines counted as skipped. `None` when no line is a URL.
pub(crate) fn read(text: &str, base: &url::Url) -> Option<Reading<Vec<DiscoveredEntry>>> {
    let mut seen = HashSet::new();
    let mut found = Vec::new();
    let mut skipped = 0;
    let mut repairs = vec![Repair::PlainTextSitemap];
    for line in text.trim_start_matches('\u{feff}').lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let lower = line.to_ascii_lowercase();
        let url = (lower.starts_with("http://") || lower.starts_with("https://"))
            .then(|| absolute_http_url(base, line))
            .flatten();
        let Some(url) = url else {
            skipped += 1;
            continue;
        };
        if found.len() >= MAX_SITEMAP_ENTRIES {
            repairs.push(Repair::TooManyEntries {
                limit: MAX_SITEMAP_ENTRIES,
            });
            break;
        }
        if seen.insert(url.clone()) {
            found.push(DiscoveredEntry::new(url));
        }
    }
    (!found.is_empty()).then_some(Reading {
        found,
        repairs,
        skipped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_url_per_line_with_bom_and_crlf() {
        let base = url::Url::parse("https://pub.example/sitemap.txt").unwrap();
        let text = "\u{feff}https://pub.example/a?x=1&y=2\r\n\r\n# note\r\nnot a url\r\nhttps://pub.example/a?x=1&y=2\nhttps://pub.example/b\n";
        assert!(is_plain_text(text));
        let r = read(text, &base).unwrap();
        let urls: Vec<_> = r.found.iter().map(|e| e.url.as_str()).collect();
        assert_eq!(
            urls,
            ["https://pub.example/a?x=1&y=2", "https://pub.example/b"]
        );
        assert_eq!(r.skipped, 1);
        assert!(!is_plain_text("  <urlset/>"));
        assert!(read("hello\nworld", &base).is_none());
    }
}
