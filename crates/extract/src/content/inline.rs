//! Inline content: from DOM nodes to the safe `Inline` model, with whitespace collapsed.

use article::{Inline, RichText};

use crate::dom::{Dom, NodeId};
use crate::text::{is_invisible, nfc};
use crate::urls::absolute;

/// Elements that break a paragraph: everything not listed is inline.
pub(crate) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "details"
            | "dialog"
            | "dd"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "li"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "table"
            | "ul"
            | "tr"
            | "td"
            | "th"
            | "tbody"
            | "thead"
            | "tfoot"
            | "caption"
            | "iframe"
            | "video"
            | "audio"
            | "picture"
            | "embed"
            | "object"
            | "summary"
            | "menu"
            | "body"
            | "html"
            | "noscript"
    )
}

/// Collects inline content of a node's children.
pub(crate) struct InlineCollector<'a> {
    pub dom: &'a Dom,
    pub base: Option<&'a url::Url>,
    /// Images met inside the inline content, emitted as figures after it.
    pub images: Vec<NodeId>,
    /// Link text length, for link-density checks.
    pub link_chars: usize,
    /// Inside a `<b>`/`<strong>` being collected.
    in_bold: bool,
    /// Inside an `<i>`/`<em>` being collected.
    in_italic: bool,
}

impl<'a> InlineCollector<'a> {
    pub(crate) fn new(dom: &'a Dom, base: Option<&'a url::Url>) -> Self {
        InlineCollector {
            dom,
            base,
            images: Vec::new(),
            link_chars: 0,
            in_bold: false,
            in_italic: false,
        }
    }

    /// Raw inline content of `id`'s children.
    pub(crate) fn children(&mut self, id: NodeId, out: &mut Vec<Inline>, in_link: bool) {
        for c in self.dom.children(id) {
            self.node(c, out, in_link);
        }
    }

    /// Raw inline content of one node.
    pub(crate) fn node(&mut self, c: NodeId, out: &mut Vec<Inline>, in_link: bool) {
        let dom = self.dom;
        if let Some(t) = dom.text(c) {
            if in_link {
                self.link_chars += t.chars().filter(|c| !c.is_whitespace()).count();
            }
            out.push(Inline::Text(t.to_owned()));
            return;
        }
        let Some(name) = dom.name(c) else { return };
        if super::skip_always(dom, c) {
            return;
        }
        match name {
            "br" => out.push(Inline::Break),
            "img" => self.images.push(c),
            "picture" => self.images.push(c),
            // Emphasis inside the same emphasis adds nothing a reader sees; flattening
            // it bounds the inline tree's depth (link, bold, italic), so an article's
            // JSON always reads back (serde_json refuses nesting beyond 128).
            "b" | "strong" if self.in_bold => self.children(c, out, in_link),
            "i" | "em" if self.in_italic => self.children(c, out, in_link),
            "b" | "strong" => {
                let mut inner = Vec::new();
                self.in_bold = true;
                self.children(c, &mut inner, in_link);
                self.in_bold = false;
                out.push(Inline::Bold(inner));
            }
            "i" | "em" => {
                let mut inner = Vec::new();
                self.in_italic = true;
                self.children(c, &mut inner, in_link);
                self.in_italic = false;
                out.push(Inline::Italic(inner));
            }
            "a" => {
                let href = dom
                    .attr_nonempty(c, "href")
                    .filter(|h| {
                        !h.starts_with('#') && !h.to_ascii_lowercase().starts_with("javascript:")
                    })
                    .and_then(|h| absolute(self.base, h));
                let mut inner = Vec::new();
                self.children(c, &mut inner, true);
                match href {
                    Some(href) if !in_link => out.push(Inline::Link {
                        href,
                        children: inner,
                    }),
                    _ => out.extend(inner),
                }
            }
            _ => {
                let block = is_block(name);
                if block {
                    out.push(Inline::Text(" ".into()));
                }
                self.children(c, out, in_link);
                if block {
                    out.push(Inline::Text(" ".into()));
                }
            }
        }
    }
}

/// Collapses whitespace across inline boundaries, trims, drops empty markup, composes NFC.
pub(crate) fn finish(raw: Vec<Inline>) -> RichText {
    let mut space = true;
    let mut out = normalize(raw, &mut space);
    trim_end(&mut out);
    while matches!(out.first(), Some(Inline::Break)) {
        out.remove(0);
    }
    while matches!(out.last(), Some(Inline::Break)) {
        out.pop();
        trim_end(&mut out);
    }
    RichText(out)
}

fn normalize(raw: Vec<Inline>, space: &mut bool) -> Vec<Inline> {
    crate::work::nodes(raw.len());
    let mut out: Vec<Inline> = Vec::with_capacity(raw.len());
    for inline in raw {
        match inline {
            Inline::Text(t) if t.is_ascii() => {
                crate::work::bytes(t.len());
                // ASCII text has no invisible characters: the same rule over
                // bytes, and text already collapsed is kept as it is.
                let b = t.as_bytes();
                let needs_work = b.iter().any(|&x| matches!(x, b'\t'..=b'\r'))
                    || b.windows(2).any(|w| w == b"  ")
                    || (*space && b.first() == Some(&b' '));
                let s = if !needs_work {
                    if let Some(&last) = b.last() {
                        *space = last == b' ';
                    }
                    t
                } else {
                    let mut s = String::with_capacity(t.len());
                    for (run, blank) in crate::text::ascii_runs(&t) {
                        if !blank {
                            s.push_str(run);
                            *space = false;
                        } else if !*space {
                            s.push(' ');
                            *space = true;
                        }
                    }
                    s
                };
                if !s.is_empty() {
                    if let Some(Inline::Text(prev)) = out.last_mut() {
                        prev.push_str(&s);
                    } else {
                        out.push(Inline::Text(s));
                    }
                }
            }
            Inline::Text(t) => {
                crate::work::bytes(t.len());
                let mut s = String::with_capacity(t.len());
                for ch in t.chars() {
                    if ch.is_whitespace() {
                        if !*space {
                            s.push(' ');
                            *space = true;
                        }
                    } else if !is_invisible(ch) {
                        s.push(ch);
                        *space = false;
                    }
                }
                if !s.is_empty() {
                    if let Some(Inline::Text(prev)) = out.last_mut() {
                        prev.push_str(&s);
                    } else {
                        out.push(Inline::Text(s));
                    }
                }
            }
            Inline::Break => {
                trim_end(&mut out);
                out.push(Inline::Break);
                *space = true;
            }
            Inline::Bold(c) => {
                let inner = normalize(c, space);
                if has_text(&inner) {
                    out.push(Inline::Bold(inner));
                } else {
                    out.extend(inner.into_iter().filter(|i| matches!(i, Inline::Break)));
                }
            }
            Inline::Italic(c) => {
                let inner = normalize(c, space);
                if has_text(&inner) {
                    out.push(Inline::Italic(inner));
                } else {
                    out.extend(inner.into_iter().filter(|i| matches!(i, Inline::Break)));
                }
            }
            Inline::Link { href, children } => {
                let inner = normalize(children, space);
                if has_text(&inner) {
                    out.push(Inline::Link {
                        href,
                        children: inner,
                    });
                }
            }
            Inline::Foreign { lang, children } => {
                let inner = normalize(children, space);
                if has_text(&inner) {
                    out.push(Inline::Foreign {
                        lang,
                        children: inner,
                    });
                }
            }
        }
    }
    for i in out.iter_mut() {
        if let Inline::Text(t) = i {
            let composed = nfc(std::mem::take(t));
            *t = composed;
        }
    }
    out
}

fn has_text(inlines: &[Inline]) -> bool {
    inlines.iter().any(|i| match i {
        Inline::Text(t) => !t.trim().is_empty(),
        Inline::Bold(c) | Inline::Italic(c) => has_text(c),
        Inline::Link { children, .. } | Inline::Foreign { children, .. } => has_text(children),
        Inline::Break => false,
    })
}

/// Removes trailing spaces from the last text run, descending into markup.
fn trim_end(out: &mut Vec<Inline>) {
    loop {
        match out.last_mut() {
            Some(Inline::Text(t)) => {
                let trimmed = t.trim_end().len();
                t.truncate(trimmed);
                if t.is_empty() {
                    out.pop();
                    continue;
                }
                return;
            }
            Some(Inline::Bold(c)) | Some(Inline::Italic(c)) => {
                trim_end(c);
                if c.is_empty() {
                    out.pop();
                    continue;
                }
                return;
            }
            Some(Inline::Link { children, .. }) | Some(Inline::Foreign { children, .. }) => {
                trim_end(children);
                return;
            }
            _ => return,
        }
    }
}

/// Share of the visible text that sits inside links.
pub(crate) fn link_density(text: &RichText) -> f32 {
    fn walk(inlines: &[Inline], in_link: bool, total: &mut usize, link: &mut usize) {
        for i in inlines {
            match i {
                Inline::Text(t) => {
                    let n = t.chars().filter(|c| !c.is_whitespace()).count();
                    *total += n;
                    if in_link {
                        *link += n;
                    }
                }
                Inline::Bold(c) | Inline::Italic(c) | Inline::Foreign { children: c, .. } => {
                    walk(c, in_link, total, link)
                }
                Inline::Link { children, .. } => walk(children, true, total, link),
                Inline::Break => {}
            }
        }
    }
    let (mut total, mut link) = (0, 0);
    walk(&text.0, false, &mut total, &mut link);
    if total == 0 {
        0.0
    } else {
        link as f32 / total as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_text_normalises_as_any_text() {
        // The general rule, char by char.
        let reference = |t: &str, space: &mut bool| {
            let mut s = String::new();
            for ch in t.chars() {
                if ch.is_whitespace() {
                    if !*space {
                        s.push(' ');
                        *space = true;
                    }
                } else {
                    s.push(ch);
                    *space = false;
                }
            }
            s
        };
        for t in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "a b",
            "a  b",
            "a\nb",
            "\n  a \t b\r\n",
            "a\u{b}b",
            "  ",
            "one two, three.",
        ] {
            for start in [false, true] {
                let (mut sp1, mut sp2) = (start, start);
                let want = reference(t, &mut sp1);
                let got: String = normalize(vec![Inline::Text(t.to_owned())], &mut sp2)
                    .iter()
                    .map(|i| match i {
                        Inline::Text(s) => s.as_str(),
                        _ => "",
                    })
                    .collect();
                assert_eq!((got.as_str(), sp2), (want.as_str(), sp1), "{t:?} {start}");
            }
        }
    }

    #[test]
    fn collapses_across_markup() {
        let raw = vec![
            Inline::Text("  Hà  ".into()),
            Inline::Bold(vec![Inline::Text(" Nội ".into())]),
            Inline::Text(" mưa \n".into()),
            Inline::Break,
            Inline::Text("  to ".into()),
            Inline::Italic(vec![Inline::Text("  ".into())]),
        ];
        let t = finish(raw);
        assert_eq!(t.plain_text(), "Hà Nội mưa\nto");
        assert_eq!(t.0[1], Inline::Bold(vec![Inline::Text("Nội ".into())]));
    }
}
