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
//! - each chunk of a body must arrive within [`ServeLimits::body_read_timeout`],
//!   and a request that sends a body is answered 408 (and its connection
//!   closed) when it has not been handled within
//!   [`ServeLimits::body_total_timeout`], so a body drip-fed one byte at a
//!   time cannot hold a connection; a handler that gives up on a body closes
//!   the connection;
//! - at most [`ServeLimits::max_connections`] connections are served at once,
//!   and at most [`ServeLimits::max_connections_per_client`] from one client
//!   address (an IPv6 client counts by its /64; a trusted proxy is exempt),
//!   so one client cannot hold every slot with idle connections; the ones
//!   beyond are closed as soon as they are accepted.

use std::collections::HashMap;
use std::future::Future;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
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

use crate::core::proxies::TrustedProxies;

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
    /// Longest a request with a body may take from its headers to its
    /// answer, however steadily the body arrives.
    pub body_total_timeout: Duration,
    /// Connections served at once.
    pub max_connections: usize,
    /// Connections served at once from one client address (an IPv6 address
    /// counts by its /64 network); trusted proxies are not limited. Above
    /// `max_connections` it changes nothing.
    pub max_connections_per_client: usize,
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
            body_total_timeout: Duration::from_secs(60),
            max_connections: 1024,
            max_connections_per_client: 64,
            shutdown_grace: Duration::from_secs(10),
        }
    }
}

/// Serves `router` on `listener` until `shutdown` completes, then lets
/// requests in flight finish (up to [`ServeLimits::shutdown_grace`]).
/// Handlers see the peer as `ConnectInfo<SocketAddr>`; connections from
/// `proxies` are exempt from the per-client cap. Fails only when the
/// listener does; a failing connection is logged at debug level.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ServeLimits,
    proxies: TrustedProxies,
    shutdown: impl Future<Output = ()> + Send,
) -> std::io::Result<()> {
    let max_body = limits.max_body_bytes;
    let total = limits.body_total_timeout;
    let router = router
        .layer(axum::middleware::from_fn(
            move |req: Request, next: Next| bound_body_time(total, req, next),
        ))
        .layer(RequestBodyTimeoutLayer::new(limits.body_read_timeout))
        .layer(DefaultBodyLimit::max(max_body))
        .layer(axum::middleware::from_fn(
            move |req: Request, next: Next| refuse_declared_oversize(max_body, req, next),
        ));
    let max = limits.max_connections.max(1);
    let slots = Arc::new(Semaphore::new(max));
    let per_client = Arc::new(PerClient::new(limits.max_connections_per_client));
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
        let ticket = if proxies.trusts(peer.ip()) {
            None
        } else {
            match PerClient::enter(&per_client, peer.ip()) {
                Some(ticket) => Some(ticket),
                None => {
                    if last_refusal_log.is_none_or(|t| t.elapsed() > Duration::from_secs(60)) {
                        tracing::warn!(
                            client = %client_key(peer.ip()),
                            max = limits.max_connections_per_client,
                            "one client holds its share of connections; refusing more from it"
                        );
                        last_refusal_log = Some(Instant::now());
                    }
                    drop(stream);
                    continue;
                }
            }
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
            drop(ticket);
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

/// Open connections per client address, capped.
struct PerClient {
    open: Mutex<HashMap<IpAddr, usize>>,
    max: usize,
}

/// One connection counted for its client; uncounted when dropped.
struct Ticket {
    clients: Arc<PerClient>,
    key: IpAddr,
}

impl PerClient {
    fn new(max: usize) -> PerClient {
        PerClient {
            open: Mutex::new(HashMap::new()),
            max: max.max(1),
        }
    }

    /// Counts a connection from `ip`, or `None` when its client is at the cap.
    fn enter(clients: &Arc<PerClient>, ip: IpAddr) -> Option<Ticket> {
        let key = client_key(ip);
        let mut open = clients.open.lock().unwrap_or_else(|e| e.into_inner());
        let count = open.entry(key).or_insert(0);
        if *count >= clients.max {
            return None;
        }
        *count += 1;
        Some(Ticket {
            clients: clients.clone(),
            key,
        })
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        let mut open = self.clients.open.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(count) = open.get_mut(&self.key) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                open.remove(&self.key);
            }
        }
    }
}

/// The address a client is counted under: IPv4 as is (IPv4-mapped IPv6
/// too), IPv6 by its /64 network, which one subscriber usually holds whole.
fn client_key(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => {
            let s = v6.segments();
            IpAddr::V6(std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
        v4 => v4,
    }
}

/// 408 with `Connection: close` for a request with a body that is not
/// answered within `total` (its handler, still reading, is dropped).
async fn bound_body_time(total: Duration, req: Request, next: Next) -> Response {
    let has_body = req.headers().contains_key(header::TRANSFER_ENCODING)
        || req
            .headers()
            .get(header::CONTENT_LENGTH)
            .is_some_and(|v| v.as_bytes() != b"0");
    if !has_body {
        return next.run(req).await;
    }
    match tokio::time::timeout(total, next.run(req)).await {
        Ok(response) => response,
        Err(_) => {
            let mut response =
                (StatusCode::REQUEST_TIMEOUT, "request body too slow\n").into_response();
            response
                .headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
            response
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ipv6_client_counts_by_its_64_and_a_mapped_ipv4_as_ipv4() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(client_key(a), client_key(b));
        assert_ne!(client_key(a), client_key(c));
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(client_key(mapped), "192.0.2.7".parse::<IpAddr>().unwrap());
    }

    #[test]
    fn a_client_at_its_cap_is_refused_until_one_of_its_connections_closes() {
        let clients = Arc::new(PerClient::new(2));
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        let first = PerClient::enter(&clients, ip).unwrap();
        let _second = PerClient::enter(&clients, ip).unwrap();
        assert!(PerClient::enter(&clients, ip).is_none());
        assert!(PerClient::enter(&clients, "192.0.2.2".parse().unwrap()).is_some());
        drop(first);
        assert!(PerClient::enter(&clients, ip).is_some());
    }

    #[test]
    fn a_client_whose_connections_all_closed_is_forgotten() {
        let clients = Arc::new(PerClient::new(4));
        let ticket = PerClient::enter(&clients, "192.0.2.1".parse().unwrap()).unwrap();
        drop(ticket);
        assert!(clients.open.lock().unwrap().is_empty());
    }
}
