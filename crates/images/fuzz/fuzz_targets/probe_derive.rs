//! Any bytes, with any declared type, through probe and then derive: no
//! panic, no allocation past the limits (libFuzzer's -rss_limit_mb catches
//! that), no hang (-timeout).
#![no_main]

use images::{derive, probe, Limits, OutputFormat, RenditionPlan};
use libfuzzer_sys::fuzz_target;

const TYPES: [Option<&str>; 8] = [
    None,
    Some("image/jpeg"),
    Some("image/png"),
    Some("image/gif"),
    Some("image/webp"),
    Some("image/svg+xml"),
    Some("application/octet-stream"),
    Some("text/html"),
];

fuzz_target!(|data: &[u8]| {
    let declared = TYPES[data.first().map_or(0, |b| usize::from(*b) % TYPES.len())];
    // Small limits keep each run fast; the checks are the same at any size.
    let limits = Limits { max_bytes: 1 << 20, max_pixels: 4_000_000, max_side: 4096 };
    let Ok(p) = probe(data, declared, &limits) else { return };
    let plan = RenditionPlan {
        widths: vec![64, 200],
        social_width: 120,
        formats: vec![OutputFormat::Webp, OutputFormat::Jpeg],
        ..RenditionPlan::default()
    };
    if let Ok(out) = derive(data, &p, &plan, &limits) {
        for r in out {
            assert!(r.width >= 1 && r.height >= 1 && !r.bytes.is_empty());
            assert!(r.width <= 200, "never wider than the widest target");
        }
    }
});
