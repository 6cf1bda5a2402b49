//! Pipeline status: counts per stage and state, and the jobs that gave up.

use serde::Serialize;
use sqlx::Row;

use crate::{Result, Store};

/// Jobs of one stage in one state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JobCount {
    /// Stage name.
    pub kind: String,
    /// State name.
    pub state: String,
    /// How many.
    pub count: i64,
}

/// A dead job, with the reason it gave up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeadJob {
    /// Job id (for `newsbridge jobs retry ID`).
    pub id: i64,
    /// Stage.
    pub kind: String,
    /// Its payload.
    pub payload: String,
    /// Attempts made.
    pub attempts: i64,
    /// The last error.
    pub last_error: Option<String>,
}

/// Everything `newsbridge status` shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PipelineStatus {
    /// Jobs per stage and state.
    pub jobs: Vec<JobCount>,
    /// Sources configured.
    pub sources: i64,
    /// Articles per status.
    pub articles: Vec<(String, i64)>,
    /// Language versions per language and status.
    pub translations: Vec<(String, String, i64)>,
    /// The most recent dead jobs.
    pub dead: Vec<DeadJob>,
}

impl Store {
    /// Counts per stage and state, article and translation counts, and the latest dead jobs.
    pub async fn pipeline_status(&self, dead_limit: i64) -> Result<PipelineStatus> {
        let jobs = sqlx::query(
            "SELECT kind, state, COUNT(*) AS n FROM jobs GROUP BY kind, state ORDER BY kind, state",
        )
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(JobCount {
                kind: r.try_get("kind")?,
                state: r.try_get("state")?,
                count: r.try_get("n")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
        let sources: i64 = sqlx::query("SELECT COUNT(*) AS n FROM sources")
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?;
        let articles = sqlx::query(
            "SELECT status, COUNT(*) AS n FROM articles GROUP BY status ORDER BY status",
        )
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("status")?, r.try_get("n")?)))
        .collect::<Result<Vec<_>>>()?;
        let translations =
            sqlx::query("SELECT lang, status, COUNT(*) AS n FROM translations GROUP BY lang, status ORDER BY lang, status")
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(|r| Ok((r.try_get("lang")?, r.try_get("status")?, r.try_get("n")?)))
                .collect::<Result<Vec<_>>>()?;
        let dead = sqlx::query(
            "SELECT id, kind, payload, attempts, last_error FROM jobs WHERE state = 'dead' ORDER BY updated_at DESC, id DESC LIMIT $1",
        )
        .bind(dead_limit)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(DeadJob {
                id: r.try_get("id")?,
                kind: r.try_get("kind")?,
                payload: r.try_get("payload")?,
                attempts: r.try_get("attempts")?,
                last_error: r.try_get("last_error")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
        Ok(PipelineStatus {
            jobs,
            sources,
            articles,
            translations,
            dead,
        })
    }
}
