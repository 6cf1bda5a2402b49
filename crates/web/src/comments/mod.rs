//! Readers' comments under an article: the block on the article page, the
//! signed form token, and plain-text rendering with autolinks.
//!
//! Posting (`post.rs`) and reporting (`report.rs`) are plain form POSTs
//! answered with a 303 back to `#comments`, so no JavaScript is needed.

pub(crate) mod post;
pub(crate) mod report;

use maud::{html, Markup};
use store::Comment;

use crate::app::Ctx;
use crate::i18n::Arg;
use crate::render::safe_href;
use crate::security::Secret;

/// Longest comment, in characters.
pub(crate) const MAX_BODY: usize = 3000;
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

/// Bidirectional embedding, override and isolate controls (U+202A–U+202E,
/// U+2066–U+2069), zero-width space, word joiner and invisible operators
/// (U+200B, U+2060–U+2064) and the byte-order mark (U+FEFF): invisible
/// characters that reorder or hide text around them. Comment text loses them;
/// joiners (U+200C, U+200D) and direction marks stay, since scripts and
/// emoji need them and the text is shown isolated (`dir="auto"`).
fn hides_or_reorders(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// Characters a name never needs: controls, every invisible formatting
/// character (general category Cf: direction marks and overrides, zero-width
/// characters, the byte-order mark, tags) and the Hangul fillers, which
/// render as blanks.
fn invisible_in_name(c: char) -> bool {
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
    c.is_control()
        || c.general_category() == GeneralCategory::Format
        || matches!(c, '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}')
}

/// A commenter's name as shown and stored: invisible characters removed,
/// runs of whitespace made one space, trimmed.
pub(crate) fn clean_name(name: &str) -> String {
    let visible: String = name.chars().filter(|c| !invisible_in_name(*c)).collect();
    visible.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A comment's text as stored: line endings normalised, controls other than
/// line breaks and tabs removed, characters that hide or reorder text removed
/// (see [`hides_or_reorders`]), trimmed.
pub(crate) fn clean_text(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter(|c| (!c.is_control() || *c == '\n' || *c == '\t') && !hides_or_reorders(*c))
        .collect::<String>()
        .trim()
        .to_string()
}

/// Places where a URL starts in `text`: (start, end) byte ranges of each link.
pub(crate) fn links(text: &str) -> Vec<(usize, usize)> {
    let lower = text.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(rel) = lower.get(from..).and_then(|rest| rest.find("http")) {
        let start = from + rel;
        let tail = lower.get(start..).unwrap_or("");
        let scheme = if tail.starts_with("https://") {
            8
        } else if tail.starts_with("http://") {
            7
        } else {
            from = start + 4;
            continue;
        };
        let len = text
            .get(start..)
            .unwrap_or("")
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
            .unwrap_or(text.len() - start);
        let mut end = start + len;
        while end > start + scheme {
            match text.get(..end).and_then(|s| s.chars().last()) {
                Some(c @ ('.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '\'')) => {
                    end -= c.len_utf8()
                }
                _ => break,
            }
        }
        if end > start + scheme {
            found.push((start, end));
        }
        from = end.max(start + scheme);
    }
    found
}

/// How many links a comment holds (URLs and bare `www.` addresses).
pub(crate) fn link_count(text: &str) -> usize {
    let lower = text.to_ascii_lowercase();
    let www = lower
        .match_indices("www.")
        .filter(|(i, _)| {
            let before = lower.get(..*i).unwrap_or("");
            !before.ends_with("://")
        })
        .count();
    links(text).len() + www
}

/// A comment's text: paragraphs at blank lines, `<br>` at line breaks,
/// http(s) URLs as nofollow links; everything else escaped by maud.
pub(crate) fn body_markup(text: &str) -> Markup {
    // Comments stored before cleaning existed are cleaned when shown.
    let text = clean_text(text);
    let paragraphs = text.split("\n\n").map(str::trim).filter(|p| !p.is_empty());
    html! {
        @for para in paragraphs {
            p {
                @for (i, line) in para.lines().enumerate() {
                    @if i > 0 { br; }
                    (linkify(line))
                }
            }
        }
    }
}

fn linkify(line: &str) -> Markup {
    let mut pieces: Vec<(bool, &str)> = Vec::new();
    let mut at = 0;
    for (start, end) in links(line) {
        pieces.push((false, line.get(at..start).unwrap_or("")));
        pieces.push((true, line.get(start..end).unwrap_or("")));
        at = end;
    }
    pieces.push((false, line.get(at..).unwrap_or("")));
    html! {
        @for (is_link, piece) in pieces {
            @if is_link && safe_href(piece) {
                a href=(piece) rel="nofollow ugc noopener" { (piece) }
            } @else {
                (piece)
            }
        }
    }
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

/// The whole `#comments` block of an article page.
pub(crate) fn section(
    ctx: &Ctx<'_>,
    article_path: &str,
    token: &str,
    comments: &[Comment],
    notice: Option<&str>,
) -> Markup {
    let action = format!("{article_path}/comments");
    let top: Vec<&Comment> = comments.iter().filter(|c| c.parent_id.is_none()).collect();
    let shown = comments
        .iter()
        .filter(|c| c.parent_id.is_none_or(|p| top.iter().any(|t| t.id == p)))
        .count() as i64;
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
            @if top.is_empty() {
                p.empty { (ctx.t("comments-empty")) }
            } @else {
                ol.comment-list {
                    @for c in &top {
                        li.comment id=(format!("comment-{}", c.id)) {
                            (one(ctx, &action, token, c))
                            @let replies: Vec<&Comment> = comments.iter().filter(|r| r.parent_id == Some(c.id)).collect();
                            @if !replies.is_empty() {
                                ol.replies {
                                    @for r in replies {
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
        script src=(crate::assets::comments_js_path()) defer {}
    }
}

fn one(ctx: &Ctx<'_>, action: &str, token: &str, c: &Comment) -> Markup {
    let when = crate::dates::from_ms(c.created_at, crate::dates::default_offset());
    html! {
        article.comment-body {
            header {
                strong.comment-author { bdi { (clean_name(&c.author_name)) } }
                @if let Some(at) = when {
                    " · " time datetime=(at.to_rfc3339()) { (crate::dates::format(ctx.lang, &ctx.t("datetime-format"), &at)) }
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
    fn urls_become_nofollow_links_and_everything_else_is_escaped() {
        let html = body_markup("See https://example.org/a?b=1&c=2.\n<script>alert(1)</script>\n\njavascript:alert(1) http://x.example/(y)").into_string();
        assert!(html.contains(r#"<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener">https://example.org/a?b=1&amp;c=2</a>."#), "{html}");
        assert!(
            html.contains("<br>&lt;script&gt;alert(1)&lt;/script&gt;</p><p>javascript:alert(1)"),
            "{html}"
        );
        assert!(html.contains(r#"href="http://x.example/(y""#), "{html}");
        assert!(!html.contains("<script"));
    }

    #[test]
    fn names_lose_invisible_and_reordering_characters() {
        assert_eq!(
            clean_name("\u{202E}nimda\u{202C} \u{200B}Ana\u{2066}\u{FEFF}  \u{3164} Lê\u{200D}"),
            "nimda Ana Lê"
        );
        assert_eq!(clean_name("\u{200F}\u{200E}\u{061C}\u{E0041}"), "");
        assert_eq!(clean_name("سارا  Müller 山田"), "سارا Müller 山田");
    }

    #[test]
    fn comment_text_loses_overrides_but_keeps_joiners_and_marks() {
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        let persian = "می\u{200C}خواهم";
        let text =
            format!("a\u{202E}b\u{2067}c\u{2069}\u{200B}\u{FEFF}d {family} {persian} \u{200F}x");
        assert_eq!(
            clean_text(&text),
            format!("abcd {family} {persian} \u{200F}x")
        );
        let html = body_markup("\u{202E}gnp.exe").into_string();
        assert!(!html.contains('\u{202E}'), "{html}");
    }

    #[test]
    fn deeply_nested_markup_like_text_is_rendered_flat_and_escaped() {
        // Nothing in the comment path parses nesting: 100,000 levels of
        // brackets and tags render in one pass, escaped.
        let deep = format!(
            "{}x{}",
            "(<b>[*_".repeat(100_000),
            "_*]</b>)".repeat(100_000)
        );
        let html = body_markup(&deep).into_string();
        assert!(!html.contains("<b>"));
        assert!(html.contains("&lt;b&gt;"));
        assert_eq!(link_count(&deep), 0);
        assert_eq!(clean_text(&deep).len(), deep.len());
    }

    #[test]
    fn links_are_counted_with_bare_www_addresses() {
        assert_eq!(
            link_count("a https://x.y b HTTP://Z.Q www.w.v https://www.k.l"),
            4
        );
        assert_eq!(link_count("http:// nothing https"), 0);
        assert_eq!(links("ở đây https://ví-dụ.vn/ả, xong"), vec![(10, 33)]);
    }

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
