//! The portal's default sections, seeded into an empty database.

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use serde::Deserialize;

#[derive(Deserialize)]
struct SectionsFile {
    section: Vec<DefaultSection>,
}

#[derive(Deserialize)]
struct DefaultSection {
    slug: String,
    names: BTreeMap<String, String>,
}

/// Creates the default sections when the database has none.
pub async fn seed(store: &store::Store) -> Result<()> {
    if !store.sections().await?.is_empty() {
        return Ok(());
    }
    let file: SectionsFile = toml::from_str(include_str!("../sections.toml"))
        .context("the bundled sections.toml is invalid")?;
    for (position, section) in file.section.iter().enumerate() {
        store
            .upsert_section(&section.slug, position as i64, &section.names)
            .await?;
    }
    Ok(())
}

/// The section whose slug or name (in any language) matches `label`, ignoring case.
pub fn find<'a>(sections: &'a [store::Section], label: &str) -> Option<&'a store::Section> {
    let label = label.trim().to_lowercase();
    let slug = store::slugify(&label);
    sections
        .iter()
        .find(|s| s.slug == slug || s.names.values().any(|n| n.to_lowercase() == label))
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
}
