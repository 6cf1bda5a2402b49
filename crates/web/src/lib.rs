//! Newsbridge's portal: the public site a reader in Paris, Berlin or Hanoi
//! sees, and the editorial desk.
//!
//! [`router`] turns a [`Portal`] (the store, the search index and a
//! [`PortalConfig`]) into an axum router serving server-rendered pages in
//! every configured language (`/{lang}/…`), RSS 2.0 and Atom feeds per language
//! and section, sitemaps, robots.txt, embedded static assets and a small
//! read-only JSON API under `/api/v1`. Every successful GET gets a weak ETag
//! (304 on a match) and is compressed with brotli or gzip when the client
//! accepts it (the ETag names the content, whatever its coding).
//! Pages are HTML that works without JavaScript; every UI string comes from
//! the Fluent files in `locales/`; dates and counts are written by the
//! `locale` crate (ICU4X, CLDR data).
//!
//! Readers comment on every language version: plain text with
//! autolinks, one level of replies, post- or pre-moderation
//! ([`CommentSettings`]), anti-spam without third parties (honeypot, signed
//! time-to-submit token that is also the CSRF token, per-IP-hash rate limits,
//! link limit, held-word list, IP-hash bans). Editors work at the desk under
//! `/admin`, in the editor's language: argon2id sign-in, signed session cookies,
//! CSRF on every form, dashboard, moderation, review, takedown, sources,
//! sections, glossary, users, audit log.
//! Tokens, sessions and IP hashes are HMACs under the portal's [`Secret`].
//!
//! Every response carries a Content-Security-Policy and the other browser
//! hardening headers ([`security_headers`]); per-IP limits count the reader
//! behind the [`TrustedProxies`]; [`serve`] is the serving loop with body,
//! header and connection limits ([`ServeLimits`]).
//!
//! # Layout
//!
//! - `public/`: the public site (pages, comments, feeds, sitemaps, the JSON
//!   API, pictures);
//! - `desk/`: the editorial desk under `/admin`, with its own state (the
//!   sign-in throttle);
//! - `core/`: what both halves share (state, portal settings, UI strings,
//!   dates, negotiation, page cache, headers, security, URLs, errors, the
//!   serving loop);
//! - `routes.rs`: joins the two halves' routes under the shared layers.
//!
//! The halves import nothing from each other, only from `core`, and `core`
//! imports from neither; a test in `routes.rs` reads the sources and fails
//! on a path across. This file only declares modules and re-exports.

mod core;
mod desk;
mod public;
mod routes;

pub use crate::core::error::WebError;
pub use crate::core::headers::security_headers;
pub use crate::core::i18n::{
    autonym, message_keys, Arg, I18nError, Locales, DESK_LANGUAGES, UI_LANGUAGES,
};
pub use crate::core::portal::{
    CommentSettings, Moderation, PageCacheSettings, Portal, PortalConfig,
};
pub use crate::core::proxies::{BadProxy, TrustedProxies};
pub use crate::core::security::{hash_password, Secret};
pub use crate::core::serve::{serve, ServeLimits};
pub use routes::router;
