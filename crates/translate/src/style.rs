//! House style for the Vietnamese a translation keeps: the names ("Đắk
//! Lắk", "Đào Thị Ngân") and words ("phở") left as written in a French or
//! English text, either kept with their diacritics and marked as Vietnamese
//! ([`article::Inline::Foreign`], `<span lang="vi">` on the page), or written
//! without them ("Dak Lak", "Dao Thi Ngan"), as VnExpress International,
//! Vietnam News and Le Courrier du Vietnam do. Either way a search finds
//! the article by the original form: the search index folds diacritics in
//! every language ("Huế" = "Hué" = "Hue", "Đào" = "Dao").

use std::fmt;
use std::str::FromStr;

use article::RichText;
use serde::{Deserialize, Serialize};

/// How one target language writes the Vietnamese names its translations keep.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NameStyle {
    /// With their diacritics, each run marked as Vietnamese (the default).
    #[default]
    Diacritics,
    /// Without diacritics (`đ` → `d`), unmarked.
    Ascii,
}

impl NameStyle {
    /// The setting's spelling: `diacritics` or `ascii`.
    pub fn as_str(self) -> &'static str {
        match self {
            NameStyle::Diacritics => "diacritics",
            NameStyle::Ascii => "ascii",
        }
    }

    /// `text`, a translation from `source` into `target`, in this style.
    /// Only Vietnamese kept in another language is concerned: any other
    /// pair comes back as it is.
    pub fn apply(self, text: RichText, source: &str, target: &str) -> RichText {
        if crate::lang::primary_language(source) != "vi"
            || crate::lang::primary_language(target) == "vi"
        {
            return text;
        }
        match self {
            NameStyle::Diacritics => text.mark_vietnamese(),
            NameStyle::Ascii => text.fold_vietnamese_runs(),
        }
    }
}

impl fmt::Display for NameStyle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name style that is neither `diacritics` nor `ascii`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown name style {0:?} (expected \"diacritics\" or \"ascii\")")]
pub struct NameStyleParseError(pub String);

impl FromStr for NameStyle {
    type Err = NameStyleParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "diacritics" => Ok(NameStyle::Diacritics),
            "ascii" => Ok(NameStyle::Ascii),
            other => Err(NameStyleParseError(other.chars().take(40).collect())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use article::Inline;

    #[test]
    fn diacritics_are_marked_and_ascii_folded_only_out_of_vietnamese() {
        let text = RichText::plain("Crues au Đắk Lắk");
        let marked = NameStyle::Diacritics.apply(text.clone(), "vi", "fr");
        assert!(matches!(&marked.0[1], Inline::Foreign { lang, .. } if lang == "vi"));
        assert_eq!(
            NameStyle::Ascii
                .apply(text.clone(), "vi", "en-GB")
                .plain_text(),
            "Crues au Dak Lak"
        );
        assert_eq!(NameStyle::Ascii.apply(text.clone(), "vi", "vi"), text);
        assert_eq!(NameStyle::Diacritics.apply(text.clone(), "en", "fr"), text);
    }

    #[test]
    fn the_setting_is_parsed_strictly() {
        assert_eq!("ascii".parse::<NameStyle>(), Ok(NameStyle::Ascii));
        assert_eq!("diacritics".parse::<NameStyle>(), Ok(NameStyle::Diacritics));
        let err = "ASCII!".repeat(100).parse::<NameStyle>().unwrap_err();
        assert!(err.to_string().len() < 120, "a long value is cut: {err}");
        let json: NameStyle = serde_json::from_str("\"ascii\"").unwrap();
        assert_eq!(json, NameStyle::Ascii);
    }
}
