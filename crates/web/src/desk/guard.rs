//! The one gate in front of every desk route that needs a user: the [`Desk`]
//! extractor (pages) and the [`DeskForm`] extractor (form POSTs).
//!
//! Each finds the route in [`RULES`] by its path pattern and method, signs
//! the user in from the session cookie, checks a form's CSRF token and origin,
//! finds the language the request acts on (a path segment, or the comment's
//! language read from the store) and asks [`authorize`]. A handler that takes
//! either extractor runs only for an allowed request; a route missing from
//! the table is refused.

use std::collections::HashMap;

use axum::extract::{FromRequest, FromRequestParts, MatchedPath, RawPathParams, Request};
use axum::http::request::Parts;
use axum::http::Method;
use axum::response::{IntoResponse, Redirect, Response};
use store::StoreError;

use super::permissions::{authorize, Action};
use super::{forbidden, not_found, read_form, server_error, session, tr, Desk};
use crate::core::app::AppState;
use crate::core::security::same_origin;

/// Where the language a route acts on comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LangOf {
    /// The route acts on no one language.
    Nothing,
    /// The `{lang}` path segment.
    Path,
    /// The language of the comment named by the `{id}` segment.
    Comment,
}

/// One desk route: method, path pattern (as in `routes()`), action, language.
type Rule = (Method, &'static str, Action, LangOf);

/// Every desk route that needs a signed-in user, and what it does.
const RULES: &[Rule] = &[
    (Method::GET, "/admin", Action::Read, LangOf::Nothing),
    (Method::GET, "/admin/", Action::Read, LangOf::Nothing),
    (
        Method::POST,
        "/admin/logout",
        Action::SignOut,
        LangOf::Nothing,
    ),
    (
        Method::POST,
        "/admin/jobs/{id}/retry",
        Action::RetryJob,
        LangOf::Nothing,
    ),
    (
        Method::GET,
        "/admin/comments",
        Action::Read,
        LangOf::Nothing,
    ),
    (
        Method::POST,
        "/admin/comments/threshold",
        Action::SetReportThreshold,
        LangOf::Nothing,
    ),
    (
        Method::POST,
        "/admin/comments/{id}/{action}",
        Action::ModerateComment,
        LangOf::Comment,
    ),
    (Method::GET, "/admin/review", Action::Read, LangOf::Nothing),
    (
        Method::GET,
        "/admin/articles",
        Action::Read,
        LangOf::Nothing,
    ),
    (
        Method::GET,
        "/admin/articles/{id}",
        Action::Read,
        LangOf::Nothing,
    ),
    (
        Method::POST,
        "/admin/articles/{id}/takedown",
        Action::TakeDown,
        LangOf::Nothing,
    ),
    (
        Method::POST,
        "/admin/articles/{id}/section",
        Action::FileArticle,
        LangOf::Nothing,
    ),
    (
        Method::GET,
        "/admin/articles/{id}/{lang}",
        Action::Read,
        LangOf::Nothing,
    ),
    (
        Method::POST,
        "/admin/articles/{id}/{lang}/status",
        Action::ReviewTranslation,
        LangOf::Path,
    ),
    (
        Method::POST,
        "/admin/articles/{id}/{lang}/segments/{n}",
        Action::ReviewTranslation,
        LangOf::Path,
    ),
    (
        Method::GET,
        "/admin/articles/{id}/{lang}/segments/{n}",
        Action::Read,
        LangOf::Nothing,
    ),
    (
        Method::POST,
        "/admin/articles/{id}/{lang}/segments/{n}/propagate",
        Action::ReviewTranslation,
        LangOf::Path,
    ),
    (
        Method::POST,
        "/admin/articles/{id}/{lang}/take",
        Action::ReviewTranslation,
        LangOf::Path,
    ),
    (
        Method::POST,
        "/admin/articles/{id}/{lang}/release",
        Action::ReviewTranslation,
        LangOf::Path,
    ),
    (
        Method::POST,
        "/admin/articles/{id}/{lang}/reviewed",
        Action::ReviewTranslation,
        LangOf::Path,
    ),
    (
        Method::GET,
        "/admin/audit",
        Action::ReadAudit,
        LangOf::Nothing,
    ),
    (
        Method::GET,
        "/admin/sources",
        Action::ManageSources,
        LangOf::Nothing,
    ),
    (
        Method::GET,
        "/admin/sources/{id}",
        Action::ManageSources,
        LangOf::Nothing,
    ),
    (
        Method::POST,
        "/admin/sources/{id}",
        Action::ManageSources,
        LangOf::Nothing,
    ),
    (
        Method::POST,
        "/admin/sources/{id}/{action}",
        Action::ManageSources,
        LangOf::Nothing,
    ),
    (
        Method::GET,
        "/admin/sections",
        Action::ManageSections,
        LangOf::Nothing,
    ),
    (
        Method::POST,
        "/admin/sections/{id}",
        Action::ManageSections,
        LangOf::Nothing,
    ),
    (
        Method::GET,
        "/admin/glossary",
        Action::ManageGlossary,
        LangOf::Nothing,
    ),
    (
        Method::POST,
        "/admin/glossary",
        Action::ManageGlossary,
        LangOf::Nothing,
    ),
    (
        Method::POST,
        "/admin/glossary/remove",
        Action::ManageGlossary,
        LangOf::Nothing,
    ),
    (
        Method::POST,
        "/admin/glossary/import",
        Action::ManageGlossary,
        LangOf::Nothing,
    ),
    (
        Method::GET,
        "/admin/glossary/export.csv",
        Action::ManageGlossary,
        LangOf::Nothing,
    ),
    (
        Method::GET,
        "/admin/users",
        Action::ManageUsers,
        LangOf::Nothing,
    ),
    (
        Method::POST,
        "/admin/users",
        Action::ManageUsers,
        LangOf::Nothing,
    ),
    (
        Method::POST,
        "/admin/users/{name}/{action}",
        Action::ManageUsers,
        LangOf::Nothing,
    ),
];

/// The rule for a request, if its route is in the table.
fn rule(method: &Method, pattern: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .find(|(m, p, _, _)| m == method && *p == pattern)
}

fn param<'a>(params: &'a RawPathParams, name: &str) -> Option<&'a str> {
    params.iter().find(|(k, _)| *k == name).map(|(_, v)| v)
}

/// The action a request does: the rule's, except that the comment route's
/// `ban` reaches every language.
fn action_of(rule: &Rule, params: &RawPathParams) -> Action {
    match (rule.2, param(params, "action")) {
        (Action::ModerateComment, Some("ban")) => Action::BanCommenter,
        (action, _) => action,
    }
}

/// The signed-in user, allowed to do what the route does, or the answer for
/// everyone else. `form` is the POSTed form (CSRF token and origin checked),
/// `None` for a page.
async fn admit(
    app: &AppState,
    parts: &mut Parts,
    form: Option<&HashMap<String, String>>,
) -> Result<Desk, Response> {
    let t = tr(app, &parts.headers);
    let pattern = parts
        .extensions
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string())
        .unwrap_or_default();
    let Some(rule) = rule(&parts.method, &pattern) else {
        tracing::error!(route = %pattern, "a desk route has no permission rule");
        return Err(forbidden(&t, "desk-forbidden"));
    };
    let Some(desk) = session::current(app, &parts.headers).await else {
        return Err(match form {
            None => Redirect::to("/admin/login").into_response(),
            Some(_) => forbidden(&t, "desk-sign-in-again"),
        });
    };
    if let Some(form) = form {
        let token = form.get("csrf").map(String::as_str).unwrap_or("");
        if !same_origin(&parts.headers, &app.portal.config.base_url) || !desk.csrf_ok(app, token) {
            return Err(forbidden(&t, "desk-form-unverified"));
        }
    }
    let params = RawPathParams::from_request_parts(parts, app)
        .await
        .map_err(IntoResponse::into_response)?;
    let action = action_of(rule, &params);
    let t = desk.tr(app);
    let lang = match rule.3 {
        LangOf::Nothing => None,
        LangOf::Path => param(&params, "lang").map(str::to_string),
        LangOf::Comment => {
            let Some(id) = param(&params, "id").and_then(|id| id.parse::<i64>().ok()) else {
                return Err(not_found(&t));
            };
            match app.portal.store.comment(id).await {
                Ok(c) => Some(c.lang),
                Err(StoreError::NotFound(_)) => return Err(not_found(&t)),
                Err(e) => return Err(server_error(&t, &e)),
            }
        }
    };
    authorize(&desk.user, action, lang.as_deref()).map_err(|why| {
        tracing::warn!(user = %desk.user.username, ?action, lang = ?lang, "desk action refused");
        forbidden(&t, why.key())
    })?;
    Ok(desk)
}

impl FromRequestParts<AppState> for Desk {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Desk, Response> {
        admit(app, parts, None).await
    }
}

/// A form POSTed by a signed-in user allowed to do what the route does.
pub(crate) struct DeskForm {
    /// Who sent it.
    pub desk: Desk,
    /// Its fields.
    pub form: HashMap<String, String>,
}

impl FromRequest<AppState> for DeskForm {
    type Rejection = Response;

    async fn from_request(req: Request, app: &AppState) -> Result<DeskForm, Response> {
        let (mut parts, body) = req.into_parts();
        let form = read_form(Request::from_parts(parts.clone(), body)).await;
        let desk = admit(app, &mut parts, Some(&form)).await?;
        Ok(DeskForm { desk, form })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_listed_once() {
        for (i, (m, p, _, _)) in RULES.iter().enumerate() {
            assert!(
                RULES[..i].iter().all(|(m2, p2, _, _)| m2 != m || p2 != p),
                "{m} {p} twice"
            );
        }
    }
}
