//! The shared core under both halves of the crate: the state every handler
//! reads ([`app`]), the portal and its settings ([`portal`]), UI strings
//! ([`i18n`]), dates and numbers ([`dates`]), language negotiation and
//! conditional GET ([`http`]), the page cache, headers, security helpers,
//! URLs, errors and the serving loop.

pub(crate) mod app;
pub(crate) mod assets;
pub(crate) mod comment_text;
pub(crate) mod dates;
pub(crate) mod error;
pub(crate) mod headers;
pub(crate) mod http;
pub(crate) mod i18n;
pub(crate) mod page_cache;
pub(crate) mod paging;
pub(crate) mod portal;
pub(crate) mod proxies;
pub(crate) mod security;
pub(crate) mod serve;
pub(crate) mod urls;
pub(crate) mod views;
