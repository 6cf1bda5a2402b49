//! The poll stage: read a source's feed, sitemap or listing and queue new article URLs.

use anyhow::{Context, Result};
use chrono::{TimeZone, Utc};
use store::JobKind;

use super::{FetchJob, PollJob, StageError, StageResult};
use crate::app::App;

/// Hours after publication during which an article without a modification
/// time (RSS) is fetched again at every poll to notice corrections.
const FRESH_HOURS: i64 = 6;

/// The ingest settings stored with a source.
pub fn settings_of(source: &store::Source) -> Result<ingest::SourceSettings> {
    serde_json::from_value(source.settings.clone())
        .with_context(|| format!("source {} has unreadable settings", source.id))
}

/// Queues a poll of every enabled source (only those due when `only_due`);
/// a poll already queued or running is left alone. Returns how many were queued.
pub async fn queue_polls(app: &App, only_due: bool) -> Result<usize> {
    let now = store::now_ms();
    let mut queued = 0;
    for source in app.store.sources().await? {
        if source.enabled && (!only_due || source.next_poll_at <= now) {
            let key = format!("poll:{}", source.id);
            let job = PollJob {
                source_id: source.id,
            };
            if app
                .store
                .enqueue_again(JobKind::Poll, &job, &key, app.config.retry_policy())
                .await?
            {
                queued += 1;
            }
        }
    }
    let rechecks = queue_rechecks(app).await?;
    if rechecks > 0 {
        tracing::info!(rechecks, "queued conditional fetches of recent articles");
    }
    Ok(queued)
}

/// Most rechecks queued per call: the politeness delays spread them anyway.
const RECHECKS_PER_ROUND: i64 = 500;

/// Queues a conditional fetch of recent articles not confirmed for
/// `ingest.recheck_minutes` (see [`store::Store::articles_to_recheck`]).
/// Returns how many were queued.
pub async fn queue_rechecks(app: &App) -> Result<usize> {
    let ingest = &app.config.ingest;
    if ingest.recheck_minutes == 0 {
        return Ok(0);
    }
    let now = store::now_ms();
    let every = i64::try_from(ingest.recheck_minutes.saturating_mul(60_000)).unwrap_or(i64::MAX);
    let days = i64::try_from(ingest.recheck_days.saturating_mul(86_400_000)).unwrap_or(i64::MAX);
    let due = app
        .store
        .articles_to_recheck(
            now.saturating_sub(days),
            now.saturating_sub(every),
            RECHECKS_PER_ROUND,
        )
        .await?;
    let mut queued = 0;
    for (url, source_id) in due {
        let job = FetchJob {
            url: url.clone(),
            source_id,
            categories: Vec::new(),
        };
        let key = format!("recheck:{url}");
        if app
            .store
            .enqueue_again(JobKind::Fetch, &job, &key, app.config.retry_policy())
            .await?
        {
            queued += 1;
        }
    }
    Ok(queued)
}

/// Polls one source.
pub async fn run(app: &App, job: PollJob) -> StageResult {
    let source = match app.store.source(job.source_id).await {
        Ok(s) => s,
        Err(store::StoreError::NotFound(_)) => return Ok(()), // removed since: nothing to do
        Err(e) => return Err(e.into()),
    };
    let settings = settings_of(&source).map_err(StageError::dead)?;
    let validators = ingest::Validators {
        etag: source.etag.clone(),
        last_modified: source.last_modified.clone(),
    };
    let since = source
        .last_polled_at
        .and_then(|ms| Utc.timestamp_millis_opt(ms).single())
        .map(|t| t - chrono::Duration::days(2));
    let polled = ingest::poll_source(&app.fetcher, &settings, Some(&validators), since).await;
    let now = Utc::now();
    let poll = match polled {
        Ok(poll) => poll,
        Err(e) => {
            let retry_at = settings.polling.next_poll(&[], now).timestamp_millis();
            app.store
                .record_poll(source.id, None, None, retry_at, Some(&e.to_string()))
                .await?;
            observe_health(app, &source, &store::PollObservation::Failed(e.to_string())).await?;
            let transient = matches!(&e, ingest::PollError::Fetch(f) if f.is_transient());
            let err = anyhow::Error::new(e).context(format!("polling {}", source.url));
            return Err(if transient {
                StageError::retry(err)
            } else {
                StageError::dead(err)
            });
        }
    };
    let mut queued = 0;
    for entry in &poll.entries {
        let canonical = match ingest::canonical_url(&entry.url) {
            Ok(c) => c,
            Err(e) => {
                tracing::warn!(url = %entry.url, error = %e, "skipping an unusable article URL");
                continue;
            }
        };
        let fetch = FetchJob {
            url: entry.url.clone(),
            source_id: source.id,
            categories: entry.categories.clone(),
        };
        let policy = app.config.retry_policy();
        // feed-rs copies an RSS item's pubDate into `updated`: only a later
        // time is a real modification time.
        let modified = entry.updated.filter(|u| Some(*u) != entry.published);
        let fresh = modified.is_none()
            && entry
                .published
                .is_some_and(|p| now - p < chrono::Duration::hours(FRESH_HOURS));
        let queued_now = if fresh {
            // No modification time (RSS): while an article is fresh, when
            // newsrooms correct most, look again at every poll; a conditional
            // GET makes an unchanged page cost a 304.
            let key = format!("refresh:{canonical}");
            app.store
                .enqueue_again(JobKind::Fetch, &fetch, &key, policy)
                .await?
        } else {
            // A new lastmod/updated time is an upstream edit: a new fetch job.
            let version = modified.map(|t| t.timestamp()).unwrap_or(0);
            let key = format!("fetch:{canonical}@{version}");
            app.store
                .enqueue(JobKind::Fetch, &fetch, Some(&key), policy)
                .await?
        };
        if queued_now {
            queued += 1;
        }
    }
    let recent: Vec<_> = poll
        .entries
        .iter()
        .filter_map(|e| e.published.or(e.updated))
        .collect();
    let next = settings.polling.next_poll(&recent, now).timestamp_millis();
    let problems = (!poll.problems.is_empty()).then(|| {
        poll.problems
            .iter()
            .map(|p| format!("{}: {}", p.url, p.message))
            .collect::<Vec<_>>()
            .join("; ")
    });
    app.store
        .record_poll(
            source.id,
            poll.validators.etag.as_deref(),
            poll.validators.last_modified.as_deref(),
            next,
            problems.as_deref(),
        )
        .await?;
    let seen = if poll.not_modified || poll.quiet_index {
        store::PollObservation::Unchanged
    } else {
        store::PollObservation::Read {
            entries: poll.entries.len(),
            note: poll.health.as_ref().map(|h| h.message.clone()).or(problems),
        }
    };
    observe_health(app, &source, &seen).await?;
    tracing::info!(source = %source.url, listed = poll.entries.len(), queued, not_modified = poll.not_modified, "polled");
    Ok(())
}

/// Records what the poll saw in the source's health and logs a change once.
async fn observe_health(
    app: &App,
    source: &store::Source,
    seen: &store::PollObservation,
) -> Result<(), store::StoreError> {
    match app.store.observe_source_health(source.id, seen).await? {
        store::HealthChange::BecameUnhealthy(reason) => {
            tracing::warn!(source = %source.url, %reason, "source is unhealthy");
        }
        store::HealthChange::Recovered => {
            tracing::info!(source = %source.url, "source recovered");
        }
        store::HealthChange::Same => {}
    }
    Ok(())
}
