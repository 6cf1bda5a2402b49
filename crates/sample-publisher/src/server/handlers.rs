//! One handler per route.

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::http::{base_url, error_page, newest, page_param, respond, with_view, HTML};
use crate::html;
use crate::images;
use crate::site::Site;
use crate::{feeds, sitemaps};

const RSS: &str = "application/rss+xml; charset=utf-8";
const XML: &str = "application/xml; charset=utf-8";
const SVG: &str = "image/svg+xml";
const JPEG: &str = "image/jpeg";

type Shared = State<Arc<Site>>;

pub async fn home(State(site): Shared, headers: HeaderMap) -> Response {
    let body = with_view(&site, &headers, html::home_page);
    respond(&headers, HTML, body, newest(&site))
}

pub async fn section_redirect(
    State(site): Shared,
    Path(section): Path<String>,
    headers: HeaderMap,
) -> Response {
    match site.section(&section) {
        Some(s) => redirect(&s.path()),
        None => error_page(&site, &headers, StatusCode::NOT_FOUND),
    }
}

pub async fn section(
    State(site): Shared,
    Path(section): Path<String>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
) -> Response {
    let (Some(sec), Some(page)) = (site.section(&section), page_param(q)) else {
        return error_page(&site, &headers, StatusCode::NOT_FOUND);
    };
    match with_view(&site, &headers, |v| html::section_page(v, sec, page)) {
        Some(body) => respond(&headers, HTML, body, None),
        None => error_page(&site, &headers, StatusCode::NOT_FOUND),
    }
}

pub async fn author(
    State(site): Shared,
    Path(slug): Path<String>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
) -> Response {
    let body =
        page_param(q).and_then(|p| with_view(&site, &headers, |v| html::author_page(v, &slug, p)));
    match body {
        Some(body) => respond(&headers, HTML, body, None),
        None => error_page(&site, &headers, StatusCode::NOT_FOUND),
    }
}

pub async fn tag(
    State(site): Shared,
    Path(slug): Path<String>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
) -> Response {
    let body =
        page_param(q).and_then(|p| with_view(&site, &headers, |v| html::tag_page(v, &slug, p)));
    match body {
        Some(body) => respond(&headers, HTML, body, None),
        None => error_page(&site, &headers, StatusCode::NOT_FOUND),
    }
}

/// Parses `slug-123.html` (or `123.html`) into the slug and the id.
fn parse_article_file(file: &str) -> Option<(&str, u32)> {
    let stem = file.strip_suffix(".html")?;
    let (slug, id) = stem.rsplit_once('-').unwrap_or(("", stem));
    Some((slug, id.parse().ok()?))
}

pub async fn article(
    State(site): Shared,
    Path((section, file)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let Some((slug, id)) = parse_article_file(&file) else {
        return error_page(&site, &headers, StatusCode::NOT_FOUND);
    };
    let Some(a) = site.article(id) else {
        let status = if site.read().is_gone(id) {
            StatusCode::GONE
        } else {
            StatusCode::NOT_FOUND
        };
        return error_page(&site, &headers, status);
    };
    if a.section != section || a.slug != slug {
        return redirect(&a.path());
    }
    let body = with_view(&site, &headers, |v| html::article_page(v, &a));
    respond(&headers, HTML, body, Some(a.last_modified()))
}

fn redirect(path: &str) -> Response {
    match HeaderValue::from_str(path) {
        Ok(v) => (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, v)]).into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

pub async fn feed(
    State(site): Shared,
    Path(file): Path<String>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
) -> Response {
    let section = match file.strip_suffix(".rss") {
        Some("home") => Ok(None),
        Some(slug) => site.section(slug).map(Some).ok_or(()),
        None => Err(()),
    };
    let body = match (section, page_param(q)) {
        (Ok(sec), Some(page)) => with_view(&site, &headers, |v| feeds::rss(v, sec, page)),
        _ => None,
    };
    match body {
        Some(body) => respond(&headers, RSS, body, newest(&site)),
        None => error_page(&site, &headers, StatusCode::NOT_FOUND),
    }
}

pub async fn sitemap_index(State(site): Shared, headers: HeaderMap) -> Response {
    let body = with_view(&site, &headers, sitemaps::index);
    respond(&headers, XML, body, newest(&site))
}

pub async fn sitemap_articles(State(site): Shared, headers: HeaderMap) -> Response {
    let body = with_view(&site, &headers, sitemaps::articles);
    respond(&headers, XML, body, newest(&site))
}

pub async fn sitemap_news(State(site): Shared, headers: HeaderMap) -> Response {
    let body = with_view(&site, &headers, sitemaps::news);
    respond(&headers, XML, body, newest(&site))
}

pub async fn sitemap_sections(State(site): Shared, headers: HeaderMap) -> Response {
    let body = with_view(&site, &headers, sitemaps::sections);
    respond(&headers, XML, body, None)
}

pub async fn robots(headers: HeaderMap) -> Response {
    respond(
        &headers,
        "text/plain; charset=utf-8",
        sitemaps::robots(&base_url(&headers)),
        None,
    )
}

/// `/images/{id}-{n}.jpg` or `/images/{id}-{n}-w480.jpg`: a photograph
/// (see `photos`). When the site refuses hot-linking, a request whose
/// `Referer` names another origin gets 403, as Vietnamese publishers answer.
pub async fn image(State(site): Shared, Path(file): Path<String>, headers: HeaderMap) -> Response {
    if site.refuses_hotlinks() && hotlinked(&headers) {
        return (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "Không được phép liên kết ảnh từ trang khác",
        )
            .into_response();
    }
    let (full, small) = match file.strip_suffix("-w480.jpg") {
        Some(stem) => (format!("/images/{stem}.jpg"), true),
        None => (format!("/images/{file}"), false),
    };
    let id = file.split('-').next().and_then(|id| id.parse::<u32>().ok());
    let img = id
        .and_then(|id| site.article(id))
        .and_then(|a| a.images.iter().find(|i| i.path == full).cloned());
    match img {
        Some(img) => {
            let width = if small { 480 } else { img.width };
            let bytes = crate::photos::jpeg(&img.path, width);
            respond(&headers, JPEG, bytes.as_ref().clone(), None)
        }
        None => error_page(&site, &headers, StatusCode::NOT_FOUND),
    }
}

/// Whether the request comes from a page of another origin: a `Referer`
/// whose `scheme://host[:port]` is not this site's (`Host`). No Referer
/// (a crawler, a privacy setting) is not hot-linking.
fn hotlinked(headers: &HeaderMap) -> bool {
    let Some(referer) = headers.get(header::REFERER) else {
        return false;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let Some(rest) = referer
        .to_str()
        .ok()
        .and_then(|r| r.split_once("://").map(|(_, rest)| rest))
    else {
        return true;
    };
    let referer_host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !referer_host.eq_ignore_ascii_case(host)
}

pub async fn asset(State(site): Shared, Path(file): Path<String>, headers: HeaderMap) -> Response {
    let (content_type, body) = match file.as_str() {
        "logo.svg" => (SVG, images::logo(&site.newspaper().name)),
        "placeholder.svg" => (SVG, images::PLACEHOLDER.to_string()),
        "site.css" => ("text/css; charset=utf-8", images::CSS.to_string()),
        "site.js" => ("text/javascript; charset=utf-8", images::JS.to_string()),
        _ => return error_page(&site, &headers, StatusCode::NOT_FOUND),
    };
    respond(&headers, content_type, body, None)
}

pub async fn not_found(State(site): Shared, headers: HeaderMap) -> Response {
    error_page(&site, &headers, StatusCode::NOT_FOUND)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_referer_from_another_origin_is_hotlinking() {
        let h = |referer: Option<&str>| {
            let mut h = HeaderMap::new();
            h.insert(header::HOST, HeaderValue::from_static("127.0.0.1:8000"));
            if let Some(r) = referer {
                h.insert(
                    header::REFERER,
                    HeaderValue::from_str(r).unwrap_or(HeaderValue::from_static("x")),
                );
            }
            hotlinked(&h)
        };
        assert!(!h(None));
        assert!(!h(Some("http://127.0.0.1:8000/thoi-su/bai-101.html")));
        assert!(h(Some("http://127.0.0.1:8080/en/news/1-x")));
        assert!(h(Some("https://portal.example/")));
        assert!(h(Some("not a url")));
        assert!(h(Some("http://127.0.0.1:8000.evil.example/")));
    }

    #[test]
    fn parses_article_files() {
        assert_eq!(
            parse_article_file("mua-lon-101.html"),
            Some(("mua-lon", 101))
        );
        assert_eq!(parse_article_file("101.html"), Some(("", 101)));
        assert_eq!(parse_article_file("mua-lon-x.html"), None);
        assert_eq!(parse_article_file("mua-lon-101"), None);
    }
}
