//! What the pipeline is doing and what failed, as `newsbridge status`
//! prints it and `--json` gives it to scripts: objects keyed by name, never
//! positional arrays, every stage and state present (zeros included), so a
//! script reads `.jobs.translate.dead` whatever the database holds. Fields
//! may be added; none is renamed or removed.

use std::collections::BTreeMap;

use anyhow::Result;
use serde::Serialize;
use store::{JobKind, JobState};

/// How many dead jobs are listed.
const DEAD_SHOWN: i64 = 20;

/// `newsbridge status --help`: examples and the JSON shape of
/// [`StatusReport`], which stays stable (fields may be added, none renamed
/// or removed). Kept beside the report so the two change together.
pub const HELP: &str = "Example:
  newsbridge status
  newsbridge status --json | jq .jobs.translate.dead

JSON (--json), one object; every stage and state is present, zeros included:
  {
    \"database\": \"sqlite://data/newsbridge.db\",
    \"sources\": 3,
    \"source_health\": [{\"id\": 1, \"name\": \"...\", \"url\": \"...\", \"health\": \"unhealthy\",
                       \"reason\": \"...\", \"since\": 1765100000000, \"recovered_at\": null,
                       \"last_entries\": 0, \"note\": \"...\"}],
    \"jobs\": {\"poll\": {\"queued\": 0, \"running\": 0, \"done\": 12, \"dead\": 0}, ...},
    \"articles\": {\"classified\": 40, ...},
    \"translations\": {\"en\": {\"published\": 38, \"held\": 2}, ...},
    \"dead_jobs\": [{\"id\": 7, \"kind\": \"fetch\", \"attempts\": 5,
                   \"payload\": \"...\", \"last_error\": \"...\"}]
  }
dead_jobs lists the latest 20.";

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

/// The report as `newsbridge status` prints it: the database, sources (the
/// unhealthy ones named), a table of jobs per stage and state, articles and
/// translations by state, and the latest dead jobs; every line ends with a
/// newline.
impl std::fmt::Display for StatusReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "database: {}", self.database)?;
        let unhealthy: Vec<&SourceHealthReport> = self
            .source_health
            .iter()
            .filter(|s| s.health == store::SourceHealth::Unhealthy)
            .collect();
        if unhealthy.is_empty() {
            writeln!(f, "sources: {} (none unhealthy)", self.sources)?;
        } else {
            writeln!(
                f,
                "sources: {} ({} unhealthy; `newsbridge sources show ID` for more)",
                self.sources,
                unhealthy.len()
            )?;
            for s in unhealthy {
                writeln!(
                    f,
                    "  #{} {} — unhealthy: {}",
                    s.id,
                    s.url,
                    s.reason.as_deref().unwrap_or("no reason recorded")
                )?;
            }
        }
        write!(f, "{:<10}", "stage")?;
        for state in JobState::ALL {
            write!(f, "{:>9}", state.as_str())?;
        }
        writeln!(f)?;
        for kind in JobKind::ALL {
            write!(f, "{:<10}", kind.as_str())?;
            let states = self.jobs.get(kind.as_str());
            for state in JobState::ALL {
                let n = states.and_then(|s| s.get(state.as_str())).copied();
                write!(f, "{:>9}", n.unwrap_or(0))?;
            }
            writeln!(f)?;
        }
        let articles: Vec<String> = self
            .articles
            .iter()
            .map(|(s, n)| format!("{s} {n}"))
            .collect();
        if articles.is_empty() {
            writeln!(f, "articles: none")?;
        } else {
            writeln!(f, "articles: {}", articles.join(", "))?;
        }
        for (lang, states) in &self.translations {
            let states: Vec<String> = states.iter().map(|(s, n)| format!("{s} {n}")).collect();
            writeln!(f, "  {lang}: {}", states.join(", "))?;
        }
        if self.dead_jobs.is_empty() {
            return writeln!(f, "dead jobs: none");
        }
        writeln!(
            f,
            "dead jobs (latest {}; retry with `newsbridge status --retry-dead`):",
            self.dead_jobs.len()
        )?;
        for d in &self.dead_jobs {
            writeln!(
                f,
                "  #{} {} after {} attempts: {} — {}",
                d.id,
                d.kind,
                d.attempts,
                d.payload,
                d.last_error.as_deref().unwrap_or("no reason recorded")
            )?;
        }
        Ok(())
    }
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

#[cfg(test)]
mod tests {
    #[test]
    fn the_help_names_every_field_and_the_dead_jobs_shown() {
        assert!(super::HELP.ends_with(&format!("latest {}.", super::DEAD_SHOWN)));
        for field in [
            "database",
            "sources",
            "source_health",
            "jobs",
            "articles",
            "translations",
            "dead_jobs",
        ] {
            assert!(super::HELP.contains(&format!("\"{field}\":")), "{field}");
        }
    }

    #[tokio::test]
    async fn an_empty_database_reads_as_zeros_and_nones() {
        let (store, _db) = store::testing::sqlite().await.unwrap();
        let report = super::report(&store, "sqlite://test.db").await.unwrap();
        let text = report.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "database: sqlite://test.db");
        assert_eq!(lines[1], "sources: 0 (none unhealthy)");
        assert!(
            lines[2].starts_with("stage") && lines[2].contains("dead"),
            "{text}"
        );
        assert_eq!(lines.len(), 3 + store::JobKind::ALL.len() + 2, "{text}");
        assert!(
            lines[3].starts_with("poll") && lines[3].ends_with(" 0"),
            "{text}"
        );
        assert_eq!(lines[lines.len() - 2], "articles: none");
        assert_eq!(lines[lines.len() - 1], "dead jobs: none");
        assert!(text.ends_with('\n'));
    }
}
