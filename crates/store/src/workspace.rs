//! The desk as a workspace: who has taken which language version (claims),
//! who reviewed it and when (reviews), the queue with what its filters need,
//! the memory's best matches for a segment, the other open articles sharing
//! a segment, and the reason an article was taken down.
//!
//! Fuzzy matching is a word-level edit distance written here (about twenty
//! lines) rather than a string-similarity crate: CAT tools score matches by
//! words, not characters, and the store takes no new dependency for it.
//! Candidates come from the database by the source's longest words (at most
//! [`MATCH_CANDIDATES`] rows), so a large memory is never read whole.

use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::{now_ms, MemorySegment, Result, Store, StoreError};

/// Rows a match query reads from the memory before scoring.
pub const MATCH_CANDIDATES: i64 = 200;
/// Matches scoring below this percentage are not offered.
pub const MIN_MATCH_SCORE: u8 = 50;
/// Longest segment (in characters) the match query accepts; longer sources
/// are cut there before scoring, so a hostile segment costs a bounded time.
pub const MAX_MATCH_SOURCE: usize = 2_000;
/// Queue rows read for the workspace (filters and counts are made on these).
pub const WORKSPACE_ROWS: i64 = 1_000;

/// An editor's hold on one language version of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Claim {
    /// The article.
    pub article_id: i64,
    /// The language version.
    pub lang: String,
    /// The editor who took it.
    pub taken_by: String,
    /// When (ms).
    pub taken_at: i64,
    /// When it was released (ms), None while it is held.
    pub released_at: Option<i64>,
    /// Who released it (the holder, or an admin).
    pub released_by: Option<String>,
}

/// What [`Store::take_claim`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Taken {
    /// The caller holds it now (newly taken, or already theirs).
    Yours(Claim),
    /// Somebody else holds it.
    Theirs(Claim),
}

/// A language version marked reviewed by an editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Review {
    /// The article.
    pub article_id: i64,
    /// The language version.
    pub lang: String,
    /// Who reviewed it.
    pub reviewed_by: String,
    /// When (ms).
    pub reviewed_at: i64,
    /// The original's revision the editor reviewed (a later revision makes the review stale).
    pub source_revision: i64,
}

/// One row of the desk's workspace queue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkItem {
    /// The article.
    pub article_id: i64,
    /// The language version.
    pub lang: String,
    /// The original's language.
    pub source_lang: String,
    /// Translated title.
    pub title: String,
    /// Version status as stored (`held`, `translated`, `published`).
    pub status: String,
    /// QA flag codes on the version.
    pub qa_flags: Vec<String>,
    /// Last change of the version (ms).
    pub updated_at: i64,
    /// When the article was first stored (ms): the item's age.
    pub created_at: i64,
    /// The article's section, if filed.
    pub section_id: Option<i64>,
    /// The source it came from, if known.
    pub source_id: Option<i64>,
    /// That source's name.
    pub source_name: Option<String>,
    /// The open claim, if somebody holds it.
    pub claim: Option<Claim>,
    /// The latest review, if any.
    pub review: Option<Review>,
}

/// A correction saved at the desk: what the segment said before (and where
/// that came from) and what the editor wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Correction {
    /// The article.
    pub article_id: i64,
    /// The language version.
    pub lang: String,
    /// The source segment.
    pub source: String,
    /// The translation it replaced.
    pub before_text: String,
    /// Where that translation came from, in words the desk wrote.
    pub before_origin: String,
    /// The editor's translation.
    pub after_text: String,
    /// Who.
    pub editor: String,
    /// When (ms).
    pub at: i64,
}

/// A translation memory entry offered for a segment, with its score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemoryMatch {
    /// The remembered segment.
    pub segment: MemorySegment,
    /// Similarity of its source to the asked source, 0–100 (word level).
    pub score: u8,
    /// The article where an editor last wrote this translation at the desk
    /// (None for imported memories and engine output).
    pub article_id: Option<i64>,
}

fn claim_row(r: &AnyRow) -> Result<Claim> {
    Ok(Claim {
        article_id: r.try_get("article_id")?,
        lang: r.try_get("lang")?,
        taken_by: r.try_get("taken_by")?,
        taken_at: r.try_get("taken_at")?,
        released_at: r.try_get("released_at")?,
        released_by: r.try_get("released_by")?,
    })
}

fn review_row(r: &AnyRow) -> Result<Review> {
    Ok(Review {
        article_id: r.try_get("article_id")?,
        lang: r.try_get("lang")?,
        reviewed_by: r.try_get("reviewed_by")?,
        reviewed_at: r.try_get("reviewed_at")?,
        source_revision: r.try_get("source_revision")?,
    })
}

const CLAIM_COLUMNS: &str = "article_id, lang, taken_by, taken_at, released_at, released_by";
const REVIEW_COLUMNS: &str = "article_id, lang, reviewed_by, reviewed_at, source_revision";

impl Store {
    /// The open claim on a language version, if any.
    pub async fn claim(&self, article_id: i64, lang: &str) -> Result<Option<Claim>> {
        let row = sqlx::query(&format!(
            "SELECT {CLAIM_COLUMNS} FROM desk_claims WHERE article_id = $1 AND lang = $2 AND released_at IS NULL"
        ))
        .bind(article_id)
        .bind(lang)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(claim_row).transpose()
    }

    /// Takes a language version for `editor`. Two editors taking it at once:
    /// one gets [`Taken::Yours`], the other [`Taken::Theirs`] (one open claim
    /// per version, kept by a unique index). A missing article is
    /// [`StoreError::NotFound`].
    pub async fn take_claim(&self, article_id: i64, lang: &str, editor: &str) -> Result<Taken> {
        let exists =
            sqlx::query("SELECT 1 AS one FROM translations WHERE article_id = $1 AND lang = $2")
                .bind(article_id)
                .bind(lang)
                .fetch_optional(&self.pool)
                .await?;
        if exists.is_none() {
            return Err(StoreError::NotFound(format!(
                "article {article_id} in {lang}"
            )));
        }
        sqlx::query(
            "INSERT INTO desk_claims (article_id, lang, taken_by, taken_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (article_id, lang) WHERE released_at IS NULL DO NOTHING",
        )
        .bind(article_id)
        .bind(lang)
        .bind(editor)
        .bind(now_ms())
        .execute(&self.pool)
        .await?;
        let Some(claim) = self.claim(article_id, lang).await? else {
            // Released between the insert and the read: the caller may try again.
            return Err(StoreError::Conflict(format!(
                "article {article_id} in {lang} was released while being taken"
            )));
        };
        Ok(if claim.taken_by == editor {
            Taken::Yours(claim)
        } else {
            Taken::Theirs(claim)
        })
    }

    /// Releases the open claim on a language version: the holder may, and
    /// anyone when `anyone` (an admin freeing a forgotten claim). True when a
    /// claim was released.
    pub async fn release_claim(
        &self,
        article_id: i64,
        lang: &str,
        editor: &str,
        anyone: bool,
    ) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE desk_claims SET released_at = $1, released_by = $2 \
             WHERE article_id = $3 AND lang = $4 AND released_at IS NULL AND (taken_by = $2 OR $5 = 1)",
        )
        .bind(now_ms())
        .bind(editor)
        .bind(article_id)
        .bind(lang)
        .bind(i64::from(anyone))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Every claim on a language version, newest first (at most 50).
    pub async fn claim_history(&self, article_id: i64, lang: &str) -> Result<Vec<Claim>> {
        let rows = sqlx::query(&format!(
            "SELECT {CLAIM_COLUMNS} FROM desk_claims WHERE article_id = $1 AND lang = $2 ORDER BY taken_at DESC, id DESC LIMIT 50"
        ))
        .bind(article_id)
        .bind(lang)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(claim_row).collect()
    }

    /// Records that `editor` reviewed a language version now, against the
    /// original's current revision; a later review replaces it. The audit log
    /// gets a `reviewed` row in the same transaction.
    pub async fn record_review(&self, article_id: i64, lang: &str, editor: &str) -> Result<Review> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(
            "SELECT source_revision FROM translations WHERE article_id = $1 AND lang = $2",
        )
        .bind(article_id)
        .bind(lang)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            return Err(StoreError::NotFound(format!(
                "article {article_id} in {lang}"
            )));
        };
        let source_revision: i64 = row.try_get("source_revision")?;
        sqlx::query(
            "INSERT INTO desk_reviews (article_id, lang, reviewed_by, reviewed_at, source_revision) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (article_id, lang) DO UPDATE SET reviewed_by = excluded.reviewed_by, \
             reviewed_at = excluded.reviewed_at, source_revision = excluded.source_revision",
        )
        .bind(article_id)
        .bind(lang)
        .bind(editor)
        .bind(now)
        .bind(source_revision)
        .execute(&mut *tx)
        .await?;
        sqlx::query("INSERT INTO audit_log (actor, action, target, detail, at) VALUES ($1, 'reviewed', $2, NULL, $3)")
            .bind(editor)
            .bind(format!("article {article_id} {lang}"))
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Review {
            article_id,
            lang: lang.to_string(),
            reviewed_by: editor.to_string(),
            reviewed_at: now,
            source_revision,
        })
    }

    /// The latest review of a language version, if any (stale or not: compare
    /// [`Review::source_revision`] with the version's).
    pub async fn review_of(&self, article_id: i64, lang: &str) -> Result<Option<Review>> {
        let row = sqlx::query(&format!(
            "SELECT {REVIEW_COLUMNS} FROM desk_reviews WHERE article_id = $1 AND lang = $2"
        ))
        .bind(article_id)
        .bind(lang)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(review_row).transpose()
    }

    /// True when an editor reviewed the version of `lang` made from the
    /// original's current translation source revision: what readers are told.
    pub async fn is_reviewed(&self, article_id: i64, lang: &str) -> Result<bool> {
        let row = sqlx::query(
            "SELECT 1 AS one FROM desk_reviews r JOIN translations t ON t.article_id = r.article_id AND t.lang = r.lang \
             WHERE r.article_id = $1 AND r.lang = $2 AND r.source_revision = t.source_revision",
        )
        .bind(article_id)
        .bind(lang)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.is_some())
    }

    /// The reason given when an article was taken down (the latest takedown
    /// in the audit log), or None when it was not taken down or no reason is known.
    pub async fn takedown_reason(&self, article_id: i64) -> Result<Option<String>> {
        let row = sqlx::query(
            "SELECT detail FROM audit_log WHERE action = 'takedown' AND target = $1 ORDER BY at DESC, id DESC LIMIT 1",
        )
        .bind(format!("article {article_id}"))
        .fetch_optional(&self.pool)
        .await?;
        Ok(row
            .map(|r| r.try_get::<Option<String>, _>("detail"))
            .transpose()?
            .flatten()
            .map(|d| d.trim().to_string())
            .filter(|d| !d.is_empty()))
    }

    /// Records a correction (see [`Correction`]; `at` is set to now).
    pub async fn record_correction(&self, c: &Correction) -> Result<()> {
        sqlx::query(
            "INSERT INTO desk_corrections (article_id, lang, source, before_text, before_origin, after_text, editor, at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(c.article_id)
        .bind(&c.lang)
        .bind(&c.source)
        .bind(&c.before_text)
        .bind(&c.before_origin)
        .bind(&c.after_text)
        .bind(&c.editor)
        .bind(now_ms())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The corrections of a language version, oldest first (at most 1,000).
    pub async fn corrections_of(&self, article_id: i64, lang: &str) -> Result<Vec<Correction>> {
        let rows = sqlx::query(
            "SELECT article_id, lang, source, before_text, before_origin, after_text, editor, at FROM desk_corrections \
             WHERE article_id = $1 AND lang = $2 ORDER BY at, id LIMIT 1000",
        )
        .bind(article_id)
        .bind(lang)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Correction {
                    article_id: r.try_get("article_id")?,
                    lang: r.try_get("lang")?,
                    source: r.try_get("source")?,
                    before_text: r.try_get("before_text")?,
                    before_origin: r.try_get("before_origin")?,
                    after_text: r.try_get("after_text")?,
                    editor: r.try_get("editor")?,
                    at: r.try_get("at")?,
                })
            })
            .collect()
    }

    /// The workspace queue: language versions an editor should look at (held,
    /// translated but unpublished, or published with QA flags) of articles not
    /// taken down, newest change first, at most [`WORKSPACE_ROWS`], each with
    /// its section, source, open claim and latest review.
    pub async fn workspace_queue(&self) -> Result<Vec<WorkItem>> {
        let rows = sqlx::query(
            "SELECT t.article_id, t.lang, a.language AS source_lang, t.title, t.status, t.qa_flags, t.updated_at, \
             a.created_at, a.section_id, a.source_id, s.name AS source_name, \
             c.taken_by, c.taken_at, r.reviewed_by, r.reviewed_at, r.source_revision \
             FROM translations t JOIN articles a ON a.id = t.article_id \
             LEFT JOIN sources s ON s.id = a.source_id \
             LEFT JOIN desk_claims c ON c.article_id = t.article_id AND c.lang = t.lang AND c.released_at IS NULL \
             LEFT JOIN desk_reviews r ON r.article_id = t.article_id AND r.lang = t.lang \
             WHERE a.status <> 'taken_down' AND t.lang <> a.language \
             AND (t.status IN ('held', 'translated') OR (t.status = 'published' AND t.qa_flags <> '[]')) \
             ORDER BY t.updated_at DESC, t.article_id DESC LIMIT $1",
        )
        .bind(WORKSPACE_ROWS)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let article_id: i64 = r.try_get("article_id")?;
                let lang: String = r.try_get("lang")?;
                let flags: String = r.try_get("qa_flags")?;
                let taken_by: Option<String> = r.try_get("taken_by")?;
                let reviewed_by: Option<String> = r.try_get("reviewed_by")?;
                Ok(WorkItem {
                    article_id,
                    source_lang: r.try_get("source_lang")?,
                    title: r.try_get("title")?,
                    status: r.try_get("status")?,
                    qa_flags: serde_json::from_str(&flags).unwrap_or_default(),
                    updated_at: r.try_get("updated_at")?,
                    created_at: r.try_get("created_at")?,
                    section_id: r.try_get("section_id")?,
                    source_id: r.try_get("source_id")?,
                    source_name: r.try_get("source_name")?,
                    claim: match taken_by {
                        Some(taken_by) => Some(Claim {
                            article_id,
                            lang: lang.clone(),
                            taken_by,
                            taken_at: r.try_get("taken_at")?,
                            released_at: None,
                            released_by: None,
                        }),
                        None => None,
                    },
                    review: match reviewed_by {
                        Some(reviewed_by) => Some(Review {
                            article_id,
                            lang: lang.clone(),
                            reviewed_by,
                            reviewed_at: r.try_get("reviewed_at")?,
                            source_revision: r.try_get("source_revision")?,
                        }),
                        None => None,
                    },
                    lang,
                })
            })
            .collect()
    }

    /// The memory's best matches for `source` (exact first, then fuzzy by
    /// word-level similarity), at most `limit`, each scoring at least
    /// [`MIN_MATCH_SCORE`]. Candidates are the entries whose source shares one
    /// of the segment's three longest words ([`MATCH_CANDIDATES`] rows at most).
    pub async fn memory_matches(
        &self,
        source_lang: &str,
        target_lang: &str,
        source: &str,
        limit: usize,
    ) -> Result<Vec<MemoryMatch>> {
        let source: String = source.chars().take(MAX_MATCH_SOURCE).collect();
        let words = words(&source);
        let mut longest: Vec<&str> = words.clone();
        longest.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        longest.dedup();
        longest.truncate(3);
        if longest.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = String::from(
            "SELECT source_lang, target_lang, source_key, near_key, source_text, target_text, origin, use_count \
             FROM tm_segments WHERE source_lang = $1 AND target_lang = $2 AND (",
        );
        for i in 0..longest.len() {
            if i > 0 {
                sql.push_str(" OR ");
            }
            sql.push_str(&format!("source_text LIKE ${} ESCAPE '\\'", i + 3));
        }
        sql.push_str(&format!(
            ") ORDER BY use_count DESC LIMIT {MATCH_CANDIDATES}"
        ));
        let mut q = sqlx::query(&sql).bind(source_lang).bind(target_lang);
        for w in &longest {
            q = q.bind(format!("%{}%", like_escape(w)));
        }
        let rows = q.fetch_all(&self.pool).await?;
        let mut found: Vec<MemoryMatch> = Vec::new();
        for r in &rows {
            let segment = MemorySegment {
                source_lang: r.try_get("source_lang")?,
                target_lang: r.try_get("target_lang")?,
                source_key: r.try_get("source_key")?,
                near_key: r.try_get("near_key")?,
                source_text: r.try_get("source_text")?,
                target_text: r.try_get("target_text")?,
                origin: r.try_get("origin")?,
                use_count: r.try_get("use_count")?,
            };
            let score = similarity(&words, &self::words(&segment.source_text));
            if score >= MIN_MATCH_SCORE {
                found.push(MemoryMatch {
                    segment,
                    score,
                    article_id: None,
                });
            }
        }
        // Best score first; a human translation before an engine's at equal score.
        found.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then_with(|| {
                    b.segment
                        .origin
                        .starts_with("human")
                        .cmp(&a.segment.origin.starts_with("human"))
                })
                .then_with(|| b.segment.use_count.cmp(&a.segment.use_count))
        });
        found.dedup_by(|a, b| a.segment.target_text == b.segment.target_text);
        found.truncate(limit);
        for m in &mut found {
            let Some(editor) = m.segment.origin.strip_prefix("human:") else {
                continue;
            };
            let row = sqlx::query(
                "SELECT article_id FROM desk_corrections WHERE editor = $1 AND lang = $2 AND after_text = $3 \
                 ORDER BY id DESC LIMIT 1",
            )
            .bind(editor)
            .bind(target_lang)
            .bind(&m.segment.target_text)
            .fetch_optional(&self.pool)
            .await?;
            m.article_id = row.map(|r| r.try_get("article_id")).transpose()?;
        }
        Ok(found)
    }

    /// Other articles whose `lang` version contains the segment `source` and
    /// is still open (held, translated, or published with flags), at most
    /// `limit`, newest change first: where the same correction may apply.
    pub async fn open_articles_with_segment(
        &self,
        lang: &str,
        source: &str,
        except: i64,
        limit: i64,
    ) -> Result<Vec<(i64, String)>> {
        if source.trim().is_empty() || source.chars().count() > MAX_MATCH_SOURCE {
            return Ok(Vec::new());
        }
        // The segments column is JSON: the source appears as a JSON string.
        let quoted =
            serde_json::to_string(source).map_err(|e| StoreError::Conflict(e.to_string()))?;
        let pattern = format!("%{}%", like_escape(&quoted));
        let rows = sqlx::query(
            "SELECT t.article_id, t.title FROM translations t JOIN articles a ON a.id = t.article_id \
             WHERE t.lang = $1 AND t.article_id <> $2 AND a.status <> 'taken_down' \
             AND (t.status IN ('held', 'translated') OR (t.status = 'published' AND t.qa_flags <> '[]')) \
             AND t.segments LIKE $3 ESCAPE '\\' ORDER BY t.updated_at DESC LIMIT $4",
        )
        .bind(lang)
        .bind(except)
        .bind(pattern)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("article_id")?, r.try_get("title")?)))
            .collect()
    }
}

/// Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`.
fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Lower-cased words (letters and digits) of a text; placeholder tags
/// (`<x1>`, `</g2>`) are dropped.
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter(|w| !is_placeholder(w))
        .collect()
}

/// `x1`, `g12`: what remains of a placeholder tag once split into words.
fn is_placeholder(word: &str) -> bool {
    let mut chars = word.chars();
    matches!(chars.next(), Some('x' | 'g'))
        && word.len() > 1
        && word.len() <= 4
        && chars.all(|c| c.is_ascii_digit())
}

/// Word-level similarity of two texts, 0–100: 100 × (1 − edit distance /
/// longer length), case-insensitive.
fn similarity(a: &[&str], b: &[&str]) -> u8 {
    let longer = a.len().max(b.len());
    if longer == 0 {
        return 100;
    }
    let eq = |x: &str, y: &str| x.to_lowercase() == y.to_lowercase();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, x) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            let cost = usize::from(!eq(x, y));
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let distance = prev[b.len()];
    let score = 100 * (longer - distance.min(longer)) / longer;
    u8::try_from(score).unwrap_or(100)
}

/// [`similarity`] of two texts split into words.
pub fn text_similarity(a: &str, b: &str) -> u8 {
    similarity(&words(a), &words(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_counts_words() {
        assert_eq!(
            text_similarity("Nga tăng cường phòng thủ", "Nga tăng cường phòng thủ"),
            100
        );
        assert_eq!(
            text_similarity("Nga tăng cường phòng thủ", "nga TĂNG cường phòng thủ"),
            100
        );
        assert_eq!(text_similarity("a b c d e", "a b c d f"), 80);
        assert_eq!(text_similarity("", "a"), 0);
        assert_eq!(text_similarity("<x1>Putin</x1> nói", "Putin nói"), 100);
    }

    #[test]
    fn like_patterns_are_escaped() {
        assert_eq!(like_escape("50%_a\\b"), "50\\%\\_a\\\\b");
    }
}
