//! `/admin/login` and `/admin/logout`: argon2id passwords, a signed login
//! form token, and failed attempts throttled per user name *from one IP hash*
//! and per IP hash. A name is never locked for everyone: failures from an
//! attacker's address lock that address out, not the real user signing in
//! from theirs; many failures on one name from many addresses slow every
//! attempt on it down instead.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use argon2::{Argon2, PasswordHash, PasswordVerifier};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use maud::html;

use super::{forbidden, read_form, respond, session, shell, tr, DeskForm};
use crate::core::app::{App, AppState};
use crate::core::security::{client_ip, ip_hash, same_origin};

/// Failed sign-ins counted over this window.
const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Failures allowed per user name from one IP hash in a window.
const PER_USER_IP: u32 = 5;
/// Failures on one user name, from all addresses, after which every attempt
/// on it waits [`SLOWDOWN`] first.
const PER_USER_SLOW: i64 = 10;
/// The wait of [`PER_USER_SLOW`].
const SLOWDOWN: Duration = Duration::from_secs(1);
/// Failures allowed per IP hash in a window.
const PER_IP: u32 = 20;
/// A login form older than this must be reloaded (ms).
const FORM_AGE_MS: i64 = 3600 * 1000;
/// Entries kept before old ones are dropped (bounded memory under attack).
const MAX_KEYS: usize = 10_000;

/// The user name an attempt claimed, as the audit log keeps it: lowercased, at most 80 characters.
fn claimed_name(username: &str) -> String {
    username.to_lowercase().chars().take(80).collect()
}

/// Failures recorded in the database — by every web node — in the window:
/// (for this user name from this IP hash, from this IP hash, for this user
/// name from anywhere). A database error counts none: the in-process limit
/// still holds.
async fn failures_everywhere<'a>(
    app: &'a App,
    claimed: &'a str,
    ip_target: &'a str,
) -> (i64, i64, i64) {
    let since = store::now_ms() - WINDOW.as_millis() as i64;
    let store = &app.portal.store;
    let count = |actor: Option<&'a str>, target: Option<&'a str>| {
        store.audit_count_since("login_failed", actor, target, since)
    };
    (
        count(Some(claimed), Some(ip_target)).await.unwrap_or(0),
        count(None, Some(ip_target)).await.unwrap_or(0),
        count(Some(claimed), None).await.unwrap_or(0),
    )
}

/// Failed sign-in attempts per key, in this process.
#[derive(Debug, Default)]
pub(crate) struct Throttle {
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

impl Throttle {
    fn count(&self, key: &str) -> u32 {
        let Ok(map) = self.failures.lock() else {
            return 0;
        };
        map.get(key)
            .filter(|(_, since)| since.elapsed() < WINDOW)
            .map_or(0, |(n, _)| *n)
    }

    fn fail(&self, key: &str) {
        let Ok(mut map) = self.failures.lock() else {
            return;
        };
        if map.len() >= MAX_KEYS {
            map.retain(|_, (_, since)| since.elapsed() < WINDOW);
        }
        if map.len() >= MAX_KEYS {
            return;
        }
        let entry = map.entry(key.to_string()).or_insert((0, Instant::now()));
        if entry.1.elapsed() >= WINDOW {
            *entry = (0, Instant::now());
        }
        entry.0 += 1;
    }

    fn clear(&self, key: &str) {
        if let Ok(mut map) = self.failures.lock() {
            map.remove(key);
        }
    }
}

/// A hash of a random password with the default (CLI) parameters, made once.
fn dummy_hash() -> Option<&'static str> {
    use argon2::password_hash::{PasswordHasher, SaltString};
    static HASH: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    HASH.get_or_init(|| {
        let salt = SaltString::encode_b64(crate::core::security::nonce().as_bytes()).ok()?;
        Argon2::default()
            .hash_password(crate::core::security::nonce().as_bytes(), &salt)
            .ok()
            .map(|h| h.to_string())
    })
    .as_deref()
}

fn login_token(app: &App) -> String {
    let issued = store::now_ms().to_string();
    let sig = app.portal.secret.sign(&["desk-login", &issued]);
    format!("{issued}.{sig}")
}

fn login_token_ok(app: &App, token: &str) -> bool {
    let Some((issued, sig)) = token.split_once('.') else {
        return false;
    };
    let fresh = issued
        .parse::<i64>()
        .is_ok_and(|at| store::now_ms().saturating_sub(at) <= FORM_AGE_MS);
    fresh && app.portal.secret.verify(&["desk-login", issued], sig)
}

fn page(app: &App, headers: &HeaderMap, status: StatusCode, error: Option<&str>) -> Response {
    let token = login_token(app);
    let t = tr(app, headers);
    respond(
        status,
        shell(
            &t,
            &t.t("desk-sign-in"),
            None,
            html! {
                @if let Some(e) = error { p.error role="alert" { (t.t(e)) } }
                form method="post" action="/admin/login" {
                    input type="hidden" name="token" value=(token);
                    p { label { (t.t("desk-username")) " " input name="username" required autocomplete="username"; } }
                    p { label { (t.t("desk-password")) " " input name="password" type="password" required autocomplete="current-password"; } }
                    p { button type="submit" { (t.t("desk-sign-in")) } }
                }
            },
        ),
    )
}

/// `GET /admin/login`.
pub(crate) async fn form(State(app): State<AppState>, headers: HeaderMap) -> Response {
    if session::current(&app, &headers).await.is_some() {
        return Redirect::to("/admin").into_response();
    }
    page(&app, &headers, StatusCode::OK, None)
}

/// `POST /admin/login`.
pub(crate) async fn login(
    State(app): State<AppState>,
    Extension(throttle): Extension<Arc<Throttle>>,
    headers: HeaderMap,
    req: Request,
) -> Response {
    let ip = client_ip(&headers, req.extensions());
    let form = read_form(req).await;
    let token = form.get("token").map(String::as_str).unwrap_or("");
    if !same_origin(&headers, &app.portal.config.base_url) || !login_token_ok(&app, token) {
        return forbidden(&tr(&app, &headers), "desk-form-unverified");
    }
    let username = form.get("username").map(|u| u.trim()).unwrap_or("");
    let password = form.get("password").cloned().unwrap_or_default();
    let hashed_ip = ip_hash(&app.portal.secret, &ip);
    let ip_key = format!("ip:{hashed_ip}");
    let claimed = claimed_name(username);
    let user_key = format!("user:{claimed} ip:{hashed_ip}");
    let ip_target = format!("ip {hashed_ip}");
    let (user_here, ip_all, user_all) = failures_everywhere(&app, &claimed, &ip_target).await;
    if throttle.count(&ip_key) >= PER_IP
        || throttle.count(&user_key) >= PER_USER_IP
        || user_here >= i64::from(PER_USER_IP)
        || ip_all >= i64::from(PER_IP)
    {
        return page(
            &app,
            &headers,
            StatusCode::TOO_MANY_REQUESTS,
            Some("desk-too-many-attempts"),
        );
    }
    if user_all >= PER_USER_SLOW {
        tokio::time::sleep(SLOWDOWN).await;
    }
    let user = match app.portal.store.user_by_name(username).await {
        Ok(u) => u,
        Err(e) => return super::server_error(&tr(&app, &headers), &e),
    };
    let verified = match &user {
        Some(u) if !password.is_empty() && password.len() <= 1024 => {
            let hash = u.password_hash.clone();
            // argon2id is deliberately slow: keep it off the async workers.
            tokio::task::spawn_blocking(move || {
                PasswordHash::new(&hash)
                    .map(|parsed| {
                        Argon2::default()
                            .verify_password(password.as_bytes(), &parsed)
                            .is_ok()
                    })
                    .unwrap_or(false)
            })
            .await
            .unwrap_or(false)
        }
        _ => {
            // Spend the same time on unknown names, so timing does not tell which names exist.
            let password = password.clone();
            tokio::task::spawn_blocking(move || {
                if let Some(hash) = dummy_hash() {
                    if let Ok(parsed) = PasswordHash::new(hash) {
                        let _ = Argon2::default().verify_password(password.as_bytes(), &parsed);
                    }
                }
            })
            .await
            .ok();
            false
        }
    };
    let Some(user) = user.filter(|_| verified) else {
        throttle.fail(&ip_key);
        throttle.fail(&user_key);
        tracing::warn!(user = username, "desk sign-in failed");
        // Recorded for the audit log and for the other web nodes' limits.
        if let Err(e) = app
            .portal
            .store
            .audit(&claimed, "login_failed", &ip_target, None)
            .await
        {
            tracing::warn!(error = %e, "cannot record a failed sign-in");
        }
        return page(
            &app,
            &headers,
            StatusCode::UNAUTHORIZED,
            Some("desk-wrong-password"),
        );
    };
    throttle.clear(&user_key);
    if let Err(e) = app
        .portal
        .store
        .audit(
            &user.username,
            "login",
            &format!("user {}", user.username),
            None,
        )
        .await
    {
        return super::server_error(&tr(&app, &headers), &e);
    }
    let cookie = session::start(&app, &headers, &user);
    let mut r = Redirect::to("/admin").into_response();
    if let Ok(v) = cookie.parse() {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    r
}

/// `POST /admin/logout`.
pub(crate) async fn logout(
    State(app): State<AppState>,
    headers: HeaderMap,
    DeskForm { desk, .. }: DeskForm,
) -> Response {
    if let Err(e) = app
        .portal
        .store
        .audit(&desk.user.username, "logout", &desk.target(), None)
        .await
    {
        return super::server_error(&desk.tr(&app), &e);
    }
    let mut r = Redirect::to("/admin/login").into_response();
    if let Ok(v) = session::end(&app, &headers).parse() {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    r
}
