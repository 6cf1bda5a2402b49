//! The state every handler shares, and the per-request page context.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use store::Section;

use crate::core::i18n::{Arg, Locales};
use crate::{Portal, WebError};

/// How long the section list is reused before it is read again.
const SECTIONS_TTL: Duration = Duration::from_secs(30);

/// Shared state: the portal, its UI strings and small caches.
pub(crate) struct App {
    pub portal: Portal,
    pub locales: Locales,
    /// `base_url` without a trailing slash.
    pub base: String,
    sections: RwLock<Option<(Instant, Arc<Vec<Section>>)>>,
    /// Comments per IP hash, counted in this process.
    pub comment_limiter: crate::core::security::Limiter,
    /// Content-Security-Policy reports logged, counted in this process.
    pub reports: crate::core::security::Limiter,
    comment_counts: RwLock<HashMap<String, (Instant, CommentCounts)>>,
    /// Rendered article pages, for a few seconds.
    pub pages: crate::core::page_cache::PageCache,
    /// Article page views, for "most read".
    pub views: crate::core::views::ViewCounter,
}

/// Visible comments per article id, for one language.
pub(crate) type CommentCounts = Arc<HashMap<i64, i64>>;

pub(crate) type AppState = Arc<App>;

impl App {
    pub fn new(portal: Portal, locales: Locales) -> App {
        let base = portal.config.base_url.trim_end_matches('/').to_string();
        let pages = crate::core::page_cache::PageCache::new(
            portal.page_cache.ttl,
            portal.page_cache.budget_bytes,
        );
        let views = crate::core::views::ViewCounter::new(portal.view_flush);
        App {
            pages,
            views,
            portal,
            locales,
            base,
            sections: RwLock::new(None),
            comment_limiter: crate::core::security::Limiter::default(),
            reports: crate::core::security::Limiter::default(),
            comment_counts: RwLock::new(HashMap::new()),
        }
    }

    /// The default portal language (the first configured one).
    pub fn default_lang(&self) -> &str {
        self.portal
            .config
            .languages
            .first()
            .map(String::as_str)
            .unwrap_or("en")
    }

    /// Whether `lang` is a portal language with UI strings.
    pub fn serves(&self, lang: &str) -> bool {
        self.portal.config.languages.iter().any(|l| l == lang) && self.locales.has(lang)
    }

    /// Every section in menu order (cached for a few seconds).
    pub async fn sections(&self) -> Result<Arc<Vec<Section>>, WebError> {
        if let Ok(guard) = self.sections.read() {
            if let Some((at, list)) = guard.as_ref() {
                if at.elapsed() < SECTIONS_TTL {
                    return Ok(list.clone());
                }
            }
        }
        let list = Arc::new(self.portal.store.sections().await?);
        if let Ok(mut guard) = self.sections.write() {
            *guard = Some((Instant::now(), list.clone()));
        }
        Ok(list)
    }

    /// Drops the cached section list (after an editor renamed a section).
    pub fn forget_sections(&self) {
        if let Ok(mut guard) = self.sections.write() {
            *guard = None;
        }
    }

    /// Visible comment counts per article in `lang`, for lists (cached like the sections;
    /// empty when the database fails, since a list is still worth showing).
    pub async fn comment_counts(&self, lang: &str) -> CommentCounts {
        if let Ok(guard) = self.comment_counts.read() {
            if let Some((at, counts)) = guard.get(lang) {
                if at.elapsed() < SECTIONS_TTL {
                    return counts.clone();
                }
            }
        }
        let counts: CommentCounts = match self.portal.store.visible_comment_counts(lang).await {
            Ok(rows) => Arc::new(rows.into_iter().collect()),
            Err(e) => {
                tracing::warn!(error = %e, "comment counts unavailable");
                return Arc::default();
            }
        };
        if let Ok(mut guard) = self.comment_counts.write() {
            guard.insert(lang.to_string(), (Instant::now(), counts.clone()));
        }
        counts
    }

    /// An absolute URL for a site path.
    pub fn abs(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }
}

/// What a page needs to render: the app, the reader's language, the menu.
pub(crate) struct Ctx<'a> {
    pub app: &'a App,
    pub lang: &'a str,
    pub sections: Arc<Vec<Section>>,
    /// Visible comments per article, shown in lists.
    pub comment_counts: CommentCounts,
    /// The stored pictures of the article being shown, by the publisher's
    /// URL (empty elsewhere: teasers carry their own).
    pub images: Arc<HashMap<String, store::ShownImage>>,
}

impl<'a> Ctx<'a> {
    pub async fn new(app: &'a App, lang: &'a str) -> Result<Ctx<'a>, WebError> {
        let sections = app.sections().await?;
        let comment_counts = if app.serves(lang) {
            app.comment_counts(lang).await
        } else {
            Arc::default()
        };
        Ok(Ctx {
            app,
            lang,
            sections,
            comment_counts,
            images: Arc::default(),
        })
    }

    /// A context for error pages: the menu if the database answers, else none.
    pub async fn for_error(app: &'a App, lang: &'a str) -> Ctx<'a> {
        let sections = app.sections().await.unwrap_or_default();
        Ctx {
            app,
            lang,
            sections,
            comment_counts: Arc::default(),
            images: Arc::default(),
        }
    }

    /// A UI string.
    pub fn t(&self, key: &str) -> String {
        self.app.locales.get(self.lang, key)
    }

    /// A UI string with arguments.
    pub fn tw(&self, key: &str, args: &[(&str, Arg)]) -> String {
        self.app.locales.get_with(self.lang, key, args)
    }

    /// A message with one argument, split around that argument, so that the
    /// argument can be rendered as markup (links) in its translated place.
    pub fn around(&self, key: &str, arg: &str) -> (String, String) {
        const MARK: &str = "\u{E000}";
        let text = self.tw(key, &[(arg, MARK.into())]);
        match text.split_once(MARK) {
            Some((before, after)) => (before.to_string(), after.to_string()),
            None => (text, String::new()),
        }
    }

    /// A section by id.
    pub fn section(&self, id: Option<i64>) -> Option<&Section> {
        let id = id?;
        self.sections.iter().find(|s| s.id == id)
    }

    /// A section by its URL slug in the reader's language, or by its stable
    /// key (links from before a localized slug was set, or shared across
    /// languages). The localized slug wins over another section's key.
    pub fn section_by_slug(&self, slug: &str) -> Option<&Section> {
        self.sections
            .iter()
            .find(|s| s.slug_in(self.lang) == slug)
            .or_else(|| self.sections.iter().find(|s| s.slug == slug))
    }

    /// A section's name in the reader's language.
    pub fn section_name<'s>(&self, section: &'s Section) -> &'s str {
        section.name(self.lang)
    }

    /// The URL slug of a section id in the reader's language (articles
    /// without a section use `article`).
    pub fn section_slug(&self, id: Option<i64>) -> &str {
        self.section_slug_in(id, self.lang)
    }

    /// The URL slug of a section id in `lang`.
    pub fn section_slug_in(&self, id: Option<i64>, lang: &str) -> &str {
        self.section(id)
            .map_or(crate::core::urls::NO_SECTION, |s| s.slug_in(lang))
    }

    /// The site name.
    pub fn site(&self) -> &str {
        &self.app.portal.config.site_name
    }

    /// A count formatted for the reader's locale (`1 115` in French).
    pub fn number(&self, n: i64) -> String {
        crate::core::dates::number(self.lang, n)
    }
}
