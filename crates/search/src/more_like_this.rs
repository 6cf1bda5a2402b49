//! "More like this": indexed articles most similar to one indexed article,
//! to fill a related block that its story, section and author leave short.

use std::collections::HashSet;

use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{TantivyDocument, Term};

use crate::assign::{containment, cosine, shared_terms, Scope};
use crate::index::{key, normalize_lang};
use crate::merge::read_candidate;
use crate::{RelatedArticle, SearchError, SearchIndex, StoryAssigner, MIN_RELATED_SIMILARITY};

/// Candidates read back beyond `limit` and the exclusions: copies and
/// weak matches are dropped after scoring.
const SPARE_CANDIDATES: usize = 8;

impl StoryAssigner {
    /// Up to `limit` indexed versions in `lang` most similar to the indexed
    /// version (`article_id`, `lang`), any date, any section: BM25 over its
    /// most distinctive title and lead words, then ranked by the same TF-IDF
    /// cosine as [`StoryAssigner::related`] (ties to the smaller id). Never
    /// the article itself, an id in `exclude` (what the block already
    /// shows), a copy of the article or of a result already chosen, nor a
    /// result below [`MIN_RELATED_SIMILARITY`]. Each result lists the shared
    /// terms behind its score. Empty when the version is not indexed.
    pub fn more_like_this(
        &self,
        index: &SearchIndex,
        article_id: i64,
        lang: &str,
        limit: usize,
        exclude: &[i64],
    ) -> Result<Vec<RelatedArticle>, SearchError> {
        if limit == 0 {
            return Ok(Vec::new());
        }
        let f = &index.inner.fields;
        let searcher = index.inner.reader.searcher();
        let query = TermQuery::new(
            Term::from_field_text(f.key, &key(article_id, &normalize_lang(lang))),
            IndexRecordOption::Basic,
        );
        let Some((_, address)) = searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())?
            .into_iter()
            .next()
        else {
            return Ok(Vec::new());
        };
        let doc: TantivyDocument = searcher.doc(address)?;
        let Some((candidate, _)) = read_candidate(index, &doc) else {
            return Ok(Vec::new());
        };
        let hits = self.retrieve(
            index,
            &candidate,
            Scope {
                candidates: Some(limit + exclude.len() + SPARE_CANDIDATES),
                ..Scope::default()
            },
        )?;
        let own = self.profile(&candidate);
        let excluded: HashSet<i64> = exclude.iter().copied().collect();
        let mut scored: Vec<(f64, crate::assign::Stored)> = hits
            .into_iter()
            .filter(|h| h.article_id != article_id && !excluded.contains(&h.article_id))
            .map(|h| (cosine(&own.vector, &h.vector), h))
            .collect();
        scored.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| a.1.article_id.cmp(&b.1.article_id))
        });
        let copy_share = self.config().copy_containment;
        let mut chosen: Vec<(RelatedArticle, HashSet<u64>)> = Vec::new();
        for (score, hit) in scored {
            if chosen.len() >= limit || score < MIN_RELATED_SIMILARITY {
                break;
            }
            let copy = |s: &HashSet<u64>| containment(s, &hit.shingles) >= copy_share;
            if copy(&own.shingles) || chosen.iter().any(|(_, s)| copy(s)) {
                continue;
            }
            chosen.push((
                RelatedArticle {
                    id: hit.article_id,
                    score,
                    shared_terms: shared_terms(&own.vector, &hit.vector, 5),
                },
                hit.shingles,
            ));
        }
        Ok(chosen.into_iter().map(|(r, _)| r).collect())
    }
}
