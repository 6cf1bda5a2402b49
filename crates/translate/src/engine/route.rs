//! Which engines translate a language pair: routes, pivots and fallbacks.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use super::{Engine, EngineError, EnginesConfig, RouteConfig, StepConfig};
use crate::lang::{primary_language, LangPair};
use crate::projection::Projection;

/// One way to translate a pair: an engine, or two through a pivot language.
#[derive(Clone)]
pub struct Step {
    first: Arc<dyn Engine>,
    pivot: Option<(String, Arc<dyn Engine>)>,
}

impl fmt::Debug for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

impl Step {
    /// A direct step.
    pub fn direct(engine: Arc<dyn Engine>) -> Self {
        Step {
            first: engine,
            pivot: None,
        }
    }

    /// Source → `via` with `first`, then `via` → target with `second`.
    pub fn through(first: Arc<dyn Engine>, via: &str, second: Arc<dyn Engine>) -> Self {
        Step {
            first,
            pivot: Some((primary_language(via), second)),
        }
    }

    /// Engine name(s): `deepl`, or `opus-vi-en>en>llm` for a pivot.
    pub fn name(&self) -> String {
        match &self.pivot {
            None => self.first.name().to_string(),
            Some((via, second)) => format!("{}>{via}>{}", self.first.name(), second.name()),
        }
    }

    /// Model(s), joined with `+` for a pivot.
    pub fn model(&self) -> String {
        match &self.pivot {
            None => self.first.model().to_string(),
            Some((_, second)) => format!("{}+{}", self.first.model(), second.model()),
        }
    }

    /// The pivot language, if any.
    pub fn via(&self) -> Option<&str> {
        self.pivot.as_ref().map(|(via, _)| via.as_str())
    }

    /// Translates all `segments`, in batches each engine accepts (plain text
    /// with the markup projected back, for an engine that cannot keep tags);
    /// returns the translations and the number of engine calls made.
    pub async fn translate(
        &self,
        pair: &LangPair,
        segments: &[String],
    ) -> Result<(Vec<String>, usize), EngineError> {
        match &self.pivot {
            Some((via, second)) if via != &pair.source && via != &pair.target => {
                let (middle, a) = batched(
                    self.first.as_ref(),
                    &LangPair::new(&pair.source, via),
                    segments,
                )
                .await?;
                let (out, b) =
                    batched(second.as_ref(), &LangPair::new(via, &pair.target), &middle).await?;
                Ok((out, a + b))
            }
            _ => batched(self.first.as_ref(), pair, segments).await,
        }
    }
}

/// Translates `segments` with one engine, projecting the markup for an
/// engine that cannot keep tags: its sentences and their spans' texts go in
/// the same batches, so projection costs no extra call per sentence.
async fn batched(
    engine: &dyn Engine,
    pair: &LangPair,
    segments: &[String],
) -> Result<(Vec<String>, usize), EngineError> {
    if engine.keeps_tags() {
        return in_chunks(engine, pair, segments).await;
    }
    let projection = Projection::new(segments);
    let (translated, calls) = in_chunks(engine, pair, projection.requests()).await?;
    Ok((projection.rebuild(&translated), calls))
}

async fn in_chunks(
    engine: &dyn Engine,
    pair: &LangPair,
    segments: &[String],
) -> Result<(Vec<String>, usize), EngineError> {
    let mut out = Vec::with_capacity(segments.len());
    let mut calls = 0;
    for chunk in segments.chunks(engine.max_batch().max(1)) {
        let translated = engine.translate_batch(pair, chunk).await?;
        calls += 1;
        out.extend(super::expect_count(engine.name(), chunk.len(), translated)?);
    }
    Ok((out, calls))
}

/// The configured engines and which ones serve each pair.
#[derive(Clone, Default)]
pub struct Engines {
    engines: HashMap<String, Arc<dyn Engine>>,
    routes: Vec<RouteConfig>,
}

impl fmt::Debug for Engines {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut names: Vec<&String> = self.engines.keys().collect();
        names.sort();
        f.debug_struct("Engines")
            .field("engines", &names)
            .field("routes", &self.routes)
            .finish()
    }
}

impl Engines {
    /// No engines: every pair is served from the translation memory only.
    pub fn new() -> Self {
        Engines::default()
    }

    /// Builds every configured engine and checks the routes name known engines.
    pub fn from_config(config: &EnginesConfig) -> Result<Self, EngineError> {
        let mut engines = Engines::new();
        for engine in &config.engines {
            if engines.engines.contains_key(engine.name()) {
                return Err(EngineError::Config(format!(
                    "engine {:?} configured twice",
                    engine.name()
                )));
            }
            engines.add_engine(engine.build()?);
        }
        for route in &config.routes {
            engines.add_route(route.clone())?;
        }
        Ok(engines)
    }

    /// Adds an engine under its [`Engine::name`].
    pub fn add_engine(&mut self, engine: Arc<dyn Engine>) {
        self.engines.insert(engine.name().to_string(), engine);
    }

    /// Adds a route; its engines must have been added.
    pub fn add_route(&mut self, route: RouteConfig) -> Result<(), EngineError> {
        if route.chain.is_empty() {
            return Err(EngineError::Config(format!(
                "route {}>{} has no engine",
                route.source, route.target
            )));
        }
        for step in &route.chain {
            for name in std::iter::once(&step.engine).chain(step.then.as_ref()) {
                if !self.engines.contains_key(name) {
                    return Err(EngineError::Config(format!(
                        "route {}>{} names unknown engine {name:?}",
                        route.source, route.target
                    )));
                }
            }
        }
        let norm = |l: &str| {
            if l == "*" {
                "*".to_string()
            } else {
                primary_language(l)
            }
        };
        self.routes.push(RouteConfig {
            source: norm(&route.source),
            target: norm(&route.target),
            ..route
        });
        Ok(())
    }

    /// The steps for `pair`, best first; empty when no engine serves it.
    /// The most specific route wins: `vi>fr`, then `vi>*`, `*>fr`, `*>*`.
    pub fn chain(&self, pair: &LangPair) -> Vec<Step> {
        let candidates = [
            (pair.source.as_str(), pair.target.as_str()),
            (pair.source.as_str(), "*"),
            ("*", pair.target.as_str()),
            ("*", "*"),
        ];
        let route = candidates.iter().find_map(|(s, t)| {
            self.routes
                .iter()
                .find(|r| r.source == *s && r.target == *t)
        });
        route
            .map(|r| r.chain.iter().filter_map(|s| self.step(s)).collect())
            .unwrap_or_default()
    }

    /// True when some engine serves `pair`.
    pub fn serves(&self, pair: &LangPair) -> bool {
        !self.chain(pair).is_empty()
    }

    fn step(&self, config: &StepConfig) -> Option<Step> {
        let first = self.engines.get(&config.engine)?.clone();
        match &config.via {
            None => Some(Step::direct(first)),
            Some(via) => {
                let second = match &config.then {
                    Some(name) => self.engines.get(name)?.clone(),
                    None => first.clone(),
                };
                Some(Step::through(first, via, second))
            }
        }
    }
}
