//! Any bytes read as a feed (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed, any
//! declared charset, truncated, repaired by the tolerant readers) give
//! entries or a typed error: never a panic, and never more entries than
//! the bound.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(reading) = ingest::read_feed(data, "https://baomoi.example.vn/rss/thoi-su.rss") {
        assert!(reading.found.len() <= ingest::MAX_FEED_ENTRIES);
        for e in &reading.found {
            // Every URL handed on must be absolute http(s).
            assert!(e.url.starts_with("http://") || e.url.starts_with("https://"));
        }
        for repair in &reading.repairs {
            assert!(!repair.to_string().is_empty());
        }
    }
});
