//! The article itself: metadata around the body blocks.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::{Block, Figure, RichText};

/// A news article: what extraction produces and what translation and the portal consume.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// The URL the page was fetched from.
    pub url: String,
    /// The canonical URL the page declares, when it differs or is stated.
    pub canonical_url: Option<String>,
    /// The headline.
    pub title: String,
    /// The lead (standfirst, sapo): the summary paragraph under the headline.
    pub lead: Option<RichText>,
    /// The body in reading order.
    pub blocks: Vec<Block>,
    /// The main image shown with the headline (og:image or the first figure).
    pub image: Option<Figure>,
    /// Authors and their roles.
    pub authors: Vec<Author>,
    /// The publishing newspaper.
    pub publisher: Option<Publisher>,
    /// When the article was first published, with the publisher's time zone.
    pub published: Option<DateTime<FixedOffset>>,
    /// When it was last modified.
    pub modified: Option<DateTime<FixedOffset>>,
    /// BCP 47 language tag of the text (`vi`, `en`).
    pub language: Option<String>,
    /// The publisher's own section or category name.
    pub section: Option<String>,
    /// Tags or keywords the page states.
    pub tags: Vec<String>,
}

impl Article {
    /// The body as plain text: paragraphs, headings, lists and quotes in order,
    /// separated by blank lines, without title, captions or bylines.
    pub fn body_text(&self) -> String {
        self.blocks
            .iter()
            .map(Block::body_text)
            .filter(|t| !t.trim().is_empty())
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    /// Number of words in the lead and the body.
    pub fn word_count(&self) -> usize {
        let lead = self.lead.as_ref().map_or(0, RichText::word_count);
        lead + self.body_text().split_whitespace().count()
    }

    /// The URL that identifies the article: canonical when stated, else the fetched URL.
    pub fn identity_url(&self) -> &str {
        self.canonical_url.as_deref().unwrap_or(&self.url)
    }
}

/// A person credited for the article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    /// The person's name as printed.
    pub name: String,
    /// Their role ("Reporter", "Photos", "Translated by"), when stated.
    pub role: Option<String>,
    /// Their profile page, when linked.
    pub url: Option<String>,
}

/// The newspaper that published the article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publisher {
    /// The publisher's name, printed once.
    pub name: String,
    /// Absolute URL of its logo.
    pub logo: Option<String>,
    /// Its home page.
    pub url: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_text_joins_text_blocks_and_skips_figures() {
        let article = Article {
            title: "Tiêu đề".into(),
            lead: Some(RichText::plain("Sa pô ngắn.")),
            blocks: vec![
                Block::Paragraph {
                    text: "Đoạn một.".into(),
                },
                Block::Figure(Figure {
                    src: "https://x/a.jpg".into(),
                    ..Default::default()
                }),
                Block::Heading {
                    level: 2,
                    text: "Tiểu mục".into(),
                },
                Block::List {
                    ordered: false,
                    items: vec!["a".into(), "b".into()],
                },
            ],
            ..Default::default()
        };
        assert_eq!(article.body_text(), "Đoạn một.\n\nTiểu mục\n\na\nb");
        assert_eq!(article.word_count(), 3 + 2 + 2 + 2);
        let json = serde_json::to_string(&article).unwrap();
        let back: Article = serde_json::from_str(&json).unwrap();
        assert_eq!(back, article);
    }
}
