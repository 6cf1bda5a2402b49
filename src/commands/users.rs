//! `newsbridge users add`: desk accounts with argon2id password hashes.

use std::io::Read;

use anyhow::{bail, Context, Result};
use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};

use crate::cli::UsersCommand;
use crate::config::Config;

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
            let mut password = String::new();
            std::io::stdin()
                .read_to_string(&mut password)
                .context("cannot read the password from standard input")?;
            let password = password.trim_end_matches(['\n', '\r']);
            if password.chars().count() < 12 {
                bail!("the password must have at least 12 characters (read from standard input)");
            }
            let hash = hash_password(password)?;
            let store = crate::app::open_store(&config).await?;
            let role: store::Role = role.parse()?;
            let user = store.add_user(&username, &hash, role, &languages).await?;
            println!("added {} user {}", user.role.as_str(), user.username);
            Ok(())
        }
    }
}

/// An argon2id PHC hash of `password` with a random salt.
pub fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    argon2::Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("cannot hash the password: {e}"))
}
