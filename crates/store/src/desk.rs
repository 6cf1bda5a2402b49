//! What the editorial desk lists that the portal does not.

use sqlx::Row;

use crate::{Result, Store};

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
}
