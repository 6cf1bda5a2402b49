//! `newsbridge sections list|set|retrain|report` ([`pipeline::sections`]).

use anyhow::Result;

use crate::cli::SectionsCommand;
use pipeline::config::Config;
use pipeline::sections::{SectionEdit, FOLDS};

/// Runs a `sections` subcommand.
pub async fn run(config: Config, cmd: SectionsCommand) -> Result<()> {
    let store = pipeline::app::open_existing_store(&config).await?;
    pipeline::sections::seed(&store).await?;
    let served = &config.site.languages;
    match cmd {
        SectionsCommand::List => {
            outln!("portal languages (site.languages): {}", served.join(", "));
            for s in store.sections().await? {
                let (names, addresses) = pipeline::sections::names_and_addresses(&s, served);
                outln!("{:<12} {names}", s.slug);
                outln!("{:<12} {addresses}", "");
            }
        }
        SectionsCommand::Set {
            ref key,
            ref names,
            ref slugs,
            position,
        } => {
            let edit = SectionEdit {
                key,
                names,
                slugs,
                position,
            };
            pipeline::sections::edit(&store, served, edit).await?;
            outln!("updated section {key} (web nodes show it within 30 seconds)");
        }
        SectionsCommand::Retrain | SectionsCommand::Report => {
            let evaluation = pipeline::sections::evaluate(&store).await?;
            let (articles, sections) = (evaluation.examples.len(), evaluation.sections);
            let report = &evaluation.report;
            outln!("{articles} articles, {sections} sections, {FOLDS}-fold cross-validation:\n{report}");
            if matches!(cmd, SectionsCommand::Retrain) {
                let path = pipeline::sections::model_path(&config);
                config.ensure_data_dir()?;
                pipeline::sections::retrain(&evaluation, &path)?;
                outln!("saved {}", path.display());
            }
        }
    }
    Ok(())
}
