//! RSS 2.0, written with the `rss` crate.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use std::collections::BTreeMap;

use rss::extension::dublincore::DublinCoreExtension;
use rss::extension::{Extension, ExtensionMap};
use rss::{CategoryBuilder, ChannelBuilder, GuidBuilder, ImageBuilder, ItemBuilder, Source};
use store::{Attribution, Teaser};

use super::Channel;
use crate::core::app::Ctx;
use crate::core::urls::safe_href;
use crate::core::{assets, dates};
use crate::public::render::teaser_href;

/// The channel as an `application/rss+xml` response.
pub(super) fn write(ctx: &Ctx<'_>, c: &Channel) -> Response {
    let app = ctx.app;
    let site = ctx.site();
    let items = c
        .newest
        .iter()
        .map(|t| item(ctx, t, c.credits.get(&t.article_id)))
        .collect::<Vec<_>>();
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
        .namespaces(BTreeMap::from([(
            MEDIA_PREFIX.to_string(),
            MEDIA_NAMESPACE.to_string(),
        )]))
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

/// Media RSS: an image without a known byte length (we link the
/// publisher's) is a `media:content`, not an enclosure that would need one.
const MEDIA_NAMESPACE: &str = "http://search.yahoo.com/mrss/";
const MEDIA_PREFIX: &str = "media";

fn item(ctx: &Ctx<'_>, t: &Teaser, credit: Option<&Attribution>) -> rss::Item {
    let link = ctx.app.abs(&teaser_href(ctx, t));
    let categories = ctx
        .section(t.section_id)
        .map(|s| {
            vec![CategoryBuilder::default()
                .name(ctx.section_name(s).to_string())
                .build()]
        })
        .unwrap_or_default();
    let mut extensions = ExtensionMap::new();
    // Our social card of the stored picture, never the publisher's file.
    let card = t.image.as_ref().and_then(|i| {
        let (mime, bytes) = crate::public::media::social_type_and_length(i)?;
        Some((crate::public::media::social_url(ctx, i)?, mime, bytes))
    });
    if let Some((src, mime, bytes)) = card {
        let mut attrs = BTreeMap::from([
            ("url".to_string(), src),
            ("medium".to_string(), "image".to_string()),
            ("type".to_string(), mime.to_string()),
            ("fileSize".to_string(), bytes.to_string()),
        ]);
        let mut children = BTreeMap::new();
        if let Some(alt) = t.image_alt.as_deref().filter(|a| !a.trim().is_empty()) {
            children.insert(
                "description".to_string(),
                vec![Extension {
                    name: format!("{MEDIA_PREFIX}:description"),
                    value: Some(alt.to_string()),
                    attrs: BTreeMap::from([("type".to_string(), "plain".to_string())]),
                    children: BTreeMap::new(),
                }],
            );
        }
        attrs.retain(|_, v| !v.is_empty());
        extensions.insert(
            MEDIA_PREFIX.to_string(),
            BTreeMap::from([(
                "content".to_string(),
                vec![Extension {
                    name: format!("{MEDIA_PREFIX}:content"),
                    value: None,
                    attrs,
                    children,
                }],
            )]),
        );
    }
    let source = credit
        .filter(|c| safe_href(&c.original_url))
        .map(|c| Source {
            url: c.original_url.clone(),
            title: c.publisher.clone(),
        });
    let creators = credit.map(|c| c.authors.clone()).unwrap_or_default();
    let dublin_core = (!creators.is_empty()).then(|| DublinCoreExtension {
        creators,
        ..DublinCoreExtension::default()
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
        .source(source)
        .dublin_core_ext(dublin_core)
        .extensions(extensions)
        .build()
}
