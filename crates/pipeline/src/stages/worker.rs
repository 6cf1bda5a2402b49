//! Workers: lease a job, run its handler, record the outcome; repeat.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;
use store::{Job, JobKind};
use tokio::sync::watch;
use tracing::Instrument;

use super::{classify, extract, fetch, poll, publish, translate, StageError};
use crate::app::App;
use crate::metrics::JobOutcome;
use crate::stages::translate::Translators;

/// How workers behave.
#[derive(Debug, Clone)]
pub struct WorkerOptions {
    /// Jobs run at the same time.
    pub concurrency: usize,
    /// Which stages this process runs.
    pub kinds: Vec<JobKind>,
}

/// Shared state of the workers of one process.
pub struct Context {
    /// The configuration, store and shared handles.
    pub app: App,
    /// One translator per target language, built on first use.
    pub translators: Translators,
    /// This process's measurements (job durations and outcomes, translated segments).
    pub metrics: crate::metrics::Metrics,
    /// Jobs this process holds a lease on: given back if shutdown cannot wait for them.
    pub held: std::sync::Mutex<std::collections::HashMap<i64, Job>>,
    /// The data directory was found unwritable (said once, until it is writable again).
    unwritable: std::sync::atomic::AtomicBool,
}

impl Context {
    fn new(app: App, translators: Translators, metrics: crate::metrics::Metrics) -> Context {
        Context {
            app,
            translators,
            metrics,
            held: Default::default(),
            unwritable: Default::default(),
        }
    }

    /// A failed lease: when the SQLite data directory cannot be written (a
    /// read-only mount, a full disk), says so once in words, naming the
    /// directory and what to do; other errors are logged as they come.
    fn write_failed(&self, what: &'static str, error: &anyhow::Error) {
        use std::sync::atomic::Ordering;
        match unwritable_data_dir(&self.app, error) {
            Some(reason) => {
                if !self.unwritable.swap(true, Ordering::Relaxed) {
                    tracing::error!(
                        data_dir = %self.app.config.data_dir.display(),
                        "{reason}; pages are still served, but no job can run until it is writable again: free space, or `mount -o remount,rw` it (a file system that turned read-only after an error needs a check first: stop newsbridge, unmount, fsck, mount, start); writes resume by themselves once it is writable: {error:#}"
                    );
                }
            }
            None => tracing::warn!(error = %format!("{error:#}"), "{what}"),
        }
    }

    /// A lease went through: if the data directory had been unwritable, say it recovered.
    fn lease_worked(&self) {
        use std::sync::atomic::Ordering;
        if self.unwritable.load(Ordering::Relaxed) && self.unwritable.swap(false, Ordering::Relaxed)
        {
            tracing::warn!(
                data_dir = %self.app.config.data_dir.display(),
                "the data directory is writable again: jobs run again"
            );
        }
    }

    fn hold(&self, job: &Job) {
        if let Ok(mut held) = self.held.lock() {
            held.insert(job.id, job.clone());
        }
    }

    fn unhold(&self, job: &Job) {
        if let Ok(mut held) = self.held.lock() {
            held.remove(&job.id);
        }
    }

    /// Gives every job still held back to the queue (their handlers were stopped).
    async fn release_held(&self) {
        let jobs: Vec<Job> = match self.held.lock() {
            Ok(mut held) => held.drain().map(|(_, job)| job).collect(),
            Err(_) => return,
        };
        for job in jobs {
            match self.app.store.release(&job).await {
                Ok(true) => {
                    tracing::info!(id = job.id, kind = %job.kind, "job handed back to the queue")
                }
                Ok(false) => {}
                Err(e) => {
                    tracing::warn!(id = job.id, error = %e, "cannot hand the job back; its lease will expire")
                }
            }
        }
    }
}

/// How often a worker that files stories looks for stories to merge.
const STORY_MERGE_EVERY: Duration = Duration::from_secs(10 * 60);
/// How often a worker recounts the section and author list sizes (a safety
/// net: the store keeps them exact as versions change); the first recount
/// is an hour after the worker starts.
const LIST_RECONCILE_EVERY: Duration = Duration::from_secs(24 * 3600);
const LIST_RECONCILE_FIRST: Duration = Duration::from_secs(3600);

/// Runs workers until `shutdown` turns true; also schedules due source polls.
/// Job runs and translated segments are recorded in `metrics`.
pub async fn run_workers(
    app: App,
    options: WorkerOptions,
    metrics: crate::metrics::Metrics,
    mut shutdown: watch::Receiver<bool>,
) -> Result<()> {
    let ctx = Arc::new(Context::new(
        app.clone(),
        Translators::from_config(&app).await?,
        metrics,
    ));
    let mut tasks = Vec::new();
    for n in 0..options.concurrency.max(1) {
        let ctx = ctx.clone();
        let kinds = options.kinds.clone();
        let mut stop = shutdown.clone();
        tasks.push(tokio::spawn(async move {
            loop {
                if *stop.borrow() {
                    break;
                }
                match run_one(&ctx, &kinds).await {
                    Ok(true) => {
                        ctx.lease_worked();
                        continue;
                    }
                    Ok(false) => ctx.lease_worked(),
                    Err(e) => {
                        let _worker = tracing::info_span!("worker", n).entered();
                        ctx.write_failed("worker could not lease a job", &e);
                    }
                }
                tokio::select! {
                    _ = tokio::time::sleep(Duration::from_millis(300)) => {}
                    _ = stop.changed() => {}
                }
            }
        }));
    }
    let schedules_polls = options.kinds.contains(&JobKind::Poll);
    // Workers that file stories also mend them: merging stories that are one event.
    let merges_stories = options.kinds.contains(&JobKind::Classify);
    // Workers that publish also check the kept list sizes now and then.
    let reconciles_lists = options.kinds.contains(&JobKind::Publish);
    let scheduler = {
        let ctx = ctx.clone();
        let mut stop = shutdown.clone();
        tokio::spawn(async move {
            let mut next_merge = tokio::time::Instant::now() + STORY_MERGE_EVERY;
            let mut next_reconcile = tokio::time::Instant::now() + LIST_RECONCILE_FIRST;
            loop {
                if reconciles_lists && tokio::time::Instant::now() >= next_reconcile {
                    next_reconcile = tokio::time::Instant::now() + LIST_RECONCILE_EVERY;
                    // The store logs any size it had to correct.
                    if let Err(e) = ctx.app.store.reconcile_list_sizes().await {
                        ctx.write_failed("cannot check list sizes", &e.into());
                    }
                }
                if merges_stories && tokio::time::Instant::now() >= next_merge {
                    next_merge = tokio::time::Instant::now() + STORY_MERGE_EVERY;
                    match crate::placement::merge_stories(&ctx.app).await {
                        Ok(0) => {}
                        Ok(n) => tracing::info!(merged = n, "stories merged"),
                        Err(e) => tracing::warn!(error = %format!("{e:#}"), "stories not merged"),
                    }
                }
                if schedules_polls {
                    if let Err(e) = poll::queue_polls(&ctx.app, true).await {
                        ctx.write_failed("cannot schedule polls", &e);
                    }
                }
                if let Err(e) = ctx.app.store.reap_expired_leases().await {
                    ctx.write_failed("cannot recover expired leases", &e.into());
                }
                tokio::select! {
                    _ = tokio::time::sleep(Duration::from_secs(5)) => {}
                    _ = stop.changed() => break,
                }
            }
        })
    };
    let _ = shutdown.wait_for(|stop| *stop).await;
    scheduler.abort();
    // Running jobs get a grace period to finish; then they are stopped and
    // handed back, so another worker takes them at once instead of after the lease.
    let grace = Duration::from_secs(ctx.app.config.workers.shutdown_grace_seconds);
    let deadline = tokio::time::Instant::now() + grace;
    for mut t in tasks {
        if tokio::time::timeout_at(deadline, &mut t).await.is_err() {
            t.abort();
            let _ = t.await;
        }
    }
    ctx.release_held().await;
    Ok(())
}

/// The workers' shared state for a one-off command that runs stage handlers
/// itself (`newsbridge translate`).
pub async fn one_off(app: &App) -> Result<Context> {
    Ok(Context::new(
        app.clone(),
        Translators::from_config(app).await?,
        crate::metrics::Metrics::new(),
    ))
}

/// Runs jobs until none is due and none is running: the `ingest --once` mode.
/// Returns the number of jobs run.
pub async fn drain(app: &App, concurrency: usize) -> Result<usize> {
    let ctx = Arc::new(Context::new(
        app.clone(),
        Translators::from_config(app).await?,
        crate::metrics::Metrics::new(),
    ));
    let done = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..concurrency.max(1) {
        let ctx = ctx.clone();
        let done = done.clone();
        tasks.push(tokio::spawn(async move {
            let mut idle_rounds = 0;
            loop {
                ctx.app.store.reap_expired_leases().await?;
                if run_one(&ctx, &JobKind::ALL).await? {
                    done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    idle_rounds = 0;
                    continue;
                }
                // Nothing due: stop once no other worker is still producing jobs.
                if running_jobs(&ctx.app.store).await? == 0 {
                    idle_rounds += 1;
                    if idle_rounds >= 2 {
                        return anyhow::Ok(());
                    }
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }));
    }
    for t in tasks {
        t.await??;
    }
    Ok(done.load(std::sync::atomic::Ordering::Relaxed))
}

async fn running_jobs(store: &store::Store) -> Result<i64> {
    let status = store.pipeline_status(0).await?;
    let now = store::now_ms();
    let running: i64 = status
        .jobs
        .iter()
        .filter(|c| c.state == "running")
        .map(|c| c.count)
        .sum();
    // Queued jobs due now count as work left too.
    let due = match store.next_run_at().await? {
        Some(t) if t <= now => 1,
        _ => 0,
    };
    Ok(running + due)
}

/// Why the SQLite data directory cannot take writes, when `error` is a write
/// refused by the file system (read-only, full, I/O error) and a probe file
/// cannot be created there either; None for other errors or PostgreSQL.
fn unwritable_data_dir(app: &App, error: &anyhow::Error) -> Option<String> {
    if app.config.database_url.is_some() && !app.config.database_url().starts_with("sqlite:") {
        return None;
    }
    let store_error = error
        .chain()
        .find_map(|e| e.downcast_ref::<store::StoreError>())?;
    match store_error {
        store::StoreError::Full(_)
        | store::StoreError::ReadOnly(_)
        | store::StoreError::Io(_)
        | store::StoreError::Database(_) => {}
        _ => return None,
    }
    let dir = &app.config.data_dir;
    let probe = dir.join(".newsbridge-write-check");
    match std::fs::write(&probe, b"") {
        Ok(()) => {
            let _ = std::fs::remove_file(&probe);
            None
        }
        Err(e) => {
            let db = app.config.database_url();
            let why = match e.raw_os_error() {
                Some(30) => "is read-only (its file system is mounted read-only)".to_string(),
                Some(28) => "is full (no space left on its disk)".to_string(),
                Some(1) | Some(13) => {
                    "cannot be written (permissions or an immutable flag)".to_string()
                }
                _ => format!("cannot be written ({e})"),
            };
            Some(format!(
                "the data directory {} of the database {} {why}",
                dir.display(),
                store::redact(&db)
            ))
        }
    }
}

/// Leases and runs one job; false when none was due.
async fn run_one(ctx: &Context, kinds: &[JobKind]) -> Result<bool> {
    let lease_ms = ctx.app.config.workers.lease_seconds as i64 * 1000;
    let Some(job) = ctx.app.store.lease(kinds, lease_ms).await? else {
        return Ok(false);
    };
    let span = tracing::info_span!("job", id = job.id, kind = %job.kind, attempt = job.attempts);
    ctx.hold(&job);
    let started = std::time::Instant::now();
    let outcome = handle(ctx, &job).instrument(span.clone()).await;
    let took = started.elapsed();
    let policy = ctx.app.config.retry_policy();
    // Recorded inside the job's span, as an instrumented future: a span
    // guard held across `.await` breaks span tracking on a multi-threaded
    // runtime (tracing panics with "tried to clone a span that already closed").
    let recorded = async {
        Ok::<_, anyhow::Error>(match outcome {
            Ok(()) => {
                if ctx.app.store.complete(&job).await? {
                    JobOutcome::Done
                } else {
                    tracing::warn!("lease lost before completion; another worker ran it again");
                    JobOutcome::Lost
                }
            }
            Err(StageError::Retry(e)) => {
                let state = ctx
                    .app
                    .store
                    .fail(&job, &format!("{e:#}"), false, policy)
                    .await?;
                tracing::warn!(error = %format!("{e:#}"), ?state, "job failed");
                if state == store::JobState::Dead {
                    JobOutcome::Dead
                } else {
                    JobOutcome::Retry
                }
            }
            Err(StageError::Dead(e)) => {
                ctx.app
                    .store
                    .fail(&job, &format!("{e:#}"), true, policy)
                    .await?;
                tracing::warn!(error = %format!("{e:#}"), "job failed permanently");
                JobOutcome::Dead
            }
        })
    }
    .instrument(span)
    .await?;
    ctx.metrics.job_finished(job.kind, recorded, took);
    ctx.unhold(&job);
    Ok(true)
}

async fn handle(ctx: &Context, job: &Job) -> super::StageResult {
    let payload_err =
        |e: store::StoreError| super::StageError::dead(anyhow::anyhow!("bad payload: {e}"));
    match job.kind {
        JobKind::Poll => poll::run(&ctx.app, job.payload().map_err(payload_err)?).await,
        JobKind::Fetch => fetch::run(&ctx.app, job.payload().map_err(payload_err)?).await,
        JobKind::Extract => extract::run(&ctx.app, job.payload().map_err(payload_err)?).await,
        JobKind::Classify => classify::run(&ctx.app, job.payload().map_err(payload_err)?).await,
        JobKind::Translate => translate::run(ctx, job.payload().map_err(payload_err)?).await,
        JobKind::Publish => publish::run(&ctx.app, job.payload().map_err(payload_err)?).await,
        JobKind::Revise => translate::revise(ctx, job.payload().map_err(payload_err)?).await,
        // A picture's own failure is recorded on it, never the job's: only the database fails a job.
        JobKind::Images => {
            super::images::run(&ctx.app, &ctx.metrics, job.payload().map_err(payload_err)?)
                .await
                .map_err(super::StageError::Retry)
        }
    }
}
