//! Dates and numbers in the reader's locale.
//!
//! The pattern (word order, "à", "Uhr", 年月日) is a UI string in each
//! language's `.ftl` file; month and weekday names come from chrono's locale
//! data (glibc's, through `pure-rust-locales`), so nothing is hand-tabulated.

use std::fmt::Write;

use chrono::{DateTime, FixedOffset, Locale, Offset, TimeZone, Utc};
use num_format::ToFormattedString;

/// The chrono locale for a portal language.
fn chrono_locale(lang: &str) -> Locale {
    match lang {
        "vi" => Locale::vi_VN,
        "fr" => Locale::fr_FR,
        "de" => Locale::de_DE,
        "es" => Locale::es_ES,
        "zh" => Locale::zh_CN,
        "ja" => Locale::ja_JP,
        "ko" => Locale::ko_KR,
        "ru" => Locale::ru_RU,
        "it" => Locale::it_IT,
        "pt" => Locale::pt_PT,
        _ => Locale::en_GB,
    }
}

/// Formats `at` with a chrono `pattern` in `lang`; an invalid pattern yields the ISO date.
pub(crate) fn format(lang: &str, pattern: &str, at: &DateTime<FixedOffset>) -> String {
    let mut out = String::new();
    if write!(out, "{}", at.format_localized(pattern, chrono_locale(lang))).is_err() {
        tracing::error!(lang, pattern, "invalid date pattern in UI strings");
        return at.to_rfc3339();
    }
    out
}

/// Milliseconds since the epoch as a date-time in `offset` (the publisher's zone).
pub(crate) fn from_ms(ms: i64, offset: FixedOffset) -> Option<DateTime<FixedOffset>> {
    Utc.timestamp_millis_opt(ms)
        .single()
        .map(|t| t.with_timezone(&offset))
}

/// Milliseconds since the epoch as UTC.
pub(crate) fn utc(ms: i64) -> Option<DateTime<Utc>> {
    Utc.timestamp_millis_opt(ms).single()
}

/// Vietnam's offset, the zone partner publishers write in, used when a date has none.
pub(crate) fn default_offset() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).unwrap_or_else(|| Utc.fix())
}

/// An integer with the locale's digit grouping.
pub(crate) fn number(lang: &str, n: i64) -> String {
    let locale = match lang {
        "vi" => num_format::Locale::vi,
        "fr" => num_format::Locale::fr,
        "de" => num_format::Locale::de,
        "es" => num_format::Locale::es,
        "zh" => num_format::Locale::zh,
        "ja" => num_format::Locale::ja,
        "ko" => num_format::Locale::ko,
        "ru" => num_format::Locale::ru,
        _ => num_format::Locale::en,
    };
    n.to_formatted_string(&locale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_dates_use_french_month_names_and_numbers_french_grouping() {
        let at = DateTime::parse_from_rfc3339("2024-03-05T14:30:00+07:00").unwrap();
        assert_eq!(
            format("fr", "%-d %B %Y à %H:%M", &at),
            "5 mars 2024 à 14:30"
        );
        assert_eq!(format("ru", "%-d %B %Y", &at), "5 марта 2024");
        assert_eq!(format("de", "%-d. %B %Y", &at), "5. März 2024");
        assert_eq!(number("en", 1115), "1,115");
        assert_eq!(
            number("fr", 1115)
                .chars()
                .filter(char::is_ascii_digit)
                .count(),
            4
        );
        assert_ne!(number("fr", 1115), "1,115");
    }

    #[test]
    fn a_bad_pattern_does_not_panic() {
        let at = DateTime::parse_from_rfc3339("2024-03-05T14:30:00+07:00").unwrap();
        assert!(format("en", "%Q", &at).starts_with("2024-03-05"));
    }
}
