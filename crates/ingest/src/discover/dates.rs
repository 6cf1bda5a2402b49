//! W3C Datetime (sitemaps' lastmod, news publication_date) and friends.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// Parses `2024-05-01`, `2024-05-01T10:00+07:00`, `2024-05-01T10:00:00.5Z`
/// and RFC 2822 dates; `None` for anything else.
pub(crate) fn parse_date(raw: &str) -> Option<DateTime<Utc>> {
    let s = raw.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    for format in [
        "%Y-%m-%dT%H:%M%:z",
        "%Y-%m-%dT%H:%M%#z",
        "%Y-%m-%dT%H:%M:%S%#z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(s, format) {
            return Some(d.with_timezone(&Utc));
        }
    }
    if let Some(naive) = s.strip_suffix('Z') {
        for format in ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S%.f"] {
            if let Ok(d) = NaiveDateTime::parse_from_str(naive, format) {
                return Some(Utc.from_utc_datetime(&d));
            }
        }
    }
    // Without a zone: taken as UTC, which is what sitemap consumers do.
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, format) {
            return Some(Utc.from_utc_datetime(&d));
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return d.and_hms_opt(0, 0, 0).map(|d| Utc.from_utc_datetime(&d));
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.with_timezone(&Utc));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> String {
        parse_date(s).unwrap().to_rfc3339()
    }

    #[test]
    fn parses_w3c_datetime_variants() {
        assert_eq!(iso("2024-05-01"), "2024-05-01T00:00:00+00:00");
        assert_eq!(iso("2024-05-01T10:00+07:00"), "2024-05-01T03:00:00+00:00");
        assert_eq!(
            iso("2024-05-01T10:00:00+07:00"),
            "2024-05-01T03:00:00+00:00"
        );
        assert_eq!(
            iso("2024-05-01T10:00:00.5Z"),
            "2024-05-01T10:00:00.500+00:00"
        );
        assert_eq!(iso("2024-05-01T10:00Z"), "2024-05-01T10:00:00+00:00");
        assert_eq!(iso("2024-05-01T10:00:00+0700"), "2024-05-01T03:00:00+00:00");
        assert_eq!(iso("2024-05-01T10:00:00"), "2024-05-01T10:00:00+00:00");
        assert_eq!(
            iso("Wed, 01 May 2024 10:00:00 +0700"),
            "2024-05-01T03:00:00+00:00"
        );
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("2024-13-45"), None);
    }
}
