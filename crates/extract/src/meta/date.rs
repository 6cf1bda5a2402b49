//! Dates as pages write them: ISO 8601 in metadata (parsed by
//! `article::dates`, shared with the feed and sitemap readers), and visible
//! forms such as "14/03/2025 20:33 GMT+7" or "Thứ sáu, 14/3/2025, 20:33 (GMT+7)",
//! parsed here.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Offset, TimeZone};

/// Parses a machine-readable date (`article::dates::parse_w3c`: W3C
/// Datetime, RFC 2822…), else a date as printed on a page; a date without
/// zone gets `default`. Text over 64 bytes is no date.
pub(crate) fn parse_iso(s: &str, default: FixedOffset) -> Option<DateTime<FixedOffset>> {
    if s.trim().len() > 64 {
        return None;
    }
    article::dates::parse_w3c(s, default).or_else(|| parse_visible(s, default))
}

/// The UTC offset.
pub(crate) fn utc() -> FixedOffset {
    chrono::Utc.fix()
}

#[derive(Debug, Clone, Copy)]
struct Num {
    value: u32,
    digits: usize,
    start: usize,
    end: usize,
}

fn numbers(s: &str) -> Vec<Num> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i - start <= 4 {
                let value = s[start..i].parse().unwrap_or(0);
                out.push(Num {
                    value,
                    digits: i - start,
                    start,
                    end: i,
                });
            }
        } else {
            i += 1;
        }
    }
    out
}

fn sep(s: &str, a: &Num, b: &Num) -> &'static str {
    match s.get(a.end..b.start).map(str::trim) {
        Some("/") => "/",
        Some("-") => "-",
        Some(".") => ".",
        Some(":") => ":",
        Some("h") | Some("H") => "h",
        _ => "",
    }
}

/// Parses a date as printed on a page (day first, as in Vietnamese and most of Europe).
pub(crate) fn parse_visible(s: &str, default: FixedOffset) -> Option<DateTime<FixedOffset>> {
    if s.len() > 300 {
        return None;
    }
    let lower = s.to_lowercase();
    let nums = numbers(&lower);
    let mut date: Option<(NaiveDate, usize, usize)> = None;
    for w in nums.windows(3) {
        let [a, b, c] = [w[0], w[1], w[2]];
        let s1 = sep(&lower, &a, &b);
        let s2 = sep(&lower, &b, &c);
        if s1.is_empty() || s1 != s2 || s1 == ":" || s1 == "h" {
            continue;
        }
        let d = if a.digits == 4 {
            NaiveDate::from_ymd_opt(a.value as i32, b.value, c.value)
        } else if c.digits == 4 {
            NaiveDate::from_ymd_opt(c.value as i32, b.value, a.value)
        } else {
            None
        };
        if let Some(d) = d {
            date = Some((d, a.start, c.end));
            break;
        }
    }
    if date.is_none() {
        date = vietnamese_words(&lower, &nums);
    }
    let (day, dstart, dend) = date?;
    let mut time = NaiveTime::MIN;
    for w in nums.windows(2) {
        let [h, m] = [w[0], w[1]];
        if h.start >= dstart && h.end <= dend {
            continue;
        }
        let sp = sep(&lower, &h, &m);
        if (sp == ":" || sp == "h") && h.digits <= 2 && m.digits == 2 {
            let mut hour = h.value;
            let after = lower.get(m.end..).unwrap_or("").trim_start();
            let sec = nums
                .iter()
                .find(|n| n.start > m.end && lower.get(m.end..n.start) == Some(":"))
                .map_or(0, |n| n.value);
            if (after.starts_with("pm") || after.starts_with("p.m")) && hour < 12 {
                hour += 12;
            } else if (after.starts_with("am") || after.starts_with("a.m")) && hour == 12 {
                hour = 0;
            }
            if let Some(t) = NaiveTime::from_hms_opt(hour, m.value, sec) {
                time = t;
                break;
            }
        }
    }
    let offset = zone(&lower).unwrap_or(default);
    offset.from_local_datetime(&day.and_time(time)).single()
}

/// "ngày 14 tháng 3 năm 2025", "14 tháng 03, 2025".
fn vietnamese_words(lower: &str, nums: &[Num]) -> Option<(NaiveDate, usize, usize)> {
    for w in nums.windows(3) {
        let [d, m, y] = [w[0], w[1], w[2]];
        let between = lower.get(d.end..m.start).map(str::trim);
        if between == Some("tháng") && y.digits == 4 {
            let date = NaiveDate::from_ymd_opt(y.value as i32, m.value, d.value)?;
            return Some((date, d.start, y.end));
        }
    }
    None
}

/// "GMT+7", "UTC+07:00", "+0700", "(GMT+7)".
fn zone(lower: &str) -> Option<FixedOffset> {
    for label in ["gmt", "utc"] {
        if let Some(pos) = lower.find(label) {
            let rest = lower.get(pos + 3..)?.trim_start();
            let sign = match rest.chars().next() {
                Some('+') => 1,
                Some('-') | Some('−') => -1,
                _ => return FixedOffset::east_opt(0),
            };
            let digits = rest.get(1..)?.trim_start();
            let mut parts = digits.splitn(2, ':');
            let hour_part: String = parts
                .next()?
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let (h, m) = if hour_part.len() == 4 && !digits.contains(':') {
                (
                    hour_part.get(..2)?.parse::<i32>().ok()?,
                    hour_part.get(2..)?.parse::<i32>().ok()?,
                )
            } else {
                let minutes: String = parts
                    .next()
                    .unwrap_or("0")
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                (
                    hour_part.parse::<i32>().ok()?,
                    minutes.parse::<i32>().unwrap_or(0),
                )
            };
            return FixedOffset::east_opt(sign * (h * 3600 + m * 60));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ict() -> FixedOffset {
        FixedOffset::east_opt(7 * 3600).unwrap()
    }

    fn show(d: Option<DateTime<FixedOffset>>) -> String {
        d.map(|d| d.to_rfc3339()).unwrap_or_default()
    }

    #[test]
    fn iso() {
        let z = utc();
        assert_eq!(
            show(parse_iso("2025-03-14T20:33:00+07:00", z)),
            "2025-03-14T20:33:00+07:00"
        );
        assert_eq!(
            show(parse_iso("2025-03-14T13:33:00Z", ict())),
            "2025-03-14T13:33:00+00:00"
        );
        assert_eq!(
            show(parse_iso("2025-03-14 20:33:00", ict())),
            "2025-03-14T20:33:00+07:00"
        );
        assert_eq!(
            show(parse_iso("2025-03-14T20:33:00.123+0700", z)),
            "2025-03-14T20:33:00.123+07:00"
        );
        assert_eq!(
            show(parse_iso("2025-03-14", ict())),
            "2025-03-14T00:00:00+07:00"
        );
        assert_eq!(
            show(parse_iso("Fri, 14 Mar 2025 20:33:00 +0700", z)),
            "2025-03-14T20:33:00+07:00"
        );
    }

    #[test]
    fn visible_vietnamese() {
        let z = utc();
        for s in [
            "14/03/2025 20:33 GMT+7",
            "Thứ sáu, 14/3/2025, 20:33 (GMT+7)",
            "20:33 14/03/2025 (GMT+07:00)",
            "Thứ Sáu, ngày 14/03/2025 - 20:33 GMT+7",
            "14-03-2025 - 20h33 GMT+7",
        ] {
            assert_eq!(
                show(parse_visible(s, z)),
                "2025-03-14T20:33:00+07:00",
                "{s}"
            );
        }
        assert_eq!(
            show(parse_visible(
                "Cập nhật: ngày 14 tháng 3 năm 2025 08:05",
                ict()
            )),
            "2025-03-14T08:05:00+07:00"
        );
        assert_eq!(parse_visible("không có ngày", z), None);
        assert_eq!(parse_visible("31/02/2025", z), None);
    }
}
