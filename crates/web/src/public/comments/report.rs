//! `POST /{lang}/{section}/{id}-{slug}/comments/{comment}/report`: a reader flags a comment.
//!
//! A report counts once per reader (salted IP hash) and once per page (the
//! form token, hashed): the store refuses the second from either, so one
//! reader — or one page replayed from many addresses — cannot hide a comment
//! alone. A comment is hidden when as many distinct readers reported it as
//! the threshold an editor sets at the desk. Reports per reader are limited
//! (in this process and, across web nodes, by the store's count); a repeated
//! or over-limit report is answered like any other so it tells nothing, except
//! that the limit is said once it is reached.

use std::time::Duration;

use axum::extract::{FromRequest, Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;

use crate::core::app::{AppState, Ctx};
use crate::core::comment_text::clean_name;
use crate::core::security::{client_ip, ip_hash, same_origin};
use crate::public::comments::{self, post::CommentForm};
use crate::public::pages::article::{self, Lookup};
use crate::public::pages::respond;
use crate::WebError;

/// Reports one reader may make in [`REPORT_WINDOW`], on any comments.
pub(crate) const REPORTS_PER_READER: i64 = 10;
/// The window of [`REPORTS_PER_READER`].
pub(crate) const REPORT_WINDOW: Duration = Duration::from_secs(3600);

pub(crate) async fn report(
    State(app): State<AppState>,
    Path((lang, _section, tail, comment)): Path<(String, String, String, i64)>,
    req: Request,
) -> Response {
    let origin_ok = same_origin(req.headers(), &app.portal.config.base_url);
    let ip = client_ip(req.headers(), req.extensions());
    let form = match Form::<CommentForm>::from_request(req, &()).await {
        Ok(Form(f)) => f,
        Err(_) => CommentForm::default(),
    };
    let result = async {
        if !app.serves(&lang) {
            return Err(WebError::NotFound);
        }
        let id = article::parse_id(&tail).ok_or(WebError::NotFound)?;
        let ctx = Ctx::new(&app, &lang).await?;
        let loaded = match article::load(&ctx, id).await? {
            Lookup::Shown(loaded) => loaded,
            Lookup::TakenDown(reason) => return Err(WebError::Gone(reason)),
            Lookup::OnlyIn(_) | Lookup::Missing => return Err(WebError::NotFound),
        };
        let secret = &app.portal.secret;
        let token_ok =
            comments::check_token(secret, id, &lang, &form.token, store::now_ms(), 0).is_ok();
        if !origin_ok || !token_ok {
            return Ok((StatusCode::FORBIDDEN, ctx.t("comment-error-forbidden")).into_response());
        }
        let c = app
            .portal
            .store
            .comment(comment)
            .await
            .map_err(WebError::from_store)?;
        if c.article_id != id || c.lang != lang {
            return Err(WebError::NotFound);
        }
        let reader = ip_hash(secret, &ip);
        let window_ms = i64::try_from(REPORT_WINDOW.as_millis()).unwrap_or(i64::MAX);
        let counted_lately = app
            .portal
            .store
            .reports_by_reader_since(&reader, store::now_ms() - window_ms)
            .await?;
        if counted_lately >= REPORTS_PER_READER
            || !app.comment_limiter.allow(
                &format!("report:{reader}"),
                REPORTS_PER_READER,
                REPORT_WINDOW,
            )
        {
            return Ok((
                StatusCode::TOO_MANY_REQUESTS,
                ctx.t("comment-error-report-rate"),
            )
                .into_response());
        }
        let page = secret.sign(&["comment-report-token", &form.token]);
        let reason = clean_name(&form.reason);
        app.portal
            .store
            .report_comment(
                comment,
                &reader,
                &page,
                Some(reason.as_str()).filter(|r| !r.is_empty()),
            )
            .await?;
        Ok(Redirect::to(&format!("{}?comment=reported#comments", loaded.path)).into_response())
    }
    .await;
    respond(&app, &lang, result).await
}
