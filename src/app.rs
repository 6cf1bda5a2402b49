//! Everything a command needs, built once from the configuration.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};

use crate::config::Config;

/// The running system: configuration, database and the shared HTTP fetcher.
#[derive(Clone)]
pub struct App {
    /// The validated configuration.
    pub config: Arc<Config>,
    /// The database.
    pub store: store::Store,
    /// The polite, guarded fetcher shared by every job.
    pub fetcher: ingest::Fetcher,
    /// The section classifier trained by `newsbridge sections retrain`.
    pub classifier: Arc<crate::sections::ClassifierCache>,
    /// Story assignment, opened by the first classify job of this process.
    pub stories: Arc<tokio::sync::OnceCell<Option<Arc<crate::stories::Stories>>>>,
}

impl App {
    /// Opens the database (migrating it) and builds the fetcher.
    pub async fn open(config: Config) -> Result<App> {
        let store = open_store(&config).await?;
        let fetcher = build_fetcher(&config)?;
        crate::sections::seed(&store).await?;
        Ok(App {
            config: Arc::new(config),
            store,
            fetcher,
            classifier: Arc::default(),
            stories: Arc::default(),
        })
    }
}

/// Opens and migrates the configured database, with errors that say what to do.
pub async fn open_store(config: &Config) -> Result<store::Store> {
    let url = config.database_url();
    if config.database_url.is_none() {
        config.ensure_data_dir()?;
    }
    let store = store::Store::open(&url)
        .await
        .with_context(|| format!("cannot open the database {}", store::redact(&url)))?;
    Ok(store)
}

/// The fetcher as configured (User-Agent, allow-list, politeness, limits).
pub fn build_fetcher(config: &Config) -> Result<ingest::Fetcher> {
    let allow = ingest::AllowList::parse(&config.ingest.allow).context("invalid ingest.allow")?;
    let fetcher_config = ingest::FetcherConfig {
        contact_url: config.ingest.contact_url.clone(),
        allow,
        min_host_delay: Duration::from_millis(config.ingest.host_delay_ms),
        max_body_bytes: config.ingest.max_body_bytes,
        obey_robots: config.ingest.obey_robots,
        ..ingest::FetcherConfig::default()
    };
    ingest::Fetcher::new(fetcher_config).context("cannot set up the HTTP client")
}
