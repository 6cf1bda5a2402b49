//! Text analysis: how each language's text becomes index terms.
//!
//! One tantivy field per (part, analyzer family): a Vietnamese title goes to
//! `title_vi` and `title_vifold`, a French one to `title_fr`, a Japanese one
//! to `title_cjk`. Queries in a language search only that language's fields,
//! so every language gets the analysis that suits it without one analyzer
//! having to serve them all.

use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream,
    Tokenizer,
};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::cjk::CjkBigramTokenizer;

/// Longest term kept (bytes); longer "words" are base64 blobs or URLs, not words.
const MAX_TERM_BYTES: usize = 64;

/// Version of the analyzers, part of every analyzed field's tokenizer name
/// in the schema. Raise it whenever an analyzer produces other terms for the
/// same text: an index written with another version then fails to open with
/// [`crate::SearchError::SchemaMismatch`] and is built again from the store.
pub(crate) const ANALYSIS_VERSION: u32 = 2;

/// A family of languages sharing one analyzer (and one set of index fields).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    /// Vietnamese: syllables, lowercased, diacritics kept.
    Vi,
    /// Vietnamese with diacritics folded away ("Hà Nội" → "ha noi"), so that
    /// readers typing without a Vietnamese keyboard still find articles.
    ViFold,
    /// Chinese, Japanese, Korean: overlapping character bigrams.
    Cjk,
    /// A language tantivy has a Snowball stemmer for.
    Stemmed(Language, &'static str),
    /// Anything else: words, lowercased, Latin diacritics folded.
    Plain,
}

/// Every family, in schema order (the schema has one field per family and part).
pub(crate) const FAMILIES: &[Family] = &[
    Family::Vi,
    Family::ViFold,
    Family::Cjk,
    Family::Stemmed(Language::Arabic, "ar"),
    Family::Stemmed(Language::Danish, "da"),
    Family::Stemmed(Language::Dutch, "nl"),
    Family::Stemmed(Language::English, "en"),
    Family::Stemmed(Language::Finnish, "fi"),
    Family::Stemmed(Language::French, "fr"),
    Family::Stemmed(Language::German, "de"),
    Family::Stemmed(Language::Greek, "el"),
    Family::Stemmed(Language::Hungarian, "hu"),
    Family::Stemmed(Language::Italian, "it"),
    Family::Stemmed(Language::Norwegian, "no"),
    Family::Stemmed(Language::Portuguese, "pt"),
    Family::Stemmed(Language::Romanian, "ro"),
    Family::Stemmed(Language::Russian, "ru"),
    Family::Stemmed(Language::Spanish, "es"),
    Family::Stemmed(Language::Swedish, "sv"),
    Family::Stemmed(Language::Tamil, "ta"),
    Family::Stemmed(Language::Turkish, "tr"),
    Family::Plain,
];

impl Family {
    /// Suffix of this family's field and tokenizer names.
    pub(crate) fn suffix(self) -> &'static str {
        match self {
            Family::Vi => "vi",
            Family::ViFold => "vifold",
            Family::Cjk => "cjk",
            Family::Stemmed(_, code) => code,
            Family::Plain => "plain",
        }
    }

    /// Name under which the analyzer is registered with the index. It
    /// carries [`ANALYSIS_VERSION`], so an index analyzed otherwise has
    /// another schema.
    pub(crate) fn tokenizer_name(self) -> String {
        format!("nb{ANALYSIS_VERSION}_{}", self.suffix())
    }

    /// The families whose fields hold text in `lang` (a BCP 47 tag such as `fr-CA`).
    pub(crate) fn for_lang(lang: &str) -> &'static [Family] {
        let primary = primary_subtag(lang);
        match primary.as_str() {
            "vi" => &[Family::Vi, Family::ViFold],
            "zh" | "ja" | "ko" | "yue" => &[Family::Cjk],
            "nb" | "nn" => &FAMILIES[13..14],
            code => FAMILIES
                .iter()
                .position(|f| matches!(f, Family::Stemmed(_, c) if *c == code))
                .map_or(&FAMILIES[FAMILIES.len() - 1..], |i| &FAMILIES[i..=i]),
        }
    }

    /// The analyzer for this family.
    pub(crate) fn analyzer(self) -> TextAnalyzer {
        match self {
            Family::Vi => TextAnalyzer::builder(WordTokenizer::default())
                .filter(RemoveLongFilter::limit(MAX_TERM_BYTES))
                .filter(LowerCaser)
                .filter(TextMap(nfc))
                .build(),
            Family::ViFold | Family::Plain => TextAnalyzer::builder(WordTokenizer::default())
                .filter(RemoveLongFilter::limit(MAX_TERM_BYTES))
                .filter(LowerCaser)
                .filter(TextMap(fold))
                .build(),
            Family::Cjk => TextAnalyzer::builder(CjkBigramTokenizer::default())
                .filter(RemoveLongFilter::limit(MAX_TERM_BYTES))
                .filter(LowerCaser)
                .filter(TextMap(fold))
                .build(),
            // Fold first: a stemmer treats a letter it does not know
            // differently from the same letter without its marks (the French
            // stemmer strips the "é" of "Hué" and the "e" of "Hue" but keeps
            // the "ế" of "Huế"), and a reader types a name with the
            // publisher's marks, other marks or none. Folded, "Huế", "Hué"
            // and "Hue" are one word in every language. The stemmers of
            // Finnish, Hungarian and Turkish, which read their own accents
            // to pick a suffix, conflate a little less.
            Family::Stemmed(language, _) => TextAnalyzer::builder(WordTokenizer::default())
                .filter(RemoveLongFilter::limit(MAX_TERM_BYTES))
                .filter(LowerCaser)
                .filter(TextMap(fold))
                .filter(Stemmer::new(language))
                .build(),
        }
    }
}

/// The primary language subtag, lowercased (`pt-BR` → `pt`).
pub(crate) fn primary_subtag(lang: &str) -> String {
    lang.split(['-', '_'])
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// Removes diacritics from Latin letters (`Hà Nội` → `Ha Noi`, `Đà Nẵng` →
/// `Da Nang`, `élection` → `election`, `Straße` → `Strasse`) and leaves other
/// scripts as they are (Russian `й` stays `й`). The result is NFC.
pub fn fold_diacritics(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

fn fold_into(text: &str, out: &mut String) {
    out.clear();
    if text.is_ascii() {
        out.push_str(text);
        return;
    }
    let mut base_is_latin = false;
    let mut kept_marks = false;
    for c in text.nfd() {
        if is_combining_mark(c) {
            if !base_is_latin {
                out.push(c);
                kept_marks = true;
            }
            continue;
        }
        base_is_latin = is_latin(c);
        match c {
            'đ' | 'ð' => out.push('d'),
            'Đ' | 'Ð' => out.push('D'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'Æ' => out.push_str("AE"),
            'œ' => out.push_str("oe"),
            'Œ' => out.push_str("OE"),
            'ø' => out.push('o'),
            'Ø' => out.push('O'),
            'ł' => out.push('l'),
            'Ł' => out.push('L'),
            'ı' => out.push('i'),
            'þ' => out.push_str("th"),
            'Þ' => out.push_str("TH"),
            _ => out.push(c),
        }
    }
    if kept_marks {
        *out = out.nfc().collect();
    }
}

fn is_latin(c: char) -> bool {
    let c = c as u32;
    c < 0x250 || (0x1E00..0x1F00).contains(&c)
}

fn nfc(text: &str, out: &mut String) {
    out.clear();
    if text.is_ascii() {
        out.push_str(text);
    } else {
        out.extend(text.nfc());
    }
}

fn fold(text: &str, out: &mut String) {
    fold_into(text, out);
}

/// True for characters that belong inside a word: letters, digits and the
/// combining marks of decomposed (NFD) text, which publishers sometimes send.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Splits text on everything that is not a letter, digit or combining mark.
/// Vietnamese is written in space-separated syllables, so this is its
/// syllable tokenizer too.
#[derive(Clone, Default)]
pub(crate) struct WordTokenizer {
    token: Token,
}

/// The stream of a [`WordTokenizer`].
pub(crate) struct WordTokenStream<'a> {
    text: &'a str,
    chars: std::str::CharIndices<'a>,
    token: &'a mut Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        self.token.reset();
        WordTokenStream {
            text,
            chars: text.char_indices(),
            token: &mut self.token,
        }
    }
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.token.text.clear();
        self.token.position = self.token.position.wrapping_add(1);
        while let Some((from, c)) = self.chars.next() {
            if is_word_char(c) {
                let to = self
                    .chars
                    .find(|(_, c)| !is_word_char(*c))
                    .map_or(self.text.len(), |(offset, _)| offset);
                self.token.offset_from = from;
                self.token.offset_to = to;
                self.token.text.push_str(&self.text[from..to]);
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// A token filter that rewrites each token's text with a function.
#[derive(Clone, Copy)]
pub(crate) struct TextMap(fn(&str, &mut String));

impl TokenFilter for TextMap {
    type Tokenizer<T: Tokenizer> = TextMapTokenizer<T>;
    fn transform<T: Tokenizer>(self, tokenizer: T) -> TextMapTokenizer<T> {
        TextMapTokenizer {
            inner: tokenizer,
            map: self.0,
            buffer: String::new(),
        }
    }
}

/// A tokenizer wrapped by [`TextMap`].
#[derive(Clone)]
pub(crate) struct TextMapTokenizer<T> {
    inner: T,
    map: fn(&str, &mut String),
    buffer: String,
}

impl<T: Tokenizer> Tokenizer for TextMapTokenizer<T> {
    type TokenStream<'a> = TextMapStream<'a, T::TokenStream<'a>>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        TextMapStream {
            tail: self.inner.token_stream(text),
            map: self.map,
            buffer: &mut self.buffer,
        }
    }
}

/// The stream of a [`TextMapTokenizer`].
pub(crate) struct TextMapStream<'a, S> {
    tail: S,
    map: fn(&str, &mut String),
    buffer: &'a mut String,
}

impl<S: TokenStream> TokenStream for TextMapStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if !token.text.is_ascii() {
            (self.map)(&token.text, self.buffer);
            std::mem::swap(&mut token.text, self.buffer);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(family: Family, text: &str) -> Vec<String> {
        let mut analyzer = family.analyzer();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push(token.text.clone());
        }
        out
    }

    #[test]
    fn vietnamese_keeps_syllables_and_folds_in_the_second_field() {
        assert_eq!(
            terms(Family::Vi, "Hà Nội: mưa lớn!"),
            ["hà", "nội", "mưa", "lớn"]
        );
        assert_eq!(
            terms(Family::ViFold, "Hà Nội, Đà Nẵng"),
            ["ha", "noi", "da", "nang"]
        );
        // Decomposed input (NFD) gives the same terms as composed input.
        let nfd: String = "Hà Nội".nfd().collect();
        assert_eq!(terms(Family::Vi, &nfd), ["hà", "nội"]);
        assert_eq!(terms(Family::ViFold, &nfd), ["ha", "noi"]);
    }

    #[test]
    fn stemming_meets_accents() {
        let fr = Family::for_lang("fr-CA")[0];
        assert_eq!(terms(fr, "élections"), terms(fr, "élection"));
        assert_eq!(terms(fr, "elections"), terms(fr, "élection"));
        let en = Family::for_lang("en")[0];
        assert_eq!(terms(en, "Storms"), terms(en, "storm"));
        let ru = Family::for_lang("ru")[0];
        assert_eq!(terms(ru, "выборы"), terms(ru, "выборов"));
    }

    #[test]
    fn a_name_matches_with_any_marks_in_every_language() {
        for family in FAMILIES.iter().filter(|f| **f != Family::Vi) {
            for (with_marks, without) in [
                ("Huế", "Hue"),
                ("Hué", "Hue"),
                ("Đà Nẵng", "Da Nang"),
                ("Nguyễn Phú Trọng", "Nguyen Phu Trong"),
            ] {
                assert_eq!(
                    terms(*family, with_marks),
                    terms(*family, without),
                    "{with_marks} in {}",
                    family.suffix()
                );
            }
        }
    }

    #[test]
    fn folding_leaves_other_scripts_alone() {
        assert_eq!(fold_diacritics("Đà Nẵng"), "Da Nang");
        assert_eq!(fold_diacritics("Straße Øst"), "Strasse Ost");
        assert_eq!(fold_diacritics("Йошкар-Ола"), "Йошкар-Ола");
        assert_eq!(fold_diacritics("東京"), "東京");
    }

    #[test]
    fn languages_map_to_families() {
        assert_eq!(Family::for_lang("vi"), [Family::Vi, Family::ViFold]);
        assert_eq!(Family::for_lang("zh-Hans"), [Family::Cjk]);
        assert_eq!(Family::for_lang("nb")[0].suffix(), "no");
        assert_eq!(Family::for_lang("th"), [Family::Plain]);
        assert_eq!(Family::for_lang(""), [Family::Plain]);
    }
}
