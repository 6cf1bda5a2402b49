//! `newsbridge ingest --once`: poll every source and drain the pipeline.

use anyhow::Result;
use store::JobKind;

use crate::app::App;
use crate::config::Config;
use crate::pipeline::{self, PollJob};

/// Queues a poll of every enabled source, runs every job until none is due, and prints the status.
pub async fn run(config: Config) -> Result<()> {
    let app = App::open(config).await?;
    let queued = poll_all(&app).await?;
    if queued == 0 && app.store.sources().await?.is_empty() {
        anyhow::bail!("no sources configured; add one with `newsbridge sources add URL`");
    }
    let ran = pipeline::drain(&app, app.config.workers.concurrency).await?;
    println!("ran {ran} jobs");
    super::status::print(&app.store, false).await
}

/// Queues a poll of every enabled source now.
pub async fn poll_all(app: &App) -> Result<usize> {
    let mut queued = 0;
    for source in app.store.sources().await? {
        if source.enabled {
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
    Ok(queued)
}
