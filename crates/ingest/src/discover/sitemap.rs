//! XML sitemaps, sitemap indexes and Google News sitemaps (gzip or not);
//! plain-text sitemaps (`sitemap_text`) and feeds given as sitemaps are
//! handed to their readers.

use std::io::Read;

use chrono::{DateTime, Utc};
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;
use serde::{Deserialize, Serialize};

use super::charset::xml_to_utf8;
use super::diagnosis::{Reading, Repair, MAX_SITEMAP_ENTRIES};
use super::feed::read_feed;
use super::sitemap_text;
use super::text::plain_text;
use super::{absolute_http_url, base_url, DiscoverError, DiscoveredEntry};
use article::dates::parse_w3c_utc;

/// Largest sitemap read after decompression (the protocol allows 50 MB).
const MAX_SITEMAP_BYTES: u64 = 64 * 1024 * 1024;

const NEWS_NS: &str = "http://www.google.com/schemas/sitemap-news/0.9";
/// The sitemap namespace, any version, http or https.
fn is_sitemap_ns(ns: &str) -> bool {
    ns.contains("sitemaps.org/schemas/sitemap/")
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Space {
    Sitemap,
    News,
    Other,
}

/// A sitemap in a sitemap index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildSitemap {
    /// Absolute URL of the child sitemap.
    pub url: String,
    /// When it last changed, per the index.
    pub lastmod: Option<DateTime<Utc>>,
}

/// What a sitemap document lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sitemap {
    /// A `<urlset>`: article URLs (lastmod as `updated`; news tags as
    /// title, publication date and keywords).
    Urls(Vec<DiscoveredEntry>),
    /// A `<sitemapindex>`: further sitemaps to fetch.
    Index(Vec<ChildSitemap>),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Loc,
    Lastmod,
    NewsTitle,
    NewsDate,
    NewsKeywords,
}

#[derive(Default)]
struct Item {
    loc: String,
    lastmod: String,
    title: String,
    date: String,
    keywords: String,
}

/// Reads a sitemap, a sitemap index or a news sitemap; gzip-compressed
/// bodies (`.xml.gz`) are recognised by their magic bytes.
///
/// `sitemap_url` is where it was fetched from (relative `<loc>`s resolve
/// against it). A truncated document yields the items read before the
/// break, provided there is at least one; URLs repeated are kept once.
/// [`read_sitemap`] also says what had to be repaired.
pub fn parse_sitemap(body: &[u8], sitemap_url: &str) -> Result<Sitemap, DiscoverError> {
    read_sitemap(body, sitemap_url).map(|r| r.found)
}

/// Reads a sitemap like [`parse_sitemap`], and says what was wrong with it.
///
/// Also read: a plain-text sitemap (one URL per line, gzipped or with a
/// byte-order mark too), and an RSS or Atom feed served where a sitemap was
/// expected (as [`Sitemap::Urls`], with [`Repair::FeedAsSitemap`]). A
/// `<url>` or `<sitemap>` without a `<loc>` is skipped and reported, never
/// read as the sitemap's own URL; an index entry naming the index itself is
/// skipped. At most [`MAX_SITEMAP_ENTRIES`] entries are read.
pub fn read_sitemap(body: &[u8], sitemap_url: &str) -> Result<Reading<Sitemap>, DiscoverError> {
    // Remote bytes must not bring the worker down, whatever the XML reader does.
    std::panic::catch_unwind(|| read_any(body, sitemap_url)).unwrap_or_else(|_| {
        Err(DiscoverError::Sitemap {
            url: sitemap_url.to_owned(),
            reason: "the XML reader failed on malformed input".to_owned(),
        })
    })
}

fn read_any(body: &[u8], sitemap_url: &str) -> Result<Reading<Sitemap>, DiscoverError> {
    let base = base_url(sitemap_url)?;
    let error = |reason: String| DiscoverError::Sitemap {
        url: sitemap_url.to_owned(),
        reason,
    };
    let xml = decompress(body).map_err(error)?;
    let text = xml_to_utf8(&xml);
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(error("the document is empty".to_owned()));
    }
    if sitemap_text::is_plain_text(&text) {
        return sitemap_text::read(&text, &base)
            .map(|r| Reading {
                found: Sitemap::Urls(r.found),
                repairs: r.repairs,
                skipped: r.skipped,
            })
            .ok_or_else(|| {
                error(
                    "it is neither XML nor a plain-text list of http(s) URLs, one per line"
                        .to_owned(),
                )
            });
    }
    match read_xml(&text, &base, sitemap_url)? {
        XmlSitemap::Read(reading) => Ok(reading),
        XmlSitemap::Feed => {
            let mut feed = read_feed(&xml, sitemap_url).map_err(|e| match e {
                DiscoverError::Feed { reason, .. } => error(format!(
                    "it is a feed, not a sitemap, and the feed is unreadable: {reason}"
                )),
                other => other,
            })?;
            feed.repairs.insert(0, Repair::FeedAsSitemap);
            Ok(Reading {
                found: Sitemap::Urls(feed.found),
                repairs: feed.repairs,
                skipped: feed.skipped,
            })
        }
    }
}

enum XmlSitemap {
    Read(Reading<Sitemap>),
    /// The root is `<rss>`, `<feed>` or `<rdf:RDF>`.
    Feed,
}

fn read_xml(text: &str, base: &url::Url, sitemap_url: &str) -> Result<XmlSitemap, DiscoverError> {
    let error = |reason: String| DiscoverError::Sitemap {
        url: sitemap_url.to_owned(),
        reason,
    };
    let mut repairs = Vec::new();
    let mut reader = NsReader::from_str(text.trim_start_matches('\u{feff}'));

    let mut root: Option<bool> = None; // Some(true) = index
    let mut item: Option<Item> = None;
    let mut field: Option<Field> = None;
    let mut found = Collected::new(sitemap_url);

    loop {
        let event = match reader.read_resolved_event() {
            Ok(event) => event,
            Err(e) if found.is_empty() => return Err(error(format!("malformed XML: {e}"))),
            Err(e) => {
                tracing::warn!(sitemap = sitemap_url, error = %e, "sitemap truncated or malformed; keeping the items read so far");
                repairs.push(Repair::Truncated);
                break;
            }
        };
        match event {
            (ns, Event::Start(start)) => {
                let local = start.local_name();
                let space = match ns {
                    ResolveResult::Bound(n) if n.as_ref() == NEWS_NS => Space::News,
                    ResolveResult::Bound(n) if is_sitemap_ns(n.as_ref()) => Space::Sitemap,
                    ResolveResult::Unbound => Space::Sitemap,
                    _ => Space::Other,
                };
                match (root, local.as_ref()) {
                    (None, "urlset") => root = Some(false),
                    (None, "sitemapindex") => root = Some(true),
                    (None, "rss" | "feed" | "RDF" | "channel") => return Ok(XmlSitemap::Feed),
                    (None, other) => {
                        return Err(error(format!(
                            "the root element is <{}>, not <urlset> or <sitemapindex>",
                            other
                        )))
                    }
                    (Some(false), "url") | (Some(true), "sitemap") => item = Some(Item::default()),
                    (Some(_), name) if item.is_some() => {
                        field = match (space, name) {
                            (Space::Sitemap, "loc") => Some(Field::Loc),
                            (Space::Sitemap, "lastmod") => Some(Field::Lastmod),
                            (Space::News, "title") => Some(Field::NewsTitle),
                            (Space::News, "publication_date") => Some(Field::NewsDate),
                            (Space::News, "keywords") => Some(Field::NewsKeywords),
                            _ => None,
                        };
                    }
                    _ => {}
                }
            }
            (_, Event::Text(t)) => push_text(&mut item, field, &t.xml10_content()),
            (_, Event::CData(t)) => push_text(&mut item, field, &t.xml10_content()),
            (_, Event::GeneralRef(r)) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => {
                        quick_xml::escape::resolve_xml_entity(&r.xml10_content()).map(str::to_owned)
                    }
                };
                if let Some(s) = resolved {
                    push_text(&mut item, field, &s);
                }
            }
            (_, Event::End(end)) => {
                let local = end.local_name();
                match local.as_ref() {
                    "url" | "sitemap" => {
                        if let Some(done) = item.take() {
                            found.finish(done, base, root == Some(true));
                        }
                        if found.listed >= MAX_SITEMAP_ENTRIES {
                            repairs.push(Repair::TooManyEntries {
                                limit: MAX_SITEMAP_ENTRIES,
                            });
                            break;
                        }
                    }
                    _ => field = None,
                }
            }
            (_, Event::Eof) => break,
            _ => {}
        }
    }
    if found.missing_loc > 0 {
        repairs.push(Repair::MissingLoc {
            count: found.missing_loc,
        });
    }
    if found.self_reference > 0 {
        repairs.push(Repair::SelfReference {
            count: found.self_reference,
        });
    }
    let skipped = found.missing_loc + found.unusable;
    let found = match root {
        Some(true) => Sitemap::Index(found.children),
        Some(false) => Sitemap::Urls(found.urls),
        None => return Err(error("the document is empty".to_owned())),
    };
    Ok(XmlSitemap::Read(Reading {
        found,
        repairs,
        skipped,
    }))
}

fn push_text(item: &mut Option<Item>, field: Option<Field>, text: &str) {
    let (Some(item), Some(field)) = (item.as_mut(), field) else {
        return;
    };
    let target = match field {
        Field::Loc => &mut item.loc,
        Field::Lastmod => &mut item.lastmod,
        Field::NewsTitle => &mut item.title,
        Field::NewsDate => &mut item.date,
        Field::NewsKeywords => &mut item.keywords,
    };
    target.push_str(text);
}

/// Where finished items go, deduplicated by URL.
struct Collected {
    /// The sitemap's own URL, which no entry may resolve to.
    own_url: String,
    seen: std::collections::HashSet<String>,
    urls: Vec<DiscoveredEntry>,
    children: Vec<ChildSitemap>,
    /// `<url>`/`<sitemap>` elements read, usable or not.
    listed: usize,
    missing_loc: usize,
    self_reference: usize,
    /// `<loc>`s that are not http(s) URLs.
    unusable: usize,
}

impl Collected {
    fn new(own_url: &str) -> Self {
        Self {
            own_url: own_url.to_owned(),
            seen: Default::default(),
            urls: Vec::new(),
            children: Vec::new(),
            listed: 0,
            missing_loc: 0,
            self_reference: 0,
            unusable: 0,
        }
    }

    fn is_empty(&self) -> bool {
        self.urls.is_empty() && self.children.is_empty()
    }

    fn finish(&mut self, item: Item, base: &url::Url, index: bool) {
        self.listed += 1;
        // An empty reference resolves to the base: the sitemap itself.
        if item.loc.trim().is_empty() {
            self.missing_loc += 1;
            return;
        }
        let Some(url) = absolute_http_url(base, &item.loc) else {
            self.unusable += 1;
            return;
        };
        if index && (url == self.own_url || url == base.as_str()) {
            self.self_reference += 1;
            return;
        }
        if !self.seen.insert(url.clone()) {
            return;
        }
        let lastmod = parse_w3c_utc(&item.lastmod);
        if index {
            self.children.push(ChildSitemap { url, lastmod });
            return;
        }
        let categories = item
            .keywords
            .split(',')
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(str::to_owned)
            .collect();
        self.urls.push(DiscoveredEntry {
            url,
            title: plain_text(&item.title),
            published: parse_w3c_utc(&item.date),
            updated: lastmod,
            categories,
            summary: None,
        });
    }
}

fn decompress(body: &[u8]) -> Result<Vec<u8>, String> {
    if !body.starts_with(&[0x1f, 0x8b]) {
        return Ok(body.to_vec());
    }
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(body)
        .take(MAX_SITEMAP_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("bad gzip data: {e}"))?;
    if out.len() as u64 > MAX_SITEMAP_BYTES {
        return Err(format!(
            "it expands to more than {MAX_SITEMAP_BYTES} bytes, beyond the sitemap protocol's limit"
        ));
    }
    Ok(out)
}
