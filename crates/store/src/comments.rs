//! Readers' comments on a language version of an article, and their moderation.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::{now_ms, Result, Store, StoreError};

/// Where a comment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CommentStatus {
    /// Shown on the article page.
    Visible,
    /// Waiting for an editor (pre-moderation, or reported by readers).
    Pending,
    /// Refused by an editor.
    Rejected,
    /// Marked as spam by an editor.
    Spam,
}

impl CommentStatus {
    /// The status as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            CommentStatus::Visible => "visible",
            CommentStatus::Pending => "pending",
            CommentStatus::Rejected => "rejected",
            CommentStatus::Spam => "spam",
        }
    }
}

impl fmt::Display for CommentStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CommentStatus {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self> {
        [
            CommentStatus::Visible,
            CommentStatus::Pending,
            CommentStatus::Rejected,
            CommentStatus::Spam,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
        .ok_or_else(|| StoreError::Conflict(format!("unknown comment status {s:?}")))
    }
}

/// A stored comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comment {
    /// Row id.
    pub id: i64,
    /// The article commented on.
    pub article_id: i64,
    /// The language version it was posted on.
    pub lang: String,
    /// The top-level comment this one answers (replies are one level deep).
    pub parent_id: Option<i64>,
    /// Name the reader gave.
    pub author_name: String,
    /// Email the reader gave; never shown on the portal.
    #[serde(skip)]
    pub email: Option<String>,
    /// Plain text, with line breaks.
    pub body: String,
    /// Moderation state.
    pub status: CommentStatus,
    /// Salted hash of the poster's IP address (never the address itself).
    pub ip_hash: String,
    /// How many times readers reported it.
    pub reports: i64,
    /// When it was posted (ms).
    pub created_at: i64,
}

/// A comment to store.
#[derive(Debug, Clone)]
pub struct NewComment<'a> {
    /// The article.
    pub article_id: i64,
    /// Language version.
    pub lang: &'a str,
    /// The comment answered; a reply to a reply is attached to the top-level comment.
    pub parent_id: Option<i64>,
    /// Name shown.
    pub author_name: &'a str,
    /// Optional email, never shown.
    pub email: Option<&'a str>,
    /// Plain text.
    pub body: &'a str,
    /// Initial state (visible under post-moderation, pending under pre-moderation).
    pub status: CommentStatus,
    /// Salted IP hash.
    pub ip_hash: &'a str,
}

const COLUMNS: &str =
    "id, article_id, lang, parent_id, author_name, email, body, status, ip_hash, reports, created_at";

fn from_row(r: &AnyRow) -> Result<Comment> {
    Ok(Comment {
        id: r.try_get("id")?,
        article_id: r.try_get("article_id")?,
        lang: r.try_get("lang")?,
        parent_id: r.try_get("parent_id")?,
        author_name: r.try_get("author_name")?,
        email: r.try_get("email")?,
        body: r.try_get("body")?,
        status: r.try_get::<String, _>("status")?.parse()?,
        ip_hash: r.try_get("ip_hash")?,
        reports: r.try_get("reports")?,
        created_at: r.try_get("created_at")?,
    })
}

/// The comments an article page shows: the newest threads, each with its
/// first replies, and how many visible comments there are in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommentPage {
    /// The threads shown, oldest first.
    pub threads: Vec<Thread>,
    /// Visible comments on the version: top-level ones and replies to a
    /// visible top-level one (a reply under a hidden comment is not shown).
    pub total: i64,
}

/// A top-level comment and the replies shown under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thread {
    /// The top-level comment.
    pub comment: Comment,
    /// Its first replies, oldest first.
    pub replies: Vec<Comment>,
}

impl CommentPage {
    /// How many comments the page holds, threads and replies.
    pub fn comments_on_page(&self) -> usize {
        self.threads.iter().map(|t| 1 + t.replies.len()).sum()
    }
}

/// Distinct readers whose reports hide a visible comment until an editor
/// looks at it, while no editor has set another number at the desk
/// ([`Store::report_threshold`]).
pub const REPORTS_TO_HIDE: i64 = 3;

/// Longest reason kept with a report, in characters (longer ones are cut).
const MAX_REASON: usize = 200;

/// `lang IN (...)` for `languages` with placeholders from `$first`, or no
/// condition (`1 = 1`) for an empty list; the placeholders are bound by the caller.
fn languages_clause(languages: &[String], first: usize) -> String {
    if languages.is_empty() {
        return "1 = 1".to_string();
    }
    let marks: Vec<String> = (0..languages.len())
        .map(|i| format!("${}", first + i))
        .collect();
    format!("lang IN ({})", marks.join(", "))
}

impl Store {
    /// Stores a comment and returns its id. A parent must belong to the same
    /// article and language; a reply to a reply answers that reply's parent.
    pub async fn add_comment(&self, c: &NewComment<'_>) -> Result<i64> {
        let parent = match c.parent_id {
            Some(pid) => {
                let p = self.comment(pid).await?;
                if p.article_id != c.article_id || p.lang != c.lang {
                    return Err(StoreError::Conflict(format!(
                        "comment {pid} belongs to another article"
                    )));
                }
                Some(p.parent_id.unwrap_or(p.id))
            }
            None => None,
        };
        let row = sqlx::query(
            "INSERT INTO comments (article_id, lang, parent_id, author_name, email, body, status, ip_hash, reports, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9) RETURNING id",
        )
        .bind(c.article_id)
        .bind(c.lang)
        .bind(parent)
        .bind(c.author_name)
        .bind(c.email)
        .bind(c.body)
        .bind(c.status.as_str())
        .bind(c.ip_hash)
        .bind(now_ms())
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get("id")?)
    }

    /// One comment by id.
    pub async fn comment(&self, id: i64) -> Result<Comment> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM comments WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("comment {id}")))?;
        from_row(&row)
    }

    /// Visible comments on a language version, oldest first.
    pub async fn visible_comments(&self, article_id: i64, lang: &str) -> Result<Vec<Comment>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM comments WHERE article_id = $1 AND lang = $2 AND status = 'visible' ORDER BY created_at, id"
        ))
        .bind(article_id)
        .bind(lang)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(from_row).collect()
    }

    /// What an article page shows of its comments: the newest `threads`
    /// top-level comments, each with its first `replies` replies, and the
    /// number of visible comments. It reads those rows only, however many
    /// comments the version has gathered.
    pub async fn comment_page(
        &self,
        article_id: i64,
        lang: &str,
        threads: i64,
        replies: i64,
    ) -> Result<CommentPage> {
        let total: i64 = sqlx::query(
            "SELECT COUNT(*) AS n FROM comments c WHERE c.article_id = $1 AND c.lang = $2 AND c.status = 'visible' \
             AND (c.parent_id IS NULL OR EXISTS (SELECT 1 FROM comments p WHERE p.id = c.parent_id AND p.status = 'visible'))",
        )
        .bind(article_id)
        .bind(lang)
        .fetch_one(&self.pool)
        .await?
        .try_get("n")?;
        let mut top = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM comments WHERE article_id = $1 AND lang = $2 AND status = 'visible' AND parent_id IS NULL \
             ORDER BY created_at DESC, id DESC LIMIT $3"
        ))
        .bind(article_id)
        .bind(lang)
        .bind(threads)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(from_row)
        .collect::<Result<Vec<_>>>()?;
        top.reverse();
        let Some(oldest) = top.first() else {
            return Ok(CommentPage {
                threads: Vec::new(),
                total,
            });
        };
        // The shown threads' replies, numbered within each thread; the
        // threads are the top-level comments from the oldest shown one on.
        let numbered = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM (SELECT {COLUMNS}, ROW_NUMBER() OVER (PARTITION BY parent_id ORDER BY created_at, id) AS n \
             FROM comments WHERE article_id = $1 AND lang = $2 AND status = 'visible' AND parent_id IN \
             (SELECT id FROM comments WHERE article_id = $1 AND lang = $2 AND status = 'visible' AND parent_id IS NULL \
              AND (created_at > $3 OR (created_at = $3 AND id >= $4)))) numbered \
             WHERE n <= $5 ORDER BY created_at, id"
        ))
        .bind(article_id)
        .bind(lang)
        .bind(oldest.created_at)
        .bind(oldest.id)
        .bind(replies)
        .fetch_all(&self.pool)
        .await?;
        let mut replies_to: std::collections::HashMap<i64, Vec<Comment>> =
            std::collections::HashMap::new();
        for row in &numbered {
            let reply = from_row(row)?;
            if let Some(parent) = reply.parent_id {
                replies_to.entry(parent).or_default().push(reply);
            }
        }
        let threads = top
            .into_iter()
            .map(|comment| Thread {
                replies: replies_to.remove(&comment.id).unwrap_or_default(),
                comment,
            })
            .collect();
        Ok(CommentPage { threads, total })
    }

    /// Visible comments per article on one language's versions: (article id, count).
    pub async fn visible_comment_counts(&self, lang: &str) -> Result<Vec<(i64, i64)>> {
        let rows = sqlx::query(
            "SELECT article_id, COUNT(*) AS n FROM comments WHERE lang = $1 AND status = 'visible' GROUP BY article_id",
        )
        .bind(lang)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("article_id")?, r.try_get("n")?)))
            .collect()
    }

    /// How many comments a poster (by IP hash) made since `since_ms`.
    pub async fn comments_since(&self, ip_hash: &str, since_ms: i64) -> Result<i64> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n FROM comments WHERE ip_hash = $1 AND created_at >= $2",
        )
        .bind(ip_hash)
        .bind(since_ms)
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get("n")?)
    }

    /// How many comments an article received (any language, any status) since `since_ms`.
    pub async fn article_comments_since(&self, article_id: i64, since_ms: i64) -> Result<i64> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n FROM comments WHERE article_id = $1 AND created_at >= $2",
        )
        .bind(article_id)
        .bind(since_ms)
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get("n")?)
    }

    /// Counts a reader's report on a comment, once per reader (`reader`, a
    /// salted IP hash) and once per page (`token`, a hash of the page's form
    /// token): a second report from either is not counted and returns
    /// `false`. A visible comment with as many counted reports as the
    /// threshold ([`Store::report_threshold`]) becomes pending until an
    /// editor decides. `reason` is kept (cut to 200 characters) for editors.
    pub async fn report_comment(
        &self,
        id: i64,
        reader: &str,
        token: &str,
        reason: Option<&str>,
    ) -> Result<bool> {
        let threshold = self.report_threshold().await?;
        let reason: Option<String> = reason
            .map(|r| r.trim().chars().take(MAX_REASON).collect::<String>())
            .filter(|r| !r.is_empty());
        let mut tx = self.begin_write().await?;
        let exists = sqlx::query("SELECT id FROM comments WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        if exists.is_none() {
            return Err(StoreError::NotFound(format!("comment {id}")));
        }
        // Both unique indexes (reader, token) turn a repeat into no row.
        let counted = sqlx::query(
            "INSERT INTO comment_reports (comment_id, reader, token, reason, at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(reader)
        .bind(token)
        .bind(reason)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?
        .rows_affected()
            > 0;
        if counted {
            sqlx::query(
                "UPDATE comments SET reports = reports + 1, \
                 status = CASE WHEN status = 'visible' AND reports + 1 >= $1 THEN 'pending' ELSE status END \
                 WHERE id = $2",
            )
            .bind(threshold)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(counted)
    }

    /// How many reports a reader (salted IP hash) had counted since `since_ms`,
    /// on any comment: the per-reader limit that holds across web nodes.
    pub async fn reports_by_reader_since(&self, reader: &str, since_ms: i64) -> Result<i64> {
        let row =
            sqlx::query("SELECT COUNT(*) AS n FROM comment_reports WHERE reader = $1 AND at >= $2")
                .bind(reader)
                .bind(since_ms)
                .fetch_one(&self.pool)
                .await?;
        Ok(row.try_get("n")?)
    }

    /// Who reported these comments, oldest first: `(comment id, reader's
    /// salted IP hash, when in ms, reason)` for every counted report.
    pub async fn reports_on(
        &self,
        comment_ids: &[i64],
    ) -> Result<Vec<(i64, String, i64, Option<String>)>> {
        if comment_ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut found = Vec::new();
        // A few hundred ids at most per query, to stay under every bind limit.
        for ids in comment_ids.chunks(500) {
            let marks: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT comment_id, reader, at, reason FROM comment_reports WHERE comment_id IN ({}) ORDER BY at, id",
                marks.join(", ")
            );
            let mut q = sqlx::query(&sql);
            for id in ids {
                q = q.bind(*id);
            }
            for r in q.fetch_all(&self.pool).await? {
                found.push((
                    r.try_get("comment_id")?,
                    r.try_get("reader")?,
                    r.try_get("at")?,
                    r.try_get("reason")?,
                ));
            }
        }
        Ok(found)
    }

    /// Comments waiting for an editor: pending ones and visible ones readers reported.
    pub async fn moderation_queue(&self, limit: i64) -> Result<Vec<Comment>> {
        self.moderation_queue_in(limit, &[]).await
    }

    /// [`Store::moderation_queue`] limited to comments in `languages` (empty: all).
    pub async fn moderation_queue_in(
        &self,
        limit: i64,
        languages: &[String],
    ) -> Result<Vec<Comment>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM comments WHERE (status = 'pending' OR (status = 'visible' AND reports > 0)) \
             AND {} ORDER BY created_at DESC, id DESC LIMIT $1",
            languages_clause(languages, 2)
        );
        let mut q = sqlx::query(&sql).bind(limit);
        for l in languages {
            q = q.bind(l.as_str());
        }
        q.fetch_all(&self.pool)
            .await?
            .iter()
            .map(from_row)
            .collect()
    }

    /// The newest comments in any state.
    pub async fn recent_comments(&self, limit: i64) -> Result<Vec<Comment>> {
        self.recent_comments_in(limit, &[]).await
    }

    /// [`Store::recent_comments`] limited to comments in `languages` (empty: all).
    pub async fn recent_comments_in(
        &self,
        limit: i64,
        languages: &[String],
    ) -> Result<Vec<Comment>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM comments WHERE {} ORDER BY created_at DESC, id DESC LIMIT $1",
            languages_clause(languages, 2)
        );
        let mut q = sqlx::query(&sql).bind(limit);
        for l in languages {
            q = q.bind(l.as_str());
        }
        q.fetch_all(&self.pool)
            .await?
            .iter()
            .map(from_row)
            .collect()
    }

    /// An editor's decision on a comment, recorded in the audit log.
    /// Approving also clears its reports.
    pub async fn moderate_comment(
        &self,
        id: i64,
        status: CommentStatus,
        actor: &str,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE comments SET status = $1, reports = CASE WHEN $1 = 'visible' THEN 0 ELSE reports END WHERE id = $2",
        )
        .bind(status.as_str())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound(format!("comment {id}")));
        }
        sqlx::query("INSERT INTO audit_log (actor, action, target, detail, at) VALUES ($1, $2, $3, NULL, $4)")
            .bind(actor)
            .bind(format!("comment_{status}"))
            .bind(format!("comment {id}"))
            .bind(now_ms())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Deletes a comment (and its replies) for good, recording who and why.
    pub async fn delete_comment(&self, id: i64, actor: &str, reason: &str) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "DELETE FROM comment_reports WHERE comment_id = $1 OR comment_id IN (SELECT id FROM comments WHERE parent_id = $1)",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM comments WHERE parent_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let done = sqlx::query("DELETE FROM comments WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound(format!("comment {id}")));
        }
        sqlx::query("INSERT INTO audit_log (actor, action, target, detail, at) VALUES ($1, 'comment_delete', $2, $3, $4)")
            .bind(actor)
            .bind(format!("comment {id}"))
            .bind(reason)
            .bind(now_ms())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

impl Store {
    /// Bans a poster by IP hash: their comments are marked as spam and new
    /// ones refused. Recorded in the audit log, which is also where bans live
    /// (`ip_ban` rows, target `ip <hash>`).
    pub async fn ban_ip_hash(&self, ip_hash: &str, actor: &str, reason: &str) -> Result<u64> {
        let mut tx = self.begin_write().await?;
        let hidden = sqlx::query(
            "UPDATE comments SET status = 'spam' WHERE ip_hash = $1 AND status IN ('visible', 'pending')",
        )
        .bind(ip_hash)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        sqlx::query("INSERT INTO audit_log (actor, action, target, detail, at) VALUES ($1, 'ip_ban', $2, $3, $4)")
            .bind(actor)
            .bind(format!("ip {ip_hash}"))
            .bind(reason)
            .bind(now_ms())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(hidden)
    }

    /// Whether posts from this IP hash are refused.
    pub async fn ip_hash_banned(&self, ip_hash: &str) -> Result<bool> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'ip_ban' AND target = $1",
        )
        .bind(format!("ip {ip_hash}"))
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get::<i64, _>("n")? > 0)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::NewArticle;

    async fn article(store: &Store) -> i64 {
        let original = article::Article {
            title: "Bài".into(),
            ..article::Article::default()
        };
        store
            .upsert_article(&NewArticle {
                source_id: None,
                url: "https://a.example/1",
                fetched_url: "https://a.example/1",
                content_hash: "h",
                simhash: 0,
                language: "vi",
                original: &original,
            })
            .await
            .unwrap()
            .id()
    }

    fn new<'a>(article_id: i64, parent_id: Option<i64>, body: &'a str) -> NewComment<'a> {
        NewComment {
            article_id,
            lang: "fr",
            parent_id,
            author_name: "Ana",
            email: Some("ana@example.org"),
            body,
            status: CommentStatus::Visible,
            ip_hash: "abc",
        }
    }

    async fn lifecycle(store: Store) {
        let a = article(&store).await;
        let top = store.add_comment(&new(a, None, "un")).await.unwrap();
        let reply = store.add_comment(&new(a, Some(top), "deux")).await.unwrap();
        let deep = store
            .add_comment(&new(a, Some(reply), "trois"))
            .await
            .unwrap();
        assert_eq!(store.comment(deep).await.unwrap().parent_id, Some(top));
        let mut other_lang = new(a, Some(top), "x");
        other_lang.lang = "en";
        assert!(matches!(
            store.add_comment(&other_lang).await,
            Err(StoreError::Conflict(_))
        ));
        assert_eq!(store.visible_comments(a, "fr").await.unwrap().len(), 3);
        assert_eq!(
            store.visible_comment_counts("fr").await.unwrap(),
            vec![(a, 3)]
        );
        assert!(store.visible_comment_counts("en").await.unwrap().is_empty());
        assert_eq!(store.comments_since("abc", 0).await.unwrap(), 3);
        assert_eq!(
            store.comments_since("abc", now_ms() + 1000).await.unwrap(),
            0
        );

        for i in 0..REPORTS_TO_HIDE {
            let reader = format!("reader{i}");
            let token = format!("token{i}");
            assert!(store
                .report_comment(reply, &reader, &token, None)
                .await
                .unwrap());
        }
        assert_eq!(
            store.comment(reply).await.unwrap().status,
            CommentStatus::Pending
        );
        assert_eq!(store.moderation_queue(10).await.unwrap()[0].id, reply);
        store
            .moderate_comment(reply, CommentStatus::Visible, "eve")
            .await
            .unwrap();
        let back = store.comment(reply).await.unwrap();
        assert_eq!((back.status, back.reports), (CommentStatus::Visible, 0));
        store
            .moderate_comment(deep, CommentStatus::Spam, "eve")
            .await
            .unwrap();
        assert_eq!(store.visible_comments(a, "fr").await.unwrap().len(), 2);

        store
            .delete_comment(top, "eve", "asked by the reader")
            .await
            .unwrap();
        assert!(
            store.recent_comments(10).await.unwrap().is_empty(),
            "replies go with it"
        );
        assert!(matches!(
            store.delete_comment(top, "eve", "again").await,
            Err(StoreError::NotFound(_))
        ));
        let log = store.audit_log(10, 0).await.unwrap();
        let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions,
            ["comment_delete", "comment_spam", "comment_visible"]
        );
        assert_eq!(store.desk_article_ids(10, 0).await.unwrap(), vec![a]);

        let kept = store.add_comment(&new(a, None, "quatre")).await.unwrap();
        assert!(!store.ip_hash_banned("abc").await.unwrap());
        assert_eq!(store.ban_ip_hash("abc", "eve", "spammer").await.unwrap(), 1);
        assert!(store.ip_hash_banned("abc").await.unwrap());
        assert!(!store.ip_hash_banned("abd").await.unwrap());
        assert_eq!(
            store.comment(kept).await.unwrap().status,
            CommentStatus::Spam
        );
    }

    #[tokio::test]
    async fn comments_thread_report_moderate_and_delete_on_sqlite() {
        let (store, _dir) = crate::testing::sqlite().await.unwrap();
        lifecycle(store).await;
    }

    #[tokio::test]
    async fn comments_thread_report_moderate_and_delete_on_postgres() {
        if let Some(store) = crate::testing::postgres().await {
            lifecycle(store).await;
        }
    }

    /// Five threads of three replies, one of them hidden with its replies,
    /// and one reply hidden: the page holds the newest two threads with
    /// their first two replies, in reading order, and counts what is visible.
    async fn page(store: Store) {
        let a = article(&store).await;
        let mut threads = Vec::new();
        for t in 0..5 {
            let top = store
                .add_comment(&new(a, None, &format!("t{t}")))
                .await
                .unwrap();
            for r in 0..3 {
                store
                    .add_comment(&new(a, Some(top), &format!("t{t}r{r}")))
                    .await
                    .unwrap();
            }
            threads.push(top);
        }
        store
            .moderate_comment(threads[1], CommentStatus::Spam, "eve")
            .await
            .unwrap();
        let replies = store.visible_comments(a, "fr").await.unwrap();
        let hidden_reply = replies.iter().find(|c| c.body == "t4r0").unwrap().id;
        store
            .moderate_comment(hidden_reply, CommentStatus::Rejected, "eve")
            .await
            .unwrap();

        let shown = store.comment_page(a, "fr", 2, 2).await.unwrap();
        let bodies: Vec<&str> = shown
            .threads
            .iter()
            .flat_map(|t| std::iter::once(&t.comment).chain(&t.replies))
            .map(|c| c.body.as_str())
            .collect();
        assert_eq!(bodies, ["t3", "t3r0", "t3r1", "t4", "t4r1", "t4r2"]);
        // 20 written; thread 1 (4 comments) and one reply are hidden.
        assert_eq!(shown.total, 15);

        let none = store.comment_page(a, "en", 2, 2).await.unwrap();
        assert_eq!(none, CommentPage::default());
    }

    #[tokio::test]
    async fn a_comment_page_is_the_newest_threads_with_their_first_replies_on_sqlite() {
        let (store, _dir) = crate::testing::sqlite().await.unwrap();
        page(store).await;
    }

    #[tokio::test]
    async fn a_comment_page_is_the_newest_threads_with_their_first_replies_on_postgres() {
        if let Some(store) = crate::testing::postgres().await {
            page(store).await;
        }
    }
}
