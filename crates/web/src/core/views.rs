//! "Most read": article page views counted in memory and added to the
//! database in batches, and the per-language ranking read back for lists.
//!
//! Privacy: a view is an article, a language and an hour — no address, no
//! cookie, no user agent is kept; requests from declared crawlers and
//! prefetches are not counted. Counts waiting for the next batch (at most
//! [`Portal::with_view_flush`](crate::Portal::with_view_flush), 30 s by
//! default) are lost if the process is killed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::http::{header, HeaderMap};
use store::{Store, Teaser, HOUR_MS};

/// Hours of views the ranking looks at.
pub(crate) const TRENDING_HOURS: i64 = 24;
/// Hours of views kept in the database.
const KEPT_HOURS: i64 = 7 * 24;

/// Views per (article, language).
type Counts = HashMap<(i64, String), i64>;
/// A language's ranking and when it was read.
type Ranking = (Instant, Arc<Vec<Teaser>>);

/// Views waiting to be written, per article and language.
pub(crate) struct ViewCounter {
    /// The counts since the last batch, and when that batch left.
    pending: Mutex<(Counts, Instant)>,
    every: Duration,
    ranking: Mutex<HashMap<String, Ranking>>,
}

impl ViewCounter {
    /// A counter writing its batch at most every `every`.
    pub fn new(every: Duration) -> ViewCounter {
        ViewCounter {
            pending: Mutex::new((HashMap::new(), Instant::now())),
            every,
            ranking: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one view of an article page, unless a crawler or a prefetch
    /// asked for it; starts writing the batch when it is due.
    pub fn record(&self, store: &Store, headers: &HeaderMap, article_id: i64, lang: &str) {
        if !is_reader(headers) {
            return;
        }
        let batch = {
            let Ok(mut pending) = self.pending.lock() else {
                return;
            };
            *pending.0.entry((article_id, lang.to_string())).or_insert(0) += 1;
            if pending.1.elapsed() < self.every {
                return;
            }
            pending.1 = Instant::now();
            std::mem::take(&mut pending.0)
        };
        let store = store.clone();
        tokio::spawn(async move { write(&store, batch).await });
    }

    /// The most read published versions in `lang` over the last day, cached
    /// for the batch interval (empty when the database fails: a list is
    /// still worth showing without it).
    pub async fn most_read(&self, store: &Store, lang: &str, limit: i64) -> Arc<Vec<Teaser>> {
        if let Ok(ranking) = self.ranking.lock() {
            if let Some((at, list)) = ranking.get(lang) {
                if at.elapsed() < self.every {
                    return list.clone();
                }
            }
        }
        let since = store::now_ms() / HOUR_MS - TRENDING_HOURS;
        let list: Arc<Vec<Teaser>> = match store.most_read(lang, since, limit).await {
            Ok(rows) => Arc::new(rows.into_iter().map(|(t, _)| t).collect()),
            Err(e) => {
                tracing::warn!(error = %e, "most read unavailable");
                Arc::default()
            }
        };
        if let Ok(mut ranking) = self.ranking.lock() {
            ranking.insert(lang.to_string(), (Instant::now(), list.clone()));
        }
        list
    }
}

async fn write(store: &Store, batch: Counts) {
    let hour = store::now_ms() / HOUR_MS;
    let counts: Vec<(i64, String, i64, i64)> = batch
        .into_iter()
        .map(|((id, lang), n)| (id, lang, hour, n))
        .collect();
    if let Err(e) = store.add_views(&counts).await {
        tracing::warn!(error = %e, views = counts.len(), "read counts not saved");
    }
    if let Err(e) = store.prune_views(hour - KEPT_HOURS).await {
        tracing::warn!(error = %e, "old read counts not pruned");
    }
}

/// Whether a request looks like a person reading: not a declared crawler,
/// not a link prefetch.
fn is_reader(headers: &HeaderMap) -> bool {
    let prefetch = ["purpose", "sec-purpose", "x-moz"].iter().any(|h| {
        headers
            .get(*h)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("prefetch"))
    });
    if prefetch {
        return false;
    }
    let agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    ![
        "bot",
        "spider",
        "crawl",
        "slurp",
        "facebookexternalhit",
        "preview",
        "lighthouse",
    ]
    .iter()
    .any(|w| agent.contains(w))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn crawlers_and_prefetches_are_not_readers() {
        let with = |pairs: &[(&'static str, &'static str)]| {
            let mut h = HeaderMap::new();
            for (k, v) in pairs {
                h.insert(*k, v.parse().unwrap());
            }
            h
        };
        assert!(is_reader(&with(&[(
            "user-agent",
            "Mozilla/5.0 (iPhone) Safari/604.1"
        )])));
        assert!(is_reader(&HeaderMap::new()));
        assert!(!is_reader(&with(&[(
            "user-agent",
            "Googlebot/2.1 (+http://www.google.com/bot.html)"
        )])));
        assert!(!is_reader(&with(&[(
            "user-agent",
            "Mozilla/5.0 Chrome-Lighthouse"
        )])));
        assert!(!is_reader(&with(&[("sec-purpose", "prefetch;prerender")])));
    }
}
