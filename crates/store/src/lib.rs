//! Newsbridge's storage: the data model, its migrations and the durable job
//! queue, on SQLite (one machine, the default) or PostgreSQL (many machines).
//!
//! Both backends run the same SQL through `sqlx`'s `Any` driver: queries use
//! `$n` placeholders and portable types (BIGINT milliseconds, TEXT JSON), and
//! the one migration file is rendered for each dialect. Where the backends
//! must differ (leasing jobs with `FOR UPDATE SKIP LOCKED`), [`Backend`] says
//! which one is in use.

mod admin;
mod archive;
mod articles;
mod attribution;
mod audit;
mod clock;
mod comments;
mod db;
mod desk;
mod error;
mod glossary;
mod health;
mod images;
mod jobs;
mod lists;
mod memory_segments;
mod migrate;
mod pages;
mod revisions;
mod sections;
mod sources;
mod status;
mod topics;
mod translations;
mod upstream;
mod users;
mod views;
mod workspace;

#[cfg(feature = "testing")]
pub mod testing;

pub use admin::DISABLED_PREFIX;
pub use archive::ArchiveSummary;
pub use articles::{
    ArticleRecord, ArticleStatus, Credit, NewArticle, StoredAuthor, Upsert, UpstreamGone,
};
pub use attribution::Attribution;
pub use audit::AuditEntry;
pub use clock::now_ms;
pub use comments::{Comment, CommentPage, CommentStatus, NewComment, Thread, REPORTS_TO_HIDE};
pub use db::{redact, Backend, Store};
pub use desk::ReviewItem;
pub use error::StoreError;
pub use glossary::{GlossaryTerm, GlossaryTermKind};
pub use health::{
    HealthChange, PollObservation, SourceHealth, ARTICLE_JOBS_TO_JUDGE, EMPTY_POLLS_TO_FLAG,
    FAILED_POLLS_TO_FLAG,
};
pub use images::{
    ImageCounts, ImageOutcome, ImageRef, ImageRole, ImageState, NewImageRef, RenditionInfo,
    ShownImage, StoredImage,
};
pub use jobs::{Job, JobKind, JobRetry, JobState};
pub use lists::Listing;
pub use memory_segments::MemorySegment;
pub use migrate::SCHEMA_VERSION;
pub use pages::Page;
pub use revisions::Revision;
pub use sections::{check_slugs, slugify, Section, SlugProblem, RESERVED_SLUGS};
pub use sources::{Source, SourceKind};
pub use status::{DeadJob, JobCount, PipelineStatus};
pub use translations::{Teaser, TeaserFilter, Translation, TranslationStatus};
pub use upstream::{GoneArticle, SourceActivity};
pub use users::{Role, User};
pub use views::HOUR_MS;
pub use workspace::{
    text_similarity, Claim, Correction, MemoryMatch, Review, Taken, WorkItem, MATCH_CANDIDATES,
    MAX_MATCH_SOURCE, MIN_MATCH_SCORE, WORKSPACE_ROWS,
};

/// Result of a storage operation.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
