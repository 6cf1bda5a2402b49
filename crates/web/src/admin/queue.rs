//! `/admin/review`: language versions waiting for an editor, and originals
//! gone upstream waiting for a decision.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;

use super::{respond, server_error, shell, Desk};
use crate::app::AppState;

/// Versions listed.
const LISTED: i64 = 200;
/// Below this classifier confidence an article's section waits for an editor.
const LOW_CONFIDENCE: f64 = 0.5;

/// `GET /admin/review`.
pub(crate) async fn queue(State(app): State<AppState>, desk: Desk) -> Response {
    let items = match app.portal.store.review_queue(LISTED).await {
        Ok(items) => items,
        Err(e) => return server_error(&desk.tr(&app), &e),
    };
    let gone = match app.portal.store.articles_gone_upstream(LISTED).await {
        Ok(g) => g,
        Err(e) => return server_error(&desk.tr(&app), &e),
    };
    let to_confirm = match app
        .portal
        .store
        .sections_to_confirm(LOW_CONFIDENCE, LISTED)
        .await
    {
        Ok(s) => s,
        Err(e) => return server_error(&desk.tr(&app), &e),
    };
    let sections = match app.portal.store.sections().await {
        Ok(s) => s,
        Err(e) => return server_error(&desk.tr(&app), &e),
    };
    let t = desk.tr(&app);
    let mine: Vec<_> = items
        .iter()
        .filter(|i| desk.user.languages.is_empty() || desk.user.languages.contains(&i.lang))
        .collect();
    let body = html! {
        p { (t.t("desk-review-intro")) }
        @if mine.is_empty() {
            p { (t.t("desk-review-empty")) }
        } @else {
            table {
                tr { th { (t.t("desk-article")) } th { (t.t("desk-language")) } th { (t.t("desk-title")) } th { (t.t("desk-status")) } th { (t.t("desk-qa-flags")) } }
                @for i in &mine {
                    @let flags: Vec<String> = serde_json::from_str(&i.qa_flags).unwrap_or_default();
                    tr {
                        td { a href=(format!("/admin/articles/{}", i.article_id)) { (i.article_id) } }
                        td { (i.lang) }
                        td lang=(i.lang) { a href=(format!("/admin/articles/{}/{}", i.article_id, i.lang)) { (i.title) } }
                        td { (t.t(super::articles::version_key(&i.status))) }
                        td { @for f in &flags { span.flag { (f) } } }
                    }
                }
            }
        }
        @if !to_confirm.is_empty() {
            h2 id="sections-to-confirm" { (t.t("desk-sections-to-confirm")) }
            p { (t.t("desk-sections-to-confirm-intro")) }
            table {
                tr { th { (t.t("desk-article")) } th { (t.t("desk-original-title")) } th { (t.t("desk-confidence")) } th { (t.t("desk-file-under")) } }
                @for (id, title, current, confidence) in &to_confirm {
                    tr {
                        td { a href=(format!("/admin/articles/{id}")) { (id) } }
                        td { (title) }
                        td { (format!("{:.0} %", confidence * 100.0)) }
                        td {
                            @if desk.may(super::Action::FileArticle, None) {
                            form.inline method="post" action=(format!("/admin/articles/{id}/section")) {
                                (super::csrf_field(&app, &desk))
                                select name="section" aria-label=(t.t("desk-file-under")) {
                                    @for s in &sections {
                                        option value=(s.id) selected[Some(s.id) == *current] { (s.name(&t.lang)) }
                                    }
                                }
                                " " button type="submit" { (t.t("desk-save")) }
                            }
                            }
                        }
                    }
                }
            }
        }
        @if !gone.is_empty() {
            h2 id="gone-upstream" { (t.t("desk-gone-upstream")) }
            p { (t.t("desk-gone-upstream-intro")) }
            table {
                tr { th { (t.t("desk-article")) } th { (t.t("desk-original-title")) } th { (t.t("desk-status")) } th { (t.t("desk-gone-since")) } }
                @for g in &gone {
                    tr {
                        td { a href=(format!("/admin/articles/{}", g.article_id)) { (g.article_id) } }
                        td { a href=(g.url) rel="noopener noreferrer" { (g.title) } }
                        td { (g.status) }
                        td { (super::when(Some(g.since))) }
                    }
                }
            }
        }
    };
    respond(
        StatusCode::OK,
        shell(&t, &t.t("desk-nav-review"), Some(&desk), body),
    )
}
