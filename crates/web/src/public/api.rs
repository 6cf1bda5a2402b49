//! The read-only JSON API under `/api/v1`. Its OpenAPI document is generated
//! from these handlers and types (utoipa), so it cannot drift from the code.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use store::{ArticleStatus, Teaser, TeaserFilter, TranslationStatus};
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::core::app::{App, AppState, Ctx};
use crate::core::{dates, urls};
use crate::public::render::teaser_href;

/// Items per page of `/api/v1/articles`.
const PER_PAGE: i64 = 20;

/// The OpenAPI 3.1 document of `/api/v1`, generated from the handlers below.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Newsbridge public API",
        version = "1.0.0",
        description = "Read-only access to the articles published on the portal, in every language. Errors are JSON objects with a stable `error` tag."
    ),
    paths(articles, article, translations, sections, topic, search, openapi),
    components(schemas(
        ApiError,
        ArticleSummary,
        ArticleList,
        ArticleDetail,
        AuthorOut,
        LanguageVersion,
        TranslationsOut,
        TranslationOut,
        SectionOut,
        TopicOut,
        SearchOut,
        HitOut
    ))
)]
pub(crate) struct ApiDoc;

/// An API error, serialized with a stable `error` tag clients can translate.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Error)]
pub(crate) struct ApiError {
    /// Stable tag: `bad_request`, `not_found`, `gone`, `unavailable` or `internal`.
    #[schema(value_type = String)]
    error: &'static str,
    /// What went wrong and what to do, in English.
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
            crate::WebError::Gone(_) => ApiError::gone(),
            crate::WebError::Store(e) => e.into(),
            crate::WebError::Render(m) => {
                tracing::error!(error = %m, "API request failed");
                ApiError {
                    error: "internal",
                    message: "the server could not answer; try again".into(),
                    status: StatusCode::INTERNAL_SERVER_ERROR,
                }
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self)).into_response()
    }
}

/// One article in a list.
#[derive(Debug, Serialize, ToSchema)]
struct ArticleSummary {
    id: i64,
    lang: String,
    title: String,
    lead: Option<String>,
    /// The article's page on this portal.
    #[schema(format = "uri")]
    url: String,
    /// The lead picture's 1,200-px card on this portal (or its bucket);
    /// none until the picture is mirrored.
    #[schema(format = "uri")]
    image_url: Option<String>,
    image_alt: Option<String>,
    /// Section key (see `/api/v1/sections`).
    section: Option<String>,
    /// Story (see `/api/v1/topics/{id}`).
    topic_id: Option<i64>,
    #[schema(format = DateTime)]
    published_at: Option<String>,
    #[schema(format = DateTime)]
    updated_at: Option<String>,
}

/// A page of articles.
#[derive(Debug, Serialize, ToSchema)]
struct ArticleList {
    lang: String,
    page: i64,
    per_page: i64,
    total: i64,
    articles: Vec<ArticleSummary>,
}

/// One language version in full.
#[derive(Debug, Serialize, ToSchema)]
struct ArticleDetail {
    id: i64,
    lang: String,
    title: String,
    #[schema(format = "uri")]
    url: String,
    /// The publisher's page this version credits and links.
    #[schema(format = "uri")]
    original_url: String,
    source_language: String,
    section: Option<String>,
    topic_id: Option<i64>,
    #[schema(format = DateTime)]
    published_at: Option<String>,
    /// Translation engine; null for the original language.
    engine: Option<String>,
    /// An editor reviewed this version.
    reviewed: bool,
    authors: Vec<AuthorOut>,
    /// Every language this article is published in.
    languages: Vec<LanguageVersion>,
    /// The article in Newsbridge's document model: title, lead, blocks
    /// (paragraph, heading, quote, list, table, figure, embed), image,
    /// authors, publisher, dates.
    #[schema(value_type = Object)]
    content: article::Article,
}

/// An author credited on an article.
#[derive(Debug, Serialize, ToSchema)]
struct AuthorOut {
    id: i64,
    name: String,
    /// The author page is `/{lang}/author/{slug}`.
    slug: String,
    /// Role on this article, as printed (e.g. "Phóng viên").
    role: Option<String>,
}

/// One language version of an article.
#[derive(Debug, Serialize, ToSchema)]
struct LanguageVersion {
    lang: String,
    #[schema(format = "uri")]
    url: String,
}

/// Where an article stands in every language of the portal.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Translations)]
struct TranslationsOut {
    article_id: i64,
    source_language: String,
    #[schema(format = "uri")]
    original_url: String,
    /// One entry per portal language, in the portal's order.
    translations: Vec<TranslationOut>,
}

/// One language of an article.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Translation)]
struct TranslationOut {
    lang: String,
    #[schema(value_type = String)]
    /// `original` (the source language), `published`, `pending` (not
    /// translated or waiting for review yet) or `unpublished` (withdrawn by an
    /// editor).
    status: &'static str,
    /// Translation engine (name and model); null for the original.
    engine: Option<String>,
    /// An editor reviewed this version.
    reviewed: bool,
    #[schema(format = DateTime)]
    published_at: Option<String>,
    /// Its page, when published.
    #[schema(format = "uri")]
    url: Option<String>,
}

/// A section with its localized names.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Section)]
struct SectionOut {
    id: i64,
    /// Stable key, used by the `section` parameters.
    slug: String,
    /// Name per language.
    names: std::collections::BTreeMap<String, String>,
}

/// A story (topic): its title in one language and a page of its articles.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Topic)]
struct TopicOut {
    /// The story's id (a story merged into another answers as that one).
    id: i64,
    lang: String,
    /// The headline of its lead article, the most central one.
    title: String,
    lead_article_id: Option<i64>,
    #[schema(format = "uri")]
    url: String,
    page: i64,
    per_page: i64,
    total: i64,
    /// Its articles, newest first.
    articles: Vec<ArticleSummary>,
}

/// The `lang` query parameter alone.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documents the query; the handlers read it with clear errors
struct LangParam {
    /// Portal language (BCP 47); defaults to the portal's first language.
    #[param(example = "fr")]
    lang: Option<String>,
}

/// Query parameters of a list.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documents the query; the handlers read it with clear errors
struct ListParams {
    /// Portal language (BCP 47); defaults to the portal's first language.
    #[param(example = "fr")]
    lang: Option<String>,
    /// Section key (see /api/v1/sections).
    section: Option<String>,
    /// Page number, from 1; 20 articles per page.
    #[param(minimum = 1)]
    page: Option<i64>,
}

/// Query parameters of a search.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documents the query; the handlers read it with clear errors
struct SearchParams {
    /// Portal language (BCP 47); defaults to the portal's first language.
    #[param(example = "fr")]
    lang: Option<String>,
    /// Words to find: at most 500 characters, 64 words, and 8 opening
    /// parentheses and `NOT` operators in all.
    q: String,
    /// Section key.
    section: Option<String>,
    /// Page number, from 1.
    #[param(minimum = 1)]
    page: Option<i64>,
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

fn page_param(query: &HashMap<String, String>) -> Result<i64, ApiError> {
    match query.get("page") {
        None => Ok(1),
        Some(p) => p
            .parse::<i64>()
            .ok()
            .filter(|p| *p >= 1)
            .ok_or_else(|| ApiError::bad_request("page must be a positive integer")),
    }
}

fn id_param(id: &str, what: &str) -> Result<i64, ApiError> {
    id.parse()
        .map_err(|_| ApiError::bad_request(format!("the {what} id must be an integer")))
}

/// Article `id` if readers may see it: 410 when taken down, 404 when it
/// does not exist or is not published (a duplicate, or still in the pipeline).
async fn shown_article(app: &App, id: i64) -> Result<store::ArticleRecord, ApiError> {
    let record = app
        .portal
        .store
        .article(id)
        .await
        .map_err(crate::WebError::from_store)?;
    match record.status {
        ArticleStatus::TakenDown => Err(ApiError::gone()),
        ArticleStatus::Classified => Ok(record),
        _ => Err(ApiError::not_found(format!("article {id}"))),
    }
}

fn summary(app: &App, ctx: &Ctx<'_>, t: &Teaser) -> ArticleSummary {
    ArticleSummary {
        id: t.article_id,
        lang: t.lang.clone(),
        title: t.title.clone(),
        lead: t.lead.clone(),
        url: app.abs(&teaser_href(ctx, t)),
        image_url: t
            .image
            .as_ref()
            .and_then(|i| crate::public::media::social_url(ctx, i)),
        image_alt: t.image_alt.clone(),
        section: ctx.section(t.section_id).map(|s| s.slug.clone()),
        topic_id: t.topic_id,
        published_at: iso(t.published_at),
        updated_at: iso(Some(t.updated_at)),
    }
}

/// `GET /api/v1/articles?lang=&section=&page=`.
#[utoipa::path(
    get,
    path = "/api/v1/articles",
    operation_id = "listArticles",
    summary = "Published articles in one language, newest first",
    params(ListParams),
    responses(
        (status = 200, description = "A page of articles", body = ArticleList),
        (status = 400, description = "A parameter is not valid", body = ApiError),
    )
)]
pub(crate) async fn articles(
    State(app): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let lang = lang_param(&app, &query)?;
    let ctx = Ctx::new(&app, &lang).await?;
    let page = page_param(&query)?;
    let section_id = match query.get("section") {
        None => None,
        Some(slug) => Some(
            ctx.section_by_slug(slug)
                .ok_or_else(|| ApiError::bad_request(format!("unknown section {slug:?}")))?
                .id,
        ),
    };
    let listing = section_id.map_or(store::Listing::Language, store::Listing::Section);
    let filter = listing.filter();
    let store = &app.portal.store;
    // A list's size is kept as versions are published and taken down.
    let total = store.list_size(&lang, listing).await?;
    let teasers = store
        .teasers(&lang, filter, PER_PAGE, (page - 1).saturating_mul(PER_PAGE))
        .await?;
    let articles = teasers.iter().map(|t| summary(&app, &ctx, t)).collect();
    Ok(json(&ArticleList {
        lang,
        page,
        per_page: PER_PAGE,
        total,
        articles,
    }))
}

/// `GET /api/v1/articles/{id}?lang=`.
#[utoipa::path(
    get,
    path = "/api/v1/articles/{id}",
    operation_id = "getArticle",
    summary = "One article in one language, with its body and its other language versions",
    params(("id" = i64, Path, description = "Article id"), LangParam),
    responses(
        (status = 200, description = "The article in that language", body = ArticleDetail),
        (status = 400, description = "A parameter is not valid", body = ApiError),
        (status = 404, description = "No such article, or not published in that language", body = ApiError),
        (status = 410, description = "Removed at its publisher's request", body = ApiError),
    )
)]
pub(crate) async fn article(
    State(app): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let lang = lang_param(&app, &query)?;
    let id = id_param(&id, "article")?;
    let ctx = Ctx::new(&app, &lang).await?;
    let store = &app.portal.store;
    let record = shown_article(&app, id).await?;
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
    let authors = store
        .article_authors(id)
        .await?
        .into_iter()
        .map(|a| AuthorOut {
            id: a.id,
            name: a.name,
            slug: a.slug,
            role: a.role,
        })
        .collect();
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

/// `GET /api/v1/articles/{id}/translations`.
#[utoipa::path(
    get,
    path = "/api/v1/articles/{id}/translations",
    operation_id = "listTranslations",
    summary = "Where one article stands in every language of the portal",
    params(("id" = i64, Path, description = "Article id")),
    responses(
        (status = 200, description = "One entry per portal language", body = TranslationsOut),
        (status = 400, description = "A parameter is not valid", body = ApiError),
        (status = 404, description = "No such article", body = ApiError),
        (status = 410, description = "Removed at its publisher's request", body = ApiError),
    )
)]
pub(crate) async fn translations(
    State(app): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = id_param(&id, "article")?;
    let store = &app.portal.store;
    let record = shown_article(&app, id).await?;
    let ctx = Ctx::new(&app, app.default_lang()).await?;
    let versions = store.translations_of(id).await?;
    let translations = app
        .portal
        .config
        .languages
        .iter()
        .map(|lang| {
            let version = versions.iter().find(|v| &v.lang == lang);
            let published = version.filter(|v| v.status == TranslationStatus::Published);
            let status = match version.map(|v| v.status) {
                Some(TranslationStatus::Published) if *lang == record.language => "original",
                Some(TranslationStatus::Published) => "published",
                Some(TranslationStatus::Unpublished | TranslationStatus::TakenDown) => {
                    "unpublished"
                }
                _ => "pending",
            };
            TranslationOut {
                lang: lang.clone(),
                status,
                engine: published.and_then(|v| v.engine.clone()),
                reviewed: published.is_some_and(|v| v.reviewed_by.is_some()),
                published_at: iso(published.and_then(|v| v.published_at)),
                url: published.map(|v| {
                    app.abs(&urls::article(
                        lang,
                        ctx.section_slug_in(record.section_id, lang),
                        id,
                        &v.slug,
                    ))
                }),
            }
        })
        .collect();
    Ok(json(&TranslationsOut {
        article_id: id,
        source_language: record.language.clone(),
        original_url: record.original.identity_url().to_string(),
        translations,
    }))
}

/// `GET /api/v1/sections`.
#[utoipa::path(
    get,
    path = "/api/v1/sections",
    operation_id = "listSections",
    summary = "Every section, in menu order, with its localized names",
    responses((status = 200, description = "The sections", body = [SectionOut]))
)]
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

/// `GET /api/v1/topics/{id}?lang=&page=`.
#[utoipa::path(
    get,
    path = "/api/v1/topics/{id}",
    operation_id = "getTopic",
    summary = "One story: its title in one language and its articles, newest first",
    params(
        ("id" = i64, Path, description = "Story id (`topic_id` of an article)"),
        ("page" = Option<i64>, Query, description = "Page number, from 1; 20 articles per page.", minimum = 1),
        LangParam
    ),
    responses(
        (status = 200, description = "The story", body = TopicOut),
        (status = 400, description = "A parameter is not valid", body = ApiError),
        (status = 404, description = "No such story in that language", body = ApiError),
    )
)]
pub(crate) async fn topic(
    State(app): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let lang = lang_param(&app, &query)?;
    let id = id_param(&id, "story")?;
    let page = page_param(&query)?;
    let store = &app.portal.store;
    if store.topic_label(id).await?.is_none() {
        return Err(ApiError::not_found(format!("story {id}")));
    }
    let id = store.live_topic(id).await?;
    let ctx = Ctx::new(&app, &lang).await?;
    let filter = TeaserFilter {
        topic_id: Some(id),
        ..TeaserFilter::default()
    };
    let total = store.count_teasers(&lang, filter).await?;
    if total == 0 {
        return Err(ApiError::not_found(format!(
            "story {id} has no article published in {lang}"
        )));
    }
    let teasers = store
        .teasers(&lang, filter, PER_PAGE, (page - 1).saturating_mul(PER_PAGE))
        .await?;
    let lead = store.topic_lead(id).await?;
    let title = crate::public::pages::topic::headline(&app, &lang, lead, filter).await?;
    Ok(json(&TopicOut {
        id,
        url: app.abs(&urls::topic(&lang, id)),
        lang: lang.clone(),
        title,
        lead_article_id: lead,
        page,
        per_page: PER_PAGE,
        total,
        articles: teasers.iter().map(|t| summary(&app, &ctx, t)).collect(),
    }))
}

/// `GET /api/v1/openapi.json`.
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    operation_id = "openapi",
    summary = "This document",
    responses((status = 200, description = "The OpenAPI 3.1 document of this API"))
)]
pub(crate) async fn openapi(State(app): State<AppState>) -> Response {
    let mut api = ApiDoc::openapi();
    api.servers = Some(vec![utoipa::openapi::Server::new(&app.base)]);
    let doc = match api.to_json() {
        Ok(doc) => doc,
        Err(e) => {
            tracing::error!(error = %e, "cannot write the OpenAPI document");
            return ApiError {
                error: "internal",
                message: "the server could not answer; try again".into(),
                status: StatusCode::INTERNAL_SERVER_ERROR,
            }
            .into_response();
        }
    };
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

/// A page of search results.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = SearchResults)]
struct SearchOut {
    lang: String,
    query: String,
    page: i64,
    /// Articles found in all; an estimate when `estimated` is true (a very
    /// broad query, ranked among its newest matches).
    total: usize,
    estimated: bool,
    hits: Vec<HitOut>,
}

/// One article found.
#[derive(Debug, Serialize, ToSchema)]
struct HitOut {
    id: i64,
    title: String,
    #[schema(format = "uri")]
    url: String,
    /// An excerpt with the words found in `<mark>`; HTML-escaped otherwise.
    snippet_html: String,
    #[schema(format = DateTime)]
    published_at: Option<String>,
}

/// `GET /api/v1/search?lang=&q=&section=&page=`.
#[utoipa::path(
    get,
    path = "/api/v1/search",
    operation_id = "search",
    summary = "Full-text search in one language",
    params(SearchParams),
    responses(
        (status = 200, description = "A page of results, best first", body = SearchOut),
        (status = 400, description = "A parameter is not valid, or the query goes over a limit (500 characters, 64 words, 8 parentheses and NOT operators in all)", body = ApiError),
        (status = 503, description = "The search index is not available", body = ApiError),
    )
)]
pub(crate) async fn search(
    State(app): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    use crate::public::pages::search::{resolve, run, Asked, PER_PAGE};
    let lang = lang_param(&app, &query)?;
    let ctx = Ctx::new(&app, &lang).await?;
    let asked = Asked::parse(&ctx, &query);
    if asked.text.is_empty() {
        return Err(ApiError::bad_request("q is required"));
    }
    search::check_query(&asked.text).map_err(|e| ApiError::bad_request(e.to_string()))?;
    let results = run(&app, asked.query(&lang, PER_PAGE))
        .await?
        .ok_or(ApiError {
            error: "unavailable",
            message: "search is not available at the moment".into(),
            status: StatusCode::SERVICE_UNAVAILABLE,
        })?;
    let total = results.total;
    let estimated = results.estimated;
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
        estimated,
        hits,
    }))
}
