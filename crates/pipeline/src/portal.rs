//! The HTTP surface of one process: the portal plus health and metrics, and the search
//! index kept current by following the database's change log.

use std::time::Duration;

use anyhow::{Context, Result};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

use crate::app::App;
use crate::metrics::Metrics;

/// Opens the search index in the data directory and keeps it following the
/// change log (every web node has its own index; they share only the database).
pub fn start_search(app: &App) -> Result<search::SearchIndex> {
    let index = open_index(&app.config.data_dir.join("search"))?;
    let follower = index.clone();
    let store = app.store.clone();
    tokio::spawn(async move {
        let mut cursor = follower.change_cursor().unwrap_or(0);
        // Said once while it lasts (a read-only or full disk would repeat it every 2 s).
        let mut failing = false;
        loop {
            match search::follow_changes(&follower, &store, &mut cursor).await {
                Err(e) if !failing => {
                    failing = true;
                    tracing::warn!(error = %e, "search index could not follow the change log; retrying every 2 s, pages are served from the index as it is");
                }
                Err(e) => {
                    tracing::debug!(error = %e, "search index still cannot follow the change log")
                }
                Ok(_) if failing => {
                    failing = false;
                    tracing::warn!("search index follows the change log again");
                }
                Ok(_) => {}
            }
            tokio::time::sleep(Duration::from_secs(2)).await;
        }
    });
    Ok(index)
}

/// Opens (or creates) a search index directory. An index written by an older
/// release (another schema) is started again empty: the change log (or, for the
/// story index, the database) fills it back, so an upgrade needs no manual step.
pub fn open_index(dir: &std::path::Path) -> Result<search::SearchIndex> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    match search::SearchIndex::open(dir) {
        Ok(index) => Ok(index),
        Err(search::SearchError::SchemaMismatch { .. }) => {
            tracing::warn!(dir = %dir.display(), "index from an older release: building it again");
            std::fs::remove_dir_all(dir)
                .and_then(|()| std::fs::create_dir_all(dir))
                .with_context(|| format!("cannot reset {}", dir.display()))?;
            search::SearchIndex::open(dir)
                .with_context(|| format!("cannot open the search index in {}", dir.display()))
        }
        Err(e) => {
            Err(e).with_context(|| format!("cannot open the search index in {}", dir.display()))
        }
    }
}

/// The whole router: the portal (pages, feeds, sitemaps, API, desk) plus
/// `/healthz` and `/readyz`, every request timed into `metrics`. `/metrics`
/// is served here only with `server.metrics_token`, to requests bearing it;
/// otherwise it lives on its own listener ([`metrics_router`]).
pub async fn router(app: &App, metrics: &Metrics) -> Result<Router> {
    let index = start_search(app)?;
    let secret = portal_secret(&app.config)?;
    let moderation = match app.config.site.comment_moderation.as_str() {
        "pre" => web::Moderation::Pre,
        _ => web::Moderation::Post,
    };
    let trusted = web::TrustedProxies::parse(&app.config.server.trusted_proxies)
        .context("server.trusted_proxies")?;
    let portal = web::Portal::new(
        app.store.clone(),
        Some(index),
        web::PortalConfig {
            site_name: app.config.site.name.clone(),
            base_url: app.config.site.base_url.clone(),
            languages: app.config.site.languages.clone(),
            source_language: app.config.site.source_language.clone(),
        },
    )
    .with_secret(web::Secret::new(&secret))
    .with_trusted_proxies(trusted.clone())
    .with_comments(web::CommentSettings {
        moderation,
        ..web::CommentSettings::default()
    })
    .with_page_cache(web::PageCacheSettings {
        ttl: std::time::Duration::from_secs(app.config.server.page_cache_seconds),
        budget_bytes: app.config.server.page_cache_mib.saturating_mul(1024 * 1024),
    });
    let portal = match &app.images {
        Some(imaging) => portal.with_images(imaging.storage.clone()),
        None => portal,
    };
    let mut health = health_routes(app);
    if let Some(token) = app.config.server.metrics_token.clone() {
        let store = app.store.clone();
        let scrape = metrics.clone();
        health = health.route(
            "/metrics",
            get(move |headers: axum::http::HeaderMap| {
                let (store, scrape, token) = (store.clone(), scrape.clone(), token.clone());
                async move {
                    if bearer_matches(&headers, &token) {
                        crate::metrics::handler(store, scrape).await.into_response()
                    } else {
                        (
                            axum::http::StatusCode::UNAUTHORIZED,
                            [(axum::http::header::WWW_AUTHENTICATE, "Bearer")],
                            "a bearer token (server.metrics_token) is required\n",
                        )
                            .into_response()
                    }
                }
            }),
        );
    }
    let health = web::security_headers(health, &app.config.site.base_url, trusted, None);
    Ok(health
        .merge(web::router(portal))
        .layer(axum::middleware::from_fn_with_state(
            metrics.clone(),
            crate::metrics::track_http,
        )))
}

/// Whether `Authorization` is `Bearer <token>` (compared in constant time).
fn bearer_matches(headers: &axum::http::HeaderMap, token: &str) -> bool {
    let Some(given) = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    else {
        return false;
    };
    let (a, b) = (given.trim().as_bytes(), token.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// `/healthz` (the process answers) and `/readyz` (it can serve: database
/// reachable, schema at this binary's version — what a load balancer checks).
fn health_routes(app: &App) -> Router {
    let store = app.store.clone();
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route(
            "/readyz",
            get(move || {
                let store = store.clone();
                async move { readiness(&store).await }
            }),
        )
}

/// The metrics listener (`server.metrics_listen`, or `newsbridge worker
/// --metrics-addr`): `/healthz`, `/readyz` and `/metrics`.
pub fn metrics_router(app: &App, metrics: &Metrics) -> Router {
    let store = app.store.clone();
    let scrape = metrics.clone();
    health_routes(app).route(
        "/metrics",
        get(move || crate::metrics::handler(store.clone(), scrape.clone())),
    )
}

/// `/readyz`: 200 when the database answers at this binary's schema version.
async fn readiness(store: &store::Store) -> (axum::http::StatusCode, String) {
    use axum::http::StatusCode;
    let check = tokio::time::timeout(Duration::from_secs(3), store.schema_version()).await;
    match check {
        Ok(Ok(v)) if v == store::SCHEMA_VERSION => (StatusCode::OK, "ready".into()),
        Ok(Ok(v)) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "database at schema version {v}, this binary needs {}; run `newsbridge migrate`",
                store::SCHEMA_VERSION
            ),
        ),
        // The error may name the database's host or file: it goes to the
        // log, not to whoever asked (the portal's port answers anyone).
        Ok(Err(e)) => {
            tracing::error!(error = %e, "readiness: the database did not answer");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "database unavailable; the error is in the log".into(),
            )
        }
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "database did not answer within 3 s".into(),
        ),
    }
}

/// The signing key: `server.secret`, else the one kept in the data directory
/// (made on first start, readable by its owner only).
fn portal_secret(config: &crate::config::Config) -> Result<Vec<u8>> {
    if let Some(secret) = &config.server.secret {
        return Ok(secret.as_bytes().to_vec());
    }
    let path = config.data_dir.join("portal.secret");
    if let Ok(existing) = std::fs::read(&path) {
        if existing.len() >= 32 {
            return Ok(existing);
        }
    }
    config.ensure_data_dir()?;
    let secret: [u8; 32] = rand::random();
    let hex: String = secret.iter().map(|b| format!("{b:02x}")).collect();
    write_private(&path, hex.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(hex.into_bytes())
}

#[cfg(unix)]
fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(bytes)
}

#[cfg(not(unix))]
fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, bytes)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[tokio::test]
    async fn readiness_keeps_the_database_error_out_of_the_answer() {
        let (store, _dir) = store::testing::sqlite().await.unwrap();
        let (status, body) = readiness(&store).await;
        assert_eq!((status.as_u16(), body.as_str()), (200, "ready"));
        store.close().await;
        let (status, body) = readiness(&store).await;
        assert_eq!(status.as_u16(), 503);
        assert_eq!(body, "database unavailable; the error is in the log");
    }
}
