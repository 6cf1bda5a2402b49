//! Multinomial logistic regression with an L2 penalty, fitted by L-BFGS.
//!
//! The objective is the mean negative log-likelihood plus `λ/2 · ‖W‖²`
//! (biases are not penalized: they carry the class priors). It is smooth and
//! strictly convex, so L-BFGS finds the one minimum, in a fixed order of
//! floating-point operations: the same data always gives the same model,
//! which SGD only guarantees with a seeded order and never converges to.

use crate::text::Sparse;

/// Pairs of (step, gradient change) L-BFGS remembers.
const MEMORY: usize = 10;
/// Iterations at most; the small sets the classifier sees converge in far fewer.
const MAX_ITERATIONS: usize = 400;
/// Stop when the largest gradient component is below this.
const GRADIENT_TOLERANCE: f64 = 1e-5;
/// ...or when the objective no longer falls by this share.
const RELATIVE_TOLERANCE: f64 = 1e-9;

/// A fitted model: `weights[class][feature]`, `bias[class]`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fitted {
    pub(crate) weights: Vec<Vec<f32>>,
    pub(crate) bias: Vec<f32>,
}

impl Fitted {
    /// Class scores (logits) of `x`.
    pub(crate) fn logits(&self, x: &[(u32, f32)]) -> Vec<f64> {
        logits(&self.weights, &self.bias, x)
    }
}

/// Scores of `x` for each class.
pub(crate) fn logits(weights: &[Vec<f32>], bias: &[f32], x: &[(u32, f32)]) -> Vec<f64> {
    weights
        .iter()
        .zip(bias)
        .map(|(row, b)| {
            let mut s = f64::from(*b);
            for (j, v) in x {
                s += f64::from(row.get(*j as usize).copied().unwrap_or(0.0)) * f64::from(*v);
            }
            s
        })
        .collect()
}

/// Softmax of `scores / temperature`, in place.
pub(crate) fn softmax(scores: &mut [f64], temperature: f64) {
    let t = if temperature > 0.0 { temperature } else { 1.0 };
    let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut sum = 0.0;
    for s in scores.iter_mut() {
        *s = ((*s - max) / t).exp();
        sum += *s;
    }
    if sum > 0.0 {
        for s in scores.iter_mut() {
            *s /= sum;
        }
    }
}

/// Fits `classes` classes over `features` features to `data` ((x, class)
/// pairs) with penalty `lambda`. With `balanced`, each class weighs the
/// same in the loss whatever its number of examples (a large catch-all
/// section does not pull the doubtful ones to itself).
pub(crate) fn fit(
    data: &[(Sparse, usize)],
    classes: usize,
    features: usize,
    lambda: f64,
    balanced: bool,
) -> Fitted {
    let mut counts = vec![0usize; classes];
    for (_, c) in data {
        if let Some(n) = counts.get_mut(*c) {
            *n += 1;
        }
    }
    let present = counts.iter().filter(|n| **n > 0).count().max(1);
    let class_weights: Vec<f64> = counts
        .iter()
        .map(|n| {
            if balanced && *n > 0 {
                data.len() as f64 / (present as f64 * *n as f64)
            } else {
                1.0
            }
        })
        .collect();
    let problem = Problem {
        data,
        classes,
        features,
        lambda,
        class_weights,
    };
    let w = minimize(&problem, vec![0.0; classes * (features + 1)]);
    let weights = (0..classes)
        .map(|c| {
            w.get(c * features..(c + 1) * features)
                .unwrap_or_default()
                .iter()
                .map(|v| *v as f32)
                .collect()
        })
        .collect();
    let bias = w
        .get(classes * features..)
        .unwrap_or_default()
        .iter()
        .map(|v| *v as f32)
        .collect();
    Fitted { weights, bias }
}

struct Problem<'a> {
    data: &'a [(Sparse, usize)],
    classes: usize,
    features: usize,
    lambda: f64,
    class_weights: Vec<f64>,
}

impl Problem<'_> {
    /// Objective at `w`, its gradient written to `grad`.
    fn evaluate(&self, w: &[f64], grad: &mut [f64]) -> f64 {
        let (c_n, v_n) = (self.classes, self.features);
        grad.iter_mut().for_each(|g| *g = 0.0);
        let n = self.data.len().max(1) as f64;
        let mut loss = 0.0;
        let mut z = vec![0.0f64; c_n];
        for (x, class) in self.data {
            for (c, slot) in z.iter_mut().enumerate() {
                let mut s = w.get(c_n * v_n + c).copied().unwrap_or(0.0);
                for (j, v) in x {
                    s += w.get(c * v_n + *j as usize).copied().unwrap_or(0.0) * f64::from(*v);
                }
                *slot = s;
            }
            let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let sum: f64 = z.iter().map(|s| (s - max).exp()).sum();
            let log_norm = max + sum.ln();
            let weight = self.class_weights.get(*class).copied().unwrap_or(1.0);
            loss += weight * (log_norm - z.get(*class).copied().unwrap_or(0.0));
            for (c, s) in z.iter().enumerate() {
                let p = (s - log_norm).exp();
                let g = weight * (p - if c == *class { 1.0 } else { 0.0 }) / n;
                for (j, v) in x {
                    if let Some(slot) = grad.get_mut(c * v_n + *j as usize) {
                        *slot += g * f64::from(*v);
                    }
                }
                if let Some(slot) = grad.get_mut(c_n * v_n + c) {
                    *slot += g;
                }
            }
        }
        let mut penalty = 0.0;
        for (wi, gi) in w.iter().zip(grad.iter_mut()).take(c_n * v_n) {
            penalty += wi * wi;
            *gi += self.lambda * wi;
        }
        loss / n + 0.5 * self.lambda * penalty
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// L-BFGS with a backtracking (Armijo) line search.
fn minimize(problem: &Problem<'_>, mut w: Vec<f64>) -> Vec<f64> {
    let dim = w.len();
    let mut grad = vec![0.0; dim];
    let mut f = problem.evaluate(&w, &mut grad);
    let mut history: Vec<(Vec<f64>, Vec<f64>, f64)> = Vec::with_capacity(MEMORY);
    let mut next_w = vec![0.0; dim];
    let mut next_grad = vec![0.0; dim];
    for iteration in 0..MAX_ITERATIONS {
        if grad.iter().all(|g| g.abs() < GRADIENT_TOLERANCE) {
            break;
        }
        // Two-loop recursion: direction = -H·grad.
        let mut q = grad.clone();
        let mut alphas = Vec::with_capacity(history.len());
        for (s, y, rho) in history.iter().rev() {
            let a = rho * dot(s, &q);
            q.iter_mut().zip(y).for_each(|(qi, yi)| *qi -= a * yi);
            alphas.push(a);
        }
        if let Some((s, y, _)) = history.last() {
            let gamma = dot(s, y) / dot(y, y).max(f64::MIN_POSITIVE);
            q.iter_mut().for_each(|qi| *qi *= gamma);
        } else {
            let norm = dot(&grad, &grad).sqrt().max(f64::MIN_POSITIVE);
            q.iter_mut().for_each(|qi| *qi /= norm);
        }
        for ((s, y, rho), a) in history.iter().zip(alphas.iter().rev()) {
            let b = rho * dot(y, &q);
            q.iter_mut().zip(s).for_each(|(qi, si)| *qi += (a - b) * si);
        }
        let direction: Vec<f64> = q.iter().map(|v| -v).collect();
        let mut slope = dot(&direction, &grad);
        let direction = if slope >= 0.0 {
            // Not a descent direction (numerical trouble): restart from the gradient.
            history.clear();
            slope = -dot(&grad, &grad);
            grad.iter().map(|g| -g).collect()
        } else {
            direction
        };
        let mut step = 1.0;
        let mut next_f = f;
        let mut accepted = false;
        for _ in 0..40 {
            next_w
                .iter_mut()
                .zip(&w)
                .zip(&direction)
                .for_each(|((n, wi), d)| *n = wi + step * d);
            next_f = problem.evaluate(&next_w, &mut next_grad);
            if next_f <= f + 1e-4 * step * slope {
                accepted = true;
                break;
            }
            step *= 0.5;
        }
        if !accepted {
            break;
        }
        let s: Vec<f64> = next_w.iter().zip(&w).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = next_grad.iter().zip(&grad).map(|(a, b)| a - b).collect();
        let sy = dot(&s, &y);
        if sy > 1e-12 {
            if history.len() == MEMORY {
                history.remove(0);
            }
            history.push((s, y, 1.0 / sy));
        }
        std::mem::swap(&mut w, &mut next_w);
        std::mem::swap(&mut grad, &mut next_grad);
        let decrease = f - next_f;
        f = next_f;
        if iteration > 0 && decrease.abs() <= RELATIVE_TOLERANCE * f.abs().max(1e-12) {
            break;
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separates_two_classes_and_the_penalty_keeps_weights_finite() {
        let data = vec![
            (vec![(0, 1.0)], 0),
            (vec![(0, 0.8), (2, 0.6)], 0),
            (vec![(1, 1.0)], 1),
            (vec![(1, 0.6), (2, 0.8)], 1),
        ];
        let strong = fit(&data, 2, 3, 1e-3, false);
        let weak = fit(&data, 2, 3, 1.0, false);
        for (x, class) in &data {
            let mut p = strong.logits(x);
            softmax(&mut p, 1.0);
            assert!(p[*class] > 0.9, "{p:?}");
        }
        let norm = |m: &Fitted| m.weights.iter().flatten().map(|w| w * w).sum::<f32>();
        assert!(norm(&weak) < norm(&strong));
        assert!(norm(&strong).is_finite());
        // Deterministic.
        assert_eq!(fit(&data, 2, 3, 1e-3, false), strong);
    }

    #[test]
    fn temperature_flattens_probabilities() {
        let mut sharp = vec![2.0, 0.0];
        let mut flat = sharp.clone();
        softmax(&mut sharp, 1.0);
        softmax(&mut flat, 4.0);
        assert!(sharp[0] > flat[0] && flat[0] > 0.5);
        assert!((flat.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }
}
