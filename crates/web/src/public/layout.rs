//! The page shell: head (titles, canonical, hreflang, social cards), header
//! with the section menu and language switcher, footer.

use maud::{html, Markup, PreEscaped, DOCTYPE};

use crate::core::app::Ctx;
use crate::core::assets;
use crate::core::i18n::autonym;
use crate::core::urls;

/// What goes into `<head>` besides the basics.
#[derive(Debug, Default)]
pub(crate) struct Head {
    /// The `<title>` (the site name is appended).
    pub title: String,
    /// Meta description.
    pub description: Option<String>,
    /// Canonical path (site-relative).
    pub canonical: Option<String>,
    /// Language versions of this page: (lang, site-relative path). The switcher
    /// lists exactly these; hreflang links too, plus x-default.
    pub alternates: Vec<(String, String)>,
    /// OpenGraph type (`article`, `website`).
    pub og_type: Option<&'static str>,
    /// OpenGraph/Twitter image.
    pub image: Option<String>,
    /// JSON-LD, already serialized.
    pub json_ld: Option<String>,
    /// Feeds for this page: its title, the RSS path and the Atom path.
    pub feed: Option<(String, String, String)>,
    /// Keep out of search engines (errors, search results).
    pub noindex: bool,
    /// The section highlighted in the menu.
    pub current_section: Option<i64>,
}

/// JSON for a `<script>` element: `</` cannot close it.
pub(crate) fn script_json(value: &serde_json::Value) -> String {
    value
        .to_string()
        .replace("</", "<\\/")
        .replace("<!--", "<\\!--")
}

/// A whole HTML page.
pub(crate) fn page(ctx: &Ctx<'_>, head: Head, main: Markup) -> Markup {
    let site = ctx.site();
    let title = if head.title.is_empty() {
        site.to_string()
    } else {
        format!("{} – {}", head.title, site)
    };
    let x_default = default_alternate(ctx, &head.alternates);
    html! {
        (DOCTYPE)
        html lang=(ctx.lang) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                @if let Some(d) = &head.description { meta name="description" content=(d); }
                @if head.noindex { meta name="robots" content="noindex"; }
                @else { meta name="robots" content="max-image-preview:large"; }
                @if let Some(c) = &head.canonical { link rel="canonical" href=(ctx.app.abs(c)); }
                @for (lang, path) in &head.alternates {
                    link rel="alternate" hreflang=(lang) href=(ctx.app.abs(path));
                }
                @if let Some(path) = x_default {
                    link rel="alternate" hreflang="x-default" href=(ctx.app.abs(path));
                }
                @if let Some((feed_title, rss, atom)) = &head.feed {
                    link rel="alternate" type="application/rss+xml" title=(feed_title) href=(rss);
                    link rel="alternate" type="application/atom+xml" title=(feed_title) href=(atom);
                }
                link rel="stylesheet" href=(assets::css_path());
                link rel="icon" href=(assets::favicon_path()) type="image/svg+xml";
                meta name="color-scheme" content="light dark";
                meta property="og:site_name" content=(site);
                meta property="og:title" content=(if head.title.is_empty() { site } else { &head.title });
                meta property="og:locale" content=(og_locale(ctx.lang));
                @if let Some(t) = head.og_type { meta property="og:type" content=(t); }
                @if let Some(c) = &head.canonical { meta property="og:url" content=(ctx.app.abs(c)); }
                @if let Some(d) = &head.description { meta property="og:description" content=(d); }
                @if let Some(img) = &head.image {
                    meta property="og:image" content=(img);
                    meta name="twitter:card" content="summary_large_image";
                } @else {
                    meta name="twitter:card" content="summary";
                }
                @if let Some(ld) = &head.json_ld {
                    script type="application/ld+json" { (PreEscaped(ld)) }
                }
            }
            body {
                a.skip href="#main" { (ctx.t("skip-to-content")) }
                (header(ctx, &head))
                main #main tabindex="-1" { (main) }
                (footer(ctx))
            }
        }
    }
}

/// The x-default version: the default language's when present, else the first.
fn default_alternate<'h>(ctx: &Ctx<'_>, alternates: &'h [(String, String)]) -> Option<&'h str> {
    let default = ctx.app.default_lang();
    alternates
        .iter()
        .find(|(l, _)| l == default)
        .or_else(|| alternates.first())
        .map(|(_, p)| p.as_str())
}

fn og_locale(lang: &str) -> &'static str {
    match lang {
        "vi" => "vi_VN",
        "fr" => "fr_FR",
        "de" => "de_DE",
        "es" => "es_ES",
        "zh" => "zh_CN",
        "ja" => "ja_JP",
        "ko" => "ko_KR",
        "ru" => "ru_RU",
        _ => "en_GB",
    }
}

fn header(ctx: &Ctx<'_>, head: &Head) -> Markup {
    let lang = ctx.lang;
    html! {
        header.site-header {
            div.masthead {
                a.brand href=(urls::home(lang)) {
                    span.brand-name { (ctx.site()) }
                }
                p.tagline { (ctx.t("site-tagline")) }
                form.search-form role="search" action=(urls::search(lang)) method="get" {
                    label.visually-hidden for="q-top" { (ctx.t("search-label")) }
                    input #q-top type="search" name="q" placeholder=(ctx.t("search-label"));
                    button type="submit" { (ctx.t("search-button")) }
                }
            }
            nav.sections aria-label=(ctx.t("nav-sections")) {
                ul {
                    li { a href=(urls::home(lang)) { (ctx.t("nav-home")) } }
                    @for s in ctx.sections.iter() {
                        li {
                            @if head.current_section == Some(s.id) {
                                a href=(urls::section(lang, s.slug_in(lang))) aria-current="page" { (ctx.section_name(s)) }
                            } @else {
                                a href=(urls::section(lang, s.slug_in(lang))) { (ctx.section_name(s)) }
                            }
                        }
                    }
                }
            }
            @if head.alternates.len() > 1 {
                nav.languages aria-label=(ctx.t("nav-languages")) {
                    ul {
                        @for (l, path) in &head.alternates {
                            li {
                                @if l == lang {
                                    a href=(path) lang=(l) hreflang=(l) aria-current="true" { (autonym(l)) }
                                } @else {
                                    a href=(path) lang=(l) hreflang=(l) { (autonym(l)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn footer(ctx: &Ctx<'_>) -> Markup {
    let lang = ctx.lang;
    html! {
        footer.site-footer {
            p.footer-note { (ctx.t("footer-note")) }
            ul.footer-links {
                li { a href=(urls::about(lang)) { (ctx.t("footer-about")) } }
                li { a href=(urls::feed(lang)) { (ctx.t("footer-feed")) } }
                li { a href="/api/v1/openapi.json" { (ctx.t("footer-api")) } }
            }
            p.copyright { "© " (ctx.site()) }
        }
    }
}

/// Alternates for a page that exists in every portal language at `path_for(lang)`.
pub(crate) fn every_language(
    ctx: &Ctx<'_>,
    path_for: impl Fn(&str) -> String,
) -> Vec<(String, String)> {
    ctx.app
        .portal
        .config
        .languages
        .iter()
        .filter(|l| ctx.app.locales.has(l))
        .map(|l| (l.clone(), path_for(l)))
        .collect()
}
