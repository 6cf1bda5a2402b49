//! `/{lang}/author/{slug}`: an author's articles in the reader's language.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::response::Response;
use maud::html;
use store::Listing;

use crate::core::app::{App, AppState, Ctx};
use crate::core::paging::{page_count, page_number};
use crate::core::urls;
use crate::public::layout::{every_language, Head};
use crate::public::pages::section::{pagination, PER_PAGE};
use crate::public::pages::{respond, shared};
use crate::public::render::{plain, teaser_grid, TeaserStyle};
use crate::WebError;

/// `GET /{lang}/author/{slug}`.
pub(crate) async fn author(
    State(app): State<AppState>,
    Path((lang, slug)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let page = page_number(query.get("page").map(String::as_str));
    let result = render(&app, &lang, &slug, page).await;
    respond(&app, &lang, result).await
}

async fn render(app: &App, lang: &str, slug: &str, page_no: i64) -> Result<Response, WebError> {
    if !app.serves(lang) {
        return Err(WebError::NotFound);
    }
    let store = &app.portal.store;
    let author = store
        .author_by_slug(slug)
        .await?
        .ok_or(WebError::NotFound)?;
    let ctx = Ctx::new(app, lang).await?;
    let listing = Listing::Author(author.id);
    let filter = listing.filter();
    // Kept by the store as versions are published and taken down: one keyed row.
    let total = app.portal.store.list_size(lang, listing).await?;
    let pages = page_count(total, PER_PAGE);
    if page_no > pages {
        return Err(WebError::NotFound);
    }
    let items = store
        .teasers(lang, filter, PER_PAGE, (page_no - 1) * PER_PAGE)
        .await?;
    let href = |l: &str, p: i64| {
        let base = urls::author(l, slug);
        if p > 1 {
            format!("{base}?page={p}")
        } else {
            base
        }
    };
    let title = ctx.tw("author-title", &[("author", author.name.as_str().into())]);
    let head = Head {
        title: title.clone(),
        canonical: Some(href(lang, page_no)),
        alternates: every_language(&ctx, |l| href(l, page_no)),
        og_type: Some("profile"),
        ..Head::default()
    };
    let main = html! {
        header.page-header {
            h1 { (plain(&ctx, &title)) }
            p.count { (ctx.tw("author-count", &[("count", total.into()), ("shown", ctx.number(total).into())])) }
        }
        (teaser_grid(&ctx, &items, TeaserStyle::Listing))
        (pagination(&ctx, page_no, pages, |p| href(lang, p)))
    };
    Ok(shared(&ctx, head, main))
}
