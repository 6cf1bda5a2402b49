//! What a translation run returns: the translated article, one report per
//! segment, and whether the article may be published.

use std::collections::BTreeMap;

use article::Article;
use locale::LocaleError;
use serde::{Deserialize, Serialize};

use crate::engine::EngineError;
use crate::lang::LangPair;
use crate::memory::{MatchKind, MemoryError, Origin};
use crate::qa::QaFlag;
use crate::units::UnitKind;

/// What to do with a translated article whose segments carry QA flags.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Policy {
    /// Publish anyway; the flags are shown to editors.
    #[default]
    Publish,
    /// Hold the article until an editor has reviewed the flagged segments.
    HoldUntilReviewed,
}

/// The decision for one translated article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Publish it.
    Publish,
    /// Hold it for review.
    Hold,
}

/// Where a segment's translation came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SegmentOrigin {
    /// The translation memory.
    Memory {
        /// Exact or near-exact match.
        kind: MatchKind,
        /// Who made the remembered translation.
        origin: Origin,
    },
    /// An engine, now.
    Engine {
        /// Engine name (`a>en>b` for a pivot).
        name: String,
        /// Model(s).
        model: String,
        /// True when a fallback engine produced it after the first failed QA.
        fallback: bool,
    },
    /// Nothing to translate (numbers, symbols): copied with numbers localized.
    Verbatim,
    /// Every engine returned nothing usable: the source text is kept.
    SourceKept,
}

/// One translated segment, as editors review it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentReport {
    /// Where in the article (`title`, `lead`, `blocks[3].items[1]`, `image.alt`).
    pub unit: String,
    /// What the unit is.
    pub kind: UnitKind,
    /// The source sentence (placeholder string).
    pub source: String,
    /// Its translation (placeholder string).
    pub target: String,
    /// Where the translation came from.
    pub origin: SegmentOrigin,
    /// QA problems; empty when clean.
    pub flags: Vec<QaFlag>,
}

/// Counts of a translation run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunStats {
    /// Calls to engines' `translate_batch`.
    pub engine_calls: usize,
    /// Segments sent to engines (a segment retried by a fallback counts again).
    pub engine_segments: usize,
    /// Segments served by the translation memory.
    pub memory_hits: usize,
}

/// An article in another language, with its review material.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranslatedArticle {
    /// The translated article, with the same block structure as the original.
    pub article: Article,
    /// The translation direction.
    pub pair: LangPair,
    /// One report per translated sentence, in reading order.
    pub segments: Vec<SegmentReport>,
    /// How many segments carry each QA flag (by [`QaFlag::code`]).
    pub flags: BTreeMap<String, usize>,
    /// Publish or hold, by the target language's [`Policy`].
    pub outcome: Outcome,
    /// Engine and memory counts.
    pub stats: RunStats,
}

/// Plain text in another language (one-off translations).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranslatedText {
    /// The translation; lines as in the source.
    pub text: String,
    /// One report per sentence.
    pub segments: Vec<SegmentReport>,
    /// Engine and memory counts.
    pub stats: RunStats,
}

/// Why an article could not be translated (it waits and is tried again).
#[derive(Debug, thiserror::Error)]
pub enum TranslateError {
    /// No engine serves the pair and the memory does not cover the article.
    #[error("no engine translates {pair}; {missing} segment(s) are not in the translation memory")]
    NoEngine {
        /// The pair.
        pair: LangPair,
        /// Segments the memory could not serve.
        missing: usize,
    },
    /// Every engine of the pair failed.
    #[error("every engine for {pair} failed")]
    Engine {
        /// The pair.
        pair: LangPair,
        /// The last engine's error.
        #[source]
        source: EngineError,
    },
    /// The translation memory failed.
    #[error(transparent)]
    Memory(#[from] MemoryError),
    /// A language has no locale data.
    #[error(transparent)]
    Locale(#[from] LocaleError),
}
