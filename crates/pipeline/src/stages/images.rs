//! The images stage: mirror one article's pictures ([`crate::imaging`]).
//!
//! Queued by the extract stage for every stored article (`images:{id}`) and
//! by a takedown (`images-takedown:{id}`, which deletes the pictures no other
//! live article shows). A picture's own failure never fails the job: it is
//! recorded on its reference and retried by a job queued for the earliest
//! due attempt (`images:{id}:{at}`). Each run also rechecks a few stored
//! pictures of other articles that were last checked longer ago than
//! `images.recheck_hours`, so a picture the publisher withdraws (404/410) is
//! noticed and no longer served.

use serde::{Deserialize, Serialize};
use store::JobKind;

use crate::app::App;
use crate::metrics::Metrics;

/// Stored pictures of other articles rechecked per run.
const RECHECKS_PER_RUN: i64 = 2;

/// Payload of an `images` job.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImagesJob {
    /// The article.
    pub article_id: i64,
    /// Fetch its stored pictures again too (a recheck).
    #[serde(default)]
    pub recheck: bool,
}

/// Mirrors the due pictures of one article; errors are the database's only.
pub async fn run(app: &App, metrics: &Metrics, job: ImagesJob) -> anyhow::Result<()> {
    let Some(imaging) = app.images.as_ref() else {
        return Ok(());
    };
    let (report, next) =
        crate::imaging::mirror_article(app, imaging, job.article_id, job.recheck).await?;
    metrics.images_mirrored(&report);
    if let Some(at) = next {
        let again = ImagesJob {
            article_id: job.article_id,
            recheck: false,
        };
        app.store
            .enqueue_at(
                JobKind::Images,
                &again,
                Some(&format!("images:{}:{at}", job.article_id)),
                app.config.retry_policy(),
                at,
            )
            .await?;
    }
    let hours = imaging.config.recheck_hours;
    if hours > 0 && !job.recheck {
        let before = store::now_ms()
            - i64::try_from(hours.saturating_mul(3_600_000)).unwrap_or(i64::MAX / 2);
        for r in app
            .store
            .image_refs_to_recheck(before, RECHECKS_PER_RUN)
            .await?
            .into_iter()
            .filter(|r| r.article_id != job.article_id)
        {
            let (report, _) =
                crate::imaging::mirror_article(app, imaging, r.article_id, true).await?;
            metrics.images_mirrored(&report);
        }
    }
    Ok(())
}
