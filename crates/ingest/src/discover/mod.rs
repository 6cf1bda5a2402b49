//! Discovery: from a fetched feed, sitemap or section page to the article
//! URLs it lists. Pure functions over bytes; fetching is the caller's job
//! (except [`autodiscover`], which probes a site with a [`crate::Fetcher`]).

mod autodiscover;
mod charset;
mod diagnosis;
mod feed;
mod json_feed;
mod listing;
mod repair;
mod sitemap;
mod sitemap_text;
mod text;
mod tolerant;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use autodiscover::{autodiscover, feed_links, robots_sitemaps, FoundVia, ProposedSource};
pub use charset::{html_to_utf8, xml_to_utf8};
pub use diagnosis::{Reading, Repair, MAX_FEED_ENTRIES, MAX_SITEMAP_ENTRIES, MAX_XML_DEPTH};
pub use feed::{parse_feed, read_feed};
pub use listing::parse_listing;
pub use sitemap::{parse_sitemap, read_sitemap, ChildSitemap, Sitemap};

/// An article URL found in a feed, sitemap or section page, with what the
/// source said about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiscoveredEntry {
    /// Absolute http(s) URL of the article, as the source gives it.
    pub url: String,
    /// Title, as plain text.
    pub title: Option<String>,
    /// First publication time.
    pub published: Option<DateTime<Utc>>,
    /// Last modification time (a sitemap's lastmod).
    pub updated: Option<DateTime<Utc>>,
    /// The publisher's categories or keywords.
    pub categories: Vec<String>,
    /// Summary or description, as plain text.
    pub summary: Option<String>,
}

impl DiscoveredEntry {
    /// An entry that knows only its URL.
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            title: None,
            published: None,
            updated: None,
            categories: Vec::new(),
            summary: None,
        }
    }
}

/// Bytes that could not be read as the expected kind of document.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum DiscoverError {
    /// Not a readable RSS, Atom or JSON Feed.
    #[error("cannot read the feed from {url}: {reason}; check that the source URL serves RSS, Atom or JSON Feed")]
    Feed {
        /// Where the bytes came from.
        url: String,
        /// What the parser said.
        reason: String,
    },
    /// Not a readable XML sitemap.
    #[error("cannot read the sitemap from {url}: {reason}; check that the source URL serves an XML sitemap")]
    Sitemap {
        /// Where the bytes came from.
        url: String,
        /// What the parser said.
        reason: String,
    },
    /// The page URL given to resolve relative links is not absolute.
    #[error(
        "{url:?} is not an absolute URL ({reason}); pass the URL the document was fetched from"
    )]
    BaseUrl {
        /// The URL as given.
        url: String,
        /// Why it was rejected.
        reason: String,
    },
}

fn base_url(url: &str) -> Result<url::Url, DiscoverError> {
    url::Url::parse(url).map_err(|e| DiscoverError::BaseUrl {
        url: url.to_owned(),
        reason: e.to_string(),
    })
}

/// Resolves `href` against `base`; only http(s) URLs, fragment dropped.
fn absolute_http_url(base: &url::Url, href: &str) -> Option<String> {
    let mut url = base.join(href.trim()).ok()?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return None;
    }
    url.host_str()?;
    url.set_fragment(None);
    Some(url.into())
}
