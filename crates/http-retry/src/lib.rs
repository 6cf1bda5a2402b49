//! When to send an HTTP request again, and how long to wait first.
//!
//! The fetcher (`ingest`) and the remote translation engines (`translate`)
//! retry alike: a server's `Retry-After` when it sends one, else exponential
//! backoff capped at a maximum. This crate is the one place that says how.
//! HTTP-dates are parsed by the maintained `httpdate` crate; what is written
//! here is only the choice between its two forms (delta-seconds or a date)
//! and the doubling, which no maintained crate offers without also taking
//! over the request loop (`backon`, `reqwest-retry`): each caller keeps its
//! own loop because each decides differently what is worth retrying.

use std::time::{Duration, SystemTime};

use http::header::{HeaderMap, RETRY_AFTER};

/// A `Retry-After` value longer than this is not a header we read.
const MAX_VALUE_LEN: usize = 64;

/// The server's `Retry-After` as a delay from `now`: delta-seconds
/// (`120`) or an HTTP-date (`Sun, 06 Nov 1994 08:49:37 GMT`, zero when
/// already past). `None` when the header is absent or neither form.
pub fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?;
    parse_retry_after(value, now)
}

/// One `Retry-After` value as a delay from `now` (see [`retry_after`]).
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if value.is_empty() || value.len() > MAX_VALUE_LEN {
        return None;
    }
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or_default())
}

/// Exponential backoff before retry number `attempt` (from 0): `base`,
/// 2×`base`, 4×`base`… never more than `max`.
pub fn backoff(attempt: u32, base: Duration, max: Duration) -> Duration {
    let factor = 1u32.checked_shl(attempt.min(20)).unwrap_or(u32::MAX);
    base.saturating_mul(factor).min(max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn headers(v: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, HeaderValue::from_str(v).unwrap());
        h
    }

    #[test]
    fn retry_after_reads_delta_seconds_and_http_dates() {
        // 784111777 is Sun, 06 Nov 1994 08:49:37 GMT.
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777);
        assert_eq!(
            retry_after(&headers("120"), now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            retry_after(&headers(" 7 "), now),
            Some(Duration::from_secs(7))
        );
        assert_eq!(
            retry_after(&headers("Sun, 06 Nov 1994 08:51:37 GMT"), now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            retry_after(&headers("Sun, 06 Nov 1994 08:00:00 GMT"), now),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after(&headers("soon"), now), None);
        assert_eq!(retry_after(&headers("-5"), now), None);
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }

    #[test]
    fn hostile_retry_after_values_are_refused_not_trusted() {
        let now = SystemTime::UNIX_EPOCH;
        // Beyond u64: neither form.
        assert_eq!(parse_retry_after("99999999999999999999999", now), None);
        // The largest delta is taken as it is; callers cap it.
        assert_eq!(
            parse_retry_after(&u64::MAX.to_string(), now),
            Some(Duration::from_secs(u64::MAX))
        );
        assert_eq!(parse_retry_after(&"1".repeat(10_000), now), None);
        assert_eq!(parse_retry_after("", now), None);
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, HeaderValue::from_bytes(b"\xff\xfe").unwrap());
        assert_eq!(retry_after(&h, now), None);
    }

    #[test]
    fn backoff_doubles_and_is_capped() {
        let base = Duration::from_millis(100);
        let max = Duration::from_secs(1);
        assert_eq!(backoff(0, base, max), Duration::from_millis(100));
        assert_eq!(backoff(1, base, max), Duration::from_millis(200));
        assert_eq!(backoff(3, base, max), Duration::from_millis(800));
        assert_eq!(backoff(4, base, max), max);
        assert_eq!(backoff(u32::MAX, base, max), max);
        assert_eq!(
            backoff(30, Duration::from_secs(u64::MAX), Duration::MAX),
            Duration::MAX
        );
    }
}
