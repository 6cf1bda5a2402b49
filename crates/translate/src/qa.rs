//! Quality checks on one translated segment.
//!
//! Pure functions over a source and a translation (placeholder strings or
//! inline HTML): each check returns the flags an editor sees. The pipeline
//! runs them on every segment; `newsbridge qa` runs them on given pairs.
//!
//! The checks, in the order they run: markup kept and nested, wholly or
//! partly untranslated text (`vietnamese`), numbers kept whatever their
//! form (`figures`, `words`) and in the order of scores, glossary terms and
//! the credit vocabulary (`credits`: "Ảnh:", "Tư liệu"), personal names
//! (`names`), a cut ending (`truncation`), the length ratio and loops.

pub(crate) mod audit;
pub(crate) mod credits;
mod figures;
mod names;
mod truncation;
mod vietnamese;
mod words;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use whatlang::{Detector, Lang};

use crate::glossary::Glossary;
use crate::lang::{script_class, LangPair, ScriptClass};
use crate::numbers::NumberConventions;
use crate::placeholder;

/// A problem found in a translated segment.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "flag", rename_all = "snake_case")]
pub enum QaFlag {
    /// The translation is empty.
    Empty,
    /// The translation is still in the source language.
    Untranslated {
        /// The language the text was identified as.
        detected: String,
    },
    /// Part of the translation is still in the source language (a run of
    /// Vietnamese words inside a French or English sentence).
    PartlyUntranslated {
        /// The run left in the source language.
        text: String,
    },
    /// The translation stops mid-sentence.
    Truncated {
        /// The translation's last characters.
        ending: String,
    },
    /// A number of the source is missing from the translation.
    NumberMissing {
        /// The number's value (`1115`, `3.5`).
        value: String,
    },
    /// The translation has a number the source does not (a changed number).
    NumberAdded {
        /// The number's value.
        value: String,
    },
    /// Two numbers joined by a dash (a score, `2-1`) appear in the other order.
    NumberOrder {
        /// As the source has them (`2-1`).
        expected: String,
        /// As the translation has them (`1-2`).
        found: String,
    },
    /// A personal name of the source is missing or changed in the translation.
    NameChanged {
        /// The name as the source writes it.
        name: String,
    },
    /// A glossary term is not rendered as the glossary says.
    GlossaryMissing {
        /// The term in the source.
        term: String,
        /// The rendering the translation lacks.
        expected: String,
    },
    /// Translation length out of the expected range for the pair.
    LengthRatio {
        /// Target length as a percentage of source length (in characters).
        percent: u32,
    },
    /// A phrase repeated in a loop (a known failure of neural engines).
    Repetition {
        /// The repeated phrase.
        phrase: String,
    },
    /// Inline markup lost, duplicated or broken.
    MarkupLost {
        /// What happened.
        detail: String,
    },
}

impl QaFlag {
    /// Stable short name (`untranslated`, `number_missing`), the serde tag.
    pub fn code(&self) -> &'static str {
        match self {
            QaFlag::Empty => "empty",
            QaFlag::Untranslated { .. } => "untranslated",
            QaFlag::PartlyUntranslated { .. } => "partly_untranslated",
            QaFlag::Truncated { .. } => "truncated",
            QaFlag::NumberOrder { .. } => "number_order",
            QaFlag::NameChanged { .. } => "name_changed",
            QaFlag::NumberMissing { .. } => "number_missing",
            QaFlag::NumberAdded { .. } => "number_added",
            QaFlag::GlossaryMissing { .. } => "glossary_missing",
            QaFlag::LengthRatio { .. } => "length_ratio",
            QaFlag::Repetition { .. } => "repetition",
            QaFlag::MarkupLost { .. } => "markup_lost",
        }
    }

    /// How bad it is, to pick the better of two attempts (higher is worse).
    pub fn weight(&self) -> u32 {
        match self {
            QaFlag::Empty => 100,
            QaFlag::Untranslated { .. } => 50,
            QaFlag::PartlyUntranslated { .. } => 30,
            QaFlag::Truncated { .. } => 30,
            QaFlag::NumberOrder { .. } | QaFlag::NameChanged { .. } => 8,
            QaFlag::Repetition { .. } => 40,
            QaFlag::MarkupLost { .. } => 10,
            QaFlag::NumberMissing { .. } | QaFlag::NumberAdded { .. } => 8,
            QaFlag::GlossaryMissing { .. } => 6,
            QaFlag::LengthRatio { .. } => 5,
        }
    }
}

/// Thresholds of the checks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct QaConfig {
    /// Sources shorter than this (in non-space characters) skip the length check.
    pub ratio_min_chars: usize,
    /// Widens (> 1) or narrows (< 1) the accepted length ratio range.
    pub ratio_slack: f64,
    /// Texts with fewer letters skip statistical language identification.
    pub langid_min_letters: usize,
}

impl Default for QaConfig {
    fn default() -> Self {
        QaConfig {
            ratio_min_chars: 15,
            ratio_slack: 1.0,
            langid_min_letters: 20,
        }
    }
}

/// One segment to check.
#[derive(Debug, Clone, Copy)]
pub struct QaInput<'a> {
    /// Translation direction.
    pub pair: &'a LangPair,
    /// The source (placeholder string or inline HTML).
    pub source: &'a str,
    /// The translation, in the same form.
    pub target: &'a str,
    /// Glossary to verify, if any.
    pub glossary: Option<&'a Glossary>,
}

/// Runs every check on one segment.
pub fn check_segment(input: &QaInput<'_>, config: &QaConfig) -> Vec<QaFlag> {
    let source = visible(input.source);
    let target = visible(input.target);
    let mut flags = Vec::new();
    if source.trim().is_empty() {
        return flags;
    }
    if target.trim().is_empty() {
        flags.push(QaFlag::Empty);
        return flags;
    }
    flags.extend(check_markup(input.source, input.target));
    if let Some(detected) = untranslated(input.pair, &source, &target, config) {
        flags.push(QaFlag::Untranslated { detected });
    } else if let Some(text) = partly_untranslated(input, &source, &target) {
        flags.push(QaFlag::PartlyUntranslated { text });
    }
    flags.extend(check_numbers(input.pair, &source, &target));
    flags.extend(check_order(&source, &target));
    if let Some(glossary) = input.glossary {
        for m in glossary.missing_terms(&source, &target, input.pair) {
            flags.push(QaFlag::GlossaryMissing {
                term: m.found,
                expected: m.expected,
            });
        }
    }
    if input.pair.source == "vi" && input.pair.target != "vi" {
        // A wholly untranslated segment is flagged once, as untranslated.
        let whole = flags
            .iter()
            .any(|f| matches!(f, QaFlag::Untranslated { .. }));
        let credit_terms = if whole {
            Vec::new()
        } else {
            credits::left_in_vietnamese(&source, &target, &input.pair.target)
        };
        for (term, expected) in credit_terms {
            let known = flags
                .iter()
                .any(|f| matches!(f, QaFlag::GlossaryMissing { term: t, .. } if *t == term));
            if !known {
                flags.push(QaFlag::GlossaryMissing { term, expected });
            }
        }
        for name in names::source_names(&source) {
            let kept = names::keeps_name(&name.text, &target)
                || name
                    .shorter
                    .as_deref()
                    .is_some_and(|n| names::keeps_name(n, &target));
            if !kept {
                flags.push(QaFlag::NameChanged { name: name.text });
            }
        }
    }
    if let Some(ending) = truncation::cut_ending(&source, &target, &input.pair.target) {
        flags.push(QaFlag::Truncated { ending });
    }
    if let Some(percent) = length_ratio(input.pair, &source, &target, config) {
        flags.push(QaFlag::LengthRatio { percent });
    }
    if let Some(phrase) = repetition(input.pair, &source, &target) {
        flags.push(QaFlag::Repetition { phrase });
    }
    flags
}

/// Visible text of a placeholder string or inline HTML.
fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find('<') {
        out.push_str(&rest[..pos]);
        let after = &rest[pos..];
        match html_tag(after) {
            Some((len, _)) => rest = &after[len..],
            None => {
                out.push('<');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    placeholder::unescape(&out)
}

/// A tag at the start of `s`: its length and its signature (`x1`, `/x1`, `x2/`, `a`, `/a`).
fn html_tag(s: &str) -> Option<(usize, String)> {
    let end = s.find('>')?;
    let inner = s.get(1..end)?;
    if inner.contains('<') {
        return None;
    }
    let inner = inner.trim();
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, inner),
    };
    let self_closing = inner.ends_with('/');
    let name: String = inner
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ':')
        .collect();
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let name = name.to_ascii_lowercase();
    let sig = match (closing, self_closing) {
        (true, _) => format!("/{name}"),
        (false, true) => format!("{name}/"),
        (false, false) if matches!(name.as_str(), "br" | "img" | "hr" | "wbr") => {
            format!("{name}/")
        }
        (false, false) => name,
    };
    Some((end + 1, sig))
}

fn tag_signatures(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(pos) = rest.find('<') {
        let after = &rest[pos..];
        match html_tag(after) {
            Some((len, sig)) => {
                out.push(sig);
                rest = &after[len..];
            }
            None => rest = &after[1..],
        }
    }
    out
}

fn check_markup(source: &str, target: &str) -> Vec<QaFlag> {
    let src = tag_signatures(source);
    let tgt = tag_signatures(target);
    let count = |v: &[String]| {
        let mut m: HashMap<String, i32> = HashMap::new();
        for s in v {
            *m.entry(s.clone()).or_default() += 1;
        }
        m
    };
    let (cs, ct) = (count(&src), count(&tgt));
    let mut flags = Vec::new();
    let mut names: Vec<&String> = cs.keys().chain(ct.keys()).collect();
    names.sort();
    names.dedup();
    let mut reported: Vec<&str> = Vec::new();
    for name in names {
        let (a, b) = (
            cs.get(name).copied().unwrap_or(0),
            ct.get(name).copied().unwrap_or(0),
        );
        let base = name.trim_matches('/');
        if a == b || reported.contains(&base) {
            continue;
        }
        reported.push(base);
        let what = if a > b { "lost" } else { "added" };
        flags.push(QaFlag::MarkupLost {
            detail: format!("<{base}> {what}"),
        });
    }
    if flags.is_empty() {
        // Same tags; check they still nest.
        let mut stack: Vec<&str> = Vec::new();
        for sig in &tgt {
            if let Some(name) = sig.strip_prefix('/') {
                if stack.pop() != Some(name) {
                    flags.push(QaFlag::MarkupLost {
                        detail: format!("</{name}> out of order"),
                    });
                    break;
                }
            } else if !sig.ends_with('/') {
                stack.push(sig);
            }
        }
    }
    flags
}

fn whatlang_code(lang: &str) -> Option<Lang> {
    Some(match lang {
        "vi" => Lang::Vie,
        "en" => Lang::Eng,
        "fr" => Lang::Fra,
        "de" => Lang::Deu,
        "es" => Lang::Spa,
        "zh" => Lang::Cmn,
        "ja" => Lang::Jpn,
        "ko" => Lang::Kor,
        "ru" => Lang::Rus,
        "it" => Lang::Ita,
        "pt" => Lang::Por,
        _ => return None,
    })
}

/// Letters only Vietnamese uses among the portal's languages.
fn is_vietnamese_letter(c: char) -> bool {
    matches!(
        c,
        'đ' | 'Đ' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | 'ă' | 'Ă' | '\u{1EA0}'..='\u{1EF9}'
    )
}

fn untranslated(pair: &LangPair, source: &str, target: &str, config: &QaConfig) -> Option<String> {
    if pair.source == pair.target {
        return None;
    }
    let bare = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    // Capitalised words of the source are names: kept as written ("Quảng
    // Trị", "Lê Minh Đức"), they say nothing about the language.
    // The first word is a name only when the next is capitalised too and
    // no punctuation parts them ("Quảng Trị", not "Mưa lớn" nor "Ảnh: Reuters").
    let capital = |w: &String| w.chars().next().is_some_and(char::is_uppercase);
    let source_words: Vec<String> = source.split_whitespace().map(bare).collect();
    let first_is_name = source_words.get(1).is_none_or(capital)
        && source
            .split_whitespace()
            .next()
            .is_some_and(|w| w.ends_with(char::is_alphanumeric));
    let names: std::collections::HashSet<String> = source_words
        .iter()
        .enumerate()
        .filter(|(i, w)| capital(w) && (*i > 0 || first_is_name))
        .map(|(_, w)| w.clone())
        .collect();
    let words: Vec<&str> = target
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let rest: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !names.contains(&bare(w)))
        .collect();
    let letters: usize = rest
        .iter()
        .map(|w| w.chars().filter(|c| c.is_alphabetic()).count())
        .sum();
    let all_letters = target.chars().filter(|c| c.is_alphabetic()).count();
    if all_letters < 3 || (letters < 3 && rest.len() == words.len()) {
        return None;
    }
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.len() >= 3 && !rest.is_empty() && squash(source) == squash(target) {
        return Some(pair.source.clone());
    }
    // Vietnamese is recognisable from its letters, even in three words of alt text.
    if pair.source == "vi" {
        let marked = rest
            .iter()
            .filter(|w| w.chars().any(is_vietnamese_letter))
            .count();
        if words.len() >= 2 && marked > 0 && marked * 5 >= words.len() * 2 {
            return Some("vi".to_string());
        }
    }
    if letters < config.langid_min_letters {
        return None;
    }
    let (from, to) = (whatlang_code(&pair.source)?, whatlang_code(&pair.target)?);
    let info = Detector::with_allowlist(vec![from, to]).detect(&rest.join(" "))?;
    (info.lang() == from && info.confidence() >= 0.5).then(|| pair.source.clone())
}

fn conventions(lang: &str) -> NumberConventions {
    locale::number_format(lang)
        .map(|f| f.conventions())
        .unwrap_or(NumberConventions {
            group: ',',
            decimal: '.',
        })
}

fn check_numbers(pair: &LangPair, source: &str, target: &str) -> Vec<QaFlag> {
    let src = figures::figures(source, &pair.source, &conventions(&pair.source));
    let tgt = figures::figures(target, &pair.target, &conventions(&pair.target));
    let (lost, added) = figures::unmatched(&src, &tgt);
    let mut flags: Vec<QaFlag> = lost
        .into_iter()
        .map(|f| QaFlag::NumberMissing {
            value: f.shown.clone(),
        })
        .collect();
    flags.extend(added.into_iter().map(|f| QaFlag::NumberAdded {
        value: f.shown.clone(),
    }));
    flags.dedup();
    flags
}

/// Scores and ranges reversed: the source's `2-1` written `1-2`.
fn check_order(source: &str, target: &str) -> Vec<QaFlag> {
    let src = figures::ordered_pairs(source);
    let tgt = figures::ordered_pairs(target);
    let mut flags = Vec::new();
    for (a, b) in &src {
        let swapped = (b.clone(), a.clone());
        if a != b && tgt.contains(&swapped) && !tgt.contains(&(a.clone(), b.clone())) {
            flags.push(QaFlag::NumberOrder {
                expected: format!("{a}-{b}"),
                found: format!("{b}-{a}"),
            });
        }
    }
    flags
}

/// A run of Vietnamese words left in a translation from Vietnamese.
fn partly_untranslated(input: &QaInput<'_>, source: &str, target: &str) -> Option<String> {
    if input.pair.source != "vi" || input.pair.target == "vi" {
        return None;
    }
    if script_class(&input.pair.target) != ScriptClass::Alphabetic {
        return None;
    }
    let keep: Vec<String> = input
        .glossary
        .map(|g| {
            g.entries()
                .iter()
                .filter(|e| {
                    (e.target_lang == "*" || e.target_lang == input.pair.target)
                        && (e.source_lang == "*" || e.source_lang == input.pair.source)
                })
                .map(|e| e.target.clone())
                .collect()
        })
        .unwrap_or_default();
    vietnamese::leftover(source, target, &keep)
}

fn length_ratio(pair: &LangPair, source: &str, target: &str, config: &QaConfig) -> Option<u32> {
    let len = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
    let (s, t) = (len(source), len(target));
    if s < config.ratio_min_chars {
        return None;
    }
    use ScriptClass::*;
    let (lo, hi) = match (script_class(&pair.source), script_class(&pair.target)) {
        (Alphabetic, Alphabetic) | (Ideographic, Ideographic) | (Hangul, Hangul) => (0.4, 2.5),
        (Alphabetic, Ideographic) => (0.12, 1.0),
        (Ideographic, Alphabetic) => (1.0, 8.0),
        (Alphabetic, Hangul) => (0.2, 1.3),
        (Hangul, Alphabetic) => (0.7, 5.0),
        (Hangul, Ideographic) => (0.3, 1.5),
        (Ideographic, Hangul) => (0.6, 3.0),
    };
    let ratio = t as f64 / s as f64;
    let slack = config.ratio_slack.max(0.01);
    (ratio < lo / slack || ratio > hi * slack).then(|| (ratio * 100.0).round() as u32)
}

fn tokens(text: &str, lang: &str) -> Vec<String> {
    if script_class(lang) == ScriptClass::Ideographic {
        text.chars()
            .filter(|c| c.is_alphanumeric())
            .map(String::from)
            .collect()
    } else {
        text.split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty())
            .collect()
    }
}

/// The longest run of a phrase repeated back to back: (phrase, times).
fn longest_loop(tokens: &[String]) -> Option<(String, usize)> {
    let mut best: Option<(String, usize)> = None;
    for n in 1..=8usize {
        let min = if n == 1 { 4 } else { 3 };
        let mut i = 0;
        while i + n <= tokens.len() {
            let unit = &tokens[i..i + n];
            let mut times = 1;
            while tokens.get(i + times * n..i + (times + 1) * n) == Some(unit) {
                times += 1;
            }
            if times >= min && best.as_ref().is_none_or(|(_, t)| times * n > *t) {
                best = Some((unit.join(" "), times * n));
            }
            i += if times > 1 { (times - 1) * n + 1 } else { 1 };
        }
    }
    best
}

fn repetition(pair: &LangPair, source: &str, target: &str) -> Option<String> {
    let (phrase, _) = longest_loop(&tokens(target, &pair.target))?;
    // A loop the source already has ("ha ha ha ha") is the author's.
    if longest_loop(&tokens(source, &pair.source)).is_some() {
        return None;
    }
    Some(phrase)
}

#[cfg(test)]
mod tests;
