//! The site: masthead, sections and a mutable catalogue of articles.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};

use chrono::{DateTime, Duration, FixedOffset, SubsecRound, Utc};

use crate::content::{self, ContentError};
use crate::dates::vietnam;
use crate::generate::{self, Templates};
use crate::model::{complete_article, Newspaper, SampleArticle, Section};

/// The sample newspaper: its masthead, sections and articles.
///
/// Share it as `Arc<Site>` between the server and a test; the articles live
/// behind a lock so a test can edit, add or withdraw them while the site is
/// being served, as an upstream newsroom would.
#[derive(Debug)]
pub struct Site {
    paper: Newspaper,
    sections: Vec<Section>,
    templates: Templates,
    catalog: RwLock<Catalog>,
    hits: Mutex<HashMap<String, u64>>,
    faults: Mutex<Vec<Fault>>,
    refuse_hotlinks: std::sync::atomic::AtomicBool,
}

/// An injected failure: the next `remaining` requests whose path starts
/// with `prefix` answer `status` instead of the page.
#[derive(Debug, Clone)]
struct Fault {
    prefix: String,
    status: u16,
    remaining: u32,
}

/// The articles currently on the site.
#[derive(Debug, Default)]
pub(crate) struct Catalog {
    by_id: HashMap<u32, Arc<SampleArticle>>,
    /// Published articles, newest first.
    latest: Vec<Arc<SampleArticle>>,
    /// Withdrawn articles: their pages answer 410 Gone.
    gone: HashSet<u32>,
    /// How many generated articles exist (the next one's index).
    generated: usize,
}

impl Catalog {
    /// Published articles, newest first.
    pub fn latest(&self) -> &[Arc<SampleArticle>] {
        &self.latest
    }

    /// A published article by id.
    pub fn get(&self, id: u32) -> Option<&Arc<SampleArticle>> {
        self.by_id.get(&id)
    }

    /// True when the article was withdrawn.
    pub fn is_gone(&self, id: u32) -> bool {
        self.gone.contains(&id)
    }

    fn insert(&mut self, a: SampleArticle) {
        let a = Arc::new(a);
        self.by_id.insert(a.id, a.clone());
        self.latest.push(a);
    }

    fn sort(&mut self) {
        self.latest
            .sort_by(|a, b| b.published.cmp(&a.published).then(b.id.cmp(&a.id)));
    }

    fn replace(&mut self, a: SampleArticle) -> Arc<SampleArticle> {
        let a = Arc::new(a);
        self.by_id.insert(a.id, a.clone());
        if let Some(slot) = self.latest.iter_mut().find(|x| x.id == a.id) {
            *slot = a.clone();
        }
        a
    }
}

impl Site {
    /// The hand-written content only (at least 32 articles over 7 sections).
    pub fn bundled() -> Result<Site, ContentError> {
        let content::Bundled {
            paper,
            sections,
            templates,
            articles,
        } = content::load()?;
        let mut catalog = Catalog::default();
        for a in articles {
            catalog.insert(a);
        }
        catalog.sort();
        Ok(Site {
            paper,
            sections,
            templates,
            catalog: RwLock::new(catalog),
            hits: Mutex::new(HashMap::new()),
            faults: Mutex::new(Vec::new()),
            refuse_hotlinks: std::sync::atomic::AtomicBool::new(false),
        })
    }

    /// Adds `n` generated articles, dated before the hand-written ones
    /// (one every 37 minutes going back from 19/10/2025 22:00), with unique URLs,
    /// titles and bodies. Call it once or several times; numbering continues.
    pub fn with_generated(self, n: usize) -> Site {
        {
            let mut c = self.write();
            let start = c.generated;
            for i in start..start + n {
                let a = generate::article(i, generate::backdated(i), &self.templates);
                c.insert(a);
            }
            c.generated = start + n;
            c.sort();
        }
        self
    }

    /// Publishes `n` new generated articles now (dated the current time), as
    /// a newsroom would while a consumer is polling; returns their ids.
    pub fn publish_generated(&self, n: usize) -> Vec<u32> {
        let mut c = self.write();
        let start = c.generated;
        let now = now();
        let mut ids = Vec::with_capacity(n);
        for i in start..start + n {
            let a = generate::article(
                i,
                now + Duration::seconds((i - start) as i64),
                &self.templates,
            );
            ids.push(a.id);
            c.insert(a);
        }
        c.generated = start + n;
        c.sort();
        ids
    }

    /// The masthead.
    pub fn newspaper(&self) -> &Newspaper {
        &self.paper
    }

    /// All sections in menu order.
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// A section by slug.
    pub fn section(&self, slug: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.slug == slug)
    }

    /// Every published article (hand-written and generated), newest first.
    pub fn articles(&self) -> Vec<Arc<SampleArticle>> {
        self.read().latest.clone()
    }

    /// Only the hand-written articles, newest first.
    pub fn bundled_articles(&self) -> Vec<Arc<SampleArticle>> {
        self.read()
            .latest
            .iter()
            .filter(|a| !a.generated)
            .cloned()
            .collect()
    }

    /// A published article by id.
    pub fn article(&self, id: u32) -> Option<Arc<SampleArticle>> {
        self.read().get(id).cloned()
    }

    /// A published article by its page path (`/thoi-su/…-101.html`).
    pub fn article_by_path(&self, path: &str) -> Option<Arc<SampleArticle>> {
        self.read()
            .latest
            .iter()
            .find(|a| a.path() == path)
            .cloned()
    }

    /// The tags that name a series (the same story over several days), sorted.
    pub fn series_tags(&self) -> Vec<String> {
        let mut tags: Vec<String> = self
            .read()
            .latest
            .iter()
            .filter_map(|a| a.series.clone())
            .collect();
        tags.sort();
        tags.dedup();
        tags
    }

    /// The articles of one series, oldest first.
    pub fn series(&self, tag: &str) -> Vec<Arc<SampleArticle>> {
        let mut parts: Vec<_> = self
            .read()
            .latest
            .iter()
            .filter(|a| a.series.as_deref() == Some(tag))
            .cloned()
            .collect();
        parts.reverse();
        parts
    }

    /// What a perfect extractor returns for article `id` served at `base`
    /// (e.g. `http://127.0.0.1:8080`), publisher and section name included.
    pub fn expected_article(&self, id: u32, base: &str) -> Option<article::Article> {
        let a = self.article(id)?;
        let section = self.section(&a.section).map_or("", |s| s.name.as_str());
        Some(complete_article(&a, base, &self.paper, section))
    }

    /// Edits an article as its newsroom would after publication. The closure
    /// may change any text, image, tag or byline; the id, section and slug
    /// (hence the URL) stay. Unless the closure sets `modified` itself, it
    /// becomes the current time (always later than the previous value), so
    /// the page, its ETag, `article:modified_time` and the sitemap's
    /// `lastmod` all change. Returns the new version, or `None` when no
    /// published article has that id.
    pub fn edit_article(
        &self,
        id: u32,
        edit: impl FnOnce(&mut SampleArticle),
    ) -> Option<Arc<SampleArticle>> {
        let mut c = self.write();
        let old = c.get(id)?.clone();
        let mut new = (*old).clone();
        edit(&mut new);
        new.id = old.id;
        new.section = old.section.clone();
        new.slug = old.slug.clone();
        new.generated = old.generated;
        if new.modified == old.modified || new.modified.is_none() {
            let floor = old.last_modified() + Duration::seconds(1);
            new.modified = Some(now().max(floor));
        }
        Some(c.replace(new))
    }

    /// Withdraws an article: its page answers 410 Gone and it leaves every
    /// listing, feed and sitemap. Returns false when it was not published.
    pub fn unpublish(&self, id: u32) -> bool {
        let mut c = self.write();
        if c.by_id.remove(&id).is_none() {
            return false;
        }
        c.latest.retain(|a| a.id != id);
        c.gone.insert(id);
        true
    }

    /// How many requests the server answered for `path` (without query).
    pub fn hits(&self, path: &str) -> u64 {
        self.hits
            .lock()
            .map_or(0, |h| h.get(path).copied().unwrap_or(0))
    }

    /// How many requests the server answered in all.
    pub fn total_hits(&self) -> u64 {
        self.hits.lock().map_or(0, |h| h.values().sum())
    }

    /// Makes the next `count` requests whose path starts with `prefix`
    /// answer HTTP `status` (e.g. 503 or 429, sent with `Retry-After: 1`)
    /// instead of the page, as an overloaded or flaky publisher would.
    /// Faults queue up; the first matching one with requests left applies.
    pub fn fail_next(&self, prefix: &str, status: u16, count: u32) {
        if let Ok(mut f) = self.faults.lock() {
            f.push(Fault {
                prefix: prefix.to_string(),
                status,
                remaining: count,
            });
        }
    }

    /// Makes image requests whose `Referer` names another origin answer 403
    /// (on) or be served like any other (off, the default), as Vietnamese
    /// publishers protect their photos against hot-linking.
    pub fn set_refuse_hotlinks(&self, on: bool) {
        self.refuse_hotlinks
            .store(on, std::sync::atomic::Ordering::Relaxed);
    }

    /// Whether image requests from another origin's pages are refused.
    pub fn refuses_hotlinks(&self) -> bool {
        self.refuse_hotlinks
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Takes one request from the first fault matching `path`, if any.
    pub(crate) fn take_fault(&self, path: &str) -> Option<u16> {
        let mut faults = self.faults.lock().ok()?;
        let fault = faults
            .iter_mut()
            .find(|f| f.remaining > 0 && path.starts_with(&f.prefix))?;
        fault.remaining -= 1;
        let status = fault.status;
        faults.retain(|f| f.remaining > 0);
        Some(status)
    }

    pub(crate) fn count_hit(&self, path: &str) {
        if let Ok(mut h) = self.hits.lock() {
            *h.entry(path.to_string()).or_insert(0) += 1;
        }
    }

    pub(crate) fn read(&self) -> RwLockReadGuard<'_, Catalog> {
        self.catalog
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn write(&self) -> RwLockWriteGuard<'_, Catalog> {
        self.catalog
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn now() -> DateTime<FixedOffset> {
    Utc::now().with_timezone(&vietnam()).trunc_subsecs(0)
}
