//! The demo: the bundled sample publisher served on loopback, ingested over
//! real HTTP into a fresh data directory, with the human translations of its
//! articles in the translation memory and a desk account.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{bail, Context, Result};

use crate::app::App;
use crate::config::{Config, DEMO_CONFIG_NAME};
use crate::demo_translations::Imported;

/// Languages the demo shows: those the bundled human translations cover.
pub const DEMO_LANGUAGES: &[&str] = &["vi", "en", "fr"];

/// The desk account every demo starts with.
pub const DESK_USER: &str = "demo";

/// What a demo's data directory holds besides the database files.
const DEMO_FILES: &[&str] = &[
    "images",
    "search",
    "stories",
    "portal.secret",
    "section-classifier.json",
    DEMO_CONFIG_NAME,
];

/// How the demo is set up.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    /// The data directory, wiped first (refused unless it holds only a demo's files).
    pub data_dir: PathBuf,
    /// Where the portal will listen.
    pub listen: String,
    /// Generated articles added to the bundled ones.
    pub generated: usize,
}

/// A demo set up and ready to ingest.
pub struct Demo {
    /// The opened application on the demo's data directory.
    pub app: App,
    /// The sample publisher, as served.
    pub site: Arc<sample_publisher::Site>,
    /// Where the sample publisher listens.
    pub site_addr: SocketAddr,
    /// The configuration file written into the data directory.
    pub config_file: PathBuf,
    /// The desk account's password, shown once.
    pub desk_password: String,
    /// The human translations imported into the memory.
    pub imported: Imported,
    /// The sample publisher's server task (it runs until the process ends).
    pub site_server: tokio::task::JoinHandle<()>,
}

/// Wipes the data directory, starts the sample publisher on loopback, opens
/// the application with the demo's settings, and imports the human translations.
/// The sample publisher refuses hot-linked pictures (403 to a `Referer` of
/// another origin); the image stage mirrors them, so the demo shows them.
pub async fn set_up(options: &DemoOptions) -> Result<Demo> {
    prepare_data_dir(&options.data_dir)?;
    let site = sample_publisher::Site::bundled()
        .context("the bundled sample publisher is invalid")?
        .with_generated(options.generated);
    // Like Vietnamese publishers, it answers 403 to a picture requested
    // from another site's page: the portal shows only its own copies.
    site.set_refuse_hotlinks(true);
    let site = Arc::new(site);
    let (site_addr, site_server) = sample_publisher::spawn(site.clone())
        .await
        .context("cannot start the sample publisher on 127.0.0.1")?;

    let mut config = Config {
        data_dir: options.data_dir.clone(),
        database_url: None,
        ..Config::default()
    };
    config.server.listen = options.listen.clone();
    config.site.base_url = format!("http://{}", options.listen);
    config.site.languages = DEMO_LANGUAGES.iter().map(|s| s.to_string()).collect();
    // The sample publisher is ours and on loopback: allow exactly its address, no politeness delay.
    config.ingest.allow = vec![site_addr.to_string()];
    config.ingest.host_delay_ms = 0;
    config.validate()?;
    let config_file = write_config(&config)?;

    let app = App::open(config).await?;
    let desk_password = add_desk_user(&app.store).await?;
    let imported =
        crate::demo_translations::import(&app.store, &site, &app.config.site.source_language)
            .await?;
    Ok(Demo {
        app,
        site,
        site_addr,
        config_file,
        desk_password,
        imported,
        site_server,
    })
}

impl Demo {
    /// Adds the sample publisher's sitemap as a source and runs the pipeline
    /// until no job is left; returns the number of jobs run.
    pub async fn ingest(&self) -> Result<usize> {
        let app = &self.app;
        let sitemap = format!("http://{}/sitemap.xml", self.site_addr);
        let mut settings =
            ingest::SourceSettings::new(ingest::SourceKind::Sitemap, sitemap.clone());
        settings.credit = Some("Báo Sông Hồng (sample publisher)".into());
        // The sitemap index also lists section pages; articles are the .html pages.
        settings.include = vec![r"\.html$".into()];
        app.store
            .add_source(
                "Báo Sông Hồng",
                store::SourceKind::Sitemap,
                &sitemap,
                &serde_json::to_value(&settings)?,
            )
            .await?;
        crate::stages::queue_polls(app, false).await?;
        let mut ran = crate::stages::drain(app, app.config.workers.concurrency).await?;
        // A job that failed for a passing reason (a locked database) waits
        // for its retry: run the retries due within a minute, so the portal
        // opens with every article's pictures, not most of them.
        let deadline = store::now_ms() + RETRY_WAIT_MS;
        while let Some(due) = app.store.next_run_at().await? {
            if due > deadline {
                break;
            }
            let wait = u64::try_from(due - store::now_ms()).unwrap_or(0);
            tokio::time::sleep(std::time::Duration::from_millis(wait)).await;
            ran += crate::stages::drain(app, app.config.workers.concurrency).await?;
        }
        Ok(ran)
    }
}

/// How long [`Demo::ingest`] waits for jobs retried after a passing failure.
const RETRY_WAIT_MS: i64 = 60_000;

/// Adds the demo's admin account with a random password, returned to be shown once.
async fn add_desk_user(store: &store::Store) -> Result<String> {
    use rand::distributions::{Alphanumeric, DistString};
    let password = Alphanumeric.sample_string(&mut rand::thread_rng(), 20);
    let hash = web::hash_password(&password)
        .map_err(|e| anyhow::anyhow!("cannot hash the demo's desk password: {e}"))?;
    store
        .add_user(DESK_USER, &hash, store::Role::Admin, &[])
        .await
        .context("cannot add the demo's desk account")?;
    Ok(password)
}

/// Writes the demo's configuration into its data directory, with the data
/// directory as an absolute path: commands run in this directory (or given
/// `--config` with this file) then reach the demo's database.
fn write_config(config: &Config) -> Result<PathBuf> {
    let mut saved = config.clone();
    saved.data_dir = std::path::absolute(&config.data_dir)
        .with_context(|| format!("cannot resolve {}", config.data_dir.display()))?;
    let path = config.data_dir.join(DEMO_CONFIG_NAME);
    let text = format!(
        "# Written by `newsbridge demo` (replaced at each start): the demo's settings, read by\n\
         # the commands run in this directory while there is no newsbridge.toml.\n\n{}",
        toml::to_string(&saved).context("cannot write the demo's configuration")?
    );
    std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}

/// The demo wipes its data directory, so refuse anything that is not a demo's.
fn prepare_data_dir(dir: &Path) -> Result<()> {
    if dir.exists() {
        let foreign = std::fs::read_dir(dir)
            .with_context(|| format!("cannot read {}", dir.display()))?
            .filter_map(|e| e.ok())
            .any(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                !(name.starts_with("newsbridge.db") || DEMO_FILES.contains(&name.as_str()))
            });
        if foreign {
            bail!(
                "{} holds files that are not a demo's; pass another --data-dir (the demo wipes its directory)",
                dir.display()
            );
        }
        std::fs::remove_dir_all(dir).with_context(|| format!("cannot clear {}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))
}

impl Demo {
    /// What the demo says once set up: where the sample publisher listens and
    /// what the translation memory holds (two lines, each ending with a newline).
    pub fn banner(&self) -> String {
        format!(
            "sample publisher: http://{}/\ntranslation memory: {} human-translated sentences imported (en, fr; {} units not aligned)\n",
            self.site_addr, self.imported.segments, self.imported.unaligned
        )
    }
}

/// How to run the other commands on the demo's data (`data_dir`, its
/// configuration `config_file`): from this directory they find it by
/// themselves while there is no newsbridge.toml here; from elsewhere they
/// need `--config`.
pub fn cli_hint(data_dir: &Path, config_file: &Path) -> String {
    let config_file =
        std::path::absolute(config_file).unwrap_or_else(|_| config_file.to_path_buf());
    if data_dir == Path::new(crate::config::DEMO_DATA_DIR) {
        format!(
            "commands run in this directory use the demo's data while there is no newsbridge.toml here\n  \
             (e.g. `newsbridge status`, `newsbridge users list`); from elsewhere: newsbridge --config {} status",
            config_file.display()
        )
    } else {
        format!(
            "other commands reach the demo's data with: newsbridge --config {} status",
            config_file.display()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hint_names_the_configuration_outside_the_default_directory() {
        let default = Path::new(crate::config::DEMO_DATA_DIR);
        let hint = cli_hint(default, &default.join("demo.toml"));
        assert!(hint.starts_with("commands run in this directory"), "{hint}");
        let hint = cli_hint(Path::new("/tmp/d"), Path::new("/tmp/d/demo.toml"));
        assert_eq!(
            hint,
            "other commands reach the demo's data with: newsbridge --config /tmp/d/demo.toml status"
        );
    }

    #[test]
    fn a_directory_with_foreign_files_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let precious = dir.path().join("thesis.odt");
        std::fs::write(&precious, b"years of work").expect("written");
        let err = prepare_data_dir(dir.path()).expect_err("refused");
        assert!(err.to_string().contains("--data-dir"), "{err}");
        assert!(precious.exists(), "nothing was deleted");
    }

    #[test]
    fn a_previous_demo_directory_is_wiped() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        std::fs::write(dir.path().join("newsbridge.db-wal"), b"old").expect("written");
        std::fs::create_dir(dir.path().join("search")).expect("created");
        std::fs::create_dir(dir.path().join("images")).expect("created");
        prepare_data_dir(dir.path()).expect("a demo's directory is wiped");
        assert_eq!(std::fs::read_dir(dir.path()).expect("readable").count(), 0);
    }
}
