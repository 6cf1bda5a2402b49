//! `newsbridge demo`: the bundled sample publisher, ingested over real HTTP, on the portal.

use std::sync::Arc;

use anyhow::{bail, Context, Result};

use crate::app::App;
use crate::cli::DemoArgs;
use crate::config::Config;

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
    println!("sample publisher: http://{site_addr}/");

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

    let app = App::open(config).await?;
    let imported =
        crate::demo_translations::import(&app.store, &site, &app.config.site.source_language)
            .await?;
    println!(
        "translation memory: {} human-translated sentences imported (en, fr; {} units not aligned)",
        imported.segments, imported.unaligned
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
    crate::pipeline::queue_polls(&app, false).await?;
    let started = std::time::Instant::now();
    let ran = crate::pipeline::drain(&app, app.config.workers.concurrency).await?;
    println!(
        "ingested the sample publisher: {ran} jobs in {:.1}s",
        started.elapsed().as_secs_f64()
    );
    super::status::print(&app.store, false).await?;
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
                println!("\nportal ready: http://{addr}/  (Ctrl-C to stop)");
            }
        }
    }
    serving.await
}

/// What a demo's data directory holds besides the database files.
const DEMO_FILES: &[&str] = &["search", "portal.secret", "section-classifier.json"];

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
