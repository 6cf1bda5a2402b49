//! Rendered article pages kept in memory for a few seconds (a microcache):
//! a page read by many readers at once is rendered once, not once per
//! reader, and a hit touches neither the database nor the templates.
//!
//! A page holds a per-response part — the comment form token, which carries
//! its issue time — so a page is stored as the pieces around that token and
//! the token is spliced in for each response. The ETag names the stored
//! pieces, so conditional GETs answer 304 while the page is unchanged.
//!
//! Pages leave the cache when their time is up, when the byte budget needs
//! room (least recently used first), and all at once after any successful
//! write through this node (a comment, a report, a desk action). Changes
//! made elsewhere (a worker publishing, another web node's desk) show within
//! the time to live.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;

/// What stands for the token while a page is rendered for the cache: a
/// Unicode noncharacter pair that rendering never produces by itself.
pub(crate) const TOKEN_MARK: &str = "\u{FDD0}nb-token\u{FDD1}";

/// A rendered page, cut around its per-response token.
#[derive(Debug)]
pub(crate) struct CachedPage {
    pieces: Vec<Bytes>,
    etag: String,
    built: Instant,
}

impl CachedPage {
    /// Cuts a page rendered with [`TOKEN_MARK`] where its token goes.
    pub fn new(html: &str) -> CachedPage {
        let pieces: Vec<Bytes> = html
            .split(TOKEN_MARK)
            .map(|p| Bytes::copy_from_slice(p.as_bytes()))
            .collect();
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for piece in &pieces {
            for b in piece.iter().chain(b"\0") {
                hash ^= u64::from(*b);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
        CachedPage {
            pieces,
            etag: format!("W/\"p{hash:016x}\""),
            built: Instant::now(),
        }
    }

    /// The page with `token` in every place the mark held.
    pub fn with_token(&self, token: &str) -> Bytes {
        let len = self.pieces.iter().map(Bytes::len).sum::<usize>()
            + token.len() * self.pieces.len().saturating_sub(1);
        let mut out = Vec::with_capacity(len);
        for (i, piece) in self.pieces.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(token.as_bytes());
            }
            out.extend_from_slice(piece);
        }
        Bytes::from(out)
    }

    /// The weak ETag of this version of the page (the token aside).
    pub fn etag(&self) -> &str {
        &self.etag
    }

    fn bytes(&self) -> u64 {
        self.pieces.iter().map(|p| p.len() as u64).sum::<u64>() + 64
    }
}

#[derive(Clone)]
struct BySize;

impl quick_cache::Weighter<String, Arc<CachedPage>> for BySize {
    fn weight(&self, key: &String, page: &Arc<CachedPage>) -> u64 {
        key.len() as u64 + page.bytes()
    }
}

/// Pages by request path, within a byte budget and a time to live.
pub(crate) struct PageCache {
    pages: Option<quick_cache::sync::Cache<String, Arc<CachedPage>, BySize>>,
    ttl: Duration,
}

impl PageCache {
    /// A cache of at most `budget_bytes`, each page kept `ttl`; a zero
    /// budget or time turns it off.
    pub fn new(ttl: Duration, budget_bytes: u64) -> PageCache {
        let on = !ttl.is_zero() && budget_bytes > 0;
        PageCache {
            pages: on.then(|| {
                // quick_cache wants a count estimate: pages are ~30-60 KB.
                let estimate = usize::try_from(budget_bytes / 40_000).unwrap_or(1).max(16);
                quick_cache::sync::Cache::with_weighter(estimate, budget_bytes, BySize)
            }),
            ttl,
        }
    }

    /// Whether pages are cached at all.
    pub fn enabled(&self) -> bool {
        self.pages.is_some()
    }

    /// The page for `path`, if stored less than the time to live ago.
    pub fn get(&self, path: &str) -> Option<Arc<CachedPage>> {
        let pages = self.pages.as_ref()?;
        let page = pages.get(path)?;
        if page.built.elapsed() < self.ttl {
            Some(page)
        } else {
            pages.remove(path);
            None
        }
    }

    /// Keeps a page for `path`.
    pub fn put(&self, path: &str, page: Arc<CachedPage>) {
        if let Some(pages) = &self.pages {
            pages.insert(path.to_string(), page);
        }
    }

    /// Drops every page (after a write that may show on any of them).
    pub fn clear(&self) {
        if let Some(pages) = &self.pages {
            pages.clear();
        }
    }

    /// Bytes held.
    #[cfg(test)]
    pub fn weight(&self) -> u64 {
        self.pages.as_ref().map_or(0, |p| p.weight())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_token_is_spliced_into_every_place_and_the_etag_ignores_it() {
        let html = format!("<form><input value=\"{TOKEN_MARK}\"></form><form><input value=\"{TOKEN_MARK}\"></form>");
        let page = CachedPage::new(&html);
        let a = page.with_token("111.aa");
        assert_eq!(
            &a[..],
            b"<form><input value=\"111.aa\"></form><form><input value=\"111.aa\"></form>"
        );
        let again = CachedPage::new(&html);
        assert_eq!(page.etag(), again.etag(), "same content, same ETag");
        let other = CachedPage::new(&html.replace("form", "div"));
        assert_ne!(page.etag(), other.etag());
        let none = CachedPage::new("<p>no form</p>");
        assert_eq!(&none.with_token("x")[..], b"<p>no form</p>");
    }

    #[test]
    fn pages_expire_and_the_budget_evicts() {
        let cache = PageCache::new(Duration::from_millis(50), 1_000_000);
        cache.put("/fr/a/1-x", Arc::new(CachedPage::new("one")));
        assert!(cache.get("/fr/a/1-x").is_some());
        std::thread::sleep(Duration::from_millis(60));
        assert!(cache.get("/fr/a/1-x").is_none(), "expired");

        let small = PageCache::new(Duration::from_secs(60), 20_000);
        let big = "x".repeat(4_000);
        for i in 0..20 {
            small.put(&format!("/p/{i}"), Arc::new(CachedPage::new(&big)));
        }
        assert!(
            small.weight() <= 20_000,
            "within budget: {}",
            small.weight()
        );
        assert!(small.get("/p/19").is_some(), "the newest is kept");
        small.clear();
        assert!(small.get("/p/19").is_none());

        let off = PageCache::new(Duration::ZERO, 1_000_000);
        off.put("/p", Arc::new(CachedPage::new("x")));
        assert!(!off.enabled() && off.get("/p").is_none());
    }
}
