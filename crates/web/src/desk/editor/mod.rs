//! The segment editor at `/admin/articles/{id}/{lang}`: one row per segment
//! in reading order, source and translation side by side, the segment's
//! place in the article and its origin in words, glossary terms marked in
//! both columns, QA flags with what to do, the editor's change against the
//! machine output, the memory's best matches, and claims and reviews.
//!
//! Every action is a plain form POST that works without JavaScript (the
//! answer is a redirect back to the next segment). `assets/desk.js` adds the
//! keyboard (listed on the page) and sends the same forms with `fetch`,
//! asking for JSON (`Accept: application/json`), so a save is confirmed in
//! place without a reload.

mod diff;
mod words;

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use serde::Deserialize;
use store::{ArticleStatus, GlossaryTerm, GlossaryTermKind, Role, StoreError, Taken};

use super::{
    back, csrf_field, forbidden, not_found, respond, server_error, shell, Action, Desk, DeskForm,
    Tr,
};
use crate::core::app::{App, AppState};
use words::{flag_advice, memory_origin_words, origin_words, places, Segment};
pub(crate) use words::{flag_name, FLAG_CODES};

/// The keyboard shortcuts listed on the page (as `desk.js` handles them).
const SHORTCUTS: [(&[&str], &str); 10] = [
    (&["j", "↓"], "desk-key-next"),
    (&["k", "↑"], "desk-key-previous"),
    (&["n"], "desk-key-next-flagged"),
    (&["e", "Enter"], "desk-key-edit"),
    (&["Ctrl+Enter"], "desk-key-save-next"),
    (&["a"], "desk-key-accept"),
    (&["Esc"], "desk-key-leave"),
    (&["m"], "desk-key-matches"),
    (&["1…5"], "desk-key-insert"),
    (&["t"], "desk-key-take"),
];

/// Longest correction accepted, in characters.
pub(crate) const MAX_CORRECTION: usize = 5_000;
/// Memory matches offered per segment.
const MATCHES: usize = 5;
/// Other open articles a correction is offered to (and applied to) at most.
const OTHERS: i64 = 50;

/// `?saved=n` after a save without JavaScript.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct EditorQuery {
    saved: Option<usize>,
    applied: Option<i64>,
}

/// True when the request came from `desk.js` and wants JSON.
fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

fn json(status: StatusCode, value: serde_json::Value) -> Response {
    let mut r = (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        value.to_string(),
    )
        .into_response();
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    r
}

/// A refusal, as JSON for `desk.js` or as the desk's 403 page.
fn refuse(
    t: &Tr<'_>,
    headers: &HeaderMap,
    status: StatusCode,
    key: &str,
    text: String,
) -> Response {
    if wants_json(headers) {
        json(status, serde_json::json!({"ok": false, "message": text}))
    } else {
        let mut r = forbidden(t, key);
        *r.status_mut() = status;
        r
    }
}

/// The glossary's terms for a pair, with `*` wildcards.
async fn terms(app: &App, source: &str, target: &str) -> Result<Vec<GlossaryTerm>, StoreError> {
    let store = &app.portal.store;
    let mut all = store.glossary(source, target).await?;
    all.extend(store.glossary(source, "*").await?);
    all.extend(store.glossary("*", target).await?);
    Ok(all)
}

/// Byte ranges of `needle` in `hay` (case-insensitively unless asked),
/// non-overlapping; at most 20.
fn find_all(hay: &str, needle: &str, case_sensitive: bool) -> Vec<(usize, usize)> {
    if needle.is_empty() {
        return Vec::new();
    }
    let (h, n) = if case_sensitive {
        (hay.to_string(), needle.to_string())
    } else {
        (hay.to_lowercase(), needle.to_lowercase())
    };
    // Lower-casing may change byte lengths (rare letters): then match exactly.
    let (h, n) = if h.len() == hay.len() && n.len() == needle.len() {
        (h, n)
    } else {
        (hay.to_string(), needle.to_string())
    };
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = h[from..].find(&n) {
        let start = from + at;
        let end = start + n.len();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        if boundary(hay[..start].chars().next_back()) && boundary(hay[end..].chars().next()) {
            out.push((start, end));
            if out.len() == 20 {
                break;
            }
        }
        from = end;
    }
    out
}

/// The end of an inline formatting tag (`<x1>` or `</x1>`) starting at
/// `at`, if one does: the engine's placeholders for bold, links and the like.
fn tag_end(text: &str, at: usize) -> Option<usize> {
    let rest = text[at..].strip_prefix('<')?;
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let digits = rest.strip_prefix('x')?;
    let n = digits.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > 3 || digits.as_bytes().get(n) != Some(&b'>') {
        return None;
    }
    Some(text.len() - digits.len() + n + 1)
}

/// `text` with its formatting tags set apart (`span.ph`), so they read as
/// tags to keep rather than as words.
fn tagged(text: &str) -> Markup {
    let mut pieces: Vec<(&str, bool)> = Vec::new();
    let (mut from, mut at) = (0, 0);
    while let Some(i) = text[at..].find('<') {
        let start = at + i;
        match tag_end(text, start) {
            Some(end) => {
                pieces.push((&text[from..start], false));
                pieces.push((&text[start..end], true));
                from = end;
                at = end;
            }
            None => at = start + 1,
        }
    }
    pieces.push((&text[from..], false));
    html! {
        @for (piece, tag) in &pieces {
            @if *tag { span.ph { (piece) } } @else { (piece) }
        }
    }
}

/// `text` with each found term marked; `which` picks the source term or the
/// required translation.
fn marked(text: &str, found: &[(&GlossaryTerm, bool)], source_side: bool) -> Markup {
    let mut ranges: Vec<(usize, usize, &GlossaryTerm)> = Vec::new();
    for (term, _) in found {
        let needle = if source_side {
            &term.term
        } else {
            &term.translation
        };
        for (s, e) in find_all(text, needle, term.case_sensitive) {
            if ranges.iter().all(|(a, b, _)| e <= *a || s >= *b) {
                ranges.push((s, e, term));
            }
        }
    }
    ranges.sort_by_key(|r| r.0);
    // (text before the term, the term, its entry), then the rest.
    let mut pieces: Vec<(&str, &str, &GlossaryTerm)> = Vec::new();
    let mut at = 0;
    for (s, e, term) in &ranges {
        pieces.push((&text[at..*s], &text[*s..*e], term));
        at = *e;
    }
    let rest = &text[at..];
    html! {
        @for (before, found, term) in &pieces {
            (tagged(before))
            mark.term title=(format!("{} → {}", term.term, term.translation)) { (found) }
        }
        (tagged(rest))
    }
}

/// `GET /admin/articles/{id}/{lang}`: the segment editor.
pub(crate) async fn page(
    State(app): State<AppState>,
    Path((id, lang)): Path<(i64, String)>,
    Query(q): Query<EditorQuery>,
    desk: Desk,
) -> Response {
    let store = &app.portal.store;
    let t = desk.tr(&app);
    let (a, v) = match (store.article(id).await, store.translation(id, &lang).await) {
        (Ok(a), Ok(Some(v))) => (a, v),
        (Err(StoreError::NotFound(_)), _) | (Ok(_), Ok(None)) => return not_found(&t),
        (Err(e), _) | (_, Err(e)) => return server_error(&t, &e),
    };
    let loaded = async {
        Ok::<_, StoreError>((
            store.claim(id, &lang).await?,
            store.review_of(id, &lang).await?,
            store.corrections_of(id, &lang).await?,
            terms(&app, &a.language, &lang).await?,
        ))
    }
    .await;
    let (claim, review, corrections, glossary) = match loaded {
        Ok(x) => x,
        Err(e) => return server_error(&t, &e),
    };
    let segments = Segment::all(&v.segments);
    let place = places(&t, &segments);
    let flagged = segments.iter().filter(|s| !s.flags.is_empty()).count();
    let editable = lang != a.language
        && a.status != ArticleStatus::TakenDown
        && desk.may(Action::ReviewTranslation, Some(&lang));
    let theirs = claim.as_ref().filter(|c| c.taken_by != desk.user.username);
    // The first correction of each source: what the machine had written.
    let mut machine: HashMap<&str, &store::Correction> = HashMap::new();
    // The latest correction of each source, while the version still shows
    // exactly what it replaced: saved, not yet published by the pipeline.
    let mut pending: HashMap<&str, &store::Correction> = HashMap::new();
    for c in &corrections {
        machine.entry(c.source.as_str()).or_insert(c);
        pending.insert(c.source.as_str(), c);
    }
    pending.retain(|source, c| {
        segments
            .iter()
            .any(|s| s.source == *source && s.target == c.before_text && s.target != c.after_text)
    });
    let base = format!("/admin/articles/{id}/{lang}");
    let stale = review
        .as_ref()
        .is_some_and(|r| r.source_revision != v.source_revision);
    let saved_others = match q.saved.and_then(|n| segments.get(n)) {
        Some(s) => match store
            .open_articles_with_segment(&lang, &s.source, id, OTHERS)
            .await
        {
            Ok(o) => o,
            Err(e) => return server_error(&t, &e),
        },
        None => Vec::new(),
    };
    let body = html! {
        p.crumbs {
            a href=(format!("/admin/articles/{id}")) { "← " (t.tw("desk-article-title", &[("id", id.into())])) }
            " · " (a.language) " → " (lang)
            " · " (t.tw("desk-labelled", &[("label", t.t("desk-status").into()), ("value", t.t(super::articles::version_key(v.status.as_str())).into())]))
            " · " (t.tw("desk-segment-summary", &[("segments", (segments.len() as i64).into()), ("flagged", (flagged as i64).into())]))
        }
        div.workbar {
            div.claim #claim {
                @match &claim {
                    Some(c) if c.taken_by == desk.user.username => {
                        span.taken.mine { (t.tw("desk-claim-yours", &[("since", super::when(Some(c.taken_at)).into())])) }
                        @if editable {
                            form.inline method="post" action=(format!("{base}/release")) {
                                (csrf_field(&app, &desk))
                                button type="submit" data-key="t" { (t.t("desk-release")) }
                            }
                        }
                    }
                    Some(c) => {
                        span.taken.theirs { (t.tw("desk-claim-theirs", &[("editor", c.taken_by.as_str().into()), ("since", super::when(Some(c.taken_at)).into())])) }
                        @if editable && desk.user.role == Role::Admin {
                            form.inline method="post" action=(format!("{base}/release")) {
                                (csrf_field(&app, &desk))
                                button type="submit" { (t.t("desk-release-theirs")) }
                            }
                        }
                    }
                    None => {
                        span.taken { (t.t("desk-claim-free")) }
                        @if editable {
                            form.inline method="post" action=(format!("{base}/take")) {
                                (csrf_field(&app, &desk))
                                button.primary type="submit" data-key="t" { (t.t("desk-take")) }
                            }
                        }
                    }
                }
            }
            div.reviewed #reviewed {
                @if let Some(r) = &review {
                    span { (t.tw("desk-reviewed-by", &[("editor", r.reviewed_by.as_str().into()), ("when", super::when(Some(r.reviewed_at)).into())])) }
                    @if stale { " " span.stale { (t.t("desk-review-stale")) } }
                } @else {
                    span { (t.t("desk-not-reviewed")) }
                }
                @if editable && theirs.is_none() {
                    " "
                    form.inline method="post" action=(format!("{base}/reviewed")) {
                        (csrf_field(&app, &desk))
                        button type="submit" { (t.t("desk-mark-reviewed")) }
                    }
                }
            }
        }
        @if let Some(n) = q.saved {
            p.notice role="status" { (t.tw("desk-saved-segment", &[("place", place.get(n).cloned().unwrap_or_default().into())])) }
            @if !saved_others.is_empty() {
                (offer(&app, &desk, &t, &base, n, &saved_others))
            }
        }
        @if let Some(k) = q.applied {
            p.notice role="status" { (t.tw("desk-applied", &[("count", k.into())])) }
        }
        @if let Some(c) = theirs {
            p.notice { (t.tw("desk-claim-theirs-notice", &[("editor", c.taken_by.as_str().into())])) }
        }
        details.shortcuts open {
            summary { (t.t("desk-shortcuts")) }
            dl {
                @for (keys, what) in SHORTCUTS {
                    div {
                        dt { @for (i, k) in keys.iter().enumerate() { @if i > 0 { " " } kbd { (k) } } }
                        dd { (t.t(what)) }
                    }
                }
            }
        }
        p #desk-live .live role="status" aria-live="polite" {}
        @if segments.is_empty() {
            p { (t.t("desk-no-segments")) }
        } @else {
            ol.segments #segments data-base=(base) data-saved=(t.t("desk-saved-live")) data-failed=(t.t("desk-save-failed")) data-others=(t.t("desk-others-offer-live")) {
                @for (n, s) in segments.iter().enumerate() {
                    @let found: Vec<(&GlossaryTerm, bool)> = glossary.iter()
                        .filter(|g| !find_all(&s.source, &g.term, g.case_sensitive).is_empty())
                        .map(|g| (g, !find_all(&s.target, &g.translation, g.case_sensitive).is_empty()))
                        .collect();
                    li.seg id=(format!("seg-{n}")) tabindex="-1" data-n=(n) data-flagged[!s.flags.is_empty()] aria-labelledby=(format!("seg-{n}-place")) {
                        div.seg-head {
                            h2.seg-place id=(format!("seg-{n}-place")) { span.seg-no { (n + 1) } " " (place[n]) }
                            span.seg-origin { (origin_words(&t, &s.origin)) }
                            @for code in s.flag_codes() { span.flag { (flag_name(&t, &code)) } }
                        }
                        div.seg-cols {
                            div.seg-src lang=(a.language) {
                                span.col-label { (t.tw("desk-original-column", &[("lang", a.language.as_str().into())])) }
                                p { (marked(&s.source, &found, true)) }
                            }
                            div.seg-tgt lang=(lang) {
                                span.col-label { (t.tw("desk-translation-column", &[("lang", lang.as_str().into())])) }
                                p.seg-text { (marked(&s.target, &found, false)) }
                                @if let Some(c) = pending.get(s.source.as_str()) {
                                    p.seg-pending {
                                        (t.tw("desk-pending", &[("editor", c.editor.as_str().into())]))
                                        " " ins { (c.after_text) }
                                    }
                                }
                            }
                        }
                        @if !s.flags.is_empty() {
                            ul.seg-flags {
                                @for f in &s.flags { li { (flag_advice(&t, f)) } }
                            }
                        }
                        @if !found.is_empty() {
                            ul.seg-terms {
                                @for (g, ok) in &found {
                                    li class=(if *ok { "ok" } else { "missing" }) {
                                        (t.tw(if g.kind == GlossaryTermKind::Keep { "desk-term-keep" } else { "desk-term-force" }, &[("term", g.term.as_str().into()), ("translation", g.translation.as_str().into())]))
                                        @if !*ok { " " strong { (t.t("desk-term-missing")) } }
                                    }
                                }
                            }
                        }
                        @if let Some(c) = machine.get(s.source.as_str()) {
                            @if c.before_text != s.target {
                                div.seg-diff {
                                    span.col-label { (t.tw("desk-diff-label", &[("origin", origin_words(&t, &serde_json::from_str(&c.before_origin).unwrap_or(serde_json::Value::Null)).into()), ("editor", c.editor.as_str().into())])) }
                                    p lang=(lang) { (diff::render(&c.before_text, &s.target)) }
                                }
                            }
                        }
                        @if editable {
                            form.seg-edit method="post" action=(format!("{base}/segments/{n}")) {
                                (csrf_field(&app, &desk))
                                input type="hidden" name="machine" value=(s.target);
                                label for=(format!("t-{n}")) { (t.t("desk-your-translation")) }
                                textarea id=(format!("t-{n}")) name="target" rows="3" lang=(lang) required maxlength=(MAX_CORRECTION) {
                                    (pending.get(s.source.as_str()).map_or(s.target.as_str(), |c| c.after_text.as_str()))
                                }
                                div.seg-live-diff aria-live="off" {}
                                div.seg-actions {
                                    button.primary type="submit" name="then" value="next" { (t.t("desk-save-next")) }
                                    button type="submit" name="then" value="accept" formnovalidate { (t.t("desk-accept")) }
                                    a.matches-link href=(format!("{base}/segments/{n}")) { (t.t("desk-matches")) }
                                    span.seg-status role="status" {}
                                }
                            }
                            div.seg-matches {}
                        }
                    }
                }
            }
        }
    };
    let mut r = respond(
        StatusCode::OK,
        shell(
            &t,
            &t.tw(
                "desk-review-title",
                &[("id", id.into()), ("lang", lang.as_str().into())],
            ),
            Some(&desk),
            body,
        ),
    );
    r.headers_mut()
        .insert(header::VARY, header::HeaderValue::from_static("Accept"));
    r
}

/// The offer to apply a correction to other open articles sharing the segment.
fn offer(
    app: &App,
    desk: &Desk,
    t: &Tr<'_>,
    base: &str,
    n: usize,
    others: &[(i64, String)],
) -> Markup {
    html! {
        form.offer method="post" action=(format!("{base}/segments/{n}/propagate")) {
            (csrf_field(app, desk))
            p { (t.tw("desk-others-offer", &[("count", (others.len() as i64).into())])) }
            ul {
                @for (id, title) in others.iter().take(10) {
                    li { a href=(format!("/admin/articles/{id}")) { (id) } " " (title) }
                }
            }
            button type="submit" { (t.t("desk-apply-others")) }
        }
    }
}

/// `GET /admin/articles/{id}/{lang}/segments/{n}`: one segment with the
/// memory's best matches, each insertable (a form without JavaScript; with
/// `?part=matches` only the list, which `desk.js` puts under the segment).
pub(crate) async fn matches(
    State(app): State<AppState>,
    Path((id, lang, n)): Path<(i64, String, usize)>,
    Query(q): Query<HashMap<String, String>>,
    desk: Desk,
) -> Response {
    let store = &app.portal.store;
    let t = desk.tr(&app);
    let (a, v) = match (store.article(id).await, store.translation(id, &lang).await) {
        (Ok(a), Ok(Some(v))) => (a, v),
        (Err(StoreError::NotFound(_)), _) | (Ok(_), Ok(None)) => return not_found(&t),
        (Err(e), _) | (_, Err(e)) => return server_error(&t, &e),
    };
    let segments = Segment::all(&v.segments);
    let Some(s) = segments.get(n) else {
        return not_found(&t);
    };
    let found = match store
        .memory_matches(&a.language, &lang, &s.source, MATCHES)
        .await
    {
        Ok(m) => m,
        Err(e) => return server_error(&t, &e),
    };
    let editable = lang != a.language && desk.may(Action::ReviewTranslation, Some(&lang));
    let base = format!("/admin/articles/{id}/{lang}");
    let list = html! {
        @if found.is_empty() {
            p.none { (t.t("desk-no-matches")) }
        } @else {
            ol.matches aria-label=(t.t("desk-matches")) {
                @for (k, m) in found.iter().enumerate() {
                    li.match {
                        span.score { (if m.score == 100 { t.t("desk-match-exact") } else { t.tw("desk-match-fuzzy", &[("score", i64::from(m.score).into())]) }) }
                        " · " span.match-origin { (memory_origin_words(&t, &m.segment.origin)) }
                        @if let Some(from) = m.article_id.filter(|from| *from != id) {
                            " · " a.match-article href=(format!("/admin/articles/{from}/{lang}")) { (t.tw("desk-match-from-article", &[("id", from.into())])) }
                        }
                        @if m.segment.use_count > 0 { " · " (t.tw("desk-match-used", &[("count", m.segment.use_count.into())])) }
                        p.match-src lang=(a.language) { (diff::render(&m.segment.source_text, &s.source)) }
                        p.match-tgt lang=(lang) { (m.segment.target_text) }
                        @if editable {
                            form.inline method="post" action=(format!("{base}/segments/{n}")) {
                                (csrf_field(&app, &desk))
                                input type="hidden" name="target" value=(m.segment.target_text);
                                input type="hidden" name="machine" value=(s.target);
                                input type="hidden" name="then" value="stay";
                                button type="submit" data-insert=(m.segment.target_text) {
                                    (t.tw("desk-insert-match", &[("n", ((k + 1) as i64).into())]))
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    if q.get("part").map(String::as_str) == Some("matches") {
        return respond(StatusCode::OK, list);
    }
    let places = places(&t, &segments);
    let body = html! {
        p.crumbs { a href=(format!("{base}#seg-{n}")) { "← " (t.tw("desk-review-title", &[("id", id.into()), ("lang", lang.as_str().into())])) } }
        div.seg-cols {
            div.seg-src lang=(a.language) { span.col-label { (t.tw("desk-original-column", &[("lang", a.language.as_str().into())])) } p { (s.source) } }
            div.seg-tgt lang=(lang) { span.col-label { (t.tw("desk-translation-column", &[("lang", lang.as_str().into())])) } p { (s.target) } }
        }
        h2 { (t.t("desk-matches")) }
        (list)
    };
    respond(StatusCode::OK, shell(&t, &places[n], Some(&desk), body))
}

/// Where to go after a save: the next segment, the same one, or the next flagged one.
fn next_anchor(segments: &[Segment], n: usize, then: &str) -> usize {
    match then {
        "stay" => n,
        _ => (n + 1).min(segments.len().saturating_sub(1)),
    }
}

/// The segments of the stored translation of article `id` in `lang`, when it
/// has a segment `n`; else the page to answer with: 404 when the translation
/// or the segment is missing, 500 when the store fails.
async fn stored_segments(
    store: &store::Store,
    id: i64,
    lang: &str,
    n: usize,
    t: &Tr<'_>,
) -> Result<Vec<Segment>, Box<Response>> {
    let translation = match store.translation(id, lang).await {
        Ok(Some(translation)) => translation,
        Ok(None) | Err(StoreError::NotFound(_)) => return Err(Box::new(not_found(t))),
        Err(e) => return Err(Box::new(server_error(t, &e))),
    };
    let segments = Segment::all(&translation.segments);
    if n >= segments.len() {
        return Err(Box::new(not_found(t)));
    }
    Ok(segments)
}

/// `POST /admin/articles/{id}/{lang}/segments/{n}`: an editor corrects (or,
/// with `then=accept`, confirms) one segment. The correction is queued for
/// the pipeline, which remembers it as a human translation and re-renders
/// the version; the source text is taken from the stored report, not the
/// form, and the replaced text is kept for the diff. Answers JSON to
/// `desk.js`, else a redirect to the next segment.
pub(crate) async fn save(
    State(app): State<AppState>,
    Path((id, lang, n)): Path<(i64, String, usize)>,
    headers: HeaderMap,
    DeskForm { desk, form }: DeskForm,
) -> Response {
    let t = desk.tr(&app);
    let store = &app.portal.store;
    let segments = match stored_segments(store, id, &lang, n, &t).await {
        Ok(segments) => segments,
        Err(response) => return *response,
    };
    let segment = &segments[n];
    let then = form.get("then").map(String::as_str).unwrap_or("next");
    let target = if then == "accept" {
        // What the editor sees: a saved correction not yet published, else
        // the version's text.
        match store.corrections_of(id, &lang).await {
            Ok(all) => all
                .iter()
                .rev()
                .find(|c| c.source == segment.source)
                .filter(|c| c.before_text == segment.target)
                .map_or_else(|| segment.target.clone(), |c| c.after_text.clone()),
            Err(e) => return server_error(&t, &e),
        }
    } else {
        form.get("target")
            .map(|t| t.trim().to_string())
            .unwrap_or_default()
    };
    if target.is_empty() || target.chars().count() > MAX_CORRECTION {
        let text = t.t("desk-correction-length");
        return refuse(
            &t,
            &headers,
            StatusCode::UNPROCESSABLE_ENTITY,
            "desk-correction-length",
            text,
        );
    }
    match store.claim(id, &lang).await {
        Ok(Some(c)) if c.taken_by != desk.user.username => {
            let text = t.tw(
                "desk-claim-theirs-notice",
                &[("editor", c.taken_by.as_str().into())],
            );
            return refuse(
                &t,
                &headers,
                StatusCode::CONFLICT,
                "desk-claim-conflict",
                text,
            );
        }
        Ok(_) => {}
        Err(e) => return server_error(&t, &e),
    }
    let revision = store::Revision {
        article_id: id,
        lang: lang.clone(),
        source: segment.source.clone(),
        target: target.clone(),
        editor: desk.user.username.clone(),
    };
    if let Err(e) = store.queue_revision(&revision).await {
        return server_error(&t, &e);
    }
    if target != segment.target {
        let c = store::Correction {
            article_id: id,
            lang: lang.clone(),
            source: segment.source.clone(),
            before_text: segment.target.clone(),
            before_origin: segment.origin.to_string(),
            after_text: target.clone(),
            editor: desk.user.username.clone(),
            at: 0,
        };
        if let Err(e) = store.record_correction(&c).await {
            return server_error(&t, &e);
        }
    }
    let what = format!("article {id} {lang} segment {n}");
    let action = if then == "accept" {
        "segment_accepted"
    } else {
        "segment_revised"
    };
    if let Err(e) = store
        .audit(&desk.user.username, action, &what, Some(&target))
        .await
    {
        return server_error(&t, &e);
    }
    let others = if target != segment.target {
        match store
            .open_articles_with_segment(&lang, &segment.source, id, OTHERS)
            .await
        {
            Ok(o) => o,
            Err(e) => return server_error(&t, &e),
        }
    } else {
        Vec::new()
    };
    let next = next_anchor(&segments, n, then);
    let base = format!("/admin/articles/{id}/{lang}");
    if wants_json(&headers) {
        let place = places(&t, &segments).get(n).cloned().unwrap_or_default();
        return json(
            StatusCode::OK,
            serde_json::json!({
                "ok": true,
                "message": t.tw("desk-saved-segment", &[("place", place.into())]),
                "next": next,
                "diff": diff::render(&segment.target, &target).into_string(),
                "others": others.len(),
                "offer": if others.is_empty() { String::new() } else { offer(&app, &desk, &t, &base, n, &others).into_string() },
            }),
        );
    }
    back(&format!("{base}?saved={n}#seg-{next}"))
}

/// `POST /admin/articles/{id}/{lang}/segments/{n}/propagate`: queues the
/// segment's current correction (the latest human translation saved at the
/// desk) for every other open article containing the same source segment.
pub(crate) async fn propagate(
    State(app): State<AppState>,
    Path((id, lang, n)): Path<(i64, String, usize)>,
    headers: HeaderMap,
    DeskForm { desk, .. }: DeskForm,
) -> Response {
    let t = desk.tr(&app);
    let store = &app.portal.store;
    let segments = match stored_segments(store, id, &lang, n, &t).await {
        Ok(segments) => segments,
        Err(response) => return *response,
    };
    let segment = &segments[n];
    let corrections = match store.corrections_of(id, &lang).await {
        Ok(c) => c,
        Err(e) => return server_error(&t, &e),
    };
    let Some(latest) = corrections
        .iter()
        .rev()
        .find(|c| c.source == segment.source)
    else {
        return not_found(&t);
    };
    let others = match store
        .open_articles_with_segment(&lang, &segment.source, id, OTHERS)
        .await
    {
        Ok(o) => o,
        Err(e) => return server_error(&t, &e),
    };
    let mut applied = 0i64;
    for (other, _) in &others {
        if !desk.may(Action::ReviewTranslation, Some(&lang)) {
            break;
        }
        let revision = store::Revision {
            article_id: *other,
            lang: lang.clone(),
            source: latest.source.clone(),
            target: latest.after_text.clone(),
            editor: desk.user.username.clone(),
        };
        if let Err(e) = store.queue_revision(&revision).await {
            return server_error(&t, &e);
        }
        let what = format!("article {other} {lang}");
        if let Err(e) = store
            .audit(
                &desk.user.username,
                "segment_propagated",
                &what,
                Some(&latest.after_text),
            )
            .await
        {
            return server_error(&t, &e);
        }
        applied += 1;
    }
    if wants_json(&headers) {
        return json(
            StatusCode::OK,
            serde_json::json!({"ok": true, "message": t.tw("desk-applied", &[("count", applied.into())]), "applied": applied}),
        );
    }
    back(&format!(
        "/admin/articles/{id}/{lang}?applied={applied}#seg-{n}"
    ))
}

/// `POST /admin/articles/{id}/{lang}/take`.
pub(crate) async fn take(
    State(app): State<AppState>,
    Path((id, lang)): Path<(i64, String)>,
    headers: HeaderMap,
    DeskForm { desk, .. }: DeskForm,
) -> Response {
    let t = desk.tr(&app);
    match app
        .portal
        .store
        .take_claim(id, &lang, &desk.user.username)
        .await
    {
        Ok(Taken::Yours(_)) => {}
        Ok(Taken::Theirs(c)) => {
            let text = t.tw(
                "desk-claim-theirs-notice",
                &[("editor", c.taken_by.as_str().into())],
            );
            return refuse(
                &t,
                &headers,
                StatusCode::CONFLICT,
                "desk-claim-conflict",
                text,
            );
        }
        Err(StoreError::NotFound(_)) => return not_found(&t),
        Err(e) => return server_error(&t, &e),
    }
    claim_recorded(&app, &desk, &t, "taken", id, &lang, &headers).await
}

/// `POST /admin/articles/{id}/{lang}/release`: the holder releases it (an admin may release anyone's).
pub(crate) async fn release(
    State(app): State<AppState>,
    Path((id, lang)): Path<(i64, String)>,
    headers: HeaderMap,
    DeskForm { desk, .. }: DeskForm,
) -> Response {
    let t = desk.tr(&app);
    let admin = desk.user.role == Role::Admin;
    match app
        .portal
        .store
        .release_claim(id, &lang, &desk.user.username, admin)
        .await
    {
        Ok(true) => {}
        Ok(false) => {
            let text = t.t("desk-claim-not-yours");
            return refuse(
                &t,
                &headers,
                StatusCode::CONFLICT,
                "desk-claim-not-yours",
                text,
            );
        }
        Err(e) => return server_error(&t, &e),
    }
    claim_recorded(&app, &desk, &t, "released", id, &lang, &headers).await
}

/// After a take or a release: the audit log entry, then back where the
/// editor came from (the article's review page by default).
async fn claim_recorded(
    app: &AppState,
    desk: &Desk,
    t: &Tr<'_>,
    action: &str,
    id: i64,
    lang: &str,
    headers: &HeaderMap,
) -> Response {
    let what = format!("article {id} {lang}");
    if let Err(e) = app
        .portal
        .store
        .audit(&desk.user.username, action, &what, None)
        .await
    {
        return server_error(t, &e);
    }
    back(&redirect_to(
        headers,
        &format!("/admin/articles/{id}/{lang}"),
    ))
}

/// `POST /admin/articles/{id}/{lang}/reviewed`: records the review (who,
/// when, which source revision) and releases the editor's claim.
pub(crate) async fn reviewed(
    State(app): State<AppState>,
    Path((id, lang)): Path<(i64, String)>,
    DeskForm { desk, .. }: DeskForm,
) -> Response {
    let t = desk.tr(&app);
    let store = &app.portal.store;
    match store.claim(id, &lang).await {
        Ok(Some(c)) if c.taken_by != desk.user.username => {
            let text = t.tw(
                "desk-claim-theirs-notice",
                &[("editor", c.taken_by.as_str().into())],
            );
            return refuse(
                &t,
                &HeaderMap::new(),
                StatusCode::CONFLICT,
                "desk-claim-conflict",
                text,
            );
        }
        Ok(_) => {}
        Err(e) => return server_error(&t, &e),
    }
    match store.record_review(id, &lang, &desk.user.username).await {
        Ok(_) => {}
        Err(StoreError::NotFound(_)) => return not_found(&t),
        Err(e) => return server_error(&t, &e),
    }
    if let Err(e) = store
        .release_claim(id, &lang, &desk.user.username, false)
        .await
    {
        return server_error(&t, &e);
    }
    back(&format!("/admin/articles/{id}/{lang}"))
}

/// Back to the queue when the form came from it (`Referer` on /admin/review), else to `fallback`.
fn redirect_to(headers: &HeaderMap, fallback: &str) -> String {
    let from_queue = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| r.split_once("/admin/review"))
        .map(|(_, query)| format!("/admin/review{}", query.split('#').next().unwrap_or("")))
        .filter(|to| to.len() < 1000 && !to.contains("//"));
    from_queue.unwrap_or_else(|| fallback.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_found_on_word_boundaries() {
        assert_eq!(find_all("Putin và Putinka", "putin", false), [(0, 5)]);
        assert_eq!(find_all("Putin", "putin", true), []);
        assert_eq!(find_all("", "x", false), []);
        assert_eq!(find_all("x", "", false), []);
        let many = "ab ".repeat(1000);
        assert_eq!(find_all(&many, "ab", false).len(), 20);
    }

    #[test]
    fn formatting_tags_are_set_apart_and_the_rest_escaped() {
        assert_eq!(
            tagged("a <x1>b</x1> <x <x12> </x> <b> x1> <x1234>").into_string(),
            "a <span class=\"ph\">&lt;x1&gt;</span>b<span class=\"ph\">&lt;/x1&gt;</span> &lt;x \
             <span class=\"ph\">&lt;x12&gt;</span> &lt;/x&gt; &lt;b&gt; x1&gt; &lt;x1234&gt;"
        );
        assert_eq!(tagged("").into_string(), "");
        assert_eq!(tagged("<").into_string(), "&lt;");
        assert_eq!(tagged("<x1").into_string(), "&lt;x1");
        assert_eq!(
            tagged("é<x1>ü").into_string(),
            "é<span class=\"ph\">&lt;x1&gt;</span>ü"
        );
    }

    #[test]
    fn marks_are_escaped_and_placed() {
        let term = GlossaryTerm {
            source_lang: "vi".into(),
            target_lang: "fr".into(),
            term: "Putin".into(),
            translation: "Poutine".into(),
            kind: GlossaryTermKind::Force,
            case_sensitive: false,
        };
        let html = marked("<b>Putin</b> nói", &[(&term, true)], true).into_string();
        assert_eq!(
            html,
            "&lt;b&gt;<mark class=\"term\" title=\"Putin → Poutine\">Putin</mark>&lt;/b&gt; nói"
        );
    }
}
