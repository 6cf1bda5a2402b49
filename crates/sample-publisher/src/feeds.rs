//! RSS 2.0 feeds: the latest articles of the whole paper or of one section.

use std::sync::Arc;

use crate::dates::rfc2822;
use crate::html::{esc, View};
use crate::model::{Newspaper, SampleArticle, Section};

/// Items per feed page. Older items are on `?page=2`, `?page=3`…, linked
/// with `<atom:link rel="next">`; the sitemap lists every article anyway.
pub const FEED_SIZE: usize = 50;

/// Page `page` (1-based) of the feed of `section` (or of the whole paper
/// when `None`); `None` when the page is out of range.
pub fn rss(v: &View<'_>, section: Option<&Section>, page: usize) -> Option<String> {
    let items: Vec<&Arc<SampleArticle>> = v
        .catalog
        .latest()
        .iter()
        .filter(|a| section.is_none_or(|s| a.section == s.slug))
        .collect();
    let pages = items.len().div_ceil(FEED_SIZE).max(1);
    if page == 0 || page > pages {
        return None;
    }
    let base = v.base;
    let (title, self_path) = match section {
        Some(s) => (format!("{} - {}", v.paper.name, s.name), s.feed_path()),
        None => (
            format!("{} - Tin mới nhất", v.paper.name),
            "/rss/home.rss".to_string(),
        ),
    };
    let page_url = |p: usize| {
        if p == 1 {
            format!("{base}{self_path}")
        } else {
            format!("{base}{self_path}?page={p}")
        }
    };
    let mut x = String::with_capacity(FEED_SIZE * 900);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str(
        "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n",
    );
    x.push_str(&format!("<title>{}</title>\n", esc(&title)));
    let link = section.map_or_else(|| format!("{base}/"), |s| format!("{base}{}", s.path()));
    x.push_str(&format!("<link>{}</link>\n", esc(&link)));
    let desc = section.map_or(v.paper.description.as_str(), |s| s.description.as_str());
    x.push_str(&format!(
        "<description>{}</description>\n<language>vi</language>\n",
        esc(desc)
    ));
    x.push_str(&format!(
        "<copyright>© 2025 {}</copyright>\n",
        esc(&v.paper.name)
    ));
    if let Some(newest) = items.iter().map(|a| a.last_modified()).max() {
        x.push_str(&format!(
            "<lastBuildDate>{}</lastBuildDate>\n",
            rfc2822(&newest)
        ));
    }
    x.push_str("<ttl>10</ttl>\n");
    x.push_str(&format!(
        "<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        esc(&page_url(page))
    ));
    if page < pages {
        x.push_str(&format!(
            "<atom:link href=\"{}\" rel=\"next\"/>\n",
            esc(&page_url(page + 1))
        ));
    }
    x.push_str(&format!(
        "<image><url>{}{}</url><title>{}</title><link>{}/</link></image>\n",
        esc(base),
        Newspaper::LOGO_PATH,
        esc(&title),
        esc(base)
    ));
    for a in items.iter().skip((page - 1) * FEED_SIZE).take(FEED_SIZE) {
        x.push_str(&item(v, a));
    }
    x.push_str("</channel>\n</rss>\n");
    Some(x)
}

fn item(v: &View<'_>, a: &SampleArticle) -> String {
    let url = a.url(v.base);
    let mut x = String::from("<item>\n");
    x.push_str(&format!(
        "<title>{}</title>\n<link>{}</link>\n",
        esc(&a.title),
        esc(&url)
    ));
    // Like many Vietnamese feeds: a thumbnail link and the lead, as HTML in CDATA.
    let thumb = a.images.first().map_or(String::new(), |img| {
        format!(
            "<a href=\"{}\"><img src=\"{}{}\" alt=\"{}\" width=\"240\" height=\"160\"></a><br>",
            esc(&url),
            esc(v.base),
            esc(&img.small_path()),
            esc(&img.alt)
        )
    });
    x.push_str(&format!(
        "<description><![CDATA[{thumb}{}]]></description>\n",
        esc(&a.lead)
    ));
    x.push_str(&format!("<pubDate>{}</pubDate>\n", rfc2822(&a.published)));
    x.push_str(&format!(
        "<category>{}</category>\n",
        esc(v.section_name(&a.section))
    ));
    for b in &a.authors {
        x.push_str(&format!("<dc:creator>{}</dc:creator>\n", esc(&b.name)));
    }
    x.push_str(&format!(
        "<guid isPermaLink=\"true\">{}</guid>\n",
        esc(&url)
    ));
    if let Some(img) = a.images.first() {
        x.push_str(&format!(
            // Length 0, as many publishers send it: the JPEG is made only when asked for.
            "<enclosure url=\"{}{}\" type=\"image/jpeg\" length=\"0\"/>\n",
            esc(v.base),
            esc(&img.path),
        ));
    }
    x.push_str("</item>\n");
    x
}
