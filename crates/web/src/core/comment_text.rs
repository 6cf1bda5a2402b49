//! What a reader writes, made safe to store and show: names and comment text
//! cleaned of invisible and reordering characters, links found and counted,
//! and the text rendered as escaped paragraphs with nofollow links. The
//! public comment form and the desk's moderation queue both show comments
//! through this module.

use maud::{html, Markup};

use crate::core::urls::safe_href;

/// Bidirectional embedding, override and isolate controls (U+202A–U+202E,
/// U+2066–U+2069), zero-width space, word joiner and invisible operators
/// (U+200B, U+2060–U+2064) and the byte-order mark (U+FEFF): invisible
/// characters that reorder or hide text around them. Comment text loses them;
/// joiners (U+200C, U+200D) and direction marks stay, since scripts and
/// emoji need them and the text is shown isolated (`dir="auto"`).
fn hides_or_reorders(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// Characters a name never needs: controls, every invisible formatting
/// character (general category Cf: direction marks and overrides, zero-width
/// characters, the byte-order mark, tags) and the Hangul fillers, which
/// render as blanks.
fn invisible_in_name(c: char) -> bool {
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
    c.is_control()
        || c.general_category() == GeneralCategory::Format
        || matches!(c, '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}')
}

/// A commenter's name as shown and stored: invisible characters removed,
/// runs of whitespace made one space, trimmed.
pub(crate) fn clean_name(name: &str) -> String {
    let visible: String = name.chars().filter(|c| !invisible_in_name(*c)).collect();
    visible.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A comment's text as stored: line endings normalised, controls other than
/// line breaks and tabs removed, characters that hide or reorder text removed
/// (see [`hides_or_reorders`]), trimmed.
pub(crate) fn clean_text(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter(|c| (!c.is_control() || *c == '\n' || *c == '\t') && !hides_or_reorders(*c))
        .collect::<String>()
        .trim()
        .to_string()
}

/// Places where a URL starts in `text`: (start, end) byte ranges of each link.
pub(crate) fn links(text: &str) -> Vec<(usize, usize)> {
    let lower = text.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(rel) = lower.get(from..).and_then(|rest| rest.find("http")) {
        let start = from + rel;
        let tail = lower.get(start..).unwrap_or("");
        let scheme = if tail.starts_with("https://") {
            8
        } else if tail.starts_with("http://") {
            7
        } else {
            from = start + 4;
            continue;
        };
        let len = text
            .get(start..)
            .unwrap_or("")
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
            .unwrap_or(text.len() - start);
        let mut end = start + len;
        while end > start + scheme {
            match text.get(..end).and_then(|s| s.chars().last()) {
                Some(c @ ('.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '\'')) => {
                    end -= c.len_utf8()
                }
                _ => break,
            }
        }
        if end > start + scheme {
            found.push((start, end));
        }
        from = end.max(start + scheme);
    }
    found
}

/// How many links a comment holds (URLs and bare `www.` addresses).
pub(crate) fn link_count(text: &str) -> usize {
    let lower = text.to_ascii_lowercase();
    let www = lower
        .match_indices("www.")
        .filter(|(i, _)| {
            let before = lower.get(..*i).unwrap_or("");
            !before.ends_with("://")
        })
        .count();
    links(text).len() + www
}

/// A comment's text: paragraphs at blank lines, `<br>` at line breaks,
/// http(s) URLs as nofollow links; everything else escaped by maud.
pub(crate) fn body_markup(text: &str) -> Markup {
    // Cleaned again when shown, so text stored by any other path shows clean too.
    let text = clean_text(text);
    let paragraphs = text.split("\n\n").map(str::trim).filter(|p| !p.is_empty());
    html! {
        @for para in paragraphs {
            p {
                @for (i, line) in para.lines().enumerate() {
                    @if i > 0 { br; }
                    (linkify(line))
                }
            }
        }
    }
}

fn linkify(line: &str) -> Markup {
    let mut pieces: Vec<(bool, &str)> = Vec::new();
    let mut at = 0;
    for (start, end) in links(line) {
        pieces.push((false, line.get(at..start).unwrap_or("")));
        pieces.push((true, line.get(start..end).unwrap_or("")));
        at = end;
    }
    pieces.push((false, line.get(at..).unwrap_or("")));
    html! {
        @for (is_link, piece) in pieces {
            @if is_link && safe_href(piece) {
                a href=(piece) rel="nofollow ugc noopener" { (piece) }
            } @else {
                (piece)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_become_nofollow_links_and_everything_else_is_escaped() {
        let html = body_markup("See https://example.org/a?b=1&c=2.\n<script>alert(1)</script>\n\njavascript:alert(1) http://x.example/(y)").into_string();
        assert!(html.contains(r#"<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener">https://example.org/a?b=1&amp;c=2</a>."#), "{html}");
        assert!(
            html.contains("<br>&lt;script&gt;alert(1)&lt;/script&gt;</p><p>javascript:alert(1)"),
            "{html}"
        );
        assert!(html.contains(r#"href="http://x.example/(y""#), "{html}");
        assert!(!html.contains("<script"));
    }

    #[test]
    fn names_lose_invisible_and_reordering_characters() {
        assert_eq!(
            clean_name("\u{202E}nimda\u{202C} \u{200B}Ana\u{2066}\u{FEFF}  \u{3164} Lê\u{200D}"),
            "nimda Ana Lê"
        );
        assert_eq!(clean_name("\u{200F}\u{200E}\u{061C}\u{E0041}"), "");
        assert_eq!(clean_name("سارا  Müller 山田"), "سارا Müller 山田");
    }

    #[test]
    fn comment_text_loses_overrides_but_keeps_joiners_and_marks() {
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        let persian = "می\u{200C}خواهم";
        let text =
            format!("a\u{202E}b\u{2067}c\u{2069}\u{200B}\u{FEFF}d {family} {persian} \u{200F}x");
        assert_eq!(
            clean_text(&text),
            format!("abcd {family} {persian} \u{200F}x")
        );
        let html = body_markup("\u{202E}gnp.exe").into_string();
        assert!(!html.contains('\u{202E}'), "{html}");
    }

    #[test]
    fn deeply_nested_markup_like_text_is_rendered_flat_and_escaped() {
        // Nothing in the comment path parses nesting: 100,000 levels of
        // brackets and tags render in one pass, escaped.
        let deep = format!(
            "{}x{}",
            "(<b>[*_".repeat(100_000),
            "_*]</b>)".repeat(100_000)
        );
        let html = body_markup(&deep).into_string();
        assert!(!html.contains("<b>"));
        assert!(html.contains("&lt;b&gt;"));
        assert_eq!(link_count(&deep), 0);
        assert_eq!(clean_text(&deep).len(), deep.len());
    }

    #[test]
    fn links_are_counted_with_bare_www_addresses() {
        assert_eq!(
            link_count("a https://x.y b HTTP://Z.Q www.w.v https://www.k.l"),
            4
        );
        assert_eq!(link_count("http:// nothing https"), 0);
        assert_eq!(links("ở đây https://ví-dụ.vn/ả, xong"), vec![(10, 33)]);
    }
}
