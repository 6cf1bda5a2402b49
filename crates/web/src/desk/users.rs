//! `/admin/users` (admins): every desk user — add, disable, enable, reset
//! password. Passwords are hashed with argon2id like `newsbridge users add`;
//! disabling keeps the hash behind a marker (`store::DISABLED_PREFIX`), so
//! no password verifies and every session of that user ends at once.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;
use store::{Role, StoreError};

use super::{
    back, csrf_field, forbidden, invalid, not_found, respond, role_key, server_error, shell, Desk,
    DeskForm,
};
use crate::core::app::AppState;

/// Shortest and longest accepted password.
const MIN_PASSWORD: usize = 10;
const MAX_PASSWORD: usize = 1024;

/// `GET /admin/users`.
pub(crate) async fn list(State(app): State<AppState>, desk: Desk) -> Response {
    let t = desk.tr(&app);
    let users = match app.portal.store.users().await {
        Ok(u) => u,
        Err(e) => return server_error(&t, &e),
    };
    let body = html! {
        table {
            tr { th { (t.t("desk-username")) } th { (t.t("desk-role")) } th { (t.t("desk-languages")) } th { (t.t("desk-status")) } th { (t.t("desk-user-actions")) } }
            @for u in &users {
                tr {
                    td { (u.username) }
                    td { (t.t(role_key(u.role))) }
                    td { @if u.languages.is_empty() { (t.t("desk-all-languages")) } @else { (u.languages.join(", ")) } }
                    td { @if u.disabled() { span.off { (t.t("desk-user-disabled")) } } @else { span.ok { (t.t("desk-user-active")) } } }
                    td {
                        @if u.username != desk.user.username {
                            form.inline method="post" action=(format!("/admin/users/{}/{}", crate::core::urls::query_value(&u.username), if u.disabled() { "enable" } else { "disable" })) {
                                (csrf_field(&app, &desk))
                                button type="submit" { (t.t(if u.disabled() { "desk-enable" } else { "desk-disable" })) }
                            }
                            " "
                        }
                        form.inline method="post" action=(format!("/admin/users/{}/password", crate::core::urls::query_value(&u.username))) {
                            (csrf_field(&app, &desk))
                            label { (t.t("desk-new-password")) " " input type="password" name="password" autocomplete="new-password" minlength=(MIN_PASSWORD) required; }
                            " " button type="submit" { (t.t("desk-reset-password")) }
                        }
                    }
                }
            }
        }
        h2 { (t.t("desk-add-user")) }
        form method="post" action="/admin/users" {
            (csrf_field(&app, &desk))
            p { label { (t.t("desk-username")) " " input name="username" required maxlength="40" pattern="[a-z0-9._-]+" autocomplete="off"; } }
            p { label { (t.t("desk-password")) " " input type="password" name="password" required minlength=(MIN_PASSWORD) autocomplete="new-password"; } }
            p { label { (t.t("desk-role")) " " select name="role" {
                option value="editor" { (t.t("desk-role-editor")) }
                option value="admin" { (t.t("desk-role-admin")) }
            } } }
            p { label { (t.t("desk-languages")) " " input name="languages" placeholder="fr, de"; } " " small { (t.t("desk-languages-help")) } }
            p { button type="submit" { (t.t("desk-add")) } }
        }
    };
    respond(
        StatusCode::OK,
        shell(&t, &t.t("desk-nav-users"), Some(&desk), body),
    )
}

fn username_ok(name: &str) -> bool {
    (1..=40).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
}

/// An argon2id PHC hash with the library's default (CLI) parameters, off the
/// async workers.
async fn hash(password: String) -> Option<String> {
    tokio::task::spawn_blocking(move || {
        use argon2::password_hash::{PasswordHasher, SaltString};
        let salt = SaltString::encode_b64(crate::core::security::nonce().as_bytes()).ok()?;
        argon2::Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .ok()
            .map(|h| h.to_string())
    })
    .await
    .ok()
    .flatten()
}

/// `POST /admin/users`: `username`, `password`, `role`, `languages`.
pub(crate) async fn add(
    State(app): State<AppState>,
    DeskForm { desk, form }: DeskForm,
) -> Response {
    let t = desk.tr(&app);
    let username = form.get("username").map(|u| u.trim()).unwrap_or("");
    if !username_ok(username) {
        return invalid(&t, &t.t("desk-bad-username"));
    }
    let password = form.get("password").cloned().unwrap_or_default();
    if !(MIN_PASSWORD..=MAX_PASSWORD).contains(&password.chars().count()) {
        return invalid(
            &t,
            &t.tw(
                "desk-bad-password",
                &[("min", (MIN_PASSWORD as i64).into())],
            ),
        );
    }
    let role = match form.get("role").map(String::as_str) {
        Some("admin") => Role::Admin,
        Some("editor") => Role::Editor,
        _ => return invalid(&t, &t.t("desk-bad-role")),
    };
    let mut languages = Vec::new();
    for l in form
        .get("languages")
        .map(String::as_str)
        .unwrap_or("")
        .split([',', ' '])
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        if !app.portal.config.languages.iter().any(|p| p == l) {
            return invalid(&t, &t.tw("desk-bad-language", &[("lang", l.into())]));
        }
        if !languages.iter().any(|x: &String| x == l) {
            languages.push(l.to_string());
        }
    }
    let Some(hashed) = hash(password).await else {
        return server_error(&t, &"password hashing failed");
    };
    let store = &app.portal.store;
    match store.add_user(username, &hashed, role, &languages).await {
        Ok(_) => {}
        Err(StoreError::Conflict(_)) => {
            return invalid(&t, &t.tw("desk-user-exists", &[("name", username.into())]))
        }
        Err(e) => return server_error(&t, &e),
    }
    let detail = format!("{} {}", role.as_str(), languages.join(","));
    if let Err(e) = store
        .audit(
            &desk.user.username,
            "user_added",
            &format!("user {username}"),
            Some(detail.trim()),
        )
        .await
    {
        return server_error(&t, &e);
    }
    back("/admin/users")
}

/// `POST /admin/users/{name}/disable`, `…/enable`, `…/password` (`password`).
pub(crate) async fn change(
    State(app): State<AppState>,
    Path((name, action)): Path<(String, String)>,
    DeskForm { desk, form }: DeskForm,
) -> Response {
    let t = desk.tr(&app);
    let store = &app.portal.store;
    let done = match action.as_str() {
        "disable" | "enable" => {
            if name == desk.user.username {
                return forbidden(&t, "desk-not-yourself");
            }
            store.set_user_enabled(&name, action == "enable").await
        }
        "password" => {
            let password = form.get("password").cloned().unwrap_or_default();
            if !(MIN_PASSWORD..=MAX_PASSWORD).contains(&password.chars().count()) {
                return invalid(
                    &t,
                    &t.tw(
                        "desk-bad-password",
                        &[("min", (MIN_PASSWORD as i64).into())],
                    ),
                );
            }
            match store.user_by_name(&name).await {
                Ok(Some(_)) => {}
                Ok(None) => return not_found(&t),
                Err(e) => return server_error(&t, &e),
            }
            let Some(hashed) = hash(password).await else {
                return server_error(&t, &"password hashing failed");
            };
            // A reset also enables a disabled account: it has a new password now.
            store.set_password_hash(&name, &hashed).await.map(|()| true)
        }
        _ => return not_found(&t),
    };
    match done {
        Ok(true) => {
            let what = match action.as_str() {
                "disable" => "user_disabled",
                "enable" => "user_enabled",
                _ => "user_password_reset",
            };
            if let Err(e) = store
                .audit(&desk.user.username, what, &format!("user {name}"), None)
                .await
            {
                return server_error(&t, &e);
            }
        }
        Ok(false) => {}
        Err(StoreError::NotFound(_)) => return not_found(&t),
        Err(e) => return server_error(&t, &e),
    }
    if action == "password" && name == desk.user.username {
        // The admin's own session ended with the old hash.
        return back("/admin/login");
    }
    back("/admin/users")
}
