//! RSS 0.9x/1.0/2.0, Atom and JSON Feed: feed-rs first, then the tolerant
//! readers (`tolerant`, `json_feed`) when it fails or finds nothing.

use std::collections::HashSet;

use feed_rs::model::Entry;

use super::charset::xml_to_utf8;
use super::diagnosis::{Reading, Repair, MAX_FEED_ENTRIES, MAX_XML_DEPTH};
use super::json_feed;
use super::repair::repair_xml;
use super::text::plain_text;
use super::tolerant::{self, is_page_type, RawItem, TECHNICAL_RELS};
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
/// [`read_feed`] also says what had to be repaired.
pub fn parse_feed(body: &[u8], feed_url: &str) -> Result<Vec<DiscoveredEntry>, DiscoverError> {
    read_feed(body, feed_url).map(|r| r.found)
}

/// Reads a feed like [`parse_feed`], and says what was wrong with it.
///
/// feed-rs reads it first, and its result is kept when it finds items.
/// When it fails or finds none, the feed is read the way feed readers do
/// (namespace-agnostic names, RSS without a version, RSS 0.90, Atom 0.3,
/// bare `&` and HTML entities, control characters, a document cut short; a
/// lenient JSON Feed reader), and each thing forgiven is a [`Repair`].
/// Items feed-rs read without a usable link get the link a feed reader
/// would use (an Atom `<link>` with the URL as text, a relative permalink
/// GUID, an `<id>` resolved against `xml:base`).
pub fn read_feed(
    body: &[u8],
    feed_url: &str,
) -> Result<Reading<Vec<DiscoveredEntry>>, DiscoverError> {
    let base = base_url(feed_url)?;
    let error = |reason: String| DiscoverError::Feed {
        url: feed_url.to_owned(),
        reason,
    };
    if is_json(body) {
        let text = String::from_utf8_lossy(body);
        return read_json(&text, feed_url, &base).map_err(error);
    }
    let text = xml_to_utf8(body);
    let too_deep = nesting_depth(&text) > MAX_XML_DEPTH;
    // feed-rs builds nested elements recursively: a document nested deeper
    // than the limit goes to the tolerant reader, which does not recurse.
    let strict = if too_deep {
        Err(format!(
            "elements are nested more than {MAX_XML_DEPTH} deep"
        ))
    } else {
        parse(&text, feed_url)
    };
    match strict {
        Ok(feed) if !feed.entries.is_empty() => Ok(strict_entries(feed, &text, &base, feed_url)),
        strict => {
            let strict_error = strict.err();
            match read_tolerant(&text, &base) {
                Ok(mut reading) => {
                    if let Some(reason) = strict_error {
                        if reading.repairs.is_empty() && !reading.found.is_empty() {
                            reading.repairs.push(Repair::Malformed { reason });
                        }
                    }
                    if !reading.repairs.is_empty() {
                        tracing::warn!(feed = feed_url, repairs = ?reading.repairs, "feed read with repairs");
                    }
                    Ok(reading)
                }
                // The tolerant reader's reason names what is fundamentally
                // wrong (not a feed, not XML); the strict one may only
                // name a detail.
                Err(tolerant) => Err(error(tolerant)),
            }
        }
    }
}

/// feed-rs's entries, each with the URL a reader opens; entries it read
/// without a usable link take the tolerant reader's choice for the same
/// item, when both readers see the same items.
fn strict_entries(
    feed: feed_rs::model::Feed,
    text: &str,
    base: &url::Url,
    feed_url: &str,
) -> Reading<Vec<DiscoveredEntry>> {
    let mut fallback: Option<Vec<RawItem>> = None;
    let count = feed.entries.len();
    let mut repairs = Vec::new();
    let mut seen = HashSet::new();
    let mut entries = Vec::with_capacity(count.min(MAX_FEED_ENTRIES));
    let mut skipped = 0;
    for (index, entry) in feed.entries.into_iter().enumerate() {
        if index >= MAX_FEED_ENTRIES {
            repairs.push(Repair::TooManyEntries {
                limit: MAX_FEED_ENTRIES,
            });
            break;
        }
        let url = entry_link(&entry, base).or_else(|| {
            let raw = fallback.get_or_insert_with(|| {
                tolerant::read(text, base)
                    .map(|r| r.items)
                    .ok()
                    .filter(|items| items.len() == count)
                    .unwrap_or_default()
            });
            match raw.get(index) {
                Some(item) => item.article_url(),
                None => entry_id_url(&entry, base),
            }
        });
        let Some(url) = url else {
            tracing::debug!(feed = feed_url, id = %entry.id, "feed item without a link skipped");
            skipped += 1;
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
    Reading {
        found: entries,
        repairs,
        skipped,
    }
}

/// The tolerant reader over the text as it is, then over the text with
/// bare `&`, HTML entities and control characters repaired.
fn read_tolerant(text: &str, base: &url::Url) -> Result<Reading<Vec<DiscoveredEntry>>, String> {
    let first = tolerant::read(text, base);
    let raw = match first {
        Ok(raw) if !raw.items.is_empty() && !raw.repairs.contains(&Repair::Truncated) => raw,
        first => {
            let (repaired, mut fixes) = repair_xml(text);
            let second = if fixes.is_empty() {
                None
            } else {
                tolerant::read(&repaired, base).ok()
            };
            match (first, second) {
                (Ok(a), Some(b)) if b.items.len() < a.items.len() => a,
                (_, Some(mut b)) => {
                    fixes.append(&mut b.repairs);
                    b.repairs = fixes;
                    b
                }
                (first, None) => first?,
            }
        }
    };
    let mut seen = HashSet::new();
    let mut entries = Vec::with_capacity(raw.items.len());
    let mut skipped = 0;
    for item in raw.items {
        match item.into_entry() {
            Some(e) if seen.insert(e.url.clone()) => entries.push(e),
            Some(_) => {}
            None => skipped += 1,
        }
    }
    Ok(Reading {
        found: entries,
        repairs: raw.repairs,
        skipped,
    })
}

/// feed-rs first; the lenient reader when it fails or finds nothing.
fn read_json(
    text: &str,
    feed_url: &str,
    base: &url::Url,
) -> Result<Reading<Vec<DiscoveredEntry>>, String> {
    match parse(text, feed_url) {
        Ok(feed) if !feed.entries.is_empty() => Ok(strict_entries(feed, "", base, feed_url)),
        _ => json_feed::read(text, base),
    }
}

/// The deepest element nesting in `text`, counted without recursion.
fn nesting_depth(text: &str) -> usize {
    let mut reader = quick_xml::Reader::from_str(text);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    let (mut depth, mut deepest) = (0usize, 0usize);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            Ok(quick_xml::events::Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(quick_xml::events::Event::Eof) | Err(_) => return deepest,
            Ok(_) => {}
        }
    }
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

/// The item's article link: an alternate link to a page, else any
/// non-technical link to a page. Attachments (JSON Feed) and enclosures
/// are files, never the article.
fn entry_link(entry: &Entry, base: &url::Url) -> Option<String> {
    let page = |l: &&feed_rs::model::Link| is_page_type(l.media_type.as_deref());
    let alternate = entry
        .links
        .iter()
        .filter(page)
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"));
    let other = entry.links.iter().filter(page).find(|l| {
        l.rel
            .as_deref()
            .is_none_or(|r| !TECHNICAL_RELS.contains(&r))
    });
    alternate
        .or(other)
        .and_then(|l| absolute_http_url(base, &l.href))
}

/// The entry's id when it is an absolute http(s) URL: the last resort when
/// the tolerant reader cannot say whether a GUID is a permalink.
fn entry_id_url(entry: &Entry, base: &url::Url) -> Option<String> {
    let id = entry.id.trim();
    (id.starts_with("http://") || id.starts_with("https://"))
        .then(|| absolute_http_url(base, id))
        .flatten()
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
