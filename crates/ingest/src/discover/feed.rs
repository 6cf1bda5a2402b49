//! RSS 0.9x/1.0/2.0, Atom and JSON Feed, through feed-rs.

use std::collections::HashSet;

use feed_rs::model::Entry;

use super::text::plain_text;
use super::{absolute_http_url, base_url, DiscoverError, DiscoveredEntry};

/// Reads a feed's items as article URLs with their metadata.
///
/// `feed_url` is where the feed was fetched from; relative links resolve
/// against it. Items without a usable http(s) link are skipped, and an item
/// repeating an earlier URL (duplicate GUIDs, reposts) is kept once, first
/// occurrence winning.
pub fn parse_feed(body: &[u8], feed_url: &str) -> Result<Vec<DiscoveredEntry>, DiscoverError> {
    let base = base_url(feed_url)?;
    let feed = feed_rs::parser::Builder::new()
        .base_uri(Some(feed_url))
        .build()
        .parse(body)
        .map_err(|e| DiscoverError::Feed {
            url: feed_url.to_owned(),
            reason: e.to_string(),
        })?;
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
