//! The numbers a translation must keep, whatever form they take.
//!
//! A figure is a number as written (`20 giờ 30`, `1.500`, `six`, `September`)
//! with every value it may stand for: a time as `t20:30` (and `t8:30`
//! when no am/pm says which half of the day), a number as its canonical
//! value (`1500`, and `1.5` too when `1.500`/`1,500` could be either),
//! with a scale word also its full value (`1,5 triệu` → `1500000`).
//! Digits must be accounted for on both sides; words (`hai`, `deux`, `a`,
//! `September`) may stand for a digit of the other side but are never
//! required, since "một người" is just "a man".
//!
//! Source and target figures are paired by a maximum bipartite matching
//! over shared values; what stays unpaired is a changed or missing number.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::words::{is_cardinal, month_word, number_word, scale_word, school_year_word};
use crate::numbers::{find_numbers, NumberConventions};

/// A number found in text, with the values it may stand for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Figure {
    /// Its first value, for reports (`1115`, `t20:30`).
    pub shown: String,
    /// Every value it may stand for.
    pub values: Vec<String>,
    /// Digits must be matched; number words and month names need not be.
    pub required: bool,
    /// A cardinal word (`three`, `ba`): unmatched on both sides, two such
    /// words are a changed number.
    pub strict: bool,
}

fn time_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // 20 giờ 30, 20h30, 20 h 30, 20:30, 8.30 p.m., 8:30pm; then 20 giờ, 20h, 8 pm.
        literal(concat!(
            r"(?i)\b(\d{1,2})(?:\s*(giờ|hours?|heures?|hrs?|h|:|\.)\s*(?:and\s+|et\s+)?(\d{1,2})",
            r"(?:\s*(?:phút|minutes?|mins?))?|\s*(giờ|heures?|h))(?:\s*([ap])\.?\s?m\b\.?|\b)",
            r"|\b(\d{1,2})\s*([ap])\.?\s?m\b\.?"
        ))
    })
}

/// What follows the first hour of a range of hours ("17 đến 23 giờ",
/// "5 to 11pm"); the second hour itself was read as a time.
fn range_to_time_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| literal(r"(?i)^\s*(?:đến|tới|-|–|to|à|and|et)"))
}

fn roman_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| literal(r"\b([IVXL]{1,6})(?:e|er|ère|ème|nd|th)?\b"))
}

fn score_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| literal(r"(\d{1,3})\s?[-–—:]\s?(\d{1,3})"))
}

/// Compiles one of the literal patterns above: they are constants every
/// test runs, so a failure is a bug in this file, never in the input.
#[allow(clippy::expect_used)]
fn literal(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a literal pattern compiles")
}

/// Every figure of `text`, read in `lang` with its number conventions.
pub(super) fn figures(text: &str, lang: &str, conv: &NumberConventions) -> Vec<Figure> {
    let mut out = Vec::new();
    let mut masked = text.to_string();
    let mut time_starts: Vec<usize> = Vec::new();
    for caps in time_re().captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let hour_m = caps.get(1).or_else(|| caps.get(6));
        let Some(hour) = hour_m.and_then(|m| m.as_str().parse::<u32>().ok()) else {
            continue;
        };
        let sep = caps.get(2).map(|m| m.as_str());
        let minute_m = caps.get(3);
        let minute = minute_m.and_then(|m| m.as_str().parse::<u32>().ok());
        // "20h5" is no time; "2 hours 5 minutes" is.
        let worded = sep.is_some_and(|s| s.chars().count() > 1);
        if minute_m.is_some_and(|m| m.len() != 2) && !worded {
            continue;
        }
        let half = caps
            .get(5)
            .or_else(|| caps.get(7))
            .map(|m| m.as_str().to_ascii_lowercase());
        // "8.30" is a time only with am/pm ("2.50" is a price).
        if sep == Some(".") && half.is_none() {
            continue;
        }
        if hour > 24 || minute.is_some_and(|m| m > 59) {
            continue;
        }
        out.push(time_figure(hour, minute, half.as_deref()));
        time_starts.push(whole.start());
        blank(&mut masked, whole.range());
    }
    for caps in roman_re().captures_iter(text) {
        let (Some(whole), Some(numeral)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        // A lone "I" or "V" is a word or a letter, not a number.
        if numeral.as_str().len() < 2 && whole.len() == numeral.len() {
            continue;
        }
        if let Some(v) = roman(numeral.as_str()) {
            out.push(optional(v.to_string()));
            blank(&mut masked, whole.range());
        }
    }
    for token in find_numbers(&masked, conv) {
        let written = masked.get(token.range.clone()).unwrap_or_default();
        let mut values = vec![token.value()];
        for other in both_readings(written) {
            if !values.contains(&other) {
                values.push(other);
            }
        }
        if let Some(power) = scale_after(&masked, token.range.end) {
            let scaled: Vec<String> = values.iter().filter_map(|v| scale(v, power)).collect();
            values.extend(scaled);
        }
        // "từ 17 đến 23 giờ": the first number is a time too.
        let after = masked.get(token.range.end..).unwrap_or_default();
        let to_time = range_to_time_re().find(after).is_some_and(|m| {
            // The original text, since the mask turned the time into spaces.
            let at = token.range.end + m.end();
            let rest = text.get(at..).unwrap_or_default();
            let gap = rest.len() - rest.trim_start().len();
            time_starts.contains(&(at + gap))
        });
        if let (Ok(hour), true) = (token.value().parse::<u32>(), to_time) {
            if hour <= 24 {
                let time = time_figure(hour, None, None);
                for v in time.values {
                    if !values.contains(&v) {
                        values.push(v);
                    }
                }
            }
        }
        let before = masked.get(..token.range.start).unwrap_or_default();
        if lang == "vi" && before.trim_end().to_lowercase().ends_with("lớp") {
            values.push(format!("grade:{}", token.value()));
        }
        if lang == "fr" {
            if let Some(year) = french_school_year(&masked, &token) {
                values.push(format!("grade:{year}"));
            }
        }
        out.push(Figure {
            shown: values[0].clone(),
            values,
            required: true,
            strict: false,
        });
    }
    out.extend(word_figures(&masked, lang));
    out
}

fn optional(value: String) -> Figure {
    Figure {
        shown: value.clone(),
        values: vec![value],
        required: false,
        strict: false,
    }
}

/// French collège years count down: "4e" is the Vietnamese lớp 8.
fn french_school_year(text: &str, token: &crate::numbers::NumberToken) -> Option<u64> {
    let n: u64 = token.value().parse().ok()?;
    let after = text.get(token.range.end..)?;
    let suffixed = after.starts_with("e ") || after.starts_with("ème") || after == "e";
    ((3..=6).contains(&n) && suffixed).then(|| 12 - n)
}

fn blank(text: &mut String, range: Range<usize>) {
    if let Some(part) = text.get(range.clone()) {
        let spaces = " ".repeat(part.len());
        text.replace_range(range, &spaces);
    }
}

fn time_figure(hour: u32, minute: Option<u32>, half: Option<&str>) -> Figure {
    let m = minute.unwrap_or(0);
    let mut hours: Vec<u32> = match half {
        Some("p") if hour < 12 => vec![hour + 12],
        Some("a") if hour == 12 => vec![0],
        Some(_) => vec![hour],
        None if (1..=11).contains(&hour) => vec![hour, hour + 12],
        None if hour == 24 => vec![0, 24],
        None => vec![hour],
    };
    if half.is_none() && hour > 12 {
        hours.push(hour - 12);
    }
    let mut values: Vec<String> = hours.iter().map(|h| format!("t{h}:{m:02}")).collect();
    // "24 giờ" is also a duration; "2 h" two hours.
    if minute.is_none() {
        values.push(hour.to_string());
    }
    Figure {
        shown: values.first().cloned().unwrap_or_default(),
        values,
        required: true,
        strict: false,
    }
}

fn roman(s: &str) -> Option<u64> {
    let digit = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        _ => None,
    };
    let digits: Option<Vec<u64>> = s.chars().map(digit).collect();
    let digits = digits?;
    let mut total = 0u64;
    for (i, d) in digits.iter().enumerate() {
        match digits.get(i + 1) {
            Some(next) if next > d => total = total.checked_sub(*d)?,
            _ => total += d,
        }
    }
    // Only canonical numerals ("XX", "XIV"), not words like "LIV".
    (to_roman(total) == s).then_some(total)
}

fn to_roman(mut n: u64) -> String {
    let table = [
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in table {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// `1.500` or `1,500` alone: both readings of an ambiguous separator
/// (thousands in one convention, a decimal point in the other).
fn both_readings(written: &str) -> Vec<String> {
    let written = written.trim_end_matches(['%', ' ', '\u{a0}', '\u{202f}']);
    let Some((int, frac)) = written.split_once(['.', ',']) else {
        return Vec::new();
    };
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if !(1..=3).contains(&int.len()) || frac.len() != 3 || !digits(int) || !digits(frac) {
        return Vec::new();
    }
    if int.len() > 1 && int.starts_with('0') {
        return Vec::new();
    }
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let decimal = match frac.trim_end_matches('0') {
        "" => int.to_string(),
        f => format!("{int}.{f}"),
    };
    let whole = format!("{int}{frac}").trim_start_matches('0').to_string();
    vec![whole, decimal]
}

/// The power of ten of a scale word right after a number (`1,5 triệu`).
fn scale_after(text: &str, end: usize) -> Option<u32> {
    let rest = text.get(end..)?;
    let mut power = 0;
    for word in rest.split_whitespace().take(2) {
        let w = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        match scale_word(&w) {
            Some(p) => power += p,
            None => break,
        }
        // "1.500 tỷ" alone; "nghìn tỷ" (10^12) is two words.
    }
    (power > 0).then_some(power)
}

/// `value` (`1.5`, `1500`) times 10^power, canonical (`1500000`).
fn scale(value: &str, power: u32) -> Option<String> {
    if value.starts_with('#') || value.starts_with('t') {
        return None;
    }
    let (int, frac) = value.split_once('.').unwrap_or((value, ""));
    let p = power as usize;
    if frac.len() > p {
        return None;
    }
    let mut digits = format!("{int}{frac}");
    digits.push_str(&"0".repeat(p - frac.len()));
    let digits = digits.trim_start_matches('0');
    Some(if digits.is_empty() {
        "0".into()
    } else {
        digits.into()
    })
}

/// Number words and month names, each an optional figure; a run of number
/// words (`twenty-two`, `vingt-deux`, `hai mươi lăm`) also stands for its total.
fn word_figures(text: &str, lang: &str) -> Vec<Figure> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut out: Vec<Figure> = Vec::new();
    let mut run: Vec<u64> = Vec::new();
    let mut run_start: Option<usize> = None;
    let flush = |out: &mut Vec<Figure>, run: &mut Vec<u64>, start: &mut Option<usize>| {
        if let (Some(s), true) = (*start, run.len() > 1) {
            let total = combine(run);
            if let Some(f) = out.get_mut(s) {
                f.values.push(total.to_string());
            }
        }
        run.clear();
        *start = None;
    };
    for (i, w) in words.iter().enumerate() {
        if lang == "vi" && w == "mươi" {
            run.push(u64::MAX);
            continue;
        }
        if let Some(v) = number_word(w, lang) {
            if run_start.is_none() {
                run_start = Some(out.len());
            }
            run.push(v);
            let mut figure = optional(v.to_string());
            figure.strict = is_cardinal(w, lang);
            if let Some(year) = school_year_word(w, lang) {
                figure.values.push(format!("grade:{year}"));
            }
            out.push(figure);
            continue;
        }
        if let Some(year) = school_year_word(w, lang) {
            out.push(optional(format!("grade:{year}")));
        }
        let joiner = matches!(w.as_str(), "et" | "and")
            && words
                .get(i + 1)
                .is_some_and(|n| number_word(n, lang).is_some());
        if joiner && !run.is_empty() {
            continue;
        }
        flush(&mut out, &mut run, &mut run_start);
        if let Some(m) = month_word(w, lang) {
            out.push(optional(m.to_string()));
        }
    }
    flush(&mut out, &mut run, &mut run_start);
    out
}

/// The total of number words in order (`u64::MAX` is Vietnamese "mươi", ×10).
fn combine(run: &[u64]) -> u64 {
    let (mut total, mut current) = (0u64, 0u64);
    let mut last = 0u64;
    for &v in run {
        match v {
            u64::MAX => current = current.saturating_mul(10),
            100 => current = current.max(1).saturating_mul(100),
            1000 | 1_000_000 => {
                total = total.saturating_add(current.max(1).saturating_mul(v));
                current = 0;
            }
            20 if last == 4 => current = current - 4 + 80,
            _ => current = current.saturating_add(v),
        }
        last = v;
    }
    total.saturating_add(current)
}

/// Number pairs joined by a dash or colon (`2-1`, `2–1`): scores and
/// ranges, whose order matters. Parts of longer numbers (`2024-2025`,
/// `4,7-5,2`, `31/12-1/1`) are not pairs.
pub(super) fn ordered_pairs(text: &str) -> Vec<(String, String)> {
    let joined = |c: char| c.is_ascii_digit() || matches!(c, '.' | ',' | ':' | '/' | '-');
    let mut out = Vec::new();
    for caps in score_re().captures_iter(text) {
        let (Some(whole), Some(a), Some(b)) = (caps.get(0), caps.get(1), caps.get(2)) else {
            continue;
        };
        let before = text.get(..whole.start()).and_then(|t| t.chars().last());
        let mut after = text.get(whole.end()..).unwrap_or_default().chars();
        let next = after.next();
        // A full stop or comma after the pair ends a sentence or a clause
        // unless a digit follows ("2-1.5" is not a score).
        let next_joins = next.is_some_and(|c| {
            c.is_ascii_digit()
                || (matches!(c, '.' | ',' | ':' | '/' | '-')
                    && after.next().is_some_and(|d| d.is_ascii_digit()))
        });
        if before.is_some_and(joined) || next_joins {
            continue;
        }
        out.push((a.as_str().to_string(), b.as_str().to_string()));
    }
    out
}

/// Pairs source and target figures that share a value: returns the unpaired
/// required figures of each side.
pub(super) fn unmatched<'a>(
    source: &'a [Figure],
    target: &'a [Figure],
) -> (Vec<&'a Figure>, Vec<&'a Figure>) {
    let shares = |s: &Figure, t: &Figure| s.values.iter().any(|v| t.values.contains(v));
    // Required figures first, so a word never takes a digit's partner.
    let mut src_order: Vec<usize> = (0..source.len()).collect();
    src_order.sort_by_key(|&i| !source[i].required);
    let mut tgt_order: Vec<usize> = (0..target.len()).collect();
    tgt_order.sort_by_key(|&j| !target[j].required);
    let adj: Vec<Vec<usize>> = (0..source.len())
        .map(|i| {
            tgt_order
                .iter()
                .copied()
                .filter(|&j| shares(&source[i], &target[j]))
                .collect()
        })
        .collect();
    let mut owner: Vec<Option<usize>> = vec![None; target.len()];
    for &i in &src_order {
        let mut seen = vec![false; target.len()];
        augment(i, &adj, &mut owner, &mut seen);
    }
    let mut src_matched = vec![false; source.len()];
    for i in owner.iter().flatten() {
        src_matched[*i] = true;
    }
    let unpaired_words = |strict_only: bool| {
        let src: Vec<&Figure> = source
            .iter()
            .zip(&src_matched)
            .filter(|(f, m)| !**m && (f.required || (strict_only && f.strict)))
            .map(|(f, _)| f)
            .collect();
        let tgt: Vec<&Figure> = target
            .iter()
            .zip(&owner)
            .filter(|(f, o)| o.is_none() && (f.required || (strict_only && f.strict)))
            .map(|(f, _)| f)
            .collect();
        (src, tgt)
    };
    // "hai" written "trois": two unpaired cardinal words are a change.
    let strict_src = source
        .iter()
        .zip(&src_matched)
        .any(|(f, m)| !*m && f.strict);
    let strict_tgt = target
        .iter()
        .zip(&owner)
        .any(|(f, o)| o.is_none() && f.strict);
    unpaired_words(strict_src && strict_tgt)
}

/// Kuhn's augmenting path from source `i`; recursion depth is bounded by the
/// number of figures in one sentence.
fn augment(i: usize, adj: &[Vec<usize>], owner: &mut [Option<usize>], seen: &mut [bool]) -> bool {
    for &j in &adj[i] {
        if seen[j] {
            continue;
        }
        seen[j] = true;
        let free = match owner[j] {
            None => true,
            Some(k) => augment(k, adj, owner, seen),
        };
        if free {
            owner[j] = Some(i);
            return true;
        }
    }
    false
}
