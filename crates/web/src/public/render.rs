//! The document model as HTML: inline text, body blocks and teaser cards.
//!
//! Everything a publisher wrote is escaped by maud; the only markup produced
//! is ours. Links keep only http(s) targets, and external ones get
//! `rel="nofollow noopener"`.

use article::{Block, EmbedKind, Figure, Inline, RichText};
use maud::{html, Markup};
use store::Teaser;

use crate::core::app::Ctx;
use crate::core::urls::{self, safe_href};

/// Whether `href` leaves the portal.
fn external(ctx: &Ctx<'_>, href: &str) -> bool {
    !href.starts_with(&format!("{}/", ctx.app.base))
}

/// Inline content.
pub(crate) fn inlines(ctx: &Ctx<'_>, items: &[Inline]) -> Markup {
    inlines_in(ctx, items, false)
}

/// Inline content; `marked` inside a run already marked as another language.
fn inlines_in(ctx: &Ctx<'_>, items: &[Inline], marked: bool) -> Markup {
    html! {
        @for item in items {
            @match item {
                Inline::Text(t) if marked => (t),
                Inline::Text(t) => (plain(ctx, t)),
                Inline::Bold(c) => strong { (inlines_in(ctx, c, marked)) },
                Inline::Italic(c) => em { (inlines_in(ctx, c, marked)) },
                Inline::Break => br;
                Inline::Foreign { lang, children } => span lang=(lang) { (inlines_in(ctx, children, true)) },
                Inline::Link { href, children } => {
                    @if safe_href(href) {
                        @if external(ctx, href) {
                            a href=(href) rel="nofollow noopener" { (inlines_in(ctx, children, marked)) }
                        } @else {
                            a href=(href) { (inlines_in(ctx, children, marked)) }
                        }
                    } @else {
                        (inlines_in(ctx, children, marked))
                    }
                }
            }
        }
    }
}

/// A plain text of the model (a title, a teaser's lead, a credit) on a page:
/// on a page in another language than Vietnamese, its Vietnamese runs are
/// marked `<span lang="vi">` ([`article::foreign`]). The translate stage
/// marks the runs of rich text in the model itself; this covers the model's
/// plain-string fields (titles, credits, teasers' leads) and versions
/// translated before it did.
pub(crate) fn plain(ctx: &Ctx<'_>, t: &str) -> Markup {
    if ctx.lang == "vi" || !article::foreign::has_vietnamese_letter(t) {
        return html! { (t) };
    }
    inlines_in(ctx, &article::foreign::mark_vietnamese(t), true)
}

/// A run of rich text.
pub(crate) fn rich(ctx: &Ctx<'_>, text: &RichText) -> Markup {
    inlines(ctx, &text.0)
}

/// A figure with caption and credit. The picture is shown only when it is
/// mirrored ([`crate::public::media`]); otherwise the caption stands alone, or the
/// alt text when there is no caption, never a broken or hot-linked picture.
pub(crate) fn figure(ctx: &Ctx<'_>, fig: &Figure, eager: bool) -> Markup {
    let has_caption = fig.caption.as_ref().is_some_and(|c| !c.is_blank());
    let stored = ctx.images.get(&fig.src);
    let alt = fig.alt.as_deref().unwrap_or("");
    html! {
        @if stored.is_some() || has_caption || !alt.trim().is_empty() {
            figure.figure {
                @if let Some(image) = stored {
                    (crate::public::media::picture(ctx, image, alt, crate::public::media::SIZES_ARTICLE, eager))
                } @else if !has_caption && !alt.trim().is_empty() {
                    figcaption.figure-alt { (plain(ctx, alt)) }
                }
                @if has_caption || (stored.is_some() && fig.credit.is_some()) {
                    figcaption {
                        @if let Some(caption) = &fig.caption {
                            (rich(ctx, caption))
                        }
                        @if let Some(credit) = &fig.credit {
                            " "
                            @let (before, after) = ctx.around("article-photo-credit", "credit");
                            span.credit { (before) (plain(ctx, credit)) (after) }
                        }
                    }
                }
            }
        }
    }
}

/// One body block.
pub(crate) fn block(ctx: &Ctx<'_>, b: &Block) -> Markup {
    html! {
        @match b {
            Block::Paragraph { text } => p { (rich(ctx, text)) },
            Block::Heading { level, text } => {
                @match level {
                    0..=2 => h2 { (rich(ctx, text)) },
                    3 => h3 { (rich(ctx, text)) },
                    4 => h4 { (rich(ctx, text)) },
                    5 => h5 { (rich(ctx, text)) },
                    _ => h6 { (rich(ctx, text)) },
                }
            }
            Block::Quote { text, cite } => blockquote {
                p { (rich(ctx, text)) }
                @if let Some(cite) = cite { footer { "— " cite { (plain(ctx, cite)) } } }
            },
            Block::List { ordered, items } => {
                @if *ordered {
                    ol { @for item in items { li { (rich(ctx, item)) } } }
                } @else {
                    ul { @for item in items { li { (rich(ctx, item)) } } }
                }
            }
            Block::Table { header, rows } => div.table-wrap {
                table {
                    @for (i, row) in rows.iter().enumerate() {
                        tr {
                            @for cell in row {
                                @if *header && i == 0 { th scope="col" { (rich(ctx, cell)) } }
                                @else { td { (rich(ctx, cell)) } }
                            }
                        }
                    }
                }
            },
            Block::Figure(fig) => (figure(ctx, fig, false)),
            Block::Embed { kind, url, title } => {
                @if safe_href(url) {
                    p.embed {
                        a href=(url) rel="nofollow noopener" {
                            (ctx.t(match kind {
                                EmbedKind::Video => "article-embed-video",
                                EmbedKind::Post => "article-embed-post",
                                EmbedKind::Map => "article-embed-map",
                                EmbedKind::Other => "article-embed-other",
                            }))
                        }
                        @if let Some(title) = title { ": " cite { (plain(ctx, title)) } }
                    }
                }
            }
        }
    }
}

/// The href of a teaser's article page.
pub(crate) fn teaser_href(ctx: &Ctx<'_>, t: &Teaser) -> String {
    urls::article(
        &t.lang,
        ctx.section_slug_in(t.section_id, &t.lang),
        t.article_id,
        &t.slug,
    )
}

/// A short date for lists.
pub(crate) fn short_date(ctx: &Ctx<'_>, ms: Option<i64>) -> Markup {
    let Some(at) =
        ms.and_then(|ms| crate::core::dates::from_ms(ms, crate::core::dates::default_offset()))
    else {
        return html! {};
    };
    let text = crate::core::dates::date(ctx.lang, &at);
    html! { time datetime=(at.to_rfc3339()) { (text) } }
}

/// A teaser card: image, section kicker, headline, lead, date.
pub(crate) fn teaser(ctx: &Ctx<'_>, t: &Teaser, style: TeaserStyle) -> Markup {
    let href = teaser_href(ctx, t);
    let image = t.image.as_ref();
    let class = match style {
        TeaserStyle::Lead => "teaser teaser-lead",
        TeaserStyle::Card | TeaserStyle::Listing => "teaser",
        TeaserStyle::Compact => "teaser teaser-compact",
    };
    html! {
        article class=(class) {
            @if let (Some(image), false) = (image, matches!(style, TeaserStyle::Compact)) {
                a.teaser-image href=(href) tabindex="-1" aria-hidden="true" {
                    (crate::public::media::picture(
                        ctx,
                        image,
                        t.image_alt.as_deref().unwrap_or(""),
                        if matches!(style, TeaserStyle::Lead) { crate::public::media::SIZES_LEAD } else { crate::public::media::SIZES_CARD },
                        matches!(style, TeaserStyle::Lead),
                    ))
                }
            }
            div.teaser-text {
                @if let (Some(section), TeaserStyle::Lead) = (ctx.section(t.section_id), style) {
                    p.kicker { a href=(urls::section(ctx.lang, section.slug_in(ctx.lang))) { (ctx.section_name(section)) } }
                }
                @if matches!(style, TeaserStyle::Listing) {
                    h2.teaser-title { a href=(href) { (plain(ctx, &t.title)) } }
                } @else {
                    h3.teaser-title { a href=(href) { (plain(ctx, &t.title)) } }
                }
                @if let (Some(lead), false) = (&t.lead, matches!(style, TeaserStyle::Compact)) {
                    p.teaser-lead-text { (plain(ctx, lead)) }
                }
                p.meta {
                    (short_date(ctx, t.published_at))
                    @if let Some(n) = ctx.comment_counts.get(&t.article_id).filter(|n| **n > 0) {
                        " · " a.comment-count href=(format!("{href}#comments")) {
                            (ctx.tw("comments-count", &[("count", crate::core::i18n::Arg::Num(*n)), ("shown", crate::core::i18n::Arg::Str(ctx.number(*n)))]))
                        }
                    }
                }
            }
        }
    }
}

/// How prominent a teaser is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TeaserStyle {
    /// The home page's top story.
    Lead,
    /// A card in a grid under a section heading (`h3`).
    Card,
    /// A card in a page's main list, right under its `h1` (`h2`).
    Listing,
    /// A headline-only line in a list.
    Compact,
}

/// A grid of teaser cards.
pub(crate) fn teaser_grid(ctx: &Ctx<'_>, items: &[Teaser], style: TeaserStyle) -> Markup {
    html! {
        div.grid { @for t in items { (teaser(ctx, t, style)) } }
    }
}
