//! Escaping text for HTML and XML: the one place every crate escapes with.
//!
//! Written here rather than taken from a crate: the rules are three short
//! loops, every crate already depends on `article`, and the choices that
//! matter to Newsbridge are made once — quotes kept as typed where a
//! translation engine reads the text ([`escape_text`]), and the control
//! characters XML 1.0 forbids dropped from feeds and sitemaps
//! ([`escape_xml`]).

/// Escapes `&`, `<`, `>`, `"` and `'` for HTML or XML element content and
/// quoted attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_escaped(&mut out, c, true);
    }
    out
}

/// Escapes `&`, `<` and `>` only, for element content whose quotes must
/// stay as written (the placeholder strings a translation engine reads).
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_escaped(&mut out, c, false);
    }
    out
}

/// [`escape_html`] for XML 1.0 documents, dropping the control characters
/// XML forbids (everything below U+0020 but tab, line feed and carriage
/// return), which no parser would accept even escaped.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') {
            continue;
        }
        push_escaped(&mut out, c, true);
    }
    out
}

fn push_escaped(out: &mut String, c: char, quotes: bool) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' if quotes => out.push_str("&quot;"),
        '\'' if quotes => out.push_str("&#39;"),
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_quotes_are_escaped_for_html() {
        assert_eq!(
            escape_html(r#"<a href="x">Tom's & Jerry</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; Jerry&lt;/a&gt;"
        );
        assert_eq!(escape_html("Hà Nội"), "Hà Nội");
    }

    #[test]
    fn text_for_an_engine_keeps_its_quotes() {
        assert_eq!(
            escape_text(r#"“Tôi” said "yes" & <b>"#),
            "“Tôi” said \"yes\" &amp; &lt;b&gt;"
        );
    }

    #[test]
    fn xml_drops_the_control_characters_it_forbids() {
        assert_eq!(escape_xml("a\u{0}b\u{1b}c\td\ne<"), "abc\td\ne&lt;");
    }
}
