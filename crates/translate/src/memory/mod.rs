//! Translation memory: every accepted translation of a segment, per language pair.
//!
//! Persistence is behind [`MemoryStore`]; the `store` crate implements it on
//! SQL, [`InMemoryStore`] serves tests and one-off runs. Lookups are exact (by
//! normalised segment) or near-exact (only whitespace, punctuation or numbers
//! differ: the numbers are then substituted into the remembered translation).

mod key;
mod near;

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tokio::sync::RwLock;

use crate::lang::LangPair;

pub use key::SegmentKey;
pub use near::adapt_near;

/// Who produced a remembered translation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Origin {
    /// A machine translation engine.
    Engine {
        /// Engine name as configured (`libretranslate`, `opus-vi-fr`).
        name: String,
        /// Model the engine ran.
        model: String,
    },
    /// A person: an editor's correction or an imported human translation memory.
    Human {
        /// Who, when known.
        editor: Option<String>,
    },
}

impl Origin {
    /// True for human translations.
    pub fn is_human(&self) -> bool {
        matches!(self, Origin::Human { .. })
    }
}

/// One remembered translation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemoryEntry {
    /// The language pair.
    pub pair: LangPair,
    /// The source segment (placeholder string).
    pub source: String,
    /// Its translation (placeholder string with the same placeholders).
    pub target: String,
    /// Exact lookup key of `source`; see [`SegmentKey`].
    pub key: String,
    /// Near-exact lookup key of `source`.
    pub near_key: String,
    /// Who translated it.
    pub origin: Origin,
    /// How many times it was reused.
    pub use_count: u64,
    /// When first recorded.
    pub created_at: DateTime<Utc>,
    /// When last changed.
    pub updated_at: DateTime<Utc>,
}

impl MemoryEntry {
    /// A new entry, keys computed from `source`.
    pub fn new(pair: LangPair, source: &str, target: &str, origin: Origin) -> Self {
        let keys = SegmentKey::new(source, &pair.source);
        let now = Utc::now();
        MemoryEntry {
            pair,
            source: source.to_string(),
            target: target.to_string(),
            key: keys.exact,
            near_key: keys.near,
            origin,
            use_count: 0,
            created_at: now,
            updated_at: now,
        }
    }

    /// What a store should keep when recording `self` where `existing` may be:
    /// `None` keeps the existing entry (an engine never overwrites a human
    /// translation); otherwise the entry to write, keeping the existing use
    /// count and creation time.
    pub fn merged_with(self, existing: Option<&MemoryEntry>) -> Option<MemoryEntry> {
        match existing {
            None => Some(self),
            Some(old) if old.origin.is_human() && !self.origin.is_human() => None,
            Some(old) => Some(MemoryEntry {
                use_count: old.use_count.max(self.use_count),
                created_at: old.created_at.min(self.created_at),
                ..self
            }),
        }
    }
}

/// Errors of a memory store.
#[derive(Debug, thiserror::Error)]
pub enum MemoryError {
    /// The backend failed (database down, query error).
    #[error("translation memory backend: {0}")]
    Backend(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// Persistence of the translation memory.
#[async_trait]
pub trait MemoryStore: Send + Sync {
    /// The entry of `pair` whose exact key is `key`.
    async fn lookup(&self, pair: &LangPair, key: &str) -> Result<Option<MemoryEntry>, MemoryError>;

    /// Entries of `pair` whose near key is `near_key` (candidates for a near-exact match).
    async fn lookup_near(
        &self,
        pair: &LangPair,
        near_key: &str,
    ) -> Result<Vec<MemoryEntry>, MemoryError>;

    /// Records an entry (upsert by pair and exact key, see [`MemoryEntry::merged_with`]).
    async fn record(&self, entry: MemoryEntry) -> Result<(), MemoryError>;

    /// Counts one more use of the entry of `pair` with exact key `key`.
    async fn bump_use(&self, pair: &LangPair, key: &str) -> Result<(), MemoryError>;

    /// All entries, or those of one pair (TMX export).
    async fn entries(&self, pair: Option<&LangPair>) -> Result<Vec<MemoryEntry>, MemoryError>;
}

/// How a remembered translation matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// Same segment.
    Exact,
    /// Same segment but for whitespace, punctuation or numbers.
    Near,
}

/// A translation found in memory, ready to use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemoryMatch {
    /// The remembered entry.
    pub entry: MemoryEntry,
    /// Exact or near.
    pub kind: MatchKind,
    /// The translation to use (numbers substituted for a near match).
    pub target: String,
}

/// Looks a segment up: exact match first, then a near-exact one whose numbers
/// can be substituted (human entries preferred, then the most used).
pub async fn find_match(
    store: &dyn MemoryStore,
    pair: &LangPair,
    source: &str,
) -> Result<Option<MemoryMatch>, MemoryError> {
    let key = SegmentKey::new(source, &pair.source);
    if let Some(entry) = store.lookup(pair, &key.exact).await? {
        let target = entry.target.clone();
        return Ok(Some(MemoryMatch {
            entry,
            kind: MatchKind::Exact,
            target,
        }));
    }
    let mut candidates = store.lookup_near(pair, &key.near).await?;
    candidates.sort_by_key(|e| {
        (
            std::cmp::Reverse(e.origin.is_human()),
            std::cmp::Reverse(e.use_count),
        )
    });
    for entry in candidates {
        if let Some(target) = adapt_near(&entry, source) {
            return Ok(Some(MemoryMatch {
                entry,
                kind: MatchKind::Near,
                target,
            }));
        }
    }
    Ok(None)
}

/// A translation memory held in memory, for tests and one-off runs.
#[derive(Debug, Default)]
pub struct InMemoryStore {
    inner: RwLock<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    exact: HashMap<(LangPair, String), MemoryEntry>,
    near: HashMap<(LangPair, String), Vec<String>>,
}

impl InMemoryStore {
    /// An empty memory.
    pub fn new() -> Self {
        InMemoryStore::default()
    }

    /// Number of entries.
    pub async fn len(&self) -> usize {
        self.inner.read().await.exact.len()
    }

    /// True when empty.
    pub async fn is_empty(&self) -> bool {
        self.len().await == 0
    }
}

#[async_trait]
impl MemoryStore for InMemoryStore {
    async fn lookup(&self, pair: &LangPair, key: &str) -> Result<Option<MemoryEntry>, MemoryError> {
        Ok(self
            .inner
            .read()
            .await
            .exact
            .get(&(pair.clone(), key.to_string()))
            .cloned())
    }

    async fn lookup_near(
        &self,
        pair: &LangPair,
        near_key: &str,
    ) -> Result<Vec<MemoryEntry>, MemoryError> {
        let inner = self.inner.read().await;
        let keys = inner.near.get(&(pair.clone(), near_key.to_string()));
        Ok(keys
            .into_iter()
            .flatten()
            .filter_map(|k| inner.exact.get(&(pair.clone(), k.clone())).cloned())
            .collect())
    }

    async fn record(&self, entry: MemoryEntry) -> Result<(), MemoryError> {
        let mut inner = self.inner.write().await;
        let id = (entry.pair.clone(), entry.key.clone());
        let Some(merged) = entry.merged_with(inner.exact.get(&id)) else {
            return Ok(());
        };
        let near_id = (merged.pair.clone(), merged.near_key.clone());
        let keys = inner.near.entry(near_id).or_default();
        if !keys.contains(&merged.key) {
            keys.push(merged.key.clone());
        }
        inner.exact.insert(id, merged);
        Ok(())
    }

    async fn bump_use(&self, pair: &LangPair, key: &str) -> Result<(), MemoryError> {
        if let Some(e) = self
            .inner
            .write()
            .await
            .exact
            .get_mut(&(pair.clone(), key.to_string()))
        {
            e.use_count += 1;
        }
        Ok(())
    }

    async fn entries(&self, pair: Option<&LangPair>) -> Result<Vec<MemoryEntry>, MemoryError> {
        let inner = self.inner.read().await;
        let mut all: Vec<MemoryEntry> = inner
            .exact
            .values()
            .filter(|e| pair.is_none_or(|p| &e.pair == p))
            .cloned()
            .collect();
        all.sort_by(|a, b| (&a.pair, a.created_at, &a.key).cmp(&(&b.pair, b.created_at, &b.key)));
        Ok(all)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vi_fr() -> LangPair {
        LangPair::new("vi", "fr")
    }

    #[tokio::test]
    async fn exact_and_near_matches() {
        let store = InMemoryStore::new();
        let engine = Origin::Engine {
            name: "test".into(),
            model: "m1".into(),
        };
        store
            .record(MemoryEntry::new(
                vi_fr(),
                "Có 1.115 người tham dự, tăng 3,5% so với năm 2023.",
                "Il y avait 1\u{202f}115 participants, soit 3,5\u{a0}% de plus qu'en 2023.",
                engine.clone(),
            ))
            .await
            .unwrap();
        let exact = find_match(
            &store,
            &vi_fr(),
            "Có  1.115 người tham dự, tăng 3,5% so với năm 2023.",
        )
        .await
        .unwrap()
        .unwrap();
        assert_eq!(exact.kind, MatchKind::Exact);
        let near = find_match(
            &store,
            &vi_fr(),
            "Có 2.300 người tham dự, tăng 4,25% so với năm 2024!",
        )
        .await
        .unwrap()
        .unwrap();
        assert_eq!(near.kind, MatchKind::Near);
        assert_eq!(
            near.target,
            "Il y avait 2\u{202f}300 participants, soit 4,25\u{a0}% de plus qu'en 2024."
        );
        assert!(find_match(&store, &vi_fr(), "Có 2.300 người vắng mặt.")
            .await
            .unwrap()
            .is_none());
        assert!(find_match(
            &store,
            &LangPair::new("vi", "en"),
            "Có 1.115 người tham dự, tăng 3,5% so với năm 2023."
        )
        .await
        .unwrap()
        .is_none());
    }

    #[tokio::test]
    async fn human_entries_win_and_uses_are_counted() {
        let store = InMemoryStore::new();
        let src = "Tổng thống Putin tới Kursk.";
        let human = MemoryEntry::new(
            vi_fr(),
            src,
            "Le président Poutine s'est rendu à Koursk.",
            Origin::Human {
                editor: Some("lan".into()),
            },
        );
        let key = human.key.clone();
        store.record(human).await.unwrap();
        store.bump_use(&vi_fr(), &key).await.unwrap();
        let machine = MemoryEntry::new(
            vi_fr(),
            src,
            "Le président Putin est arrivé à Kursk.",
            Origin::Engine {
                name: "e".into(),
                model: "m".into(),
            },
        );
        store.record(machine).await.unwrap();
        let got = store.lookup(&vi_fr(), &key).await.unwrap().unwrap();
        assert!(got.origin.is_human());
        assert_eq!(got.use_count, 1);
        let correction = MemoryEntry::new(
            vi_fr(),
            src,
            "Le président Poutine est arrivé à Koursk.",
            Origin::Human { editor: None },
        );
        store.record(correction).await.unwrap();
        let got = store.lookup(&vi_fr(), &key).await.unwrap().unwrap();
        assert_eq!(got.target, "Le président Poutine est arrivé à Koursk.");
        assert_eq!(got.use_count, 1);
        assert_eq!(store.entries(Some(&vi_fr())).await.unwrap().len(), 1);
    }
}
