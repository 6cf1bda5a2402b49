//! Text as vectors: Vietnamese syllable unigrams and bigrams weighted by TF-IDF.
//!
//! Vietnamese words are mostly two syllables written apart ("Hà Nội", "bão
//! lũ", "giá vàng"), so syllable bigrams approximate words without a
//! dictionary, and unigrams keep recall. The same features serve any
//! space-separated language. Related articles, stories and the section
//! classifier all use these vectors, so their scores mean the same thing.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::analysis::is_word_char;

/// Function words that carry no topic: dropped as unigrams, and a bigram
/// made of two of them is dropped too ("của các", "đã được").
const STOPWORDS: &[&str] = &[
    "à", "ạ", "ai", "bị", "bởi", "các", "cả", "cho", "chỉ", "có", "còn", "của", "cùng", "cũng",
    "đã", "đang", "đây", "để", "đến", "đều", "đó", "được", "gì", "hay", "hơn", "khi", "không",
    "là", "lại", "lên", "mà", "một", "mới", "nào", "này", "nên", "nếu", "nhiều", "như", "những",
    "nhưng", "nơi", "ở", "ra", "rằng", "rất", "sau", "sẽ", "tại", "theo", "thì", "trên", "trong",
    "trước", "từ", "và", "vào", "vẫn", "về", "vì", "với", "vừa", "the", "a", "an", "of", "and",
    "to", "in", "on", "for", "is", "at", "by",
];

pub(crate) fn is_stopword(word: &str) -> bool {
    STOPWORDS.contains(&word)
}

/// An article's text for similarity: the title counts twice, it says what the article is about.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextDoc {
    /// The article.
    pub id: i64,
    /// Title, lead and body (see [`TextDoc::from_article`]).
    pub text: String,
    /// Original publication time (ms), when known.
    pub published_at: Option<i64>,
}

impl TextDoc {
    /// A document from plain text.
    pub fn new(id: i64, text: impl Into<String>, published_at: Option<i64>) -> TextDoc {
        TextDoc {
            id,
            text: text.into(),
            published_at,
        }
    }

    /// A document from an extracted article: title (twice), lead and body, in the source language.
    pub fn from_article(id: i64, article: &article::Article) -> TextDoc {
        let lead = article
            .lead
            .as_ref()
            .map(|l| l.plain_text())
            .unwrap_or_default();
        let text = format!(
            "{title}.\n{title}.\n{lead}\n{body}",
            title = article.title,
            body = article.body_text()
        );
        TextDoc {
            id,
            text,
            published_at: article.published.map(|t| t.timestamp_millis()),
        }
    }
}

/// Extra factor for names: capitalized syllables inside a sentence, or pairs
/// of capitalized syllables ("Quảng Ninh", "Yagi"). Names are what tell one
/// storm, one trial, one match from another when the rest of the vocabulary
/// ("sức gió cấp 12, giật cấp 14", "sơ tán người dân") is the same.
const NAME_BOOST: f32 = 4.0;

/// The features of a text with their weights: syllables (lowercase, NFC) and
/// syllable bigrams within a sentence fragment (punctuation breaks bigrams).
pub(crate) fn features(text: &str) -> Vec<(String, f32)> {
    let text: String = text.nfc().collect();
    // (word, punctuation since the previous word, sentence start)
    let mut words: Vec<(&str, bool, bool)> = Vec::new();
    let mut start: Option<usize> = None;
    let mut broken = false;
    let mut sentence_start = true;
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            words.push((&text[s..i], broken, sentence_start));
            broken = false;
            sentence_start = false;
        }
        if !c.is_whitespace() {
            broken = true;
        }
        if matches!(c, '.' | '!' | '?' | '\n' | ':' | '"' | '“' | '(') {
            sentence_start = true;
        }
    }
    if let Some(s) = start {
        words.push((&text[s..], broken, sentence_start));
    }
    let mut out = Vec::with_capacity(words.len() * 2);
    let mut previous: Option<(String, bool)> = None;
    for (word, after_punctuation, at_sentence_start) in words {
        if after_punctuation {
            previous = None;
        }
        let capitalized = word.chars().next().is_some_and(char::is_uppercase);
        let lower = word.to_lowercase();
        let stop = is_stopword(&lower);
        if !stop {
            let boost = if capitalized && !at_sentence_start {
                NAME_BOOST
            } else {
                1.0
            };
            out.push((lower.clone(), boost));
        }
        if let Some((prev, prev_capitalized)) = &previous {
            if !(stop && is_stopword(prev)) {
                let boost = if capitalized && *prev_capitalized {
                    NAME_BOOST
                } else {
                    1.0
                };
                out.push((format!("{prev} {lower}"), boost));
            }
        }
        previous = Some((lower, capitalized));
    }
    out
}

/// Sublinear term frequencies of a text's features, times their weights,
/// sorted by term (a fixed order keeps floating-point sums, and so every
/// score, identical from run to run).
pub(crate) fn term_frequencies(text: &str) -> Vec<(String, f32)> {
    let mut counts: BTreeMap<String, (f32, f32)> = BTreeMap::new();
    for (feature, weight) in features(text) {
        let entry = counts.entry(feature).or_default();
        entry.0 += 1.0;
        entry.1 = entry.1.max(weight);
    }
    counts
        .into_iter()
        .map(|(term, (count, weight))| (term, (1.0 + count.ln()) * weight))
        .collect()
}

/// Sublinear term frequencies without the name boost, for the section
/// classifier: a section is told by its everyday vocabulary ("tòa",
/// "bị cáo", "du khách"), while names (a city, a minister) cross sections.
pub(crate) fn section_term_frequencies(text: &str) -> Vec<(String, f32)> {
    let mut counts: BTreeMap<String, f32> = BTreeMap::new();
    for (feature, _) in features(text) {
        *counts.entry(feature).or_default() += 1.0;
    }
    counts
        .into_iter()
        .map(|(term, count)| (term, 1.0 + count.ln()))
        .collect()
}

/// Weight left to a term found in every document. The usual smoothing (+1)
/// lets the hundreds of everyday syllables of a long article outweigh its
/// few telling ones; a small floor keeps them from mattering while a tiny
/// corpus (the first articles of a day) still gives every term some weight.
const IDF_FLOOR: f32 = 0.1;

/// Inverse document frequency: unseen terms weigh most but stay finite.
pub(crate) fn idf(doc_freq: usize, docs: usize) -> f32 {
    ((docs as f32 + 1.0) / (doc_freq as f32 + 1.0)).ln() + IDF_FLOOR
}

/// A sparse vector: (term id, weight), sorted by term id.
pub(crate) type Sparse = Vec<(u32, f32)>;

/// Scales a vector to unit length (a zero vector stays zero).
pub(crate) fn normalize(v: &mut Sparse) {
    let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, w) in v.iter_mut() {
            *w /= norm;
        }
    }
}

/// Dot product of two sorted sparse vectors.
pub(crate) fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// A vocabulary with document frequencies, built from a set of texts.
#[derive(Debug, Clone, Default)]
pub(crate) struct Vocabulary {
    pub(crate) ids: HashMap<String, u32>,
    pub(crate) terms: Vec<String>,
    pub(crate) doc_freq: Vec<usize>,
    pub(crate) docs: usize,
}

impl Vocabulary {
    /// Adds a document's term frequencies; returns them keyed by term id.
    pub(crate) fn add(&mut self, tf: Vec<(String, f32)>) -> Vec<(u32, f32)> {
        self.docs += 1;
        let mut out = Vec::with_capacity(tf.len());
        for (term, weight) in tf {
            let id = match self.ids.get(&term) {
                Some(id) => *id,
                None => {
                    let id = self.terms.len() as u32;
                    self.ids.insert(term.clone(), id);
                    self.terms.push(term);
                    self.doc_freq.push(0);
                    id
                }
            };
            if let Some(df) = self.doc_freq.get_mut(id as usize) {
                *df += 1;
            }
            out.push((id, weight));
        }
        out.sort_unstable_by_key(|(id, _)| *id);
        out
    }

    pub(crate) fn idf(&self, id: u32) -> f32 {
        idf(
            self.doc_freq.get(id as usize).copied().unwrap_or(0),
            self.docs,
        )
    }

    /// TF-IDF weights, unit length.
    pub(crate) fn weigh(&self, tf: &[(u32, f32)]) -> Sparse {
        let mut v: Sparse = tf.iter().map(|(id, w)| (*id, w * self.idf(*id))).collect();
        normalize(&mut v);
        v
    }

    pub(crate) fn term(&self, id: u32) -> &str {
        self.terms.get(id as usize).map_or("", String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_are_syllables_and_bigrams_within_phrases() {
        let f: HashMap<String, f32> = features("Bão Yagi đổ bộ Quảng Ninh, Hà Nội mưa.")
            .into_iter()
            .collect();
        for expected in ["bão", "bão yagi", "quảng ninh", "hà nội", "nội mưa"] {
            assert!(f.contains_key(expected), "{expected} in {f:?}");
        }
        // The comma breaks the bigram.
        assert!(!f.contains_key("ninh hà"));
        // Names weigh more; a capital at the start of a sentence is not a name.
        assert_eq!(f["quảng ninh"], 4.0);
        assert_eq!(f["yagi"], 4.0);
        assert_eq!(f["bão"], 1.0);
        assert_eq!(f["nội mưa"], 1.0);
        // Stopwords are not unigrams, and two in a row make no bigram.
        let f = features("của các tỉnh");
        assert_eq!(
            f,
            [("tỉnh".to_string(), 1.0), ("các tỉnh".to_string(), 1.0)]
        );
    }

    #[test]
    fn cosine_of_unit_vectors() {
        let mut a = vec![(1, 1.0), (3, 1.0)];
        let mut b = vec![(1, 1.0), (2, 1.0)];
        normalize(&mut a);
        normalize(&mut b);
        assert!((dot(&a, &b) - 0.5).abs() < 1e-6);
        assert!((dot(&a, &a) - 1.0).abs() < 1e-6);
    }
}
