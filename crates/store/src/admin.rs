//! What the editorial desk's admin pages need beyond the CLI's functions:
//! every user, password and access changes, glossary pairs and term removal.

use sqlx::Row;

use crate::{Result, Role, Store, StoreError, User};

/// Prefix that marks a disabled account's password hash. A hash with it is
/// not a PHC string, so no password verifies, and every desk session (signed
/// over the hash) ends; enabling strips it and restores the old password.
pub const DISABLED_PREFIX: &str = "!disabled!";

impl User {
    /// Whether the account is disabled (no sign-in, no session).
    pub fn disabled(&self) -> bool {
        self.password_hash.starts_with(DISABLED_PREFIX)
    }
}

impl Store {
    /// Every desk user, by name.
    pub async fn users(&self) -> Result<Vec<User>> {
        let rows = sqlx::query(
            "SELECT id, username, password_hash, role, languages FROM users ORDER BY username",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let languages: String = r.try_get("languages")?;
                Ok(User {
                    id: r.try_get("id")?,
                    username: r.try_get("username")?,
                    password_hash: r.try_get("password_hash")?,
                    role: r.try_get::<String, _>("role")?.parse::<Role>()?,
                    languages: languages
                        .split(',')
                        .filter(|l| !l.is_empty())
                        .map(str::to_string)
                        .collect(),
                })
            })
            .collect()
    }

    /// Replaces a user's password hash (a reset); ends every session of theirs.
    pub async fn set_password_hash(&self, username: &str, password_hash: &str) -> Result<()> {
        let done = sqlx::query("UPDATE users SET password_hash = $1 WHERE username = $2")
            .bind(password_hash)
            .bind(username)
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound(format!("user {username:?}")));
        }
        Ok(())
    }

    /// Disables (`false`) or enables (`true`) a user; see [`DISABLED_PREFIX`].
    /// Returns whether anything changed.
    pub async fn set_user_enabled(&self, username: &str, enabled: bool) -> Result<bool> {
        let user = self
            .user_by_name(username)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("user {username:?}")))?;
        let hash = match (enabled, user.disabled()) {
            (true, true) => user
                .password_hash
                .trim_start_matches(DISABLED_PREFIX)
                .to_string(),
            (false, false) => format!("{DISABLED_PREFIX}{}", user.password_hash),
            _ => return Ok(false),
        };
        self.set_password_hash(username, &hash).await?;
        Ok(true)
    }

    /// When `action` was last recorded on `target` in the audit log (ms), if ever.
    pub async fn audit_last_at(&self, action: &str, target: &str) -> Result<Option<i64>> {
        let row =
            sqlx::query("SELECT MAX(at) AS at FROM audit_log WHERE action = $1 AND target = $2")
                .bind(action)
                .bind(target)
                .fetch_one(&self.pool)
                .await?;
        Ok(row.try_get::<Option<i64>, _>("at")?)
    }

    /// Every language pair with glossary terms, and how many each has.
    pub async fn glossary_pairs(&self) -> Result<Vec<(String, String, i64)>> {
        let rows = sqlx::query(
            "SELECT source_lang, target_lang, COUNT(*) AS n FROM glossary_terms \
             GROUP BY source_lang, target_lang ORDER BY source_lang, target_lang",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get("source_lang")?,
                    r.try_get("target_lang")?,
                    r.try_get("n")?,
                ))
            })
            .collect()
    }

    /// Removes a glossary term; returns whether it existed.
    pub async fn remove_term(
        &self,
        source_lang: &str,
        target_lang: &str,
        term: &str,
    ) -> Result<bool> {
        let done = sqlx::query(
            "DELETE FROM glossary_terms WHERE source_lang = $1 AND target_lang = $2 AND term = $3",
        )
        .bind(source_lang)
        .bind(target_lang)
        .bind(term)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }
}
