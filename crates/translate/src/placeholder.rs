//! Inline markup as placeholder tags that engines keep.
//!
//! A [`RichText`] becomes an XML fragment where each piece of markup is a
//! numbered tag: `Hà Nội <x1>mưa to</x1><x2/>` (bold, then a line break). The
//! text between tags is XML-escaped, so DeepL (`tag_handling=xml`),
//! LibreTranslate (`format=html`) and LLMs all see well-formed markup. What
//! each number stands for (a link and its URL, bold, a break) stays here and
//! never travels to the engine. Glossary terms use the same syntax with a `g`
//! (`<g1>Poutine</g1>`); see the glossary module.

use std::ops::Range;

use article::{Inline, RichText};
use serde::{Deserialize, Serialize};

/// What a numbered placeholder stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Markup {
    /// Strong emphasis around the enclosed text.
    Bold,
    /// Emphasis around the enclosed text.
    Italic,
    /// A link around the enclosed text.
    Link {
        /// The link's target URL.
        href: String,
    },
    /// A line break (a self-closing placeholder).
    Break,
}

/// Rich text encoded as a placeholder string plus the meaning of each placeholder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tagged {
    /// The XML fragment with `<xN>…</xN>` and `<xN/>` placeholders.
    pub text: String,
    /// `tags[N-1]` is what placeholder `N` stands for.
    pub tags: Vec<Markup>,
}

/// Result of turning a translated placeholder string back into rich text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The rich text; without markup when the placeholders were broken.
    pub text: RichText,
    /// What went wrong with the placeholders; empty when all came back intact.
    pub problems: Vec<String>,
}

/// Encodes rich text into a placeholder string.
pub fn encode(text: &RichText) -> Tagged {
    let mut tagged = Tagged::default();
    encode_into(&text.0, &mut tagged);
    tagged
}

/// Encodes plain text (no markup): only XML-escapes it.
pub fn encode_plain(text: &str) -> String {
    article::escape::escape_text(text)
}

fn encode_into(inlines: &[Inline], out: &mut Tagged) {
    for inline in inlines {
        let (markup, children) = match inline {
            Inline::Text(t) => {
                out.text.push_str(&article::escape::escape_text(t));
                continue;
            }
            // A run marked as another language goes as its text: the
            // translator marks the runs of the translation afresh.
            Inline::Foreign { children, .. } => {
                encode_into(children, out);
                continue;
            }
            Inline::Bold(c) => (Markup::Bold, c),
            Inline::Italic(c) => (Markup::Italic, c),
            Inline::Link { href, children } => (Markup::Link { href: href.clone() }, children),
            Inline::Break => {
                out.tags.push(Markup::Break);
                out.text.push_str(&format!("<x{}/>", out.tags.len()));
                continue;
            }
        };
        out.tags.push(markup);
        let id = out.tags.len();
        out.text.push_str(&format!("<x{id}>"));
        encode_into(children, out);
        out.text.push_str(&format!("</x{id}>"));
    }
}

/// Decodes a (translated) placeholder string with the meanings of its placeholders.
///
/// Never fails: a lost placeholder is reported and its markup dropped; broken
/// structure (unknown, duplicated, crossing or unclosed tags) is reported and
/// the whole text is kept without markup.
pub fn decode(text: &str, tags: &[Markup]) -> Decoded {
    let mut problems = Vec::new();
    let mut broken = false;
    // An engine stopped by its token limit inside a tag (`…sông Hương</x`):
    // the fragment is not text for the reader.
    let text = match cut_tag_at_end(text) {
        Some(kept) => {
            problems.push("placeholder cut off at the end".to_string());
            broken = true;
            kept
        }
        None => text,
    };
    let mut seen = vec![false; tags.len()];
    // Frames of open tags: (id, children so far).
    let mut stack: Vec<(usize, Vec<Inline>)> = vec![(0, Vec::new())];
    for (_, token) in tokenize(text) {
        match token {
            Token::Text(raw) => push_text(&mut stack, &unescape(raw)),
            Token::Tag {
                kind: 'x',
                id,
                form,
            } => {
                let markup = id.checked_sub(1).and_then(|i| tags.get(i));
                let Some(markup) = markup else {
                    problems.push(format!("unknown placeholder <x{id}>"));
                    broken = true;
                    continue;
                };
                match form {
                    TagForm::SelfClosing => {
                        if *markup != Markup::Break {
                            problems.push(format!("placeholder <x{id}> lost its content"));
                            broken = true;
                        } else if mark_seen(&mut seen, id) {
                            push_inline(&mut stack, Inline::Break);
                        } else {
                            problems.push(format!("placeholder <x{id}/> duplicated"));
                            broken = true;
                        }
                    }
                    TagForm::Open => {
                        if *markup == Markup::Break || !mark_seen(&mut seen, id) {
                            problems.push(format!("placeholder <x{id}> duplicated or misused"));
                            broken = true;
                        } else {
                            stack.push((id, Vec::new()));
                        }
                    }
                    TagForm::Close => {
                        if stack.last().is_some_and(|(top, _)| *top == id) {
                            close_frame(&mut stack, tags);
                        } else if stack.iter().skip(1).any(|(open, _)| *open == id) {
                            problems.push(format!("placeholder </x{id}> crosses another tag"));
                            broken = true;
                            while stack.len() > 1 {
                                let top = stack.last().map(|(t, _)| *t);
                                close_frame(&mut stack, tags);
                                if top == Some(id) {
                                    break;
                                }
                            }
                        } else {
                            problems.push(format!("stray placeholder </x{id}>"));
                            broken = true;
                        }
                    }
                }
            }
            Token::Tag { kind, id, .. } => {
                problems.push(format!("unexpected placeholder <{kind}{id}>"));
                broken = true;
            }
        }
    }
    if stack.len() > 1 {
        problems.push("unclosed placeholder".to_string());
        broken = true;
        while stack.len() > 1 {
            close_frame(&mut stack, tags);
        }
    }
    for (i, seen) in seen.iter().enumerate() {
        if !seen {
            problems.push(format!("placeholder <x{}> lost", i + 1));
        }
    }
    if broken {
        return Decoded {
            text: RichText(normalize(vec![Inline::Text(strip_tags(text))])),
            problems,
        };
    }
    let root = stack.pop().map(|(_, c)| c).unwrap_or_default();
    Decoded {
        text: RichText(normalize(root)),
        problems,
    }
}

/// The text without a placeholder tag left unfinished at its very end
/// (`<`, `</x`, `<x12`, `<x3/`), or None when it does not end in one.
fn cut_tag_at_end(text: &str) -> Option<&str> {
    let start = text.rfind('<')?;
    let tail = &text[start + 1..];
    if tail.contains('>') {
        return None;
    }
    let rest = tail.trim_start().trim_start_matches('/').trim_start();
    let rest = rest
        .strip_prefix(['x', 'X', 'g', 'G'])
        .unwrap_or(rest)
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_end()
        .trim_end_matches('/');
    rest.is_empty().then(|| text[..start].trim_end())
}

fn mark_seen(seen: &mut [bool], id: usize) -> bool {
    match id.checked_sub(1).and_then(|i| seen.get_mut(i)) {
        Some(s) if !*s => {
            *s = true;
            true
        }
        _ => false,
    }
}

fn push_text(stack: &mut [(usize, Vec<Inline>)], text: &str) {
    if !text.is_empty() {
        push_inline(stack, Inline::Text(text.to_string()));
    }
}

fn push_inline(stack: &mut [(usize, Vec<Inline>)], inline: Inline) {
    if let Some((_, children)) = stack.last_mut() {
        children.push(inline);
    }
}

fn close_frame(stack: &mut Vec<(usize, Vec<Inline>)>, tags: &[Markup]) {
    if stack.len() < 2 {
        return;
    }
    let Some((id, children)) = stack.pop() else {
        return;
    };
    let inline = match id.checked_sub(1).and_then(|i| tags.get(i)) {
        Some(Markup::Bold) => Inline::Bold(children),
        Some(Markup::Italic) => Inline::Italic(children),
        Some(Markup::Link { href }) => Inline::Link {
            href: href.clone(),
            children,
        },
        Some(Markup::Break) | None => {
            for child in children {
                push_inline(stack, child);
            }
            return;
        }
    };
    push_inline(stack, inline);
}

/// Merges adjacent text runs and drops empty ones.
pub(crate) fn normalize(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        let inline = match inline {
            Inline::Text(t) if t.is_empty() => continue,
            Inline::Text(t) => {
                if let Some(Inline::Text(prev)) = out.last_mut() {
                    prev.push_str(&t);
                    continue;
                }
                Inline::Text(t)
            }
            Inline::Bold(c) => Inline::Bold(normalize(c)),
            Inline::Italic(c) => Inline::Italic(normalize(c)),
            Inline::Link { href, children } => Inline::Link {
                href,
                children: normalize(children),
            },
            Inline::Foreign { lang, children } => Inline::Foreign {
                lang,
                children: normalize(children),
            },
            Inline::Break => Inline::Break,
        };
        out.push(inline);
    }
    out
}

/// The visible text of a placeholder string: tags removed, entities resolved.
pub fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (_, token) in tokenize(text) {
        if let Token::Text(raw) = token {
            out.push_str(&unescape(raw));
        }
    }
    out
}

/// How a placeholder tag is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TagForm {
    /// `<x1>`
    Open,
    /// `</x1>`
    Close,
    /// `<x1/>`
    SelfClosing,
}

/// A piece of a placeholder string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Token<'a> {
    /// Escaped text between tags.
    Text(&'a str),
    /// A placeholder tag: `kind` is `x` (markup) or `g` (glossary term).
    Tag {
        kind: char,
        id: usize,
        form: TagForm,
    },
}

/// Splits a placeholder string into text and tags. Tolerates what engines do
/// to tags: upper case (`<X1>`) and spaces (`< x1 >`, `</ x1>`). Anything that
/// does not parse as a placeholder is text.
pub(crate) fn tokenize(text: &str) -> Vec<(Range<usize>, Token<'_>)> {
    let mut tokens = Vec::new();
    let bytes = text.as_bytes();
    let mut text_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'<' {
            if let Some((end, kind, id, form)) = parse_tag(bytes, i) {
                if text_start < i {
                    tokens.push((text_start..i, Token::Text(&text[text_start..i])));
                }
                tokens.push((i..end, Token::Tag { kind, id, form }));
                i = end;
                text_start = end;
                continue;
            }
        }
        i += 1;
    }
    if text_start < text.len() {
        tokens.push((text_start..text.len(), Token::Text(&text[text_start..])));
    }
    tokens
}

fn parse_tag(bytes: &[u8], start: usize) -> Option<(usize, char, usize, TagForm)> {
    let mut i = start + 1;
    let skip_spaces = |i: &mut usize| {
        while bytes.get(*i).is_some_and(|b| *b == b' ') {
            *i += 1;
        }
    };
    skip_spaces(&mut i);
    let mut form = TagForm::Open;
    if bytes.get(i) == Some(&b'/') {
        form = TagForm::Close;
        i += 1;
        skip_spaces(&mut i);
    }
    let kind = match bytes.get(i)? {
        b'x' | b'X' => 'x',
        b'g' | b'G' => 'g',
        _ => return None,
    };
    i += 1;
    let digits_start = i;
    while bytes.get(i).is_some_and(u8::is_ascii_digit) && i - digits_start < 6 {
        i += 1;
    }
    if i == digits_start {
        return None;
    }
    let id: usize = std::str::from_utf8(&bytes[digits_start..i])
        .ok()?
        .parse()
        .ok()?;
    skip_spaces(&mut i);
    if bytes.get(i) == Some(&b'/') {
        if form == TagForm::Close {
            return None;
        }
        form = TagForm::SelfClosing;
        i += 1;
        skip_spaces(&mut i);
    }
    if bytes.get(i) != Some(&b'>') {
        return None;
    }
    Some((i + 1, kind, id, form))
}

/// Writes a placeholder tag back in canonical form.
pub(crate) fn render_tag(kind: char, id: usize, form: TagForm) -> String {
    match form {
        TagForm::Open => format!("<{kind}{id}>"),
        TagForm::Close => format!("</{kind}{id}>"),
        TagForm::SelfClosing => format!("<{kind}{id}/>"),
    }
}

/// Resolves XML/HTML entities an engine may return; unknown ones stay as written.
pub(crate) fn unescape(raw: &str) -> String {
    if !raw.contains('&') {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        rest = &rest[pos..];
        let end = rest.find(';').filter(|e| *e <= 10);
        let resolved = end.and_then(|e| resolve_entity(&rest[1..e]).map(|c| (c, e)));
        match resolved {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn resolve_entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> RichText {
        RichText(vec![
            Inline::Text("Theo ".into()),
            Inline::Link {
                href: "https://vnexpress.net/a".into(),
                children: vec![Inline::Bold(vec![Inline::Text("VnExpress".into())])],
            },
            Inline::Text(", giá xăng tăng <5%> & ".into()),
            Inline::Italic(vec![Inline::Text("hôm nay".into())]),
            Inline::Break,
            Inline::Text("Dòng hai.".into()),
        ])
    }

    #[test]
    fn encode_decode_round_trip() {
        let tagged = encode(&sample());
        assert_eq!(
            tagged.text,
            "Theo <x1><x2>VnExpress</x2></x1>, giá xăng tăng &lt;5%&gt; &amp; <x3>hôm nay</x3><x4/>Dòng hai."
        );
        assert_eq!(tagged.tags.len(), 4);
        let decoded = decode(&tagged.text, &tagged.tags);
        assert!(decoded.problems.is_empty(), "{:?}", decoded.problems);
        assert_eq!(decoded.text, sample());
    }

    #[test]
    fn translated_and_reordered_tags_decode() {
        let tagged = encode(&sample());
        let fr = "Selon <X1><x2>VnExpress</x2></X1>, le prix de l'essence augmente de &lt;5 %&gt; &amp; <x3>aujourd'hui</x3>< x4 />Ligne deux.";
        let decoded = decode(fr, &tagged.tags);
        assert!(decoded.problems.is_empty(), "{:?}", decoded.problems);
        assert_eq!(
            decoded.text.plain_text(),
            "Selon VnExpress, le prix de l'essence augmente de <5 %> & aujourd'hui\nLigne deux."
        );
        assert!(
            matches!(&decoded.text.0[1], Inline::Link { href, .. } if href == "https://vnexpress.net/a")
        );
    }

    #[test]
    fn lost_placeholder_is_reported_and_rest_kept() {
        let tagged = encode(&sample());
        let decoded = decode(
            "Selon <x1><x2>VnExpress</x2></x1>, l'essence augmente aujourd'hui<x4/>Ligne deux.",
            &tagged.tags,
        );
        assert_eq!(decoded.problems, vec!["placeholder <x3> lost"]);
        assert!(matches!(&decoded.text.0[1], Inline::Link { .. }));
    }

    #[test]
    fn broken_structure_falls_back_to_plain_text() {
        let tags = vec![Markup::Bold, Markup::Italic];
        for broken in [
            "<x1>Hà <x2>Nội</x1> mưa</x2>",
            "<x1>Hà Nội mưa",
            "Hà Nội</x1> mưa <x2>to</x2>",
            "<x7>Hà Nội</x7>",
            "<x1>Hà</x1> <x1>Nội</x1>",
            "<x1/> Hà Nội",
        ] {
            let decoded = decode(broken, &tags);
            assert!(!decoded.problems.is_empty(), "{broken}");
            assert_eq!(decoded.text.0.len(), 1, "{broken}: {:?}", decoded.text);
            assert!(matches!(&decoded.text.0[0], Inline::Text(_)));
        }
    }

    #[test]
    fn odd_angle_brackets_are_text() {
        let tokens = tokenize("a < b <x1 and <y1> </x>");
        assert!(tokens.iter().all(|(_, t)| matches!(t, Token::Text(_))));
        assert_eq!(
            unescape("&lt;b&gt; &amp;amp; &#39;&#x41;&bogus; &"),
            "<b> &amp; 'A&bogus; &"
        );
    }

    #[test]
    fn a_tag_cut_off_by_the_token_limit_does_not_reach_the_reader() {
        let tagged = encode(&RichText(vec![
            Inline::Text("Mực nước ".into()),
            Inline::Bold(vec![Inline::Text("sông Hương".into())]),
        ]));
        let tags = tagged.tags;
        assert!(tagged.text.contains("<x1>"), "{}", tagged.text);
        for cut in [
            "The level of <x1>the Perfume River</x",
            "The level of <x1>the Perfume River<",
            "The level of <x1>the Perfume River</ x1",
        ] {
            let decoded = decode(cut, &tags);
            assert!(
                !decoded.text.plain_text().contains('<'),
                "{cut} → {:?}",
                decoded.text
            );
            assert!(
                decoded.problems.iter().any(|p| p.contains("cut off")),
                "{cut}"
            );
        }
        assert_eq!(cut_tag_at_end("a < b"), None, "a comparison is text");
        assert_eq!(cut_tag_at_end("x <x1>y</x1>"), None);
    }
}
