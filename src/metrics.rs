//! `/metrics`: the pipeline's state in the Prometheus (OpenMetrics) text format.
//!
//! Gauges are read from the database at scrape time, so every process of a
//! many-machine deployment reports the same shared queue.

use prometheus_client::encoding::text::encode;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::Registry;

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
struct TranslationLabels {
    lang: String,
    status: String,
}

/// Renders the current pipeline status as OpenMetrics text.
pub async fn render(store: &store::Store) -> anyhow::Result<String> {
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
    let mut registry = Registry::with_prefix("newsbridge");
    registry.register("jobs", "Jobs per pipeline stage and state", jobs);
    registry.register("articles", "Original articles per status", articles);
    registry.register(
        "translations",
        "Language versions per language and status",
        translations,
    );
    registry.register("sources", "Configured sources", sources);
    let mut out = String::new();
    encode(&mut out, &registry)?;
    Ok(out)
}
