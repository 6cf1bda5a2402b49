//! `newsbridge sources add|list|show|remove`.

use anyhow::Result;
use ingest::SourceKind;
use pipeline::sources::NewSource;

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
        let proposals = pipeline::sources::discover(&fetcher, &args.url).await?;
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
    let new = NewSource {
        url: args.url,
        name: args.name,
        kind: args.kind,
        link_pattern: args.link_pattern,
        section: args.section,
        maps: args.maps,
        include: args.include,
        exclude: args.exclude,
        credit: args.credit,
    };
    // Checked before a database is opened: nothing is half-added.
    let prepared = pipeline::sources::prepare(&fetcher, &new).await?;
    let source = prepared.save(&open_store(&config).await?).await?;
    outln!(
        "added source {} ({}, {}): {}",
        source.id,
        source.name,
        source.kind,
        source.url
    );
    Ok(())
}
