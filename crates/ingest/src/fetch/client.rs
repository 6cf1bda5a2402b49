//! The fetcher: one GET, done politely and safely.
//!
//! Each hop of a fetch goes through the same steps: vet the address (SSRF
//! guard), consult robots.txt, wait for the host's turn, send, and on a
//! redirect start again with the new URL.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::{Bytes, BytesMut};
use chrono::Utc;
use reqwest::header::{
    HeaderMap, HeaderValue, ACCEPT, CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH,
    LAST_MODIFIED, LOCATION,
};
use reqwest::StatusCode;
use url::{Host, Position, Url};

use super::config::{FetcherConfig, BOT_NAME};
use super::error::FetchError;
use super::fetched::{FetchStatus, Fetched, Validators};
use super::guard;
use super::pin::PinnedResolver;
use super::politeness::Politeness;
use super::retry;
use super::robots::RobotsTxt;
use super::robots_cache::{RobotsCache, RobotsState};

/// The polite, SSRF-safe HTTP fetcher. Cheap to clone; clones share limits and caches.
#[derive(Debug, Clone)]
pub struct Fetcher {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    client: reqwest::Client,
    config: FetcherConfig,
    pins: PinnedResolver,
    politeness: Politeness,
    robots: RobotsCache,
}

/// One response, before redirects are followed.
enum Answer {
    Redirect {
        status: StatusCode,
        location: Option<String>,
    },
    NotModified(HeaderMap),
    Body(HeaderMap, Bytes),
    Failed(StatusCode, HeaderMap),
}

impl Fetcher {
    /// Builds a fetcher; fails only if the HTTP client cannot be set up.
    pub fn new(config: FetcherConfig) -> Result<Self, FetchError> {
        let pins = PinnedResolver::default();
        let mut headers = HeaderMap::new();
        headers.insert(
            ACCEPT,
            HeaderValue::from_static(
                "application/rss+xml, application/atom+xml, application/feed+json, \
                 application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5",
            ),
        );
        let client = reqwest::Client::builder()
            .user_agent(config.user_agent())
            .default_headers(headers)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .dns_resolver(pins.clone())
            .connect_timeout(config.connect_timeout)
            .read_timeout(config.read_timeout)
            .timeout(config.request_timeout)
            .pool_max_idle_per_host(2)
            .build()
            .map_err(FetchError::Client)?;
        let politeness = Politeness::new(
            config.global_concurrency,
            config.per_host_concurrency,
            config.min_host_delay,
        );
        Ok(Self {
            inner: Arc::new(Inner {
                client,
                config,
                pins,
                politeness,
                robots: RobotsCache::default(),
            }),
        })
    }

    /// The configuration this fetcher was built with.
    pub fn config(&self) -> &FetcherConfig {
        &self.inner.config
    }

    /// Fetches `url`, conditionally when `validators` are given.
    ///
    /// Redirects are followed (each hop vetted and checked against
    /// robots.txt); 5xx and 429 are retried with backoff. Any final status
    /// other than 2xx or 304 is [`FetchError::Status`].
    pub async fn fetch(
        &self,
        url: &str,
        validators: Option<&Validators>,
    ) -> Result<Fetched, FetchError> {
        let url = parse_url(url)?;
        self.follow(url, validators, self.inner.config.obey_robots)
            .await
    }

    /// Whether `url` may be fetched at all, without fetching it: an http(s)
    /// URL whose host resolves only to addresses the SSRF guard and the
    /// allow list permit (the check every fetch makes first).
    pub async fn check_address(&self, url: &str) -> Result<(), FetchError> {
        let url = parse_url(url)?;
        guard::vet(
            &url,
            &self.inner.config.allow,
            self.inner.config.dns_timeout,
        )
        .await
        .map(drop)
    }

    /// The robots.txt that governs `url` (from the cache when fresh).
    pub async fn robots(&self, url: &str) -> Result<Arc<RobotsTxt>, FetchError> {
        let url = parse_url(url)?;
        guard::vet(
            &url,
            &self.inner.config.allow,
            self.inner.config.dns_timeout,
        )
        .await?;
        let (state, robots_url) = self.robots_state(&url).await?;
        match &*state {
            RobotsState::Rules(rules) => Ok(Arc::new(rules.clone())),
            RobotsState::Unreachable(reason) => Err(FetchError::RobotsUnreachable {
                url: url.to_string(),
                robots_url,
                reason: reason.clone(),
            }),
        }
    }

    async fn follow(
        &self,
        start: Url,
        validators: Option<&Validators>,
        obey_robots: bool,
    ) -> Result<Fetched, FetchError> {
        let cfg = &self.inner.config;
        let mut current = start.clone();
        let mut redirects = 0usize;
        loop {
            let addrs = guard::vet(&current, &cfg.allow, cfg.dns_timeout).await?;
            if let Some(Host::Domain(name)) = current.host() {
                self.inner.pins.pin(name, &addrs);
            }
            let crawl_delay = if obey_robots {
                self.obey_robots(&current).await?
            } else {
                None
            };
            match self.send(&current, validators, crawl_delay).await? {
                Answer::Redirect { status, location } => {
                    let next = redirect_target(&current, status, location)?;
                    redirects += 1;
                    if redirects > cfg.max_redirects {
                        return Err(FetchError::TooManyRedirects {
                            url: start.to_string(),
                            max: cfg.max_redirects,
                            last: next.to_string(),
                        });
                    }
                    tracing::debug!(from = %current, to = %next, "following redirect");
                    current = next;
                }
                Answer::NotModified(headers) => {
                    let etag =
                        header(&headers, &ETAG).or_else(|| validators.and_then(|v| v.etag.clone()));
                    let last_modified = header(&headers, &LAST_MODIFIED)
                        .or_else(|| validators.and_then(|v| v.last_modified.clone()));
                    return Ok(Fetched {
                        final_url: current,
                        status: FetchStatus::NotModified,
                        content_type: None,
                        body: Bytes::new(),
                        etag,
                        last_modified,
                        fetched_at: Utc::now(),
                    });
                }
                Answer::Body(headers, body) => {
                    return Ok(Fetched {
                        final_url: current,
                        status: FetchStatus::Ok,
                        content_type: header(&headers, &CONTENT_TYPE),
                        body,
                        etag: header(&headers, &ETAG),
                        last_modified: header(&headers, &LAST_MODIFIED),
                        fetched_at: Utc::now(),
                    });
                }
                Answer::Failed(status, headers) => {
                    return Err(FetchError::Status {
                        url: current.to_string(),
                        status: status.as_u16(),
                        retry_after: http_retry::retry_after(&headers, SystemTime::now()),
                    });
                }
            }
        }
    }

    /// Checks `url` against its site's robots.txt; returns the Crawl-delay to honour.
    async fn obey_robots(&self, url: &Url) -> Result<Option<Duration>, FetchError> {
        let (state, robots_url) = self.robots_state(url).await?;
        let agent = BOT_NAME;
        match &*state {
            RobotsState::Unreachable(reason) => Err(FetchError::RobotsUnreachable {
                url: url.to_string(),
                robots_url,
                reason: reason.clone(),
            }),
            RobotsState::Rules(rules) => {
                let path = &url[Position::BeforePath..Position::AfterQuery];
                rules
                    .check(agent, path)
                    .map_err(|rule| FetchError::DisallowedByRobots {
                        url: url.to_string(),
                        robots_url,
                        rule: rule.to_string(),
                        agent: agent.to_owned(),
                    })?;
                let cap = self.inner.config.max_crawl_delay;
                Ok(rules.crawl_delay(agent).map(|d| d.min(cap)))
            }
        }
    }

    async fn robots_state(&self, url: &Url) -> Result<(Arc<RobotsState>, String), FetchError> {
        let robots_url = url
            .join("/robots.txt")
            .map_err(|e| FetchError::InvalidUrl {
                url: url.to_string(),
                reason: e.to_string(),
            })?;
        let origin = url.origin().ascii_serialization();
        let shown = robots_url.to_string();
        let state = self
            .inner
            .robots
            .get_or_load(&origin, || self.load_robots(robots_url))
            .await;
        Ok((state, shown))
    }

    async fn load_robots(&self, robots_url: Url) -> (RobotsState, Duration) {
        let cfg = &self.inner.config;
        let fetched = Box::pin(self.follow(robots_url.clone(), None, false)).await;
        match fetched {
            Ok(f) => (
                RobotsState::Rules(RobotsTxt::parse(&f.body)),
                cfg.robots_ttl,
            ),
            // No robots.txt (4xx) or one lost in redirects: crawl freely (RFC 9309 §2.3.1.3).
            Err(FetchError::Status {
                status: 400..=499, ..
            })
            | Err(FetchError::TooManyRedirects { .. })
            | Err(FetchError::BadRedirect { .. }) => {
                (RobotsState::Rules(RobotsTxt::allow_all()), cfg.robots_ttl)
            }
            Err(e) => {
                tracing::warn!(robots = %robots_url, error = %e, "robots.txt unreachable");
                (
                    RobotsState::Unreachable(e.to_string()),
                    cfg.robots_unreachable_ttl,
                )
            }
        }
    }

    /// Sends one GET, retrying transient failures with backoff.
    async fn send(
        &self,
        url: &Url,
        validators: Option<&Validators>,
        crawl_delay: Option<Duration>,
    ) -> Result<Answer, FetchError> {
        let cfg = &self.inner.config;
        let host = host_key(url);
        let mut attempt = 0u32;
        loop {
            let turn = self.inner.politeness.turn(&host, crawl_delay).await;
            let outcome = self.attempt(url, validators).await;
            drop(turn);
            let wait = match &outcome {
                Ok(Answer::Failed(status, headers)) if retry::is_retryable(*status) => {
                    match http_retry::retry_after(headers, SystemTime::now()) {
                        Some(after) if after > cfg.max_retry_delay => return outcome,
                        Some(after) => after,
                        None => {
                            http_retry::backoff(attempt, cfg.retry_base_delay, cfg.max_retry_delay)
                        }
                    }
                }
                Err(FetchError::Timeout { .. }) => {
                    http_retry::backoff(attempt, cfg.retry_base_delay, cfg.max_retry_delay)
                }
                Err(FetchError::Http { source, .. }) if source.is_connect() => {
                    http_retry::backoff(attempt, cfg.retry_base_delay, cfg.max_retry_delay)
                }
                _ => return outcome,
            };
            if attempt >= cfg.max_retries {
                return outcome;
            }
            attempt += 1;
            tracing::debug!(url = %url, attempt, wait = ?wait, "retrying");
            tokio::time::sleep(wait).await;
        }
    }

    async fn attempt(
        &self,
        url: &Url,
        validators: Option<&Validators>,
    ) -> Result<Answer, FetchError> {
        let cfg = &self.inner.config;
        let mut request = self.inner.client.get(url.clone());
        if let Some(v) = validators {
            if let Some(etag) = v
                .etag
                .as_deref()
                .and_then(|e| HeaderValue::from_str(e).ok())
            {
                request = request.header(IF_NONE_MATCH, etag);
            }
            if let Some(lm) = v
                .last_modified
                .as_deref()
                .and_then(|l| HeaderValue::from_str(l).ok())
            {
                request = request.header(IF_MODIFIED_SINCE, lm);
            }
        }
        let mut response = request.send().await.map_err(|e| http_error(url, e, cfg))?;
        let status = response.status();
        if matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308) {
            let location = response
                .headers()
                .get(LOCATION)
                .and_then(|l| l.to_str().ok())
                .map(str::to_owned);
            return Ok(Answer::Redirect { status, location });
        }
        if status == StatusCode::NOT_MODIFIED {
            return Ok(Answer::NotModified(response.headers().clone()));
        }
        if !status.is_success() {
            return Ok(Answer::Failed(status, response.headers().clone()));
        }
        let too_large = || FetchError::BodyTooLarge {
            url: url.to_string(),
            limit: cfg.max_body_bytes,
        };
        if response
            .content_length()
            .is_some_and(|len| len > cfg.max_body_bytes)
        {
            return Err(too_large());
        }
        let headers = response.headers().clone();
        let mut body = BytesMut::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| http_error(url, e, cfg))?
        {
            if (body.len() + chunk.len()) as u64 > cfg.max_body_bytes {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Answer::Body(headers, body.freeze()))
    }
}

fn parse_url(url: &str) -> Result<Url, FetchError> {
    Url::parse(url.trim()).map_err(|e| FetchError::InvalidUrl {
        url: url.to_owned(),
        reason: e.to_string(),
    })
}

fn redirect_target(
    current: &Url,
    status: StatusCode,
    location: Option<String>,
) -> Result<Url, FetchError> {
    let bad = |reason: String| FetchError::BadRedirect {
        url: current.to_string(),
        status: status.as_u16(),
        reason,
    };
    let location = location.ok_or_else(|| bad("Location is missing".to_owned()))?;
    let mut next = current
        .join(location.trim())
        .map_err(|e| bad(format!("{location:?} is not a URL: {e}")))?;
    // A fragment names a place in the page, not a different resource.
    next.set_fragment(None);
    Ok(next)
}

/// Politeness is per host and port, so two sites on one address wait separately.
fn host_key(url: &Url) -> String {
    format!(
        "{}:{}",
        url.host_str().unwrap_or("").to_ascii_lowercase(),
        url.port_or_known_default().unwrap_or(0)
    )
}

fn header(headers: &HeaderMap, name: &reqwest::header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

fn http_error(url: &Url, error: reqwest::Error, cfg: &FetcherConfig) -> FetchError {
    if error.is_timeout() {
        FetchError::Timeout {
            url: url.to_string(),
            after: cfg.request_timeout,
        }
    } else {
        FetchError::Http {
            url: url.to_string(),
            source: error,
        }
    }
}
