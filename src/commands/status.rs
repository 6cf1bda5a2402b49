//! `newsbridge status`: which database, what the pipeline is doing and what
//! failed; `--json` prints [`pipeline::status::StatusReport`].

use anyhow::Result;

use pipeline::config::Config;
use pipeline::status::{report, SourceHealthReport};
use store::{JobKind, JobState};

/// Prints the status (or retries dead jobs first).
pub async fn run(config: Config, json: bool, retry_dead: bool) -> Result<()> {
    let store = pipeline::app::open_existing_store(&config).await?;
    if retry_dead {
        let n = store.retry_all_dead().await?;
        outln!("requeued {n} dead jobs");
    }
    print(&store, &store::redact(&config.database_url()), json).await
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
