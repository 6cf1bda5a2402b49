//! The fetcher's settings (`[ingest]` in newsbridge.toml).
//!
//! Durations are written as `"500ms"`, `"2s"`, `"5m"`, `"1h"` or a number
//! of seconds.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::allow::AllowList;

/// The crawler's name, used in the User-Agent and matched in robots.txt.
pub const BOT_NAME: &str = "NewsbridgeBot";

/// How the fetcher behaves. `Default` gives polite production values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FetcherConfig {
    /// A page describing the crawler and how to reach its operator; sent in
    /// the User-Agent as `NewsbridgeBot/0.1 (+contact_url)`.
    pub contact_url: String,
    /// Operator exceptions to the SSRF guard.
    pub allow: AllowList,
    /// Requests in flight across all hosts.
    pub global_concurrency: usize,
    /// Requests in flight to one host (clamped to 1–2).
    pub per_host_concurrency: usize,
    /// Minimum time between the starts of two requests to one host.
    #[serde(with = "duration")]
    pub min_host_delay: Duration,
    /// Upper bound on a robots.txt Crawl-delay that is honoured.
    #[serde(with = "duration")]
    pub max_crawl_delay: Duration,
    /// Time to resolve a host name.
    #[serde(with = "duration")]
    pub dns_timeout: Duration,
    /// Time to establish a connection (TCP and TLS).
    #[serde(with = "duration")]
    pub connect_timeout: Duration,
    /// Time between two reads of the response (defeats slow-loris servers).
    #[serde(with = "duration")]
    pub read_timeout: Duration,
    /// Time for a whole request, body included.
    #[serde(with = "duration")]
    pub request_timeout: Duration,
    /// Largest body accepted, counted after decompression.
    pub max_body_bytes: u64,
    /// Redirects followed before giving up.
    pub max_redirects: usize,
    /// Retries after a 5xx, 429, timeout or connection failure.
    pub max_retries: u32,
    /// First backoff delay; doubled at each retry.
    #[serde(with = "duration")]
    pub retry_base_delay: Duration,
    /// Longest wait before a retry, for backoff and Retry-After alike. A
    /// Retry-After beyond it ends the fetch with the delay in the error.
    #[serde(with = "duration")]
    pub max_retry_delay: Duration,
    /// How long a robots.txt is trusted (RFC 9309 says at most 24 h).
    #[serde(with = "duration")]
    pub robots_ttl: Duration,
    /// How long an unreachable robots.txt blocks the site before it is asked for again.
    #[serde(with = "duration")]
    pub robots_unreachable_ttl: Duration,
    /// Whether robots.txt is consulted. Only for tests and for the operator's own sites.
    pub obey_robots: bool,
}

impl Default for FetcherConfig {
    fn default() -> Self {
        Self {
            contact_url: "https://newsbridge.example/bot".to_owned(),
            allow: AllowList::default(),
            global_concurrency: 64,
            per_host_concurrency: 1,
            min_host_delay: Duration::from_secs(1),
            max_crawl_delay: Duration::from_secs(30),
            dns_timeout: Duration::from_secs(5),
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(15),
            request_timeout: Duration::from_secs(30),
            max_body_bytes: 10 * 1024 * 1024,
            max_redirects: 5,
            max_retries: 3,
            retry_base_delay: Duration::from_secs(1),
            max_retry_delay: Duration::from_secs(60),
            robots_ttl: Duration::from_secs(3600),
            robots_unreachable_ttl: Duration::from_secs(300),
            obey_robots: true,
        }
    }
}

impl FetcherConfig {
    /// The User-Agent header sent with every request.
    pub fn user_agent(&self) -> String {
        format!("{BOT_NAME}/0.1 (+{})", self.contact_url)
    }
}

/// Serde for durations written for people: `"250ms"`, `"2s"`, `"5m"`, `"1h"`, or seconds.
mod duration {
    use std::time::Duration;

    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serializer};

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Written {
        Seconds(u64),
        Text(String),
    }

    pub(super) fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        if d.subsec_millis() == 0 {
            s.serialize_str(&format!("{}s", d.as_secs()))
        } else {
            s.serialize_str(&format!("{}ms", d.as_millis()))
        }
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        match Written::deserialize(d)? {
            Written::Seconds(s) => Ok(Duration::from_secs(s)),
            Written::Text(t) => parse(&t).ok_or_else(|| {
                D::Error::custom(format!(
                    "{t:?} is not a duration; write e.g. \"500ms\", \"2s\", \"5m\" or \"1h\""
                ))
            }),
        }
    }

    pub(super) fn parse(text: &str) -> Option<Duration> {
        let t = text.trim();
        let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        let (number, unit) = t.split_at(split);
        let n: u64 = number.parse().ok()?;
        let unit_ms: u64 = match unit.trim() {
            "ms" => 1,
            "" | "s" => 1000,
            "m" | "min" => 60_000,
            "h" => 3_600_000,
            _ => return None,
        };
        Some(Duration::from_millis(n.checked_mul(unit_ms)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_settings_with_readable_durations() {
        let json = r#"{
            "contact_url": "https://portal.example/about/bot",
            "allow": ["127.0.0.1:8080", "10.0.0.0/8"],
            "min_host_delay": "1500ms",
            "request_timeout": 20,
            "robots_ttl": "2h",
            "max_body_bytes": 1048576
        }"#;
        let c: FetcherConfig = serde_json::from_str(json).unwrap();
        assert_eq!(c.min_host_delay, Duration::from_millis(1500));
        assert_eq!(c.request_timeout, Duration::from_secs(20));
        assert_eq!(c.robots_ttl, Duration::from_secs(7200));
        assert_eq!(c.max_body_bytes, 1 << 20);
        assert_eq!(c.max_redirects, 5, "unset keys keep their defaults");
        assert_eq!(
            c.user_agent(),
            "NewsbridgeBot/0.1 (+https://portal.example/about/bot)"
        );
        let back: FetcherConfig =
            serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
        assert_eq!(back, c);
    }

    #[test]
    fn bad_settings_name_the_problem() {
        let err =
            serde_json::from_str::<FetcherConfig>(r#"{"min_host_delay": "soon"}"#).unwrap_err();
        assert!(
            err.to_string().contains("\"soon\" is not a duration"),
            "{err}"
        );
        let err = serde_json::from_str::<FetcherConfig>(r#"{"alow": []}"#).unwrap_err();
        assert!(err.to_string().contains("alow"), "{err}");
        let err =
            serde_json::from_str::<FetcherConfig>(r#"{"allow": ["10.0.0.0/99"]}"#).unwrap_err();
        assert!(err.to_string().contains("ingest.allow"), "{err}");
    }

    #[test]
    fn parses_duration_units() {
        assert_eq!(duration::parse("250ms"), Some(Duration::from_millis(250)));
        assert_eq!(duration::parse("3"), Some(Duration::from_secs(3)));
        assert_eq!(duration::parse("5m"), Some(Duration::from_secs(300)));
        assert_eq!(duration::parse("1 h"), Some(Duration::from_secs(3600)));
        assert_eq!(duration::parse("1.5s"), None);
        assert_eq!(duration::parse("h"), None);
    }
}
