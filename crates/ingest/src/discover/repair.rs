//! Text repairs for XML that feed readers tolerate and XML parsers refuse.
//!
//! Why this exists: publishers' CMSs write a bare `&` into links
//! (`?a=1&b=2`), HTML entities (`&nbsp;`, `&eacute;`) that XML does not
//! define, and stray control characters pasted from word processors. One
//! such byte makes the whole document ill-formed, and a strict parser then
//! loses every item, while feedparser, Miniflux and NetNewsWire read them.
//! These repairs are applied only on the tolerant path, after the strict
//! parser failed or found nothing, and each one is reported as a
//! [`Repair`] so the operator can ask the publisher to fix the source.
//!
//! Hand-written rather than a crate: the repairs are three linear scans over
//! the text, and no maintained crate offers "make this almost-XML
//! well-formed" without also rewriting what is already correct.

use super::diagnosis::Repair;

/// The longest entity name looked for after `&` (HTML5's longest is 31).
const MAX_ENTITY_NAME: usize = 32;

/// Returns the text with control characters dropped, bare `&` escaped and
/// HTML-only named entities replaced by their characters, with a
/// [`Repair`] for each kind of change made.
pub(crate) fn repair_xml(text: &str) -> (String, Vec<Repair>) {
    let mut out = String::with_capacity(text.len() + 64);
    let mut controls = 0usize;
    let mut ampersands = 0usize;
    let mut entities = 0usize;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let len = c.len_utf8();
        if is_forbidden_control(c) {
            controls += 1;
            rest = rest.get(len..).unwrap_or_default();
            continue;
        }
        if c != '&' {
            out.push(c);
            rest = rest.get(len..).unwrap_or_default();
            continue;
        }
        let after = rest.get(1..).unwrap_or_default();
        match reference(after) {
            Some(Reference::Xml(n)) => {
                out.push_str(rest.get(..n + 1).unwrap_or_default());
                rest = rest.get(n + 1..).unwrap_or_default();
            }
            Some(Reference::Html(n, value)) => {
                entities += 1;
                push_escaped(&mut out, value);
                rest = rest.get(n + 1..).unwrap_or_default();
            }
            None => {
                ampersands += 1;
                out.push_str("&amp;");
                rest = after;
            }
        }
    }
    let mut repairs = Vec::new();
    if ampersands > 0 {
        repairs.push(Repair::BareAmpersands { count: ampersands });
    }
    if entities > 0 {
        repairs.push(Repair::HtmlEntities { count: entities });
    }
    if controls > 0 {
        repairs.push(Repair::ControlCharacters { count: controls });
    }
    (out, repairs)
}

/// Characters XML 1.0 forbids anywhere in a document.
fn is_forbidden_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

enum Reference {
    /// An XML reference (`&amp;`, `&#233;`, `&#xE9;`) of this many bytes after `&`.
    Xml(usize),
    /// An HTML-only entity of this many bytes after `&`, and its value.
    Html(usize, &'static str),
}

/// What follows an `&`: a reference XML accepts, an HTML one, or neither.
fn reference(after: &str) -> Option<Reference> {
    let (len, terminator) = after
        .char_indices()
        .take(MAX_ENTITY_NAME + 2)
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '#'))?;
    if terminator != ';' || len == 0 {
        return None;
    }
    let name = after.get(..len)?;
    if let Some(num) = name.strip_prefix('#') {
        let valid = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => num.parse::<u32>().ok(),
        }
        .and_then(char::from_u32)
        .is_some_and(|c| !is_forbidden_control(c));
        return valid.then_some(Reference::Xml(len + 1));
    }
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) || name.contains('#') {
        return None;
    }
    if matches!(name, "amp" | "lt" | "gt" | "quot" | "apos") {
        return Some(Reference::Xml(len + 1));
    }
    quick_xml::escape::resolve_html5_entity(name).map(|value| Reference::Html(len + 1, value))
}

fn push_escaped(out: &mut String, value: &str) {
    out.push_str(&article::escape::escape_text(value));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_ampersands_are_escaped_and_references_kept() {
        let (text, repairs) = repair_xml("<a>x?a=1&b=2 &amp; &#233; &#xE9; & y</a>");
        assert_eq!(text, "<a>x?a=1&amp;b=2 &amp; &#233; &#xE9; &amp; y</a>");
        assert_eq!(repairs, [Repair::BareAmpersands { count: 2 }]);
    }

    #[test]
    fn html_entities_become_characters_and_controls_go() {
        let (text, repairs) = repair_xml("<a>caf&eacute;&nbsp;\u{1}\u{8}ok&#0;</a>");
        assert_eq!(text, "<a>café\u{a0}ok&amp;#0;</a>");
        assert_eq!(
            repairs,
            [
                Repair::BareAmpersands { count: 1 },
                Repair::HtmlEntities { count: 2 },
                Repair::ControlCharacters { count: 2 },
            ]
        );
    }

    #[test]
    fn well_formed_text_is_unchanged() {
        let doc = "<a href=\"x?a=1&amp;b=2\">Hà Nội &lt;3</a>";
        assert_eq!(repair_xml(doc), (doc.to_owned(), Vec::new()));
    }
}
