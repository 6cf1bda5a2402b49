//! Chinese, Japanese and Korean: overlapping character bigrams.
//!
//! CJK text has no spaces between words. Dictionary segmenters exist
//! (tantivy-jieba for Chinese, lindera for Japanese and Korean), but each
//! covers one language, ships tens of megabytes of dictionaries, and follows
//! tantivy's releases late. Bigrams — the approach of Lucene's CJKAnalyzer —
//! need no dictionary, serve all three languages with one small tokenizer, and
//! find every word of two characters or more: a query's bigrams must appear
//! next to each other (the query parser turns them into a phrase), so "東京都"
//! matches "東京都" and not a text that merely has "東京" and "京都" apart.
//! A single CJK character between non-CJK characters is kept as a unigram.
//! Runs of other letters and digits (Latin names, numbers) are kept whole.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::analysis::is_word_char;

/// Tokenizer emitting bigrams for CJK runs and whole words for other runs.
#[derive(Clone, Default)]
pub(crate) struct CjkBigramTokenizer {
    tokens: Vec<Token>,
}

/// The stream of a [`CjkBigramTokenizer`].
pub(crate) struct CjkBigramStream<'a> {
    tokens: &'a mut Vec<Token>,
    next: usize,
    /// Returned by `token()` before the first `advance()`, instead of panicking.
    none: Token,
}

/// True for Han ideographs, kana, Hangul and the CJK symbols that are part of words.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF       // Hiragana, Katakana
        | 0x31F0..=0x31FF     // Katakana phonetic extensions
        | 0x3400..=0x4DBF     // CJK Extension A
        | 0x4E00..=0x9FFF     // CJK Unified Ideographs
        | 0xF900..=0xFAFF     // CJK Compatibility Ideographs
        | 0xFF66..=0xFF9F     // Half-width Katakana
        | 0x1100..=0x11FF     // Hangul Jamo
        | 0x3130..=0x318F     // Hangul compatibility Jamo
        | 0xAC00..=0xD7AF     // Hangul syllables
        | 0x20000..=0x2FA1F   // CJK Extensions B–F, compatibility supplement
    ) || c == '々'
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Cjk,
    Word,
    Other,
}

fn class(c: char) -> Class {
    if is_cjk(c) {
        Class::Cjk
    } else if is_word_char(c) {
        Class::Word
    } else {
        Class::Other
    }
}

/// Splits `text` into tokens; positions count tokens.
pub(crate) fn bigram_tokens(text: &str, tokens: &mut Vec<Token>) {
    tokens.clear();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(text.len(), |(offset, _)| *offset);
    let push = |from: usize, to: usize, tokens: &mut Vec<Token>| {
        let position = tokens.len();
        tokens.push(Token {
            offset_from: from,
            offset_to: to,
            position,
            text: text[from..to].to_string(),
            position_length: 1,
        });
    };
    let mut i = 0;
    while i < chars.len() {
        let kind = class(chars[i].1);
        let mut j = i + 1;
        while j < chars.len() && class(chars[j].1) == kind {
            j += 1;
        }
        match kind {
            Class::Other => {}
            Class::Word => push(chars[i].0, end_of(j), tokens),
            Class::Cjk if j - i == 1 => push(chars[i].0, end_of(j), tokens),
            Class::Cjk => {
                for (k, (from, _)) in chars.iter().enumerate().take(j - 1).skip(i) {
                    push(*from, end_of(k + 2), tokens);
                }
            }
        }
        i = j;
    }
}

impl Tokenizer for CjkBigramTokenizer {
    type TokenStream<'a> = CjkBigramStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> CjkBigramStream<'a> {
        bigram_tokens(text, &mut self.tokens);
        CjkBigramStream {
            tokens: &mut self.tokens,
            next: 0,
            none: Token::default(),
        }
    }
}

impl TokenStream for CjkBigramStream<'_> {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        self.tokens
            .get(self.next.wrapping_sub(1))
            .unwrap_or(&self.none)
    }

    fn token_mut(&mut self) -> &mut Token {
        match self.tokens.get_mut(self.next.wrapping_sub(1)) {
            Some(token) => token,
            None => &mut self.none,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        let mut tokens = Vec::new();
        bigram_tokens(text, &mut tokens);
        tokens.into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn cjk_runs_become_bigrams_and_latin_stays_whole() {
        assert_eq!(
            texts("東京都の天気"),
            ["東京", "京都", "都の", "の天", "天気"]
        );
        assert_eq!(
            texts("台風10号、沖縄へ"),
            ["台風", "10", "号", "沖縄", "縄へ"]
        );
        assert_eq!(texts("서울 날씨 COVID-19"), ["서울", "날씨", "COVID", "19"]);
        assert_eq!(texts("雨"), ["雨"]);
        assert!(texts("、。！").is_empty());
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "北京 Hà Nội 上海市";
        let mut tokens = Vec::new();
        bigram_tokens(text, &mut tokens);
        for token in &tokens {
            assert_eq!(&text[token.offset_from..token.offset_to], token.text);
        }
        assert_eq!(tokens.last().map(|t| t.position), Some(tokens.len() - 1));
    }
}
