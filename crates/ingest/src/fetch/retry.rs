//! Which answers the fetcher tries again; how long it waits first is
//! `http_retry`'s (Retry-After and backoff, shared with the translation engines).

use reqwest::StatusCode;

/// Whether a response status is worth retrying: the server is overloaded
/// or failed transiently.
pub(crate) fn is_retryable(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 429 | 500 | 502 | 503 | 504)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_only_transient_statuses() {
        for s in [429, 500, 502, 503, 504, 408] {
            assert!(is_retryable(StatusCode::from_u16(s).unwrap()));
        }
        for s in [200, 304, 400, 403, 404, 410, 501] {
            assert!(!is_retryable(StatusCode::from_u16(s).unwrap()));
        }
    }
}
