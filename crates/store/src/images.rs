//! Images mirrored from publishers: each picture once by content hash
//! (`images`), and each place an article shows one (`article_images`) with
//! the publisher's URL, credit, alt text and caption and how fetching it went.
//!
//! The bytes live in the image storage (a directory or an S3 bucket, see the
//! `images` crate); these tables say what is there and what may be shown. A
//! page shows a picture only when its reference is `stored`: a pending,
//! failed, withdrawn or refused one shows its caption and alt text instead.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::{now_ms, Result, Store, StoreError};

/// Where in an article a picture is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImageRole {
    /// The main image shown with the headline.
    Lead,
    /// A figure in the body (its position counts figures from 0).
    Body,
    /// The page's `og:image`, when it differs from the lead image.
    Og,
}

impl ImageRole {
    /// Every role.
    pub const ALL: [ImageRole; 3] = [ImageRole::Lead, ImageRole::Body, ImageRole::Og];

    /// The role as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            ImageRole::Lead => "lead",
            ImageRole::Body => "body",
            ImageRole::Og => "og",
        }
    }
}

impl FromStr for ImageRole {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self> {
        ImageRole::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| StoreError::Conflict(format!("unknown image role {s:?}")))
    }
}

/// How fetching a referenced picture went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImageState {
    /// Not fetched yet, or waiting for its next attempt.
    Pending,
    /// Fetched and stored: the page shows it.
    Stored,
    /// Every attempt failed: the page shows caption and alt text only.
    Failed,
    /// The publisher answered 404/410, or the article was taken down.
    Withdrawn,
    /// Not a picture we take (robots.txt, the address guard, a refused type or size).
    Refused,
}

impl ImageState {
    /// Every state.
    pub const ALL: [ImageState; 5] = [
        ImageState::Pending,
        ImageState::Stored,
        ImageState::Failed,
        ImageState::Withdrawn,
        ImageState::Refused,
    ];

    /// The state as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            ImageState::Pending => "pending",
            ImageState::Stored => "stored",
            ImageState::Failed => "failed",
            ImageState::Withdrawn => "withdrawn",
            ImageState::Refused => "refused",
        }
    }
}

impl fmt::Display for ImageState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ImageState {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self> {
        ImageState::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| StoreError::Conflict(format!("unknown image state {s:?}")))
    }
}

/// One derived size and format of a stored picture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenditionInfo {
    /// Width in pixels.
    #[serde(rename = "w")]
    pub width: u32,
    /// Height in pixels.
    #[serde(rename = "h")]
    pub height: u32,
    /// Output format name: `avif`, `webp`, `jpeg` or `png`.
    #[serde(rename = "f")]
    pub format: String,
    /// Size of the encoded file.
    #[serde(rename = "b", default)]
    pub bytes: u64,
}

/// What a page needs to show a stored picture: its hash (the storage key's
/// root), its size and the renditions that exist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShownImage {
    /// Lowercase hex SHA-256 of the original bytes.
    pub hash: String,
    /// The original's width in pixels.
    pub width: u32,
    /// The original's height in pixels.
    pub height: u32,
    /// The renditions made, in the order they were made.
    pub renditions: Vec<RenditionInfo>,
}

impl ShownImage {
    /// Parses the `hash:width:height:renditions-json` descriptor the teaser
    /// queries select; `None` when it is malformed (the teaser shows no picture).
    pub(crate) fn from_descriptor(d: &str) -> Option<ShownImage> {
        let mut parts = d.splitn(4, ':');
        let hash = parts.next()?.to_string();
        let width = parts.next()?.parse().ok()?;
        let height = parts.next()?.parse().ok()?;
        let renditions = serde_json::from_str(parts.next()?).ok()?;
        Some(ShownImage {
            hash,
            width,
            height,
            renditions,
        })
    }
}

/// A stored picture, as its `images` row says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredImage {
    /// Lowercase hex SHA-256 of the original bytes.
    pub hash: String,
    /// Source format as probed (`jpeg`, `png`, `gif`, `webp`, `avif`).
    pub format: String,
    /// The original's width in pixels.
    pub width: u32,
    /// The original's height in pixels.
    pub height: u32,
    /// The original's size.
    pub bytes: u64,
    /// The renditions' sizes added up.
    pub stored_bytes: u64,
    /// The renditions made.
    pub renditions: Vec<RenditionInfo>,
    /// The rendition plan they were made for (compared by a rebuild).
    pub plan: String,
    /// When the files were first written (ms).
    pub stored_at: i64,
}

impl StoredImage {
    /// What a page needs to show it.
    pub fn shown(&self) -> ShownImage {
        ShownImage {
            hash: self.hash.clone(),
            width: self.width,
            height: self.height,
            renditions: self.renditions.clone(),
        }
    }
}

/// A picture an article shows, as the extract stage found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewImageRef {
    /// Lead, body figure or og:image.
    pub role: ImageRole,
    /// Figure number for body figures (from 0); 0 otherwise.
    pub position: i64,
    /// The publisher's absolute URL.
    pub url: String,
    /// Photographer or agency credit.
    pub credit: Option<String>,
    /// Alternative text.
    pub alt: Option<String>,
    /// Caption as plain text.
    pub caption: Option<String>,
}

/// A picture an article shows, with how fetching it went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImageRef {
    /// Row id.
    pub id: i64,
    /// The article.
    pub article_id: i64,
    /// Lead, body figure or og:image.
    pub role: ImageRole,
    /// Figure number (body) or 0.
    pub position: i64,
    /// The publisher's URL (kept for credit and rechecks).
    pub url: String,
    /// Photographer or agency credit.
    pub credit: Option<String>,
    /// Alternative text.
    pub alt: Option<String>,
    /// Caption as plain text.
    pub caption: Option<String>,
    /// How fetching it went.
    pub state: ImageState,
    /// The stored picture, once stored.
    pub hash: Option<String>,
    /// Fetch attempts made.
    pub attempts: i64,
    /// When the next attempt is due (ms), while pending.
    pub next_attempt_at: Option<i64>,
    /// Why the last attempt failed or was refused.
    pub last_error: Option<String>,
    /// The publisher's last HTTP status, when it answered.
    pub http_status: Option<i64>,
    /// When the publisher's copy was last fetched or checked (ms).
    pub checked_at: Option<i64>,
}

const REF_COLUMNS: &str =
    "id, article_id, role, position, url, credit, alt, caption, state, hash, \
    attempts, next_attempt_at, last_error, http_status, checked_at";

fn ref_from_row(r: &AnyRow) -> Result<ImageRef> {
    Ok(ImageRef {
        id: r.try_get("id")?,
        article_id: r.try_get("article_id")?,
        role: r.try_get::<String, _>("role")?.parse()?,
        position: r.try_get("position")?,
        url: r.try_get("url")?,
        credit: r.try_get("credit")?,
        alt: r.try_get("alt")?,
        caption: r.try_get("caption")?,
        state: r.try_get::<String, _>("state")?.parse()?,
        hash: r.try_get("hash")?,
        attempts: r.try_get("attempts")?,
        next_attempt_at: r.try_get("next_attempt_at")?,
        last_error: r.try_get("last_error")?,
        http_status: r.try_get("http_status")?,
        checked_at: r.try_get("checked_at")?,
    })
}

const IMAGE_COLUMNS: &str =
    "hash, format, width, height, bytes, stored_bytes, renditions, plan, stored_at";

fn u32_of(v: i64) -> u32 {
    u32::try_from(v).unwrap_or(0)
}

fn image_from_row(r: &AnyRow) -> Result<StoredImage> {
    let renditions: String = r.try_get("renditions")?;
    Ok(StoredImage {
        hash: r.try_get("hash")?,
        format: r.try_get("format")?,
        width: u32_of(r.try_get("width")?),
        height: u32_of(r.try_get("height")?),
        bytes: u64::try_from(r.try_get::<i64, _>("bytes")?).unwrap_or(0),
        stored_bytes: u64::try_from(r.try_get::<i64, _>("stored_bytes")?).unwrap_or(0),
        renditions: serde_json::from_str(&renditions)
            .map_err(crate::error::json_err("images.renditions"))?,
        plan: r.try_get("plan")?,
        stored_at: r.try_get("stored_at")?,
    })
}

/// What one fetch of a referenced picture came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageOutcome {
    /// Stored (or already stored) as `hash`; its `images` row must exist.
    Stored {
        /// The picture's content hash.
        hash: String,
    },
    /// Failed for now; try again at `retry_at` (ms).
    Retry {
        /// What went wrong.
        error: String,
        /// The publisher's status, when it answered.
        http_status: Option<i64>,
        /// When to try again.
        retry_at: i64,
    },
    /// Failed for good after the last attempt.
    Failed {
        /// What went wrong.
        error: String,
        /// The publisher's status, when it answered.
        http_status: Option<i64>,
    },
    /// Not a picture we take; retrying cannot help.
    Refused {
        /// Why.
        error: String,
        /// The publisher's status, when it answered.
        http_status: Option<i64>,
    },
    /// Gone from the publisher (404/410), or no longer to be shown.
    Withdrawn {
        /// Why.
        reason: String,
        /// The publisher's status, when it answered.
        http_status: Option<i64>,
    },
}

/// Counts for `newsbridge images status`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImageCounts {
    /// Article references per state (every state present, zero included).
    pub references: BTreeMap<String, i64>,
    /// Distinct stored pictures.
    pub images: i64,
    /// Their originals' bytes added up.
    pub original_bytes: i64,
    /// Their renditions' bytes added up.
    pub stored_bytes: i64,
    /// Stored pictures no live article shows (removed by `images gc`).
    pub orphans: i64,
}

/// Stored pictures shown by no `stored` reference of an article that is not
/// taken down.
const ORPHAN_CONDITION: &str =
    "NOT EXISTS (SELECT 1 FROM article_images ai JOIN articles a ON a.id = ai.article_id \
     WHERE ai.hash = i.hash AND ai.state = 'stored' AND a.status <> 'taken_down')";

impl Store {
    /// Makes the article's references match `refs` (one per role and
    /// position): new slots are pending; a slot whose URL changed starts
    /// again as pending; an unchanged slot keeps its state and takes the new
    /// credit, alt and caption; slots no longer listed are removed. Returns
    /// the references after the change, lead first, then body, then og.
    pub async fn sync_article_images(
        &self,
        article_id: i64,
        refs: &[NewImageRef],
    ) -> Result<Vec<ImageRef>> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        let existing = sqlx::query(&format!(
            "SELECT {REF_COLUMNS} FROM article_images WHERE article_id = $1"
        ))
        .bind(article_id)
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(ref_from_row)
        .collect::<Result<Vec<_>>>()?;
        for old in &existing {
            if !refs
                .iter()
                .any(|n| n.role == old.role && n.position == old.position)
            {
                sqlx::query("DELETE FROM article_images WHERE id = $1")
                    .bind(old.id)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        for new in refs {
            let old = existing
                .iter()
                .find(|o| o.role == new.role && o.position == new.position);
            match old {
                Some(old) if old.url == new.url => {
                    sqlx::query(
                        "UPDATE article_images SET credit = $1, alt = $2, caption = $3, updated_at = $4 WHERE id = $5",
                    )
                    .bind(&new.credit)
                    .bind(&new.alt)
                    .bind(&new.caption)
                    .bind(now)
                    .bind(old.id)
                    .execute(&mut *tx)
                    .await?;
                }
                Some(old) => {
                    sqlx::query(
                        "UPDATE article_images SET url = $1, credit = $2, alt = $3, caption = $4, state = 'pending', \
                         hash = NULL, attempts = 0, next_attempt_at = $5, last_error = NULL, http_status = NULL, \
                         checked_at = NULL, updated_at = $5 WHERE id = $6",
                    )
                    .bind(&new.url)
                    .bind(&new.credit)
                    .bind(&new.alt)
                    .bind(&new.caption)
                    .bind(now)
                    .bind(old.id)
                    .execute(&mut *tx)
                    .await?;
                }
                None => {
                    sqlx::query(
                        "INSERT INTO article_images (article_id, role, position, url, credit, alt, caption, state, \
                         attempts, next_attempt_at, created_at, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', 0, $8, $8, $8)",
                    )
                    .bind(article_id)
                    .bind(new.role.as_str())
                    .bind(new.position)
                    .bind(&new.url)
                    .bind(&new.credit)
                    .bind(&new.alt)
                    .bind(&new.caption)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
            }
        }
        tx.commit().await?;
        self.article_images(article_id).await
    }

    /// Every reference of an article: lead first, then body figures in order, then og.
    pub async fn article_images(&self, article_id: i64) -> Result<Vec<ImageRef>> {
        let rows = sqlx::query(&format!(
            "SELECT {REF_COLUMNS} FROM article_images WHERE article_id = $1 \
             ORDER BY CASE role WHEN 'lead' THEN 0 WHEN 'body' THEN 1 ELSE 2 END, position"
        ))
        .bind(article_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(ref_from_row).collect()
    }

    /// One reference by id.
    pub async fn image_ref(&self, id: i64) -> Result<ImageRef> {
        let row = sqlx::query(&format!(
            "SELECT {REF_COLUMNS} FROM article_images WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("image reference {id}")))?;
        ref_from_row(&row)
    }

    /// The earliest next attempt among the article's pending references (ms).
    pub async fn next_image_attempt(&self, article_id: i64) -> Result<Option<i64>> {
        let row = sqlx::query(
            "SELECT MIN(next_attempt_at) AS at FROM article_images WHERE article_id = $1 AND state = 'pending'",
        )
        .bind(article_id)
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get("at")?)
    }

    /// The picture already stored from `url` for some article, if any: the
    /// same URL in another article is not fetched again.
    pub async fn stored_hash_for_url(&self, url: &str) -> Result<Option<String>> {
        let row = sqlx::query(
            "SELECT ai.hash FROM article_images ai JOIN images i ON i.hash = ai.hash \
             WHERE ai.url = $1 AND ai.state = 'stored' ORDER BY ai.id LIMIT 1",
        )
        .bind(url)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok(r.try_get("hash")?)).transpose()
    }

    /// Records a stored picture (after its files were written), or updates its
    /// renditions, plan and sizes when the hash is already known.
    pub async fn put_image(&self, image: &StoredImage) -> Result<()> {
        let now = now_ms();
        let renditions = serde_json::to_string(&image.renditions)
            .map_err(crate::error::json_err("images.renditions"))?;
        sqlx::query(
            "INSERT INTO images (hash, format, width, height, bytes, stored_bytes, renditions, plan, stored_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
             ON CONFLICT (hash) DO UPDATE SET stored_bytes = excluded.stored_bytes, renditions = excluded.renditions, \
             plan = excluded.plan, updated_at = excluded.updated_at",
        )
        .bind(&image.hash)
        .bind(&image.format)
        .bind(i64::from(image.width))
        .bind(i64::from(image.height))
        .bind(i64::try_from(image.bytes).unwrap_or(i64::MAX))
        .bind(i64::try_from(image.stored_bytes).unwrap_or(i64::MAX))
        .bind(renditions)
        .bind(&image.plan)
        .bind(image.stored_at)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// A stored picture by hash.
    pub async fn image(&self, hash: &str) -> Result<Option<StoredImage>> {
        let row = sqlx::query(&format!(
            "SELECT {IMAGE_COLUMNS} FROM images WHERE hash = $1"
        ))
        .bind(hash)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(image_from_row).transpose()
    }

    /// Stored pictures in hash order after `after` (for rebuilds and gc).
    pub async fn images_after(&self, after: &str, limit: i64) -> Result<Vec<StoredImage>> {
        let rows = sqlx::query(&format!(
            "SELECT {IMAGE_COLUMNS} FROM images WHERE hash > $1 ORDER BY hash LIMIT $2"
        ))
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(image_from_row).collect()
    }

    /// Records what a fetch of reference `id` came to. Every outcome but
    /// `Stored` takes the picture off the page; `Retry` keeps it pending
    /// until `retry_at`. Attempts count every outcome.
    pub async fn record_image_outcome(&self, id: i64, outcome: &ImageOutcome) -> Result<()> {
        let now = now_ms();
        let (state, hash, error, status, next) = match outcome {
            ImageOutcome::Stored { hash } => (ImageState::Stored, Some(hash), None, None, None),
            ImageOutcome::Retry {
                error,
                http_status,
                retry_at,
            } => (
                ImageState::Pending,
                None,
                Some(error),
                *http_status,
                Some(*retry_at),
            ),
            ImageOutcome::Failed { error, http_status } => {
                (ImageState::Failed, None, Some(error), *http_status, None)
            }
            ImageOutcome::Refused { error, http_status } => {
                (ImageState::Refused, None, Some(error), *http_status, None)
            }
            ImageOutcome::Withdrawn {
                reason,
                http_status,
            } => (
                ImageState::Withdrawn,
                None,
                Some(reason),
                *http_status,
                None,
            ),
        };
        // A withdrawn or failed reference keeps the hash it had, so the
        // picture can be found for removal; a stored one takes the new hash.
        let done = sqlx::query(
            "UPDATE article_images SET state = $1, hash = COALESCE($2, hash), last_error = $3, http_status = $4, \
             next_attempt_at = $5, attempts = attempts + 1, checked_at = $6, updated_at = $6 WHERE id = $7",
        )
        .bind(state.as_str())
        .bind(hash)
        .bind(error)
        .bind(status)
        .bind(next)
        .bind(now)
        .bind(id)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound(format!("image reference {id}")));
        }
        Ok(())
    }

    /// Marks a stored reference checked now without changing it (a recheck
    /// found the publisher's copy still there).
    pub async fn touch_image_ref(&self, id: i64) -> Result<()> {
        sqlx::query("UPDATE article_images SET checked_at = $1 WHERE id = $2")
            .bind(now_ms())
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Takes every picture of an article off its pages (a takedown): its
    /// references become withdrawn. Returns the hashes they showed, for
    /// [`Store::unused_images`].
    pub async fn withdraw_article_images(
        &self,
        article_id: i64,
        reason: &str,
    ) -> Result<Vec<String>> {
        let now = now_ms();
        let rows = sqlx::query(
            "SELECT DISTINCT hash FROM article_images WHERE article_id = $1 AND hash IS NOT NULL ORDER BY hash",
        )
        .bind(article_id)
        .fetch_all(&self.pool)
        .await?;
        sqlx::query(
            "UPDATE article_images SET state = 'withdrawn', last_error = $1, next_attempt_at = NULL, updated_at = $2 \
             WHERE article_id = $3 AND state <> 'withdrawn'",
        )
        .bind(reason)
        .bind(now)
        .bind(article_id)
        .execute(&self.pool)
        .await?;
        rows.iter().map(|r| Ok(r.try_get("hash")?)).collect()
    }

    /// Of `hashes`, those no live article still shows (no `stored`
    /// reference of an article that is not taken down): their files may go.
    pub async fn unused_images(&self, hashes: &[String]) -> Result<Vec<String>> {
        let mut unused = Vec::new();
        for hash in hashes {
            let row = sqlx::query(&format!(
                "SELECT COUNT(*) AS n FROM images i WHERE i.hash = $1 AND {ORPHAN_CONDITION}"
            ))
            .bind(hash)
            .fetch_one(&self.pool)
            .await?;
            if row.try_get::<i64, _>("n")? > 0 {
                unused.push(hash.clone());
            }
        }
        Ok(unused)
    }

    /// Up to `limit` stored pictures no live article shows, in hash order.
    pub async fn orphan_images(&self, limit: i64) -> Result<Vec<StoredImage>> {
        let rows = sqlx::query(&format!(
            "SELECT {IMAGE_COLUMNS} FROM images i WHERE {ORPHAN_CONDITION} ORDER BY hash LIMIT $1"
        ))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(image_from_row).collect()
    }

    /// Forgets a stored picture after its files were deleted (references
    /// keep their state; their hash becomes empty).
    pub async fn forget_image(&self, hash: &str) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE article_images SET hash = NULL WHERE hash = $1")
            .bind(hash)
            .execute(&mut *tx)
            .await?;
        let done = sqlx::query("DELETE FROM images WHERE hash = $1")
            .bind(hash)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(done.rows_affected() > 0)
    }

    /// The article's pictures a page may show, by the publisher's URL.
    pub async fn shown_images(&self, article_id: i64) -> Result<HashMap<String, ShownImage>> {
        let rows = sqlx::query(&format!(
            "SELECT ai.url AS url, {} FROM article_images ai JOIN images i ON i.hash = ai.hash \
             WHERE ai.article_id = $1 AND ai.state = 'stored'",
            IMAGE_COLUMNS
                .split(", ")
                .map(|c| format!("i.{c} AS {c}"))
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .bind(article_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("url")?, image_from_row(r)?.shown())))
            .collect()
    }

    /// Stored references whose publisher copy was last checked before
    /// `before` (ms), of live articles, oldest check first.
    pub async fn image_refs_to_recheck(&self, before: i64, limit: i64) -> Result<Vec<ImageRef>> {
        let rows = sqlx::query(&format!(
            "SELECT {} FROM article_images ai JOIN articles a ON a.id = ai.article_id \
             WHERE ai.state = 'stored' AND a.status <> 'taken_down' AND COALESCE(ai.checked_at, 0) < $1 \
             ORDER BY COALESCE(ai.checked_at, 0), ai.id LIMIT $2",
            REF_COLUMNS
                .split(", ")
                .map(|c| format!("ai.{c} AS {c}"))
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .bind(before)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(ref_from_row).collect()
    }

    /// Counts for `newsbridge images status`.
    pub async fn image_counts(&self) -> Result<ImageCounts> {
        let mut counts = ImageCounts {
            references: ImageState::ALL
                .iter()
                .map(|s| (s.as_str().to_string(), 0))
                .collect(),
            ..ImageCounts::default()
        };
        let rows = sqlx::query("SELECT state, COUNT(*) AS n FROM article_images GROUP BY state")
            .fetch_all(&self.pool)
            .await?;
        for r in &rows {
            counts
                .references
                .insert(r.try_get("state")?, r.try_get("n")?);
        }
        let row = sqlx::query(
            "SELECT COUNT(*) AS n, CAST(COALESCE(SUM(bytes), 0) AS BIGINT) AS b, \
             CAST(COALESCE(SUM(stored_bytes), 0) AS BIGINT) AS s FROM images",
        )
        .fetch_one(&self.pool)
        .await?;
        counts.images = row.try_get("n")?;
        counts.original_bytes = row.try_get("b")?;
        counts.stored_bytes = row.try_get("s")?;
        let row = sqlx::query(&format!(
            "SELECT COUNT(*) AS n FROM images i WHERE {ORPHAN_CONDITION}"
        ))
        .fetch_one(&self.pool)
        .await?;
        counts.orphans = row.try_get("n")?;
        Ok(counts)
    }
}

/// The stored picture of a teaser row selected with `TEASER_COLUMNS` (its `image_stored` subquery: a `hash:width:height:renditions` descriptor, or NULL).
pub(crate) fn teaser_image(r: &AnyRow) -> Result<Option<ShownImage>> {
    let d: Option<String> = r.try_get("image_stored")?;
    Ok(d.as_deref().and_then(ShownImage::from_descriptor))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptors_parse_and_malformed_ones_are_none() {
        let d = r#"ab12:1600:900:[{"w":480,"h":270,"f":"webp","b":100}]"#;
        let shown = ShownImage::from_descriptor(d).unwrap_or_else(|| panic!("{d}"));
        assert_eq!(shown.hash, "ab12");
        assert_eq!((shown.width, shown.height), (1600, 900));
        assert_eq!(shown.renditions[0].format, "webp");
        for bad in ["", "ab", "ab:x:1:[]", "ab:1:1:not json", "ab:1:-1:[]"] {
            assert_eq!(ShownImage::from_descriptor(bad), None, "{bad:?}");
        }
    }
}
