//! A placeholder string taken apart: its plain text, the spans its paired
//! tags mark, and where its self-closing tags stand.

use std::ops::Range;

use crate::placeholder::{self, TagForm, Token};

/// A paired tag (`<x1>…</x1>`, `<g1>…</g1>`) and the plain text it marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Span {
    /// `x` (markup) or `g` (glossary term).
    pub kind: char,
    /// The tag's number.
    pub id: usize,
    /// Byte range of the marked text in [`Parsed::plain`].
    pub range: Range<usize>,
    /// The enclosing span, if any (index into [`Parsed::spans`]).
    pub parent: Option<usize>,
}

/// A self-closing tag (`<x2/>`, a line break) and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Point {
    /// `x` or `g`.
    pub kind: char,
    /// The tag's number.
    pub id: usize,
    /// Byte offset in [`Parsed::plain`].
    pub at: usize,
    /// True when a space was put in the plain text after it, so that the
    /// words it separated (`Khẩn cấp<br/>Lũ`) do not run together for the
    /// engine; the space is not put back.
    pub spaced: bool,
}

/// A placeholder string without its tags.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Parsed {
    /// The visible text: tags removed, entities resolved.
    pub plain: String,
    /// Paired tags in the order they open (parents before children).
    pub spans: Vec<Span>,
    /// Self-closing tags in order.
    pub points: Vec<Point>,
}

impl Parsed {
    /// Takes a placeholder string apart. Tags that do not pair up (an
    /// unclosed `<x1>`, a stray `</x2>`: possible when a pivot's first leg
    /// broke them) are dropped here; the decoder downstream reports them lost.
    pub fn new(text: &str) -> Self {
        let mut parsed = Parsed::default();
        let mut open: Vec<usize> = Vec::new();
        let mut closed: Vec<bool> = Vec::new();
        // A self-closing tag just seen, whose words may need a space between them.
        let mut pending: Option<usize> = None;
        for (_, token) in placeholder::tokenize(text) {
            match token {
                Token::Text(raw) => {
                    let text = placeholder::unescape(raw);
                    if !text.starts_with(char::is_whitespace) {
                        parsed.space_after(pending.take());
                    }
                    pending = None;
                    parsed.plain.push_str(&text);
                }
                Token::Tag { kind, id, form } => match form {
                    TagForm::SelfClosing => {
                        parsed.points.push(Point {
                            kind,
                            id,
                            at: parsed.plain.len(),
                            spaced: false,
                        });
                        pending = Some(parsed.points.len() - 1);
                    }
                    TagForm::Open => {
                        parsed.space_after(pending.take());
                        let at = parsed.plain.len();
                        parsed.spans.push(Span {
                            kind,
                            id,
                            range: at..at,
                            parent: open.last().copied(),
                        });
                        closed.push(false);
                        open.push(parsed.spans.len() - 1);
                    }
                    TagForm::Close => {
                        let top = open.last().copied();
                        let matches = top
                            .and_then(|i| parsed.spans.get(i))
                            .is_some_and(|s| s.kind == kind && s.id == id);
                        if let (true, Some(i)) = (matches, top) {
                            open.pop();
                            if let Some(span) = parsed.spans.get_mut(i) {
                                span.range.end = parsed.plain.len();
                            }
                            if let Some(c) = closed.get_mut(i) {
                                *c = true;
                            }
                        }
                    }
                },
            }
        }
        if closed.iter().all(|c| *c) {
            return parsed;
        }
        // Drop unclosed spans; their children move up to the nearest kept ancestor.
        let mut new_index: Vec<Option<usize>> = Vec::with_capacity(parsed.spans.len());
        let mut kept = Vec::with_capacity(parsed.spans.len());
        for (i, span) in parsed.spans.iter().enumerate() {
            if !closed.get(i).copied().unwrap_or(false) {
                new_index.push(None);
                continue;
            }
            let mut parent = span.parent;
            while let Some(p) = parent {
                if closed.get(p).copied().unwrap_or(false) {
                    break;
                }
                parent = parsed.spans.get(p).and_then(|s| s.parent);
            }
            kept.push(Span {
                parent: parent.and_then(|p| new_index.get(p).copied().flatten()),
                ..span.clone()
            });
            new_index.push(Some(kept.len() - 1));
        }
        parsed.spans = kept;
        parsed
    }

    /// Separates the words around self-closing tag `point` with a space,
    /// unless the plain text is empty or already ends with whitespace.
    fn space_after(&mut self, point: Option<usize>) {
        let Some(point) = point.and_then(|i| self.points.get_mut(i)) else {
            return;
        };
        if !self.plain.is_empty() && !self.plain.ends_with(char::is_whitespace) {
            self.plain.push(' ');
            point.spaced = true;
        }
    }

    /// The plain text a span marks.
    pub fn text_of(&self, span: &Span) -> &str {
        self.plain.get(span.range.clone()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_spans_and_points() {
        let p = Parsed::new(
            "Theo <x1><x2>VnExpress</x2></x1>, giá &lt;5%&gt; <g1>Poutine</g1><x3/>hôm nay.",
        );
        assert_eq!(p.plain, "Theo VnExpress, giá <5%> Poutine hôm nay.");
        let texts: Vec<(&str, Option<usize>)> =
            p.spans.iter().map(|s| (p.text_of(s), s.parent)).collect();
        assert_eq!(
            texts,
            vec![
                ("VnExpress", None),
                ("VnExpress", Some(0)),
                ("Poutine", None)
            ]
        );
        assert_eq!(p.spans[2].kind, 'g');
        assert_eq!(p.points.len(), 1);
        assert_eq!(&p.plain[p.points[0].at..], " hôm nay.");
        assert!(p.points[0].spaced);
        let p = Parsed::new("Hà Nội <x1/>mưa<x2/> <x3>to</x3><x4/>");
        assert_eq!(p.plain, "Hà Nội mưa to");
        let spaced: Vec<bool> = p.points.iter().map(|p| p.spaced).collect();
        assert_eq!(spaced, vec![false, false, false]);
    }

    #[test]
    fn unpaired_tags_are_dropped_children_kept() {
        let p = Parsed::new("<x1>Hà <x2>Nội</x2> mưa</x3> to");
        assert_eq!(p.plain, "Hà Nội mưa to");
        assert_eq!(p.spans.len(), 1);
        assert_eq!(p.text_of(&p.spans[0]), "Nội");
        assert_eq!(p.spans[0].parent, None);
    }
}
