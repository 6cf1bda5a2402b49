//! Whether an input holds an article at all: files that are not HTML, text
//! that is no language, pages without prose, sign-in forms and link listings.
//!
//! Every rule reads what any page shows (file signatures, the share of
//! letters, the share of linked text, teaser headings, password fields), never
//! a site's markup.

use article::{Article, Block, Inline, RichText};

use crate::dom::Dom;

/// Why an input holds no article; [`NoArticle::code`] names it for machines.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoArticle {
    /// No bytes, or only whitespace.
    #[error("the input is empty")]
    Empty,
    /// A file format that is not a web page, recognised by its signature.
    #[error("the input is a {format} file, not an HTML page")]
    Binary {
        /// The format's common name ("PDF", "PNG", "ZIP"…).
        format: &'static str,
    },
    /// Bytes that are not text in any encoding (control bytes throughout).
    #[error("the input is binary data, not text")]
    NotText,
    /// Text whose characters are mostly not letters or digits.
    #[error("the text is not written language: {letters_percent}% of its characters are letters or digits")]
    Garbled {
        /// Letters and digits among the body's characters other than spaces, in percent.
        letters_percent: u8,
    },
    /// A sign-in or registration form, with under 40 words of prose around it.
    #[error("the page is a sign-in form ({words} words of text)")]
    LoginForm {
        /// Words of body text.
        words: usize,
    },
    /// Nothing readable in the page's body (scripts, markup, chrome only).
    #[error("the page has no body text")]
    NoText,
    /// Too little prose to be an article.
    #[error("the page's body has {words} words, fewer than {min}")]
    TooShort {
        /// Words in the lead and the body.
        words: usize,
        /// The least an article has.
        min: usize,
    },
    /// A section front, search result or archive page: teasers linking elsewhere.
    #[error("the page is a list of links to other pages ({teasers} teasers, {linked_percent}% of its text linked)")]
    Listing {
        /// Headings or list items whose whole text is one link.
        teasers: usize,
        /// Linked text in the body, in percent.
        linked_percent: u8,
    },
}

impl NoArticle {
    /// A stable machine name for the reason: `empty`, `binary`, `not_text`,
    /// `garbled`, `login_form`, `no_text`, `too_short` or `listing`.
    pub fn code(&self) -> &'static str {
        match self {
            NoArticle::Empty => "empty",
            NoArticle::Binary { .. } => "binary",
            NoArticle::NotText => "not_text",
            NoArticle::Garbled { .. } => "garbled",
            NoArticle::LoginForm { .. } => "login_form",
            NoArticle::NoText => "no_text",
            NoArticle::TooShort { .. } => "too_short",
            NoArticle::Listing { .. } => "listing",
        }
    }
}

/// An article has at least this many words of lead and body (two CJK
/// characters count as one word: those scripts write no spaces).
pub const MIN_ARTICLE_WORDS: usize = 15;

/// File signatures of formats a crawler meets instead of pages.
const SIGNATURES: &[(&[u8], &str)] = &[
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"PK\x03\x04", "ZIP"),
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"\x28\xb5\x2f\xfd", "Zstandard"),
    (b"OggS", "Ogg"),
    (b"ID3", "MP3"),
    (b"fLaC", "FLAC"),
    (b"\x1aE\xdf\xa3", "WebM/Matroska"),
    (b"%!PS", "PostScript"),
    (b"{\\rtf", "RTF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
    (b"SQLite format 3\x00", "SQLite"),
];

/// The format of `bytes` when its signature is a known non-HTML format.
pub(crate) fn sniff_format(bytes: &[u8]) -> Option<&'static str> {
    if let Some(&(_, name)) = SIGNATURES.iter().find(|(sig, _)| bytes.starts_with(sig)) {
        // "MZ" and "ID3" are two letters a text could start with: require a control byte too.
        if matches!(name, "Windows executable" | "MP3") && !has_controls(bytes, 1) {
            return None;
        }
        return Some(name);
    }
    match bytes.get(..12) {
        Some([b'R', b'I', b'F', b'F', _, _, _, _, kind @ ..]) => Some(match kind {
            b"WEBP" => "WebP",
            b"WAVE" => "WAV",
            b"AVI " => "AVI",
            _ => "RIFF",
        }),
        Some([_, _, _, _, b'f', b't', b'y', b'p', ..]) => Some("MP4/QuickTime"),
        _ => None,
    }
}

/// True when the first KiB has at least `min` control bytes that no text uses
/// (C0 controls other than tab, line feed, form feed, carriage return and
/// escape, and DEL).
fn has_controls(bytes: &[u8], min: usize) -> bool {
    control_count(bytes) >= min
}

fn control_count(bytes: &[u8]) -> usize {
    let head = bytes.get(..1024).unwrap_or(bytes);
    head.iter()
        .filter(|&&b| matches!(b, 0..=8 | 0x0b | 0x0e..=0x1a | 0x1c..=0x1f | 0x7f))
        .count()
}

/// True when the bytes are not text: more than 1 % of the first KiB (and at
/// least four bytes) are control bytes that text never holds. UTF-16 with a
/// byte-order mark is text.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return false;
    }
    let head = bytes.get(..1024).unwrap_or(bytes);
    let controls = control_count(head);
    controls >= 4 && controls * 100 > head.len()
}

/// What the page showed besides the article, for [`judge`].
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct PageSigns {
    /// The page has an `<input type=password>`.
    pub password_field: bool,
    /// Headings of the page (before pruning) whose text is one link.
    pub teaser_headings: usize,
    /// Linked text in the page's body (before pruning), in percent.
    pub linked_percent: u8,
}

impl PageSigns {
    /// Reads the signs from the whole parsed page, before chrome is pruned.
    pub(crate) fn read(dom: &Dom) -> Self {
        let body = dom.body();
        let visible = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
        let mut signs = PageSigns::default();
        let mut linked = 0usize;
        for d in dom.descendants(body) {
            match dom.name(d) {
                Some("input") => {
                    signs.password_field |= dom
                        .attr(d, "type")
                        .is_some_and(|t| t.trim().eq_ignore_ascii_case("password"));
                }
                Some("a") => linked += visible(&dom.text_content(d)),
                Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6") => {
                    let all = visible(&dom.text_content(d));
                    let in_links: usize = dom
                        .find_all(d, "a")
                        .map(|a| visible(&dom.text_content(a)))
                        .sum();
                    if all >= 10 && in_links * 10 >= all * 9 {
                        signs.teaser_headings += 1;
                    }
                }
                _ => {}
            }
        }
        let total = visible(&dom.text_content(body));
        signs.linked_percent = (linked.min(total) * 100 / total.max(1)) as u8;
        signs
    }
}

/// Decides whether `article` (extracted from a page with `signs`) is one.
pub(crate) fn judge(article: &Article, signs: PageSigns) -> Result<(), NoArticle> {
    let mut text = String::new();
    if let Some(lead) = &article.lead {
        text.push_str(&lead.plain_text());
        text.push('\n');
    }
    text.push_str(&article.body_text());
    let cjk = text.chars().filter(|&c| is_cjk(c)).count();
    let words = text.split_whitespace().count().max(cjk / 2);
    // What little is left of a page of teasers once they are pruned as link lists.
    if words < MIN_ARTICLE_WORDS && signs.teaser_headings >= 5 && signs.linked_percent >= 50 {
        return Err(NoArticle::Listing {
            teasers: signs.teaser_headings,
            linked_percent: signs.linked_percent,
        });
    }
    if words == 0 {
        return if signs.password_field {
            Err(NoArticle::LoginForm { words })
        } else {
            Err(NoArticle::NoText)
        };
    }
    let (mut letters, mut total) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        total += 1;
        letters += usize::from(c.is_alphanumeric());
    }
    // Prose in any script is four fifths letters and digits; symbols are noise.
    let letters_percent = (letters * 100 / total.max(1)) as u8;
    if total >= 20 && letters_percent < 60 {
        return Err(NoArticle::Garbled { letters_percent });
    }
    if signs.password_field && words < 40 {
        return Err(NoArticle::LoginForm { words });
    }
    if words < MIN_ARTICLE_WORDS {
        return Err(NoArticle::TooShort {
            words,
            min: MIN_ARTICLE_WORDS,
        });
    }
    listing(article)
}

/// Han ideographs and kana.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{2fa1f}')
}

/// A body made of teasers: headings or list items that are one link each,
/// with most of the text linked, is a listing, not an article.
fn listing(article: &Article) -> Result<(), NoArticle> {
    let (mut linked, mut total) = (0usize, 0usize);
    let mut teasers = 0usize;
    let mut prose_chars = 0usize;
    let mut rich = |t: &RichText, teaser_candidate: bool| {
        let (l, all) = linked_chars(&t.0);
        linked += l;
        total += all;
        if teaser_candidate && all > 0 && l * 10 >= all * 9 {
            teasers += 1;
        }
        all - l
    };
    for b in &article.blocks {
        match b {
            Block::Heading { text, .. } => {
                rich(text, true);
            }
            Block::Paragraph { text } | Block::Quote { text, .. } => {
                let unlinked = rich(text, false);
                if unlinked >= 200 {
                    prose_chars += unlinked;
                }
            }
            Block::List { items, .. } => {
                for i in items {
                    rich(i, true);
                }
            }
            Block::Table { rows, .. } => {
                for c in rows.iter().flatten() {
                    rich(c, false);
                }
            }
            Block::Figure(_) | Block::Embed { .. } => {}
        }
    }
    let linked_percent = (linked * 100 / total.max(1)) as u8;
    // Long unlinked paragraphs are an article's, whatever links surround them.
    if prose_chars >= 600 || prose_chars * 2 >= total {
        return Ok(());
    }
    if (teasers >= 5 && linked_percent >= 50) || (teasers >= 3 && linked_percent >= 60) {
        return Err(NoArticle::Listing {
            teasers,
            linked_percent,
        });
    }
    Ok(())
}

/// Characters (not spaces) inside links, and in all, of a run of inline content.
fn linked_chars(inlines: &[Inline]) -> (usize, usize) {
    let mut stack: Vec<(&[Inline], bool)> = vec![(inlines, false)];
    let (mut linked, mut total) = (0, 0);
    while let Some((run, in_link)) = stack.pop() {
        for i in run {
            match i {
                Inline::Text(t) => {
                    let n = t.chars().filter(|c| !c.is_whitespace()).count();
                    total += n;
                    if in_link {
                        linked += n;
                    }
                }
                Inline::Bold(c) | Inline::Italic(c) | Inline::Foreign { children: c, .. } => {
                    stack.push((c, in_link))
                }
                Inline::Link { children, .. } => stack.push((children, true)),
                Inline::Break => {}
            }
        }
    }
    (linked, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures() {
        assert_eq!(sniff_format(b"%PDF-1.7\n%\xe2\xe3"), Some("PDF"));
        assert_eq!(sniff_format(b"\x89PNG\r\n\x1a\n...."), Some("PNG"));
        assert_eq!(sniff_format(b"RIFF\0\0\0\0WEBPVP8 "), Some("WebP"));
        assert_eq!(sniff_format(b"MZ is how a text may start"), None);
        assert_eq!(sniff_format(b"<!doctype html>"), None);
    }

    #[test]
    fn control_bytes_mark_binary() {
        assert!(!looks_binary(b"<html>\x0c<body>\x1b$B</body>"));
        let random: Vec<u8> = (0..2048u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        assert!(looks_binary(&random));
    }
}
