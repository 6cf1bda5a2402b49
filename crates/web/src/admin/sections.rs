//! `/admin/sections` (admins): every section with its name in each portal
//! language and its menu position.

use std::collections::BTreeMap;

use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use maud::html;

use super::{
    back, csrf_field, invalid, not_found, read_form, require, require_post, respond, server_error,
    shell, Need,
};
use crate::app::AppState;
use crate::i18n::autonym;

/// Longest section name, in characters.
const MAX_NAME: usize = 80;

/// `GET /admin/sections`.
pub(crate) async fn list(State(app): State<AppState>, headers: HeaderMap) -> Response {
    let desk = match require(&app, &headers, Need::Admin).await {
        Ok(d) => d,
        Err(r) => return r,
    };
    let t = desk.tr(&app);
    let sections = match app.portal.store.sections().await {
        Ok(s) => s,
        Err(e) => return server_error(&t, &e),
    };
    let languages = &app.portal.config.languages;
    let body = html! {
        p { (t.t("desk-sections-intro")) }
        @if sections.is_empty() { p { (t.t("desk-none")) } }
        @for s in &sections {
            form method="post" action=(format!("/admin/sections/{}", s.id)) {
                (csrf_field(&app, &desk))
                fieldset {
                    legend { code { (s.slug) } }
                    p { label { (t.t("desk-position")) " " input type="number" name="position" value=(s.position); } }
                    table {
                        tr { th { (t.t("desk-language")) } th { (t.t("desk-name-column")) } }
                        @for l in languages {
                            tr {
                                td { (autonym(l)) " (" (l) ")" }
                                td { input name=(format!("name_{l}")) lang=(l) value=(s.names.get(l).map(String::as_str).unwrap_or("")) maxlength=(MAX_NAME) size="40"; }
                            }
                        }
                    }
                    p { button type="submit" { (t.t("desk-save")) } }
                }
            }
        }
    };
    respond(
        StatusCode::OK,
        shell(&t, &t.t("desk-nav-sections"), Some(&desk), body),
    )
}

/// `POST /admin/sections/{id}`: `position` and `name_{lang}` for every portal
/// language (an empty name removes it: the slug is shown instead).
pub(crate) async fn save(
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
    let t = desk.tr(&app);
    let store = &app.portal.store;
    let sections = match store.sections().await {
        Ok(s) => s,
        Err(e) => return server_error(&t, &e),
    };
    let Some(section) = sections.iter().find(|s| s.id == id) else {
        return not_found(&t);
    };
    let position = match form.get("position").map(|p| p.trim()) {
        None | Some("") => section.position,
        Some(p) => match p.parse::<i64>() {
            Ok(p) if (-100_000..=100_000).contains(&p) => p,
            _ => return invalid(&t, &t.t("desk-bad-position")),
        },
    };
    // Names in languages the portal no longer serves are kept.
    let mut names: BTreeMap<String, String> = section.names.clone();
    for l in &app.portal.config.languages {
        let Some(value) = form.get(&format!("name_{l}")) else {
            continue;
        };
        let value = value.trim();
        if value.chars().count() > MAX_NAME || value.chars().any(char::is_control) {
            return invalid(
                &t,
                &t.tw(
                    "desk-bad-section-name",
                    &[
                        ("lang", l.as_str().into()),
                        ("max", (MAX_NAME as i64).into()),
                    ],
                ),
            );
        }
        if value.is_empty() {
            names.remove(l);
        } else {
            names.insert(l.clone(), value.to_string());
        }
    }
    if let Err(e) = store.upsert_section(&section.slug, position, &names).await {
        return server_error(&t, &e);
    }
    app.forget_sections();
    let detail = serde_json::to_string(&names).unwrap_or_default();
    if let Err(e) = store
        .audit(
            &desk.user.username,
            "section_updated",
            &format!("section {}", section.slug),
            Some(&detail),
        )
        .await
    {
        return server_error(&t, &e);
    }
    back("/admin/sections")
}
