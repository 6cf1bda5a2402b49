//! Which key sets of the extractor's rules a class or id value contains.
//!
//! Many rules ask whether an element's class or id holds one of their
//! substrings ("byline", "author"…, "date", "time"…, readability's negative
//! and content names). Asking each rule in turn read every value once per
//! key; one Aho-Corasick automaton (the maintained `aho-corasick` crate) over
//! all the keys reads it once and answers every set: bit `k` of
//! [`key_sets`] is set when the value contains, ASCII case ignored, at least
//! one key of set `k` — the same answer as testing each key of the set with
//! `text::contains_ascii_ci`. Class values are asked once per page and value
//! (`Dom::class_keys`); ids, which rarely repeat, each time.

use aho_corasick::{AhoCorasick, MatchKind};

/// One set of keys, asked as a whole.
#[derive(Clone, Copy, Debug)]
pub(crate) enum KeySet {
    /// `meta`: names of a byline.
    Byline,
    /// `meta`: names of boxes that hold no byline (bio, list, date…).
    NotByline,
    /// `meta`: names of a date line.
    DateLine,
    /// `meta`: names of a caption or photo.
    Caption,
    /// `meta::lead`: names of boxes no standfirst is in.
    NotLead,
    /// `meta::lead`: every substring a standfirst's class name must hold
    /// (its keys, words and tokens), so that values without one skip the
    /// exact test.
    LeadMaybe,
    /// `content::hints`: readability's negative names.
    Negative,
    /// `content::hints`: readability's content names.
    Content,
}

impl KeySet {
    /// This set's bit in [`key_sets`]' answer.
    pub(crate) fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

/// Every set with its keys (lower-case ASCII).
fn sets() -> [(KeySet, &'static [&'static str]); 10] {
    [
        (KeySet::Byline, crate::meta::BYLINE_KEYS),
        (KeySet::NotByline, crate::meta::NOT_BYLINE_KEYS),
        (KeySet::DateLine, crate::meta::DATE_LINE_KEYS),
        (KeySet::Caption, crate::meta::CAPTION_KEYS),
        (KeySet::NotLead, crate::meta::NOT_LEAD_KEYS),
        (KeySet::LeadMaybe, crate::meta::LEAD_KEYS),
        (KeySet::LeadMaybe, crate::meta::LEAD_WORDS),
        (KeySet::LeadMaybe, &["lead", "description", "deck"]),
        (KeySet::Negative, crate::content::NEGATIVE_KEYS),
        (KeySet::Content, crate::content::CONTENT_KEYS),
    ]
}

struct Automaton {
    ac: Option<AhoCorasick>,
    /// For each pattern of `ac`, the bits of the sets that hold it.
    bits: Vec<u32>,
}

fn automaton() -> &'static Automaton {
    static AUTOMATON: std::sync::OnceLock<Automaton> = std::sync::OnceLock::new();
    AUTOMATON.get_or_init(|| {
        let mut patterns: Vec<&'static str> = Vec::new();
        let mut bits: Vec<u32> = Vec::new();
        for (set, keys) in sets() {
            for &k in keys {
                match patterns.iter().position(|&p| p == k) {
                    Some(i) => bits[i] |= set.bit(),
                    None => {
                        patterns.push(k);
                        bits.push(set.bit());
                    }
                }
            }
        }
        // Standard semantics report every occurrence of every pattern in
        // overlapping search; the patterns are a fixed, valid list.
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .ok();
        Automaton { ac, bits }
    })
}

/// The [`KeySet`] bits of the sets with a key in `value` (ASCII case ignored).
pub(crate) fn key_sets(value: &str) -> u32 {
    let a = automaton();
    let Some(ac) = &a.ac else {
        return slow_key_sets(value);
    };
    let mut out = 0;
    for m in ac.find_overlapping_iter(value) {
        out |= a.bits.get(m.pattern().as_usize()).copied().unwrap_or(0);
    }
    out
}

/// The same answer, one key at a time (the reference for the tests, and the
/// answer should the automaton fail to build).
fn slow_key_sets(value: &str) -> u32 {
    sets()
        .iter()
        .filter(|(_, keys)| {
            keys.iter()
                .any(|k| crate::text::contains_ascii_ci(value, k))
        })
        .fold(0, |acc, (set, _)| acc | set.bit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn automaton_builds_and_matches_the_key_by_key_answer() {
        assert!(automaton().ac.is_some());
        for v in [
            "",
            "Article-Byline author__name",
            "post-meta DATE",
            "tac-gia box",
            "caption photo-credit",
            "related-posts promo",
            "entry-summary",
            "c-article-head__subtitle",
            "com-list media",
            "sidebar widget-area",
            "main-content fck_detail",
            "articleBody",
            "Báo-author",
            "dekstop",
            "xyz",
        ] {
            assert_eq!(key_sets(v), slow_key_sets(v), "{v:?}");
        }
        assert_ne!(key_sets("the-byline") & KeySet::Byline.bit(), 0);
        assert_eq!(key_sets("the-headline") & KeySet::Byline.bit(), 0);
    }
}
