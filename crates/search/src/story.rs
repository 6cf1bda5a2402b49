//! Stories: grouping articles about one event or running story, online.
//!
//! Each incoming article is compared with the articles already placed in a
//! story within a time window around its publication (7 days by default).
//! Its similarity to a story is the best TF-IDF cosine with one of the
//! story's articles, lowered a little with the time between them: a running
//! story drifts from day to day (landfall, floods, relief), so comparing with
//! the nearest article follows it better than a story centroid would. Above
//! a threshold the article joins the story; otherwise it starts a new one.
//! Document frequencies grow as articles arrive, and weights are computed
//! with the current ones, so early articles are not judged by a tiny corpus.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::text::{idf, term_frequencies, Sparse, TextDoc, Vocabulary};

/// How stories are formed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StoryConfig {
    /// An article joins a story only through articles published within this
    /// time of it (ms).
    pub window_ms: i64,
    /// Least similarity (0 to 1) to join a story.
    pub threshold: f64,
    /// Share of the similarity lost at the edge of the window (0: no decay).
    pub time_decay: f64,
}

impl Default for StoryConfig {
    fn default() -> Self {
        StoryConfig {
            window_ms: 7 * 24 * 3_600_000,
            threshold: 0.15,
            time_decay: 0.3,
        }
    }
}

/// Where an article belongs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StoryAssignment {
    /// The existing story (topic id) it joins; None: it starts a new story.
    pub topic: Option<i64>,
    /// Its similarity to the closest story (whether joined or not), 0 to 1.
    pub similarity: f64,
}

#[derive(Debug, Clone)]
struct Member {
    topic: i64,
    at: i64,
    tf: Sparse,
}

/// Online story clustering over the articles it has been shown.
#[derive(Debug, Clone, Default)]
pub struct StoryClusterer {
    config: StoryConfig,
    vocabulary: Vocabulary,
    members: Vec<Member>,
    /// Term id → members containing it.
    postings: HashMap<u32, Vec<u32>>,
    /// Topic → its members.
    by_topic: HashMap<i64, Vec<u32>>,
}

impl StoryClusterer {
    /// An empty clusterer.
    pub fn new(config: StoryConfig) -> StoryClusterer {
        StoryClusterer {
            config,
            ..Default::default()
        }
    }

    /// The configuration in use.
    pub fn config(&self) -> StoryConfig {
        self.config
    }

    /// Number of articles placed in stories so far.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// True before any article was added.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// Finds the story `doc` belongs to, without recording it. An article
    /// without a publication time is compared as if published with the
    /// newest article seen.
    pub fn assign(&self, doc: &TextDoc) -> StoryAssignment {
        let at = doc
            .published_at
            .unwrap_or_else(|| self.members.iter().map(|m| m.at).max().unwrap_or(0));
        let tf = term_frequencies(&doc.text);
        let docs = self.vocabulary.docs;
        // The query's weights, including terms never seen (they count in its norm).
        let mut query: HashMap<u32, f32> = HashMap::with_capacity(tf.len());
        let mut norm = 0.0f32;
        for (term, w) in &tf {
            match self.vocabulary.ids.get(term) {
                Some(id) => {
                    let weight = w * self.vocabulary.idf(*id);
                    norm += weight * weight;
                    query.insert(*id, weight);
                }
                None => {
                    let weight = w * idf(0, docs);
                    norm += weight * weight;
                }
            }
        }
        let norm = norm.sqrt();
        if norm == 0.0 {
            return StoryAssignment {
                topic: None,
                similarity: 0.0,
            };
        }
        // Candidate stories share a term with the article that is not in a
        // large share of all documents (such a term alone cannot make two
        // articles one story); skipping those keeps the cost low on a big corpus.
        let common = if docs < 100 { usize::MAX } else { docs / 5 };
        let in_window = |m: &Member| (m.at - at).abs() <= self.config.window_ms;
        let mut seen = vec![false; self.members.len()];
        let mut topics: Vec<i64> = Vec::new();
        for id in query.keys() {
            let df = self
                .vocabulary
                .doc_freq
                .get(*id as usize)
                .copied()
                .unwrap_or(0);
            if df > common {
                continue;
            }
            for &m in self.postings.get(id).map_or(&[][..], Vec::as_slice) {
                let Some(flag) = seen.get_mut(m as usize) else {
                    continue;
                };
                if std::mem::replace(flag, true) {
                    continue;
                }
                if let Some(member) = self.members.get(m as usize).filter(|m| in_window(m)) {
                    topics.push(member.topic);
                }
            }
        }
        topics.sort_unstable();
        topics.dedup();

        let mut closest: Option<(i64, f64)> = None;
        for topic in topics {
            let members: Vec<&Member> = self
                .by_topic
                .get(&topic)
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .filter_map(|m| self.members.get(*m as usize))
                .filter(|m| in_window(m))
                .collect();
            let similarity = self.story_similarity(&query, norm, at, &members);
            if closest.is_none_or(|(_, best)| similarity > best) {
                closest = Some((topic, similarity));
            }
        }
        match closest {
            Some((topic, similarity)) if similarity >= self.config.threshold => StoryAssignment {
                topic: Some(topic),
                similarity,
            },
            Some((_, similarity)) => StoryAssignment {
                topic: None,
                similarity,
            },
            None => StoryAssignment {
                topic: None,
                similarity: 0.0,
            },
        }
    }

    /// Similarity of the query to a story: the better of its closest article
    /// (lowered with the time between them) and the story as a whole (the
    /// centroid of its articles in the window, which gathers the vocabulary a
    /// running story accumulates: landfall, floods, relief).
    fn story_similarity(
        &self,
        query: &HashMap<u32, f32>,
        query_norm: f32,
        at: i64,
        members: &[&Member],
    ) -> f64 {
        let mut best = 0.0f64;
        let mut centroid: BTreeMap<u32, f32> = BTreeMap::new();
        for member in members {
            let weights: Vec<(u32, f32)> = member
                .tf
                .iter()
                .map(|(id, w)| (*id, w * self.vocabulary.idf(*id)))
                .collect();
            let norm = weights.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            if norm == 0.0 {
                continue;
            }
            let dot: f32 = weights
                .iter()
                .filter_map(|(id, w)| query.get(id).map(|q| q * w))
                .sum();
            let gap = (member.at - at).abs() as f64;
            let decay = 1.0 - self.config.time_decay * gap / self.config.window_ms.max(1) as f64;
            best = best.max(f64::from(dot / (norm * query_norm)) * decay);
            for (id, w) in weights {
                *centroid.entry(id).or_default() += w / norm;
            }
        }
        if members.len() > 1 {
            let norm = centroid.values().map(|w| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                let dot: f32 = centroid
                    .iter()
                    .filter_map(|(id, w)| query.get(id).map(|q| q * w))
                    .sum();
                best = best.max(f64::from(dot / (norm * query_norm)));
            }
        }
        best.clamp(0.0, 1.0)
    }

    /// Records that `doc` belongs to story `topic` (an existing one from
    /// [`StoryClusterer::assign`], or one just created for it).
    pub fn add(&mut self, doc: &TextDoc, topic: i64) {
        let at = doc
            .published_at
            .unwrap_or_else(|| self.members.iter().map(|m| m.at).max().unwrap_or(0));
        let tf = self.vocabulary.add(term_frequencies(&doc.text));
        let index = self.members.len() as u32;
        for (id, _) in &tf {
            self.postings.entry(*id).or_default().push(index);
        }
        self.by_topic.entry(topic).or_default().push(index);
        self.members.push(Member { topic, at, tf });
    }

    /// Assigns `doc` and records it: in its story, or in a new story whose id
    /// `new_topic` gives. Returns the story id and the assignment.
    pub fn place(
        &mut self,
        doc: &TextDoc,
        new_topic: impl FnOnce() -> i64,
    ) -> (i64, StoryAssignment) {
        let assignment = self.assign(doc);
        let topic = assignment.topic.unwrap_or_else(new_topic);
        self.add(doc, topic);
        (topic, assignment)
    }

    /// Forgets articles published before `ms` (they can no longer be in any
    /// window that matters); document frequencies are kept.
    pub fn forget_before(&mut self, ms: i64) {
        self.members.retain(|m| m.at >= ms);
        self.postings.clear();
        self.by_topic.clear();
        for (index, member) in self.members.iter().enumerate() {
            for (id, _) in &member.tf {
                self.postings.entry(*id).or_default().push(index as u32);
            }
            self.by_topic
                .entry(member.topic)
                .or_default()
                .push(index as u32);
        }
    }
}
