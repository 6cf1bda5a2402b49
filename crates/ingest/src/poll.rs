//! One poll of one source: fetch it (conditionally), read it according to
//! its kind, keep the article URLs its filters accept.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::discover::{
    parse_listing, read_feed, read_sitemap, DiscoverError, DiscoveredEntry, Reading, Repair,
    Sitemap,
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
    /// Entries the documents listed (the source, and for a sitemap index
    /// the children read), before the source's filters; 0 on a 304.
    pub entries_found: usize,
    /// Entries listed without a usable article URL (no link, no `<loc>`, a
    /// link that is not http(s)), plus child sitemaps that could not be read.
    pub entries_failed: usize,
    /// What was wrong with the documents and was worked around.
    pub repairs: Vec<Repair>,
    /// Why this poll deserves the operator's attention, if it does; `None`
    /// on a 304, on a quiet sitemap index and on a clean poll that found entries.
    pub health: Option<HealthNote>,
    /// A sitemap index none of whose children changed since the last poll:
    /// nothing was read and nothing is wrong, like a 304.
    pub quiet_index: bool,
}

/// A diagnosis of one poll, for the source's health in `status` and the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HealthNote {
    /// What kind of problem.
    pub kind: HealthKind,
    /// The reason, in words an operator acts on.
    pub message: String,
}

/// Kinds of [`HealthNote`]; serialised as their [`HealthKind::as_str`] names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HealthKind {
    /// The documents listed no entries at all.
    NoEntries,
    /// Entries were listed but none gave a usable article URL.
    AllEntriesFailed,
    /// Entries were found but the source's filters rejected all of them.
    AllFiltered,
    /// Entries were found, but only by working around a broken document.
    Repaired,
}

impl HealthKind {
    /// Whether the poll brought no articles: a source doing this poll after
    /// poll is unhealthy. [`HealthKind::Repaired`] polls bring articles.
    pub fn is_unhealthy(self) -> bool {
        !matches!(self, Self::Repaired)
    }

    /// A stable name for storage and metric labels: `no_entries`,
    /// `all_entries_failed`, `all_filtered`, `repaired`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NoEntries => "no_entries",
            Self::AllEntriesFailed => "all_entries_failed",
            Self::AllFiltered => "all_filtered",
            Self::Repaired => "repaired",
        }
    }
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
    /// The source URL answered 404 or 410.
    #[error("the source {url} answers HTTP {status}: the feed or sitemap is no longer there; find its new address on the publisher's site and update the source")]
    Gone {
        /// The source URL.
        url: String,
        /// 404 or 410.
        status: u16,
    },
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
    let fetched = match fetcher.fetch(&source.url, previous).await {
        Ok(f) => f,
        Err(FetchError::Status { url, status, .. }) if matches!(status, 404 | 410) => {
            return Err(PollError::Gone { url, status })
        }
        Err(e) => return Err(e.into()),
    };
    let mut poll = Poll {
        entries: Vec::new(),
        validators: fetched.validators(),
        not_modified: fetched.status == FetchStatus::NotModified,
        problems: Vec::new(),
        fetched_at: fetched.fetched_at,
        entries_found: 0,
        entries_failed: 0,
        repairs: Vec::new(),
        health: None,
        quiet_index: false,
    };
    if poll.not_modified {
        return Ok(poll);
    }
    let base = fetched.final_url.as_str();
    let found = match source.kind {
        SourceKind::Feed => poll.take(read_feed(&fetched.body, base)?),
        SourceKind::Listing => match source.link_regex()? {
            Some(pattern) => parse_listing(&fetched.body, base, &pattern)?,
            None => Vec::new(),
        },
        SourceKind::Sitemap => match poll.take(read_sitemap(&fetched.body, base)?) {
            Sitemap::Urls(entries) => entries,
            Sitemap::Index(children) => {
                read_children(fetcher, children, since, base, &mut poll).await
            }
        },
    };
    let listed = found.len();
    poll.entries_found += listed;
    let mut seen = HashSet::new();
    poll.entries = found
        .into_iter()
        .filter(|e| filter.accepts(&e.url) && seen.insert(e.url.clone()))
        .collect();
    if !poll.quiet_index {
        poll.health = diagnose(&poll, listed);
    }
    Ok(poll)
}

impl Poll {
    /// Keeps what a reading found, counting its skipped entries and repairs.
    fn take<T>(&mut self, reading: Reading<T>) -> T {
        self.entries_failed += reading.skipped;
        self.entries_found += reading.skipped;
        for repair in reading.repairs {
            if !self.repairs.contains(&repair) {
                self.repairs.push(repair);
            }
        }
        reading.found
    }
}

/// The poll's health note: why it brought nothing, or what was repaired.
fn diagnose(poll: &Poll, listed: usize) -> Option<HealthNote> {
    let repairs = || {
        poll.repairs
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ")
    };
    let problems = || {
        poll.problems
            .iter()
            .map(|p| format!("{}: {}", p.url, p.message))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let (kind, message) = if poll.entries_found == 0 {
        let mut message =
            "the source lists no entries: check that its URL still serves the publisher's latest articles".to_owned();
        if !poll.problems.is_empty() {
            message = format!(
                "the source lists no entries that could be read ({})",
                problems()
            );
        }
        if !poll.repairs.is_empty() {
            message = format!("{message} ({})", repairs());
        }
        (HealthKind::NoEntries, message)
    } else if listed == 0 {
        let mut message = format!(
            "none of the {} entries the source lists has a usable article URL",
            poll.entries_found
        );
        if !poll.repairs.is_empty() {
            message = format!("{message} ({})", repairs());
        }
        (HealthKind::AllEntriesFailed, message)
    } else if poll.entries.is_empty() {
        (
            HealthKind::AllFiltered,
            format!("all {listed} entries the source lists were rejected by its include/exclude filters or link pattern: check them"),
        )
    } else if !poll.repairs.is_empty() {
        (HealthKind::Repaired, repairs())
    } else {
        return None;
    };
    Some(HealthNote { kind, message })
}

/// Reads the index's children (one level: the protocol forbids nesting
/// indexes, so a child index is reported, not followed, and the index
/// itself is never read again as its own child).
async fn read_children(
    fetcher: &Fetcher,
    mut children: Vec<crate::discover::ChildSitemap>,
    since: Option<DateTime<Utc>>,
    index_url: &str,
    poll: &mut Poll,
) -> Vec<DiscoveredEntry> {
    children.retain(|c| c.url != index_url);
    let listed = children.len();
    children.retain(|c| match (since, c.lastmod) {
        (Some(since), Some(lastmod)) => lastmod >= since,
        _ => true,
    });
    poll.quiet_index = listed > 0 && children.is_empty();
    // Newest first; children without a lastmod after those with one.
    children.sort_by_key(|c| std::cmp::Reverse(c.lastmod));
    let mut entries = Vec::new();
    for child in children.into_iter().take(MAX_CHILD_SITEMAPS) {
        let fetched = match fetcher.fetch(&child.url, None).await {
            Ok(f) => f,
            Err(e) => {
                poll.entries_failed += 1;
                poll.problems.push(PollProblem {
                    message: child_fetch_message(&e, index_url),
                    url: child.url,
                });
                continue;
            }
        };
        if fetched.final_url.as_str() == index_url {
            poll.problems.push(PollProblem {
                url: child.url,
                message: format!("this child sitemap redirects back to the index {index_url}; it was not read again: ask the publisher to fix their sitemap index"),
            });
            continue;
        }
        match read_sitemap(&fetched.body, fetched.final_url.as_str()) {
            Ok(reading) => match poll.take(reading) {
                Sitemap::Urls(found) => entries.extend(found),
                Sitemap::Index(_) => poll.problems.push(PollProblem {
                    url: child.url,
                    message: "this child of a sitemap index is itself an index; it is not followed (the sitemap protocol forbids nesting indexes): add its children to the source's index or as sources of their own".to_owned(),
                }),
            },
            Err(e) => {
                poll.entries_failed += 1;
                poll.problems.push(PollProblem {
                    url: child.url,
                    message: e.to_string(),
                });
            }
        }
    }
    entries
}

/// Why a child sitemap did not load, said for a sitemap (a fetch error's
/// own wording is about articles).
fn child_fetch_message(error: &FetchError, index_url: &str) -> String {
    match error {
        FetchError::Status { status, .. } if error.is_gone() => format!(
            "the sitemap index {index_url} lists this child sitemap, but it answers HTTP {status}: the index is out of date; the other children were read, ask the publisher to fix the index"
        ),
        other => other.to_string(),
    }
}
