//! The publisher's content: its masthead, sections and articles, as ground truth.
//!
//! Every text is kept exactly as a reader sees it, so tests elsewhere can
//! compare what an extractor found against what the page really says.

use article::{Article, Author, Block, Figure, Inline, Publisher, RichText};
use chrono::{DateTime, FixedOffset};

/// The newspaper itself: what the page chrome and the feeds print about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Newspaper {
    /// The paper's name, e.g. "Báo Sông Hồng".
    pub name: String,
    /// A one-line motto shown under the logo.
    pub tagline: String,
    /// One paragraph describing the paper (feeds, home page description).
    pub description: String,
    /// The governing body named in the footer.
    pub owner: String,
    /// Editor in chief, named in the footer.
    pub editor_in_chief: String,
    /// The press licence line printed in the footer.
    pub licence: String,
    /// Postal address of the newsroom.
    pub address: String,
    /// Newsroom phone number.
    pub phone: String,
    /// Newsroom e-mail address.
    pub email: String,
}

impl Newspaper {
    /// Path of the paper's logo (an SVG served by the site).
    pub const LOGO_PATH: &'static str = "/static/logo.svg";
}

/// A section of the paper ("Thời sự", "Kinh tế").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// URL slug, e.g. `thoi-su`; the section page is `/{slug}/`.
    pub slug: String,
    /// Display name, e.g. "Thời sự".
    pub name: String,
    /// One sentence shown on the section page.
    pub description: String,
}

impl Section {
    /// Path of the section's listing page, e.g. `/thoi-su/`.
    pub fn path(&self) -> String {
        format!("/{}/", self.slug)
    }

    /// Path of the section's RSS feed, e.g. `/rss/thoi-su.rss`.
    pub fn feed_path(&self) -> String {
        format!("/rss/{}.rss", self.slug)
    }
}

/// A person credited in an article's byline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Byline {
    /// The name as printed.
    pub name: String,
    /// The role as printed ("Phóng viên", "Ảnh", "Biên dịch").
    pub role: String,
}

impl Byline {
    /// Path of the author's page, e.g. `/tac-gia/nguyen-thu-ha`.
    pub fn path(&self) -> String {
        format!("/tac-gia/{}", crate::slug::paper_slug(&self.name))
    }
}

/// An image in an article body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleImage {
    /// Path of the full-size JPEG, e.g. `/images/101-1.jpg`. This is the
    /// image's real address even when the page lazy-loads it.
    pub path: String,
    /// The visible caption (without the credit).
    pub caption: String,
    /// The alt text; always different from the caption.
    pub alt: String,
    /// The photographer or agency, printed as "Ảnh: {credit}".
    pub credit: String,
    /// Intrinsic width in pixels.
    pub width: u32,
    /// Intrinsic height in pixels.
    pub height: u32,
}

impl SampleImage {
    /// Path of the 480-pixel-wide variant offered in `srcset`.
    pub fn small_path(&self) -> String {
        match self.path.strip_suffix(".jpg") {
            Some(stem) => format!("{stem}-w480.jpg"),
            None => self.path.clone(),
        }
    }
}

/// One block of an article body in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyBlock {
    /// A paragraph, possibly with links, bold and italics.
    Paragraph(RichText),
    /// A subheading (`<h2>` or `<h3>`).
    Heading {
        /// 2 or 3.
        level: u8,
        /// The subheading text.
        text: String,
    },
    /// A block quote, with the person quoted when stated.
    Quote {
        /// The quoted words.
        text: RichText,
        /// Who said it, as printed under the quote.
        cite: Option<String>,
    },
    /// A bulleted or numbered list.
    List {
        /// True for a numbered list.
        ordered: bool,
        /// The items in order.
        items: Vec<RichText>,
    },
    /// The article's image number `n` (0-based index into `images`).
    Image(usize),
}

/// One article of the sample publisher, with everything its page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleArticle {
    /// Numeric id; it ends the article's URL (`…-{id}.html`) and never changes.
    pub id: u32,
    /// Slug of the article's section.
    pub section: String,
    /// URL slug made from the title.
    pub slug: String,
    /// The headline.
    pub title: String,
    /// The lead (sapo), plain text.
    pub lead: String,
    /// The body in reading order (images appear where the page shows them).
    pub body: Vec<BodyBlock>,
    /// The images, in order of appearance.
    pub images: Vec<SampleImage>,
    /// Bylines in printed order.
    pub authors: Vec<Byline>,
    /// First publication time, in +07:00.
    pub published: DateTime<FixedOffset>,
    /// Last modification, when the article was updated after publication.
    pub modified: Option<DateTime<FixedOffset>>,
    /// Tags (keywords) in printed order.
    pub tags: Vec<String>,
    /// The tag shared by all articles of the series this one belongs to.
    pub series: Option<String>,
    /// True for articles made by the generator rather than written by hand.
    pub generated: bool,
}

impl SampleArticle {
    /// The page path, `/{section}/{slug}-{id}.html`.
    pub fn path(&self) -> String {
        format!("/{}/{}-{}.html", self.section, self.slug, self.id)
    }

    /// The page's absolute URL on a site served at `base` (e.g. `http://127.0.0.1:8080`).
    pub fn url(&self, base: &str) -> String {
        format!("{}{}", base.trim_end_matches('/'), self.path())
    }

    /// Last modification time, or the publication time when never modified.
    pub fn last_modified(&self) -> DateTime<FixedOffset> {
        self.modified.unwrap_or(self.published)
    }

    /// Plain text of the body paragraphs in order (no headings, quotes, lists or captions).
    pub fn paragraphs(&self) -> Vec<String> {
        self.body
            .iter()
            .filter_map(|b| match b {
                BodyBlock::Paragraph(t) => Some(t.plain_text()),
                _ => None,
            })
            .collect()
    }

    /// The subheadings in order.
    pub fn subheadings(&self) -> Vec<String> {
        self.body
            .iter()
            .filter_map(|b| match b {
                BodyBlock::Heading { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect()
    }

    /// The body as plain text, with the same conventions as
    /// [`article::Article::body_text`]: paragraphs, headings, quotes and
    /// lists separated by blank lines; list items by newlines; no captions.
    pub fn body_text(&self) -> String {
        self.to_article("").body_text()
    }

    /// Number of words in the lead and the body.
    pub fn word_count(&self) -> usize {
        self.to_article("").word_count()
    }

    /// What a perfect extractor returns for this page when it is served at
    /// `base` (e.g. `http://127.0.0.1:8080`): all URLs absolute, the first
    /// image as the main image, the paper as publisher, language `vi`.
    pub fn to_article(&self, base: &str) -> Article {
        let base = base.trim_end_matches('/');
        let blocks: Vec<Block> = self
            .body
            .iter()
            .filter_map(|b| match b {
                BodyBlock::Paragraph(t) => Some(Block::Paragraph {
                    text: absolute(t, base),
                }),
                BodyBlock::Heading { level, text } => Some(Block::Heading {
                    level: *level,
                    text: RichText::plain(text.clone()),
                }),
                BodyBlock::Quote { text, cite } => Some(Block::Quote {
                    text: absolute(text, base),
                    cite: cite.clone(),
                }),
                BodyBlock::List { ordered, items } => Some(Block::List {
                    ordered: *ordered,
                    items: items.iter().map(|i| absolute(i, base)).collect(),
                }),
                BodyBlock::Image(n) => self
                    .images
                    .get(*n)
                    .map(|img| Block::Figure(figure(img, base))),
            })
            .collect();
        Article {
            url: self.url(base),
            canonical_url: Some(self.url(base)),
            title: self.title.clone(),
            lead: Some(RichText::plain(self.lead.clone())),
            blocks,
            image: self.images.first().map(|img| figure(img, base)),
            authors: self
                .authors
                .iter()
                .map(|a| Author {
                    name: a.name.clone(),
                    role: Some(a.role.clone()),
                    url: Some(format!("{base}{}", a.path())),
                })
                .collect(),
            publisher: None,
            published: Some(self.published),
            modified: self.modified,
            language: Some("vi".into()),
            section: None,
            tags: self.tags.clone(),
        }
    }
}

/// Ground truth for an extracted article including site-level facts
/// (publisher, section name) that need the [`crate::Site`].
pub(crate) fn complete_article(
    a: &SampleArticle,
    base: &str,
    paper: &Newspaper,
    section_name: &str,
) -> Article {
    let base = base.trim_end_matches('/');
    let mut out = a.to_article(base);
    out.publisher = Some(Publisher {
        name: paper.name.clone(),
        logo: Some(format!("{base}{}", Newspaper::LOGO_PATH)),
        url: Some(format!("{base}/")),
    });
    out.section = Some(section_name.to_string());
    out
}

fn figure(img: &SampleImage, base: &str) -> Figure {
    Figure {
        src: format!("{base}{}", img.path),
        alt: Some(img.alt.clone()),
        caption: Some(RichText::plain(img.caption.clone())),
        credit: Some(img.credit.clone()),
        width: Some(img.width),
        height: Some(img.height),
    }
}

/// Makes root-relative link targets absolute.
fn absolute(text: &RichText, base: &str) -> RichText {
    fn walk(inlines: &[Inline], base: &str) -> Vec<Inline> {
        inlines
            .iter()
            .map(|i| match i {
                Inline::Link { href, children } => Inline::Link {
                    href: if href.starts_with('/') {
                        format!("{base}{href}")
                    } else {
                        href.clone()
                    },
                    children: walk(children, base),
                },
                Inline::Bold(c) => Inline::Bold(walk(c, base)),
                Inline::Italic(c) => Inline::Italic(walk(c, base)),
                other => other.clone(),
            })
            .collect()
    }
    RichText(walk(&text.0, base))
}
