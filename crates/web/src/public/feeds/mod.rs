//! Outgoing feeds per language and per section: RSS 2.0 (`feed.xml`, the
//! `rss` crate) and Atom 1.0 (`atom.xml`, the `atom_syndication` crate), over
//! the same newest published versions. Every item credits its original: the
//! publisher, the bylines and a link to the publisher's page.

mod atom;
mod rss;

use axum::extract::{Path, State};
use axum::response::Response;
use std::collections::HashMap;

use store::{Attribution, Teaser, TeaserFilter};

use crate::core::app::{App, AppState, Ctx};
use crate::core::urls;
use crate::public::pages::respond;
use crate::WebError;

/// Items per feed.
const ITEMS: i64 = 50;

/// Which format to write.
#[derive(Debug, Clone, Copy)]
enum Format {
    Rss,
    Atom,
}

/// What a feed is about, whatever its format.
struct Channel {
    /// The feed's title.
    title: String,
    /// The HTML page the feed follows (site path).
    page: String,
    /// The feed's own path.
    self_path: String,
    /// The newest published versions, newest first.
    newest: Vec<Teaser>,
    /// Whom each of them is owed to, by article id.
    credits: HashMap<i64, Attribution>,
}

/// `GET /{lang}/feed.xml`.
pub(crate) async fn language_feed(
    State(app): State<AppState>,
    Path(lang): Path<String>,
) -> Response {
    let result = render(&app, &lang, None, Format::Rss).await;
    respond(&app, &lang, result).await
}

/// `GET /{lang}/{section}/feed.xml`.
pub(crate) async fn section_feed(
    State(app): State<AppState>,
    Path((lang, section)): Path<(String, String)>,
) -> Response {
    let result = render(&app, &lang, Some(&section), Format::Rss).await;
    respond(&app, &lang, result).await
}

/// `GET /{lang}/atom.xml`.
pub(crate) async fn language_atom(
    State(app): State<AppState>,
    Path(lang): Path<String>,
) -> Response {
    let result = render(&app, &lang, None, Format::Atom).await;
    respond(&app, &lang, result).await
}

/// `GET /{lang}/{section}/atom.xml`.
pub(crate) async fn section_atom(
    State(app): State<AppState>,
    Path((lang, section)): Path<(String, String)>,
) -> Response {
    let result = render(&app, &lang, Some(&section), Format::Atom).await;
    respond(&app, &lang, result).await
}

async fn render(
    app: &App,
    lang: &str,
    section: Option<&str>,
    format: Format,
) -> Result<Response, WebError> {
    if !app.serves(lang) {
        return Err(WebError::NotFound);
    }
    let ctx = Ctx::new(app, lang).await?;
    let site = ctx.site().to_string();
    let (filter, title, page, rss_path, atom_path) = match section {
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
                urls::section_atom(lang, slug),
            )
        }
        None => (
            TeaserFilter::default(),
            ctx.tw("feed-title", &[("site", site.as_str().into())]),
            urls::home(lang),
            urls::feed(lang),
            urls::atom(lang),
        ),
    };
    let newest = app.portal.store.teasers(lang, filter, ITEMS, 0).await?;
    let ids: Vec<i64> = newest.iter().map(|t| t.article_id).collect();
    let credits = app.portal.store.attributions(&ids).await?;
    let self_path = match format {
        Format::Rss => rss_path,
        Format::Atom => atom_path,
    };
    let channel = Channel {
        title,
        page,
        self_path,
        newest,
        credits,
    };
    Ok(match format {
        Format::Rss => rss::write(&ctx, &channel),
        Format::Atom => atom::write(&ctx, &channel),
    })
}
