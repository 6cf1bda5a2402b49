//! Newsbridge's public portal: what a reader in Paris, Berlin or Hanoi sees.
//!
//! [`router`] turns a [`Portal`] (the store, the search index and a
//! [`PortalConfig`]) into an axum router serving server-rendered pages in
//! every configured language (`/{lang}/…`), RSS 2.0 and Atom feeds per language
//! and section, sitemaps, robots.txt, embedded static assets and a small
//! read-only JSON API under `/api/v1`. Every successful GET gets a weak ETag
//! (304 on a match) and is compressed with brotli or gzip when the client
//! accepts it (the ETag names the content, whatever its coding).
//! Pages are HTML that works without JavaScript; every UI string comes from
//! the Fluent files in `locales/`.
//!
//! Readers comment on every language version (`comments/`): plain text with
//! autolinks, one level of replies, post- or pre-moderation
//! ([`CommentSettings`]), anti-spam without third parties (honeypot, signed
//! time-to-submit token that is also the CSRF token, per-IP-hash rate limits,
//! link limit, held-word list, IP-hash bans). Editors work at the desk under
//! `/admin` (`desk/`, in the editor's language): argon2id sign-in, signed session cookies,
//! CSRF on every form, dashboard, moderation, review, takedown, sources,
//! sections, glossary, users, audit log.
//! Tokens, sessions and IP hashes are HMACs under the portal's [`Secret`].
//!
//! Every response carries a Content-Security-Policy and the other browser
//! hardening headers ([`security_headers`]); per-IP limits count the reader
//! behind the [`TrustedProxies`]; [`serve`] is the serving loop with body,
//! header and connection limits ([`ServeLimits`]).

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
