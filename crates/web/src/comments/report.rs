//! `POST /{lang}/{section}/{id}-{slug}/comments/{comment}/report`: a reader flags a comment.

use axum::extract::{FromRequest, Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;

use crate::app::{AppState, Ctx};
use crate::comments::{self, post::CommentForm};
use crate::pages::{article, respond};
use crate::security::same_origin;
use crate::WebError;

pub(crate) async fn report(
    State(app): State<AppState>,
    Path((lang, _section, tail, comment)): Path<(String, String, String, i64)>,
    req: Request,
) -> Response {
    let origin_ok = same_origin(req.headers(), &app.portal.config.base_url);
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
        let Ok(loaded) = article::load(&ctx, id).await? else {
            return Err(WebError::NotFound);
        };
        let token_ok = comments::check_token(
            &app.portal.secret,
            id,
            &lang,
            &form.token,
            store::now_ms(),
            0,
        )
        .is_ok();
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
        app.portal.store.report_comment(comment).await?;
        Ok(Redirect::to(&format!("{}?comment=reported#comments", loaded.path)).into_response())
    }
    .await;
    respond(&app, &lang, result).await
}
