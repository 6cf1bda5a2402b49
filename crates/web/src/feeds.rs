//! RSS 2.0 feeds per language and per section, written with the `rss` crate.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use rss::{CategoryBuilder, ChannelBuilder, GuidBuilder, ImageBuilder, ItemBuilder};
use store::{Teaser, TeaserFilter};

use crate::app::{App, AppState, Ctx};
use crate::pages::respond;
use crate::render::{safe_href, teaser_href};
use crate::{assets, dates, urls, WebError};

/// Items per feed.
const ITEMS: i64 = 50;

/// `GET /{lang}/feed.xml`.
pub(crate) async fn language_feed(
    State(app): State<AppState>,
    Path(lang): Path<String>,
) -> Response {
    let result = render(&app, &lang, None).await;
    respond(&app, &lang, result).await
}

/// `GET /{lang}/{section}/feed.xml`.
pub(crate) async fn section_feed(
    State(app): State<AppState>,
    Path((lang, section)): Path<(String, String)>,
) -> Response {
    let result = render(&app, &lang, Some(&section)).await;
    respond(&app, &lang, result).await
}

async fn render(app: &App, lang: &str, section: Option<&str>) -> Result<Response, WebError> {
    if !app.serves(lang) {
        return Err(WebError::NotFound);
    }
    let ctx = Ctx::new(app, lang).await?;
    let site = ctx.site().to_string();
    let (filter, title, link, self_path) = match section {
        Some(slug) => {
            let s = ctx.section_by_slug(slug).ok_or(WebError::NotFound)?;
            let name = ctx.section_name(s).to_string();
            (
                TeaserFilter {
                    section_id: Some(s.id),
                    ..TeaserFilter::default()
                },
                ctx.tw(
                    "feed-section-title",
                    &[("site", site.as_str().into()), ("section", name.into())],
                ),
                urls::section(lang, slug),
                urls::section_feed(lang, slug),
            )
        }
        None => (
            TeaserFilter::default(),
            ctx.tw("feed-title", &[("site", site.as_str().into())]),
            urls::home(lang),
            urls::feed(lang),
        ),
    };
    let teasers = app.portal.store.teasers(lang, filter, ITEMS, 0).await?;
    let items = teasers.iter().map(|t| item(&ctx, t)).collect::<Vec<_>>();
    let newest = teasers
        .iter()
        .map(|t| t.updated_at)
        .max()
        .and_then(dates::utc)
        .map(|t| t.to_rfc2822());
    let channel = ChannelBuilder::default()
        .title(title.clone())
        .link(app.abs(&link))
        .description(ctx.tw("feed-description", &[("site", site.as_str().into())]))
        .language(Some(lang.to_string()))
        .generator(Some(format!("Newsbridge ({})", app.abs(&self_path))))
        .last_build_date(newest)
        .ttl(Some("15".to_string()))
        .image(Some(
            ImageBuilder::default()
                .url(app.abs(&assets::favicon_path()))
                .title(title)
                .link(app.abs(&link))
                .build(),
        ))
        .items(items)
        .build();
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "application/rss+xml; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        channel.to_string(),
    )
        .into_response())
}

fn item(ctx: &Ctx<'_>, t: &Teaser) -> rss::Item {
    let link = ctx.app.abs(&teaser_href(ctx, t));
    let categories = ctx
        .section(t.section_id)
        .map(|s| {
            vec![CategoryBuilder::default()
                .name(ctx.section_name(s).to_string())
                .build()]
        })
        .unwrap_or_default();
    let enclosure = t.image_url.as_deref().filter(|s| safe_href(s)).map(|src| {
        rss::EnclosureBuilder::default()
            .url(src.to_string())
            .mime_type(image_type(src).to_string())
            .length("0".to_string())
            .build()
    });
    ItemBuilder::default()
        .title(Some(t.title.clone()))
        .link(Some(link.clone()))
        .description(t.lead.clone())
        .pub_date(t.published_at.and_then(dates::utc).map(|d| d.to_rfc2822()))
        .guid(Some(
            GuidBuilder::default().value(link).permalink(true).build(),
        ))
        .categories(categories)
        .enclosure(enclosure)
        .build()
}

/// A MIME type guessed from an image URL's extension.
fn image_type(src: &str) -> &'static str {
    let path = src
        .split(['?', '#'])
        .next()
        .unwrap_or(src)
        .to_ascii_lowercase();
    if path.ends_with(".png") {
        "image/png"
    } else if path.ends_with(".webp") {
        "image/webp"
    } else if path.ends_with(".gif") {
        "image/gif"
    } else {
        "image/jpeg"
    }
}
