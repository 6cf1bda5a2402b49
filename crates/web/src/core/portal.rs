//! What the portal serves from and how it is set up: [`Portal`] and its settings.

use store::Store;

use crate::core::proxies::TrustedProxies;
use crate::core::security::Secret;

/// What the portal serves from.
#[derive(Debug, Clone)]
pub struct Portal {
    /// The database.
    pub store: Store,
    /// The full-text index; without it the search page says search is unavailable.
    pub search: Option<search::SearchIndex>,
    /// Site settings.
    pub config: PortalConfig,
    /// How readers' comments are moderated and guarded.
    pub comments: CommentSettings,
    /// The key for form tokens, desk sessions and IP hashes. Random per process
    /// unless set with [`Portal::with_secret`] (every web node must share one).
    pub secret: Secret,
    /// How long a rendered article page is served from memory, and the
    /// memory it may take (see [`Portal::with_page_cache`]).
    pub page_cache: PageCacheSettings,
    /// How often read counts are written to the database (and the "most
    /// read" lists refreshed).
    pub view_flush: std::time::Duration,
    /// The proxies whose `X-Forwarded-*` headers are believed (loopback by
    /// default); per-IP limits count the address they forward for.
    pub trusted_proxies: TrustedProxies,
    /// Where mirrored pictures are stored (see [`Portal::with_images`]);
    /// without it pages show no pictures at all (never the publisher's).
    pub images: Option<images::Storage>,
    /// Most articles listed in one sitemap file (see
    /// [`Portal::with_sitemap_file_size`]; 5,000 by default); a language with
    /// more has several.
    pub sitemap_file_size: i64,
}

/// Articles per sitemap file unless set otherwise: with an alternate per
/// language each entry takes up to 1.5 KB, so a file stays under 8 MB (the
/// protocol allows 50 MB and 50,000 URLs), and one request reads at most this
/// many versions in each language.
pub(crate) const SITEMAP_FILE_SIZE: i64 = 5_000;

/// The in-memory cache of rendered article pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageCacheSettings {
    /// Time a page is served before it is rendered again; zero turns the cache off.
    pub ttl: std::time::Duration,
    /// Bytes of pages kept at most (least recently used leave first).
    pub budget_bytes: u64,
}

impl Default for PageCacheSettings {
    fn default() -> Self {
        PageCacheSettings {
            ttl: std::time::Duration::from_secs(5),
            budget_bytes: 64 * 1024 * 1024,
        }
    }
}

impl Portal {
    /// A portal over `store`, with an optional search index.
    pub fn new(store: Store, search: Option<search::SearchIndex>, config: PortalConfig) -> Portal {
        Portal {
            store,
            search,
            config,
            comments: CommentSettings::default(),
            secret: Secret::random(),
            page_cache: PageCacheSettings::default(),
            view_flush: std::time::Duration::from_secs(30),
            trusted_proxies: TrustedProxies::default(),
            images: None,
            sitemap_file_size: SITEMAP_FILE_SIZE,
        }
    }

    /// The same portal listing at most `articles` (at least 1) per sitemap file.
    pub fn with_sitemap_file_size(mut self, articles: i64) -> Portal {
        self.sitemap_file_size = articles.max(1);
        self
    }

    /// The same portal showing the pictures stored in `storage`: pages link
    /// `/media/{key}` (served from it with year-long immutable caching), or
    /// the bucket's or CDN's public URL when the storage has one.
    pub fn with_images(mut self, storage: images::Storage) -> Portal {
        self.images = Some(storage);
        self
    }

    /// The same portal believing forwarding headers from `trusted` only.
    pub fn with_trusted_proxies(mut self, trusted: TrustedProxies) -> Portal {
        self.trusted_proxies = trusted;
        self
    }

    /// The same portal writing read counts every `every`.
    pub fn with_view_flush(mut self, every: std::time::Duration) -> Portal {
        self.view_flush = every;
        self
    }

    /// The same portal with other page cache settings (a zero `ttl` turns it off).
    pub fn with_page_cache(mut self, page_cache: PageCacheSettings) -> Portal {
        self.page_cache = page_cache;
        self
    }

    /// The same portal with other comment settings.
    pub fn with_comments(mut self, comments: CommentSettings) -> Portal {
        self.comments = comments;
        self
    }

    /// The same portal with a configured secret key.
    pub fn with_secret(mut self, secret: Secret) -> Portal {
        self.secret = secret;
        self
    }
}

/// When readers' comments appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Moderation {
    /// Visible at once; readers can report them (the default).
    #[default]
    Post,
    /// Held until an editor approves them.
    Pre,
}

/// Comment moderation and anti-spam settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentSettings {
    /// `post` (visible at once) or `pre` (held for an editor).
    pub moderation: Moderation,
    /// Seconds a reader must spend between loading the form and posting it.
    pub min_submit_seconds: u64,
    /// Most links a comment may contain.
    pub max_links: usize,
    /// Most comments from one IP hash per ten minutes.
    pub per_ip_per_10_minutes: i64,
    /// Most comments on one article (all languages) per ten minutes, in this process.
    pub per_article_per_10_minutes: i64,
    /// Words that hold a comment for an editor (lowercase, matched case-insensitively).
    pub held_words: Vec<String>,
}

impl Default for CommentSettings {
    fn default() -> Self {
        CommentSettings {
            moderation: Moderation::Post,
            min_submit_seconds: 3,
            max_links: 2,
            per_ip_per_10_minutes: 5,
            per_article_per_10_minutes: 120,
            held_words: Vec::new(),
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
