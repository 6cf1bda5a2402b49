//! Character references: the named entities pages actually use, and numeric ones.

use std::borrow::Cow;

/// Latin-1 entity names for U+00A0..=U+00FF, in code point order.
const LATIN1: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
    "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro",
    "para", "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute",
    "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute",
    "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute",
    "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
    "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde",
    "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc",
    "uuml", "yacute", "thorn", "yuml",
];

const OTHER: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("OElig", "Œ"),
    ("oelig", "œ"),
    ("Scaron", "Š"),
    ("scaron", "š"),
    ("Yuml", "Ÿ"),
    ("fnof", "ƒ"),
    ("circ", "ˆ"),
    ("tilde", "˜"),
    ("ensp", "\u{2002}"),
    ("emsp", "\u{2003}"),
    ("thinsp", "\u{2009}"),
    ("zwnj", "\u{200c}"),
    ("zwj", "\u{200d}"),
    ("lrm", "\u{200e}"),
    ("rlm", "\u{200f}"),
    ("ndash", "–"),
    ("mdash", "—"),
    ("horbar", "―"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("sbquo", "‚"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("bdquo", "„"),
    ("dagger", "†"),
    ("Dagger", "‡"),
    ("bull", "•"),
    ("hellip", "…"),
    ("permil", "‰"),
    ("prime", "′"),
    ("Prime", "″"),
    ("lsaquo", "‹"),
    ("rsaquo", "›"),
    ("oline", "‾"),
    ("frasl", "⁄"),
    ("euro", "€"),
    ("trade", "™"),
    ("larr", "←"),
    ("rarr", "→"),
    ("uarr", "↑"),
    ("darr", "↓"),
    ("harr", "↔"),
    ("minus", "−"),
    ("times", "×"),
    ("hearts", "♥"),
    ("star", "☆"),
    ("check", "✓"),
    ("alpha", "α"),
    ("beta", "β"),
    ("gamma", "γ"),
    ("delta", "δ"),
    ("pi", "π"),
    ("mu", "μ"),
    ("sigma", "σ"),
    ("omega", "ω"),
    ("Delta", "Δ"),
    ("Omega", "Ω"),
    ("infin", "∞"),
    ("asymp", "≈"),
    ("ne", "≠"),
    ("le", "≤"),
    ("ge", "≥"),
    ("Tab", "\t"),
    ("NewLine", "\n"),
    ("nbsp", "\u{a0}"),
    ("dollar", "$"),
    ("comma", ","),
    ("period", "."),
    ("colon", ":"),
    ("semi", ";"),
    ("excl", "!"),
    ("quest", "?"),
    ("lpar", "("),
    ("rpar", ")"),
    ("sol", "/"),
    ("num", "#"),
    ("percnt", "%"),
    ("equals", "="),
    ("plus", "+"),
    ("lowbar", "_"),
    ("hyphen", "-"),
    ("dash", "‐"),
    ("laquo", "«"),
    ("raquo", "»"),
];

/// Windows-1252 meanings of the C1 range, which numeric references map to.
const C1: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

fn named(name: &str) -> Option<char> {
    if let Some(i) = LATIN1.iter().position(|&n| n == name) {
        return char::from_u32(0xa0 + i as u32);
    }
    OTHER
        .iter()
        .find(|(n, _)| *n == name)
        .and_then(|(_, v)| v.chars().next())
}

fn numeric(digits: &str, hex: bool) -> char {
    let value = u32::from_str_radix(digits, if hex { 16 } else { 10 }).unwrap_or(0xfffd);
    match value {
        0 => '\u{fffd}',
        0x80..=0x9f => C1[(value - 0x80) as usize],
        _ => char::from_u32(value).unwrap_or('\u{fffd}'),
    }
}

/// Decodes character references in `s`; returns it unchanged when it has none.
pub(crate) fn decode_entities(s: &str) -> Cow<'_, str> {
    let Some(first) = memchr::memchr(b'&', s.as_bytes()) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    let mut rest = &s[first..];
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let (decoded, used) = reference(rest);
        match decoded {
            Some(c) => {
                out.push(c);
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

/// Decodes one reference at the start of `s` (which starts with `&`).
fn reference(s: &str) -> (Option<char>, usize) {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        let start = if hex { 3 } else { 2 };
        let mut end = start;
        while end < b.len()
            && end - start < 8
            && (if hex {
                b[end].is_ascii_hexdigit()
            } else {
                b[end].is_ascii_digit()
            })
        {
            end += 1;
        }
        if end == start {
            return (None, 0);
        }
        let c = numeric(&s[start..end], hex);
        let used = if b.get(end) == Some(&b';') {
            end + 1
        } else {
            end
        };
        return (Some(c), used);
    }
    let mut end = 1;
    while end < b.len() && end < 33 && b[end].is_ascii_alphanumeric() {
        end += 1;
    }
    let name = &s[1..end];
    if b.get(end) == Some(&b';') {
        if let Some(c) = named(name) {
            return (Some(c), end + 1);
        }
        return (None, 0);
    }
    // Legacy references without a semicolon, only where no letter or '=' follows.
    if b.get(end) == Some(&b'=') {
        return (None, 0);
    }
    for legacy in ["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"] {
        if name == legacy {
            return (named(legacy), end);
        }
    }
    (None, 0)
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
        assert_eq!(decode_entities("?a=1&copy=2&b"), "?a=1&copy=2&b");
        assert_eq!(decode_entities("&unknown; & &#;"), "&unknown; & &#;");
        assert_eq!(decode_entities("AT&T"), "AT&T");
    }
}
