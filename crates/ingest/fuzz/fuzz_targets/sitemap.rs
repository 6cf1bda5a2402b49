//! Any bytes read as a sitemap, sitemap index, Google News sitemap,
//! plain-text sitemap or feed, plain or gzip-compressed, give URLs or a
//! typed error: never a panic, never the sitemap's own URL as a child, and
//! never more entries than the bound.
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;

const URL: &str = "https://baomoi.example.vn/sitemaps/news.xml";

fuzz_target!(|data: &[u8]| {
    check(data);
    // The same document gzip-compressed, so the decompression path sees
    // well-formed gzip around arbitrary XML, not only random gzip headers.
    if matches!(data.first(), Some(b'<' | b'h')) {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        if gz.write_all(data).is_ok() {
            if let Ok(compressed) = gz.finish() {
                check(&compressed);
            }
        }
    }
});

fn check(body: &[u8]) {
    let Ok(reading) = ingest::read_sitemap(body, URL) else {
        return;
    };
    match reading.found {
        ingest::Sitemap::Urls(urls) => {
            assert!(urls.len() <= ingest::MAX_SITEMAP_ENTRIES.max(ingest::MAX_FEED_ENTRIES));
            assert!(urls.iter().all(|u| u.url.starts_with("http")));
        }
        ingest::Sitemap::Index(children) => {
            assert!(children.len() <= ingest::MAX_SITEMAP_ENTRIES);
            assert!(children.iter().all(|c| c.url.starts_with("http") && c.url != URL));
        }
    }
}
