//! Atom 1.0 (RFC 4287), written with the `atom_syndication` crate.

use atom_syndication::{Category, Entry, Feed, FixedDateTime, Generator, Link, Person, Text};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use store::{Attribution, Teaser};

use super::Channel;
use crate::core::app::Ctx;
use crate::core::urls::safe_href;
use crate::core::{assets, dates};
use crate::public::render::teaser_href;

/// A timestamp (ms) as an Atom date; the epoch when it is out of range.
fn when(ms: i64) -> FixedDateTime {
    dates::utc(ms).unwrap_or_default().fixed_offset()
}

fn link(href: String, rel: &str, mime_type: Option<&str>) -> Link {
    Link {
        href,
        rel: rel.to_string(),
        mime_type: mime_type.map(str::to_string),
        ..Link::default()
    }
}

/// The channel as an `application/atom+xml` response.
pub(super) fn write(ctx: &Ctx<'_>, c: &Channel) -> Response {
    let app = ctx.app;
    let site = ctx.site();
    let updated = c.newest.iter().map(|t| t.updated_at).max().unwrap_or(0);
    let feed = Feed {
        title: Text::plain(c.title.clone()),
        // The feed's own URL is permanent and unique: a good id.
        id: app.abs(&c.self_path),
        updated: when(updated),
        authors: vec![Person {
            name: site.to_string(),
            uri: Some(app.abs("/")),
            ..Person::default()
        }],
        generator: Some(Generator {
            value: "Newsbridge".into(),
            ..Generator::default()
        }),
        icon: Some(app.abs(&assets::favicon_path())),
        links: vec![
            link(app.abs(&c.self_path), "self", Some("application/atom+xml")),
            link(app.abs(&c.page), "alternate", Some("text/html")),
        ],
        subtitle: Some(Text::plain(
            ctx.tw("feed-description", &[("site", site.into())]),
        )),
        entries: c
            .newest
            .iter()
            .map(|t| entry(ctx, t, c.credits.get(&t.article_id)))
            .collect(),
        lang: Some(ctx.lang.to_string()),
        ..Feed::default()
    };
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "application/atom+xml; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        feed.to_string(),
    )
        .into_response()
}

/// One entry: its authors are the original's bylines (the publisher when it
/// names none), and a `via` link points at the publisher's page.
fn entry(ctx: &Ctx<'_>, t: &Teaser, credit: Option<&Attribution>) -> Entry {
    let href = ctx.app.abs(&teaser_href(ctx, t));
    let mut links = vec![link(href.clone(), "alternate", Some("text/html"))];
    if let Some(c) = credit.filter(|c| safe_href(&c.original_url)) {
        let mut via = link(c.original_url.clone(), "via", Some("text/html"));
        via.title = c.publisher.clone();
        links.push(via);
    }
    let mut authors: Vec<Person> = credit
        .map(|c| {
            c.authors
                .iter()
                .map(|name| Person {
                    name: name.clone(),
                    ..Person::default()
                })
                .collect()
        })
        .unwrap_or_default();
    if authors.is_empty() {
        if let Some(publisher) = credit.and_then(|c| c.publisher.clone()) {
            authors.push(Person {
                name: publisher,
                uri: credit.map(|c| c.original_url.clone()),
                ..Person::default()
            });
        }
    }
    // Our social card of the stored picture, never the publisher's file.
    let card = t.image.as_ref().and_then(|i| {
        let (mime, bytes) = crate::public::media::social_type_and_length(i)?;
        Some((crate::public::media::social_url(ctx, i)?, mime, bytes))
    });
    if let Some((src, mime, bytes)) = card {
        links.push(Link {
            length: Some(bytes.to_string()),
            ..link(src, "enclosure", Some(mime))
        });
    }
    let categories = ctx
        .section(t.section_id)
        .map(|s| {
            vec![Category {
                term: s.slug.clone(),
                label: Some(ctx.section_name(s).to_string()),
                ..Category::default()
            }]
        })
        .unwrap_or_default();
    Entry {
        title: Text::plain(t.title.clone()),
        // One entry per language version: its URL differs per language.
        id: href,
        updated: when(t.updated_at),
        published: t.published_at.map(when),
        links,
        authors,
        categories,
        summary: t.lead.clone().map(Text::plain),
        ..Entry::default()
    }
}
