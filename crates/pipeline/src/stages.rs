//! The pipeline: job handlers for each stage and the workers that run them.
//!
//! poll → fetch → extract → classify → translate(lang) → publish(lang);
//! revise(lang) applies an editor's correction of one segment.
//! Every handler is idempotent: it may run twice after a crash and the
//! result is the same, because it writes with upserts keyed on the
//! article's identity and queues the next stage with a dedupe key.

mod classify;
mod error;
mod extract;
mod fetch;
mod images;
mod poll;
mod publish;
mod translate;
mod worker;

use serde::{Deserialize, Serialize};

pub use error::StageError;
pub use images::ImagesJob;
pub use poll::queue_polls;
pub use translate::{translate_now, Translators};
pub use worker::{drain, run_workers, WorkerOptions};
pub use worker::{one_off, Context};

/// Payload of a `poll` job.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PollJob {
    /// Source id.
    pub source_id: i64,
}

/// Payload of a `fetch` job.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FetchJob {
    /// Article URL as listed by the source.
    pub url: String,
    /// Source id.
    pub source_id: i64,
    /// Categories the source listed the article under.
    #[serde(default)]
    pub categories: Vec<String>,
}

/// Payload of an `extract` job.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExtractJob {
    /// URL of the stored page.
    pub url: String,
    /// Source id.
    pub source_id: i64,
    /// Categories the source listed the article under.
    #[serde(default)]
    pub categories: Vec<String>,
}

/// Payload of a `classify` job.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClassifyJob {
    /// Article id.
    pub article_id: i64,
    /// Categories the source listed the article under.
    #[serde(default)]
    pub categories: Vec<String>,
}

/// Payload of `translate` and `publish` jobs.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LanguageJob {
    /// Article id.
    pub article_id: i64,
    /// Target language.
    pub lang: String,
    /// The original's revision this job is for.
    pub revision: i64,
}

/// Result of a job handler.
pub type StageResult = Result<(), StageError>;
