//! `/admin/sections` (admins): every section with its name and its address
//! (slug) in each portal language, and its menu position.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;

use super::{back, csrf_field, invalid, not_found, respond, server_error, shell, Desk, DeskForm};
use crate::core::app::AppState;
use crate::core::i18n::autonym;

/// Longest section name, in characters.
const MAX_NAME: usize = 80;

/// `GET /admin/sections`.
pub(crate) async fn list(State(app): State<AppState>, desk: Desk) -> Response {
    let t = desk.tr(&app);
    let sections = match app.portal.store.sections().await {
        Ok(s) => s,
        Err(e) => return server_error(&t, &e),
    };
    let languages = &app.portal.config.languages;
    let body = html! {
        p { (t.t("desk-sections-intro")) }
        p { (t.t("desk-sections-slugs-help")) }
        @if sections.is_empty() { p { (t.t("desk-none")) } }
        @for s in &sections {
            form method="post" action=(format!("/admin/sections/{}", s.id)) {
                (csrf_field(&app, &desk))
                fieldset {
                    legend { code { (s.slug) } }
                    p { label { (t.t("desk-position")) " " input type="number" name="position" value=(s.position); } }
                    table {
                        tr { th { (t.t("desk-language")) } th { (t.t("desk-name-column")) } th { (t.t("desk-slug-column")) } }
                        @for l in languages {
                            tr {
                                td { (autonym(l)) " (" (l) ")" }
                                td { input name=(format!("name_{l}")) aria-label=(format!("{} · {}", t.t("desk-name-column"), autonym(l))) lang=(l) value=(s.names.get(l).map(String::as_str).unwrap_or("")) maxlength=(MAX_NAME) size="40"; }
                                td { input name=(format!("slug_{l}")) aria-label=(format!("{} · {}", t.t("desk-slug-column"), autonym(l))) value=(s.slugs.get(l).map(String::as_str).unwrap_or("")) placeholder=(s.slug) maxlength=(MAX_NAME) size="20" pattern="[a-z0-9]+(-[a-z0-9]+)*"; }
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

/// `POST /admin/sections/{id}`: `position`, and `name_{lang}` and `slug_{lang}`
/// for every portal language (an empty name shows the key instead, an empty
/// slug addresses the section by its key).
pub(crate) async fn save(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    DeskForm { desk, form }: DeskForm,
) -> Response {
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
    let slugs = match read_slugs(&app, &t, section, &sections, &form) {
        Ok(s) => s,
        Err(why) => return invalid(&t, &why),
    };
    if let Err(e) = store.upsert_section(&section.slug, position, &names).await {
        return server_error(&t, &e);
    }
    if let Err(e) = store.set_section_slugs(section.id, &slugs).await {
        return server_error(&t, &e);
    }
    app.forget_sections();
    let detail = serde_json::json!({ "names": names, "slugs": slugs }).to_string();
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

/// The localized slugs in the form (`slug_{lang}`), checked against the other
/// sections (the refusal, in the editor's language); slugs in languages the
/// portal no longer serves are kept.
fn read_slugs(
    app: &crate::core::app::App,
    t: &super::Tr<'_>,
    section: &store::Section,
    sections: &[store::Section],
    form: &std::collections::HashMap<String, String>,
) -> Result<BTreeMap<String, String>, String> {
    let mut slugs = section.slugs.clone();
    for l in &app.portal.config.languages {
        let Some(value) = form.get(&format!("slug_{l}")) else {
            continue;
        };
        let value = value.trim();
        if value.is_empty() || value == section.slug {
            slugs.remove(l);
        } else {
            slugs.insert(l.clone(), value.to_string());
        }
    }
    store::check_slugs(&section.slug, &slugs, sections).map_err(|problem| match problem {
        store::SlugProblem::NotASlug {
            lang,
            slug,
            suggestion,
        } => t.tw(
            "desk-bad-section-slug",
            &[
                ("lang", lang.into()),
                ("slug", slug.into()),
                ("suggestion", suggestion.into()),
            ],
        ),
        store::SlugProblem::Reserved { lang, slug } => t.tw(
            "desk-section-slug-reserved",
            &[("lang", lang.into()), ("slug", slug.into())],
        ),
        store::SlugProblem::Taken { lang, slug, other } => t.tw(
            "desk-section-slug-taken",
            &[
                ("lang", lang.into()),
                ("slug", slug.into()),
                ("other", other.into()),
            ],
        ),
    })?;
    Ok(slugs)
}
