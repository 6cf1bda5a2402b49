//! Measures for the evaluation of stories and related blocks.

use std::collections::HashMap;
use std::hash::Hash;

use serde::{Deserialize, Serialize};

/// Precision, recall and F1 of a clustering.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct BCubed {
    /// Mean over items of the share of its found cluster that is in its gold cluster.
    pub precision: f64,
    /// Mean over items of the share of its gold cluster that is in its found cluster.
    pub recall: f64,
    /// Harmonic mean of the two.
    pub f1: f64,
}

/// B-cubed precision, recall and F1 of a clustering: one (gold cluster,
/// found cluster) pair per item. Unlike pairwise measures it does not let a
/// few large clusters dominate.
pub fn bcubed<G: Eq + Hash, F: Eq + Hash>(items: &[(G, F)]) -> BCubed {
    if items.is_empty() {
        return BCubed::default();
    }
    let mut both: HashMap<(&G, &F), usize> = HashMap::new();
    let mut gold: HashMap<&G, usize> = HashMap::new();
    let mut found: HashMap<&F, usize> = HashMap::new();
    for (g, f) in items {
        *both.entry((g, f)).or_default() += 1;
        *gold.entry(g).or_default() += 1;
        *found.entry(f).or_default() += 1;
    }
    let (mut precision, mut recall) = (0.0, 0.0);
    for (g, f) in items {
        let common = both.get(&(g, f)).copied().unwrap_or(0) as f64;
        precision += common / found.get(f).copied().unwrap_or(1).max(1) as f64;
        recall += common / gold.get(g).copied().unwrap_or(1).max(1) as f64;
    }
    let n = items.len() as f64;
    let (precision, recall) = (precision / n, recall / n);
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    BCubed {
        precision,
        recall,
        f1,
    }
}

/// Share of the first `k` results that are relevant (the denominator is `k`,
/// or the number of results when fewer were returned; 0 for none).
pub fn precision_at_k(results: &[i64], relevant: &[i64], k: usize) -> f64 {
    let top: Vec<&i64> = results.iter().take(k).collect();
    if top.is_empty() {
        return 0.0;
    }
    top.iter().filter(|id| relevant.contains(id)).count() as f64 / top.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bcubed_of_perfect_merged_and_split_clusterings() {
        let perfect = bcubed(&[("a", 1), ("a", 1), ("b", 2)]);
        assert_eq!(perfect.f1, 1.0);
        // Everything in one cluster: recall 1, precision (2/3·2 + 1/3)/3 = 5/9.
        let merged = bcubed(&[("a", 1), ("a", 1), ("b", 1)]);
        assert_eq!(merged.recall, 1.0);
        assert!((merged.precision - 5.0 / 9.0).abs() < 1e-9);
        // Every item alone: precision 1, recall (1/2 + 1/2 + 1)/3 = 2/3.
        let split = bcubed(&[("a", 1), ("a", 2), ("b", 3)]);
        assert_eq!(split.precision, 1.0);
        assert!((split.recall - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(bcubed::<&str, i32>(&[]), BCubed::default());
    }

    #[test]
    fn precision_at_k_counts_the_top() {
        assert_eq!(precision_at_k(&[1, 2, 3, 4, 5], &[1, 3, 5], 4), 0.5);
        assert_eq!(precision_at_k(&[1], &[1], 4), 1.0);
        assert_eq!(precision_at_k(&[], &[1], 4), 0.0);
    }
}
