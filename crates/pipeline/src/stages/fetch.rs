//! The fetch stage: download an article page (conditionally) and keep it for extraction.

use store::{JobKind, Page};

use super::{ExtractJob, FetchJob, StageError, StageResult};
use crate::app::App;

/// Fetches one article page.
pub async fn run(app: &App, job: FetchJob) -> StageResult {
    let previous = app.store.page(&job.url).await?;
    let validators = previous.as_ref().map(|p| ingest::Validators {
        etag: p.etag.clone(),
        last_modified: p.last_modified.clone(),
    });
    let fetched = match app.fetcher.fetch(&job.url, validators.as_ref()).await {
        Ok(f) => f,
        Err(e) if e.is_transient() => return Err(e.into()),
        Err(e) if e.is_gone() => {
            // A stored article whose original was withdrawn: flagged for an
            // editor (the desk's review queue), not deleted and not a dead job.
            let status = match &e {
                ingest::FetchError::Status { status, .. } => i64::from(*status),
                _ => 404,
            };
            if let Some(id) = app.store.mark_upstream_gone(&job.url, status).await? {
                tracing::warn!(url = %job.url, article = id, status, "the original is gone upstream: flagged for an editor");
                return Ok(());
            }
            return Err(StageError::dead(e));
        }
        Err(e) => return Err(StageError::dead(e)),
    };
    if app.store.clear_upstream_gone(&job.url).await? {
        tracing::info!(url = %job.url, "the original is back upstream");
    }
    let extract = ExtractJob {
        url: job.url.clone(),
        source_id: job.source_id,
        categories: job.categories.clone(),
    };
    let key = format!("extract:{}", job.url);
    let policy = app.config.retry_policy();
    if fetched.status == ingest::FetchStatus::NotModified && previous.is_some() {
        tracing::debug!(url = %job.url, "not modified");
        app.store.touch_page(&job.url).await?;
        // A run killed after storing the page but before queueing its
        // extraction gets a 304 here: make sure the extraction exists.
        app.store
            .enqueue(JobKind::Extract, &extract, Some(&key), policy)
            .await?;
        return Ok(());
    }
    // Stored under the URL the job names, so a retry finds it whatever the redirects did.
    app.store
        .put_page(&Page {
            url: job.url.clone(),
            source_id: Some(job.source_id),
            status: 200,
            content_type: fetched.content_type.clone(),
            body: fetched.body.to_vec(),
            etag: fetched.etag.clone(),
            last_modified: fetched.last_modified.clone(),
        })
        .await?;
    app.store
        .enqueue_again(JobKind::Extract, &extract, &key, policy)
        .await?;
    Ok(())
}
