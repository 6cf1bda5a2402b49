//! Whole articles through the translation pipeline ([`translate::Translator`]:
//! segmentation, placeholders, memory, glossary, QA, the CTranslate2 engine
//! behind shared batches), several at a time as a worker runs them.
//!
//! ```text
//! scripts/ct2-models opus /tmp/opus-random
//! scripts/ct2-models articles /tmp/articles.jsonl
//! cargo run --release -p translate --features ctranslate2 --example bench_articles -- \
//!     /tmp/opus-random /tmp/articles.jsonl [--articles N] [--concurrency 4] \
//!     [--max-length 256] [--beam 1] [--batch 32] [--intra 0] [--inter 1] \
//!     [--compute int8] [--window-ms 20] [--no-batching] [--warm]
//! ```
//!
//! Cold: an empty translation memory. `--warm`: the same articles again,
//! with the memory holding every sentence of the cold run (what a re-run,
//! an upstream edit or an imported TMX gives). Prints articles/min, the
//! engine's shared-batch counts and the process's peak memory (VmHWM), and
//! last one JSON line for `scripts/bench-translate`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::Instant;

use article::Article;
use serde::Deserialize;
use translate::{
    BatchingConfig, CTranslate2, CTranslate2Config, Engine, Engines, Glossary, InMemoryStore,
    LangPair, RouteConfig, SharedBatches, StepConfig, Translator,
};

#[derive(Deserialize)]
struct Line {
    article: Article,
}

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

async fn run(translator: &Translator, articles: &[Article], concurrency: usize) -> (f64, usize) {
    let started = Instant::now();
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..concurrency.max(1) {
        let translator = translator.clone();
        let articles = articles.to_vec();
        let next = Arc::clone(&next);
        tasks.push(tokio::spawn(async move {
            let mut segments = 0;
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let Some(article) = articles.get(i) else {
                    break;
                };
                let done = translator
                    .translate_article(article, "vi", "en")
                    .await
                    .unwrap();
                segments += done.segments.len();
                for s in &done.segments {
                    // Remember every sentence, QA flags or not (random
                    // weights fail QA): the warm run serves them all.
                    translator
                        .remember(&done.pair, &s.source, &s.target, None)
                        .await
                        .unwrap();
                }
            }
            segments
        }));
    }
    let mut segments = 0;
    for t in tasks {
        segments += t.await.unwrap();
    }
    (started.elapsed().as_secs_f64(), segments)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 4)]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: bench_articles MODEL_DIR ARTICLES_JSONL [options] (see the source)");
        std::process::exit(2);
    }
    let mut config = CTranslate2Config::new(&args[0]);
    config.name = "opus-random".into();
    config.beam_size = 1;
    let mut batching = BatchingConfig::default();
    let (mut limit, mut concurrency, mut warm) = (usize::MAX, 4usize, false);
    let mut rest = args[2..].iter();
    while let Some(flag) = rest.next() {
        match flag.as_str() {
            "--no-batching" => {
                batching.enabled = false;
                continue;
            }
            "--warm" => {
                warm = true;
                continue;
            }
            _ => {}
        }
        let value = rest
            .next()
            .unwrap_or_else(|| panic!("{flag} needs a value"));
        let number = || {
            value
                .parse::<usize>()
                .unwrap_or_else(|_| panic!("{flag}: {value}"))
        };
        match flag.as_str() {
            "--articles" => limit = number(),
            "--concurrency" => concurrency = number(),
            "--max-length" => config.max_decoding_length = number(),
            "--beam" => config.beam_size = number(),
            "--batch" => config.batch_size = number(),
            "--intra" => config.intra_threads = number(),
            "--inter" => config.inter_threads = number(),
            "--compute" => config.compute_type = Some(value.clone()),
            "--window-ms" => batching.window_ms = number() as u64,
            _ => panic!("unknown option {flag}"),
        }
    }
    config.batching = batching;
    let articles: Vec<Article> = std::fs::read_to_string(&args[1])
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<Line>(l).unwrap().article)
        .take(limit)
        .collect();

    let rss_before = peak_rss_mb();
    let mut engines = Engines::new();
    let model: Arc<dyn Engine> = Arc::new(CTranslate2::new(config.clone()).unwrap());
    let shared = SharedBatches::new(model.clone(), config.batching);
    engines.add_engine(if config.batching.enabled {
        Arc::new(shared.clone())
    } else {
        model
    });
    engines
        .add_route(RouteConfig {
            source: "vi".into(),
            target: "en".into(),
            chain: vec![StepConfig::direct("opus-random")],
        })
        .unwrap();
    let translator = Translator::new(engines, Glossary::new(), Arc::new(InMemoryStore::new()));
    let pair = LangPair::new("vi", "en");
    assert!(translator.engines().serves(&pair));

    let (cold, segments) = run(&translator, &articles, concurrency).await;
    let per_min = articles.len() as f64 / cold * 60.0;
    println!(
        "pipeline cold: {} articles ({segments} sentences) in {cold:.2}s: {per_min:.1} articles/min \
         (concurrency {concurrency}, batching {}, window {} ms, batch {}, max length {}, intra {}, inter {})",
        articles.len(),
        config.batching.enabled,
        config.batching.window_ms,
        config.batch_size,
        config.max_decoding_length,
        config.intra_threads,
        config.inter_threads,
    );
    if config.batching.enabled {
        let st = shared.stats();
        println!(
            "shared batches: {} article calls -> {} batches, {} engine calls, {} segments",
            st.requests, st.batches, st.engine_calls, st.segments
        );
    }
    let mut warm_per_min = 0.0;
    if warm {
        let (seconds, _) = run(&translator, &articles, concurrency).await;
        warm_per_min = articles.len() as f64 / seconds * 60.0;
        println!(
            "pipeline warm: {} articles in {seconds:.3}s: {warm_per_min:.0} articles/min (every sentence from the memory)",
            articles.len()
        );
    }
    let peak = peak_rss_mb();
    println!("peak memory (VmHWM): {peak:.0} MB (before loading the model: {rss_before:.0} MB)");
    println!(
        "{{\"engine\":\"newsbridge-pipeline\",\"articles\":{},\"seconds\":{cold:.4},\"articles_per_second\":{:.5},\"warm_articles_per_minute\":{warm_per_min:.1},\"peak_rss_mb\":{peak:.0}}}",
        articles.len(),
        articles.len() as f64 / cold
    );
}
