//! Sitemaps for search engines: an index, the sitemaps of each language with
//! hreflang alternates, a Google News sitemap, and robots.txt.
//!
//! A language's articles are split into files of at most
//! `Portal::sitemap_file_size` (`/{lang}/sitemap.xml`, then
//! `/{lang}/sitemap.xml?page=2`…), each listed in the index: a request reads
//! one file's versions in each language (the alternates of those articles
//! only), whatever the size of the site, and no file grows past what search
//! engines read or what the ETag layer buffers.

use article::escape::escape_xml;
use std::collections::HashMap;
use std::fmt::Write;

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use store::{Teaser, TeaserFilter};

use crate::core::app::{App, AppState, Ctx};
use crate::core::{dates, urls};
use crate::public::pages::respond;
use crate::public::render::teaser_href;
use crate::WebError;

/// Most entries in a Google News sitemap.
const MAX_NEWS: i64 = 1_000;
/// Google News lists articles of the last two days.
const NEWS_WINDOW_MS: i64 = 2 * 24 * 3600 * 1000;

fn xml(body: String) -> Response {
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "application/xml; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=900"),
        ],
        body,
    )
        .into_response()
}

fn w3c(ms: i64) -> Option<String> {
    dates::utc(ms).map(|t| article::dates::w3c(&t))
}

/// `GET /sitemap.xml`: the index of every other sitemap. Each language's
/// number of files comes from its kept size (one keyed row), so the index
/// is written for every request, like the other sitemaps.
pub(crate) async fn index(State(app): State<AppState>) -> Response {
    xml(write_index(&app).await)
}

async fn write_index(app: &App) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for lang in app.portal.config.languages.iter().filter(|l| app.serves(l)) {
        let files = match app
            .portal
            .store
            .list_size(lang, store::Listing::Language)
            .await
        {
            Ok(n) => crate::core::paging::page_count(n, app.portal.sitemap_file_size),
            Err(e) => {
                tracing::warn!(error = %e, "sitemap index: the articles could not be counted");
                1
            }
        };
        for file in 1..=files {
            let _ = writeln!(
                out,
                "  <sitemap><loc>{}</loc></sitemap>",
                escape_xml(&app.abs(&sitemap_file(lang, file)))
            );
        }
    }
    // The news sitemap only while it has entries: an empty <urlset> is invalid.
    if has_recent_news(app).await {
        let _ = writeln!(
            out,
            "  <sitemap><loc>{}</loc></sitemap>",
            escape_xml(&app.abs("/sitemap-news.xml"))
        );
    }
    out.push_str("</sitemapindex>\n");
    out
}

/// The address of a language's sitemap file number `file` (from 1).
fn sitemap_file(lang: &str, file: i64) -> String {
    if file <= 1 {
        urls::sitemap(lang)
    } else {
        format!("{}?page={file}", urls::sitemap(lang))
    }
}

/// Published paths of `ids` in every language, in the languages' order:
/// article id → [(lang, path)].
async fn alternates(
    ctx: &Ctx<'_>,
    languages: &[String],
    ids: &[i64],
) -> Result<HashMap<i64, Vec<(String, String)>>, WebError> {
    let mut map: HashMap<i64, Vec<(String, String)>> = HashMap::new();
    for lang in languages {
        for t in ctx.app.portal.store.teasers_of(lang, ids).await? {
            let path = teaser_href(ctx, &t);
            map.entry(t.article_id)
                .or_default()
                .push((lang.clone(), path));
        }
    }
    Ok(map)
}

fn served_languages(app: &App) -> Vec<String> {
    app.portal
        .config
        .languages
        .iter()
        .filter(|l| app.serves(l))
        .cloned()
        .collect()
}

/// `GET /{lang}/sitemap.xml?page=N`: one file of a language's sitemap, each
/// address with its other language versions as `xhtml:link` alternates. The
/// first file holds the home page, the sections and the newest articles; the
/// next ones the older articles.
pub(crate) async fn language(
    State(app): State<AppState>,
    Path(lang): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let file = crate::core::paging::page_number(query.get("page").map(String::as_str));
    let result = render_language(&app, &lang, file).await;
    respond(&app, &lang, result).await
}

async fn render_language(app: &App, lang: &str, file: i64) -> Result<Response, WebError> {
    if !app.serves(lang) {
        return Err(WebError::NotFound);
    }
    let per_file = app.portal.sitemap_file_size;
    let own: Vec<Teaser> = app
        .portal
        .store
        .teasers(
            lang,
            TeaserFilter::default(),
            per_file,
            (file - 1).saturating_mul(per_file),
        )
        .await?;
    if file > 1 && own.is_empty() {
        return Err(WebError::NotFound);
    }
    let ctx = Ctx::new(app, lang).await?;
    let languages = served_languages(app);
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let default = app.default_lang().to_string();
    // The home page and the sections open the first file.
    if file == 1 {
        let every: Vec<(String, String)> = languages
            .iter()
            .map(|l| (l.clone(), urls::home(l)))
            .collect();
        url_entry(app, &mut out, &urls::home(lang), None, &every, &default);
        for s in ctx.sections.iter() {
            let every: Vec<(String, String)> = languages
                .iter()
                .map(|l| (l.clone(), urls::section(l, s.slug_in(l))))
                .collect();
            url_entry(
                app,
                &mut out,
                &urls::section(lang, s.slug_in(lang)),
                None,
                &every,
                &default,
            );
        }
    }
    let ids: Vec<i64> = own.iter().map(|t| t.article_id).collect();
    let alternates = alternates(&ctx, &languages, &ids).await?;
    for t in &own {
        let path = teaser_href(&ctx, t);
        let alts = alternates.get(&t.article_id).cloned().unwrap_or_default();
        url_entry(app, &mut out, &path, Some(t.updated_at), &alts, &default);
    }
    out.push_str("</urlset>\n");
    Ok(xml(out))
}

fn url_entry(
    app: &App,
    out: &mut String,
    path: &str,
    lastmod: Option<i64>,
    alternates: &[(String, String)],
    default: &str,
) {
    let _ = write!(out, "  <url><loc>{}</loc>", escape_xml(&app.abs(path)));
    if let Some(m) = lastmod.and_then(w3c) {
        let _ = write!(out, "<lastmod>{m}</lastmod>");
    }
    if alternates.len() > 1 {
        for (l, p) in alternates {
            let _ = write!(
                out,
                "\n    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                escape_xml(l),
                escape_xml(&app.abs(p))
            );
        }
        let x_default = alternates
            .iter()
            .find(|(l, _)| l == default)
            .or_else(|| alternates.first());
        if let Some((_, p)) = x_default {
            let _ = write!(
                out,
                "\n    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
                escape_xml(&app.abs(p))
            );
        }
        out.push_str("\n  ");
    }
    out.push_str("</url>\n");
}

/// `GET /sitemap-news.xml`: articles of the last two days, every language.
pub(crate) async fn news(State(app): State<AppState>) -> Response {
    let lang = app.default_lang().to_string();
    let result = render_news(&app).await;
    respond(&app, &lang, result).await
}

/// The language code Google News expects.
fn news_language(lang: &str) -> &str {
    match lang {
        "zh" => "zh-cn",
        other => other,
    }
}

/// Whether any language has an article from the news sitemap's window.
async fn has_recent_news(app: &App) -> bool {
    let since = store::now_ms() - NEWS_WINDOW_MS;
    for lang in served_languages(app) {
        match app
            .portal
            .store
            .teasers(&lang, TeaserFilter::default(), 1, 0)
            .await
        {
            Ok(newest)
                if newest
                    .iter()
                    .any(|t| t.published_at.is_some_and(|p| p >= since)) =>
            {
                return true
            }
            Ok(_) => {}
            Err(e) => {
                tracing::warn!(error = %e, "news sitemap check failed");
                return false;
            }
        }
    }
    false
}

async fn render_news(app: &App) -> Result<Response, WebError> {
    let since = store::now_ms() - NEWS_WINDOW_MS;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n",
    );
    let mut left = MAX_NEWS;
    let site = escape_xml(&app.portal.config.site_name);
    for lang in served_languages(app) {
        let ctx = Ctx::new(app, &lang).await?;
        let recent = app
            .portal
            .store
            .teasers(&lang, TeaserFilter::default(), left, 0)
            .await?;
        for t in recent
            .iter()
            .take_while(|t| t.published_at.is_some_and(|p| p >= since))
        {
            let Some(date) = t.published_at.and_then(w3c) else {
                continue;
            };
            let _ = writeln!(
                out,
                "  <url><loc>{}</loc><news:news><news:publication><news:name>{site}</news:name><news:language>{}</news:language></news:publication><news:publication_date>{date}</news:publication_date><news:title>{}</news:title></news:news></url>",
                escape_xml(&app.abs(&teaser_href(&ctx, t))),
                news_language(&lang),
                escape_xml(&t.title),
            );
            left -= 1;
        }
        if left <= 0 {
            break;
        }
    }
    if left == MAX_NEWS {
        // Nothing from the last two days: no sitemap (it may not be empty).
        return Err(WebError::NotFound);
    }
    out.push_str("</urlset>\n");
    Ok(xml(out))
}

/// `GET /robots.txt`.
pub(crate) async fn robots(State(app): State<AppState>) -> Response {
    let mut out = String::from("User-agent: *\nAllow: /\nDisallow: /admin/\nDisallow: /api/\n");
    for lang in served_languages(&app) {
        let _ = writeln!(out, "Disallow: {}", urls::search(&lang));
    }
    let _ = writeln!(out, "\nSitemap: {}", app.abs("/sitemap.xml"));
    (
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        out,
    )
        .into_response()
}
