//! `newsbridge sources add|list|show|remove` ([`pipeline::sources`]).

use anyhow::Result;
use pipeline::sources::NewSource;

use crate::cli::{SourceAddArgs, SourcesCommand};
use pipeline::app::{build_fetcher, open_existing_store, open_store};
use pipeline::config::Config;

/// Runs a `sources` subcommand.
pub async fn run(config: Config, cmd: SourcesCommand) -> Result<()> {
    match cmd {
        SourcesCommand::Add(args) => add(config, *args).await?,
        SourcesCommand::List => {
            let sources = open_existing_store(&config).await?.sources().await?;
            if sources.is_empty() {
                outln!("no sources; add one with `newsbridge sources add URL`");
            }
            for s in sources {
                outln!("{}", pipeline::sources::listing(&s));
            }
        }
        SourcesCommand::Show { id } => {
            let s = pipeline::sources::show(&open_existing_store(&config).await?, id).await?;
            outln!("{}", serde_json::to_string_pretty(&s)?);
        }
        SourcesCommand::Remove { id } => {
            pipeline::sources::remove(&open_existing_store(&config).await?, id).await?;
            outln!("removed source {id}; its articles stay published");
        }
    }
    Ok(())
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
            outln!("{}", pipeline::sources::suggestion(&p));
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
