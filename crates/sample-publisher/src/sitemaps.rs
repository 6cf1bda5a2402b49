//! Sitemaps (index, all articles, Google News, sections) and robots.txt.

use crate::html::{esc, View};
use article::dates::w3c;

/// How many of the newest articles the news sitemap lists (Google's limit).
pub const NEWS_LIMIT: usize = 1000;

/// `/sitemap.xml`: the index of the other sitemaps.
pub fn index(v: &View<'_>) -> String {
    let lastmod = v.catalog.latest().iter().map(|a| a.last_modified()).max();
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for name in [
        "sitemap-articles.xml",
        "sitemap-news.xml",
        "sitemap-sections.xml",
    ] {
        x.push_str(&format!("<sitemap><loc>{}/{name}</loc>", esc(v.base)));
        if let Some(m) = lastmod {
            x.push_str(&format!("<lastmod>{}</lastmod>", w3c(&m)));
        }
        x.push_str("</sitemap>\n");
    }
    x.push_str("</sitemapindex>\n");
    x
}

/// `/sitemap-articles.xml`: every published article with its last modification.
pub fn articles(v: &View<'_>) -> String {
    let latest = v.catalog.latest();
    let mut x = String::with_capacity(latest.len() * 300 + 300);
    x.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:image=\"http://www.google.com/schemas/sitemap-image/1.1\">\n",
    );
    for a in latest {
        x.push_str(&format!(
            "<url><loc>{}</loc><lastmod>{}</lastmod>",
            esc(&a.url(v.base)),
            w3c(&a.last_modified())
        ));
        for img in &a.images {
            x.push_str(&format!(
                "<image:image><image:loc>{}{}</image:loc></image:image>",
                esc(v.base),
                esc(&img.path)
            ));
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    x
}

/// `/sitemap-news.xml`: the newest articles in the Google News format.
pub fn news(v: &View<'_>) -> String {
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n",
    );
    for a in v.catalog.latest().iter().take(NEWS_LIMIT) {
        x.push_str(&format!(
            "<url><loc>{}</loc><news:news><news:publication><news:name>{}</news:name>\
             <news:language>vi</news:language></news:publication>\
             <news:publication_date>{}</news:publication_date><news:title>{}</news:title>\
             <news:keywords>{}</news:keywords></news:news></url>\n",
            esc(&a.url(v.base)),
            esc(&v.paper.name),
            w3c(&a.published),
            esc(&a.title),
            esc(&a.tags.join(", "))
        ));
    }
    x.push_str("</urlset>\n");
    x
}

/// `/sitemap-sections.xml`: the home page and every section page.
pub fn sections(v: &View<'_>) -> String {
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    x.push_str(&format!(
        "<url><loc>{}/</loc><changefreq>always</changefreq></url>\n",
        esc(v.base)
    ));
    for s in v.sections {
        x.push_str(&format!(
            "<url><loc>{}{}</loc><changefreq>hourly</changefreq></url>\n",
            esc(v.base),
            esc(&s.path())
        ));
    }
    x.push_str("</urlset>\n");
    x
}

/// `/robots.txt`: keeps crawlers off search and account pages, names the sitemap.
pub fn robots(base: &str) -> String {
    format!(
        "User-agent: *\nDisallow: /tim-kiem\nDisallow: /dang-nhap\nDisallow: /binh-luan\nAllow: /\n\n\
         Sitemap: {base}/sitemap.xml\nSitemap: {base}/sitemap-news.xml\n"
    )
}
