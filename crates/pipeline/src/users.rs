//! Desk accounts managed from the command line as the desk manages them:
//! argon2id password hashes the desk's sign-in verifies, and an audit row
//! by `cli` for every change.

/// The fewest characters a password may have.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// Why a user could not be added or changed.
#[derive(Debug, thiserror::Error)]
pub enum UserError {
    /// Empty, or with white space.
    #[error("username {0:?} must be non-empty and without spaces")]
    BadUsername(String),
    /// A language the portal does not serve.
    #[error("language {lang:?} is not one of site.languages ({served})")]
    UnknownLanguage {
        /// The language asked for.
        lang: String,
        /// The portal's languages, comma-separated.
        served: String,
    },
    /// Fewer than [`MIN_PASSWORD_CHARS`] characters.
    #[error("the password must have at least {MIN_PASSWORD_CHARS} characters")]
    ShortPassword,
    /// No such user.
    #[error("there is no user {0:?}; `newsbridge users list` shows them")]
    NoSuchUser(String),
    /// The password could not be hashed.
    #[error("cannot hash the password: {0}")]
    Hash(String),
    /// The database failed (or the role is unknown).
    #[error(transparent)]
    Store(#[from] store::StoreError),
}

/// Checks a new user's name and languages against the portal's
/// `languages`, before anything is read or written.
pub fn check_new(username: &str, languages: &[String], served: &[String]) -> Result<(), UserError> {
    if username.trim().is_empty() || username.chars().any(char::is_whitespace) {
        return Err(UserError::BadUsername(username.to_string()));
    }
    if let Some(lang) = languages.iter().find(|l| !served.contains(l)) {
        return Err(UserError::UnknownLanguage {
            lang: lang.clone(),
            served: served.join(", "),
        });
    }
    Ok(())
}

/// Refuses a password shorter than [`MIN_PASSWORD_CHARS`] characters.
pub fn check_password(password: &str) -> Result<(), UserError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(UserError::ShortPassword);
    }
    Ok(())
}

fn hash(password: &str) -> Result<String, UserError> {
    check_password(password)?;
    web::hash_password(password).map_err(|e| UserError::Hash(e.to_string()))
}

/// Adds a desk user with `role` (`admin` or `editor`) for `languages`
/// (none: all), and audits it.
pub async fn add(
    store: &store::Store,
    username: &str,
    password: &str,
    role: &str,
    languages: &[String],
) -> Result<store::User, UserError> {
    let hash = hash(password)?;
    let role: store::Role = role.parse()?;
    let user = store.add_user(username, &hash, role, languages).await?;
    audit(store, "user_added", &user.username).await?;
    Ok(user)
}

/// Sets a new password, which ends the user's sessions, and audits it.
pub async fn set_password(
    store: &store::Store,
    username: &str,
    password: &str,
) -> Result<(), UserError> {
    if store.user_by_name(username).await?.is_none() {
        return Err(UserError::NoSuchUser(username.to_string()));
    }
    store.set_password_hash(username, &hash(password)?).await?;
    audit(store, "user_password_reset", username).await
}

/// Disables or enables a user, as the desk does; `false` when it already was
/// (nothing audited then).
pub async fn set_enabled(
    store: &store::Store,
    username: &str,
    enabled: bool,
) -> Result<bool, UserError> {
    let changed = match store.set_user_enabled(username, enabled).await {
        Ok(changed) => changed,
        Err(store::StoreError::NotFound(_)) => {
            return Err(UserError::NoSuchUser(username.to_string()))
        }
        Err(e) => return Err(e.into()),
    };
    if changed {
        let action = if enabled {
            "user_enabled"
        } else {
            "user_disabled"
        };
        audit(store, action, username).await?;
    }
    Ok(changed)
}

/// One line of `newsbridge users list`: name, role, whether the user may
/// sign in, and the languages they work on.
pub fn listing(user: &store::User) -> String {
    let languages = if user.languages.is_empty() {
        "all languages".to_string()
    } else {
        user.languages.join(",")
    };
    let state = if user.disabled() {
        "disabled"
    } else {
        "active"
    };
    format!(
        "{:<20} {:<7} {:<8} {languages}",
        user.username,
        user.role.as_str(),
        state
    )
}

/// Writes the audit row the desk writes for the same change, by `cli`.
async fn audit(store: &store::Store, action: &str, username: &str) -> Result<(), UserError> {
    store
        .audit("cli", action, &format!("user {username}"), None)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs(l: &[&str]) -> Vec<String> {
        l.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn names_languages_and_passwords_are_checked_first() {
        let served = langs(&["vi", "en", "fr"]);
        check_new("alice", &langs(&["fr"]), &served).unwrap();
        for bad in ["", "  ", "al ice", "bob\t"] {
            assert!(matches!(
                check_new(bad, &[], &served),
                Err(UserError::BadUsername(_))
            ));
        }
        let err = check_new("alice", &langs(&["de"]), &served).unwrap_err();
        assert_eq!(
            err.to_string(),
            "language \"de\" is not one of site.languages (vi, en, fr)"
        );
        assert!(matches!(
            check_password("short"),
            Err(UserError::ShortPassword)
        ));
        // Characters, not bytes: eleven Vietnamese letters are too few.
        assert!(check_password(&"ệ".repeat(11)).is_err());
        check_password(&"ệ".repeat(12)).unwrap();
    }

    #[tokio::test]
    async fn changes_are_made_as_the_desk_makes_them_and_audited() {
        let (store, _db) = store::testing::sqlite().await.unwrap();
        let user = add(
            &store,
            "alice",
            "a long passphrase",
            "editor",
            &langs(&["fr"]),
        )
        .await
        .unwrap();
        assert_eq!(user.role, store::Role::Editor);
        assert_eq!(
            listing(&user),
            format!("{:<20} {:<7} {:<8} fr", "alice", "editor", "active")
        );
        let stored = store.user_by_name("alice").await.unwrap().unwrap();
        assert!(
            stored.password_hash.starts_with("$argon2id$"),
            "{}",
            stored.password_hash
        );
        assert!(matches!(
            add(&store, "bob", "a long passphrase", "owner", &[]).await,
            Err(UserError::Store(_))
        ));
        assert!(set_enabled(&store, "alice", false).await.unwrap());
        assert!(!set_enabled(&store, "alice", false).await.unwrap());
        let alice = store.user_by_name("alice").await.unwrap().unwrap();
        assert!(
            listing(&alice).contains(" disabled "),
            "{}",
            listing(&alice)
        );
        assert!(matches!(
            set_enabled(&store, "nobody", true).await,
            Err(UserError::NoSuchUser(_))
        ));
        set_password(&store, "alice", "another passphrase")
            .await
            .unwrap();
        assert!(matches!(
            set_password(&store, "alice", "short").await,
            Err(UserError::ShortPassword)
        ));
        let actions: Vec<(String, String)> = store
            .audit_log(10, 0)
            .await
            .unwrap()
            .into_iter()
            .map(|e| (e.actor, e.action))
            .collect();
        let cli = |a: &str| ("cli".to_string(), a.to_string());
        assert_eq!(
            actions,
            [
                cli("user_password_reset"),
                cli("user_disabled"),
                cli("user_added")
            ]
        );
    }
}
