//! Turns a publisher's HTML page into an [`article::Article`]: title, lead,
//! authors, publisher, dates, language, section, tags, and the body as typed
//! blocks with a safe inline model.
//!
//! Pure code: bytes and a URL in, an article out; no IO, no async. The data
//! flows through the modules in this order:
//!
//! 1. `encoding` decodes bytes (header charset, BOM, `<meta charset>`, detection);
//! 2. `dom` parses HTML into a small arena tree, quickly and without panicking;
//! 3. `meta` reads metadata (JSON-LD, OpenGraph, `<meta>`, visible bylines and dates);
//! 4. `content` prunes chrome, picks the body container and writes blocks;
//! 5. `render` shows an article as Markdown or HTML.
//!
//! ```
//! let html = "<html lang=vi><head><title>Mưa lớn - Báo X</title></head><body>\
//!             <nav>Trang chủ</nav><article><h1>Mưa lớn</h1>\
//!             <p>Hà Nội mưa lớn từ chiều qua, nhiều tuyến phố ngập sâu.</p></article></body></html>";
//! let a = extract::extract(html.as_bytes(), "https://baox.vn/mua-lon.html", &Default::default()).unwrap();
//! assert_eq!(a.title, "Mưa lớn");
//! assert_eq!(a.body_text(), "Hà Nội mưa lớn từ chiều qua, nhiều tuyến phố ngập sâu.");
//! ```

mod classes;
mod content;
mod dom;
mod encoding;
mod meta;
mod render;
mod select;
mod streamed;
mod text;
mod tidy;
mod urls;
mod verdict;
mod work;

use article::{Article, Block};
use serde::Deserialize;

pub use encoding::decode_html;
pub use render::{to_html, to_json, to_json_value, to_markdown};
pub use verdict::{NoArticle, MIN_ARTICLE_WORDS};

/// Pages larger than this are refused rather than parsed.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// Why a page could not be extracted.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ExtractError {
    /// The input has no bytes, or only whitespace.
    #[error("the page is empty")]
    Empty,
    /// The input is larger than [`MAX_INPUT_BYTES`].
    #[error("the page is {size} bytes, more than the {limit}-byte limit")]
    TooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// The input looks like binary data, not HTML.
    #[error("the page is binary data, not HTML")]
    NotHtml,
    /// The input holds no article (only from [`extract_article`]).
    #[error("no article found: {0}")]
    NoArticle(#[from] NoArticle),
    /// A CSS selector of the source overrides cannot be used.
    #[error("invalid CSS selector `{selector}`: {reason}")]
    InvalidSelector {
        /// The selector as written in the configuration.
        selector: String,
        /// What is wrong with it.
        reason: String,
    },
}

/// Per-source CSS selectors that take precedence over the generic heuristics.
///
/// Supported syntax: type, `*`, `#id`, `.class`, attribute tests (`[a]`, `[a=v]`,
/// `~=`, `|=`, `^=`, `$=`, `*=`), descendant and child (`>`) combinators and
/// comma-separated lists.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SelectorOverrides {
    /// The body container(s); every match is written, in document order.
    pub body: Option<String>,
    /// The headline element.
    pub title: Option<String>,
    /// The element holding the publication date (`datetime`/`content` or visible text).
    pub date: Option<String>,
    /// The byline element(s).
    pub author: Option<String>,
    /// The lead (standfirst, sapo) element.
    pub lead: Option<String>,
    /// Elements to delete before anything else (ads, boxes the heuristics miss).
    pub remove: Vec<String>,
}

/// Options for [`extract`].
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    /// The HTTP `Content-Type` header, whose charset wins over the page's own.
    pub content_type: Option<String>,
    /// Per-source selectors.
    pub overrides: Option<SelectorOverrides>,
}

struct Compiled {
    body: Option<select::Selector>,
    meta: meta::MetaSelectors,
    remove: Vec<select::Selector>,
}

fn compile(o: Option<&SelectorOverrides>) -> Result<Compiled, ExtractError> {
    let parse = |s: &Option<String>| s.as_deref().map(select::Selector::parse).transpose();
    let Some(o) = o else {
        return Ok(Compiled {
            body: None,
            meta: meta::MetaSelectors::default(),
            remove: Vec::new(),
        });
    };
    Ok(Compiled {
        body: parse(&o.body)?,
        meta: meta::MetaSelectors {
            title: parse(&o.title)?,
            date: parse(&o.date)?,
            author: parse(&o.author)?,
            lead: parse(&o.lead)?,
        },
        remove: o
            .remove
            .iter()
            .map(|s| select::Selector::parse(s))
            .collect::<Result<_, _>>()?,
    })
}

/// Some templates (Blogger's among them) ship the article as a script template
/// and print it as plain HTML only inside `<noscript>`, which parses as raw
/// text. A `<noscript>` holding paragraphs of prose (at least three `<p>` and
/// 400 characters) is opened up into a `<div>` so that the body can be found.
fn noscript_prose(html: &str) -> Option<String> {
    let opens = positions(html, "<noscript");
    if opens.is_empty() {
        return None;
    }
    let closes = positions(html, "</noscript>");
    let mut spans = Vec::new();
    let mut next_close = closes.iter().copied().peekable();
    let mut from = 0;
    for i in opens {
        if i < from {
            continue;
        }
        let Some(gt) = html.get(i..).and_then(|t| t.find('>')).map(|g| g + i) else {
            break;
        };
        while next_close.next_if(|&c| c < gt).is_some() {}
        let Some(end) = next_close.next() else {
            break;
        };
        if is_prose_markup(html.get(gt + 1..end).unwrap_or("")) {
            spans.push((i, gt + 1, end));
        }
        from = end;
    }
    if spans.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(html.len());
    let mut last = 0;
    for (open, inner, close) in spans {
        out.push_str(html.get(last..open)?);
        out.push_str("<div>");
        out.push_str(html.get(inner..close)?);
        out.push_str("</div>");
        last = close + "</noscript>".len();
    }
    out.push_str(html.get(last..)?);
    Some(out)
}

/// Markup of at least three paragraphs and 400 characters of text.
fn is_prose_markup(raw: &str) -> bool {
    if raw.len() < 400 {
        return false;
    }
    let lower = raw.to_ascii_lowercase();
    let paragraphs = lower.matches("<p>").count() + lower.matches("<p ").count();
    paragraphs >= 3 && text::visible_len(&strip_tags(&lower)) >= 400
}

/// Where `tag` starts, written in lower or in upper case, in order (one pass each).
fn positions(html: &str, tag: &str) -> Vec<usize> {
    let hay = html.as_bytes();
    let mut all: Vec<usize> = memchr::memmem::find_iter(hay, tag.as_bytes()).collect();
    all.extend(memchr::memmem::find_iter(
        hay,
        tag.to_ascii_uppercase().as_bytes(),
    ));
    all.sort_unstable();
    all
}

fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Extracts an article from a page's raw bytes fetched from `url`.
///
/// Never panics. Fails only on empty, binary (control bytes, or the signature
/// of a known file format such as PDF) or oversized input and on invalid
/// override selectors; a page without recognisable content gives an article
/// with empty blocks. [`extract_article`] also refuses pages that hold no article.
pub fn extract(html: &[u8], url: &str, options: &ExtractOptions) -> Result<Article, ExtractError> {
    extract_page(html, url, options, false).map(|(article, _)| article)
}

/// Like [`extract`], but an input that holds no article is an
/// [`ExtractError::NoArticle`] naming why: empty input, a file of another
/// format (PDF, images, archives), binary data, text that is no language, a
/// sign-in form, no body text, fewer than [`MIN_ARTICLE_WORDS`] words, or a
/// listing of teasers (a section front, search or archive page). Empty and
/// binary input are `NoArticle` here rather than `Empty`/`NotHtml`.
pub fn extract_article(
    html: &[u8],
    url: &str,
    options: &ExtractOptions,
) -> Result<Article, ExtractError> {
    if html.iter().all(u8::is_ascii_whitespace) {
        return Err(NoArticle::Empty.into());
    }
    if html.len() <= MAX_INPUT_BYTES {
        if let Some(format) = verdict::sniff_format(html) {
            return Err(NoArticle::Binary { format }.into());
        }
        if verdict::looks_binary(html) {
            return Err(NoArticle::NotText.into());
        }
    }
    let (article, signs) = extract_page(html, url, options, true)?;
    verdict::judge(&article, signs)?;
    Ok(article)
}

/// The pipeline; `judge` also reads the signs [`extract_article`] needs.
fn extract_page(
    html: &[u8],
    url: &str,
    options: &ExtractOptions,
    judge: bool,
) -> Result<(Article, verdict::PageSigns), ExtractError> {
    let selectors = compile(options.overrides.as_ref())?;
    if html.len() > MAX_INPUT_BYTES {
        return Err(ExtractError::TooLarge {
            size: html.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    if html.iter().all(u8::is_ascii_whitespace) {
        return Err(ExtractError::Empty);
    }
    if verdict::looks_binary(html) || verdict::sniff_format(html).is_some() {
        return Err(ExtractError::NotHtml);
    }
    let (text, _) = decode_html(html, options.content_type.as_deref());
    let mut dom = dom::parse(&text);
    // Rare: parse again with the prose of <noscript> opened up (see `noscript_prose`).
    if dom
        .find_all(dom::ROOT, "noscript")
        .any(|n| is_prose_markup(&dom.text_content(n)))
    {
        if let Some(t) = noscript_prose(&text) {
            dom = dom::parse(&t);
        }
    }
    if streamed::may_hold_segments(&text) {
        streamed::reveal(&mut dom);
    }
    let signs = if judge {
        verdict::PageSigns::read(&dom)
    } else {
        verdict::PageSigns::default()
    };
    content::classify(&mut dom, text.contains("aria-controls"));
    let base = url::Url::parse(url).ok();
    let base = base.as_ref();

    let mut page = meta::read(&dom, base, &selectors.meta);
    for &n in &page.used {
        dom.detach(n);
    }
    content::prune(
        &mut dom,
        &selectors.remove,
        page.declares_article,
        &page.title,
    );
    let (mut blocks, chosen) = content::body_blocks(
        &dom,
        base,
        selectors.body.as_ref(),
        page.json_ld_body.as_deref(),
        page.lead_node,
    );
    // A "lead" inside the body container is the body's first paragraph, unless
    // the source's overrides say otherwise.
    if let Some(lead) = page.lead_node {
        let inside = chosen
            .iter()
            .any(|&c| c == lead || dom.ancestors(lead).any(|a| a == c));
        if inside && !page.lead_marked {
            page.lead = None;
        }
    }
    if page.lead.is_none() && selectors.body.is_none() {
        if let Some(n) = chosen
            .first()
            .and_then(|&c| content::intro_before(&dom, c, &page.title))
        {
            let mut ic = content::InlineCollector::new(&dom, base);
            let mut raw = Vec::new();
            ic.children(n, &mut raw, false);
            let lead = content::finish(raw);
            if !lead.is_blank() {
                page.lead = Some(lead);
            }
        }
    }
    // An affiliate disclosure printed as a standfirst is not the article's lead.
    if page
        .lead
        .as_ref()
        .is_some_and(|l| tidy::is_disclosure(&l.plain_text()))
    {
        page.lead = None;
    }
    tidy::trailing_end_matter(&mut blocks);
    let mut blocks = tidy::tidy(blocks, &page.title, page.lead.as_ref());
    if page.language.as_deref() == Some("vi") {
        for author in tidy::trailing_byline(&mut blocks) {
            meta::push_unique(&mut page.authors, author);
        }
    }
    tidy::leading_chrome(&mut blocks);
    tidy::trailing_pitch(&mut blocks);
    tidy::trailing_bio(&mut blocks);
    tidy::trailing_chrome(&mut blocks);
    tidy::trailing_section(&mut blocks);

    let image = page.image.clone().or_else(|| {
        blocks.iter().find_map(|b| match b {
            Block::Figure(f) => Some(f.clone()),
            _ => None,
        })
    });
    let article = Article {
        url: url.to_owned(),
        canonical_url: page.canonical,
        title: page.title,
        lead: page.lead,
        blocks,
        image,
        authors: page.authors,
        publisher: page.publisher,
        published: page.published,
        modified: page.modified,
        language: page.language,
        section: page.section,
        tags: page.tags,
    };
    Ok((article, signs))
}
