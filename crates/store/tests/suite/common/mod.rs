//! Runs each storage test on SQLite and on PostgreSQL.

/// Defines `$name::sqlite` and `$name::postgres` tests calling `$body(store)`.
#[macro_export]
macro_rules! on_both_backends {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let (store, _dir) = store::testing::sqlite().await.unwrap();
                ($body)(store).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(store) = store::testing::postgres().await {
                    ($body)(store).await;
                }
            }
        }
    };
}
