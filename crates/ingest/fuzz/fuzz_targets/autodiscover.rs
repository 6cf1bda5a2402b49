//! Homepage autodiscovery on any bytes: the `<link rel=alternate>` feeds of
//! a page and the `Sitemap:` lines of a robots.txt. Never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for found in ingest::feed_links(data, "https://baomoi.example.vn/") {
        assert!(found.url.starts_with("http"));
    }
    let robots = ingest::RobotsTxt::parse(data);
    for found in ingest::robots_sitemaps(&robots, "https://baomoi.example.vn/") {
        assert!(found.url.starts_with("http"));
    }
    let _ = robots.check(ingest::BOT_NAME, "/thoi-su/a-1.html");
    let _ = robots.crawl_delay(ingest::BOT_NAME);
});
