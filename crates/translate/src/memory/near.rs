//! Reusing a near-exact match: substituting the new numbers into the old translation.

use std::collections::{HashMap, HashSet};

use locale::NumberFormat;

use crate::localize::render;
use crate::memory::MemoryEntry;
use crate::numbers::{find_numbers, NumberToken};
use crate::placeholder::{self, Token};

/// The translation of `source` made from `entry`, a near-exact match: each
/// number that changed between `entry.source` and `source` is found in
/// `entry.target` and replaced by the new value in the target locale.
/// `None` when that cannot be done safely (a number missing from the old
/// translation, or ambiguous).
pub fn adapt_near(entry: &MemoryEntry, source: &str) -> Option<String> {
    let from = locale::number_format(&entry.pair.source).ok()?;
    let to = locale::number_format(&entry.pair.target).ok()?;
    let old = numbers_of(&entry.source, &from);
    let new = numbers_of(source, &from);
    if old.len() != new.len() {
        return None;
    }
    let mut mapping: HashMap<String, &NumberToken> = HashMap::new();
    for ((_, o), (_, n)) in old.iter().zip(&new) {
        if o.literal && o.value() != n.value() {
            return None;
        }
        match mapping.get(&o.value()) {
            Some(prev) if prev.value() != n.value() => return None,
            _ => {
                mapping.insert(o.value(), n);
            }
        }
    }
    // Replace in the old target, on the original ranges.
    let mut out = String::with_capacity(entry.target.len());
    let mut last = 0;
    let mut found: HashSet<String> = HashSet::new();
    for (offset, token) in numbers_of(&entry.target, &to) {
        let Some(new_token) = mapping.get(&token.value()) else {
            continue;
        };
        found.insert(token.value());
        if new_token.value() == token.value() {
            continue;
        }
        let mut wanted = (*new_token).clone();
        wanted.grouped = token.grouped || new_token.grouped;
        wanted.percent = token.percent;
        let rendered = render(&to, &wanted).ok()?;
        let start = offset + token.range.start;
        out.push_str(entry.target.get(last..start)?);
        out.push_str(&article::escape::escape_text(&rendered));
        last = offset + token.range.end;
    }
    out.push_str(entry.target.get(last..)?);
    // Every number that changed must have been found in the old translation.
    let changed = mapping.iter().filter(|(old, new)| **old != new.value());
    if changed.clone().any(|(old, _)| !found.contains(old)) {
        return None;
    }
    Some(out)
}

/// Numbers in the text parts of a placeholder string, with the offset of their text part.
fn numbers_of(text: &str, format: &NumberFormat) -> Vec<(usize, NumberToken)> {
    let conventions = format.conventions();
    let mut out = Vec::new();
    for (range, token) in placeholder::tokenize(text) {
        if let Token::Text(raw) = token {
            // Numbers never contain entities, so raw offsets are fine.
            out.extend(
                find_numbers(raw, &conventions)
                    .into_iter()
                    .map(|n| (range.start, n)),
            );
        }
    }
    out
}
