//! Schema migrations: one SQL file per version, rendered for each dialect.
//!
//! Hand-written rather than `sqlx::migrate!` because one file must serve both
//! dialects, and because a database migrated by a newer binary must be refused
//! with a clear message before anything touches it.

use sqlx::Row;

use crate::{now_ms, Backend, Result, Store, StoreError};

/// The migrations this binary knows, in order.
const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "init", include_str!("../migrations/0001_init.sql")),
    (
        2,
        "slugs_upstream_sources",
        include_str!("../migrations/0002_slugs_upstream_sources.sql"),
    ),
    (
        3,
        "story_lead",
        include_str!("../migrations/0003_story_lead.sql"),
    ),
    (
        4,
        "list_sizes",
        include_str!("../migrations/0004_list_sizes.sql"),
    ),
    (
        5,
        "comment_reports",
        include_str!("../migrations/0005_comment_reports.sql"),
    ),
    (
        6,
        "source_health",
        include_str!("../migrations/0006_source_health.sql"),
    ),
    (7, "images", include_str!("../migrations/0007_images.sql")),
    (
        8,
        "desk_workspace",
        include_str!("../migrations/0008_desk_workspace.sql"),
    ),
    (
        9,
        "corrections_by_editor",
        include_str!("../migrations/0009_corrections_by_editor.sql"),
    ),
    (
        10,
        "language_sizes_audit_lookups",
        include_str!("../migrations/0010_language_sizes_audit_lookups.sql"),
    ),
];

/// The SQL of every migration, in order (the archive reads tables and columns from it).
pub(crate) fn migration_sql() -> impl Iterator<Item = &'static str> {
    MIGRATIONS.iter().map(|(_, _, sql)| *sql)
}

/// The newest schema version this binary knows.
pub const SCHEMA_VERSION: i64 = MIGRATIONS[MIGRATIONS.len() - 1].0;

fn render(sql: &str, backend: Backend) -> String {
    let (id, blob) = match backend {
        Backend::Sqlite => ("INTEGER PRIMARY KEY AUTOINCREMENT", "BLOB"),
        Backend::Postgres => ("BIGSERIAL PRIMARY KEY", "BYTEA"),
    };
    sql.replace("{{id}}", id).replace("{{blob}}", blob)
}

impl Store {
    /// The schema version the database is at (0 for an empty database).
    pub async fn schema_version(&self) -> Result<i64> {
        sqlx::query(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
        )
        .execute(&self.pool)
        .await?;
        let row = sqlx::query("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get::<i64, _>("v")?)
    }

    /// Applies every migration the database lacks, each in its own transaction.
    /// Refuses (changing nothing) a database at a newer version than this binary.
    pub async fn migrate(&self) -> Result<i64> {
        let current = self.schema_version().await?;
        if current > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                found: current,
                supported: SCHEMA_VERSION,
            });
        }
        for (version, name, sql) in MIGRATIONS {
            if *version <= current {
                continue;
            }
            let mut tx = self.begin_write().await?;
            sqlx::raw_sql(&render(sql, self.backend()))
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
            )
            .bind(*version)
            .bind(*name)
            .bind(now_ms())
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            tracing::info!(version, name, "applied migration");
        }
        if self.backend() == Backend::Sqlite {
            // Table statistics for the query planner (PostgreSQL keeps its own
            // by autovacuum); cheap, and skipped for tables that did not change.
            sqlx::query("PRAGMA optimize").execute(&self.pool).await?;
        }
        Ok(SCHEMA_VERSION)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_one_by_one_in_order() {
        for (i, (version, _, _)) in MIGRATIONS.iter().enumerate() {
            assert_eq!(
                *version,
                i64::try_from(i).unwrap_or(0) + 1,
                "migration {version}"
            );
        }
    }
}
