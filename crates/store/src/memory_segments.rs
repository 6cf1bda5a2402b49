//! Translation memory segments: every translated sentence, reused on the next exact match.

use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::{now_ms, Result, Store};

/// One remembered translation of one source segment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemorySegment {
    /// Source language.
    pub source_lang: String,
    /// Target language.
    pub target_lang: String,
    /// Normalized lookup key of the source text.
    pub source_key: String,
    /// Looser key (numbers and punctuation folded) for near-exact matches.
    pub near_key: String,
    /// The source text as first seen.
    pub source_text: String,
    /// The translation.
    pub target_text: String,
    /// Who made it: `human:<user>` or `engine:<name>/<model>`.
    pub origin: String,
    /// How many times it has been reused.
    pub use_count: i64,
}

fn from_row(r: &AnyRow) -> Result<MemorySegment> {
    Ok(MemorySegment {
        source_lang: r.try_get("source_lang")?,
        target_lang: r.try_get("target_lang")?,
        source_key: r.try_get("source_key")?,
        near_key: r.try_get("near_key")?,
        source_text: r.try_get("source_text")?,
        target_text: r.try_get("target_text")?,
        origin: r.try_get("origin")?,
        use_count: r.try_get("use_count")?,
    })
}

const COLUMNS: &str =
    "source_lang, target_lang, source_key, near_key, source_text, target_text, origin, use_count";

impl Store {
    /// Looks a segment up by its normalized key.
    pub async fn memory_lookup(
        &self,
        source_lang: &str,
        target_lang: &str,
        key: &str,
    ) -> Result<Option<MemorySegment>> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM tm_segments WHERE source_lang = $1 AND target_lang = $2 AND source_key = $3"
        ))
        .bind(source_lang)
        .bind(target_lang)
        .bind(key)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(from_row).transpose()
    }

    /// Remembers a translation. A human translation replaces anything; an
    /// engine's translation never replaces a human one.
    pub async fn memory_record(&self, seg: &MemorySegment) -> Result<()> {
        let now = now_ms();
        sqlx::query(
            "INSERT INTO tm_segments (source_lang, target_lang, source_key, near_key, source_text, target_text, origin, use_count, created_at, updated_at) \
             VALUES ($1, $2, $3, $9, $4, $5, $6, $7, $8, $8) \
             ON CONFLICT (source_lang, target_lang, source_key) DO UPDATE SET target_text = excluded.target_text, \
             origin = excluded.origin, updated_at = excluded.updated_at \
             WHERE excluded.origin LIKE 'human%' OR tm_segments.origin NOT LIKE 'human%'",
        )
        .bind(&seg.source_lang)
        .bind(&seg.target_lang)
        .bind(&seg.source_key)
        .bind(&seg.source_text)
        .bind(&seg.target_text)
        .bind(&seg.origin)
        .bind(seg.use_count)
        .bind(now)
        .bind(&seg.near_key)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Candidates for a near-exact match: segments sharing the looser key (at most 20).
    pub async fn memory_lookup_near(
        &self,
        source_lang: &str,
        target_lang: &str,
        near_key: &str,
    ) -> Result<Vec<MemorySegment>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM tm_segments WHERE source_lang = $1 AND target_lang = $2 AND near_key = $3 \
             ORDER BY use_count DESC LIMIT 20"
        ))
        .bind(source_lang)
        .bind(target_lang)
        .bind(near_key)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(from_row).collect()
    }

    /// Counts one more reuse of a segment.
    pub async fn memory_bump(&self, source_lang: &str, target_lang: &str, key: &str) -> Result<()> {
        sqlx::query(
            "UPDATE tm_segments SET use_count = use_count + 1 WHERE source_lang = $1 AND target_lang = $2 AND source_key = $3",
        )
        .bind(source_lang)
        .bind(target_lang)
        .bind(key)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Every segment of a language pair (for TMX export), in key order.
    pub async fn memory_segments(
        &self,
        source_lang: &str,
        target_lang: &str,
    ) -> Result<Vec<MemorySegment>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM tm_segments WHERE source_lang = $1 AND target_lang = $2 ORDER BY source_key"
        ))
        .bind(source_lang)
        .bind(target_lang)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(from_row).collect()
    }
}
