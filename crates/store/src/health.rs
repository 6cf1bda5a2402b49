//! Source health: whether a source's polls still yield articles.
//!
//! A poll that succeeds but finds nothing, or a feed whose articles all fail
//! further down the pipeline, looks healthy to anyone who only reads the last
//! poll's error. The store owns the rule that turns what each poll saw into a
//! state, so the CLI, the desk and the metrics all read the same verdict:
//!
//! - a poll that fails [`FAILED_POLLS_TO_FLAG`] times in a row makes the source
//!   unhealthy, with the error as the reason;
//! - a poll that succeeds but finds no entries [`EMPTY_POLLS_TO_FLAG`] times in
//!   a row makes it unhealthy, with what the reader noticed in the document;
//! - a source whose last [`ARTICLE_JOBS_TO_JUDGE`] finished article jobs (fetch
//!   and extract) all died is unhealthy, with the last error;
//! - anything else that found entries is healthy; going from unhealthy to
//!   healthy records the time it recovered.
//!
//! An unchanged document (HTTP 304) is no evidence either way and changes nothing.

use std::fmt;

use serde::Serialize;
use sqlx::Row;

use crate::{now_ms, Result, Store};

/// Failed polls in a row that make a source unhealthy.
pub const FAILED_POLLS_TO_FLAG: i64 = 2;
/// Polls in a row without entries that make a source unhealthy.
pub const EMPTY_POLLS_TO_FLAG: i64 = 2;
/// Finished article jobs of a source judged together: all dead is unhealthy.
pub const ARTICLE_JOBS_TO_JUDGE: i64 = 5;

/// Whether a source's polls yield articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceHealth {
    /// Not polled yet.
    Unknown,
    /// Its last poll found entries and its articles get through.
    Healthy,
    /// It failed, stayed empty or lost every article: see the reason.
    Unhealthy,
}

impl SourceHealth {
    /// The state's name as stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceHealth::Unknown => "unknown",
            SourceHealth::Healthy => "healthy",
            SourceHealth::Unhealthy => "unhealthy",
        }
    }

    /// The state a stored name stands for (an unknown name reads as unknown).
    pub(crate) fn from_db(s: &str) -> SourceHealth {
        match s {
            "healthy" => SourceHealth::Healthy,
            "unhealthy" => SourceHealth::Unhealthy,
            _ => SourceHealth::Unknown,
        }
    }
}

impl fmt::Display for SourceHealth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What one poll of a source saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PollObservation {
    /// The document had not changed (304): no evidence either way.
    Unchanged,
    /// The document was read: how many entries it listed, and what the reader
    /// repaired or ignored to read it (None when nothing).
    Read {
        /// Entries found (new or already known).
        entries: usize,
        /// Repairs or problems worth an operator's attention.
        note: Option<String>,
    },
    /// The poll failed with this error.
    Failed(String),
}

/// A change of health that the caller may want to log or count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HealthChange {
    /// The state did not change.
    Same,
    /// The source became unhealthy, for this reason.
    BecameUnhealthy(String),
    /// The source was unhealthy and now yields articles again.
    Recovered,
}

impl Store {
    /// Records what a poll of source `id` saw and returns how its health
    /// changed (the rules are in this module's documentation). A change is
    /// also written to the audit log as `source_unhealthy` / `source_recovered`.
    pub async fn observe_source_health(
        &self,
        id: i64,
        seen: &PollObservation,
    ) -> Result<HealthChange> {
        let row = sqlx::query(
            "SELECT health, health_reason, empty_polls, failed_polls FROM sources WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(HealthChange::Same);
        };
        let before = SourceHealth::from_db(&row.try_get::<String, _>("health")?);
        let old_reason: Option<String> = row.try_get("health_reason")?;
        let mut empty: i64 = row.try_get("empty_polls")?;
        let mut failed: i64 = row.try_get("failed_polls")?;
        let (mut entries, mut note) = (None, None);
        let verdict: Option<std::result::Result<(), String>> = match seen {
            PollObservation::Unchanged => None,
            PollObservation::Failed(error) => {
                failed += 1;
                (failed >= FAILED_POLLS_TO_FLAG).then(|| {
                    Err(format!(
                        "its last {failed} polls failed; the last error: {error}"
                    ))
                })
            }
            PollObservation::Read {
                entries: n,
                note: read_note,
            } => {
                failed = 0;
                entries = Some(i64::try_from(*n).unwrap_or(i64::MAX));
                note = read_note.clone();
                if *n == 0 {
                    empty += 1;
                    (empty >= EMPTY_POLLS_TO_FLAG).then(|| {
                        Err(match read_note {
                            Some(why) => format!("its last {empty} polls found no entries: {why}"),
                            None => format!(
                                "its last {empty} polls found no entries; check that the URL still lists articles"
                            ),
                        })
                    })
                } else {
                    empty = 0;
                    Some(match self.article_jobs_all_dead(id).await? {
                        Some(last_error) => Err(format!(
                            "its last {ARTICLE_JOBS_TO_JUDGE} articles all failed; the last error: {last_error}"
                        )),
                        None => Ok(()),
                    })
                }
            }
        };
        let now = now_ms();
        let (after, reason) = match &verdict {
            None => (before, old_reason.clone()),
            Some(Ok(())) => (SourceHealth::Healthy, None),
            Some(Err(why)) => (SourceHealth::Unhealthy, Some(why.clone())),
        };
        let change = match (before, after) {
            (SourceHealth::Unhealthy, SourceHealth::Healthy) => HealthChange::Recovered,
            (b, SourceHealth::Unhealthy) if b != SourceHealth::Unhealthy => {
                HealthChange::BecameUnhealthy(reason.clone().unwrap_or_default())
            }
            _ => HealthChange::Same,
        };
        let changed = before != after;
        let read = matches!(seen, PollObservation::Read { .. });
        sqlx::query(
            "UPDATE sources SET health = $1, health_reason = $2, \
             health_since = CASE WHEN $3 = 1 THEN $4 ELSE health_since END, \
             recovered_at = CASE WHEN $5 = 1 THEN $4 WHEN $6 = 1 THEN NULL ELSE recovered_at END, \
             empty_polls = $7, failed_polls = $8, \
             last_entries = CASE WHEN $9 = 1 THEN $10 ELSE last_entries END, \
             last_note = CASE WHEN $9 = 1 THEN $11 ELSE last_note END \
             WHERE id = $12",
        )
        .bind(after.as_str())
        .bind(&reason)
        .bind(i64::from(changed))
        .bind(now)
        .bind(i64::from(change == HealthChange::Recovered))
        .bind(i64::from(after == SourceHealth::Unhealthy))
        .bind(empty)
        .bind(failed)
        .bind(i64::from(read))
        .bind(entries)
        .bind(&note)
        .bind(id)
        .execute(&self.pool)
        .await?;
        let target = format!("source {id}");
        match &change {
            HealthChange::BecameUnhealthy(why) => {
                self.audit("worker", "source_unhealthy", &target, Some(why))
                    .await?
            }
            HealthChange::Recovered => {
                self.audit("worker", "source_recovered", &target, None)
                    .await?
            }
            HealthChange::Same => {}
        }
        Ok(change)
    }

    /// The last error when the source's last [`ARTICLE_JOBS_TO_JUDGE`] finished
    /// fetch and extract jobs all died; None when fewer finished or one got through.
    async fn article_jobs_all_dead(&self, id: i64) -> Result<Option<String>> {
        let rows = sqlx::query(
            "SELECT state, last_error FROM jobs WHERE source_id = $1 \
             AND kind IN ('fetch', 'extract') AND state IN ('done', 'dead') \
             ORDER BY updated_at DESC, id DESC LIMIT $2",
        )
        .bind(id)
        .bind(ARTICLE_JOBS_TO_JUDGE)
        .fetch_all(&self.pool)
        .await?;
        if i64::try_from(rows.len()).unwrap_or(0) < ARTICLE_JOBS_TO_JUDGE {
            return Ok(None);
        }
        let mut last_error = None;
        for row in &rows {
            if row.try_get::<String, _>("state")? != "dead" {
                return Ok(None);
            }
            if last_error.is_none() {
                last_error = row.try_get::<Option<String>, _>("last_error")?;
            }
        }
        Ok(Some(
            last_error.unwrap_or_else(|| "no reason recorded".to_owned()),
        ))
    }

    /// How many enabled sources are in each health state (for `/metrics`).
    pub async fn source_health_counts(&self) -> Result<Vec<(SourceHealth, i64)>> {
        let rows = sqlx::query(
            "SELECT health, COUNT(*) AS n FROM sources WHERE enabled = 1 GROUP BY health",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut counts = Vec::new();
        for row in &rows {
            counts.push((
                SourceHealth::from_db(&row.try_get::<String, _>("health")?),
                row.try_get::<i64, _>("n")?,
            ));
        }
        Ok(counts)
    }
}
