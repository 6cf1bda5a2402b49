//! This node's search index made again from the database
//! (`newsbridge index rebuild`): built beside the current one, then swapped
//! in, so a failed rebuild leaves the old index as it was.

use std::path::{Path, PathBuf};

/// Articles read per round trip.
const BATCH: i64 = 500;

/// Why the index could not be rebuilt.
#[derive(Debug, thiserror::Error)]
pub enum RebuildError {
    /// A running server holds the index's writer lock.
    #[error("the search index in {} is in use; stop `newsbridge serve`/`run` on this node first", .dir.display())]
    InUse {
        /// The index directory.
        dir: PathBuf,
        /// What opening it said.
        #[source]
        source: search::SearchError,
    },
    /// A directory could not be created, moved or removed.
    #[error("{message}")]
    Io {
        /// What could not be done, naming the directory.
        message: String,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// The new index could not be created.
    #[error("cannot create a search index in {}", .dir.display())]
    Create {
        /// The new index's directory.
        dir: PathBuf,
        /// What the search crate said.
        #[source]
        source: search::SearchError,
    },
    /// One article could not be indexed.
    #[error("cannot index article {id}")]
    Article {
        /// The article.
        id: i64,
        /// What the search crate said.
        #[source]
        source: search::SearchError,
    },
    /// Committing the index failed.
    #[error(transparent)]
    Search(#[from] search::SearchError),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] store::StoreError),
}

/// What a rebuild did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rebuilt {
    /// Articles indexed.
    pub articles: usize,
    /// The change-log position the new index follows from.
    pub cursor: i64,
}

fn io(message: String) -> impl FnOnce(std::io::Error) -> RebuildError {
    move |source| RebuildError::Io { message, source }
}

/// Builds a new index in `{data_dir}/search.rebuild` from every stored
/// article, then swaps it in for `{data_dir}/search`; the old one is removed
/// only once the new one is complete. Refuses while a server holds the index.
pub async fn rebuild(store: &store::Store, data_dir: &Path) -> Result<Rebuilt, RebuildError> {
    let dir = data_dir.join("search");
    let fresh = data_dir.join("search.rebuild");
    let old = data_dir.join("search.old");
    if dir.exists() {
        // A running server holds the index's writer lock: refuse rather than fight it.
        let current = search::SearchIndex::open(&dir).map_err(|source| RebuildError::InUse {
            dir: dir.clone(),
            source,
        })?;
        drop(current);
    }
    if fresh.exists() {
        std::fs::remove_dir_all(&fresh).map_err(io(format!(
            "cannot remove the leftover {}",
            fresh.display()
        )))?;
    }
    std::fs::create_dir_all(&fresh).map_err(io(format!("cannot create {}", fresh.display())))?;
    // The cursor is taken first: changes made during the rebuild are replayed by
    // the server when it starts (re-indexing is idempotent).
    let cursor = store.last_change_id().await?;
    let index = search::SearchIndex::open(&fresh).map_err(|source| RebuildError::Create {
        dir: fresh.clone(),
        source,
    })?;
    let mut after = 0;
    let mut articles = 0usize;
    loop {
        let ids = store.article_ids_after(after, BATCH).await?;
        let Some(last) = ids.last().copied() else {
            break;
        };
        for id in ids {
            search::sync_article(&index, store, id)
                .await
                .map_err(|source| RebuildError::Article { id, source })?;
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
                .map_err(io(format!("cannot remove {}", old.display())))?;
        }
        std::fs::rename(&dir, &old).map_err(io(format!("cannot move {} aside", dir.display())))?;
    }
    std::fs::rename(&fresh, &dir).map_err(io(format!(
        "cannot move the new index to {}",
        dir.display()
    )))?;
    if old.exists() {
        std::fs::remove_dir_all(&old)
            .map_err(io(format!("cannot remove the old index {}", old.display())))?;
    }
    Ok(Rebuilt { articles, cursor })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn rebuild_swaps_a_new_index_in_and_leaves_nothing_beside_it() {
        let (store, _db) = store::testing::sqlite().await.unwrap();
        let data = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(data.path().join("search.rebuild/leftover")).unwrap();
        let first = rebuild(&store, data.path()).await.unwrap();
        assert_eq!(first.articles, 0);
        // Again over the index the first rebuild left: the old one is replaced.
        rebuild(&store, data.path()).await.unwrap();
        let mut left: Vec<String> = std::fs::read_dir(data.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["search"]);
        search::SearchIndex::open(&data.path().join("search")).unwrap();
    }

    #[tokio::test]
    async fn an_index_held_by_a_server_is_not_rebuilt() {
        let (store, _db) = store::testing::sqlite().await.unwrap();
        let data = tempfile::tempdir().unwrap();
        let held = search::SearchIndex::open(&data.path().join("search")).unwrap();
        let err = rebuild(&store, data.path()).await.unwrap_err();
        assert!(matches!(err, RebuildError::InUse { .. }), "{err}");
        assert!(err.to_string().contains("stop `newsbridge serve`"), "{err}");
        assert!(!data.path().join("search.rebuild").exists());
        drop(held);
    }
}
