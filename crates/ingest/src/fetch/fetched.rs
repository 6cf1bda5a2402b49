//! What a fetch returns, and what the next fetch of the same URL sends.

use bytes::Bytes;
use chrono::{DateTime, Utc};
use url::Url;

/// Validators from an earlier fetch, for a conditional GET.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    /// The ETag the server sent last time.
    pub etag: Option<String>,
    /// The Last-Modified the server sent last time.
    pub last_modified: Option<String>,
}

/// Whether the server sent a new body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FetchStatus {
    /// 304: unchanged since the validators were issued; the body is empty.
    NotModified,
    /// 2xx with a body.
    Ok,
}

/// A successful fetch.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The URL after redirects.
    pub final_url: Url,
    /// New body or not modified.
    pub status: FetchStatus,
    /// The Content-Type header, as sent.
    pub content_type: Option<String>,
    /// The decompressed body (empty for [`FetchStatus::NotModified`]).
    pub body: Bytes,
    /// The ETag to send next time.
    pub etag: Option<String>,
    /// The Last-Modified to send next time.
    pub last_modified: Option<String>,
    /// When the response arrived.
    pub fetched_at: DateTime<Utc>,
}

impl Fetched {
    /// The validators to pass to the next fetch of the same URL.
    pub fn validators(&self) -> Validators {
        Validators {
            etag: self.etag.clone(),
            last_modified: self.last_modified.clone(),
        }
    }
}
