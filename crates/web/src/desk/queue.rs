//! `/admin/review`: the queue as a workspace. Language versions waiting for
//! an editor, filtered by language, section, source, QA flag kind, age and
//! claim, each filter's choices with how many versions they would show; who
//! has taken which version, take and release in place; then originals whose
//! section waits for confirmation and originals gone upstream.
//!
//! Filters are a GET form, so a filtered queue is a link an editor can keep.

use std::collections::BTreeMap;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};
use serde::Deserialize;
use store::WorkItem;

use super::editor::{flag_name, FLAG_CODES};
use super::{csrf_field, respond, server_error, shell, Action, Desk, Tr};
use crate::core::app::{App, AppState};

/// Versions listed at most on one page.
const LISTED: usize = 200;
/// Below this classifier confidence an article's section waits for an editor.
const LOW_CONFIDENCE: f64 = 0.5;
const HOUR: i64 = 3_600_000;
/// The filter value for "no section" / "no source" (empty means "any").
const NONE: &str = "none";

/// The queue's filters, as the GET form sends them (empty = any).
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct Filters {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    section: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    flag: String,
    #[serde(default)]
    age: String,
    #[serde(default)]
    claim: String,
}

/// Age buckets by the time a version has waited since its last change.
const AGES: [(&str, &str); 4] = [
    ("hour", "desk-age-hour"),
    ("day", "desk-age-day"),
    ("week", "desk-age-week"),
    ("older", "desk-age-older"),
];

fn age_bucket(now: i64, updated_at: i64) -> &'static str {
    let waited = now.saturating_sub(updated_at);
    if waited < HOUR {
        "hour"
    } else if waited < 24 * HOUR {
        "day"
    } else if waited < 7 * 24 * HOUR {
        "week"
    } else {
        "older"
    }
}

/// One filter's value for an item.
fn facet(item: &WorkItem, name: &str, now: i64, me: &str) -> Vec<String> {
    match name {
        "lang" => vec![item.lang.clone()],
        "section" => vec![item
            .section_id
            .map_or_else(|| NONE.to_string(), |s| s.to_string())],
        "source" => vec![item
            .source_id
            .map_or_else(|| NONE.to_string(), |s| s.to_string())],
        "flag" => item.qa_flags.clone(),
        "age" => vec![age_bucket(now, item.updated_at).to_string()],
        "claim" => vec![match &item.claim {
            None => "free".to_string(),
            Some(c) if c.taken_by == me => "mine".to_string(),
            Some(_) => "taken".to_string(),
        }],
        _ => Vec::new(),
    }
}

impl Filters {
    fn get(&self, name: &str) -> &str {
        match name {
            "lang" => &self.lang,
            "section" => &self.section,
            "source" => &self.source,
            "flag" => &self.flag,
            "age" => &self.age,
            "claim" => &self.claim,
            _ => "",
        }
    }

    /// True when `item` passes every filter but `except`.
    fn keeps(&self, item: &WorkItem, except: &str, now: i64, me: &str) -> bool {
        FACETS.iter().all(|name| {
            let want = self.get(name);
            *name == except
                || want.is_empty()
                || facet(item, name, now, me).iter().any(|v| v == want)
        })
    }
}

const FACETS: [&str; 6] = ["lang", "section", "source", "flag", "age", "claim"];

/// `GET /admin/review`.
pub(crate) async fn queue(
    State(app): State<AppState>,
    Query(filters): Query<Filters>,
    desk: Desk,
) -> Response {
    let store = &app.portal.store;
    let t = desk.tr(&app);
    let loaded = async {
        Ok::<_, store::StoreError>((
            store.workspace_queue().await?,
            store.articles_gone_upstream(LISTED as i64).await?,
            store
                .sections_to_confirm(LOW_CONFIDENCE, LISTED as i64)
                .await?,
            store.sections().await?,
            store.sources().await?,
        ))
    }
    .await;
    let (items, gone, to_confirm, sections, sources) = match loaded {
        Ok(x) => x,
        Err(e) => return server_error(&t, &e),
    };
    let me = desk.user.username.as_str();
    let now = store::now_ms();
    let mine: Vec<&WorkItem> = items
        .iter()
        .filter(|i| desk.user.languages.is_empty() || desk.user.languages.contains(&i.lang))
        .collect();
    let shown: Vec<&WorkItem> = mine
        .iter()
        .copied()
        .filter(|i| filters.keeps(i, "", now, me))
        .collect();
    // Counts per choice: items passing every other filter.
    let counts = |name: &str| -> BTreeMap<String, usize> {
        let mut m = BTreeMap::new();
        for i in mine.iter().filter(|i| filters.keeps(i, name, now, me)) {
            for v in facet(i, name, now, me) {
                *m.entry(v).or_insert(0) += 1;
            }
        }
        m
    };
    let section_name = |id: &str| {
        sections
            .iter()
            .find(|s| s.id.to_string() == id)
            .map_or_else(|| t.t("desk-no-section"), |s| s.name(&t.lang).to_string())
    };
    let source_name = |id: &str| {
        sources
            .iter()
            .find(|s| s.id.to_string() == id)
            .map_or_else(|| t.t("desk-no-source"), |s| s.name.clone())
    };
    let langs: Vec<(String, String)> = counts("lang")
        .keys()
        .map(|l| (l.clone(), l.clone()))
        .collect();
    let section_choices: Vec<(String, String)> = counts("section")
        .keys()
        .map(|s| (s.clone(), section_name(s)))
        .collect();
    let source_choices: Vec<(String, String)> = counts("source")
        .keys()
        .map(|s| (s.clone(), source_name(s)))
        .collect();
    let flag_choices: Vec<(String, String)> = {
        let c = counts("flag");
        let mut v: Vec<(String, String)> = FLAG_CODES
            .iter()
            .filter(|f| c.contains_key(**f))
            .map(|f| (f.to_string(), flag_name(&t, f)))
            .collect();
        v.extend(
            c.keys()
                .filter(|k| !FLAG_CODES.contains(&k.as_str()))
                .map(|k| (k.clone(), flag_name(&t, k))),
        );
        v
    };
    let age_choices: Vec<(String, String)> =
        AGES.iter().map(|(v, k)| (v.to_string(), t.t(k))).collect();
    let claim_choices: Vec<(String, String)> = [
        ("free", "desk-claim-filter-free"),
        ("mine", "desk-claim-filter-mine"),
        ("taken", "desk-claim-filter-taken"),
    ]
    .iter()
    .map(|(v, k)| (v.to_string(), t.t(k)))
    .collect();
    let body = html! {
        p { (t.t("desk-review-intro")) }
        form.filters method="get" action="/admin/review" {
            (select(&t, &filters, "lang", "desk-filter-language", &langs, &counts("lang")))
            (select(&t, &filters, "section", "desk-filter-section", &section_choices, &counts("section")))
            (select(&t, &filters, "source", "desk-filter-source", &source_choices, &counts("source")))
            (select(&t, &filters, "flag", "desk-filter-flag", &flag_choices, &counts("flag")))
            (select(&t, &filters, "age", "desk-filter-age", &age_choices, &counts("age")))
            (select(&t, &filters, "claim", "desk-filter-claim", &claim_choices, &counts("claim")))
            div.filter-actions {
                button.primary type="submit" { (t.t("desk-filter-apply")) }
                " " a href="/admin/review" { (t.t("desk-filter-clear")) }
            }
        }
        p.count role="status" { (t.tw("desk-queue-count", &[("shown", (shown.len() as i64).into()), ("total", (mine.len() as i64).into())])) }
        @if shown.is_empty() {
            p { (t.t("desk-review-empty")) }
        } @else {
            table.queue {
                thead {
                    tr { th scope="col" { (t.t("desk-title")) } th scope="col" { (t.t("desk-language")) } th scope="col" { (t.t("desk-filter-section")) } th scope="col" { (t.t("desk-filter-source")) } th scope="col" { (t.t("desk-qa-flags")) } th scope="col" { (t.t("desk-waiting")) } th scope="col" { (t.t("desk-claim")) } }
                }
                tbody {
                    @for i in shown.iter().take(LISTED) {
                        (row(&app, &desk, &t, i, now, &section_name, &source_name))
                    }
                }
            }
        }
        @if !to_confirm.is_empty() {
            h2 id="sections-to-confirm" { (t.t("desk-sections-to-confirm")) }
            p { (t.t("desk-sections-to-confirm-intro")) }
            table {
                thead { tr { th scope="col" { (t.t("desk-article")) } th scope="col" { (t.t("desk-original-title")) } th scope="col" { (t.t("desk-confidence")) } th scope="col" { (t.t("desk-file-under")) } } }
                tbody {
                @for (id, title, current, confidence) in &to_confirm {
                    tr {
                        td { a href=(format!("/admin/articles/{id}")) { (id) } }
                        td { (title) }
                        td { (format!("{:.0} %", confidence * 100.0)) }
                        td {
                            @if desk.may(Action::FileArticle, None) {
                            form.inline method="post" action=(format!("/admin/articles/{id}/section")) {
                                (csrf_field(&app, &desk))
                                select name="section" aria-label=(t.t("desk-file-under")) {
                                    @for s in &sections {
                                        option value=(s.id) selected[Some(s.id) == *current] { (s.name(&t.lang)) }
                                    }
                                }
                                " " button type="submit" { (t.t("desk-save")) }
                            }
                            }
                        }
                    }
                }
                }
            }
        }
        @if !gone.is_empty() {
            h2 id="gone-upstream" { (t.t("desk-gone-upstream")) }
            p { (t.t("desk-gone-upstream-intro")) }
            table {
                thead { tr { th scope="col" { (t.t("desk-article")) } th scope="col" { (t.t("desk-original-title")) } th scope="col" { (t.t("desk-upstream-answer")) } th scope="col" { (t.t("desk-gone-since")) } } }
                tbody {
                @for g in &gone {
                    tr {
                        td { a href=(format!("/admin/articles/{}", g.article_id)) { (g.article_id) } }
                        td { a href=(g.url) rel="noopener noreferrer" { (g.title) } }
                        td { (t.tw("desk-upstream-status", &[("status", g.status.into())])) }
                        td { (super::when(Some(g.since))) }
                    }
                }
                }
            }
        }
    };
    respond(
        StatusCode::OK,
        shell(&t, &t.t("desk-nav-review"), Some(&desk), body),
    )
}

/// One filter as a labelled select; each choice says how many versions it shows.
fn select(
    t: &Tr<'_>,
    filters: &Filters,
    name: &str,
    label: &str,
    choices: &[(String, String)],
    counts: &BTreeMap<String, usize>,
) -> Markup {
    let current = filters.get(name);
    let id = format!("filter-{name}");
    html! {
        div.filter {
            label for=(id) { (t.t(label)) }
            select id=(id) name=(name) {
                option value="" selected[current.is_empty()] { (t.t("desk-filter-any")) }
                @for (value, text) in choices {
                    @let n = counts.get(value).copied().unwrap_or(0) as i64;
                    option value=(value) selected[current == value] { (t.tw("desk-filter-choice", &[("choice", text.as_str().into()), ("count", n.into())])) }
                }
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn row(
    app: &App,
    desk: &Desk,
    t: &Tr<'_>,
    i: &WorkItem,
    now: i64,
    section_name: &dyn Fn(&str) -> String,
    source_name: &dyn Fn(&str) -> String,
) -> Markup {
    let base = format!("/admin/articles/{}/{}", i.article_id, i.lang);
    let may = desk.may(Action::ReviewTranslation, Some(&i.lang));
    let hours = now.saturating_sub(i.updated_at) / HOUR;
    html! {
        tr class=[i.claim.as_ref().map(|c| if c.taken_by == desk.user.username { "mine" } else { "taken" })] {
            td lang=(i.lang) {
                a href=(base) { (i.title) }
                " " span.status { "(" (t.t(super::articles::version_key(&i.status))) ")" }
                @if let Some(r) = &i.review {
                    br; span.reviewed { (t.tw("desk-reviewed-by", &[("editor", r.reviewed_by.as_str().into()), ("when", super::when(Some(r.reviewed_at)).into())])) }
                }
            }
            td data-label=(t.t("desk-language")) { (i.source_lang) " → " (i.lang) }
            td data-label=(t.t("desk-filter-section")) { (section_name(&i.section_id.map_or_else(|| NONE.to_string(), |s| s.to_string()))) }
            td data-label=(t.t("desk-filter-source")) { (source_name(&i.source_id.map_or_else(|| NONE.to_string(), |s| s.to_string()))) }
            td data-label=(t.t("desk-qa-flags")) { @for f in &i.qa_flags { span.flag { (flag_name(t, f)) } } }
            td data-label=(t.t("desk-waiting")) { (t.tw("desk-hours", &[("hours", hours.into())])) }
            td {
                @match &i.claim {
                    Some(c) => {
                        span.taken { (t.tw("desk-claim-theirs", &[("editor", c.taken_by.as_str().into()), ("since", super::when(Some(c.taken_at)).into())])) }
                        @if may && (c.taken_by == desk.user.username || desk.user.role == store::Role::Admin) {
                            " "
                            form.inline method="post" action=(format!("{base}/release")) {
                                (csrf_field(app, desk))
                                button type="submit" aria-label=(t.tw("desk-release-label", &[("title", i.title.as_str().into())])) { (t.t("desk-release")) }
                            }
                        }
                    }
                    None => {
                        @if may {
                            form.inline method="post" action=(format!("{base}/take")) {
                                (csrf_field(app, desk))
                                button type="submit" aria-label=(t.tw("desk-take-label", &[("title", i.title.as_str().into())])) { (t.t("desk-take")) }
                            }
                        } @else {
                            (t.t("desk-claim-free"))
                        }
                    }
                }
            }
        }
    }
}
