//! The public site: what a reader in Paris, Berlin or Hanoi sees.
//!
//! Server-rendered pages in every portal language (`pages/`: home, sections,
//! articles, stories, authors, search, about, errors), readers' comments
//! (`comments/`), RSS and Atom feeds (`feeds/`), sitemaps and robots.txt
//! (`sitemaps.rs`), the read-only JSON API (`api.rs`) and mirrored pictures
//! (`media.rs`). `layout.rs` is the page chrome and `render.rs` turns an
//! article's blocks and teasers into HTML.
//!
//! This half imports only from [`crate::core`], never from the desk
//! (see [`crate::core`] for the rule and the test that keeps it).

pub(crate) mod api;
pub(crate) mod comments;
pub(crate) mod feeds;
pub(crate) mod layout;
pub(crate) mod media;
pub(crate) mod pages;
pub(crate) mod render;
pub(crate) mod sitemaps;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::middleware;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;

use crate::core::app::AppState;
use crate::core::headers;
use crate::core::{assets, http, urls};
use crate::WebError;
use pages::see_other;

/// The public site's routes, with the error page as the fallback for every
/// other address. Reader pages that can be shared between readers (home,
/// sections, stories, authors, about) are served through the page cache;
/// article pages cache themselves, since their comment notice must not be shared.
pub(crate) fn routes(app: &AppState) -> Router<AppState> {
    let cached_pages = Router::new()
        .route("/{lang}/", get(pages::home::home))
        .route("/{lang}/about", get(pages::about::about))
        .route("/{lang}/author/{slug}", get(pages::author::author))
        .route("/{lang}/topic/{id}", get(pages::topic::topic))
        .route("/{lang}/{section}/", get(pages::section::section))
        .layer(middleware::from_fn_with_state(
            app.clone(),
            http::microcache,
        ));
    Router::new()
        .route("/", get(root))
        .route("/robots.txt", get(sitemaps::robots))
        .route("/sitemap.xml", get(sitemaps::index))
        .route("/sitemap-news.xml", get(sitemaps::news))
        .route("/api/v1/articles", get(api::articles))
        .route("/api/v1/articles/{id}", get(api::article))
        .route("/api/v1/articles/{id}/translations", get(api::translations))
        .route("/api/v1/sections", get(api::sections))
        .route("/api/v1/topics/{id}", get(api::topic))
        .route("/api/v1/search", get(api::search))
        .route("/api/v1/openapi.json", get(api::openapi))
        .route("/api/{*rest}", get(api::not_found))
        .route("/static/{file}", get(assets::serve))
        .route("/media/{*key}", get(media::serve))
        .route("/favicon.ico", get(assets::favicon_ico))
        .route(
            headers::REPORT_PATH,
            post(headers::report).layer(headers::report_body_limit()),
        )
        .route("/{lang}", get(lang_root))
        .route("/{lang}/search", get(pages::search::search))
        .route("/{lang}/feed.xml", get(feeds::language_feed))
        .route("/{lang}/atom.xml", get(feeds::language_atom))
        .route("/{lang}/sitemap.xml", get(sitemaps::language))
        .route("/{lang}/{section}", get(pages::section::without_slash))
        .route("/{lang}/{section}/feed.xml", get(feeds::section_feed))
        .route("/{lang}/{section}/atom.xml", get(feeds::section_atom))
        .route("/{lang}/{section}/{article}", get(pages::article::article))
        .route(
            "/{lang}/{section}/{article}/comments",
            post(comments::post::create),
        )
        .route(
            "/{lang}/{section}/{article}/comments/{comment}/report",
            post(comments::report::report),
        )
        .merge(cached_pages)
        .fallback(pages::errors::fallback)
}

/// `GET /`: the best portal language for the reader.
async fn root(State(app): State<AppState>, headers: HeaderMap) -> Response {
    let lang = http::negotiate(&headers, &app.portal.config.languages).unwrap_or("en");
    see_other(&urls::home(lang))
}

/// `GET /{lang}`: the home page wants its slash.
async fn lang_root(State(app): State<AppState>, Path(lang): Path<String>) -> Response {
    if app.serves(&lang) {
        pages::moved(&urls::home(&lang))
    } else {
        pages::errors::error_page(&app, &lang, &WebError::NotFound).await
    }
}
