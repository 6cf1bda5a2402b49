//! Storage errors: few, and each one says what to do.

use thiserror::Error;

/// What can go wrong when talking to the database.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The row asked for does not exist.
    #[error("{0} not found")]
    NotFound(String),
    /// The database URL cannot be used.
    #[error("invalid database URL {url:?}: {reason}")]
    InvalidUrl {
        /// The URL as given (passwords redacted).
        url: String,
        /// Why it was refused.
        reason: String,
    },
    /// Another process holds a lock for longer than the busy timeout.
    #[error("the database is locked by another process (another `newsbridge run`?); stop it or retry: {0}")]
    Locked(String),
    /// The disk or the database is full.
    #[error("the database is full (no space left on its disk); free space and retry: {0}")]
    Full(String),
    /// The database cannot be written: a read-only file system or file, or
    /// a PostgreSQL server in read-only mode. Reads still work.
    #[error("the database cannot be written (read-only file system, file or server); reads go on — make it writable (e.g. `mount -o remount,rw`, file permissions, or the primary server) and retry: {0}")]
    ReadOnly(String),
    /// The disk under the database failed (an I/O error).
    #[error("the disk under the database failed (I/O error); check the disk and the kernel log, then restart: {0}")]
    Io(String),
    /// The database was migrated by a newer Newsbridge.
    #[error("the database is at schema version {found}, newer than this binary's {supported}; upgrade newsbridge (nothing was changed)")]
    NewerSchema {
        /// Version found in the database.
        found: i64,
        /// Newest version this binary knows.
        supported: i64,
    },
    /// A stored JSON column could not be read or written.
    #[error("stored data in {what} is not valid: {source}")]
    Json {
        /// Which column.
        what: &'static str,
        /// The parser's error.
        source: serde_json::Error,
    },
    /// A value does not satisfy a constraint (duplicate name, bad reference).
    #[error("{0}")]
    Conflict(String),
    /// An export/import archive cannot be written or read.
    #[error("archive: {0}")]
    Archive(String),
    /// Any other database error.
    #[error("database error: {0}")]
    Database(sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        if let sqlx::Error::RowNotFound = err {
            return StoreError::NotFound("row".into());
        }
        if let sqlx::Error::Database(db) = &err {
            let code = db.code().map(|c| c.to_string()).unwrap_or_default();
            let message = db.message().to_string();
            // SQLite: 5 BUSY, 6 LOCKED (and extended codes), 8 READONLY, 10 IOERR, 13 FULL;
            // PostgreSQL: 53100 disk_full, 55P03 lock_not_available, 23505 unique_violation,
            // 25006 read_only_sql_transaction, 58030 io_error.
            // PostgreSQL codes are five characters; SQLite's (extended) codes are at most four digits.
            let primary = (code.len() < 5)
                .then(|| code.parse::<i64>().ok())
                .flatten()
                .map(|c| c & 0xff);
            match (primary, code.as_str()) {
                (Some(5) | Some(6), _) | (_, "55P03") => return StoreError::Locked(message),
                (Some(13), _) | (_, "53100") => return StoreError::Full(message),
                (Some(8), _) | (_, "25006") => return StoreError::ReadOnly(message),
                (Some(10), _) | (_, "58030") => return StoreError::Io(message),
                (_, "23505") | (Some(19), _) => return StoreError::Conflict(message),
                _ => {}
            }
        }
        StoreError::Database(err)
    }
}

pub(crate) fn json_err(what: &'static str) -> impl FnOnce(serde_json::Error) -> StoreError {
    move |source| StoreError::Json { what, source }
}
