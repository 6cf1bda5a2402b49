//! One robots.txt per origin, kept for a while.
//!
//! Concurrent fetches to a cold origin wait for a single robots.txt request
//! instead of each sending their own.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::time::Instant;

use super::robots::RobotsTxt;

type Slot = Arc<tokio::sync::Mutex<Option<(Instant, Arc<RobotsState>)>>>;

/// What is known about an origin's robots.txt.
#[derive(Debug)]
pub(crate) enum RobotsState {
    /// Its rules (an absent robots.txt allows everything).
    Rules(RobotsTxt),
    /// It could not be read (5xx, timeout, network): nothing may be fetched.
    Unreachable(String),
}

/// robots.txt per origin (`scheme://host:port`), with an expiry per entry.
#[derive(Debug, Default, Clone)]
pub(crate) struct RobotsCache {
    slots: Arc<Mutex<HashMap<String, Slot>>>,
}

impl RobotsCache {
    fn slot(&self, origin: &str) -> Slot {
        let mut slots = self.slots.lock().unwrap_or_else(PoisonError::into_inner);
        slots.entry(origin.to_owned()).or_default().clone()
    }

    /// The cached robots.txt of `origin`, or the one `load` returns (kept
    /// for the duration `load` says).
    pub(crate) async fn get_or_load<F, Fut>(&self, origin: &str, load: F) -> Arc<RobotsState>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = (RobotsState, Duration)>,
    {
        let slot = self.slot(origin);
        let mut entry = slot.lock().await;
        if let Some((expires, robots)) = entry.as_ref() {
            if Instant::now() < *expires {
                return robots.clone();
            }
        }
        let (robots, ttl) = load().await;
        let robots = Arc::new(robots);
        *entry = Some((Instant::now() + ttl, robots.clone()));
        robots
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test(start_paused = true)]
    async fn loads_once_per_ttl() {
        let cache = RobotsCache::default();
        let loads = AtomicUsize::new(0);
        let load = || async {
            loads.fetch_add(1, Ordering::SeqCst);
            (
                RobotsState::Rules(RobotsTxt::allow_all()),
                Duration::from_secs(60),
            )
        };
        cache.get_or_load("http://a.test:80", load).await;
        cache.get_or_load("http://a.test:80", load).await;
        assert_eq!(loads.load(Ordering::SeqCst), 1);
        cache.get_or_load("http://b.test:80", load).await;
        assert_eq!(loads.load(Ordering::SeqCst), 2);
        tokio::time::advance(Duration::from_secs(61)).await;
        cache.get_or_load("http://a.test:80", load).await;
        assert_eq!(loads.load(Ordering::SeqCst), 3);
    }
}
