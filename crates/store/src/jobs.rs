//! The durable job queue: every arrow of the pipeline is a row in `jobs`.
//!
//! A worker *leases* a job for a while; if it dies, the lease expires and the
//! job runs again (handlers are idempotent). A failed job is retried with
//! exponential backoff up to a cap, then parked in the `dead` state with its
//! last error, visible in `newsbridge status` until an operator retries it.
//! Completion is checked against the lease token, so a worker whose lease
//! expired cannot mark someone else's run as done.

use std::fmt;
use std::str::FromStr;

use rand::Rng;
use serde::{Deserialize, Serialize};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::{now_ms, Backend, Result, Store, StoreError};

/// The pipeline stage a job belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobKind {
    /// Poll a source (feed, sitemap, listing page) for new article URLs.
    Poll,
    /// Fetch one article page over HTTP.
    Fetch,
    /// Extract the article from a fetched page and store the original.
    Extract,
    /// Assign section, topic and authors.
    Classify,
    /// Translate an article into one language.
    Translate,
    /// Publish one language version (index, feeds, sitemaps).
    Publish,
    /// Apply an editor's correction of one segment: remember it, re-render the version.
    Revise,
    /// Mirror an article's pictures (fetch, derive, store), or remove them after a takedown.
    Images,
}

impl JobKind {
    /// Every stage, in pipeline order.
    pub const ALL: [JobKind; 8] = [
        JobKind::Poll,
        JobKind::Fetch,
        JobKind::Extract,
        JobKind::Classify,
        JobKind::Translate,
        JobKind::Publish,
        JobKind::Revise,
        JobKind::Images,
    ];

    /// The stage's name as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            JobKind::Poll => "poll",
            JobKind::Fetch => "fetch",
            JobKind::Extract => "extract",
            JobKind::Classify => "classify",
            JobKind::Translate => "translate",
            JobKind::Publish => "publish",
            JobKind::Revise => "revise",
            JobKind::Images => "images",
        }
    }
}

impl fmt::Display for JobKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for JobKind {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self> {
        JobKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| StoreError::Conflict(format!("unknown job kind {s:?}")))
    }
}

/// Where a job is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    /// Waiting for its `run_at` time.
    Queued,
    /// Leased by a worker.
    Running,
    /// Finished successfully.
    Done,
    /// Gave up after the last attempt; kept with its error for an operator.
    Dead,
}

impl JobState {
    /// Every state.
    pub const ALL: [JobState; 4] = [
        JobState::Queued,
        JobState::Running,
        JobState::Done,
        JobState::Dead,
    ];

    /// The state's name as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            JobState::Queued => "queued",
            JobState::Running => "running",
            JobState::Done => "done",
            JobState::Dead => "dead",
        }
    }
}

impl FromStr for JobState {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self> {
        JobState::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| StoreError::Conflict(format!("unknown job state {s:?}")))
    }
}

/// How failed jobs are retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JobRetry {
    /// Attempts before a job is declared dead.
    pub max_attempts: i64,
    /// Delay before the first retry, in milliseconds; doubled on each attempt.
    pub base_delay_ms: i64,
    /// Upper bound of the delay, in milliseconds.
    pub max_delay_ms: i64,
}

impl Default for JobRetry {
    fn default() -> Self {
        JobRetry {
            max_attempts: 5,
            base_delay_ms: 10_000,
            max_delay_ms: 3_600_000,
        }
    }
}

impl JobRetry {
    /// Delay before the retry that follows attempt number `attempts` (1-based):
    /// exponential, capped, with up to 20% random jitter so retries spread out.
    pub fn delay_ms(&self, attempts: i64) -> i64 {
        let exp = attempts.clamp(1, 32) - 1;
        let raw = self.base_delay_ms.saturating_mul(1_i64 << exp.min(30));
        let capped = raw.min(self.max_delay_ms);
        let jitter = rand::thread_rng().gen_range(0..=capped / 5 + 1);
        capped.saturating_add(jitter).min(self.max_delay_ms)
    }
}

/// A leased job, handed to a worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// Row id.
    pub id: i64,
    /// The stage.
    pub kind: JobKind,
    /// Stage-specific JSON payload.
    pub payload: String,
    /// Attempt number of this run (1 for the first).
    pub attempts: i64,
    /// Attempts allowed in all.
    pub max_attempts: i64,
    /// Secret proving this run holds the lease.
    pub lease_token: String,
}

impl Job {
    /// Decodes the payload as `T`.
    pub fn payload<T: serde::de::DeserializeOwned>(&self) -> Result<T> {
        serde_json::from_str(&self.payload).map_err(crate::error::json_err("jobs.payload"))
    }
}

fn job_from_row(row: &AnyRow) -> Result<Job> {
    Ok(Job {
        id: row.try_get("id")?,
        kind: row.try_get::<String, _>("kind")?.parse()?,
        payload: row.try_get("payload")?,
        attempts: row.try_get("attempts")?,
        max_attempts: row.try_get("max_attempts")?,
        lease_token: row.try_get("lease_token")?,
    })
}

/// A job's payload as stored, and the source it belongs to when the payload
/// names one (`"source_id"`), so the desk can count jobs per source.
fn encode_payload(payload: &impl Serialize) -> Result<(String, Option<i64>)> {
    let value = serde_json::to_value(payload).map_err(crate::error::json_err("jobs.payload"))?;
    let source_id = value.get("source_id").and_then(serde_json::Value::as_i64);
    Ok((value.to_string(), source_id))
}

impl Store {
    /// Queues a job unless one with the same `dedupe_key` exists in any state.
    /// Returns true when a new job was queued.
    pub async fn enqueue(
        &self,
        kind: JobKind,
        payload: &impl Serialize,
        dedupe_key: Option<&str>,
        policy: JobRetry,
    ) -> Result<bool> {
        self.enqueue_at(kind, payload, dedupe_key, policy, now_ms())
            .await
    }

    /// Like [`Store::enqueue`], running no earlier than `run_at` (ms).
    pub async fn enqueue_at(
        &self,
        kind: JobKind,
        payload: &impl Serialize,
        dedupe_key: Option<&str>,
        policy: JobRetry,
        run_at: i64,
    ) -> Result<bool> {
        let (payload, source_id) = encode_payload(payload)?;
        let now = now_ms();
        let done = sqlx::query(
            "INSERT INTO jobs (kind, payload, dedupe_key, state, attempts, max_attempts, run_at, created_at, updated_at, source_id) \
             VALUES ($1, $2, $3, 'queued', 0, $4, $5, $6, $6, $7) ON CONFLICT (dedupe_key) DO NOTHING",
        )
        .bind(kind.as_str())
        .bind(payload)
        .bind(dedupe_key)
        .bind(policy.max_attempts)
        .bind(run_at)
        .bind(now)
        .bind(source_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Queues a job, or re-arms the job with the same `dedupe_key` when it has
    /// finished (done or dead), with a fresh payload and attempt count. A job
    /// still queued or running is left alone. Used when an upstream edit means
    /// a stage must run again. Returns true when a job was queued or re-armed.
    pub async fn enqueue_again(
        &self,
        kind: JobKind,
        payload: &impl Serialize,
        dedupe_key: &str,
        policy: JobRetry,
    ) -> Result<bool> {
        let (payload, source_id) = encode_payload(payload)?;
        let now = now_ms();
        let done = sqlx::query(
            "INSERT INTO jobs (kind, payload, dedupe_key, state, attempts, max_attempts, run_at, created_at, updated_at, source_id) \
             VALUES ($1, $2, $3, 'queued', 0, $4, $5, $5, $5, $6) \
             ON CONFLICT (dedupe_key) DO UPDATE SET state = 'queued', payload = excluded.payload, attempts = 0, source_id = excluded.source_id, \
             run_at = excluded.run_at, last_error = NULL, lease_until = NULL, lease_token = NULL, updated_at = excluded.updated_at \
             WHERE jobs.state IN ('done', 'dead')",
        )
        .bind(kind.as_str())
        .bind(payload)
        .bind(dedupe_key)
        .bind(policy.max_attempts)
        .bind(now)
        .bind(source_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Returns jobs whose lease expired to the queue (or to `dead` when they
    /// have used every attempt). Returns how many were recovered.
    pub async fn reap_expired_leases(&self) -> Result<u64> {
        let now = now_ms();
        let done = sqlx::query(
            "UPDATE jobs SET state = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'queued' END, \
             last_error = 'lease expired: the worker stopped or took too long (attempt ' || CAST(attempts AS TEXT) || ')', \
             lease_until = NULL, lease_token = NULL, run_at = $1, updated_at = $1 \
             WHERE state = 'running' AND lease_until < $1",
        )
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }

    /// Leases the next due job of one of `kinds` for `lease_ms` milliseconds.
    /// On PostgreSQL concurrent workers skip each other's rows
    /// (`FOR UPDATE SKIP LOCKED`); on SQLite the single statement is atomic.
    pub async fn lease(&self, kinds: &[JobKind], lease_ms: i64) -> Result<Option<Job>> {
        if kinds.is_empty() {
            return Ok(None);
        }
        let now = now_ms();
        let token = format!("{:032x}", rand::thread_rng().gen::<u128>());
        let kind_list = kinds
            .iter()
            .map(|k| format!("'{}'", k.as_str()))
            .collect::<Vec<_>>()
            .join(", ");
        let lock = match self.backend() {
            Backend::Postgres => "FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        // Kinds come from the JobKind enum, never from input, so inlining them is safe.
        let sql = format!(
            "UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_until = $1, lease_token = $2, updated_at = $3 \
             WHERE id = (SELECT id FROM jobs WHERE state = 'queued' AND run_at <= $3 AND kind IN ({kind_list}) \
             ORDER BY run_at, id LIMIT 1 {lock}) AND state = 'queued' \
             RETURNING id, kind, payload, attempts, max_attempts, lease_token"
        );
        let row = sqlx::query(&sql)
            .bind(now + lease_ms)
            .bind(&token)
            .bind(now)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(job_from_row).transpose()
    }

    /// Extends a running job's lease (for long handlers). False when the lease was lost.
    pub async fn extend_lease(&self, job: &Job, lease_ms: i64) -> Result<bool> {
        let now = now_ms();
        let done = sqlx::query(
            "UPDATE jobs SET lease_until = $1, updated_at = $2 WHERE id = $3 AND lease_token = $4 AND state = 'running'",
        )
        .bind(now + lease_ms)
        .bind(now)
        .bind(job.id)
        .bind(&job.lease_token)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Gives a leased job back to the queue untouched, due now, as if it had not
    /// been leased (the attempt is not counted): a worker shutting down before
    /// it could finish. False when the lease had been lost meanwhile.
    pub async fn release(&self, job: &Job) -> Result<bool> {
        let now = now_ms();
        let done = sqlx::query(
            "UPDATE jobs SET state = 'queued', attempts = attempts - 1, lease_until = NULL, lease_token = NULL, run_at = $1, updated_at = $1 \
             WHERE id = $2 AND lease_token = $3 AND state = 'running'",
        )
        .bind(now)
        .bind(job.id)
        .bind(&job.lease_token)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Marks a leased job done. False when the lease had been lost meanwhile.
    pub async fn complete(&self, job: &Job) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE jobs SET state = 'done', lease_until = NULL, last_error = NULL, updated_at = $1 \
             WHERE id = $2 AND lease_token = $3 AND state = 'running'",
        )
        .bind(now_ms())
        .bind(job.id)
        .bind(&job.lease_token)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Records a failed run: schedules a retry with backoff, or parks the job as
    /// dead when its attempts are used up or `permanent` is set. Returns the new state.
    pub async fn fail(
        &self,
        job: &Job,
        error: &str,
        permanent: bool,
        policy: JobRetry,
    ) -> Result<JobState> {
        let now = now_ms();
        let state = if permanent || job.attempts >= job.max_attempts {
            JobState::Dead
        } else {
            JobState::Queued
        };
        let run_at = now + policy.delay_ms(job.attempts);
        let error: String = error.chars().take(2000).collect();
        sqlx::query(
            "UPDATE jobs SET state = $1, run_at = $2, last_error = $3, lease_until = NULL, lease_token = NULL, updated_at = $4 \
             WHERE id = $5 AND lease_token = $6 AND state = 'running'",
        )
        .bind(state.as_str())
        .bind(run_at)
        .bind(error)
        .bind(now)
        .bind(job.id)
        .bind(&job.lease_token)
        .execute(&self.pool)
        .await?;
        Ok(state)
    }

    /// Puts a dead job back in the queue with a fresh attempt count.
    pub async fn retry_dead(&self, job_id: i64) -> Result<bool> {
        let now = now_ms();
        let done = sqlx::query(
            "UPDATE jobs SET state = 'queued', attempts = 0, run_at = $1, updated_at = $1 WHERE id = $2 AND state = 'dead'",
        )
        .bind(now)
        .bind(job_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Puts every dead job back in the queue; returns how many.
    pub async fn retry_all_dead(&self) -> Result<u64> {
        let now = now_ms();
        let done = sqlx::query(
            "UPDATE jobs SET state = 'queued', attempts = 0, run_at = $1, updated_at = $1 WHERE state = 'dead'",
        )
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }

    /// Time (ms) of the next queued job's `run_at`, if any job is queued.
    pub async fn next_run_at(&self) -> Result<Option<i64>> {
        let row = sqlx::query("SELECT MIN(run_at) AS t FROM jobs WHERE state = 'queued'")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get::<Option<i64>, _>("t")?)
    }

    /// Number of jobs that are queued or running.
    pub async fn pending_jobs(&self) -> Result<i64> {
        let row =
            sqlx::query("SELECT COUNT(*) AS n FROM jobs WHERE state IN ('queued', 'running')")
                .fetch_one(&self.pool)
                .await?;
        Ok(row.try_get::<i64, _>("n")?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        let p = JobRetry {
            max_attempts: 10,
            base_delay_ms: 1000,
            max_delay_ms: 5000,
        };
        let d1 = p.delay_ms(1);
        let d2 = p.delay_ms(2);
        assert!((1000..=1201).contains(&d1), "{d1}");
        assert!((2000..=2401).contains(&d2), "{d2}");
        assert_eq!(p.delay_ms(30), 5000, "capped, jitter included");
    }

    #[test]
    fn kinds_round_trip_through_their_names() {
        for kind in JobKind::ALL {
            assert_eq!(kind.as_str().parse::<JobKind>().unwrap(), kind);
        }
        assert!("nope".parse::<JobKind>().is_err());
    }
}
