//! RSS 2.0, written with the `rss` crate.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use rss::{CategoryBuilder, ChannelBuilder, GuidBuilder, ImageBuilder, ItemBuilder};
use store::Teaser;

use super::{image_type, Channel};
use crate::app::Ctx;
use crate::render::{safe_href, teaser_href};
use crate::{assets, dates};

/// The channel as an `application/rss+xml` response.
pub(super) fn write(ctx: &Ctx<'_>, c: &Channel) -> Response {
    let app = ctx.app;
    let site = ctx.site();
    let items = c.newest.iter().map(|t| item(ctx, t)).collect::<Vec<_>>();
    let newest = c
        .newest
        .iter()
        .map(|t| t.updated_at)
        .max()
        .and_then(dates::utc)
        .map(|t| t.to_rfc2822());
    let channel = ChannelBuilder::default()
        .title(c.title.clone())
        .link(app.abs(&c.page))
        .description(ctx.tw("feed-description", &[("site", site.into())]))
        .language(Some(ctx.lang.to_string()))
        .generator(Some(format!("Newsbridge ({})", app.abs(&c.self_path))))
        .last_build_date(newest)
        .ttl(Some("15".to_string()))
        .image(Some(
            ImageBuilder::default()
                .url(app.abs(&assets::favicon_path()))
                .title(c.title.clone())
                .link(app.abs(&c.page))
                .build(),
        ))
        .atom_ext(Some(
            rss::extension::atom::AtomExtensionBuilder::default()
                .links(vec![rss::extension::atom::Link {
                    href: app.abs(&c.self_path),
                    rel: "self".into(),
                    mime_type: Some("application/rss+xml".into()),
                    ..Default::default()
                }])
                .build(),
        ))
        .items(items)
        .build();
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "application/rss+xml; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        channel.to_string(),
    )
        .into_response()
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
