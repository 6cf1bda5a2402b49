//! Search for Newsbridge: the full-text index readers query, and the
//! text-similarity tools the classify stage uses on the source-language text.
//!
//! - [`SearchIndex`] holds one document per published language version, with
//!   an analyzer per language: Vietnamese syllables (also indexed without
//!   diacritics), character bigrams for Chinese, Japanese and Korean, and
//!   stemming for the languages Snowball knows. [`follow_changes`] keeps a
//!   node's index in step with the store's change log.
//! - [`related`] ranks candidate articles by TF-IDF similarity over
//!   Vietnamese syllable unigrams and bigrams ([`TextDoc`]).
//! - [`StoryClusterer`] groups articles about one event across days and publishers.
//! - [`StoryAssigner`] places a new article in a story from what the index
//!   holds (BM25 candidates, shingle copies, TF-IDF with time decay), and
//!   builds its related block; [`StoryAssigner::merge_candidates`] proposes
//!   merges of stories that turned out to be one event, and
//!   [`StoryAssigner::more_like_this`] fills a short related block.
//! - [`authors`] turns printed bylines into author entities.
//! - [`SectionClassifier`] files an article under a section, with a confidence.
//!
//! The similarity tools are pure: data in, data out, no database.

mod analysis;
mod assign;
pub mod authors;
mod background;
mod cjk;
mod error;
mod eval;
mod follow;
mod index;
mod logistic;
mod merge;
mod more_like_this;
mod query;
mod related;
mod section_classifier;
mod story;
mod text;

pub use analysis::fold_diacritics;
pub use assign::{AssignConfig, MatchReason, StoryAssigner, StoryCandidate, StoryMatch};
pub use background::background_table;
pub use error::SearchError;
pub use eval::{bcubed, precision_at_k, BCubed};
pub use follow::{doc_from_translation, follow_changes, sync_article};
pub use index::{IndexDoc, SearchIndex};
pub use merge::{StoryMerge, MAX_MERGE_SCAN};
pub use query::{
    check_query, QueryLimit, QueryTooComplex, SearchHit, SearchQuery, SearchResults, MAX_LIMIT,
    MAX_OFFSET, MAX_QUERY_CHARS, MAX_QUERY_NESTING, MAX_QUERY_WORDS,
};
pub use related::{related, RelatedArticle, DUPLICATE_SIMILARITY, MIN_RELATED_SIMILARITY};
pub use section_classifier::{
    AccuracyReport, ConfidenceSplit, Prediction, SectionAccuracy, SectionClassifier, TrainConfig,
};
pub use story::{StoryAssignment, StoryClusterer, StoryConfig};
pub use text::TextDoc;
