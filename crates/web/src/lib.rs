//! Newsbridge's public portal: what a reader in Paris, Berlin or Hanoi sees.
//!
//! [`router`] turns a [`Portal`] (the store, the search index and a
//! [`PortalConfig`]) into an axum router serving server-rendered pages in
//! every configured language (`/{lang}/…`), RSS feeds, sitemaps, robots.txt,
//! embedded static assets and a small read-only JSON API under `/api/v1`.
//! Pages are HTML without JavaScript; every UI string comes from the Fluent
//! files in `locales/`.

mod api;
mod app;
mod assets;
mod dates;
mod error;
mod feeds;
mod http;
mod i18n;
mod layout;
mod pages;
mod render;
mod routes;
mod sitemaps;
mod urls;

pub use error::WebError;
pub use i18n::{autonym, message_keys, Arg, I18nError, Locales, UI_LANGUAGES};
pub use routes::router;

use store::Store;

/// What the portal serves from.
#[derive(Debug, Clone)]
pub struct Portal {
    /// The database.
    pub store: Store,
    /// The full-text index; without it the search page says search is unavailable.
    pub search: Option<search::SearchIndex>,
    /// Site settings.
    pub config: PortalConfig,
}

impl Portal {
    /// A portal over `store`, with an optional search index.
    pub fn new(store: Store, search: Option<search::SearchIndex>, config: PortalConfig) -> Portal {
        Portal {
            store,
            search,
            config,
        }
    }
}

/// Site settings for the portal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalConfig {
    /// The site's name, shown in the header, titles and feeds.
    pub site_name: String,
    /// Public base URL (`https://news.example`), for canonical links, hreflang, feeds and sitemaps.
    pub base_url: String,
    /// Portal languages; the first is the default (x-default, `/` fallback).
    pub languages: Vec<String>,
    /// The language partner publishers write in (`vi`).
    pub source_language: String,
}

impl Default for PortalConfig {
    fn default() -> Self {
        PortalConfig {
            site_name: "Newsbridge".into(),
            base_url: "http://127.0.0.1:8080".into(),
            languages: ["en", "vi", "fr", "de", "es", "zh", "ja", "ko", "ru"]
                .map(String::from)
                .to_vec(),
            source_language: "vi".into(),
        }
    }
}
