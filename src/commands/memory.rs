//! `newsbridge memory import|export`: the translation memory as TMX 1.4.

use std::io::BufReader;

use anyhow::{Context, Result};
use translate::{LangPair, MemoryStore};

use crate::cli::MemoryCommand;
use pipeline::config::Config;
use pipeline::memory::DatabaseMemory;

/// Runs a `memory` subcommand.
pub async fn run(config: Config, cmd: MemoryCommand) -> Result<()> {
    match cmd {
        MemoryCommand::Import { file } => {
            let reader = BufReader::new(
                std::fs::File::open(&file)
                    .with_context(|| format!("cannot open {}", file.display()))?,
            );
            let imported = translate::import_tmx(reader)
                .with_context(|| format!("{} is not a readable TMX file", file.display()))?;
            let memory = DatabaseMemory::new(pipeline::app::open_store(&config).await?);
            let count = imported.entries.len();
            for entry in imported.entries {
                memory.record(entry.clone()).await?;
                memory.keep_created_at(&entry).await?;
            }
            outln!(
                "imported {count} segments from {} ({} units skipped: empty or without source)",
                file.display(),
                imported.skipped
            );
        }
        MemoryCommand::Export { source, target } => {
            let memory = DatabaseMemory::new(pipeline::app::open_existing_store(&config).await?);
            let pair = LangPair::new(&source, &target);
            let entries = memory.entries(Some(&pair)).await?;
            translate::export_tmx(&entries, std::io::BufWriter::new(crate::out::Stdout))
                .context("cannot write the TMX")?;
            eprintln!("exported {} segments ({source} → {target})", entries.len());
        }
    }
    Ok(())
}
