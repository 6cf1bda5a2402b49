//! Scores `extract` on trafilatura's evaluation corpus, as its README describes.
//!
//! `cargo run --release -p extract --example eval -- ../shared/bench/trafilatura-eval [--verbose] [--dump DIR]`
//!
//! For every page: the body text (`Article::body_text`, whitespace collapsed) must
//! contain each `with` snippet (true positive, else false negative) and no
//! `without` snippet (false positive, else true negative). A failed extraction
//! counts all `with` as false negatives and all `without` as true negatives.
//! The official figure scores `body_text()` alone; a second line scores the
//! lead and the body together (trafilatura counts the standfirst as main text,
//! Newsbridge keeps it in `Article::lead`). `--verbose` lists the misses of the
//! lead + body score (a snippet found only in the lead is not a miss there).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn snippets(v: &serde_json::Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(|s| s.as_array())
        .map(|a| a.iter().filter_map(|s| s.as_str()).map(collapse).collect())
        .unwrap_or_default()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // The corpus is the first argument that is neither a flag nor the value of `--dump`.
    let dir = PathBuf::from(
        args.iter()
            .enumerate()
            .find(|(i, a)| {
                !a.starts_with("--")
                    && args.get(i.wrapping_sub(1)).map(String::as_str) != Some("--dump")
            })
            .map_or("../shared/bench/trafilatura-eval", |(_, s)| s),
    );
    let verbose = args.iter().any(|a| a == "--verbose");
    // `--dump DIR` writes each page's `to_json` output as DIR/<file>.json, for error analysis.
    let dump = args
        .iter()
        .position(|a| a == "--dump")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    let raw = match std::fs::read(dir.join("evaldata.json")) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot read {}: {e}", dir.join("evaldata.json").display());
            std::process::exit(2);
        }
    };
    let data: serde_json::Map<String, serde_json::Value> = match serde_json::from_slice(&raw) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("bad evaldata.json: {e}");
            std::process::exit(2);
        }
    };
    let mut body = Score::default();
    let mut with_lead = Score::default();
    let mut elapsed = Duration::ZERO;
    let mut cpu = 0.0f64;
    let mut pages = 0usize;
    let mut bytes_total = 0usize;
    let mut failed = 0usize;
    let mut entries: Vec<(&String, &serde_json::Value)> = data.iter().collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    // Read every page first, so the timed loop does extraction only.
    let mut inputs = Vec::new();
    for (url, entry) in entries {
        let Some(file) = entry.get("file").and_then(|f| f.as_str()) else {
            continue;
        };
        let path = locate(&dir, file);
        match std::fs::read(&path) {
            Ok(bytes) => inputs.push((url, entry, file, bytes)),
            Err(_) => eprintln!("missing {}", path.display()),
        }
    }
    let mut results = Vec::with_capacity(inputs.len());
    let cpu_start = cpu_seconds();
    for (url, _, _, bytes) in &inputs {
        let start = Instant::now();
        let result = extract::extract(bytes, url, &extract::ExtractOptions::default());
        elapsed += start.elapsed();
        results.push(result);
    }
    cpu += cpu_seconds() - cpu_start;
    for ((_, entry, file, bytes), result) in inputs.iter().zip(results) {
        pages += 1;
        bytes_total += bytes.len();
        let with = snippets(entry, "with");
        let without = snippets(entry, "without");
        match result {
            Ok(a) => {
                if let Some(d) = &dump {
                    let _ = std::fs::create_dir_all(d);
                    let _ = std::fs::write(d.join(format!("{file}.json")), extract::to_json(&a));
                }
                let text = collapse(&a.body_text());
                body.add(&text, &with, &without, None);
                let lead = a.lead.as_ref().map(|l| l.plain_text()).unwrap_or_default();
                let both = collapse(&format!("{lead} {text}"));
                with_lead.add(&both, &with, &without, verbose.then_some(*file));
            }
            Err(e) => {
                failed += 1;
                if verbose {
                    println!("FAILED {file}: {e}");
                }
                body.fail(&with, &without);
                with_lead.fail(&with, &without);
            }
        }
    }
    let secs = elapsed.as_secs_f64();
    // Every page of the corpus is an article (or a post, a product page…): how
    // many would `extract_article` refuse, and why (not timed).
    let mut refused: std::collections::BTreeMap<&'static str, Vec<String>> = Default::default();
    for (url, _, file, bytes) in &inputs {
        if let Err(extract::ExtractError::NoArticle(reason)) =
            extract::extract_article(bytes, url, &extract::ExtractOptions::default())
        {
            refused
                .entry(reason.code())
                .or_default()
                .push(format!("{file}: {reason}"));
        }
    }

    println!(
        "pages        {pages} ({failed} failed), {:.1} MB",
        bytes_total as f64 / 1e6
    );
    println!(
        "snippets     with {} / without {}",
        body.tp + body.fneg,
        body.fp + body.tn
    );
    println!(
        "scored text  body_text = Article::body_text(): paragraphs, headings, lists, quotes and"
    );
    println!("             tables in order; no title, lead, captions or bylines");
    println!("             lead+body = Article::lead, then body_text() (the standfirst is article");
    println!("             text a reader sees; trafilatura's own output counts it as main text)");
    let refused_total: usize = refused.values().map(Vec::len).sum();
    println!(
        "no article   {refused_total} pages refused by extract_article: {}",
        refused
            .iter()
            .map(|(code, files)| format!("{code} {}", files.len()))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if verbose {
        for (code, files) in &refused {
            for f in files {
                println!("REFUSED {code} {f}");
            }
        }
    }
    body.print("body_text");
    with_lead.print("lead+body");
    println!("time         {secs:.3} s wall, {cpu:.2} s CPU (extraction only, one thread)");
    if cpu > 0.0 {
        println!(
            "per CPU-s    {:.1} pages/s (steadier than wall time on a shared machine)",
            pages as f64 / cpu
        );
    }
    println!(
        "throughput   {:.1} pages/s, {:.1} MB/s",
        pages as f64 / secs,
        bytes_total as f64 / 1e6 / secs
    );
}

#[derive(Default)]
struct Score {
    tp: usize,
    fp: usize,
    tn: usize,
    fneg: usize,
}

impl Score {
    fn add(&mut self, text: &str, with: &[String], without: &[String], verbose: Option<&str>) {
        for s in with {
            if text.contains(s.as_str()) {
                self.tp += 1;
            } else {
                self.fneg += 1;
                if let Some(file) = verbose {
                    println!("FN {file}: {s}");
                }
            }
        }
        for s in without {
            if text.contains(s.as_str()) {
                self.fp += 1;
                if let Some(file) = verbose {
                    println!("FP {file}: {s}");
                }
            } else {
                self.tn += 1;
            }
        }
    }

    fn fail(&mut self, with: &[String], without: &[String]) {
        self.fneg += with.len();
        self.tn += without.len();
    }

    fn print(&self, label: &str) {
        let f = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
        let (tp, fp, tn, fneg) = (self.tp, self.fp, self.tn, self.fneg);
        println!(
            "{label:<12} TP {tp} FP {fp} TN {tn} FN {fneg}  precision {:.3}  recall {:.3}  accuracy {:.3}  F1 {:.3}",
            f(tp, tp + fp),
            f(tp, tp + fneg),
            f(tp + tn, tp + fp + tn + fneg),
            f(2 * tp, 2 * tp + fp + fneg)
        );
    }
}

/// CPU seconds used by this thread so far (Linux; 0 elsewhere).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/thread-self/stat") else {
        return 0.0;
    };
    // Fields after the ")" that closes the command name; utime and stime are 14 and 15.
    let after = stat.rsplit_once(')').map_or("", |(_, a)| a);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

fn locate(dir: &Path, file: &str) -> PathBuf {
    let cached = dir.join("cache").join(file);
    if cached.exists() {
        cached
    } else {
        dir.join("eval").join(file)
    }
}
