//! Finding and reading numbers written in a language's conventions.
//!
//! The separators themselves come from ICU (the `locale` crate); this
//! module only scans text: `1.115` is one thousand one hundred fifteen in
//! Vietnamese, `1,115` in English, `1 115` in French.

use std::ops::Range;

pub use locale::NumberConventions;

/// Whether `conv` groups thousands with a space of some kind.
fn groups_with_space(conv: &NumberConventions) -> bool {
    is_space_separator(conv.group)
}

/// A number found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberToken {
    /// Byte range in the text, including a percent sign.
    pub range: Range<usize>,
    /// Integer digits, without separators or leading zeros.
    pub int: String,
    /// Fraction digits as written (trailing zeros kept).
    pub frac: String,
    /// True when written with group separators.
    pub grouped: bool,
    /// True when followed by a percent sign.
    pub percent: bool,
    /// True when the separators fit no number pattern (phone numbers, dotted
    /// dates): then only its digits are compared and it is never reformatted.
    pub literal: bool,
}

impl NumberToken {
    /// Canonical value for comparisons: `1115`, `3.5`, `1232024` for literals.
    pub fn value(&self) -> String {
        let frac = self.frac.trim_end_matches('0');
        let mut v = if self.literal {
            format!("#{}", self.int)
        } else {
            self.int.clone()
        };
        if !frac.is_empty() && !self.literal {
            v.push('.');
            v.push_str(frac);
        }
        v
    }

    /// The decimal as a plain string with `.` (fraction digits kept), for ICU.
    pub(crate) fn decimal_string(&self) -> String {
        if self.frac.is_empty() {
            self.int.clone()
        } else {
            format!("{}.{}", self.int, self.frac)
        }
    }

    /// True when the number deserves reformatting in another locale.
    pub fn is_formatted(&self) -> bool {
        !self.literal && (self.grouped || !self.frac.is_empty() || self.percent)
    }
}

fn is_space_separator(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}' | ' ')
}

fn is_separator_candidate(c: char, conv: &NumberConventions) -> bool {
    matches!(
        c,
        '.' | ',' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'' | '’'
    ) || c == conv.group
        || c == conv.decimal
}

/// Finds the numbers in plain text read with `conv`. Digits glued to a
/// preceding letter (`H5N1`, `A320`) are part of a word and skipped.
pub fn find_numbers(text: &str, conv: &NumberConventions) -> Vec<NumberToken> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if !c.is_ascii_digit() {
            i += 1;
            continue;
        }
        // CJK text glues digits to ideographs ("第3届", "2024年"): those still count.
        let glued = i > 0
            && chars.get(i - 1).is_some_and(|(_, p)| {
                (p.is_alphanumeric() && (*p as u32) < 0x2E80) || *p == '#' || *p == '_'
            });
        // Scan the run: digit groups joined by single separators.
        let mut groups: Vec<String> = vec![String::new()];
        let mut seps: Vec<char> = Vec::new();
        let mut j = i;
        loop {
            while let Some((_, d)) = chars.get(j).filter(|(_, d)| d.is_ascii_digit()) {
                if let Some(g) = groups.last_mut() {
                    g.push(*d);
                }
                j += 1;
            }
            let Some(&(_, s)) = chars.get(j) else { break };
            let next_is_digit = chars.get(j + 1).is_some_and(|(_, d)| d.is_ascii_digit());
            let plain_space_ok = s == ' '
                && groups_with_space(conv)
                && (1..=3).contains(&groups.last().map_or(0, String::len))
                && (j + 1..j + 4).all(|k| chars.get(k).is_some_and(|(_, d)| d.is_ascii_digit()))
                && !chars
                    .get(j + 4)
                    .is_some_and(|(_, d)| d.is_ascii_digit() || d.is_alphabetic());
            if next_is_digit && ((s != ' ' && is_separator_candidate(s, conv)) || plain_space_ok) {
                seps.push(s);
                groups.push(String::new());
                j += 1;
            } else {
                break;
            }
        }
        let mut end = chars.get(j).map_or(text.len(), |(b, _)| *b);
        if glued {
            i = j.max(i + 1);
            continue;
        }
        // A percent sign, possibly after a (no-break) space.
        let mut percent = false;
        let mut k = j;
        if chars.get(k).is_some_and(|(_, c)| is_space_separator(*c)) {
            k += 1;
        }
        if let Some(&(b, '%')) = chars.get(k) {
            percent = true;
            end = b + 1;
        }
        if let Some(token) = interpret(&groups, &seps, conv, start..end, percent) {
            out.push(token);
        }
        i = j.max(i + 1);
    }
    out
}

fn interpret(
    groups: &[String],
    seps: &[char],
    conv: &NumberConventions,
    range: Range<usize>,
    percent: bool,
) -> Option<NumberToken> {
    let first = groups.first()?;
    let strip = |s: &str| {
        let t = s.trim_start_matches('0');
        if t.is_empty() {
            "0".to_string()
        } else {
            t.to_string()
        }
    };
    let token = |int: String, frac: String, grouped: bool, literal: bool| NumberToken {
        range: range.clone(),
        int,
        frac,
        grouped,
        percent,
        literal,
    };
    if seps.is_empty() {
        return Some(token(strip(first), String::new(), false, false));
    }
    // The locale's pattern: 1-3 digits, groups of 3, optional fraction.
    let is_group = |s: char| s == conv.group || (groups_with_space(conv) && is_space_separator(s));
    let (int_seps, frac) = match seps.last() {
        Some(&s) if s == conv.decimal && !is_group(s) => (&seps[..seps.len() - 1], groups.last()),
        _ => (seps, None),
    };
    let int_groups = &groups[..int_seps.len() + 1];
    let leading_zero = first.len() > 1 && first.starts_with('0');
    let fits = int_seps.iter().all(|s| is_group(*s))
        && (int_seps.is_empty() || ((1..=3).contains(&first.len()) && !leading_zero))
        && int_groups.iter().skip(1).all(|g| g.len() == 3);
    if fits {
        let int: String = int_groups.concat();
        return Some(token(
            strip(&int),
            frac.cloned().unwrap_or_default(),
            !int_seps.is_empty(),
            false,
        ));
    }
    // One '.' or ',' that is not this locale's: read it as a decimal point
    // ("1.5" in Vietnamese text written the English way).
    if seps.len() == 1
        && matches!(seps[0], '.' | ',')
        && groups.get(1).is_some_and(|g| g.len() != 3)
    {
        return Some(token(
            strip(first),
            groups.get(1).cloned().unwrap_or_default(),
            false,
            false,
        ));
    }
    Some(token(groups.concat(), String::new(), false, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    const VI: NumberConventions = NumberConventions {
        group: '.',
        decimal: ',',
    };
    const EN: NumberConventions = NumberConventions {
        group: ',',
        decimal: '.',
    };
    const FR: NumberConventions = NumberConventions {
        group: '\u{202f}',
        decimal: ',',
    };

    fn values(text: &str, conv: &NumberConventions) -> Vec<String> {
        find_numbers(text, conv)
            .iter()
            .map(NumberToken::value)
            .collect()
    }

    #[test]
    fn reads_each_locale() {
        assert_eq!(
            values("Có 1.115 người, tăng 3,5% trong năm 2024.", &VI),
            vec!["1115", "3.5", "2024"]
        );
        assert_eq!(
            values("There were 1,115 people, up 3.5% in 2024.", &EN),
            vec!["1115", "3.5", "2024"]
        );
        assert_eq!(
            values(
                "Il y avait 1\u{202f}115 personnes, 3,5\u{a0}% de plus.",
                &FR
            ),
            vec!["1115", "3.5"]
        );
        assert_eq!(
            values("soit 1 115 personnes en 2024", &FR),
            vec!["1115", "2024"]
        );
        assert_eq!(
            values("12.000.000 đồng, 0,5 điểm, 1.5 lần", &VI),
            vec!["12000000", "0.5", "1.5"]
        );
    }

    #[test]
    fn percent_and_ranges() {
        let t = find_numbers("tăng 3,5% và 4 %", &VI);
        assert!(t[0].percent && t[1].percent);
        assert_eq!(&"tăng 3,5% và 4 %"[t[1].range.clone()], "4 %");
        assert!(t[0].is_formatted());
    }

    #[test]
    fn words_phone_numbers_and_dates() {
        assert_eq!(
            values("cúm H5N1 và máy bay A320, COVID-19", &VI),
            vec!["19"]
        );
        let phone = find_numbers("Gọi 0912.345.678 ngay", &VI);
        assert!(phone[0].literal);
        assert_eq!(phone[0].value(), "#0912345678");
        assert!(!phone[0].is_formatted());
        assert_eq!(
            values("ngày 12/3/2024 lúc 20h30", &VI),
            vec!["12", "3", "2024", "20"]
        );
        assert_eq!(values("第3届，2024年", &VI), vec!["3", "2024"]);
        assert!(values("", &VI).is_empty());
        assert_eq!(values("9", &VI), vec!["9"]);
    }
}
