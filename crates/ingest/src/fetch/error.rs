//! What can go wrong fetching a URL, said so an operator knows what to do.

use std::net::IpAddr;
use std::time::Duration;

use super::guard::AddressRule;

/// A fetch that did not produce a response body or a 304.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// The URL could not be parsed.
    #[error("{url:?} is not a valid URL: {reason}; give an absolute http:// or https:// URL")]
    InvalidUrl {
        /// The URL as given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Only http and https are fetched.
    #[error("refusing {url}: the {scheme}: scheme is not fetched; only http and https are")]
    UnsupportedScheme {
        /// The URL.
        url: String,
        /// Its scheme.
        scheme: String,
    },
    /// The SSRF guard refused an address the URL's host resolved to.
    #[error("refusing {url}: {addr} is {rule}; add it to ingest.allow to permit it")]
    Refused {
        /// The URL (the original or a redirect target).
        url: String,
        /// The refused address.
        addr: IpAddr,
        /// Why it is refused.
        rule: AddressRule,
    },
    /// The host name did not resolve.
    #[error("cannot resolve the host of {url}: {reason}; check the source URL")]
    Dns {
        /// The URL.
        url: String,
        /// The resolver's answer.
        reason: String,
    },
    /// The site's robots.txt disallows the URL for our crawler.
    #[error("{url} is disallowed for {agent} by {robots_url} ({rule}); ask the publisher to allow it or remove the source")]
    DisallowedByRobots {
        /// The URL.
        url: String,
        /// The robots.txt that was consulted.
        robots_url: String,
        /// The deciding rule, e.g. `Disallow: /private/`.
        rule: String,
        /// Our robots.txt product token.
        agent: String,
    },
    /// The site's robots.txt could not be read, so crawling it waits (RFC 9309 §2.3.1.4).
    #[error("{url} is not fetched because {robots_url} could not be read ({reason}); it will be tried again later")]
    RobotsUnreachable {
        /// The URL.
        url: String,
        /// The robots.txt that failed.
        robots_url: String,
        /// Why it failed.
        reason: String,
    },
    /// More redirects than allowed (or a loop).
    #[error(
        "{url} redirected more than {max} times (last to {last}); use the final URL as the source"
    )]
    TooManyRedirects {
        /// The URL first asked for.
        url: String,
        /// The redirect limit.
        max: usize,
        /// The last Location seen.
        last: String,
    },
    /// A redirect without a usable Location.
    #[error("{url} answered HTTP {status} without a usable Location header ({reason}); report it to the publisher")]
    BadRedirect {
        /// The URL that answered.
        url: String,
        /// The redirect status.
        status: u16,
        /// What was wrong with Location.
        reason: String,
    },
    /// The body exceeded the size limit (checked while streaming, after decompression).
    #[error("{url} sent more than {limit} bytes; raise ingest.max_body_bytes if this source is legitimate")]
    BodyTooLarge {
        /// The URL.
        url: String,
        /// The limit in bytes.
        limit: u64,
    },
    /// No complete answer within the time limits.
    #[error("{url} did not answer within {after:?}; the server is slow or unreachable, it will be tried again on the next poll")]
    Timeout {
        /// The URL.
        url: String,
        /// The limit that ran out.
        after: Duration,
    },
    /// A final status that is neither success, 304 nor a redirect.
    #[error("{url} answered HTTP {status}{}", status_hint(*.status, *.retry_after))]
    Status {
        /// The URL.
        url: String,
        /// The HTTP status code.
        status: u16,
        /// The server's Retry-After, when it sent one.
        retry_after: Option<Duration>,
    },
    /// Connection, TLS or protocol failure.
    #[error("fetching {url} failed: {source}; check that the site is up and speaks HTTP(S)")]
    Http {
        /// The URL.
        url: String,
        /// The underlying error.
        #[source]
        source: reqwest::Error,
    },
    /// The HTTP client could not be built from the configuration.
    #[error("cannot build the HTTP client: {0}; check the ingest settings")]
    Client(#[source] reqwest::Error),
}

fn status_hint(status: u16, retry_after: Option<Duration>) -> String {
    match (status, retry_after) {
        (404 | 410, _) => "; the page is gone upstream: flag the article for an editor".to_owned(),
        (401 | 403, _) => "; the publisher refuses our crawler: ask them to allow it".to_owned(),
        (_, Some(after)) => format!(
            "; the server asked to wait {}s before trying again: it will be tried again later",
            after.as_secs()
        ),
        (429, None) | (500..=599, None) => {
            "; the server kept failing after the retries: it will be tried again on the next poll"
                .to_owned()
        }
        _ => String::new(),
    }
}

impl FetchError {
    /// Whether the upstream page is gone (404 or 410): the article needs an
    /// editor's attention rather than silent deletion.
    pub fn is_gone(&self) -> bool {
        matches!(
            self,
            Self::Status {
                status: 404 | 410,
                ..
            }
        )
    }

    /// Whether trying again later may succeed (timeouts, 5xx, 429, network).
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Timeout { .. }
            | Self::Http { .. }
            | Self::Dns { .. }
            | Self::RobotsUnreachable { .. } => true,
            Self::Status { status, .. } => matches!(status, 408 | 429 | 500..=599),
            _ => false,
        }
    }
}
