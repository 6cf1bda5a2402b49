//! Any bytes read as a feed (RSS 0.9x/1.0/2.0, Atom, JSON Feed, any declared
//! charset, truncated) give entries or a typed error: never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(entries) = ingest::parse_feed(data, "https://baomoi.example.vn/rss/thoi-su.rss") {
        for e in &entries {
            // Every URL handed on must be absolute http(s).
            assert!(e.url.starts_with("http://") || e.url.starts_with("https://"));
        }
    }
});
