//! Rendered reader pages (articles, home, sections, stories, authors) kept in
//! memory for a few seconds (a microcache):
//! a page read by many readers at once is rendered once, not once per
//! reader, and a hit touches neither the database nor the templates.
//!
//! A stored page is served as it is to everyone until it expires, compressed
//! once per encoding (brotli, gzip) the first time a reader asks for it, so a
//! hit costs no rendering, no signing and no compression. Its comment-form
//! token was issued when the page was built; the page's `Cache-Control`
//! already lets any shared cache hand that same page to many readers for a
//! minute, and the token's clock then runs from the build, at most the time
//! to live earlier than the reader's load.
//!
//! When a page's time is up, the first request for it renders it again;
//! requests arriving meanwhile are given the expired page rather than all
//! rendering it at once: otherwise a popular page expiring every few seconds
//! would send every open connection into the templates and the database
//! together, and those readers would wait behind one another (the figures
//! are in `docs/measurements.md`). An expired page is given out
//! this way for at most one more time to live, and only while one request
//! renders it; when that rendering fails or is abandoned, the page leaves at
//! twice its time to live and the next request renders it.
//!
//! Pages leave the cache at twice their time to live, when the byte budget
//! needs room (least recently used first), when rendering them again did not
//! give a page (taken down, moved), and all at once after any successful
//! write through this node (a comment, a report, a desk action). Changes
//! made elsewhere (a worker publishing, another web node's desk) show within
//! the time to live, plus the time one rendering takes.

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// brotli quality for stored pages: close to the best ratio on HTML at about
/// a millisecond per page (11 takes tens).
const BROTLI_QUALITY: u32 = 6;
/// brotli window (log2 bytes): larger than any page.
const BROTLI_WINDOW: u32 = 22;

/// An encoding a stored page can be sent in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    /// The best encoding an `Accept-Encoding` value allows (brotli first).
    fn chosen(accept_encoding: Option<&HeaderValue>) -> Encoding {
        let Some(accept) = accept_encoding.and_then(|v| v.to_str().ok()) else {
            return Encoding::Identity;
        };
        let accepts = |name: &str| {
            accept.split(',').any(|item| {
                let mut parts = item.split(';');
                let coding = parts.next().unwrap_or("").trim();
                let refused = parts.any(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.trim().parse::<f32>().ok())
                        .is_some_and(|q| q <= 0.0)
                });
                coding.eq_ignore_ascii_case(name) && !refused
            })
        };
        if accepts("br") {
            Encoding::Brotli
        } else if accepts("gzip") {
            Encoding::Gzip
        } else {
            Encoding::Identity
        }
    }
}

/// A rendered page and its compressed forms, made when first asked for.
#[derive(Debug)]
pub(crate) struct CachedPage {
    html: Bytes,
    brotli: OnceLock<Option<Bytes>>,
    gzip: OnceLock<Option<Bytes>>,
    etag: String,
    built: Instant,
    /// Whether a request took on rendering the page again once it expired.
    rebuild_claimed: AtomicBool,
}

impl CachedPage {
    /// Stores a rendered page.
    pub fn new(html: impl Into<Bytes>) -> CachedPage {
        let html: Bytes = html.into();
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for b in html.iter() {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        CachedPage {
            html,
            brotli: OnceLock::new(),
            gzip: OnceLock::new(),
            etag: format!("W/\"p{hash:016x}\""),
            built: Instant::now(),
            rebuild_claimed: AtomicBool::new(false),
        }
    }

    /// Takes on rendering this expired page again, unless another request
    /// already has (if that one gives up, the page leaves the cache at twice
    /// its time to live and the next request renders it).
    fn claim_rebuild(&self) -> bool {
        !self.rebuild_claimed.swap(true, Ordering::Relaxed)
    }

    /// The weak ETag of this version of the page (the same for every encoding).
    #[cfg(test)]
    pub fn etag(&self) -> &str {
        &self.etag
    }

    /// The page as a 200 response in the best encoding the request's
    /// `Accept-Encoding` allows, with its ETag and the pages' `Cache-Control`.
    pub fn response(&self, accept_encoding: Option<&HeaderValue>) -> Response {
        let (body, encoding) = match Encoding::chosen(accept_encoding) {
            Encoding::Brotli => match self.brotli() {
                Some(b) => (b, Some("br")),
                None => (self.html.clone(), None),
            },
            Encoding::Gzip => match self.gzip() {
                Some(b) => (b, Some("gzip")),
                None => (self.html.clone(), None),
            },
            Encoding::Identity => (self.html.clone(), None),
        };
        let mut response = (StatusCode::OK, body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        if let Some(encoding) = encoding {
            // The compression layer leaves an encoded body alone.
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
        }
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        if let Ok(etag) = HeaderValue::from_str(&self.etag) {
            headers.insert(header::ETAG, etag);
        }
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(crate::core::http::PAGE_CACHE_CONTROL),
        );
        response
    }

    fn brotli(&self) -> Option<Bytes> {
        self.brotli
            .get_or_init(|| {
                let mut out = Vec::with_capacity(self.html.len() / 4);
                {
                    let mut writer = brotli::CompressorWriter::new(
                        &mut out,
                        4096,
                        BROTLI_QUALITY,
                        BROTLI_WINDOW,
                    );
                    writer.write_all(&self.html).ok()?;
                    writer.flush().ok()?;
                }
                Some(Bytes::from(out))
            })
            .clone()
    }

    fn gzip(&self) -> Option<Bytes> {
        self.gzip
            .get_or_init(|| {
                let mut encoder = flate2::write::GzEncoder::new(
                    Vec::with_capacity(self.html.len() / 3),
                    flate2::Compression::default(),
                );
                encoder.write_all(&self.html).ok()?;
                encoder.finish().ok().map(Bytes::from)
            })
            .clone()
    }

    fn bytes(&self) -> u64 {
        // Room for the compressed forms too (about a quarter of the page each).
        self.html.len() as u64 * 3 / 2 + 64
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
    /// When expired pages were last swept out (ms since `epoch`).
    swept_ms: AtomicU64,
    epoch: Instant,
}

impl PageCache {
    /// A cache of at most `budget_bytes`, each page kept `ttl`; a zero
    /// budget or time turns it off.
    pub fn new(ttl: Duration, budget_bytes: u64) -> PageCache {
        let on = !ttl.is_zero() && budget_bytes > 0;
        PageCache {
            pages: on.then(|| {
                // quick_cache wants a count estimate: pages are ~20-60 KB.
                let estimate = usize::try_from(budget_bytes / 40_000).unwrap_or(1).max(16);
                quick_cache::sync::Cache::with_weighter(estimate, budget_bytes, BySize)
            }),
            ttl,
            swept_ms: AtomicU64::new(0),
            epoch: Instant::now(),
        }
    }

    /// Whether pages are cached at all.
    pub fn enabled(&self) -> bool {
        self.pages.is_some()
    }

    /// The page to send for `path`: one stored less than the time to live
    /// ago, or an expired one while another request renders it again. `None`
    /// tells the caller to render the page (and [`keep`](Self::keep) it).
    pub fn get(&self, path: &str) -> Option<Arc<CachedPage>> {
        let pages = self.pages.as_ref()?;
        let page = pages.get(path)?;
        let age = page.built.elapsed();
        if age < self.ttl {
            return Some(page);
        }
        if age < self.ttl.saturating_mul(2) {
            return (!page.claim_rebuild()).then_some(page);
        }
        pages.remove(path);
        None
    }

    /// Drops the page for `path` (rendering it again gave no page).
    pub fn forget(&self, path: &str) {
        if let Some(pages) = &self.pages {
            pages.remove(path);
        }
    }

    /// Stores `html` as the page for `path` and returns it.
    pub fn keep(&self, path: &str, html: impl Into<Bytes>) -> Arc<CachedPage> {
        let page = Arc::new(CachedPage::new(html));
        self.put(path, page.clone());
        page
    }

    /// Keeps a page for `path`, and sweeps out the pages past twice their
    /// time to live at most once per time to live: a page nobody asks for
    /// again is dropped then,
    /// not kept until the byte budget pushes it out, so the memory held
    /// follows the pages being read, not every page read since the start.
    pub fn put(&self, path: &str, page: Arc<CachedPage>) {
        let Some(pages) = &self.pages else {
            return;
        };
        let now = u64::try_from(self.epoch.elapsed().as_millis()).unwrap_or(u64::MAX);
        let last = self.swept_ms.load(Ordering::Relaxed);
        let ttl = u64::try_from(self.ttl.as_millis()).unwrap_or(u64::MAX);
        if now.saturating_sub(last) >= ttl
            && self
                .swept_ms
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
        {
            let kept_for = self.ttl.saturating_mul(2);
            pages.retain(|_, p| p.built.elapsed() < kept_for);
        }
        pages.insert(path.to_string(), page);
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
    use std::io::Read;

    use super::*;

    fn asking(accept: &str) -> HeaderValue {
        HeaderValue::from_str(accept).unwrap()
    }

    async fn body(r: Response) -> Vec<u8> {
        axum::body::to_bytes(r.into_body(), usize::MAX)
            .await
            .unwrap()
            .to_vec()
    }

    #[tokio::test]
    async fn a_page_is_sent_in_the_encoding_asked_for_with_one_etag() {
        let html = "<p>Lũ lụt ở miền Trung</p>".repeat(200);
        let page = CachedPage::new(html.clone());

        let plain = page.response(None);
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
        assert_eq!(plain.headers()[header::ETAG], page.etag());
        assert_eq!(body(plain).await, html.as_bytes());

        let br = page.response(Some(&asking("gzip, deflate, br")));
        assert_eq!(br.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(br.headers()[header::VARY], "accept-encoding");
        assert_eq!(br.headers()[header::ETAG], page.etag());
        let packed = body(br).await;
        assert!(
            packed.len() < html.len() / 10,
            "compressed: {}",
            packed.len()
        );
        let mut unpacked = String::new();
        brotli::Decompressor::new(&packed[..], 4096)
            .read_to_string(&mut unpacked)
            .unwrap();
        assert_eq!(unpacked, html);

        let gz = page.response(Some(&asking("gzip;q=1.0, br;q=0")));
        assert_eq!(gz.headers()[header::CONTENT_ENCODING], "gzip");
        let mut unpacked = String::new();
        flate2::read::GzDecoder::new(&body(gz).await[..])
            .read_to_string(&mut unpacked)
            .unwrap();
        assert_eq!(unpacked, html);

        let none = page.response(Some(&asking("identity, zstd")));
        assert!(none.headers().get(header::CONTENT_ENCODING).is_none());

        let other = CachedPage::new(html.replace("Trung", "Bắc"));
        assert_ne!(page.etag(), other.etag());
        assert_eq!(page.etag(), CachedPage::new(html).etag());
    }

    #[test]
    fn pages_expire_and_the_budget_evicts() {
        let cache = PageCache::new(Duration::from_millis(50), 1_000_000);
        cache.put("/fr/a/1-x", Arc::new(CachedPage::new("one")));
        assert!(cache.get("/fr/a/1-x").is_some());
        std::thread::sleep(Duration::from_millis(110));
        assert!(cache.get("/fr/a/1-x").is_none(), "past twice the ttl");
        assert!(cache.get("/fr/a/1-x").is_none(), "and gone");

        let small = PageCache::new(Duration::from_secs(60), 20_000);
        let big = "x".repeat(4_000);
        for i in 0..20 {
            small.put(&format!("/p/{i}"), Arc::new(CachedPage::new(big.clone())));
        }
        assert!(
            small.weight() <= 20_000,
            "within budget: {}",
            small.weight()
        );
        assert!(small.get("/p/19").is_some(), "the newest is kept");
        small.clear();
        assert!(small.get("/p/19").is_none());

        // Pages nobody asks for again leave at the next sweep.
        let swept = PageCache::new(Duration::from_millis(30), 1_000_000);
        for i in 0..10 {
            swept.put(
                &format!("/old/{i}"),
                Arc::new(CachedPage::new("x".repeat(1_000))),
            );
        }
        let full = swept.weight();
        std::thread::sleep(Duration::from_millis(70));
        swept.put("/new", Arc::new(CachedPage::new("y")));
        assert!(swept.weight() < full / 5, "{} of {full}", swept.weight());
        assert!(swept.get("/new").is_some());

        let off = PageCache::new(Duration::ZERO, 1_000_000);
        off.forget("/p");
        off.put("/p", Arc::new(CachedPage::new("x")));
        assert!(!off.enabled() && off.get("/p").is_none());
    }

    #[test]
    fn an_expired_page_is_rendered_by_one_request_while_the_others_get_it() {
        let ttl = Duration::from_millis(80);
        let cache = PageCache::new(ttl, 1_000_000);
        cache.put("/en/", Arc::new(CachedPage::new("old")));
        std::thread::sleep(Duration::from_millis(90));
        // The first request after the time to live renders the page...
        assert!(cache.get("/en/").is_none(), "the first one renders");
        // ...while every other one is given the expired page at once.
        for _ in 0..5 {
            let stale = cache.get("/en/").expect("the expired page meanwhile");
            assert_eq!(stale.html, "old");
        }
        cache.keep("/en/", "new");
        assert_eq!(cache.get("/en/").unwrap().html, "new");

        // When that rendering never comes back, the page is given out until
        // twice its ttl; then the next request renders it.
        cache.put("/fr/", Arc::new(CachedPage::new("vieux")));
        std::thread::sleep(Duration::from_millis(85));
        assert!(cache.get("/fr/").is_none(), "claimed, then abandoned");
        assert!(cache.get("/fr/").is_some());
        std::thread::sleep(Duration::from_millis(80));
        assert!(cache.get("/fr/").is_none(), "gone: this one renders");

        // A page whose rendering gives no page any more is not given out.
        cache.put("/de/", Arc::new(CachedPage::new("alt")));
        std::thread::sleep(Duration::from_millis(85));
        assert!(cache.get("/de/").is_none());
        cache.forget("/de/");
        assert!(cache.get("/de/").is_none(), "gone, so this one renders too");
    }
}
