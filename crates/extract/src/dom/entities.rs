//! Character references: all 2,231 named references of the HTML standard
//! (the table `web_atoms` generates from the standard's `entities.json`,
//! 2,125 names plus the 106 legacy ones read without a semicolon), and
//! numeric ones.
//!
//! Matching follows the standard's "named character reference state": the
//! longest name that matches wins, a legacy name also matches without its
//! semicolon (`&copy2025` is "©2025" in text), and in an attribute value a
//! reference without its semicolon followed by a letter, digit or `=` stays
//! literal (`?a=1&copy=2`).

use std::borrow::Cow;

use web_atoms::NAMED_ENTITIES;

/// The longest entity name (`&CounterClockwiseContourIntegral;` without `&`).
const MAX_NAME: usize = 33;

/// Windows-1252 meanings of the C1 range, which numeric references map to.
const C1: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// The character a numeric reference's digits stand for: U+FFFD for zero,
/// a surrogate or a value past U+10FFFF (however many digits it has).
fn numeric(digits: &str, hex: bool) -> char {
    let radix = if hex { 16 } else { 10 };
    let value = digits
        .chars()
        .filter_map(|c| c.to_digit(radix))
        .fold(0u32, |v, d| v.saturating_mul(radix).saturating_add(d));
    match value {
        0 => '\u{fffd}',
        0x80..=0x9f => C1[(value - 0x80) as usize],
        _ => char::from_u32(value).unwrap_or('\u{fffd}'),
    }
}

/// Decodes character references in text; returns it unchanged when it has none.
pub(crate) fn decode_entities(s: &str) -> Cow<'_, str> {
    decode(s, false)
}

/// Decodes character references in an attribute value.
pub(crate) fn decode_attribute(s: &str) -> Cow<'_, str> {
    decode(s, true)
}

fn decode(s: &str, in_attribute: bool) -> Cow<'_, str> {
    let Some(first) = memchr::memchr(b'&', s.as_bytes()) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    let mut rest = &s[first..];
    while let Some(amp) = memchr::memchr(b'&', rest.as_bytes()) {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match reference(rest, in_attribute) {
            Some((decoded, used)) => {
                out.push_str(decoded.as_str());
                rest = &rest[used..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// One or two characters a reference stands for.
struct Chars(char, Option<char>, [u8; 8]);

impl Chars {
    fn new(a: char, b: Option<char>) -> Self {
        let mut buf = [0u8; 8];
        let n = a.encode_utf8(&mut buf).len();
        if let Some(b) = b {
            b.encode_utf8(&mut buf[n..]);
        }
        Chars(a, b, buf)
    }

    fn as_str(&self) -> &str {
        let n = self.0.len_utf8() + self.1.map_or(0, char::len_utf8);
        std::str::from_utf8(&self.2[..n]).unwrap_or("\u{fffd}")
    }
}

/// The references pages use most, with their semicolon (`&amp;` in every
/// link's query, `&nbsp;`, quotes and dashes), read without the table's
/// hashed lookup per prefix (most of the parser's time in entities). A name
/// with its semicolon is always the longest match, so the answer is the
/// table's; `common_references_are_the_tables` checks each.
fn common_reference(b: &[u8]) -> Option<(char, usize)> {
    let rest = b.get(1..)?;
    let candidates: &[(&[u8], char)] = match rest.first()? {
        b'a' => &[(b"amp;", '&'), (b"apos;", '\'')],
        b'n' => &[(b"nbsp;", '\u{a0}'), (b"ndash;", '–')],
        b'q' => &[(b"quot;", '"')],
        b'l' => &[
            (b"lt;", '<'),
            (b"laquo;", '«'),
            (b"lsquo;", '‘'),
            (b"ldquo;", '“'),
        ],
        b'g' => &[(b"gt;", '>')],
        b'r' => &[
            (b"rsquo;", '’'),
            (b"rdquo;", '”'),
            (b"raquo;", '»'),
            (b"reg;", '®'),
        ],
        b'm' => &[(b"mdash;", '—'), (b"middot;", '·')],
        b'h' => &[(b"hellip;", '…')],
        b'c' => &[(b"copy;", '©')],
        b'b' => &[(b"bull;", '•')],
        b'e' => &[(b"euro;", '€')],
        b't' => &[(b"trade;", '™')],
        _ => return None,
    };
    candidates
        .iter()
        .find(|(name, _)| rest.starts_with(name))
        .map(|&(name, c)| (c, 1 + name.len()))
}

/// Decodes one reference at the start of `s` (which starts with `&`): what it
/// stands for and how many bytes it used, or `None` when it is no reference.
fn reference(s: &str, in_attribute: bool) -> Option<(Chars, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        let start = if hex { 3 } else { 2 };
        let mut end = start;
        while end < b.len()
            && (if hex {
                b[end].is_ascii_hexdigit()
            } else {
                b[end].is_ascii_digit()
            })
        {
            end += 1;
        }
        if end == start {
            return None;
        }
        let c = numeric(&s[start..end], hex);
        let used = if b.get(end) == Some(&b';') {
            end + 1
        } else {
            end
        };
        return Some((Chars::new(c, None), used));
    }
    if let Some((c, used)) = common_reference(b) {
        return Some((Chars::new(c, None), used));
    }
    // The table holds every prefix of every name (mapped to (0, 0)), so the
    // walk stops at the first prefix that leads nowhere.
    let mut found: Option<((u32, u32), usize)> = None;
    let mut end = 1;
    while end < b.len() && end <= MAX_NAME {
        let c = b[end];
        if !(c.is_ascii_alphanumeric() || c == b';') {
            break;
        }
        end += 1;
        let Some(&value) = s.get(1..end).and_then(|k| NAMED_ENTITIES.get(k)) else {
            break;
        };
        if value.0 != 0 {
            found = Some((value, end));
        }
        if c == b';' {
            break;
        }
    }
    let ((cp1, cp2), used) = found?;
    if in_attribute
        && b.get(used - 1) != Some(&b';')
        && b.get(used)
            .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'=')
    {
        return None;
    }
    let first = char::from_u32(cp1)?;
    let second = (cp2 != 0).then(|| char::from_u32(cp2)).flatten();
    Some((Chars::new(first, second), used))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes() {
        assert_eq!(
            decode_entities("a&amp;b&lt;&eacute;&#8211;&#x2014;&#150;"),
            "a&b<é–—–"
        );
        assert_eq!(decode_attribute("?a=1&copy=2&b"), "?a=1&copy=2&b");
        assert_eq!(decode_attribute("?a=1&copy2&b"), "?a=1&copy2&b");
        assert_eq!(decode_entities("&unknown; & &#;"), "&unknown; & &#;");
        assert_eq!(decode_entities("AT&T"), "AT&T");
        // However many digits, a value past U+10FFFF is U+FFFD.
        assert_eq!(decode_entities("&#11111111111x;"), "\u{fffd}x;");
        assert_eq!(decode_entities("&#x110000;&#0;"), "\u{fffd}\u{fffd}");
    }

    #[test]
    fn common_references_are_the_tables() {
        for name in [
            "amp;", "apos;", "nbsp;", "ndash;", "quot;", "lt;", "laquo;", "lsquo;", "ldquo;",
            "gt;", "rsquo;", "rdquo;", "raquo;", "reg;", "mdash;", "middot;", "hellip;", "copy;",
            "bull;", "euro;", "trade;",
        ] {
            let s = format!("&{name}x");
            let (c, used) = common_reference(s.as_bytes()).expect(name);
            let &(cp1, cp2) = NAMED_ENTITIES.get(name).expect(name);
            assert_eq!(
                (u32::from(c), 0, used),
                (cp1, cp2, name.len() + 1),
                "{name}"
            );
        }
        assert!(common_reference(b"&ampx").is_none());
        assert!(common_reference(b"&").is_none());
    }

    #[test]
    fn the_whole_table() {
        assert_eq!(decode_entities("&hbar;&NewLine;&Afr;"), "ℏ\n𝔄");
        // Two code points.
        assert_eq!(
            decode_entities("&NotEqualTilde;&nvlt;"),
            "\u{2242}\u{338}<\u{20d2}"
        );
        // The longest legacy name without a semicolon, then text.
        assert_eq!(decode_entities("&notit; &copy2025 &ampx"), "¬it; ©2025 &x");
        assert_eq!(decode_entities("&CounterClockwiseContourIntegral;"), "∳");
        assert_eq!(
            NAMED_ENTITIES.entries().filter(|(_, v)| v.0 != 0).count(),
            2231
        );
    }
}
