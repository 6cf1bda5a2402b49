//! Signed tokens: comment form tokens (CSRF + time-to-submit), desk sessions
//! and desk CSRF tokens, salted IP hashes. Everything is an HMAC-SHA256 under
//! the portal's [`Secret`], so nothing needs a table.

use std::collections::HashMap;
use std::fmt;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::ConnectInfo;
use axum::http::{header, Extensions, HeaderMap};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

use crate::core::proxies::ClientIp;

type HmacSha256 = Hmac<Sha256>;

/// The key every signature and IP hash is made with. Every web node of one
/// site must share it; a new key logs everyone out and renews IP hashes.
#[derive(Clone)]
pub struct Secret(Arc<[u8]>);

impl Secret {
    /// A key from configured bytes (at least 32 are advisable).
    pub fn new(bytes: &[u8]) -> Secret {
        Secret(Arc::from(bytes))
    }

    /// A fresh random key (valid for this process only).
    pub fn random() -> Secret {
        let mut bytes = [0u8; 32];
        rand::thread_rng().fill_bytes(&mut bytes);
        Secret::new(&bytes)
    }

    fn mac(&self, parts: &[&str]) -> HmacSha256 {
        // HMAC accepts keys of any length, so this cannot fail; an empty key is still a key.
        let mut mac = HmacSha256::new_from_slice(&self.0)
            .unwrap_or_else(|_| <HmacSha256 as hmac::digest::KeyInit>::new(&Default::default()));
        for p in parts {
            mac.update(&(p.len() as u64).to_be_bytes());
            mac.update(p.as_bytes());
        }
        mac
    }

    /// Hex HMAC of `parts` (length-prefixed, so parts cannot be shifted).
    pub(crate) fn sign(&self, parts: &[&str]) -> String {
        hex(&self.mac(parts).finalize().into_bytes())
    }

    /// Whether `sig` is the HMAC of `parts` (constant-time).
    pub(crate) fn verify(&self, parts: &[&str], sig: &str) -> bool {
        let Some(bytes) = unhex(sig) else {
            return false;
        };
        self.mac(parts).verify_slice(&bytes).is_ok()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) || s.len() > 256 {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// An argon2id PHC hash of `password` with a random salt and the library's
/// default parameters: what the desk's sign-in verifies, for every account
/// whoever creates it (the desk, `newsbridge users`, the demo).
pub fn hash_password(password: &str) -> Result<String, argon2::password_hash::Error> {
    use argon2::password_hash::{PasswordHasher, SaltString};
    let salt = SaltString::encode_b64(nonce().as_bytes())?;
    argon2::Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
}

/// A random token (hex).
pub(crate) fn nonce() -> String {
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex(&bytes)
}

/// The reader's IP, as found by the trusted-proxy walk (see `proxies.rs`);
/// without it (a router used without that layer), the peer address, or, with
/// no peer at all, the last `X-Forwarded-For` / `X-Real-IP` address.
pub(crate) fn client_ip(headers: &HeaderMap, extensions: &Extensions) -> String {
    if let Some(ClientIp(ip)) = extensions.get::<ClientIp>() {
        return ip.to_string();
    }
    if let Some(ConnectInfo(peer)) = extensions.get::<ConnectInfo<SocketAddr>>() {
        return peer.ip().to_string();
    }
    headers
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .or_else(|| headers.get("x-real-ip").and_then(|v| v.to_str().ok()))
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "unknown".into())
}

/// A salted hash of an IP address: stable for one secret, useless without it.
pub(crate) fn ip_hash(secret: &Secret, ip: &str) -> String {
    secret.sign(&["ip", ip]).chars().take(32).collect()
}

/// Whether the request came over HTTPS: per `X-Forwarded-Proto` when a
/// trusted proxy sent it (the header is removed from other peers' requests),
/// else per the base URL.
pub(crate) fn is_https(headers: &HeaderMap, base_url: &str) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().eq_ignore_ascii_case("https"))
        .unwrap_or_else(|| base_url.starts_with("https://"))
}

/// Whether a state-changing request comes from this site: an `Origin` (or,
/// without one, `Referer`) header, when present, must name the request's
/// host, the host a proxy forwarded (`X-Forwarded-Host`) or the public base
/// URL's host.
pub(crate) fn same_origin(headers: &HeaderMap, base_url: &str) -> bool {
    let host_of = |url: &str| -> String {
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        rest.split(['/', '?', '#'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    let claimed = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|v| v.to_str().ok());
    let Some(claimed) = claimed else {
        return true;
    };
    if claimed == "null" {
        return false;
    }
    let claimed = host_of(claimed);
    let header_host = |name: &str| {
        headers.get(name).and_then(|v| v.to_str().ok()).map(|v| {
            v.split(',')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
    };
    [
        header_host("host"),
        header_host("x-forwarded-host"),
        Some(host_of(base_url)),
    ]
    .into_iter()
    .flatten()
    .any(|h| !h.is_empty() && h == claimed)
}

/// Hits per key in a fixed window, counted atomically in this process: the
/// first gate of a rate limit, so a burst of concurrent requests cannot all
/// pass a check made against the database before any of them is stored.
///
/// It remembers at most [`LIMITER_KEYS`] keys. When full, expired keys are
/// forgotten, but only once the earliest window has ended (so a map full of
/// live keys is not scanned on every request); a new key that still finds it
/// full is refused until one expires.
#[derive(Debug)]
pub(crate) struct Limiter {
    state: Mutex<LimiterState>,
    capacity: usize,
}

#[derive(Debug, Default)]
struct LimiterState {
    /// Hits and the end of the key's window.
    hits: HashMap<String, (i64, Instant)>,
    /// No window ends before this (while the map is full).
    next_expiry: Option<Instant>,
}

/// Keys a limiter remembers.
const LIMITER_KEYS: usize = 100_000;

impl Default for Limiter {
    fn default() -> Self {
        Limiter::with_capacity(LIMITER_KEYS)
    }
}

impl Limiter {
    fn with_capacity(capacity: usize) -> Limiter {
        Limiter {
            state: Mutex::new(LimiterState::default()),
            capacity,
        }
    }

    /// Counts a hit for `key` and says whether it is within `max` per `window`.
    pub(crate) fn allow(&self, key: &str, max: i64, window: Duration) -> bool {
        let Ok(mut state) = self.state.lock() else {
            return false;
        };
        let now = Instant::now();
        let end = now.checked_add(window).unwrap_or(now);
        if let Some(entry) = state.hits.get_mut(key) {
            if entry.1 <= now {
                *entry = (0, end);
            }
            if entry.0 >= max {
                return false;
            }
            entry.0 += 1;
            return true;
        }
        if max <= 0 {
            return false;
        }
        if state.hits.len() >= self.capacity && state.next_expiry.is_none_or(|t| t <= now) {
            state.hits.retain(|_, (_, end)| *end > now);
            state.next_expiry = state.hits.values().map(|(_, end)| *end).min();
        }
        if state.hits.len() >= self.capacity {
            return false;
        }
        state.next_expiry = Some(state.next_expiry.map_or(end, |t| t.min(end)));
        state.hits.insert(key.to_string(), (1, end));
        true
    }
}

/// A cookie's value from the request headers.
pub(crate) fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn signatures_verify_only_for_the_same_parts_and_key() {
        let s = Secret::new(b"k1");
        let sig = s.sign(&["a", "bc"]);
        assert!(s.verify(&["a", "bc"], &sig));
        assert!(!s.verify(&["ab", "c"], &sig));
        assert!(!Secret::new(b"k2").verify(&["a", "bc"], &sig));
        assert!(!s.verify(&["a", "bc"], "zz"));
        assert!(!s.verify(&["a", "bc"], ""));
        assert_eq!(format!("{s:?}"), "Secret(<redacted>)");
        assert_eq!(unhex("0aff"), Some(vec![10, 255]));
        assert_eq!(unhex("é1"), None);
    }

    #[test]
    fn a_full_limiter_refuses_new_keys_until_a_window_ends() {
        let l = Limiter::with_capacity(2);
        let w = Duration::from_millis(40);
        assert!(l.allow("a", 5, w) && l.allow("b", 5, w));
        assert!(!l.allow("c", 5, w), "full of live keys");
        assert!(l.allow("a", 5, w), "a known key still counts");
        assert_eq!(l.state.lock().unwrap().hits.len(), 2);
        std::thread::sleep(Duration::from_millis(50));
        assert!(l.allow("c", 5, w), "the expired keys were forgotten");
        assert_eq!(l.state.lock().unwrap().hits.len(), 1);
    }

    #[test]
    fn the_limiter_counts_per_key() {
        let l = Limiter::default();
        let w = Duration::from_secs(60);
        assert!(l.allow("a", 2, w) && l.allow("a", 2, w));
        assert!(!l.allow("a", 2, w));
        assert!(l.allow("b", 2, w));
        assert!(l.allow("c", 1, Duration::ZERO) && l.allow("c", 1, Duration::ZERO));
    }

    #[test]
    fn origins_must_match_the_host() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, "news.example".parse().unwrap());
        let base = "https://public.example";
        assert!(same_origin(&h, base));
        h.insert(header::ORIGIN, "https://news.example".parse().unwrap());
        assert!(same_origin(&h, base));
        h.insert(header::ORIGIN, "https://public.example".parse().unwrap());
        assert!(same_origin(&h, base), "behind a proxy that rewrites Host");
        h.insert(header::ORIGIN, "https://evil.example".parse().unwrap());
        assert!(!same_origin(&h, base));
        h.insert(header::ORIGIN, "null".parse().unwrap());
        assert!(!same_origin(&h, base));
    }
}
