//! The paper's chrome around every page.

use super::{esc, View};
use crate::dates::vi_date;
use crate::model::Newspaper;

/// What a page puts inside the chrome.
pub struct Page<'a> {
    /// The `<title>` text (the paper's name is appended).
    pub title: &'a str,
    /// The meta description.
    pub description: &'a str,
    /// Root-relative canonical path.
    pub canonical: &'a str,
    /// Extra `<head>` markup (Open Graph, JSON-LD, feeds).
    pub head: String,
    /// `class` of `<body>`.
    pub body_class: &'a str,
    /// Breadcrumb trail after "Trang chủ": name and optional path.
    pub crumbs: Vec<(String, Option<String>)>,
    /// The main column's content.
    pub main: String,
    /// Slug of the section to highlight in the menu.
    pub active_section: Option<&'a str>,
}

/// Wraps a page's content in the full chrome.
pub fn render(v: &View<'_>, p: Page<'_>) -> String {
    let paper = v.paper;
    let mut s = String::with_capacity(p.main.len() + 12_000);
    s.push_str("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n");
    s.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    s.push_str(&format!(
        "<title>{} - {}</title>\n",
        esc(p.title),
        esc(&paper.name)
    ));
    s.push_str(&format!(
        "<meta name=\"description\" content=\"{}\">\n",
        esc(p.description)
    ));
    s.push_str(&format!(
        "<link rel=\"canonical\" href=\"{}{}\">\n",
        esc(v.base),
        esc(p.canonical)
    ));
    s.push_str(&format!(
        "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"{} - Tin mới nhất\" href=\"/rss/home.rss\">\n",
        esc(&paper.name)
    ));
    s.push_str("<link rel=\"icon\" href=\"/static/logo.svg\" type=\"image/svg+xml\">\n");
    s.push_str("<link rel=\"stylesheet\" href=\"/static/site.css\">\n");
    s.push_str(&p.head);
    s.push_str(
        "<script>window.dataLayer=window.dataLayer||[];dataLayer.push({'event':'pageview'});</script>\n",
    );
    s.push_str(&format!(
        "</head>\n<body class=\"{}\">\n",
        esc(p.body_class)
    ));
    s.push_str(&cookie_banner());
    s.push_str("<div class=\"ad ad-leaderboard\" data-slot=\"top-970x90\"><span class=\"ad-label\">Quảng cáo</span></div>\n");
    s.push_str(&header(v, p.active_section));
    s.push_str("<main class=\"container\">\n<div class=\"col-main\">\n");
    s.push_str(&breadcrumbs(&p.crumbs));
    s.push_str(&p.main);
    s.push_str("</div>\n");
    s.push_str(&sidebar(v));
    s.push_str("</main>\n");
    s.push_str(&footer(v));
    s.push_str("<script src=\"/static/site.js\" defer></script>\n</body>\n</html>\n");
    s
}

fn cookie_banner() -> String {
    "<div id=\"cookie-consent\" class=\"cookie-banner\" role=\"dialog\" aria-label=\"Thông báo cookie\">\n\
     <p>Chúng tôi sử dụng cookie để cải thiện trải nghiệm đọc và thống kê lượt truy cập. \
     Tiếp tục sử dụng trang đồng nghĩa bạn đồng ý với <a href=\"/chinh-sach-bao-mat\">chính sách bảo mật</a>.</p>\n\
     <button type=\"button\" class=\"cookie-accept\">Đồng ý</button> \
     <button type=\"button\" class=\"cookie-settings\">Tùy chỉnh</button>\n</div>\n"
        .to_string()
}

fn header(v: &View<'_>, active: Option<&str>) -> String {
    let paper = v.paper;
    let today = v
        .catalog
        .latest()
        .first()
        .map(|a| vi_date(&a.published))
        .unwrap_or_default();
    let mut s = String::from("<header class=\"site-header\">\n<div class=\"topbar\">");
    s.push_str(&format!(
        "<span class=\"today\">Hôm nay {}</span> <span class=\"hotline\">Đường dây nóng: {}</span> \
         <a href=\"/dang-nhap\" class=\"login\">Đăng nhập</a></div>\n",
        esc(&today),
        esc(&paper.phone)
    ));
    s.push_str(&format!(
        "<div class=\"brand\"><a class=\"logo\" href=\"/\"><img src=\"{}\" alt=\"{}\" width=\"220\" height=\"48\"></a>\
         <span class=\"site-name\">{}</span> <span class=\"tagline\">{}</span></div>\n",
        Newspaper::LOGO_PATH,
        esc(&paper.name),
        esc(&paper.name),
        esc(&paper.tagline)
    ));
    s.push_str("<nav class=\"main-menu\" aria-label=\"Chuyên mục\"><ul>\n<li><a href=\"/\">Trang chủ</a></li>\n");
    for sec in v.sections {
        let class = if Some(sec.slug.as_str()) == active {
            " class=\"active\""
        } else {
            ""
        };
        s.push_str(&format!(
            "<li{class}><a href=\"{}\">{}</a></li>\n",
            esc(&sec.path()),
            esc(&sec.name)
        ));
    }
    s.push_str("</ul></nav>\n");
    s.push_str(
        "<form class=\"search-box\" action=\"/tim-kiem\" method=\"get\" role=\"search\">\
         <input type=\"search\" name=\"q\" placeholder=\"Tìm kiếm\"><button type=\"submit\">Tìm</button></form>\n",
    );
    s.push_str("</header>\n");
    s
}

fn breadcrumbs(crumbs: &[(String, Option<String>)]) -> String {
    if crumbs.is_empty() {
        return String::new();
    }
    let mut s = String::from(
        "<nav class=\"breadcrumb\" aria-label=\"breadcrumb\"><ol>\n<li><a href=\"/\">Trang chủ</a></li>\n",
    );
    for (name, path) in crumbs {
        match path {
            Some(p) => s.push_str(&format!(
                "<li><a href=\"{}\">{}</a></li>\n",
                esc(p),
                esc(name)
            )),
            None => s.push_str(&format!("<li aria-current=\"page\">{}</li>\n", esc(name))),
        }
    }
    s.push_str("</ol></nav>\n");
    s
}

fn sidebar(v: &View<'_>) -> String {
    let mut s = String::from("<aside class=\"sidebar\">\n");
    s.push_str("<div class=\"ad ad-sidebar\" data-slot=\"right-300x250\"><span class=\"ad-label\">Quảng cáo</span></div>\n");
    s.push_str("<section class=\"box-most-read\"><h3 class=\"box-title\">Đọc nhiều</h3><ol>\n");
    for a in v.most_read() {
        s.push_str(&format!(
            "<li><a href=\"{}\">{}</a></li>\n",
            esc(&a.path()),
            esc(&a.title)
        ));
    }
    s.push_str("</ol></section>\n");
    s.push_str(
        "<section class=\"box-newsletter\"><h3 class=\"box-title\">Nhận bản tin mỗi sáng</h3>\
         <p>Đăng ký để nhận những tin nổi bật nhất qua thư điện tử lúc 6 giờ sáng.</p>\
         <form action=\"/dang-ky-ban-tin\" method=\"post\"><input type=\"email\" name=\"email\" placeholder=\"Địa chỉ email của bạn\">\
         <button type=\"submit\">Đăng ký</button></form></section>\n",
    );
    s.push_str("<div class=\"ad ad-sidebar ad-sticky\" data-slot=\"right-300x600\"><span class=\"ad-label\">Quảng cáo</span></div>\n");
    s.push_str("</aside>\n");
    s
}

fn footer(v: &View<'_>) -> String {
    let paper = v.paper;
    let mut s = String::from("<footer class=\"site-footer\">\n<nav class=\"footer-menu\"><ul>\n");
    for sec in v.sections {
        s.push_str(&format!(
            "<li><a href=\"{}\">{}</a></li>\n",
            esc(&sec.path()),
            esc(&sec.name)
        ));
    }
    s.push_str(
        "<li><a href=\"/rss/home.rss\">RSS</a></li>\n</ul></nav>\n<div class=\"footer-info\">\n",
    );
    s.push_str(&format!(
        "<img src=\"{}\" alt=\"\" width=\"160\" height=\"35\" class=\"footer-logo\">\n<p><strong>{}</strong> - {}</p>\n",
        Newspaper::LOGO_PATH,
        esc(&paper.name),
        esc(&paper.tagline)
    ));
    for line in [
        &paper.owner,
        &paper.editor_in_chief,
        &paper.licence,
        &paper.address,
    ] {
        s.push_str(&format!("<p>{}</p>\n", esc(line)));
    }
    s.push_str(&format!(
        "<p>Điện thoại: {} - Email: <a href=\"mailto:{}\">{}</a></p>\n",
        esc(&paper.phone),
        esc(&paper.email),
        esc(&paper.email)
    ));
    s.push_str(&format!(
        "<p class=\"copyright\">© 2025 {}. Ghi rõ nguồn \"{}\" khi phát hành lại thông tin từ website này.</p>\n",
        esc(&paper.name),
        esc(&paper.name)
    ));
    s.push_str("<p class=\"footer-links\"><a href=\"/lien-he\">Liên hệ</a> · <a href=\"/quang-cao\">Liên hệ quảng cáo</a> · \
                <a href=\"/chinh-sach-bao-mat\">Chính sách bảo mật</a></p>\n");
    s.push_str("</div>\n</footer>\n");
    s
}
