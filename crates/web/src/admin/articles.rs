//! `/admin/articles…`: the article list, one article's language versions
//! (approve / hold / unpublish, takedown) and the side-by-side review.

use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use maud::{html, Markup};
use serde_json::Value;
use store::{ArticleStatus, StoreError, TranslationStatus};

use super::{
    back, csrf_field, forbidden, not_found, read_form, require, require_post, respond,
    server_error, shell, Desk, Need,
};
use crate::app::AppState;

/// Articles listed.
const LISTED: i64 = 100;

fn may_edit(desk: &Desk, lang: &str) -> bool {
    desk.user.languages.is_empty() || desk.user.languages.iter().any(|l| l == lang)
}

/// `GET /admin/articles`.
pub(crate) async fn list(State(app): State<AppState>, headers: HeaderMap) -> Response {
    let desk = match require(&app, &headers, Need::Editor).await {
        Ok(d) => d,
        Err(r) => return r,
    };
    let store = &app.portal.store;
    let ids = match store.desk_article_ids(LISTED, 0).await {
        Ok(ids) => ids,
        Err(e) => return server_error(&e),
    };
    let mut rows = Vec::new();
    for id in ids {
        match (store.article(id).await, store.translations_of(id).await) {
            (Ok(a), Ok(t)) => rows.push((a, t)),
            (Err(e), _) | (_, Err(e)) => return server_error(&e),
        }
    }
    let body = html! {
        table {
            tr { th { "#" } th { "Original title" } th { "Status" } th { "Language versions" } }
            @for (a, versions) in &rows {
                tr {
                    td { (a.id) }
                    td { a href=(format!("/admin/articles/{}", a.id)) lang=(a.language) { (a.original.title) } }
                    td { (status_name(a.status)) }
                    td {
                        @for v in versions {
                            a href=(format!("/admin/articles/{}/{}", a.id, v.lang)) { (v.lang) } ": " (v.status.as_str())
                            @if !v.qa_flags.is_empty() { " " span.flag { (v.qa_flags.len()) " QA" } }
                            " "
                        }
                    }
                }
            }
        }
    };
    respond(StatusCode::OK, shell("Articles", Some((&app, &desk)), body))
}

fn status_name(s: ArticleStatus) -> &'static str {
    match s {
        ArticleStatus::Extracted => "extracted",
        ArticleStatus::Classified => "classified",
        ArticleStatus::Duplicate => "duplicate",
        ArticleStatus::TakenDown => "taken down",
    }
}

/// `GET /admin/articles/{id}`.
pub(crate) async fn show(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> Response {
    let desk = match require(&app, &headers, Need::Editor).await {
        Ok(d) => d,
        Err(r) => return r,
    };
    let store = &app.portal.store;
    let a = match store.article(id).await {
        Ok(a) => a,
        Err(StoreError::NotFound(_)) => return not_found(),
        Err(e) => return server_error(&e),
    };
    let versions = match store.translations_of(id).await {
        Ok(v) => v,
        Err(e) => return server_error(&e),
    };
    let body = html! {
        p { "Original (" (a.language) "): " a href=(a.url) rel="noopener noreferrer" { (a.original.title) } " · status: " (status_name(a.status)) }
        table {
            tr { th { "Language" } th { "Title" } th { "Status" } th { "QA flags" } th { "Review" } th { "Decide" } }
            @for v in &versions {
                tr {
                    td { (v.lang) }
                    td lang=(v.lang) { (v.content.title) }
                    td { (v.status.as_str()) }
                    td { @for f in &v.qa_flags { span.flag { (f) } } }
                    td { a href=(format!("/admin/articles/{id}/{}", v.lang)) { "Side by side" } }
                    td {
                        @if a.status != ArticleStatus::TakenDown && may_edit(&desk, &v.lang) {
                            @for (value, label) in [("approve", "Approve"), ("hold", "Hold"), ("unpublish", "Unpublish")] {
                                form.inline method="post" action=(format!("/admin/articles/{id}/{}/status", v.lang)) {
                                    (csrf_field(&app, &desk))
                                    input type="hidden" name="status" value=(value);
                                    button type="submit" { (label) }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if a.status != ArticleStatus::TakenDown {
            h2 { "Takedown" }
            p { "Removes the article from every language, the search index, feeds and sitemaps (410 Gone). It cannot be undone from the desk." }
            form method="post" action=(format!("/admin/articles/{id}/takedown")) {
                (csrf_field(&app, &desk))
                label { "Reason " input name="reason" required size="60"; }
                " " button type="submit" { "Take down in every language" }
            }
        }
    };
    respond(
        StatusCode::OK,
        shell(&format!("Article {id}"), Some((&app, &desk)), body),
    )
}

/// `POST /admin/articles/{id}/takedown`.
pub(crate) async fn takedown(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    req: Request,
) -> Response {
    let form = read_form(req).await;
    let desk = match require_post(&app, &headers, &form, Need::Editor).await {
        Ok(d) => d,
        Err(r) => return r,
    };
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
        Err(StoreError::NotFound(_)) => not_found(),
        Err(e) => server_error(&e),
    }
}

/// `POST /admin/articles/{id}/{lang}/status` with `status` = approve | hold | unpublish.
pub(crate) async fn set_status(
    State(app): State<AppState>,
    Path((id, lang)): Path<(i64, String)>,
    headers: HeaderMap,
    req: Request,
) -> Response {
    let form = read_form(req).await;
    let desk = match require_post(&app, &headers, &form, Need::Editor).await {
        Ok(d) => d,
        Err(r) => return r,
    };
    if !may_edit(&desk, &lang) {
        return forbidden("You do not work on this language.");
    }
    let status = match form.get("status").map(String::as_str) {
        Some("approve") => TranslationStatus::Published,
        Some("hold") => TranslationStatus::Held,
        Some("unpublish") => TranslationStatus::Unpublished,
        _ => return forbidden("Unknown decision."),
    };
    let store = &app.portal.store;
    match store.article(id).await {
        Ok(a) if a.status == ArticleStatus::TakenDown => {
            return forbidden("This article was taken down.")
        }
        Ok(_) => {}
        Err(StoreError::NotFound(_)) => return not_found(),
        Err(e) => return server_error(&e),
    }
    match store.set_translation_status(id, &lang, status).await {
        Ok(()) => {}
        Err(StoreError::NotFound(_)) => return not_found(),
        Err(e) => return server_error(&e),
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
        return server_error(&e);
    }
    back(&format!("/admin/articles/{id}"))
}

/// `GET /admin/articles/{id}/{lang}`: original and translation, segment by segment.
pub(crate) async fn review(
    State(app): State<AppState>,
    Path((id, lang)): Path<(i64, String)>,
    headers: HeaderMap,
) -> Response {
    let desk = match require(&app, &headers, Need::Editor).await {
        Ok(d) => d,
        Err(r) => return r,
    };
    let store = &app.portal.store;
    let (a, t) = match (store.article(id).await, store.translation(id, &lang).await) {
        (Ok(a), Ok(Some(t))) => (a, t),
        (Err(StoreError::NotFound(_)), _) | (Ok(_), Ok(None)) => return not_found(),
        (Err(e), _) | (_, Err(e)) => return server_error(&e),
    };
    let segments: &[Value] = t.segments.as_array().map_or(&[], Vec::as_slice);
    let flagged = segments.iter().filter(|s| !flags(s).is_empty()).count();
    let body = html! {
        p {
            a href=(format!("/admin/articles/{id}")) { "← article " (id) }
            " · " (a.language) " → " (lang) " · status " (t.status.as_str())
            " · engine " (t.engine.as_deref().unwrap_or("none"))
            " · " (segments.len()) " segments, " (flagged) " with QA flags"
        }
        @if !t.qa_flags.is_empty() {
            p { "QA flags: " @for f in &t.qa_flags { span.flag { (f) } } }
        }
        @if segments.is_empty() {
            p { "No segment report for this version (the original, or made before reports existed)." }
        } @else {
            @let editable = lang != a.language && may_edit(&desk, &lang);
            table.review {
                tr {
                    th { "Unit" } th { "Kind" } th { "Original (" (a.language) ")" } th { "Translation (" (lang) ")" } th { "Origin" } th { "Flags" }
                    @if editable { th { "Correct (saved to the translation memory)" } }
                }
                @for (n, s) in segments.iter().enumerate() {
                    (segment_row(s, &a.language, &lang, editable.then(|| (
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
            &format!("Review: article {id} in {lang}"),
            Some((&app, &desk)),
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
fn segment_row(s: &Value, source_lang: &str, lang: &str, edit: Option<(String, Markup)>) -> Markup {
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
                        button type="submit" { "Save" }
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
    headers: HeaderMap,
    req: Request,
) -> Response {
    let form = read_form(req).await;
    let desk = match require_post(&app, &headers, &form, Need::Editor).await {
        Ok(d) => d,
        Err(r) => return r,
    };
    if !may_edit(&desk, &lang) {
        return forbidden("You do not work on this language.");
    }
    let target = form
        .get("target")
        .map(|t| t.trim().to_string())
        .unwrap_or_default();
    if target.is_empty() || target.chars().count() > MAX_CORRECTION {
        return forbidden("A correction must have between 1 and 5,000 characters.");
    }
    let store = &app.portal.store;
    let translation = match store.translation(id, &lang).await {
        Ok(Some(t)) => t,
        Ok(None) | Err(StoreError::NotFound(_)) => return not_found(),
        Err(e) => return server_error(&e),
    };
    let Some(segment) = translation.segments.as_array().and_then(|a| a.get(n)) else {
        return not_found();
    };
    let revision = store::Revision {
        article_id: id,
        lang: lang.clone(),
        source: text(segment, "source"),
        target: target.clone(),
        editor: desk.user.username.clone(),
    };
    if let Err(e) = store.queue_revision(&revision).await {
        return server_error(&e);
    }
    let what = format!("article {id} {lang} segment {n}");
    if let Err(e) = store
        .audit(&desk.user.username, "segment_revised", &what, Some(&target))
        .await
    {
        return server_error(&e);
    }
    back(&format!("/admin/articles/{id}/{lang}"))
}
