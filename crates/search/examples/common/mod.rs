//! The labelled evaluation set (`testdata/eval_stories.jsonl`), for the examples.
#![allow(dead_code)]

use serde::Deserialize;

/// One labelled article.
#[derive(Debug, Clone, Deserialize)]
pub struct Labelled {
    pub id: i64,
    pub publisher: String,
    pub byline: String,
    pub published: String,
    pub section: String,
    pub story: String,
    pub title: String,
    pub lead: String,
    pub body: String,
}

impl Labelled {
    /// Publication time, ms since the epoch.
    pub fn at(&self) -> i64 {
        chrono::DateTime::parse_from_rfc3339(&self.published)
            .map(|t| t.timestamp_millis())
            .unwrap_or(0)
    }

    /// The text the section classifier sees.
    pub fn text(&self) -> String {
        format!(
            "{}.\n{}.\n{}\n{}",
            self.title, self.title, self.lead, self.body
        )
    }
}

/// The set, in publication order.
pub fn load() -> Vec<Labelled> {
    let mut set: Vec<Labelled> = include_str!("../../testdata/eval_stories.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    set.sort_by_key(|a| (a.at(), a.id));
    set
}
