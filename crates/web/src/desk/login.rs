//! `/admin/login` and `/admin/logout`: argon2id passwords, a signed login
//! form token, and failed attempts throttled per user name *from one IP hash*
//! and per IP hash. A name is never locked for everyone: failures from an
//! attacker's address lock that address out, not the real user signing in
//! from theirs; many failures on one name from many addresses slow every
//! attempt on it down instead.
//!
//! An attempt is counted before its password is checked, in one step with the
//! check of the limits, so a burst of concurrent attempts from one address
//! gets no more checks than the limits allow; a successful one is given back.
//! Password checks (argon2id: about 19 MiB and a few tens of milliseconds of
//! CPU each) run [`VERIFYING_AT_ONCE`] at a time, whoever sends them: a flood
//! of sign-ins from many addresses waits its turn (at most
//! [`VERIFY_QUEUE_WAIT`], then 503) instead of holding a hash's memory per
//! request.

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
/// Password checks running at once in this process.
const VERIFYING_AT_ONCE: usize = 4;
/// Longest wait for a turn to check a password; past it the attempt is
/// answered 503 and not counted.
const VERIFY_QUEUE_WAIT: Duration = Duration::from_secs(10);
/// Longest user name and password looked at (bytes); a longer password is
/// checked as a wrong one (the same work, so the time does not tell whether
/// the name exists), a longer name as an unknown one.
const MAX_FIELD: usize = 1024;

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

/// Sign-in attempts per key in this process, and the turns to check a password.
#[derive(Debug)]
pub(crate) struct Throttle {
    failures: Mutex<HashMap<String, (u32, Instant)>>,
    verifying: Arc<tokio::sync::Semaphore>,
}

impl Default for Throttle {
    fn default() -> Self {
        Throttle {
            failures: Mutex::default(),
            verifying: Arc::new(tokio::sync::Semaphore::new(VERIFYING_AT_ONCE)),
        }
    }
}

impl Throttle {
    /// Counts an attempt against every `(key, max)` at once, unless one of
    /// them has already reached its max in the window (then nothing is
    /// counted and the answer is false). With the table full of keys still
    /// in their window, new keys are not counted (the database's counts
    /// still hold).
    fn charge(&self, limits: &[(&str, u32)]) -> bool {
        let Ok(mut map) = self.failures.lock() else {
            return false;
        };
        let live = |entry: Option<&(u32, Instant)>| {
            entry
                .filter(|(_, since)| since.elapsed() < WINDOW)
                .map_or(0, |(n, _)| *n)
        };
        if limits.iter().any(|(key, max)| live(map.get(*key)) >= *max) {
            return false;
        }
        if map.len() + limits.len() > MAX_KEYS {
            map.retain(|_, (_, since)| since.elapsed() < WINDOW);
        }
        for (key, _) in limits {
            if !map.contains_key(*key) && map.len() >= MAX_KEYS {
                continue;
            }
            let entry = map.entry((*key).to_string()).or_insert((0, Instant::now()));
            if entry.1.elapsed() >= WINDOW {
                *entry = (0, Instant::now());
            }
            entry.0 += 1;
        }
        true
    }

    /// Gives back one attempt counted for `key` (it succeeded, or was never made).
    fn refund(&self, key: &str) {
        if let Ok(mut map) = self.failures.lock() {
            if let Some(entry) = map.get_mut(key) {
                entry.0 = entry.0.saturating_sub(1);
            }
        }
    }

    fn clear(&self, key: &str) {
        if let Ok(mut map) = self.failures.lock() {
            map.remove(key);
        }
    }

    /// Runs `check` (a password hash check) on the blocking pool when one of
    /// the [`VERIFYING_AT_ONCE`] turns is free; `None` when no turn came
    /// within [`VERIFY_QUEUE_WAIT`] (or the check could not run).
    async fn verify<F>(&self, check: F) -> Option<bool>
    where
        F: FnOnce() -> bool + Send + 'static,
    {
        let turn = tokio::time::timeout(VERIFY_QUEUE_WAIT, self.verifying.clone().acquire_owned())
            .await
            .ok()?
            .ok()?;
        let verified = tokio::task::spawn_blocking(move || {
            let verified = check();
            drop(turn);
            verified
        })
        .await
        .ok()?;
        Some(verified)
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
    // Only what is checked is kept while the attempt waits for its turn; no
    // account has a name or a password longer than that.
    let username = form
        .get("username")
        .map(|u| u.trim())
        .filter(|u| u.len() <= MAX_FIELD)
        .unwrap_or("")
        .to_string();
    let password = form
        .get("password")
        .filter(|p| !p.is_empty() && p.len() <= MAX_FIELD)
        .cloned();
    drop(form);
    let hashed_ip = ip_hash(&app.portal.secret, &ip);
    let ip_key = format!("ip:{hashed_ip}");
    let claimed = claimed_name(&username);
    let user_key = format!("user:{claimed} ip:{hashed_ip}");
    let ip_target = format!("ip {hashed_ip}");
    let (user_here, ip_all, user_all) = failures_everywhere(&app, &claimed, &ip_target).await;
    if user_here >= i64::from(PER_USER_IP)
        || ip_all >= i64::from(PER_IP)
        || !throttle.charge(&[(ip_key.as_str(), PER_IP), (user_key.as_str(), PER_USER_IP)])
    {
        return page(
            &app,
            &headers,
            StatusCode::TOO_MANY_REQUESTS,
            Some("desk-too-many-attempts"),
        );
    }
    let give_back = || {
        throttle.refund(&ip_key);
        throttle.refund(&user_key);
    };
    if user_all >= PER_USER_SLOW {
        tokio::time::sleep(SLOWDOWN).await;
    }
    let user = match app.portal.store.user_by_name(&username).await {
        Ok(u) => u,
        Err(e) => {
            give_back();
            return super::server_error(&tr(&app, &headers), &e);
        }
    };
    // The user's hash, or for unknown names and unchecked passwords the
    // dummy one: the same work either way, so the time does not tell which
    // names exist. argon2id is deliberately slow: it runs off the async workers.
    let (hash, password, real) = match (&user, password) {
        (Some(u), Some(p)) => (Some(u.password_hash.clone()), p, true),
        (_, p) => (
            dummy_hash().map(str::to_string),
            p.unwrap_or_default(),
            false,
        ),
    };
    let checked = throttle
        .verify(move || {
            let matches = hash
                .as_deref()
                .and_then(|h| PasswordHash::new(h).ok())
                .is_some_and(|parsed| {
                    Argon2::default()
                        .verify_password(password.as_bytes(), &parsed)
                        .is_ok()
                });
            real && matches
        })
        .await;
    let Some(verified) = checked else {
        give_back();
        tracing::warn!("desk sign-in not checked: every turn to check a password was busy");
        let mut busy = page(
            &app,
            &headers,
            StatusCode::SERVICE_UNAVAILABLE,
            Some("desk-sign-in-busy"),
        );
        busy.headers_mut()
            .insert(header::RETRY_AFTER, header::HeaderValue::from_static("30"));
        return busy;
    };
    let Some(user) = user.filter(|_| verified) else {
        tracing::warn!(user = %username, "desk sign-in failed");
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
    throttle.refund(&ip_key);
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[test]
    fn an_attempt_is_counted_before_it_is_checked_and_a_success_is_given_back() {
        let t = Throttle::default();
        for _ in 0..3 {
            assert!(t.charge(&[("ip", 3), ("user ip", 5)]));
        }
        assert!(
            !t.charge(&[("ip", 3), ("user ip", 5)]),
            "the address is used up"
        );
        assert!(
            !t.charge(&[("ip", 3), ("other ip", 5)]),
            "a refused attempt counts nowhere"
        );
        t.refund("ip");
        assert!(t.charge(&[("ip", 3), ("other ip", 5)]));
        assert!(!t.charge(&[("ip", 3)]));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn password_checks_run_a_few_at_a_time_however_many_arrive() {
        let t = Arc::new(Throttle::default());
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let attempts: Vec<_> = (0..4 * VERIFYING_AT_ONCE)
            .map(|_| {
                let (t, running, most) = (t.clone(), running.clone(), most.clone());
                tokio::spawn(async move {
                    t.verify(move || {
                        let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        std::thread::sleep(Duration::from_millis(30));
                        running.fetch_sub(1, Ordering::SeqCst);
                        false
                    })
                    .await
                })
            })
            .collect();
        for attempt in attempts {
            assert_eq!(
                attempt.await.unwrap(),
                Some(false),
                "every attempt is checked"
            );
        }
        let most = most.load(Ordering::SeqCst);
        assert!(
            (1..=VERIFYING_AT_ONCE).contains(&most),
            "{most} checks ran at once"
        );
    }
}
