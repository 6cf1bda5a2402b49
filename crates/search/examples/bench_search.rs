//! Benchmark of the search crate on generated Vietnamese-like text.
//!
//! ```text
//! cargo run --release -p search --example bench_search -- [DOCS] [QUERIES]
//! ```
//!
//! Prints indexing throughput (docs/s), query latency percentiles, and the
//! cost of placing one article in a story and ranking related articles with
//! DOCS articles already clustered. Figures, not assertions: run it on the
//! machine you care about.

use std::time::{Duration, Instant};

use search::{
    fold_diacritics, related, IndexDoc, SearchIndex, SearchQuery, StoryClusterer, StoryConfig,
    TextDoc,
};

/// xorshift64*: reproducible text without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Syllables built like Vietnamese ones (onset + rhyme with tone), drawn with a Zipf law.
struct Syllables {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Syllables {
    fn new() -> Syllables {
        let onsets = [
            "", "b", "c", "ch", "d", "đ", "g", "gi", "h", "kh", "l", "m", "n", "ng", "nh", "ph",
            "qu", "s", "t", "th", "tr", "v", "x",
        ];
        let rhymes = [
            "a", "à", "á", "ả", "ã", "ạ", "an", "àn", "án", "anh", "ành", "ao", "ào", "ăn", "ắt",
            "âm", "ấy", "ê", "ên", "ết", "i", "ì", "inh", "ình", "o", "ò", "ó", "ong", "òng", "ô",
            "ôi", "ối", "ông", "ồng", "ơ", "ời", "ớn", "u", "ú", "ung", "ư", "ữ", "ước", "ương",
            "ường", "iên", "iến", "uyên", "oa", "oài", "ươi", "ửa",
        ];
        let mut words = Vec::new();
        for onset in onsets {
            for rhyme in rhymes {
                words.push(format!("{onset}{rhyme}"));
            }
        }
        // Shuffle deterministically so frequent syllables are not all "a…".
        let mut rng = Rng(7);
        for i in (1..words.len()).rev() {
            let j = rng.below(i + 1);
            words.swap(i, j);
        }
        let mut total = 0.0;
        let cumulative = (1..=words.len())
            .map(|rank| {
                total += 1.0 / rank as f64;
                total
            })
            .collect();
        Syllables { words, cumulative }
    }

    fn pick(&self, rng: &mut Rng) -> &str {
        let total = self.cumulative.last().copied().unwrap_or(1.0);
        let target = (rng.next() as f64 / u64::MAX as f64) * total;
        let i = self.cumulative.partition_point(|c| *c < target);
        self.words
            .get(i.min(self.words.len() - 1))
            .map_or("a", String::as_str)
    }

    fn sentence(&self, rng: &mut Rng, syllables: usize) -> String {
        let mut out = String::new();
        for i in 0..syllables {
            if i > 0 {
                out.push(if rng.below(12) == 0 { ',' } else { ' ' });
                if out.ends_with(',') {
                    out.push(' ');
                }
            }
            let word = self.pick(rng);
            if i == 0 || rng.below(15) == 0 {
                let mut chars = word.chars();
                if let Some(first) = chars.next() {
                    out.extend(first.to_uppercase());
                    out.push_str(chars.as_str());
                }
            } else {
                out.push_str(word);
            }
        }
        out.push('.');
        out
    }

    fn paragraph(&self, rng: &mut Rng, syllables: usize) -> String {
        let mut out = Vec::new();
        let mut left = syllables;
        while left > 0 {
            let n = (8 + rng.below(18)).min(left);
            out.push(self.sentence(rng, n));
            left -= n;
        }
        out.join(" ")
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn report(name: &str, mut times: Vec<Duration>) {
    times.sort();
    println!(
        "{name:<34} p50 {:>8.3} ms   p95 {:>8.3} ms   p99 {:>8.3} ms   max {:>8.3} ms",
        percentile(&times, 0.50).as_secs_f64() * 1e3,
        percentile(&times, 0.95).as_secs_f64() * 1e3,
        percentile(&times, 0.99).as_secs_f64() * 1e3,
        percentile(&times, 1.0).as_secs_f64() * 1e3,
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let docs: usize = args.next().map_or(Ok(20_000), |a| a.parse())?;
    let queries: usize = args.next().map_or(Ok(1_000), |a| a.parse())?;
    let syllables = Syllables::new();
    let mut rng = Rng(42);
    let day = 24 * 3_600_000;
    let start_ms = 1_725_000_000_000;

    println!("generating {docs} articles…");
    let articles: Vec<IndexDoc> = (0..docs)
        .map(|i| IndexDoc {
            article_id: i as i64 + 1,
            lang: "vi".into(),
            title: syllables.sentence(&mut rng, 10),
            lead: syllables.paragraph(&mut rng, 30),
            body: syllables.paragraph(&mut rng, 350),
            section_id: Some(1 + rng.below(8) as i64),
            published_at: Some(start_ms + (i as i64) * (30 * day) / docs.max(1) as i64),
            story_id: None,
            tags: Vec::new(),
        })
        .collect();

    // Indexing throughput.
    let dir = std::env::temp_dir().join(format!("nb-search-bench-{}", std::process::id()));
    let index = SearchIndex::open(&dir)?;
    let started = Instant::now();
    for doc in &articles {
        index.upsert(doc)?;
    }
    index.commit()?;
    let elapsed = started.elapsed();
    println!(
        "indexing: {docs} docs in {:.2} s = {:.0} docs/s (on disk, one writer thread)",
        elapsed.as_secs_f64(),
        docs as f64 / elapsed.as_secs_f64()
    );

    // Query latency.
    let mut plain = Vec::with_capacity(queries);
    let mut folded = Vec::with_capacity(queries);
    let mut filtered = Vec::with_capacity(queries);
    let mut hits = 0usize;
    for i in 0..queries {
        let text = format!("{} {}", syllables.pick(&mut rng), syllables.pick(&mut rng));
        let mut query = SearchQuery {
            lang: "vi".into(),
            text: text.clone(),
            limit: 10,
            ..Default::default()
        };
        let t = Instant::now();
        hits += index.search(&query)?.total;
        plain.push(t.elapsed());
        query.text = fold_diacritics(&text);
        let t = Instant::now();
        index.search(&query)?;
        folded.push(t.elapsed());
        query.text = text;
        query.section_id = Some(1 + (i % 8) as i64);
        query.from_ms = Some(start_ms + 10 * day);
        query.to_ms = Some(start_ms + 20 * day);
        query.offset = 10;
        let t = Instant::now();
        index.search(&query)?;
        filtered.push(t.elapsed());
    }
    println!(
        "queries: {queries} of each kind, {:.0} matches on average",
        hits as f64 / queries.max(1) as f64
    );
    report("search (2 syllables)", plain);
    report("search (folded, no diacritics)", folded);
    report("search (section+dates, page 2)", filtered);
    drop(index);
    let _ = std::fs::remove_dir_all(&dir);

    // Stories and related articles at this corpus size.
    let texts: Vec<TextDoc> = articles
        .iter()
        .map(|a| {
            TextDoc::new(
                a.article_id,
                format!("{}\n{}\n{}\n{}", a.title, a.title, a.lead, a.body),
                a.published_at,
            )
        })
        .collect();
    let mut clusterer = StoryClusterer::new(StoryConfig::default());
    let started = Instant::now();
    let mut next_topic = 0;
    for doc in &texts {
        clusterer.place(doc, || {
            next_topic += 1;
            next_topic
        });
    }
    println!(
        "clustering: {docs} articles placed in {:.2} s, {next_topic} stories",
        started.elapsed().as_secs_f64()
    );
    let mut assign = Vec::new();
    let mut similar = Vec::new();
    let mut related_times = Vec::new();
    for i in 0..200.min(texts.len()) {
        let doc = &texts[(i * 7919) % texts.len()];
        let t = Instant::now();
        clusterer.assign(doc);
        assign.push(t.elapsed());
        let t = Instant::now();
        clusterer.similar(doc, 4, |id| id % 8 != 0);
        similar.push(t.elapsed());
        let pool_start = rng.below(texts.len().saturating_sub(200).max(1));
        let pool = &texts[pool_start..(pool_start + 200).min(texts.len())];
        let t = Instant::now();
        related(doc, pool, 4);
        related_times.push(t.elapsed());
    }
    report(&format!("story assign (at {docs} stored)"), assign);
    report(&format!("more like this (at {docs} stored)"), similar);
    report("related() on 200 raw texts", related_times);
    Ok(())
}
