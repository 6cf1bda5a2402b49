//! `/admin/audit`: every recorded editorial action, newest first (admins).

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use maud::html;

use super::{require, respond, server_error, shell, Need};
use crate::app::AppState;
use crate::pages::page_number;

/// Entries per page.
const PER_PAGE: i64 = 100;

/// `GET /admin/audit?page=N`.
pub(crate) async fn log(
    State(app): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let desk = match require(&app, &headers, Need::Admin).await {
        Ok(d) => d,
        Err(r) => return r,
    };
    let page = page_number(q.get("page").map(String::as_str));
    let entries = match app
        .portal
        .store
        .audit_log(PER_PAGE, (page - 1) * PER_PAGE)
        .await
    {
        Ok(e) => e,
        Err(e) => return server_error(&e),
    };
    let body = html! {
        table {
            tr { th { "When (UTC)" } th { "Who" } th { "Action" } th { "Target" } th { "Detail" } }
            @for e in &entries {
                tr {
                    td { (crate::dates::utc(e.at).map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string()).unwrap_or_default()) }
                    td { (e.actor) } td { (e.action) } td { (e.target) } td { (e.detail.as_deref().unwrap_or("")) }
                }
            }
        }
        p {
            @if page > 1 { a href=(format!("/admin/audit?page={}", page - 1)) { "Newer" } " " }
            @if entries.len() as i64 == PER_PAGE { a href=(format!("/admin/audit?page={}", page + 1)) { "Older" } }
        }
    };
    respond(
        StatusCode::OK,
        shell("Audit log", Some((&app, &desk)), body),
    )
}
