//! The URL map: which handler answers each public address (ARCHITECTURE.md, "Where to start").

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::middleware;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use tower_http::compression::CompressionLayer;

use crate::core::app::{App, AppState};
use crate::core::headers::{self, security_headers};
use crate::core::i18n::Locales;
use crate::core::{assets, http, urls};
use crate::pages::{self, see_other};
use crate::{api, comments, desk, feeds, media, sitemaps, Portal};

/// The portal's routes: pages, feeds, sitemaps, static assets and the JSON API.
///
/// Also the readers' comment endpoints and the editorial desk (`/admin`).
/// Every response carries the hardening headers ([`crate::security_headers`]);
/// browsers report policy violations to `POST /csp-report`. Forwarding
/// headers count only from the portal's trusted proxies.
/// The caller adds `/healthz`. UI strings are
/// compiled in; if they fail to parse (a broken `.ftl` file, caught by the
/// tests) every page answers 500.
pub fn router(portal: Portal) -> Router {
    let locales = match Locales::load() {
        Ok(l) => l,
        Err(e) => {
            tracing::error!(error = %e, "UI strings do not load");
            Locales::empty()
        }
    };
    let base_url = portal.config.base_url.clone();
    let trusted = portal.trusted_proxies.clone();
    let image_origin = portal.images.as_ref().and_then(|s| s.public_origin());
    let app: AppState = Arc::new(App::new(portal, locales));
    // Reader pages served from the page cache (article pages cache
    // themselves: their comment notice must not be shared).
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
    let router = Router::new()
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
        .merge(desk::routes())
        .fallback(pages::errors::fallback)
        .layer(middleware::from_fn_with_state(
            app.clone(),
            http::forget_pages_after_writes,
        ))
        .layer(middleware::from_fn(http::conditional_get))
        // brotli or gzip (the crate's only compression features), for every
        // text type; outside the ETag layer, so the ETag names the content.
        .layer(CompressionLayer::new())
        .with_state(app);
    // Outermost: every handler, and the headers layer, sees the reader's
    // address and only the forwarding headers of trusted proxies.
    security_headers(router, &base_url, trusted.clone(), image_origin.as_deref()).layer(
        middleware::from_fn(move |req, next| {
            crate::core::proxies::resolve(trusted.clone(), req, next)
        }),
    )
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
        pages::errors::error_page(&app, &lang, &crate::WebError::NotFound).await
    }
}
