//! From bytes to text: the HTTP header, a BOM, `<meta charset>`, then detection.

use encoding_rs::{Encoding, UTF_8};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// How far into the document `<meta charset>` is looked for.
const PRESCAN: usize = 16 * 1024;

/// Decodes an HTML page to text and names the encoding used.
///
/// The order is: a byte-order mark, the `charset` of the HTTP `Content-Type`
/// header, a `<meta charset>` or `http-equiv` declaration, then detection
/// (chardetng). A declared legacy encoding on bytes that are valid UTF-8 is
/// taken as UTF-8, the usual mislabelling. Vietnamese text in windows-1258,
/// which spells tones with combining marks, comes out NFC-composed.
///
/// Pages of the font-encoding era are recognised too: a page declared (or
/// detected) as windows-1252/latin-1 whose non-ASCII words read as
/// Vietnamese syllables in TCVN3 (ABC, `.VnTime` fonts) or VNI-Windows
/// (`VNI-Times` fonts) is decoded as that encoding, NFC-composed; the name
/// returned is then `"TCVN3"` or `"VNI-Windows"`.
pub fn decode_html(bytes: &[u8], content_type: Option<&str>) -> (String, &'static str) {
    let (encoding, skip, declared) = match Encoding::for_bom(bytes) {
        Some((enc, len)) => (enc, len, true),
        None => {
            let (enc, declared) = choose(bytes, content_type);
            (enc, 0, declared)
        }
    };
    let body = bytes.get(skip..).unwrap_or_default();
    let legacy_candidate =
        skip == 0 && (encoding == encoding_rs::WINDOWS_1252 || (!declared && encoding != UTF_8));
    if legacy_candidate {
        if let Some(font) = vietnamese::detect(body) {
            return (font.decode(body), font.name());
        }
    }
    let (text, _) = encoding.decode_without_bom_handling(body);
    let text = if encoding == encoding_rs::WINDOWS_1258
        && is_nfc_quick(text.chars()) != IsNormalized::Yes
    {
        text.nfc().collect()
    } else {
        text.into_owned()
    };
    (text, encoding.name())
}

/// The encoding to use, and whether the document declared it.
fn choose(bytes: &[u8], content_type: Option<&str>) -> (&'static Encoding, bool) {
    let declared = content_type
        .and_then(|ct| charset_param(ct.as_bytes()))
        .or_else(|| meta_charset(bytes.get(..PRESCAN).unwrap_or(bytes)));
    let valid_utf8 = std::str::from_utf8(bytes).is_ok();
    match declared {
        // UTF-16 labels in a byte-oriented document mean UTF-8 (HTML spec).
        Some(enc) if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE => (UTF_8, true),
        Some(enc) if enc == UTF_8 => {
            if valid_utf8 || mostly_utf8(bytes) {
                (UTF_8, true)
            } else {
                (detect(bytes), false)
            }
        }
        Some(enc) => {
            if valid_utf8 && !bytes.is_ascii() && enc != encoding_rs::ISO_2022_JP {
                (UTF_8, true)
            } else {
                (enc, true)
            }
        }
        None if valid_utf8 => (UTF_8, false),
        None if mostly_utf8(bytes) => (UTF_8, false),
        None => (detect(bytes), false),
    }
}

fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

/// True when bytes are UTF-8 apart from a few broken sequences.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    let mut bad = 0usize;
    let mut good_multibyte = 0usize;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                good_multibyte += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let (ok, after) = rest.split_at(e.valid_up_to());
                good_multibyte += std::str::from_utf8(ok)
                    .map_or(0, |s| s.chars().filter(|c| !c.is_ascii()).count());
                bad += 1;
                let skip = e.error_len().unwrap_or(after.len()).max(1);
                rest = after.get(skip..).unwrap_or_default();
                if bad > 64 {
                    return false;
                }
            }
        }
    }
    good_multibyte >= 20 * bad
}

/// The `charset=` parameter of a header-like value.
fn charset_param(value: &[u8]) -> Option<&'static Encoding> {
    let lower = value.to_ascii_lowercase();
    let at = memchr::memmem::find(&lower, b"charset")?;
    let mut rest = lower.get(at + 7..)?;
    while let [b' ' | b'\t', tail @ ..] = rest {
        rest = tail;
    }
    let [b'=', tail @ ..] = rest else { return None };
    rest = tail;
    while let [b' ' | b'\t' | b'"' | b'\'', tail @ ..] = rest {
        rest = tail;
    }
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
        .unwrap_or(rest.len());
    Encoding::for_label(rest.get(..end)?)
}

/// Finds a charset declared in a `<meta>` tag near the start of the document.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let mut from = 0;
    while let Some(off) = memchr::memchr(b'<', head.get(from..)?) {
        let at = from + off;
        from = at + 1;
        let tag = head.get(at + 1..at + 5)?;
        if !tag.eq_ignore_ascii_case(b"meta") {
            continue;
        }
        let end = memchr::memchr(b'>', head.get(at..)?).map_or(head.len(), |e| at + e);
        if let Some(enc) = head.get(at..end).and_then(charset_param) {
            return Some(enc);
        }
    }
    None
}

/// The Vietnamese font encodings of the 1990s–2000s: TCVN3 (TCVN 5712:1993
/// VN3, the ABC keyboard's `.VnTime` fonts) and VNI-Windows (`VNI-Times`).
/// Pages in them declare windows-1252 or latin-1, or nothing, because the
/// font, not the charset, made the text Vietnamese.
mod vietnamese {
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

    /// How many words with non-ASCII bytes are enough to decide.
    const SAMPLE_WORDS: usize = 4000;

    /// A legacy Vietnamese font encoding.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub(super) enum Font {
        /// TCVN 5712:1993 VN3 (ABC): one byte per letter.
        Tcvn3,
        /// VNI-Windows: a base letter, then a byte for its diacritics.
        Vni,
    }

    impl Font {
        /// The name reported as the page's encoding.
        pub(super) fn name(self) -> &'static str {
            match self {
                Font::Tcvn3 => "TCVN3",
                Font::Vni => "VNI-Windows",
            }
        }

        /// Decodes to NFC text; bytes outside the encoding's Vietnamese
        /// letters read as windows-1252.
        pub(super) fn decode(self, bytes: &[u8]) -> String {
            let raw = match self {
                Font::Tcvn3 => decode_tcvn3(bytes).0,
                Font::Vni => decode_vni(bytes).0,
            };
            raw.nfc().collect()
        }
    }

    /// The Vietnamese letter of a TCVN3 byte. VN3 has no capitals with tone
    /// marks: `.VnTimeH`-style fonts draw the lowercase codes as capitals,
    /// so those decode as lowercase here.
    fn tcvn3(byte: u8) -> Option<char> {
        Some(match byte {
            0xA1 => 'Ă',
            0xA2 => 'Â',
            0xA3 => 'Ê',
            0xA4 => 'Ô',
            0xA5 => 'Ơ',
            0xA6 => 'Ư',
            0xA7 => 'Đ',
            0xA8 => 'ă',
            0xA9 => 'â',
            0xAA => 'ê',
            0xAB => 'ô',
            0xAC => 'ơ',
            0xAD => 'ư',
            0xAE => 'đ',
            0xB5 => 'à',
            0xB6 => 'ả',
            0xB7 => 'ã',
            0xB8 => 'á',
            0xB9 => 'ạ',
            0xBB => 'ằ',
            0xBC => 'ẳ',
            0xBD => 'ẵ',
            0xBE => 'ắ',
            0xC6 => 'ặ',
            0xC7 => 'ầ',
            0xC8 => 'ẩ',
            0xC9 => 'ẫ',
            0xCA => 'ấ',
            0xCB => 'ậ',
            0xCC => 'è',
            0xCE => 'ẻ',
            0xCF => 'ẽ',
            0xD0 => 'é',
            0xD1 => 'ẹ',
            0xD2 => 'ề',
            0xD3 => 'ể',
            0xD4 => 'ễ',
            0xD5 => 'ế',
            0xD6 => 'ệ',
            0xD7 => 'ì',
            0xD8 => 'ỉ',
            0xDC => 'ĩ',
            0xDD => 'í',
            0xDE => 'ị',
            0xDF => 'ò',
            0xE1 => 'ỏ',
            0xE2 => 'õ',
            0xE3 => 'ó',
            0xE4 => 'ọ',
            0xE5 => 'ồ',
            0xE6 => 'ổ',
            0xE7 => 'ỗ',
            0xE8 => 'ố',
            0xE9 => 'ộ',
            0xEA => 'ờ',
            0xEB => 'ở',
            0xEC => 'ỡ',
            0xED => 'ớ',
            0xEE => 'ợ',
            0xEF => 'ù',
            0xF1 => 'ủ',
            0xF2 => 'ũ',
            0xF3 => 'ú',
            0xF4 => 'ụ',
            0xF5 => 'ừ',
            0xF6 => 'ử',
            0xF7 => 'ữ',
            0xF8 => 'ứ',
            0xF9 => 'ự',
            0xFA => 'ỳ',
            0xFB => 'ỷ',
            0xFC => 'ỹ',
            0xFD => 'ý',
            0xFE => 'ỵ',
            _ => return None,
        })
    }

    /// windows-1252 for one byte (WHATWG: undefined C1 bytes map to C1 controls).
    fn cp1252(byte: u8) -> char {
        const C1: [char; 32] = [
            '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
            '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ',
            '\u{9d}', 'ž', 'Ÿ',
        ];
        match byte {
            0x80..=0x9F => C1
                .get(usize::from(byte - 0x80))
                .copied()
                .unwrap_or('\u{fffd}'),
            _ => char::from(byte),
        }
    }

    /// Decoded text (not yet composed) and how many bytes were read as
    /// Vietnamese letters.
    fn decode_tcvn3(bytes: &[u8]) -> (String, usize) {
        let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
        let mut hits = 0;
        for &b in bytes {
            match tcvn3(b) {
                Some(c) => {
                    hits += 1;
                    out.push(c);
                }
                None => out.push(cp1252(b)),
            }
        }
        (out, hits)
    }

    const ACUTE: char = '\u{301}';
    const GRAVE: char = '\u{300}';
    const HOOK: char = '\u{309}';
    const TILDE: char = '\u{303}';
    const DOT: char = '\u{323}';
    const CIRCUMFLEX: char = '\u{302}';
    const BREVE: char = '\u{306}';
    const HORN: char = '\u{31b}';

    /// What a VNI diacritic byte adds to the letter before it.
    #[derive(Clone, Copy)]
    enum Mark {
        /// A tone alone: after a e o u y ơ ư.
        Tone(char),
        /// A circumflex, maybe with a tone: after a e o.
        Circumflex(Option<char>),
        /// A breve, maybe with a tone: after a.
        Breve(Option<char>),
    }

    /// The VNI diacritic bytes, lowercase (0xE0..) and capital (0xC0..) alike.
    fn vni_mark(byte: u8) -> Option<Mark> {
        Some(match byte | 0x20 {
            0xF9 => Mark::Tone(ACUTE),
            0xF8 => Mark::Tone(GRAVE),
            0xFB => Mark::Tone(HOOK),
            0xF5 => Mark::Tone(TILDE),
            0xEF => Mark::Tone(DOT),
            0xE2 => Mark::Circumflex(None),
            0xE1 => Mark::Circumflex(Some(ACUTE)),
            0xE0 => Mark::Circumflex(Some(GRAVE)),
            0xE5 => Mark::Circumflex(Some(HOOK)),
            0xE3 => Mark::Circumflex(Some(TILDE)),
            0xE4 => Mark::Circumflex(Some(DOT)),
            0xEA => Mark::Breve(None),
            0xE9 => Mark::Breve(Some(ACUTE)),
            0xE8 => Mark::Breve(Some(GRAVE)),
            0xFA => Mark::Breve(Some(HOOK)),
            0xFC => Mark::Breve(Some(TILDE)),
            0xEB => Mark::Breve(Some(DOT)),
            _ => return None,
        })
    }

    /// The VNI letters written with one byte: đ, ơ, ư, the toned i's and ỵ.
    fn vni_letter(byte: u8) -> Option<(char, Option<char>)> {
        let lower = byte | 0x20;
        let (base, mark) = match lower {
            0xF1 => ('đ', None),
            0xF4 => ('o', Some(HORN)),
            0xF6 => ('u', Some(HORN)),
            0xED => ('i', Some(ACUTE)),
            0xEC => ('i', Some(GRAVE)),
            0xE6 => ('i', Some(HOOK)),
            0xF3 => ('i', Some(TILDE)),
            0xF2 => ('i', Some(DOT)),
            0xEE => ('y', Some(DOT)),
            _ => return None,
        };
        let base = if byte == lower {
            base
        } else {
            base.to_uppercase().next().unwrap_or(base)
        };
        Some((base, mark))
    }

    /// Decoded text (combining marks, not yet composed) and how many bytes
    /// were read as VNI letters or diacritics.
    fn decode_vni(bytes: &[u8]) -> (String, usize) {
        let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
        let mut hits = 0;
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            i += 1;
            // The letter this byte stands for, and whether ơ/ư (horned).
            let (base, horned) = if let Some((base, mark)) = vni_letter(b) {
                hits += 1;
                out.push(base);
                if let Some(m) = mark {
                    out.push(m);
                }
                if mark != Some(HORN) {
                    continue;
                }
                (base, true)
            } else if b.is_ascii_alphabetic() {
                out.push(char::from(b));
                (char::from(b), false)
            } else {
                out.push(cp1252(b));
                continue;
            };
            let Some(mark) = bytes.get(i).and_then(|&n| vni_mark(n)) else {
                continue;
            };
            let lower = base.to_ascii_lowercase();
            let (first, tone) = match mark {
                Mark::Tone(t) if horned || matches!(lower, 'a' | 'e' | 'o' | 'u' | 'y') => {
                    (None, Some(t))
                }
                Mark::Circumflex(t) if !horned && matches!(lower, 'a' | 'e' | 'o') => {
                    (Some(CIRCUMFLEX), t)
                }
                Mark::Breve(t) if !horned && lower == 'a' => (Some(BREVE), t),
                _ => continue,
            };
            hits += 1;
            i += 1;
            out.extend(first);
            out.extend(tone);
        }
        (out, hits)
    }

    /// The font encoding a windows-1252 page is really in, if any: the one
    /// whose reading turns most of the page's non-ASCII words into
    /// Vietnamese syllables. A `.Vn…` or `VNI-…` font-family in the page
    /// lowers the bar; without one, most such words must read as Vietnamese,
    /// which a French or German page never does.
    pub(super) fn detect(bytes: &[u8]) -> Option<Font> {
        if bytes.is_ascii() {
            return None;
        }
        let hint = font_hint(bytes);
        let (mut words, mut tcvn, mut vni) = (0usize, 0usize, 0usize);
        for word in bytes
            .split(|&b| !is_word_byte(b))
            .filter(|w| !w.is_ascii())
            .take(SAMPLE_WORDS)
        {
            words += 1;
            let (text, hits) = decode_tcvn3(word);
            if hits > 0 && is_syllable(&text) {
                tcvn += 1;
            }
            let (text, hits) = decode_vni(word);
            if hits > 0 && is_syllable(&text) {
                vni += 1;
            }
        }
        let (font, best, other) = match tcvn.cmp(&vni) {
            std::cmp::Ordering::Greater => (Font::Tcvn3, tcvn, vni),
            std::cmp::Ordering::Less => (Font::Vni, vni, tcvn),
            std::cmp::Ordering::Equal => match hint {
                Some(font) => (font, tcvn, 0),
                None => return None,
            },
        };
        let hinted = hint == Some(font);
        let enough = if hinted {
            best >= 1 && best * 5 >= words
        } else {
            best >= 3 && best * 10 >= words * 6 && best >= 2 * other
        };
        enough.then_some(font)
    }

    /// Bytes that can be part of a word in these encodings: ASCII letters
    /// and every byte from 0xA1 (letters and diacritics of both fonts).
    fn is_word_byte(b: u8) -> bool {
        b.is_ascii_alphabetic() || b >= 0xA1
    }

    /// A font-family naming a TCVN3 (`.VnTime`, `.VnArial`…) or VNI
    /// (`VNI-Times`…) font.
    fn font_hint(bytes: &[u8]) -> Option<Font> {
        let lower = bytes.to_ascii_lowercase();
        let named = |needle: &[u8]| {
            memchr::memmem::find_iter(&lower, needle).any(|at| {
                let before = at.checked_sub(1).and_then(|p| lower.get(p));
                let after = lower.get(at + needle.len());
                matches!(
                    before,
                    Some(b' ' | b'"' | b'\'' | b',' | b':' | b'=' | b'\t')
                ) && after.is_some_and(u8::is_ascii_alphabetic)
            })
        };
        if named(b".vn") {
            Some(Font::Tcvn3)
        } else if named(b"vni-") {
            Some(Font::Vni)
        } else {
            None
        }
    }

    const ONSETS: [&str; 27] = [
        "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
        "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
    ];
    const NUCLEI: [&str; 54] = [
        "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu",
        "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "oo", "ôi", "ơi", "ua", "uâ",
        "uê", "ui", "uô", "uơ", "ưa", "ưi", "ưu", "ươ", "uy", "yê", "iêu", "yêu", "oai", "oay",
        "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyê", "uyu",
    ];
    const CODAS: [&str; 9] = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

    /// True when `word` is one Vietnamese syllable: onset, vowel nucleus,
    /// coda, and at most one tone mark.
    pub(super) fn is_syllable(word: &str) -> bool {
        let mut tones = 0;
        let toneless: String = word
            .nfd()
            .filter(|&c| {
                let tone = matches!(c, ACUTE | GRAVE | HOOK | TILDE | DOT);
                tones += usize::from(tone);
                !tone
            })
            .flat_map(char::to_lowercase)
            .nfc()
            .collect();
        if tones > 1 || toneless.is_empty() || toneless.chars().any(is_combining_mark) {
            return false;
        }
        let rhyme_ok = |rest: &str| {
            NUCLEI.iter().any(|n| {
                rest.strip_prefix(n)
                    .is_some_and(|coda| CODAS.contains(&coda))
            })
        };
        rhyme_ok(&toneless)
            || ONSETS.iter().any(|o| {
                toneless
                    .strip_prefix(o)
                    .is_some_and(|rest| !rest.is_empty() && rhyme_ok(rest))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 134 precomposed Vietnamese letters (67 lowercase, 67 capitals).
    fn alphabet() -> Vec<char> {
        let tones = ["", "\u{301}", "\u{300}", "\u{309}", "\u{303}", "\u{323}"];
        let mut lower = vec!['đ'];
        for v in ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"] {
            for t in tones {
                let c: String = format!("{v}{t}").nfc().collect();
                let c = c.chars().next().unwrap();
                if !c.is_ascii() {
                    lower.push(c);
                }
            }
        }
        let upper: Vec<char> = lower.iter().flat_map(|c| c.to_uppercase()).collect();
        lower.into_iter().chain(upper).collect()
    }

    fn cp1252(visible: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(visible);
        assert!(!unmappable, "{visible}");
        bytes.into_owned()
    }

    /// TCVN3 as a reference lists it: each letter beside the windows-1252
    /// character its byte shows as without the .VnTime font.
    const TCVN3_REFERENCE: (&str, &str) = (
        "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ",
        "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\u{ad}õøö÷ùúýûüþ¡¢§£¤¥¦",
    );

    /// VNI-Windows as a reference lists it (capitals; lowercase is the
    /// same with lowercase characters).
    const VNI_REFERENCE: (&str, &str) = (
        "ÁÀẢÃẠÂẤẦẨẪẬĂẮẰẲẴẶÉÈẺẼẸÊẾỀỂỄỆÓÒỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÚÙỦŨỤƯỨỪỬỮỰÍÌỈĨỊÝỲỶỸỴĐ",
        "AÙ AØ AÛ AÕ AÏ AÂ AÁ AÀ AÅ AÃ AÄ AÊ AÉ AÈ AÚ AÜ AË EÙ EØ EÛ EÕ EÏ EÂ EÁ EÀ EÅ EÃ EÄ \
         OÙ OØ OÛ OÕ OÏ OÂ OÁ OÀ OÅ OÃ OÄ Ô ÔÙ ÔØ ÔÛ ÔÕ ÔÏ UÙ UØ UÛ UÕ UÏ Ö ÖÙ ÖØ ÖÛ ÖÕ ÖÏ \
         Í Ì Æ Ó Ò YÙ YØ YÛ YÕ Î Ñ",
    );

    #[test]
    fn tcvn3_round_trips_the_alphabet() {
        let (letters, shown) = TCVN3_REFERENCE;
        let table: Vec<(char, char)> = letters.chars().zip(shown.chars()).collect();
        assert_eq!(table.len(), 74);
        let all = alphabet();
        assert_eq!(all.len(), 134);
        let mut exact = 0;
        for c in all {
            // VN3 has no toned capitals: they are typed as the lowercase code.
            let lower = c.to_lowercase().next().unwrap();
            let (expected, shown) = match table.iter().find(|(l, _)| *l == c) {
                Some(&(l, s)) => (l, s),
                None => table
                    .iter()
                    .find(|(l, _)| *l == lower)
                    .map(|&(l, s)| (l, s))
                    .unwrap(),
            };
            let bytes = cp1252(&shown.to_string());
            let text = vietnamese::Font::Tcvn3.decode(&bytes);
            assert_eq!(text, expected.to_string(), "{c} from {bytes:02x?}");
            exact += usize::from(expected == c);
        }
        assert_eq!(exact, 74, "67 lowercase letters and Ă Â Ê Ô Ơ Ư Đ");
    }

    #[test]
    fn vni_round_trips_the_alphabet() {
        let (letters, shown) = VNI_REFERENCE;
        let shown: Vec<&str> = shown.split_whitespace().collect();
        let table: Vec<(char, String)> = letters
            .chars()
            .zip(&shown)
            .flat_map(|(l, s)| {
                let lower = l.to_lowercase().next().unwrap();
                [(l, s.to_string()), (lower, s.to_lowercase())]
            })
            .collect();
        assert_eq!(table.len(), 134);
        for c in alphabet() {
            let (_, shown) = table.iter().find(|(l, _)| *l == c).unwrap();
            let bytes = cp1252(shown);
            let text = vietnamese::Font::Vni.decode(&bytes);
            assert_eq!(text, c.to_string(), "{c} from {shown:?} {bytes:02x?}");
            // And inside a word, between ASCII letters.
            let mut word = b"x".to_vec();
            word.extend_from_slice(&bytes);
            word.push(b'n');
            assert_eq!(vietnamese::Font::Vni.decode(&word), format!("x{c}n"));
        }
    }

    const SENTENCES: [&str; 3] = [
        "Quốc hội thông qua Luật Đất đai sửa đổi với đa số đại biểu tán thành.",
        "Hà Nội: Mưa lớn kéo dài khiến nhiều tuyến phố ngập sâu, giao thông ùn tắc.",
        "Thủ tướng Chính phủ yêu cầu các bộ, ngành khẩn trương khắc phục hậu quả bão số 3.",
    ];

    /// The sentences above as TCVN3 pages carried them ("Hµ Néi").
    const TCVN3_SENTENCES: [&[u8]; 3] = [
        b"Qu\xe8c h\xe9i th\xabng qua Lu\xcbt \xa7\xcat \xaeai s\xf6a \xae\xe6i v\xedi \xaea s\xe8 \xae\xb9i bi\xd3u t\xb8n th\xb5nh.",
        b"H\xb5 N\xe9i: M\xada l\xedn k\xd0o d\xb5i khi\xd5n nhi\xd2u tuy\xd5n ph\xe8 ng\xcbp s\xa9u, giao th\xabng \xefn t\xbec.",
        b"Th\xf1 t\xad\xedng Ch\xddnh ph\xf1 y\xaau c\xc7u c\xb8c b\xe9, ng\xb5nh kh\xc8n tr\xad\xacng kh\xbec ph\xf4c h\xcbu qu\xb6 b\xb7o s\xe8 3.",
    ];

    /// The same as VNI-Windows pages carried them ("Haø Noäi").
    const VNI_SENTENCES: [&[u8]; 3] = [
        b"Quo\xe1c ho\xe4i tho\xe2ng qua Lua\xe4t \xd1a\xe1t \xf1ai s\xf6\xfba \xf1o\xe5i v\xf4\xf9i \xf1a so\xe1 \xf1a\xefi bie\xe5u ta\xf9n tha\xf8nh.",
        b"Ha\xf8 No\xe4i: M\xf6a l\xf4\xf9n ke\xf9o da\xf8i khie\xe1n nhie\xe0u tuye\xe1n pho\xe1 nga\xe4p sa\xe2u, giao tho\xe2ng u\xf8n ta\xe9c.",
        b"Thu\xfb t\xf6\xf4\xf9ng Ch\xednh phu\xfb ye\xe2u ca\xe0u ca\xf9c bo\xe4, nga\xf8nh kha\xe5n tr\xf6\xf4ng kha\xe9c phu\xefc ha\xe4u qua\xfb ba\xf5o so\xe1 3.",
    ];

    fn page(head: &str, body: &[&[u8]]) -> Vec<u8> {
        let mut page = format!("<html><head>{head}</head><body>").into_bytes();
        for p in body {
            page.extend_from_slice(b"<p>");
            page.extend_from_slice(p);
            page.extend_from_slice(b"</p>\n");
        }
        page.extend_from_slice(b"</body></html>");
        page
    }

    fn paragraphs(text: &str) -> Vec<&str> {
        text.split("<p>")
            .skip(1)
            .filter_map(|p| p.split("</p>").next())
            .collect()
    }

    #[test]
    fn tcvn3_pages_are_recognised() {
        // Declared latin-1 and set in .VnTime: the usual case.
        let html = page(
            "<meta http-equiv=Content-Type content='text/html; charset=iso-8859-1'>\
             <style>body { font-family: .VnTime, serif }</style>",
            &TCVN3_SENTENCES,
        );
        let (text, name) = decode_html(&html, None);
        assert_eq!(name, "TCVN3");
        assert_eq!(paragraphs(&text), SENTENCES);
        assert!(unicode_normalization::is_nfc(&text));
        // No declaration, no font named: detected from the words alone.
        let (text, name) = decode_html(&page("", &TCVN3_SENTENCES), None);
        assert_eq!(name, "TCVN3");
        assert_eq!(paragraphs(&text), SENTENCES);
        // A header charset of windows-1252.
        let (_, name) = decode_html(
            &page("", &TCVN3_SENTENCES),
            Some("text/html; charset=windows-1252"),
        );
        assert_eq!(name, "TCVN3");
        // One short line is enough when the font says so.
        let one = page("<font face=\".VnTimeH\">", &[b"H\xb5 N\xe9i"]);
        let (text, name) = decode_html(&one, Some("text/html; charset=iso-8859-1"));
        assert_eq!(name, "TCVN3");
        assert!(text.contains("Hà Nội"), "{text}");
    }

    #[test]
    fn vni_pages_are_recognised() {
        let html = page(
            "<meta charset=windows-1252><style>p { font-family: 'VNI-Times' }</style>",
            &VNI_SENTENCES,
        );
        let (text, name) = decode_html(&html, None);
        assert_eq!(name, "VNI-Windows");
        assert_eq!(paragraphs(&text), SENTENCES);
        assert!(unicode_normalization::is_nfc(&text));
        let (text, name) = decode_html(&page("", &VNI_SENTENCES), None);
        assert_eq!(name, "VNI-Windows");
        assert_eq!(paragraphs(&text), SENTENCES);
        // Capitals: "ĐẠI HỘI ĐẢNG" in VNI.
        let caps = page(
            "<font face=\"VNI-Helve\">",
            &[b"\xd1A\xcfI HO\xc4I \xd1A\xdbNG"],
        );
        assert_eq!(paragraphs(&decode_html(&caps, None).0), ["ĐẠI HỘI ĐẢNG"]);
    }

    #[test]
    fn french_and_german_pages_stay_windows_1252() {
        let french: &[&[u8]] = &[
            b"L'\xe9t\xe9 dernier, le pr\xe9sident fran\xe7ais a re\xe7u \xe0 l'\xc9lys\xe9e ses homologues europ\xe9ens.",
            b"O\xf9 en est la r\xe9forme des retraites ? Apr\xe8s des mois de d\xe9bats, la premi\xe8re ministre a d\xfb c\xe9der.",
            b"Les h\xf4tels de la c\xf4te d'Azur affichent complet, gr\xe2ce \xe0 un \xe9t\xe9 exceptionnel ; no\xebl approche d\xe9j\xe0.",
        ];
        let german: &[&[u8]] = &[
            b"Die Bundesregierung hat am Mittwoch \xfcber die Stra\xdfenbauprojekte in S\xfcddeutschland beraten.",
            b"Gr\xf6\xdfere St\xe4dte wie M\xfcnchen und K\xf6ln erh\xf6hen die Geb\xfchren f\xfcr das Parken.",
            b"F\xfcr die M\xe4dchen und Jungen der Schule w\xe4re das ein sch\xf6ner Erfolg gewesen, hie\xdf es.",
        ];
        for (body, lang) in [(french, "fr"), (german, "de")] {
            for head in [
                "<meta charset=iso-8859-1>",
                "",
                "<meta charset=windows-1252><style>p{font-family:Verdana}</style>",
            ] {
                let (text, name) = decode_html(&page(head, body), None);
                assert_eq!(name, "windows-1252", "{lang} with {head:?}: {text}");
            }
        }
        let (text, _) = decode_html(&page("", french), None);
        assert!(text.contains("L'été dernier, le président français a reçu à l'Élysée"));
        let (text, _) = decode_html(&page("", german), None);
        assert!(text.contains("Größere Städte wie München und Köln"));
    }

    #[test]
    fn declared_utf8_and_windows_1258_are_left_alone() {
        let utf8 = page("<meta charset=utf-8>", &[SENTENCES[0].as_bytes()]);
        assert_eq!(decode_html(&utf8, None).1, "UTF-8");
        let cp1258 = page("<meta charset=windows-1258>", &[b"H\xe0 N\xf4\xf2i"]);
        assert_eq!(decode_html(&cp1258, None).1, "windows-1258");
    }

    #[test]
    fn vietnamese_syllables() {
        for ok in [
            "Việt", "nghiêng", "khuya", "giữ", "gì", "quá", "Đất", "ươn", "thuở", "xoong", "a",
        ] {
            assert!(vietnamese::is_syllable(ok), "{ok}");
        }
        for bad in [
            "été", "café", "für", "Straße", "hôtel", "où", "ộtộ", "pốre", "nạve", "mãs", "àá", "",
        ] {
            assert!(!vietnamese::is_syllable(bad), "{bad}");
        }
    }

    #[test]
    fn header_wins_over_meta() {
        let bytes = b"<meta charset=utf-8><p>caf\xe9</p>";
        let (text, name) = decode_html(bytes, Some("text/html; charset=ISO-8859-1"));
        assert_eq!(name, "windows-1252");
        assert!(text.contains("café"));
    }

    #[test]
    fn meta_http_equiv() {
        let bytes = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\"><p>Vi\xea\xf2t</p>";
        let (text, name) = decode_html(bytes, None);
        assert_eq!(name, "windows-1258");
        assert!(text.contains("Việt"), "{text}");
    }

    #[test]
    fn bom_and_plain_utf8() {
        let (text, name) = decode_html("\u{feff}<p>Hà Nội</p>".as_bytes(), None);
        assert_eq!((text.as_str(), name), ("<p>Hà Nội</p>", "UTF-8"));
        let (text, name) = decode_html("<p>Hà Nội</p>".as_bytes(), Some("text/html"));
        assert_eq!((text.as_str(), name), ("<p>Hà Nội</p>", "UTF-8"));
    }

    #[test]
    fn mislabelled_utf8_is_read_as_utf8() {
        let (text, name) = decode_html("<meta charset=iso-8859-1><p>Hà Nội</p>".as_bytes(), None);
        assert_eq!(name, "UTF-8");
        assert!(text.contains("Hà Nội"));
    }

    #[test]
    fn detection_without_declaration() {
        let mut bytes = b"<p>".to_vec();
        for _ in 0..20 {
            bytes.extend_from_slice(b"Die Stra\xdfe f\xfchrt \xfcber die Br\xfccke. ");
        }
        let (text, name) = decode_html(&bytes, None);
        assert_eq!(name, "windows-1252");
        assert!(text.contains("Straße führt über"));
    }
}
