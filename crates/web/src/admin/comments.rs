//! `/admin/comments`: the moderation queue and recent comments.

use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use maud::{html, Markup};
use store::{Comment, CommentStatus, StoreError};

use super::{
    back, csrf_field, not_found, read_form, require, require_post, respond, server_error, shell,
    Desk, Need,
};
use crate::app::{App, AppState};
use crate::comments::body_markup;

/// `GET /admin/comments`.
pub(crate) async fn queue(State(app): State<AppState>, headers: HeaderMap) -> Response {
    let desk = match require(&app, &headers, Need::Editor).await {
        Ok(d) => d,
        Err(r) => return r,
    };
    let store = &app.portal.store;
    let (queue, recent) = match (
        store.moderation_queue(200).await,
        store.recent_comments(50).await,
    ) {
        (Ok(q), Ok(r)) => (q, r),
        (Err(e), _) | (_, Err(e)) => return server_error(&desk.tr(&app), &e),
    };
    let t = desk.tr(&app);
    let body = html! {
        h2 { (t.t("desk-comments-waiting")) }
        (table(&app, &desk, &queue))
        h2 { (t.t("desk-comments-newest")) }
        (table(&app, &desk, &recent))
    };
    respond(
        StatusCode::OK,
        shell(&t, &t.t("desk-nav-comments"), Some(&desk), body),
    )
}

fn table(app: &App, desk: &Desk, comments: &[Comment]) -> Markup {
    let t = desk.tr(app);
    html! {
        @if comments.is_empty() {
            p { (t.t("desk-none")) }
        } @else {
            table {
                tr { th { "#" } th { (t.t("desk-article")) } th { (t.t("desk-name-column")) } th { (t.t("desk-text")) } th { (t.t("desk-status")) } th { (t.t("desk-reports")) } th { (t.t("desk-ip-hash")) } th { (t.t("desk-decide")) } }
                @for c in comments {
                    tr {
                        td { (c.id) }
                        td { a href=(format!("/admin/articles/{}", c.article_id)) { (c.article_id) " (" (c.lang) ")" } }
                        td { (c.author_name) @if let Some(e) = &c.email { br; small { (e) } } }
                        td { (body_markup(&c.body)) }
                        td { (t.t(status_key(c.status))) }
                        td { (c.reports) }
                        td { code { (c.ip_hash.get(..12).unwrap_or(&c.ip_hash)) } }
                        td {
                            @for (action, label) in [("approve", "desk-approve"), ("reject", "desk-reject"), ("spam", "desk-spam"), ("delete", "desk-delete"), ("ban", "desk-ban-ip")] {
                                form.inline method="post" action=(format!("/admin/comments/{}/{action}", c.id)) {
                                    (csrf_field(app, desk))
                                    @if action == "delete" || action == "ban" { input name="reason" placeholder=(t.t("desk-reason")) required; }
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

/// `POST /admin/comments/{id}/{approve|reject|spam|delete}`.
pub(crate) async fn moderate(
    State(app): State<AppState>,
    Path((id, action)): Path<(i64, String)>,
    headers: HeaderMap,
    req: Request,
) -> Response {
    let form = read_form(req).await;
    let desk = match require_post(&app, &headers, &form, Need::Editor).await {
        Ok(d) => d,
        Err(r) => return r,
    };
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
