//! Read counts for "most read": views per article, language and hour.
//! Nothing about the reader is stored — no address, no cookie, no agent.

use sqlx::Row;

use crate::translations::{teaser_from_row, TEASER_COLUMNS};
use crate::{Result, Store, Teaser};

/// Milliseconds in an hour: views are counted per hour since the epoch.
pub const HOUR_MS: i64 = 3_600_000;

impl Store {
    /// Adds counted views: `(article, language, hour, views)`, in one transaction.
    pub async fn add_views(&self, counts: &[(i64, String, i64, i64)]) -> Result<()> {
        let mut tx = self.begin_write().await?;
        for (article_id, lang, hour, views) in counts {
            sqlx::query(
                "INSERT INTO article_views (article_id, lang, hour, views) \
                 SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM articles WHERE id = $1) \
                 ON CONFLICT (article_id, lang, hour) DO UPDATE SET views = article_views.views + excluded.views",
            )
            .bind(article_id)
            .bind(lang)
            .bind(hour)
            .bind(views)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The most read published versions in `lang` since `since_hour`, with
    /// their views, most read first.
    pub async fn most_read(
        &self,
        lang: &str,
        since_hour: i64,
        limit: i64,
    ) -> Result<Vec<(Teaser, i64)>> {
        let sql = format!(
            // From the few articles read to their versions (CROSS JOIN keeps
            // SQLite from starting at every version of the language).
            "SELECT {TEASER_COLUMNS}, v.n FROM (SELECT article_id, CAST(SUM(views) AS BIGINT) AS n FROM article_views \
             WHERE lang = $1 AND hour >= $2 GROUP BY article_id) v \
             CROSS JOIN translations t CROSS JOIN articles a \
             WHERE t.article_id = v.article_id AND t.lang = $1 AND a.id = t.article_id \
             AND t.status = 'published' AND a.status = 'classified' \
             ORDER BY v.n DESC, a.published_at DESC, a.id DESC LIMIT $3"
        );
        let rows = sqlx::query(&sql)
            .bind(lang)
            .bind(since_hour)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| Ok((teaser_from_row(r)?, r.try_get("n")?)))
            .collect()
    }

    /// Forgets counts older than `before_hour`. Returns the rows removed.
    pub async fn prune_views(&self, before_hour: i64) -> Result<u64> {
        let done = sqlx::query("DELETE FROM article_views WHERE hour < $1")
            .bind(before_hour)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }
}
