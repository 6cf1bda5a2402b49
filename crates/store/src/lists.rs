//! Sizes of the portal's paginated lists: all published versions in one
//! language, a section's, or an author's, kept in `list_sizes`.
//!
//! Counting a list reads every entry of it (10,000 index entries for a
//! section of a 100,000-article archive: 8–40 ms), so readers never count:
//! each store function that can move a version into or out of a list does,
//! in its own transaction, [`ListChange::begin`] (lock the article, note the
//! lists its published versions are in), its change, then
//! [`ListChange::finish`] (note them again, add +1/−1 where they differ).
//! A change costs two short reads of one article and a few keyed upserts
//! (a publish 0.2 ms in all at 1,000 and at 100,000 articles); recounting
//! the lists an article is in after each change instead would cost the
//! section's and authors' counts, which grow with the archive (5 ms and
//! 2 ms at 100,000: crates/web/docs/measurements.md).
//!
//! Why exact under concurrency: every writer locks the article's row first
//! (PostgreSQL `FOR NO KEY UPDATE`; on SQLite a write, which takes the one
//! write lock, so a deferred transaction never has to upgrade a read
//! snapshot), so two changes of one article never interleave, and the
//! deltas are applied in key order, so two articles' changes never
//! deadlock on the same rows. [`Store::reconcile_list_sizes`] recounts
//! everything as a safety net.

use std::collections::{BTreeMap, BTreeSet};

use sqlx::Row;

use crate::{Backend, Result, Store, TeaserFilter};

/// A paginated list of published versions whose size the store keeps, per language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Listing {
    /// Every published version in the language (the API's list, the sitemaps).
    Language,
    /// A section page: the section's articles.
    Section(i64),
    /// An author page: the articles crediting the author.
    Author(i64),
}

impl Listing {
    /// The teaser filter that lists it (and counts it live).
    pub fn filter(self) -> TeaserFilter {
        match self {
            Listing::Language => TeaserFilter::default(),
            Listing::Section(id) => TeaserFilter {
                section_id: Some(id),
                ..TeaserFilter::default()
            },
            Listing::Author(id) => TeaserFilter {
                author_id: Some(id),
                ..TeaserFilter::default()
            },
        }
    }

    fn kind(self) -> &'static str {
        match self {
            Listing::Language => "language",
            Listing::Section(_) => "section",
            Listing::Author(_) => "author",
        }
    }

    fn id(self) -> i64 {
        match self {
            Listing::Language => 0,
            Listing::Section(id) | Listing::Author(id) => id,
        }
    }

    fn of(kind: &str, id: i64) -> Option<Listing> {
        match kind {
            "language" => Some(Listing::Language),
            "section" => Some(Listing::Section(id)),
            "author" => Some(Listing::Author(id)),
            _ => None,
        }
    }
}

/// A language version's place in a list: (language, list).
type Membership = (String, Listing);

/// One article's lists, noted before a change to it.
#[derive(Debug)]
pub(crate) struct ListChange {
    article_id: i64,
    before: BTreeSet<Membership>,
}

impl ListChange {
    /// Locks article `article_id` for the rest of the transaction `tx` (call
    /// it first, before any read) and notes the lists its published versions
    /// are in. `None` when there is no such article.
    pub(crate) async fn begin(
        tx: &mut sqlx::AnyConnection,
        backend: Backend,
        article_id: i64,
    ) -> Result<Option<ListChange>> {
        let found = match backend {
            Backend::Postgres => {
                sqlx::query("SELECT id FROM articles WHERE id = $1 FOR NO KEY UPDATE")
                    .bind(article_id)
                    .fetch_optional(&mut *tx)
                    .await?
                    .is_some()
            }
            // A write takes SQLite's write lock now, before the transaction's
            // first read (a later upgrade could fail with SQLITE_BUSY); the
            // row is left as it was.
            Backend::Sqlite => {
                sqlx::query("UPDATE articles SET revision = revision WHERE id = $1")
                    .bind(article_id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected()
                    > 0
            }
        };
        if !found {
            return Ok(None);
        }
        Ok(Some(ListChange {
            article_id,
            before: memberships(tx, article_id).await?,
        }))
    }

    /// Notes the article's lists again and moves each list's size by the difference.
    pub(crate) async fn finish(self, tx: &mut sqlx::AnyConnection) -> Result<()> {
        let after = memberships(tx, self.article_id).await?;
        let mut deltas: BTreeMap<&Membership, i64> = BTreeMap::new();
        for m in after.difference(&self.before) {
            deltas.insert(m, 1);
        }
        for m in self.before.difference(&after) {
            deltas.insert(m, -1);
        }
        // In key order (the map's), so that concurrent changes of two
        // articles lock shared rows in the same order.
        for ((lang, listing), delta) in deltas {
            sqlx::query(
                "INSERT INTO list_sizes (lang, list, list_id, size) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (lang, list, list_id) DO UPDATE SET size = list_sizes.size + excluded.size",
            )
            .bind(lang)
            .bind(listing.kind())
            .bind(listing.id())
            .bind(delta)
            .execute(&mut *tx)
            .await?;
        }
        Ok(())
    }
}

/// The lists an article's published versions are in: with the article
/// classified, each published language is in its language's list, the
/// article's section and each credited author's list.
async fn memberships(
    conn: &mut sqlx::AnyConnection,
    article_id: i64,
) -> Result<BTreeSet<Membership>> {
    let rows = sqlx::query(
        "SELECT a.status, a.section_id, t.lang, aa.author_id FROM articles a \
         LEFT JOIN translations t ON t.article_id = a.id AND t.status = 'published' \
         LEFT JOIN article_authors aa ON aa.article_id = a.id \
         WHERE a.id = $1",
    )
    .bind(article_id)
    .fetch_all(conn)
    .await?;
    let mut lists = BTreeSet::new();
    for row in &rows {
        if row.try_get::<String, _>("status")? != "classified" {
            continue;
        }
        let Some(lang) = row.try_get::<Option<String>, _>("lang")? else {
            continue;
        };
        lists.insert((lang.clone(), Listing::Language));
        if let Some(section) = row.try_get::<Option<i64>, _>("section_id")? {
            lists.insert((lang.clone(), Listing::Section(section)));
        }
        if let Some(author) = row.try_get::<Option<i64>, _>("author_id")? {
            lists.insert((lang, Listing::Author(author)));
        }
    }
    Ok(lists)
}

/// Every list's true size, counted from the tables.
async fn true_sizes(conn: &mut sqlx::AnyConnection) -> Result<BTreeMap<Membership, i64>> {
    let mut sizes = BTreeMap::new();
    for (kind, sql) in [
        (
            "language",
            "SELECT t.lang, CAST(0 AS BIGINT) AS list_id, COUNT(*) AS n FROM articles a \
             JOIN translations t ON t.article_id = a.id \
             WHERE a.status = 'classified' AND t.status = 'published' \
             GROUP BY t.lang",
        ),
        (
            "section",
            "SELECT t.lang, a.section_id AS list_id, COUNT(*) AS n FROM articles a \
             JOIN translations t ON t.article_id = a.id \
             WHERE a.status = 'classified' AND t.status = 'published' AND a.section_id IS NOT NULL \
             GROUP BY t.lang, a.section_id",
        ),
        (
            "author",
            "SELECT t.lang, aa.author_id AS list_id, COUNT(*) AS n FROM article_authors aa \
             JOIN articles a ON a.id = aa.article_id JOIN translations t ON t.article_id = a.id \
             WHERE a.status = 'classified' AND t.status = 'published' \
             GROUP BY t.lang, aa.author_id",
        ),
    ] {
        for row in sqlx::query(sql).fetch_all(&mut *conn).await? {
            if let Some(listing) = Listing::of(kind, row.try_get("list_id")?) {
                sizes.insert((row.try_get("lang")?, listing), row.try_get("n")?);
            }
        }
    }
    Ok(sizes)
}

/// Makes `list_sizes` equal to the true sizes; returns how many lists were
/// wrong (or missing). The caller holds the write lock on `list_sizes`.
pub(crate) async fn rewrite_sizes(conn: &mut sqlx::AnyConnection) -> Result<u64> {
    let truth = true_sizes(conn).await?;
    let mut stored: BTreeMap<Membership, i64> = BTreeMap::new();
    for row in sqlx::query("SELECT lang, list, list_id, size FROM list_sizes")
        .fetch_all(&mut *conn)
        .await?
    {
        let kind: String = row.try_get("list")?;
        match Listing::of(&kind, row.try_get("list_id")?) {
            Some(listing) => {
                stored.insert((row.try_get("lang")?, listing), row.try_get("size")?);
            }
            None => {
                sqlx::query("DELETE FROM list_sizes WHERE list = $1")
                    .bind(kind)
                    .execute(&mut *conn)
                    .await?;
            }
        }
    }
    let mut wrong = 0;
    for ((lang, listing), size) in &stored {
        if !truth.contains_key(&(lang.clone(), *listing)) && *size != 0 {
            wrong += 1;
            sqlx::query("DELETE FROM list_sizes WHERE lang = $1 AND list = $2 AND list_id = $3")
                .bind(lang)
                .bind(listing.kind())
                .bind(listing.id())
                .execute(&mut *conn)
                .await?;
        }
    }
    for ((lang, listing), size) in &truth {
        if stored.get(&(lang.clone(), *listing)) == Some(size) {
            continue;
        }
        wrong += 1;
        sqlx::query(
            "INSERT INTO list_sizes (lang, list, list_id, size) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (lang, list, list_id) DO UPDATE SET size = excluded.size",
        )
        .bind(lang)
        .bind(listing.kind())
        .bind(listing.id())
        .bind(size)
        .execute(&mut *conn)
        .await?;
    }
    Ok(wrong)
}

impl Store {
    /// How many versions in `lang` a list holds (what
    /// [`Store::count_teasers`] would count with [`Listing::filter`]), read
    /// from the kept sizes: one keyed row, whatever the archive's size.
    pub async fn list_size(&self, lang: &str, listing: Listing) -> Result<i64> {
        let row = sqlx::query(
            "SELECT size FROM list_sizes WHERE lang = $1 AND list = $2 AND list_id = $3",
        )
        .bind(lang)
        .bind(listing.kind())
        .bind(listing.id())
        .fetch_optional(&self.pool)
        .await?;
        // No row: nothing was ever published in that list.
        Ok(row.map(|r| r.try_get("size")).transpose()?.unwrap_or(0))
    }

    /// Recounts every list and corrects the kept sizes: a safety net (the
    /// sizes are kept exact as versions change), to run now and then, e.g.
    /// daily. Returns how many lists were wrong, which should be 0; each is
    /// logged. Writers wait for it (it holds the lock on the sizes while it
    /// counts: about 1.2 s at 100,000 articles).
    pub async fn reconcile_list_sizes(&self) -> Result<u64> {
        let mut tx = self.begin_write().await?;
        match self.backend() {
            // Changes that move a size wait; those committed are all counted.
            Backend::Postgres => {
                sqlx::query("LOCK TABLE list_sizes IN EXCLUSIVE MODE")
                    .execute(&mut *tx)
                    .await?;
            }
            // A write first: SQLite's write lock, then a snapshot no writer changes.
            Backend::Sqlite => {
                sqlx::query("DELETE FROM list_sizes WHERE size = 0")
                    .execute(&mut *tx)
                    .await?;
            }
        }
        let wrong = rewrite_sizes(&mut tx).await?;
        tx.commit().await?;
        if wrong > 0 {
            tracing::warn!(wrong, "list sizes were wrong and have been recounted");
        }
        Ok(wrong)
    }
}
