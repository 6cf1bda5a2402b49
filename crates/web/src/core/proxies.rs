//! Who sent a request: the reader's address behind the proxies the site trusts.
//!
//! A proxy appends the address it received a request from to
//! `X-Forwarded-For`, so the list is only as honest as the proxies that wrote
//! it. The client is found by walking the list from the right, skipping the
//! proxies the site trusts (`server.trusted_proxies`): the first address that
//! is not one of them is the reader. Anything to its left was written by the
//! reader and is ignored. A request whose peer is not a trusted proxy keeps
//! its peer address, and its forwarding headers are removed before any
//! handler sees them, so no one can pose as a proxy.

use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;

use axum::extract::{ConnectInfo, Request};
use axum::http::{HeaderMap, HeaderName};
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;

/// The proxies whose forwarding headers (`X-Forwarded-For`, `X-Real-IP`,
/// `X-Forwarded-Proto`, `X-Forwarded-Host`) are believed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

/// A `server.trusted_proxies` entry that is neither an address nor a CIDR range.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an IP address or a CIDR range such as 10.0.0.0/8 or fd00::/8")]
pub struct BadProxy(pub String);

impl TrustedProxies {
    /// No proxy at all: every peer is a reader.
    pub fn none() -> TrustedProxies {
        TrustedProxies(Vec::new())
    }

    /// Loopback only (`127.0.0.0/8`, `::1`): a proxy on the same machine.
    pub fn loopback() -> TrustedProxies {
        TrustedProxies(vec![
            IpNet::V4(ipnet::Ipv4Net::new_assert(std::net::Ipv4Addr::LOCALHOST, 8).trunc()),
            IpNet::from(IpAddr::from(std::net::Ipv6Addr::LOCALHOST)),
        ])
    }

    /// Parses addresses (`10.0.0.5`) and CIDR ranges (`10.0.0.0/8`, `fd00::/8`).
    pub fn parse<S: AsRef<str>>(entries: &[S]) -> Result<TrustedProxies, BadProxy> {
        entries
            .iter()
            .map(|e| {
                let e = e.as_ref().trim();
                IpNet::from_str(e)
                    .or_else(|_| IpAddr::from_str(e).map(IpNet::from))
                    .map_err(|_| BadProxy(e.to_string()))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(TrustedProxies)
    }

    /// Whether `ip` is one of the trusted proxies (an IPv4-mapped IPv6
    /// address counts as its IPv4 address).
    pub fn trusts(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The reader's address for a request from `peer` with these headers.
    /// `None` for `peer` (a request made in-process, without a socket) is
    /// treated as a trusted proxy.
    pub fn client(&self, peer: Option<IpAddr>, headers: &HeaderMap) -> Option<IpAddr> {
        if let Some(peer) = peer {
            if !self.trusts(peer) {
                return Some(canonical(peer));
            }
        }
        let mut nearest = peer.map(canonical);
        let hops = headers
            .get_all(X_FORWARDED_FOR)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .collect::<Vec<_>>();
        if hops.is_empty() {
            let real = headers
                .get(X_REAL_IP)
                .and_then(|v| v.to_str().ok())
                .and_then(parse_hop);
            return real.or(nearest);
        }
        for hop in hops.iter().rev() {
            let Some(ip) = parse_hop(hop) else {
                // A proxy we trust wrote something that is not an address:
                // the chain is broken here; the last good hop is the client.
                return nearest;
            };
            if !self.trusts(ip) {
                return Some(ip);
            }
            nearest = Some(ip);
        }
        nearest
    }
}

impl Default for TrustedProxies {
    /// Loopback only.
    fn default() -> Self {
        TrustedProxies::loopback()
    }
}

const X_FORWARDED_FOR: HeaderName = HeaderName::from_static("x-forwarded-for");
const X_REAL_IP: HeaderName = HeaderName::from_static("x-real-ip");
const FORWARDING: [&str; 5] = [
    "x-forwarded-for",
    "x-real-ip",
    "x-forwarded-proto",
    "x-forwarded-host",
    "forwarded",
];

/// An address as written in a forwarding header: `203.0.113.9`,
/// `203.0.113.9:4711`, `2001:db8::1` or `[2001:db8::1]:4711`.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim();
    IpAddr::from_str(hop)
        .ok()
        .or_else(|| SocketAddr::from_str(hop).ok().map(|s| s.ip()))
        .map(canonical)
}

fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 => v4,
    }
}

/// The reader's address, put into every request's extensions by [`resolve`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ClientIp(pub IpAddr);

/// Middleware: records the [`ClientIp`] and removes forwarding headers sent
/// by a peer that is not a trusted proxy.
pub(crate) async fn resolve(trusted: TrustedProxies, mut req: Request, next: Next) -> Response {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    if peer.is_some_and(|p| !trusted.trusts(p)) {
        let headers = req.headers_mut();
        for name in FORWARDING {
            headers.remove(name);
        }
    }
    if let Some(ip) = trusted.client(peer, req.headers()) {
        req.extensions_mut().insert(ClientIp(ip));
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn xff(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append(X_FORWARDED_FOR, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn the_right_most_untrusted_address_is_the_client() {
        let t = TrustedProxies::parse(&["10.0.0.0/8", "127.0.0.1"]).unwrap();
        let h = xff(&["6.6.6.6, 203.0.113.9, 10.1.2.3"]);
        assert_eq!(t.client(Some(ip("10.0.0.1")), &h), Some(ip("203.0.113.9")));
        // Two headers are one list, in order.
        let h = xff(&["6.6.6.6", "203.0.113.9:4711, 10.1.2.3"]);
        assert_eq!(t.client(Some(ip("127.0.0.1")), &h), Some(ip("203.0.113.9")));
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_forwards() {
        let t = TrustedProxies::loopback();
        let h = xff(&["203.0.113.9"]);
        assert_eq!(
            t.client(Some(ip("198.51.100.7")), &h),
            Some(ip("198.51.100.7"))
        );
        assert_eq!(t.client(Some(ip("127.0.0.2")), &h), Some(ip("203.0.113.9")));
        assert_eq!(
            t.client(Some(ip("::ffff:198.51.100.7")), &h),
            Some(ip("198.51.100.7"))
        );
    }

    #[test]
    fn a_broken_or_all_trusted_chain_stops_at_the_last_good_hop() {
        let t = TrustedProxies::parse(&["10.0.0.0/8"]).unwrap();
        let peer = Some(ip("10.0.0.1"));
        assert_eq!(t.client(peer, &xff(&["10.0.0.9"])), Some(ip("10.0.0.9")));
        assert_eq!(
            t.client(peer, &xff(&["203.0.113.9, garbage, 10.0.0.9"])),
            Some(ip("10.0.0.9"))
        );
        assert_eq!(t.client(peer, &HeaderMap::new()), peer);
        assert_eq!(
            t.client(None, &xff(&["[2001:db8::1]:80"])),
            Some(ip("2001:db8::1"))
        );
    }

    #[test]
    fn entries_are_addresses_or_ranges() {
        assert!(TrustedProxies::parse(&["10.0.0.0/8", "::1", " fd00::/8 "]).is_ok());
        let err = TrustedProxies::parse(&["10.0.0.0/33"]).unwrap_err();
        assert_eq!(err, BadProxy("10.0.0.0/33".into()));
        assert!(TrustedProxies::parse(&["proxy.example"]).is_err());
        assert!(TrustedProxies::loopback().trusts(ip("127.0.0.2")));
        assert!(TrustedProxies::loopback().trusts(ip("::1")));
        assert!(!TrustedProxies::none().trusts(ip("127.0.0.1")));
    }
}
