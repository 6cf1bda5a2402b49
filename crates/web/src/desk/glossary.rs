//! `/admin/glossary` (admins): terms per language pair — list, add, remove,
//! CSV import and export in the CLI's format
//! (`source_lang,target_lang,source,target,kind,case`).

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::html;
use store::{GlossaryTerm, GlossaryTermKind};

use super::{back, csrf_field, invalid, respond, server_error, shell, Desk, DeskForm, Tr};
use crate::core::app::{App, AppState};
use crate::core::urls::query_value;

/// Longest term or translation, in characters.
const MAX_TERM: usize = 200;
/// Most rows one import may carry.
const MAX_IMPORT: usize = 10_000;

/// A language code as the glossary keeps it: 2–3 lowercase letters, or `*`.
fn lang_ok(l: &str) -> bool {
    l == "*" || ((2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_lowercase()))
}

/// The pair a request asks for, else the source language to the first other one.
fn pair(app: &App, q: &HashMap<String, String>) -> (String, String) {
    let config = &app.portal.config;
    let source = q
        .get("source")
        .filter(|l| lang_ok(l))
        .cloned()
        .unwrap_or_else(|| config.source_language.clone());
    let target = q
        .get("target")
        .filter(|l| lang_ok(l))
        .cloned()
        .unwrap_or_else(|| {
            config
                .languages
                .iter()
                .find(|l| **l != source)
                .cloned()
                .unwrap_or_else(|| "en".into())
        });
    (source, target)
}

fn page_of(source: &str, target: &str) -> String {
    format!(
        "/admin/glossary?source={}&target={}",
        query_value(source),
        query_value(target)
    )
}

/// `GET /admin/glossary?source=vi&target=fr`.
pub(crate) async fn list(
    State(app): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
    desk: Desk,
) -> Response {
    let t = desk.tr(&app);
    let (source, target) = pair(&app, &q);
    let store = &app.portal.store;
    let (pairs, terms) = match (
        store.glossary_pairs().await,
        store.glossary(&source, &target).await,
    ) {
        (Ok(p), Ok(terms)) => (p, terms),
        (Err(e), _) | (_, Err(e)) => return server_error(&t, &e),
    };
    let config = &app.portal.config;
    let mut all: Vec<(String, String, i64)> = config
        .languages
        .iter()
        .filter(|l| **l != config.source_language)
        .map(|l| (config.source_language.clone(), l.clone(), 0))
        .collect();
    for (s, tg, n) in pairs {
        match all.iter_mut().find(|(a, b, _)| *a == s && *b == tg) {
            Some(entry) => entry.2 = n,
            None => all.push((s, tg, n)),
        }
    }
    let body = html! {
        nav.pairs {
            (t.t("desk-language-pairs")) ": "
            @for (s, tg, n) in &all {
                @if *s == source && *tg == target { strong { (s) "→" (tg) " (" (n) ")" } }
                @else { a href=(page_of(s, tg)) { (s) "→" (tg) " (" (n) ")" } }
                " "
            }
        }
        h2 { (source) " → " (target) }
        @if terms.is_empty() {
            p { (t.t("desk-glossary-empty")) }
        } @else {
            table {
                tr { th { (t.t("desk-term")) } th { (t.t("desk-translation")) } th { (t.t("desk-kind")) } th { (t.t("desk-case")) } th {} }
                @for term in &terms {
                    tr {
                        td lang=(source) { (term.term) }
                        td lang=(target) { (term.translation) }
                        td { (t.t(kind_key(term.kind))) }
                        td { (t.t(if term.case_sensitive { "desk-case-sensitive" } else { "desk-case-insensitive" })) }
                        td {
                            form.inline method="post" action="/admin/glossary/remove" {
                                (csrf_field(&app, &desk))
                                input type="hidden" name="source" value=(source);
                                input type="hidden" name="target" value=(target);
                                input type="hidden" name="term" value=(term.term);
                                button type="submit" { (t.t("desk-remove")) }
                            }
                        }
                    }
                }
            }
        }
        h2 { (t.t("desk-add-term")) }
        form method="post" action="/admin/glossary" {
            (csrf_field(&app, &desk))
            input type="hidden" name="source" value=(source);
            input type="hidden" name="target" value=(target);
            label { (t.t("desk-term")) " " input name="term" required maxlength=(MAX_TERM) lang=(source); } " "
            label { (t.t("desk-translation")) " " input name="translation" maxlength=(MAX_TERM) lang=(target); } " "
            label { (t.t("desk-kind")) " " select name="kind" {
                option value="forced" { (t.t("desk-kind-forced")) }
                option value="keep" { (t.t("desk-kind-keep")) }
            } } " "
            label { input type="checkbox" name="case" value="sensitive"; " " (t.t("desk-case-sensitive")) } " "
            button type="submit" { (t.t("desk-add")) }
        }
        h2 { (t.t("desk-import-export")) }
        p { a href=(format!("/admin/glossary/export.csv?source={}&target={}", query_value(&source), query_value(&target))) download { (t.t("desk-export-csv")) } }
        form method="post" action="/admin/glossary/import" {
            (csrf_field(&app, &desk))
            p { (t.t("desk-import-help")) }
            textarea name="csv" rows="8" cols="80" placeholder="source_lang,target_lang,source,target,kind,case" {}
            p { button type="submit" { (t.t("desk-import")) } }
        }
    };
    respond(
        StatusCode::OK,
        shell(&t, &t.t("desk-nav-glossary"), Some(&desk), body),
    )
}

fn kind_key(kind: GlossaryTermKind) -> &'static str {
    match kind {
        GlossaryTermKind::Force => "desk-kind-forced",
        GlossaryTermKind::Keep => "desk-kind-keep",
    }
}

/// One row's values checked; the error is a translated message.
fn term_of(
    t: &Tr<'_>,
    source: &str,
    target: &str,
    term: &str,
    translation: &str,
    kind: &str,
    case: &str,
) -> Result<GlossaryTerm, String> {
    if !lang_ok(source) || !lang_ok(target) {
        return Err(t.t("desk-bad-language-pair"));
    }
    let kind = match kind.trim().to_ascii_lowercase().as_str() {
        "" | "forced" | "force" => GlossaryTermKind::Force,
        "keep" | "dnt" | "do_not_translate" => GlossaryTermKind::Keep,
        _ => return Err(t.t("desk-bad-kind")),
    };
    let term = term.trim();
    let translation = match kind {
        GlossaryTermKind::Keep => term,
        GlossaryTermKind::Force => translation.trim(),
    };
    let too_long = |s: &str| s.chars().count() > MAX_TERM || s.chars().any(char::is_control);
    if term.is_empty() || translation.is_empty() || too_long(term) || too_long(translation) {
        return Err(t.tw("desk-bad-term", &[("max", (MAX_TERM as i64).into())]));
    }
    let case_sensitive = match case.trim().to_ascii_lowercase().as_str() {
        "" => kind == GlossaryTermKind::Keep,
        "sensitive" | "yes" | "true" | "on" => true,
        "insensitive" | "no" | "false" | "off" => false,
        _ => return Err(t.t("desk-bad-case")),
    };
    Ok(GlossaryTerm {
        source_lang: source.to_string(),
        target_lang: target.to_string(),
        term: term.to_string(),
        translation: translation.to_string(),
        kind,
        case_sensitive,
    })
}

fn field<'a>(form: &'a HashMap<String, String>, key: &str) -> &'a str {
    form.get(key).map(String::as_str).unwrap_or("")
}

/// `POST /admin/glossary`: adds (or replaces) one term.
pub(crate) async fn add(
    State(app): State<AppState>,
    DeskForm { desk, form }: DeskForm,
) -> Response {
    let t = desk.tr(&app);
    // An unchecked box sends nothing: insensitive for forced terms.
    let case = if form.contains_key("case") {
        "sensitive"
    } else if field(&form, "kind") == "keep" {
        ""
    } else {
        "insensitive"
    };
    let term = match term_of(
        &t,
        field(&form, "source"),
        field(&form, "target"),
        field(&form, "term"),
        field(&form, "translation"),
        field(&form, "kind"),
        case,
    ) {
        Ok(term) => term,
        Err(why) => return invalid(&t, &why),
    };
    let store = &app.portal.store;
    if let Err(e) = store.upsert_term(&term).await {
        return server_error(&t, &e);
    }
    let target = format!("glossary {}-{}", term.source_lang, term.target_lang);
    let detail = format!("{} → {}", term.term, term.translation);
    if let Err(e) = store
        .audit(
            &desk.user.username,
            "glossary_added",
            &target,
            Some(&detail),
        )
        .await
    {
        return server_error(&t, &e);
    }
    back(&page_of(&term.source_lang, &term.target_lang))
}

/// `POST /admin/glossary/remove`: `source`, `target`, `term`.
pub(crate) async fn remove(
    State(app): State<AppState>,
    DeskForm { desk, form }: DeskForm,
) -> Response {
    let t = desk.tr(&app);
    let (source, target, term) = (
        field(&form, "source"),
        field(&form, "target"),
        field(&form, "term"),
    );
    let store = &app.portal.store;
    match store.remove_term(source, target, term).await {
        Ok(true) => {
            let pair = format!("glossary {source}-{target}");
            if let Err(e) = store
                .audit(&desk.user.username, "glossary_removed", &pair, Some(term))
                .await
            {
                return server_error(&t, &e);
            }
        }
        Ok(false) => {}
        Err(e) => return server_error(&t, &e),
    }
    back(&page_of(source, target))
}

/// `POST /admin/glossary/import`: CSV pasted in `csv`; all rows or none.
pub(crate) async fn import(
    State(app): State<AppState>,
    DeskForm { desk, form }: DeskForm,
) -> Response {
    let t = desk.tr(&app);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(field(&form, "csv").as_bytes());
    let mut terms = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let line = (n + 2) as i64;
        let bad = |why: String| {
            t.tw(
                "desk-bad-csv-row",
                &[("line", line.into()), ("reason", why.into())],
            )
        };
        let record = match record {
            Ok(r) => r,
            Err(e) => return invalid(&t, &bad(e.to_string())),
        };
        if terms.len() >= MAX_IMPORT {
            return invalid(
                &t,
                &t.tw("desk-too-many-rows", &[("max", (MAX_IMPORT as i64).into())]),
            );
        }
        let f = |i: usize| record.get(i).unwrap_or_default();
        match term_of(&t, f(0), f(1), f(2), f(3), f(4), f(5)) {
            Ok(term) => terms.push(term),
            Err(why) => return invalid(&t, &bad(why)),
        }
    }
    let store = &app.portal.store;
    for term in &terms {
        if let Err(e) = store.upsert_term(term).await {
            return server_error(&t, &e);
        }
    }
    let detail = format!("{} terms", terms.len());
    if let Err(e) = store
        .audit(
            &desk.user.username,
            "glossary_imported",
            "glossary",
            Some(&detail),
        )
        .await
    {
        return server_error(&t, &e);
    }
    match terms.first() {
        Some(first) => back(&page_of(&first.source_lang, &first.target_lang)),
        None => back("/admin/glossary"),
    }
}

/// `GET /admin/glossary/export.csv?source=vi&target=fr`.
pub(crate) async fn export(
    State(app): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
    desk: Desk,
) -> Response {
    let t = desk.tr(&app);
    let (source, target) = pair(&app, &q);
    let terms = match app.portal.store.glossary(&source, &target).await {
        Ok(terms) => terms,
        Err(e) => return server_error(&t, &e),
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut rows = vec![[
        "source_lang".to_string(),
        "target_lang".into(),
        "source".into(),
        "target".into(),
        "kind".into(),
        "case".into(),
    ]];
    for term in terms {
        rows.push([
            term.source_lang,
            term.target_lang,
            term.term,
            term.translation,
            match term.kind {
                GlossaryTermKind::Force => "forced".into(),
                GlossaryTermKind::Keep => "keep".into(),
            },
            if term.case_sensitive {
                "sensitive"
            } else {
                "insensitive"
            }
            .into(),
        ]);
    }
    for row in &rows {
        if let Err(e) = w.write_record(row) {
            return server_error(&t, &e);
        }
    }
    let bytes = match w.into_inner() {
        Ok(b) => b,
        Err(e) => return server_error(&t, &e.error()),
    };
    let mut r = ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], bytes).into_response();
    let name = format!("attachment; filename=\"glossary-{source}-{target}.csv\"");
    if let Ok(v) = HeaderValue::from_str(&name) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}
