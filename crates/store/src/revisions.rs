//! Editors' corrections of single segments, queued for the pipeline.

use serde::{Deserialize, Serialize};

use crate::{JobKind, JobRetry, Result, Store};

/// An editor's correction of one translated segment: the pipeline remembers
/// it as a human translation (reused by every future match) and re-renders
/// the language version from the translation memory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    /// The article.
    pub article_id: i64,
    /// The language version corrected.
    pub lang: String,
    /// The source segment, as the translation report gave it (placeholders included).
    pub source: String,
    /// The editor's translation (the same placeholders).
    pub target: String,
    /// Who corrected it.
    pub editor: String,
}

impl Store {
    /// Queues a correction for the `revise` stage.
    pub async fn queue_revision(&self, revision: &Revision) -> Result<()> {
        self.enqueue(JobKind::Revise, revision, None, JobRetry::default())
            .await?;
        Ok(())
    }
}
