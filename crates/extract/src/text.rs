//! Text normalization: NFC, one space for any run of whitespace, no zero-width junk,
//! no runs printed twice.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Characters that carry no visible text and only break matching.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{2060}' | '\u{feff}' | '\u{00ad}' | '\u{180e}'
    )
}

/// NFC-composes `s` when it is not already composed.
pub(crate) fn nfc(s: String) -> String {
    if s.is_ascii() || is_nfc_quick(s.chars()) == IsNormalized::Yes {
        s
    } else {
        s.nfc().collect()
    }
}

/// Collapses whitespace, trims, removes invisible characters and composes to NFC.
pub(crate) fn clean(s: &str) -> String {
    crate::work::bytes(s.len());
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    // ASCII text (most of every page) has no invisible characters and is NFC.
    if s.is_ascii() {
        for (run, blank) in ascii_runs(s) {
            if blank {
                space = true;
            } else {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push_str(run);
            }
        }
        return out;
    }
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else if !is_invisible(c) {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    nfc(out)
}

/// Removes a run printed twice in a row: "Báo Nhân Dân Báo Nhân Dân" → "Báo Nhân Dân".
pub(crate) fn dedupe_repeat(s: &str) -> String {
    let words: Vec<&str> = s.split(' ').collect();
    let n = words.len();
    if n >= 2 && n.is_multiple_of(2) {
        let (a, b) = words.split_at(n / 2);
        if a.iter()
            .zip(b)
            .all(|(x, y)| x.to_lowercase() == y.to_lowercase())
        {
            return a.join(" ");
        }
    }
    s.to_owned()
}

/// Lower-case letters and digits only, without diacritics: "Lao Động" → "laodong".
pub(crate) fn fold(s: &str) -> String {
    // ASCII text decomposes to itself: keep its letters and digits, lower-cased.
    if s.is_ascii() {
        return s
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect();
    }
    s.nfd()
        .filter_map(|c| match c {
            'đ' | 'Đ' => Some('d'),
            c if c.is_alphanumeric() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// True when the text is Vietnamese: letters only Vietnamese uses are frequent.
pub(crate) fn looks_vietnamese(s: &str) -> bool {
    let mut letters = 0usize;
    let mut marked = 0usize;
    for c in s.chars().take(5000) {
        if c.is_alphabetic() {
            letters += 1;
            if matches!(c, 'ư' | 'ơ' | 'đ' | 'Ư' | 'Ơ' | 'Đ' | 'ă' | 'Ă')
                || ('\u{1ea0}'..='\u{1ef9}').contains(&c)
            {
                marked += 1;
            }
        }
    }
    letters >= 20 && marked * 20 >= letters
}

/// ASCII case-insensitive substring test; `needle` must be lower-case.
pub(crate) fn contains_ascii_ci(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return true;
    }
    if h.len() < n.len() {
        return false;
    }
    let first = n[0];
    let last_start = h.len() - n.len();
    let mut from = 0;
    while from <= last_start {
        let window = h.get(from..=last_start).unwrap_or_default();
        let Some(off) = memchr::memchr2(first, first.to_ascii_uppercase(), window) else {
            return false;
        };
        let at = from + off;
        if h.get(at..at + n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
        {
            return true;
        }
        from = at + 1;
    }
    false
}

/// Number of non-whitespace characters.
pub(crate) fn visible_len(s: &str) -> usize {
    if s.is_ascii() {
        return s.bytes().filter(|&b| !is_ascii_space(b)).count();
    }
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// The runs of an ASCII string, each with whether it is whitespace (the
/// runs alternate), so that words are copied whole.
pub(crate) fn ascii_runs(s: &str) -> impl Iterator<Item = (&str, bool)> {
    let b = s.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        let start = i;
        let blank = is_ascii_space(*b.get(i)?);
        while b.get(i).is_some_and(|&x| is_ascii_space(x) == blank) {
            i += 1;
        }
        Some((s.get(start..i).unwrap_or_default(), blank))
    })
}

/// `char::is_whitespace` for an ASCII byte (tab to carriage return, space;
/// unlike `u8::is_ascii_whitespace`, the vertical tab too).
pub(crate) fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans() {
        assert_eq!(clean("  Hà\u{a0}\u{200b}Nội \n\t mưa "), "Hà Nội mưa");
        // Decomposed "Việt" (e + combining circumflex + combining dot below) composes.
        assert_eq!(clean("Vie\u{302}\u{323}t"), "Việt");
    }

    #[test]
    fn ascii_ci() {
        assert!(contains_ascii_ci("Article-Body main", "article-body"));
        assert!(contains_ascii_ci("xTAGs", "tags"));
        assert!(!contains_ascii_ci("tag", "tags"));
        assert!(contains_ascii_ci("anything", ""));
        assert!(!contains_ascii_ci("Báo", "ao"));
    }

    #[test]
    fn ascii_paths_match_the_general_ones() {
        for s in ["  a\u{b}b \t\n c\r\x0c d  ", "x,y , z", "", "   ", "\u{b}"] {
            assert!(s.is_ascii());
            let general: String = {
                let mut out = String::new();
                let mut space = false;
                for c in s.chars() {
                    if c.is_whitespace() {
                        space = true;
                    } else {
                        if space && !out.is_empty() {
                            out.push(' ');
                        }
                        space = false;
                        out.push(c);
                    }
                }
                out
            };
            assert_eq!(clean(s), general, "{s:?}");
            let runs: String = ascii_runs(s).map(|(r, _)| r).collect();
            assert_eq!(runs, s);
            assert_eq!(
                visible_len(s),
                s.chars().filter(|c| !c.is_whitespace()).count()
            );
        }
        for b in 0..=127u8 {
            assert_eq!(is_ascii_space(b), char::from(b).is_whitespace(), "{b}");
        }
    }

    #[test]
    fn folds() {
        assert_eq!(fold("Lao Động"), "laodong");
        assert_eq!(fold("Đà Nẵng 2025"), "danang2025");
        assert_eq!(fold("Hello, World-42!"), "helloworld42");
        assert_eq!(fold("Straße"), "strae");
    }

    #[test]
    fn dedupes() {
        assert_eq!(dedupe_repeat("Báo Nhân Dân Báo Nhân Dân"), "Báo Nhân Dân");
        assert_eq!(dedupe_repeat("VnExpress"), "VnExpress");
        assert_eq!(dedupe_repeat("a b a c"), "a b a c");
    }
}
