//! Bytes to text for documents that may not be UTF-8.
//!
//! Publishers still serve feeds and pages in legacy encodings (windows-1258
//! for Vietnamese, among others). The parsers downstream get UTF-8 with
//! every XML declaration rewritten to say so, which also stops a stray
//! declaration in mid-document from switching decoders half-way.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8};
use unicode_normalization::UnicodeNormalization;

/// How far into a document a charset declaration is looked for.
const SNIFF_BYTES: usize = 1024;

/// Decodes an XML document (BOM, then the XML declaration, then UTF-8) and
/// rewrites the encoding in its XML declarations to UTF-8.
pub(crate) fn xml_to_utf8(bytes: &[u8]) -> String {
    rewrite_declarations(&decode(bytes, declared_xml_encoding(bytes)))
}

/// Decodes an HTML document (BOM, then `<meta charset>`, then UTF-8).
pub(crate) fn html_to_utf8(bytes: &[u8]) -> Cow<'_, str> {
    decode(bytes, declared_html_encoding(bytes))
}

/// Decodes, composing characters when the source was a legacy encoding:
/// windows-1258 spells "ộ" as "ô" plus a combining dot, and readers,
/// search and comparison all expect the composed form.
fn decode<'a>(bytes: &'a [u8], declared: Option<&'static Encoding>) -> Cow<'a, str> {
    let (text, used, _) = declared.unwrap_or(UTF_8).decode(bytes);
    if used == UTF_8 {
        text
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

fn head(bytes: &[u8]) -> String {
    let head = bytes.get(..SNIFF_BYTES).unwrap_or(bytes);
    String::from_utf8_lossy(head).to_ascii_lowercase()
}

fn declared_xml_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = head(bytes);
    let decl = head.strip_prefix('\u{feff}').unwrap_or(&head);
    let decl = decl.trim_start();
    let end = decl.find("?>")?;
    let decl = decl.strip_prefix("<?xml")?.get(..end.saturating_sub(5))?;
    let label = attribute_value(decl, "encoding")?;
    Encoding::for_label(label.as_bytes())
}

fn declared_html_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = head(bytes);
    let at = head.find("charset=")? + "charset=".len();
    let rest = head.get(at..)?.trim_start_matches(['"', '\'']);
    let label: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    Encoding::for_label(label.as_bytes())
}

fn attribute_value<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(name)? + name.len();
    let rest = tag.get(at..)?.trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let rest = rest.get(1..)?;
    rest.get(..rest.find(quote)?)
}

/// `<?xml … encoding="x" ?>` → `<?xml … encoding="UTF-8" ?>`, everywhere.
fn rewrite_declarations(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<?xml") {
        let (before, from) = rest.split_at(start);
        out.push_str(before);
        let Some(end) = from.find("?>") else {
            out.push_str(from);
            return out;
        };
        let (decl, after) = from.split_at(end);
        out.push_str(&rewrite_encoding(decl));
        rest = after;
    }
    out.push_str(rest);
    out
}

fn rewrite_encoding(decl: &str) -> String {
    let lower = decl.to_ascii_lowercase();
    let Some(at) = lower.find("encoding") else {
        return decl.to_owned();
    };
    let after = &decl[at + "encoding".len()..];
    let Some(eq) = after.find('=') else {
        return decl.to_owned();
    };
    let value = after[eq + 1..].trim_start();
    let Some(quote) = value.chars().next().filter(|c| *c == '"' || *c == '\'') else {
        return decl.to_owned();
    };
    let Some(len) = value[1..].find(quote) else {
        return decl.to_owned();
    };
    let value_start = decl.len() - value.len();
    format!(
        "{}\"UTF-8\"{}",
        &decl[..at + "encoding".len() + eq + 1],
        &decl[value_start + len + 2..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_a_windows_1258_feed() {
        // windows-1258 writes "Hà Nội" as base letters plus combining marks.
        let doc =
            b"<?xml version=\"1.0\" encoding=\"windows-1258\"?><title>H\xe0 N\xf4\xf2i</title>";
        let text = xml_to_utf8(doc);
        assert_eq!(
            text,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><title>Hà Nội</title>"
        );
    }

    #[test]
    fn rewrites_stray_declarations_too() {
        let text = xml_to_utf8(b"<a><?xml version='1.0' encoding='latin1' ?></a>");
        assert_eq!(text, "<a><?xml version='1.0' encoding=\"UTF-8\" ?></a>");
        assert_eq!(xml_to_utf8(b"<?xml encoding"), "<?xml encoding");
    }

    #[test]
    fn utf8_and_bom_pass_through() {
        assert_eq!(xml_to_utf8("<x>é</x>".as_bytes()), "<x>é</x>");
        assert_eq!(xml_to_utf8(b"\xef\xbb\xbf<x/>"), "<x/>");
    }

    #[test]
    fn html_meta_charset_is_honoured() {
        let bytes = b"H\xe0 N\xf4\xf2i";
        let expected = "<p>Hà Nội";
        let mut doc = b"<meta charset=\"windows-1258\"><p>".to_vec();
        doc.extend_from_slice(bytes);
        assert!(html_to_utf8(&doc).ends_with(expected));
        let mut doc =
            b"<meta http-equiv=Content-Type content='text/html; charset=windows-1258'><p>".to_vec();
        doc.extend_from_slice(bytes);
        assert!(html_to_utf8(&doc).ends_with(expected));
    }
}
