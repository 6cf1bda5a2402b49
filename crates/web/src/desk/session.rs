//! Desk sessions: a signed cookie (no session table). The signature covers
//! the user's password hash, so a password change ends every session.

use axum::http::HeaderMap;
use store::User;

use crate::core::app::App;
use crate::core::security::{cookie, hex, is_https, nonce, unhex};

/// The session cookie's name.
pub(crate) const COOKIE: &str = "nb_desk";
/// How long a sign-in lasts.
const LIFETIME_MS: i64 = 8 * 3600 * 1000;

/// A signed-in desk user.
#[derive(Debug, Clone)]
pub(crate) struct Desk {
    pub user: User,
    /// The session's random id: CSRF tokens are bound to it.
    nonce: String,
    /// The desk language of this request.
    pub lang: String,
}

impl Desk {
    /// The desk's strings in this editor's language.
    pub fn tr<'a>(&self, app: &'a App) -> super::Tr<'a> {
        super::Tr::new(app, &self.lang)
    }

    /// The CSRF token for this session's forms.
    pub fn csrf(&self, app: &App) -> String {
        app.portal.secret.sign(&["desk-csrf", &self.nonce])
    }

    /// The audit target naming this session.
    pub fn target(&self) -> String {
        target(&self.nonce)
    }

    /// Whether this user may do `action` on content in `lang` (see
    /// `permissions.rs`); pages use it to offer only what the user may do.
    pub fn may(&self, action: super::Action, lang: Option<&str>) -> bool {
        super::permissions::authorize(&self.user, action, lang).is_ok()
    }

    /// Whether a form's CSRF token belongs to this session.
    pub fn csrf_ok(&self, app: &App, token: &str) -> bool {
        app.portal.secret.verify(&["desk-csrf", &self.nonce], token)
    }
}

/// The user behind the request's session cookie, if it is valid and unexpired.
pub(crate) async fn current(app: &App, headers: &HeaderMap) -> Option<Desk> {
    let value = cookie(headers, COOKIE)?;
    let mut parts = value.split('.');
    let (expires, nonce, name, sig) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || expires.parse::<i64>().ok()? < store::now_ms() {
        return None;
    }
    let username = String::from_utf8(unhex(name)?).ok()?;
    let user = app.portal.store.user_by_name(&username).await.ok()??;
    let signed = [
        "desk-session",
        expires,
        nonce,
        name,
        user.password_hash.as_str(),
    ];
    if !app.portal.secret.verify(&signed, sig) {
        return None;
    }
    // Signing out is recorded, so a copied cookie dies with its session.
    match app.portal.store.audit_has("logout", &target(nonce)).await {
        Ok(false) => {}
        Ok(true) | Err(_) => return None,
    }
    // Enabling a disabled user restores the old hash: sessions from before
    // the disabling must stay ended.
    let issued = expires.parse::<i64>().ok()?.saturating_sub(LIFETIME_MS);
    let target = format!("user {}", user.username);
    match app
        .portal
        .store
        .audit_last_at("user_disabled", &target)
        .await
    {
        Ok(Some(at)) if at >= issued => return None,
        Ok(_) => {}
        Err(_) => return None,
    }
    Some(Desk {
        user,
        nonce: nonce.to_string(),
        lang: super::tr(app, headers).lang,
    })
}

fn target(nonce: &str) -> String {
    format!("session {nonce}")
}

/// A `Set-Cookie` value starting a new session for `user` (a fresh id every
/// time, so a session id planted before sign-in is never adopted).
pub(crate) fn start(app: &App, headers: &HeaderMap, user: &User) -> String {
    let expires = (store::now_ms() + LIFETIME_MS).to_string();
    let nonce = nonce();
    let name = hex(user.username.as_bytes());
    let sig =
        app.portal
            .secret
            .sign(&["desk-session", &expires, &nonce, &name, &user.password_hash]);
    let secure = if is_https(headers, &app.portal.config.base_url) {
        "; Secure"
    } else {
        ""
    };
    format!(
        "{COOKIE}={expires}.{nonce}.{name}.{sig}; Path=/admin; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
        LIFETIME_MS / 1000
    )
}

/// A `Set-Cookie` value ending the session.
pub(crate) fn end(app: &App, headers: &HeaderMap) -> String {
    let secure = if is_https(headers, &app.portal.config.base_url) {
        "; Secure"
    } else {
        ""
    };
    format!("{COOKIE}=; Path=/admin; HttpOnly; SameSite=Lax; Max-Age=0{secure}")
}
