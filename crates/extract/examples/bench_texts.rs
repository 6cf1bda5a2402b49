//! Runs `extract` over the pages a manifest names, for
//! `crates/extract/bench/compare.py` (the same protocol as the
//! rs-trafilatura and Python trafilatura runners beside it).
//!
//! `cargo run --release -p extract --example bench_texts -- MANIFEST OUT [REPEAT]`:
//! MANIFEST has one JSON object per line, `{"key": …, "path": …, "url": …}`.
//! Every page is read first; then each is extracted in turn on this one
//! thread, and OUT gets one line `{"key": …, "text": …}` per page, the text
//! being `Article::lead` followed by `body_text()` (`null` on an error).
//! Standard output gets `cpu_seconds S wall_seconds W` for one pass of the
//! extraction loop; with REPEAT the loop runs that many times and the figures
//! are the mean of one pass.

use std::io::{BufRead, Write};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (manifest, out, repeat) = match args.as_slice() {
        [m, o] => (m, o, 1),
        [m, o, r] => (m, o, r.parse::<u32>().unwrap_or(1).max(1)),
        _ => {
            eprintln!("usage: bench_texts MANIFEST OUT [REPEAT]");
            std::process::exit(2);
        }
    };
    let file = match std::fs::File::open(manifest) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("cannot open {manifest}: {e}");
            std::process::exit(2);
        }
    };
    let mut pages = Vec::new();
    for line in std::io::BufReader::new(file).lines() {
        let Ok(line) = line else { break };
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let key = v["key"].as_str().unwrap_or_default().to_string();
        let url = v["url"]
            .as_str()
            .unwrap_or("https://example.com/")
            .to_string();
        let bytes = std::fs::read(v["path"].as_str().unwrap_or_default()).unwrap_or_default();
        pages.push((key, url, bytes));
    }
    let wall = std::time::Instant::now();
    let cpu = cpu_seconds();
    let mut texts: Vec<Option<String>> = Vec::new();
    for _ in 0..repeat {
        texts = pages
            .iter()
            .map(|(_, url, bytes)| {
                extract::extract(bytes, url, &extract::ExtractOptions::default())
                    .ok()
                    .map(|a| {
                        let lead = a.lead.as_ref().map(|l| l.plain_text()).unwrap_or_default();
                        format!("{lead}\n{}", a.body_text())
                    })
            })
            .collect();
    }
    let cpu = (cpu_seconds() - cpu) / f64::from(repeat);
    let wall = wall.elapsed().as_secs_f64() / f64::from(repeat);
    let Ok(f) = std::fs::File::create(out) else {
        eprintln!("cannot write {out}");
        std::process::exit(2);
    };
    let mut w = std::io::BufWriter::new(f);
    for ((key, _, _), text) in pages.iter().zip(&texts) {
        let line = serde_json::json!({ "key": key, "text": text });
        if writeln!(w, "{line}").is_err() {
            std::process::exit(2);
        }
    }
    if w.flush().is_err() {
        std::process::exit(2);
    }
    println!("cpu_seconds {cpu:.4} wall_seconds {wall:.4}");
}

/// CPU time of this process (all threads), from /proc/self/stat.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
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
