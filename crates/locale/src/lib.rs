//! Numbers, money and dates in a reader's locale: the one place Newsbridge
//! formats for a locale, with ICU4X and its compiled CLDR data (no data files
//! to ship, no dependence on the system's locales).
//!
//! The portal (`web`) writes dates and counts with it; the translation core
//! (`translate`) reads each language's number separators from it and writes
//! numbers found in a source text the target language's way.
//!
//! Formatters are built once per locale and shared ([`number_format`],
//! [`date_format`]).

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::{Arc, Mutex, OnceLock};

use chrono::{DateTime, Datelike, FixedOffset, Offset, Timelike};
use fixed_decimal::Decimal;
use icu_datetime::fieldsets::{zone, Combo, YMD, YMDT};
use icu_datetime::DateTimeFormatter;
use icu_decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu_decimal::DecimalFormatter;
use icu_experimental::dimension::percent::formatter::PercentFormatter;
use icu_locale_core::Locale;

/// Errors of locale formatting.
#[derive(Debug, thiserror::Error)]
pub enum LocaleError {
    /// The locale tag does not parse as BCP 47.
    #[error("invalid locale {0:?}")]
    InvalidLocale(String),
    /// ICU has no data for the request.
    #[error("no locale data for {locale}: {reason}")]
    NoData {
        /// The locale asked for.
        locale: String,
        /// ICU's explanation.
        reason: String,
    },
    /// The value is not a valid date, time or number.
    #[error("invalid value: {0}")]
    InvalidValue(String),
}

fn parse_locale(tag: &str) -> Result<Locale, LocaleError> {
    Locale::try_from_str(tag.trim()).map_err(|_| LocaleError::InvalidLocale(tag.to_string()))
}

fn no_data(locale: &str, e: impl std::fmt::Display) -> LocaleError {
    LocaleError::NoData {
        locale: locale.to_string(),
        reason: e.to_string(),
    }
}

/// Most distinct locales whose formatters are kept; a tag beyond them is
/// formatted with formatters built for that call, so made-up tags cannot
/// grow the cache without bound.
const MAX_CACHED_LOCALES: usize = 64;

/// The value cached under `locale` in `cache`, or a new one from `make`
/// (kept while the cache has room).
fn cached<T>(
    cache: &'static OnceLock<Mutex<HashMap<String, Arc<T>>>>,
    locale: &str,
    make: impl FnOnce() -> Result<T, LocaleError>,
) -> Result<Arc<T>, LocaleError> {
    let cache = cache.get_or_init(Default::default);
    if let Some(found) = cache.lock().ok().and_then(|c| c.get(locale).cloned()) {
        return Ok(found);
    }
    let made = Arc::new(make()?);
    if let Ok(mut c) = cache.lock() {
        if c.len() < MAX_CACHED_LOCALES {
            c.insert(locale.to_string(), made.clone());
        }
    }
    Ok(made)
}

/// Number formatters per locale tag, as [`number_format`] built them.
static NUMBER_CACHE: OnceLock<Mutex<HashMap<String, Arc<NumberFormat>>>> = OnceLock::new();

/// Date formatters per locale tag, as [`date_format`] built them.
static DATE_CACHE: OnceLock<Mutex<HashMap<String, Arc<DateFormat>>>> = OnceLock::new();

/// The separators a language writes numbers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NumberConventions {
    /// Separator between groups of thousands (`.` in Vietnamese, U+202F in French).
    pub group: char,
    /// Separator before the fraction (`,` in Vietnamese, `.` in English).
    pub decimal: char,
}

/// ICU number formatters for one locale, built once and reused.
#[derive(Debug)]
pub struct NumberFormat {
    locale: String,
    grouped: DecimalFormatter,
    ungrouped: DecimalFormatter,
    percent: PercentFormatter<DecimalFormatter>,
    conventions: NumberConventions,
}

impl NumberFormat {
    /// Formatters for a BCP 47 locale (`fr`, `vi`, `en-GB`).
    pub fn new(locale: &str) -> Result<Self, LocaleError> {
        let loc = parse_locale(locale)?;
        let make = |g: GroupingStrategy| {
            let mut options = DecimalFormatterOptions::default();
            options.grouping_strategy = Some(g);
            DecimalFormatter::try_new((&loc).into(), options).map_err(|e| no_data(locale, e))
        };
        let grouped = make(GroupingStrategy::Auto)?;
        let ungrouped = make(GroupingStrategy::Never)?;
        let percent = PercentFormatter::try_new((&loc).into(), Default::default())
            .map_err(|e| no_data(locale, e))?;
        // Read the separators off ICU's own rendering of 1234567.5.
        let probe = grouped
            .format(&Decimal::from_str("1234567.5").map_err(|e| no_data(locale, e))?)
            .to_string();
        let non_digits: Vec<char> = probe.chars().filter(|c| !c.is_ascii_digit()).collect();
        let conventions = match (non_digits.first(), non_digits.last()) {
            (Some(&group), Some(&decimal)) if non_digits.len() >= 2 => {
                NumberConventions { group, decimal }
            }
            _ => NumberConventions {
                group: ',',
                decimal: '.',
            },
        };
        Ok(NumberFormat {
            locale: locale.to_string(),
            grouped,
            ungrouped,
            percent,
            conventions,
        })
    }

    /// The locale these formatters are for.
    pub fn locale(&self) -> &str {
        &self.locale
    }

    /// Separators of this locale, as ICU writes them.
    pub fn conventions(&self) -> NumberConventions {
        self.conventions
    }

    /// Formats a decimal written with `.` (`"1115"`, `"3.5"`), with or without grouping.
    pub fn format(&self, value: &str, grouping: bool) -> Result<String, LocaleError> {
        let d =
            Decimal::from_str(value).map_err(|_| LocaleError::InvalidValue(value.to_string()))?;
        let f = if grouping {
            &self.grouped
        } else {
            &self.ungrouped
        };
        Ok(f.format(&d).to_string())
    }

    /// Formats a count with the locale's grouping (`1,115` in English,
    /// `1 115` with U+202F in French; Spanish leaves four digits ungrouped).
    pub fn format_integer(&self, n: i64) -> String {
        self.grouped.format(&Decimal::from(n)).to_string()
    }

    /// Formats a percentage (`"3.5"` → `3,5 %` in French).
    pub fn format_percent(&self, value: &str) -> Result<String, LocaleError> {
        let d =
            Decimal::from_str(value).map_err(|_| LocaleError::InvalidValue(value.to_string()))?;
        Ok(self.percent.format(&d).to_string())
    }
}

/// The number formatters of a locale, built on first use and shared afterwards.
pub fn number_format(locale: &str) -> Result<Arc<NumberFormat>, LocaleError> {
    cached(&NUMBER_CACHE, locale, || NumberFormat::new(locale))
}

/// An amount of money in a locale: `format_currency("12000000", "VND", "fr")`
/// gives `12 000 000 ₫`. `amount` is a decimal written with `.`; `currency`
/// an ISO 4217 code.
pub fn format_currency(amount: &str, currency: &str, locale: &str) -> Result<String, LocaleError> {
    use icu_experimental::dimension::currency::formatter::CurrencyFormatter;
    use icu_experimental::dimension::currency::CurrencyType;
    let loc = parse_locale(locale)?;
    let code = CurrencyType::try_from_str(&currency.to_ascii_lowercase())
        .map_err(|_| LocaleError::InvalidValue(format!("currency code {currency:?}")))?;
    let value =
        Decimal::from_str(amount).map_err(|_| LocaleError::InvalidValue(amount.to_string()))?;
    let formatter = CurrencyFormatter::try_new_symbol((&loc).into(), code, Default::default())
        .map_err(|e| no_data(locale, e))?;
    let formatted = formatter.format_fixed_decimal(&value).to_string();
    Ok(formatted)
}

/// ICU date formatters for one locale (long dates, as CLDR writes them), built once and reused.
#[derive(Debug)]
pub struct DateFormat {
    date: DateTimeFormatter<YMD>,
    date_time: DateTimeFormatter<YMDT>,
    date_time_offset: DateTimeFormatter<Combo<YMDT, zone::LocalizedOffsetShort>>,
}

impl DateFormat {
    /// Formatters for a BCP 47 locale (`fr`, `vi`, `en-GB`).
    pub fn new(locale: &str) -> Result<Self, LocaleError> {
        let loc = parse_locale(locale)?;
        let date = DateTimeFormatter::try_new((&loc).into(), YMD::long())
            .map_err(|e| no_data(locale, e))?;
        let date_time = DateTimeFormatter::try_new((&loc).into(), YMD::long().with_time_hm())
            .map_err(|e| no_data(locale, e))?;
        let date_time_offset = DateTimeFormatter::try_new(
            (&loc).into(),
            YMD::long()
                .with_time_hm()
                .with_zone(zone::LocalizedOffsetShort),
        )
        .map_err(|e| no_data(locale, e))?;
        Ok(DateFormat {
            date,
            date_time,
            date_time_offset,
        })
    }

    /// The date on `at`'s wall clock: "15 janvier 2025", "January 15, 2025".
    pub fn date(&self, at: &DateTime<FixedOffset>) -> Result<String, LocaleError> {
        Ok(self.date.format(&iso_date(at)?).to_string())
    }

    /// The date with hours and minutes: "15 janvier 2025 à 16:09",
    /// "January 15, 2025 at 4:09 PM".
    pub fn date_time(&self, at: &DateTime<FixedOffset>) -> Result<String, LocaleError> {
        let value = icu_time::DateTime {
            date: iso_date(at)?,
            time: wall_time(at)?,
        };
        Ok(self.date_time.format(&value).to_string())
    }

    /// The date and time with `at`'s offset from UTC as CLDR names it:
    /// "15 janvier 2025 à 16:09 UTC+7", "January 15, 2025 at 4:09 PM GMT+7".
    pub fn date_time_offset(&self, at: &DateTime<FixedOffset>) -> Result<String, LocaleError> {
        let zone = icu_time::zone::UtcOffset::try_from_seconds(at.offset().fix().local_minus_utc())
            .map_err(|e| LocaleError::InvalidValue(format!("{e:?}")))?;
        let value = icu_time::ZonedDateTime {
            date: iso_date(at)?,
            time: wall_time(at)?,
            zone,
        };
        Ok(self.date_time_offset.format(&value).to_string())
    }
}

/// The date formatters of a locale, built on first use and shared afterwards.
pub fn date_format(locale: &str) -> Result<Arc<DateFormat>, LocaleError> {
    cached(&DATE_CACHE, locale, || DateFormat::new(locale))
}

/// A date as a reader of `locale` expects it: "15 janvier 2025", "January 15, 2025",
/// "15 tháng 1, 2025". The date is the one on the publisher's wall clock.
pub fn format_date(datetime: &DateTime<FixedOffset>, locale: &str) -> Result<String, LocaleError> {
    date_format(locale)?.date(datetime)
}

/// A date with hours and minutes: "15 janvier 2025 à 16:09", "January 15, 2025 at 4:09 PM".
pub fn format_date_time(
    datetime: &DateTime<FixedOffset>,
    locale: &str,
) -> Result<String, LocaleError> {
    date_format(locale)?.date_time(datetime)
}

fn iso_date(
    datetime: &DateTime<FixedOffset>,
) -> Result<icu_calendar::Date<icu_calendar::Iso>, LocaleError> {
    icu_calendar::Date::try_new_iso(
        datetime.year(),
        datetime.month() as u8,
        datetime.day() as u8,
    )
    .map_err(|e| LocaleError::InvalidValue(e.to_string()))
}

fn wall_time(datetime: &DateTime<FixedOffset>) -> Result<icu_time::Time, LocaleError> {
    icu_time::Time::try_new(datetime.hour() as u8, datetime.minute() as u8, 0, 0)
        .map_err(|e| LocaleError::InvalidValue(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nf(l: &str) -> NumberFormat {
        NumberFormat::new(l).unwrap()
    }

    #[test]
    fn conventions_come_from_icu() {
        assert_eq!(
            nf("vi").conventions(),
            NumberConventions {
                group: '.',
                decimal: ','
            }
        );
        assert_eq!(
            nf("en").conventions(),
            NumberConventions {
                group: ',',
                decimal: '.'
            }
        );
        assert_eq!(
            nf("fr").conventions(),
            NumberConventions {
                group: '\u{202f}',
                decimal: ','
            }
        );
        assert_eq!(
            nf("de").conventions(),
            NumberConventions {
                group: '.',
                decimal: ','
            }
        );
        assert_eq!(nf("ru").conventions().decimal, ',');
    }

    #[test]
    fn dates_in_each_locale() {
        let dt = DateTime::parse_from_rfc3339("2025-01-15T16:09:00+07:00").unwrap();
        assert_eq!(format_date(&dt, "fr").unwrap(), "15 janvier 2025");
        assert_eq!(format_date(&dt, "en").unwrap(), "January 15, 2025");
        assert!(format_date(&dt, "vi").unwrap().contains("2025"));
        assert!(format_date_time(&dt, "fr").unwrap().contains("16:09"));
        assert!(matches!(
            format_date(&dt, "not a locale!"),
            Err(LocaleError::InvalidLocale(_))
        ));
    }

    #[test]
    fn counts_and_long_dates_follow_cldr() {
        assert_eq!(nf("en").format_integer(1115), "1,115");
        assert_eq!(
            nf("fr").format_integer(-1_234_567),
            "-1\u{202f}234\u{202f}567"
        );
        assert_eq!(nf("es").format_integer(1115), "1115");
        assert_eq!(nf("es").format_integer(11_150), "11.150");
        let dt = DateTime::parse_from_rfc3339("2024-03-05T14:30:00+07:00").unwrap();
        let de = date_format("de").unwrap();
        assert_eq!(de.date(&dt).unwrap(), "5. März 2024");
        let fr = date_format("fr").unwrap().date_time_offset(&dt).unwrap();
        assert_eq!(fr, "5 mars 2024 à 14:30 UTC+7");
        let en = date_format("en").unwrap().date_time_offset(&dt).unwrap();
        assert_eq!(en, "March 5, 2024 at 2:30\u{202f}PM GMT+7");
        let west = DateTime::parse_from_rfc3339("2024-03-05T14:30:00-03:30").unwrap();
        let offset = date_format("en").unwrap().date_time_offset(&west).unwrap();
        assert!(offset.ends_with("GMT-3:30"), "{offset}");
    }

    #[test]
    fn made_up_tags_do_not_grow_the_cache_without_bound() {
        for i in 0..MAX_CACHED_LOCALES + 50 {
            number_format(&format!("en-x-t{i}")).unwrap();
            date_format(&format!("en-x-t{i}")).unwrap();
        }
        assert!(NUMBER_CACHE.get().unwrap().lock().unwrap().len() <= MAX_CACHED_LOCALES);
        assert!(DATE_CACHE.get().unwrap().lock().unwrap().len() <= MAX_CACHED_LOCALES);
    }

    #[test]
    fn a_huge_or_broken_tag_is_an_error_not_a_panic() {
        let huge = "en-".repeat(100_000);
        assert!(matches!(
            number_format(&huge),
            Err(LocaleError::InvalidLocale(_))
        ));
        assert!(matches!(
            date_format("\u{0}"),
            Err(LocaleError::InvalidLocale(_))
        ));
        let dt = DateTime::parse_from_rfc3339("2024-03-05T14:30:00+07:00").unwrap();
        assert!(format_date(&dt, "").is_err());
    }
}
