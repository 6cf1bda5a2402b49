//! Sources: the partner publishers' feeds, sitemaps and listing pages.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::{now_ms, Result, SourceHealth, Store, StoreError};

/// How a source lists its articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// RSS, Atom or JSON Feed.
    Feed,
    /// XML sitemap, sitemap index or Google News sitemap.
    Sitemap,
    /// A plain section page whose links match a pattern.
    Listing,
}

impl SourceKind {
    /// The kind's name as stored and typed on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Feed => "feed",
            SourceKind::Sitemap => "sitemap",
            SourceKind::Listing => "listing",
        }
    }
}

impl fmt::Display for SourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SourceKind {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "feed" => Ok(SourceKind::Feed),
            "sitemap" => Ok(SourceKind::Sitemap),
            "listing" => Ok(SourceKind::Listing),
            other => Err(StoreError::Conflict(format!(
                "unknown source kind {other:?}: expected feed, sitemap or listing"
            ))),
        }
    }
}

/// A stored source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// Row id.
    pub id: i64,
    /// Display name (the publisher).
    pub name: String,
    /// What the URL points at.
    pub kind: SourceKind,
    /// Feed, sitemap or listing URL.
    pub url: String,
    /// Per-source settings as JSON (section mapping, patterns, overrides, credit).
    pub settings: serde_json::Value,
    /// Whether polling is on.
    pub enabled: bool,
    /// ETag of the last successful poll.
    pub etag: Option<String>,
    /// Last-Modified of the last successful poll.
    pub last_modified: Option<String>,
    /// When it was last polled (ms).
    pub last_polled_at: Option<i64>,
    /// When it is due next (ms).
    pub next_poll_at: i64,
    /// The last poll's error, if it failed.
    pub last_error: Option<String>,
    /// Whether its polls yield articles (see [`SourceHealth`]).
    pub health: SourceHealth,
    /// Why it is unhealthy, in words an operator acts on.
    pub health_reason: Option<String>,
    /// When the health state last changed (ms).
    pub health_since: Option<i64>,
    /// When it last went from unhealthy to healthy (ms); cleared when it fails again.
    pub recovered_at: Option<i64>,
    /// Entries the last successful poll found.
    pub last_entries: Option<i64>,
    /// What the reader repaired or ignored in the last document, if anything.
    pub last_note: Option<String>,
}

const COLUMNS: &str = "id, name, kind, url, settings, enabled, etag, last_modified, last_polled_at, next_poll_at, last_error, \
     health, health_reason, health_since, recovered_at, last_entries, last_note, empty_polls, failed_polls";

fn from_row(row: &AnyRow) -> Result<Source> {
    let settings: String = row.try_get("settings")?;
    Ok(Source {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        kind: row.try_get::<String, _>("kind")?.parse()?,
        url: row.try_get("url")?,
        settings: serde_json::from_str(&settings)
            .map_err(crate::error::json_err("sources.settings"))?,
        enabled: row.try_get::<i64, _>("enabled")? != 0,
        etag: row.try_get("etag")?,
        last_modified: row.try_get("last_modified")?,
        last_polled_at: row.try_get("last_polled_at")?,
        next_poll_at: row.try_get("next_poll_at")?,
        last_error: row.try_get("last_error")?,
        health: SourceHealth::from_db(&row.try_get::<String, _>("health")?),
        health_reason: row.try_get("health_reason")?,
        health_since: row.try_get("health_since")?,
        recovered_at: row.try_get("recovered_at")?,
        last_entries: row.try_get("last_entries")?,
        last_note: row.try_get("last_note")?,
    })
}

impl Store {
    /// Adds a source; a source with the same URL is refused with a clear error.
    pub async fn add_source(
        &self,
        name: &str,
        kind: SourceKind,
        url: &str,
        settings: &serde_json::Value,
    ) -> Result<Source> {
        let row = sqlx::query(&format!(
            "INSERT INTO sources (name, kind, url, settings, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING {COLUMNS}"
        ))
        .bind(name)
        .bind(kind.as_str())
        .bind(url)
        .bind(settings.to_string())
        .bind(now_ms())
        .fetch_one(&self.pool)
        .await
        .map_err(|e| match StoreError::from(e) {
            StoreError::Conflict(_) => StoreError::Conflict(format!(
                "a source with URL {url} already exists; see `newsbridge sources list`"
            )),
            other => other,
        })?;
        from_row(&row)
    }

    /// Updates a source's name, settings and enabled flag.
    pub async fn update_source(&self, source: &Source) -> Result<()> {
        sqlx::query("UPDATE sources SET name = $1, settings = $2, enabled = $3 WHERE id = $4")
            .bind(&source.name)
            .bind(source.settings.to_string())
            .bind(i64::from(source.enabled))
            .bind(source.id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Every source, oldest first.
    pub async fn sources(&self) -> Result<Vec<Source>> {
        let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM sources ORDER BY id"))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(from_row).collect()
    }

    /// One source by id.
    pub async fn source(&self, id: i64) -> Result<Source> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM sources WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("source {id}")))?;
        from_row(&row)
    }

    /// One source by its URL.
    pub async fn source_by_url(&self, url: &str) -> Result<Option<Source>> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM sources WHERE url = $1"))
            .bind(url)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(from_row).transpose()
    }

    /// Removes a source. Its articles stay (their source becomes unknown).
    pub async fn remove_source(&self, id: i64) -> Result<()> {
        let done = sqlx::query("DELETE FROM sources WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound(format!("source {id}")));
        }
        Ok(())
    }

    /// Records a poll's outcome: validators for the next conditional GET, the
    /// next due time and the error (None on success).
    pub async fn record_poll(
        &self,
        id: i64,
        etag: Option<&str>,
        last_modified: Option<&str>,
        next_poll_at: i64,
        error: Option<&str>,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE sources SET etag = COALESCE($1, etag), last_modified = COALESCE($2, last_modified), \
             last_polled_at = $3, next_poll_at = $4, last_error = $5 WHERE id = $6",
        )
        .bind(etag)
        .bind(last_modified)
        .bind(now_ms())
        .bind(next_poll_at)
        .bind(error)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
