//! What the editorial desk lists that the portal does not.

use serde::Serialize;
use sqlx::Row;

use crate::{now_ms, Result, Store, StoreError, REPORTS_TO_HIDE};

/// The setting naming how many distinct readers' reports hide a comment.
const REPORT_THRESHOLD: &str = "comment_report_threshold";
/// The largest report threshold an editor may set.
const MAX_REPORT_THRESHOLD: i64 = 1000;

/// A language version waiting for an editor: held, not yet published, or flagged by QA.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewItem {
    /// The article.
    pub article_id: i64,
    /// The version's language.
    pub lang: String,
    /// Its translated title.
    pub title: String,
    /// Its status as stored.
    pub status: String,
    /// Its QA flags, as stored (a JSON list).
    pub qa_flags: String,
    /// Last change (ms).
    pub updated_at: i64,
}

impl Store {
    /// Ids of the newest articles that are not duplicates, newest first.
    pub async fn desk_article_ids(&self, limit: i64, offset: i64) -> Result<Vec<i64>> {
        let rows = sqlx::query(
            "SELECT id FROM articles WHERE status <> 'duplicate' ORDER BY id DESC LIMIT $1 OFFSET $2",
        )
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok(r.try_get("id")?)).collect()
    }

    /// Language versions an editor should look at, newest change first:
    /// held or translated-but-unpublished ones, and published ones with QA flags.
    pub async fn review_queue(&self, limit: i64) -> Result<Vec<ReviewItem>> {
        let rows = sqlx::query(
            "SELECT t.article_id, t.lang, t.title, t.status, t.qa_flags, t.updated_at \
             FROM translations t JOIN articles a ON a.id = t.article_id \
             WHERE a.status <> 'taken_down' AND (t.status IN ('held', 'translated') OR (t.status = 'published' AND t.qa_flags <> '[]')) \
             ORDER BY t.updated_at DESC, t.article_id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ReviewItem {
                    article_id: r.try_get("article_id")?,
                    lang: r.try_get("lang")?,
                    title: r.try_get("title")?,
                    status: r.try_get("status")?,
                    qa_flags: r.try_get("qa_flags")?,
                    updated_at: r.try_get("updated_at")?,
                })
            })
            .collect()
    }

    /// Articles whose section the classifier chose with a confidence below
    /// `threshold` and no editor has confirmed, newest first:
    /// (article id, original title, section id, confidence).
    pub async fn sections_to_confirm(
        &self,
        threshold: f64,
        limit: i64,
    ) -> Result<Vec<(i64, String, Option<i64>, f64)>> {
        let rows = sqlx::query(
            "SELECT id, title, section_id, section_confidence FROM articles \
             WHERE status = 'classified' AND section_confidence IS NOT NULL AND section_confidence < $1 \
             ORDER BY id DESC LIMIT $2",
        )
        .bind(threshold)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get("id")?,
                    r.try_get("title")?,
                    r.try_get("section_id")?,
                    r.try_get("section_confidence")?,
                ))
            })
            .collect()
    }

    /// Files an article under the section an editor chose (confidence 1.0:
    /// never asked again, kept when the article is re-filed) and tells the
    /// web nodes to re-index it.
    pub async fn set_article_section(&self, id: i64, section_id: i64) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let Some(lists) = crate::lists::ListChange::begin(&mut tx, self.backend(), id).await?
        else {
            return Err(crate::StoreError::NotFound(format!("article {id}")));
        };
        sqlx::query(
            "UPDATE articles SET section_id = $1, section_confidence = 1.0, updated_at = $2 WHERE id = $3",
        )
        .bind(section_id)
        .bind(crate::now_ms())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        lists.finish(&mut tx).await?;
        crate::articles::log_change(&mut tx, id, "classified").await?;
        tx.commit().await?;
        Ok(())
    }

    /// Language versions carrying QA flags, per language: (lang, count).
    pub async fn flagged_per_language(&self) -> Result<Vec<(String, i64)>> {
        let rows = sqlx::query(
            "SELECT lang, COUNT(*) AS n FROM translations WHERE qa_flags <> '[]' AND status <> 'taken_down' GROUP BY lang ORDER BY lang",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("lang")?, r.try_get("n")?)))
            .collect()
    }
}

impl Store {
    /// How many distinct readers' reports hide a visible comment: the number
    /// an editor set at the desk, else [`REPORTS_TO_HIDE`].
    pub async fn report_threshold(&self) -> Result<i64> {
        let row = sqlx::query("SELECT value FROM desk_settings WHERE name = $1")
            .bind(REPORT_THRESHOLD)
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else {
            return Ok(REPORTS_TO_HIDE);
        };
        let value: String = row.try_get("value")?;
        Ok(value
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=MAX_REPORT_THRESHOLD).contains(n))
            .unwrap_or(REPORTS_TO_HIDE))
    }

    /// Sets the report threshold (1 to 1,000; anything else is a
    /// [`StoreError::Conflict`]), recorded in the audit log. Visible comments
    /// that already have that many reports are hidden at once.
    pub async fn set_report_threshold(&self, readers: i64, actor: &str) -> Result<()> {
        if !(1..=MAX_REPORT_THRESHOLD).contains(&readers) {
            return Err(StoreError::Conflict(format!(
                "a report threshold must be between 1 and {MAX_REPORT_THRESHOLD} readers, not {readers}"
            )));
        }
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO desk_settings (name, value, changed_by, changed_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (name) DO UPDATE SET value = excluded.value, changed_by = excluded.changed_by, changed_at = excluded.changed_at",
        )
        .bind(REPORT_THRESHOLD)
        .bind(readers.to_string())
        .bind(actor)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE comments SET status = 'pending' WHERE status = 'visible' AND reports >= $1",
        )
        .bind(readers)
        .execute(&mut *tx)
        .await?;
        sqlx::query("INSERT INTO audit_log (actor, action, target, detail, at) VALUES ($1, 'report_threshold', 'comments', $2, $3)")
            .bind(actor)
            .bind(readers.to_string())
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use crate::{NewArticle, Store, Translation, TranslationStatus};

    async fn version(
        store: &Store,
        id: i64,
        lang: &str,
        status: TranslationStatus,
        flags: &[&str],
    ) {
        let content = article::Article {
            title: format!("Titre {lang}"),
            ..article::Article::default()
        };
        store
            .save_translation(&Translation {
                article_id: id,
                lang: lang.into(),
                slug: "titre".into(),
                content,
                status,
                engine: Some("test".into()),
                qa_flags: flags.iter().map(|f| f.to_string()).collect(),
                segments: serde_json::json!([]),
                source_revision: 1,
                reviewed_by: None,
                published_at: None,
            })
            .await
            .unwrap();
    }

    async fn queue(store: Store) {
        let original = article::Article {
            title: "Bài".into(),
            ..article::Article::default()
        };
        let id = store
            .upsert_article(&NewArticle {
                source_id: None,
                url: "https://a.example/q",
                fetched_url: "https://a.example/q",
                content_hash: "h",
                simhash: 0,
                language: "vi",
                original: &original,
            })
            .await
            .unwrap()
            .id();
        version(&store, id, "fr", TranslationStatus::Held, &[]).await;
        version(
            &store,
            id,
            "en",
            TranslationStatus::Published,
            &["number_mismatch"],
        )
        .await;
        version(&store, id, "de", TranslationStatus::Published, &[]).await;
        let mut langs: Vec<String> = store
            .review_queue(10)
            .await
            .unwrap()
            .into_iter()
            .map(|i| i.lang)
            .collect();
        langs.sort();
        assert_eq!(langs, ["en", "fr"]);
        assert_eq!(
            store.flagged_per_language().await.unwrap(),
            vec![("en".to_string(), 1)]
        );
        store.take_down(id, "eve", "asked").await.unwrap();
        assert!(store.review_queue(10).await.unwrap().is_empty());
        assert!(store.flagged_per_language().await.unwrap().is_empty());
    }

    #[tokio::test]
    async fn the_review_queue_holds_held_and_flagged_versions_on_sqlite() {
        let (store, _dir) = crate::testing::sqlite().await.unwrap();
        queue(store).await;
    }

    #[tokio::test]
    async fn the_review_queue_holds_held_and_flagged_versions_on_postgres() {
        if let Some(store) = crate::testing::postgres().await {
            queue(store).await;
        }
    }
}
