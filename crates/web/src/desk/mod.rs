//! The editorial desk under `/admin`, in the editor's language.
//!
//! Every page needs a signed session cookie (`session.rs`); every POST also
//! needs the session's CSRF token and a same-origin request; every route's
//! action is allowed or refused by one permission model (`permissions.rs`:
//! role × language × action), checked for every route by one gate
//! (`guard.rs`, the `Desk` and `DeskForm` extractors). Editors work on
//! content, translations and comments in their languages; admins also manage
//! sources, sections, the glossary and users, see the audit log and retry
//! dead jobs. Every string
//! comes from `locales/{lang}/desk.ftl` (`desk-…` keys); the language is the
//! editor's choice (`/admin/language?lang=fr`, a cookie), else the browser's
//! Accept-Language.
//!
//! This half imports only from [`crate::core`], never from the public site
//! (the rule and its test are described there). Its own state, the sign-in
//! [`Throttle`], lives here, not in the shared [`App`].

mod articles;
mod audit;
mod comments;
mod dashboard;
mod editor;
mod glossary;
mod guard;
mod language;
mod login;
mod permissions;
mod queue;
mod sections;
mod session;
mod sources;
mod users;

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Form, Router};
use maud::{html, Markup, DOCTYPE};
use store::Role;

use crate::core::app::{App, AppState};
use crate::core::i18n::{autonym, Arg, UI_LANGUAGES};

pub(crate) use guard::DeskForm;
use login::Throttle;
pub(crate) use permissions::Action;
pub(crate) use session::Desk;

/// The desk's routes, with the desk's own state: the failed sign-ins
/// counted in this process ([`Throttle`], an extension of every desk request).
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(dashboard::dashboard))
        .route("/admin/", get(dashboard::dashboard))
        .route("/admin/language", get(language::choose))
        .route("/admin/login", get(login::form).post(login::login))
        .route("/admin/logout", post(login::logout))
        .route("/admin/jobs/{id}/retry", post(dashboard::retry))
        .route("/admin/comments", get(comments::queue))
        .route("/admin/comments/threshold", post(comments::set_threshold))
        .route("/admin/comments/{id}/{action}", post(comments::moderate))
        .route("/admin/review", get(queue::queue))
        .route("/admin/articles", get(articles::list))
        .route("/admin/articles/{id}", get(articles::show))
        .route("/admin/articles/{id}/takedown", post(articles::takedown))
        .route("/admin/articles/{id}/section", post(articles::set_section))
        .route("/admin/articles/{id}/{lang}", get(editor::page))
        .route("/admin/articles/{id}/{lang}/take", post(editor::take))
        .route("/admin/articles/{id}/{lang}/release", post(editor::release))
        .route(
            "/admin/articles/{id}/{lang}/reviewed",
            post(editor::reviewed),
        )
        .route(
            "/admin/articles/{id}/{lang}/status",
            post(articles::set_status),
        )
        .route(
            "/admin/articles/{id}/{lang}/segments/{n}",
            get(editor::matches).post(editor::save),
        )
        .route(
            "/admin/articles/{id}/{lang}/segments/{n}/propagate",
            post(editor::propagate),
        )
        .route("/admin/audit", get(audit::log))
        .route("/admin/sources", get(sources::list))
        .route(
            "/admin/sources/{id}",
            get(sources::edit).post(sources::save),
        )
        .route("/admin/sources/{id}/{action}", post(sources::toggle))
        .route("/admin/sections", get(sections::list))
        .route("/admin/sections/{id}", post(sections::save))
        .route("/admin/glossary", get(glossary::list).post(glossary::add))
        .route("/admin/glossary/remove", post(glossary::remove))
        .route("/admin/glossary/import", post(glossary::import))
        .route("/admin/glossary/export.csv", get(glossary::export))
        .route("/admin/users", get(users::list).post(users::add))
        .route("/admin/users/{name}/{action}", post(users::change))
        .layer(Extension(Arc::new(Throttle::default())))
}

/// The desk's UI strings in one language.
pub(crate) struct Tr<'a> {
    app: &'a App,
    /// The language the desk speaks.
    pub lang: String,
}

impl<'a> Tr<'a> {
    fn new(app: &'a App, lang: &str) -> Tr<'a> {
        Tr {
            app,
            lang: lang.to_string(),
        }
    }

    /// A desk string.
    pub fn t(&self, key: &str) -> String {
        self.app.locales.get(&self.lang, key)
    }

    /// A desk string with arguments.
    pub fn tw(&self, key: &str, args: &[(&str, Arg)]) -> String {
        self.app.locales.get_with(&self.lang, key, args)
    }
}

/// The desk language for a request: the editor's choice (cookie), else the
/// best UI language for Accept-Language.
pub(crate) fn tr<'a>(app: &'a App, headers: &HeaderMap) -> Tr<'a> {
    let chosen = crate::core::security::cookie(headers, language::COOKIE)
        .filter(|l| app.locales.has(l))
        .map(str::to_string);
    let lang = chosen.unwrap_or_else(|| {
        // English first: the answer when Accept-Language names nothing we have.
        let mut ui = vec!["en".to_string()];
        ui.extend(
            UI_LANGUAGES
                .iter()
                .map(|(l, _)| l.to_string())
                .filter(|l| l != "en"),
        );
        crate::core::http::negotiate(headers, &ui)
            .unwrap_or("en")
            .to_string()
    });
    Tr { app, lang }
}

/// A form's fields, or none when the body is not a form.
pub(crate) async fn read_form(req: Request) -> HashMap<String, String> {
    match Form::<HashMap<String, String>>::from_request(req, &()).await {
        Ok(Form(f)) => f,
        Err(_) => HashMap::new(),
    }
}

/// 403 with the reason (a `desk-…` key).
pub(crate) fn forbidden(t: &Tr<'_>, why: &str) -> Response {
    let body = shell(
        t,
        &t.t("desk-forbidden"),
        None,
        html! { p.error { (t.t(why)) } },
    );
    respond(StatusCode::FORBIDDEN, body)
}

/// 422 with what is wrong with a form (already translated).
pub(crate) fn invalid(t: &Tr<'_>, why: &str) -> Response {
    let body = shell(
        t,
        &t.t("desk-invalid"),
        None,
        html! {
            p.error role="alert" { (why) }
            p { (t.t("desk-go-back")) }
        },
    );
    respond(StatusCode::UNPROCESSABLE_ENTITY, body)
}

pub(crate) fn not_found(t: &Tr<'_>) -> Response {
    respond(
        StatusCode::NOT_FOUND,
        shell(
            t,
            &t.t("desk-not-found"),
            None,
            html! { p { (t.t("desk-nothing-here")) } },
        ),
    )
}

pub(crate) fn server_error(t: &Tr<'_>, err: &dyn std::fmt::Display) -> Response {
    tracing::error!(error = %err, "desk page failed");
    respond(
        StatusCode::INTERNAL_SERVER_ERROR,
        shell(
            t,
            &t.t("desk-error"),
            None,
            html! { p.error { (t.t("desk-database-failed")) } },
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

/// The desk's page shell with its menu and language picker.
pub(crate) fn shell(t: &Tr<'_>, title: &str, desk: Option<&Desk>, main: Markup) -> Markup {
    let app = t.app;
    html! {
        (DOCTYPE)
        html lang=(t.lang) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="robots" content="noindex";
                title { (t.tw("desk-page-title", &[("title", title.into())])) }
                link rel="stylesheet" href=(crate::core::assets::desk_css_path());
                link rel="icon" href=(crate::core::assets::favicon_path());
                script src=(crate::core::assets::desk_js_path()) defer {}
            }
            body.desk {
                header {
                    strong { (t.t("desk-name")) }
                    @if let Some(d) = desk {
                        nav {
                            a href="/admin" { (t.t("desk-nav-dashboard")) } " · "
                            a href="/admin/review" { (t.t("desk-nav-review")) } " · "
                            a href="/admin/articles" { (t.t("desk-nav-articles")) } " · "
                            a href="/admin/comments" { (t.t("desk-nav-comments")) }
                            @if d.user.role == Role::Admin {
                                " · " a href="/admin/sources" { (t.t("desk-nav-sources")) }
                                " · " a href="/admin/sections" { (t.t("desk-nav-sections")) }
                                " · " a href="/admin/glossary" { (t.t("desk-nav-glossary")) }
                                " · " a href="/admin/users" { (t.t("desk-nav-users")) }
                                " · " a href="/admin/audit" { (t.t("desk-nav-audit")) }
                            }
                        }
                        form.logout method="post" action="/admin/logout" {
                            (csrf_field(app, d))
                            span { (d.user.username) " (" (t.t(role_key(d.user.role))) ") " }
                            button type="submit" { (t.t("desk-sign-out")) }
                        }
                    }
                    form.lang method="get" action="/admin/language" {
                        label { (t.t("desk-language")) " "
                            select name="lang" {
                                @for (code, _) in UI_LANGUAGES {
                                    option value=(code) lang=(code) selected[*code == t.lang] { (autonym(code)) }
                                }
                            }
                        }
                        " " button type="submit" { (t.t("desk-change")) }
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

/// The key naming a role.
pub(crate) fn role_key(role: Role) -> &'static str {
    match role {
        Role::Admin => "desk-role-admin",
        Role::Editor => "desk-role-editor",
    }
}

/// A timestamp (ms) as `YYYY-MM-DD HH:MM` UTC, or empty.
pub(crate) fn when(ms: Option<i64>) -> String {
    ms.and_then(crate::core::dates::utc)
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

/// A pipeline stage's name in the desk's language (`poll`, `translate`…).
pub(crate) fn stage_name(t: &Tr<'_>, stage: &str) -> String {
    match stage {
        "poll" | "fetch" | "extract" | "classify" | "translate" | "publish" | "revise" => {
            t.t(&format!("desk-stage-{stage}"))
        }
        other => other.to_string(),
    }
}

/// A job state's name in the desk's language (`queued`, `dead`…).
pub(crate) fn state_name(t: &Tr<'_>, state: &str) -> String {
    match state {
        "queued" | "running" | "done" | "dead" => t.t(&format!("desk-state-{state}")),
        other => other.to_string(),
    }
}
