//! Dates and numbers the way the paper prints them, and the formats feeds
//! need; W3C Datetime is `article::dates::w3c`.

use chrono::{DateTime, Datelike, FixedOffset, Offset, Timelike, Utc, Weekday};

/// The paper's time zone, UTC+7.
pub fn vietnam() -> FixedOffset {
    // 7 hours is always a valid offset; the fallback only satisfies the type.
    FixedOffset::east_opt(7 * 3600).unwrap_or_else(|| Utc.fix())
}

fn weekday(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "Thứ hai",
        Weekday::Tue => "Thứ ba",
        Weekday::Wed => "Thứ tư",
        Weekday::Thu => "Thứ năm",
        Weekday::Fri => "Thứ sáu",
        Weekday::Sat => "Thứ bảy",
        Weekday::Sun => "Chủ nhật",
    }
}

/// `Thứ sáu, 24/10/2025 20:33 (GMT+7)`: the visible date line of an article.
pub fn vi_datetime(t: &DateTime<FixedOffset>) -> String {
    let t = t.with_timezone(&vietnam());
    format!(
        "{}, {}/{}/{} {:02}:{:02} (GMT+7)",
        weekday(t.weekday()),
        t.day(),
        t.month(),
        t.year(),
        t.hour(),
        t.minute()
    )
}

/// `24/10/2025`: short date for listings.
pub fn vi_date(t: &DateTime<FixedOffset>) -> String {
    let t = t.with_timezone(&vietnam());
    format!("{}/{}/{}", t.day(), t.month(), t.year())
}

/// `Fri, 24 Oct 2025 20:33:00 +0700`: RFC 2822, for RSS.
pub fn rfc2822(t: &DateTime<FixedOffset>) -> String {
    t.to_rfc2822()
}

/// `Fri, 24 Oct 2025 13:33:00 GMT`: an HTTP date.
pub fn http_date(t: &DateTime<FixedOffset>) -> String {
    t.with_timezone(&Utc)
        .format("%a, %d %b %Y %H:%M:%S GMT")
        .to_string()
}

/// Parses an HTTP date (`If-Modified-Since`).
pub fn parse_http_date(s: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc2822(s.trim()).ok()
}

/// `1115` → `1.115`: Vietnamese thousands separators.
pub fn vi_int(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// `35, 1` → `3,5`: a number given in tenths, with a decimal comma.
pub fn vi_tenths(tenths: u64) -> String {
    match tenths % 10 {
        0 => vi_int(tenths / 10),
        d => format!("{},{d}", vi_int(tenths / 10)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_formats() {
        let t = DateTime::parse_from_rfc3339("2025-03-14T20:33:00+07:00").unwrap();
        assert_eq!(vi_datetime(&t), "Thứ sáu, 14/3/2025 20:33 (GMT+7)");
        assert_eq!(vi_date(&t), "14/3/2025");
        assert_eq!(rfc2822(&t), "Fri, 14 Mar 2025 20:33:00 +0700");
        assert_eq!(http_date(&t), "Fri, 14 Mar 2025 13:33:00 GMT");
        assert_eq!(parse_http_date("Fri, 14 Mar 2025 13:33:00 GMT"), Some(t));
        assert_eq!(vi_int(1115), "1.115");
        assert_eq!(vi_int(12_000_000), "12.000.000");
        assert_eq!(vi_int(999), "999");
        assert_eq!(vi_tenths(35), "3,5");
        assert_eq!(vi_tenths(120), "12");
    }
}
