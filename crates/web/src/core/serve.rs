//! The serving loop: HTTP/1.1 over TCP with the limits a public server needs.
//!
//! `axum::serve` has no header timeout, no body timeout, no body size check
//! before `100 Continue` and no connection cap; this loop is hyper's own
//! connection builder with those set:
//! - a request announcing more than [`ServeLimits::max_body_bytes`] is
//!   answered 413 before its body is read (no `100 Continue` is sent), and a
//!   chunked body is cut at the same size;
//! - headers must arrive within [`ServeLimits::header_read_timeout`], which
//!   also closes a kept-alive connection that stays idle that long;
//! - each chunk of a body must arrive within [`ServeLimits::body_read_timeout`];
//!   a handler that gives up on a body closes the connection;
//! - at most [`ServeLimits::max_connections`] connections are served at once;
//!   the ones beyond are closed as soon as they are accepted.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, DefaultBodyLimit, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};
use tower::ServiceExt;
use tower_http::timeout::RequestBodyTimeoutLayer;

/// The limits [`serve`] applies to every connection and request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServeLimits {
    /// Largest request body, in bytes (declared or sent).
    pub max_body_bytes: usize,
    /// Time a client has to send a request's headers, and the longest a
    /// kept-alive connection may stay idle.
    pub header_read_timeout: Duration,
    /// Longest wait for the next piece of a request body.
    pub body_read_timeout: Duration,
    /// Connections served at once.
    pub max_connections: usize,
    /// On shutdown, how long requests in flight may take before their
    /// connections are dropped.
    pub shutdown_grace: Duration,
}

impl Default for ServeLimits {
    fn default() -> Self {
        ServeLimits {
            max_body_bytes: 1024 * 1024,
            header_read_timeout: Duration::from_secs(10),
            body_read_timeout: Duration::from_secs(10),
            max_connections: 1024,
            shutdown_grace: Duration::from_secs(10),
        }
    }
}

/// Serves `router` on `listener` until `shutdown` completes, then lets
/// requests in flight finish (up to [`ServeLimits::shutdown_grace`]).
/// Handlers see the peer as `ConnectInfo<SocketAddr>`. Fails only when the
/// listener does; a failing connection is logged at debug level.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ServeLimits,
    shutdown: impl Future<Output = ()> + Send,
) -> std::io::Result<()> {
    let max_body = limits.max_body_bytes;
    let router = router
        .layer(RequestBodyTimeoutLayer::new(limits.body_read_timeout))
        .layer(DefaultBodyLimit::max(max_body))
        .layer(axum::middleware::from_fn(
            move |req: Request, next: Next| refuse_declared_oversize(max_body, req, next),
        ));
    let max = limits.max_connections.max(1);
    let slots = Arc::new(Semaphore::new(max));
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .keep_alive(true);
    let mut last_refusal_log: Option<Instant> = None;
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) if is_per_connection(&e) => continue,
                Err(e) => {
                    // Out of file descriptors and the like: wait, then accept again.
                    tracing::warn!(error = %e, "cannot accept connections; retrying in 100 ms");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            if last_refusal_log.is_none_or(|t| t.elapsed() > Duration::from_secs(60)) {
                tracing::warn!(max, "connection limit reached; refusing new connections");
                last_refusal_log = Some(Instant::now());
            }
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let service = router
            .clone()
            .map_request(move |mut req: Request<hyper::body::Incoming>| {
                req.extensions_mut()
                    .insert(ConnectInfo::<std::net::SocketAddr>(peer));
                req
            });
        let connection =
            builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let mut stop = stop_rx.clone();
        tokio::spawn(async move {
            tokio::pin!(connection);
            let result = tokio::select! {
                r = connection.as_mut() => r,
                () = until_true(&mut stop) => {
                    connection.as_mut().graceful_shutdown();
                    connection.await
                }
            };
            if let Err(e) = result {
                tracing::debug!(%peer, error = %e, "connection ended with an error");
            }
            drop(slot);
        });
    }
    drop(listener);
    let _ = stop_tx.send(true);
    // Every connection holds a slot: all slots back means all connections closed.
    let all = u32::try_from(max).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(limits.shutdown_grace, slots.acquire_many(all)).await;
    Ok(())
}

/// 413 for a request whose `Content-Length` is over `max`, before its body is
/// read. Bodies without a length (chunked) are cut at `max` by
/// `DefaultBodyLimit`, which every body extractor obeys. (tower-http's
/// `RequestBodyLimitLayer` does both, but its limit error reaches the
/// extractors wrapped too deep to be told from a broken body, so a chunked
/// body over the limit got 400 instead of 413.)
async fn refuse_declared_oversize(max: usize, req: Request, next: Next) -> Response {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > max as u64) {
        let mut response =
            (StatusCode::PAYLOAD_TOO_LARGE, "request body too large\n").into_response();
        // The unread body cannot be skipped safely: end the connection.
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        return response;
    }
    next.run(req).await
}

/// Completes once `stop` is true (or its sender is gone).
async fn until_true(stop: &mut watch::Receiver<bool>) {
    let _ = stop.wait_for(|s| *s).await;
}

/// Accept errors that concern one connection only (it was reset before
/// being accepted): the listener is fine.
fn is_per_connection(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::ConnectionRefused
            | std::io::ErrorKind::ConnectionAborted
            | std::io::ErrorKind::ConnectionReset
    )
}
