//! Localized error pages: 404, 410 and 500.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;

use crate::core::app::{App, AppState, Ctx};
use crate::core::i18n::autonym;
use crate::core::urls;
use crate::public::layout::{page, Head};
use crate::public::pages::html;
use crate::WebError;

/// The error page for `err`, in `lang`. A portal serves exactly the
/// languages of its configuration; a page asked in a language that has UI
/// strings but is not served (`/de/` on a site in vi, en and fr) is a 404 in
/// that language saying so and linking to the served ones; any other
/// language gets the page in English (or the default language when English
/// is not served).
pub(crate) async fn error_page(app: &App, lang: &str, err: &WebError) -> Response {
    if !app.serves(lang) && app.locales.has(lang) && matches!(err, WebError::NotFound) {
        return not_served(app, lang);
    }
    let lang = if app.serves(lang) {
        lang
    } else if app.serves("en") {
        "en"
    } else {
        app.default_lang()
    };
    let ctx = Ctx::for_error(app, lang).await;
    let (status, title, body) = match err {
        WebError::NotFound => (
            StatusCode::NOT_FOUND,
            "error-not-found-title",
            ctx.t("error-not-found-body"),
        ),
        // The reason as the desk recorded it, not a stock "publisher's request".
        WebError::Gone(Some(reason)) => (
            StatusCode::GONE,
            "error-gone-title",
            ctx.tw("error-gone-reason", &[("reason", reason.as_str().into())]),
        ),
        WebError::Gone(None) => (
            StatusCode::GONE,
            "error-gone-title",
            ctx.t("error-gone-body"),
        ),
        WebError::Store(_) | WebError::Render(_) => {
            tracing::error!(error = %err, "page failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "error-internal-title",
                ctx.t("error-internal-body"),
            )
        }
    };
    render(&ctx, status, title, &body, &[])
}

/// A 404 for an article that exists in other languages: lists them.
pub(crate) fn not_in_language(ctx: &Ctx<'_>, elsewhere: &[(String, String)]) -> Response {
    render(
        ctx,
        StatusCode::NOT_FOUND,
        "error-not-found-title",
        &ctx.t("error-not-found-body"),
        elsewhere,
    )
}

/// The 404 for a language with UI strings that this portal does not serve:
/// in that language, without the menu (its links would lead nowhere), with
/// the home page of every served language.
fn not_served(app: &App, lang: &str) -> Response {
    let ctx = Ctx {
        app,
        lang,
        sections: Arc::default(),
        comment_counts: Arc::default(),
        images: Arc::default(),
    };
    let served: Vec<(String, String)> = app
        .portal
        .config
        .languages
        .iter()
        .filter(|l| app.serves(l))
        .map(|l| (l.clone(), urls::home(l)))
        .collect();
    let head = Head {
        title: ctx.t("error-language-title"),
        noindex: true,
        ..Head::default()
    };
    let main = html! {
        section.error-page {
            h1 { (ctx.t("error-language-title")) }
            p { (ctx.t("error-language-body")) }
            ul.available {
                @for (l, path) in &served {
                    li { a href=(path) lang=(l) hreflang=(l) { (autonym(l)) } }
                }
            }
        }
    };
    html(StatusCode::NOT_FOUND, page(&ctx, head, main))
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
            p { (body) }
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

/// Router fallback: a 404 in the language the path names, else in the
/// reader's best served language.
pub(crate) async fn fallback(State(app): State<AppState>, request: Request) -> Response {
    let first = request
        .uri()
        .path()
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or("")
        .to_string();
    let lang = if app.locales.has(&first) {
        first
    } else {
        crate::core::http::negotiate(request.headers(), &app.portal.config.languages)
            .unwrap_or("en")
            .to_string()
    };
    error_page(&app, &lang, &WebError::NotFound).await
}
