//! Limits on what a reader's query may hold before it reaches the query parser.
//!
//! tantivy's query grammar descends one level of recursion per opening
//! parenthesis and per `NOT`, with no limit of its own: 800 parentheses
//! overflow a 2 MiB thread stack and abort the process. The limits here are
//! checked by one linear scan, with no recursion, before parsing.
//!
//! The nesting limit counts every `(` and every word ending in `NOT`, wherever
//! they stand (in a phrase too), rather than the depth this scan would compute
//! by matching parentheses: the parser's reading of quotes and stray
//! parentheses may differ from any reading done here, and a count bounds the
//! parser's depth whatever that reading is.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Longest query, in characters (after Unicode NFC normalization).
pub const MAX_QUERY_CHARS: usize = 500;
/// Most words in a query: runs of characters between spaces, parentheses and
/// quotes, operators (`AND`, `OR`, `NOT`) and words inside phrases included.
pub const MAX_QUERY_WORDS: usize = 64;
/// Most opening parentheses plus `NOT` operators in a query. Each of them may
/// nest inside the previous one, so this bounds the parser's nesting depth.
pub const MAX_QUERY_NESTING: usize = 8;
/// Input longer than this (bytes) is refused before it is normalized: no
/// query of [`MAX_QUERY_CHARS`] characters takes as many bytes, even decomposed.
const MAX_QUERY_BYTES: usize = 16 * MAX_QUERY_CHARS;

/// Which limit a query went over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QueryLimit {
    /// Too many characters ([`MAX_QUERY_CHARS`]).
    Length,
    /// Too many words ([`MAX_QUERY_WORDS`]).
    Words,
    /// Too many parentheses and `NOT` operators ([`MAX_QUERY_NESTING`]).
    Nesting,
}

impl QueryLimit {
    /// A stable lowercase name (`length`, `words`, `nesting`), as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            QueryLimit::Length => "length",
            QueryLimit::Words => "words",
            QueryLimit::Nesting => "nesting",
        }
    }

    /// The limit's value.
    pub fn limit(self) -> usize {
        match self {
            QueryLimit::Length => MAX_QUERY_CHARS,
            QueryLimit::Words => MAX_QUERY_WORDS,
            QueryLimit::Nesting => MAX_QUERY_NESTING,
        }
    }
}

impl fmt::Display for QueryLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A query refused because it goes over one of the limits above: the reader
/// should shorten or simplify it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryTooComplex {
    /// The limit the query went over; when it goes over several, the first
    /// of length, nesting, words.
    pub what: QueryLimit,
    /// Its value.
    pub limit: usize,
}

impl fmt::Display for QueryTooComplex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let limit = self.limit;
        match self.what {
            QueryLimit::Length => {
                write!(
                    f,
                    "the search query is too long: at most {limit} characters"
                )
            }
            QueryLimit::Words => {
                write!(f, "the search query has too many words: at most {limit}")
            }
            QueryLimit::Nesting => write!(
                f,
                "the search query has too many parentheses and NOT operators: at most {limit}"
            ),
        }
    }
}

impl std::error::Error for QueryTooComplex {}

impl QueryTooComplex {
    fn new(what: QueryLimit) -> QueryTooComplex {
        QueryTooComplex {
            what,
            limit: what.limit(),
        }
    }
}

/// Checks a reader's query text against [`MAX_QUERY_CHARS`],
/// [`MAX_QUERY_WORDS`] and [`MAX_QUERY_NESTING`], as
/// [`crate::SearchIndex::search`] does before parsing it. Linear in the
/// text's length; refuses input over a few kilobytes without reading it.
pub fn check_query(text: &str) -> Result<(), QueryTooComplex> {
    bounded(text).map(drop)
}

/// The query text as the parser will get it ([`super::sanitize`]d), when it
/// is within the limits.
pub(crate) fn bounded(text: &str) -> Result<String, QueryTooComplex> {
    if text.len() > MAX_QUERY_BYTES {
        return Err(QueryTooComplex::new(QueryLimit::Length));
    }
    let clean = super::sanitize(text);
    if clean.chars().nth(MAX_QUERY_CHARS).is_some() {
        return Err(QueryTooComplex::new(QueryLimit::Length));
    }
    let (words, nesting) = count(&clean);
    if nesting > MAX_QUERY_NESTING {
        return Err(QueryTooComplex::new(QueryLimit::Nesting));
    }
    if words > MAX_QUERY_WORDS {
        return Err(QueryTooComplex::new(QueryLimit::Words));
    }
    Ok(clean)
}

/// The words of `text`, and its opening parentheses plus words ending in `NOT`.
fn count(text: &str) -> (usize, usize) {
    let mut words = 0usize;
    let mut nesting = 0usize;
    let mut in_word = false;
    // The last three characters of the current word: enough to see a `NOT`.
    let mut tail = ['\0'; 3];
    // A trailing space ends the last word.
    for c in text.chars().chain([' ']) {
        if c.is_whitespace() || matches!(c, '(' | ')' | '"') {
            if in_word {
                words += 1;
                if tail == ['N', 'O', 'T'] {
                    nesting += 1;
                }
                in_word = false;
                tail = ['\0'; 3];
            }
            if c == '(' {
                nesting += 1;
            }
        } else {
            in_word = true;
            let [_, b, d] = tail;
            tail = [b, d, c];
        }
    }
    (words, nesting)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str) -> Option<QueryLimit> {
        check_query(text).err().map(|e| e.what)
    }

    #[test]
    fn ordinary_queries_pass() {
        for text in [
            "",
            "bão Yagi",
            "\"giá vàng\" -SJC",
            "(lũ OR bão) AND NOT miền Nam",
            "COVID-19: số ca",
            "東京 オリンピック",
        ] {
            assert_eq!(refused(text), None, "{text}");
        }
    }

    #[test]
    fn each_limit_is_exact() {
        let at = "a".repeat(MAX_QUERY_CHARS);
        assert_eq!(refused(&at), None);
        assert_eq!(refused(&format!("{at}b")), Some(QueryLimit::Length));

        let words = vec!["a"; MAX_QUERY_WORDS].join(" ");
        assert_eq!(refused(&words), None);
        assert_eq!(refused(&format!("{words} a")), Some(QueryLimit::Words));

        let nested = format!("{}a", "(".repeat(MAX_QUERY_NESTING));
        assert_eq!(refused(&nested), None);
        assert_eq!(refused(&format!("({nested}")), Some(QueryLimit::Nesting));
        let nots = "NOT ".repeat(MAX_QUERY_NESTING);
        assert_eq!(refused(&format!("{nots}a")), None);
        assert_eq!(refused(&format!("{nots}-NOT a")), Some(QueryLimit::Nesting));
    }

    #[test]
    fn quotes_and_closing_parentheses_do_not_reset_the_count() {
        // Closing parentheses inside a phrase must not let more openings through.
        let cycle = format!("{}\"{}\" ", "(".repeat(4), ")".repeat(4));
        assert_eq!(
            refused(&format!("{cycle}{cycle}{cycle}a")),
            Some(QueryLimit::Nesting)
        );
        assert_eq!(refused("\"(((((((((\""), Some(QueryLimit::Nesting));
    }

    #[test]
    fn decomposed_text_is_measured_after_normalization() {
        use unicode_normalization::UnicodeNormalization;
        let nfc = "ế".repeat(MAX_QUERY_CHARS);
        let nfd: String = nfc.nfd().collect();
        assert!(nfd.chars().count() > MAX_QUERY_CHARS);
        assert_eq!(refused(&nfd), None);
        assert_eq!(
            refused(&"a".repeat(MAX_QUERY_BYTES + 1)),
            Some(QueryLimit::Length)
        );
    }
}
