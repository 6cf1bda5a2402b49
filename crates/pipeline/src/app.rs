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
    /// Mirrored pictures (`[images]`); `None` when turned off.
    pub images: Option<Arc<crate::imaging::Imaging>>,
}

impl App {
    /// Opens the database (creating and migrating it) and builds the fetcher.
    pub async fn open(config: Config) -> Result<App> {
        let store = open_store(&config).await?;
        App::with_store(config, store).await
    }

    /// Like [`App::open`], for commands that work on what is stored: a
    /// database that does not exist is an error, not created.
    pub async fn open_existing(config: Config) -> Result<App> {
        let store = open_existing_store(&config).await?;
        App::with_store(config, store).await
    }

    async fn with_store(config: Config, store: store::Store) -> Result<App> {
        let fetcher = build_fetcher(&config)?;
        crate::sections::seed(&store).await?;
        let images = crate::imaging::Imaging::open(&config.images, &config.data_dir)?;
        Ok(App {
            config: Arc::new(config),
            store,
            fetcher,
            classifier: Arc::default(),
            stories: Arc::default(),
            images,
        })
    }
}

/// Opens and migrates the configured database, creating it when it does not
/// exist yet (for commands that add: `migrate`, `import`, `sources add`,
/// `users add`, `ingest`, `run`…), with errors that say what to do.
pub async fn open_store(config: &Config) -> Result<store::Store> {
    let url = config.database_url();
    if config.database_url.is_none() {
        config.ensure_data_dir()?;
    }
    if let Some(file) = sqlite_file(&url) {
        if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
            if !dir.is_dir() {
                anyhow::bail!(
                    "cannot create the database {}: the directory {} does not exist; create it, or set database_url (or DATABASE_URL) to a file in an existing directory",
                    file.display(),
                    dir.display()
                );
            }
        }
    }
    let store = store::Store::open(&url)
        .await
        .with_context(|| format!("cannot open the database {}", store::redact(&url)))?;
    Ok(store)
}

/// Opens the configured database for a command that reads or changes what
/// is there (`status`, `sources list`, `users list`…): a SQLite file that
/// does not exist is an error naming it, never created.
pub async fn open_existing_store(config: &Config) -> Result<store::Store> {
    let url = config.database_url();
    if let Some(file) = sqlite_file(&url) {
        if !file.is_file() {
            anyhow::bail!(
                "there is no database {} (from {}); run this command where your newsbridge.toml is, pass --config FILE, or create the database with `newsbridge migrate`",
                file.display(),
                if config.database_url.is_some() {
                    "database_url"
                } else {
                    "data_dir"
                }
            );
        }
    }
    open_store(config).await
}

/// The file a `sqlite:` URL names (None for other databases and in-memory SQLite).
pub fn sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && !path.contains(":memory:")).then(|| std::path::PathBuf::from(path))
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

#[cfg(test)]
mod tests {
    use super::sqlite_file;
    use std::path::PathBuf;

    #[test]
    fn the_sqlite_file_is_read_from_every_url_form() {
        assert_eq!(
            sqlite_file("sqlite://data/newsbridge.db"),
            Some(PathBuf::from("data/newsbridge.db"))
        );
        assert_eq!(
            sqlite_file("sqlite:///srv/nb.db?mode=rwc"),
            Some(PathBuf::from("/srv/nb.db"))
        );
        assert_eq!(sqlite_file("sqlite:nb.db"), Some(PathBuf::from("nb.db")));
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://nb@db/nb"), None);
    }
}
