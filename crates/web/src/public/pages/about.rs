//! `/{lang}/about`: what the site is, and the newspapers it republishes.

use axum::extract::{Path, State};
use axum::response::Response;
use maud::html;

use crate::core::app::{App, AppState, Ctx};
use crate::core::i18n::autonym;
use crate::core::urls;
use crate::core::urls::safe_href;
use crate::public::layout::{every_language, Head};
use crate::public::pages::article::origin;
use crate::public::pages::{respond, shared};
use crate::WebError;

/// `GET /{lang}/about`.
pub(crate) async fn about(State(app): State<AppState>, Path(lang): Path<String>) -> Response {
    let result = render(&app, &lang).await;
    respond(&app, &lang, result).await
}

async fn render(app: &App, lang: &str) -> Result<Response, WebError> {
    if !app.serves(lang) {
        return Err(WebError::NotFound);
    }
    let ctx = Ctx::new(app, lang).await?;
    let sources = app.portal.store.sources().await?;
    // One entry per publisher, however many feeds it has.
    let mut publishers: Vec<(String, Option<String>)> = Vec::new();
    for s in &sources {
        if publishers.iter().any(|(name, _)| name == &s.name) {
            continue;
        }
        let home = s
            .settings
            .get("home")
            .and_then(|v| v.as_str())
            .map(str::to_string)
            .or_else(|| origin(&s.url))
            .filter(|u| safe_href(u));
        publishers.push((s.name.clone(), home));
    }
    let site = ctx.site().to_string();
    let title = ctx.tw("about-title", &[("site", site.as_str().into())]);
    let head = Head {
        title: title.clone(),
        canonical: Some(urls::about(lang)),
        alternates: every_language(&ctx, urls::about),
        og_type: Some("website"),
        ..Head::default()
    };
    let main = html! {
        article.about {
            h1 { (title) }
            p { (ctx.tw("about-body", &[("site", site.as_str().into())])) }
            h2 { (ctx.t("about-sources")) }
            @if publishers.is_empty() {
                p.empty { (ctx.t("about-no-sources")) }
            } @else {
                ul.sources {
                    @for (name, home) in &publishers {
                        li {
                            @if let Some(home) = home {
                                a href=(home) rel="nofollow noopener" { (crate::public::render::plain(&ctx, name)) }
                            } @else { (crate::public::render::plain(&ctx, name)) }
                        }
                    }
                }
            }
            h2 { (ctx.t("about-languages")) }
            ul.language-list {
                @for l in &app.portal.config.languages {
                    @if app.locales.has(l) {
                        li { a href=(urls::home(l)) lang=(l) hreflang=(l) { (autonym(l)) } }
                    }
                }
            }
        }
    };
    Ok(shared(&ctx, head, main))
}
