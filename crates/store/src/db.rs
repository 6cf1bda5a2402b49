//! Opening the database: SQLite file or PostgreSQL server, one pool type.

use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, ConnectOptions, Executor};

use crate::{Result, StoreError};

/// Which database engine a [`Store`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file in WAL mode: the one-machine default.
    Sqlite,
    /// A PostgreSQL server shared by many processes.
    Postgres,
}

impl Backend {
    /// The backend a database URL names.
    pub fn of_url(url: &str) -> Result<Backend> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else {
            Err(StoreError::InvalidUrl {
                url: redact(url),
                reason: "expected sqlite://PATH or postgres://USER@HOST/DB".into(),
            })
        }
    }
}

/// The database: a connection pool plus the knowledge of which dialect it speaks.
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) pool: AnyPool,
    backend: Backend,
}

impl Store {
    /// Connects to `url` (`sqlite://path/to/file.db` or `postgres://…`), creating a
    /// SQLite file when missing. Does not migrate: call [`Store::migrate`].
    pub async fn connect(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let backend = Backend::of_url(url)?;
        let url = match backend {
            Backend::Sqlite if !url.contains('?') => format!("{url}?mode=rwc"),
            _ => url.to_string(),
        };
        let options = AnyConnectOptions::from_str(&url)
            .map_err(|e| StoreError::InvalidUrl {
                url: redact(&url),
                reason: e.to_string(),
            })?
            .disable_statement_logging();
        let max = match backend {
            Backend::Sqlite => 4,
            Backend::Postgres => 8,
        };
        let pool = AnyPoolOptions::new()
            .max_connections(max)
            .acquire_timeout(Duration::from_secs(30))
            // No idle reaper: sqlx 0.8's maintenance task can spin at 100 %
            // CPU for ever once its idle count wraps below zero in a race
            // (sqlx issue 3645, fixed only in 0.9), wedging the runtime; a
            // demo under load hung that way. Connections are few (4 or 8) and
            // each is tested before use, so keeping them open costs nothing.
            .idle_timeout(None)
            .max_lifetime(None)
            // SQLite keeps 16 MB of pages per connection (the default 2 MB
            // missed on every page of a 100,000-article archive: teasers' rows
            // lie spread over gigabytes). Not mmap: a read error there is a
            // SIGBUS, and the disk-full and read-only faults must not crash.
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000; \
                             PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; \
                             PRAGMA cache_size = -16000;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        Ok(Store { pool, backend })
    }

    /// Connects and brings the schema up to date.
    pub async fn open(url: &str) -> Result<Store> {
        let store = Store::connect(url).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Which backend this store uses.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// A transaction that writes. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`), waiting for another writer under the busy
    /// timeout: a deferred transaction that has read first cannot wait when
    /// it then writes (SQLite answers "database is locked" at once, since
    /// waiting could deadlock). On PostgreSQL a plain `BEGIN`.
    pub(crate) async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        })
    }

    /// The connection pool, for queries this crate does not offer yet.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Closes every connection (waits for running queries).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// A database URL with any password replaced by `***`, safe to print.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &url[..scheme + 3],
                    &userinfo[..colon],
                    &url[at..]
                ),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact("postgres://nb:secret@127.0.0.1:5432/nb"),
            "postgres://nb:***@127.0.0.1:5432/nb"
        );
        assert_eq!(redact("sqlite://data/nb.db"), "sqlite://data/nb.db");
    }

    #[test]
    fn unknown_scheme_is_refused_with_a_hint() {
        let err = Backend::of_url("mysql://x").unwrap_err().to_string();
        assert!(err.contains("expected sqlite://"), "{err}");
    }
}
