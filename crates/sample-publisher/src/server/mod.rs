//! The HTTP server: routes, and serving on a listener.

mod handlers;
mod http;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::site::Site;

/// The site's routes, ready to serve:
///
/// - `/` home; `/{section}/` (and `?page=N`) section listings;
///   `/{section}/{slug}-{id}.html` articles (a wrong section or slug
///   redirects to the canonical path; a withdrawn article answers 410);
/// - `/tac-gia/{slug}` author pages, `/tag/{slug}` tag pages;
/// - `/rss/home.rss` and `/rss/{section}.rss` (RSS 2.0, `?page=N` for older items);
/// - `/sitemap.xml` (index), `/sitemap-articles.xml` (all articles),
///   `/sitemap-news.xml`, `/sitemap-sections.xml`, `/robots.txt`;
/// - `/images/{id}-{n}.jpg` (and `-w480.jpg`; 403 to another origin's
///   `Referer` when [`Site::set_refuse_hotlinks`] is on), `/static/…` (logo, css, js);
/// - anything else: a 404 page.
///
/// Every 200 response carries an `ETag` (and `Last-Modified` where the
/// content has a date) and answers `If-None-Match` / `If-Modified-Since`
/// with 304.
pub fn router(site: Arc<Site>) -> Router {
    Router::new()
        .route("/", get(handlers::home))
        .route("/robots.txt", get(handlers::robots))
        .route("/sitemap.xml", get(handlers::sitemap_index))
        .route("/sitemap-articles.xml", get(handlers::sitemap_articles))
        .route("/sitemap-news.xml", get(handlers::sitemap_news))
        .route("/sitemap-sections.xml", get(handlers::sitemap_sections))
        .route("/rss/{file}", get(handlers::feed))
        .route("/images/{file}", get(handlers::image))
        .route("/static/{file}", get(handlers::asset))
        .route("/tac-gia/{slug}", get(handlers::author))
        .route("/tag/{slug}", get(handlers::tag))
        .route("/{section}", get(handlers::section_redirect))
        .route("/{section}/", get(handlers::section))
        .route("/{section}/{file}", get(handlers::article))
        .fallback(handlers::not_found)
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

/// Counts every request, and answers with an injected fault when one applies.
async fn count_hits(State(site): State<Arc<Site>>, req: Request, next: Next) -> Response {
    site.count_hit(req.uri().path());
    if let Some(status) = site.take_fault(req.uri().path()) {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        return (
            status,
            [(header::RETRY_AFTER, "1")],
            "Dịch vụ tạm thời gián đoạn",
        )
            .into_response();
    }
    next.run(req).await
}
