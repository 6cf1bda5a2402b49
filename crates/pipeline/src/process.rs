//! The long-running processes behind `newsbridge run`, `serve` and `worker`:
//! the portal, the workers, or both, until Ctrl-C or SIGTERM.

use anyhow::{Context, Result};
use store::JobKind;
use tokio::sync::watch;

use crate::app::App;
use crate::config::Config;
use crate::metrics::Metrics;
use crate::stages::{run_workers, WorkerOptions};

/// Runs the web server and/or the workers until Ctrl-C or SIGTERM.
pub async fn run(
    config: Config,
    web: bool,
    workers: bool,
    concurrency: Option<usize>,
) -> Result<()> {
    let app = App::open(config).await?;
    serve_app(app, web, workers, concurrency, None).await
}

/// `newsbridge worker`: only the workers, of the given stages (all when empty);
/// with `metrics_addr`, also `/metrics`, `/healthz` and `/readyz` on that address.
pub async fn run_workers_only(
    config: Config,
    concurrency: Option<usize>,
    stages: Vec<JobKind>,
    metrics_addr: Option<std::net::SocketAddr>,
) -> Result<()> {
    let app = App::open(config).await?;
    let kinds = if stages.is_empty() {
        JobKind::ALL.to_vec()
    } else {
        stages
    };
    tracing::info!(stages = ?kinds, "worker starting");
    serve_app_with(app, false, Some(kinds), concurrency, None, metrics_addr).await
}

/// Runs an opened app; `ready` receives the bound address once listening.
pub async fn serve_app(
    app: App,
    web: bool,
    workers: bool,
    concurrency: Option<usize>,
    ready: Option<tokio::sync::oneshot::Sender<std::net::SocketAddr>>,
) -> Result<()> {
    let kinds = workers.then(|| JobKind::ALL.to_vec());
    serve_app_with(app, web, kinds, concurrency, ready, None).await
}

/// [`serve_app`] with the portal and every worker, calling `announce` with
/// the portal's address once it listens (not at all if it fails first).
pub async fn serve_announced(app: App, announce: impl FnOnce(std::net::SocketAddr)) -> Result<()> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    let serving = serve_app(app, true, true, None, Some(tx));
    tokio::pin!(serving);
    tokio::select! {
        res = &mut serving => return res,
        addr = rx => {
            if let Ok(addr) = addr {
                announce(addr);
            }
        }
    }
    serving.await
}

async fn serve_app_with(
    app: App,
    web: bool,
    worker_kinds: Option<Vec<JobKind>>,
    concurrency: Option<usize>,
    ready: Option<tokio::sync::oneshot::Sender<std::net::SocketAddr>>,
    metrics_addr: Option<std::net::SocketAddr>,
) -> Result<()> {
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut tasks = tokio::task::JoinSet::new();
    // One set of series per process: `run` shows web and workers on one `/metrics`.
    let metrics = Metrics::new();
    let limits = serve_limits(&app.config);
    let proxies = web::TrustedProxies::parse(&app.config.server.trusted_proxies)
        .context("server.trusted_proxies")?;
    let metrics_addr = match metrics_addr {
        Some(addr) => Some((addr, "--metrics-addr")),
        None if web => app
            .config
            .server
            .metrics_listen
            .as_deref()
            .map(|a| {
                a.parse::<std::net::SocketAddr>()
                    .map(|addr| (addr, "server.metrics_listen"))
            })
            .transpose()
            .context("server.metrics_listen is not IP:PORT")?,
        None => None,
    };
    if let Some((addr, key)) = metrics_addr {
        let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| {
            format!("cannot listen on {addr} ({key}); is another process using it?")
        })?;
        tracing::info!(bound = %listener.local_addr()?, "metrics listening");
        let router = crate::portal::metrics_router(&app, &metrics);
        let stop = stop_rx.clone();
        let proxies = proxies.clone();
        tasks.spawn(async move {
            web::serve(listener, router, limits, proxies, stopped(stop))
                .await
                .context("the metrics server stopped")
        });
    }
    if let Some(kinds) = worker_kinds {
        let options = WorkerOptions {
            concurrency: concurrency.unwrap_or(app.config.workers.concurrency),
            kinds,
        };
        let app = app.clone();
        let stop = stop_rx.clone();
        let metrics = metrics.clone();
        tasks.spawn(async move { run_workers(app, options, metrics, stop).await });
    }
    if web {
        let addr = app.config.listen_addr()?;
        let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| {
            format!("cannot listen on {addr} (server.listen); is another process using it?")
        })?;
        let bound = listener.local_addr()?;
        tracing::info!(%bound, "portal listening");
        if let Some(ready) = ready {
            let _ = ready.send(bound);
        }
        let router = crate::portal::router(&app, &metrics).await?;
        let stop = stop_rx.clone();
        let proxies = proxies.clone();
        tasks.spawn(async move {
            web::serve(listener, router, limits, proxies, stopped(stop))
                .await
                .context("the web server stopped")
        });
    }
    tokio::select! {
        _ = shutdown_signal() => tracing::info!("shutting down: finishing running jobs"),
        Some(res) = tasks.join_next() => {
            let _ = stop_tx.send(true);
            res??;
        }
    }
    let _ = stop_tx.send(true);
    while let Some(res) = tasks.join_next().await {
        res??;
    }
    Ok(())
}

/// The `[server]` limits every listener applies.
fn serve_limits(config: &Config) -> web::ServeLimits {
    let server = &config.server;
    web::ServeLimits {
        max_body_bytes: usize::try_from(server.max_body_kib.saturating_mul(1024))
            .unwrap_or(usize::MAX),
        header_read_timeout: std::time::Duration::from_secs(server.header_read_timeout_seconds),
        body_read_timeout: std::time::Duration::from_secs(server.body_read_timeout_seconds),
        body_total_timeout: std::time::Duration::from_secs(server.body_total_timeout_seconds),
        max_connections: server.max_connections,
        max_connections_per_client: server.max_connections_per_client,
        ..web::ServeLimits::default()
    }
}

/// Completes once `stop` turns true (or its sender is gone).
async fn stopped(mut stop: watch::Receiver<bool>) {
    let _ = stop.wait_for(|s| *s).await;
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}
