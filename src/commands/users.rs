//! `newsbridge users add|list|disable|enable|password`: desk accounts with
//! argon2id password hashes, managed as from the desk (and audited alike).

use std::io::Read;

use anyhow::{bail, Context, Result};

use crate::cli::UsersCommand;
use pipeline::config::Config;

/// Runs a `users` subcommand.
pub async fn run(config: Config, cmd: UsersCommand) -> Result<()> {
    match cmd {
        UsersCommand::Add {
            username,
            role,
            languages,
        } => {
            if username.trim().is_empty() || username.chars().any(char::is_whitespace) {
                bail!("username {username:?} must be non-empty and without spaces");
            }
            for lang in &languages {
                if !config.site.languages.contains(lang) {
                    bail!(
                        "language {lang:?} is not one of site.languages ({})",
                        config.site.languages.join(", ")
                    );
                }
            }
            let password = read_password()?;
            let hash = hash(&password)?;
            let store = pipeline::app::open_store(&config).await?;
            let role: store::Role = role.parse()?;
            let user = store.add_user(&username, &hash, role, &languages).await?;
            outln!("added {} user {}", user.role.as_str(), user.username);
            audit(&store, "user_added", &user.username).await
        }
        UsersCommand::List => {
            let store = pipeline::app::open_existing_store(&config).await?;
            for u in store.users().await? {
                let languages = if u.languages.is_empty() {
                    "all languages".to_string()
                } else {
                    u.languages.join(",")
                };
                let state = if u.disabled() { "disabled" } else { "active" };
                outln!(
                    "{:<20} {:<7} {:<8} {languages}",
                    u.username,
                    u.role.as_str(),
                    state
                );
            }
            Ok(())
        }
        UsersCommand::Disable { username } => set_enabled(&config, &username, false).await,
        UsersCommand::Enable { username } => set_enabled(&config, &username, true).await,
        UsersCommand::Password { username } => {
            let store = pipeline::app::open_existing_store(&config).await?;
            let password = read_password()?;
            if store.user_by_name(&username).await?.is_none() {
                bail!("there is no user {username:?}; `newsbridge users list` shows them");
            }
            store
                .set_password_hash(&username, &hash(&password)?)
                .await?;
            outln!("new password set for {username}; their sessions have ended");
            audit(&store, "user_password_reset", &username).await
        }
    }
}

/// Disables or enables a user, as the desk does.
async fn set_enabled(config: &Config, username: &str, enabled: bool) -> Result<()> {
    let store = pipeline::app::open_existing_store(config).await?;
    match store.set_user_enabled(username, enabled).await {
        Ok(changed) => {
            let (word, action) = if enabled {
                ("enabled", "user_enabled")
            } else {
                ("disabled", "user_disabled")
            };
            if changed {
                outln!("{username} {word}");
                audit(&store, action, username).await
            } else {
                outln!("{username} was already {word}");
                Ok(())
            }
        }
        Err(store::StoreError::NotFound(_)) => {
            bail!("there is no user {username:?}; `newsbridge users list` shows them")
        }
        Err(e) => Err(e.into()),
    }
}

/// Writes the audit row the desk writes for the same change, by `cli`.
async fn audit(store: &store::Store, action: &str, username: &str) -> Result<()> {
    store
        .audit("cli", action, &format!("user {username}"), None)
        .await?;
    Ok(())
}

/// A password from standard input: at least 12 characters.
fn read_password() -> Result<String> {
    let mut password = String::new();
    std::io::stdin()
        .read_to_string(&mut password)
        .context("cannot read the password from standard input")?;
    let password = password.trim_end_matches(['\n', '\r']).to_string();
    if password.chars().count() < 12 {
        bail!("the password must have at least 12 characters (read from standard input)");
    }
    Ok(password)
}

/// The password's hash as the desk's sign-in verifies it.
pub fn hash(password: &str) -> Result<String> {
    web::hash_password(password).map_err(|e| anyhow::anyhow!("cannot hash the password: {e}"))
}
