//! Throughput of the CTranslate2 engine: SentencePiece, length-sorted
//! batches, CTranslate2, detokenization, as the pipeline calls it.
//!
//! ```text
//! scripts/ct2-models opus /tmp/opus-random
//! scripts/ct2-models sentences /tmp/sentences.txt 500
//! cargo run --release -p translate --features ctranslate2 --example bench_ct2 -- \
//!     /tmp/opus-random /tmp/sentences.txt [--beam 1] [--batch 32] [--batch-type examples] \
//!     [--compute int8] [--intra 0] [--inter 1] [--max-length 256] [--runs 1]
//! ```
//!
//! Prints sentences/s and, last, one JSON line for `scripts/bench-translate`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use translate::{CTranslate2, CTranslate2Config, LangPair};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!(
            "usage: bench_ct2 MODEL_DIR SENTENCES_FILE [--beam N] [--batch N] [--compute int8] \
             [--intra N] [--inter N] [--max-length N] [--runs N]"
        );
        std::process::exit(2);
    }
    let mut config = CTranslate2Config::new(&args[0]);
    config.beam_size = 1;
    let mut runs = 1usize;
    let mut rest = args[2..].iter();
    while let Some(flag) = rest.next() {
        let value = rest
            .next()
            .unwrap_or_else(|| panic!("{flag} needs a value"));
        let number = || {
            value
                .parse::<usize>()
                .unwrap_or_else(|_| panic!("{flag}: {value}"))
        };
        match flag.as_str() {
            "--beam" => config.beam_size = number(),
            "--batch" => config.batch_size = number(),
            "--compute" => config.compute_type = Some(value.clone()),
            "--batch-type" => config.batch_type = value.clone(),
            "--intra" => config.intra_threads = number(),
            "--inter" => config.inter_threads = number(),
            "--max-length" => config.max_decoding_length = number(),
            "--runs" => runs = number().max(1),
            _ => panic!("unknown option {flag}"),
        }
    }
    let sentences: Vec<String> = std::fs::read_to_string(&args[1])
        .unwrap()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect();

    let started = Instant::now();
    let engine = CTranslate2::new(config.clone()).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1)
    });
    let load = started.elapsed().as_secs_f64();
    let pair = LangPair::new("vi", "en");
    // Warm-up: first calls allocate caches and spin up threads.
    engine
        .translate_blocking(&pair, &sentences[..sentences.len().min(8)])
        .unwrap();

    let mut best = f64::MAX;
    let mut out_tokens = 0usize;
    for _ in 0..runs {
        let started = Instant::now();
        let out = engine.translate_blocking(&pair, &sentences).unwrap();
        best = best.min(started.elapsed().as_secs_f64());
        out_tokens = out.iter().map(|t| t.split_whitespace().count()).sum();
    }
    let in_tokens: usize = sentences
        .iter()
        .map(|s| engine.tokenize(s).map(|t| t.len()).unwrap_or(0))
        .sum();
    let per_second = sentences.len() as f64 / best;
    println!(
        "ctranslate2 engine: {} sentences ({in_tokens} source tokens, {out_tokens} output words) \
         in {best:.2}s: {per_second:.1} sentences/s (load {load:.2}s, compute {}, beam {}, batch {} {}, \
         intra {}, inter {})",
        sentences.len(),
        config.effective_compute_type(),
        config.beam_size,
        config.batch_size,
        config.batch_type,
        config.intra_threads,
        config.inter_threads,
    );
    println!(
        "{{\"engine\":\"newsbridge\",\"sentences\":{},\"seconds\":{best:.4},\"sentences_per_second\":{per_second:.3}}}",
        sentences.len()
    );
}
