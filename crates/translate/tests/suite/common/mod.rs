//! Test helpers: fixtures and a scriptable in-process engine.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use article::Article;
use async_trait::async_trait;
use translate::{Engine, EngineError, Glossary, LangPair};

pub fn testdata(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(name)
}

pub fn article_vi() -> Article {
    serde_json::from_str(&std::fs::read_to_string(testdata("article-vi.json")).unwrap()).unwrap()
}

pub fn glossary() -> Glossary {
    Glossary::from_csv(std::fs::File::open(testdata("glossary.csv")).unwrap()).unwrap()
}

pub fn table(name: &str) -> HashMap<String, String> {
    serde_json::from_str(&std::fs::read_to_string(testdata(name)).unwrap()).unwrap()
}

/// What the fake engine does with a segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    /// Looks the segment up in its table; unknown segments come back unchanged.
    Table,
    /// Returns every segment unchanged (an engine that does not translate).
    Echo,
    /// Table, then drops every `<xN>` placeholder.
    StripMarkup,
    /// Returns empty strings.
    Empty,
    /// Fails with a server error.
    Fail,
}

/// An engine answering from a table, counting calls and segments.
pub struct FakeEngine {
    pub name: String,
    pub table: HashMap<String, String>,
    pub behaviour: Behaviour,
    pub calls: AtomicUsize,
    pub segments: AtomicUsize,
    pub seen: std::sync::Mutex<Vec<(LangPair, String)>>,
}

impl FakeEngine {
    pub fn new(name: &str, table: HashMap<String, String>, behaviour: Behaviour) -> Arc<Self> {
        Arc::new(FakeEngine {
            name: name.to_string(),
            table,
            behaviour,
            calls: AtomicUsize::new(0),
            segments: AtomicUsize::new(0),
            seen: Default::default(),
        })
    }

    pub fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }

    pub fn segments(&self) -> usize {
        self.segments.load(Ordering::SeqCst)
    }
}

fn strip_markup(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(p) = rest.find('<') {
        out.push_str(&rest[..p]);
        let after = &rest[p..];
        let end = after.find('>').unwrap_or(0);
        let tag = &after[..=end];
        if tag.contains('x') {
            rest = &after[end + 1..];
        } else {
            out.push_str(tag);
            rest = &after[end + 1..];
        }
    }
    out.push_str(rest);
    out
}

#[async_trait]
impl Engine for FakeEngine {
    fn name(&self) -> &str {
        &self.name
    }

    fn model(&self) -> &str {
        "fake-1"
    }

    fn max_batch(&self) -> usize {
        8
    }

    async fn translate_batch(
        &self,
        pair: &LangPair,
        segments: &[String],
    ) -> Result<Vec<String>, EngineError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        self.segments.fetch_add(segments.len(), Ordering::SeqCst);
        self.seen
            .lock()
            .unwrap()
            .extend(segments.iter().map(|s| (pair.clone(), s.clone())));
        let lookup = |s: &String| self.table.get(s).cloned().unwrap_or_else(|| s.clone());
        Ok(match self.behaviour {
            Behaviour::Table => segments.iter().map(lookup).collect(),
            Behaviour::Echo => segments.to_vec(),
            Behaviour::StripMarkup => segments.iter().map(|s| strip_markup(&lookup(s))).collect(),
            Behaviour::Empty => segments.iter().map(|_| String::new()).collect(),
            Behaviour::Fail => {
                return Err(EngineError::Server {
                    engine: self.name.clone(),
                    status: 503,
                    message: "down".into(),
                })
            }
        })
    }
}
