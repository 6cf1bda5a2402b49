//! Articles: the extracted original, its identity and its classification.

use std::fmt;
use std::str::FromStr;

use article::Article;
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::lists::ListChange;
use crate::{now_ms, Result, Store, StoreError};

/// Where an original article is in the pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleStatus {
    /// Extracted and stored; not yet classified.
    Extracted,
    /// Section, topic and authors assigned; translations may run.
    Classified,
    /// A copy of another stored article (syndication); linked, not republished.
    Duplicate,
    /// Removed at the publisher's request: every language answers 410 Gone.
    TakenDown,
}

impl ArticleStatus {
    /// The status as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            ArticleStatus::Extracted => "extracted",
            ArticleStatus::Classified => "classified",
            ArticleStatus::Duplicate => "duplicate",
            ArticleStatus::TakenDown => "taken_down",
        }
    }
}

impl fmt::Display for ArticleStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ArticleStatus {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self> {
        [
            ArticleStatus::Extracted,
            ArticleStatus::Classified,
            ArticleStatus::Duplicate,
            ArticleStatus::TakenDown,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
        .ok_or_else(|| StoreError::Conflict(format!("unknown article status {s:?}")))
    }
}

/// What the extract stage hands to storage.
#[derive(Debug, Clone)]
pub struct NewArticle<'a> {
    /// The source it came from.
    pub source_id: Option<i64>,
    /// Normalized canonical URL: the article's identity.
    pub url: &'a str,
    /// The URL actually fetched.
    pub fetched_url: &'a str,
    /// Hash of the normalized text, to notice upstream edits and exact copies.
    pub content_hash: &'a str,
    /// SimHash of the text, to notice near-duplicates.
    pub simhash: i64,
    /// Source language.
    pub language: &'a str,
    /// The extracted article.
    pub original: &'a Article,
}

/// An article as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleRecord {
    /// Row id; also the number in portal URLs.
    pub id: i64,
    /// The source it came from.
    pub source_id: Option<i64>,
    /// Canonical URL of the original.
    pub url: String,
    /// Content hash of the current revision.
    pub content_hash: String,
    /// SimHash of the text.
    pub simhash: i64,
    /// The article this one duplicates, if any.
    pub duplicate_of: Option<i64>,
    /// Source language.
    pub language: String,
    /// The original, as extracted.
    pub original: Article,
    /// Portal section.
    pub section_id: Option<i64>,
    /// Classifier confidence for the section (1.0 when mapped from the source).
    pub section_confidence: Option<f64>,
    /// Story (topic cluster).
    pub topic_id: Option<i64>,
    /// Pipeline status.
    pub status: ArticleStatus,
    /// Original publication time (ms).
    pub published_at: Option<i64>,
    /// Incremented on every upstream edit.
    pub revision: i64,
    /// The original's page answered 404 or 410 when fetched again: the
    /// status and when (ms). Flagged for an editor, never deleted by itself.
    pub upstream_gone: Option<UpstreamGone>,
}

/// An original whose page has gone upstream.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct UpstreamGone {
    /// The HTTP status the publisher answered (404 or 410).
    pub status: i64,
    /// When it was first seen gone (ms).
    pub since: i64,
}

/// Records that an article changed (`classified`, `taken_down`…) in the log
/// web nodes follow to keep their search index current.
pub(crate) async fn log_change(
    conn: &mut sqlx::AnyConnection,
    article_id: i64,
    change: &str,
) -> Result<()> {
    sqlx::query("INSERT INTO change_log (article_id, change, at) VALUES ($1, $2, $3)")
        .bind(article_id)
        .bind(change)
        .bind(now_ms())
        .execute(conn)
        .await?;
    Ok(())
}

/// Copies an article's publication time onto its credits (the author
/// pages' order, schema 4), after it changed.
async fn sync_credit_times(conn: &mut sqlx::AnyConnection, article_id: i64) -> Result<()> {
    sqlx::query(
        "UPDATE article_authors SET published_at = (SELECT published_at FROM articles WHERE id = $1) \
         WHERE article_id = $1",
    )
    .bind(article_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// A name credited on an article, as the classify stage hands it over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credit {
    /// The name as printed on the portal.
    pub name: String,
    /// The same person under any spelling (diacritics, case and spacing removed).
    pub key: String,
    /// Their role on this article, as the page states it.
    pub role: Option<String>,
    /// The publisher (source) they belong to; `None` for a news agency,
    /// whose copy many publishers print under one name.
    pub publisher: Option<i64>,
}

impl Credit {
    /// A credit keyed by its slug, at no particular publisher.
    pub fn named(name: &str, role: Option<&str>) -> Credit {
        Credit {
            name: name.to_string(),
            key: crate::sections::slugify(name),
            role: role.map(str::to_string),
            publisher: None,
        }
    }
}

/// The author entity for a credit — found by key and publisher, or created
/// with a URL slug of its own (`nguyen-van-a`, else `nguyen-van-a-2` when
/// another publisher's namesake has it). `None` for a name with no letters.
async fn author_entity(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    credit: &Credit,
) -> Result<Option<i64>> {
    let base = crate::sections::slugify(&credit.name);
    if base.is_empty() || credit.key.is_empty() {
        return Ok(None);
    }
    let publisher = credit.publisher.unwrap_or(0);
    for n in 1..100 {
        if let Some(row) = sqlx::query(
            "SELECT id FROM authors WHERE author_key = $1 AND COALESCE(source_id, 0) = $2",
        )
        .bind(&credit.key)
        .bind(publisher)
        .fetch_optional(&mut **tx)
        .await?
        {
            return Ok(Some(row.try_get("id")?));
        }
        // Another publisher's namesake may hold the slug; a concurrent
        // worker may just have created this very entity (the unique index
        // on key and publisher): either way, look again, then try the next slug.
        let slug = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        let inserted = sqlx::query(
            "INSERT INTO authors (name, slug, author_key, source_id) VALUES ($1, $2, $3, $4) \
             ON CONFLICT DO NOTHING RETURNING id",
        )
        .bind(&credit.name)
        .bind(&slug)
        .bind(&credit.key)
        .bind(credit.publisher)
        .fetch_optional(&mut **tx)
        .await?;
        if let Some(row) = inserted {
            return Ok(Some(row.try_get("id")?));
        }
    }
    Ok(None)
}

/// A person credited on an article, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredAuthor {
    /// Row id.
    pub id: i64,
    /// Name as printed.
    pub name: String,
    /// URL slug of the author page.
    pub slug: String,
    /// Role on this article.
    pub role: Option<String>,
}

/// What [`Store::upsert_article`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upsert {
    /// A new article was stored.
    Created(i64),
    /// The article existed and its content changed (an upstream edit).
    Updated(i64),
    /// The article existed with the same content.
    Unchanged(i64),
}

impl Upsert {
    /// The article's id.
    pub fn id(self) -> i64 {
        match self {
            Upsert::Created(id) | Upsert::Updated(id) | Upsert::Unchanged(id) => id,
        }
    }
}

pub(crate) const COLUMNS: &str =
    "id, source_id, url, content_hash, simhash, duplicate_of, language, original, \
    section_id, section_confidence, topic_id, status, published_at, revision, upstream_status, upstream_gone_at";

pub(crate) fn from_row(row: &AnyRow) -> Result<ArticleRecord> {
    let original: String = row.try_get("original")?;
    Ok(ArticleRecord {
        id: row.try_get("id")?,
        source_id: row.try_get("source_id")?,
        url: row.try_get("url")?,
        content_hash: row.try_get("content_hash")?,
        simhash: row.try_get("simhash")?,
        duplicate_of: row.try_get("duplicate_of")?,
        language: row.try_get("language")?,
        original: serde_json::from_str(&original)
            .map_err(crate::error::json_err("articles.original"))?,
        section_id: row.try_get("section_id")?,
        section_confidence: row.try_get("section_confidence")?,
        topic_id: row.try_get("topic_id")?,
        status: row.try_get::<String, _>("status")?.parse()?,
        published_at: row.try_get("published_at")?,
        revision: row.try_get("revision")?,
        upstream_gone: match (
            row.try_get::<Option<i64>, _>("upstream_status")?,
            row.try_get::<Option<i64>, _>("upstream_gone_at")?,
        ) {
            (Some(status), Some(since)) => Some(UpstreamGone { status, since }),
            _ => None,
        },
    })
}

impl Store {
    /// Stores an extracted article, keyed by its canonical URL. Running it
    /// twice with the same content changes nothing (the extract stage is
    /// idempotent); different content is an upstream edit: the original is
    /// replaced and the revision incremented.
    pub async fn upsert_article(&self, new: &NewArticle<'_>) -> Result<Upsert> {
        let original = serde_json::to_string(new.original)
            .map_err(crate::error::json_err("articles.original"))?;
        let published = new.original.published.map(|t| t.timestamp_millis());
        let modified = new.original.modified.map(|t| t.timestamp_millis());
        let now = now_ms();
        let inserted = sqlx::query(
            "INSERT INTO articles (source_id, url, fetched_url, content_hash, simhash, language, title, original, status, \
             published_at, modified_at, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'extracted', $9, $10, $11, $11) \
             ON CONFLICT (url) DO NOTHING RETURNING id",
        )
        .bind(new.source_id)
        .bind(new.url)
        .bind(new.fetched_url)
        .bind(new.content_hash)
        .bind(new.simhash)
        .bind(new.language)
        .bind(&new.original.title)
        .bind(&original)
        .bind(published)
        .bind(modified)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        if let Some(row) = inserted {
            let id: i64 = row.try_get("id")?;
            self.log_change(id, "created").await?;
            return Ok(Upsert::Created(id));
        }
        let row = sqlx::query("SELECT id, content_hash FROM articles WHERE url = $1")
            .bind(new.url)
            .fetch_one(&self.pool)
            .await?;
        let id: i64 = row.try_get("id")?;
        if row.try_get::<String, _>("content_hash")? == new.content_hash {
            return Ok(Upsert::Unchanged(id));
        }
        // An upstream edit: the article goes back to be classified again
        // (out of its lists until then) and its credits take its new time.
        let mut tx = self.begin_write().await?;
        let lists = ListChange::begin(&mut tx, self.backend(), id).await?;
        let updated = sqlx::query(
            "UPDATE articles SET fetched_url = $1, content_hash = $2, simhash = $3, title = $4, original = $5, \
             published_at = COALESCE($6, published_at), modified_at = $7, revision = revision + 1, updated_at = $8, \
             status = CASE WHEN status = 'taken_down' THEN status ELSE 'extracted' END \
             WHERE id = $9 AND content_hash <> $2",
        )
        .bind(new.fetched_url)
        .bind(new.content_hash)
        .bind(new.simhash)
        .bind(&new.original.title)
        .bind(&original)
        .bind(published)
        .bind(modified)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let Some(lists) = lists.filter(|_| updated.rows_affected() > 0) else {
            // Another worker stored this very content meanwhile.
            return Ok(Upsert::Unchanged(id));
        };
        sync_credit_times(&mut tx, id).await?;
        lists.finish(&mut tx).await?;
        log_change(&mut tx, id, "updated").await?;
        tx.commit().await?;
        Ok(Upsert::Updated(id))
    }

    /// One article by id.
    pub async fn article(&self, id: i64) -> Result<ArticleRecord> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM articles WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("article {id}")))?;
        from_row(&row)
    }

    /// One article by canonical URL.
    pub async fn article_by_url(&self, url: &str) -> Result<Option<ArticleRecord>> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM articles WHERE url = $1"))
            .bind(url)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(from_row).transpose()
    }

    /// Other articles with the same content hash (exact copies), oldest first.
    pub async fn articles_with_hash(&self, content_hash: &str, except: i64) -> Result<Vec<i64>> {
        let rows =
            sqlx::query("SELECT id FROM articles WHERE content_hash = $1 AND id <> $2 ORDER BY id")
                .bind(content_hash)
                .bind(except)
                .fetch_all(&self.pool)
                .await?;
        rows.iter().map(|r| Ok(r.try_get("id")?)).collect()
    }

    /// (id, simhash) of recent articles other than `except`, newest first, for near-duplicate checks.
    pub async fn recent_simhashes(&self, except: i64, limit: i64) -> Result<Vec<(i64, i64)>> {
        let rows = sqlx::query(
            "SELECT id, simhash FROM articles WHERE id <> $1 AND status <> 'duplicate' ORDER BY id DESC LIMIT $2",
        )
        .bind(except)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("id")?, r.try_get("simhash")?)))
            .collect()
    }

    /// Marks an article as a copy of another: it is kept and linked, not republished.
    pub async fn mark_duplicate(&self, id: i64, of: i64) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let lists = ListChange::begin(&mut tx, self.backend(), id).await?;
        sqlx::query("UPDATE articles SET status = 'duplicate', duplicate_of = $1, updated_at = $2 WHERE id = $3")
            .bind(of)
            .bind(now_ms())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if let Some(lists) = lists {
            lists.finish(&mut tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Records the classify stage's result: section (with confidence), topic and authors.
    pub async fn classify_article(
        &self,
        id: i64,
        section_id: Option<i64>,
        confidence: Option<f64>,
        topic_id: Option<i64>,
        authors: &[Credit],
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let lists = ListChange::begin(&mut tx, self.backend(), id).await?;
        sqlx::query("DELETE FROM article_authors WHERE article_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        for (position, credit) in authors.iter().enumerate() {
            let Some(author_id) = author_entity(&mut tx, credit).await? else {
                continue;
            };
            sqlx::query(
                "INSERT INTO article_authors (article_id, author_id, role, position, published_at) \
                 VALUES ($1, $2, $3, $4, (SELECT published_at FROM articles WHERE id = $1)) ON CONFLICT DO NOTHING",
            )
            .bind(id)
            .bind(author_id)
            .bind(&credit.role)
            .bind(position as i64)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query(
            "UPDATE articles SET section_id = $1, section_confidence = $2, topic_id = $3, updated_at = $4, \
             status = CASE WHEN status = 'extracted' THEN 'classified' ELSE status END WHERE id = $5",
        )
        .bind(section_id)
        .bind(confidence)
        .bind(topic_id)
        .bind(now_ms())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if let Some(lists) = lists {
            lists.finish(&mut tx).await?;
        }
        log_change(&mut tx, id, "classified").await?;
        tx.commit().await?;
        Ok(())
    }

    /// The credited people of an article, in byline order.
    pub async fn article_authors(&self, id: i64) -> Result<Vec<StoredAuthor>> {
        let rows = sqlx::query(
            "SELECT a.id, a.name, a.slug, aa.role FROM article_authors aa JOIN authors a ON a.id = aa.author_id \
             WHERE aa.article_id = $1 ORDER BY aa.position",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(StoredAuthor {
                    id: r.try_get("id")?,
                    name: r.try_get("name")?,
                    slug: r.try_get("slug")?,
                    role: r.try_get("role")?,
                })
            })
            .collect()
    }

    /// An author by slug.
    pub async fn author_by_slug(&self, slug: &str) -> Result<Option<StoredAuthor>> {
        let row = sqlx::query("SELECT id, name, slug FROM authors WHERE slug = $1")
            .bind(slug)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            Ok(StoredAuthor {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                slug: r.try_get("slug")?,
                role: None,
            })
        })
        .transpose()
    }

    /// Articles filed with at least `min_confidence` (1.0: by the source's
    /// mapping or the publisher's own category), newest first: the section
    /// classifier's training examples.
    pub async fn section_examples(
        &self,
        min_confidence: f64,
        limit: i64,
    ) -> Result<Vec<(i64, Article)>> {
        let rows = sqlx::query(
            "SELECT section_id, original FROM articles WHERE status = 'classified' AND section_id IS NOT NULL \
             AND section_confidence >= $1 ORDER BY id DESC LIMIT $2",
        )
        .bind(min_confidence)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let original: String = r.try_get("original")?;
                Ok((
                    r.try_get("section_id")?,
                    serde_json::from_str(&original)
                        .map_err(crate::error::json_err("articles.original"))?,
                ))
            })
            .collect()
    }

    /// Creates a topic (story) and returns its id.
    pub async fn create_topic(&self, label: &str) -> Result<i64> {
        let row =
            sqlx::query("INSERT INTO topics (label, created_at) VALUES ($1, $2) RETURNING id")
                .bind(label)
                .bind(now_ms())
                .fetch_one(&self.pool)
                .await?;
        Ok(row.try_get("id")?)
    }

    /// A topic's label.
    pub async fn topic_label(&self, id: i64) -> Result<Option<String>> {
        let row = sqlx::query("SELECT label FROM topics WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| Ok(r.try_get("label")?)).transpose()
    }

    /// Takes an article down in every language (a publisher's request), logged for audit.
    pub async fn take_down(&self, id: i64, actor: &str, reason: &str) -> Result<()> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        let Some(lists) = ListChange::begin(&mut tx, self.backend(), id).await? else {
            return Err(StoreError::NotFound(format!("article {id}")));
        };
        sqlx::query("UPDATE articles SET status = 'taken_down', updated_at = $1 WHERE id = $2")
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE translations SET status = 'taken_down', updated_at = $1 WHERE article_id = $2",
        )
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        lists.finish(&mut tx).await?;
        log_change(&mut tx, id, "taken_down").await?;
        sqlx::query("INSERT INTO audit_log (actor, action, target, detail, at) VALUES ($1, 'takedown', $2, $3, $4)")
            .bind(actor)
            .bind(format!("article {id}"))
            .bind(reason)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        // The image stage deletes the article's pictures that no other live
        // article shows (from every size and every storage).
        self.enqueue(
            crate::JobKind::Images,
            &serde_json::json!({ "article_id": id }),
            Some(&format!("images-takedown:{id}")),
            crate::JobRetry::default(),
        )
        .await?;
        Ok(())
    }

    pub(crate) async fn log_change(&self, article_id: i64, change: &str) -> Result<()> {
        let mut conn = self.pool.acquire().await?;
        log_change(&mut conn, article_id, change).await
    }

    /// Changes after log id `after`: (log id, article id, change), oldest first.
    pub async fn changes_since(&self, after: i64, limit: i64) -> Result<Vec<(i64, i64, String)>> {
        let rows = sqlx::query(
            "SELECT id, article_id, change FROM change_log WHERE id > $1 ORDER BY id LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get("id")?,
                    r.try_get("article_id")?,
                    r.try_get("change")?,
                ))
            })
            .collect()
    }

    /// The newest change log id (0 when the log is empty).
    pub async fn last_change_id(&self) -> Result<i64> {
        let row = sqlx::query("SELECT COALESCE(MAX(id), 0) AS id FROM change_log")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get("id")?)
    }

    /// Article ids after `after`, ascending, at most `limit`: for walking every article.
    pub async fn article_ids_after(&self, after: i64, limit: i64) -> Result<Vec<i64>> {
        let rows = sqlx::query("SELECT id FROM articles WHERE id > $1 ORDER BY id LIMIT $2")
            .bind(after)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| Ok(r.try_get("id")?)).collect()
    }

    /// Live articles already given a story whose publication time (or, without
    /// one, first sight) falls in `[from_ms, to_ms]`: what story assignment compares with.
    pub async fn storied_articles_between(&self, from_ms: i64, to_ms: i64) -> Result<Vec<i64>> {
        let rows = sqlx::query(
            "SELECT id FROM articles WHERE topic_id IS NOT NULL AND status NOT IN ('duplicate', 'taken_down') \
             AND COALESCE(published_at, created_at) BETWEEN $1 AND $2 ORDER BY id",
        )
        .bind(from_ms)
        .bind(to_ms)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok(r.try_get("id")?)).collect()
    }
}
