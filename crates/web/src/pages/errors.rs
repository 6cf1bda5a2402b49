//! Localized error pages: 404, 410 and 500.

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;

use crate::app::{App, AppState, Ctx};
use crate::i18n::autonym;
use crate::layout::{page, Head};
use crate::pages::html;
use crate::{urls, WebError};

/// The error page for `err`, in `lang` (or the default language when `lang` is not served).
pub(crate) async fn error_page(app: &App, lang: &str, err: &WebError) -> Response {
    let lang = if app.serves(lang) {
        lang
    } else {
        app.default_lang()
    };
    let ctx = Ctx::for_error(app, lang).await;
    let (status, title, body) = match err {
        WebError::NotFound => (
            StatusCode::NOT_FOUND,
            "error-not-found-title",
            "error-not-found-body",
        ),
        WebError::Gone => (StatusCode::GONE, "error-gone-title", "error-gone-body"),
        WebError::Store(_) | WebError::Render(_) => {
            tracing::error!(error = %err, "page failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "error-internal-title",
                "error-internal-body",
            )
        }
    };
    render(&ctx, status, title, body, &[])
}

/// A 404 for an article that exists in other languages: lists them.
pub(crate) fn not_in_language(ctx: &Ctx<'_>, elsewhere: &[(String, String)]) -> Response {
    render(
        ctx,
        StatusCode::NOT_FOUND,
        "error-not-found-title",
        "error-not-found-body",
        elsewhere,
    )
}

fn render(
    ctx: &Ctx<'_>,
    status: StatusCode,
    title: &str,
    body: &str,
    elsewhere: &[(String, String)],
) -> Response {
    let head = Head {
        title: ctx.t(title),
        noindex: true,
        ..Head::default()
    };
    let main = html! {
        section.error-page {
            h1 { (ctx.t(title)) }
            p { (ctx.t(body)) }
            @if !elsewhere.is_empty() {
                p { (ctx.t("error-available-in")) }
                ul.available {
                    @for (l, path) in elsewhere {
                        li { a href=(path) lang=(l) hreflang=(l) { (autonym(l)) } }
                    }
                }
            }
            p { a href=(urls::home(ctx.lang)) { (ctx.t("error-home-link")) } }
        }
    };
    html(status, page(ctx, head, main))
}

/// Router fallback: a 404 in the language the path names, else the reader's.
pub(crate) async fn fallback(State(app): State<AppState>, request: Request) -> Response {
    let first = request
        .uri()
        .path()
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or("")
        .to_string();
    let lang = if app.serves(&first) {
        first
    } else {
        crate::http::negotiate(request.headers(), &app.portal.config.languages)
            .unwrap_or("en")
            .to_string()
    };
    error_page(&app, &lang, &WebError::NotFound).await
}
