//! One poll of one source: fetch it (conditionally), read it according to
//! its kind, keep the article URLs its filters accept.

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use crate::discover::{
    parse_feed, parse_listing, parse_sitemap, DiscoverError, DiscoveredEntry, Sitemap,
};
use crate::fetch::{FetchError, FetchStatus, Fetcher, Validators};
use crate::source::{SourceKind, SourceSettings, SourceSettingsError};

/// Child sitemaps read per poll of a sitemap index, newest first.
pub const MAX_CHILD_SITEMAPS: usize = 10;

/// What one poll found.
#[derive(Debug, Clone)]
pub struct Poll {
    /// Article URLs that passed the source's filters, each once, in source order.
    pub entries: Vec<DiscoveredEntry>,
    /// Validators of the source URL, to pass to the next poll.
    pub validators: Validators,
    /// The source answered 304: nothing changed, `entries` is empty.
    pub not_modified: bool,
    /// Parts that failed without failing the poll (a child sitemap that
    /// would not load), for `newsbridge sources show`.
    pub problems: Vec<PollProblem>,
    /// When the source URL answered.
    pub fetched_at: DateTime<Utc>,
}

/// A part of a poll that failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PollProblem {
    /// The URL that failed.
    pub url: String,
    /// Why, in the operator's terms.
    pub message: String,
}

/// A poll that produced nothing.
#[derive(Debug, thiserror::Error)]
pub enum PollError {
    /// The source's settings are unusable.
    #[error(transparent)]
    Settings(#[from] SourceSettingsError),
    /// The source URL could not be fetched.
    #[error(transparent)]
    Fetch(#[from] FetchError),
    /// The source URL did not hold what its kind says.
    #[error(transparent)]
    Discover(#[from] DiscoverError),
}

/// Polls `source`: a conditional GET with `previous` validators, then the
/// feed, sitemap or listing is read and filtered.
///
/// For a sitemap index, child sitemaps changed since `since` (or without a
/// lastmod) are read, newest first, at most [`MAX_CHILD_SITEMAPS`].
pub async fn poll_source(
    fetcher: &Fetcher,
    source: &SourceSettings,
    previous: Option<&Validators>,
    since: Option<DateTime<Utc>>,
) -> Result<Poll, PollError> {
    source.validate()?;
    let filter = source.url_filter()?;
    let fetched = fetcher.fetch(&source.url, previous).await?;
    let mut poll = Poll {
        entries: Vec::new(),
        validators: fetched.validators(),
        not_modified: fetched.status == FetchStatus::NotModified,
        problems: Vec::new(),
        fetched_at: fetched.fetched_at,
    };
    if poll.not_modified {
        return Ok(poll);
    }
    let base = fetched.final_url.as_str();
    let found = match source.kind {
        SourceKind::Feed => parse_feed(&fetched.body, base)?,
        SourceKind::Listing => match source.link_regex()? {
            Some(pattern) => parse_listing(&fetched.body, base, &pattern)?,
            None => Vec::new(),
        },
        SourceKind::Sitemap => match parse_sitemap(&fetched.body, base)? {
            Sitemap::Urls(entries) => entries,
            Sitemap::Index(children) => {
                read_children(fetcher, children, since, &mut poll.problems).await
            }
        },
    };
    let mut seen = HashSet::new();
    poll.entries = found
        .into_iter()
        .filter(|e| filter.accepts(&e.url) && seen.insert(e.url.clone()))
        .collect();
    Ok(poll)
}

async fn read_children(
    fetcher: &Fetcher,
    mut children: Vec<crate::discover::ChildSitemap>,
    since: Option<DateTime<Utc>>,
    problems: &mut Vec<PollProblem>,
) -> Vec<DiscoveredEntry> {
    children.retain(|c| match (since, c.lastmod) {
        (Some(since), Some(lastmod)) => lastmod >= since,
        _ => true,
    });
    // Newest first; children without a lastmod after those with one.
    children.sort_by_key(|c| std::cmp::Reverse(c.lastmod));
    let mut entries = Vec::new();
    for child in children.into_iter().take(MAX_CHILD_SITEMAPS) {
        let fetched = match fetcher.fetch(&child.url, None).await {
            Ok(f) => f,
            Err(e) => {
                problems.push(PollProblem {
                    url: child.url,
                    message: e.to_string(),
                });
                continue;
            }
        };
        match parse_sitemap(&fetched.body, fetched.final_url.as_str()) {
            Ok(Sitemap::Urls(found)) => entries.extend(found),
            Ok(Sitemap::Index(_)) => problems.push(PollProblem {
                url: child.url,
                message: "a sitemap index inside a sitemap index is not read (the protocol forbids nesting)".to_owned(),
            }),
            Err(e) => problems.push(PollProblem {
                url: child.url,
                message: e.to_string(),
            }),
        }
    }
    entries
}
