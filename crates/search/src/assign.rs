//! Placing a new article in a story, online, from what the index holds.
//!
//! 1. **Candidates**: a BM25 query over the index (the article's 16 most
//!    distinctive title and lead words, by background IDF, in the title and
//!    lead fields) restricted to the article's language and to
//!    articles published within the window before it (and a little after,
//!    for late arrivals). At most [`AssignConfig::candidates`] are read back.
//! 2. **Copies**: a candidate whose lead and body share most of their
//!    4-syllable shingles with the article's (containment ≥
//!    [`AssignConfig::copy_containment`]) is the same article syndicated or
//!    edited: it joins that story whatever the words weigh.
//! 3. **Follow-ups**: otherwise the score is the TF-IDF cosine (syllable
//!    unigrams and bigrams, names ×4, IDF from the shipped background table
//!    so a young corpus does not call "Hà Nội" distinctive) lowered linearly
//!    with the time between the two, by up to [`AssignConfig::time_decay`] at
//!    the window's edge. The best candidate at or above
//!    [`AssignConfig::threshold`] gives the story.
//!
//! Everything is deterministic: ties go to the smaller article id.

use std::collections::{BTreeMap, HashSet};
use std::ops::Bound;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::tokenizer::TokenStream;
use tantivy::{DocAddress, Order, TantivyDocument, Term};
use unicode_normalization::UnicodeNormalization;

use crate::analysis::Family;
use crate::background::Background;
use crate::index::{normalize_lang, Part};
use crate::related::RelatedArticle;
use crate::text::{features, is_stopword};
use crate::{SearchError, SearchIndex};

/// How stories are formed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AssignConfig {
    /// Earlier articles count only when published within this time before
    /// the new one (ms). Running stories have quiet spells of a week or more.
    pub window_ms: i64,
    /// Least score (0 to 1) to join a story.
    pub threshold: f64,
    /// Share of the cosine lost at the window's edge (0: no decay).
    pub time_decay: f64,
    /// Least share of the smaller text's shingles found in the other for two
    /// articles to be copies of one another.
    pub copy_containment: f64,
    /// Candidates read back from the index and scored.
    pub candidates: usize,
}

impl Default for AssignConfig {
    fn default() -> Self {
        AssignConfig {
            window_ms: 14 * DAY_MS,
            threshold: 0.25,
            time_decay: 0.4,
            copy_containment: 0.5,
            candidates: 8,
        }
    }
}

const DAY_MS: i64 = 86_400_000;
/// Words of the title and lead the candidate query uses.
const QUERY_TERMS: usize = 16;
/// Words found in more than 1/this of the index's lead fields are left out
/// of the candidate query...
const MAX_DOC_FREQ_SHARE: u64 = 50;
/// ...unless the index is small (every word counts then)...
const MIN_DOC_FREQ_CEILING: u64 = 500;
/// ...and never below this many words.
const MIN_QUERY_TERMS: usize = 4;
/// The related block's section part looks this far around the article
/// (ms): a block rendered later also shows what followed it.
const RELATED_RECENT_MS: i64 = 60 * DAY_MS;
/// Characters of a body that are scored: the top of an article says what
/// it is about, and long bodies would cost time for nothing.
const SCORED_BODY_CHARS: usize = 3_000;

/// A new article, as the story assigner needs it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoryCandidate {
    /// The article.
    pub id: i64,
    /// Source language (BCP 47).
    pub lang: String,
    /// Headline.
    pub title: String,
    /// Lead, plain text.
    pub lead: String,
    /// Body, plain text.
    pub body: String,
    /// Original publication time (ms).
    pub published_at: i64,
    /// Its section, when filed (used by the related block).
    pub section_id: Option<i64>,
    /// The publisher's tags (keywords), if any.
    pub tags: Vec<String>,
}

/// Why an article joins a story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MatchReason {
    /// The same text at another publisher (or an edited version).
    Copy {
        /// Share of the smaller text's shingles found in the other.
        containment: f64,
    },
    /// A follow-up or another account of the same event.
    Similar {
        /// TF-IDF cosine before the time decay.
        cosine: f64,
        /// Days between the two publications.
        days_apart: f64,
        /// The shared terms contributing most, strongest first.
        shared_terms: Vec<String>,
        /// Publisher tags both carry (normalized), which added to the score.
        shared_tags: Vec<String>,
    },
}

/// The story a new article joins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryMatch {
    /// The earlier article it matched best.
    pub article_id: i64,
    /// That article's story, as indexed; None when it was indexed without one
    /// (then both start a new story together).
    pub story_id: Option<i64>,
    /// The score that decided (1.0 for copies), 0 to 1.
    pub score: f64,
    /// Why.
    pub reason: MatchReason,
}

/// Which indexed articles [`StoryAssigner::retrieve`] reads back.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Scope {
    /// Published within (ms, inclusive).
    pub(crate) range: Option<(i64, i64)>,
    /// In this section.
    pub(crate) section: Option<i64>,
    /// All of this story, oldest first (no text query), at most this many.
    pub(crate) story: Option<(i64, usize)>,
    /// Not in this story.
    pub(crate) not_story: Option<i64>,
    /// Candidates read back instead of [`AssignConfig::candidates`].
    pub(crate) candidates: Option<usize>,
}

/// An indexed article read back for scoring.
#[derive(Debug, Clone)]
pub(crate) struct Stored {
    pub(crate) article_id: i64,
    pub(crate) story_id: Option<i64>,
    pub(crate) published_at: i64,
    pub(crate) vector: Vec<(String, f32)>,
    pub(crate) shingles: HashSet<u64>,
    pub(crate) tags: Vec<String>,
}

/// Places new articles in stories and builds their related blocks from the
/// search index. Cheap to create; holds no state of its own.
#[derive(Debug, Clone)]
pub struct StoryAssigner {
    config: AssignConfig,
    background: Arc<Background>,
}

impl Default for StoryAssigner {
    fn default() -> Self {
        StoryAssigner::new(AssignConfig::default())
    }
}

impl StoryAssigner {
    /// An assigner with the shipped background document frequencies.
    pub fn new(config: AssignConfig) -> StoryAssigner {
        StoryAssigner {
            config,
            background: Background::shipped(),
        }
    }

    /// An assigner with another background table (the format
    /// [`crate::background_table`] writes), e.g. one built from a site's own
    /// archive once it has thousands of articles.
    pub fn with_background(config: AssignConfig, table: &str) -> StoryAssigner {
        StoryAssigner {
            config,
            background: Arc::new(Background::parse(table)),
        }
    }

    /// The configuration in use.
    pub fn config(&self) -> AssignConfig {
        self.config
    }

    /// The story `candidate` joins, or None for a new story. The candidate
    /// itself, if already indexed, is never its own match.
    pub fn assign(
        &self,
        index: &SearchIndex,
        candidate: &StoryCandidate,
    ) -> Result<Option<StoryMatch>, SearchError> {
        Ok(self
            .closest(index, candidate)?
            .filter(|b| b.score >= self.config.threshold))
    }

    /// The best-scoring earlier article whatever its score (what
    /// [`StoryAssigner::assign`] decides on): for logs and editors, a near miss
    /// explains why an article started a new story.
    pub fn closest(
        &self,
        index: &SearchIndex,
        candidate: &StoryCandidate,
    ) -> Result<Option<StoryMatch>, SearchError> {
        let from = candidate.published_at.saturating_sub(self.config.window_ms);
        // Symmetric: workers classify concurrently and sitemaps list newest
        // first, so a story's later articles are often filed before its first.
        let to = candidate.published_at.saturating_add(self.config.window_ms);
        let hits = self.retrieve(
            index,
            candidate,
            Scope {
                range: Some((from, to)),
                ..Scope::default()
            },
        )?;
        let own = self.profile(candidate);
        Ok(self.best_match(&own, hits))
    }

    /// What an article is compared by: its vector, shingles and tags.
    pub(crate) fn profile(&self, candidate: &StoryCandidate) -> Profile {
        Profile {
            published_at: candidate.published_at,
            vector: self.vector(&story_text(candidate)),
            shingles: shingles(&format!("{}\n{}", candidate.lead, top_of(&candidate.body))),
            tags: candidate.tags.iter().map(|t| tag_key(t)).collect(),
        }
    }

    /// The best-scoring of `hits` for an article (ties to the smaller id).
    pub(crate) fn best_match(&self, own: &Profile, hits: Vec<Stored>) -> Option<StoryMatch> {
        let mut best: Option<StoryMatch> = None;
        for hit in hits {
            let found = self.score(own, &hit);
            let better = match &best {
                None => true,
                Some(b) => {
                    found.score > b.score
                        || (found.score == b.score && found.article_id < b.article_id)
                }
            };
            if better {
                best = Some(found);
            }
        }
        best
    }

    /// How well `hit` continues the article of `own`: a copy scores 1, else
    /// the cosine lowered with the time between them, plus shared tags.
    fn score(&self, own: &Profile, hit: &Stored) -> StoryMatch {
        let gap = (hit.published_at - own.published_at).abs();
        let containment = containment(&own.shingles, &hit.shingles);
        if containment >= self.config.copy_containment {
            return StoryMatch {
                article_id: hit.article_id,
                story_id: hit.story_id,
                score: 1.0,
                reason: MatchReason::Copy { containment },
            };
        }
        let cosine = cosine(&own.vector, &hit.vector);
        let decay =
            1.0 - self.config.time_decay * (gap as f64 / self.config.window_ms.max(1) as f64);
        let shared_tags: Vec<String> = own
            .tags
            .iter()
            .filter(|t| hit.tags.contains(t))
            .cloned()
            .collect();
        let bonus = if cosine >= TAG_MIN_COSINE {
            shared_tags
                .iter()
                .map(|t| tag_bonus(t))
                .sum::<f64>()
                .min(TAG_MAX_BONUS)
        } else {
            0.0
        };
        StoryMatch {
            article_id: hit.article_id,
            story_id: hit.story_id,
            score: (cosine * decay.clamp(0.0, 1.0) + bonus).clamp(0.0, 1.0),
            reason: MatchReason::Similar {
                cosine,
                days_apart: gap as f64 / DAY_MS as f64,
                shared_terms: shared_terms(&own.vector, &hit.vector, 5),
                shared_tags,
            },
        }
    }

    /// The related block of an article: first the other articles of its
    /// story (`story_id`), oldest first; then, while fewer than `limit`, the
    /// most similar articles of its section published within 60 days of it,
    /// by cosine. Never
    /// the article itself, nor a copy of it or of an article already listed.
    pub fn related(
        &self,
        index: &SearchIndex,
        candidate: &StoryCandidate,
        story_id: Option<i64>,
        limit: usize,
    ) -> Result<Vec<RelatedArticle>, SearchError> {
        let vector = self.vector(&story_text(candidate));
        let own = shingles(&format!("{}\n{}", candidate.lead, top_of(&candidate.body)));
        let mut chosen: Vec<(RelatedArticle, HashSet<u64>)> = Vec::new();
        let take = |hit: Stored, chosen: &mut Vec<(RelatedArticle, HashSet<u64>)>| {
            let copy =
                |s: &HashSet<u64>| containment(s, &hit.shingles) >= self.config.copy_containment;
            if hit.article_id == candidate.id
                || copy(&own)
                || chosen
                    .iter()
                    .any(|(r, s)| r.id == hit.article_id || copy(s))
            {
                return;
            }
            let score = cosine(&vector, &hit.vector);
            chosen.push((
                RelatedArticle {
                    id: hit.article_id,
                    score,
                    shared_terms: shared_terms(&vector, &hit.vector, 5),
                },
                hit.shingles,
            ));
        };
        if let Some(story) = story_id {
            let mut same = self.retrieve(
                index,
                candidate,
                Scope {
                    story: Some((story, limit * 3)),
                    ..Scope::default()
                },
            )?;
            same.sort_by(|a, b| {
                a.published_at
                    .cmp(&b.published_at)
                    .then_with(|| a.article_id.cmp(&b.article_id))
            });
            for hit in same {
                if chosen.len() >= limit {
                    break;
                }
                take(hit, &mut chosen);
            }
        }
        if chosen.len() < limit {
            let recent = (
                candidate.published_at.saturating_sub(RELATED_RECENT_MS),
                candidate.published_at.saturating_add(RELATED_RECENT_MS),
            );
            let mut similar = self.retrieve(
                index,
                candidate,
                Scope {
                    range: Some(recent),
                    section: candidate.section_id,
                    ..Scope::default()
                },
            )?;
            let mut scored: Vec<(f64, Stored)> = similar
                .drain(..)
                .map(|h| (cosine(&vector, &h.vector), h))
                .collect();
            scored.sort_by(|a, b| {
                b.0.total_cmp(&a.0)
                    .then_with(|| a.1.article_id.cmp(&b.1.article_id))
            });
            for (_, hit) in scored {
                if chosen.len() >= limit {
                    break;
                }
                take(hit, &mut chosen);
            }
        }
        Ok(chosen.into_iter().map(|(r, _)| r).collect())
    }

    /// The most central of a story's articles (the greatest summed cosine
    /// with the others; ties to the earliest, then the smaller id): its
    /// title is the story's title. None for no articles.
    pub fn central_article(&self, articles: &[StoryCandidate]) -> Option<i64> {
        let vectors: Vec<Vec<(String, f32)>> = articles
            .iter()
            .map(|a| self.vector(&story_text(a)))
            .collect();
        let mut best: Option<(f64, i64, i64)> = None;
        for (i, a) in articles.iter().enumerate() {
            let total: f64 = vectors
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, v)| vectors.get(i).map_or(0.0, |own| cosine(own, v)))
                .sum();
            let better = match best {
                None => true,
                Some((t, at, id)) => {
                    total > t + 1e-12
                        || ((total - t).abs() <= 1e-12 && (a.published_at, a.id) < (at, id))
                }
            };
            if better {
                best = Some((total, a.published_at, a.id));
            }
        }
        best.map(|(_, _, id)| id)
    }

    /// Unit TF-IDF vector of a text, sorted by term.
    fn vector(&self, text: &str) -> Vec<(String, f32)> {
        let mut counts: BTreeMap<String, (f32, f32)> = BTreeMap::new();
        for (feature, weight) in features(text) {
            let entry = counts.entry(feature).or_default();
            entry.0 += 1.0;
            entry.1 = entry.1.max(weight);
        }
        let mut v: Vec<(String, f32)> = counts
            .into_iter()
            .map(|(term, (count, weight))| {
                let w = (1.0 + count.ln()) * weight * self.background.idf(&term);
                (term, w)
            })
            .collect();
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, w) in v.iter_mut() {
                *w /= norm;
            }
        }
        v
    }

    /// Reads back the indexed articles a query finds: the candidate's most
    /// distinctive words, in its language, within the scope's range (ms,
    /// inclusive), section, and outside its `not_story`; or, with `story`,
    /// the story's oldest articles in publication order.
    pub(crate) fn retrieve(
        &self,
        index: &SearchIndex,
        candidate: &StoryCandidate,
        scope: Scope,
    ) -> Result<Vec<Stored>, SearchError> {
        let Scope {
            range,
            section,
            story,
            not_story,
            candidates,
        } = scope;
        let inner = &index.inner;
        let f = &inner.fields;
        let lang = normalize_lang(&candidate.lang);
        let Some(family) = Family::for_lang(&lang).first().copied() else {
            return Ok(Vec::new());
        };
        let mut filters: Vec<(Occur, Box<dyn Query>)> = vec![(
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_text(f.lang, &lang),
                IndexRecordOption::Basic,
            )),
        )];
        if let Some((from, to)) = range {
            filters.push((
                Occur::Must,
                Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_i64(f.published_at, from)),
                    Bound::Included(Term::from_field_i64(f.published_at, to)),
                )),
            ));
        }
        if let Some(section) = section {
            filters.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_i64(f.section_id, section),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        if let Some(other) = not_story {
            filters.push((
                Occur::MustNot,
                Box::new(TermQuery::new(
                    Term::from_field_i64(f.story_id, other),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        let limit = if let Some((story, limit_by_date)) = story {
            filters.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_i64(f.story_id, story),
                    IndexRecordOption::Basic,
                )),
            ));
            // The story's oldest articles: enough for the block even when
            // some are copies of one another.
            limit_by_date.max(1)
        } else {
            let words = self.query_words(index, family, candidate);
            if words.is_empty() {
                return Ok(Vec::new());
            }
            let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for word in &words {
                // Title and lead say what an article is about, and their
                // postings are a fraction of the body's: the query stays fast
                // at hundreds of thousands of articles.
                for (part, boost) in [(Part::Title, 2.0), (Part::Lead, 1.5)] {
                    if let Some(field) = f.text(family, part) {
                        should.push((
                            Occur::Should,
                            Box::new(BoostQuery::new(
                                Box::new(TermQuery::new(
                                    Term::from_field_text(field, word),
                                    IndexRecordOption::WithFreqs,
                                )),
                                boost,
                            )),
                        ));
                    }
                }
            }
            filters.push((Occur::Must, Box::new(BooleanQuery::new(should))));
            candidates.unwrap_or(self.config.candidates).max(1)
        };
        let query = BooleanQuery::new(filters);
        let searcher = inner.reader.searcher();
        let top: Vec<DocAddress> = if story.is_some() {
            searcher
                .search(
                    &query,
                    &TopDocs::with_limit(limit)
                        .order_by_fast_field::<i64>("published_at", Order::Asc),
                )?
                .into_iter()
                .map(|(_, a)| a)
                .collect()
        } else {
            searcher
                .search(&query, &TopDocs::with_limit(limit).order_by_score())?
                .into_iter()
                .map(|(_, a)| a)
                .collect()
        };
        let mut out = Vec::with_capacity(top.len());
        for address in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let int = |field| doc.get_first(field).and_then(|v| v.as_i64());
            let text = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            let Some(article_id) = int(f.article_id) else {
                continue;
            };
            if article_id == candidate.id {
                continue;
            }
            let (title, lead) = (text(f.title), text(f.lead));
            let body = top_of(&text(f.body));
            let tags = doc
                .get_all(f.tags)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect();
            out.push(Stored {
                tags,
                article_id,
                story_id: int(f.story_id),
                published_at: int(f.published_at).unwrap_or(candidate.published_at),
                vector: self.vector(&format!("{title}.\n{title}.\n{lead}\n{body}")),
                shingles: shingles(&format!("{lead}\n{body}")),
            });
        }
        Ok(out)
    }

    /// The candidate's title and lead words that find its story: analyzed
    /// like the index, function words dropped, the most distinctive first.
    fn query_words(
        &self,
        index: &SearchIndex,
        family: Family,
        candidate: &StoryCandidate,
    ) -> Vec<String> {
        let Some(mut analyzer) = index.inner.index.tokenizers().get(&family.tokenizer_name())
        else {
            return Vec::new();
        };
        let text: String = format!("{} {}", candidate.title, candidate.lead)
            .nfc()
            .collect();
        let mut words: Vec<String> = Vec::new();
        let mut stream = analyzer.token_stream(&text);
        while stream.advance() {
            let word = stream.token().text.clone();
            if !is_stopword(&word) && !words.contains(&word) {
                words.push(word);
            }
        }
        let mut weighted: Vec<(f32, String)> = words
            .into_iter()
            .map(|w| (self.background.idf(&w), w))
            .collect();
        weighted.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        // Words in a large share of the index find everything and cost the
        // most (their postings are the longest): like Lucene's MoreLikeThis
        // `maxDocFreq`, leave them out, but keep the rarest few whatever.
        let searcher = index.inner.reader.searcher();
        let ceiling = (searcher.num_docs() / MAX_DOC_FREQ_SHARE).max(MIN_DOC_FREQ_CEILING);
        let lead_field = index.inner.fields.text(family, Part::Lead);
        let mut kept: Vec<String> = Vec::new();
        let mut common: Vec<(u64, String)> = Vec::new();
        for (_, word) in weighted {
            if kept.len() >= QUERY_TERMS {
                break;
            }
            let df = lead_field
                .and_then(|field| searcher.doc_freq(&Term::from_field_text(field, &word)).ok())
                .unwrap_or(0);
            if df <= ceiling {
                kept.push(word);
            } else {
                common.push((df, word));
            }
        }
        if kept.len() < MIN_QUERY_TERMS {
            common.sort();
            kept.extend(
                common
                    .into_iter()
                    .take(MIN_QUERY_TERMS - kept.len())
                    .map(|(_, w)| w),
            );
        }
        kept
    }
}

/// What an article is compared by (see [`StoryAssigner::profile`]).
#[derive(Debug, Clone)]
pub(crate) struct Profile {
    pub(crate) published_at: i64,
    pub(crate) vector: Vec<(String, f32)>,
    pub(crate) shingles: HashSet<u64>,
    pub(crate) tags: Vec<String>,
}

/// Publisher tags shared with an earlier article add to the score, a
/// little for a short tag (a place: "Huế", "Hà Nội") and more for a long one
/// (a series: "mưa lũ miền Trung"), but only when the texts already share
/// something: tags confirm a follow-up whose wording drifted (from floods to
/// schools reopening), they do not make one.
const TAG_MIN_COSINE: f64 = 0.05;
/// Most the tags can add.
const TAG_MAX_BONUS: f64 = 0.2;

fn tag_bonus(tag: &str) -> f64 {
    match tag.split(' ').count() {
        0 | 1 => 0.03,
        2 => 0.05,
        _ => 0.15,
    }
}

/// A tag as indexed and compared: NFC, lowercase, single spaces.
pub(crate) fn tag_key(tag: &str) -> String {
    tag.nfc()
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text compared: the title counts twice, it says what the article is about.
fn story_text(c: &StoryCandidate) -> String {
    format!("{t}.\n{t}.\n{}\n{}", c.lead, top_of(&c.body), t = c.title)
}

/// The first [`SCORED_BODY_CHARS`] characters of a body.
fn top_of(body: &str) -> String {
    body.chars().take(SCORED_BODY_CHARS).collect()
}

pub(crate) fn cosine(a: &[(String, f32)], b: &[(String, f32)]) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0f32);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.0.cmp(&y.0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += x.1 * y.1;
                i += 1;
                j += 1;
            }
        }
    }
    f64::from(sum).clamp(0.0, 1.0)
}

pub(crate) fn shared_terms(a: &[(String, f32)], b: &[(String, f32)], n: usize) -> Vec<String> {
    let b: BTreeMap<&str, f32> = b.iter().map(|(t, w)| (t.as_str(), *w)).collect();
    let mut products: Vec<(f32, &str)> = a
        .iter()
        .filter_map(|(t, w)| b.get(t.as_str()).map(|v| (w * v, t.as_str())))
        .collect();
    products.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| x.1.cmp(y.1)));
    products
        .into_iter()
        .take(n)
        .map(|(_, t)| t.to_string())
        .collect()
}

/// Hashes of the text's 4-syllable shingles (lowercase, NFC).
fn shingles(text: &str) -> HashSet<u64> {
    let text: String = text.nfc().collect::<String>().to_lowercase();
    let words: Vec<&str> = text
        .split(|c: char| !crate::analysis::is_word_char(c))
        .filter(|w| !w.is_empty())
        .collect();
    words
        .windows(4)
        .map(|w| {
            // FNV-1a: stable across runs and platforms, unlike the std hasher.
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for b in w.join(" ").bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
            h
        })
        .collect()
}

/// Share of the smaller set found in the other (0 when either is empty).
pub(crate) fn containment(a: &HashSet<u64>, b: &HashSet<u64>) -> f64 {
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / smaller as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edited_copy_contains_most_of_the_original_shingles() {
        let original = "Mưa lớn kéo dài từ đêm qua khiến nước sông Trà Khúc dâng nhanh, hàng trăm ngôi nhà ở vùng trũng bị ngập. Chính quyền huy động dân quân túc trực.";
        let copy = "Mưa lớn kéo dài từ đêm qua khiến nước sông Trà Khúc dâng nhanh, trên trăm ngôi nhà ở vùng trũng bị ngập.";
        let other = "Giá vàng miếng SJC lập đỉnh mới, người mua xếp hàng từ sáng sớm trên phố Trần Nhân Tông.";
        let (a, b, c) = (shingles(original), shingles(copy), shingles(other));
        assert!(containment(&a, &b) >= 0.5, "{}", containment(&a, &b));
        assert_eq!(containment(&a, &c), 0.0);
        assert_eq!(containment(&a, &HashSet::new()), 0.0);
        // Case and composition do not matter.
        assert_eq!(shingles(&original.to_uppercase()), a);
    }

    #[test]
    fn tags_compare_without_case_or_spacing_and_long_tags_weigh_more() {
        assert_eq!(tag_key("  Mưa lũ   miền Trung "), "mưa lũ miền trung");
        assert!(tag_bonus("mưa lũ miền trung") > tag_bonus("hà nội"));
        assert!(tag_bonus("hà nội") > tag_bonus("huế"));
    }

    #[test]
    fn cosine_of_unit_vectors_by_term() {
        let a = vec![("bão".to_string(), 0.6), ("yagi".to_string(), 0.8)];
        let b = vec![("bão".to_string(), 1.0)];
        assert!((cosine(&a, &b) - 0.6).abs() < 1e-6);
        assert_eq!(shared_terms(&a, &b, 5), ["bão"]);
    }
}
