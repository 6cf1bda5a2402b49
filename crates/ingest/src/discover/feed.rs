//! RSS 0.9x/1.0/2.0, Atom and JSON Feed, through feed-rs.

use std::collections::HashSet;

use feed_rs::model::Entry;

use super::charset::xml_to_utf8;
use super::text::plain_text;
use super::{absolute_http_url, base_url, DiscoverError, DiscoveredEntry};

/// Reads a feed's items as article URLs with their metadata.
///
/// `feed_url` is where the feed was fetched from; relative links resolve
/// against it. Items without a usable http(s) link are skipped, and an item
/// repeating an earlier URL (duplicate GUIDs, reposts) is kept once, first
/// occurrence winning.
///
/// Legacy encodings declared in the XML declaration are decoded; a feed cut
/// off mid-item (truncated body) still yields the items before the cut.
pub fn parse_feed(body: &[u8], feed_url: &str) -> Result<Vec<DiscoveredEntry>, DiscoverError> {
    let base = base_url(feed_url)?;
    let error = |reason: String| DiscoverError::Feed {
        url: feed_url.to_owned(),
        reason,
    };
    let text = if is_json(body) {
        String::from_utf8_lossy(body).into_owned()
    } else {
        xml_to_utf8(body)
    };
    let feed = match parse(&text, feed_url) {
        Ok(feed) => feed,
        Err(first) => {
            let recovered = close_truncated(&text).and_then(|t| parse(&t, feed_url).ok());
            match recovered {
                Some(feed) if !feed.entries.is_empty() => {
                    tracing::warn!(feed = feed_url, error = %first, "feed truncated or malformed; keeping its complete items");
                    feed
                }
                _ => return Err(error(first)),
            }
        }
    };
    let mut seen = HashSet::new();
    let mut entries = Vec::with_capacity(feed.entries.len());
    for entry in feed.entries {
        let Some(url) = entry_url(&entry, &base) else {
            tracing::debug!(feed = feed_url, id = %entry.id, "feed item without a link skipped");
            continue;
        };
        if !seen.insert(url.clone()) {
            continue;
        }
        entries.push(DiscoveredEntry {
            url,
            title: entry.title.as_ref().and_then(|t| plain_text(&t.content)),
            published: entry.published,
            updated: entry.updated,
            categories: categories(&entry),
            summary: entry.summary.as_ref().and_then(|s| plain_text(&s.content)),
        });
    }
    Ok(entries)
}

/// Runs feed-rs, turning a panic inside it into an error: the bytes come
/// from a remote server and must not bring the worker down.
fn parse(text: &str, feed_url: &str) -> Result<feed_rs::model::Feed, String> {
    let run = || {
        feed_rs::parser::Builder::new()
            .base_uri(Some(feed_url))
            .build()
            .parse(text.as_bytes())
            .map_err(|e| e.to_string())
    };
    std::panic::catch_unwind(run)
        .unwrap_or_else(|_| Err("the feed parser failed on malformed input".to_owned()))
}

fn is_json(body: &[u8]) -> bool {
    let body = body.strip_prefix(b"\xef\xbb\xbf").unwrap_or(body);
    body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

/// A feed cut short: keep it up to its last complete item and close the
/// open elements, so the complete items can still be read.
fn close_truncated(text: &str) -> Option<String> {
    let root = root_element(text)?;
    let (marker, closing) = if root.ends_with("rss") {
        ("</item>", format!("</channel></{root}>"))
    } else if root.ends_with("feed") {
        ("</entry>", format!("</{root}>"))
    } else {
        ("</item>", format!("</{root}>"))
    };
    let end = text.rfind(marker)? + marker.len();
    Some(format!("{}{closing}", text.get(..end)?))
}

/// The name of the first element, skipping declarations and comments.
fn root_element(text: &str) -> Option<&str> {
    let mut rest = text;
    loop {
        let at = rest.find('<')?;
        rest = rest.get(at + 1..)?;
        if rest.starts_with('?') || rest.starts_with('!') {
            continue;
        }
        let end = rest.find(|c: char| c.is_whitespace() || c == '>' || c == '/')?;
        return rest.get(..end).filter(|name| !name.is_empty());
    }
}

/// The item's article link: an alternate link, else any non-technical
/// link, else a GUID that is itself a URL.
fn entry_url(entry: &Entry, base: &url::Url) -> Option<String> {
    let technical = [
        "self",
        "edit",
        "replies",
        "enclosure",
        "related",
        "via",
        "license",
    ];
    let alternate = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"));
    let other = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| !technical.contains(&r)));
    alternate
        .or(other)
        .and_then(|l| absolute_http_url(base, &l.href))
        .or_else(|| {
            let id = entry.id.trim();
            (id.starts_with("http://") || id.starts_with("https://"))
                .then(|| absolute_http_url(base, id))
                .flatten()
        })
}

fn categories(entry: &Entry) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in &entry.categories {
        let name = c.term.trim();
        let name = if name.is_empty() {
            c.label.as_deref().unwrap_or("").trim()
        } else {
            name
        };
        if !name.is_empty() && !out.iter().any(|o| o == name) {
            out.push(name.to_owned());
        }
    }
    out
}
