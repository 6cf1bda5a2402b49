//! Sentence segmentation of text units, markup-aware.
//!
//! Sentence boundaries come from ICU4X's UAX #29 sentence segmenter (compiled
//! CLDR data), which already keeps `TP.HCM`, `3,5%` and `1.115` whole. On top
//! of it a short list of abbreviations per language (`TS.`, `PGS.`, `Mr.`,
//! `z.`) suppresses false breaks, the one thing UAX #29 cannot know.
//! Boundaries inside a link or bold run are dropped, so every segment is a
//! well-formed placeholder fragment, numbered from `x1`.

use std::collections::HashMap;

use article::RichText;
use icu_segmenter::SentenceSegmenter;
use serde::{Deserialize, Serialize};

use crate::placeholder::{self, Markup, TagForm, Tagged, Token};

/// One sentence to translate: a placeholder string numbered from 1 and what its tags mean.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    /// XML fragment with `<xN>` placeholders; see the placeholder module.
    pub text: String,
    /// `tags[N-1]` is what placeholder `N` stands for.
    pub tags: Vec<Markup>,
}

impl Segment {
    /// A segment for plain text without markup.
    pub fn plain(text: &str) -> Self {
        Segment {
            text: placeholder::encode_plain(text.trim()),
            tags: Vec::new(),
        }
    }

    /// The visible text, without placeholders.
    pub fn visible_text(&self) -> String {
        placeholder::strip_tags(&self.text)
    }
}

/// A text unit cut into what is translated and what is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// A sentence to translate.
    Sentence(Segment),
    /// A line break between sentences, kept as it is.
    Break,
}

/// Splits plain text into sentences (trimmed, empty ones dropped).
pub fn split_sentences<'t>(text: &'t str, lang: &str) -> Vec<&'t str> {
    let breaks = sentence_breaks(text, lang);
    breaks
        .windows(2)
        .filter_map(|w| text.get(w[0]..w[1]))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Splits rich text into sentences and kept line breaks.
pub fn split_rich_text(text: &RichText, lang: &str) -> Vec<Piece> {
    split_tagged(&placeholder::encode(text), lang)
}

/// Sentence boundaries (byte offsets, including 0 and the length) of plain text.
fn sentence_breaks(text: &str, lang: &str) -> Vec<usize> {
    let segmenter = SentenceSegmenter::new(Default::default());
    let raw: Vec<usize> = segmenter.segment_str(text).collect();
    let mut out = Vec::with_capacity(raw.len());
    for (i, &b) in raw.iter().enumerate() {
        let interior = i > 0 && i + 1 < raw.len();
        if interior && is_false_break(text, b, lang) {
            continue;
        }
        out.push(b);
    }
    if out.first() != Some(&0) {
        out.insert(0, 0);
    }
    if out.last() != Some(&text.len()) {
        out.push(text.len());
    }
    out
}

/// True when the boundary at `at` follows an abbreviation or an initial.
fn is_false_break(text: &str, at: usize, lang: &str) -> bool {
    let Some(before) = text.get(..at) else {
        return false;
    };
    if before.ends_with('\n') {
        return false;
    }
    let word = before
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default();
    let word = word.trim_start_matches(['(', '"', '“', '«', '\'']);
    if !word.ends_with('.') {
        return false;
    }
    let abbreviations = abbreviations(lang);
    if abbreviations.contains(&word) {
        return true;
    }
    // Compound titles: "PGS.TS." ends with a known "TS.".
    if let Some(last) = word.trim_end_matches('.').rsplit('.').next() {
        let with_dot = format!("{last}.");
        if last.len() < word.len() - 1 && abbreviations.contains(&with_dot.as_str()) {
            return true;
        }
    }
    // An initial ("J. K. Rowling", "В. Путин") outside Vietnamese, where a
    // lone capital usually ends a sentence ("ông Nguyễn Văn A.").
    let mut chars = word.chars();
    let initial = matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase());
    initial && lang != "vi"
}

fn abbreviations(lang: &str) -> &'static [&'static str] {
    match lang {
        "vi" => &[
            "TP.", "Tp.", "TS.", "ThS.", "Ths.", "PGS.", "GS.", "BS.", "KS.", "NSƯT.", "NSND.",
            "CN.", "Q.", "P.", "TT.", "Mr.", "Ms.", "Dr.", "St.",
        ],
        "en" => &[
            "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "St.", "Jr.", "Sr.", "Gen.", "Col.", "Lt.",
            "Sgt.", "Capt.", "Gov.", "Sen.", "Rep.", "Rev.", "vs.", "No.", "U.S.", "U.K.", "e.g.",
            "i.e.", "approx.",
        ],
        "fr" => &[
            "M.", "MM.", "Mme.", "Mlle.", "Dr.", "Pr.", "St.", "av.", "env.", "p.", "cf.", "n°.",
        ],
        "de" => &[
            "Dr.", "Prof.", "Nr.", "bzw.", "z.", "B.", "ca.", "Hr.", "Fr.", "St.", "vgl.", "z.B.",
            "d.h.",
        ],
        "es" => &[
            "Sr.", "Sra.", "Srta.", "Dr.", "Dra.", "Ud.", "Uds.", "núm.", "pág.", "EE.UU.",
        ],
        "ru" => &[
            "г.",
            "гг.",
            "ул.",
            "им.",
            "д.",
            "т.",
            "т.е.",
            "т.н.",
            "тыс.",
            "млн.",
            "млрд.",
            "руб.",
            "см.",
        ],
        _ => &["Mr.", "Dr.", "St."],
    }
}

/// Splits a placeholder string into sentences; see [`split_rich_text`].
pub fn split_tagged(tagged: &Tagged, lang: &str) -> Vec<Piece> {
    let text = tagged.text.as_str();
    let tokens = placeholder::tokenize(text);

    // Atoms: every visible char (with its raw range) and every tag. A break
    // tag is a visible "\n" so ICU sees the line break.
    let mut plain = String::with_capacity(text.len());
    let mut atoms: Vec<Atom> = Vec::with_capacity(text.len());
    for (range, token) in &tokens {
        match token {
            Token::Text(raw) => {
                for (offset, len, c) in RawChars::new(raw) {
                    let start = range.start + offset;
                    atoms.push(Atom {
                        raw_start: start,
                        plain_start: plain.len(),
                        kind: AtomKind::Char,
                    });
                    plain.push(c);
                    let _ = len;
                }
            }
            Token::Tag { kind, id, form } => {
                let is_break = *kind == 'x'
                    && *form == TagForm::SelfClosing
                    && id.checked_sub(1).and_then(|i| tagged.tags.get(i)) == Some(&Markup::Break);
                let kind = match form {
                    _ if is_break => AtomKind::Char,
                    TagForm::Open => AtomKind::Open,
                    TagForm::Close => AtomKind::Close,
                    TagForm::SelfClosing => AtomKind::Empty,
                };
                atoms.push(Atom {
                    raw_start: range.start,
                    plain_start: plain.len(),
                    kind,
                });
                if is_break {
                    plain.push('\n');
                }
            }
        }
    }

    // Cut positions in the raw string.
    let breaks = sentence_breaks(&plain, lang);
    let mut cuts = vec![0usize];
    let mut depth = 0i32;
    let mut a = 0usize;
    for &b in breaks.iter().skip(1).take(breaks.len().saturating_sub(2)) {
        // Advance over atoms that lie before the boundary, tracking depth.
        while let Some(atom) = atoms.get(a) {
            let before = match atom.kind {
                AtomKind::Char => atom.plain_start < b,
                AtomKind::Close | AtomKind::Empty => atom.plain_start <= b,
                AtomKind::Open => atom.plain_start < b,
            };
            if !before {
                break;
            }
            match atom.kind {
                AtomKind::Open => depth += 1,
                AtomKind::Close => depth -= 1,
                _ => {}
            }
            a += 1;
        }
        if depth == 0 {
            let raw = atoms.get(a).map_or(text.len(), |atom| atom.raw_start);
            cuts.push(raw);
        }
    }
    cuts.push(text.len());

    let mut pieces = Vec::new();
    for w in cuts.windows(2) {
        if let Some(slice) = text.get(w[0]..w[1]) {
            push_pieces(slice, &tagged.tags, &mut pieces);
        }
    }
    pieces
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AtomKind {
    Char,
    Open,
    Close,
    Empty,
}

#[derive(Debug, Clone, Copy)]
struct Atom {
    raw_start: usize,
    plain_start: usize,
    kind: AtomKind,
}

/// Turns one sentence slice into pieces: leading and trailing line breaks
/// become [`Piece::Break`], the rest a renumbered [`Segment`].
fn push_pieces(slice: &str, tags: &[Markup], pieces: &mut Vec<Piece>) {
    let tokens = placeholder::tokenize(slice);
    let is_break = |t: &Token<'_>| match t {
        Token::Tag {
            kind: 'x',
            id,
            form: TagForm::SelfClosing,
        } => id.checked_sub(1).and_then(|i| tags.get(i)) == Some(&Markup::Break),
        Token::Text(raw) => raw.trim().is_empty(),
        _ => false,
    };
    let mut start = 0;
    let mut end = tokens.len();
    let mut leading = 0;
    while start < end && is_break(&tokens[start].1) {
        if !matches!(tokens[start].1, Token::Text(_)) {
            leading += 1;
        }
        start += 1;
    }
    let mut trailing = 0;
    while end > start && is_break(&tokens[end - 1].1) {
        if !matches!(tokens[end - 1].1, Token::Text(_)) {
            trailing += 1;
        }
        end -= 1;
    }
    pieces.extend(std::iter::repeat_n(Piece::Break, leading));
    if start < end {
        let mut renumber: HashMap<usize, usize> = HashMap::new();
        let mut seg_tags = Vec::new();
        let mut out = String::new();
        for (_, token) in &tokens[start..end] {
            match token {
                Token::Text(raw) => out.push_str(raw),
                Token::Tag { kind, id, form } => {
                    let new_id = *renumber.entry(*id).or_insert_with(|| {
                        seg_tags.push(
                            id.checked_sub(1)
                                .and_then(|i| tags.get(i))
                                .cloned()
                                .unwrap_or(Markup::Bold),
                        );
                        seg_tags.len()
                    });
                    out.push_str(&placeholder::render_tag(*kind, new_id, *form));
                }
            }
        }
        let trimmed = out.trim();
        if !placeholder::strip_tags(trimmed).trim().is_empty() {
            pieces.push(Piece::Sentence(Segment {
                text: trimmed.to_string(),
                tags: seg_tags,
            }));
        }
    }
    pieces.extend(std::iter::repeat_n(Piece::Break, trailing));
}

/// Iterates the visible chars of escaped text with their raw offsets.
struct RawChars<'a> {
    raw: &'a str,
    pos: usize,
}

impl<'a> RawChars<'a> {
    fn new(raw: &'a str) -> Self {
        RawChars { raw, pos: 0 }
    }
}

impl Iterator for RawChars<'_> {
    type Item = (usize, usize, char);

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.raw.get(self.pos..)?;
        let c = rest.chars().next()?;
        let start = self.pos;
        if c == '&' {
            if let Some(end) = rest.find(';').filter(|e| *e <= 10) {
                let decoded = placeholder::unescape(&rest[..=end]);
                let mut chars = decoded.chars();
                if let (Some(d), None) = (chars.next(), chars.next()) {
                    self.pos += end + 1;
                    return Some((start, end + 1, d));
                }
            }
        }
        self.pos += c.len_utf8();
        Some((start, c.len_utf8(), c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use article::Inline;

    fn sentences(pieces: &[Piece]) -> Vec<&str> {
        pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Sentence(s) => Some(s.text.as_str()),
                Piece::Break => None,
            })
            .collect()
    }

    #[test]
    fn vietnamese_sentences_keep_numbers_and_abbreviations() {
        let text = "Tại TP.HCM, giá tăng 3,5% so với năm 2023. Có 1.115 người tham dự, theo PGS.TS. Nguyễn Văn An. \
                    TS. Lê Thị Hoa nói: \"Rất tốt!\" Sau đó, Q. 1 mở cửa lại?";
        assert_eq!(
            split_sentences(text, "vi"),
            vec![
                "Tại TP.HCM, giá tăng 3,5% so với năm 2023.",
                "Có 1.115 người tham dự, theo PGS.TS. Nguyễn Văn An.",
                "TS. Lê Thị Hoa nói: \"Rất tốt!\"",
                "Sau đó, Q. 1 mở cửa lại?",
            ]
        );
    }

    #[test]
    fn other_languages() {
        assert_eq!(
            split_sentences(
                "Mr. Smith met Dr. Jones in the U.S. on Monday. They talked.",
                "en"
            ),
            vec![
                "Mr. Smith met Dr. Jones in the U.S. on Monday.",
                "They talked."
            ]
        );
        assert_eq!(
            split_sentences(
                "M. Poutine est arrivé à Koursk. Il a parlé 2,5 heures.",
                "fr"
            ),
            vec!["M. Poutine est arrivé à Koursk.", "Il a parlé 2,5 heures."]
        );
        assert_eq!(
            split_sentences("Das ist z. B. gut. Prof. Weber kam.", "de"),
            vec!["Das ist z. B. gut.", "Prof. Weber kam."]
        );
        assert_eq!(
            split_sentences("今天下雨。明天晴天！", "zh"),
            vec!["今天下雨。", "明天晴天！"]
        );
        assert_eq!(
            split_sentences("東京は晴れです。大阪は雨です。", "ja"),
            vec!["東京は晴れです。", "大阪は雨です。"]
        );
        assert_eq!(
            split_sentences("서울은 맑습니다. 부산은 비가 옵니다.", "ko").len(),
            2
        );
        assert_eq!(
            split_sentences("В. Путин прибыл в Курск. Он выступил.", "ru"),
            vec!["В. Путин прибыл в Курск.", "Он выступил."]
        );
    }

    #[test]
    fn markup_never_split_and_renumbered() {
        let rich = RichText(vec![
            Inline::Text("Câu một có ".into()),
            Inline::Bold(vec![Inline::Text("chữ đậm".into())]),
            Inline::Text(". Câu hai có ".into()),
            Inline::Link {
                href: "https://x.vn/a".into(),
                children: vec![Inline::Text("liên kết. Vẫn trong liên kết".into())],
            },
            Inline::Text(" rồi hết. ".into()),
            Inline::Italic(vec![Inline::Text("Câu ba.".into())]),
            Inline::Break,
            Inline::Text("Dòng mới & cuối".into()),
        ]);
        let pieces = split_rich_text(&rich, "vi");
        assert_eq!(
            sentences(&pieces),
            vec![
                "Câu một có <x1>chữ đậm</x1>.",
                "Câu hai có <x1>liên kết. Vẫn trong liên kết</x1> rồi hết.",
                "<x1>Câu ba.</x1>",
                "Dòng mới &amp; cuối",
            ]
        );
        assert!(matches!(pieces[3], Piece::Break));
        match &pieces[1] {
            Piece::Sentence(s) => assert_eq!(
                s.tags,
                vec![Markup::Link {
                    href: "https://x.vn/a".into()
                }]
            ),
            Piece::Break => panic!("expected a sentence"),
        }
    }

    #[test]
    fn empty_and_odd_input_does_not_panic() {
        assert!(split_sentences("", "vi").is_empty());
        assert!(split_rich_text(&RichText::default(), "vi").is_empty());
        assert!(
            split_rich_text(&RichText(vec![Inline::Break, Inline::Break]), "vi")
                .iter()
                .all(|p| *p == Piece::Break)
        );
        let odd = RichText::plain("a &amp; b... <x1> ?!. . .");
        assert!(!split_rich_text(&odd, "vi").is_empty());
    }
}
