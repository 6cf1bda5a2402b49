//! `newsbridge glossary import|export`: glossary terms as CSV.

use anyhow::{Context, Result};
use translate::{Glossary, GlossaryEntry, TermKind};

use crate::cli::GlossaryCommand;
use crate::config::Config;

/// Runs a `glossary` subcommand.
pub async fn run(config: Config, cmd: GlossaryCommand) -> Result<()> {
    let store = crate::app::open_store(&config).await?;
    match cmd {
        GlossaryCommand::Import { file } => {
            let reader = std::fs::File::open(&file)
                .with_context(|| format!("cannot open {}", file.display()))?;
            let glossary = Glossary::from_csv(reader)
                .with_context(|| format!("cannot read {}", file.display()))?;
            for entry in glossary.entries() {
                store.upsert_term(&to_stored(entry)).await?;
            }
            println!(
                "imported {} terms from {}",
                glossary.entries().len(),
                file.display()
            );
        }
        GlossaryCommand::Export { source, target } => {
            let mut glossary = Glossary::new();
            for term in store.glossary(&source, &target).await? {
                glossary.add(from_stored(term));
            }
            glossary
                .to_csv(std::io::stdout().lock())
                .context("cannot write the CSV")?;
        }
    }
    Ok(())
}

/// A translate-crate entry as the store keeps it.
pub fn to_stored(entry: &GlossaryEntry) -> store::GlossaryTerm {
    store::GlossaryTerm {
        source_lang: entry.source_lang.clone(),
        target_lang: entry.target_lang.clone(),
        term: entry.source.clone(),
        translation: entry.target.clone(),
        kind: match entry.kind {
            TermKind::Forced => store::TermKind::Force,
            TermKind::Keep => store::TermKind::Keep,
        },
        case_sensitive: entry.case_sensitive,
    }
}

/// A stored term as the translate crate uses it.
pub fn from_stored(term: store::GlossaryTerm) -> GlossaryEntry {
    GlossaryEntry {
        source_lang: term.source_lang,
        target_lang: term.target_lang,
        source: term.term,
        target: term.translation,
        kind: match term.kind {
            store::TermKind::Force => TermKind::Forced,
            store::TermKind::Keep => TermKind::Keep,
        },
        case_sensitive: term.case_sensitive,
    }
}
