//! `newsbridge status`: which database, what the pipeline is doing and what
//! failed ([`pipeline::status::StatusReport`], as text or `--json`).

use anyhow::Result;

use pipeline::config::Config;

/// Prints the status (or retries dead jobs first).
pub async fn run(config: Config, json: bool, retry_dead: bool) -> Result<()> {
    let store = pipeline::app::open_existing_store(&config).await?;
    if retry_dead {
        let n = store.retry_all_dead().await?;
        outln!("requeued {n} dead jobs");
    }
    print(&store, &config, json).await
}

/// Prints the status report of `store`, the database of `config`.
pub async fn print(store: &store::Store, config: &Config, json: bool) -> Result<()> {
    let database = store::redact(&config.database_url());
    let report = pipeline::status::report(store, &database).await?;
    if json {
        outln!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        out!("{report}");
    }
    Ok(())
}
