//! `newsbridge sections list|retrain|report`.

use anyhow::{bail, Context, Result};

use crate::cli::SectionsCommand;
use crate::config::Config;

/// Folds used to estimate the classifier's accuracy.
const FOLDS: usize = 5;

/// Runs a `sections` subcommand.
pub async fn run(config: Config, cmd: SectionsCommand) -> Result<()> {
    let store = crate::app::open_store(&config).await?;
    crate::sections::seed(&store).await?;
    match cmd {
        SectionsCommand::List => {
            for s in store.sections().await? {
                let names: Vec<String> = s
                    .names
                    .iter()
                    .map(|(lang, name)| format!("{lang}: {name}"))
                    .collect();
                println!("{:<12} {}", s.slug, names.join(", "));
            }
        }
        SectionsCommand::Retrain | SectionsCommand::Report => {
            let examples = crate::sections::training_examples(&store).await?;
            let sections: std::collections::BTreeSet<i64> =
                examples.iter().map(|(_, s)| *s).collect();
            if examples.len() < FOLDS * 2 || sections.len() < 2 {
                bail!(
                    "only {} filed articles in {} sections: the classifier needs at least {} articles in 2 sections; \
                     map sources' categories to sections (`sources add --map`) and ingest first",
                    examples.len(),
                    sections.len(),
                    FOLDS * 2
                );
            }
            let report = search::SectionClassifier::cross_validate(&examples, FOLDS);
            println!(
                "{} articles, {} sections, {FOLDS}-fold cross-validation:\n{report}",
                examples.len(),
                sections.len()
            );
            if matches!(cmd, SectionsCommand::Retrain) {
                let model = search::SectionClassifier::train(&examples);
                let path = crate::sections::model_path(&config);
                config.ensure_data_dir()?;
                model
                    .save(&path)
                    .with_context(|| format!("cannot save {}", path.display()))?;
                println!("saved {}", path.display());
            }
        }
    }
    Ok(())
}
