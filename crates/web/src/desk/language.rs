//! `GET /admin/language?lang=fr`: the editor picks the desk's language (a
//! cookie; no database change, so no CSRF token is needed).

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Redirect, Response};

use crate::core::app::AppState;
use crate::core::security::is_https;

/// The cookie holding the chosen desk language.
pub(crate) const COOKIE: &str = "nb_desk_lang";

/// Sets the language and goes back to the desk page the editor came from.
pub(crate) async fn choose(
    State(app): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let back = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(desk_path)
        .unwrap_or_else(|| "/admin".to_string());
    let mut r = Redirect::to(&back).into_response();
    let Some(lang) = q.get("lang").filter(|l| app.locales.has(l)) else {
        return r;
    };
    let secure = if is_https(&headers, &app.portal.config.base_url) {
        "; Secure"
    } else {
        ""
    };
    let cookie =
        format!("{COOKIE}={lang}; Path=/admin; HttpOnly; SameSite=Lax; Max-Age=31536000{secure}");
    if let Ok(v) = cookie.parse() {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    r
}

/// The `/admin…` path of a Referer URL, never another site's or a
/// protocol-relative one.
fn desk_path(referer: &str) -> Option<String> {
    let rest = referer.split_once("://").map_or(referer, |(_, r)| r);
    let path = &rest[rest.find('/')?..];
    (path.starts_with("/admin") && !path.starts_with("/admin/language")).then(|| path.to_string())
}

#[cfg(test)]
mod tests {
    use super::desk_path;

    #[test]
    fn goes_back_to_desk_pages_only() {
        assert_eq!(
            desk_path("https://news.example/admin/users?x=1").as_deref(),
            Some("/admin/users?x=1")
        );
        assert_eq!(desk_path("https://news.example/fr/"), None);
        assert_eq!(desk_path("https://news.example"), None);
        assert_eq!(
            desk_path("https://news.example/admin/language?lang=fr"),
            None
        );
    }
}
