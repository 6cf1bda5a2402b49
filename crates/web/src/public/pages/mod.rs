//! One module per page type; each handler reads the store and renders HTML.

pub(crate) mod about;
pub(crate) mod article;
pub(crate) mod author;
pub(crate) mod errors;
pub(crate) mod home;
pub(crate) mod search;
pub(crate) mod section;
pub(crate) mod topic;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::Markup;

use crate::core::app::{App, Ctx};
use crate::public::layout::{page, Head};
use crate::WebError;

/// An HTML response.
pub(crate) fn html(status: StatusCode, markup: Markup) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        markup.into_string(),
    )
        .into_response()
}

/// A reader page every reader may be given (home, section, topic, author,
/// about), rendered and answered 200 with its one address (`head`'s
/// canonical): the page cache keeps it only when it was asked for by that
/// address (see [`crate::core::http::Canonical`]), and never without one.
pub(crate) fn shared(ctx: &Ctx<'_>, head: Head, main: Markup) -> Response {
    let address = head.canonical.clone();
    let mut response = html(StatusCode::OK, page(ctx, head, main));
    if let Some(address) = address {
        response
            .extensions_mut()
            .insert(crate::core::http::Canonical(address));
    }
    response
}

/// A permanent redirect (301).
pub(crate) fn moved(to: &str) -> Response {
    (
        StatusCode::MOVED_PERMANENTLY,
        [(header::LOCATION, to.to_string())],
    )
        .into_response()
}

/// A temporary redirect that depends on request headers.
pub(crate) fn see_other(to: &str) -> Response {
    let mut r = Redirect::temporary(to).into_response();
    r.headers_mut()
        .insert(header::VARY, HeaderValue::from_static("Accept-Language"));
    r
}

/// The page, or the localized error page for what went wrong.
pub(crate) async fn respond(app: &App, lang: &str, result: Result<Response, WebError>) -> Response {
    match result {
        Ok(r) => r,
        Err(e) => errors::error_page(app, lang, &e).await,
    }
}
