//! Readers' comments under an article: the block on the article page, the
//! signed form token, and plain-text rendering with autolinks.
//!
//! Posting (`post.rs`) and reporting (`report.rs`) are plain form POSTs
//! answered with a 303 back to `#comments`, so no JavaScript is needed.

pub(crate) mod post;
pub(crate) mod report;

use maud::{html, Markup};
use store::{Comment, CommentPage};

use crate::core::app::Ctx;
use crate::core::comment_text::{body_markup, clean_name};
use crate::core::i18n::Arg;
use crate::core::security::Secret;

/// Longest comment, in characters.
pub(crate) const MAX_BODY: usize = 3000;
/// Threads shown under an article: the newest ones.
pub(crate) const MAX_THREADS: i64 = 100;
/// Replies shown in one thread: the first ones.
pub(crate) const MAX_REPLIES: i64 = 20;
/// Longest name, in characters.
pub(crate) const MAX_NAME: usize = 80;
/// Longest email address.
pub(crate) const MAX_EMAIL: usize = 254;
/// A form older than this must be reloaded.
const MAX_FORM_AGE_MS: i64 = 24 * 3600 * 1000;

/// The token in every comment form: when it was issued, signed for this
/// article and language. It is the CSRF token and the time-to-submit clock.
pub(crate) fn form_token(secret: &Secret, article_id: i64, lang: &str, now_ms: i64) -> String {
    let issued = now_ms.to_string();
    let sig = secret.sign(&["comment-form", &article_id.to_string(), lang, &issued]);
    format!("{issued}.{sig}")
}

/// Why a form token was refused.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum TokenProblem {
    /// Missing, forged or for another article: a cross-site post.
    Invalid,
    /// Sent sooner after loading than a person can write.
    TooFast,
    /// Too old.
    Expired,
}

/// Checks a form token; `min_age_ms` is the minimum time-to-submit (0: none).
pub(crate) fn check_token(
    secret: &Secret,
    article_id: i64,
    lang: &str,
    token: &str,
    now_ms: i64,
    min_age_ms: i64,
) -> Result<(), TokenProblem> {
    let (issued, sig) = token.split_once('.').ok_or(TokenProblem::Invalid)?;
    if !secret.verify(
        &["comment-form", &article_id.to_string(), lang, issued],
        sig,
    ) {
        return Err(TokenProblem::Invalid);
    }
    let issued: i64 = issued.parse().map_err(|_| TokenProblem::Invalid)?;
    let age = now_ms.saturating_sub(issued);
    if age < min_age_ms {
        return Err(TokenProblem::TooFast);
    }
    if age > MAX_FORM_AGE_MS {
        return Err(TokenProblem::Expired);
    }
    Ok(())
}

/// What a just-redirected reader is told above the comments.
pub(crate) fn notice_key(value: Option<&str>) -> Option<&'static str> {
    match value? {
        "posted" => Some("comment-posted"),
        "held" => Some("comment-held"),
        "reported" => Some("comment-reported"),
        _ => None,
    }
}

/// Values to put back into a refused form.
#[derive(Debug, Default, Clone)]
pub(crate) struct Prefill {
    pub name: String,
    pub email: String,
    pub body: String,
    pub parent: Option<i64>,
}

/// The comment form (top-level, or a reply to `prefill.parent`).
pub(crate) fn form(ctx: &Ctx<'_>, action: &str, token: &str, prefill: &Prefill) -> Markup {
    let id = prefill
        .parent
        .map_or_else(|| "comment-form".to_string(), |p| format!("reply-{p}"));
    let max = ctx.number(MAX_BODY as i64);
    html! {
        form.comment-form id=(id) method="post" action=(action) {
            input type="hidden" name="token" value=(token);
            @if let Some(p) = prefill.parent { input type="hidden" name="parent" value=(p); }
            div.comment-fields {
                p {
                    label for=(format!("{id}-name")) { (ctx.t("comment-name")) }
                    input id=(format!("{id}-name")) name="name" required maxlength=(MAX_NAME) autocomplete="name" value=(prefill.name);
                }
                p {
                    label for=(format!("{id}-email")) { (ctx.t("comment-email")) }
                    input id=(format!("{id}-email")) name="email" type="email" maxlength=(MAX_EMAIL) autocomplete="email" value=(prefill.email);
                }
            }
            // A field people never see; bots fill it in.
            p.hp aria-hidden="true" {
                label for=(format!("{id}-website")) { (ctx.t("comment-honeypot")) }
                input id=(format!("{id}-website")) name="website" tabindex="-1" autocomplete="off";
            }
            p {
                label for=(format!("{id}-body")) { (ctx.t("comment-body")) }
                textarea id=(format!("{id}-body")) name="body" required maxlength=(MAX_BODY) rows="6" aria-describedby=(format!("{id}-rules")) { (prefill.body) }
                small.hint id=(format!("{id}-rules")) { (ctx.tw("comment-rules", &[("max", Arg::Str(max))])) }
            }
            p.comment-submit {
                button type="submit" {
                    @if prefill.parent.is_some() { (ctx.t("comment-reply-submit")) } @else { (ctx.t("comment-submit")) }
                }
            }
        }
    }
}

/// The whole `#comments` block of an article page: the threads the store
/// chose ([`store::Store::comment_page`] with [`MAX_THREADS`] and
/// [`MAX_REPLIES`]), and how many comments are left out.
pub(crate) fn section(
    ctx: &Ctx<'_>,
    article_path: &str,
    token: &str,
    page: &CommentPage,
    notice: Option<&str>,
) -> Markup {
    let action = format!("{article_path}/comments");
    let shown = page.total;
    let on_page = i64::try_from(page.comments_on_page()).unwrap_or(i64::MAX);
    let hidden = shown.saturating_sub(on_page).max(0);
    html! {
        section #comments .comments aria-labelledby="comments-h" {
            h2 #comments-h {
                (ctx.t("comments-heading"))
                @if shown > 0 {
                    " " span.comment-count { "(" (ctx.tw("comments-count", &[("count", Arg::Num(shown)), ("shown", Arg::Str(ctx.number(shown)))])) ")" }
                }
            }
            @if let Some(key) = notice {
                p.notice role="status" { (ctx.t(key)) }
            }
            @if page.threads.is_empty() {
                p.empty { (ctx.t("comments-empty")) }
            } @else {
                @if hidden > 0 {
                    p.comments-hidden { (ctx.tw("comments-not-shown", &[("count", Arg::Num(hidden)), ("shown", Arg::Str(ctx.number(hidden)))])) }
                }
                ol.comment-list {
                    @for thread in &page.threads {
                        @let c = &thread.comment;
                        li.comment id=(format!("comment-{}", c.id)) {
                            (one(ctx, &action, token, c))
                            @if !thread.replies.is_empty() {
                                ol.replies {
                                    @for r in &thread.replies {
                                        li.comment.reply id=(format!("comment-{}", r.id)) { (one(ctx, &action, token, r)) }
                                    }
                                }
                            }
                            details.reply-box {
                                summary { (ctx.t("comment-reply")) }
                                (form(ctx, &action, token, &Prefill { parent: Some(c.id), ..Prefill::default() }))
                            }
                        }
                    }
                }
            }
            h3 { (ctx.t("comment-form-title")) }
            (form(ctx, &action, token, &Prefill::default()))
        }
        script src=(crate::core::assets::comments_js_path()) defer {}
    }
}

fn one(ctx: &Ctx<'_>, action: &str, token: &str, c: &Comment) -> Markup {
    let when = crate::core::dates::from_ms(c.created_at, crate::core::dates::default_offset());
    html! {
        article.comment-body {
            header {
                strong.comment-author { bdi { (clean_name(&c.author_name)) } }
                @if let Some(at) = when {
                    " · " time datetime=(at.to_rfc3339()) { (crate::core::dates::date_time(ctx.lang, &at)) }
                }
            }
            div.comment-text dir="auto" { (body_markup(&c.body)) }
            form.comment-report method="post" action=(format!("{action}/{}/report", c.id)) {
                input type="hidden" name="token" value=(token);
                button.quiet type="submit" { (ctx.t("comment-report")) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_bound_to_article_language_and_time() {
        let s = Secret::new(b"k");
        let t = form_token(&s, 7, "fr", 1_000_000);
        assert_eq!(check_token(&s, 7, "fr", &t, 1_005_000, 3000), Ok(()));
        assert_eq!(
            check_token(&s, 7, "fr", &t, 1_001_000, 3000),
            Err(TokenProblem::TooFast)
        );
        assert_eq!(
            check_token(&s, 8, "fr", &t, 1_005_000, 3000),
            Err(TokenProblem::Invalid)
        );
        assert_eq!(
            check_token(&s, 7, "en", &t, 1_005_000, 3000),
            Err(TokenProblem::Invalid)
        );
        assert_eq!(
            check_token(&s, 7, "fr", "", 1_005_000, 3000),
            Err(TokenProblem::Invalid)
        );
        assert_eq!(
            check_token(&s, 7, "fr", &t, 1_000_000 + MAX_FORM_AGE_MS + 1, 0),
            Err(TokenProblem::Expired)
        );
    }
}
