//! `newsbridge sources add|list|show|remove`.

use anyhow::{bail, Context, Result};
use ingest::{SourceKind, SourceSettings};

use crate::cli::{SourceAddArgs, SourcesCommand};
use pipeline::app::{build_fetcher, open_existing_store, open_store};
use pipeline::config::Config;

/// Runs a `sources` subcommand.
pub async fn run(config: Config, cmd: SourcesCommand) -> Result<()> {
    match cmd {
        SourcesCommand::Add(args) => add(config, *args).await,
        SourcesCommand::List => {
            let store = open_existing_store(&config).await?;
            let sources = store.sources().await?;
            if sources.is_empty() {
                outln!("no sources; add one with `newsbridge sources add URL`");
            }
            for s in sources {
                let unhealthy = (s.health == store::SourceHealth::Unhealthy).then(|| {
                    format!(
                        "  [unhealthy: {}]",
                        s.health_reason.as_deref().unwrap_or("no reason recorded")
                    )
                });
                outln!(
                    "{:>4}  {:<8} {:<9} {:<30} {}{}{}",
                    s.id,
                    s.kind.as_str(),
                    s.health.as_str(),
                    s.name,
                    s.url,
                    s.last_error
                        .as_deref()
                        .map(|e| format!("  (last poll failed: {e})"))
                        .unwrap_or_default(),
                    unhealthy.unwrap_or_default()
                );
            }
            Ok(())
        }
        SourcesCommand::Show { id } => {
            let store = open_existing_store(&config).await?;
            let s = store.source(id).await.map_err(|e| not_found(e, id))?;
            outln!("{}", serde_json::to_string_pretty(&s)?);
            Ok(())
        }
        SourcesCommand::Remove { id } => {
            let store = open_existing_store(&config).await?;
            store
                .remove_source(id)
                .await
                .map_err(|e| not_found(e, id))?;
            outln!("removed source {id}; its articles stay published");
            Ok(())
        }
    }
}

fn not_found(e: store::StoreError, id: i64) -> anyhow::Error {
    match e {
        store::StoreError::NotFound(_) => {
            anyhow::anyhow!("there is no source {id}; see `newsbridge sources list`")
        }
        other => other.into(),
    }
}

async fn add(config: Config, args: SourceAddArgs) -> Result<()> {
    let fetcher = build_fetcher(&config)?;
    if args.discover {
        let proposals = ingest::autodiscover(&fetcher, &args.url)
            .await
            .with_context(|| format!("cannot read the homepage {}", args.url))?;
        if proposals.is_empty() {
            bail!(
                "{} advertises no feed or sitemap; add a section page with --kind listing --link-pattern REGEX",
                args.url
            );
        }
        outln!(
            "found {} candidate sources; add the ones you want:",
            proposals.len()
        );
        for p in proposals {
            let kind = match p.kind {
                SourceKind::Feed => "feed",
                SourceKind::Sitemap => "sitemap",
                SourceKind::Listing => "listing",
            };
            outln!(
                "  newsbridge sources add {} --kind {kind}{}",
                p.url,
                p.title.map(|t| format!("   # {t}")).unwrap_or_default()
            );
        }
        return Ok(());
    }
    let kind = match args.kind.as_deref() {
        Some("feed") => SourceKind::Feed,
        Some("sitemap") => SourceKind::Sitemap,
        Some("listing") => SourceKind::Listing,
        Some(other) => bail!("unknown kind {other:?}: expected feed, sitemap or listing"),
        None if args.link_pattern.is_some() => SourceKind::Listing,
        None => guess_kind(&fetcher, &args.url).await?,
    };
    // A guessed kind went through the fetcher's guard; a named one is
    // checked the same way here, without fetching (the publisher may be down).
    if args.kind.is_some() || args.link_pattern.is_some() {
        fetcher.check_address(&args.url).await?;
    }
    let mut settings = SourceSettings::new(kind, args.url.clone());
    settings.link_pattern = args.link_pattern.clone();
    settings.default_section = args.section.clone();
    settings.credit = args.credit.clone();
    settings.include = args.include.clone();
    settings.exclude = args.exclude.clone();
    for map in &args.maps {
        let Some((category, section)) = map.split_once('=') else {
            bail!("--map {map:?} must look like CATEGORY=SECTION, e.g. \"Kinh tế=kinh-te\"");
        };
        settings
            .sections
            .insert(category.trim().to_string(), section.trim().to_string());
    }
    settings.validate()?;
    let store = open_store(&config).await?;
    pipeline::sections::seed(&store).await?;
    let sections = store.sections().await?;
    for slug in settings
        .sections
        .values()
        .chain(settings.default_section.iter())
    {
        if pipeline::sections::find(&sections, slug).is_none() {
            let known: Vec<&str> = sections.iter().map(|s| s.slug.as_str()).collect();
            bail!(
                "section {slug:?} does not exist; known sections: {}",
                known.join(", ")
            );
        }
    }
    let name = args.name.clone().unwrap_or_else(|| {
        ingest::Url::parse(&args.url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string))
            .unwrap_or_else(|| args.url.clone())
    });
    let store_kind = match kind {
        SourceKind::Feed => store::SourceKind::Feed,
        SourceKind::Sitemap => store::SourceKind::Sitemap,
        SourceKind::Listing => store::SourceKind::Listing,
    };
    let source = store
        .add_source(
            &name,
            store_kind,
            &args.url,
            &serde_json::to_value(&settings)?,
        )
        .await?;
    outln!(
        "added source {} ({}, {}): {}",
        source.id,
        source.name,
        source.kind,
        source.url
    );
    Ok(())
}

/// Fetches the URL once and tells a feed from a sitemap.
async fn guess_kind(fetcher: &ingest::Fetcher, url: &str) -> Result<SourceKind> {
    let fetched = fetcher
        .fetch(url, None)
        .await
        .with_context(|| format!("cannot fetch {url} to see what it is"))?;
    let base = fetched.final_url.as_str();
    if ingest::parse_feed(&fetched.body, base).is_ok() {
        return Ok(SourceKind::Feed);
    }
    if ingest::parse_sitemap(&fetched.body, base).is_ok() {
        return Ok(SourceKind::Sitemap);
    }
    bail!(
        "{url} is neither a feed nor a sitemap; for a homepage use --discover, for a section page use --kind listing --link-pattern REGEX"
    )
}
