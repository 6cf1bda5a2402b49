//! `newsbridge ingest --once`: poll every source and drain the pipeline.

use anyhow::Result;

use pipeline::app::App;
use pipeline::config::Config;
use pipeline::stages;

/// Queues a poll of every enabled source, runs every job until none is due,
/// merges stories that turned out to be one event, and prints the status.
pub async fn run(config: Config) -> Result<()> {
    let app = App::open(config).await?;
    let queued = stages::queue_polls(&app, false).await?;
    if queued == 0 && app.store.sources().await?.is_empty() {
        anyhow::bail!("no sources configured; add one with `newsbridge sources add URL`");
    }
    let ran = stages::drain(&app, app.config.workers.concurrency).await?;
    outln!("ran {ran} jobs");
    let merged = pipeline::placement::merge_stories(&app).await?;
    if merged > 0 {
        outln!("merged {merged} stories that were one event");
    }
    super::status::print(&app.store, &app.config, false).await
}
