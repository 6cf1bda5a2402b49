//! `/{lang}/{section}/`: a section's articles, newest first, paginated.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::response::Response;
use maud::html;
use store::Listing;

use crate::core::app::{App, AppState, Ctx};
use crate::core::paging::{page_count, page_number};
use crate::core::urls;
use crate::public::layout::{every_language, Head};
use crate::public::pages::{moved, respond, shared};
use crate::public::render::{teaser_grid, TeaserStyle};
use crate::WebError;

/// Articles per section page.
pub(crate) const PER_PAGE: i64 = 12;

/// `GET /{lang}/{section}` (no slash): redirect to the section page, if there is one.
pub(crate) async fn without_slash(
    State(app): State<AppState>,
    Path((lang, slug)): Path<(String, String)>,
) -> Response {
    let localized = match app.serves(&lang) {
        true => app.sections().await.ok().and_then(|all| {
            all.iter()
                .find(|s| s.answers_to(&lang, &slug))
                .map(|s| s.slug_in(&lang).to_string())
        }),
        false => None,
    };
    if let Some(slug) = localized {
        moved(&urls::section(&lang, &slug))
    } else {
        respond(&app, &lang, Err(WebError::NotFound)).await
    }
}

/// `GET /{lang}/{section}/`.
pub(crate) async fn section(
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
    let ctx = Ctx::new(app, lang).await?;
    let section = ctx.section_by_slug(slug).ok_or(WebError::NotFound)?.clone();
    if section.slug_in(lang) != slug {
        // The stable key, or an old slug: one address per page.
        return Ok(moved(&urls::section_page(
            lang,
            section.slug_in(lang),
            page_no,
        )));
    }
    let listing = Listing::Section(section.id);
    let filter = listing.filter();
    let store = &app.portal.store;
    // Kept by the store as versions are published and taken down: one keyed row.
    let total = app.portal.store.list_size(lang, listing).await?;
    let pages = page_count(total, PER_PAGE);
    if page_no > pages {
        return Err(WebError::NotFound);
    }
    let items = store
        .teasers(lang, filter, PER_PAGE, (page_no - 1) * PER_PAGE)
        .await?;
    let name = ctx.section_name(&section).to_string();
    let title = if page_no > 1 {
        format!(
            "{} ({})",
            name,
            ctx.tw(
                "pagination-status",
                &[("page", page_no.into()), ("pages", pages.into())]
            )
        )
    } else {
        name.clone()
    };
    let head = Head {
        title,
        description: Some(ctx.tw(
            "feed-section-title",
            &[
                ("site", ctx.site().into()),
                ("section", name.as_str().into()),
            ],
        )),
        canonical: Some(urls::section_page(lang, slug, page_no)),
        alternates: every_language(&ctx, |l| urls::section_page(l, section.slug_in(l), page_no)),
        og_type: Some("website"),
        feed: Some((
            ctx.tw(
                "feed-section-title",
                &[
                    ("site", ctx.site().into()),
                    ("section", name.as_str().into()),
                ],
            ),
            urls::section_feed(lang, slug),
            urls::section_atom(lang, slug),
        )),
        current_section: Some(section.id),
        ..Head::default()
    };
    let main = html! {
        header.page-header {
            h1 { (ctx.tw("section-title", &[("section", name.as_str().into())])) }
            p.feed-link { a href=(urls::section_feed(lang, slug)) { (ctx.t("section-feed")) } }
        }
        @if items.is_empty() {
            p.empty { (ctx.t("section-empty")) }
        } @else {
            (teaser_grid(&ctx, &items, TeaserStyle::Listing))
        }
        (pagination(&ctx, page_no, pages, |p| urls::section_page(lang, slug, p)))
    };
    Ok(shared(&ctx, head, main))
}

/// Newer/older links and "page N of M".
pub(crate) fn pagination(
    ctx: &Ctx<'_>,
    page_no: i64,
    pages: i64,
    href: impl Fn(i64) -> String,
) -> maud::Markup {
    html! {
        @if pages > 1 {
            nav.pagination aria-label=(ctx.t("pagination-label")) {
                @if page_no > 1 {
                    a rel="prev" href=(href(page_no - 1)) { "← " (ctx.t("pagination-newer")) }
                }
                span.page-status {
                    (ctx.tw("pagination-status", &[
                        ("page", ctx.number(page_no).into()),
                        ("pages", ctx.number(pages).into()),
                    ]))
                }
                @if page_no < pages {
                    a rel="next" href=(href(page_no + 1)) { (ctx.t("pagination-older")) " →" }
                }
            }
        }
    }
}
