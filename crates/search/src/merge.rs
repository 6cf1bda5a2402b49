//! Stories that turn out to be one: merges proposed after the fact.
//!
//! Online assignment decides with what is indexed at the time. Two workers
//! filing two copies of one event at the same instant each start a story,
//! and a story's later article filed before the one that links it starts
//! another. Once everything is indexed, [`StoryAssigner::merge_candidates`]
//! asks, for every article of a time range, what [`StoryAssigner::assign`]
//! would say now if the article's own story did not exist: when its best
//! match in another story is a copy, or scores at least the join threshold,
//! the two stories are one event.
//!
//! Linked stories are grouped (a chain A–B–C is one group) and each group
//! keeps its oldest story (the smallest id): the binary re-points the
//! others' articles to it. Deterministic: articles are read in publication
//! order, ties go to the smaller ids, the output is sorted.

use std::collections::BTreeMap;
use std::ops::Bound;

use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::query::RangeQuery;
use tantivy::schema::Value;
use tantivy::{Order, TantivyDocument, Term};

use crate::assign::Scope;
use crate::{MatchReason, SearchError, SearchIndex, StoryAssigner, StoryCandidate};

/// Indexed versions read at most per call (the newest are dropped beyond).
pub const MAX_MERGE_SCAN: usize = 50_000;

/// Two stories that are one event: re-point `absorb`'s articles to `keep`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryMerge {
    /// The story that stays (the smallest id of its group: the oldest).
    pub keep: i64,
    /// The story to fold into `keep`.
    pub absorb: i64,
    /// The strongest link between `absorb` and its group (1.0 for copies), 0 to 1.
    pub score: f64,
    /// The article of `absorb` that links it...
    pub article_id: i64,
    /// ...to this article, of the story `via` (`keep` or another story of
    /// the group).
    pub matched_article_id: i64,
    /// The story of `matched_article_id`.
    pub via: i64,
    /// Why the two articles are one event.
    pub reason: MatchReason,
}

impl StoryMerge {
    /// One line for a log or an editor, e.g. "story 12 into 7: article 40 is a
    /// copy of article 31 (story 7, containment 0.93)".
    pub fn explain(&self) -> String {
        let how = match &self.reason {
            MatchReason::Copy { containment } => format!(
                "is a copy of article {} (story {}, containment {containment:.2})",
                self.matched_article_id, self.via
            ),
            MatchReason::Similar {
                cosine,
                days_apart,
                shared_terms,
                ..
            } => format!(
                "follows article {} (story {}, score {:.2}: cosine {cosine:.2}, {days_apart:.1} days apart, shared: {})",
                self.matched_article_id,
                self.via,
                self.score,
                shared_terms.join(", ")
            ),
        };
        format!(
            "story {} into {}: article {} {how}",
            self.absorb, self.keep, self.article_id
        )
    }
}

/// A link found from one article to another story.
#[derive(Debug, Clone)]
struct Link {
    from_story: i64,
    to_story: i64,
    article_id: i64,
    matched_article_id: i64,
    score: f64,
    reason: MatchReason,
}

impl StoryAssigner {
    /// Stories of the index that are one event, from the articles published
    /// in `[from_ms, to_ms]` (inclusive; their matches may lie up to the
    /// assigner's window outside it). Each article is compared, like
    /// [`StoryAssigner::assign`] does, with the indexed articles of *other*
    /// stories; a copy, or a score at or above the join threshold, links
    /// the two stories. Linked stories form groups; each group keeps its
    /// smallest story id and absorbs the others. Sorted by (`keep`,
    /// `absorb`). Articles indexed without a story are ignored.
    ///
    /// Cost: one candidate query per article (about as much as `assign`);
    /// at most [`MAX_MERGE_SCAN`] indexed versions are read.
    pub fn merge_candidates(
        &self,
        index: &SearchIndex,
        from_ms: i64,
        to_ms: i64,
    ) -> Result<Vec<StoryMerge>, SearchError> {
        let articles = stored_in_range(index, from_ms, to_ms)?;
        let mut links: Vec<Link> = Vec::new();
        for (candidate, story) in &articles {
            let window = self.config().window_ms;
            let hits = self.retrieve(
                index,
                candidate,
                Scope {
                    range: Some((
                        candidate.published_at.saturating_sub(window),
                        candidate.published_at.saturating_add(window),
                    )),
                    not_story: Some(*story),
                    ..Scope::default()
                },
            )?;
            // Only articles placed in a story can link to one.
            let hits = hits
                .into_iter()
                .filter(|h| h.story_id.is_some_and(|s| s != *story))
                .collect();
            let own = self.profile(candidate);
            let Some(found) = self.best_match(&own, hits) else {
                continue;
            };
            let Some(to_story) = found.story_id else {
                continue;
            };
            if found.score >= self.config().threshold {
                links.push(Link {
                    from_story: *story,
                    to_story,
                    article_id: candidate.id,
                    matched_article_id: found.article_id,
                    score: found.score,
                    reason: found.reason,
                });
            }
        }
        Ok(group(links))
    }
}

/// The indexed versions published in `[from, to]` that have a story, oldest
/// first, as candidates with their story.
fn stored_in_range(
    index: &SearchIndex,
    from: i64,
    to: i64,
) -> Result<Vec<(StoryCandidate, i64)>, SearchError> {
    let f = &index.inner.fields;
    let query = RangeQuery::new(
        Bound::Included(Term::from_field_i64(f.published_at, from)),
        Bound::Included(Term::from_field_i64(f.published_at, to)),
    );
    let searcher = index.inner.reader.searcher();
    let top = searcher.search(
        &query,
        &TopDocs::with_limit(MAX_MERGE_SCAN).order_by_fast_field::<i64>("published_at", Order::Asc),
    )?;
    let mut out = Vec::with_capacity(top.len());
    for (_, address) in top {
        let doc: TantivyDocument = searcher.doc(address)?;
        let Some((candidate, Some(story))) = read_candidate(index, &doc) else {
            continue;
        };
        out.push((candidate, story));
    }
    // Publication order, then id: the links, and so the output, never
    // depend on the index's segment layout.
    out.sort_by_key(|(c, _)| (c.published_at, c.id));
    Ok(out)
}

/// An indexed version as a candidate, with its story.
pub(crate) fn read_candidate(
    index: &SearchIndex,
    doc: &TantivyDocument,
) -> Option<(StoryCandidate, Option<i64>)> {
    let f = &index.inner.fields;
    let int = |field| doc.get_first(field).and_then(|v| v.as_i64());
    let text = |field| {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    let candidate = StoryCandidate {
        id: int(f.article_id)?,
        lang: text(f.lang),
        title: text(f.title),
        lead: text(f.lead),
        body: text(f.body),
        published_at: int(f.published_at).unwrap_or(0),
        section_id: int(f.section_id),
        tags: doc
            .get_all(f.tags)
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
    };
    Some((candidate, int(f.story_id)))
}

/// Groups linked stories (union-find, the smallest id as root) and explains
/// each absorbed story by its strongest link within the group.
fn group(links: Vec<Link>) -> Vec<StoryMerge> {
    let mut parent: BTreeMap<i64, i64> = BTreeMap::new();
    fn root(parent: &mut BTreeMap<i64, i64>, s: i64) -> i64 {
        let mut r = s;
        while let Some(p) = parent.get(&r).copied() {
            if p == r {
                break;
            }
            r = p;
        }
        // Path compression.
        let mut x = s;
        while let Some(p) = parent.get(&x).copied() {
            if p == x {
                break;
            }
            parent.insert(x, r);
            x = p;
        }
        r
    }
    for link in &links {
        parent.entry(link.from_story).or_insert(link.from_story);
        parent.entry(link.to_story).or_insert(link.to_story);
        let (a, b) = (
            root(&mut parent, link.from_story),
            root(&mut parent, link.to_story),
        );
        if a != b {
            let (small, large) = if a < b { (a, b) } else { (b, a) };
            parent.insert(large, small);
        }
    }
    // Each absorbed story's strongest link (either direction), ties to the
    // smaller article ids.
    let mut best: BTreeMap<i64, StoryMerge> = BTreeMap::new();
    let stories: Vec<i64> = parent.keys().copied().collect();
    for story in stories {
        let keep = root(&mut parent, story);
        if keep == story {
            continue;
        }
        for link in &links {
            let (article_id, matched_article_id, via) = if link.from_story == story {
                (link.article_id, link.matched_article_id, link.to_story)
            } else if link.to_story == story {
                (link.matched_article_id, link.article_id, link.from_story)
            } else {
                continue;
            };
            let candidate = StoryMerge {
                keep,
                absorb: story,
                score: link.score,
                article_id,
                matched_article_id,
                via,
                reason: link.reason.clone(),
            };
            let better = match best.get(&story) {
                None => true,
                Some(b) => {
                    candidate.score > b.score
                        || (candidate.score == b.score
                            && (candidate.article_id, candidate.matched_article_id)
                                < (b.article_id, b.matched_article_id))
                }
            };
            if better {
                best.insert(story, candidate);
            }
        }
    }
    let mut out: Vec<StoryMerge> = best.into_values().collect();
    out.sort_by_key(|m| (m.keep, m.absorb));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(from_story: i64, to_story: i64, score: f64) -> Link {
        Link {
            from_story,
            to_story,
            article_id: from_story * 10,
            matched_article_id: to_story * 10,
            score,
            reason: MatchReason::Copy { containment: score },
        }
    }

    #[test]
    fn chains_form_one_group_that_keeps_the_smallest_story() {
        let merges = group(vec![link(9, 5, 0.4), link(5, 7, 0.3), link(20, 30, 1.0)]);
        let pairs: Vec<(i64, i64)> = merges.iter().map(|m| (m.keep, m.absorb)).collect();
        assert_eq!(pairs, [(5, 7), (5, 9), (20, 30)]);
        // 7 is explained by its own link (to 5), from 7's side.
        let seven = &merges[0];
        assert_eq!(
            (seven.article_id, seven.matched_article_id, seven.via),
            (70, 50, 5)
        );
        assert!(merges[2].explain().contains("story 30 into 20"));
        assert!(group(Vec::new()).is_empty());
    }
}
