//! The read-only JSON API under `/api/v1`, described by `assets/openapi.json`.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use store::{ArticleStatus, TeaserFilter, TranslationStatus};

use crate::app::{App, AppState, Ctx};
use crate::render::teaser_href;
use crate::{dates, urls};

/// Items per page of `/api/v1/articles`.
const PER_PAGE: i64 = 20;

const OPENAPI: &str = include_str!("../assets/openapi.json");

/// An API error, serialized with a stable `error` tag clients can translate.
#[derive(Debug, Serialize)]
pub(crate) struct ApiError {
    error: &'static str,
    message: String,
    #[serde(skip)]
    status: StatusCode,
}

impl ApiError {
    fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError {
            error: "bad_request",
            message: message.into(),
            status: StatusCode::BAD_REQUEST,
        }
    }
    fn not_found(message: impl Into<String>) -> ApiError {
        ApiError {
            error: "not_found",
            message: message.into(),
            status: StatusCode::NOT_FOUND,
        }
    }
    fn gone() -> ApiError {
        ApiError {
            error: "gone",
            message: "this article was removed at its publisher's request".into(),
            status: StatusCode::GONE,
        }
    }
}

impl From<store::StoreError> for ApiError {
    fn from(err: store::StoreError) -> Self {
        tracing::error!(error = %err, "API request failed");
        ApiError {
            error: "internal",
            message: "the server could not answer; try again".into(),
            status: StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<crate::WebError> for ApiError {
    fn from(err: crate::WebError) -> Self {
        match err {
            crate::WebError::NotFound => ApiError::not_found("not found"),
            crate::WebError::Gone => ApiError::gone(),
            crate::WebError::Store(e) => e.into(),
            crate::WebError::Render(m) => ApiError {
                error: "internal",
                message: m,
                status: StatusCode::INTERNAL_SERVER_ERROR,
            },
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self)).into_response()
    }
}

/// One article in a list.
#[derive(Debug, Serialize)]
struct ArticleSummary {
    id: i64,
    lang: String,
    title: String,
    lead: Option<String>,
    url: String,
    image_url: Option<String>,
    image_alt: Option<String>,
    section: Option<String>,
    topic_id: Option<i64>,
    published_at: Option<String>,
    updated_at: Option<String>,
}

/// A page of articles.
#[derive(Debug, Serialize)]
struct ArticleList {
    lang: String,
    page: i64,
    per_page: i64,
    total: i64,
    articles: Vec<ArticleSummary>,
}

/// One language version in full.
#[derive(Debug, Serialize)]
struct ArticleDetail {
    id: i64,
    lang: String,
    title: String,
    url: String,
    original_url: String,
    source_language: String,
    section: Option<String>,
    topic_id: Option<i64>,
    published_at: Option<String>,
    engine: Option<String>,
    reviewed: bool,
    authors: Vec<store::StoredAuthor>,
    languages: Vec<LanguageVersion>,
    content: article::Article,
}

#[derive(Debug, Serialize)]
struct LanguageVersion {
    lang: String,
    url: String,
}

#[derive(Debug, Serialize)]
struct SectionOut {
    id: i64,
    slug: String,
    names: std::collections::BTreeMap<String, String>,
}

fn iso(ms: Option<i64>) -> Option<String> {
    ms.and_then(dates::utc).map(|t| t.to_rfc3339())
}

fn lang_param(app: &App, query: &HashMap<String, String>) -> Result<String, ApiError> {
    let lang = query
        .get("lang")
        .map(String::as_str)
        .unwrap_or(app.default_lang());
    if !app.serves(lang) {
        return Err(ApiError::bad_request(format!(
            "unknown lang {lang:?}; use one of {}",
            app.portal.config.languages.join(", ")
        )));
    }
    Ok(lang.to_string())
}

fn json<T: Serialize>(value: &T) -> Response {
    let mut r = Json(value).into_response();
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("public, max-age=60"),
    );
    r
}

/// `GET /api/v1/articles?lang=&section=&page=`.
pub(crate) async fn articles(
    State(app): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let lang = lang_param(&app, &query)?;
    let ctx = Ctx::new(&app, &lang).await?;
    let page = match query.get("page") {
        None => 1,
        Some(p) => p
            .parse::<i64>()
            .ok()
            .filter(|p| *p >= 1)
            .ok_or_else(|| ApiError::bad_request("page must be a positive integer"))?,
    };
    let section_id = match query.get("section") {
        None => None,
        Some(slug) => Some(
            ctx.section_by_slug(slug)
                .ok_or_else(|| ApiError::bad_request(format!("unknown section {slug:?}")))?
                .id,
        ),
    };
    let filter = TeaserFilter {
        section_id,
        ..TeaserFilter::default()
    };
    let store = &app.portal.store;
    let total = store.count_teasers(&lang, filter).await?;
    let teasers = store
        .teasers(&lang, filter, PER_PAGE, (page - 1).saturating_mul(PER_PAGE))
        .await?;
    let articles = teasers
        .iter()
        .map(|t| ArticleSummary {
            id: t.article_id,
            lang: t.lang.clone(),
            title: t.title.clone(),
            lead: t.lead.clone(),
            url: app.abs(&teaser_href(&ctx, t)),
            image_url: t.image_url.clone(),
            image_alt: t.image_alt.clone(),
            section: ctx.section(t.section_id).map(|s| s.slug.clone()),
            topic_id: t.topic_id,
            published_at: iso(t.published_at),
            updated_at: iso(Some(t.updated_at)),
        })
        .collect();
    Ok(json(&ArticleList {
        lang,
        page,
        per_page: PER_PAGE,
        total,
        articles,
    }))
}

/// `GET /api/v1/articles/{id}?lang=`.
pub(crate) async fn article(
    State(app): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let lang = lang_param(&app, &query)?;
    let id: i64 = id
        .parse()
        .map_err(|_| ApiError::bad_request("the article id must be an integer"))?;
    let ctx = Ctx::new(&app, &lang).await?;
    let store = &app.portal.store;
    let record = store
        .article(id)
        .await
        .map_err(crate::WebError::from_store)?;
    match record.status {
        ArticleStatus::TakenDown => return Err(ApiError::gone()),
        ArticleStatus::Classified => {}
        _ => return Err(ApiError::not_found(format!("article {id}"))),
    }
    let versions = store.translations_of(id).await?;
    let languages: Vec<LanguageVersion> = app
        .portal
        .config
        .languages
        .iter()
        .filter_map(|l| {
            versions
                .iter()
                .find(|v| &v.lang == l && v.status == TranslationStatus::Published)
                .map(|v| LanguageVersion {
                    lang: l.clone(),
                    url: app.abs(&urls::article(
                        l,
                        ctx.section_slug_in(record.section_id, l),
                        id,
                        &v.slug,
                    )),
                })
        })
        .collect();
    let version = versions
        .into_iter()
        .find(|v| v.lang == lang && v.status == TranslationStatus::Published)
        .ok_or_else(|| ApiError::not_found(format!("article {id} is not published in {lang}")))?;
    let authors = store.article_authors(id).await?;
    Ok(json(&ArticleDetail {
        id,
        url: app.abs(&urls::article(
            &lang,
            ctx.section_slug_in(record.section_id, &lang),
            id,
            &version.slug,
        )),
        lang: lang.clone(),
        title: version.content.title.clone(),
        original_url: record.original.identity_url().to_string(),
        source_language: record.language.clone(),
        section: ctx.section(record.section_id).map(|s| s.slug.clone()),
        topic_id: record.topic_id,
        published_at: iso(record.published_at),
        engine: version.engine.clone(),
        reviewed: version.reviewed_by.is_some(),
        authors,
        languages,
        content: version.content,
    }))
}

/// `GET /api/v1/sections`.
pub(crate) async fn sections(State(app): State<AppState>) -> Result<Response, ApiError> {
    let sections = app.sections().await?;
    let out: Vec<SectionOut> = sections
        .iter()
        .map(|s| SectionOut {
            id: s.id,
            slug: s.slug.clone(),
            names: s.names.clone(),
        })
        .collect();
    Ok(json(&out))
}

/// `GET /api/v1/openapi.json`.
pub(crate) async fn openapi(State(app): State<AppState>) -> Response {
    let doc = OPENAPI.replace("{{BASE_URL}}", &app.base);
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        doc,
    )
        .into_response()
}

/// Unknown API paths answer JSON, not an HTML page.
pub(crate) async fn not_found() -> ApiError {
    ApiError::not_found("no such API endpoint; see /api/v1/openapi.json")
}

#[derive(Debug, Serialize)]
struct SearchOut {
    lang: String,
    query: String,
    page: i64,
    total: usize,
    hits: Vec<HitOut>,
}

#[derive(Debug, Serialize)]
struct HitOut {
    id: i64,
    title: String,
    url: String,
    snippet_html: String,
    published_at: Option<String>,
}

/// `GET /api/v1/search?lang=&q=&section=&page=`.
pub(crate) async fn search(
    State(app): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    use crate::pages::search::{resolve, run, Asked, PER_PAGE};
    let lang = lang_param(&app, &query)?;
    let ctx = Ctx::new(&app, &lang).await?;
    let asked = Asked::parse(&ctx, &query);
    if asked.text.is_empty() {
        return Err(ApiError::bad_request("q is required"));
    }
    let results = run(&app, asked.query(&lang, PER_PAGE))
        .await?
        .ok_or(ApiError {
            error: "unavailable",
            message: "search is not available at the moment".into(),
            status: StatusCode::SERVICE_UNAVAILABLE,
        })?;
    let total = results.total;
    let hits = resolve(&ctx, results.hits)
        .await?
        .into_iter()
        .map(|(hit, path)| HitOut {
            id: hit.article_id,
            title: hit.title,
            url: app.abs(&path),
            snippet_html: hit.snippet_html,
            published_at: iso(hit.published_at),
        })
        .collect();
    Ok(json(&SearchOut {
        lang,
        query: asked.text,
        page: asked.page,
        total,
        hits,
    }))
}
