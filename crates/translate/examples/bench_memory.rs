//! Throughput of segmentation and translation-memory lookups on generated
//! Vietnamese text. Run with
//! `cargo run --release -p translate --example bench_memory [ARTICLES]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use article::{Inline, RichText};
use translate::{
    find_match, split_rich_text, InMemoryStore, LangPair, MatchKind, MemoryEntry, MemoryStore,
    Origin, Piece,
};

const WORDS: &[&str] = &[
    "người",
    "dân",
    "Hà Nội",
    "TP.HCM",
    "chính phủ",
    "kinh tế",
    "tăng trưởng",
    "xuất khẩu",
    "doanh nghiệp",
    "thị trường",
    "đầu tư",
    "ngân hàng",
    "lãi suất",
    "giá",
    "xăng",
    "dầu",
    "điện",
    "nông sản",
    "gạo",
    "cà phê",
    "du lịch",
    "khách",
    "quốc tế",
    "bộ trưởng",
    "PGS.TS.",
    "ông",
    "bà",
    "cho biết",
    "theo",
    "báo cáo",
    "năm nay",
    "tháng trước",
    "dự kiến",
    "khoảng",
    "hơn",
    "đạt",
    "giảm",
    "so với",
    "cùng kỳ",
    "trong khi",
    "tại",
    "các",
    "những",
    "mới",
    "lớn",
    "nhất",
];

/// A tiny deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[(self.next() % v.len() as u64) as usize]
    }
}

fn sentence(rng: &mut Rng) -> String {
    let n = 8 + rng.next() % 16;
    let mut words: Vec<String> = (0..n).map(|_| rng.pick(WORDS).to_string()).collect();
    match rng.next() % 4 {
        0 => words.push(format!("{}.{:03}", 1 + rng.next() % 99, rng.next() % 1000)),
        1 => words.push(format!("{},{}%", rng.next() % 50, rng.next() % 10)),
        _ => {}
    }
    let mut s = words.join(" ");
    if let Some(first) = s.get(..1) {
        s = first.to_uppercase() + &s[1..];
    }
    s + "."
}

fn paragraph(rng: &mut Rng) -> RichText {
    let n = 2 + rng.next() % 4;
    let mut inlines = Vec::new();
    for i in 0..n {
        if i > 0 {
            inlines.push(Inline::Text(" ".into()));
        }
        if rng.next().is_multiple_of(5) {
            inlines.push(Inline::Bold(vec![Inline::Text(sentence(rng))]));
        } else {
            inlines.push(Inline::Text(sentence(rng)));
        }
    }
    RichText(inlines)
}

fn main() {
    let articles: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(300);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let paragraphs: Vec<RichText> = (0..articles * 12).map(|_| paragraph(&mut rng)).collect();
    let bytes: usize = paragraphs.iter().map(|p| p.plain_text().len()).sum();

    // Segmentation.
    let started = Instant::now();
    let mut segments = Vec::new();
    for p in &paragraphs {
        for piece in split_rich_text(p, "vi") {
            if let Piece::Sentence(s) = piece {
                segments.push(s.text);
            }
        }
    }
    let seg_time = started.elapsed();
    println!(
        "segmentation: {} articles, {} paragraphs, {:.1} MB -> {} sentences in {:.3}s: {:.0} sentences/s, {:.1} MB/s",
        articles,
        paragraphs.len(),
        bytes as f64 / 1e6,
        segments.len(),
        seg_time.as_secs_f64(),
        segments.len() as f64 / seg_time.as_secs_f64(),
        bytes as f64 / 1e6 / seg_time.as_secs_f64()
    );

    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    rt.block_on(async {
        let pair = LangPair::new("vi", "fr");
        let store = InMemoryStore::new();
        let origin = Origin::Engine {
            name: "bench".into(),
            model: "none".into(),
        };
        // Remember every other sentence.
        let started = Instant::now();
        let mut remembered = 0;
        for s in segments.iter().step_by(2) {
            store
                .record(MemoryEntry::new(
                    pair.clone(),
                    s,
                    &format!("[fr] {s}"),
                    origin.clone(),
                ))
                .await
                .unwrap();
            remembered += 1;
        }
        let rec_time = started.elapsed();
        println!(
            "memory record: {} entries in {:.3}s: {:.0} entries/s",
            remembered,
            rec_time.as_secs_f64(),
            remembered as f64 / rec_time.as_secs_f64()
        );

        // Look every sentence up: exact hits, near hits (numbers changed), misses.
        let queries: Vec<String> = segments
            .iter()
            .enumerate()
            .map(|(i, s)| {
                if i % 4 == 2 {
                    s.replace('1', "2")
                } else {
                    s.clone()
                }
            })
            .collect();
        let started = Instant::now();
        let (mut exact, mut near, mut miss) = (0, 0, 0);
        for q in &queries {
            match find_match(&store, &pair, q).await.unwrap() {
                Some(m) if m.kind == MatchKind::Exact => exact += 1,
                Some(_) => near += 1,
                None => miss += 1,
            }
        }
        let look_time = started.elapsed();
        println!(
            "memory lookup: {} segments ({} exact, {} near, {} miss) in {:.3}s: {:.0} lookups/s",
            queries.len(),
            exact,
            near,
            miss,
            look_time.as_secs_f64(),
            queries.len() as f64 / look_time.as_secs_f64()
        );
        let total = seg_time + look_time;
        println!(
            "segmentation + lookup: {:.0} articles/s ({:.2} ms per article)",
            articles as f64 / total.as_secs_f64(),
            total.as_secs_f64() * 1000.0 / articles as f64
        );
    });
}
