//! The section classifier: which portal section an article belongs in.
//!
//! Multinomial logistic regression over unit-length TF-IDF vectors of
//! syllable unigrams and bigrams, trained by plain SGD in a fixed
//! (seeded) order so the same examples always give the same model. Logistic
//! regression rather than naive Bayes because its probabilities are usable
//! as a confidence: the classify stage sends low-confidence articles to the
//! editors' queue.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::text::{normalize, section_term_frequencies as term_frequencies, Sparse};
use crate::SearchError;

/// Most features kept (the most frequent); bounds the model's size.
const MAX_FEATURES: usize = 200_000;

/// A trained section classifier; serialize it (JSON) to keep it in the data dir.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "SavedClassifier")]
pub struct SectionClassifier {
    /// Section ids, in weight-row order.
    sections: Vec<i64>,
    /// Feature strings, in weight-column order.
    terms: Vec<String>,
    /// IDF of each feature.
    idf: Vec<f32>,
    /// `weights[section][feature]`.
    weights: Vec<Vec<f32>>,
    /// Bias of each section.
    bias: Vec<f32>,
    #[serde(skip)]
    ids: HashMap<String, u32>,
}

/// The stored form (everything but the lookup table, rebuilt on load).
#[derive(Deserialize)]
struct SavedClassifier {
    sections: Vec<i64>,
    terms: Vec<String>,
    idf: Vec<f32>,
    weights: Vec<Vec<f32>>,
    bias: Vec<f32>,
}

impl From<SavedClassifier> for SectionClassifier {
    fn from(saved: SavedClassifier) -> Self {
        let ids = term_ids(&saved.terms);
        SectionClassifier {
            sections: saved.sections,
            terms: saved.terms,
            idf: saved.idf,
            weights: saved.weights,
            bias: saved.bias,
            ids,
        }
    }
}

fn term_ids(terms: &[String]) -> HashMap<String, u32> {
    terms
        .iter()
        .enumerate()
        .map(|(i, t)| (t.clone(), i as u32))
        .collect()
}

/// Accuracy of one section in a cross-validation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SectionAccuracy {
    /// Examples whose gold section this is.
    pub support: usize,
    /// Of the articles predicted in this section, the share that belong there.
    pub precision: f64,
    /// Of the articles of this section, the share predicted there.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

/// What [`SectionClassifier::cross_validate`] measured.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AccuracyReport {
    /// Examples evaluated.
    pub examples: usize,
    /// Folds used.
    pub folds: usize,
    /// Share of examples predicted in their gold section.
    pub accuracy: f64,
    /// Per gold section.
    pub per_section: BTreeMap<i64, SectionAccuracy>,
    /// `confusion[gold][predicted]` = count.
    pub confusion: BTreeMap<i64, BTreeMap<i64, usize>>,
    /// Examples for which no prediction could be made (no known features).
    pub unclassified: usize,
}

impl fmt::Display for AccuracyReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "section accuracy: {:.3} ({} examples, {}-fold cross-validation, {} unclassified)",
            self.accuracy, self.examples, self.folds, self.unclassified
        )?;
        writeln!(
            f,
            "{:>8} {:>8} {:>9} {:>7} {:>7}",
            "section", "support", "precision", "recall", "f1"
        )?;
        for (section, a) in &self.per_section {
            writeln!(
                f,
                "{:>8} {:>8} {:>9.3} {:>7.3} {:>7.3}",
                section, a.support, a.precision, a.recall, a.f1
            )?;
        }
        writeln!(f, "confusion (rows: gold, columns: predicted)")?;
        let sections: Vec<i64> = self.per_section.keys().copied().collect();
        write!(f, "{:>8}", "")?;
        for s in &sections {
            write!(f, " {s:>6}")?;
        }
        writeln!(f)?;
        for gold in &sections {
            write!(f, "{gold:>8}")?;
            for predicted in &sections {
                let n = self
                    .confusion
                    .get(gold)
                    .and_then(|row| row.get(predicted))
                    .copied()
                    .unwrap_or(0);
                write!(f, " {n:>6}")?;
            }
            writeln!(f)?;
        }
        Ok(())
    }
}

/// A small deterministic generator for shuffling (xorshift64*).
struct Shuffler(u64);

impl Shuffler {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

impl SectionClassifier {
    /// Trains on (text, section id) examples. With no examples the model
    /// predicts nothing; with one section it always predicts that section.
    pub fn train(examples: &[(String, i64)]) -> SectionClassifier {
        let mut sections: Vec<i64> = examples.iter().map(|(_, s)| *s).collect();
        sections.sort_unstable();
        sections.dedup();
        if sections.is_empty() {
            return SectionClassifier::default();
        }

        // Vocabulary: features in at least `min_df` examples, most frequent first.
        let tfs: Vec<Vec<(String, f32)>> = examples
            .iter()
            .map(|(text, _)| term_frequencies(text))
            .collect();
        let mut df: HashMap<&str, usize> = HashMap::new();
        for tf in &tfs {
            for (term, _) in tf {
                *df.entry(term.as_str()).or_default() += 1;
            }
        }
        let min_df = if examples.len() < 50 { 1 } else { 2 };
        let mut kept: Vec<(&str, usize)> = df.into_iter().filter(|(_, n)| *n >= min_df).collect();
        kept.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        kept.truncate(MAX_FEATURES);
        kept.sort_by(|a, b| a.0.cmp(b.0));
        let n = examples.len() as f32;
        let terms: Vec<String> = kept.iter().map(|(t, _)| t.to_string()).collect();
        let idf: Vec<f32> = kept
            .iter()
            .map(|(_, d)| ((n + 1.0) / (*d as f32 + 1.0)).ln() + 1.0)
            .collect();
        let mut model = SectionClassifier {
            ids: term_ids(&terms),
            terms,
            idf,
            weights: vec![vec![0.0; kept.len()]; sections.len()],
            bias: vec![0.0; sections.len()],
            sections,
        };
        if model.sections.len() == 1 {
            return model;
        }

        let data: Vec<(Sparse, usize)> = tfs
            .iter()
            .zip(examples)
            .filter_map(|(tf, (_, section))| {
                let class = model.sections.binary_search(section).ok()?;
                Some((model.vectorize(tf), class))
            })
            .collect();
        let epochs = if data.len() > 20_000 { 6 } else { 100 };
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut shuffler = Shuffler(0x9E37_79B9_7F4A_7C15);
        let mut probabilities = vec![0.0f32; model.sections.len()];
        for epoch in 0..epochs {
            shuffler.shuffle(&mut order);
            let rate = 2.0 / (1.0 + epoch as f32 * 0.05);
            for &i in &order {
                let Some((x, class)) = data.get(i) else {
                    continue;
                };
                model.probabilities(x, &mut probabilities);
                for (c, p) in probabilities.iter().enumerate() {
                    let gradient = if c == *class { p - 1.0 } else { *p };
                    if gradient.abs() < 1e-6 {
                        continue;
                    }
                    let step = rate * gradient;
                    if let Some(row) = model.weights.get_mut(c) {
                        for (j, v) in x {
                            if let Some(w) = row.get_mut(*j as usize) {
                                *w -= step * v;
                            }
                        }
                    }
                    if let Some(b) = model.bias.get_mut(c) {
                        *b -= step;
                    }
                }
            }
        }
        model
    }

    /// Unit-length TF-IDF vector of known features.
    fn vectorize(&self, tf: &[(String, f32)]) -> Sparse {
        let mut v: Sparse = tf
            .iter()
            .filter_map(|(term, w)| {
                let id = *self.ids.get(term)?;
                Some((id, w * self.idf.get(id as usize).copied().unwrap_or(1.0)))
            })
            .collect();
        v.sort_unstable_by_key(|(id, _)| *id);
        normalize(&mut v);
        v
    }

    /// Softmax over sections.
    fn probabilities(&self, x: &[(u32, f32)], out: &mut [f32]) {
        for (c, slot) in out.iter_mut().enumerate() {
            let row = self.weights.get(c);
            let mut score = self.bias.get(c).copied().unwrap_or(0.0);
            if let Some(row) = row {
                for (j, v) in x {
                    score += row.get(*j as usize).copied().unwrap_or(0.0) * v;
                }
            }
            *slot = score;
        }
        let max = out.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let mut sum = 0.0;
        for s in out.iter_mut() {
            *s = (*s - max).exp();
            sum += *s;
        }
        if sum > 0.0 {
            for s in out.iter_mut() {
                *s /= sum;
            }
        }
    }

    /// The most likely section and its probability (0 to 1); None when the
    /// model is untrained or the text has no feature it knows.
    pub fn predict(&self, text: &str) -> Option<(i64, f64)> {
        self.ranked(text).into_iter().next()
    }

    /// Every section with its probability, most likely first (empty when
    /// [`SectionClassifier::predict`] would return None).
    pub fn ranked(&self, text: &str) -> Vec<(i64, f64)> {
        if self.sections.len() == 1 {
            return self.sections.iter().map(|s| (*s, 1.0)).collect();
        }
        let x = self.vectorize(&term_frequencies(text));
        if x.is_empty() {
            return Vec::new();
        }
        let mut p = vec![0.0; self.sections.len()];
        self.probabilities(&x, &mut p);
        let mut ranked: Vec<(i64, f64)> = self
            .sections
            .iter()
            .zip(p)
            .map(|(s, p)| (*s, f64::from(p)))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        ranked
    }

    /// The sections this model knows.
    pub fn sections(&self) -> &[i64] {
        &self.sections
    }

    /// Stratified `k`-fold cross-validation: each example is predicted by a
    /// model trained without its fold. `k` is clamped to 2..=examples.
    pub fn cross_validate(examples: &[(String, i64)], k: usize) -> AccuracyReport {
        let k = k.clamp(2, examples.len().max(2));
        // Stratify: the i-th example of each section goes to fold i mod k.
        let mut seen: HashMap<i64, usize> = HashMap::new();
        let folds: Vec<usize> = examples
            .iter()
            .map(|(_, s)| {
                let n = seen.entry(*s).or_default();
                *n += 1;
                (*n - 1) % k
            })
            .collect();
        let mut report = AccuracyReport {
            examples: examples.len(),
            folds: k,
            ..Default::default()
        };
        let mut correct = 0usize;
        let mut predicted_count: BTreeMap<i64, usize> = BTreeMap::new();
        for fold in 0..k {
            let train: Vec<(String, i64)> = examples
                .iter()
                .zip(&folds)
                .filter(|(_, f)| **f != fold)
                .map(|(e, _)| e.clone())
                .collect();
            let model = SectionClassifier::train(&train);
            for ((text, gold), _) in examples.iter().zip(&folds).filter(|(_, f)| **f == fold) {
                report.per_section.entry(*gold).or_default().support += 1;
                match model.predict(text) {
                    Some((predicted, _)) => {
                        *report
                            .confusion
                            .entry(*gold)
                            .or_default()
                            .entry(predicted)
                            .or_default() += 1;
                        *predicted_count.entry(predicted).or_default() += 1;
                        if predicted == *gold {
                            correct += 1;
                        }
                    }
                    None => report.unclassified += 1,
                }
            }
        }
        report.accuracy = if examples.is_empty() {
            0.0
        } else {
            correct as f64 / examples.len() as f64
        };
        for (section, accuracy) in report.per_section.iter_mut() {
            let hits = report
                .confusion
                .get(section)
                .and_then(|row| row.get(section))
                .copied()
                .unwrap_or(0) as f64;
            let predicted = predicted_count.get(section).copied().unwrap_or(0) as f64;
            accuracy.precision = if predicted > 0.0 {
                hits / predicted
            } else {
                0.0
            };
            accuracy.recall = if accuracy.support > 0 {
                hits / accuracy.support as f64
            } else {
                0.0
            };
            let sum = accuracy.precision + accuracy.recall;
            accuracy.f1 = if sum > 0.0 {
                2.0 * accuracy.precision * accuracy.recall / sum
            } else {
                0.0
            };
        }
        report
    }

    /// The model as JSON.
    pub fn to_json(&self) -> Result<String, SearchError> {
        Ok(serde_json::to_string(self)?)
    }

    /// A model from JSON written by [`SectionClassifier::to_json`].
    pub fn from_json(json: &str) -> Result<SectionClassifier, SearchError> {
        let model: SectionClassifier = serde_json::from_str(json)?;
        let rows_ok = model.weights.len() == model.sections.len()
            && model.bias.len() == model.sections.len()
            && model.idf.len() == model.terms.len()
            && model.weights.iter().all(|r| r.len() == model.terms.len());
        if !rows_ok {
            return Err(SearchError::Model(serde::de::Error::custom(
                "weights do not match the sections and terms",
            )));
        }
        Ok(model)
    }

    /// Writes the model to `path` (JSON), replacing it atomically.
    pub fn save(&self, path: &Path) -> Result<(), SearchError> {
        let io = |e: std::io::Error| SearchError::File {
            path: path.display().to_string(),
            reason: e.to_string(),
        };
        let tmp = path.with_extension("json.tmp");
        std::fs::write(&tmp, self.to_json()?).map_err(io)?;
        std::fs::rename(&tmp, path).map_err(io)
    }

    /// Reads a model written by [`SectionClassifier::save`].
    pub fn load(path: &Path) -> Result<SectionClassifier, SearchError> {
        let json = std::fs::read_to_string(path).map_err(|e| SearchError::File {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        SectionClassifier::from_json(&json)
    }
}
