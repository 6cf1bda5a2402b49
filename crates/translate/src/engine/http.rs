//! HTTP plumbing shared by the remote engines: timeouts, retries (the delay
//! is `http_retry`'s: `Retry-After` or exponential backoff), bounded reply
//! size, typed errors.

use std::time::{Duration, SystemTime};

use reqwest::{Client, RequestBuilder, StatusCode};
use serde::{Deserialize, Serialize};

use super::EngineError;

/// How a remote engine retries transient failures (429, 5xx, timeouts, connection errors).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EngineRetry {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// First backoff delay, doubled at each retry.
    pub base_delay_ms: u64,
    /// Upper bound of one backoff delay.
    pub max_delay_ms: u64,
    /// A `Retry-After` longer than this fails at once with `RateLimited`
    /// (the job is retried later instead of holding a worker).
    pub max_retry_after_secs: u64,
}

impl Default for EngineRetry {
    fn default() -> Self {
        EngineRetry {
            max_retries: 3,
            base_delay_ms: 500,
            max_delay_ms: 20_000,
            max_retry_after_secs: 60,
        }
    }
}

impl EngineRetry {
    fn backoff(&self, attempt: u32) -> Duration {
        http_retry::backoff(
            attempt,
            Duration::from_millis(self.base_delay_ms),
            Duration::from_millis(self.max_delay_ms),
        )
    }
}

/// Largest reply body accepted from an engine.
const MAX_BODY: usize = 16 * 1024 * 1024;

/// An HTTP client for one engine.
#[derive(Debug, Clone)]
pub(crate) struct HttpClient {
    engine: String,
    client: Client,
    retry: EngineRetry,
}

impl HttpClient {
    pub(crate) fn new(
        engine: &str,
        timeout: Duration,
        retry: EngineRetry,
    ) -> Result<Self, EngineError> {
        let client = Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            .user_agent(concat!("newsbridge-translate/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| EngineError::Config(format!("{engine}: HTTP client: {e}")))?;
        Ok(HttpClient {
            engine: engine.to_string(),
            client,
            retry,
        })
    }

    /// Sends the request built by `build` until it succeeds or retries run out;
    /// returns the body of a 2xx reply.
    pub(crate) async fn send(
        &self,
        build: impl Fn(&Client) -> RequestBuilder,
    ) -> Result<String, EngineError> {
        let mut attempt = 0u32;
        loop {
            let (error, delay) = match build(&self.client).send().await {
                Err(e) => (self.transport_error(&e), None),
                Ok(response) => {
                    let status = response.status();
                    let retry_after =
                        http_retry::retry_after(response.headers(), SystemTime::now());
                    if status.is_success() {
                        match read_body(response).await {
                            Ok(body) => return Ok(body),
                            Err(e) => (self.body_error(e), None),
                        }
                    } else {
                        let message = read_body(response)
                            .await
                            .map(|b| error_message(&b))
                            .unwrap_or_default();
                        if status == StatusCode::TOO_MANY_REQUESTS {
                            let error = EngineError::RateLimited {
                                engine: self.engine.clone(),
                                retry_after,
                            };
                            if retry_after
                                .is_some_and(|d| d.as_secs() > self.retry.max_retry_after_secs)
                            {
                                return Err(error);
                            }
                            (error, retry_after)
                        } else if status.is_server_error() {
                            let error = EngineError::Server {
                                engine: self.engine.clone(),
                                status: status.as_u16(),
                                message,
                            };
                            let capped = retry_after
                                .filter(|d| d.as_secs() <= self.retry.max_retry_after_secs);
                            (error, capped)
                        } else {
                            return Err(EngineError::Rejected {
                                engine: self.engine.clone(),
                                status: status.as_u16(),
                                message,
                            });
                        }
                    }
                }
            };
            if attempt >= self.retry.max_retries {
                return Err(error);
            }
            let delay = delay.unwrap_or_else(|| self.retry.backoff(attempt));
            tracing::warn!(engine = %self.engine, attempt, ?delay, %error, "engine request failed, retrying");
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    fn transport_error(&self, e: &reqwest::Error) -> EngineError {
        if e.is_timeout() {
            EngineError::Timeout {
                engine: self.engine.clone(),
            }
        } else {
            EngineError::Transport {
                engine: self.engine.clone(),
                reason: error_chain(e),
            }
        }
    }

    fn body_error(&self, e: BodyError) -> EngineError {
        match e {
            BodyError::Http(e) => self.transport_error(&e),
            BodyError::TooLarge => EngineError::Malformed {
                engine: self.engine.clone(),
                reason: format!("reply larger than {MAX_BODY} bytes"),
            },
            BodyError::NotUtf8 => EngineError::Malformed {
                engine: self.engine.clone(),
                reason: "reply is not UTF-8".into(),
            },
        }
    }
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

enum BodyError {
    Http(reqwest::Error),
    TooLarge,
    NotUtf8,
}

async fn read_body(mut response: reqwest::Response) -> Result<String, BodyError> {
    if response
        .content_length()
        .is_some_and(|l| l > MAX_BODY as u64)
    {
        return Err(BodyError::TooLarge);
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(BodyError::Http)? {
        if body.len() + chunk.len() > MAX_BODY {
            return Err(BodyError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    String::from_utf8(body).map_err(|_| BodyError::NotUtf8)
}

/// A short message from an error body: JSON `error`/`message` fields, else the text.
fn error_message(body: &str) -> String {
    let from_json = serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .and_then(|v| {
            let field = |v: &serde_json::Value| -> Option<String> {
                for key in ["error", "message", "detail"] {
                    match v.get(key) {
                        Some(serde_json::Value::String(s)) => return Some(s.clone()),
                        Some(obj @ serde_json::Value::Object(_)) => {
                            if let Some(serde_json::Value::String(s)) = obj.get("message") {
                                return Some(s.clone());
                            }
                        }
                        _ => {}
                    }
                }
                None
            };
            field(&v)
        });
    let text = from_json.unwrap_or_else(|| body.trim().to_string());
    text.chars().take(300).collect()
}

/// Makes an absolute URL from a base URL and a path.
pub(crate) fn join_url(base: &str, path: &str) -> String {
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        path.trim_start_matches('/')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_caps() {
        let p = EngineRetry {
            max_retries: 5,
            base_delay_ms: 100,
            max_delay_ms: 1000,
            max_retry_after_secs: 5,
        };
        assert_eq!(p.backoff(0), Duration::from_millis(100));
        assert_eq!(p.backoff(2), Duration::from_millis(400));
        assert_eq!(p.backoff(10), Duration::from_millis(1000));
        assert_eq!(p.backoff(u32::MAX), Duration::from_millis(1000));
    }

    #[test]
    fn messages_from_error_bodies() {
        assert_eq!(
            error_message(r#"{"error":"Invalid API key"}"#),
            "Invalid API key"
        );
        assert_eq!(
            error_message(r#"{"error":{"message":"quota","type":"x"}}"#),
            "quota"
        );
        assert_eq!(error_message("  Bad Gateway "), "Bad Gateway");
        assert_eq!(
            join_url("http://127.0.0.1:5000/", "/translate"),
            "http://127.0.0.1:5000/translate"
        );
    }
}
