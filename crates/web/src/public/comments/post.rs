//! `POST /{lang}/{section}/{id}-{slug}/comments`: a reader's comment.

use axum::extract::{FromRequest, Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::html;
use serde::Deserialize;
use store::{CommentStatus, NewComment};

use crate::core::app::{App, AppState, Ctx};
use crate::core::comment_text::{clean_name, clean_text, link_count};
use crate::core::i18n::Arg;
use crate::core::security::{client_ip, ip_hash, same_origin};
use crate::public::comments::{self, Prefill, TokenProblem, MAX_BODY, MAX_EMAIL, MAX_NAME};
use crate::public::layout::{page, Head};
use crate::public::pages::article::{self, Lookup};
use crate::public::pages::{html, respond};
use crate::{Moderation, WebError};

/// The comment form's fields (all optional here; checked below).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct CommentForm {
    pub token: String,
    pub name: String,
    pub email: String,
    pub body: String,
    pub parent: String,
    /// The honeypot: people leave it empty.
    pub website: String,
    /// Why a reader reports a comment (report form only; optional).
    pub reason: String,
}

/// Why a comment was refused: the HTTP status and the message key.
struct Refusal(StatusCode, &'static str);

pub(crate) async fn create(
    State(app): State<AppState>,
    Path((lang, section, tail)): Path<(String, String, String)>,
    req: Request,
) -> Response {
    let ip = client_ip(req.headers(), req.extensions());
    let origin_ok = same_origin(req.headers(), &app.portal.config.base_url);
    let form = match Form::<CommentForm>::from_request(req, &()).await {
        Ok(Form(f)) => f,
        Err(_) => CommentForm::default(),
    };
    let result = handle(&app, &lang, &section, &tail, &ip, origin_ok, form).await;
    respond(&app, &lang, result).await
}

async fn handle(
    app: &App,
    lang: &str,
    section: &str,
    tail: &str,
    ip: &str,
    origin_ok: bool,
    form: CommentForm,
) -> Result<Response, WebError> {
    if !app.serves(lang) {
        return Err(WebError::NotFound);
    }
    let id = article::parse_id(tail).ok_or(WebError::NotFound)?;
    let ctx = Ctx::new(app, lang).await?;
    let loaded = match article::load(&ctx, id).await? {
        Lookup::Shown(loaded) => loaded,
        Lookup::TakenDown(reason) => return Err(WebError::Gone(reason)),
        Lookup::OnlyIn(_) | Lookup::Missing => return Err(WebError::NotFound),
    };
    let _ = section;
    let settings = &app.portal.comments;
    let now = store::now_ms();
    let prefill = Prefill {
        name: clean_name(&form.name),
        email: form.email.trim().to_string(),
        body: clean_text(&form.body),
        parent: form.parent.trim().parse().ok(),
    };
    let refused = |r: Refusal| refusal(&ctx, &loaded.path, id, r, &prefill);
    if !origin_ok {
        return Ok(refused(Refusal(
            StatusCode::FORBIDDEN,
            "comment-error-forbidden",
        )));
    }
    let min_age =
        i64::try_from(settings.min_submit_seconds.saturating_mul(1000)).unwrap_or(i64::MAX);
    let secret = &app.portal.secret;
    match comments::check_token(secret, id, lang, &form.token, now, min_age) {
        Ok(()) => {}
        Err(TokenProblem::Invalid) => {
            return Ok(refused(Refusal(
                StatusCode::FORBIDDEN,
                "comment-error-forbidden",
            )))
        }
        Err(TokenProblem::TooFast) => {
            return Ok(refused(Refusal(
                StatusCode::UNPROCESSABLE_ENTITY,
                "comment-error-fast",
            )))
        }
        Err(TokenProblem::Expired) => {
            return Ok(refused(Refusal(
                StatusCode::UNPROCESSABLE_ENTITY,
                "comment-error-expired",
            )))
        }
    }
    if !form.website.is_empty() {
        return Ok(refused(Refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            "comment-error-spam",
        )));
    }
    if prefill.name.is_empty() || prefill.name.chars().count() > MAX_NAME {
        return Ok(refused(Refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            "comment-error-name",
        )));
    }
    if !prefill.email.is_empty()
        && (prefill.email.len() > MAX_EMAIL
            || !prefill.email.contains('@')
            || prefill.email.chars().any(char::is_whitespace))
    {
        return Ok(refused(Refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            "comment-error-email",
        )));
    }
    if prefill.body.trim().is_empty() {
        return Ok(refused(Refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            "comment-error-body",
        )));
    }
    if prefill.body.chars().count() > MAX_BODY {
        return Ok(refused(Refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            "comment-error-too-long",
        )));
    }
    if link_count(&prefill.body) > settings.max_links {
        return Ok(refused(Refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            "comment-error-links",
        )));
    }
    let hash = ip_hash(secret, ip);
    if app.portal.store.ip_hash_banned(&hash).await? {
        return Ok(refused(Refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            "comment-error-spam",
        )));
    }
    let recent = app
        .portal
        .store
        .comments_since(&hash, now - 10 * 60 * 1000)
        .await?;
    let on_article = app
        .portal
        .store
        .article_comments_since(id, now - 10 * 60 * 1000)
        .await?;
    if recent >= settings.per_ip_per_10_minutes || on_article >= settings.per_article_per_10_minutes
    {
        return Ok(refused(Refusal(
            StatusCode::TOO_MANY_REQUESTS,
            "comment-error-rate",
        )));
    }
    let lower = prefill.body.to_lowercase();
    let flagged = settings
        .held_words
        .iter()
        .any(|w| !w.is_empty() && lower.contains(&w.to_lowercase()));
    let status = if settings.moderation == Moderation::Pre || flagged {
        CommentStatus::Pending
    } else {
        CommentStatus::Visible
    };
    let window = std::time::Duration::from_secs(600);
    if !app
        .comment_limiter
        .allow(&hash, settings.per_ip_per_10_minutes, window)
        || !app.comment_limiter.allow(
            &format!("article:{id}"),
            settings.per_article_per_10_minutes,
            window,
        )
    {
        return Ok(refused(Refusal(
            StatusCode::TOO_MANY_REQUESTS,
            "comment-error-rate",
        )));
    }
    let stored = app
        .portal
        .store
        .add_comment(&NewComment {
            article_id: id,
            lang,
            parent_id: prefill.parent,
            author_name: &prefill.name,
            email: (!prefill.email.is_empty()).then_some(prefill.email.as_str()),
            body: &prefill.body,
            status,
            ip_hash: &hash,
        })
        .await;
    match stored {
        Ok(_) => {}
        // A parent from another article, or one deleted meanwhile.
        Err(store::StoreError::NotFound(_) | store::StoreError::Conflict(_)) => {
            return Ok(refused(Refusal(
                StatusCode::UNPROCESSABLE_ENTITY,
                "comment-error-forbidden",
            )))
        }
        // The database cannot take writes (read-only, full, failing disk,
        // locked): say so, with the reader's text kept in the form.
        Err(
            e @ (store::StoreError::ReadOnly(_)
            | store::StoreError::Full(_)
            | store::StoreError::Io(_)
            | store::StoreError::Locked(_)),
        ) => {
            tracing::error!(error = %e, "a comment could not be stored");
            return Ok(refused(Refusal(
                StatusCode::SERVICE_UNAVAILABLE,
                "comment-error-unavailable",
            )));
        }
        Err(e) => return Err(e.into()),
    }
    let outcome = if status == CommentStatus::Visible {
        "posted"
    } else {
        "held"
    };
    Ok(Redirect::to(&format!("{}?comment={outcome}#comments", loaded.path)).into_response())
}

/// At most `max` characters of `text`.
fn first_chars(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// The localized refusal page: the reason, and the form again with what was
/// written, cut to the form's limits (a refused megabyte is not sent back).
fn refusal(ctx: &Ctx<'_>, path: &str, id: i64, r: Refusal, prefill: &Prefill) -> Response {
    let token = comments::form_token(&ctx.app.portal.secret, id, ctx.lang, store::now_ms());
    let max = ctx.number(MAX_BODY as i64);
    let length = ctx.number(i64::try_from(prefill.body.chars().count()).unwrap_or(i64::MAX));
    let message = ctx.tw(r.1, &[("max", Arg::Str(max)), ("length", Arg::Str(length))]);
    let prefill = &Prefill {
        name: first_chars(&prefill.name, MAX_NAME),
        email: first_chars(&prefill.email, MAX_EMAIL),
        body: first_chars(&prefill.body, MAX_BODY),
        parent: prefill.parent,
    };
    let head = Head {
        title: ctx.t("comment-error-title"),
        noindex: true,
        ..Head::default()
    };
    let main = html! {
        section.comment-refused #comments {
            h1 { (ctx.t("comment-error-title")) }
            p.error role="alert" { (message) }
            (comments::form(ctx, &format!("{path}/comments"), &token, prefill))
            p { a href=(format!("{path}#comments")) { (ctx.t("comment-back")) } }
        }
    };
    let mut resp = html(r.0, page(ctx, head, main));
    resp.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    resp
}
