//! The HTTP server: routes, conditional GET, and serving on a listener.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use chrono::{DateTime, FixedOffset};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::dates::{http_date, parse_http_date};
use crate::html::{self, View};
use crate::images::{self, fnv1a};
use crate::site::Site;
use crate::{feeds, sitemaps};

const HTML: &str = "text/html; charset=utf-8";
const RSS: &str = "application/rss+xml; charset=utf-8";
const XML: &str = "application/xml; charset=utf-8";
const SVG: &str = "image/svg+xml";

type Shared = State<Arc<Site>>;

/// The site's routes, ready to serve:
///
/// - `/` home; `/{section}/` (and `?page=N`) section listings;
///   `/{section}/{slug}-{id}.html` articles (a wrong section or slug
///   redirects to the canonical path; a withdrawn article answers 410);
/// - `/tac-gia/{slug}` author pages, `/tag/{slug}` tag pages;
/// - `/rss/home.rss` and `/rss/{section}.rss` (RSS 2.0, `?page=N` for older items);
/// - `/sitemap.xml` (index), `/sitemap-articles.xml` (all articles),
///   `/sitemap-news.xml`, `/sitemap-sections.xml`, `/robots.txt`;
/// - `/images/{id}-{n}.svg` (and `-w480.svg`), `/static/…` (logo, css, js);
/// - anything else: a 404 page.
///
/// Every 200 response carries an `ETag` (and `Last-Modified` where the
/// content has a date) and answers `If-None-Match` / `If-Modified-Since`
/// with 304.
pub fn router(site: Arc<Site>) -> Router {
    Router::new()
        .route("/", get(home))
        .route("/robots.txt", get(robots))
        .route("/sitemap.xml", get(sitemap_index))
        .route("/sitemap-articles.xml", get(sitemap_articles))
        .route("/sitemap-news.xml", get(sitemap_news))
        .route("/sitemap-sections.xml", get(sitemap_sections))
        .route("/rss/{file}", get(feed))
        .route("/images/{file}", get(image))
        .route("/static/{file}", get(asset))
        .route("/tac-gia/{slug}", get(author))
        .route("/tag/{slug}", get(tag))
        .route("/{section}", get(section_redirect))
        .route("/{section}/", get(section))
        .route("/{section}/{file}", get(article))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(site.clone(), count_hits))
        .with_state(site)
}

/// Serves the site on `listener` until the task is dropped or the listener fails.
pub async fn serve(listener: TcpListener, site: Arc<Site>) -> std::io::Result<()> {
    axum::serve(listener, router(site)).await
}

/// Binds `127.0.0.1:0`, serves the site on a background task and returns
/// the bound address (the site's base URL is `http://{addr}`) and the task.
/// Abort the task to stop the server.
pub async fn spawn(site: Arc<Site>) -> std::io::Result<(SocketAddr, JoinHandle<()>)> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
    let addr = listener.local_addr()?;
    let task = tokio::spawn(async move {
        // A failing accept loop ends the task; the caller sees it through the handle.
        let _ = serve(listener, site).await;
    });
    Ok((addr, task))
}

async fn count_hits(State(site): Shared, req: Request, next: Next) -> Response {
    site.count_hit(req.uri().path());
    next.run(req).await
}

/// `http://{Host}`, when the Host header is a plain host name or address.
fn base_url(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let plain = !host.is_empty()
        && host.len() <= 255
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c));
    if plain {
        format!("http://{host}")
    } else {
        "http://localhost".to_string()
    }
}

/// Renders with the site's content under its read lock.
fn with_view<T>(site: &Site, headers: &HeaderMap, f: impl FnOnce(&View<'_>) -> T) -> T {
    let base = base_url(headers);
    let catalog = site.read();
    let view = View {
        paper: site.newspaper(),
        sections: site.sections(),
        catalog: &catalog,
        base: &base,
    };
    f(&view)
}

/// A 200 response with validators, or 304 when the client's copy is current.
fn respond(
    headers: &HeaderMap,
    content_type: &'static str,
    body: String,
    modified: Option<DateTime<FixedOffset>>,
) -> Response {
    let etag = format!("\"{:016x}\"", fnv1a(body.as_bytes()));
    let fresh = match headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
    {
        Some(inm) => inm
            .split(',')
            .map(str::trim)
            .any(|t| t == etag || t == "*" || t == format!("W/{etag}")),
        None => match (
            headers
                .get(header::IF_MODIFIED_SINCE)
                .and_then(|v| v.to_str().ok()),
            modified,
        ) {
            (Some(ims), Some(m)) => {
                parse_http_date(ims).is_some_and(|since| m.timestamp() <= since.timestamp())
            }
            _ => false,
        },
    };
    let mut out = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, content_type)], body).into_response()
    };
    let h = out.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    if let Some(m) = modified {
        if let Ok(v) = HeaderValue::from_str(&http_date(&m)) {
            h.insert(header::LAST_MODIFIED, v);
        }
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=60"),
    );
    out
}

fn error_page(site: &Site, headers: &HeaderMap, status: StatusCode) -> Response {
    let body = with_view(site, headers, |v| {
        html::not_found_page(v, status == StatusCode::GONE)
    });
    (status, [(header::CONTENT_TYPE, HTML)], body).into_response()
}

/// `?page=N` (1 when absent); `None` for anything that is not a positive number.
fn page_param(query: Option<String>) -> Option<usize> {
    let Some(q) = query else { return Some(1) };
    let mut page = 1;
    for pair in q.split('&').filter(|p| !p.is_empty()) {
        if let Some(value) = pair.strip_prefix("page=") {
            page = value.parse().ok().filter(|p| *p >= 1)?;
        }
    }
    Some(page)
}

fn newest(site: &Site) -> Option<DateTime<FixedOffset>> {
    site.read().latest().iter().map(|a| a.last_modified()).max()
}

async fn home(State(site): Shared, headers: HeaderMap) -> Response {
    let body = with_view(&site, &headers, html::home_page);
    respond(&headers, HTML, body, newest(&site))
}

async fn section_redirect(
    State(site): Shared,
    Path(section): Path<String>,
    headers: HeaderMap,
) -> Response {
    match site.section(&section) {
        Some(s) => redirect(&s.path()),
        None => error_page(&site, &headers, StatusCode::NOT_FOUND),
    }
}

async fn section(
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

async fn author(
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

async fn tag(
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

async fn article(
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

async fn feed(
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

async fn sitemap_index(State(site): Shared, headers: HeaderMap) -> Response {
    let body = with_view(&site, &headers, sitemaps::index);
    respond(&headers, XML, body, newest(&site))
}

async fn sitemap_articles(State(site): Shared, headers: HeaderMap) -> Response {
    let body = with_view(&site, &headers, sitemaps::articles);
    respond(&headers, XML, body, newest(&site))
}

async fn sitemap_news(State(site): Shared, headers: HeaderMap) -> Response {
    let body = with_view(&site, &headers, sitemaps::news);
    respond(&headers, XML, body, newest(&site))
}

async fn sitemap_sections(State(site): Shared, headers: HeaderMap) -> Response {
    let body = with_view(&site, &headers, sitemaps::sections);
    respond(&headers, XML, body, None)
}

async fn robots(headers: HeaderMap) -> Response {
    respond(
        &headers,
        "text/plain; charset=utf-8",
        sitemaps::robots(&base_url(&headers)),
        None,
    )
}

/// `/images/{id}-{n}.svg` or `/images/{id}-{n}-w480.svg`.
async fn image(State(site): Shared, Path(file): Path<String>, headers: HeaderMap) -> Response {
    let (full, small) = match file.strip_suffix("-w480.svg") {
        Some(stem) => (format!("/images/{stem}.svg"), true),
        None => (format!("/images/{file}"), false),
    };
    let id = file.split('-').next().and_then(|id| id.parse::<u32>().ok());
    let img = id
        .and_then(|id| site.article(id))
        .and_then(|a| a.images.iter().find(|i| i.path == full).cloned());
    match img {
        Some(img) => respond(&headers, SVG, images::article_image(&img, small), None),
        None => error_page(&site, &headers, StatusCode::NOT_FOUND),
    }
}

async fn asset(State(site): Shared, Path(file): Path<String>, headers: HeaderMap) -> Response {
    let (content_type, body) = match file.as_str() {
        "logo.svg" => (SVG, images::logo(&site.newspaper().name)),
        "placeholder.svg" => (SVG, images::PLACEHOLDER.to_string()),
        "site.css" => ("text/css; charset=utf-8", images::CSS.to_string()),
        "site.js" => ("text/javascript; charset=utf-8", images::JS.to_string()),
        _ => return error_page(&site, &headers, StatusCode::NOT_FOUND),
    };
    respond(&headers, content_type, body, None)
}

async fn not_found(State(site): Shared, headers: HeaderMap) -> Response {
    error_page(&site, &headers, StatusCode::NOT_FOUND)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_article_files_and_pages() {
        assert_eq!(
            parse_article_file("mua-lon-101.html"),
            Some(("mua-lon", 101))
        );
        assert_eq!(parse_article_file("101.html"), Some(("", 101)));
        assert_eq!(parse_article_file("mua-lon-x.html"), None);
        assert_eq!(parse_article_file("mua-lon-101"), None);
        assert_eq!(page_param(None), Some(1));
        assert_eq!(page_param(Some("page=3".into())), Some(3));
        assert_eq!(page_param(Some("utm=x&page=2".into())), Some(2));
        assert_eq!(page_param(Some("page=0".into())), None);
        assert_eq!(page_param(Some("page=abc".into())), None);
    }
}
