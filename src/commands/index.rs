//! `newsbridge index rebuild`: this node's search index, made again from the database.

use anyhow::{Context, Result};

use pipeline::config::Config;

/// Articles read per round trip.
const BATCH: i64 = 500;

/// Builds a new index beside the current one from every stored article, then
/// swaps it in; the old one is removed only once the new one is complete.
pub async fn rebuild(config: Config) -> Result<()> {
    let store = pipeline::app::open_existing_store(&config).await?;
    let dir = config.data_dir.join("search");
    let fresh = config.data_dir.join("search.rebuild");
    let old = config.data_dir.join("search.old");
    if dir.exists() {
        // A running server holds the index's writer lock: refuse rather than fight it.
        let current = search::SearchIndex::open(&dir).with_context(|| {
            format!(
                "the search index in {} is in use; stop `newsbridge serve`/`run` on this node first",
                dir.display()
            )
        })?;
        drop(current);
    }
    if fresh.exists() {
        std::fs::remove_dir_all(&fresh)
            .with_context(|| format!("cannot remove the leftover {}", fresh.display()))?;
    }
    std::fs::create_dir_all(&fresh)
        .with_context(|| format!("cannot create {}", fresh.display()))?;
    // The cursor is taken first: changes made during the rebuild are replayed by
    // the server when it starts (re-indexing is idempotent).
    let cursor = store.last_change_id().await?;
    let index = search::SearchIndex::open(&fresh)
        .with_context(|| format!("cannot create a search index in {}", fresh.display()))?;
    let mut after = 0;
    let mut articles = 0usize;
    loop {
        let ids = store.article_ids_after(after, BATCH).await?;
        let Some(last) = ids.last().copied() else {
            break;
        };
        for id in ids {
            search::sync_article(&index, &store, id)
                .await
                .with_context(|| format!("cannot index article {id}"))?;
            articles += 1;
        }
        index.commit()?;
        after = last;
    }
    index.commit_at(cursor)?;
    drop(index);
    if dir.exists() {
        if old.exists() {
            std::fs::remove_dir_all(&old)
                .with_context(|| format!("cannot remove {}", old.display()))?;
        }
        std::fs::rename(&dir, &old)
            .with_context(|| format!("cannot move {} aside", dir.display()))?;
    }
    std::fs::rename(&fresh, &dir)
        .with_context(|| format!("cannot move the new index to {}", dir.display()))?;
    if old.exists() {
        std::fs::remove_dir_all(&old)
            .with_context(|| format!("cannot remove the old index {}", old.display()))?;
    }
    outln!("search index rebuilt: {articles} articles, following the change log from {cursor}");
    Ok(())
}
