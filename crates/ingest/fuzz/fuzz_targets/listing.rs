//! Any bytes read as a section/listing page give the matching links or a
//! typed error: never a panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use regex::Regex;

fn pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| Regex::new(r"^https?://[^/]+/[a-z0-9-]+/.+-\d+\.html?$").unwrap())
}

fuzz_target!(|data: &[u8]| {
    if let Ok(entries) =
        ingest::parse_listing(data, "https://baomoi.example.vn/thoi-su/", pattern())
    {
        let mut seen = std::collections::HashSet::new();
        for e in &entries {
            assert!(pattern().is_match(&e.url));
            assert!(seen.insert(e.url.clone()), "duplicate {}", e.url);
        }
    }
});
