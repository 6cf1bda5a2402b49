//! Search for Newsbridge: the full-text index readers query, and the
//! text-similarity tools the classify stage uses (related articles, stories,
//! sections).
//!
//! - [`SearchIndex`] holds one document per published language version, with
//!   an analyzer per language: Vietnamese syllables (also indexed without
//!   diacritics), character bigrams for Chinese, Japanese and Korean, and
//!   stemming for the languages Snowball knows. [`follow_changes`] keeps a
//!   node's index in step with the store's change log.

mod analysis;
mod cjk;
mod error;
mod follow;
mod index;
mod query;

pub use analysis::fold_diacritics;
pub use error::SearchError;
pub use follow::{doc_from_translation, follow_changes, sync_article};
pub use index::{IndexDoc, SearchIndex};
pub use query::{SearchHit, SearchQuery, SearchResults, MAX_LIMIT, MAX_OFFSET};
