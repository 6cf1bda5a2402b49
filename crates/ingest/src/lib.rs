//! Ingest: finds partner publishers' new articles.
//!
//! - [`Fetcher`] gets a URL politely and safely: robots.txt, per-host
//!   limits, retries, conditional GET, and an SSRF guard that keeps
//!   publisher URLs out of the operator's network.
//! - Discovery turns fetched bytes into candidate article URLs:
//!   [`parse_feed`], [`parse_sitemap`], [`parse_listing`], and
//!   [`autodiscover`] proposes sources from a homepage; [`xml_to_utf8`]
//!   and [`html_to_utf8`] decode legacy charsets (Vietnamese ones included).
//! - [`SourceSettings`] is how an operator describes one source;
//!   [`poll_source`] fetches and reads it in one step, and
//!   [`AdaptivePoller`] decides when to look again.
//! - Deduplication: [`canonical_url`], [`content_hash`] and [`SimHash`]
//!   recognise the same story under another URL or from another publisher.
//!
//! Nothing here touches the database: the binary stores what this returns.

mod dedupe;
mod discover;
mod fetch;
mod poll;
mod source;

pub use dedupe::{
    canonical_url, canonical_url_with, content_hash, declared_canonical, normalize_text,
    CanonicalUrlError, ContentHash, SimHash, TrailingSlash, NEAR_DUPLICATE_DISTANCE,
};
pub use discover::{
    autodiscover, feed_links, html_to_utf8, parse_feed, parse_listing, parse_sitemap, read_feed,
    read_sitemap, robots_sitemaps, xml_to_utf8, ChildSitemap, DiscoverError, DiscoveredEntry,
    FoundVia, ProposedSource, Reading, Repair, Sitemap, MAX_FEED_ENTRIES, MAX_SITEMAP_ENTRIES,
    MAX_XML_DEPTH,
};
pub use fetch::{
    classify, AddressRule, AllowEntry, AllowEntryError, AllowList, FetchError, FetchStatus,
    Fetched, Fetcher, FetcherConfig, RobotsRule, RobotsTxt, Validators, BOT_NAME,
};
pub use poll::{
    poll_source, HealthKind, HealthNote, Poll, PollError, PollProblem, MAX_CHILD_SITEMAPS,
};
pub use source::{
    AdaptivePoller, ExtractionOverrides, Polling, SourceKind, SourceSettings, SourceSettingsError,
    UrlFilter,
};
pub use url::Url;
