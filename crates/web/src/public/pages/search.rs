//! `/{lang}/search?q=&section=&from=&to=&page=`: full-text search.
//!
//! Works without JavaScript: a plain GET form, results with highlighted
//! snippets, filters by section and date, pagination, and the language
//! switcher (the same search in every language). A query over the search
//! crate's limits ([`search::check_query`]) is answered 400 with a localized
//! message, before the index is asked.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use maud::{html, Markup, PreEscaped};
use search::{QueryLimit, QueryTooComplex, SearchHit, SearchQuery, SearchResults};
use store::TranslationStatus;

use crate::core::app::{App, AppState, Ctx};
use crate::core::paging::page_number;
use crate::core::urls;
use crate::public::layout::{every_language, page, Head};
use crate::public::pages::section::pagination;
use crate::public::pages::{html, respond};
use crate::public::render::{plain, short_date};
use crate::WebError;

/// Results per page.
pub(crate) const PER_PAGE: usize = 10;

/// What the reader asked for, as parsed from the query string.
#[derive(Debug, Default, Clone)]
pub(crate) struct Asked {
    pub text: String,
    pub section: Option<(i64, String)>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub page: i64,
}

impl Asked {
    pub(crate) fn parse(ctx: &Ctx<'_>, query: &HashMap<String, String>) -> Asked {
        let date = |key: &str| {
            query
                .get(key)
                .and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok())
        };
        Asked {
            text: query
                .get("q")
                .map(|q| q.trim().to_string())
                .unwrap_or_default(),
            section: query
                .get("section")
                .and_then(|slug| ctx.section_by_slug(slug))
                .map(|s| (s.id, s.slug.clone())),
            from: date("from"),
            to: date("to"),
            page: page_number(query.get("page").map(String::as_str)),
        }
    }

    pub(crate) fn query(&self, lang: &str, limit: usize) -> SearchQuery {
        let ms = |d: NaiveDate| {
            d.and_hms_opt(0, 0, 0)
                .map(|t| t.and_utc().timestamp_millis())
        };
        SearchQuery {
            lang: lang.to_string(),
            text: self.text.clone(),
            section_id: self.section.as_ref().map(|(id, _)| *id),
            from_ms: self.from.and_then(ms),
            to_ms: self.to.and_then(|d| d.succ_opt()).and_then(ms),
            offset: usize::try_from(self.page - 1)
                .unwrap_or(0)
                .saturating_mul(limit),
            limit,
        }
    }

    /// The search URL for a page of the same query, in `lang` (the section
    /// by its slug in that language).
    fn href(&self, ctx: &Ctx<'_>, lang: &str, page: i64) -> String {
        let mut href = format!("{}?q={}", urls::search(lang), urls::query_value(&self.text));
        if let Some((id, slug)) = &self.section {
            let slug = ctx
                .section(Some(*id))
                .map_or(slug.as_str(), |s| s.slug_in(lang));
            href.push_str(&format!("&section={}", urls::query_value(slug)));
        }
        if let Some(d) = self.from {
            href.push_str(&format!("&from={d}"));
        }
        if let Some(d) = self.to {
            href.push_str(&format!("&to={d}"));
        }
        if page > 1 {
            href.push_str(&format!("&page={page}"));
        }
        href
    }
}

/// Runs a search on the blocking pool (tantivy is synchronous).
pub(crate) async fn run(app: &App, query: SearchQuery) -> Result<Option<SearchResults>, WebError> {
    let Some(index) = app.portal.search.clone() else {
        return Ok(None);
    };
    let outcome = tokio::task::spawn_blocking(move || index.search(&query))
        .await
        .map_err(|e| WebError::Render(format!("search task failed: {e}")))?;
    match outcome {
        Ok(results) => Ok(Some(results)),
        Err(e) => {
            tracing::error!(error = %e, "search failed");
            Ok(None)
        }
    }
}

/// A hit with the canonical path of its article page, when still published.
pub(crate) async fn resolve(
    ctx: &Ctx<'_>,
    hits: Vec<SearchHit>,
) -> Result<Vec<(SearchHit, String)>, WebError> {
    let mut out = Vec::with_capacity(hits.len());
    for hit in hits {
        let Some(t) = ctx
            .app
            .portal
            .store
            .translation(hit.article_id, &hit.lang)
            .await?
        else {
            continue;
        };
        if t.status != TranslationStatus::Published {
            continue;
        }
        let path = urls::article(
            &hit.lang,
            ctx.section_slug_in(hit.section_id, &hit.lang),
            hit.article_id,
            &t.slug,
        );
        out.push((hit, path));
    }
    Ok(out)
}

/// `GET /{lang}/search`.
pub(crate) async fn search(
    State(app): State<AppState>,
    Path(lang): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let result = render(&app, &lang, &query).await;
    respond(&app, &lang, result).await
}

async fn render(
    app: &App,
    lang: &str,
    query: &HashMap<String, String>,
) -> Result<Response, WebError> {
    if !app.serves(lang) {
        return Err(WebError::NotFound);
    }
    let ctx = Ctx::new(app, lang).await?;
    let mut asked = Asked::parse(&ctx, query);
    let refused = search::check_query(&asked.text).err();
    if refused.is_some() {
        // Not echoed back in full: the form gets what the limits allow.
        asked.text = asked.text.chars().take(search::MAX_QUERY_CHARS).collect();
    }
    let results = if asked.text.is_empty() || refused.is_some() {
        None
    } else {
        Some(run(app, asked.query(lang, PER_PAGE)).await?)
    };
    let title = if asked.text.is_empty() || refused.is_some() {
        ctx.t("search-title")
    } else {
        format!("{} – {}", asked.text, ctx.t("search-title"))
    };
    let alternates = if asked.text.is_empty() || refused.is_some() {
        every_language(&ctx, urls::search)
    } else {
        every_language(&ctx, |l| asked.href(&ctx, l, 1))
    };
    let head = Head {
        title,
        canonical: Some(urls::search(lang)),
        noindex: true,
        alternates,
        ..Head::default()
    };
    let body = match (refused, results) {
        (Some(refused), _) => html! { p.error role="alert" { (refusal(&ctx, &refused)) } },
        (None, None) => html! { p.empty { (ctx.t("search-prompt")) } },
        (None, Some(None)) => html! { p.empty role="status" { (ctx.t("search-unavailable")) } },
        (None, Some(Some(results))) => {
            let total = i64::try_from(results.total).unwrap_or(i64::MAX);
            // Pages past what the index lets a query reach are not offered.
            let reachable = i64::try_from(search::MAX_OFFSET / PER_PAGE + 1).unwrap_or(i64::MAX);
            let pages = crate::core::paging::page_count(total, PER_PAGE as i64).min(reachable);
            // A page past the last is no page, as on every other list.
            if asked.page > pages.max(1) {
                return Err(WebError::NotFound);
            }
            let hits = resolve(&ctx, results.hits).await?;
            html! {
                p.count role="status" {
                    (ctx.tw(if results.estimated { "search-results-about" } else { "search-results" }, &[
                        ("count", total.into()),
                        ("shown", ctx.number(total).into()),
                        ("query", asked.text.as_str().into()),
                    ]))
                }
                ol.hits {
                    @for (hit, path) in &hits {
                        li {
                            h2 { a href=(path) { (plain(&ctx, &hit.title)) } }
                            p.snippet { (PreEscaped(&hit.snippet_html)) }
                            p.meta {
                                @if let Some(s) = ctx.section(hit.section_id) { (ctx.section_name(s)) " · " }
                                (short_date(&ctx, hit.published_at))
                            }
                        }
                    }
                }
                (pagination(&ctx, asked.page, pages, |p| asked.href(&ctx, lang, p)))
            }
        }
    };
    let main = html! {
        section.search-page {
            h1 { (ctx.t("search-title")) }
            (form(&ctx, &asked))
            (body)
        }
    };
    let status = if refused.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    Ok(html(status, page(&ctx, head, main)))
}

/// What the reader is told when the query goes over a limit, in their language.
fn refusal(ctx: &Ctx<'_>, refused: &QueryTooComplex) -> String {
    let key = match refused.what {
        QueryLimit::Length => "search-too-long",
        QueryLimit::Words => "search-too-many-words",
        QueryLimit::Nesting => "search-too-nested",
    };
    let limit = i64::try_from(refused.limit).unwrap_or(i64::MAX);
    ctx.tw(key, &[("limit", limit.into())])
}

fn form(ctx: &Ctx<'_>, asked: &Asked) -> Markup {
    let selected = asked.section.as_ref().map(|(id, _)| *id);
    html! {
        form role="search" action=(urls::search(ctx.lang)) method="get" {
            label {
                (ctx.t("search-query"))
                input type="search" name="q" value=(asked.text) required maxlength=(search::MAX_QUERY_CHARS);
            }
            label {
                (ctx.t("search-section"))
                select name="section" {
                    option value="" { (ctx.t("search-all-sections")) }
                    @for s in ctx.sections.iter() {
                        option value=(s.slug) selected[selected == Some(s.id)] { (ctx.section_name(s)) }
                    }
                }
            }
            label {
                (ctx.t("search-from"))
                input type="date" name="from" value=[asked.from.map(|d| d.to_string())];
            }
            label {
                (ctx.t("search-to"))
                input type="date" name="to" value=[asked.to.map(|d| d.to_string())];
            }
            button type="submit" { (ctx.t("search-button")) }
        }
    }
}
