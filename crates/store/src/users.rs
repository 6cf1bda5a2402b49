//! Desk users: admins and editors. Passwords arrive already hashed (argon2id).

use std::str::FromStr;

use serde::Serialize;
use sqlx::Row;

use crate::{now_ms, Result, Store, StoreError};

/// What a user may do at the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Sources, users, settings and everything an editor does.
    Admin,
    /// Content, translations and comments.
    Editor,
}

impl Role {
    /// The role as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
        }
    }
}

impl FromStr for Role {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "admin" => Ok(Role::Admin),
            "editor" => Ok(Role::Editor),
            other => Err(StoreError::Conflict(format!(
                "unknown role {other:?}: expected admin or editor"
            ))),
        }
    }
}

/// A desk user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    /// Row id.
    pub id: i64,
    /// Login name.
    pub username: String,
    /// PHC-format password hash (argon2id).
    #[serde(skip)]
    pub password_hash: String,
    /// Role.
    pub role: Role,
    /// Languages an editor may work on; empty means all.
    pub languages: Vec<String>,
}

impl Store {
    /// Adds a user; an existing username is refused.
    pub async fn add_user(
        &self,
        username: &str,
        password_hash: &str,
        role: Role,
        languages: &[String],
    ) -> Result<User> {
        let row = sqlx::query(
            "INSERT INTO users (username, password_hash, role, languages, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(username)
        .bind(password_hash)
        .bind(role.as_str())
        .bind(languages.join(","))
        .bind(now_ms())
        .fetch_one(&self.pool)
        .await
        .map_err(|e| match StoreError::from(e) {
            StoreError::Conflict(_) => StoreError::Conflict(format!("user {username:?} already exists")),
            other => other,
        })?;
        Ok(User {
            id: row.try_get("id")?,
            username: username.to_string(),
            password_hash: password_hash.to_string(),
            role,
            languages: languages.to_vec(),
        })
    }

    /// A user by login name.
    pub async fn user_by_name(&self, username: &str) -> Result<Option<User>> {
        let row = sqlx::query(
            "SELECT id, username, password_hash, role, languages FROM users WHERE username = $1",
        )
        .bind(username)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            let languages: String = r.try_get("languages")?;
            Ok(User {
                id: r.try_get("id")?,
                username: r.try_get("username")?,
                password_hash: r.try_get("password_hash")?,
                role: r.try_get::<String, _>("role")?.parse()?,
                languages: languages
                    .split(',')
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect(),
            })
        })
        .transpose()
    }
}
