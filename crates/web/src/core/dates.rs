//! Dates and numbers in the reader's locale, and the store's milliseconds
//! as dates.
//!
//! The words, order and separators are CLDR's, written by the `locale` crate
//! (ICU4X, compiled data), the same owner the translation core uses: a date
//! reads the same on a page, in a comment and in a translated text.

use chrono::{DateTime, FixedOffset, Offset, TimeZone, Utc};

/// `at` as a long date in `lang` ("5 mars 2024", "March 5, 2024"); the ISO
/// date when ICU cannot format it.
pub(crate) fn date(lang: &str, at: &DateTime<FixedOffset>) -> String {
    locale::format_date(at, lang).unwrap_or_else(|e| {
        tracing::error!(lang, error = %e, "date not formatted");
        at.format("%Y-%m-%d").to_string()
    })
}

/// `at` as a long date with hours, minutes and its offset from UTC in `lang`
/// ("5 mars 2024 à 14:30 UTC+7"); RFC 3339 when ICU cannot format it.
pub(crate) fn date_time(lang: &str, at: &DateTime<FixedOffset>) -> String {
    locale::date_format(lang)
        .and_then(|f| f.date_time_offset(at))
        .unwrap_or_else(|e| {
            tracing::error!(lang, error = %e, "date and time not formatted");
            at.to_rfc3339()
        })
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

/// An integer with the locale's digit grouping ("1,115"; "1 115" in French,
/// with a narrow no-break space); plain digits when ICU has no formatter.
pub(crate) fn number(lang: &str, n: i64) -> String {
    match locale::number_format(lang) {
        Ok(f) => f.format_integer(n),
        Err(e) => {
            tracing::error!(lang, error = %e, "number not formatted");
            n.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2024-03-05T14:30:00+07:00").unwrap()
    }

    #[test]
    fn dates_read_as_cldr_writes_them() {
        assert_eq!(date("fr", &at()), "5 mars 2024");
        assert_eq!(date("de", &at()), "5. März 2024");
        assert_eq!(date("ru", &at()), "5 марта 2024\u{202f}г.");
        assert_eq!(date("en", &at()), "March 5, 2024");
        assert_eq!(date("ja", &at()), "2024年3月5日");
        let fr = date_time("fr", &at());
        assert!(
            fr.starts_with("5 mars 2024") && fr.contains("14:30") && fr.contains("+7"),
            "{fr}"
        );
    }

    #[test]
    fn counts_are_grouped_the_locale_way() {
        assert_eq!(number("en", 1115), "1,115");
        assert_eq!(number("fr", 1115), "1\u{202f}115");
        assert_eq!(number("de", 1_234_567), "1.234.567");
        assert_eq!(number("en", -42), "-42");
    }

    #[test]
    fn a_language_icu_cannot_read_falls_back_to_iso_and_plain_digits() {
        assert_eq!(date("not a tag!", &at()), "2024-03-05");
        assert_eq!(date_time("not a tag!", &at()), "2024-03-05T14:30:00+07:00");
        assert_eq!(number("not a tag!", 1115), "1115");
    }
}
