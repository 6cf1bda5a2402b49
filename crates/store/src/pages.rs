//! Raw fetched pages: the fetch stage's output and the extract stage's input.

use sqlx::Row;

use crate::{now_ms, Result, Store};

/// A fetched page as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The URL that was fetched (after redirects).
    pub url: String,
    /// The source it came from.
    pub source_id: Option<i64>,
    /// HTTP status.
    pub status: i64,
    /// The Content-Type header.
    pub content_type: Option<String>,
    /// The body bytes.
    pub body: Vec<u8>,
    /// ETag for the next conditional GET.
    pub etag: Option<String>,
    /// Last-Modified for the next conditional GET.
    pub last_modified: Option<String>,
}

impl Store {
    /// Stores (or replaces) a fetched page.
    pub async fn put_page(&self, page: &Page) -> Result<()> {
        sqlx::query(
            "INSERT INTO pages (url, source_id, status, content_type, body, etag, last_modified, fetched_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (url) DO UPDATE SET source_id = excluded.source_id, \
             status = excluded.status, content_type = excluded.content_type, body = excluded.body, etag = excluded.etag, \
             last_modified = excluded.last_modified, fetched_at = excluded.fetched_at",
        )
        .bind(&page.url)
        .bind(page.source_id)
        .bind(page.status)
        .bind(&page.content_type)
        .bind(&page.body)
        .bind(&page.etag)
        .bind(&page.last_modified)
        .bind(now_ms())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Records that a stored page was confirmed unchanged (a 304) just now.
    pub async fn touch_page(&self, url: &str) -> Result<()> {
        sqlx::query("UPDATE pages SET fetched_at = $1 WHERE url = $2")
            .bind(now_ms())
            .bind(url)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// A stored page by URL.
    pub async fn page(&self, url: &str) -> Result<Option<Page>> {
        let row = sqlx::query(
            "SELECT url, source_id, status, content_type, body, etag, last_modified FROM pages WHERE url = $1",
        )
        .bind(url)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(Page {
                url: r.try_get("url")?,
                source_id: r.try_get("source_id")?,
                status: r.try_get("status")?,
                content_type: r.try_get("content_type")?,
                body: r.try_get::<Option<Vec<u8>>, _>("body")?.unwrap_or_default(),
                etag: r.try_get("etag")?,
                last_modified: r.try_get("last_modified")?,
            })
        })
        .transpose()
    }
}
