//! Portal sections, with a localized name per language.

use std::collections::BTreeMap;

use serde::Serialize;
use sqlx::Row;

use crate::{Result, Store};

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
}

impl Section {
    /// The name in `lang`, falling back to the slug.
    pub fn name(&self, lang: &str) -> &str {
        self.names
            .get(lang)
            .map(String::as_str)
            .unwrap_or(&self.slug)
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

    /// Every section in menu order.
    pub async fn sections(&self) -> Result<Vec<Section>> {
        let rows =
            sqlx::query("SELECT id, slug, position, names FROM sections ORDER BY position, id")
                .fetch_all(&self.pool)
                .await?;
        rows.iter()
            .map(|r| {
                let names: String = r.try_get("names")?;
                Ok(Section {
                    id: r.try_get("id")?,
                    slug: r.try_get("slug")?,
                    position: r.try_get("position")?,
                    names: serde_json::from_str(&names)
                        .map_err(crate::error::json_err("sections.names"))?,
                })
            })
            .collect()
    }
}

/// A URL slug: lowercase ASCII letters, digits and hyphens, transliterated
/// from any script (`Đà Nẵng` → `da-nang`, `Путин` → `putin`), at most 80 bytes.
pub fn slugify(text: &str) -> String {
    let mut slug = slug::slugify(text);
    if slug.len() > 80 {
        let cut = slug[..80].rfind('-').unwrap_or(80);
        slug.truncate(cut);
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn slugs_fold_vietnamese_and_keep_other_scripts() {
        assert_eq!(
            slugify("Đà Nẵng: mưa lớn, 1.115 người sơ tán!"),
            "da-nang-mua-lon-1-115-nguoi-so-tan"
        );
        assert_eq!(slugify("Путин в Курске"), "putin-v-kurske");
        assert!(slugify(&"dài ".repeat(60)).len() <= 80);
        assert_eq!(slugify("  --  "), "");
    }
}
