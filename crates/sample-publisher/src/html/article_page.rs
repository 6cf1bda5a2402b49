//! The article page: metadata in `<head>`, the article, then related links and comments.

use super::chrome::{self, Page};
use super::escape::rich;
use super::{esc, json_str, View};
use crate::dates::{vi_date, vi_datetime};
use crate::model::{BodyBlock, Newspaper, SampleArticle, SampleImage};
use crate::slug::paper_slug;
use article::dates::w3c;

/// Renders the full page of article `a`.
pub fn article_page(v: &View<'_>, a: &SampleArticle) -> String {
    let section = v.section_name(&a.section);
    let mut main = String::with_capacity(8_000);
    main.push_str(&format!(
        "<article class=\"article-detail\" data-id=\"{}\">\n<header class=\"article-header\">\n",
        a.id
    ));
    main.push_str(&format!(
        "<div class=\"article-meta\"><a class=\"section-label\" href=\"/{}/\">{}</a> \
         <span class=\"date\">{}</span></div>\n",
        esc(&a.section),
        esc(section),
        vi_datetime(&a.published)
    ));
    main.push_str(&format!(
        "<h1 class=\"title-detail\">{}</h1>\n",
        esc(&a.title)
    ));
    main.push_str(&share_bar("share-top"));
    // Two common shapes of the lead (sapo) on Vietnamese news sites.
    if a.id.is_multiple_of(2) {
        main.push_str(&format!("<p class=\"description\">{}</p>\n", esc(&a.lead)));
    } else {
        main.push_str(&format!("<h2 class=\"sapo\">{}</h2>\n", esc(&a.lead)));
    }
    main.push_str(&byline(a));
    main.push_str("</header>\n<div class=\"article-body\">\n");
    main.push_str(&body(v, a));
    main.push_str("</div>\n<footer class=\"article-footer\">\n");
    if let Some(m) = a.modified {
        main.push_str(&format!(
            "<p class=\"updated\">Cập nhật: {}</p>\n",
            vi_datetime(&m)
        ));
    }
    main.push_str("<div class=\"tags\"><span class=\"tags-label\">Từ khóa:</span> ");
    let tags: Vec<String> = a
        .tags
        .iter()
        .map(|t| {
            format!(
                "<a href=\"/tag/{}\" rel=\"tag\">{}</a>",
                esc(&paper_slug(t)),
                esc(t)
            )
        })
        .collect();
    main.push_str(&tags.join(", "));
    main.push_str("</div>\n");
    main.push_str(&share_bar("share-bottom"));
    main.push_str("</footer>\n</article>\n");
    main.push_str(&related(v, a));
    main.push_str(&comments(a));

    let page = Page {
        title: &a.title,
        description: &a.lead,
        canonical: &a.path(),
        head: head(v, a, section),
        body_class: "page-article",
        crumbs: vec![(section.to_string(), Some(format!("/{}/", a.section)))],
        main,
        active_section: Some(&a.section),
    };
    chrome::render(v, page)
}

fn head(v: &View<'_>, a: &SampleArticle, section: &str) -> String {
    let url = a.url(v.base);
    let mut h = String::new();
    let image = a.images.first().map(|i| format!("{}{}", v.base, i.path));
    h.push_str(&format!(
        "<meta name=\"keywords\" content=\"{}\">\n",
        esc(&a.tags.join(", "))
    ));
    let authors: Vec<&str> = a.authors.iter().map(|b| b.name.as_str()).collect();
    h.push_str(&format!(
        "<meta name=\"author\" content=\"{}\">\n",
        esc(&authors.join(", "))
    ));
    h.push_str(&format!(
        "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"{}\" href=\"/rss/{}.rss\">\n",
        esc(section),
        esc(&a.section)
    ));
    let og = [
        ("og:site_name", v.paper.name.clone()),
        ("og:type", "article".into()),
        ("og:locale", "vi_VN".into()),
        ("og:title", a.title.clone()),
        ("og:description", a.lead.clone()),
        ("og:url", url.clone()),
    ];
    for (k, val) in og {
        h.push_str(&format!(
            "<meta property=\"{k}\" content=\"{}\">\n",
            esc(&val)
        ));
    }
    if let (Some(src), Some(img)) = (&image, a.images.first()) {
        h.push_str(&format!(
            "<meta property=\"og:image\" content=\"{}\">\n",
            esc(src)
        ));
        h.push_str(&format!(
            "<meta property=\"og:image:alt\" content=\"{}\">\n",
            esc(&img.alt)
        ));
    }
    h.push_str(&format!(
        "<meta property=\"article:published_time\" content=\"{}\">\n",
        w3c(&a.published)
    ));
    if let Some(m) = a.modified {
        h.push_str(&format!(
            "<meta property=\"article:modified_time\" content=\"{}\">\n",
            w3c(&m)
        ));
    }
    h.push_str(&format!(
        "<meta property=\"article:section\" content=\"{}\">\n",
        esc(section)
    ));
    for t in &a.tags {
        h.push_str(&format!(
            "<meta property=\"article:tag\" content=\"{}\">\n",
            esc(t)
        ));
    }
    h.push_str("<script type=\"application/ld+json\">\n");
    h.push_str(&json_ld(v, a, &url, section));
    h.push_str("\n</script>\n");
    h
}

fn json_ld(v: &View<'_>, a: &SampleArticle, url: &str, section: &str) -> String {
    let authors: Vec<String> = a
        .authors
        .iter()
        .map(|b| {
            format!(
                "{{\"@type\":\"Person\",\"name\":{},\"jobTitle\":{},\"url\":{}}}",
                json_str(&b.name),
                json_str(&b.role),
                json_str(&format!("{}{}", v.base, b.path()))
            )
        })
        .collect();
    let images: Vec<String> = a
        .images
        .iter()
        .map(|i| json_str(&format!("{}{}", v.base, i.path)))
        .collect();
    let keywords: Vec<String> = a.tags.iter().map(|t| json_str(t)).collect();
    let modified = w3c(&a.last_modified());
    format!(
        "{{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\
         \"mainEntityOfPage\":{{\"@type\":\"WebPage\",\"@id\":{url}}},\
         \"headline\":{headline},\"description\":{desc},\"inLanguage\":\"vi\",\
         \"articleSection\":{section},\"keywords\":[{keywords}],\
         \"image\":[{images}],\"datePublished\":{published},\"dateModified\":{modified},\
         \"author\":[{authors}],\
         \"publisher\":{{\"@type\":\"NewsMediaOrganization\",\"name\":{paper},\"url\":{home},\
         \"logo\":{{\"@type\":\"ImageObject\",\"url\":{logo},\"width\":220,\"height\":48}}}}}}",
        url = json_str(url),
        headline = json_str(&a.title),
        desc = json_str(&a.lead),
        section = json_str(section),
        keywords = keywords.join(","),
        images = images.join(","),
        published = json_str(&w3c(&a.published)),
        modified = json_str(&modified),
        authors = authors.join(","),
        paper = json_str(&v.paper.name),
        home = json_str(&format!("{}/", v.base)),
        logo = json_str(&format!("{}{}", v.base, Newspaper::LOGO_PATH)),
    )
}

fn share_bar(class: &str) -> String {
    format!(
        "<div class=\"social-share {class}\"><span>Chia sẻ:</span> \
         <button type=\"button\" data-network=\"facebook\">Facebook</button> \
         <button type=\"button\" data-network=\"zalo\">Zalo</button> \
         <button type=\"button\" data-network=\"x\">X</button> \
         <button type=\"button\" class=\"copy-link\">Sao chép liên kết</button> \
         <button type=\"button\" class=\"print\">In bài</button></div>\n"
    )
}

fn byline(a: &SampleArticle) -> String {
    let parts: Vec<String> = a
        .authors
        .iter()
        .map(|b| {
            format!(
                "<span class=\"byline-item\"><span class=\"byline-role\">{}:</span> \
                 <a class=\"author\" rel=\"author\" href=\"{}\">{}</a></span>",
                esc(&b.role),
                esc(&b.path()),
                esc(&b.name)
            )
        })
        .collect();
    format!(
        "<div class=\"byline\">{}</div>\n",
        parts.join(" <span class=\"sep\">-</span> ")
    )
}

fn body(v: &View<'_>, a: &SampleArticle) -> String {
    let mut s = String::new();
    let paragraphs_before_ad = 2;
    let mut paragraphs = 0;
    let related_at = a.body.len() * 2 / 3;
    for (i, block) in a.body.iter().enumerate() {
        match block {
            BodyBlock::Paragraph(t) => {
                s.push_str(&format!("<p class=\"Normal\">{}</p>\n", rich(t)));
                paragraphs += 1;
                if paragraphs == paragraphs_before_ad && a.body.len() > 5 {
                    s.push_str(
                        "<div class=\"ad ad-inarticle\" data-slot=\"in-article\"><span class=\"ad-label\">Quảng cáo</span></div>\n",
                    );
                }
            }
            BodyBlock::Heading { level, text } => {
                let level = (*level).clamp(2, 6);
                s.push_str(&format!("<h{level}>{}</h{level}>\n", esc(text)));
            }
            BodyBlock::Quote { text, cite } => {
                s.push_str(&format!("<blockquote>\n<p>{}</p>\n", rich(text)));
                if let Some(c) = cite {
                    s.push_str(&format!("<footer><cite>{}</cite></footer>\n", esc(c)));
                }
                s.push_str("</blockquote>\n");
            }
            BodyBlock::List { ordered, items } => {
                let tag = if *ordered { "ol" } else { "ul" };
                s.push_str(&format!("<{tag}>\n"));
                for item in items {
                    s.push_str(&format!("<li>{}</li>\n", rich(item)));
                }
                s.push_str(&format!("</{tag}>\n"));
            }
            BodyBlock::Image(n) => {
                if let Some(img) = a.images.get(*n) {
                    s.push_str(&figure(a.id, *n, img));
                }
            }
        }
        if i + 1 == related_at {
            s.push_str(&inline_related(v, a));
        }
    }
    s
}

/// Three ways pages load images: plain `src`, `srcset`, and lazy `data-src`.
fn figure(id: u32, n: usize, img: &SampleImage) -> String {
    let alt = esc(&img.alt);
    let (w, h) = (img.width, img.height);
    let tag = match (id as usize + n) % 3 {
        0 => format!("<img src=\"{}\" alt=\"{alt}\" width=\"{w}\" height=\"{h}\">", esc(&img.path)),
        1 => format!(
            "<img src=\"{p}\" srcset=\"{small} 480w, {p} {w}w\" sizes=\"(max-width: 600px) 480px, 760px\" \
             alt=\"{alt}\" width=\"{w}\" height=\"{h}\">",
            p = esc(&img.path),
            small = esc(&img.small_path()),
        ),
        _ => format!(
            "<img class=\"lazy\" src=\"/static/placeholder.svg\" data-src=\"{}\" loading=\"lazy\" \
             alt=\"{alt}\" width=\"{w}\" height=\"{h}\">",
            esc(&img.path)
        ),
    };
    format!(
        "<figure class=\"tplCaption\">\n{tag}\n<figcaption><span class=\"caption\">{}</span> \
         <span class=\"credit\">Ảnh: {}</span></figcaption>\n</figure>\n",
        esc(&img.caption),
        esc(&img.credit)
    )
}

/// The "Xem thêm" box newspapers put inside the body, pointing elsewhere.
fn inline_related(v: &View<'_>, a: &SampleArticle) -> String {
    match v.related(a, 1).first() {
        Some(r) => format!(
            "<div class=\"box-xem-them\" data-role=\"related\"><strong>Xem thêm:</strong> <a href=\"{}\">{}</a></div>\n",
            esc(&r.path()),
            esc(&r.title)
        ),
        None => String::new(),
    }
}

fn related(v: &View<'_>, a: &SampleArticle) -> String {
    let mut s = String::from(
        "<section class=\"box-related\"><h3 class=\"box-title\">Tin liên quan</h3><ul>\n",
    );
    for r in v.related(a, 5) {
        s.push_str(&format!(
            "<li><a href=\"{}\">{}</a> <span class=\"date\">{}</span></li>\n",
            esc(&r.path()),
            esc(&r.title),
            vi_date(&r.published)
        ));
    }
    s.push_str("</ul></section>\n");
    s
}

fn comments(a: &SampleArticle) -> String {
    format!(
        "<section id=\"binh-luan\" class=\"box-comments\" data-article-id=\"{}\">\n\
         <h3 class=\"box-title\">Ý kiến bạn đọc (0)</h3>\n\
         <p class=\"comments-empty\">Chưa có ý kiến nào. Hãy là người đầu tiên chia sẻ suy nghĩ của bạn.</p>\n\
         <form class=\"comment-form\" action=\"/binh-luan\" method=\"post\">\
         <textarea name=\"noi_dung\" placeholder=\"Ý kiến của bạn\"></textarea>\
         <input type=\"text\" name=\"ten\" placeholder=\"Họ tên\"> <button type=\"submit\">Gửi ý kiến</button></form>\n\
         </section>\n",
        a.id
    )
}
