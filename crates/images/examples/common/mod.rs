//! What the images benchmarks share: the pipeline's fetcher aimed at a
//! loopback server, and the median of their figures.

use std::time::Duration;

use ingest::{AllowList, Fetcher, FetcherConfig};

/// The pipeline's fetcher, allowed to reach `addr` on loopback, with no
/// politeness delay and no robots.txt: the benchmark's own server.
pub fn loopback_fetcher(addr: &str) -> Fetcher {
    Fetcher::new(FetcherConfig {
        allow: AllowList::parse(&[addr.to_string()]).expect("allow loopback"),
        min_host_delay: Duration::ZERO,
        obey_robots: false,
        max_body_bytes: 64 * 1024 * 1024,
        ..FetcherConfig::default()
    })
    .expect("fetcher")
}

/// The median of `v` (NaN when empty).
pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    match v.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}
