//! The visible text units of an article, visited in one fixed order so the
//! same walk both collects them and writes translations back.

use article::{Article, Block, Figure, RichText};
use serde::{Deserialize, Serialize};

/// What a text unit is on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// The headline.
    Title,
    /// The lead under the headline.
    Lead,
    /// A body paragraph.
    Paragraph,
    /// A subheading.
    Heading,
    /// A quote or pull quote.
    Quote,
    /// Who a quote is by.
    QuoteCite,
    /// A list item.
    ListItem,
    /// A table cell.
    TableCell,
    /// An image caption.
    Caption,
    /// An image's alternative text.
    AltText,
    /// An image credit ("Ảnh: TTXVN").
    Credit,
    /// The title of an embed.
    EmbedTitle,
    /// An author's role ("Phóng viên").
    AuthorRole,
    /// The publisher's section name.
    Section,
    /// A tag or keyword.
    Tag,
}

/// A mutable slot holding one unit's text.
pub(crate) enum Slot<'a> {
    Rich(&'a mut RichText),
    Plain(&'a mut String),
}

impl Slot<'_> {
    pub(crate) fn rich(&self) -> RichText {
        match self {
            Slot::Rich(r) => (*r).clone(),
            Slot::Plain(s) => RichText::plain(s.as_str()),
        }
    }

    pub(crate) fn set(&mut self, text: RichText) {
        match self {
            Slot::Rich(r) => **r = text,
            Slot::Plain(s) => **s = text.plain_text(),
        }
    }
}

/// Calls `f(path, kind, slot)` for every visible text unit of the article.
pub(crate) fn for_each_unit(article: &mut Article, f: &mut dyn FnMut(String, UnitKind, Slot<'_>)) {
    f(
        "title".into(),
        UnitKind::Title,
        Slot::Plain(&mut article.title),
    );
    if let Some(lead) = &mut article.lead {
        f("lead".into(), UnitKind::Lead, Slot::Rich(lead));
    }
    if let Some(image) = &mut article.image {
        figure("image", image, f);
    }
    for (i, block) in article.blocks.iter_mut().enumerate() {
        let at = |s: &str| format!("blocks[{i}]{s}");
        match block {
            Block::Paragraph { text } => f(at(""), UnitKind::Paragraph, Slot::Rich(text)),
            Block::Heading { text, .. } => f(at(""), UnitKind::Heading, Slot::Rich(text)),
            Block::Quote { text, cite } => {
                f(at(""), UnitKind::Quote, Slot::Rich(text));
                if let Some(cite) = cite {
                    f(at(".cite"), UnitKind::QuoteCite, Slot::Plain(cite));
                }
            }
            Block::List { items, .. } => {
                for (j, item) in items.iter_mut().enumerate() {
                    f(
                        at(&format!(".items[{j}]")),
                        UnitKind::ListItem,
                        Slot::Rich(item),
                    );
                }
            }
            Block::Table { rows, .. } => {
                for (r, row) in rows.iter_mut().enumerate() {
                    for (c, cell) in row.iter_mut().enumerate() {
                        f(
                            at(&format!(".rows[{r}][{c}]")),
                            UnitKind::TableCell,
                            Slot::Rich(cell),
                        );
                    }
                }
            }
            Block::Figure(fig) => figure(&at(""), fig, f),
            Block::Embed { title, .. } => {
                if let Some(title) = title {
                    f(at(".title"), UnitKind::EmbedTitle, Slot::Plain(title));
                }
            }
        }
    }
    for (i, author) in article.authors.iter_mut().enumerate() {
        if let Some(role) = &mut author.role {
            f(
                format!("authors[{i}].role"),
                UnitKind::AuthorRole,
                Slot::Plain(role),
            );
        }
    }
    if let Some(section) = &mut article.section {
        f("section".into(), UnitKind::Section, Slot::Plain(section));
    }
    for (i, tag) in article.tags.iter_mut().enumerate() {
        f(format!("tags[{i}]"), UnitKind::Tag, Slot::Plain(tag));
    }
}

fn figure(path: &str, fig: &mut Figure, f: &mut dyn FnMut(String, UnitKind, Slot<'_>)) {
    if let Some(caption) = &mut fig.caption {
        f(
            format!("{path}.caption"),
            UnitKind::Caption,
            Slot::Rich(caption),
        );
    }
    if let Some(alt) = &mut fig.alt {
        f(format!("{path}.alt"), UnitKind::AltText, Slot::Plain(alt));
    }
    if let Some(credit) = &mut fig.credit {
        f(
            format!("{path}.credit"),
            UnitKind::Credit,
            Slot::Plain(credit),
        );
    }
}
