//! What happened to each source's articles: originals gone upstream, the
//! articles due for a fresh look, and per-source counts for the desk.

use std::collections::BTreeMap;

use serde::Serialize;
use sqlx::Row;

use crate::{now_ms, Result, Store};

/// An article whose original page answered 404 or 410.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoneArticle {
    /// The article.
    pub article_id: i64,
    /// Its original title.
    pub title: String,
    /// The original's URL.
    pub url: String,
    /// The status the publisher answered.
    pub status: i64,
    /// First seen gone (ms).
    pub since: i64,
}

/// One source's share of the pipeline, for the desk's dashboard.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SourceActivity {
    /// Its poll, fetch and extract jobs per state (`queued`, `running`, `done`, `dead`).
    pub jobs: BTreeMap<String, i64>,
    /// Articles stored from it, duplicates included.
    pub articles: i64,
    /// Of those, copies of an earlier article.
    pub duplicates: i64,
    /// Of those, whose original has gone upstream.
    pub gone_upstream: i64,
}

impl Store {
    /// Flags the article stored from `url` (its canonical or fetched URL) as
    /// gone upstream with `status`, keeping the first time it was seen gone,
    /// and writes an audit row the first time. Returns the article's id, or
    /// `None` when no article came from that URL.
    pub async fn mark_upstream_gone(&self, url: &str, status: i64) -> Result<Option<i64>> {
        let Some(row) = sqlx::query(
            "SELECT id, upstream_gone_at FROM articles WHERE url = $1 OR fetched_url = $1 ORDER BY id LIMIT 1",
        )
        .bind(url)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let id: i64 = row.try_get("id")?;
        let already: Option<i64> = row.try_get("upstream_gone_at")?;
        sqlx::query(
            "UPDATE articles SET upstream_status = $1, upstream_gone_at = COALESCE(upstream_gone_at, $2) WHERE id = $3",
        )
        .bind(status)
        .bind(now_ms())
        .bind(id)
        .execute(&self.pool)
        .await?;
        if already.is_none() {
            self.audit(
                "newsbridge",
                "upstream_gone",
                &format!("article {id}"),
                Some(&format!("{url} answered {status}")),
            )
            .await?;
        }
        Ok(Some(id))
    }

    /// Clears the flag when the original answers again. Returns whether an
    /// article was flagged.
    pub async fn clear_upstream_gone(&self, url: &str) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE articles SET upstream_status = NULL, upstream_gone_at = NULL \
             WHERE (url = $1 OR fetched_url = $1) AND upstream_gone_at IS NOT NULL",
        )
        .bind(url)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Articles whose original has gone upstream and that are still online,
    /// newest first.
    pub async fn articles_gone_upstream(&self, limit: i64) -> Result<Vec<GoneArticle>> {
        let rows = sqlx::query(
            "SELECT id, title, url, upstream_status, upstream_gone_at FROM articles \
             WHERE upstream_gone_at IS NOT NULL AND status <> 'taken_down' \
             ORDER BY upstream_gone_at DESC, id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(GoneArticle {
                    article_id: r.try_get("id")?,
                    title: r.try_get("title")?,
                    url: r.try_get("url")?,
                    status: r.try_get("upstream_status")?,
                    since: r.try_get("upstream_gone_at")?,
                })
            })
            .collect()
    }

    /// Pages (fetched URL, source) worth a conditional GET to notice
    /// corrections and withdrawals after an article left its source's feed:
    /// articles published (or stored) since `since_ms`, still online, not
    /// already gone upstream, whose page was last confirmed before
    /// `checked_before_ms` and whose last recheck job (dedupe key
    /// `recheck:{url}`) is not queued, running or newer than that. Oldest
    /// first, at most `limit`.
    pub async fn articles_to_recheck(
        &self,
        since_ms: i64,
        checked_before_ms: i64,
        limit: i64,
    ) -> Result<Vec<(String, i64)>> {
        let rows = sqlx::query(
            "SELECT a.fetched_url, a.source_id FROM articles a \
             LEFT JOIN pages p ON p.url = a.fetched_url \
             LEFT JOIN jobs j ON j.dedupe_key = 'recheck:' || a.fetched_url \
             WHERE a.source_id IS NOT NULL AND a.upstream_gone_at IS NULL AND a.status = 'classified' \
             AND COALESCE(a.published_at, a.created_at) >= $1 AND COALESCE(p.fetched_at, 0) < $2 \
             AND (j.id IS NULL OR (j.state IN ('done', 'dead') AND j.updated_at < $2)) \
             ORDER BY a.id LIMIT $3",
        )
        .bind(since_ms)
        .bind(checked_before_ms)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("fetched_url")?, r.try_get("source_id")?)))
            .collect()
    }

    /// Every source's jobs and articles, by source id.
    pub async fn source_activity(&self) -> Result<BTreeMap<i64, SourceActivity>> {
        let mut out: BTreeMap<i64, SourceActivity> = BTreeMap::new();
        let jobs = sqlx::query(
            "SELECT source_id, state, COUNT(*) AS n FROM jobs WHERE source_id IS NOT NULL GROUP BY source_id, state",
        )
        .fetch_all(&self.pool)
        .await?;
        for r in &jobs {
            let entry = out.entry(r.try_get("source_id")?).or_default();
            entry.jobs.insert(r.try_get("state")?, r.try_get("n")?);
        }
        let articles = sqlx::query(
            "SELECT source_id, COUNT(*) AS n, \
             SUM(CASE WHEN status = 'duplicate' THEN 1 ELSE 0 END) AS dup, \
             SUM(CASE WHEN upstream_gone_at IS NOT NULL AND status <> 'taken_down' THEN 1 ELSE 0 END) AS gone \
             FROM articles WHERE source_id IS NOT NULL GROUP BY source_id",
        )
        .fetch_all(&self.pool)
        .await?;
        for r in &articles {
            let entry = out.entry(r.try_get("source_id")?).or_default();
            entry.articles = r.try_get("n")?;
            entry.duplicates = r.try_get("dup")?;
            entry.gone_upstream = r.try_get("gone")?;
        }
        Ok(out)
    }
}
