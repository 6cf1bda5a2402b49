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

use crate::related::{RelatedArticle, DUPLICATE_SIMILARITY, MIN_RELATED_SIMILARITY};
use crate::text::{dot, idf, normalize, term_frequencies, Sparse, TextDoc, Vocabulary};

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
            threshold: 0.12,
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

/// The article's terms (by TF-IDF weight) that find candidate stories.
const CANDIDATE_TERMS: usize = 24;
/// Stories compared in full, those sharing the most distinctive terms.
const CANDIDATE_STORIES: usize = 64;
/// Articles scored by [`StoryClusterer::similar`], those sharing the most distinctive terms.
const CANDIDATE_ARTICLES: usize = 400;
/// Articles of one story compared (its latest within the window).
const MEMBERS_PER_STORY: usize = 48;

#[derive(Debug, Clone)]
struct Member {
    id: i64,
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
    /// Publication time of the newest article added.
    latest: i64,
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
        let at = doc.published_at.unwrap_or(self.latest);
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
        // Candidate stories share one of the article's most distinctive
        // terms (highest TF-IDF weight): an article whose best terms appear
        // nowhere in a story is not part of it. Looking only at those keeps
        // the cost independent of the corpus size.
        let mut distinctive: Vec<(u32, f32)> = query.iter().map(|(id, w)| (*id, *w)).collect();
        distinctive.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        distinctive.truncate(CANDIDATE_TERMS);
        let in_window = |m: &Member| (m.at - at).abs() <= self.config.window_ms;
        let mut shared: HashMap<i64, usize> = HashMap::new();
        let mut seen: std::collections::HashSet<u32> = std::collections::HashSet::new();
        for (id, _) in &distinctive {
            for &m in self.postings.get(id).map_or(&[][..], Vec::as_slice) {
                if !seen.insert(m) {
                    continue;
                }
                if let Some(member) = self.members.get(m as usize).filter(|m| in_window(m)) {
                    *shared.entry(member.topic).or_default() += 1;
                }
            }
        }
        let mut topics: Vec<(i64, usize)> = shared.into_iter().collect();
        topics.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        topics.truncate(CANDIDATE_STORIES);

        let mut closest: Option<(i64, f64)> = None;
        for (topic, _) in topics {
            // A story's latest articles in the window speak for it.
            let members: Vec<&Member> = self
                .by_topic
                .get(&topic)
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .rev()
                .filter_map(|m| self.members.get(*m as usize))
                .filter(|m| in_window(m))
                .take(MEMBERS_PER_STORY)
                .collect();
            let similarity = self.story_similarity(&query, norm, at, &members);
            let better = match closest {
                None => true,
                Some((best_topic, best)) => {
                    similarity > best || (similarity == best && topic < best_topic)
                }
            };
            if better {
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
        let at = doc.published_at.unwrap_or(self.latest);
        let tf = self.vocabulary.add(term_frequencies(&doc.text));
        let index = self.members.len() as u32;
        for (id, _) in &tf {
            self.postings.entry(*id).or_default().push(index);
        }
        self.by_topic.entry(topic).or_default().push(index);
        self.latest = self.latest.max(at);
        self.members.push(Member {
            id: doc.id,
            topic,
            at,
            tf,
        });
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

    /// "More like this" over every article added so far, at any date: the
    /// `limit` most similar articles that `accept` lets through (by article
    /// id: same section, same author…), with the same guarantees as
    /// [`crate::related`] (not the article itself, no duplicates, no copies).
    /// Only articles sharing one of the article's most distinctive terms are
    /// scored, so the cost does not grow with the corpus.
    pub fn similar(
        &self,
        doc: &TextDoc,
        limit: usize,
        accept: impl Fn(i64) -> bool,
    ) -> Vec<RelatedArticle> {
        let tf = term_frequencies(&doc.text);
        let docs = self.vocabulary.docs;
        let mut query: Sparse = Vec::with_capacity(tf.len());
        let mut norm = 0.0f32;
        for (term, w) in &tf {
            let (id, weight) = match self.vocabulary.ids.get(term) {
                Some(id) => (Some(*id), w * self.vocabulary.idf(*id)),
                None => (None, w * idf(0, docs)),
            };
            norm += weight * weight;
            if let Some(id) = id {
                query.push((id, weight));
            }
        }
        if norm == 0.0 {
            return Vec::new();
        }
        let norm = norm.sqrt();
        query.sort_unstable_by_key(|(id, _)| *id);
        for (_, w) in query.iter_mut() {
            *w /= norm;
        }
        let mut distinctive = query.clone();
        distinctive.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        distinctive.truncate(CANDIDATE_TERMS);
        let mut shared: HashMap<u32, usize> = HashMap::new();
        for (id, _) in &distinctive {
            for &m in self.postings.get(id).map_or(&[][..], Vec::as_slice) {
                *shared.entry(m).or_default() += 1;
            }
        }
        let mut candidates: Vec<(u32, usize)> = shared.into_iter().collect();
        candidates.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        candidates.truncate(CANDIDATE_ARTICLES);

        let mut scored: Vec<(f64, i64, Sparse)> = Vec::new();
        for (m, _) in candidates {
            let Some(member) = self.members.get(m as usize) else {
                continue;
            };
            if member.id == doc.id || !accept(member.id) || scored.iter().any(|s| s.1 == member.id)
            {
                continue;
            }
            let mut v: Sparse = member
                .tf
                .iter()
                .map(|(id, w)| (*id, w * self.vocabulary.idf(*id)))
                .collect();
            normalize(&mut v);
            let score = f64::from(dot(&query, &v));
            if (MIN_RELATED_SIMILARITY..DUPLICATE_SIMILARITY).contains(&score) {
                scored.push((score, member.id, v));
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let mut chosen: Vec<&(f64, i64, Sparse)> = Vec::new();
        for candidate in &scored {
            if chosen.len() >= limit {
                break;
            }
            let copy = chosen
                .iter()
                .any(|c| f64::from(dot(&c.2, &candidate.2)) >= DUPLICATE_SIMILARITY);
            if !copy {
                chosen.push(candidate);
            }
        }
        chosen
            .into_iter()
            .map(|(score, id, v)| RelatedArticle {
                id: *id,
                score: *score,
                shared_terms: crate::related::shared_terms(&query, v, &self.vocabulary, 5),
            })
            .collect()
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
