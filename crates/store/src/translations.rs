//! Language versions of an article: the translate stage's output, the portal's input.

use std::fmt;
use std::str::FromStr;

use article::Article;
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::lists::ListChange;
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
    /// The main image as mirrored, when it is stored (pages show no picture otherwise).
    pub image: Option<crate::ShownImage>,
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
        let mut tx = self.begin_write().await?;
        let lists = ListChange::begin(&mut tx, self.backend(), t.article_id).await?;
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
        .execute(&mut *tx)
        .await?;
        if let Some(lists) = lists {
            lists.finish(&mut tx).await?;
        }
        tx.commit().await?;
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
        let mut tx = self.begin_write().await?;
        let lists = ListChange::begin(&mut tx, self.backend(), article_id).await?;
        let done = sqlx::query(
            "UPDATE translations SET status = $1, updated_at = $2, \
             published_at = CASE WHEN $1 = 'published' THEN COALESCE(published_at, $2) ELSE published_at END \
             WHERE article_id = $3 AND lang = $4",
        )
        .bind(status.as_str())
        .bind(now)
        .bind(article_id)
        .bind(lang)
        .execute(&mut *tx)
        .await?;
        let Some(lists) = lists.filter(|_| done.rows_affected() > 0) else {
            return Err(StoreError::NotFound(format!(
                "{lang} version of article {article_id}"
            )));
        };
        lists.finish(&mut tx).await?;
        crate::articles::log_change(&mut tx, article_id, &format!("{}:{lang}", status.as_str()))
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Published versions in `lang`, newest first, for home, section, author and story pages.
    pub async fn teasers(
        &self,
        lang: &str,
        filter: TeaserFilter,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<Teaser>> {
        let (from, clause) = filter_sql(&filter, 4);
        // An author's credits carry their article's publication time, so
        // their index gives the order: (offset + limit) credits are read.
        let order = if filter.author_id.is_some() {
            "aa.published_at DESC, aa.article_id DESC"
        } else {
            "a.published_at DESC, a.id DESC"
        };
        let sql = format!(
            "SELECT {TEASER_COLUMNS} FROM {from} \
             WHERE t.article_id = a.id AND t.lang = $1 AND t.status = 'published' AND a.status = 'classified' {clause} \
             ORDER BY {order} LIMIT $2 OFFSET $3"
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
        let (from, clause) = filter_sql(&filter, 2);
        // From an author's credits, SQLite would look each version up in the
        // (article_id, lang) unique index and read its status from the row,
        // past the content; with the language out of the lookup it reads
        // (article_id, lang, status) alone.
        let lang_is = if filter.author_id.is_some() {
            "t.lang || '' = $1"
        } else {
            "t.lang = $1"
        };
        let sql = format!(
            "SELECT COUNT(*) AS n FROM {from} \
             WHERE t.article_id = a.id AND {lang_is} AND t.status = 'published' AND a.status = 'classified' {clause}"
        );
        let mut query = sqlx::query(&sql).bind(lang);
        for value in filter_values(&filter) {
            query = query.bind(value);
        }
        let row = query.fetch_one(&self.pool).await?;
        Ok(row.try_get("n")?)
    }
}

/// The tables and SQL conditions for a filter, numbering its parameters
/// from `$first` in the order [`filter_values`] binds them.
///
/// The join is driven from articles, newest first through an index that
/// fits the filter (status, section or story), and each article's language
/// version is looked up: starting from the language's versions would visit
/// every one of them for a section count or an author page. An author's
/// articles are found from their credits, newest first by the credits'
/// copy of the publication time (schema 4): walking the newest articles and
/// checking each byline read the whole archive's newest articles for a
/// prolific author's later pages. CROSS JOIN fixes that order on SQLite
/// (whose planner, without statistics, starts from the versions);
/// PostgreSQL treats it as an inner join and plans it on its own.
fn filter_sql(filter: &TeaserFilter, first: usize) -> (&'static str, String) {
    let mut clause = String::new();
    let mut n = first;
    if filter.section_id.is_some() {
        clause.push_str(&format!(" AND a.section_id = ${n}"));
        n += 1;
    }
    let mut from = "articles a CROSS JOIN translations t";
    if filter.author_id.is_some() {
        clause.push_str(&format!(
            " AND aa.author_id = ${n} AND a.id = aa.article_id"
        ));
        from = "article_authors aa CROSS JOIN articles a CROSS JOIN translations t";
        n += 1;
    }
    if filter.topic_id.is_some() {
        clause.push_str(&format!(" AND a.topic_id = ${n}"));
        n += 1;
    }
    if filter.exclude_article.is_some() {
        clause.push_str(&format!(" AND a.id <> ${n}"));
    }
    (from, clause)
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

/// The columns of a [`Teaser`], from `translations t` joined with `articles a`.
pub(crate) const TEASER_COLUMNS: &str =
    "t.article_id, t.lang, t.title, t.slug, t.lead, t.image_url, t.image_alt, \
    a.section_id, a.topic_id, a.published_at, t.updated_at, \
    (SELECT i.hash || ':' || CAST(i.width AS TEXT) || ':' || CAST(i.height AS TEXT) || ':' || i.renditions \
    FROM article_images ai JOIN images i ON i.hash = ai.hash \
    WHERE ai.article_id = t.article_id AND ai.url = t.image_url AND ai.state = 'stored' \
    ORDER BY ai.id LIMIT 1) AS image_stored";

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
        image: crate::images::teaser_image(r)?,
        section_id: r.try_get("section_id")?,
        topic_id: r.try_get("topic_id")?,
        published_at: r.try_get("published_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

#[cfg(all(test, feature = "testing"))]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::collections::BTreeMap;

    use chrono::{FixedOffset, TimeZone};

    use super::*;
    use crate::{Credit, NewArticle};

    /// Articles 1..=8, one an hour (8 the newest): sections A (odd) and B
    /// (even); story S holds 2, 3 and 4; author X wrote 1, 2, 5 and 6, Y
    /// wrote 2, 3 and 8. Every article is published in vi; in en all but 4
    /// (only translated) and 7 (taken down, with its article).
    async fn fill(store: &Store) -> (i64, i64, i64, i64, i64, Vec<i64>) {
        let names: BTreeMap<String, String> = BTreeMap::new();
        let a = store.upsert_section("a", 0, &names).await.unwrap();
        let b = store.upsert_section("b", 1, &names).await.unwrap();
        let story = store.create_topic("S").await.unwrap();
        let zone = FixedOffset::east_opt(7 * 3600).unwrap();
        let mut ids = Vec::new();
        for k in 1..=8i64 {
            let original = Article {
                title: format!("Bài {k}"),
                published: zone.timestamp_millis_opt(k * 3_600_000).single(),
                ..Article::default()
            };
            let url = format!("https://example.vn/{k}");
            let id = store
                .upsert_article(&NewArticle {
                    source_id: None,
                    url: &url,
                    fetched_url: &url,
                    content_hash: &format!("h{k}"),
                    simhash: k,
                    language: "vi",
                    original: &original,
                })
                .await
                .unwrap()
                .id();
            let mut credits = Vec::new();
            if [1, 2, 5, 6].contains(&k) {
                credits.push(Credit::named("Nguyễn Văn X", None));
            }
            if [2, 3, 8].contains(&k) {
                credits.push(Credit::named("Trần Thị Y", None));
            }
            let section = if k % 2 == 1 { a } else { b };
            let topic = (2..=4).contains(&k).then_some(story);
            store
                .classify_article(id, Some(section), Some(1.0), topic, &credits)
                .await
                .unwrap();
            for (lang, status) in [
                ("vi", TranslationStatus::Published),
                (
                    "en",
                    if k == 4 {
                        TranslationStatus::Translated
                    } else {
                        TranslationStatus::Published
                    },
                ),
            ] {
                store
                    .save_translation(&Translation {
                        article_id: id,
                        lang: lang.into(),
                        slug: format!("bai-{k}"),
                        content: original.clone(),
                        status,
                        engine: None,
                        qa_flags: vec![],
                        segments: serde_json::json!([]),
                        source_revision: 1,
                        reviewed_by: None,
                        published_at: Some(k * 3_600_000),
                    })
                    .await
                    .unwrap();
            }
            ids.push(id);
        }
        store.take_down(ids[6], "test", "asked").await.unwrap();
        let x = store
            .author_by_slug("nguyen-van-x")
            .await
            .unwrap()
            .unwrap()
            .id;
        let y = store
            .author_by_slug("tran-thi-y")
            .await
            .unwrap()
            .unwrap()
            .id;
        (a, b, story, x, y, ids)
    }

    async fn lists_filter_and_count(store: Store) {
        let (a, b, story, x, y, ids) = fill(&store).await;
        let k = |ks: &[usize]| ks.iter().map(|k| ids[k - 1]).collect::<Vec<i64>>();
        let cases = [
            (TeaserFilter::default(), k(&[8, 6, 5, 3, 2, 1])),
            (
                TeaserFilter {
                    section_id: Some(a),
                    ..TeaserFilter::default()
                },
                k(&[5, 3, 1]),
            ),
            (
                TeaserFilter {
                    section_id: Some(b),
                    exclude_article: Some(ids[5]),
                    ..TeaserFilter::default()
                },
                k(&[8, 2]),
            ),
            (
                TeaserFilter {
                    author_id: Some(x),
                    ..TeaserFilter::default()
                },
                k(&[6, 5, 2, 1]),
            ),
            (
                TeaserFilter {
                    author_id: Some(y),
                    section_id: Some(b),
                    ..TeaserFilter::default()
                },
                k(&[8, 2]),
            ),
            (
                TeaserFilter {
                    author_id: Some(y),
                    exclude_article: Some(ids[7]),
                    ..TeaserFilter::default()
                },
                k(&[3, 2]),
            ),
            (
                TeaserFilter {
                    topic_id: Some(story),
                    ..TeaserFilter::default()
                },
                k(&[3, 2]),
            ),
        ];
        for (filter, expected) in cases {
            let found: Vec<i64> = store
                .teasers("en", filter, 10, 0)
                .await
                .unwrap()
                .iter()
                .map(|t| t.article_id)
                .collect();
            assert_eq!(found, expected, "{filter:?}");
            let n = store.count_teasers("en", filter).await.unwrap();
            assert_eq!(n, expected.len() as i64, "{filter:?}");
            // Pages of two cover the list in order.
            let mut paged = Vec::new();
            for offset in (0..expected.len() as i64).step_by(2) {
                paged.extend(
                    store
                        .teasers("en", filter, 2, offset)
                        .await
                        .unwrap()
                        .iter()
                        .map(|t| t.article_id),
                );
            }
            assert_eq!(paged, expected, "{filter:?} in pages");
        }
        // Article 4 is published in vi only.
        let story_vi = store
            .count_teasers(
                "vi",
                TeaserFilter {
                    topic_id: Some(story),
                    ..TeaserFilter::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(story_vi, 3);
        store.close().await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn lists_filter_and_count_on_sqlite() {
        let (store, _dir) = crate::testing::sqlite().await.unwrap();
        lists_filter_and_count(store).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn lists_filter_and_count_on_postgres() {
        if let Some(store) = crate::testing::postgres().await {
            lists_filter_and_count(store).await;
        }
    }

    /// Times lists and counts through this API on a database made elsewhere
    /// (the scale example's, kept with SCALE_KEEP): `STORE_PROFILE=<sqlite
    /// file> cargo test --release -p store --lib profile -- --ignored --nocapture`.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[ignore = "needs STORE_PROFILE=<sqlite file>"]
    async fn profile() {
        let Ok(path) = std::env::var("STORE_PROFILE") else {
            return;
        };
        // Not `open`: migrating runs PRAGMA optimize, which would add statistics.
        let store = Store::connect(&format!("sqlite://{path}")).await.unwrap();
        let author = store
            .author_by_slug("nguyen-van-an")
            .await
            .unwrap()
            .unwrap()
            .id;
        let article = store.article(54321).await.unwrap();
        let filters = [
            ("home", TeaserFilter::default(), 0),
            (
                "section",
                TeaserFilter {
                    section_id: Some(3),
                    ..TeaserFilter::default()
                },
                40,
            ),
            (
                "author",
                TeaserFilter {
                    author_id: Some(author),
                    ..TeaserFilter::default()
                },
                0,
            ),
            (
                "author page 5",
                TeaserFilter {
                    author_id: Some(author),
                    ..TeaserFilter::default()
                },
                80,
            ),
            (
                "same author",
                TeaserFilter {
                    author_id: Some(author),
                    exclude_article: Some(article.id),
                    ..TeaserFilter::default()
                },
                0,
            ),
            (
                "same story",
                TeaserFilter {
                    topic_id: article.topic_id,
                    exclude_article: Some(article.id),
                    ..TeaserFilter::default()
                },
                0,
            ),
        ];
        let ms = |started: std::time::Instant| started.elapsed().as_secs_f64() * 1000.0;
        for (name, filter, offset) in filters {
            for round in 0..3 {
                let started = std::time::Instant::now();
                let n = store.teasers("en", filter, 20, offset).await.unwrap().len();
                let list = ms(started);
                let started = std::time::Instant::now();
                let total = store.count_teasers("en", filter).await.unwrap();
                let count = ms(started);
                println!("{name} (round {round}): list {list:.2} ms ({n}), count {count:.2} ms ({total})");
            }
        }
        for round in 0..3 {
            let started = std::time::Instant::now();
            let n = store.most_read("en", 0, 10).await.unwrap().len();
            println!("most read (round {round}): {:.2} ms ({n})", ms(started));
        }
        for round in 0..3 {
            let started = std::time::Instant::now();
            store.translations_of(54321).await.unwrap();
            store.article(54321).await.unwrap();
            println!(
                "article and its versions (round {round}): {:.2} ms",
                ms(started)
            );
        }
    }
}
