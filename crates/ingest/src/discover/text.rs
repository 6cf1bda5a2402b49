//! Plain text from the bits of markup feeds put in titles and summaries.

use scraper::Html;

/// The most bytes of a title or summary that are read; a feed's summary
/// is a teaser, and the HTML parser's work grows with its input.
pub(crate) const MAX_TEXT_BYTES: usize = 64 * 1024;

/// Strips tags and collapses whitespace; `None` when nothing is left.
/// Only the first [`MAX_TEXT_BYTES`] are read.
pub(crate) fn plain_text(raw: &str) -> Option<String> {
    let mut end = raw.len().min(MAX_TEXT_BYTES);
    while !raw.is_char_boundary(end) {
        end -= 1;
    }
    let raw = raw.get(..end).unwrap_or_default();
    let text = if raw.contains('<') || raw.contains('&') {
        let fragment = Html::parse_fragment(raw);
        fragment.root_element().text().collect::<Vec<_>>().join(" ")
    } else {
        raw.to_owned()
    };
    // Control characters (pasted from word processors) are never text.
    let text: String = text
        .chars()
        .filter(|c| c.is_whitespace() || !c.is_control())
        .collect();
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!collapsed.is_empty()).then_some(collapsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_markup_and_whitespace() {
        assert_eq!(
            plain_text("<p>Hà Nội&nbsp;<b>mưa</b>\n to</p>").as_deref(),
            Some("Hà Nội mưa to")
        );
        assert_eq!(plain_text("  \n ").as_deref(), None);
        assert_eq!(plain_text("a  b").as_deref(), Some("a b"));
    }

    #[test]
    fn long_and_deeply_nested_text_is_cut_at_the_limit() {
        let deep = format!("{}x{}", "<b>".repeat(200_000), "</b>".repeat(200_000));
        let text = plain_text(&deep).unwrap_or_default();
        assert!(
            !text.contains('x'),
            "the text lies beyond the limit: {text}"
        );
        let long = "é".repeat(MAX_TEXT_BYTES);
        assert_eq!(plain_text(&long).map(|t| t.len()), Some(MAX_TEXT_BYTES));
    }
}
