//! `newsbridge sections list|retrain|report`.

use anyhow::{bail, Context, Result};

use crate::cli::SectionsCommand;
use pipeline::config::Config;

/// Folds used to estimate the classifier's accuracy.
const FOLDS: usize = 5;

/// Runs a `sections` subcommand.
pub async fn run(config: Config, cmd: SectionsCommand) -> Result<()> {
    let store = pipeline::app::open_existing_store(&config).await?;
    pipeline::sections::seed(&store).await?;
    match cmd {
        SectionsCommand::List => {
            let served = &config.site.languages;
            outln!("portal languages (site.languages): {}", served.join(", "));
            for s in store.sections().await? {
                let names: Vec<String> = served
                    .iter()
                    .filter_map(|lang| s.names.get(lang).map(|name| format!("{lang}: {name}")))
                    .collect();
                // Every served language has the section, at its own slug or the key.
                let addresses: Vec<String> = served
                    .iter()
                    .map(|lang| {
                        let slug = s.slugs.get(lang).unwrap_or(&s.slug);
                        format!("/{lang}/{slug}/")
                    })
                    .collect();
                outln!("{:<12} {}", s.slug, names.join(", "));
                outln!("{:<12} {}", "", addresses.join(" "));
            }
        }
        SectionsCommand::Set {
            ref key,
            ref names,
            ref slugs,
            position,
        } => set(&config, &store, key, names, slugs, position).await?,
        SectionsCommand::Retrain | SectionsCommand::Report => {
            let examples = pipeline::sections::training_examples(&store).await?;
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
            outln!(
                "{} articles, {} sections, {FOLDS}-fold cross-validation:\n{report}",
                examples.len(),
                sections.len()
            );
            if matches!(cmd, SectionsCommand::Retrain) {
                let model = search::SectionClassifier::train(&examples);
                let path = pipeline::sections::model_path(&config);
                config.ensure_data_dir()?;
                model
                    .save(&path)
                    .with_context(|| format!("cannot save {}", path.display()))?;
                outln!("saved {}", path.display());
            }
        }
    }
    Ok(())
}

/// `sections set`: names and slugs per language, checked like the desk does.
async fn set(
    config: &Config,
    store: &store::Store,
    key: &str,
    names: &[String],
    slugs: &[String],
    position: Option<i64>,
) -> Result<()> {
    let sections = store.sections().await?;
    let Some(section) = sections.iter().find(|s| s.slug == key) else {
        let keys: Vec<&str> = sections.iter().map(|s| s.slug.as_str()).collect();
        bail!(
            "there is no section \"{key}\"; the keys are: {}",
            keys.join(", ")
        );
    };
    let mut new_names = section.names.clone();
    for (lang, name) in pairs(config, "--name", names)? {
        if name.is_empty() {
            new_names.remove(&lang);
        } else {
            new_names.insert(lang, name);
        }
    }
    let mut new_slugs = section.slugs.clone();
    for (lang, slug) in pairs(config, "--slug", slugs)? {
        if slug.is_empty() || slug == section.slug {
            new_slugs.remove(&lang);
        } else {
            new_slugs.insert(lang, slug);
        }
    }
    store::check_slugs(&section.slug, &new_slugs, &sections)
        .map_err(|e| anyhow::anyhow!("--slug {e}"))?;
    store
        .upsert_section(
            &section.slug,
            position.unwrap_or(section.position),
            &new_names,
        )
        .await?;
    store.set_section_slugs(section.id, &new_slugs).await?;
    let detail = serde_json::json!({ "names": new_names, "slugs": new_slugs }).to_string();
    store
        .audit(
            "cli",
            "section_updated",
            &format!("section {key}"),
            Some(&detail),
        )
        .await?;
    outln!("updated section {key} (web nodes show it within 30 seconds)");
    Ok(())
}

/// `LANG=VALUE` arguments, for languages the portal serves.
fn pairs(config: &Config, flag: &str, args: &[String]) -> Result<Vec<(String, String)>> {
    args.iter()
        .map(|arg| {
            let Some((lang, value)) = arg.split_once('=') else {
                bail!("{flag} {arg:?} needs the form LANG=VALUE, e.g. {flag} fr=monde");
            };
            let lang = lang.trim();
            if !config.site.languages.iter().any(|l| l == lang) {
                bail!(
                    "{flag} {arg:?}: the portal does not serve {lang:?}; its languages are {}",
                    config.site.languages.join(", ")
                );
            }
            Ok((lang.to_string(), value.trim().to_string()))
        })
        .collect()
}
