//! Search errors: few, and each one says what to do.

use thiserror::Error;

/// What can go wrong in the search crate.
#[derive(Debug, Error)]
pub enum SearchError {
    /// The index directory cannot be created or opened.
    #[error("cannot open the search index directory {path}: {reason}")]
    Directory {
        /// The directory.
        path: String,
        /// Why it failed.
        reason: String,
    },
    /// The index on disk was written by another version of Newsbridge with a
    /// different schema. The index only mirrors the database, so it is safe to delete.
    #[error("the search index at {path} was built with another schema; delete the directory and it will be rebuilt from the database")]
    SchemaMismatch {
        /// The directory.
        path: String,
    },
    /// Another process already writes to this index directory.
    #[error("the search index at {path} is locked by another process (another `newsbridge serve` on the same data dir?)")]
    Locked {
        /// The directory.
        path: String,
    },
    /// An error inside tantivy (I/O, corrupted segment, …).
    #[error("search index error: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// The store could not be read while following its change log.
    #[error("reading the store for the search index: {0}")]
    Store(#[from] store::StoreError),
    /// A saved model (the section classifier) could not be read or written.
    #[error("section classifier model is not valid: {0}")]
    Model(#[from] serde_json::Error),
    /// A file (a saved model) cannot be read or written.
    #[error("cannot read or write {path}: {reason}")]
    File {
        /// The file.
        path: String,
        /// Why it failed.
        reason: String,
    },
    /// A reader's query goes over a limit ([`crate::check_query`]): answer
    /// it as the reader's mistake (HTTP 400), with the limit.
    #[error(transparent)]
    QueryTooComplex(#[from] crate::QueryTooComplex),
    /// Another thread panicked while holding the index writer.
    #[error("the search index writer is unusable after a panic in another thread")]
    Poisoned,
}
