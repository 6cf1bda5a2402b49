//! Cross-article batching: concurrent callers share engine calls, sorted by
//! length, and each gets its own translations back in order.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use translate::{BatchingConfig, Engine, EngineError, LangPair, SharedBatches};

/// Records every call's segments; translates by reversing each segment's words.
struct Recorder {
    calls: Mutex<Vec<(LangPair, Vec<String>)>>,
    max_batch: usize,
    fail_on: Option<&'static str>,
}

impl Recorder {
    fn new(max_batch: usize) -> Arc<Self> {
        Arc::new(Recorder {
            calls: Mutex::new(Vec::new()),
            max_batch,
            fail_on: None,
        })
    }

    fn calls(&self) -> Vec<(LangPair, Vec<String>)> {
        self.calls.lock().unwrap().clone()
    }
}

fn reversed(s: &str) -> String {
    s.split(' ').rev().collect::<Vec<_>>().join(" ")
}

#[async_trait]
impl Engine for Recorder {
    fn name(&self) -> &str {
        "recorder"
    }

    fn model(&self) -> &str {
        "words-reversed"
    }

    fn max_batch(&self) -> usize {
        self.max_batch
    }

    async fn translate_batch(
        &self,
        pair: &LangPair,
        segments: &[String],
    ) -> Result<Vec<String>, EngineError> {
        self.calls
            .lock()
            .unwrap()
            .push((pair.clone(), segments.to_vec()));
        // The model is busy for a while, as a real one is.
        tokio::time::sleep(Duration::from_millis(20)).await;
        if let Some(bad) = self.fail_on {
            if segments.iter().any(|s| s == bad) {
                return Err(EngineError::Server {
                    engine: "recorder".into(),
                    status: 500,
                    message: "boom".into(),
                });
            }
        }
        Ok(segments.iter().map(|s| reversed(s)).collect())
    }
}

fn article_a() -> Vec<String> {
    [
        "Mưa lớn kéo dài khiến nước sông Hương lên nhanh trong đêm qua.",
        "Xin chào!",
        "Chính quyền đã sơ tán 1.115 hộ dân.",
    ]
    .map(String::from)
    .to_vec()
}

fn article_b() -> Vec<String> {
    [
        "Đội tuyển Việt Nam thắng 2-0.",
        "Giá xăng giảm 500 đồng mỗi lít từ 15 giờ chiều nay, theo liên bộ.",
        "Hà Nội",
        "Trạm A Lưới ghi nhận 412 mm.",
    ]
    .map(String::from)
    .to_vec()
}

fn vi_en() -> LangPair {
    LangPair::new("vi", "en")
}

fn config(window_ms: u64) -> BatchingConfig {
    BatchingConfig {
        window_ms,
        ..BatchingConfig::default()
    }
}

#[tokio::test]
async fn two_concurrent_articles_share_one_length_sorted_batch() {
    let recorder = Recorder::new(64);
    let shared = SharedBatches::new(recorder.clone(), config(200));
    let (a, b) = (article_a(), article_b());
    let pair = vi_en();
    let (out_a, out_b) = tokio::join!(
        shared.translate_batch(&pair, &a),
        shared.translate_batch(&pair, &b)
    );

    // One engine call held both articles' sentences, shortest first.
    let calls = recorder.calls();
    assert_eq!(calls.len(), 1, "{calls:?}");
    let mut all: Vec<String> = a.iter().chain(&b).cloned().collect();
    all.sort_by_key(|s| s.len());
    assert_eq!(calls[0].1, all);

    // Each caller got its own translations, in its own order.
    let want = |v: &[String]| v.iter().map(|s| reversed(s)).collect::<Vec<_>>();
    assert_eq!(out_a.unwrap(), want(&a));
    assert_eq!(out_b.unwrap(), want(&b));
    let stats = shared.stats();
    assert_eq!(
        (stats.requests, stats.batches, stats.engine_calls),
        (2, 1, 1)
    );
    assert_eq!(stats.segments, 7);
}

#[tokio::test]
async fn a_shared_batch_is_cut_at_the_engines_max_batch() {
    let recorder = Recorder::new(3);
    let shared = SharedBatches::new(recorder.clone(), config(200));
    let (a, b) = (article_a(), article_b());
    let pair = vi_en();
    let (out_a, out_b) = tokio::join!(
        shared.translate_batch(&pair, &a),
        shared.translate_batch(&pair, &b)
    );
    let sizes: Vec<usize> = recorder.calls().iter().map(|c| c.1.len()).collect();
    assert_eq!(sizes, vec![3, 3, 1]);
    // Every call's sentences are no longer than the next call's.
    let calls = recorder.calls();
    for pair in calls.windows(2) {
        let longest = pair[0].1.iter().map(String::len).max().unwrap();
        let shortest = pair[1].1.iter().map(String::len).min().unwrap();
        assert!(longest <= shortest, "{calls:?}");
    }
    assert_eq!(out_a.unwrap().len(), 3);
    assert_eq!(out_b.unwrap().len(), 4);
}

#[tokio::test]
async fn pairs_are_batched_apart() {
    let recorder = Recorder::new(64);
    let shared = SharedBatches::new(recorder.clone(), config(200));
    let (a, b) = (article_a(), article_b());
    let (fr, en) = (LangPair::new("vi", "fr"), vi_en());
    let (out_fr, out_en) = tokio::join!(
        shared.translate_batch(&fr, &a),
        shared.translate_batch(&en, &b)
    );
    let calls = recorder.calls();
    assert_eq!(calls.len(), 2);
    assert!(calls.iter().any(|c| c.0 == fr && c.1.len() == 3));
    assert!(calls.iter().any(|c| c.0 == en && c.1.len() == 4));
    assert_eq!(out_fr.unwrap()[1], "chào! Xin");
    assert_eq!(out_en.unwrap()[2], "Nội Hà");
}

#[tokio::test]
async fn an_engine_error_reaches_every_caller_of_the_batch() {
    let recorder = Arc::new(Recorder {
        calls: Mutex::new(Vec::new()),
        max_batch: 64,
        fail_on: Some("Hà Nội"),
    });
    let shared = SharedBatches::new(recorder, config(200));
    let (a, b) = (article_a(), article_b());
    let pair = vi_en();
    let (out_a, out_b) = tokio::join!(
        shared.translate_batch(&pair, &a),
        shared.translate_batch(&pair, &b)
    );
    for out in [out_a, out_b] {
        let err = out.unwrap_err();
        assert!(err.is_transient(), "{err}");
    }
    // The batching task survives a failed batch.
    let again = shared.translate_batch(&pair, &a[1..2]).await.unwrap();
    assert_eq!(again, vec!["chào! Xin".to_string()]);
}

#[tokio::test]
async fn a_cancelled_caller_does_not_hold_up_the_others() {
    let recorder = Recorder::new(64);
    let shared = SharedBatches::new(recorder.clone(), config(100));
    let pair = vi_en();
    let (a, b) = (article_a(), article_b());
    let cancelled =
        tokio::time::timeout(Duration::from_millis(10), shared.translate_batch(&pair, &a));
    let (gone, kept) = tokio::join!(cancelled, shared.translate_batch(&pair, &b));
    assert!(gone.is_err(), "the first call was meant to time out");
    assert_eq!(kept.unwrap().len(), 4);
}

#[test]
fn a_batcher_made_outside_a_runtime_starts_on_the_first_calls_runtime() {
    let recorder = Recorder::new(64);
    let shared = SharedBatches::new(recorder.clone(), config(200));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let out = rt
        .block_on(shared.translate_batch(&vi_en(), &article_a()))
        .unwrap();
    assert_eq!(out.len(), 3);
    assert_eq!(recorder.calls().len(), 1);
}

#[test]
fn batching_config_reads_from_an_engine_config() {
    let json = r#"{"engines": [{"kind": "ctranslate2", "model_dir": "/m",
        "batching": {"window_ms": 5}}]}"#;
    let cfg: translate::EnginesConfig = serde_json::from_str(json).unwrap();
    let translate::EngineConfig::Ctranslate2(c) = &cfg.engines[0] else {
        panic!()
    };
    assert!(c.batching.enabled);
    assert_eq!(c.batching.window_ms, 5);
    assert_eq!(c.batching.max_segments, 256);
}
