//! Images and embeds: resolving lazy-loaded sources, credits in captions, embed kinds.

use article::{EmbedKind, Figure};

use crate::dom::{Dom, NodeId};
use crate::text::clean;
use crate::urls::{absolute, best_srcset};

/// What kind of embed a source URL is.
pub(crate) fn embed_kind(url: &str) -> EmbedKind {
    if [
        "youtube",
        "youtu.be",
        "vimeo",
        "dailymotion",
        "player",
        "video",
        "tv.",
        "/embed/v",
    ]
    .iter()
    .any(|k| url.contains(k))
    {
        EmbedKind::Video
    } else if [
        "twitter.com",
        "x.com/",
        "facebook.com",
        "instagram.com",
        "tiktok.com",
        "threads.net",
    ]
    .iter()
    .any(|k| url.contains(k))
    {
        EmbedKind::Post
    } else if url.contains("google.com/maps")
        || url.contains("maps.google")
        || url.contains("openstreetmap")
    {
        EmbedKind::Map
    } else {
        EmbedKind::Other
    }
}

/// Splits a trailing credit: "Caption. Ảnh: Reuters" → ("Caption.", "Reuters").
pub(crate) fn split_credit(caption: &str) -> Option<(String, String)> {
    const LABELS: &[&str] = &[
        "Ảnh:",
        "(Ảnh:",
        "Ảnh minh họa:",
        "Photo:",
        "(Photo:",
        "Photos:",
        "Foto:",
        "(Foto:",
        "Image:",
        "Credit:",
        "Nguồn:",
        "(Nguồn:",
        "Video:",
        "Đồ họa:",
        "Photo by",
        "Photograph:",
    ];
    let mut best: Option<usize> = None;
    for l in LABELS {
        if let Some(pos) = caption.rfind(l) {
            if best.is_none_or(|b| pos > b) {
                best = Some(pos);
            }
        }
    }
    let pos = best?;
    let (rest, credit) = caption.split_at(pos);
    // "(Ảnh: X)." — the credit ends at the parenthesis; what follows belongs to the caption.
    let opened = rest.trim_end().ends_with('(') || credit.starts_with('(');
    let (credit, tail) = match credit.find(')') {
        Some(close) if opened => (&credit[..close], credit.get(close + 1..).unwrap_or("")),
        _ => (credit, ""),
    };
    let rest = format!(
        "{}{}",
        rest.trim_end().trim_end_matches('(').trim_end(),
        tail.trim()
    );
    let rest = rest.as_str();
    let who = strip_credit_label(credit);
    if who.is_empty() || who.chars().count() > 80 {
        return None;
    }
    let rest = rest
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '(' | '-' | '–' | '—' | '|'));
    Some((rest.to_owned(), who))
}

pub(crate) fn strip_credit_label(s: &str) -> String {
    let s = s.trim().trim_start_matches('(').trim_end_matches(')');
    let s = match s.find(':') {
        Some(i) if i < 20 => s.get(i + 1..).unwrap_or(""),
        _ => s
            .strip_prefix("Photo by")
            .or_else(|| s.strip_prefix("©"))
            .unwrap_or(s),
    };
    clean(s.trim_end_matches(')'))
}

/// Placeholder images that lazy loaders put in `src`.
fn is_placeholder(src: &str) -> bool {
    let l = src.to_ascii_lowercase();
    l.starts_with("data:")
        || l.contains("blank.")
        || l.contains("placeholder")
        || l.contains("lazy")
        || l.contains("spacer")
        || l.contains("pixel.gif")
        || l.contains("loading.")
        || l.ends_with("1x1.gif")
        || l.ends_with("grey.gif")
}

/// Builds a figure from an `<img>`, a `<picture>` or a `<noscript>` holding an image.
pub(crate) fn figure_of(dom: &Dom, base: Option<&url::Url>, id: NodeId) -> Option<Figure> {
    if dom.is(id, "noscript") {
        let inner = crate::dom::parse(&dom.text_content(id));
        let img = inner.find_all(crate::dom::ROOT, "img").next()?;
        return figure_of(&inner, base, img);
    }
    let img = if dom.is(id, "img") {
        id
    } else {
        dom.find_all(id, "img").next().unwrap_or(id)
    };
    let mut candidates: Vec<String> = Vec::new();
    for attr in [
        "data-src",
        "data-original",
        "data-lazy-src",
        "data-lazy",
        "data-full-src",
        "data-url",
        "data-original-src",
        "data-hi-res-src",
        "data-echo",
    ] {
        if let Some(v) = dom.attr_nonempty(img, attr) {
            candidates.push(v.to_owned());
        }
    }
    for attr in ["data-srcset", "data-lazy-srcset", "srcset"] {
        if let Some(v) = dom.attr_nonempty(img, attr).and_then(best_srcset) {
            candidates.push(v.to_owned());
        }
    }
    if dom.is(dom.parent(img), "picture") || dom.is(id, "picture") {
        let pic = if dom.is(id, "picture") {
            id
        } else {
            dom.parent(img)
        };
        for s in dom.find_all(pic, "source") {
            if let Some(v) = dom
                .attr_nonempty(s, "srcset")
                .or_else(|| dom.attr_nonempty(s, "data-srcset"))
                .and_then(best_srcset)
            {
                candidates.push(v.to_owned());
            }
        }
    }
    if let Some(v) = dom.attr_nonempty(img, "src") {
        candidates.push(v.to_owned());
    }
    let src = candidates
        .iter()
        .filter(|c| !is_placeholder(c))
        .find_map(|c| absolute(base, c))?;
    let dim = |a: &str| {
        dom.attr(img, a)
            .and_then(|v| v.trim().trim_end_matches("px").parse::<u32>().ok())
            .filter(|&v| v > 0)
    };
    let (width, height) = (dim("width"), dim("height"));
    // Icons, avatars and tracking pixels are not figures.
    if width.is_some_and(|w| w < 50) || height.is_some_and(|h| h < 50) {
        return None;
    }
    let alt = dom.attr(img, "alt").map(clean).filter(|a| !a.is_empty());
    let title = dom.attr(img, "title").map(clean).filter(|a| !a.is_empty());
    Some(Figure {
        src,
        alt: alt.or(title),
        caption: None,
        credit: None,
        width,
        height,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::{parse, ROOT};

    fn first_img(html: &str) -> Option<Figure> {
        let dom = parse(html);
        let base = url::Url::parse("https://baox.vn/a/b.html").ok();
        let img = dom.find_all(ROOT, "img").next()?;
        figure_of(&dom, base.as_ref(), img)
    }

    #[test]
    fn lazy_sources_win_over_placeholders() {
        let f = first_img(
            r#"<img src="data:image/gif;base64,R0l" data-src="/x/real.jpg" alt=" Ảnh  thật ">"#,
        )
        .unwrap();
        assert_eq!(f.src, "https://baox.vn/x/real.jpg");
        assert_eq!(f.alt.as_deref(), Some("Ảnh thật"));
        let f =
            first_img(r#"<img src="/lazy.png" data-srcset="s.jpg 300w, l.jpg 1200w">"#).unwrap();
        assert_eq!(f.src, "https://baox.vn/a/l.jpg");
        let f = first_img(r#"<picture><source srcset="//cdn.vn/b.webp 2x"><img src="a.jpg" width="800" height="600px"></picture>"#).unwrap();
        assert_eq!(
            (f.src.as_str(), f.width, f.height),
            ("https://cdn.vn/b.webp", Some(800), Some(600))
        );
    }

    #[test]
    fn icons_and_pixels_are_not_figures() {
        assert!(first_img(r#"<img src="/icon.png" width="16" height="16">"#).is_none());
        assert!(first_img(r#"<img src="data:image/png;base64,xyz">"#).is_none());
    }

    #[test]
    fn noscript_fallback() {
        let dom = parse(r#"<figure><noscript><img src="/real.jpg" alt="x"></noscript></figure>"#);
        let ns = dom.find_all(ROOT, "noscript").next().unwrap();
        let f = figure_of(&dom, None, ns);
        assert!(f.is_none(), "relative URL without a base is dropped");
        let base = url::Url::parse("https://baox.vn/").ok();
        assert_eq!(
            figure_of(&dom, base.as_ref(), ns).unwrap().src,
            "https://baox.vn/real.jpg"
        );
    }

    #[test]
    fn credits() {
        assert_eq!(
            split_credit("Binh sĩ tại Kursk. Ảnh: Reuters"),
            Some(("Binh sĩ tại Kursk.".into(), "Reuters".into()))
        );
        assert_eq!(
            split_credit("Du khách trên sông Hoài (Ảnh: Công Bính)."),
            Some(("Du khách trên sông Hoài.".into(), "Công Bính".into()))
        );
        assert_eq!(split_credit("Không có nguồn ảnh"), None);
    }

    #[test]
    fn embed_kinds() {
        assert_eq!(
            embed_kind("https://www.youtube.com/embed/x"),
            EmbedKind::Video
        );
        assert_eq!(
            embed_kind("https://twitter.com/a/status/1"),
            EmbedKind::Post
        );
        assert_eq!(
            embed_kind("https://www.google.com/maps/embed?pb=1"),
            EmbedKind::Map
        );
        assert_eq!(embed_kind("https://example.com/widget"), EmbedKind::Other);
    }
}
