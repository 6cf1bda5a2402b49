//! `/{lang}/topic/{id}`: every article of one story, newest first.
//!
//! The page is titled by the story's lead article (its most central one, chosen
//! by the worker) in the reader's language; by its newest headline there while
//! the lead is not published in that language.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::response::Response;
use maud::html;
use store::TeaserFilter;

use crate::core::app::{App, AppState, Ctx};
use crate::core::paging::{page_count, page_number};
use crate::core::urls;
use crate::public::layout::{every_language, Head};
use crate::public::pages::section::{pagination, PER_PAGE};
use crate::public::pages::{respond, shared};
use crate::public::render::{plain, teaser_grid, TeaserStyle};
use crate::WebError;

/// The title in `lang` of the story `filter` lists: its `lead` article's
/// headline, else its newest.
pub(crate) async fn headline(
    app: &App,
    lang: &str,
    lead: Option<i64>,
    filter: TeaserFilter,
) -> Result<String, WebError> {
    let store = &app.portal.store;
    if let Some(lead) = lead {
        if let Some(t) = store.teasers_of(lang, &[lead]).await?.into_iter().next() {
            return Ok(t.title);
        }
    }
    let newest = store.teasers(lang, filter, 1, 0).await?;
    Ok(newest
        .into_iter()
        .next()
        .map(|t| t.title)
        .unwrap_or_default())
}

/// `GET /{lang}/topic/{id}`.
pub(crate) async fn topic(
    State(app): State<AppState>,
    Path((lang, id)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let page = page_number(query.get("page").map(String::as_str));
    let result = match id.parse::<i64>() {
        Ok(id) => render(&app, &lang, id, page).await,
        Err(_) => Err(WebError::NotFound),
    };
    respond(&app, &lang, result).await
}

async fn render(app: &App, lang: &str, id: i64, page_no: i64) -> Result<Response, WebError> {
    if !app.serves(lang) {
        return Err(WebError::NotFound);
    }
    let store = &app.portal.store;
    store.topic_label(id).await?.ok_or(WebError::NotFound)?;
    let live = store.live_topic(id).await?;
    if live != id {
        // Merged into another story: one address per story.
        return Ok(crate::public::pages::moved(&urls::topic(lang, live)));
    }
    let ctx = Ctx::new(app, lang).await?;
    let filter = TeaserFilter {
        topic_id: Some(id),
        ..TeaserFilter::default()
    };
    let total = store.count_teasers(lang, filter).await?;
    if total == 0 {
        return Err(WebError::NotFound);
    }
    let pages = page_count(total, PER_PAGE);
    if page_no > pages {
        return Err(WebError::NotFound);
    }
    let items = store
        .teasers(lang, filter, PER_PAGE, (page_no - 1) * PER_PAGE)
        .await?;
    let headline = headline(app, lang, store.topic_lead(id).await?, filter).await?;
    let href = |l: &str, p: i64| {
        let base = urls::topic(l, id);
        if p > 1 {
            format!("{base}?page={p}")
        } else {
            base
        }
    };
    let head = Head {
        title: format!("{}: {}", ctx.t("topic-title"), headline),
        description: Some(ctx.t("topic-intro")),
        canonical: Some(href(lang, page_no)),
        alternates: every_language(&ctx, |l| href(l, page_no)),
        og_type: Some("website"),
        ..Head::default()
    };
    let main = html! {
        header.page-header {
            p.kicker { (ctx.t("topic-title")) }
            h1 { (plain(&ctx, &headline)) }
            p { (ctx.t("topic-intro")) }
        }
        (teaser_grid(&ctx, &items, TeaserStyle::Listing))
        (pagination(&ctx, page_no, pages, |p| href(lang, p)))
    };
    Ok(shared(&ctx, head, main))
}
