//! Pins each host to the addresses the guard vetted.
//!
//! The HTTP client asks this resolver instead of the system's: it answers
//! only with addresses that [`super::guard::vet`] approved for that host,
//! and fails for any host the guard has not seen. A DNS answer that changes
//! between the check and the connection (rebinding) therefore never
//! reaches the socket.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// Vetted addresses per lower-case host name.
#[derive(Debug, Default, Clone)]
pub(crate) struct PinnedResolver {
    pins: Arc<Mutex<HashMap<String, Vec<SocketAddr>>>>,
}

/// The client asked for a host the guard never vetted.
#[derive(Debug, thiserror::Error)]
#[error("{0} was not vetted by the SSRF guard; the fetcher only connects to vetted addresses")]
struct NotVetted(String);

impl PinnedResolver {
    /// Records the vetted addresses of `host` (replacing earlier ones).
    pub(crate) fn pin(&self, host: &str, addrs: &[SocketAddr]) {
        let mut pins = self.pins.lock().unwrap_or_else(PoisonError::into_inner);
        pins.insert(host.to_ascii_lowercase(), addrs.to_vec());
    }

    fn lookup(&self, host: &str) -> Option<Vec<SocketAddr>> {
        let pins = self.pins.lock().unwrap_or_else(PoisonError::into_inner);
        pins.get(&host.to_ascii_lowercase()).cloned()
    }
}

impl Resolve for PinnedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let found = self.lookup(name.as_str());
        let host = name.as_str().to_owned();
        Box::pin(async move {
            match found {
                Some(addrs) => Ok(Box::new(addrs.into_iter()) as Addrs),
                None => Err(Box::new(NotVetted(host)) as Box<dyn std::error::Error + Send + Sync>),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[tokio::test]
    async fn answers_only_pinned_hosts() {
        let r = PinnedResolver::default();
        let addr = SocketAddr::from_str("127.0.0.1:80").unwrap();
        r.pin("Publisher.Test", &[addr]);
        let got: Vec<_> = r
            .resolve(Name::from_str("publisher.test").unwrap())
            .await
            .unwrap()
            .collect();
        assert_eq!(got, [addr]);
        assert!(r
            .resolve(Name::from_str("other.test").unwrap())
            .await
            .is_err());
    }
}
