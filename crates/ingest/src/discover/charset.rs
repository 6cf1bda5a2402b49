//! Bytes to text for documents that may not be UTF-8.
//!
//! Publishers still serve feeds and pages in legacy encodings (windows-1258,
//! and the TCVN3 and VNI font encodings for Vietnamese, among others). The
//! decoding itself is `extract`'s (BOM, declared charset, legacy Vietnamese
//! detection, chardetng, NFC); this module finds what an XML document
//! declares, and hands the parsers UTF-8 with every XML declaration
//! rewritten to say so, which also stops a stray declaration in
//! mid-document from switching decoders half-way.

/// How far into a document a charset declaration is looked for.
const SNIFF_BYTES: usize = 1024;

/// Decodes an XML document (BOM, then the XML declaration, then UTF-8 or
/// detection, legacy Vietnamese font encodings included) to NFC text, and
/// rewrites the encoding in its XML declarations to UTF-8.
pub fn xml_to_utf8(bytes: &[u8]) -> String {
    let declared = declared_xml_encoding(bytes).map(|label| format!("charset={label}"));
    let (text, _) = extract::decode_html(bytes, declared.as_deref());
    rewrite_declarations(&text)
}

/// Decodes an HTML document (BOM, then `<meta charset>`, then UTF-8 or
/// detection, legacy Vietnamese font encodings included) to NFC text.
pub fn html_to_utf8(bytes: &[u8]) -> String {
    extract::decode_html(bytes, None).0
}

fn head(bytes: &[u8]) -> String {
    let head = bytes.get(..SNIFF_BYTES).unwrap_or(bytes);
    String::from_utf8_lossy(head).to_ascii_lowercase()
}

/// The `encoding` label of a leading XML declaration.
fn declared_xml_encoding(bytes: &[u8]) -> Option<String> {
    let head = head(bytes);
    let decl = head.strip_prefix('\u{feff}').unwrap_or(&head);
    let decl = decl.trim_start();
    let end = decl.find("?>")?;
    let decl = decl.strip_prefix("<?xml")?.get(..end.saturating_sub(5))?;
    let label = attribute_value(decl, "encoding")?;
    let label = label.trim();
    let plain = !label.is_empty()
        && label
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'));
    plain.then(|| label.to_owned())
}

fn attribute_value<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(name)? + name.len();
    let rest = tag.get(at..)?.trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let rest = rest.get(1..)?;
    rest.get(..rest.find(quote)?)
}

/// `<?xml … encoding="x" ?>` → `<?xml … encoding="UTF-8" ?>`, everywhere.
///
/// The text is UTF-8 by now, and the XML reader switches decoders on any
/// declaration naming another encoding (quick-xml even panics when that
/// happens late in the document). A declaration without its `?>` runs to
/// the end of the text, as far as this rewrite is concerned, because the
/// reader may take it so.
fn rewrite_declarations(text: &str) -> String {
    // ASCII lowercasing keeps every byte offset and char boundary.
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut from = 0;
    while let Some(at) = lower.get(from..).and_then(|rest| rest.find("<?xml")) {
        let start = from + at;
        let end = lower
            .get(start..)
            .and_then(|rest| rest.find("?>"))
            .map_or(text.len(), |e| start + e);
        out.push_str(text.get(copied..start).unwrap_or_default());
        out.push_str(&rewrite_encoding(text.get(start..end).unwrap_or_default()));
        copied = end;
        from = end.max(start + 1);
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    out
}

/// Every `encoding = "x"` (any case, either quote) in `decl` says UTF-8.
fn rewrite_encoding(decl: &str) -> String {
    let lower = decl.to_ascii_lowercase();
    let mut out = String::with_capacity(decl.len());
    let mut copied = 0;
    let mut from = 0;
    while let Some(at) = lower.get(from..).and_then(|rest| rest.find("encoding")) {
        let name_end = from + at + "encoding".len();
        from = name_end;
        let bytes = lower.as_bytes();
        let mut i = name_end;
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let Some(&quote) = bytes.get(i).filter(|q| matches!(q, b'"' | b'\'')) else {
            continue;
        };
        let value_start = i + 1;
        let Some(len) = bytes
            .get(value_start..)
            .and_then(|rest| rest.iter().position(|&b| b == quote))
        else {
            continue;
        };
        out.push_str(decl.get(copied..value_start).unwrap_or_default());
        out.push_str("UTF-8");
        copied = value_start + len;
        from = copied;
    }
    out.push_str(decl.get(copied..).unwrap_or_default());
    out
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
        assert_eq!(text, "<a><?xml version='1.0' encoding='UTF-8' ?></a>");
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

    /// Found by the `feed` fuzz target: a declaration with no `?>` that
    /// names latin-1 made quick-xml (inside feed-rs) switch decoders too
    /// late and panic. Every encoding in such a declaration now says UTF-8.
    #[test]
    fn unterminated_and_repeated_declarations_say_utf8() {
        let text = xml_to_utf8(b"<?xml version=\"1.0\" encoding=\"iso-8859-1\">\n<rss><channel>");
        assert_eq!(
            text,
            "<?xml version=\"1.0\" encoding=\"UTF-8\">\n<rss><channel>"
        );
        let text = xml_to_utf8(b"<?XML xencoding='a' encoding = 'latin1' ?><?xml encoding=\"x\"?>");
        assert_eq!(
            text,
            "<?XML xencoding='UTF-8' encoding = 'UTF-8' ?><?xml encoding=\"UTF-8\"?>"
        );
        assert_eq!(xml_to_utf8(b"<?xml encoding=\"x"), "<?xml encoding=\"x");
    }
}
