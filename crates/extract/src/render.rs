//! Markdown and HTML views of an article, for `newsbridge extract --format`.

use article::{Article, Block, Figure, Inline, RichText};

/// Links the portal may render: web and mail addresses only.
fn is_safe_href(href: &str) -> bool {
    href.starts_with("http://") || href.starts_with("https://") || href.starts_with("mailto:")
}

fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '*' | '_' | '[' | ']' | '`' | '\\' | '<' | '>' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn md_inline(inlines: &[Inline], out: &mut String) {
    for i in inlines {
        match i {
            Inline::Text(t) => out.push_str(&md_escape(t)),
            Inline::Bold(c) => {
                out.push_str("**");
                md_inline(c, out);
                out.push_str("**");
            }
            Inline::Italic(c) => {
                out.push('*');
                md_inline(c, out);
                out.push('*');
            }
            Inline::Link { href, children } if is_safe_href(href) => {
                out.push('[');
                md_inline(children, out);
                out.push_str("](");
                out.push_str(&href.replace(')', "%29").replace(' ', "%20"));
                out.push(')');
            }
            Inline::Link { children, .. } | Inline::Foreign { children, .. } => {
                md_inline(children, out)
            }
            Inline::Break => out.push_str("  \n"),
        }
    }
}

fn md(text: &RichText) -> String {
    let mut s = String::new();
    md_inline(&text.0, &mut s);
    s
}

fn md_figure(f: &Figure, out: &mut String) {
    let alt = f.alt.as_deref().map(md_escape).unwrap_or_default();
    out.push_str(&format!(
        "![{alt}]({})\n",
        f.src.replace(')', "%29").replace(' ', "%20")
    ));
    let mut cap = f.caption.as_ref().map(md).unwrap_or_default();
    if let Some(c) = &f.credit {
        if !cap.is_empty() {
            cap.push(' ');
        }
        cap.push_str(&format!("({})", md_escape(c)));
    }
    if !cap.is_empty() {
        out.push_str(&format!("*{cap}*\n"));
    }
}

/// Renders an article as Markdown: title, metadata line, lead, then the body.
pub fn to_markdown(article: &Article) -> String {
    let mut out = format!("# {}\n\n", md_escape(&article.title));
    let mut meta = Vec::new();
    if !article.authors.is_empty() {
        meta.push(
            article
                .authors
                .iter()
                .map(|a| match &a.role {
                    Some(r) => format!("{} ({r})", a.name),
                    None => a.name.clone(),
                })
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    if let Some(p) = &article.publisher {
        meta.push(p.name.clone());
    }
    if let Some(d) = article.published {
        meta.push(d.to_rfc3339());
    }
    if !meta.is_empty() {
        out.push_str(&format!("*{}*\n\n", md_escape(&meta.join(" · "))));
    }
    if let Some(lead) = &article.lead {
        out.push_str(&format!("**{}**\n\n", md(lead)));
    }
    for b in &article.blocks {
        match b {
            Block::Paragraph { text } => out.push_str(&md(text)),
            Block::Heading { level, text } => {
                out.push_str(&"#".repeat(usize::from((*level).clamp(2, 6))));
                out.push(' ');
                out.push_str(&md(text));
            }
            Block::Quote { text, cite } => {
                out.push_str("> ");
                out.push_str(&md(text).replace('\n', "\n> "));
                if let Some(c) = cite {
                    out.push_str(&format!("\n>\n> — {}", md_escape(c)));
                }
            }
            Block::List { ordered, items } => {
                for (i, item) in items.iter().enumerate() {
                    if *ordered {
                        out.push_str(&format!("{}. ", i + 1));
                    } else {
                        out.push_str("- ");
                    }
                    out.push_str(&md(item).replace('\n', "\n  "));
                    out.push('\n');
                }
            }
            Block::Table { header, rows } => {
                let width = rows.iter().map(Vec::len).max().unwrap_or(0);
                for (i, row) in rows.iter().enumerate() {
                    out.push('|');
                    for c in 0..width {
                        let cell = row
                            .get(c)
                            .map(md)
                            .unwrap_or_default()
                            .replace('|', "\\|")
                            .replace('\n', " ");
                        out.push_str(&format!(" {cell} |"));
                    }
                    out.push('\n');
                    if i == 0 {
                        out.push('|');
                        out.push_str(&" --- |".repeat(width));
                        out.push('\n');
                        if !header {
                            // Markdown tables need a header row; the first row stands in.
                        }
                    }
                }
            }
            Block::Figure(f) => md_figure(f, &mut out),
            Block::Embed { kind, url, title } => {
                let label = title.clone().unwrap_or_else(|| format!("{kind:?}"));
                out.push_str(&format!("[{}]({url})", md_escape(&label)));
            }
        }
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push('\n');
    }
    if let Some(src) = article
        .canonical_url
        .as_deref()
        .or(Some(article.url.as_str()))
        .filter(|u| !u.is_empty())
    {
        out.push_str(&format!("Source: <{src}>\n"));
    }
    out
}

fn html_inline(inlines: &[Inline], out: &mut String) {
    for i in inlines {
        match i {
            Inline::Text(t) => out.push_str(&article::escape::escape_html(t)),
            Inline::Bold(c) => {
                out.push_str("<strong>");
                html_inline(c, out);
                out.push_str("</strong>");
            }
            Inline::Italic(c) => {
                out.push_str("<em>");
                html_inline(c, out);
                out.push_str("</em>");
            }
            Inline::Link { href, children } => {
                if is_safe_href(href) {
                    out.push_str(&format!(
                        "<a href=\"{}\">",
                        article::escape::escape_html(href)
                    ));
                    html_inline(children, out);
                    out.push_str("</a>");
                } else {
                    html_inline(children, out);
                }
            }
            Inline::Break => out.push_str("<br>"),
            Inline::Foreign { lang, children } => {
                out.push_str(&format!(
                    "<span lang=\"{}\">",
                    article::escape::escape_html(lang)
                ));
                html_inline(children, out);
                out.push_str("</span>");
            }
        }
    }
}

fn html(text: &RichText) -> String {
    let mut s = String::new();
    html_inline(&text.0, &mut s);
    s
}

/// Renders an article as a standalone, script-free HTML document.
pub fn to_html(article: &Article) -> String {
    let lang = article
        .language
        .as_deref()
        .map(|l| format!(" lang=\"{}\"", article::escape::escape_html(l)))
        .unwrap_or_default();
    let mut out = format!(
        "<!DOCTYPE html>\n<html{lang}>\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n</head>\n<body>\n<article>\n<h1>{}</h1>\n",
        article::escape::escape_html(&article.title),
        article::escape::escape_html(&article.title)
    );
    let mut meta = Vec::new();
    for a in &article.authors {
        meta.push(match &a.role {
            Some(r) => format!(
                "{} ({})",
                article::escape::escape_html(&a.name),
                article::escape::escape_html(r)
            ),
            None => article::escape::escape_html(&a.name),
        });
    }
    if let Some(p) = &article.publisher {
        meta.push(article::escape::escape_html(&p.name));
    }
    if let Some(d) = article.published {
        meta.push(format!(
            "<time datetime=\"{}\">{}</time>",
            d.to_rfc3339(),
            d.format("%Y-%m-%d %H:%M %:z")
        ));
    }
    if !meta.is_empty() {
        out.push_str(&format!("<p class=\"meta\">{}</p>\n", meta.join(" · ")));
    }
    if let Some(lead) = &article.lead {
        out.push_str(&format!(
            "<p class=\"lead\"><strong>{}</strong></p>\n",
            html(lead)
        ));
    }
    for b in &article.blocks {
        match b {
            Block::Paragraph { text } => out.push_str(&format!("<p>{}</p>\n", html(text))),
            Block::Heading { level, text } => {
                let l = (*level).clamp(2, 6);
                out.push_str(&format!("<h{l}>{}</h{l}>\n", html(text)));
            }
            Block::Quote { text, cite } => {
                out.push_str(&format!("<blockquote><p>{}</p>", html(text)));
                if let Some(c) = cite {
                    out.push_str(&format!(
                        "<footer>{}</footer>",
                        article::escape::escape_html(c)
                    ));
                }
                out.push_str("</blockquote>\n");
            }
            Block::List { ordered, items } => {
                let tag = if *ordered { "ol" } else { "ul" };
                out.push_str(&format!("<{tag}>"));
                for item in items {
                    out.push_str(&format!("<li>{}</li>", html(item)));
                }
                out.push_str(&format!("</{tag}>\n"));
            }
            Block::Table { header, rows } => {
                out.push_str("<table>");
                for (i, row) in rows.iter().enumerate() {
                    let cell = if *header && i == 0 { "th" } else { "td" };
                    out.push_str("<tr>");
                    for c in row {
                        out.push_str(&format!("<{cell}>{}</{cell}>", html(c)));
                    }
                    out.push_str("</tr>");
                }
                out.push_str("</table>\n");
            }
            Block::Figure(f) => {
                out.push_str(&format!(
                    "<figure><img src=\"{}\"",
                    article::escape::escape_html(&f.src)
                ));
                if let Some(a) = &f.alt {
                    out.push_str(&format!(" alt=\"{}\"", article::escape::escape_html(a)));
                }
                if let Some(w) = f.width {
                    out.push_str(&format!(" width=\"{w}\""));
                }
                if let Some(h) = f.height {
                    out.push_str(&format!(" height=\"{h}\""));
                }
                out.push('>');
                if f.caption.is_some() || f.credit.is_some() {
                    out.push_str("<figcaption>");
                    if let Some(c) = &f.caption {
                        out.push_str(&html(c));
                    }
                    if let Some(c) = &f.credit {
                        out.push_str(&format!(
                            " <small>{}</small>",
                            article::escape::escape_html(c)
                        ));
                    }
                    out.push_str("</figcaption>");
                }
                out.push_str("</figure>\n");
            }
            Block::Embed { url, title, .. } => {
                let label = title.as_deref().unwrap_or(url);
                out.push_str(&format!(
                    "<p class=\"embed\"><a href=\"{}\">{}</a></p>\n",
                    article::escape::escape_html(url),
                    article::escape::escape_html(label)
                ));
            }
        }
    }
    let src = article.identity_url();
    if !src.is_empty() {
        out.push_str(&format!(
            "<p class=\"source\">Source: <a href=\"{}\">{}</a></p>\n",
            article::escape::escape_html(src),
            article::escape::escape_html(src)
        ));
    }
    out.push_str("</article>\n</body>\n</html>\n");
    out
}

/// The article's JSON view: every field of [`Article`], plus `body_text`
/// (the plain body, as scored and as translated) and `word_count`.
#[derive(serde::Serialize)]
struct WithText<'a> {
    #[serde(flatten)]
    article: &'a Article,
    body_text: String,
    word_count: usize,
}

fn with_text(article: &Article) -> WithText<'_> {
    WithText {
        article,
        body_text: article.body_text(),
        word_count: article.word_count(),
    }
}

/// Renders an article as pretty JSON: every field of [`Article`], plus
/// `body_text` (the plain body, as scored and as translated) and `word_count`.
pub fn to_json(article: &Article) -> String {
    serde_json::to_string_pretty(&with_text(article))
        .unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

/// The same object as [`to_json`], as a `serde_json::Value` (for embedding in
/// another document, such as one line of `newsbridge extract --format jsonl`).
pub fn to_json_value(article: &Article) -> serde_json::Value {
    serde_json::to_value(with_text(article)).unwrap_or(serde_json::Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;
    use article::{Author, Figure};

    fn sample() -> Article {
        Article {
            url: "https://x.vn/a.html".into(),
            title: "Tiêu đề <b>".into(),
            lead: Some(RichText::plain("Sa pô.")),
            blocks: vec![
                Block::Paragraph {
                    text: RichText(vec![
                        Inline::Text("Xem ".into()),
                        Inline::Link {
                            href: "javascript:alert(1)".into(),
                            children: vec![Inline::Text("đây".into())],
                        },
                        Inline::Break,
                        Inline::Bold(vec![Inline::Text("đậm".into())]),
                    ]),
                },
                Block::Heading {
                    level: 2,
                    text: "Mục".into(),
                },
                Block::Figure(Figure {
                    src: "https://x.vn/a.jpg".into(),
                    alt: Some("Ảnh \"x\"".into()),
                    caption: Some("Chú thích".into()),
                    credit: Some("Reuters".into()),
                    width: Some(800),
                    height: None,
                }),
            ],
            authors: vec![Author {
                name: "Minh Anh".into(),
                role: Some("Photos".into()),
                url: None,
            }],
            ..Default::default()
        }
    }

    #[test]
    fn markdown() {
        let md = to_markdown(&sample());
        assert!(md.starts_with("# Tiêu đề \\<b\\>\n"), "{md}");
        assert!(md.contains("*Minh Anh (Photos)*"));
        assert!(md.contains("**Sa pô.**"));
        assert!(md.contains("Xem đây  \n**đậm**"), "{md}");
        assert!(md.contains("## Mục"));
        assert!(md.contains("![Ảnh \"x\"](https://x.vn/a.jpg)\n*Chú thích (Reuters)*"));
    }

    #[test]
    fn html_is_escaped_and_script_free() {
        let html = to_html(&sample());
        assert!(html.contains("<h1>Tiêu đề &lt;b&gt;</h1>"));
        assert!(
            !html.contains("javascript:"),
            "unsafe links lose their href"
        );
        assert!(html.contains("alt=\"Ảnh &quot;x&quot;\""));
        assert!(html.contains("<figcaption>Chú thích <small>Reuters</small></figcaption>"));
    }

    #[test]
    fn json_carries_body_text() {
        let v: serde_json::Value = serde_json::from_str(&to_json(&sample())).unwrap();
        assert_eq!(v["body_text"], "Xem đây\nđậm\n\nMục");
        assert_eq!(v["title"], "Tiêu đề <b>");
        assert_eq!(v["word_count"], 2 + 4);
    }
}
