//! `newsbridge users add|list|disable|enable|password`: desk accounts
//! ([`pipeline::users`]), the password read from standard input.

use std::io::Read;

use anyhow::{Context, Result};

use crate::cli::UsersCommand;
use pipeline::config::Config;

/// Runs a `users` subcommand.
pub async fn run(config: Config, cmd: UsersCommand) -> Result<()> {
    let open = pipeline::app::open_existing_store;
    match cmd {
        UsersCommand::Add {
            username,
            role,
            languages,
        } => {
            pipeline::users::check_new(&username, &languages, &config.site.languages)?;
            let password = read_password()?;
            let store = pipeline::app::open_store(&config).await?;
            let user =
                pipeline::users::add(&store, &username, &password, &role, &languages).await?;
            outln!("added {} user {}", user.role.as_str(), user.username);
        }
        UsersCommand::List => {
            for u in open(&config).await?.users().await? {
                outln!("{}", pipeline::users::listing(&u));
            }
        }
        UsersCommand::Disable { username } => set_enabled(&config, &username, false).await?,
        UsersCommand::Enable { username } => set_enabled(&config, &username, true).await?,
        UsersCommand::Password { username } => {
            let store = open(&config).await?;
            pipeline::users::set_password(&store, &username, &read_password()?).await?;
            outln!("new password set for {username}; their sessions have ended");
        }
    }
    Ok(())
}

/// Disables or enables a user and says whether it changed.
async fn set_enabled(config: &Config, username: &str, enabled: bool) -> Result<()> {
    let store = pipeline::app::open_existing_store(config).await?;
    let word = if enabled { "enabled" } else { "disabled" };
    if pipeline::users::set_enabled(&store, username, enabled).await? {
        outln!("{username} {word}");
    } else {
        outln!("{username} was already {word}");
    }
    Ok(())
}

/// A password from standard input, without its line ending.
fn read_password() -> Result<String> {
    let mut password = String::new();
    std::io::stdin()
        .read_to_string(&mut password)
        .context("cannot read the password from standard input")?;
    let password = password.trim_end_matches(['\n', '\r']).to_string();
    pipeline::users::check_password(&password)
        .map_err(|e| anyhow::anyhow!("{e} (read from standard input)"))?;
    Ok(password)
}
