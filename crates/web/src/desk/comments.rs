//! `/admin/comments`: the moderation queue with who reported what, recent
//! comments, and the number of readers whose reports hide a comment. An
//! editor with a language list sees the comments in those languages.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};
use store::{Comment, CommentStatus, StoreError};

use super::{
    back, csrf_field, invalid, not_found, respond, server_error, shell, when, Action, Desk,
    DeskForm,
};
use crate::core::app::{App, AppState};
use crate::core::comment_text::{body_markup, clean_name};

/// Reports shown per comment (the newest are the ones cut).
const REPORTS_SHOWN: usize = 20;

/// Who reported a comment: (reader's IP hash, when, reason).
type Reports = HashMap<i64, Vec<(String, i64, Option<String>)>>;

/// `GET /admin/comments`.
pub(crate) async fn queue(State(app): State<AppState>, desk: Desk) -> Response {
    let store = &app.portal.store;
    let langs = &desk.user.languages;
    let scope: &[String] = if desk.user.role == store::Role::Admin {
        &[]
    } else {
        langs
    };
    let (queue, recent, threshold) = match (
        store.moderation_queue_in(200, scope).await,
        store.recent_comments_in(50, scope).await,
        store.report_threshold().await,
    ) {
        (Ok(q), Ok(r), Ok(n)) => (q, r, n),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => {
            return server_error(&desk.tr(&app), &e)
        }
    };
    let ids: Vec<i64> = queue
        .iter()
        .filter(|c| c.reports > 0)
        .map(|c| c.id)
        .collect();
    let mut reports: Reports = HashMap::new();
    match store.reports_on(&ids).await {
        Ok(rows) => {
            for (id, reader, at, reason) in rows {
                reports.entry(id).or_default().push((reader, at, reason));
            }
        }
        Err(e) => return server_error(&desk.tr(&app), &e),
    }
    let t = desk.tr(&app);
    let body = html! {
        h2 { (t.t("desk-comments-waiting")) }
        (table(&app, &desk, &queue, &reports))
        h2 { (t.t("desk-comments-newest")) }
        (table(&app, &desk, &recent, &HashMap::new()))
        h2 #threshold { (t.t("desk-report-threshold")) }
        p { (t.tw("desk-report-threshold-now", &[("readers", threshold.into())])) }
        @if desk.may(Action::SetReportThreshold, None) {
            form method="post" action="/admin/comments/threshold" {
                (csrf_field(&app, &desk))
                label { (t.t("desk-report-threshold-label")) " " input type="number" name="readers" min="1" max="1000" value=(threshold) required; }
                " " button type="submit" { (t.t("desk-save")) }
            }
        }
    };
    respond(
        StatusCode::OK,
        shell(&t, &t.t("desk-nav-comments"), Some(&desk), body),
    )
}

fn table(app: &App, desk: &Desk, comments: &[Comment], reports: &Reports) -> Markup {
    let t = desk.tr(app);
    html! {
        @if comments.is_empty() {
            p { (t.t("desk-none")) }
        } @else {
            table {
                tr { th { "#" } th { (t.t("desk-article")) } th { (t.t("desk-name-column")) } th { (t.t("desk-text")) } th { (t.t("desk-status")) } th { (t.t("desk-reports")) } th { (t.t("desk-ip-hash")) } th { (t.t("desk-decide")) } }
                @for c in comments {
                    tr {
                        td data-label="#" { (c.id) }
                        td data-label=(t.t("desk-article")) { a href=(format!("/admin/articles/{}", c.article_id)) { (c.article_id) " (" (c.lang) ")" } }
                        td data-label=(t.t("desk-name-column")) { bdi { (clean_name(&c.author_name)) } @if let Some(e) = &c.email { br; small { bdi { (e) } } } }
                        td dir="auto" lang=(c.lang) { (body_markup(&c.body)) }
                        td data-label=(t.t("desk-status")) { (t.t(status_key(c.status))) }
                        td data-label=(t.t("desk-reports")) {
                            (c.reports)
                            @if let Some(list) = reports.get(&c.id) {
                                ul.reports {
                                    @for (reader, at, reason) in list.iter().take(REPORTS_SHOWN) {
                                        li {
                                            code { (reader.get(..8).unwrap_or(reader)) } " " (when(Some(*at)))
                                            @if let Some(r) = reason { " · " bdi { (r) } }
                                        }
                                    }
                                }
                                @if list.len() > REPORTS_SHOWN {
                                    small { (t.tw("desk-more-reports", &[("count", ((list.len() - REPORTS_SHOWN) as i64).into())])) }
                                }
                            }
                        }
                        td data-label=(t.t("desk-ip-hash")) { code { (c.ip_hash.get(..12).unwrap_or(&c.ip_hash)) } }
                        td {
                            @for (action, label) in [("approve", "desk-approve"), ("reject", "desk-reject"), ("spam", "desk-spam"), ("delete", "desk-delete"), ("ban", "desk-ban-ip")] {
                                @let needs = if action == "ban" { Action::BanCommenter } else { Action::ModerateComment };
                                @if desk.may(needs, Some(&c.lang)) {
                                    form.inline method="post" action=(format!("/admin/comments/{}/{action}", c.id)) {
                                        (csrf_field(app, desk))
                                        @if action == "delete" || action == "ban" { input name="reason" placeholder=(t.t("desk-reason")) aria-label=(t.t("desk-reason")) required; }
                                        button type="submit" { (t.t(label)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `POST /admin/comments/threshold` with `readers`: how many distinct
/// readers' reports hide a comment.
pub(crate) async fn set_threshold(
    State(app): State<AppState>,
    DeskForm { desk, form }: DeskForm,
) -> Response {
    let t = desk.tr(&app);
    let readers = form
        .get("readers")
        .and_then(|r| r.trim().parse::<i64>().ok())
        .filter(|n| (1..=1000).contains(n));
    let Some(readers) = readers else {
        return invalid(&t, &t.t("desk-report-threshold-invalid"));
    };
    match app
        .portal
        .store
        .set_report_threshold(readers, &desk.user.username)
        .await
    {
        Ok(()) => back("/admin/comments#threshold"),
        Err(StoreError::Conflict(_)) => invalid(&t, &t.t("desk-report-threshold-invalid")),
        Err(e) => server_error(&t, &e),
    }
}

/// `POST /admin/comments/{id}/{approve|reject|spam|delete}`.
pub(crate) async fn moderate(
    State(app): State<AppState>,
    Path((id, action)): Path<(i64, String)>,
    DeskForm { desk, form }: DeskForm,
) -> Response {
    let store = &app.portal.store;
    let actor = desk.user.username.as_str();
    let done = match action.as_str() {
        "approve" => {
            store
                .moderate_comment(id, CommentStatus::Visible, actor)
                .await
        }
        "reject" => {
            store
                .moderate_comment(id, CommentStatus::Rejected, actor)
                .await
        }
        "spam" => store.moderate_comment(id, CommentStatus::Spam, actor).await,
        "delete" => {
            let reason = form
                .get("reason")
                .map(|r| r.trim())
                .filter(|r| !r.is_empty());
            store
                .delete_comment(id, actor, reason.unwrap_or("deleted by an editor"))
                .await
        }
        "ban" => {
            let reason = form
                .get("reason")
                .map(|r| r.trim())
                .filter(|r| !r.is_empty());
            match store.comment(id).await {
                Ok(c) => store
                    .ban_ip_hash(&c.ip_hash, actor, reason.unwrap_or("banned by an editor"))
                    .await
                    .map(|_| ()),
                Err(e) => Err(e),
            }
        }
        _ => return not_found(&desk.tr(&app)),
    };
    match done {
        Ok(()) => back("/admin/comments"),
        Err(StoreError::NotFound(_)) => not_found(&desk.tr(&app)),
        Err(e) => server_error(&desk.tr(&app), &e),
    }
}

fn status_key(s: CommentStatus) -> &'static str {
    match s {
        CommentStatus::Visible => "desk-comment-visible",
        CommentStatus::Pending => "desk-comment-pending",
        CommentStatus::Rejected => "desk-comment-rejected",
        CommentStatus::Spam => "desk-comment-spam",
    }
}
