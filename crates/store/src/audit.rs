//! The audit log: who did what to which thing, and when.

use serde::Serialize;
use sqlx::Row;

use crate::{now_ms, Result, Store};

/// One recorded editorial action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    /// Row id.
    pub id: i64,
    /// Who (a desk user name, or `cli`).
    pub actor: String,
    /// What (`takedown`, `comment_spam`, `login`, …).
    pub action: String,
    /// On what (`article 12`, `comment 3`).
    pub target: String,
    /// Why, or other detail.
    pub detail: Option<String>,
    /// When (ms).
    pub at: i64,
}

impl Store {
    /// Records an action.
    pub async fn audit(
        &self,
        actor: &str,
        action: &str,
        target: &str,
        detail: Option<&str>,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO audit_log (actor, action, target, detail, at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(actor)
        .bind(action)
        .bind(target)
        .bind(detail)
        .bind(now_ms())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Whether an action on a target was ever recorded (a signed-out session, a ban).
    pub async fn audit_has(&self, action: &str, target: &str) -> Result<bool> {
        let row =
            sqlx::query("SELECT COUNT(*) AS n FROM audit_log WHERE action = $1 AND target = $2")
                .bind(action)
                .bind(target)
                .fetch_one(&self.pool)
                .await?;
        Ok(row.try_get::<i64, _>("n")? > 0)
    }

    /// How many `action` entries by `actor` and on `target` (either may be
    /// `None`: not filtered; both `None`: every entry) were written since
    /// `since_ms`: rate limits that hold across every web node (failed
    /// sign-ins per user name from one IP hash, per IP hash).
    pub async fn audit_count_since(
        &self,
        action: &str,
        actor: Option<&str>,
        target: Option<&str>,
        since_ms: i64,
    ) -> Result<i64> {
        let (column, value) = match (actor, target) {
            (Some(actor), Some(target)) => {
                let row = sqlx::query(
                    "SELECT COUNT(*) AS n FROM audit_log WHERE action = $1 AND at >= $2 AND actor = $3 AND target = $4",
                )
                .bind(action)
                .bind(since_ms)
                .bind(actor)
                .bind(target)
                .fetch_one(&self.pool)
                .await?;
                return Ok(row.try_get("n")?);
            }
            (Some(actor), None) => ("actor", actor),
            (None, Some(target)) => ("target", target),
            (None, None) => ("action", action),
        };
        // `column` is one of three names above, never input.
        let row = sqlx::query(&format!(
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = $1 AND at >= $2 AND {column} = $3"
        ))
        .bind(action)
        .bind(since_ms)
        .bind(value)
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get("n")?)
    }

    /// Newest entries first.
    pub async fn audit_log(&self, limit: i64, offset: i64) -> Result<Vec<AuditEntry>> {
        let rows = sqlx::query(
            "SELECT id, actor, action, target, detail, at FROM audit_log ORDER BY id DESC LIMIT $1 OFFSET $2",
        )
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AuditEntry {
                    id: r.try_get("id")?,
                    actor: r.try_get("actor")?,
                    action: r.try_get("action")?,
                    target: r.try_get("target")?,
                    detail: r.try_get("detail")?,
                    at: r.try_get("at")?,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    async fn roundtrip(store: crate::Store) {
        store.audit("ana", "login", "user ana", None).await.unwrap();
        store
            .audit("ana", "takedown", "article 1", Some("publisher asked"))
            .await
            .unwrap();
        let log = store.audit_log(10, 0).await.unwrap();
        assert_eq!(log.len(), 2);
        assert_eq!(log[0].action, "takedown");
        assert_eq!(log[0].detail.as_deref(), Some("publisher asked"));
        assert_eq!(log[1].detail, None);
        assert_eq!(store.audit_log(10, 1).await.unwrap().len(), 1);
        assert!(store.audit_has("takedown", "article 1").await.unwrap());
        assert!(!store.audit_has("takedown", "article 2").await.unwrap());
    }

    #[tokio::test]
    async fn audit_entries_come_back_newest_first_on_sqlite() {
        let (store, _dir) = crate::testing::sqlite().await.unwrap();
        roundtrip(store).await;
    }

    #[tokio::test]
    async fn audit_entries_come_back_newest_first_on_postgres() {
        if let Some(store) = crate::testing::postgres().await {
            roundtrip(store).await;
        }
    }
}
