//! Glossary: forced translations and do-not-translate terms, per language pair.
//!
//! Before the engine, each term found in a segment is wrapped in a glossary
//! placeholder holding the wanted rendering (`<g1>Poutine</g1>`); after it,
//! whatever the engine left inside is replaced by that rendering, and a term
//! that went missing altogether is reported.

use std::io::{Read, Write};
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::lang::LangPair;
use crate::placeholder::{self, TagForm, Token};

/// What the glossary does with a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TermKind {
    /// Always translate the term as the entry says ("Putin" → "Poutine").
    Forced,
    /// Never translate it (brand names): the target is the source.
    Keep,
}

/// One glossary entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GlossaryEntry {
    /// Source language, or `*` for any.
    pub source_lang: String,
    /// Target language, or `*` for any.
    pub target_lang: String,
    /// The term as written in source text.
    pub source: String,
    /// Its rendering in the target language (the source itself for [`TermKind::Keep`]).
    pub target: String,
    /// Forced translation or do-not-translate.
    pub kind: TermKind,
    /// When false, the term also matches in other cases and the rendering follows
    /// the case found ("PUTIN" → "POUTINE").
    pub case_sensitive: bool,
}

impl GlossaryEntry {
    /// A forced translation for one pair, matched in any case.
    pub fn forced(pair: &LangPair, source: &str, target: &str) -> Self {
        GlossaryEntry {
            source_lang: pair.source.clone(),
            target_lang: pair.target.clone(),
            source: source.to_string(),
            target: target.to_string(),
            kind: TermKind::Forced,
            case_sensitive: false,
        }
    }

    /// A do-not-translate term for every pair, matched case-sensitively.
    pub fn keep(term: &str) -> Self {
        GlossaryEntry {
            source_lang: "*".into(),
            target_lang: "*".into(),
            source: term.to_string(),
            target: term.to_string(),
            kind: TermKind::Keep,
            case_sensitive: true,
        }
    }

    fn applies_to(&self, pair: &LangPair) -> bool {
        (self.source_lang == "*" || self.source_lang == pair.source)
            && (self.target_lang == "*" || self.target_lang == pair.target)
    }
}

/// Errors reading or writing a glossary.
#[derive(Debug, thiserror::Error)]
pub enum GlossaryError {
    /// The CSV is malformed.
    #[error("glossary CSV: {0}")]
    Csv(#[from] csv::Error),
    /// A row has a bad value.
    #[error("glossary CSV line {line}: {reason}")]
    Row {
        /// 1-based line number.
        line: u64,
        /// What is wrong.
        reason: String,
    },
}

/// A glossary for all language pairs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Glossary {
    entries: Vec<GlossaryEntry>,
}

/// A glossary term found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermMatch {
    /// Byte range of the occurrence.
    pub range: Range<usize>,
    /// The source term as found in the text.
    pub found: String,
    /// The rendering the target must contain, in the case of the occurrence.
    pub expected: String,
    /// The entry's kind.
    pub kind: TermKind,
}

/// A segment prepared for the engine, with its terms wrapped in `<gN>` placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Protected {
    /// The segment with `<gN>rendering</gN>` around each term.
    pub text: String,
    /// `terms[N-1]` is what `<gN>` must become.
    pub terms: Vec<TermMatch>,
}

/// A translation with its glossary placeholders replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// The translation, with each term rendered as the glossary says.
    pub text: String,
    /// Renderings that are missing from the translation.
    pub missing: Vec<TermMatch>,
}

const CSV_HEADER: [&str; 6] = [
    "source_lang",
    "target_lang",
    "source",
    "target",
    "kind",
    "case",
];

impl Glossary {
    /// An empty glossary.
    pub fn new() -> Self {
        Glossary::default()
    }

    /// Adds an entry.
    pub fn add(&mut self, entry: GlossaryEntry) {
        self.entries.push(entry);
    }

    /// All entries, in the order added.
    pub fn entries(&self) -> &[GlossaryEntry] {
        &self.entries
    }

    /// Reads CSV with the header `source_lang,target_lang,source,target,kind,case`;
    /// `kind` is `forced` or `keep`, `case` is `sensitive` or `insensitive`
    /// (empty: insensitive for forced terms, sensitive for kept ones).
    pub fn from_csv(reader: impl Read) -> Result<Self, GlossaryError> {
        let mut rdr = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .flexible(true)
            .from_reader(reader);
        let mut glossary = Glossary::new();
        for record in rdr.records() {
            let record = record?;
            let line = record.position().map_or(0, csv::Position::line);
            let field = |i: usize| record.get(i).unwrap_or_default().to_string();
            let row_err = |reason: String| GlossaryError::Row { line, reason };
            let source = field(2);
            if source.is_empty() {
                return Err(row_err("empty source term".into()));
            }
            let kind = match field(4).to_ascii_lowercase().as_str() {
                "" | "forced" | "force" => TermKind::Forced,
                "keep" | "dnt" | "do_not_translate" => TermKind::Keep,
                other => return Err(row_err(format!("unknown kind {other:?} (forced, keep)"))),
            };
            let mut target = field(3);
            if kind == TermKind::Keep {
                target = source.clone();
            } else if target.is_empty() {
                return Err(row_err("forced term without a target".into()));
            }
            let case_sensitive = match field(5).to_ascii_lowercase().as_str() {
                "" => kind == TermKind::Keep,
                "sensitive" | "yes" | "true" => true,
                "insensitive" | "no" | "false" => false,
                other => {
                    return Err(row_err(format!(
                        "unknown case {other:?} (sensitive, insensitive)"
                    )))
                }
            };
            let lang = |s: String| {
                if s.is_empty() || s == "*" {
                    "*".to_string()
                } else {
                    crate::lang::primary_language(&s)
                }
            };
            glossary.add(GlossaryEntry {
                source_lang: lang(field(0)),
                target_lang: lang(field(1)),
                source,
                target,
                kind,
                case_sensitive,
            });
        }
        Ok(glossary)
    }

    /// Writes the glossary as CSV, readable by [`Glossary::from_csv`].
    pub fn to_csv(&self, writer: impl Write) -> Result<(), GlossaryError> {
        let mut w = csv::Writer::from_writer(writer);
        w.write_record(CSV_HEADER)?;
        for e in &self.entries {
            let kind = match e.kind {
                TermKind::Forced => "forced",
                TermKind::Keep => "keep",
            };
            let case = if e.case_sensitive {
                "sensitive"
            } else {
                "insensitive"
            };
            w.write_record([
                &e.source_lang,
                &e.target_lang,
                &e.source,
                &e.target,
                kind,
                case,
            ])?;
        }
        w.flush().map_err(csv::Error::from)?;
        Ok(())
    }

    /// The entries for one pair, longest source first.
    fn for_pair(&self, pair: &LangPair) -> Vec<&GlossaryEntry> {
        let mut entries: Vec<&GlossaryEntry> =
            self.entries.iter().filter(|e| e.applies_to(pair)).collect();
        entries.sort_by_key(|e| std::cmp::Reverse(e.source.chars().count()));
        entries
    }

    /// Finds the terms of `pair` in plain text, longest first, never overlapping.
    pub fn find_terms(&self, text: &str, pair: &LangPair) -> Vec<TermMatch> {
        let entries = self.for_pair(pair);
        if entries.is_empty() {
            return Vec::new();
        }
        let mut taken: Vec<Range<usize>> = Vec::new();
        let mut found = Vec::new();
        for entry in entries {
            for range in find_term(text, &entry.source, entry.case_sensitive) {
                if taken
                    .iter()
                    .any(|t| t.start < range.end && range.start < t.end)
                {
                    continue;
                }
                let occurrence = text.get(range.clone()).unwrap_or_default().to_string();
                let expected = match entry.kind {
                    TermKind::Keep => occurrence.clone(),
                    TermKind::Forced => follow_case(&occurrence, &entry.source, &entry.target),
                };
                taken.push(range.clone());
                found.push(TermMatch {
                    range,
                    found: occurrence,
                    expected,
                    kind: entry.kind,
                });
            }
        }
        found.sort_by_key(|m| m.range.start);
        found
    }

    /// Wraps the terms of a placeholder string in `<gN>` placeholders.
    pub fn protect(&self, text: &str, pair: &LangPair) -> Protected {
        let mut out = String::with_capacity(text.len() + 16);
        let mut terms = Vec::new();
        for (_, token) in placeholder::tokenize(text) {
            match token {
                Token::Text(raw) => {
                    let plain = placeholder::unescape(raw);
                    let matches = self.find_terms(&plain, pair);
                    if matches.is_empty() {
                        out.push_str(raw);
                        continue;
                    }
                    let mut last = 0;
                    for m in matches {
                        out.push_str(&article::escape::escape_text(
                            plain.get(last..m.range.start).unwrap_or_default(),
                        ));
                        terms.push(m);
                        let n = terms.len();
                        let expected = terms
                            .last()
                            .map(|t| article::escape::escape_text(&t.expected))
                            .unwrap_or_default();
                        out.push_str(&format!("<g{n}>{expected}</g{n}>"));
                        last = terms.last().map_or(last, |t| t.range.end);
                    }
                    out.push_str(&article::escape::escape_text(
                        plain.get(last..).unwrap_or_default(),
                    ));
                }
                Token::Tag { kind, id, form } => {
                    out.push_str(&placeholder::render_tag(kind, id, form))
                }
            }
        }
        Protected { text: out, terms }
    }

    /// Replaces `<gN>…</gN>` (or a collapsed `<gN/>`) by the term's rendering
    /// and lists the renderings missing from the result.
    pub fn restore(&self, translated: &str, terms: &[TermMatch]) -> Restored {
        let mut out = String::with_capacity(translated.len());
        let mut inside: Option<usize> = None;
        for (_, token) in placeholder::tokenize(translated) {
            match token {
                Token::Tag {
                    kind: 'g',
                    id,
                    form,
                } => {
                    let term = id.checked_sub(1).and_then(|i| terms.get(i));
                    match (form, term) {
                        (TagForm::Open, Some(t)) => {
                            out.push_str(&article::escape::escape_text(&t.expected));
                            inside = Some(id);
                        }
                        (TagForm::SelfClosing, Some(t)) => {
                            out.push_str(&article::escape::escape_text(&t.expected))
                        }
                        (TagForm::Close, _) if inside == Some(id) => inside = None,
                        _ => {}
                    }
                }
                Token::Tag { kind, id, form } => {
                    out.push_str(&placeholder::render_tag(kind, id, form))
                }
                Token::Text(raw) => {
                    if inside.is_none() {
                        out.push_str(raw);
                    }
                }
            }
        }
        let visible = placeholder::strip_tags(&out);
        let missing = terms
            .iter()
            .filter(|t| !contains_term(&visible, &t.expected))
            .cloned()
            .collect();
        Restored { text: out, missing }
    }

    /// Glossary check of a finished translation: the renderings of the terms
    /// found in `source` that `target` lacks. Both are plain text.
    pub fn missing_terms(&self, source: &str, target: &str, pair: &LangPair) -> Vec<TermMatch> {
        self.find_terms(source, pair)
            .into_iter()
            .filter(|t| !contains_term(target, &t.expected))
            .collect()
    }
}

/// Occurrences of `term` in `text` at word boundaries.
fn find_term(text: &str, term: &str, case_sensitive: bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if term.is_empty() {
        return out;
    }
    let needle: Vec<char> = term.chars().collect();
    let boundary_needed = |c: char| c.is_alphanumeric() && (c as u32) < 0x2E80;
    let first = needle.first().copied();
    let last = needle.last().copied();
    let hay: Vec<(usize, char)> = text.char_indices().collect();
    for start in 0..hay.len() {
        let Some(end) = match_at(&hay, start, &needle, case_sensitive) else {
            continue;
        };
        let before_ok = start == 0
            || !first.is_some_and(boundary_needed)
            || !hay.get(start - 1).is_some_and(|(_, c)| c.is_alphanumeric());
        let after_ok = !last.is_some_and(boundary_needed)
            || !hay.get(end).is_some_and(|(_, c)| c.is_alphanumeric());
        if before_ok && after_ok {
            let s = hay.get(start).map_or(0, |(b, _)| *b);
            let e = hay.get(end).map_or(text.len(), |(b, _)| *b);
            out.push(s..e);
        }
    }
    out
}

/// Index after the match of `needle` at `start`, if it matches there.
fn match_at(
    hay: &[(usize, char)],
    start: usize,
    needle: &[char],
    case_sensitive: bool,
) -> Option<usize> {
    for (k, n) in needle.iter().enumerate() {
        let (_, h) = hay.get(start + k)?;
        let same = if case_sensitive {
            h == n
        } else {
            h == n || h.to_lowercase().eq(n.to_lowercase())
        };
        if !same {
            return None;
        }
    }
    Some(start + needle.len())
}

fn contains_term(text: &str, term: &str) -> bool {
    !find_term(text, term, false).is_empty()
}

/// Renders `target` in the case `occurrence` was written in, relative to `source`.
fn follow_case(occurrence: &str, source: &str, target: &str) -> String {
    let letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).count();
    let all_upper = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
    };
    if letters(occurrence) > 1 && all_upper(occurrence) && !all_upper(source) {
        return target.to_uppercase();
    }
    let first_upper = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
    if first_upper(occurrence) && !first_upper(source) {
        let mut chars = target.chars();
        return chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
    }
    target.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vi_fr() -> LangPair {
        LangPair::new("vi", "fr")
    }

    fn sample() -> Glossary {
        let mut g = Glossary::new();
        let fr = vi_fr();
        let en = LangPair::new("vi", "en");
        for (s, t) in [
            ("Putin", "Poutine"),
            ("Kursk", "Koursk"),
            ("Jeddah", "Djeddah"),
            ("điện Kremlin", "le Kremlin"),
        ] {
            g.add(GlossaryEntry::forced(&fr, s, t));
        }
        for s in ["Putin", "Kursk", "Jeddah"] {
            g.add(GlossaryEntry::forced(&en, s, s));
        }
        g.add(GlossaryEntry::keep("Vinamilk"));
        g
    }

    #[test]
    fn finds_terms_case_aware_at_word_boundaries() {
        let g = sample();
        let found = g.find_terms(
            "Ông PUTIN tới Kursk; putin-ism, Putinism và vinamilk, Vinamilk.",
            &vi_fr(),
        );
        let got: Vec<(&str, &str)> = found
            .iter()
            .map(|m| (m.found.as_str(), m.expected.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("PUTIN", "POUTINE"),
                ("Kursk", "Koursk"),
                ("putin", "Poutine"),
                ("Vinamilk", "Vinamilk")
            ]
        );
        assert!(g
            .find_terms("Putin", &LangPair::new("vi", "de"))
            .iter()
            .all(|m| m.kind == TermKind::Keep));
    }

    #[test]
    fn protect_and_restore() {
        let g = sample();
        let p = g.protect(
            "Tổng thống <x1>Putin</x1> tới Jeddah &amp; Kursk.",
            &vi_fr(),
        );
        assert_eq!(
            p.text,
            "Tổng thống <x1><g1>Poutine</g1></x1> tới <g2>Djeddah</g2> &amp; <g3>Koursk</g3>."
        );
        // The engine translated inside a tag and collapsed another.
        let r = g.restore(
            "Le président <x1><g1>Poutin</g1></x1> est arrivé à <g2/> &amp; <G3>Kursk</G3>.",
            &p.terms,
        );
        assert_eq!(
            r.text,
            "Le président <x1>Poutine</x1> est arrivé à Djeddah &amp; Koursk."
        );
        assert!(r.missing.is_empty());
        let lost = g.restore("Le président est arrivé à Djeddah.", &p.terms);
        let missing: Vec<&str> = lost.missing.iter().map(|m| m.expected.as_str()).collect();
        assert_eq!(missing, vec!["Poutine", "Koursk"]);
        assert_eq!(
            g.missing_terms("Putin tới Kursk", "Putin est arrivé à Koursk", &vi_fr())[0].expected,
            "Poutine"
        );
    }

    #[test]
    fn csv_round_trip_and_errors() {
        let g = sample();
        let mut buf = Vec::new();
        g.to_csv(&mut buf).unwrap();
        let back = Glossary::from_csv(buf.as_slice()).unwrap();
        assert_eq!(back, g);
        let csv = "source_lang,target_lang,source,target,kind,case\nvi-VN,fr,Putin,Poutine,,\n*,*,Viettel,,keep,\n";
        let g2 = Glossary::from_csv(csv.as_bytes()).unwrap();
        assert_eq!(g2.entries()[0].source_lang, "vi");
        assert!(!g2.entries()[0].case_sensitive);
        assert_eq!(g2.entries()[1].target, "Viettel");
        let bad = "source_lang,target_lang,source,target,kind,case\nvi,fr,Putin,,forced,\n";
        assert!(matches!(
            Glossary::from_csv(bad.as_bytes()),
            Err(GlossaryError::Row { line: 2, .. })
        ));
    }
}
