//! Fresh databases for tests, on both backends.
//!
//! PostgreSQL tests use the server named by `NEWSBRIDGE_TEST_PG` (an admin URL,
//! as printed by `scripts/pg-start`) and create one new database per test.
//! Without it they are skipped, unless `NEWSBRIDGE_REQUIRE_PG=1` (set by the
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
/// When `NEWSBRIDGE_REQUIRE_PG` is set but `NEWSBRIDGE_TEST_PG` is not, or the server
/// cannot be reached: a test run that promised PostgreSQL must not pass without it.
pub async fn postgres_url() -> Option<String> {
    let Ok(admin) = std::env::var("NEWSBRIDGE_TEST_PG") else {
        assert!(
            std::env::var_os("NEWSBRIDGE_REQUIRE_PG").is_none(),
            "NEWSBRIDGE_REQUIRE_PG is set but NEWSBRIDGE_TEST_PG is not: start one with scripts/pg-start"
        );
        eprintln!("skipping PostgreSQL: set NEWSBRIDGE_TEST_PG (see scripts/pg-start)");
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
