//! Plain text from the bits of markup feeds put in titles and summaries.

use scraper::Html;

/// Strips tags and collapses whitespace; `None` when nothing is left.
pub(crate) fn plain_text(raw: &str) -> Option<String> {
    let text = if raw.contains('<') || raw.contains('&') {
        let fragment = Html::parse_fragment(raw);
        fragment.root_element().text().collect::<Vec<_>>().join(" ")
    } else {
        raw.to_owned()
    };
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
}
