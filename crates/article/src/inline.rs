//! Inline text: runs of text with links, emphasis, line breaks and runs
//! marked as another language.

use serde::{Deserialize, Serialize};

/// One piece of inline content inside a paragraph, heading, caption or list item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "t", content = "c", rename_all = "snake_case")]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// Strong emphasis (`<strong>`, `<b>`).
    Bold(Vec<Inline>),
    /// Emphasis (`<em>`, `<i>`).
    Italic(Vec<Inline>),
    /// A hyperlink with an absolute URL.
    Link {
        /// Absolute target URL.
        href: String,
        /// The link's visible content.
        children: Vec<Inline>,
    },
    /// A hard line break (`<br>`).
    Break,
    /// A run in another language than the text around it: a Vietnamese name
    /// kept in a French sentence (`<span lang="vi">` on the page).
    Foreign {
        /// BCP 47 tag of the run's language (`vi`).
        lang: String,
        /// The run's content.
        children: Vec<Inline>,
    },
}

/// A run of inline content: the text of one paragraph, heading, caption or item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RichText(pub Vec<Inline>);

impl RichText {
    /// Rich text holding one plain string.
    pub fn plain(text: impl Into<String>) -> Self {
        RichText(vec![Inline::Text(text.into())])
    }

    /// The visible text with markup removed; a line break becomes `\n`.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        push_plain(&self.0, &mut out);
        out
    }

    /// True when there is no visible text at all.
    pub fn is_blank(&self) -> bool {
        self.plain_text().trim().is_empty()
    }

    /// Number of whitespace-separated words in the visible text.
    pub fn word_count(&self) -> usize {
        self.plain_text().split_whitespace().count()
    }
}

fn push_plain(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(t) => out.push_str(t),
            Inline::Bold(c) | Inline::Italic(c) => push_plain(c, out),
            Inline::Link { children, .. } | Inline::Foreign { children, .. } => {
                push_plain(children, out)
            }
            Inline::Break => out.push('\n'),
        }
    }
}

impl From<&str> for RichText {
    fn from(text: &str) -> Self {
        RichText::plain(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_flattens_markup() {
        let text = RichText(vec![
            Inline::Text("Hà Nội ".into()),
            Inline::Bold(vec![Inline::Text("mưa".into())]),
            Inline::Break,
            Inline::Link {
                href: "https://example.vn/a".into(),
                children: vec![Inline::Italic(vec![Inline::Text("to".into())])],
            },
        ]);
        assert_eq!(text.plain_text(), "Hà Nội mưa\nto");
        assert_eq!(text.word_count(), 4);
        assert!(!text.is_blank());
        assert!(RichText::plain("  ").is_blank());
    }
}
