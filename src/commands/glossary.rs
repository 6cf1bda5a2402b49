//! `newsbridge glossary import|export`: glossary terms as CSV.

use anyhow::{bail, Context, Result};
use pipeline::glossary::{from_stored, to_stored};
use translate::Glossary;

use crate::cli::GlossaryCommand;
use pipeline::config::Config;

/// Runs a `glossary` subcommand.
pub async fn run(config: Config, cmd: GlossaryCommand) -> Result<()> {
    match cmd {
        GlossaryCommand::Import { file } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            check_header(&text).with_context(|| format!("cannot import {}", file.display()))?;
            let glossary = Glossary::from_csv(text.as_bytes())
                .with_context(|| format!("cannot read {}", file.display()))?;
            if glossary.entries().is_empty() {
                bail!(
                    "{} holds no terms: after the header line `{HEADER}`, write one term per line, e.g. `vi,fr,Putin,Poutine,forced,insensitive`",
                    file.display()
                );
            }
            let store = pipeline::app::open_store(&config).await?;
            for entry in glossary.entries() {
                store.upsert_term(&to_stored(entry)).await?;
            }
            outln!(
                "imported {} terms from {}",
                glossary.entries().len(),
                file.display()
            );
        }
        GlossaryCommand::Export { source, target } => {
            let store = pipeline::app::open_existing_store(&config).await?;
            let mut glossary = Glossary::new();
            for term in store.glossary(&source, &target).await? {
                glossary.add(from_stored(term));
            }
            glossary
                .to_csv(crate::out::Stdout)
                .context("cannot write the CSV")?;
        }
    }
    Ok(())
}

/// The header line a glossary CSV starts with.
const HEADER: &str = "source_lang,target_lang,source,target,kind,case";

/// A glossary file is comma-separated and starts with [`HEADER`]: a file
/// saved with semicolons or tabs (as spreadsheets do in many locales), or
/// without its header, would otherwise lose terms without a word.
fn check_header(text: &str) -> Result<()> {
    let Some(first) = text
        .trim_start_matches('\u{feff}')
        .lines()
        .find(|l| !l.trim().is_empty())
    else {
        return Ok(());
    };
    for (sep, name) in [(';', "semicolons"), ('\t', "tabs")] {
        if first.contains(sep) && !first.contains(',') {
            bail!(
                "its columns are separated by {name}, not commas; save it as comma-separated CSV (UTF-8) whose first line is `{HEADER}`"
            );
        }
    }
    let columns: Vec<String> = first
        .split(',')
        .map(|c| c.trim().trim_matches('"').to_ascii_lowercase())
        .collect();
    if columns.first().map(String::as_str) != Some("source_lang") {
        bail!("its first line must be the header `{HEADER}`, not {first:?}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check_header;

    #[test]
    fn semicolons_tabs_and_a_missing_header_are_refused() {
        let semi = "source_lang;target_lang;source;target;kind;case\nvi;fr;Putin;Poutine;forced;\n";
        let err = check_header(semi).unwrap_err().to_string();
        assert!(err.contains("semicolons"), "{err}");
        let tabs = "source_lang\ttarget_lang\tsource\ttarget\nvi\tfr\ta\tb\n";
        assert!(check_header(tabs).unwrap_err().to_string().contains("tabs"));
        let headless = "vi,fr,Putin,Poutine,forced,insensitive\n";
        let err = check_header(headless).unwrap_err().to_string();
        assert!(err.contains("header"), "{err}");
        check_header("\u{feff}source_lang,target_lang,source,target,kind,case\n").unwrap();
        check_header("").unwrap();
    }
}
