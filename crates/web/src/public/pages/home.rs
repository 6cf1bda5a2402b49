//! `/{lang}/`: the top story and the latest articles of each section.

use axum::extract::{Path, State};
use axum::response::Response;
use maud::html;
use store::TeaserFilter;

use crate::core::app::{AppState, Ctx};
use crate::core::urls;
use crate::public::layout::{every_language, Head};
use crate::public::pages::{respond, shared};
use crate::public::render::{teaser, teaser_grid, TeaserStyle};
use crate::WebError;

/// Latest stories under the top story.
const LATEST: i64 = 7;
/// Stories per section block.
const PER_SECTION: i64 = 4;
/// Stories in the "most read" list.
const MOST_READ: i64 = 5;

/// `GET /{lang}/`.
pub(crate) async fn home(State(app): State<AppState>, Path(lang): Path<String>) -> Response {
    let result = render(&app, &lang).await;
    respond(&app, &lang, result).await
}

async fn render(app: &crate::core::app::App, lang: &str) -> Result<Response, WebError> {
    if !app.serves(lang) {
        return Err(WebError::NotFound);
    }
    let ctx = Ctx::new(app, lang).await?;
    let store = &app.portal.store;
    let latest = store
        .teasers(lang, TeaserFilter::default(), LATEST, 0)
        .await?;
    // The top story is the newest one with a picture.
    let lead_index = latest.iter().position(|t| t.image.is_some()).unwrap_or(0);
    let lead = latest.get(lead_index);
    let rest: Vec<_> = latest
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != lead_index)
        .map(|(_, t)| t.clone())
        .collect();
    let shown: Vec<i64> = latest.iter().map(|t| t.article_id).collect();
    let most_read = app.views.most_read(store, lang, MOST_READ).await;
    let mut blocks = Vec::new();
    for section in ctx.sections.iter() {
        let filter = TeaserFilter {
            section_id: Some(section.id),
            ..TeaserFilter::default()
        };
        let items: Vec<_> = store
            .teasers(lang, filter, PER_SECTION + LATEST, 0)
            .await?
            .into_iter()
            .filter(|t| !shown.contains(&t.article_id))
            .take(PER_SECTION as usize)
            .collect();
        if !items.is_empty() {
            blocks.push((section.clone(), items));
        }
    }
    let head = Head {
        title: ctx.t("home-title"),
        description: Some(ctx.t("site-tagline")),
        canonical: Some(urls::home(lang)),
        alternates: every_language(&ctx, urls::home),
        og_type: Some("website"),
        feed: Some((
            ctx.tw("feed-title", &[("site", ctx.site().into())]),
            urls::feed(lang),
            urls::atom(lang),
        )),
        ..Head::default()
    };
    let main = html! {
        h1.visually-hidden { (ctx.t("home-title")) }
        @if let Some(lead) = lead {
            section.top aria-labelledby="top-h" {
                h2 #top-h .band-title { (ctx.t("home-featured")) }
                div.top-grid {
                    (teaser(&ctx, lead, TeaserStyle::Lead))
                    @if !rest.is_empty() {
                        div.top-list {
                            @for t in &rest { (teaser(&ctx, t, TeaserStyle::Compact)) }
                        }
                    }
                }
            }
        } @else {
            p.empty { (ctx.t("home-empty")) }
        }
        @if !most_read.is_empty() {
            section.band.most-read aria-labelledby="most-read-h" {
                h2 #most-read-h .band-title { (ctx.t("home-most-read")) }
                ol.most-read-list {
                    @for t in most_read.iter() { li { (teaser(&ctx, t, TeaserStyle::Compact)) } }
                }
            }
        }
        @for (section, items) in &blocks {
            section.band aria-labelledby=(format!("s-{}", section.id)) {
                h2.band-title id=(format!("s-{}", section.id)) {
                    a href=(urls::section(lang, section.slug_in(lang))) { (ctx.section_name(section)) }
                }
                (teaser_grid(&ctx, items, TeaserStyle::Card))
                p.more {
                    a href=(urls::section(lang, section.slug_in(lang))) {
                        (ctx.tw("home-section-more", &[("section", ctx.section_name(section).into())]))
                    }
                }
            }
        }
    };
    Ok(shared(&ctx, head, main))
}
