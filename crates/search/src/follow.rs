//! Keeping a node's index current by following the store's change log.
//!
//! Every web node has its own index and shares only the database. Rather
//! than interpret each change ("published:fr", "taken_down", an upstream
//! edit…), a changed article is re-read and its index entries made to match
//! the store: published versions of a live article are (re)indexed, every
//! other version removed. That is idempotent and order-independent, so a
//! node that restarts from an older cursor, or sees a change twice, ends in
//! the same state.

use store::{ArticleStatus, Store, StoreError, Translation, TranslationStatus};

use crate::{IndexDoc, SearchError, SearchIndex};

/// Changes read from the log per round trip.
const BATCH: i64 = 500;

/// The index's view of one language version.
pub fn doc_from_translation(
    t: &Translation,
    section_id: Option<i64>,
    published_at: Option<i64>,
) -> IndexDoc {
    IndexDoc {
        article_id: t.article_id,
        lang: t.lang.clone(),
        title: t.content.title.clone(),
        lead: t
            .content
            .lead
            .as_ref()
            .map(|l| l.plain_text())
            .unwrap_or_default(),
        body: t.content.body_text(),
        section_id,
        published_at,
        story_id: None,
        tags: t.content.tags.clone(),
    }
}

/// Follows the store's change log from `*cursor`, (re)indexing published
/// language versions and removing taken-down or unpublished ones; commits,
/// advances the cursor, and returns how many log entries were applied.
///
/// The cursor is also saved with the index ([`SearchIndex::change_cursor`]),
/// so a node can resume where it stopped after a restart.
pub async fn follow_changes(
    index: &SearchIndex,
    store: &Store,
    cursor: &mut i64,
) -> Result<usize, SearchError> {
    let mut applied = 0;
    loop {
        let changes = store.changes_since(*cursor, BATCH).await?;
        let Some(last) = changes.last().map(|(id, _, _)| *id) else {
            break;
        };
        let mut articles: Vec<i64> = changes.iter().map(|(_, article, _)| *article).collect();
        articles.sort_unstable();
        articles.dedup();
        for article_id in articles {
            sync_article(index, store, article_id).await?;
        }
        index.commit_at(last)?;
        applied += changes.len();
        *cursor = last;
        if changes.len() < BATCH as usize {
            break;
        }
    }
    Ok(applied)
}

/// Makes the index agree with the store about one article.
pub async fn sync_article(
    index: &SearchIndex,
    store: &Store,
    article_id: i64,
) -> Result<(), SearchError> {
    let record = match store.article(article_id).await {
        Ok(record) => record,
        Err(StoreError::NotFound(_)) => return index.remove(article_id, None),
        Err(e) => return Err(e.into()),
    };
    let live = !matches!(
        record.status,
        ArticleStatus::TakenDown | ArticleStatus::Duplicate
    );
    // Start clean: a language version that disappeared from the store must
    // not linger in the index.
    index.remove(article_id, None)?;
    if !live {
        return Ok(());
    }
    for t in store.translations_of(article_id).await? {
        if t.status == TranslationStatus::Published {
            let published_at = record.published_at.or(t.published_at);
            let mut doc = doc_from_translation(&t, record.section_id, published_at);
            doc.story_id = record.topic_id;
            index.upsert(&doc)?;
        }
    }
    Ok(())
}
