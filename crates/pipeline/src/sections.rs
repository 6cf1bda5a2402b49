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

/// Folds of the cross-validation that estimates the classifier's accuracy.
pub const FOLDS: usize = 5;

/// Why a section could not be changed, or the classifier not trained.
#[derive(Debug, thiserror::Error)]
pub enum SectionError {
    /// No section has that key.
    #[error("there is no section \"{key}\"; the keys are: {keys}")]
    NoSuchSection {
        /// The key asked for.
        key: String,
        /// The keys that exist, comma-separated.
        keys: String,
    },
    /// An argument that is not `LANG=VALUE`.
    #[error("{flag} {arg:?} needs the form LANG=VALUE, e.g. {flag} fr=monde")]
    NotAPair {
        /// `--name` or `--slug`.
        flag: &'static str,
        /// The argument.
        arg: String,
    },
    /// A language the portal does not serve.
    #[error("{flag} {arg:?}: the portal does not serve {lang:?}; its languages are {served}")]
    NotServed {
        /// `--name` or `--slug`.
        flag: &'static str,
        /// The argument.
        arg: String,
        /// Its language.
        lang: String,
        /// The portal's languages, comma-separated.
        served: String,
    },
    /// A localized slug that is malformed, reserved or taken.
    #[error("--slug {0}")]
    Slug(#[from] store::SlugProblem),
    /// Too few filed articles, or one section only, to train on.
    #[error("only {articles} filed articles in {sections} sections: the classifier needs at least {} articles in 2 sections; map sources' categories to sections (`sources add --map`) and ingest first", FOLDS * 2)]
    TooFewExamples {
        /// Filed articles.
        articles: usize,
        /// Sections they are in.
        sections: usize,
    },
    /// The trained model could not be written.
    #[error("cannot save {}", .path.display())]
    Save {
        /// The model file.
        path: std::path::PathBuf,
        /// What the search crate said.
        #[source]
        source: search::SearchError,
    },
    /// The database failed.
    #[error(transparent)]
    Store(#[from] store::StoreError),
}

/// A change to one section (`newsbridge sections set`): `LANG=VALUE`
/// names and slugs (an empty value, or for a slug the key, removes that
/// language's), and a new position in menus.
#[derive(Debug, Clone, Copy)]
pub struct SectionEdit<'a> {
    /// The section's key.
    pub key: &'a str,
    /// `LANG=NAME` arguments.
    pub names: &'a [String],
    /// `LANG=SLUG` arguments.
    pub slugs: &'a [String],
    /// The new position, if any.
    pub position: Option<i64>,
}

/// Applies `edit`, checked as the desk checks it (languages the portal
/// `served`, slugs in URL form, not reserved, not taken), and audits it by `cli`.
pub async fn edit(
    store: &store::Store,
    served: &[String],
    edit: SectionEdit<'_>,
) -> Result<(), SectionError> {
    let sections = store.sections().await?;
    let Some(section) = sections.iter().find(|s| s.slug == edit.key) else {
        let keys: Vec<&str> = sections.iter().map(|s| s.slug.as_str()).collect();
        return Err(SectionError::NoSuchSection {
            key: edit.key.to_string(),
            keys: keys.join(", "),
        });
    };
    let mut names = section.names.clone();
    for (lang, name) in pairs(served, "--name", edit.names)? {
        if name.is_empty() {
            names.remove(&lang);
        } else {
            names.insert(lang, name);
        }
    }
    let mut slugs = section.slugs.clone();
    for (lang, slug) in pairs(served, "--slug", edit.slugs)? {
        if slug.is_empty() || slug == section.slug {
            slugs.remove(&lang);
        } else {
            slugs.insert(lang, slug);
        }
    }
    store::check_slugs(&section.slug, &slugs, &sections)?;
    let position = edit.position.unwrap_or(section.position);
    store
        .upsert_section(&section.slug, position, &names)
        .await?;
    store.set_section_slugs(section.id, &slugs).await?;
    let detail = serde_json::json!({ "names": names, "slugs": slugs }).to_string();
    let target = format!("section {}", edit.key);
    store
        .audit("cli", "section_updated", &target, Some(&detail))
        .await?;
    Ok(())
}

/// `LANG=VALUE` arguments, for languages the portal serves.
fn pairs(
    served: &[String],
    flag: &'static str,
    args: &[String],
) -> Result<Vec<(String, String)>, SectionError> {
    args.iter()
        .map(|arg| {
            let Some((lang, value)) = arg.split_once('=') else {
                return Err(SectionError::NotAPair {
                    flag,
                    arg: arg.clone(),
                });
            };
            let lang = lang.trim();
            if !served.iter().any(|l| l == lang) {
                return Err(SectionError::NotServed {
                    flag,
                    arg: arg.clone(),
                    lang: lang.to_string(),
                    served: served.join(", "),
                });
            }
            Ok((lang.to_string(), value.trim().to_string()))
        })
        .collect()
}

/// The classifier's accuracy on what is filed, by [`FOLDS`]-fold cross-validation.
pub struct Evaluation {
    /// The training examples: classifier text and section id.
    pub examples: Vec<(String, i64)>,
    /// Sections among them.
    pub sections: usize,
    /// The cross-validation's report.
    pub report: search::AccuracyReport,
}

/// Cross-validates the classifier on the filed articles; an error when there
/// are too few (fewer than 2 × [`FOLDS`]) or one section only.
pub async fn evaluate(store: &store::Store) -> Result<Evaluation, SectionError> {
    let examples = training_examples(store).await?;
    let sections: std::collections::BTreeSet<i64> = examples.iter().map(|(_, s)| *s).collect();
    if examples.len() < FOLDS * 2 || sections.len() < 2 {
        return Err(SectionError::TooFewExamples {
            articles: examples.len(),
            sections: sections.len(),
        });
    }
    let report = search::SectionClassifier::cross_validate(&examples, FOLDS);
    Ok(Evaluation {
        sections: sections.len(),
        examples,
        report,
    })
}

/// Trains the classifier on all of `evaluation`'s examples and saves it to
/// `path` (see [`model_path`]), where the classify stage picks it up.
pub fn retrain(evaluation: &Evaluation, path: &std::path::Path) -> Result<(), SectionError> {
    search::SectionClassifier::train(&evaluation.examples)
        .save(path)
        .map_err(|source| SectionError::Save {
            path: path.to_path_buf(),
            source,
        })
}

/// The section's names in the `served` languages (`en: World, fr: Monde`)
/// and its address in each (`/en/world/ /fr/monde/`): every served language
/// has the section, at its own slug or the key.
pub fn names_and_addresses(section: &store::Section, served: &[String]) -> (String, String) {
    let names: Vec<String> = served
        .iter()
        .filter_map(|lang| {
            section
                .names
                .get(lang)
                .map(|name| format!("{lang}: {name}"))
        })
        .collect();
    let addresses: Vec<String> = served
        .iter()
        .map(|lang| {
            let slug = section.slugs.get(lang).unwrap_or(&section.slug);
            format!("/{lang}/{slug}/")
        })
        .collect();
    (names.join(", "), addresses.join(" "))
}

#[cfg(test)]
mod tests {
    fn served() -> Vec<String> {
        ["vi", "en", "fr"].iter().map(|s| s.to_string()).collect()
    }

    /// Edits the section `key` with `LANG=VALUE` names and slugs.
    async fn try_edit(
        store: &store::Store,
        key: &str,
        names: &[&str],
        slugs: &[&str],
    ) -> Result<(), super::SectionError> {
        let owned = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<String>>();
        let (names, slugs) = (owned(names), owned(slugs));
        let change = super::SectionEdit {
            key,
            names: &names,
            slugs: &slugs,
            position: (key == "thoi-su").then_some(9),
        };
        super::edit(store, &served(), change).await
    }

    #[tokio::test]
    async fn an_edit_is_checked_applied_and_audited() {
        let (store, _db) = store::testing::sqlite().await.unwrap();
        super::seed(&store).await.unwrap();
        let key = "thoi-su";
        try_edit(&store, key, &["fr=Le Monde"], &["fr=le-monde"])
            .await
            .unwrap();
        let sections = store.sections().await.unwrap();
        let section = sections.iter().find(|s| s.slug == key).unwrap();
        assert_eq!(section.names["fr"], "Le Monde");
        assert_eq!(section.slugs["fr"], "le-monde");
        assert_eq!(section.position, 9);
        let (_, addresses) = super::names_and_addresses(section, &served());
        assert!(addresses.contains("/fr/le-monde/"), "{addresses}");
        let audit = store.audit_log(1, 0).await.unwrap();
        assert_eq!(audit[0].action, "section_updated");

        let err = try_edit(&store, key, &["de=Welt"], &[]).await.unwrap_err();
        assert!(err.to_string().contains("does not serve \"de\""), "{err}");
        let err = try_edit(&store, key, &[], &["fr=Not A Slug"]).await;
        assert!(matches!(err, Err(super::SectionError::Slug(_))), "{err:?}");
        let err = try_edit(&store, key, &["fr"], &[]).await;
        assert!(matches!(err, Err(super::SectionError::NotAPair { .. })));
        let err = try_edit(&store, "nope", &[], &[]).await;
        assert!(matches!(
            err,
            Err(super::SectionError::NoSuchSection { .. })
        ));
    }

    #[tokio::test]
    async fn too_few_filed_articles_train_nothing() {
        let (store, _db) = store::testing::sqlite().await.unwrap();
        let err = super::evaluate(&store).await.err().unwrap();
        assert!(
            matches!(
                err,
                super::SectionError::TooFewExamples {
                    articles: 0,
                    sections: 0
                }
            ),
            "{err}"
        );
    }

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
