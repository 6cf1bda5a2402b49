//! Scores `extract` on trafilatura's evaluation corpus, as its README describes.
//!
//! `cargo run --release -p extract --example eval -- ../shared/bench/trafilatura-eval [--lead] [--verbose]`
//!
//! For every page: the body text (`Article::body_text`, whitespace collapsed) must
//! contain each `with` snippet (true positive, else false negative) and no
//! `without` snippet (false positive, else true negative). A failed extraction
//! counts all `with` as false negatives and all `without` as true negatives.
//! `--lead` scores the lead and the body together; `--verbose` lists misses.

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
    let dir = PathBuf::from(
        args.iter()
            .find(|a| !a.starts_with("--"))
            .map_or("../shared/bench/trafilatura-eval", |s| s),
    );
    let with_lead = args.iter().any(|a| a == "--lead");
    let verbose = args.iter().any(|a| a == "--verbose");
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
    let (mut tp, mut fp, mut tn, mut fneg) = (0usize, 0usize, 0usize, 0usize);
    let mut elapsed = Duration::ZERO;
    let mut pages = 0usize;
    let mut bytes_total = 0usize;
    let mut failed = 0usize;
    let mut entries: Vec<(&String, &serde_json::Value)> = data.iter().collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    for (url, entry) in entries {
        let Some(file) = entry.get("file").and_then(|f| f.as_str()) else {
            continue;
        };
        let path = locate(&dir, file);
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("missing {}", path.display());
            continue;
        };
        pages += 1;
        bytes_total += bytes.len();
        let start = Instant::now();
        let result = extract::extract(&bytes, url, &extract::ExtractOptions::default());
        elapsed += start.elapsed();
        let with = snippets(entry, "with");
        let without = snippets(entry, "without");
        let text = match result {
            Ok(a) => {
                let mut t = a.body_text();
                if with_lead {
                    if let Some(l) = &a.lead {
                        t = format!("{}\n\n{t}", l.plain_text());
                    }
                }
                collapse(&t)
            }
            Err(e) => {
                failed += 1;
                if verbose {
                    println!("FAILED {file}: {e}");
                }
                fneg += with.len();
                tn += without.len();
                continue;
            }
        };
        for s in &with {
            if text.contains(s.as_str()) {
                tp += 1;
            } else {
                fneg += 1;
                if verbose {
                    println!("FN {file}: {s}");
                }
            }
        }
        for s in &without {
            if text.contains(s.as_str()) {
                fp += 1;
                if verbose {
                    println!("FP {file}: {s}");
                }
            } else {
                tn += 1;
            }
        }
    }
    let f = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
    let secs = elapsed.as_secs_f64();
    println!(
        "pages        {pages} ({failed} failed), {:.1} MB",
        bytes_total as f64 / 1e6
    );
    println!("snippets     with {} / without {}", tp + fneg, fp + tn);
    println!("TP {tp}  FP {fp}  TN {tn}  FN {fneg}");
    println!("precision    {:.3}", f(tp, tp + fp));
    println!("recall       {:.3}", f(tp, tp + fneg));
    println!("accuracy     {:.3}", f(tp + tn, tp + fp + tn + fneg));
    println!("F1           {:.3}", f(2 * tp, 2 * tp + fp + fneg));
    println!("time         {secs:.3} s (extraction only, one thread)");
    println!(
        "throughput   {:.1} pages/s, {:.1} MB/s",
        pages as f64 / secs,
        bytes_total as f64 / 1e6 / secs
    );
}

fn locate(dir: &Path, file: &str) -> PathBuf {
    let cached = dir.join("cache").join(file);
    if cached.exists() {
        cached
    } else {
        dir.join("eval").join(file)
    }
}
