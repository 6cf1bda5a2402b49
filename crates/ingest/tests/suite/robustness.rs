//! Hostile input: truncated, mutated and random bytes never panic the
//! parsers, and a truncated feed still yields its complete items.

use ingest::{
    canonical_url, declared_canonical, feed_links, parse_feed, parse_listing, parse_sitemap,
    RobotsTxt, SimHash,
};
use regex::Regex;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/testdata/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// xorshift64*: deterministic, so a failure replays.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const SPICE: &[&[u8]] = &[
    b"<",
    b">",
    b"&",
    b"&amp;",
    b"&#x0;",
    b"&#xD800;",
    b"]]>",
    b"<![CDATA[",
    b"\"",
    b"\xff\xfe",
    b"\xe1\xbb",
    b"</item>",
    b"<item>",
    b"<loc>",
    b"</url>",
    b"<entry>",
    b"{",
    b"}",
    b"\0",
    b"<?xml version=\"1.0\" encoding=\"windows-1258\"?>",
    b"\x1f\x8b",
];

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(out.len() + 1);
        match rng.below(4) {
            0 => out.truncate(at),
            1 => {
                let spice = SPICE[rng.below(SPICE.len())];
                out.splice(at..at, spice.iter().copied());
            }
            2 if at < out.len() => {
                let end = (at + rng.below(64)).min(out.len());
                out.drain(at..end);
            }
            _ => {
                if let Some(b) = out.get_mut(at) {
                    *b = rng.next() as u8;
                }
            }
        }
    }
    out
}

fn run_all(input: &[u8]) {
    let base = "https://baomau.example/x/";
    let _ = parse_feed(input, base);
    let _ = parse_sitemap(input, base);
    let pattern = Regex::new("/thoi-su/").unwrap();
    let _ = parse_listing(input, base, &pattern);
    let _ = feed_links(input, base);
    let _ = declared_canonical(input, base);
    let robots = RobotsTxt::parse(input);
    let _ = robots.check("NewsbridgeBot", "/thoi-su/a?b=c");
    let text = String::from_utf8_lossy(input);
    let _ = canonical_url(&text);
    let _ = SimHash::of(&text);
}

#[test]
fn mutated_fixtures_never_panic() {
    let fixtures = [
        "rss2.xml",
        "rss1.rdf",
        "atom.xml",
        "feed.json",
        "sitemap-index.xml",
        "news-sitemap.xml",
        "sitemap-plain.xml",
        "sitemap-2024-04.xml.gz",
        "section.html",
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for name in fixtures {
        let original = fixture(name);
        for _ in 0..300 {
            run_all(&mutate(&mut rng, &original));
        }
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(42);
    for _ in 0..500 {
        let len = rng.below(512);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        run_all(&bytes);
    }
}

#[test]
fn every_truncation_of_a_feed_is_handled() {
    let rss = fixture("rss2.xml");
    for cut in (0..rss.len()).step_by(7) {
        run_all(&rss[..cut]);
    }
}

#[test]
fn a_truncated_feed_keeps_its_complete_items() {
    for (name, marker) in [
        ("rss2.xml", "</item>"),
        ("atom.xml", "</entry>"),
        ("rss1.rdf", "</item>"),
    ] {
        let full = fixture(name);
        let text = String::from_utf8(full.clone()).unwrap();
        // Cut in the middle of the second item.
        let first_end = text.find(marker).unwrap() + marker.len();
        let cut = first_end + (text[first_end..].find(marker).unwrap() / 2);
        let entries = parse_feed(&full[..cut], "https://baomau.example/feed").unwrap();
        assert_eq!(entries.len(), 1, "{name}: {entries:?}");
    }
}

#[test]
fn a_feed_with_thousands_of_items_is_read_whole() {
    let mut xml =
        String::from("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>");
    for i in 0..5000 {
        xml.push_str(&format!(
            "<item><title>Tin {i}</title><link>https://baomau.example/a/{}.html</link><guid>{}</guid></item>",
            i % 4000,
            i % 4000
        ));
    }
    xml.push_str("</channel></rss>");
    let entries = parse_feed(xml.as_bytes(), "https://baomau.example/rss").unwrap();
    assert_eq!(entries.len(), 4000, "duplicate links kept once");
}

/// Inputs the fuzz targets (crates/ingest/fuzz) crashed on, kept as
/// regressions: each must parse or fail with a parser error, and never
/// reach the `catch_unwind` safety net (whose reason names the panic).
#[test]
fn fuzz_regressions_do_not_panic_inside_the_parsers() {
    let dir = format!("{}/testdata/fuzz-regressions", env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        if let Err(e) = parse_feed(&bytes, "https://p.test/rss") {
            assert!(
                !e.to_string().contains("failed on malformed input"),
                "{path:?}: {e}"
            );
        }
        if let Err(e) = parse_sitemap(&bytes, "https://p.test/sitemap.xml") {
            assert!(
                !e.to_string().contains("failed on malformed input"),
                "{path:?}: {e}"
            );
        }
    }
}
