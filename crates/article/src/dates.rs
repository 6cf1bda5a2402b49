//! W3C Datetime (the ISO 8601 profile of sitemaps, feeds, `<meta>` and
//! JSON-LD): the one parser and the one formatter every crate uses.
//!
//! Parsing is chrono's (RFC 3339, RFC 2822 and its format strings); what is
//! written here is the list of forms publishers really write beside strict
//! RFC 3339 — minutes without seconds, offsets without a colon or without
//! minutes, a space for the `T`, no zone at all, `YYYYMMDD` — and what a date
//! without a zone means. No maintained crate takes exactly that set.

use chrono::{
    DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, SecondsFormat, TimeZone,
    Utc,
};

/// Longer text is not a machine-readable date; it is refused unread.
const MAX_LEN: usize = 100;

/// Offset date-time forms tried after RFC 3339, on the text with its first
/// space turned into `T`. `%#z` takes `+07`, `+0700` and `+07:00`.
const ZONED: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f%:z",
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%dT%H:%M:%S%#z",
    "%Y-%m-%dT%H:%M%:z",
    "%Y-%m-%dT%H:%M%z",
    "%Y-%m-%dT%H:%M%#z",
];

/// Forms without an offset (a trailing `Z` removed first).
const NAIVE: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
];

/// Parses a machine-readable date: W3C Datetime / RFC 3339 and the lenient
/// forms above, a bare date (`2024-05-01`, `20240501`, midnight), or RFC 2822
/// (`Wed, 01 May 2024 10:00:00 +0700`). A date or time written without a
/// zone is taken in `default`; a trailing `Z` means UTC. `None` for anything
/// else, and for text longer than 100 bytes.
pub fn parse_w3c(raw: &str, default: FixedOffset) -> Option<DateTime<FixedOffset>> {
    let s = raw.trim();
    if s.is_empty() || s.len() > MAX_LEN {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d);
    }
    let t = s.replacen(' ', "T", 1);
    if let Ok(d) = DateTime::parse_from_rfc3339(&t) {
        return Some(d);
    }
    for format in ZONED {
        if let Ok(d) = DateTime::parse_from_str(&t, format) {
            return Some(d);
        }
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d);
    }
    let naive = t.strip_suffix('Z');
    let offset = if naive.is_some() { Utc.fix() } else { default };
    let naive = naive.unwrap_or(&t);
    for format in NAIVE {
        if let Ok(d) = NaiveDateTime::parse_from_str(naive, format) {
            return offset.from_local_datetime(&d).single();
        }
    }
    for format in ["%Y-%m-%d", "%Y%m%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(naive, format) {
            return offset
                .from_local_datetime(&d.and_time(NaiveTime::MIN))
                .single();
        }
    }
    None
}

/// [`parse_w3c`] in UTC, a date without a zone taken as UTC (what sitemap
/// and feed readers do).
pub fn parse_w3c_utc(raw: &str) -> Option<DateTime<Utc>> {
    parse_w3c(raw, Utc.fix()).map(|d| d.with_timezone(&Utc))
}

/// `2025-10-24T20:33:00+07:00`, or `…T13:33:00Z` in UTC: W3C Datetime to the
/// second, for sitemaps, feeds, `<meta>` and JSON-LD.
pub fn w3c<Tz: TimeZone>(t: &DateTime<Tz>) -> String {
    t.fixed_offset().to_rfc3339_opts(SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ict() -> FixedOffset {
        FixedOffset::east_opt(7 * 3600).unwrap()
    }

    fn utc(s: &str) -> String {
        parse_w3c_utc(s).map(|d| d.to_rfc3339()).unwrap_or_default()
    }

    fn local(s: &str) -> String {
        parse_w3c(s, ict())
            .map(|d| d.to_rfc3339())
            .unwrap_or_default()
    }

    #[test]
    fn parses_w3c_datetime_variants_in_utc() {
        assert_eq!(utc("2024-05-01"), "2024-05-01T00:00:00+00:00");
        assert_eq!(utc("2024-05-01T10:00+07:00"), "2024-05-01T03:00:00+00:00");
        assert_eq!(utc("2024-05-01T10:00+07"), "2024-05-01T03:00:00+00:00");
        assert_eq!(
            utc("2024-05-01T10:00:00+07:00"),
            "2024-05-01T03:00:00+00:00"
        );
        assert_eq!(
            utc("2024-05-01T10:00:00.5Z"),
            "2024-05-01T10:00:00.500+00:00"
        );
        assert_eq!(utc("2024-05-01T10:00Z"), "2024-05-01T10:00:00+00:00");
        assert_eq!(utc("2024-05-01T10:00:00+0700"), "2024-05-01T03:00:00+00:00");
        assert_eq!(utc("2024-05-01T10:00:00"), "2024-05-01T10:00:00+00:00");
        assert_eq!(utc("2024-05-01 10:00:00"), "2024-05-01T10:00:00+00:00");
        assert_eq!(
            utc(" Wed, 01 May 2024 10:00:00 +0700 "),
            "2024-05-01T03:00:00+00:00"
        );
        assert_eq!(utc("yesterday"), "");
        assert_eq!(utc("2024-13-45"), "");
    }

    #[test]
    fn a_date_without_zone_is_taken_in_the_default_one() {
        assert_eq!(
            local("2025-03-14T20:33:00+07:00"),
            "2025-03-14T20:33:00+07:00"
        );
        assert_eq!(local("2025-03-14T13:33:00Z"), "2025-03-14T13:33:00+00:00");
        assert_eq!(local("2025-03-14 20:33:00"), "2025-03-14T20:33:00+07:00");
        assert_eq!(local("2025-03-14T20:33"), "2025-03-14T20:33:00+07:00");
        assert_eq!(
            local("2025-03-14T20:33:00.123+0700"),
            "2025-03-14T20:33:00.123+07:00"
        );
        assert_eq!(local("2025-03-14"), "2025-03-14T00:00:00+07:00");
        assert_eq!(local("20250314"), "2025-03-14T00:00:00+07:00");
        assert_eq!(
            local("Fri, 14 Mar 2025 20:33:00 +0700"),
            "2025-03-14T20:33:00+07:00"
        );
    }

    #[test]
    fn hostile_text_is_refused_unread() {
        assert_eq!(local(""), "");
        assert_eq!(local("   "), "");
        assert_eq!(
            local(&format!("2025-03-14{}", " ".repeat(200))),
            "2025-03-14T00:00:00+07:00"
        );
        assert_eq!(local(&"2025-03-14".repeat(100_000)), "");
        assert_eq!(local("2025-03-14T25:99:00Z"), "");
        assert_eq!(local("９９９９-03-14"), "");
        assert_eq!(local("+999999-01-01T00:00:00Z"), "");
    }

    #[test]
    fn formats_to_the_second_with_z_for_utc() {
        let t = DateTime::parse_from_rfc3339("2025-03-14T20:33:00.75+07:00").unwrap();
        assert_eq!(w3c(&t), "2025-03-14T20:33:00+07:00");
        assert_eq!(w3c(&t.with_timezone(&Utc)), "2025-03-14T13:33:00Z");
        assert_eq!(
            parse_w3c(&w3c(&t), Utc.fix()).map(|d| w3c(&d)),
            Some(w3c(&t))
        );
    }
}
