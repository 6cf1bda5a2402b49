//! `/admin/articles…`: the article list, one article's language versions
//! (approve / hold / unpublish, takedown) and the side-by-side review.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};
use serde_json::Value;
use store::{ArticleStatus, StoreError, TranslationStatus};

use super::{
    back, csrf_field, forbidden, not_found, respond, server_error, shell, Action, Desk, DeskForm,
    Tr,
};
use crate::app::AppState;

/// Articles listed.
const LISTED: i64 = 100;

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
        p { (t.tw("desk-original-in", &[("lang", a.language.as_str().into())])) " " a href=(a.url) rel="noopener noreferrer" lang=(a.language) { (a.original.title) } " · " (t.t("desk-status")) ": " (t.t(article_key(status_name(a.status)))) }
        table {
            tr { th { (t.t("desk-language")) } th { (t.t("desk-title")) } th { (t.t("desk-status")) } th { (t.t("desk-qa-flags")) } th { (t.t("desk-review")) } th { (t.t("desk-decide")) } }
            @for v in &versions {
                tr {
                    td { (v.lang) }
                    td lang=(v.lang) { (v.content.title) }
                    td { (t.t(version_key(v.status.as_str()))) }
                    td { @for f in &v.qa_flags { span.flag { (f) } } }
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
                label { (t.t("desk-reason")) " " input name="reason" required size="60"; }
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
    let reason = form.get("reason").map(|r| r.trim()).unwrap_or("");
    let reason = if reason.is_empty() {
        "publisher's request"
    } else {
        reason
    };
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

/// `GET /admin/articles/{id}/{lang}`: original and translation, segment by segment.
pub(crate) async fn review(
    State(app): State<AppState>,
    Path((id, lang)): Path<(i64, String)>,
    desk: Desk,
) -> Response {
    let store = &app.portal.store;
    let (a, v) = match (store.article(id).await, store.translation(id, &lang).await) {
        (Ok(a), Ok(Some(v))) => (a, v),
        (Err(StoreError::NotFound(_)), _) | (Ok(_), Ok(None)) => return not_found(&desk.tr(&app)),
        (Err(e), _) | (_, Err(e)) => return server_error(&desk.tr(&app), &e),
    };
    let t = desk.tr(&app);
    let segments: &[Value] = v.segments.as_array().map_or(&[], Vec::as_slice);
    let flagged = segments.iter().filter(|s| !flags(s).is_empty()).count();
    let body = html! {
        p {
            a href=(format!("/admin/articles/{id}")) { "← " (t.tw("desk-article-title", &[("id", id.into())])) }
            " · " (a.language) " → " (lang) " · " (t.t("desk-status")) ": " (t.t(version_key(v.status.as_str())))
            " · " (t.t("desk-engine")) ": " (v.engine.as_deref().map_or_else(|| t.t("desk-engine-none"), str::to_string))
            " · " (t.tw("desk-segment-summary", &[("segments", (segments.len() as i64).into()), ("flagged", (flagged as i64).into())]))
        }
        @if !v.qa_flags.is_empty() {
            p { (t.t("desk-qa-flags")) ": " @for f in &v.qa_flags { span.flag { (f) } } }
        }
        @if segments.is_empty() {
            p { (t.t("desk-no-segments")) }
        } @else {
            @let editable = lang != a.language && desk.may(Action::ReviewTranslation, Some(&lang));
            table.review {
                tr {
                    th { (t.t("desk-unit")) } th { (t.t("desk-kind")) } th { (t.tw("desk-original-column", &[("lang", a.language.as_str().into())])) } th { (t.tw("desk-translation-column", &[("lang", lang.as_str().into())])) } th { (t.t("desk-origin")) } th { (t.t("desk-flags")) }
                    @if editable { th { (t.t("desk-correct")) } }
                }
                @for (n, s) in segments.iter().enumerate() {
                    (segment_row(&t, s, &a.language, &lang, editable.then(|| (
                        format!("/admin/articles/{id}/{lang}/segments/{n}"),
                        csrf_field(&app, &desk),
                    ))))
                }
            }
        }
    };
    respond(
        StatusCode::OK,
        shell(
            &t,
            &t.tw(
                "desk-review-title",
                &[("id", id.into()), ("lang", lang.as_str().into())],
            ),
            Some(&desk),
            body,
        ),
    )
}

fn text(v: &Value, key: &str) -> String {
    match v.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

fn flags(v: &Value) -> Vec<String> {
    match v.get("flags") {
        Some(Value::Array(items)) => items
            .iter()
            .map(|f| match f {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect(),
        Some(Value::String(s)) if !s.is_empty() => vec![s.clone()],
        _ => Vec::new(),
    }
}

/// One segment; with `edit` (the form's action and CSRF field), a form to correct it.
fn segment_row(
    t: &Tr<'_>,
    s: &Value,
    source_lang: &str,
    lang: &str,
    edit: Option<(String, Markup)>,
) -> Markup {
    let f = flags(s);
    html! {
        tr class=[(!f.is_empty()).then_some("flagged")] {
            td { (text(s, "unit")) }
            td { (text(s, "kind")) }
            td lang=(source_lang) { (text(s, "source")) }
            td lang=(lang) { (text(s, "target")) }
            td { (text(s, "origin")) }
            td { @for x in &f { span.flag { (x) } } }
            @if let Some((action, csrf)) = edit {
                td {
                    form method="post" action=(action) {
                        (csrf)
                        textarea name="target" rows="3" cols="40" lang=(lang) required { (text(s, "target")) }
                        button type="submit" { (t.t("desk-save")) }
                    }
                }
            }
        }
    }
}

/// Longest correction accepted, in characters.
const MAX_CORRECTION: usize = 5_000;

/// `POST /admin/articles/{id}/{lang}/segments/{n}`: an editor corrects one
/// segment. The correction is queued for the pipeline, which remembers it as
/// a human translation (reused by every future match) and re-renders the
/// version; the source text is taken from the stored report, not the form.
pub(crate) async fn revise_segment(
    State(app): State<AppState>,
    Path((id, lang, n)): Path<(i64, String, usize)>,
    DeskForm { desk, form }: DeskForm,
) -> Response {
    let t = desk.tr(&app);
    let target = form
        .get("target")
        .map(|t| t.trim().to_string())
        .unwrap_or_default();
    if target.is_empty() || target.chars().count() > MAX_CORRECTION {
        return forbidden(&t, "desk-correction-length");
    }
    let store = &app.portal.store;
    let translation = match store.translation(id, &lang).await {
        Ok(Some(t)) => t,
        Ok(None) | Err(StoreError::NotFound(_)) => return not_found(&t),
        Err(e) => return server_error(&t, &e),
    };
    let Some(segment) = translation.segments.as_array().and_then(|a| a.get(n)) else {
        return not_found(&t);
    };
    let revision = store::Revision {
        article_id: id,
        lang: lang.clone(),
        source: text(segment, "source"),
        target: target.clone(),
        editor: desk.user.username.clone(),
    };
    if let Err(e) = store.queue_revision(&revision).await {
        return server_error(&t, &e);
    }
    let what = format!("article {id} {lang} segment {n}");
    if let Err(e) = store
        .audit(&desk.user.username, "segment_revised", &what, Some(&target))
        .await
    {
        return server_error(&t, &e);
    }
    back(&format!("/admin/articles/{id}/{lang}"))
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
