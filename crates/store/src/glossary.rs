//! Glossary terms: forced translations and do-not-translate names per language pair.

use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::{Result, Store, StoreError};

/// What a glossary entry does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GlossaryTermKind {
    /// Always translate the term as given (`Putin` → `Poutine` in French).
    Force,
    /// Never translate it (brand names).
    Keep,
}

impl GlossaryTermKind {
    /// The kind as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            GlossaryTermKind::Force => "force",
            GlossaryTermKind::Keep => "keep",
        }
    }
}

/// One glossary entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GlossaryTerm {
    /// Source language.
    pub source_lang: String,
    /// Target language.
    pub target_lang: String,
    /// The term in the source text.
    pub term: String,
    /// Its required rendering (equal to `term` for `Keep`).
    pub translation: String,
    /// Forced or kept.
    pub kind: GlossaryTermKind,
    /// Whether matching respects case.
    pub case_sensitive: bool,
}

impl Store {
    /// Adds or replaces a term.
    pub async fn upsert_term(&self, t: &GlossaryTerm) -> Result<()> {
        sqlx::query(
            "INSERT INTO glossary_terms (source_lang, target_lang, term, translation, kind, case_sensitive) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (source_lang, target_lang, term) DO UPDATE SET \
             translation = excluded.translation, kind = excluded.kind, case_sensitive = excluded.case_sensitive",
        )
        .bind(&t.source_lang)
        .bind(&t.target_lang)
        .bind(&t.term)
        .bind(&t.translation)
        .bind(t.kind.as_str())
        .bind(i64::from(t.case_sensitive))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Every term of a language pair.
    pub async fn glossary(
        &self,
        source_lang: &str,
        target_lang: &str,
    ) -> Result<Vec<GlossaryTerm>> {
        let rows = sqlx::query(
            "SELECT source_lang, target_lang, term, translation, kind, case_sensitive FROM glossary_terms \
             WHERE source_lang = $1 AND target_lang = $2 ORDER BY term",
        )
        .bind(source_lang)
        .bind(target_lang)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let kind: String = r.try_get("kind")?;
                Ok(GlossaryTerm {
                    source_lang: r.try_get("source_lang")?,
                    target_lang: r.try_get("target_lang")?,
                    term: r.try_get("term")?,
                    translation: r.try_get("translation")?,
                    kind: match kind.as_str() {
                        "keep" => GlossaryTermKind::Keep,
                        "force" => GlossaryTermKind::Force,
                        other => {
                            return Err(StoreError::Conflict(format!(
                                "unknown glossary kind {other:?}"
                            )))
                        }
                    },
                    case_sensitive: r.try_get::<i64, _>("case_sensitive")? != 0,
                })
            })
            .collect()
    }
}
