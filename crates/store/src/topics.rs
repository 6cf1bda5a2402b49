//! Stories (topics): their lead article, and merges after the fact.

use sqlx::Row;

use crate::articles::{from_row, COLUMNS};
use crate::{now_ms, ArticleRecord, Result, Store, StoreError};

/// Longest chain of merged stories followed (merges are flattened, so one hop is usual).
const MAX_HOPS: usize = 16;

impl Store {
    /// Moves every article of story `absorb` into story `keep`, leaves a
    /// pointer from `absorb` to `keep` (its page redirects; a worker whose
    /// story index still names it files into `keep`), tells the web nodes
    /// to re-index the moved articles, and writes an audit row. Returns the
    /// ids of the articles moved.
    pub async fn merge_topics(&self, absorb: i64, keep: i64, why: &str) -> Result<Vec<i64>> {
        if absorb == keep {
            return Ok(Vec::new());
        }
        let keep = self.live_topic(keep).await?;
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        let moved: Vec<i64> =
            sqlx::query("SELECT id FROM articles WHERE topic_id = $1 ORDER BY id")
                .bind(absorb)
                .fetch_all(&mut *tx)
                .await?
                .iter()
                .map(|r| r.try_get("id"))
                .collect::<std::result::Result<_, _>>()?;
        sqlx::query("UPDATE articles SET topic_id = $1, updated_at = $2 WHERE topic_id = $3")
            .bind(keep)
            .bind(now)
            .bind(absorb)
            .execute(&mut *tx)
            .await?;
        let done =
            sqlx::query("UPDATE topics SET merged_into = $1 WHERE id = $2 OR merged_into = $2")
                .bind(keep)
                .bind(absorb)
                .execute(&mut *tx)
                .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound(format!("story {absorb}")));
        }
        for id in &moved {
            crate::articles::log_change(&mut tx, *id, "classified").await?;
        }
        sqlx::query(
            "INSERT INTO audit_log (actor, action, target, detail, at) VALUES ('newsbridge', 'story_merged', $1, $2, $3)",
        )
        .bind(format!("story {absorb}"))
        .bind(format!("into story {keep}: {why}"))
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(moved)
    }

    /// The publication times (earliest, latest) of the storied articles
    /// filed since `filed_since_ms` — the range worth checking for merges.
    pub async fn published_range_filed_since(
        &self,
        filed_since_ms: i64,
    ) -> Result<Option<(i64, i64)>> {
        let row = sqlx::query(
            "SELECT MIN(COALESCE(published_at, created_at)) AS lo, MAX(COALESCE(published_at, created_at)) AS hi \
             FROM articles WHERE topic_id IS NOT NULL AND created_at >= $1",
        )
        .bind(filed_since_ms)
        .fetch_one(&self.pool)
        .await?;
        let lo: Option<i64> = row.try_get("lo")?;
        let hi: Option<i64> = row.try_get("hi")?;
        Ok(lo.zip(hi))
    }

    /// The story `id` stands for now: itself, or the story it was merged into.
    pub async fn live_topic(&self, id: i64) -> Result<i64> {
        let mut current = id;
        for _ in 0..MAX_HOPS {
            let row = sqlx::query("SELECT merged_into FROM topics WHERE id = $1")
                .bind(current)
                .fetch_optional(&self.pool)
                .await?;
            match row
                .map(|r| r.try_get::<Option<i64>, _>("merged_into"))
                .transpose()?
            {
                Some(Some(next)) if next != current => current = next,
                _ => return Ok(current),
            }
        }
        Ok(current)
    }

    /// The newest `limit` articles of story `id` (duplicates and articles
    /// taken down left out), newest first.
    pub async fn topic_articles(&self, id: i64, limit: i64) -> Result<Vec<ArticleRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM articles WHERE topic_id = $1 AND status = 'classified' \
             ORDER BY published_at DESC, id DESC LIMIT $2"
        ))
        .bind(id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(from_row).collect()
    }

    /// Makes `article` the lead of story `id`: the story is titled by it, and
    /// its source-language headline becomes the story's label.
    pub async fn set_topic_lead(&self, id: i64, article: i64, label: &str) -> Result<()> {
        let done = sqlx::query("UPDATE topics SET lead_article_id = $1, label = $2 WHERE id = $3")
            .bind(article)
            .bind(label)
            .bind(id)
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound(format!("story {id}")));
        }
        Ok(())
    }

    /// The lead article of story `id`, when one was chosen.
    pub async fn topic_lead(&self, id: i64) -> Result<Option<i64>> {
        let row = sqlx::query("SELECT lead_article_id FROM topics WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row
            .map(|r| r.try_get::<Option<i64>, _>("lead_article_id"))
            .transpose()?
            .flatten())
    }
}
