//! `/admin/articles…`: the article list, one article's language versions
//! (approve / hold / unpublish, takedown); the segment editor is `editor/`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;
use store::{ArticleStatus, StoreError, TranslationStatus};

use super::{
    back, csrf_field, forbidden, not_found, respond, server_error, shell, Action, Desk, DeskForm,
};
use crate::core::app::AppState;

/// Articles listed.
const LISTED: i64 = 100;
/// Longest takedown reason, in characters (readers see it on the 410 page).
const MAX_REASON: usize = 500;

/// `GET /admin/articles`.
pub(crate) async fn list(State(app): State<AppState>, desk: Desk) -> Response {
    let store = &app.portal.store;
    let ids = match store.desk_article_ids(LISTED, 0).await {
        Ok(ids) => ids,
        Err(e) => return server_error(&desk.tr(&app), &e),
    };
    let mut rows = Vec::new();
    for id in ids {
        match (store.article(id).await, store.translations_of(id).await) {
            (Ok(a), Ok(t)) => rows.push((a, t)),
            (Err(e), _) | (_, Err(e)) => return server_error(&desk.tr(&app), &e),
        }
    }
    let t = desk.tr(&app);
    let body = html! {
        table {
            tr { th { "#" } th { (t.t("desk-original-title")) } th { (t.t("desk-status")) } th { (t.t("desk-language-versions")) } }
            @for (a, versions) in &rows {
                tr {
                    td { (a.id) }
                    td { a href=(format!("/admin/articles/{}", a.id)) lang=(a.language) { (a.original.title) } }
                    td { (t.t(article_key(status_name(a.status)))) }
                    td {
                        @for v in versions {
                            a href=(format!("/admin/articles/{}/{}", a.id, v.lang)) { (v.lang) } ": " (t.t(version_key(v.status.as_str())))
                            @if !v.qa_flags.is_empty() { " " span.flag { (t.tw("desk-qa-count", &[("count", (v.qa_flags.len() as i64).into())])) } }
                            " "
                        }
                    }
                }
            }
        }
    };
    respond(
        StatusCode::OK,
        shell(&t, &t.t("desk-nav-articles"), Some(&desk), body),
    )
}

fn status_name(s: ArticleStatus) -> &'static str {
    match s {
        ArticleStatus::Extracted => "extracted",
        ArticleStatus::Classified => "classified",
        ArticleStatus::Duplicate => "duplicate",
        ArticleStatus::TakenDown => "taken_down",
    }
}

/// The key naming an article status (as stored or as [`status_name`] gives it).
pub(crate) fn article_key(s: &str) -> &'static str {
    match s {
        "extracted" => "desk-article-extracted",
        "classified" => "desk-article-classified",
        "duplicate" => "desk-article-duplicate",
        "taken_down" | "taken down" => "desk-article-taken-down",
        _ => "desk-unknown",
    }
}

/// The key naming a language version's status.
pub(crate) fn version_key(s: &str) -> &'static str {
    match s {
        "translated" => "desk-version-translated",
        "held" => "desk-version-held",
        "published" => "desk-version-published",
        "unpublished" => "desk-version-unpublished",
        "taken_down" => "desk-version-taken-down",
        _ => "desk-unknown",
    }
}

/// `GET /admin/articles/{id}`.
pub(crate) async fn show(State(app): State<AppState>, Path(id): Path<i64>, desk: Desk) -> Response {
    let store = &app.portal.store;
    let a = match store.article(id).await {
        Ok(a) => a,
        Err(StoreError::NotFound(_)) => return not_found(&desk.tr(&app)),
        Err(e) => return server_error(&desk.tr(&app), &e),
    };
    let versions = match store.translations_of(id).await {
        Ok(v) => v,
        Err(e) => return server_error(&desk.tr(&app), &e),
    };
    let t = desk.tr(&app);
    let body = html! {
        @if let (Some(gone), true) = (a.upstream_gone, a.status != ArticleStatus::TakenDown) {
            p.notice role="status" {
                (t.tw("desk-gone-banner", &[("status", gone.status.into()), ("date", super::when(Some(gone.since)).into())]))
            }
        }
        p { (t.tw("desk-original-in", &[("lang", a.language.as_str().into())])) " " a href=(a.url) rel="noopener noreferrer" lang=(a.language) { (a.original.title) } " · " (t.tw("desk-labelled", &[("label", t.t("desk-status").into()), ("value", t.t(article_key(status_name(a.status))).into())])) }
        table {
            tr { th { (t.t("desk-language")) } th { (t.t("desk-title")) } th { (t.t("desk-status")) } th { (t.t("desk-qa-flags")) } th { (t.t("desk-review")) } th { (t.t("desk-decide")) } }
            @for v in &versions {
                tr {
                    td data-label=(t.t("desk-language")) { (v.lang) }
                    td lang=(v.lang) { (v.content.title) }
                    td data-label=(t.t("desk-status")) { (t.t(version_key(v.status.as_str()))) }
                    td data-label=(t.t("desk-qa-flags")) { @for f in &v.qa_flags { span.flag { (super::editor::flag_name(&t, f)) } } }
                    td { a href=(format!("/admin/articles/{id}/{}", v.lang)) { (t.t("desk-side-by-side")) } }
                    td {
                        @if a.status != ArticleStatus::TakenDown && desk.may(Action::ReviewTranslation, Some(&v.lang)) {
                            @for (value, label) in [("approve", "desk-approve"), ("hold", "desk-hold"), ("unpublish", "desk-unpublish")] {
                                form.inline method="post" action=(format!("/admin/articles/{id}/{}/status", v.lang)) {
                                    (csrf_field(&app, &desk))
                                    input type="hidden" name="status" value=(value);
                                    button type="submit" { (t.t(label)) }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if a.status != ArticleStatus::TakenDown && desk.may(Action::TakeDown, None) {
            h2 { (t.t("desk-takedown")) }
            p { (t.t("desk-takedown-explained")) }
            form method="post" action=(format!("/admin/articles/{id}/takedown")) {
                (csrf_field(&app, &desk))
                label for="takedown-reason" { (t.t("desk-reason")) }
                " " input #takedown-reason name="reason" required maxlength=(MAX_REASON) size="60";
                p.hint { (t.t("desk-reason-shown")) }
                " " button type="submit" { (t.t("desk-takedown-button")) }
            }
        }
    };
    respond(
        StatusCode::OK,
        shell(
            &t,
            &t.tw("desk-article-title", &[("id", id.into())]),
            Some(&desk),
            body,
        ),
    )
}

/// `POST /admin/articles/{id}/takedown`.
pub(crate) async fn takedown(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    DeskForm { desk, form }: DeskForm,
) -> Response {
    // Readers are shown the reason as given: one is required, and bounded.
    let reason = form.get("reason").map(|r| r.trim()).unwrap_or("");
    if reason.is_empty()
        || reason.chars().count() > MAX_REASON
        || reason.chars().any(char::is_control)
    {
        let t = desk.tr(&app);
        return super::invalid(
            &t,
            &t.tw("desk-bad-reason", &[("max", (MAX_REASON as i64).into())]),
        );
    }
    match app
        .portal
        .store
        .take_down(id, &desk.user.username, reason)
        .await
    {
        Ok(()) => back(&format!("/admin/articles/{id}")),
        Err(StoreError::NotFound(_)) => not_found(&desk.tr(&app)),
        Err(e) => server_error(&desk.tr(&app), &e),
    }
}

/// `POST /admin/articles/{id}/{lang}/status` with `status` = approve | hold | unpublish.
pub(crate) async fn set_status(
    State(app): State<AppState>,
    Path((id, lang)): Path<(i64, String)>,
    DeskForm { desk, form }: DeskForm,
) -> Response {
    let t = desk.tr(&app);
    let status = match form.get("status").map(String::as_str) {
        Some("approve") => TranslationStatus::Published,
        Some("hold") => TranslationStatus::Held,
        Some("unpublish") => TranslationStatus::Unpublished,
        _ => return forbidden(&t, "desk-unknown-decision"),
    };
    let store = &app.portal.store;
    match store.article(id).await {
        Ok(a) if a.status == ArticleStatus::TakenDown => {
            return forbidden(&t, "desk-was-taken-down")
        }
        Ok(_) => {}
        Err(StoreError::NotFound(_)) => return not_found(&t),
        Err(e) => return server_error(&t, &e),
    }
    match store.set_translation_status(id, &lang, status).await {
        Ok(()) => {}
        Err(StoreError::NotFound(_)) => return not_found(&t),
        Err(e) => return server_error(&t, &e),
    }
    let target = format!("article {id} {lang}");
    if let Err(e) = store
        .audit(
            &desk.user.username,
            &format!("translation_{}", status.as_str()),
            &target,
            None,
        )
        .await
    {
        return server_error(&t, &e);
    }
    back(&format!("/admin/articles/{id}"))
}

/// `POST /admin/articles/{id}/section` with `section` (a section id): files
/// the article there for good (an editor's choice is never re-guessed).
pub(crate) async fn set_section(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    DeskForm { desk, form }: DeskForm,
) -> Response {
    let t = desk.tr(&app);
    let store = &app.portal.store;
    let sections = match store.sections().await {
        Ok(s) => s,
        Err(e) => return server_error(&t, &e),
    };
    let chosen = form
        .get("section")
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|id| sections.iter().find(|s| s.id == id));
    let Some(section) = chosen else {
        return super::invalid(&t, &t.t("desk-unknown-section-choice"));
    };
    match store.set_article_section(id, section.id).await {
        Ok(()) => {}
        Err(StoreError::NotFound(_)) => return not_found(&t),
        Err(e) => return server_error(&t, &e),
    }
    if let Err(e) = store
        .audit(
            &desk.user.username,
            "section_set",
            &format!("article {id}"),
            Some(&section.slug),
        )
        .await
    {
        return server_error(&t, &e);
    }
    back("/admin/review#sections-to-confirm")
}
