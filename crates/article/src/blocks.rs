//! Body blocks: the ordered structure of an article's body.

use serde::{Deserialize, Serialize};

use crate::RichText;

/// One block of an article's body, in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A paragraph of running text.
    Paragraph {
        /// The paragraph's text.
        text: RichText,
    },
    /// A subheading; `level` 2 is the highest inside a body (the title is level 1).
    Heading {
        /// Heading level, 2 to 6.
        level: u8,
        /// The heading's text.
        text: RichText,
    },
    /// A block quote or pull quote.
    Quote {
        /// The quoted text.
        text: RichText,
        /// Who is quoted, when the page says so.
        cite: Option<String>,
    },
    /// A bulleted or numbered list.
    List {
        /// True for a numbered list.
        ordered: bool,
        /// The list items in order.
        items: Vec<RichText>,
    },
    /// A simple table: rows of cells; the first row is a header when `header` is set.
    Table {
        /// True when the first row holds column headings.
        header: bool,
        /// The rows, each a list of cells.
        rows: Vec<Vec<RichText>>,
    },
    /// An image with its caption, alt text and credit.
    Figure(Figure),
    /// An embedded video, post or map, kept as a link to its source.
    Embed {
        /// What kind of embed it is.
        kind: EmbedKind,
        /// The embed's source URL.
        url: String,
        /// Its title, when known.
        title: Option<String>,
    },
}

impl Block {
    /// Visible text of the block (paragraph text, list items and table cells joined by newlines).
    /// Figures and embeds have no body text and return an empty string.
    pub fn body_text(&self) -> String {
        match self {
            Block::Paragraph { text } | Block::Heading { text, .. } | Block::Quote { text, .. } => {
                text.plain_text()
            }
            Block::List { items, .. } => items
                .iter()
                .map(RichText::plain_text)
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Table { rows, .. } => rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(RichText::plain_text)
                        .collect::<Vec<_>>()
                        .join("\t")
                })
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Figure(_) | Block::Embed { .. } => String::new(),
        }
    }
}

/// An image in the body (or the article's lead image).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    /// Absolute image URL.
    pub src: String,
    /// Alternative text for readers who cannot see the image.
    pub alt: Option<String>,
    /// The visible caption.
    pub caption: Option<RichText>,
    /// Photographer or agency credit.
    pub credit: Option<String>,
    /// Intrinsic width in pixels, when the page states it.
    pub width: Option<u32>,
    /// Intrinsic height in pixels, when the page states it.
    pub height: Option<u32>,
}

/// Kinds of embedded content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmbedKind {
    /// A video (YouTube, Vimeo, a publisher's player).
    Video,
    /// A social media post (X/Twitter, Facebook, Instagram, TikTok).
    Post,
    /// A map.
    Map,
    /// Anything else embedded in an iframe.
    Other,
}
