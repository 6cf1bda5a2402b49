//! Portal sections, with a localized name per language.

use std::collections::BTreeMap;

use serde::Serialize;
use sqlx::Row;

use crate::{Result, Store};

/// URL slugs are `article::slug`'s; re-exported for the store's callers.
pub use article::slug::slugify;

/// A portal section ("Business", "Culture").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// Row id.
    pub id: i64,
    /// Stable key and default URL slug (`kinh-te`, `business`).
    pub slug: String,
    /// Order in menus.
    pub position: i64,
    /// Localized names by language tag.
    pub names: BTreeMap<String, String>,
    /// Localized URL slugs by language tag (`fr` → `monde`); a language
    /// without one uses [`Section::slug`].
    pub slugs: BTreeMap<String, String>,
}

impl Section {
    /// The name in `lang`, falling back to the slug.
    pub fn name(&self, lang: &str) -> &str {
        self.names
            .get(lang)
            .map(String::as_str)
            .unwrap_or(&self.slug)
    }

    /// The URL slug in `lang`: the localized one, else the stable key.
    pub fn slug_in(&self, lang: &str) -> &str {
        self.slugs
            .get(lang)
            .map(String::as_str)
            .unwrap_or(&self.slug)
    }

    /// Whether `slug` names this section in `lang`: its localized slug or its
    /// stable key (an old or shared link).
    pub fn answers_to(&self, lang: &str, slug: &str) -> bool {
        self.slug_in(lang) == slug || self.slug == slug
    }
}

impl Store {
    /// Creates or updates a section by slug; returns its id.
    pub async fn upsert_section(
        &self,
        slug: &str,
        position: i64,
        names: &BTreeMap<String, String>,
    ) -> Result<i64> {
        let names =
            serde_json::to_string(names).map_err(crate::error::json_err("sections.names"))?;
        let row = sqlx::query(
            "INSERT INTO sections (slug, position, names) VALUES ($1, $2, $3) \
             ON CONFLICT (slug) DO UPDATE SET position = excluded.position, names = excluded.names RETURNING id",
        )
        .bind(slug)
        .bind(position)
        .bind(names)
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get("id")?)
    }

    /// Replaces a section's localized URL slugs. The caller checks them
    /// ([`check_slugs`]); an empty map leaves every language on the key.
    pub async fn set_section_slugs(&self, id: i64, slugs: &BTreeMap<String, String>) -> Result<()> {
        let slugs =
            serde_json::to_string(slugs).map_err(crate::error::json_err("sections.slugs"))?;
        let done = sqlx::query("UPDATE sections SET slugs = $1 WHERE id = $2")
            .bind(slugs)
            .bind(id)
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(crate::StoreError::NotFound(format!("section {id}")));
        }
        Ok(())
    }

    /// Every section in menu order.
    pub async fn sections(&self) -> Result<Vec<Section>> {
        let rows = sqlx::query(
            "SELECT id, slug, position, names, slugs FROM sections ORDER BY position, id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let names: String = r.try_get("names")?;
                let slugs: String = r.try_get("slugs")?;
                Ok(Section {
                    id: r.try_get("id")?,
                    slug: r.try_get("slug")?,
                    position: r.try_get("position")?,
                    names: serde_json::from_str(&names)
                        .map_err(crate::error::json_err("sections.names"))?,
                    slugs: serde_json::from_str(&slugs)
                        .map_err(crate::error::json_err("sections.slugs"))?,
                })
            })
            .collect()
    }
}

/// Path segments a section slug may not take: the portal's own pages under `/{lang}/`.
pub const RESERVED_SLUGS: &[&str] = &[
    "article",
    "author",
    "topic",
    "search",
    "about",
    "feed.xml",
    "atom.xml",
    "sitemap.xml",
    "api",
    "admin",
    "assets",
    "comments",
];

/// Why a localized slug was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SlugProblem {
    /// Not in URL form (lowercase ASCII letters, digits, single hyphens).
    #[error("\"{slug}\" ({lang}) is not a URL slug: use lowercase letters, digits and hyphens, e.g. \"{suggestion}\"")]
    NotASlug {
        /// Language of the slug.
        lang: String,
        /// The slug given.
        slug: String,
        /// What it would be as a slug.
        suggestion: String,
    },
    /// One of the portal's own paths.
    #[error("\"{slug}\" ({lang}) is a path the portal uses itself; choose another")]
    Reserved {
        /// Language of the slug.
        lang: String,
        /// The slug given.
        slug: String,
    },
    /// Another section already answers to it in that language.
    #[error("\"{slug}\" ({lang}) already names the section \"{other}\" in that language")]
    Taken {
        /// Language of the slug.
        lang: String,
        /// The slug given.
        slug: String,
        /// Stable key of the section using it.
        other: String,
    },
}

/// Checks the localized slugs proposed for the section `key` against the
/// other sections: URL form, not a reserved path, and unambiguous — no other
/// section answers to the same slug in that language (by its localized slug
/// or by its key, which every language accepts).
pub fn check_slugs(
    key: &str,
    slugs: &BTreeMap<String, String>,
    others: &[Section],
) -> std::result::Result<(), SlugProblem> {
    for (lang, slug) in slugs {
        if slugify(slug) != *slug || slug.is_empty() {
            return Err(SlugProblem::NotASlug {
                lang: lang.clone(),
                slug: slug.clone(),
                suggestion: slugify(slug),
            });
        }
        if RESERVED_SLUGS.contains(&slug.as_str()) {
            return Err(SlugProblem::Reserved {
                lang: lang.clone(),
                slug: slug.clone(),
            });
        }
        if let Some(other) = others
            .iter()
            .find(|o| o.slug != key && o.answers_to(lang, slug))
        {
            return Err(SlugProblem::Taken {
                lang: lang.clone(),
                slug: slug.clone(),
                other: other.slug.clone(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {

    fn section(slug: &str, slugs: &[(&str, &str)]) -> super::Section {
        super::Section {
            id: 1,
            slug: slug.into(),
            position: 0,
            names: Default::default(),
            slugs: slugs
                .iter()
                .map(|(l, s)| (l.to_string(), s.to_string()))
                .collect(),
        }
    }

    #[test]
    fn localized_slugs_are_checked_for_form_paths_and_clashes() {
        use super::{check_slugs, SlugProblem};
        let world = section("the-gioi", &[("fr", "monde")]);
        let business = section("kinh-te", &[]);
        let others = [world.clone(), business];
        let want = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(l, s)| (l.to_string(), s.to_string()))
                .collect()
        };
        assert_eq!(
            check_slugs(
                "the-gioi",
                &want(&[("fr", "monde"), ("en", "world")]),
                &others
            ),
            Ok(())
        );
        assert!(matches!(
            check_slugs("kinh-te", &want(&[("fr", "monde")]), &others),
            Err(SlugProblem::Taken { other, .. }) if other == "the-gioi"
        ));
        assert!(matches!(
            check_slugs("kinh-te", &want(&[("en", "the-gioi")]), &others),
            Err(SlugProblem::Taken { .. })
        ));
        assert!(matches!(
            check_slugs("kinh-te", &want(&[("fr", "Économie")]), &others),
            Err(SlugProblem::NotASlug { suggestion, .. }) if suggestion == "economie"
        ));
        assert!(matches!(
            check_slugs("kinh-te", &want(&[("en", "search")]), &others),
            Err(SlugProblem::Reserved { .. })
        ));
        assert_eq!(world.slug_in("fr"), "monde");
        assert_eq!(world.slug_in("de"), "the-gioi");
        assert!(world.answers_to("fr", "the-gioi") && !world.answers_to("de", "monde"));
    }
}
