//! `/admin`: pipeline status, dead jobs with a retry button.

use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use maud::html;
use store::Role;

use super::{
    back, csrf_field, read_form, require, require_post, respond, server_error, shell, Need,
};
use crate::app::AppState;

/// Dead jobs listed on the dashboard.
const DEAD_SHOWN: i64 = 50;

/// `GET /admin`.
pub(crate) async fn dashboard(State(app): State<AppState>, headers: HeaderMap) -> Response {
    let desk = match require(&app, &headers, Need::Editor).await {
        Ok(d) => d,
        Err(r) => return r,
    };
    let status = match app.portal.store.pipeline_status(DEAD_SHOWN).await {
        Ok(s) => s,
        Err(e) => return server_error(&e),
    };
    let pending = app
        .portal
        .store
        .moderation_queue(1000)
        .await
        .map(|q| q.len())
        .unwrap_or(0);
    let flagged = match app.portal.store.flagged_per_language().await {
        Ok(f) => f,
        Err(e) => return server_error(&e),
    };
    let admin = desk.user.role == Role::Admin;
    let body = html! {
        p { "Sources: " (status.sources) " · comments waiting: " a href="/admin/comments" { (pending) } }
        h2 { "Jobs" }
        table {
            tr { th { "Stage" } th { "State" } th { "Count" } }
            @for j in &status.jobs {
                tr { td { (j.kind) } td { (j.state) } td { (j.count) } }
            }
        }
        h2 { "Articles" }
        table {
            tr { th { "Status" } th { "Count" } }
            @for (s, n) in &status.articles { tr { td { (s) } td { (n) } } }
        }
        h2 { "Language versions" }
        table {
            tr { th { "Language" } th { "Status" } th { "Count" } }
            @for (l, s, n) in &status.translations { tr { td { (l) } td { (s) } td { (n) } } }
        }
        h2 { "QA flags by language" }
        @if flagged.is_empty() {
            p { "No flagged language versions." }
        } @else {
            table {
                tr { th { "Language" } th { "Versions with flags" } }
                @for (l, n) in &flagged { tr { td { (l) } td { a href="/admin/review" { (n) } } } }
            }
        }
        h2 { "Dead jobs" }
        @if status.dead.is_empty() {
            p { "None." }
        } @else {
            table {
                tr { th { "Job" } th { "Stage" } th { "Payload" } th { "Attempts" } th { "Last error" } th {} }
                @for d in &status.dead {
                    tr {
                        td { (d.id) } td { (d.kind) } td { code { (d.payload) } } td { (d.attempts) }
                        td { (d.last_error.as_deref().unwrap_or("")) }
                        td {
                            @if admin {
                                form.inline method="post" action=(format!("/admin/jobs/{}/retry", d.id)) {
                                    (csrf_field(&app, &desk))
                                    button type="submit" { "Retry" }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    respond(
        StatusCode::OK,
        shell("Dashboard", Some((&app, &desk)), body),
    )
}

/// `POST /admin/jobs/{id}/retry` (admins).
pub(crate) async fn retry(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    req: Request,
) -> Response {
    let form = read_form(req).await;
    let desk = match require_post(&app, &headers, &form, Need::Admin).await {
        Ok(d) => d,
        Err(r) => return r,
    };
    let store = &app.portal.store;
    match store.retry_dead(id).await {
        Ok(true) => {
            if let Err(e) = store
                .audit(&desk.user.username, "job_retry", &format!("job {id}"), None)
                .await
            {
                return server_error(&e);
            }
        }
        Ok(false) => {}
        Err(e) => return server_error(&e),
    }
    back("/admin")
}
