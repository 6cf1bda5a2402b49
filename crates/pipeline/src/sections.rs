//! The portal's default sections, seeded into an empty database.

use std::collections::BTreeMap;

use serde::Deserialize;

/// Why the default sections could not be seeded.
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    /// The sections file built into the binary does not parse.
    #[error("the bundled sections.toml is invalid: {0}")]
    Bundled(#[from] toml::de::Error),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] store::StoreError),
}

#[derive(Deserialize)]
struct SectionsFile {
    section: Vec<DefaultSection>,
}

#[derive(Deserialize)]
struct DefaultSection {
    slug: String,
    names: BTreeMap<String, String>,
    #[serde(default)]
    slugs: BTreeMap<String, String>,
}

/// Creates the default sections when the database has none.
pub async fn seed(store: &store::Store) -> Result<(), SeedError> {
    if !store.sections().await?.is_empty() {
        return Ok(());
    }
    let file: SectionsFile = toml::from_str(include_str!("../sections.toml"))?;
    for (position, section) in file.section.iter().enumerate() {
        let id = store
            .upsert_section(&section.slug, position as i64, &section.names)
            .await?;
        store.set_section_slugs(id, &section.slugs).await?;
    }
    Ok(())
}

/// The section whose slug or name (in any language) matches `label`, ignoring case.
pub fn find<'a>(sections: &'a [store::Section], label: &str) -> Option<&'a store::Section> {
    let label = label.trim().to_lowercase();
    let slug = article::slug::slugify(&label);
    sections.iter().find(|s| {
        s.slug == slug
            || s.slugs.values().any(|l| *l == slug)
            || s.names.values().any(|n| n.to_lowercase() == label)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_default_section_is_named_in_every_supported_language() {
        let file: super::SectionsFile = toml::from_str(include_str!("../sections.toml")).unwrap();
        assert!(file.section.len() >= 5);
        for s in &file.section {
            for lang in crate::config::SUPPORTED_LANGUAGES {
                assert!(
                    s.names.contains_key(*lang),
                    "section {} has no {lang} name",
                    s.slug
                );
            }
        }
    }

    #[test]
    fn default_section_addresses_are_valid_and_unambiguous() {
        let file: super::SectionsFile = toml::from_str(include_str!("../sections.toml")).unwrap();
        let sections: Vec<store::Section> = file
            .section
            .iter()
            .enumerate()
            .map(|(i, s)| store::Section {
                id: i as i64,
                slug: s.slug.clone(),
                position: i as i64,
                names: s.names.clone(),
                slugs: s.slugs.clone(),
            })
            .collect();
        for s in &sections {
            assert!(!s.slugs.is_empty(), "{} has localized addresses", s.slug);
            store::check_slugs(&s.slug, &s.slugs, &sections).unwrap();
        }
    }
}

/// Where `newsbridge sections retrain` keeps the section classifier.
pub fn model_path(config: &crate::config::Config) -> std::path::PathBuf {
    config.data_dir.join("section-classifier.json")
}

/// The text the classifier reads: headline, lead and body of the original.
pub fn classifier_text(article: &article::Article) -> String {
    let lead = article
        .lead
        .as_ref()
        .map(|l| l.plain_text())
        .unwrap_or_default();
    format!("{}\n{}\n{}", article.title, lead, article.body_text())
}

/// Training examples: articles whose section is known for sure (mapped by
/// the source or named by the publisher), newest first.
pub async fn training_examples(
    store: &store::Store,
) -> Result<Vec<(String, i64)>, store::StoreError> {
    Ok(store
        .section_examples(1.0, 20_000)
        .await?
        .into_iter()
        .map(|(section, article)| (classifier_text(&article), section))
        .collect())
}

/// The classifier saved by `sections retrain`, reloaded when the file changes.
#[derive(Default)]
pub struct ClassifierCache {
    loaded: tokio::sync::Mutex<
        Option<(
            std::time::SystemTime,
            std::sync::Arc<search::SectionClassifier>,
        )>,
    >,
}

impl ClassifierCache {
    /// The current classifier, if one has been trained.
    pub async fn get(
        &self,
        path: &std::path::Path,
    ) -> Option<std::sync::Arc<search::SectionClassifier>> {
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok()?;
        let mut loaded = self.loaded.lock().await;
        if let Some((at, model)) = loaded.as_ref() {
            if *at == modified {
                return Some(model.clone());
            }
        }
        match search::SectionClassifier::load(path) {
            Ok(model) => {
                let model = std::sync::Arc::new(model);
                *loaded = Some((modified, model.clone()));
                Some(model)
            }
            Err(e) => {
                tracing::warn!(error = %e, path = %path.display(), "cannot load the section classifier; run `newsbridge sections retrain`");
                None
            }
        }
    }
}
