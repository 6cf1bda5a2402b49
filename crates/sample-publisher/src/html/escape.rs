//! Escaping for HTML, XML and JSON, and rich text to HTML.

use article::{Inline, RichText};

/// Escapes text for HTML or XML content and attribute values.
pub use article::escape::escape_html as esc;

/// A JSON string literal, safe inside a `<script>` element.
pub fn json_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Renders rich text as HTML inline markup.
pub fn rich(text: &RichText) -> String {
    let mut out = String::new();
    push_inlines(&text.0, &mut out);
    out
}

fn push_inlines(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(t) => out.push_str(&esc(t)),
            Inline::Bold(c) => {
                out.push_str("<strong>");
                push_inlines(c, out);
                out.push_str("</strong>");
            }
            Inline::Italic(c) => {
                out.push_str("<em>");
                push_inlines(c, out);
                out.push_str("</em>");
            }
            Inline::Link { href, children } => {
                out.push_str(&format!("<a href=\"{}\">", esc(href)));
                push_inlines(children, out);
                out.push_str("</a>");
            }
            Inline::Break => out.push_str("<br>"),
            Inline::Foreign { lang, children } => {
                out.push_str(&format!("<span lang=\"{}\">", esc(lang)));
                push_inlines(children, out);
                out.push_str("</span>");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(esc("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&#39;");
        assert_eq!(
            json_str("x\"</script>\n"),
            "\"x\\\"\\u003c/script\\u003e\\n\""
        );
        let t = RichText(vec![
            Inline::Text("1 < 2 ".into()),
            Inline::Link {
                href: "/a?b=1&c=2".into(),
                children: vec![Inline::Text("x".into())],
            },
        ]);
        assert_eq!(rich(&t), "1 &lt; 2 <a href=\"/a?b=1&amp;c=2\">x</a>");
    }
}
