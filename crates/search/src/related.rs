//! Related articles: the candidates most similar to an article, and why.

use serde::{Deserialize, Serialize};

use crate::text::{dot, term_frequencies, TextDoc, Vocabulary};

/// Texts this similar are copies of one another (a syndicated article from
/// two publishers), not related articles: a reader gains nothing from both.
pub const DUPLICATE_SIMILARITY: f64 = 0.9;

/// Below this similarity a candidate shares only incidental words.
pub const MIN_RELATED_SIMILARITY: f64 = 0.05;

/// A related article, with its score and the terms that made it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelatedArticle {
    /// The candidate's id.
    pub id: i64,
    /// Cosine similarity of TF-IDF vectors, 0 to 1.
    pub score: f64,
    /// The shared terms contributing most to the score, strongest first.
    pub shared_terms: Vec<String>,
}

/// Ranks `candidates` by similarity to `article` and returns the best `limit`.
///
/// Deterministic: ties go to the smaller id. Never returns the article
/// itself, a candidate twice, a copy of the article, or two copies of one
/// another (see [`DUPLICATE_SIMILARITY`]). IDF is computed over the article
/// and the candidates, so pass a meaningful pool (the same section's recent
/// articles, the search index's "more like this" results…).
pub fn related(article: &TextDoc, candidates: &[TextDoc], limit: usize) -> Vec<RelatedArticle> {
    let mut pool: Vec<&TextDoc> = Vec::with_capacity(candidates.len());
    for candidate in candidates {
        if candidate.id != article.id && !pool.iter().any(|c| c.id == candidate.id) {
            pool.push(candidate);
        }
    }
    let mut vocabulary = Vocabulary::default();
    let target_tf = vocabulary.add(term_frequencies(&article.text));
    let pool_tf: Vec<_> = pool
        .iter()
        .map(|c| vocabulary.add(term_frequencies(&c.text)))
        .collect();
    let target = vocabulary.weigh(&target_tf);
    let vectors: Vec<_> = pool_tf.iter().map(|tf| vocabulary.weigh(tf)).collect();

    let mut scored: Vec<(usize, f64)> = vectors
        .iter()
        .enumerate()
        .map(|(i, v)| (i, f64::from(dot(&target, v))))
        .filter(|(_, s)| *s >= MIN_RELATED_SIMILARITY && *s < DUPLICATE_SIMILARITY)
        .collect();
    scored.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then_with(|| pool[a.0].id.cmp(&pool[b.0].id))
    });

    let mut chosen: Vec<usize> = Vec::new();
    for (i, _) in &scored {
        if chosen.len() >= limit {
            break;
        }
        let copy_of_chosen = chosen
            .iter()
            .any(|j| f64::from(dot(&vectors[*i], &vectors[*j])) >= DUPLICATE_SIMILARITY);
        if !copy_of_chosen {
            chosen.push(*i);
        }
    }
    chosen
        .into_iter()
        .map(|i| RelatedArticle {
            id: pool[i].id,
            score: f64::from(dot(&target, &vectors[i])),
            shared_terms: shared_terms(&target, &vectors[i], &vocabulary, 5),
        })
        .collect()
}

/// The terms contributing most to the dot product of `a` and `b`.
pub(crate) fn shared_terms(
    a: &[(u32, f32)],
    b: &[(u32, f32)],
    vocabulary: &Vocabulary,
    n: usize,
) -> Vec<String> {
    let mut products: Vec<(u32, f32)> = a
        .iter()
        .filter_map(|(id, wa)| {
            b.binary_search_by_key(id, |(j, _)| *j)
                .ok()
                .and_then(|k| b.get(k))
                .map(|(_, wb)| (*id, wa * wb))
        })
        .collect();
    products.sort_by(|x, y| {
        y.1.total_cmp(&x.1)
            .then_with(|| vocabulary.term(x.0).cmp(vocabulary.term(y.0)))
    });
    products
        .into_iter()
        .take(n)
        .map(|(id, _)| vocabulary.term(id).to_string())
        .collect()
}
