//! The editorial desk under `/admin`.

use axum::Router;

use crate::app::AppState;

/// The desk's routes.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
}
