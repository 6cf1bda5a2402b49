//! The editorial desk under `/admin` (English only for now).
//!
//! Every page needs a signed session cookie (`session.rs`); every POST also
//! needs the session's CSRF token and a same-origin request. Editors work on
//! content, translations and comments; admins also see the audit log and
//! retry dead jobs.

mod articles;
mod audit;
mod comments;
mod dashboard;
mod login;
mod queue;
mod session;

use std::collections::HashMap;

use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use maud::{html, Markup, DOCTYPE};
use store::Role;

use crate::app::{App, AppState};
use crate::security::same_origin;

pub(crate) use login::Throttle;
pub(crate) use session::Desk;

/// The desk's routes.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(dashboard::dashboard))
        .route("/admin/", get(dashboard::dashboard))
        .route("/admin/login", get(login::form).post(login::login))
        .route("/admin/logout", post(login::logout))
        .route("/admin/jobs/{id}/retry", post(dashboard::retry))
        .route("/admin/comments", get(comments::queue))
        .route("/admin/comments/{id}/{action}", post(comments::moderate))
        .route("/admin/review", get(queue::queue))
        .route("/admin/articles", get(articles::list))
        .route("/admin/articles/{id}", get(articles::show))
        .route("/admin/articles/{id}/takedown", post(articles::takedown))
        .route("/admin/articles/{id}/{lang}", get(articles::review))
        .route(
            "/admin/articles/{id}/{lang}/status",
            post(articles::set_status),
        )
        .route(
            "/admin/articles/{id}/{lang}/segments/{n}",
            post(articles::revise_segment),
        )
        .route("/admin/audit", get(audit::log))
}

/// Who may open a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Need {
    /// Any desk user.
    Editor,
    /// Admins only.
    Admin,
}

/// The signed-in user allowed on this page, or the answer for everyone else:
/// anonymous readers go to the login form, under-privileged users get 403.
pub(crate) async fn require(app: &App, headers: &HeaderMap, need: Need) -> Result<Desk, Response> {
    let Some(desk) = session::current(app, headers).await else {
        return Err(Redirect::to("/admin/login").into_response());
    };
    if need == Need::Admin && desk.user.role != Role::Admin {
        return Err(forbidden("This page is for admins."));
    }
    Ok(desk)
}

/// Like [`require`], for a POST: also checks the CSRF token and the origin.
pub(crate) async fn require_post(
    app: &App,
    headers: &HeaderMap,
    form: &HashMap<String, String>,
    need: Need,
) -> Result<Desk, Response> {
    let Some(desk) = session::current(app, headers).await else {
        return Err(forbidden("Please sign in again."));
    };
    let token = form.get("csrf").map(String::as_str).unwrap_or("");
    if !same_origin(headers, &app.portal.config.base_url) || !desk.csrf_ok(app, token) {
        return Err(forbidden(
            "This form could not be verified; reload the page and try again.",
        ));
    }
    if need == Need::Admin && desk.user.role != Role::Admin {
        return Err(forbidden("This action is for admins."));
    }
    Ok(desk)
}

/// A form's fields, or none when the body is not a form.
pub(crate) async fn read_form(req: Request) -> HashMap<String, String> {
    match Form::<HashMap<String, String>>::from_request(req, &()).await {
        Ok(Form(f)) => f,
        Err(_) => HashMap::new(),
    }
}

pub(crate) fn forbidden(why: &str) -> Response {
    let body = shell("Forbidden", None, html! { p.error { (why) } });
    respond(StatusCode::FORBIDDEN, body)
}

pub(crate) fn not_found() -> Response {
    respond(
        StatusCode::NOT_FOUND,
        shell("Not found", None, html! { p { "Nothing here." } }),
    )
}

pub(crate) fn server_error(err: &dyn std::fmt::Display) -> Response {
    tracing::error!(error = %err, "desk page failed");
    respond(
        StatusCode::INTERNAL_SERVER_ERROR,
        shell(
            "Error",
            None,
            html! { p.error { "The database failed; try again." } },
        ),
    )
}

/// A desk page: never cached, never framed.
pub(crate) fn respond(status: StatusCode, body: Markup) -> Response {
    let mut r = (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        body.into_string(),
    )
        .into_response();
    let h = r.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::HeaderName::from_static("x-robots-tag"),
        HeaderValue::from_static("noindex"),
    );
    r
}

/// Back to a desk page after a POST.
pub(crate) fn back(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// The hidden CSRF field for a form.
pub(crate) fn csrf_field(app: &App, desk: &Desk) -> Markup {
    html! { input type="hidden" name="csrf" value=(desk.csrf(app)); }
}

/// The desk's page shell with its menu.
pub(crate) fn shell(title: &str, desk: Option<(&App, &Desk)>, main: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="robots" content="noindex";
                title { (title) " – Newsbridge desk" }
                style { (maud::PreEscaped(CSS)) }
            }
            body.desk {
                header {
                    strong { "Newsbridge desk" }
                    @if let Some((app, d)) = desk {
                        nav {
                            a href="/admin" { "Dashboard" } " · "
                            a href="/admin/review" { "Review queue" } " · "
                            a href="/admin/articles" { "Articles" } " · "
                            a href="/admin/comments" { "Comments" }
                            @if d.user.role == Role::Admin { " · " a href="/admin/audit" { "Audit log" } }
                        }
                        form.logout method="post" action="/admin/logout" {
                            (csrf_field(app, d))
                            span { (d.user.username) " (" (d.user.role.as_str()) ") " }
                            button type="submit" { "Sign out" }
                        }
                    }
                }
                main {
                    h1 { (title) }
                    (main)
                }
            }
        }
    }
}

const CSS: &str = "body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:0 1em}\
header{display:flex;gap:1em;align-items:center;border-bottom:1px solid #ccc;padding:.5em 0}\
.logout{margin-left:auto}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:.3em;vertical-align:top;text-align:left}\
tr.flagged td{background:#fff3cd}.flag{background:#c0392b;color:#fff;border-radius:3px;padding:0 .3em;margin-right:.2em;font-size:.85em}\
.error{color:#a00}form.inline{display:inline}";
