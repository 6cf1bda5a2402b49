//! `newsbridge memory import|export`: the translation memory as TMX 1.4
//! ([`pipeline::translation_memory::DatabaseMemory`]).

use anyhow::{Context, Result};
use translate::{LangPair, MemoryStore};

use crate::cli::MemoryCommand;
use pipeline::config::Config;
use pipeline::translation_memory::DatabaseMemory;

/// Runs a `memory` subcommand.
pub async fn run(config: Config, cmd: MemoryCommand) -> Result<()> {
    match cmd {
        MemoryCommand::Import { file } => {
            let reader = std::fs::File::open(&file)
                .with_context(|| format!("cannot open {}", file.display()))?;
            let imported = translate::import_tmx(std::io::BufReader::new(reader))
                .with_context(|| format!("{} is not a readable TMX file", file.display()))?;
            let skipped = imported.skipped;
            let memory = DatabaseMemory::new(pipeline::app::open_store(&config).await?);
            let count = memory.import(imported).await?;
            let file = file.display();
            outln!("imported {count} segments from {file} ({skipped} units skipped: empty or without source)");
        }
        MemoryCommand::Export { source, target } => {
            let memory = DatabaseMemory::new(pipeline::app::open_existing_store(&config).await?);
            let entries = memory
                .entries(Some(&LangPair::new(&source, &target)))
                .await?;
            translate::export_tmx(&entries, std::io::BufWriter::new(crate::out::Stdout))
                .context("cannot write the TMX")?;
            eprintln!("exported {} segments ({source} → {target})", entries.len());
        }
    }
    Ok(())
}
