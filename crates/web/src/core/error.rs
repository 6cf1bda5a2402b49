//! What can go wrong while answering a request.

use thiserror::Error;

/// Why a page could not be served as asked.
#[derive(Debug, Error)]
pub enum WebError {
    /// Nothing lives at this URL (or not in this language).
    #[error("not found")]
    NotFound,
    /// The article was taken down; the reason given, when one was recorded.
    #[error("gone")]
    Gone(Option<String>),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] store::StoreError),
    /// Rendering a document failed.
    #[error("rendering failed: {0}")]
    Render(String),
}

impl WebError {
    /// Maps a store "not found" to [`WebError::NotFound`].
    pub(crate) fn from_store(err: store::StoreError) -> WebError {
        match err {
            store::StoreError::NotFound(_) => WebError::NotFound,
            other => WebError::Store(other),
        }
    }
}
