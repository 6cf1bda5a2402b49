//! `/admin/audit`: every recorded editorial action, newest first (admins).
//!
//! The log stores actions and targets as stable codes (`segment_revised`,
//! `article 12 fr segment 3`); this page says them in the desk's language
//! and links what can be opened. A code this page does not know is shown as
//! stored, so nothing recorded is ever hidden.

use std::collections::{BTreeMap, HashMap};

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};

use super::{respond, server_error, shell, when, Desk, Tr};
use crate::core::app::AppState;
use crate::core::paging::page_number;

/// Entries per page.
const PER_PAGE: i64 = 100;

/// Actions the log records, each with its `desk-audit-…` message.
const ACTIONS: [&str; 37] = [
    "login",
    "login_failed",
    "logout",
    "takedown",
    "taken",
    "released",
    "reviewed",
    "segment_revised",
    "segment_accepted",
    "segment_propagated",
    "translation_published",
    "translation_held",
    "translation_unpublished",
    "section_set",
    "section_updated",
    "source_paused",
    "source_resumed",
    "source_updated",
    "source_unhealthy",
    "source_recovered",
    "user_added",
    "user_disabled",
    "user_enabled",
    "user_password_reset",
    "glossary_added",
    "glossary_removed",
    "glossary_imported",
    "job_retry",
    "upstream_gone",
    "comment_visible",
    "comment_pending",
    "comment_rejected",
    "comment_spam",
    "comment_delete",
    "ip_ban",
    "report_threshold",
    "story_merged",
];

/// An action in the desk's language, or as stored when unknown.
fn action_words(t: &Tr<'_>, action: &str) -> String {
    if ACTIONS.contains(&action) {
        t.t(&format!("desk-audit-{}", action.replace('_', "-")))
    } else {
        action.to_string()
    }
}

/// True for a language code as the desk stores them (2–3 lowercase letters).
fn is_lang(s: &str) -> bool {
    (2..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase())
}

/// A target in words, linked when the desk has a page for it.
fn target_words(t: &Tr<'_>, target: &str) -> Markup {
    let words: Vec<&str> = target.split(' ').collect();
    let id = |s: &str| s.parse::<i64>().ok();
    match words.as_slice() {
        ["article", n] if id(n).is_some() => html! {
            a href=(format!("/admin/articles/{n}")) { (t.tw("desk-audit-article", &[("id", id(n).unwrap_or(0).into())])) }
        },
        ["article", n, lang] if id(n).is_some() && is_lang(lang) => html! {
            a href=(format!("/admin/articles/{n}/{lang}")) { (t.tw("desk-audit-article-lang", &[("id", id(n).unwrap_or(0).into()), ("lang", (*lang).into())])) }
        },
        ["article", n, lang, "segment", s]
            if id(n).is_some() && is_lang(lang) && id(s).is_some() =>
        {
            let seg = id(s).unwrap_or(0);
            html! {
                a href=(format!("/admin/articles/{n}/{lang}#seg-{seg}")) {
                    (t.tw("desk-audit-article-segment", &[("id", id(n).unwrap_or(0).into()), ("lang", (*lang).into()), ("segment", seg.saturating_add(1).into())]))
                }
            }
        }
        ["user", name] => html! { (t.tw("desk-audit-user", &[("name", (*name).into())])) },
        ["source", n] if id(n).is_some() => html! {
            a href="/admin/sources" { (t.tw("desk-audit-source", &[("id", id(n).unwrap_or(0).into())])) }
        },
        ["section", slug] => html! {
            a href="/admin/sections" { (t.tw("desk-audit-section", &[("slug", (*slug).into())])) }
        },
        ["glossary", pair] => match pair.split_once('-') {
            Some((from, to)) => html! {
                a href="/admin/glossary" { (t.tw("desk-audit-glossary", &[("from", from.into()), ("to", to.into())])) }
            },
            None => html! { (target) },
        },
        ["job", n] if id(n).is_some() => {
            html! { (t.tw("desk-audit-job", &[("id", id(n).unwrap_or(0).into())])) }
        }
        ["comment", n] if id(n).is_some() => html! {
            a href="/admin/comments" { (t.tw("desk-audit-comment", &[("id", id(n).unwrap_or(0).into())])) }
        },
        ["story", n] if id(n).is_some() => {
            html! { (t.tw("desk-audit-story", &[("id", id(n).unwrap_or(0).into())])) }
        }
        ["comments"] => html! { (t.t("desk-audit-comments")) },
        // A session or an address is recorded as an opaque token: its first
        // characters are enough to tell entries apart.
        ["session", token] => {
            html! { (t.tw("desk-audit-session", &[("token", short(token).into())])) }
        }
        ["ip", hash] => html! { (t.tw("desk-audit-ip", &[("hash", short(hash).into())])) },
        _ => html! { (target) },
    }
}

/// The first 8 characters of a token.
fn short(token: &str) -> String {
    token.chars().take(8).collect()
}

/// A detail in words: a section's names and addresses (stored as JSON) as
/// lists, a story merge as a sentence; anything else as stored.
fn detail_words(t: &Tr<'_>, action: &str, detail: &str) -> Markup {
    #[derive(serde::Deserialize)]
    struct SectionChange {
        #[serde(default)]
        names: BTreeMap<String, String>,
        #[serde(default)]
        slugs: serde_json::Value,
    }
    fn pairs(map: &BTreeMap<String, String>) -> String {
        map.iter()
            .map(|(lang, v)| format!("{lang}: {v}"))
            .collect::<Vec<_>>()
            .join(" · ")
    }
    match action {
        "section_updated" => match serde_json::from_str::<SectionChange>(detail) {
            Ok(c) => {
                let slugs: BTreeMap<String, String> = match &c.slugs {
                    serde_json::Value::Object(m) => m
                        .iter()
                        .map(|(k, v)| {
                            (
                                k.clone(),
                                v.as_str().map_or_else(|| v.to_string(), str::to_string),
                            )
                        })
                        .collect(),
                    _ => BTreeMap::new(),
                };
                html! {
                    @if !c.names.is_empty() { (t.tw("desk-audit-section-names", &[("names", pairs(&c.names).into())])) }
                    @if !c.names.is_empty() && !slugs.is_empty() { br; }
                    @if !slugs.is_empty() { (t.tw("desk-audit-section-slugs", &[("slugs", pairs(&slugs).into())])) }
                }
            }
            Err(_) => html! { (detail) },
        },
        "story_merged" => {
            let merged = detail
                .strip_prefix("into story ")
                .and_then(|rest| rest.split_once(": ").or(Some((rest, ""))))
                .and_then(|(id, why)| Some((id.parse::<i64>().ok()?, why)));
            match merged {
                Some((id, why)) => html! {
                    (t.tw("desk-audit-merged-into", &[("id", id.into())]))
                    @if !why.is_empty() { " — " span lang="en" { (why) } }
                },
                None => html! { (detail) },
            }
        }
        _ => html! { (detail) },
    }
}

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
        .audit_log(PER_PAGE, (page - 1).saturating_mul(PER_PAGE))
        .await
    {
        Ok(e) => e,
        Err(e) => return server_error(&desk.tr(&app), &e),
    };
    let t = desk.tr(&app);
    let body = html! {
        {
            table.audit {
                tr { th { (t.t("desk-when-utc")) } th { (t.t("desk-who")) } th { (t.t("desk-action")) } th { (t.t("desk-target")) } th { (t.t("desk-detail")) } }
                @for e in &entries {
                    tr {
                        td { (when(Some(e.at))) }
                        td { (e.actor) }
                        td { (action_words(&t, &e.action)) }
                        td { (target_words(&t, &e.target)) }
                        td { @if let Some(d) = &e.detail { (detail_words(&t, &e.action, d)) } }
                    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes_are_short_lowercase_words() {
        assert!(is_lang("fr") && is_lang("vie"));
        assert!(!is_lang("FR") && !is_lang("f") && !is_lang("fr\"><x") && !is_lang(""));
    }
}
