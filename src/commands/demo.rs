//! `newsbridge demo`: the bundled sample publisher, ingested over real HTTP, on the portal.

use std::sync::Arc;

use anyhow::{bail, Context, Result};

use pipeline::app::App;
use crate::cli::DemoArgs;
use pipeline::config::{Config, DEMO_CONFIG_NAME, DEMO_DATA_DIR};

/// Languages the demo shows: those the bundled human translations cover.
pub const DEMO_LANGUAGES: &[&str] = &["vi", "en", "fr"];

/// Serves the sample site on loopback, ingests it, then serves the portal.
pub async fn run(args: DemoArgs) -> Result<()> {
    prepare_data_dir(&args.data_dir)?;
    let site = sample_publisher::Site::bundled()
        .context("the bundled sample publisher is invalid")?
        .with_generated(args.generated);
    let site = Arc::new(site);
    let (site_addr, _site_server) = sample_publisher::spawn(site.clone())
        .await
        .context("cannot start the sample publisher on 127.0.0.1")?;
    outln!("sample publisher: http://{site_addr}/");

    let mut config = Config {
        data_dir: args.data_dir.clone(),
        database_url: None,
        ..Config::default()
    };
    config.server.listen = args.listen.clone();
    config.site.base_url = format!("http://{}", args.listen);
    config.site.languages = DEMO_LANGUAGES.iter().map(|s| s.to_string()).collect();
    // The sample publisher is ours and on loopback: allow exactly its address, no politeness delay.
    config.ingest.allow = vec![site_addr.to_string()];
    config.ingest.host_delay_ms = 0;
    config.validate()?;
    let config_file = write_config(&config)?;

    let app = App::open(config).await?;
    let password = add_desk_user(&app.store).await?;
    let imported =
        pipeline::demo_translations::import(&app.store, &site, &app.config.site.source_language)
            .await?;
    outln!(
        "translation memory: {} human-translated sentences imported (en, fr; {} units not aligned)",
        imported.segments,
        imported.unaligned
    );
    let sitemap = format!("http://{site_addr}/sitemap.xml");
    let mut settings = ingest::SourceSettings::new(ingest::SourceKind::Sitemap, sitemap.clone());
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
    pipeline::stages::queue_polls(&app, false).await?;
    let started = std::time::Instant::now();
    let ran = pipeline::stages::drain(&app, app.config.workers.concurrency).await?;
    outln!(
        "ingested the sample publisher: {ran} jobs in {:.1}s",
        started.elapsed().as_secs_f64()
    );
    super::status::print(
        &app.store,
        &store::redact(&app.config.database_url()),
        false,
    )
    .await?;
    outln!();
    outln!(
        "desk sign-in: user {DESK_USER}, password {password}  (shown once; a new one at each demo start)"
    );
    outln!("{}", cli_hint(&args.data_dir, &config_file));
    if args.no_serve {
        return Ok(());
    }
    let (tx, rx) = tokio::sync::oneshot::channel();
    let serving = super::serve::serve_app(app, true, true, None, Some(tx));
    tokio::pin!(serving);
    tokio::select! {
        res = &mut serving => return res,
        addr = rx => {
            if let Ok(addr) = addr {
                outln!("\nportal ready: http://{addr}/  desk: http://{addr}/admin/  (Ctrl-C to stop)");
            }
        }
    }
    serving.await
}

/// The desk account every demo starts with.
const DESK_USER: &str = "demo";

/// Adds the demo's admin account with a random password, returned to be shown once.
async fn add_desk_user(store: &store::Store) -> Result<String> {
    use rand::distributions::{Alphanumeric, DistString};
    let password = Alphanumeric.sample_string(&mut rand::thread_rng(), 20);
    let hash = super::users::hash_password(&password)?;
    store
        .add_user(DESK_USER, &hash, store::Role::Admin, &[])
        .await
        .context("cannot add the demo's desk account")?;
    Ok(password)
}

/// Writes the demo's configuration into its data directory, with the data
/// directory as an absolute path: commands run in this directory (or given
/// `--config` with this file) then reach the demo's database.
fn write_config(config: &Config) -> Result<std::path::PathBuf> {
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

/// How to run the other commands on the demo's data.
fn cli_hint(data_dir: &std::path::Path, config_file: &std::path::Path) -> String {
    if data_dir == std::path::Path::new(DEMO_DATA_DIR) {
        format!(
            "commands run in this directory use the demo's data while there is no newsbridge.toml here\n  \
             (e.g. `newsbridge status`, `newsbridge users list`); from elsewhere: newsbridge --config {} status",
            std::path::absolute(config_file)
                .unwrap_or_else(|_| config_file.to_path_buf())
                .display()
        )
    } else {
        format!(
            "other commands reach the demo's data with: newsbridge --config {} status",
            std::path::absolute(config_file)
                .unwrap_or_else(|_| config_file.to_path_buf())
                .display()
        )
    }
}

/// What a demo's data directory holds besides the database files.
const DEMO_FILES: &[&str] = &[
    "search",
    "stories",
    "portal.secret",
    "section-classifier.json",
    DEMO_CONFIG_NAME,
];

/// The demo wipes its data directory, so refuse anything that is not a demo's.
fn prepare_data_dir(dir: &std::path::Path) -> Result<()> {
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
