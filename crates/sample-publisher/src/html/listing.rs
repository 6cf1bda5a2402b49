//! Listing pages: home, section (paginated), author, tag, and the 404 page.

use std::sync::Arc;

use super::chrome::{self, Page};
use super::{esc, View};
use crate::dates::vi_datetime;
use crate::model::{SampleArticle, Section};
use crate::slug::paper_slug;

/// Articles per section, author or tag page.
pub const PAGE_SIZE: usize = 15;

fn teaser(a: &SampleArticle, section: &str, with_image: bool) -> String {
    let mut s = String::from("<article class=\"item-news\">\n");
    if with_image {
        if let Some(img) = a.images.first() {
            s.push_str(&format!(
                "<a class=\"thumb\" href=\"{}\"><img src=\"{}\" alt=\"{}\" width=\"480\" height=\"320\"></a>\n",
                esc(&a.path()),
                esc(&img.small_path()),
                esc(&img.alt)
            ));
        }
    }
    s.push_str(&format!(
        "<h3 class=\"title-news\"><a href=\"{}\" title=\"{}\">{}</a></h3>\n",
        esc(&a.path()),
        esc(&a.title),
        esc(&a.title)
    ));
    s.push_str(&format!(
        "<p class=\"meta-news\"><span class=\"cat\">{}</span> · <span class=\"time\">{}</span></p>\n",
        esc(section),
        vi_datetime(&a.published)
    ));
    s.push_str(&format!(
        "<p class=\"lead-news\">{}</p>\n</article>\n",
        esc(&a.lead)
    ));
    s
}

/// The home page: the latest articles, then the newest few of each section.
pub fn home_page(v: &View<'_>) -> String {
    let latest = v.catalog.latest();
    let mut main =
        String::from("<section class=\"latest\"><h2 class=\"box-title\">Tin mới nhất</h2>\n");
    for a in latest.iter().take(20) {
        main.push_str(&teaser(a, v.section_name(&a.section), true));
    }
    main.push_str("</section>\n");
    for sec in v.sections {
        main.push_str(&format!(
            "<section class=\"box-section\"><h2 class=\"box-title\"><a href=\"{}\">{}</a></h2><ul>\n",
            esc(&sec.path()),
            esc(&sec.name)
        ));
        for a in latest.iter().filter(|a| a.section == sec.slug).take(5) {
            main.push_str(&format!(
                "<li><a href=\"{}\">{}</a></li>\n",
                esc(&a.path()),
                esc(&a.title)
            ));
        }
        main.push_str("</ul></section>\n");
    }
    chrome::render(
        v,
        Page {
            title: "Tin tức mới nhất",
            description: &v.paper.description,
            canonical: "/",
            head: String::new(),
            body_class: "page-home",
            crumbs: Vec::new(),
            main,
            active_section: None,
        },
    )
}

/// Page `page` (1-based) of a section's listing; `None` when out of range.
pub fn section_page(v: &View<'_>, sec: &Section, page: usize) -> Option<String> {
    let items: Vec<&Arc<SampleArticle>> = v
        .catalog
        .latest()
        .iter()
        .filter(|a| a.section == sec.slug)
        .collect();
    let head = format!(
        "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"{}\" href=\"{}\">\n",
        esc(&sec.name),
        esc(&sec.feed_path())
    );
    let intro = format!(
        "<p class=\"section-description\">{}</p>\n",
        esc(&sec.description)
    );
    listing(
        v,
        &sec.name,
        &sec.path(),
        &intro,
        &items,
        page,
        head,
        Some(&sec.slug),
    )
}

/// Page `page` of an author's articles; `None` when the author is unknown.
pub fn author_page(v: &View<'_>, slug: &str, page: usize) -> Option<String> {
    let items: Vec<&Arc<SampleArticle>> = v
        .catalog
        .latest()
        .iter()
        .filter(|a| a.authors.iter().any(|b| paper_slug(&b.name) == slug))
        .collect();
    let name = items
        .first()?
        .authors
        .iter()
        .find(|b| paper_slug(&b.name) == slug)?
        .name
        .clone();
    let path = format!("/tac-gia/{slug}");
    let intro = "<p class=\"author-bio\">Bài viết của tác giả trên báo.</p>\n";
    listing(v, &name, &path, intro, &items, page, String::new(), None)
}

/// Page `page` of a tag's articles; `None` when no article has the tag.
pub fn tag_page(v: &View<'_>, slug: &str, page: usize) -> Option<String> {
    let items: Vec<&Arc<SampleArticle>> = v
        .catalog
        .latest()
        .iter()
        .filter(|a| a.tags.iter().any(|t| paper_slug(t) == slug))
        .collect();
    let name = items
        .first()?
        .tags
        .iter()
        .find(|t| paper_slug(t) == slug)?
        .clone();
    let path = format!("/tag/{slug}");
    listing(v, &name, &path, "", &items, page, String::new(), None)
}

#[allow(clippy::too_many_arguments)]
fn listing(
    v: &View<'_>,
    name: &str,
    path: &str,
    intro: &str,
    items: &[&Arc<SampleArticle>],
    page: usize,
    mut head: String,
    active: Option<&str>,
) -> Option<String> {
    let pages = items.len().div_ceil(PAGE_SIZE).max(1);
    if page == 0 || page > pages {
        return None;
    }
    let mut main = format!(
        "<h1 class=\"listing-title\">{}</h1>\n{intro}<div class=\"list-news\">\n",
        esc(name)
    );
    for a in items.iter().skip((page - 1) * PAGE_SIZE).take(PAGE_SIZE) {
        main.push_str(&teaser(a, v.section_name(&a.section), true));
    }
    main.push_str("</div>\n<nav class=\"pagination\" aria-label=\"Phân trang\">\n");
    let page_path = |p: usize| {
        if p == 1 {
            path.to_string()
        } else {
            format!("{path}?page={p}")
        }
    };
    if page > 1 {
        main.push_str(&format!(
            "<a class=\"prev\" rel=\"prev\" href=\"{}\">Trang trước</a>\n",
            esc(&page_path(page - 1))
        ));
        head.push_str(&format!(
            "<link rel=\"prev\" href=\"{}\">\n",
            esc(&page_path(page - 1))
        ));
    }
    for p in 1..=pages {
        if p == page {
            main.push_str(&format!("<span class=\"current\">{p}</span>\n"));
        } else {
            main.push_str(&format!("<a href=\"{}\">{p}</a>\n", esc(&page_path(p))));
        }
    }
    if page < pages {
        main.push_str(&format!(
            "<a class=\"next\" rel=\"next\" href=\"{}\">Trang sau</a>\n",
            esc(&page_path(page + 1))
        ));
        head.push_str(&format!(
            "<link rel=\"next\" href=\"{}\">\n",
            esc(&page_path(page + 1))
        ));
    }
    main.push_str("</nav>\n");
    let canonical = page_path(page);
    let title = if page == 1 {
        name.to_string()
    } else {
        format!("{name} - Trang {page}")
    };
    Some(chrome::render(
        v,
        Page {
            title: &title,
            description: &format!("Tin tức {name} mới nhất trên {}", v.paper.name),
            canonical: &canonical,
            head,
            body_class: "page-listing",
            crumbs: vec![(name.to_string(), None)],
            main,
            active_section: active,
        },
    ))
}

/// The page for unknown paths (served with 404) or withdrawn articles (410).
pub fn not_found_page(v: &View<'_>, gone: bool) -> String {
    let (title, text) = if gone {
        (
            "Bài viết đã bị gỡ",
            "Bài viết này đã được gỡ bỏ theo yêu cầu của tòa soạn.",
        )
    } else {
        (
            "Không tìm thấy trang",
            "Trang bạn tìm không tồn tại hoặc đã được chuyển đi.",
        )
    };
    let main = format!(
        "<div class=\"error-page\"><h1>{}</h1><p>{}</p><p><a href=\"/\">Về trang chủ</a></p></div>\n",
        esc(title),
        esc(text)
    );
    chrome::render(
        v,
        Page {
            title,
            description: text,
            canonical: "/",
            head: "<meta name=\"robots\" content=\"noindex\">\n".into(),
            body_class: "page-error",
            crumbs: Vec::new(),
            main,
            active_section: None,
        },
    )
}
