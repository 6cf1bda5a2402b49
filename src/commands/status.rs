//! `newsbridge status`: what the pipeline is doing and what failed.

use std::collections::BTreeMap;

use anyhow::Result;
use store::{JobKind, JobState};

use crate::config::Config;

/// Prints the status (or retries dead jobs first).
pub async fn run(config: Config, json: bool, retry_dead: bool) -> Result<()> {
    let store = crate::app::open_store(&config).await?;
    if retry_dead {
        let n = store.retry_all_dead().await?;
        println!("requeued {n} dead jobs");
    }
    print(&store, json).await
}

/// Prints jobs per stage and state, articles, translations and the latest dead jobs.
pub async fn print(store: &store::Store, json: bool) -> Result<()> {
    let status = store.pipeline_status(20).await?;
    if json {
        println!("{}", serde_json::to_string_pretty(&status)?);
        return Ok(());
    }
    let mut table: BTreeMap<&str, BTreeMap<&str, i64>> = BTreeMap::new();
    for c in &status.jobs {
        *table
            .entry(c.kind.as_str())
            .or_default()
            .entry(c.state.as_str())
            .or_default() += c.count;
    }
    println!("sources: {}", status.sources);
    print!("{:<10}", "stage");
    for state in JobState::ALL {
        print!("{:>9}", state.as_str());
    }
    println!();
    for kind in JobKind::ALL {
        print!("{:<10}", kind.as_str());
        for state in JobState::ALL {
            let n = table
                .get(kind.as_str())
                .and_then(|s| s.get(state.as_str()))
                .copied()
                .unwrap_or(0);
            print!("{n:>9}");
        }
        println!();
    }
    let articles: Vec<String> = status
        .articles
        .iter()
        .map(|(s, n)| format!("{s} {n}"))
        .collect();
    println!(
        "articles: {}",
        if articles.is_empty() {
            "none".into()
        } else {
            articles.join(", ")
        }
    );
    let mut by_lang: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (lang, state, n) in &status.translations {
        by_lang
            .entry(lang.as_str())
            .or_default()
            .push(format!("{state} {n}"));
    }
    for (lang, states) in by_lang {
        println!("  {lang}: {}", states.join(", "));
    }
    if status.dead.is_empty() {
        println!("dead jobs: none");
    } else {
        println!(
            "dead jobs (latest {}; retry with `newsbridge status --retry-dead`):",
            status.dead.len()
        );
        for d in &status.dead {
            println!(
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
