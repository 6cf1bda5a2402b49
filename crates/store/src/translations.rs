//! Language versions of an article: the translate stage's output, the portal's input.

use std::fmt;
use std::str::FromStr;

use article::Article;
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::{now_ms, Result, Store, StoreError};

/// Where a language version stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TranslationStatus {
    /// Translated and waiting for the publish stage.
    Translated,
    /// Held for an editor (QA flags under a `hold_until_reviewed` policy, or held by hand).
    Held,
    /// Visible on the portal.
    Published,
    /// Withdrawn by an editor.
    Unpublished,
    /// Removed at the publisher's request (410 Gone).
    TakenDown,
}

impl TranslationStatus {
    /// The status as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            TranslationStatus::Translated => "translated",
            TranslationStatus::Held => "held",
            TranslationStatus::Published => "published",
            TranslationStatus::Unpublished => "unpublished",
            TranslationStatus::TakenDown => "taken_down",
        }
    }
}

impl fmt::Display for TranslationStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for TranslationStatus {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self> {
        [
            TranslationStatus::Translated,
            TranslationStatus::Held,
            TranslationStatus::Published,
            TranslationStatus::Unpublished,
            TranslationStatus::TakenDown,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
        .ok_or_else(|| StoreError::Conflict(format!("unknown translation status {s:?}")))
    }
}

/// One language version of an article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Translation {
    /// The article.
    pub article_id: i64,
    /// BCP 47 language tag.
    pub lang: String,
    /// URL slug made from the translated title.
    pub slug: String,
    /// The translated article (same block structure as the original).
    pub content: Article,
    /// Publication state.
    pub status: TranslationStatus,
    /// Engine (name and model) that produced it; None for the original language.
    pub engine: Option<String>,
    /// QA flags raised on its segments (flag codes).
    pub qa_flags: Vec<String>,
    /// Segment-by-segment report (source, target, origin, flags) for the review desk, as JSON.
    pub segments: serde_json::Value,
    /// The original's revision this translation was made from.
    pub source_revision: i64,
    /// The editor who reviewed it, if any.
    pub reviewed_by: Option<String>,
    /// When it was first published (ms).
    pub published_at: Option<i64>,
}

/// A short view of a published language version, for lists and feeds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Teaser {
    /// The article.
    pub article_id: i64,
    /// Language of this version.
    pub lang: String,
    /// Translated title.
    pub title: String,
    /// URL slug.
    pub slug: String,
    /// Translated lead, plain text.
    pub lead: Option<String>,
    /// Main image URL.
    pub image_url: Option<String>,
    /// Its translated alt text.
    pub image_alt: Option<String>,
    /// Portal section.
    pub section_id: Option<i64>,
    /// Story (topic cluster).
    pub topic_id: Option<i64>,
    /// Original publication time (ms).
    pub published_at: Option<i64>,
    /// When this language version was last updated (ms).
    pub updated_at: i64,
}

/// Which published versions a list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TeaserFilter {
    /// Only this section.
    pub section_id: Option<i64>,
    /// Only articles credited to this author.
    pub author_id: Option<i64>,
    /// Only this story.
    pub topic_id: Option<i64>,
    /// Never this article (the one being read).
    pub exclude_article: Option<i64>,
}

const COLUMNS: &str = "article_id, lang, slug, content, status, engine, qa_flags, segments, source_revision, reviewed_by, published_at";

fn from_row(row: &AnyRow) -> Result<Translation> {
    let content: String = row.try_get("content")?;
    let flags: String = row.try_get("qa_flags")?;
    let segments: String = row.try_get("segments")?;
    Ok(Translation {
        article_id: row.try_get("article_id")?,
        lang: row.try_get("lang")?,
        slug: row.try_get("slug")?,
        content: serde_json::from_str(&content)
            .map_err(crate::error::json_err("translations.content"))?,
        status: row.try_get::<String, _>("status")?.parse()?,
        engine: row.try_get("engine")?,
        qa_flags: serde_json::from_str(&flags)
            .map_err(crate::error::json_err("translations.qa_flags"))?,
        segments: serde_json::from_str(&segments)
            .map_err(crate::error::json_err("translations.segments"))?,
        source_revision: row.try_get("source_revision")?,
        reviewed_by: row.try_get("reviewed_by")?,
        published_at: row.try_get("published_at")?,
    })
}

impl Store {
    /// Stores a language version (replacing an earlier one for the same
    /// article and language). A version already published stays published
    /// unless `status` says otherwise; an editor's review mark is kept only if
    /// the content is unchanged.
    pub async fn save_translation(&self, t: &Translation) -> Result<()> {
        let content = serde_json::to_string(&t.content)
            .map_err(crate::error::json_err("translations.content"))?;
        let flags = serde_json::to_string(&t.qa_flags)
            .map_err(crate::error::json_err("translations.qa_flags"))?;
        let lead = t.content.lead.as_ref().map(|l| l.plain_text());
        let image_url = t.content.image.as_ref().map(|i| i.src.clone());
        let image_alt = t.content.image.as_ref().and_then(|i| i.alt.clone());
        let now = now_ms();
        sqlx::query(
            "INSERT INTO translations (article_id, lang, title, slug, lead, image_url, image_alt, content, status, engine, \
             qa_flags, source_revision, reviewed_by, published_at, created_at, updated_at, segments) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16) \
             ON CONFLICT (article_id, lang) DO UPDATE SET title = excluded.title, slug = excluded.slug, lead = excluded.lead, \
             image_url = excluded.image_url, image_alt = excluded.image_alt, content = excluded.content, \
             status = excluded.status, engine = excluded.engine, qa_flags = excluded.qa_flags, segments = excluded.segments, \
             source_revision = excluded.source_revision, reviewed_by = excluded.reviewed_by, \
             published_at = COALESCE(translations.published_at, excluded.published_at), updated_at = excluded.updated_at",
        )
        .bind(t.article_id)
        .bind(&t.lang)
        .bind(&t.content.title)
        .bind(&t.slug)
        .bind(lead)
        .bind(image_url)
        .bind(image_alt)
        .bind(content)
        .bind(t.status.as_str())
        .bind(&t.engine)
        .bind(flags)
        .bind(t.source_revision)
        .bind(&t.reviewed_by)
        .bind(t.published_at)
        .bind(now)
        .bind(t.segments.to_string())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// One language version.
    pub async fn translation(&self, article_id: i64, lang: &str) -> Result<Option<Translation>> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM translations WHERE article_id = $1 AND lang = $2"
        ))
        .bind(article_id)
        .bind(lang)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(from_row).transpose()
    }

    /// Every language version of an article, by language tag.
    pub async fn translations_of(&self, article_id: i64) -> Result<Vec<Translation>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM translations WHERE article_id = $1 ORDER BY lang"
        ))
        .bind(article_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(from_row).collect()
    }

    /// Sets a language version's status; publishing stamps the first publication time
    /// and logs the change for search indexes.
    pub async fn set_translation_status(
        &self,
        article_id: i64,
        lang: &str,
        status: TranslationStatus,
    ) -> Result<()> {
        let now = now_ms();
        let done = sqlx::query(
            "UPDATE translations SET status = $1, updated_at = $2, \
             published_at = CASE WHEN $1 = 'published' THEN COALESCE(published_at, $2) ELSE published_at END \
             WHERE article_id = $3 AND lang = $4",
        )
        .bind(status.as_str())
        .bind(now)
        .bind(article_id)
        .bind(lang)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound(format!(
                "{lang} version of article {article_id}"
            )));
        }
        self.log_change(article_id, &format!("{}:{lang}", status.as_str()))
            .await
    }

    /// Published versions in `lang`, newest first, for home, section, author and story pages.
    pub async fn teasers(
        &self,
        lang: &str,
        filter: TeaserFilter,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<Teaser>> {
        let clause = filter_clause(&filter, 4);
        let sql = format!(
            "SELECT {TEASER_COLUMNS} FROM translations t JOIN articles a ON a.id = t.article_id \
             WHERE t.lang = $1 AND t.status = 'published' AND a.status = 'classified' {clause} \
             ORDER BY a.published_at DESC, a.id DESC LIMIT $2 OFFSET $3"
        );
        let mut query = sqlx::query(&sql).bind(lang).bind(limit).bind(offset);
        for value in filter_values(&filter) {
            query = query.bind(value);
        }
        let rows = query.fetch_all(&self.pool).await?;
        rows.iter().map(teaser_from_row).collect()
    }

    /// The published versions in `lang` of `ids`, in the order of `ids`
    /// (ids without one are skipped).
    pub async fn teasers_of(&self, lang: &str, ids: &[i64]) -> Result<Vec<Teaser>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let marks: Vec<String> = (0..ids.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = format!(
            "SELECT {TEASER_COLUMNS} FROM translations t JOIN articles a ON a.id = t.article_id \
             WHERE t.lang = $1 AND t.status = 'published' AND a.status = 'classified' AND t.article_id IN ({})",
            marks.join(", ")
        );
        let mut query = sqlx::query(&sql).bind(lang);
        for id in ids {
            query = query.bind(id);
        }
        let mut found: Vec<Teaser> = query
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(teaser_from_row)
            .collect::<Result<_>>()?;
        found.sort_by_key(|t| ids.iter().position(|id| *id == t.article_id));
        Ok(found)
    }

    /// How many published versions in `lang` match `filter` (for pagination).
    pub async fn count_teasers(&self, lang: &str, filter: TeaserFilter) -> Result<i64> {
        let clause = filter_clause(&filter, 2);
        let sql = format!(
            "SELECT COUNT(*) AS n FROM translations t JOIN articles a ON a.id = t.article_id \
             WHERE t.lang = $1 AND t.status = 'published' AND a.status = 'classified' {clause}"
        );
        let mut query = sqlx::query(&sql).bind(lang);
        for value in filter_values(&filter) {
            query = query.bind(value);
        }
        let row = query.fetch_one(&self.pool).await?;
        Ok(row.try_get("n")?)
    }
}

/// SQL conditions for a filter, numbering its parameters from `$first`
/// in the order [`filter_values`] binds them.
fn filter_clause(filter: &TeaserFilter, first: usize) -> String {
    let mut clause = String::new();
    let mut n = first;
    if filter.section_id.is_some() {
        clause.push_str(&format!(" AND a.section_id = ${n}"));
        n += 1;
    }
    if filter.author_id.is_some() {
        clause.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM article_authors aa WHERE aa.article_id = a.id AND aa.author_id = ${n})"
        ));
        n += 1;
    }
    if filter.topic_id.is_some() {
        clause.push_str(&format!(" AND a.topic_id = ${n}"));
        n += 1;
    }
    if filter.exclude_article.is_some() {
        clause.push_str(&format!(" AND a.id <> ${n}"));
    }
    clause
}

fn filter_values(filter: &TeaserFilter) -> Vec<i64> {
    [
        filter.section_id,
        filter.author_id,
        filter.topic_id,
        filter.exclude_article,
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The columns of a [`Teaser`], from `translations t JOIN articles a`.
pub(crate) const TEASER_COLUMNS: &str =
    "t.article_id, t.lang, t.title, t.slug, t.lead, t.image_url, t.image_alt, \
    a.section_id, a.topic_id, a.published_at, t.updated_at";

/// A [`Teaser`] from a row selected with [`TEASER_COLUMNS`].
pub(crate) fn teaser_from_row(r: &sqlx::any::AnyRow) -> Result<Teaser> {
    Ok(Teaser {
        article_id: r.try_get("article_id")?,
        lang: r.try_get("lang")?,
        title: r.try_get("title")?,
        slug: r.try_get("slug")?,
        lead: r.try_get("lead")?,
        image_url: r.try_get("image_url")?,
        image_alt: r.try_get("image_alt")?,
        section_id: r.try_get("section_id")?,
        topic_id: r.try_get("topic_id")?,
        published_at: r.try_get("published_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}
