//! The shared core under the crate's two halves, the public site
//! ([`crate::public`]) and the desk ([`crate::desk`]).
//!
//! - [`app`]: the state every handler shares ([`app::App`]) and a reader
//!   page's context ([`app::Ctx`]);
//! - [`portal`]: what the portal serves from and its settings
//!   ([`crate::Portal`], [`crate::PortalConfig`]);
//! - [`i18n`]: the UI strings (Fluent files in `locales/`); [`dates`]: dates
//!   and counts in the reader's locale;
//! - [`http`]: conditional GET, the page-cache middleware and language
//!   negotiation; [`page_cache`]: the rendered pages kept in memory;
//! - [`headers`], [`security`], [`proxies`]: hardening headers, tokens,
//!   hashes, cookies, trusted proxies; [`serve`]: the serving loop;
//! - [`urls`]: every public address; [`paging`]: `?page=N`;
//!   [`comment_text`]: readers' text made safe to store and show;
//!   [`views`]: read counts; [`assets`]: the embedded CSS, scripts and icon;
//!   [`error`]: what a handler can fail with.
//!
//! # The import rule
//!
//! The public site and the desk import nothing from each other, only from
//! this core, and the core imports from neither: one half can be read,
//! changed and tested without the other. Only `routes.rs` sees both, to
//! join their routers; its tests read every source file under `core/`,
//! `public/` and `desk/` and fail on a path into a half it may not use
//! (`crate::desk`, `crate::public`, `super::desk`, `super::public`, or
//! either name inside a `crate::{…}` group; comments are not read).

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
