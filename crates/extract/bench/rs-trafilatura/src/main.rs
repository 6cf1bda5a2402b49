//! Runs rs-trafilatura (crates.io) over the pages a manifest names, for
//! `crates/extract/bench/compare.py`.
//!
//! `rs-trafilatura-runner MANIFEST OUT [REPEAT]`: MANIFEST has one JSON object per line,
//! `{"key": …, "path": …, "url": …}`. Every page is read first; then each is
//! extracted in turn on this one thread with the crate's default options plus
//! the page's URL, and OUT gets one line `{"key": …, "text": …}` per page
//! (`"text": null` when the crate returns an error). Standard output gets one
//! line, `cpu_seconds S wall_seconds W`, for one pass of the extraction loop
//! (with a third argument REPEAT the loop runs that many times; the mean).

use std::io::{BufRead, Write};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (manifest, out, repeat) = match args.as_slice() {
        [m, o] => (m, o, 1),
        [m, o, r] => (m, o, r.parse::<u32>().unwrap_or(1).max(1)),
        _ => {
            eprintln!("usage: rs-trafilatura-runner MANIFEST OUT [REPEAT]");
            std::process::exit(2);
        }
    };
    let file = std::fs::File::open(manifest).unwrap_or_else(|e| {
        eprintln!("cannot open {manifest}: {e}");
        std::process::exit(2)
    });
    let mut pages = Vec::new();
    for line in std::io::BufReader::new(file).lines() {
        let line = line.expect("manifest is readable text");
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line).expect("manifest line is JSON");
        let key = v["key"].as_str().unwrap_or_default().to_string();
        let url = v["url"].as_str().map(str::to_string);
        let path = v["path"].as_str().unwrap_or_default();
        let bytes = std::fs::read(path).unwrap_or_default();
        pages.push((key, url, bytes));
    }
    let wall = std::time::Instant::now();
    let cpu = cpu_seconds();
    let mut texts: Vec<Option<String>> = Vec::new();
    for _ in 0..repeat {
        texts = pages
            .iter()
            .map(|(_, url, bytes)| {
                let options = rs_trafilatura::Options {
                    url: url.clone(),
                    ..rs_trafilatura::Options::default()
                };
                rs_trafilatura::extract_bytes_with_options(bytes, &options)
                    .ok()
                    .map(|r| r.content_text)
            })
            .collect();
    }
    let cpu = (cpu_seconds() - cpu) / f64::from(repeat);
    let wall = wall.elapsed().as_secs_f64() / f64::from(repeat);
    let mut w = std::io::BufWriter::new(std::fs::File::create(out).expect("output is writable"));
    for ((key, _, _), text) in pages.iter().zip(&texts) {
        let line = serde_json::json!({ "key": key, "text": text });
        writeln!(w, "{line}").expect("output is writable");
    }
    w.flush().expect("output is writable");
    println!("cpu_seconds {cpu:.4} wall_seconds {wall:.4}");
}

/// CPU time of this process (all threads), from /proc/self/stat.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
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
