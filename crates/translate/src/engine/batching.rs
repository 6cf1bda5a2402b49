//! Cross-article batching: one engine call for the sentences of every
//! article that is translating at the same time.
//!
//! A worker translates several articles at once (`workers.concurrency`);
//! each article hands its sentences to the engine in its own call. A model
//! is faster on one batch of 120 sentences sorted by length than on four
//! batches of 30, so [`SharedBatches`] holds each call for a short window
//! (or until a segment budget is full), gathers what the other articles send
//! meanwhile, sorts the gathered sentences by length, and sends them to the
//! engine in chunks of its `max_batch`. Every caller gets its own
//! translations back, in its order.
//!
//! A single task owns the queue: callers can be cancelled (a job's future
//! dropped) without leaving anyone else waiting.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use tokio::sync::{mpsc, oneshot};

use super::{Engine, EngineError};
use crate::lang::LangPair;

/// When a shared batch is sent to the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchingConfig {
    /// Whether calls are merged at all (default: yes).
    #[serde(default = "BatchingConfig::default_enabled")]
    pub enabled: bool,
    /// How long the first call of a batch waits for others, in milliseconds
    /// (0: no waiting; calls are still merged while the engine is busy).
    #[serde(default = "BatchingConfig::default_window_ms")]
    pub window_ms: u64,
    /// A batch is sent at once when it holds this many segments.
    #[serde(default = "BatchingConfig::default_max_segments")]
    pub max_segments: usize,
}

impl BatchingConfig {
    fn default_enabled() -> bool {
        true
    }
    fn default_window_ms() -> u64 {
        20
    }
    fn default_max_segments() -> usize {
        256
    }
}

impl Default for BatchingConfig {
    fn default() -> Self {
        BatchingConfig {
            enabled: Self::default_enabled(),
            window_ms: Self::default_window_ms(),
            max_segments: Self::default_max_segments(),
        }
    }
}

/// What the shared batches did, for tests and metrics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchingStats {
    /// Calls received from callers.
    pub requests: u64,
    /// Shared batches formed (each one or more engine calls).
    pub batches: u64,
    /// Engine calls made.
    pub engine_calls: u64,
    /// Segments sent to the engine.
    pub segments: u64,
}

type Reply = oneshot::Sender<Result<Vec<String>, EngineError>>;

struct Request {
    pair: LangPair,
    segments: Vec<String>,
    reply: Reply,
}

/// An engine whose concurrent calls are merged into shared, length-sorted batches.
#[derive(Clone)]
pub struct SharedBatches {
    inner: Arc<dyn Engine>,
    config: BatchingConfig,
    queue: Arc<OnceLock<mpsc::UnboundedSender<Request>>>,
    stats: Arc<std::sync::Mutex<BatchingStats>>,
}

impl fmt::Debug for SharedBatches {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SharedBatches")
            .field("engine", &self.inner.name())
            .field("config", &self.config)
            .finish()
    }
}

impl SharedBatches {
    /// Wraps `inner`. The task that forms batches starts on the first call,
    /// on that call's tokio runtime.
    pub fn new(inner: Arc<dyn Engine>, config: BatchingConfig) -> Self {
        SharedBatches {
            inner,
            config,
            queue: Arc::new(OnceLock::new()),
            stats: Arc::default(),
        }
    }

    /// The wrapped engine.
    pub fn inner(&self) -> &Arc<dyn Engine> {
        &self.inner
    }

    /// Counts so far.
    pub fn stats(&self) -> BatchingStats {
        self.stats.lock().map(|s| *s).unwrap_or_default()
    }

    fn queue(&self) -> Option<&mpsc::UnboundedSender<Request>> {
        if let Some(queue) = self.queue.get() {
            return Some(queue);
        }
        let runtime = tokio::runtime::Handle::try_current().ok()?;
        Some(self.queue.get_or_init(|| {
            let (tx, rx) = mpsc::unbounded_channel();
            runtime.spawn(run(
                Arc::clone(&self.inner),
                self.config,
                Arc::clone(&self.stats),
                rx,
            ));
            tx
        }))
    }

    fn count(&self, f: impl FnOnce(&mut BatchingStats)) {
        if let Ok(mut stats) = self.stats.lock() {
            f(&mut stats);
        }
    }
}

#[async_trait]
impl Engine for SharedBatches {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn model(&self) -> &str {
        self.inner.model()
    }

    fn keeps_tags(&self) -> bool {
        self.inner.keeps_tags()
    }

    /// A whole article's sentences in one call: the batch is cut here.
    fn max_batch(&self) -> usize {
        self.config.max_segments.max(self.inner.max_batch()).max(1)
    }

    async fn translate_batch(
        &self,
        pair: &LangPair,
        segments: &[String],
    ) -> Result<Vec<String>, EngineError> {
        if segments.is_empty() {
            return Ok(Vec::new());
        }
        self.count(|s| s.requests += 1);
        let Some(queue) = self.queue() else {
            // Not on a tokio runtime: nothing to share a batch with.
            self.count(|s| {
                s.batches += 1;
                s.engine_calls += 1;
                s.segments += segments.len() as u64;
            });
            return self.inner.translate_batch(pair, segments).await;
        };
        let (reply, answer) = oneshot::channel();
        let request = Request {
            pair: pair.clone(),
            segments: segments.to_vec(),
            reply,
        };
        let stopped = || EngineError::Model {
            engine: self.inner.name().to_string(),
            reason: "the batching task stopped".into(),
        };
        queue.send(request).map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }
}

/// The batching task: gathers requests, then translates them, until every
/// [`SharedBatches`] handle is gone.
async fn run(
    engine: Arc<dyn Engine>,
    config: BatchingConfig,
    stats: Arc<std::sync::Mutex<BatchingStats>>,
    mut queue: mpsc::UnboundedReceiver<Request>,
) {
    let window = Duration::from_millis(config.window_ms);
    let budget = config.max_segments.max(1);
    while let Some(first) = queue.recv().await {
        let mut size = first.segments.len();
        let mut batch = vec![first];
        let deadline = tokio::time::Instant::now() + window;
        while size < budget {
            // What queued while the engine was busy joins at once; then wait
            // out the window for more.
            let next = match queue.try_recv() {
                Ok(request) => Some(request),
                Err(_) if window.is_zero() => None,
                Err(_) => tokio::time::timeout_at(deadline, queue.recv())
                    .await
                    .ok()
                    .flatten(),
            };
            let Some(request) = next else { break };
            size += request.segments.len();
            batch.push(request);
        }
        let calls = translate_shared(engine.as_ref(), batch).await;
        if let Ok(mut stats) = stats.lock() {
            stats.batches += 1;
            stats.engine_calls += calls as u64;
            stats.segments += size as u64;
        }
    }
}

/// Translates one gathered batch, per language pair: the segments of all
/// requests sorted by length, in chunks of the engine's `max_batch`; answers
/// every request. Returns the number of engine calls.
async fn translate_shared(engine: &dyn Engine, batch: Vec<Request>) -> usize {
    let mut by_pair: BTreeMap<LangPair, Vec<Request>> = BTreeMap::new();
    for request in batch {
        by_pair
            .entry(request.pair.clone())
            .or_default()
            .push(request);
    }
    let mut calls = 0;
    for (pair, requests) in by_pair {
        // (request, segment) of every segment, shortest first.
        let mut order: Vec<(usize, usize)> = requests
            .iter()
            .enumerate()
            .flat_map(|(r, req)| (0..req.segments.len()).map(move |s| (r, s)))
            .collect();
        order.sort_by_key(|&(r, s)| requests[r].segments[s].len());
        let mut outputs: Vec<Vec<Option<String>>> = requests
            .iter()
            .map(|r| vec![None; r.segments.len()])
            .collect();
        let mut failure: Option<EngineError> = None;
        for chunk in order.chunks(engine.max_batch().max(1)) {
            let segments: Vec<String> = chunk
                .iter()
                .map(|&(r, s)| requests[r].segments[s].clone())
                .collect();
            calls += 1;
            let translated = engine
                .translate_batch(&pair, &segments)
                .await
                .and_then(|t| super::expect_count(engine.name(), segments.len(), t));
            match translated {
                Ok(translated) => {
                    for (&(r, s), text) in chunk.iter().zip(translated) {
                        outputs[r][s] = Some(text);
                    }
                }
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            }
        }
        for (request, output) in requests.into_iter().zip(outputs) {
            let answer = match &failure {
                Some(e) => Err(e.clone()),
                None => output
                    .into_iter()
                    .collect::<Option<Vec<String>>>()
                    .ok_or_else(|| EngineError::Model {
                        engine: engine.name().to_string(),
                        reason: "a shared batch lost a segment".into(),
                    }),
            };
            // The caller may have gone (its job cancelled): nothing to do then.
            let _ = request.reply.send(answer);
        }
    }
    calls
}
