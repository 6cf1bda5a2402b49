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
pub fn decode_html(bytes: &[u8], content_type: Option<&str>) -> (String, &'static str) {
    let (encoding, skip) = match Encoding::for_bom(bytes) {
        Some((enc, len)) => (enc, len),
        None => (choose(bytes, content_type), 0),
    };
    let body = bytes.get(skip..).unwrap_or_default();
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

fn choose(bytes: &[u8], content_type: Option<&str>) -> &'static Encoding {
    let declared = content_type
        .and_then(|ct| charset_param(ct.as_bytes()))
        .or_else(|| meta_charset(bytes.get(..PRESCAN).unwrap_or(bytes)));
    let valid_utf8 = std::str::from_utf8(bytes).is_ok();
    match declared {
        // UTF-16 labels in a byte-oriented document mean UTF-8 (HTML spec).
        Some(enc) if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE => UTF_8,
        Some(enc) if enc == UTF_8 => {
            if valid_utf8 || mostly_utf8(bytes) {
                UTF_8
            } else {
                detect(bytes)
            }
        }
        Some(enc) => {
            if valid_utf8 && !bytes.is_ascii() && enc != encoding_rs::ISO_2022_JP {
                UTF_8
            } else {
                enc
            }
        }
        None if valid_utf8 => UTF_8,
        None if mostly_utf8(bytes) => UTF_8,
        None => detect(bytes),
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

#[cfg(test)]
mod tests {
    use super::*;

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
