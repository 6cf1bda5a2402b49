//! `newsbridge glossary import|export`: glossary terms as CSV ([`pipeline::glossary`]).

use anyhow::{Context, Result};

use crate::cli::GlossaryCommand;
use pipeline::config::Config;

/// Runs a `glossary` subcommand.
pub async fn run(config: Config, cmd: GlossaryCommand) -> Result<()> {
    match cmd {
        GlossaryCommand::Import { file } => {
            // Read and checked before a database is opened (or created).
            let glossary = pipeline::glossary::read_csv_file(&file)?;
            let store = pipeline::app::open_store(&config).await?;
            let n = pipeline::glossary::import(&store, &glossary).await?;
            outln!("imported {n} terms from {}", file.display());
        }
        GlossaryCommand::Export { source, target } => {
            let store = pipeline::app::open_existing_store(&config).await?;
            pipeline::glossary::export(&store, &source, &target)
                .await?
                .to_csv(crate::out::Stdout)
                .context("cannot write the CSV")?;
        }
    }
    Ok(())
}
