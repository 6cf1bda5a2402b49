//! Translation engines behind one trait, and their configuration.
//!
//! Every engine takes a batch of placeholder strings and returns one
//! translation per string, in order. HTTP engines (`libretranslate`,
//! `openai`, `deepl`) share retry and timeout handling (see `http`). The
//! in-process CTranslate2 engine (`ctranslate2`, behind the cargo feature of
//! that name) runs the blocking model call on `spawn_blocking` and reports
//! the model directory's name as `model()`; `EngineConfig::build` wraps it in
//! `SharedBatches`, so the sentences of articles translating at the same time
//! reach the model as shared, length-sorted batches.
//!
//! An engine that cannot keep placeholder tags says so
//! ([`Engine::keeps_tags`]); a route's step then sends it plain text only and
//! projects the markup back onto its translations (`crate::projection`).

mod batching;
mod built_in;
mod config;
#[cfg(feature = "ctranslate2")]
mod ctranslate2;
mod deepl;
mod device;
mod http;
mod libretranslate;
mod openai;
mod route;

use std::time::Duration;

use async_trait::async_trait;

use crate::lang::LangPair;

#[cfg(feature = "ctranslate2")]
pub(crate) use self::ctranslate2::check_tokenizers;
#[cfg(feature = "ctranslate2")]
pub use self::ctranslate2::CTranslate2;
pub use batching::{BatchingConfig, BatchingStats, SharedBatches};
pub use built_in::{built_in_engines, built_in_summary, BuiltInEngine};
pub use config::{
    ApiKey, CTranslate2Config, DeepLConfig, EngineConfig, EnginesConfig, LibreTranslateConfig,
    OpenAiConfig, RouteConfig, StepConfig,
};
pub use deepl::DeepL;
pub use device::CTranslate2Device;
pub use http::EngineRetry;
pub use libretranslate::LibreTranslate;
pub use openai::OpenAi;
pub use route::{Engines, Step};

/// A machine translation engine.
#[async_trait]
pub trait Engine: Send + Sync {
    /// Engine name as configured (`deepl`, `llm-fr`): shown to editors and kept as the origin.
    fn name(&self) -> &str;

    /// The model it runs (`opus-mt-vi-fr`, `gemma-3-270m`); empty when the service does not say.
    fn model(&self) -> &str;

    /// Largest batch the engine takes in one call.
    fn max_batch(&self) -> usize {
        32
    }

    /// Whether the engine keeps placeholder tags (`<x1>…</x1>`, `<x2/>`,
    /// `<g1>…</g1>`) where they belong. True by default: the HTTP engines do
    /// (DeepL with `tag_handling`, LibreTranslate with `format=html`, LLMs
    /// told so in the prompt). An engine whose models were never trained on
    /// such tags (the CTranslate2 engine: OPUS-MT, MADLAD, NLLB) says false,
    /// and its segments go through markup projection instead: it only ever
    /// sees plain text, and the tags are put back around the translations of
    /// their spans afterwards (see `projection`).
    fn keeps_tags(&self) -> bool {
        true
    }

    /// Translates `segments` (placeholder strings) from `pair.source` to
    /// `pair.target`; returns exactly one translation per segment, in order.
    async fn translate_batch(
        &self,
        pair: &LangPair,
        segments: &[String],
    ) -> Result<Vec<String>, EngineError>;
}

/// Why an engine could not translate.
#[derive(Debug, Clone, thiserror::Error)]
pub enum EngineError {
    /// No reply within the timeout, after retries.
    #[error("{engine}: timed out")]
    Timeout {
        /// Engine name.
        engine: String,
    },
    /// Still rate limited after retries, or told to wait longer than allowed.
    #[error("{engine}: rate limited (retry after {retry_after:?})")]
    RateLimited {
        /// Engine name.
        engine: String,
        /// How long the server asked to wait.
        retry_after: Option<Duration>,
    },
    /// The server failed (5xx) after retries.
    #[error("{engine}: server error {status}: {message}")]
    Server {
        /// Engine name.
        engine: String,
        /// HTTP status.
        status: u16,
        /// The server's message, shortened.
        message: String,
    },
    /// The server refused the request (4xx: bad key, quota, unsupported language).
    #[error("{engine}: request rejected with {status}: {message}")]
    Rejected {
        /// Engine name.
        engine: String,
        /// HTTP status.
        status: u16,
        /// The server's message, shortened.
        message: String,
    },
    /// The reply could not be understood.
    #[error("{engine}: malformed reply: {reason}")]
    Malformed {
        /// Engine name.
        engine: String,
        /// What was wrong.
        reason: String,
    },
    /// The reply had a different number of translations than segments sent.
    #[error("{engine}: expected {expected} translations, got {got}")]
    CountMismatch {
        /// Engine name.
        engine: String,
        /// Segments sent.
        expected: usize,
        /// Translations received.
        got: usize,
    },
    /// The engine does not translate this pair.
    #[error("{engine}: no model for {pair}")]
    Unsupported {
        /// Engine name.
        engine: String,
        /// The pair asked for.
        pair: LangPair,
    },
    /// Connection failed (refused, reset, DNS) after retries.
    #[error("{engine}: connection failed: {reason}")]
    Transport {
        /// Engine name.
        engine: String,
        /// The client's explanation.
        reason: String,
    },
    /// The engine is misconfigured.
    #[error("engine configuration: {0}")]
    Config(String),
    /// The local model could not be loaded or failed while translating.
    #[error("{engine}: model: {reason}")]
    Model {
        /// Engine name.
        engine: String,
        /// What failed.
        reason: String,
    },
}

impl EngineError {
    /// True when trying again later may succeed (timeouts, rate limits, 5xx, connection errors).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            EngineError::Timeout { .. }
                | EngineError::RateLimited { .. }
                | EngineError::Server { .. }
                | EngineError::Transport { .. }
        )
    }
}

/// Checks that an engine returned one translation per segment.
pub(crate) fn expect_count(
    engine: &str,
    expected: usize,
    got: Vec<String>,
) -> Result<Vec<String>, EngineError> {
    if got.len() == expected {
        Ok(got)
    } else {
        Err(EngineError::CountMismatch {
            engine: engine.to_string(),
            expected,
            got: got.len(),
        })
    }
}
