//! `/admin`: pipeline status per stage and per source, dead jobs with a retry button.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;
use store::Role;

use super::{back, csrf_field, respond, server_error, shell, Desk, DeskForm};
use crate::core::app::AppState;

/// Dead jobs listed on the dashboard.
const DEAD_SHOWN: i64 = 50;

/// `GET /admin`.
pub(crate) async fn dashboard(State(app): State<AppState>, desk: Desk) -> Response {
    let status = match app.portal.store.pipeline_status(DEAD_SHOWN).await {
        Ok(s) => s,
        Err(e) => return server_error(&desk.tr(&app), &e),
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
        Err(e) => return server_error(&desk.tr(&app), &e),
    };
    let sources = match app.portal.store.sources().await {
        Ok(s) => s,
        Err(e) => return server_error(&desk.tr(&app), &e),
    };
    let activity = match app.portal.store.source_activity().await {
        Ok(a) => a,
        Err(e) => return server_error(&desk.tr(&app), &e),
    };
    let t = desk.tr(&app);
    let admin = desk.user.role == Role::Admin;
    let no_activity = store::SourceActivity::default();
    let body = html! {
        p { (t.t("desk-sources-count")) " " (status.sources) " · " (t.t("desk-comments-waiting-count")) " " a href="/admin/comments" { (pending) } }
        h2 { (t.t("desk-jobs")) }
        table {
            tr { th { (t.t("desk-stage")) } th { (t.t("desk-state")) } th { (t.t("desk-count")) } }
            @for j in &status.jobs {
                tr { td { (super::stage_name(&t, &j.kind)) } td { (super::state_name(&t, &j.state)) } td { (j.count) } }
            }
        }
        h2 { (t.t("desk-by-source")) }
        @if sources.is_empty() {
            p { (t.t("desk-none")) }
        } @else {
            table {
                tr {
                    th { (t.t("desk-name-column")) } th { (t.t("desk-jobs-waiting")) } th { (t.t("desk-jobs-done")) } th { (t.t("desk-dead-jobs")) }
                    th { (t.t("desk-articles-count")) } th { (t.t("desk-duplicates-count")) } th { (t.t("desk-gone-upstream")) }
                    th { (t.t("desk-last-poll")) } th { (t.t("desk-last-error")) }
                }
                @for s in &sources {
                    @let a = activity.get(&s.id).unwrap_or(&no_activity);
                    @let n = |state: &str| a.jobs.get(state).copied().unwrap_or(0);
                    tr {
                        td { @if admin { a href=(format!("/admin/sources/{}", s.id)) { (s.name) } } @else { (s.name) } }
                        td { (n("queued") + n("running")) }
                        td { (n("done")) }
                        td { (n("dead")) }
                        td { (a.articles) }
                        td { (a.duplicates) }
                        td { @if a.gone_upstream > 0 { a href="/admin/review#gone-upstream" { (a.gone_upstream) } } @else { "0" } }
                        td { (super::when(s.last_polled_at)) }
                        td { (s.last_error.as_deref().unwrap_or("")) }
                    }
                }
            }
        }
        h2 { (t.t("desk-nav-articles")) }
        table {
            tr { th { (t.t("desk-status")) } th { (t.t("desk-count")) } }
            @for (s, n) in &status.articles { tr { td { (t.t(super::articles::article_key(s))) } td { (n) } } }
        }
        h2 { (t.t("desk-language-versions")) }
        table {
            tr { th { (t.t("desk-language")) } th { (t.t("desk-status")) } th { (t.t("desk-count")) } }
            @for (l, s, n) in &status.translations { tr { td { (l) } td { (t.t(super::articles::version_key(s))) } td { (n) } } }
        }
        h2 { (t.t("desk-qa-by-language")) }
        @if flagged.is_empty() {
            p { (t.t("desk-no-flagged")) }
        } @else {
            table {
                tr { th { (t.t("desk-language")) } th { (t.t("desk-versions-with-flags")) } }
                @for (l, n) in &flagged { tr { td { (l) } td { a href="/admin/review" { (n) } } } }
            }
        }
        h2 { (t.t("desk-dead-jobs")) }
        @if status.dead.is_empty() {
            p { (t.t("desk-none")) }
        } @else {
            table {
                tr { th { (t.t("desk-job")) } th { (t.t("desk-stage")) } th { (t.t("desk-payload")) } th { (t.t("desk-attempts")) } th { (t.t("desk-last-error")) } th {} }
                @for d in &status.dead {
                    tr {
                        td { (d.id) } td { (super::stage_name(&t, &d.kind)) } td { code { (d.payload) } } td { (d.attempts) }
                        td { (d.last_error.as_deref().unwrap_or("")) }
                        td {
                            @if admin {
                                form.inline method="post" action=(format!("/admin/jobs/{}/retry", d.id)) {
                                    (csrf_field(&app, &desk))
                                    button type="submit" { (t.t("desk-retry")) }
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
        shell(&t, &t.t("desk-nav-dashboard"), Some(&desk), body),
    )
}

/// `POST /admin/jobs/{id}/retry` (admins).
pub(crate) async fn retry(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    DeskForm { desk, .. }: DeskForm,
) -> Response {
    let store = &app.portal.store;
    match store.retry_dead(id).await {
        Ok(true) => {
            if let Err(e) = store
                .audit(&desk.user.username, "job_retry", &format!("job {id}"), None)
                .await
            {
                return server_error(&desk.tr(&app), &e);
            }
        }
        Ok(false) => {}
        Err(e) => return server_error(&desk.tr(&app), &e),
    }
    back("/admin")
}
