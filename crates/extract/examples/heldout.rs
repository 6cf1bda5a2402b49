//! Scores `extract` on a held-out set of pages the rules were never developed
//! on: the Article Extraction Benchmark (181 news pages in many languages,
//! MIT; `html/<id>.html` plus `ground-truth.json` with each page's
//! `articleBody`), with its own scorer: per page, 4-word shingles of the
//! extracted text against the ground truth's, normalised so every page weighs
//! the same, then precision and recall averaged over pages and F1 from those.
//!
//! `cargo run --release -p extract --example heldout -- DIR [--verbose]`
//!
//! `DIR/html/*.html` must be decompressed (`gunzip -k DIR/html/*.gz`);
//! `crates/extract/bench/compare.sh` prepares it. The scored text is
//! `Article::lead` followed by `body_text()`, as for the development set.

use std::collections::HashMap;
use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
    else {
        eprintln!("usage: heldout DIR [--verbose]");
        std::process::exit(2);
    };
    let verbose = args.iter().any(|a| a == "--verbose");
    let truth: serde_json::Map<String, serde_json::Value> =
        match std::fs::read(dir.join("ground-truth.json"))
            .map_err(|e| e.to_string())
            .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()))
        {
            Ok(t) => t,
            Err(e) => {
                eprintln!(
                    "cannot read {}: {e}",
                    dir.join("ground-truth.json").display()
                );
                std::process::exit(2);
            }
        };
    let mut keys: Vec<&String> = truth.keys().collect();
    keys.sort();
    let mut inputs = Vec::new();
    for key in keys {
        let url = truth[key]
            .get("url")
            .and_then(|u| u.as_str())
            .unwrap_or("https://example.com/");
        match std::fs::read(dir.join("html").join(format!("{key}.html"))) {
            Ok(bytes) => inputs.push((key.as_str(), url, bytes)),
            Err(e) => eprintln!("missing {key}: {e}"),
        }
    }
    let cpu_start = cpu_seconds();
    let texts: Vec<String> = inputs
        .iter()
        .map(|(_, url, bytes)| {
            extract::extract(bytes, url, &extract::ExtractOptions::default())
                .map(|a| {
                    let lead = a.lead.as_ref().map(|l| l.plain_text()).unwrap_or_default();
                    format!("{lead}\n{}", a.body_text())
                })
                .unwrap_or_default()
        })
        .collect();
    let cpu = cpu_seconds() - cpu_start;
    let mut scores = Vec::new();
    for ((key, _, _), text) in inputs.iter().zip(&texts) {
        let expected = truth[*key]
            .get("articleBody")
            .and_then(|b| b.as_str())
            .unwrap_or("");
        let s = shingle_score(expected, text);
        if verbose {
            println!(
                "{key} precision {:.3} recall {:.3}",
                precision(s),
                recall(s)
            );
        }
        scores.push(s);
    }
    let (p, r) = averages(&scores);
    println!(
        "held-out     {} pages  precision {p:.3}  recall {r:.3}  F1 {:.3}",
        scores.len(),
        2.0 * p * r / (p + r)
    );
    if cpu > 0.0 {
        println!(
            "per CPU-s    {:.1} pages/s (one thread)",
            inputs.len() as f64 / cpu
        );
    }
}

/// (tp, fp, fn) over 4-word shingles, normalised to sum to 1.
pub fn shingle_score(truth: &str, pred: &str) -> (f64, f64, f64) {
    let (t, p) = (shingles(truth), shingles(pred));
    let (mut tp, mut fp, mut fneg) = (0.0, 0.0, 0.0);
    for (k, &tc) in &t {
        let pc = p.get(k).copied().unwrap_or(0);
        tp += tc.min(pc) as f64;
        fneg += tc.saturating_sub(pc) as f64;
    }
    for (k, &pc) in &p {
        let tc = t.get(k).copied().unwrap_or(0);
        fp += pc.saturating_sub(tc) as f64;
    }
    let sum = tp + fp + fneg;
    if sum > 0.0 {
        (tp / sum, fp / sum, fneg / sum)
    } else {
        (0.0, 0.0, 0.0)
    }
}

fn shingles(text: &str) -> HashMap<Vec<String>, usize> {
    // Python's `\w+` with re.UNICODE: runs of letters, digits and underscores.
    let tokens: Vec<String> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    let mut out = HashMap::new();
    let n = 4;
    let count = tokens.len().saturating_sub(n - 1).max(1);
    for i in 0..count {
        let shingle: Vec<String> = tokens.iter().skip(i).take(n).cloned().collect();
        if !shingle.is_empty() {
            *out.entry(shingle).or_insert(0) += 1;
        }
    }
    out
}

fn precision((tp, fp, fneg): (f64, f64, f64)) -> f64 {
    if fp == 0.0 && fneg == 0.0 {
        1.0
    } else if tp == 0.0 && fp == 0.0 {
        0.0
    } else {
        tp / (tp + fp)
    }
}

fn recall((tp, fp, fneg): (f64, f64, f64)) -> f64 {
    if fp == 0.0 && fneg == 0.0 {
        1.0
    } else if tp == 0.0 && fneg == 0.0 {
        0.0
    } else {
        tp / (tp + fneg)
    }
}

/// Mean precision over pages with a prediction, mean recall over pages with a truth.
fn averages(scores: &[(f64, f64, f64)]) -> (f64, f64) {
    let ps: Vec<f64> = scores
        .iter()
        .filter(|(tp, fp, _)| tp + fp > 0.0)
        .map(|&s| precision(s))
        .collect();
    let rs: Vec<f64> = scores
        .iter()
        .filter(|(tp, _, fneg)| tp + fneg > 0.0)
        .map(|&s| recall(s))
        .collect();
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    (mean(&ps), mean(&rs))
}

/// CPU seconds used by this thread so far (Linux; 0 elsewhere).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/thread-self/stat") else {
        return 0.0;
    };
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
