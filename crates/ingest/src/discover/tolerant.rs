//! The tolerant feed reader: RSS, RDF and Atom read the way feed readers
//! read them, by element names alone.
//!
//! Why this exists: feed-rs is strict about namespaces and versions, so a
//! feed that feedparser, Miniflux or NetNewsWire read without complaint can
//! come back from it empty and without an error: `<rss
//! xmlns="http://backend.userland.com/rss2">` (a default namespace RSS does
//! not have), RSS 0.90 (RDF with the Netscape namespace), Atom 0.3 (the
//! `purl.org/atom/ns#` namespace). It refuses `<rss>` without `version`,
//! and ill-formed XML (a bare `&`, a control character, a document cut
//! short) loses every item. It also drops what readers use to find an
//! item's page when there is no `<link href>`: an Atom `<link>` with the
//! URL as its text, a relative `<guid isPermaLink="true">`, an `<id>` to
//! resolve against `xml:base`.
//!
//! This reader runs only when feed-rs fails or finds nothing (and, for
//! items feed-rs read without a usable link, to find one). It walks
//! quick-xml events without recursion, keeps its own element stack (end
//! tags that do not match are tolerated, as readers do), ignores what lies
//! deeper than [`MAX_XML_DEPTH`], reads at most [`MAX_FEED_ENTRIES`] items,
//! and says what it had to forgive as [`Repair`]s.

use chrono::{DateTime, Utc};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::diagnosis::{Repair, MAX_FEED_ENTRIES, MAX_XML_DEPTH};
use super::{absolute_http_url, DiscoveredEntry};
use crate::discover::text::plain_text;
use article::dates::parse_w3c_utc;

/// A feed item as written, before an article URL is chosen.
#[derive(Debug, Default, Clone)]
pub(crate) struct RawItem {
    links: Vec<RawLink>,
    guid: Option<(String, bool, url::Url)>,
    id: Option<(String, url::Url)>,
    title: String,
    summary: String,
    published: String,
    updated: String,
    categories: Vec<String>,
}

#[derive(Debug, Clone)]
struct RawLink {
    url: String,
    rel: Option<String>,
    media_type: Option<String>,
    base: url::Url,
}

/// What the tolerant reader found.
#[derive(Debug)]
pub(crate) struct RawFeed {
    pub(crate) items: Vec<RawItem>,
    pub(crate) repairs: Vec<Repair>,
}

/// Link relations that never point at the item's article page.
pub(crate) const TECHNICAL_RELS: [&str; 10] = [
    "self",
    "edit",
    "edit-media",
    "replies",
    "enclosure",
    "related",
    "via",
    "license",
    "payment",
    "hub",
];

/// Media types a reader opens as the item's page.
pub(crate) fn is_page_type(media_type: Option<&str>) -> bool {
    media_type.is_none_or(|t| {
        let t = t.trim().to_ascii_lowercase();
        t.is_empty() || t.starts_with("text/html") || t.starts_with("application/xhtml")
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Link,
    Guid,
    Id,
    Title,
    Summary,
    Published,
    Updated,
    Category,
}

fn field_of(local: &str) -> Option<Field> {
    Some(match local.to_ascii_lowercase().as_str() {
        "link" => Field::Link,
        "guid" => Field::Guid,
        "id" => Field::Id,
        "title" => Field::Title,
        "description" | "summary" => Field::Summary,
        "pubdate" | "published" | "issued" | "date" | "created" => Field::Published,
        "updated" | "modified" | "lastbuilddate" => Field::Updated,
        "category" | "subject" => Field::Category,
        _ => return None,
    })
}

/// An open field of the current item.
struct Open {
    field: Field,
    depth: usize,
    text: String,
    attrs: Vec<(String, String)>,
    base: url::Url,
}

/// Reads `text` as a feed; `Err` says why nothing could be read.
pub(crate) fn read(text: &str, feed_url: &url::Url) -> Result<RawFeed, String> {
    let mut reader = Reader::from_str(text.trim_start_matches('\u{feff}'));
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.check_comments = false;

    let mut repairs = Vec::new();
    let mut stack: Vec<(String, url::Url)> = Vec::new();
    let mut excess = 0usize;
    let mut root_seen = false;
    let mut items: Vec<RawItem> = Vec::new();
    let mut item: Option<(usize, RawItem)> = None;
    let mut open: Option<Open> = None;
    let mut too_deep = false;

    loop {
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                if items.is_empty() && item.is_none() {
                    return Err(format!("malformed XML: {e}"));
                }
                repairs.push(Repair::Truncated);
                break;
            }
        };
        match event {
            Event::Start(ref start) | Event::Empty(ref start) => {
                let empty = matches!(event, Event::Empty(_));
                let local = local_name(start);
                if stack.len() >= MAX_XML_DEPTH {
                    too_deep = true;
                    if !empty {
                        excess += 1;
                    }
                    continue;
                }
                let parent = stack.last().map_or(feed_url, |(_, b)| b).clone();
                let base = xml_base(start)
                    .and_then(|b| parent.join(&b).ok())
                    .unwrap_or(parent);
                if !root_seen {
                    root_seen = true;
                    check_root(&local, start, &mut repairs)?;
                }
                let depth = stack.len() + 1;
                let lower = local.to_ascii_lowercase();
                if item.is_none() && (lower == "item" || lower == "entry") {
                    if items.len() >= MAX_FEED_ENTRIES {
                        repairs.push(Repair::TooManyEntries {
                            limit: MAX_FEED_ENTRIES,
                        });
                        break;
                    }
                    let mut new = RawItem::default();
                    // CDF writes the item's page as its own HREF attribute.
                    if let Some(href) = attr(&attributes(start), "href") {
                        new.links.push(RawLink {
                            url: href.trim().to_owned(),
                            rel: None,
                            media_type: None,
                            base: base.clone(),
                        });
                    }
                    if empty {
                        items.push(new);
                    } else {
                        item = Some((depth, new));
                    }
                } else if let Some((item_depth, _)) = &item {
                    if open.is_none() && depth == item_depth + 1 {
                        if let Some(field) = field_of(&local) {
                            open = Some(Open {
                                field,
                                depth,
                                text: String::new(),
                                attrs: attributes(start),
                                base: base.clone(),
                            });
                            if empty {
                                if let (Some(o), Some((_, it))) = (open.take(), item.as_mut()) {
                                    commit(it, o);
                                }
                            }
                        }
                    }
                }
                if !empty {
                    stack.push((local, base));
                }
            }
            Event::End(end) => {
                if excess > 0 {
                    excess -= 1;
                    continue;
                }
                let name = end.local_name().as_ref().to_owned();
                let Some(at) = stack.iter().rposition(|(n, _)| *n == name) else {
                    continue;
                };
                let depth = at + 1;
                stack.truncate(at);
                if open.as_ref().is_some_and(|o| o.depth >= depth) {
                    if let (Some(o), Some((_, it))) = (open.take(), item.as_mut()) {
                        commit(it, o);
                    }
                }
                if item.as_ref().is_some_and(|(d, _)| *d >= depth) {
                    if let Some((_, done)) = item.take() {
                        items.push(done);
                    }
                }
            }
            Event::Text(t) => push_text(&mut open, &t.xml10_content()),
            Event::CData(t) => push_text(&mut open, &t.xml10_content()),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => {
                        let name = r.xml10_content();
                        quick_xml::escape::resolve_xml_entity(&name)
                            .or_else(|| quick_xml::escape::resolve_html5_entity(&name))
                            .map(str::to_owned)
                    }
                };
                if let Some(s) = resolved {
                    push_text(&mut open, &s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !root_seen {
        return Err("the document is empty".to_owned());
    }
    // A field cut short (still open) is not trusted; the complete ones are.
    if let Some((_, partial)) = item.take() {
        if !repairs.contains(&Repair::Truncated) {
            repairs.push(Repair::Truncated);
        }
        items.push(partial);
    }
    if too_deep {
        repairs.push(Repair::TooDeep {
            limit: MAX_XML_DEPTH,
        });
    }
    Ok(RawFeed { items, repairs })
}

fn local_name(start: &BytesStart<'_>) -> String {
    start.local_name().as_ref().to_owned()
}

fn attributes(start: &BytesStart<'_>) -> Vec<(String, String)> {
    start
        .attributes()
        .with_checks(false)
        .flatten()
        .map(|a| {
            let key = a.key.local_name().as_ref().to_ascii_lowercase();
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.clone().into_owned());
            (key, value)
        })
        .collect()
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn xml_base(start: &BytesStart<'_>) -> Option<String> {
    start
        .attributes()
        .with_checks(false)
        .flatten()
        // CDF writes `BASE`, everything else `xml:base`.
        .find(|a| a.key.as_ref() == "xml:base" || a.key.as_ref().eq_ignore_ascii_case("base"))
        .map(|a| a.value.trim().to_owned())
}

/// Notes what the root says about the feed's dialect; refuses a document
/// that is not a feed at all.
fn check_root(
    local: &str,
    start: &BytesStart<'_>,
    repairs: &mut Vec<Repair>,
) -> Result<(), String> {
    let raw: Vec<(String, String)> = start
        .attributes()
        .with_checks(false)
        .flatten()
        .map(|a| (a.key.as_ref().to_owned(), a.value.clone().into_owned()))
        .collect();
    let default_ns = raw
        .iter()
        .find(|(k, _)| k == "xmlns")
        .map(|(_, v)| v.trim());
    match local.to_ascii_lowercase().as_str() {
        "rss" => {
            if let Some(ns) = default_ns.filter(|ns| !ns.is_empty()) {
                repairs.push(Repair::DefaultNamespace {
                    namespace: ns.to_owned(),
                });
            }
            if !raw.iter().any(|(k, _)| k == "version") {
                repairs.push(Repair::MissingVersion);
            }
        }
        "rdf" => {
            if raw
                .iter()
                .any(|(_, v)| v.contains("my.netscape.com/rdf/simple/0.9"))
            {
                repairs.push(Repair::LegacyFormat {
                    format: "RSS 0.90".to_owned(),
                });
            }
        }
        "feed" => {
            let atom03 = default_ns.is_some_and(|ns| ns.contains("purl.org/atom/ns"))
                || raw.iter().any(|(k, v)| k == "version" && v.trim() == "0.3");
            if atom03 {
                repairs.push(Repair::LegacyFormat {
                    format: "Atom 0.3".to_owned(),
                });
            }
        }
        "channel" => {}
        other => {
            return Err(format!(
                "the root element is <{other}>, not <rss>, <feed> or <rdf:RDF>"
            ))
        }
    }
    Ok(())
}

fn push_text(open: &mut Option<Open>, text: &str) {
    if let Some(open) = open.as_mut() {
        open.text.push_str(text);
    }
}

fn commit(item: &mut RawItem, open: Open) {
    let text = open.text.trim().to_owned();
    match open.field {
        Field::Link => {
            let href = attr(&open.attrs, "href")
                .map(str::trim)
                .filter(|h| !h.is_empty());
            // An Atom `<link>` may carry its URL as text, like RSS.
            let url = href.map_or(text, str::to_owned);
            if !url.is_empty() {
                item.links.push(RawLink {
                    url,
                    rel: attr(&open.attrs, "rel").map(|r| r.trim().to_ascii_lowercase()),
                    media_type: attr(&open.attrs, "type").map(str::to_owned),
                    base: open.base,
                });
            }
        }
        Field::Guid => {
            let permalink = attr(&open.attrs, "ispermalink")
                .is_none_or(|v| !v.trim().eq_ignore_ascii_case("false"));
            if !text.is_empty() && item.guid.is_none() {
                item.guid = Some((text, permalink, open.base));
            }
        }
        Field::Id if !text.is_empty() && item.id.is_none() => item.id = Some((text, open.base)),
        Field::Title if item.title.is_empty() => item.title = text,
        Field::Summary if item.summary.is_empty() => item.summary = text,
        Field::Published if item.published.is_empty() => item.published = text,
        Field::Updated if item.updated.is_empty() => item.updated = text,
        Field::Category => {
            let name = attr(&open.attrs, "term").map(str::trim).unwrap_or(&text);
            if !name.is_empty() && !item.categories.iter().any(|c| c == name) {
                item.categories.push(name.to_owned());
            }
        }
        _ => {}
    }
}

impl RawItem {
    /// The article URL a feed reader opens for this item: the first
    /// alternate link to a page, else any link that is not technical, else
    /// a permalink GUID, else an `<id>` that is a URL or a path, each
    /// resolved against its `xml:base` (or the feed URL).
    pub(crate) fn article_url(&self) -> Option<String> {
        let page = self.links.iter().find(|l| {
            l.rel.as_deref().is_none_or(|r| r == "alternate")
                && is_page_type(l.media_type.as_deref())
        });
        let other = self.links.iter().find(|l| {
            l.rel
                .as_deref()
                .is_none_or(|r| !TECHNICAL_RELS.contains(&r))
                && is_page_type(l.media_type.as_deref())
        });
        page.or(other)
            .and_then(|l| absolute_http_url(&l.base, &l.url))
            .or_else(|| {
                self.guid
                    .as_ref()
                    .filter(|(_, permalink, _)| *permalink)
                    .and_then(|(g, _, base)| reference_url(base, g))
            })
            .or_else(|| {
                self.id
                    .as_ref()
                    .and_then(|(id, base)| reference_url(base, id))
            })
    }

    /// The entry this item describes, or `None` without a usable URL.
    pub(crate) fn into_entry(self) -> Option<DiscoveredEntry> {
        let url = self.article_url()?;
        let published: Option<DateTime<Utc>> = parse_w3c_utc(&self.published);
        Some(DiscoveredEntry {
            url,
            title: plain_text(&self.title),
            published,
            updated: parse_w3c_utc(&self.updated).or(published),
            categories: self.categories,
            summary: plain_text(&self.summary),
        })
    }
}

/// A GUID or id taken as the item's page: an absolute http(s) URL, or a
/// path (it has a `/`) resolved against the base. Opaque ids (`12345`,
/// `tag:…`, `urn:uuid:…`) are not pages.
fn reference_url(base: &url::Url, reference: &str) -> Option<String> {
    let reference = reference.trim();
    let lower = reference.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return absolute_http_url(base, reference);
    }
    let path_like = reference.contains('/') && !reference.contains(char::is_whitespace);
    let has_scheme = reference
        .split_once(':')
        .is_some_and(|(scheme, _)| !scheme.contains('/') && !scheme.is_empty());
    (path_like && !has_scheme)
        .then(|| absolute_http_url(base, reference))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> url::Url {
        url::Url::parse("https://pub.example/feed.xml").unwrap()
    }

    fn urls(text: &str) -> Vec<String> {
        read(text, &base())
            .unwrap()
            .items
            .into_iter()
            .filter_map(RawItem::into_entry)
            .map(|e| e.url)
            .collect()
    }

    #[test]
    fn atom_link_text_and_relative_ids_resolve() {
        let doc = r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://pub.example/news/">
          <entry><link>https://pub.example/a</link></entry>
          <entry><id>b/2</id></entry>
          <entry><id>tag:pub.example,2024:3</id></entry>
          <entry xml:base="/sport/"><guid isPermaLink="true">c/4</guid></entry>
          <entry><guid isPermaLink="false">/d/5</guid></entry>
        </feed>"#;
        assert_eq!(
            urls(doc),
            [
                "https://pub.example/a",
                "https://pub.example/news/b/2",
                "https://pub.example/sport/c/4"
            ]
        );
    }

    #[test]
    fn readers_pick_the_html_alternate() {
        let doc = r#"<feed><entry>
          <link rel="self" href="/self"/>
          <link rel="alternate" type="application/pdf" href="/a.pdf"/>
          <link rel="alternate" type="text/html" href="/a.html"/>
        </entry></feed>"#;
        assert_eq!(urls(doc), ["https://pub.example/a.html"]);
    }

    #[test]
    fn mismatched_end_tags_are_tolerated() {
        let doc = "<rss><channel><item><title>x</b></title><link>/1</link></item><item><link>/2</link></channel>";
        assert_eq!(
            urls(doc),
            ["https://pub.example/1", "https://pub.example/2"]
        );
    }

    #[test]
    fn not_a_feed_is_refused() {
        let err = read("<html><body/></html>", &base()).unwrap_err();
        assert!(err.contains("<html>"), "{err}");
    }
}
