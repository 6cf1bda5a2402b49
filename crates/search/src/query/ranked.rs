//! Ranking a reader's search in bounded time.
//!
//! A search is a conjunction of words, each a disjunction over the language's
//! fields (title, lead, body; for Vietnamese also without diacritics), so
//! tantivy cannot prune it (block-WAND applies to plain term unions and
//! intersections only): finding the ten best scores every match, and a word
//! found in most articles ("kinh tế", "economy") costs O(archive). Measured
//! on the scale example's 100,000 articles, collecting the top ten alone
//! costs as much as counting and collecting together, and fetching the
//! documents and making their snippets stays under 1.5 ms whatever the size.
//!
//! So a broad query is ranked among its newest matches: the newest slice of
//! the index (segments from the latest, each from its end: documents are
//! indexed as they are published, and `index rebuild` goes in article order)
//! that holds at least [`SCORED_MATCHES`] of them — every page a reader can
//! reach — is scored, the rest is not, and the total is extrapolated from
//! that slice. A query with fewer matches is ranked and counted exactly.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use tantivy::query::{EnableScoring, Query, Scorer};
use tantivy::{DocAddress, DocId, DocSet, Score, Searcher, TERMINATED};

use super::{MAX_LIMIT, MAX_OFFSET};

/// Matches scored at least before a broad query's ranking stops: the
/// deepest result pagination reaches, so that every reachable page is
/// filled from the same ranking.
pub(super) const SCORED_MATCHES: usize = MAX_OFFSET + MAX_LIMIT;

/// The best matches of a query, and how many there are.
pub(super) struct Ranked {
    /// Matches in all: exact, or estimated from the slice scored.
    pub(super) total: usize,
    /// True when `total` is an estimate.
    pub(super) estimated: bool,
    /// The requested page of matches, best first.
    pub(super) page: Vec<(Score, DocAddress)>,
}

/// A match in the heap of the best ones: ordered best first (higher score,
/// then the lower address, as tantivy's `TopDocs` breaks ties).
#[derive(Clone, Copy)]
struct Match {
    score: Score,
    address: DocAddress,
}

impl Ord for Match {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .score
            .total_cmp(&self.score)
            .then_with(|| self.address.cmp(&other.address))
    }
}

impl PartialOrd for Match {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Match {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Match {}

/// Ranks `query`'s matches by score and returns `limit` of them after
/// `offset`; a broad query's ranking stops after the newest slice holding
/// `scored` matches ([`SCORED_MATCHES`] for readers).
pub(super) fn top_by_score(
    searcher: &Searcher,
    query: &dyn Query,
    offset: usize,
    limit: usize,
    scored: usize,
) -> tantivy::Result<Ranked> {
    let weight = query.weight(EnableScoring::enabled_from_searcher(searcher))?;
    let segments = searcher.segment_readers();
    let all_docs: u64 = segments.iter().map(|r| u64::from(r.max_doc())).sum();
    // The archive as one timeline: segments from the newest (by their latest
    // publication time) back, each from its end (documents are added as they
    // are published). The slice is the timeline's newest `window` documents.
    let mut order: Vec<(i64, usize)> = segments
        .iter()
        .enumerate()
        .map(|(ord, r)| {
            let newest = r
                .fast_fields()
                .i64("published_at")
                .map_or(i64::MIN, |c| c.max_value());
            (newest, ord)
        })
        .collect();
    order.sort_unstable_by(|a, b| b.cmp(a));
    // The first slice is the smallest that can hold enough matches; it grows
    // by the density of matches seen. (tantivy's own estimate takes words as
    // independent, which they are not: "Hồ Chí Minh" is one name.)
    let mut window = all_docs.min(scored as u64);
    let wanted = offset.saturating_add(limit);
    // The best `wanted` so far; the heap's top is the worst of them.
    let mut best: BinaryHeap<Match> = BinaryHeap::with_capacity(wanted.min(scored) + 1);
    // Documents from `scored_from[ord]` to the segment's end are done.
    let mut scored_from: Vec<DocId> = segments.iter().map(|r| r.max_doc()).collect();
    let mut matched = 0usize;
    loop {
        let mut remaining = window;
        for &(_, ord) in &order {
            let reader = &segments[ord];
            let max_doc = reader.max_doc();
            let take = remaining.min(u64::from(max_doc));
            remaining -= take;
            let start = max_doc - take as DocId;
            let end = scored_from[ord];
            if start >= end {
                continue;
            }
            let mut scorer = weight.scorer(reader, 1.0)?;
            let mut doc = scorer.doc();
            if doc < start {
                doc = scorer.seek(start);
            }
            let alive = reader.alive_bitset();
            while doc < end && doc != TERMINATED {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    matched += 1;
                    if wanted > 0 {
                        let candidate = Match {
                            score: scorer.score(),
                            address: DocAddress::new(ord as u32, doc),
                        };
                        if best.len() < wanted {
                            best.push(candidate);
                        } else if best.peek().is_some_and(|worst| candidate < *worst) {
                            best.pop();
                            best.push(candidate);
                        }
                    }
                }
                doc = scorer.advance();
            }
            scored_from[ord] = start;
        }
        if window >= all_docs || matched >= scored {
            break;
        }
        // Too few in the slice: widen it by the density seen, at least twice.
        let factor = if matched == 0 {
            f64::INFINITY
        } else {
            (1.25 * scored as f64 / matched as f64).max(2.0)
        };
        window = ((window as f64 * factor).min(all_docs as f64) as u64).max(window + 1);
    }
    let scored_docs: u64 = segments
        .iter()
        .zip(&scored_from)
        .map(|(r, from)| u64::from(r.max_doc() - from))
        .sum();
    let estimated = scored_docs < all_docs;
    let total = if estimated && scored_docs > 0 {
        round_estimate(matched as f64 * all_docs as f64 / scored_docs as f64)
    } else {
        matched
    };
    let page = best
        .into_sorted_vec()
        .into_iter()
        .skip(offset)
        .map(|m| (m.score, m.address))
        .collect();
    Ok(Ranked {
        total,
        estimated,
        page,
    })
}

/// An estimate to two significant digits: "about 97,000", not "about 97,351".
fn round_estimate(x: f64) -> usize {
    if x < 100.0 {
        return x.round() as usize;
    }
    let unit = 10f64.powi(x.log10().floor() as i32 - 1);
    ((x / unit).round() * unit) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimates_keep_two_digits() {
        assert_eq!(round_estimate(42.4), 42);
        assert_eq!(round_estimate(97_351.0), 97_000);
        assert_eq!(round_estimate(1_049.0), 1_000);
        assert_eq!(round_estimate(1_050.0), 1_100);
    }

    use crate::{IndexDoc, SearchIndex, SearchQuery};
    use tantivy::collector::{Count, TopDocs};

    /// 300 weather reports, one storm in three, over three commits (segments).
    fn reports() -> SearchIndex {
        let index = SearchIndex::in_memory().unwrap();
        for id in 1..=300i64 {
            let storm = if id % 3 == 0 {
                " Bão số 3 đổ bộ."
            } else {
                ""
            };
            index
                .upsert(&IndexDoc {
                    article_id: id,
                    lang: "vi".into(),
                    title: format!("Thời tiết ngày {id}"),
                    body: format!("Trời nắng, có mưa rào.{storm}"),
                    published_at: Some(id * 1000),
                    ..IndexDoc::default()
                })
                .unwrap();
            if id % 100 == 0 {
                index.commit().unwrap();
            }
        }
        index
    }

    fn run(
        index: &SearchIndex,
        text: &str,
        offset: usize,
        limit: usize,
        scored: usize,
    ) -> (Ranked, Vec<i64>) {
        let searcher = index.inner.reader.searcher();
        let p = index
            .prepare(&SearchQuery {
                lang: "vi".into(),
                text: text.into(),
                ..SearchQuery::default()
            })
            .unwrap();
        let ranked = top_by_score(&searcher, &p.full, offset, limit, scored).unwrap();
        let ids = ranked
            .page
            .iter()
            .map(|(_, a)| {
                let doc: tantivy::TantivyDocument = searcher.doc(*a).unwrap();
                tantivy::schema::Value::as_i64(
                    &doc.get_first(index.inner.fields.article_id).unwrap(),
                )
                .unwrap()
            })
            .collect();
        (ranked, ids)
    }

    #[test]
    fn few_matches_rank_and_count_exactly() {
        let index = reports();
        let searcher = index.inner.reader.searcher();
        let p = index
            .prepare(&SearchQuery {
                lang: "vi".into(),
                text: "bão".into(),
                ..SearchQuery::default()
            })
            .unwrap();
        let exact = searcher
            .search(&p.full, &(Count, TopDocs::with_limit(30).order_by_score()))
            .unwrap();
        let ranked = top_by_score(&searcher, &p.full, 0, 30, 500).unwrap();
        assert!(!ranked.estimated);
        assert_eq!(ranked.total, exact.0);
        assert_eq!(ranked.total, 100);
        assert_eq!(ranked.page, exact.1);
    }

    #[test]
    fn broad_matches_rank_the_newest_slice_and_estimate_the_total() {
        let index = reports();
        // Every report matches; 60 are scored: the newest.
        let (all, ids) = run(&index, "thời tiết", 0, 60, 60);
        assert!(all.estimated);
        assert!((270..=330).contains(&all.total), "{}", all.total);
        assert_eq!(ids.len(), 60);
        assert!(ids.iter().all(|id| *id > 200), "{ids:?}");
        // Pages of ten are slices of the same ranking.
        let mut paged = Vec::new();
        for offset in (0..60).step_by(10) {
            let (page, page_ids) = run(&index, "thời tiết", offset, 10, 60);
            assert_eq!(page.total, all.total);
            paged.extend(page_ids);
        }
        assert_eq!(paged, ids);
        // A rarer word in the same query widens the slice until it holds enough.
        let (storms, storm_ids) = run(&index, "thời tiết bão", 0, 60, 60);
        assert_eq!(storm_ids.len(), 60, "{storm_ids:?}");
        assert!(storm_ids.iter().all(|id| id % 3 == 0));
        assert!((80..=120).contains(&storms.total), "{}", storms.total);
    }

    #[test]
    fn matches_order_best_first() {
        let m = |score, doc| Match {
            score,
            address: DocAddress::new(0, doc),
        };
        let mut v = [m(1.0, 3), m(2.0, 5), m(2.0, 4)];
        v.sort();
        let order: Vec<u32> = v.iter().map(|m| m.address.doc_id).collect();
        assert_eq!(order, [4, 5, 3]);
    }
}
