//! Languages and language pairs.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The languages the portal shows; other BCP 47 tags work too, with generic rules.
pub const PORTAL_LANGUAGES: &[&str] = &["vi", "en", "fr", "de", "es", "zh", "ja", "ko", "ru"];

/// A translation direction, from `source` to `target`, as primary language subtags (`vi`, `fr`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct LangPair {
    /// Language of the original text.
    pub source: String,
    /// Language of the translation.
    pub target: String,
}

impl LangPair {
    /// A pair from two BCP 47 tags; only the primary subtags are kept (`vi-VN` → `vi`).
    pub fn new(source: &str, target: &str) -> Self {
        LangPair {
            source: primary_language(source),
            target: primary_language(target),
        }
    }

    /// The same pair in the other direction.
    pub fn reversed(&self) -> Self {
        LangPair {
            source: self.target.clone(),
            target: self.source.clone(),
        }
    }
}

impl fmt::Display for LangPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}>{}", self.source, self.target)
    }
}

/// Error for a language pair written wrongly.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a language pair (expected `vi>fr`, `vi:fr` or `vi-fr`): {0:?}")]
pub struct LangPairParseError(pub String);

impl FromStr for LangPair {
    type Err = LangPairParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let (a, b) = s
            .split_once('>')
            .or_else(|| s.split_once(':'))
            .or_else(|| s.split_once('-'))
            .ok_or_else(|| LangPairParseError(s.to_string()))?;
        let valid = |t: &str| {
            !t.is_empty()
                && t.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        };
        if !valid(a.trim()) || !valid(b.trim()) {
            return Err(LangPairParseError(s.to_string()));
        }
        Ok(LangPair::new(a.trim(), b.trim()))
    }
}

/// The primary language subtag of a BCP 47 tag, lowercased: `zh-Hans-CN` → `zh`.
pub fn primary_language(tag: &str) -> String {
    tag.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// True for languages written without spaces between words and sentences.
pub(crate) fn is_unspaced(lang: &str) -> bool {
    matches!(lang, "zh" | "ja" | "th" | "lo" | "km" | "my")
}

/// Rough writing-system class, used to judge length ratios.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ScriptClass {
    /// Han characters (and kana): one character carries about a word.
    Ideographic,
    /// Hangul: syllable blocks, words separated by spaces.
    Hangul,
    /// Alphabets: Latin, Cyrillic, Greek...
    Alphabetic,
}

pub(crate) fn script_class(lang: &str) -> ScriptClass {
    match lang {
        "zh" | "ja" => ScriptClass::Ideographic,
        "ko" => ScriptClass::Hangul,
        _ => ScriptClass::Alphabetic,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_parse_and_normalise() {
        assert_eq!(LangPair::new("vi-VN", "FR"), LangPair::new("vi", "fr"));
        assert_eq!(
            "vi>fr".parse::<LangPair>().unwrap(),
            LangPair::new("vi", "fr")
        );
        assert_eq!(
            "vi-en".parse::<LangPair>().unwrap(),
            LangPair::new("vi", "en")
        );
        assert!("vien".parse::<LangPair>().is_err());
        assert!("vi>".parse::<LangPair>().is_err());
        assert_eq!(LangPair::new("vi", "fr").to_string(), "vi>fr");
        assert_eq!(primary_language("zh-Hans-CN"), "zh");
    }
}
