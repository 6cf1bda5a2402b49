//! `/admin/sources` (admins): every source with its polling status, pause and
//! resume, and an edit form for the polling interval and the section mapping.
//!
//! The settings are the ingest crate's `SourceSettings` as JSON; the desk
//! edits only `polling`, `sections` and `default_section` and keeps every
//! other key as it is.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};
use serde_json::{json, Value};
use store::{Source, StoreError};

use super::{
    back, csrf_field, invalid, not_found, respond, server_error, shell, when, Desk, DeskForm, Tr,
};
use crate::core::app::AppState;

/// Longest and shortest accepted polling interval, in minutes.
const MAX_MINUTES: u64 = 7 * 24 * 60;

/// `GET /admin/sources`.
pub(crate) async fn list(State(app): State<AppState>, desk: Desk) -> Response {
    let t = desk.tr(&app);
    let sources = match app.portal.store.sources().await {
        Ok(s) => s,
        Err(e) => return server_error(&t, &e),
    };
    let body = html! {
        @if sources.is_empty() {
            p { (t.t("desk-none")) }
        } @else {
            table {
                tr {
                    th { "#" } th { (t.t("desk-name-column")) } th { (t.t("desk-kind")) } th { (t.t("desk-status")) }
                    th { (t.t("desk-last-poll")) } th { (t.t("desk-next-poll")) } th { (t.t("desk-polling")) }
                    th { (t.t("desk-section-mapping")) } th {}
                }
                @for s in &sources {
                    tr {
                        td { (s.id) }
                        td { a href=(format!("/admin/sources/{}", s.id)) { (s.name) } br; small { (s.url) } }
                        td { (s.kind.as_str()) }
                        td {
                            @if s.enabled { span.ok { (t.t("desk-source-active")) } } @else { span.off { (t.t("desk-source-paused")) } }
                            @if let Some(e) = &s.last_error { br; span.error { (t.tw("desk-labelled", &[("label", t.t("desk-last-error").into()), ("value", e.as_str().into())])) } }
                            @if s.health == store::SourceHealth::Unhealthy {
                                br; span.error.source-unhealthy { (t.tw("desk-labelled", &[("label", t.t("desk-source-unhealthy").into()), ("value", s.health_reason.as_deref().unwrap_or("").into())])) }
                            } @else if s.recovered_at.is_some() && s.health == store::SourceHealth::Healthy {
                                br; span.ok { (t.t("desk-source-recovered")) " " (when(s.recovered_at)) }
                            }
                        }
                        td { (when(s.last_polled_at)) }
                        td { (when(Some(s.next_poll_at))) }
                        td { (polling_text(&t, &s.settings)) }
                        td { (mapping_text(&s.settings)) }
                        td {
                            form.inline method="post" action=(format!("/admin/sources/{}/{}", s.id, if s.enabled { "pause" } else { "resume" })) {
                                (csrf_field(&app, &desk))
                                button type="submit" { (t.t(if s.enabled { "desk-pause" } else { "desk-resume" })) }
                            }
                            " " a href=(format!("/admin/sources/{}", s.id)) { (t.t("desk-edit")) }
                        }
                    }
                }
            }
        }
    };
    respond(
        StatusCode::OK,
        shell(&t, &t.t("desk-nav-sources"), Some(&desk), body),
    )
}

/// The polling mode as the settings say: `(fixed minutes)` or `(min, max)` minutes.
enum Polling {
    Fixed(u64),
    Adaptive(u64, u64),
}

fn polling(settings: &Value) -> Polling {
    let p = &settings["polling"];
    let secs = |k: &str| p.get(k).and_then(Value::as_u64);
    match p.get("mode").and_then(Value::as_str) {
        Some("fixed") => Polling::Fixed(secs("interval_secs").unwrap_or(900) / 60),
        Some("adaptive") => Polling::Adaptive(
            secs("min_secs").unwrap_or(300) / 60,
            secs("max_secs").unwrap_or(6 * 3600) / 60,
        ),
        // The ingest crate's default.
        _ => Polling::Adaptive(5, 360),
    }
}

fn polling_text(t: &Tr<'_>, settings: &Value) -> String {
    match polling(settings) {
        Polling::Fixed(m) => t.tw("desk-polling-fixed", &[("minutes", (m as i64).into())]),
        Polling::Adaptive(a, b) => t.tw(
            "desk-polling-adaptive",
            &[("min", (a as i64).into()), ("max", (b as i64).into())],
        ),
    }
}

/// Publisher category → section slug, one per line (`Kinh doanh = business`).
fn mapping_lines(settings: &Value) -> String {
    settings["sections"]
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| format!("{k} = {}", v.as_str().unwrap_or_default()))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default()
}

fn mapping_text(settings: &Value) -> Markup {
    let lines = mapping_lines(settings);
    let default = settings["default_section"].as_str().unwrap_or("");
    html! {
        @for l in lines.lines() { (l) br; }
        @if !default.is_empty() { "* = " (default) }
    }
}

async fn load(app: &crate::core::app::App, t: &Tr<'_>, id: i64) -> Result<Source, Response> {
    match app.portal.store.source(id).await {
        Ok(s) => Ok(s),
        Err(StoreError::NotFound(_)) => Err(not_found(t)),
        Err(e) => Err(server_error(t, &e)),
    }
}

/// `POST /admin/sources/{id}/pause` and `…/resume`.
pub(crate) async fn toggle(
    State(app): State<AppState>,
    Path((id, action)): Path<(i64, String)>,
    DeskForm { desk, .. }: DeskForm,
) -> Response {
    let t = desk.tr(&app);
    let enabled = match action.as_str() {
        "pause" => false,
        "resume" => true,
        _ => return not_found(&t),
    };
    let mut source = match load(&app, &t, id).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    if source.enabled != enabled {
        source.enabled = enabled;
        let store = &app.portal.store;
        let what = if enabled {
            "source_resumed"
        } else {
            "source_paused"
        };
        if let Err(e) = store.update_source(&source).await {
            return server_error(&t, &e);
        }
        if let Err(e) = store
            .audit(&desk.user.username, what, &format!("source {id}"), None)
            .await
        {
            return server_error(&t, &e);
        }
    }
    back("/admin/sources")
}

/// `GET /admin/sources/{id}`: the edit form.
pub(crate) async fn edit(State(app): State<AppState>, Path(id): Path<i64>, desk: Desk) -> Response {
    let t = desk.tr(&app);
    let source = match load(&app, &t, id).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let sections = match app.sections().await {
        Ok(s) => s,
        Err(e) => return server_error(&t, &e),
    };
    let (fixed, minutes, min, max) = match polling(&source.settings) {
        Polling::Fixed(m) => (true, m, 5, 360),
        Polling::Adaptive(a, b) => (false, 15, a, b),
    };
    let default = source.settings["default_section"].as_str().unwrap_or("");
    let body = html! {
        p { (source.kind.as_str()) " · " code { (source.url) } }
        form method="post" action=(format!("/admin/sources/{id}")) {
            (csrf_field(&app, &desk))
            p { label { (t.t("desk-name-column")) " " input name="name" value=(source.name) required maxlength="200"; } }
            fieldset {
                legend { (t.t("desk-polling")) }
                p { label { input type="radio" name="mode" value="fixed" checked[fixed]; " " (t.t("desk-polling-mode-fixed")) } " "
                    label { (t.t("desk-every-minutes")) " " input type="number" name="minutes" min="1" max=(MAX_MINUTES) value=(minutes); } }
                p { label { input type="radio" name="mode" value="adaptive" checked[!fixed]; " " (t.t("desk-polling-mode-adaptive")) } " "
                    label { (t.t("desk-min-minutes")) " " input type="number" name="min" min="1" max=(MAX_MINUTES) value=(min); } " "
                    label { (t.t("desk-max-minutes")) " " input type="number" name="max" min="1" max=(MAX_MINUTES) value=(max); } }
            }
            fieldset {
                legend { (t.t("desk-section-mapping")) }
                p { (t.t("desk-mapping-help")) }
                textarea name="sections" rows="8" cols="60" { (mapping_lines(&source.settings)) }
                p { label { (t.t("desk-default-section")) " "
                    select name="default_section" {
                        option value="" selected[default.is_empty()] { "—" }
                        @for s in sections.iter() {
                            option value=(s.slug) selected[s.slug == default] { (s.name(&t.lang)) " (" (s.slug) ")" }
                        }
                    }
                } }
            }
            p { button type="submit" { (t.t("desk-save")) } }
        }
    };
    respond(
        StatusCode::OK,
        shell(
            &t,
            &t.tw(
                "desk-source-title",
                &[("name", source.name.as_str().into())],
            ),
            Some(&desk),
            body,
        ),
    )
}

fn minutes(form: &std::collections::HashMap<String, String>, key: &str) -> Option<u64> {
    form.get(key)
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|m| (1..=MAX_MINUTES).contains(m))
}

/// `POST /admin/sources/{id}`: saves name, polling and section mapping.
pub(crate) async fn save(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    DeskForm { desk, form }: DeskForm,
) -> Response {
    let t = desk.tr(&app);
    let mut source = match load(&app, &t, id).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let sections = match app.sections().await {
        Ok(s) => s,
        Err(e) => return server_error(&t, &e),
    };
    let known = |slug: &str| sections.iter().any(|s| s.slug == slug);
    let name = form.get("name").map(|n| n.trim()).unwrap_or("");
    if name.is_empty() || name.chars().count() > 200 {
        return invalid(&t, &t.t("desk-name-required"));
    }
    let polling = match form.get("mode").map(String::as_str) {
        Some("fixed") => match minutes(&form, "minutes") {
            Some(m) => json!({ "mode": "fixed", "interval_secs": m * 60 }),
            None => {
                return invalid(
                    &t,
                    &t.tw("desk-bad-minutes", &[("max", (MAX_MINUTES as i64).into())]),
                )
            }
        },
        Some("adaptive") => match (minutes(&form, "min"), minutes(&form, "max")) {
            (Some(a), Some(b)) if a <= b => {
                json!({ "mode": "adaptive", "min_secs": a * 60, "max_secs": b * 60 })
            }
            _ => {
                return invalid(
                    &t,
                    &t.tw("desk-bad-minutes", &[("max", (MAX_MINUTES as i64).into())]),
                )
            }
        },
        _ => return invalid(&t, &t.t("desk-bad-mode")),
    };
    let mut mapping = BTreeMap::new();
    for (n, line) in form
        .get("sections")
        .map(String::as_str)
        .unwrap_or("")
        .lines()
        .enumerate()
    {
        if line.trim().is_empty() {
            continue;
        }
        let Some((category, slug)) = line.rsplit_once('=') else {
            return invalid(
                &t,
                &t.tw(
                    "desk-bad-mapping-line",
                    &[("line", ((n + 1) as i64).into())],
                ),
            );
        };
        let (category, slug) = (category.trim(), slug.trim());
        if category.is_empty() || !known(slug) {
            return invalid(
                &t,
                &t.tw(
                    "desk-unknown-section",
                    &[("line", ((n + 1) as i64).into()), ("slug", slug.into())],
                ),
            );
        }
        mapping.insert(category.to_string(), Value::from(slug));
    }
    let default = form.get("default_section").map(|d| d.trim()).unwrap_or("");
    if !default.is_empty() && !known(default) {
        return invalid(
            &t,
            &t.tw(
                "desk-unknown-section",
                &[("line", 0_i64.into()), ("slug", default.into())],
            ),
        );
    }
    if !source.settings.is_object() {
        source.settings = json!({});
    }
    source.name = name.to_string();
    source.settings["polling"] = polling;
    source.settings["sections"] = Value::Object(mapping.into_iter().collect());
    source.settings["default_section"] = if default.is_empty() {
        Value::Null
    } else {
        Value::from(default)
    };
    let store = &app.portal.store;
    if let Err(e) = store.update_source(&source).await {
        return server_error(&t, &e);
    }
    if let Err(e) = store
        .audit(
            &desk.user.username,
            "source_updated",
            &format!("source {id}"),
            Some(&source.settings.to_string()),
        )
        .await
    {
        return server_error(&t, &e);
    }
    back("/admin/sources")
}
