//! `/metrics`: the pipeline's state and this process's own measurements in
//! the Prometheus (OpenMetrics) text format.
//!
//! Two kinds of series:
//!
//! - gauges read from the database at scrape time (jobs per stage and state,
//!   articles, language versions, sources), so every process of a
//!   many-machine deployment reports the same shared queue;
//! - histograms and counters recorded by this process ([`Metrics`]): HTTP
//!   latency per route template, job duration and outcome per stage, and
//!   translated segments per origin and per engine. Sum them over processes
//!   (`sum by (route) (rate(...))`) as usual.
//!
//! The TM hit ratio over the last five minutes, in PromQL:
//! `sum(rate(newsbridge_translation_segments_total{origin=~"memory_.*"}[5m]))
//!  / sum(rate(newsbridge_translation_segments_total{origin!="verbatim"}[5m]))`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use prometheus_client::encoding::text::encode;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::{Registry, Unit};

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct JobLabels {
    stage: String,
    state: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StatusLabels {
    status: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct HealthLabels {
    health: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct TranslationLabels {
    lang: String,
    status: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct HttpLabels {
    /// The route template (`/{lang}/{section}/{article}`), never the raw path.
    route: String,
    method: &'static str,
    /// `2xx`, `3xx`, `4xx` or `5xx`.
    status: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StageLabels {
    stage: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabels {
    stage: &'static str,
    /// `done`, `retry` (queued again), `dead` (gave up) or `lost` (the lease
    /// expired before the job finished; another worker ran it).
    outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct SegmentLabels {
    /// `memory_exact`, `memory_near`, `engine`, `verbatim` or `source_kept`.
    origin: &'static str,
    /// Who made the translation: `human`, `engine` or `none`.
    author: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ImageLabels {
    /// `stored`, `retry`, `failed`, `refused` or `withdrawn`.
    outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct EngineLabels {
    /// Engine name as configured (`a>en>b` for a pivot).
    engine: String,
    /// The model(s) it ran.
    model: String,
}

type HistogramFamily<L> = Family<L, Histogram, fn() -> Histogram>;

fn http_histogram() -> Histogram {
    // 1 ms … ≈ 16 s
    Histogram::new(exponential_buckets(0.001, 2.0, 15))
}

fn job_histogram() -> Histogram {
    // 5 ms … ≈ 164 s (a long article through a slow engine)
    Histogram::new(exponential_buckets(0.005, 2.0, 16))
}

/// How a job run ended, as counted by [`Metrics::job_finished`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobOutcome {
    /// Completed.
    Done,
    /// Failed; queued again for a later attempt.
    Retry,
    /// Failed for good (permanent error or last attempt).
    Dead,
    /// The lease expired before completion: another worker ran it again.
    Lost,
}

impl JobOutcome {
    fn as_str(self) -> &'static str {
        match self {
            JobOutcome::Done => "done",
            JobOutcome::Retry => "retry",
            JobOutcome::Dead => "dead",
            JobOutcome::Lost => "lost",
        }
    }
}

/// The measurements of one process (web server, workers, or both for
/// `newsbridge run`): cheap to clone, every clone records into the same series.
#[derive(Clone, Default)]
pub struct Metrics {
    inner: Arc<Inner>,
}

struct Inner {
    started: Instant,
    http: HistogramFamily<HttpLabels>,
    jobs: HistogramFamily<StageLabels>,
    outcomes: Family<OutcomeLabels, Counter>,
    segments: Family<SegmentLabels, Counter>,
    engines: Family<EngineLabels, Counter>,
    glossary_terms: Counter,
    image_fetches: Family<ImageLabels, Counter>,
    image_bytes: Counter,
    image_derive: Histogram,
}

impl Default for Inner {
    fn default() -> Self {
        Inner {
            started: Instant::now(),
            http: Family::new_with_constructor(http_histogram),
            jobs: Family::new_with_constructor(job_histogram),
            outcomes: Family::default(),
            segments: Family::default(),
            engines: Family::default(),
            glossary_terms: Counter::default(),
            image_fetches: Family::default(),
            image_bytes: Counter::default(),
            // 10 ms … ≈ 41 s (a 40-Mpx original in a debug build)
            image_derive: Histogram::new(exponential_buckets(0.01, 2.0, 13)),
        }
    }
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics").finish_non_exhaustive()
    }
}

impl Metrics {
    /// Empty series, for one process.
    pub fn new() -> Metrics {
        Metrics::default()
    }

    /// Records one HTTP request: its route template, method, status and time to the response head.
    fn observe_http(&self, route: &str, method: &Method, status: StatusCode, took: Duration) {
        self.inner
            .http
            .get_or_create(&HttpLabels {
                route: route.to_string(),
                method: method_label(method),
                status: status_class(status),
            })
            .observe(took.as_secs_f64());
    }

    /// Records one job run of `stage` and how it ended.
    pub fn job_finished(&self, stage: store::JobKind, outcome: JobOutcome, took: Duration) {
        let stage = stage.as_str();
        self.inner
            .jobs
            .get_or_create(&StageLabels { stage })
            .observe(took.as_secs_f64());
        self.inner
            .outcomes
            .get_or_create(&OutcomeLabels {
                stage,
                outcome: outcome.as_str(),
            })
            .inc();
    }

    /// Counts the segments of one translated article by origin and engine,
    /// and the glossary terms the article's sentences contained.
    pub fn translated(&self, segments: &[translate::SegmentReport], glossary_terms: usize) {
        use translate::{MatchKind, Origin, SegmentOrigin};
        for s in segments {
            let (origin, author) = match &s.origin {
                SegmentOrigin::Memory { kind, origin } => (
                    match kind {
                        MatchKind::Exact => "memory_exact",
                        MatchKind::Near => "memory_near",
                    },
                    match origin {
                        Origin::Human { .. } => "human",
                        Origin::Engine { .. } => "engine",
                    },
                ),
                SegmentOrigin::Engine { name, model, .. } => {
                    self.inner
                        .engines
                        .get_or_create(&EngineLabels {
                            engine: name.clone(),
                            model: model.clone(),
                        })
                        .inc();
                    ("engine", "engine")
                }
                SegmentOrigin::Verbatim => ("verbatim", "none"),
                SegmentOrigin::SourceKept => ("source_kept", "none"),
            };
            self.inner
                .segments
                .get_or_create(&SegmentLabels { origin, author })
                .inc();
        }
        self.inner.glossary_terms.inc_by(glossary_terms as u64);
    }

    /// Counts what one run of the image stage did: each picture's outcome,
    /// the rendition bytes written, and the time spent deriving them.
    pub fn images_mirrored(&self, report: &crate::imaging::MirrorReport) {
        for (outcome, n) in [
            ("stored", report.stored),
            ("retry", report.retry),
            ("failed", report.failed),
            ("refused", report.refused),
            ("withdrawn", report.withdrawn),
        ] {
            if n > 0 {
                self.inner
                    .image_fetches
                    .get_or_create(&ImageLabels { outcome })
                    .inc_by(n as u64);
            }
        }
        self.inner.image_bytes.inc_by(report.bytes_written);
        if !report.derive_time.is_zero() {
            self.inner
                .image_derive
                .observe(report.derive_time.as_secs_f64());
        }
    }

    fn register(&self, registry: &mut Registry) {
        let i = &self.inner;
        registry.register(
            "image_fetches",
            "Pictures handled by the image stage of this process, by outcome (stored, retry, failed, refused, withdrawn)",
            i.image_fetches.clone(),
        );
        registry.register_with_unit(
            "image_stored",
            "Rendition bytes written to the image storage by this process",
            Unit::Bytes,
            i.image_bytes.clone(),
        );
        registry.register_with_unit(
            "image_derive_duration",
            "Time to derive one article's new pictures (decode, resize, encode)",
            Unit::Seconds,
            i.image_derive.clone(),
        );
        registry.register_with_unit(
            "http_request_duration",
            "HTTP requests by route template, method and status class: time to the response head",
            Unit::Seconds,
            i.http.clone(),
        );
        registry.register_with_unit(
            "job_duration",
            "Job runs of this process by stage: time from lease to outcome",
            Unit::Seconds,
            i.jobs.clone(),
        );
        registry.register(
            "job_runs",
            "Job runs of this process by stage and outcome (done, retry, dead, lost)",
            i.outcomes.clone(),
        );
        registry.register(
            "translation_segments",
            "Translated segments by origin (memory_exact, memory_near, engine, verbatim, source_kept) and author (human, engine, none)",
            i.segments.clone(),
        );
        registry.register(
            "engine_segments",
            "Segments translated by an engine now, by engine and model",
            i.engines.clone(),
        );
        registry.register(
            "glossary_terms",
            "Glossary terms found in the sentences of translated articles",
            i.glossary_terms.clone(),
        );
        let uptime = Gauge::<f64, std::sync::atomic::AtomicU64>::default();
        uptime.set(i.started.elapsed().as_secs_f64());
        registry.register_with_unit(
            "process_uptime",
            "Time since this process started",
            Unit::Seconds,
            uptime,
        );
    }
}

/// Renders the pipeline status (from the database) and this process's
/// measurements as OpenMetrics text.
pub async fn render(store: &store::Store, metrics: &Metrics) -> anyhow::Result<String> {
    let status = store.pipeline_status(0).await?;
    let jobs = Family::<JobLabels, Gauge>::default();
    for c in &status.jobs {
        jobs.get_or_create(&JobLabels {
            stage: c.kind.clone(),
            state: c.state.clone(),
        })
        .set(c.count);
    }
    let articles = Family::<StatusLabels, Gauge>::default();
    for (s, n) in &status.articles {
        articles
            .get_or_create(&StatusLabels { status: s.clone() })
            .set(*n);
    }
    let translations = Family::<TranslationLabels, Gauge>::default();
    for (lang, s, n) in &status.translations {
        translations
            .get_or_create(&TranslationLabels {
                lang: lang.clone(),
                status: s.clone(),
            })
            .set(*n);
    }
    let sources = Gauge::<i64>::default();
    sources.set(status.sources);
    // Every state is present, zeros included, so an alert on
    // `newsbridge_source_health{health="unhealthy"} > 0` always has a series.
    let source_health = Family::<HealthLabels, Gauge>::default();
    for health in [
        store::SourceHealth::Unknown,
        store::SourceHealth::Healthy,
        store::SourceHealth::Unhealthy,
    ] {
        source_health
            .get_or_create(&HealthLabels {
                health: health.as_str().to_owned(),
            })
            .set(0);
    }
    for (health, n) in store.source_health_counts().await? {
        source_health
            .get_or_create(&HealthLabels {
                health: health.as_str().to_owned(),
            })
            .set(n);
    }
    let mut registry = Registry::with_prefix("newsbridge");
    registry.register("jobs", "Jobs per pipeline stage and state", jobs);
    registry.register("articles", "Original articles per status", articles);
    registry.register(
        "translations",
        "Language versions per language and status",
        translations,
    );
    registry.register("sources", "Configured sources", sources);
    registry.register(
        "source_health",
        "Enabled sources per health state (unhealthy: failing, silent or losing every article)",
        source_health,
    );
    metrics.register(&mut registry);
    let mut out = String::new();
    encode(&mut out, &registry)?;
    Ok(out)
}

/// `GET /metrics` for any router: 200 with the text, 503 when the database does not answer.
pub async fn handler(store: store::Store, metrics: Metrics) -> Response {
    use axum::http::header::CONTENT_TYPE;
    use axum::response::IntoResponse;
    match render(&store, &metrics).await {
        Ok(body) => (
            StatusCode::OK,
            [(
                CONTENT_TYPE,
                "application/openmetrics-text; version=1.0.0; charset=utf-8",
            )],
            body,
        )
            .into_response(),
        Err(e) => (
            StatusCode::SERVICE_UNAVAILABLE,
            [(CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("metrics unavailable: {e:#}"),
        )
            .into_response(),
    }
}

/// Axum middleware recording every request in `newsbridge_http_request_duration_seconds`.
pub async fn track_http(State(metrics): State<Metrics>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    // The route template axum matched (`/{lang}/{section}/{article}`), never
    // the raw path: the label set stays bounded whatever paths clients send.
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned());
    let response = next.run(req).await;
    metrics.observe_http(
        route.as_deref().unwrap_or("unmatched"),
        &method,
        response.status(),
        started.elapsed(),
    );
    response
}

fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

fn status_class(status: StatusCode) -> &'static str {
    match status.as_u16() {
        100..=199 => "1xx",
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        _ => "5xx",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_counted_by_origin_and_engine() {
        let metrics = Metrics::new();
        let seg = |origin| translate::SegmentReport {
            unit: "title".into(),
            kind: translate::UnitKind::Title,
            source: "a".into(),
            target: "b".into(),
            origin,
            flags: vec![],
        };
        metrics.translated(
            &[
                seg(translate::SegmentOrigin::Engine {
                    name: "libre".into(),
                    model: "m".into(),
                    fallback: false,
                }),
                seg(translate::SegmentOrigin::Verbatim),
            ],
            2,
        );
        let mut registry = Registry::with_prefix("newsbridge");
        metrics.register(&mut registry);
        let mut out = String::new();
        encode(&mut out, &registry).unwrap();
        assert!(out.contains(
            "newsbridge_translation_segments_total{origin=\"engine\",author=\"engine\"} 1"
        ));
        assert!(out.contains("newsbridge_engine_segments_total{engine=\"libre\",model=\"m\"} 1"));
        assert!(out.contains("newsbridge_glossary_terms_total 2"));
    }

    #[test]
    fn image_outcomes_bytes_and_derivation_time_are_exported() {
        let metrics = Metrics::new();
        metrics.images_mirrored(&crate::imaging::MirrorReport {
            stored: 3,
            retry: 1,
            withdrawn: 1,
            bytes_written: 12_345,
            derive_time: std::time::Duration::from_millis(250),
            ..Default::default()
        });
        metrics.images_mirrored(&crate::imaging::MirrorReport {
            stored: 1,
            ..Default::default()
        });
        let mut registry = Registry::with_prefix("newsbridge");
        metrics.register(&mut registry);
        let mut out = String::new();
        encode(&mut out, &registry).unwrap();
        assert!(
            out.contains("newsbridge_image_fetches_total{outcome=\"stored\"} 4"),
            "{out}"
        );
        assert!(out.contains("newsbridge_image_fetches_total{outcome=\"retry\"} 1"));
        assert!(out.contains("newsbridge_image_fetches_total{outcome=\"withdrawn\"} 1"));
        assert!(
            !out.contains("outcome=\"failed\""),
            "no series before the first failure"
        );
        assert!(out.contains("newsbridge_image_stored_bytes_total 12345"));
        assert!(
            out.contains("newsbridge_image_derive_duration_seconds_count 1"),
            "a run that derived nothing is not a sample: {out}"
        );
    }
}
