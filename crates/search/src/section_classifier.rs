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

use crate::logistic;
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
    /// The L2 penalty it was trained with.
    #[serde(default)]
    penalty: f64,
    /// Logits are divided by it before the softmax (calibration).
    #[serde(default = "one")]
    temperature: f32,
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
    #[serde(default)]
    penalty: f64,
    #[serde(default = "one")]
    temperature: f32,
}

fn one() -> f32 {
    1.0
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
            penalty: saved.penalty,
            temperature: saved.temperature,
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
    /// Each example's cross-validated prediction, in the examples' order
    /// (None: unclassified).
    pub predictions: Vec<Option<Prediction>>,
}

/// One cross-validated prediction.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Prediction {
    /// The example's section.
    pub gold: i64,
    /// The section predicted by a model that never saw the example.
    pub predicted: i64,
    /// Its confidence (probability), 0 to 1.
    pub confidence: f64,
}

/// Accuracy of the predictions at or above a confidence threshold (filed
/// automatically) and below it (sent to the editors).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct ConfidenceSplit {
    /// The threshold.
    pub threshold: f64,
    /// Predictions with confidence ≥ threshold.
    pub above: usize,
    /// Of those, the correct ones.
    pub above_correct: usize,
    /// Predictions with confidence < threshold.
    pub below: usize,
    /// Of those, the correct ones.
    pub below_correct: usize,
    /// Mean confidence of all predictions (compare with the accuracy: a
    /// calibrated model's are close).
    pub mean_confidence: f64,
}

impl ConfidenceSplit {
    /// Accuracy among the confident predictions (None when there are none).
    pub fn accuracy_above(&self) -> Option<f64> {
        (self.above > 0).then(|| self.above_correct as f64 / self.above as f64)
    }

    /// Accuracy among the unsure predictions (None when there are none).
    pub fn accuracy_below(&self) -> Option<f64> {
        (self.below > 0).then(|| self.below_correct as f64 / self.below as f64)
    }
}

impl AccuracyReport {
    /// How the predictions split at a confidence `threshold`.
    pub fn at_confidence(&self, threshold: f64) -> ConfidenceSplit {
        let mut split = ConfidenceSplit {
            threshold,
            ..Default::default()
        };
        let mut total = 0.0;
        let mut n = 0usize;
        for p in self.predictions.iter().flatten() {
            let ok = usize::from(p.predicted == p.gold);
            if p.confidence >= threshold {
                split.above += 1;
                split.above_correct += ok;
            } else {
                split.below += 1;
                split.below_correct += ok;
            }
            total += p.confidence;
            n += 1;
        }
        split.mean_confidence = if n > 0 { total / n as f64 } else { 0.0 };
        split
    }
}

impl fmt::Display for ConfidenceSplit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |a: Option<f64>| a.map_or("-".to_string(), |a| format!("{a:.3}"));
        write!(
            f,
            "confidence ≥ {t}: {} predictions, accuracy {}; < {t}: {} predictions, accuracy {}; mean confidence {:.3}",
            self.above,
            show(self.accuracy_above()),
            self.below,
            show(self.accuracy_below()),
            self.mean_confidence,
            t = self.threshold
        )
    }
}

impl fmt::Display for AccuracyReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "section accuracy: {:.3} ({} examples, {}-fold cross-validation, {} unclassified)",
            self.accuracy, self.examples, self.folds, self.unclassified
        )?;
        writeln!(f, "{}", self.at_confidence(0.5))?;
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

/// How [`SectionClassifier::train_with`] fits a model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainConfig {
    /// L2 penalties (λ, on the mean log-likelihood) to choose from; with
    /// one, no choice is made.
    pub penalties: Vec<f64>,
    /// Folds of the inner cross-validation that chooses the penalty and the
    /// temperature, on the training examples only.
    pub inner_folds: usize,
    /// Calibrate the confidence (temperature scaling on the inner
    /// cross-validation's predictions); otherwise the temperature is 1.
    pub calibrate: bool,
    /// Weigh every section the same in training, whatever its number of
    /// examples.
    pub balanced: bool,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            penalties: PENALTIES.to_vec(),
            inner_folds: 3,
            calibrate: true,
            balanced: false,
        }
    }
}

/// Penalties tried by default, strongest first: from a model that barely
/// moves off the class priors to one that nearly fits every example.
const PENALTIES: [f64; 7] = [1e-2, 3e-3, 1e-3, 3e-4, 1e-4, 3e-5, 1e-5];
/// Below this many examples the inner cross-validation is too noisy to
/// choose anything: the middle penalty, no calibration.
const MIN_SELECTION_EXAMPLES: usize = 30;
/// The inner cross-validation reads at most this many examples (every
/// n-th), so retraining on a large archive stays a matter of seconds.
const MAX_SELECTION_EXAMPLES: usize = 3_000;

/// Fold of each example: the i-th example of each class goes to fold i mod k.
fn stratified_folds<T: Copy + Eq + std::hash::Hash>(classes: &[T], k: usize) -> Vec<usize> {
    let mut seen: HashMap<T, usize> = HashMap::new();
    classes
        .iter()
        .map(|c| {
            let n = seen.entry(*c).or_default();
            *n += 1;
            (*n - 1) % k.max(1)
        })
        .collect()
}

/// The penalty (best inner cross-validated accuracy, then the lowest
/// calibrated log-loss, then the strongest) and the temperature that
/// calibrates its out-of-fold probabilities.
fn select(
    data: &[(Sparse, usize)],
    classes: usize,
    features: usize,
    config: &TrainConfig,
) -> (f64, f32) {
    let fallback = config
        .penalties
        .get(config.penalties.len() / 2)
        .copied()
        .unwrap_or(1e-3);
    let choose = config.penalties.len() > 1;
    if data.len() < MIN_SELECTION_EXAMPLES
        || config.inner_folds < 2
        || !(choose || config.calibrate)
    {
        return (fallback, 1.0);
    }
    let stride = data.len().div_ceil(MAX_SELECTION_EXAMPLES);
    let sample: Vec<&(Sparse, usize)> = data.iter().step_by(stride).collect();
    let labels: Vec<usize> = sample.iter().map(|(_, c)| *c).collect();
    let folds = stratified_folds(&labels, config.inner_folds);
    let candidates: Vec<f64> = if choose {
        config.penalties.clone()
    } else {
        vec![fallback]
    };
    // (accuracy, log-loss, penalty, temperature)
    let mut best: Option<(usize, f64, f64, f64)> = None;
    for penalty in candidates {
        let mut out_of_fold: Vec<(Vec<f64>, usize)> = Vec::with_capacity(sample.len());
        for fold in 0..config.inner_folds {
            let train: Vec<(Sparse, usize)> = sample
                .iter()
                .zip(&folds)
                .filter(|(_, f)| **f != fold)
                .map(|(e, _)| (*e).clone())
                .collect();
            let fitted = logistic::fit(&train, classes, features, penalty, config.balanced);
            for ((x, class), _) in sample.iter().zip(&folds).filter(|(_, f)| **f == fold) {
                out_of_fold.push((fitted.logits(x), *class));
            }
        }
        let correct = out_of_fold
            .iter()
            .filter(|(z, class)| argmax(z) == Some(*class))
            .count();
        let temperature = if config.calibrate {
            fit_temperature(&out_of_fold)
        } else {
            1.0
        };
        let loss = log_loss(&out_of_fold, temperature);
        let better = match best {
            None => true,
            Some((c, l, _, _)) => correct > c || (correct == c && loss < l - 1e-9),
        };
        if better {
            best = Some((correct, loss, penalty, temperature));
        }
    }
    best.map_or((fallback, 1.0), |(_, _, p, t)| (p, t as f32))
}

fn argmax(z: &[f64]) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (i, v) in z.iter().enumerate() {
        if best.is_none_or(|(_, b)| *v > b) {
            best = Some((i, *v));
        }
    }
    best.map(|(i, _)| i)
}

/// Mean negative log-likelihood of the gold classes at `temperature`.
fn log_loss(scored: &[(Vec<f64>, usize)], temperature: f64) -> f64 {
    if scored.is_empty() {
        return 0.0;
    }
    let total: f64 = scored
        .iter()
        .map(|(z, class)| {
            let mut p = z.clone();
            logistic::softmax(&mut p, temperature);
            -p.get(*class).copied().unwrap_or(0.0).max(1e-12).ln()
        })
        .sum();
    total / scored.len() as f64
}

/// The temperature (0.05 to 20) that minimizes the log-loss: golden-section
/// search on its logarithm (the loss is unimodal in it).
fn fit_temperature(scored: &[(Vec<f64>, usize)]) -> f64 {
    let ratio = (5f64.sqrt() - 1.0) / 2.0;
    let (mut lo, mut hi) = (0.05f64.ln(), 20f64.ln());
    let loss = |t: f64| log_loss(scored, t.exp());
    let mut a = hi - ratio * (hi - lo);
    let mut b = lo + ratio * (hi - lo);
    let (mut fa, mut fb) = (loss(a), loss(b));
    for _ in 0..50 {
        if fa <= fb {
            hi = b;
            b = a;
            fb = fa;
            a = hi - ratio * (hi - lo);
            fa = loss(a);
        } else {
            lo = a;
            a = b;
            fa = fb;
            b = lo + ratio * (hi - lo);
            fb = loss(b);
        }
    }
    ((lo + hi) / 2.0).exp()
}

impl SectionClassifier {
    /// Trains on (text, section id) examples with [`TrainConfig::default`].
    /// With no examples the model predicts nothing; with one section it
    /// always predicts that section.
    pub fn train(examples: &[(String, i64)]) -> SectionClassifier {
        SectionClassifier::train_with(examples, &TrainConfig::default())
    }

    /// Trains with `config`: the penalty is chosen, and the confidence
    /// calibrated, by cross-validation inside `examples` only.
    pub fn train_with(examples: &[(String, i64)], config: &TrainConfig) -> SectionClassifier {
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
            penalty: 0.0,
            temperature: 1.0,
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
        let (classes, features) = (model.sections.len(), model.terms.len());
        let (penalty, temperature) = select(&data, classes, features, config);
        let fitted = logistic::fit(&data, classes, features, penalty, config.balanced);
        model.weights = fitted.weights;
        model.bias = fitted.bias;
        model.penalty = penalty;
        model.temperature = temperature;
        model
    }

    /// The L2 penalty the model was trained with (chosen by inner
    /// cross-validation, or the only one configured).
    pub fn penalty(&self) -> f64 {
        self.penalty
    }

    /// The temperature its probabilities are divided by (1: uncalibrated).
    pub fn temperature(&self) -> f64 {
        f64::from(self.temperature)
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

    /// Calibrated probabilities of each section.
    fn probabilities(&self, x: &[(u32, f32)]) -> Vec<f64> {
        let mut p = logistic::logits(&self.weights, &self.bias, x);
        logistic::softmax(&mut p, f64::from(self.temperature));
        p
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
        let p = self.probabilities(&x);
        let mut ranked: Vec<(i64, f64)> = self.sections.iter().copied().zip(p).collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        ranked
    }

    /// The sections this model knows.
    pub fn sections(&self) -> &[i64] {
        &self.sections
    }

    /// Stratified `k`-fold cross-validation with [`TrainConfig::default`]:
    /// each example is predicted by a model trained without its fold (the
    /// penalty and temperature are chosen inside the training folds only).
    /// `k` is clamped to 2..=examples.
    pub fn cross_validate(examples: &[(String, i64)], k: usize) -> AccuracyReport {
        SectionClassifier::cross_validate_with(examples, k, &TrainConfig::default())
    }

    /// [`SectionClassifier::cross_validate`] with another training configuration.
    pub fn cross_validate_with(
        examples: &[(String, i64)],
        k: usize,
        config: &TrainConfig,
    ) -> AccuracyReport {
        let k = k.clamp(2, examples.len().max(2));
        // Stratify: the i-th example of each section goes to fold i mod k.
        let sections: Vec<i64> = examples.iter().map(|(_, s)| *s).collect();
        let folds = stratified_folds(&sections, k);
        cross_validate_folds(examples, &folds, k, config)
    }

    /// Cross-validation where examples of one group (e.g. one story: a
    /// syndicated copy, a follow-up) are always in the same fold, so the
    /// model never sees a near copy of what it is tested on. Groups are
    /// dealt to folds in order of first appearance, per section of that
    /// first example, so folds stay roughly stratified. `groups` has one
    /// entry per example (missing ones: a group of its own).
    pub fn cross_validate_grouped(
        examples: &[(String, i64)],
        groups: &[String],
        k: usize,
        config: &TrainConfig,
    ) -> AccuracyReport {
        let k = k.clamp(2, examples.len().max(2));
        let mut fold_of_group: HashMap<&str, usize> = HashMap::new();
        let mut dealt: HashMap<i64, usize> = HashMap::new();
        let mut folds = Vec::with_capacity(examples.len());
        for (i, (_, section)) in examples.iter().enumerate() {
            let mut deal = || {
                let n = dealt.entry(*section).or_default();
                *n += 1;
                (*n - 1) % k
            };
            let fold = match groups.get(i) {
                Some(g) => match fold_of_group.get(g.as_str()) {
                    Some(f) => *f,
                    None => {
                        let f = deal();
                        fold_of_group.insert(g.as_str(), f);
                        f
                    }
                },
                None => deal(),
            };
            folds.push(fold);
        }
        cross_validate_folds(examples, &folds, k, config)
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

/// Cross-validation over given folds (`folds[i]` < `k` for example `i`).
fn cross_validate_folds(
    examples: &[(String, i64)],
    folds: &[usize],
    k: usize,
    config: &TrainConfig,
) -> AccuracyReport {
    let mut report = AccuracyReport {
        examples: examples.len(),
        folds: k,
        predictions: vec![None; examples.len()],
        ..Default::default()
    };
    let mut correct = 0usize;
    let mut predicted_count: BTreeMap<i64, usize> = BTreeMap::new();
    for fold in 0..k {
        let train: Vec<(String, i64)> = examples
            .iter()
            .zip(folds)
            .filter(|(_, f)| **f != fold)
            .map(|(e, _)| e.clone())
            .collect();
        if train.is_empty() {
            continue;
        }
        let model = SectionClassifier::train_with(&train, config);
        for (i, ((text, gold), _)) in examples
            .iter()
            .zip(folds)
            .enumerate()
            .filter(|(_, (_, f))| **f == fold)
        {
            report.per_section.entry(*gold).or_default().support += 1;
            match model.predict(text) {
                Some((predicted, confidence)) => {
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
                    if let Some(slot) = report.predictions.get_mut(i) {
                        *slot = Some(Prediction {
                            gold: *gold,
                            predicted,
                            confidence,
                        });
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
