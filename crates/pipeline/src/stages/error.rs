//! How a stage failed, and so whether its job is tried again.
//!
//! Errors from the store, the fetcher and the translator convert into a
//! [`StageError`] by what they are: a locked or full database, a network
//! failure or an engine that is down retries; a page that is not an article,
//! a URL refused by robots.txt or the SSRF guard, or stored data that cannot
//! be read is dead at once. Anything else must be classified where it
//! happens, with [`StageError::retry`] or [`StageError::dead`]: there is no
//! blanket conversion that would make every `?` a retry.

use store::StoreError;

/// Why a job handler failed.
#[derive(Debug, thiserror::Error)]
pub enum StageError {
    /// Worth retrying later, with backoff: network, a busy or full database, an engine down.
    #[error("{0:#}")]
    Retry(anyhow::Error),
    /// Retrying cannot help (not an article, refused, invalid data or settings): dead at once.
    #[error("{0:#}")]
    Dead(anyhow::Error),
}

impl StageError {
    /// A failure that may pass if tried again later.
    pub fn retry(err: impl Into<anyhow::Error>) -> Self {
        StageError::Retry(err.into())
    }

    /// A failure that no retry can fix.
    pub fn dead(err: impl Into<anyhow::Error>) -> Self {
        StageError::Dead(err.into())
    }

    /// Whether the job is tried again.
    pub fn retries(&self) -> bool {
        matches!(self, StageError::Retry(_))
    }
}

/// Whether a store error may pass if tried again: contention, a full or
/// read-only disk and lost connections do; missing rows, unreadable stored
/// data and a database newer than this binary do not.
fn store_error_retries(err: &StoreError) -> bool {
    match err {
        StoreError::Locked(_)
        | StoreError::Full(_)
        | StoreError::ReadOnly(_)
        | StoreError::Io(_)
        | StoreError::Conflict(_)
        | StoreError::Database(_) => true,
        StoreError::NotFound(_)
        | StoreError::InvalidUrl { .. }
        | StoreError::NewerSchema { .. }
        | StoreError::Json { .. }
        | StoreError::Archive(_) => false,
    }
}

impl From<StoreError> for StageError {
    fn from(err: StoreError) -> Self {
        if store_error_retries(&err) {
            StageError::retry(err)
        } else {
            StageError::dead(err)
        }
    }
}

impl From<ingest::FetchError> for StageError {
    fn from(err: ingest::FetchError) -> Self {
        if err.is_transient() {
            StageError::retry(err)
        } else {
            StageError::dead(err)
        }
    }
}

impl From<translate::TranslateError> for StageError {
    /// An engine that is down or a busy memory retries; a language with no
    /// engine or no locale data is dead until the operator configures one.
    fn from(err: translate::TranslateError) -> Self {
        match err {
            translate::TranslateError::NoEngine { .. } => StageError::dead(anyhow::Error::new(err).context(
                "configure an engine for this language in [translation] (then `newsbridge status --retry-dead`)",
            )),
            translate::TranslateError::Locale(_) => StageError::dead(err),
            _ => StageError::retry(err),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_busy_or_full_database_retries_and_missing_or_unreadable_data_is_dead() {
        assert!(StageError::from(StoreError::Locked("busy".into())).retries());
        assert!(StageError::from(StoreError::Full("disk".into())).retries());
        assert!(StageError::from(StoreError::Database(sqlx::Error::PoolTimedOut)).retries());
        assert!(!StageError::from(StoreError::NotFound("article 7".into())).retries());
        let newer = StoreError::NewerSchema {
            found: 99,
            supported: 8,
        };
        assert!(!StageError::from(newer).retries());
    }

    #[test]
    fn a_timeout_retries_and_a_refused_or_invalid_url_is_dead() {
        let timeout = ingest::FetchError::Timeout {
            url: "https://example.com/a".into(),
            after: std::time::Duration::from_secs(30),
        };
        assert!(StageError::from(timeout).retries());
        let invalid = ingest::FetchError::InvalidUrl {
            url: "not a url".into(),
            reason: "relative URL without a base".into(),
        };
        assert!(!StageError::from(invalid).retries());
        let robots = ingest::FetchError::DisallowedByRobots {
            url: "https://example.com/private/a".into(),
            robots_url: "https://example.com/robots.txt".into(),
            rule: "Disallow: /private/".into(),
            agent: "newsbridge".into(),
        };
        assert!(!StageError::from(robots).retries());
    }

    #[test]
    fn an_engine_that_is_down_retries_and_a_language_without_one_is_dead() {
        let pair = translate::LangPair::new("vi", "fr");
        let down = translate::TranslateError::Engine {
            pair,
            source: translate::EngineError::Timeout {
                engine: "ctranslate2".into(),
            },
        };
        assert!(StageError::from(down).retries());
        let no_engine = translate::TranslateError::NoEngine {
            pair: translate::LangPair::new("vi", "ko"),
            missing: 3,
        };
        let err = StageError::from(no_engine);
        assert!(!err.retries());
        assert!(err.to_string().contains("[translation]"), "{err}");
    }

    #[test]
    fn the_message_keeps_the_cause() {
        let err = StageError::dead(anyhow::anyhow!("no article").context("extracting https://x/a"));
        assert_eq!(err.to_string(), "extracting https://x/a: no article");
    }
}
