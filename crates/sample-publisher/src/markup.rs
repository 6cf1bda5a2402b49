//! The light markup the content files are written in.
//!
//! Body: blocks separated by blank lines. `## ` and `### ` start
//! subheadings, `> ` lines a quote (a last line `> — Name` is the citation),
//! `- ` lines a bulleted list, `1. ` lines a numbered list, `![n]` places
//! image n (1-based). Inline: `**bold**`, `*italic*`, `[text](/path)`.

use article::{Inline, RichText};

use crate::model::BodyBlock;

/// A markup mistake in a content file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MarkupError {
    /// `**`, `*` or `[` without its closing part.
    #[error("unclosed {0} in {1:?}")]
    Unclosed(&'static str, String),
    /// `![n]` with n not a number from 1 up.
    #[error("bad image reference {0:?}")]
    BadImage(String),
}

/// Parses a body written in the markup above.
pub fn parse_body(src: &str) -> Result<Vec<BodyBlock>, MarkupError> {
    let mut blocks = Vec::new();
    for chunk in src.split("\n\n").map(str::trim).filter(|c| !c.is_empty()) {
        blocks.push(parse_block(chunk)?);
    }
    Ok(blocks)
}

fn parse_block(chunk: &str) -> Result<BodyBlock, MarkupError> {
    if let Some(text) = chunk.strip_prefix("### ") {
        return Ok(BodyBlock::Heading {
            level: 3,
            text: join_lines(text),
        });
    }
    if let Some(text) = chunk.strip_prefix("## ") {
        return Ok(BodyBlock::Heading {
            level: 2,
            text: join_lines(text),
        });
    }
    if let Some(rest) = chunk.strip_prefix("![") {
        let n = rest
            .strip_suffix(']')
            .and_then(|n| n.trim().parse::<usize>().ok())
            .filter(|n| *n >= 1)
            .ok_or_else(|| MarkupError::BadImage(chunk.to_string()))?;
        return Ok(BodyBlock::Image(n - 1));
    }
    let lines: Vec<&str> = chunk.lines().map(str::trim).collect();
    if lines.iter().all(|l| l.starts_with('>')) {
        let mut cite = None;
        let mut text_lines = Vec::new();
        for line in &lines {
            let line = line.trim_start_matches('>').trim();
            if let Some(who) = line.strip_prefix("— ") {
                cite = Some(who.trim().to_string());
            } else {
                text_lines.push(line);
            }
        }
        return Ok(BodyBlock::Quote {
            text: parse_inline(&text_lines.join(" "))?,
            cite,
        });
    }
    if lines.iter().all(|l| l.starts_with("- ")) {
        let items = lines
            .iter()
            .map(|l| parse_inline(l.trim_start_matches("- ").trim()))
            .collect::<Result<_, _>>()?;
        return Ok(BodyBlock::List {
            ordered: false,
            items,
        });
    }
    if lines.iter().all(|l| numbered_item(l).is_some()) {
        let items = lines
            .iter()
            .filter_map(|l| numbered_item(l))
            .map(parse_inline)
            .collect::<Result<_, _>>()?;
        return Ok(BodyBlock::List {
            ordered: true,
            items,
        });
    }
    Ok(BodyBlock::Paragraph(parse_inline(&join_lines(chunk))?))
}

fn numbered_item(line: &str) -> Option<&str> {
    let (num, rest) = line.split_once(". ")?;
    (!num.is_empty() && num.chars().all(|c| c.is_ascii_digit())).then(|| rest.trim())
}

fn join_lines(text: &str) -> String {
    text.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

/// Parses inline markup into rich text.
pub fn parse_inline(src: &str) -> Result<RichText, MarkupError> {
    let mut rest = src;
    let inlines = parse_until(&mut rest, None, src)?;
    Ok(RichText(inlines))
}

/// Parses until `end` (or the end of input when `None`), advancing `rest`.
fn parse_until(
    rest: &mut &str,
    end: Option<&'static str>,
    whole: &str,
) -> Result<Vec<Inline>, MarkupError> {
    let mut out = Vec::new();
    let mut text = String::new();
    let flush = |text: &mut String, out: &mut Vec<Inline>| {
        if !text.is_empty() {
            out.push(Inline::Text(std::mem::take(text)));
        }
    };
    loop {
        if let Some(end) = end {
            if let Some(after) = rest.strip_prefix(end) {
                *rest = after;
                flush(&mut text, &mut out);
                return Ok(out);
            }
        }
        if let Some(after) = rest.strip_prefix("**") {
            flush(&mut text, &mut out);
            *rest = after;
            out.push(Inline::Bold(parse_until(rest, Some("**"), whole)?));
        } else if let Some(after) = rest.strip_prefix('*') {
            flush(&mut text, &mut out);
            *rest = after;
            out.push(Inline::Italic(parse_until(rest, Some("*"), whole)?));
        } else if let Some(after) = rest.strip_prefix('[') {
            flush(&mut text, &mut out);
            *rest = after;
            let children = parse_until(rest, Some("]("), whole)?;
            let (href, after) = rest
                .split_once(')')
                .ok_or_else(|| MarkupError::Unclosed("link", whole.to_string()))?;
            *rest = after;
            out.push(Inline::Link {
                href: href.to_string(),
                children,
            });
        } else if let Some(c) = rest.chars().next() {
            text.push(c);
            *rest = &rest[c.len_utf8()..];
        } else {
            return match end {
                None => {
                    flush(&mut text, &mut out);
                    Ok(out)
                }
                Some(end) => Err(MarkupError::Unclosed(end_name(end), whole.to_string())),
            };
        }
    }
}

fn end_name(end: &str) -> &'static str {
    match end {
        "**" => "bold",
        "*" => "italic",
        _ => "link",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markup() {
        let t = parse_inline("Mưa **rất to** ở *Huế*, xem [bản đồ](/thoi-su/a-1.html).").unwrap();
        assert_eq!(t.plain_text(), "Mưa rất to ở Huế, xem bản đồ.");
        assert!(matches!(&t.0[1], Inline::Bold(_)));
        assert!(matches!(&t.0[5], Inline::Link { href, .. } if href == "/thoi-su/a-1.html"));
        assert!(parse_inline("**mở mà không đóng").is_err());
        assert!(parse_inline("[liên kết](không đóng").is_err());
    }

    #[test]
    fn body_blocks() {
        let body = parse_body(
            "Đoạn một\ntiếp.\n\n## Tiểu mục\n\n![2]\n\n> Câu nói.\n> — Ông A\n\n- một\n- hai\n\n1. x\n2. y",
        )
        .unwrap();
        assert_eq!(body.len(), 6);
        assert_eq!(
            body[0],
            BodyBlock::Paragraph(RichText::plain("Đoạn một tiếp."))
        );
        assert_eq!(
            body[1],
            BodyBlock::Heading {
                level: 2,
                text: "Tiểu mục".into()
            }
        );
        assert_eq!(body[2], BodyBlock::Image(1));
        assert!(matches!(&body[3], BodyBlock::Quote { cite: Some(c), .. } if c == "Ông A"));
        assert!(matches!(&body[4], BodyBlock::List { ordered: false, items } if items.len() == 2));
        assert!(matches!(&body[5], BodyBlock::List { ordered: true, items } if items.len() == 2));
    }
}
