//! Fresh databases for tests, on both backends.
//!
//! PostgreSQL tests use the server named by `TEST_POSTGRES_URL` (an admin URL,
//! as printed by `scripts/pg-start`) and create one new database per test.
//! Without it they are skipped, unless `REQUIRE_POSTGRES=1` (set by the
//! test script) makes the absence an error.

use rand::Rng;

use crate::{Result, Store};

/// A migrated SQLite store in a temporary directory (kept alive by the returned guard).
pub async fn sqlite() -> Result<(Store, tempfile::TempDir)> {
    let dir =
        tempfile::tempdir().map_err(|e| crate::StoreError::Conflict(format!("temp dir: {e}")))?;
    let url = format!("sqlite://{}", dir.path().join("test.db").display());
    Ok((Store::open(&url).await?, dir))
}

/// URL of a new, empty PostgreSQL database, or None when no test server is configured.
///
/// # Panics
/// When `REQUIRE_POSTGRES` is set but `TEST_POSTGRES_URL` is not, or the server
/// cannot be reached: a test run that promised PostgreSQL must not pass without it.
pub async fn postgres_url() -> Option<String> {
    let Ok(admin) = std::env::var("TEST_POSTGRES_URL") else {
        assert!(
            std::env::var_os("REQUIRE_POSTGRES").is_none(),
            "REQUIRE_POSTGRES is set but TEST_POSTGRES_URL is not: start one with scripts/pg-start"
        );
        eprintln!("skipping PostgreSQL: set TEST_POSTGRES_URL (see scripts/pg-start)");
        return None;
    };
    let name = format!("nb_test_{:016x}", rand::thread_rng().gen::<u64>());
    let admin_store = match Store::connect(&admin).await {
        Ok(s) => s,
        Err(e) => panic!("cannot reach the test PostgreSQL at {admin}: {e}"),
    };
    if let Err(e) = sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(admin_store.pool())
        .await
    {
        panic!("cannot create test database {name}: {e}");
    }
    admin_store.close().await;
    let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
    Some(format!("{base}/{name}"))
}

/// A migrated store on a new PostgreSQL database, or None when skipped.
pub async fn postgres() -> Option<Store> {
    let url = postgres_url().await?;
    match Store::open(&url).await {
        Ok(store) => Some(store),
        Err(e) => panic!("cannot open test database {url}: {e}"),
    }
}
