//! `/{lang}/{section}/{id}-{slug}`: one language version of an article.
//!
//! Point by point better than the pages that republish translated news
//! today: the publisher once, with logo and link; the original date in
//! the reader's locale; a translation notice; translated captions *and* alt
//! texts; the source linked with its original title marked `lang`; related
//! blocks that never repeat the article or each other; a language switcher
//! listing only the languages the article is published in.

use std::collections::HashSet;

use article::{Block, Publisher};
use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::Response;
use maud::{html, Markup};
use serde_json::json;
use store::{
    ArticleRecord, ArticleStatus, StoredAuthor, Teaser, TeaserFilter, Translation,
    TranslationStatus,
};

use crate::core::app::{App, AppState, Ctx};
use crate::core::urls::safe_href;
use crate::core::{dates, urls};
use crate::public::layout::{page, script_json, Head};
use crate::public::pages::{errors, moved, respond};
use crate::public::render::{block, figure, plain, rich, teaser, TeaserStyle};
use crate::WebError;

/// Items per related block.
const RELATED: usize = 4;

/// `GET /{lang}/{section}/{id}-{slug}`.
pub(crate) async fn article(
    State(app): State<AppState>,
    Path((lang, section, tail)): Path<(String, String, String)>,
    Query(query): Query<HashMap<String, String>>,
    method: Method,
    headers: HeaderMap,
) -> Response {
    let response = article_page(&app, &lang, &section, &tail, &query, &headers).await;
    if method == Method::GET && response.status() == StatusCode::OK {
        if let Some(id) = parse_id(&tail) {
            app.views.record(&app.portal.store, &headers, id, &lang);
        }
    }
    response
}

async fn article_page(
    app: &App,
    lang: &str,
    section: &str,
    tail: &str,
    query: &HashMap<String, String>,
    request: &HeaderMap,
) -> Response {
    let notice = crate::public::comments::notice_key(query.get("comment").map(String::as_str));
    let path = format!("/{lang}/{section}/{tail}");
    // The page a comment form redirects to shows a notice: never cached.
    let cacheable = notice.is_none() && app.pages.enabled();
    if cacheable {
        if let Some(page) = app.pages.get(&path) {
            return page.response(request.get(axum::http::header::ACCEPT_ENCODING));
        }
    }
    let token = fresh_token(app, parse_id(tail).unwrap_or(0), lang);
    let rendered = render(app, lang, section, tail, notice, &token).await;
    if cacheable && !matches!(rendered, Ok(Rendered::Page(_))) {
        // An expired page that no longer renders is not given out again.
        app.pages.forget(&path);
    }
    let encoding = request.get(axum::http::header::ACCEPT_ENCODING);
    let result = rendered.map(|rendered| match rendered {
        Rendered::Page(html) if cacheable => app.pages.keep(&path, html).response(encoding),
        Rendered::Page(html) => crate::public::pages::html(StatusCode::OK, maud::PreEscaped(html)),
        Rendered::Other(response) => response,
    });
    let mut response = respond(app, lang, result).await;
    if notice.is_some() {
        // The page a comment form redirects to: always fresh, never shared.
        response.headers_mut().insert(
            axum::http::header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static("no-store"),
        );
    }
    response
}

/// A comment form token issued now.
fn fresh_token(app: &App, id: i64, lang: &str) -> String {
    crate::public::comments::form_token(&app.portal.secret, id, lang, store::now_ms())
}

/// What rendering produced: the page (with the article id), or something else
/// (a redirect, the "not in this language" page).
enum Rendered {
    Page(String),
    Other(Response),
}

/// The article id at the start of `{id}-{slug}`.
pub(crate) fn parse_id(tail: &str) -> Option<i64> {
    let digits: &str = tail.split('-').next()?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// What the page shows, read from the store.
pub(crate) struct Loaded {
    pub record: ArticleRecord,
    pub version: Translation,
    /// Published languages (portal order) with their article paths.
    pub alternates: Vec<(String, String)>,
    pub authors: Vec<StoredAuthor>,
    pub publisher: Option<Publisher>,
    pub path: String,
}

/// What [`load`] found for an article id in the reader's language.
pub(crate) enum Lookup {
    /// Published in the reader's language: the page can be shown.
    Shown(Box<Loaded>),
    /// Published only in other portal languages: each with its article path
    /// (never empty; an article published nowhere is not found).
    OnlyIn(Vec<(String, String)>),
    /// Taken down at its publisher's request, with the reason when one was recorded.
    TakenDown(Option<String>),
    /// No such article, or none a reader may see (a duplicate, not yet
    /// classified, or published in no language).
    Missing,
}

/// Reads an article's version in the reader's language, or says why it
/// cannot be shown; `Err` only when the database fails.
pub(crate) async fn load(ctx: &Ctx<'_>, id: i64) -> Result<Lookup, WebError> {
    let store = &ctx.app.portal.store;
    let record = match store.article(id).await.map_err(WebError::from_store) {
        Ok(record) => record,
        Err(WebError::NotFound) => return Ok(Lookup::Missing),
        Err(e) => return Err(e),
    };
    match record.status {
        ArticleStatus::TakenDown => return Ok(Lookup::TakenDown(store.takedown_reason(id).await?)),
        ArticleStatus::Classified => {}
        ArticleStatus::Duplicate | ArticleStatus::Extracted => return Ok(Lookup::Missing),
    }
    let versions = store.translations_of(id).await?;
    let alternates: Vec<(String, String)> = ctx
        .app
        .portal
        .config
        .languages
        .iter()
        .filter_map(|l| {
            versions
                .iter()
                .find(|v| &v.lang == l && v.status == TranslationStatus::Published)
                .map(|v| {
                    let section = ctx.section_slug_in(record.section_id, l);
                    (l.clone(), urls::article(l, section, id, &v.slug))
                })
        })
        .collect();
    let Some(mut version) = versions
        .into_iter()
        .find(|v| v.lang == ctx.lang && v.status == TranslationStatus::Published)
    else {
        if alternates.is_empty() {
            return Ok(Lookup::Missing);
        }
        return Ok(Lookup::OnlyIn(alternates));
    };
    // "Reviewed by an editor" only after an editor's review of this revision at the desk.
    version.reviewed_by = store
        .review_of(id, ctx.lang)
        .await?
        .filter(|r| r.source_revision == version.source_revision)
        .map(|r| r.reviewed_by);
    let authors = store.article_authors(id).await?;
    let publisher = publisher_of(ctx.app, &record).await;
    let path = urls::article(
        ctx.lang,
        ctx.section_slug(record.section_id),
        id,
        &version.slug,
    );
    Ok(Lookup::Shown(Box::new(Loaded {
        record,
        version,
        alternates,
        authors,
        publisher,
        path,
    })))
}

/// The publisher as the original states it, else the source's name.
async fn publisher_of(app: &App, record: &ArticleRecord) -> Option<Publisher> {
    if let Some(p) = record
        .original
        .publisher
        .as_ref()
        .filter(|p| !p.name.trim().is_empty())
    {
        return Some(p.clone());
    }
    let source = app.portal.store.source(record.source_id?).await.ok()?;
    let home = source
        .settings
        .get("home")
        .and_then(|v| v.as_str())
        .map(str::to_string)
        .or_else(|| origin(&source.url));
    let logo = source
        .settings
        .get("logo")
        .and_then(|v| v.as_str())
        .map(str::to_string);
    Some(Publisher {
        name: source.name,
        logo,
        url: home,
    })
}

/// `https://host` of a URL.
pub(crate) fn origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| format!("{scheme}://{host}"))
}

async fn render(
    app: &App,
    lang: &str,
    section: &str,
    tail: &str,
    notice: Option<&str>,
    token: &str,
) -> Result<Rendered, WebError> {
    if !app.serves(lang) {
        return Err(WebError::NotFound);
    }
    let id = parse_id(tail).ok_or(WebError::NotFound)?;
    let mut ctx = Ctx::new(app, lang).await?;
    let loaded = match load(&ctx, id).await? {
        Lookup::Shown(loaded) => loaded,
        Lookup::OnlyIn(elsewhere) => {
            return Ok(Rendered::Other(errors::not_in_language(&ctx, &elsewhere)))
        }
        Lookup::TakenDown(reason) => return Err(WebError::Gone(reason)),
        Lookup::Missing => return Err(WebError::NotFound),
    };
    if loaded.path != format!("/{lang}/{section}/{tail}") {
        return Ok(Rendered::Other(moved(&loaded.path)));
    }
    ctx.images = std::sync::Arc::new(crate::public::media::shown(&ctx, id).await);
    let related = related(&ctx, &loaded).await?;
    let comments = app
        .portal
        .store
        .comment_page(
            id,
            lang,
            crate::public::comments::MAX_THREADS,
            crate::public::comments::MAX_REPLIES,
        )
        .await?;
    let comments = crate::public::comments::section(&ctx, &loaded.path, token, &comments, notice);
    let head = head(&ctx, &loaded);
    let main = body(&ctx, &loaded, &related, comments);
    Ok(Rendered::Page(page(&ctx, head, main).into_string()))
}

/// The three related blocks: same story, same section, same author.
pub(crate) struct Related {
    pub topic: Vec<Teaser>,
    pub section: Vec<Teaser>,
    pub author: Option<(StoredAuthor, Vec<Teaser>)>,
    /// "More like this" from the search index, when the section block is short.
    pub similar: Vec<Teaser>,
}

async fn related(ctx: &Ctx<'_>, a: &Loaded) -> Result<Related, WebError> {
    let store = &ctx.app.portal.store;
    let id = a.record.id;
    let mut seen: HashSet<i64> = HashSet::from([id]);
    let mut pick = |items: Vec<Teaser>| -> Vec<Teaser> {
        items
            .into_iter()
            .filter(|t| seen.insert(t.article_id))
            .take(RELATED)
            .collect()
    };
    let base = TeaserFilter {
        exclude_article: Some(id),
        ..TeaserFilter::default()
    };
    let fetch = (RELATED * 4) as i64;
    let topic = match a.record.topic_id {
        Some(topic_id) => pick(
            store
                .teasers(
                    ctx.lang,
                    TeaserFilter {
                        topic_id: Some(topic_id),
                        ..base
                    },
                    fetch,
                    0,
                )
                .await?,
        ),
        None => Vec::new(),
    };
    let section = match a.record.section_id {
        Some(section_id) => pick(
            store
                .teasers(
                    ctx.lang,
                    TeaserFilter {
                        section_id: Some(section_id),
                        ..base
                    },
                    fetch,
                    0,
                )
                .await?,
        ),
        None => Vec::new(),
    };
    let author = match a.authors.first() {
        Some(author) => {
            let items = pick(
                store
                    .teasers(
                        ctx.lang,
                        TeaserFilter {
                            author_id: Some(author.id),
                            ..base
                        },
                        fetch,
                        0,
                    )
                    .await?,
            );
            (!items.is_empty()).then(|| (author.clone(), items))
        }
        None => None,
    };
    // A short "same section" block: more like this from the search index.
    let similar = if section.len() < RELATED {
        let shown: HashSet<i64> = std::iter::once(id)
            .chain(topic.iter().chain(&section).map(|t| t.article_id))
            .chain(
                author
                    .iter()
                    .flat_map(|(_, items)| items.iter().map(|t| t.article_id)),
            )
            .collect();
        match more_like_this(ctx, id, &shown).await {
            Ok(ids) => store
                .teasers_of(ctx.lang, &ids)
                .await?
                .into_iter()
                .filter(|t| !shown.contains(&t.article_id))
                .take(RELATED)
                .collect(),
            Err(e) => {
                tracing::warn!(article = id, error = %e, "no \"more like this\" block");
                Vec::new()
            }
        }
    } else {
        Vec::new()
    };
    Ok(Related {
        topic,
        section,
        author,
        similar,
    })
}

/// Articles like `id` in the reader's language from the search index, not
/// in `seen` (the article itself and the other blocks' items).
async fn more_like_this(ctx: &Ctx<'_>, id: i64, seen: &HashSet<i64>) -> Result<Vec<i64>, String> {
    let Some(index) = ctx.app.portal.search.clone() else {
        return Ok(Vec::new());
    };
    let lang = ctx.lang.to_string();
    let exclude: Vec<i64> = seen.iter().copied().collect();
    tokio::task::spawn_blocking(move || {
        search::StoryAssigner::default()
            .more_like_this(&index, id, &lang, RELATED * 2, &exclude)
            .map(|found| found.into_iter().map(|r| r.id).collect())
            .map_err(|e| e.to_string())
    })
    .await
    .map_err(|e| e.to_string())?
}

/// When the original was published, in the publisher's zone.
fn published(a: &Loaded) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    a.record.original.published.or_else(|| {
        a.record
            .published_at
            .and_then(|ms| dates::from_ms(ms, dates::default_offset()))
    })
}

fn head(ctx: &Ctx<'_>, a: &Loaded) -> Head {
    let content = &a.version.content;
    let description = content.lead.as_ref().map(|l| l.plain_text());
    // Our social card of the mirrored lead picture, never the publisher's file.
    let image = content
        .image
        .as_ref()
        .and_then(|i| ctx.images.get(&i.src))
        .and_then(|i| crate::public::media::social_url(ctx, i));
    let original_url = a.record.original.identity_url().to_string();
    let published = published(a);
    let modified = a.record.original.modified.or(published);
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": content.title,
        "inLanguage": ctx.lang,
        "url": ctx.app.abs(&a.path),
        "mainEntityOfPage": ctx.app.abs(&a.path),
        "isBasedOn": original_url,
        "author": a.authors.iter().map(|au| json!({
            "@type": "Person",
            "name": au.name,
            "url": ctx.app.abs(&urls::author(ctx.lang, &au.slug)),
        })).collect::<Vec<_>>(),
    });
    if let Some(d) = &description {
        ld["description"] = json!(d);
    }
    if let Some(img) = &image {
        ld["image"] = json!([img]);
    }
    if let Some(p) = published {
        ld["datePublished"] = json!(p.to_rfc3339());
    }
    if let Some(m) = modified {
        ld["dateModified"] = json!(m.to_rfc3339());
    }
    if let Some(section) = ctx.section(a.record.section_id) {
        ld["articleSection"] = json!(ctx.section_name(section));
    }
    if let Some(p) = &a.publisher {
        let mut org = json!({ "@type": "NewsMediaOrganization", "name": p.name });
        if let Some(url) = &p.url {
            org["url"] = json!(url);
        }
        if let Some(logo) = &p.logo {
            org["logo"] = json!({ "@type": "ImageObject", "url": logo });
        }
        ld["publisher"] = org;
    }
    if ctx.lang != a.record.language {
        ld["translationOfWork"] = json!({
            "@type": "NewsArticle",
            "url": original_url,
            "inLanguage": a.record.language,
            "headline": a.record.original.title,
        });
    }
    Head {
        title: content.title.clone(),
        description,
        canonical: Some(a.path.clone()),
        alternates: a.alternates.clone(),
        og_type: Some("article"),
        image,
        json_ld: Some(script_json(&ld)),
        current_section: a.record.section_id,
        ..Head::default()
    }
}

fn body(ctx: &Ctx<'_>, a: &Loaded, related: &Related, comments: Markup) -> Markup {
    let content = &a.version.content;
    let lang = ctx.lang;
    let source_lang = a.record.language.as_str();
    let published = published(a);
    // The lead image is printed above the body unless the body opens with it.
    let lead_image = content.image.as_ref().filter(|img| {
        !content
            .blocks
            .iter()
            .any(|b| matches!(b, Block::Figure(f) if f.src == img.src))
    });
    let original_url = a.record.original.identity_url();
    html! {
        article.story {
            header.story-header {
                @if let Some(section) = ctx.section(a.record.section_id) {
                    p.kicker { a href=(urls::section(lang, section.slug_in(lang))) { (ctx.section_name(section)) } }
                }
                h1 { (plain(ctx, &content.title)) }
                @if let Some(lead) = content.lead.as_ref().filter(|l| !l.is_blank()) {
                    p.lead { (rich(ctx, lead)) }
                }
                div.byline {
                    @if let Some(p) = &a.publisher {
                        (publisher_credit(p, source_lang))
                    }
                    @if let Some(at) = published {
                        p.dateline {
                            time datetime=(at.to_rfc3339()) {
                                (ctx.tw("article-published", &[("date", dates::date_time(lang, &at).into())]))
                            }
                        }
                    }
                    @if !a.authors.is_empty() {
                        @let (before, after) = ctx.around("article-by", "names");
                        p.authors {
                            (before)
                            @for (i, au) in a.authors.iter().enumerate() {
                                @if i > 0 { ", " }
                                a href=(urls::author(lang, &au.slug)) rel="author" lang=(source_lang) { (au.name) }
                            }
                            (after)
                        }
                    }
                    (notice(ctx, a))
                }
            }
            @if let Some(img) = lead_image {
                (figure(ctx, img, true))
            }
            div.story-body {
                @for b in &content.blocks { (block(ctx, b)) }
            }
            footer.story-footer {
                @if safe_href(original_url) {
                    p.source {
                        (ctx.t("article-source")) " "
                        a href=(original_url) rel="nofollow noopener" hreflang=(source_lang) lang=(source_lang) {
                            (a.record.original.title)
                        }
                        @if let Some(p) = &a.publisher {
                            " (" span lang=(source_lang) { (p.name) } ")"
                        }
                    }
                }
            }
        }
        (comments)
        @if !related.topic.is_empty() {
            (related_block(ctx, "related-topic", &ctx.t("related-topic"), &related.topic))
            @if let Some(topic) = a.record.topic_id {
                p.more { a href=(urls::topic(ctx.lang, topic)) { (ctx.t("related-topic-all")) } }
            }
        }
        @if !related.section.is_empty() {
            @let name = ctx.section(a.record.section_id).map(|s| ctx.section_name(s).to_string()).unwrap_or_default();
            (related_block(ctx, "related-section", &ctx.tw("related-section", &[("section", name.into())]), &related.section))
        }
        @if let Some((author, items)) = &related.author {
            (related_block(ctx, "related-author", &ctx.tw("related-author", &[("author", author.name.as_str().into())]), items))
        }
        @if !related.similar.is_empty() {
            (related_block(ctx, "related-similar", &ctx.t("related-similar"), &related.similar))
        }
    }
}

/// The publisher, printed once: name and link to its home page.
fn publisher_credit(p: &Publisher, lang: &str) -> Markup {
    let url = p.url.as_deref().filter(|u| safe_href(u));
    let inner = html! {
        // The publisher's logo is not mirrored, and a page never links a
        // publisher's picture: the name stands alone.
        span.publisher-name lang=(lang) { (p.name) }
    };
    html! {
        p.publisher {
            @if let Some(url) = url {
                a href=(url) rel="nofollow noopener" { (inner) }
            } @else {
                (inner)
            }
        }
    }
}

/// "Translated from Vietnamese by …" or "Reviewed by an editor"; nothing on the original.
fn notice(ctx: &Ctx<'_>, a: &Loaded) -> Markup {
    if ctx.lang == a.record.language {
        return html! {};
    }
    let reviewed = a.version.reviewed_by.is_some();
    html! {
        p.notice {
            @if let Some(engine) = &a.version.engine {
                (ctx.tw("article-translated", &[
                    ("source", a.record.language.as_str().into()),
                    ("engine", engine.as_str().into()),
                ]))
                @if reviewed { " · " }
            }
            @if reviewed { (ctx.t("article-reviewed")) }
        }
    }
}

fn related_block(ctx: &Ctx<'_>, id: &str, title: &str, items: &[Teaser]) -> Markup {
    html! {
        section.related aria-labelledby=(id) {
            h2 id=(id) { (plain(ctx, title)) }
            div.related-grid {
                @for t in items { (teaser(ctx, t, TeaserStyle::Card)) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_from_the_start_of_the_last_segment() {
        assert_eq!(parse_id("42-some-slug"), Some(42));
        assert_eq!(parse_id("42"), Some(42));
        assert_eq!(parse_id("x42-slug"), None);
        assert_eq!(parse_id(""), None);
        assert_eq!(parse_id("99999999999999999999999-a"), None);
        assert_eq!(
            origin("https://tuoitre.vn/rss/a.rss"),
            Some("https://tuoitre.vn".into())
        );
    }
}
