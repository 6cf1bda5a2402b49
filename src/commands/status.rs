//! `newsbridge status`: which database, what the pipeline is doing and what failed.
//!
//! `--json` prints one [`StatusReport`]: objects keyed by name, never
//! positional arrays, every stage and state present (zeros included), so a
//! script reads `.jobs.translate.dead` whatever the database holds. Fields
//! may be added; none is renamed or removed.

use std::collections::BTreeMap;

use anyhow::Result;
use serde::Serialize;
use store::{JobKind, JobState};

use pipeline::config::Config;

/// How many dead jobs are listed.
const DEAD_SHOWN: i64 = 20;

/// What `newsbridge status --json` prints.
#[derive(Debug, Serialize)]
pub struct StatusReport {
    /// The database read (its URL, password hidden).
    pub database: String,
    /// Sources configured.
    pub sources: i64,
    /// Every source's health: whether its polls still bring articles, and why not.
    pub source_health: Vec<SourceHealthReport>,
    /// Jobs per stage, then per state: every stage and state, zeros included.
    pub jobs: BTreeMap<&'static str, BTreeMap<&'static str, i64>>,
    /// Articles per status (only statuses that occur).
    pub articles: BTreeMap<String, i64>,
    /// Language versions per language, then per status (only those that occur).
    pub translations: BTreeMap<String, BTreeMap<String, i64>>,
    /// The latest dead jobs, newest first.
    pub dead_jobs: Vec<store::DeadJob>,
}

/// One source's health in [`StatusReport`].
#[derive(Debug, Serialize)]
pub struct SourceHealthReport {
    /// Source id.
    pub id: i64,
    /// Its name (the publisher).
    pub name: String,
    /// Its URL.
    pub url: String,
    /// `unknown` (not polled yet), `healthy` or `unhealthy`.
    pub health: store::SourceHealth,
    /// Why it is unhealthy.
    pub reason: Option<String>,
    /// When the state last changed (ms since the epoch).
    pub since: Option<i64>,
    /// When it last recovered from being unhealthy (ms since the epoch).
    pub recovered_at: Option<i64>,
    /// Entries its last read document listed.
    pub last_entries: Option<i64>,
    /// What the reader repaired or ignored in that document.
    pub note: Option<String>,
}

/// Prints the status (or retries dead jobs first).
pub async fn run(config: Config, json: bool, retry_dead: bool) -> Result<()> {
    let store = pipeline::app::open_existing_store(&config).await?;
    if retry_dead {
        let n = store.retry_all_dead().await?;
        outln!("requeued {n} dead jobs");
    }
    print(&store, &store::redact(&config.database_url()), json).await
}

/// Reads the status of `store` (named `database` in the report).
pub async fn report(store: &store::Store, database: &str) -> Result<StatusReport> {
    let status = store.pipeline_status(DEAD_SHOWN).await?;
    let mut jobs: BTreeMap<&'static str, BTreeMap<&'static str, i64>> = JobKind::ALL
        .iter()
        .map(|k| {
            (
                k.as_str(),
                JobState::ALL.iter().map(|s| (s.as_str(), 0)).collect(),
            )
        })
        .collect();
    for c in &status.jobs {
        let kind = JobKind::ALL.iter().find(|k| k.as_str() == c.kind);
        let state = JobState::ALL.iter().find(|s| s.as_str() == c.state);
        if let (Some(kind), Some(state)) = (kind, state) {
            *jobs
                .entry(kind.as_str())
                .or_default()
                .entry(state.as_str())
                .or_default() += c.count;
        }
    }
    let mut translations: BTreeMap<String, BTreeMap<String, i64>> = BTreeMap::new();
    for (lang, state, n) in status.translations {
        *translations
            .entry(lang)
            .or_default()
            .entry(state)
            .or_default() += n;
    }
    let source_health = store
        .sources()
        .await?
        .into_iter()
        .map(|s| SourceHealthReport {
            id: s.id,
            name: s.name,
            url: s.url,
            health: s.health,
            reason: s.health_reason,
            since: s.health_since,
            recovered_at: s.recovered_at,
            last_entries: s.last_entries,
            note: s.last_note,
        })
        .collect();
    Ok(StatusReport {
        database: database.to_string(),
        sources: status.sources,
        source_health,
        jobs,
        articles: status.articles.into_iter().collect(),
        translations,
        dead_jobs: status.dead,
    })
}

/// Prints the database, jobs per stage and state, articles, translations and the latest dead jobs.
pub async fn print(store: &store::Store, database: &str, json: bool) -> Result<()> {
    let report = report(store, database).await?;
    if json {
        outln!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(());
    }
    outln!("database: {}", report.database);
    let unhealthy: Vec<&SourceHealthReport> = report
        .source_health
        .iter()
        .filter(|s| s.health == store::SourceHealth::Unhealthy)
        .collect();
    if unhealthy.is_empty() {
        outln!("sources: {} (none unhealthy)", report.sources);
    } else {
        outln!(
            "sources: {} ({} unhealthy; `newsbridge sources show ID` for more)",
            report.sources,
            unhealthy.len()
        );
        for s in unhealthy {
            outln!(
                "  #{} {} — unhealthy: {}",
                s.id,
                s.url,
                s.reason.as_deref().unwrap_or("no reason recorded")
            );
        }
    }
    out!("{:<10}", "stage");
    for state in JobState::ALL {
        out!("{:>9}", state.as_str());
    }
    outln!();
    for kind in JobKind::ALL {
        out!("{:<10}", kind.as_str());
        let states = report.jobs.get(kind.as_str());
        for state in JobState::ALL {
            let n = states.and_then(|s| s.get(state.as_str())).copied();
            out!("{:>9}", n.unwrap_or(0));
        }
        outln!();
    }
    let articles: Vec<String> = report
        .articles
        .iter()
        .map(|(s, n)| format!("{s} {n}"))
        .collect();
    outln!(
        "articles: {}",
        if articles.is_empty() {
            "none".into()
        } else {
            articles.join(", ")
        }
    );
    for (lang, states) in &report.translations {
        let states: Vec<String> = states.iter().map(|(s, n)| format!("{s} {n}")).collect();
        outln!("  {lang}: {}", states.join(", "));
    }
    if report.dead_jobs.is_empty() {
        outln!("dead jobs: none");
    } else {
        outln!(
            "dead jobs (latest {}; retry with `newsbridge status --retry-dead`):",
            report.dead_jobs.len()
        );
        for d in &report.dead_jobs {
            outln!(
                "  #{} {} after {} attempts: {} — {}",
                d.id,
                d.kind,
                d.attempts,
                d.payload,
                d.last_error.as_deref().unwrap_or("no reason recorded")
            );
        }
    }
    Ok(())
}
