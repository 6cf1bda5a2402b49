//! Numbers and dates in the reader's locale, with ICU4X's compiled CLDR data.

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::{Arc, Mutex, OnceLock};

use chrono::{DateTime, Datelike, FixedOffset, Timelike};
use fixed_decimal::Decimal;
use icu_datetime::fieldsets::YMD;
use icu_datetime::DateTimeFormatter;
use icu_decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu_decimal::DecimalFormatter;
use icu_experimental::dimension::percent::formatter::PercentFormatter;
use icu_locale_core::Locale;

use crate::numbers::{find_numbers, NumberConventions, NumberToken};
use crate::placeholder::{self, Token};

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

    /// Formats a percentage (`"3.5"` → `3,5 %` in French).
    pub fn format_percent(&self, value: &str) -> Result<String, LocaleError> {
        let d =
            Decimal::from_str(value).map_err(|_| LocaleError::InvalidValue(value.to_string()))?;
        Ok(self.percent.format(&d).to_string())
    }

    /// Renders a number found in another locale's text in this locale,
    /// keeping grouping, fraction digits and percent sign as written.
    pub(crate) fn render(&self, token: &NumberToken) -> Result<String, LocaleError> {
        if token.percent {
            self.format_percent(&token.decimal_string())
        } else {
            self.format(&token.decimal_string(), token.grouped)
        }
    }
}

/// The formatters of a locale, built on first use and shared afterwards.
pub fn number_format(locale: &str) -> Result<Arc<NumberFormat>, LocaleError> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<NumberFormat>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(found) = cache.lock().ok().and_then(|c| c.get(locale).cloned()) {
        return Ok(found);
    }
    let made = Arc::new(NumberFormat::new(locale)?);
    if let Ok(mut c) = cache.lock() {
        c.insert(locale.to_string(), made.clone());
    }
    Ok(made)
}

/// Rewrites the numbers of a placeholder string from `from`'s conventions
/// into `to`'s: `1.115` (vi) → `1 115` (fr), `3,5%` (vi) → `3.5%` (en).
/// Plain integers (years), phone numbers and dotted dates are left as written.
pub fn localize_numbers(text: &str, from: &NumberFormat, to: &NumberFormat) -> String {
    let mut out = String::with_capacity(text.len());
    for (_, token) in placeholder::tokenize(text) {
        match token {
            Token::Text(raw) => {
                let mut last = 0;
                for number in find_numbers(raw, &from.conventions) {
                    if !number.is_formatted() {
                        continue;
                    }
                    let Ok(rendered) = to.render(&number) else {
                        continue;
                    };
                    out.push_str(raw.get(last..number.range.start).unwrap_or_default());
                    out.push_str(&rendered);
                    last = number.range.end;
                }
                out.push_str(raw.get(last..).unwrap_or_default());
            }
            Token::Tag { kind, id, form } => out.push_str(&placeholder::render_tag(kind, id, form)),
        }
    }
    out
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

/// A date as a reader of `locale` expects it: "15 janvier 2025", "January 15, 2025",
/// "15 tháng 1, 2025". The date is the one on the publisher's wall clock.
pub fn format_date(datetime: &DateTime<FixedOffset>, locale: &str) -> Result<String, LocaleError> {
    let loc = parse_locale(locale)?;
    let formatter =
        DateTimeFormatter::try_new((&loc).into(), YMD::long()).map_err(|e| no_data(locale, e))?;
    let date = iso_date(datetime)?;
    Ok(formatter.format(&date).to_string())
}

/// A date with hours and minutes: "15 janvier 2025 à 16:09", "January 15, 2025 at 4:09 PM".
pub fn format_date_time(
    datetime: &DateTime<FixedOffset>,
    locale: &str,
) -> Result<String, LocaleError> {
    let loc = parse_locale(locale)?;
    let formatter = DateTimeFormatter::try_new((&loc).into(), YMD::long().with_time_hm())
        .map_err(|e| no_data(locale, e))?;
    let value = icu_time::DateTime {
        date: iso_date(datetime)?,
        time: icu_time::Time::try_new(datetime.hour() as u8, datetime.minute() as u8, 0, 0)
            .map_err(|e| LocaleError::InvalidValue(e.to_string()))?,
    };
    Ok(formatter.format(&value).to_string())
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
    fn numbers_move_between_locales() {
        let (vi, en, fr, de) = (nf("vi"), nf("en"), nf("fr"), nf("de"));
        let src = "Có 1.115 người, tăng 3,5% trong năm 2024, gọi 0912.345.678.";
        assert_eq!(
            localize_numbers(src, &vi, &fr),
            "Có 1\u{202f}115 người, tăng 3,5\u{a0}% trong năm 2024, gọi 0912.345.678."
        );
        assert_eq!(
            localize_numbers(src, &vi, &en),
            "Có 1,115 người, tăng 3.5% trong năm 2024, gọi 0912.345.678."
        );
        assert_eq!(
            localize_numbers("<x1>12.000.000</x1> đồng", &vi, &de),
            "<x1>12.000.000</x1> đồng"
        );
        assert_eq!(
            localize_numbers("1,115 people &amp; 0.50 points", &en, &vi),
            "1.115 people &amp; 0,50 points"
        );
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
}
