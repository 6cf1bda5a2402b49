//! Any bytes read as a sitemap, sitemap index or Google News sitemap, plain
//! or gzip-compressed, give URLs or a typed error: never a panic.
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;

const URL: &str = "https://baomoi.example.vn/sitemaps/news.xml";

fuzz_target!(|data: &[u8]| {
    check(data);
    // The same document gzip-compressed, so the decompression path sees
    // well-formed gzip around arbitrary XML, not only random gzip headers.
    if data.first() == Some(&b'<') {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        if gz.write_all(data).is_ok() {
            if let Ok(compressed) = gz.finish() {
                check(&compressed);
            }
        }
    }
});

fn check(body: &[u8]) {
    match ingest::parse_sitemap(body, URL) {
        Ok(ingest::Sitemap::Urls(urls)) => {
            assert!(urls.iter().all(|u| u.url.starts_with("http")));
        }
        Ok(ingest::Sitemap::Index(children)) => {
            assert!(children.iter().all(|c| c.url.starts_with("http")));
        }
        Err(_) => {}
    }
}
