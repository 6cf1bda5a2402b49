//! `/admin/audit`: every recorded editorial action, newest first (admins).

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;

use super::{respond, server_error, shell, when, Desk};
use crate::app::AppState;
use crate::pages::page_number;

/// Entries per page.
const PER_PAGE: i64 = 100;

/// `GET /admin/audit?page=N`.
pub(crate) async fn log(
    State(app): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
    desk: Desk,
) -> Response {
    let page = page_number(q.get("page").map(String::as_str));
    let entries = match app
        .portal
        .store
        .audit_log(PER_PAGE, (page - 1) * PER_PAGE)
        .await
    {
        Ok(e) => e,
        Err(e) => return server_error(&desk.tr(&app), &e),
    };
    let t = desk.tr(&app);
    let body = html! {
        table {
            tr { th { (t.t("desk-when-utc")) } th { (t.t("desk-who")) } th { (t.t("desk-action")) } th { (t.t("desk-target")) } th { (t.t("desk-detail")) } }
            @for e in &entries {
                tr {
                    td { (when(Some(e.at))) }
                    td { (e.actor) } td { (e.action) } td { (e.target) } td { (e.detail.as_deref().unwrap_or("")) }
                }
            }
        }
        p {
            @if page > 1 { a href=(format!("/admin/audit?page={}", page - 1)) { (t.t("desk-newer")) } " " }
            @if entries.len() as i64 == PER_PAGE { a href=(format!("/admin/audit?page={}", page + 1)) { (t.t("desk-older")) } }
        }
    };
    respond(
        StatusCode::OK,
        shell(&t, &t.t("desk-nav-audit"), Some(&desk), body),
    )
}
