//! Per-host politeness: at most N requests in flight to one host, request
//! starts spaced by a minimum delay, and a global cap on requests in flight.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

/// Shared gatekeeper; cheap to clone.
#[derive(Debug, Clone)]
pub(crate) struct Politeness {
    global: Arc<Semaphore>,
    hosts: Arc<Mutex<HashMap<String, Arc<HostGate>>>>,
    per_host: usize,
    min_delay: Duration,
}

#[derive(Debug)]
struct HostGate {
    in_flight: Arc<Semaphore>,
    /// The earliest instant the next request to this host may start.
    next_start: tokio::sync::Mutex<Instant>,
}

/// Held while one request (and the reading of its body) is in flight.
#[derive(Debug)]
pub(crate) struct Turn {
    _host: Option<OwnedSemaphorePermit>,
    _global: Option<OwnedSemaphorePermit>,
}

impl Politeness {
    /// `per_host` is clamped to 1–2 and `global` to at least 1.
    pub(crate) fn new(global: usize, per_host: usize, min_delay: Duration) -> Self {
        Self {
            global: Arc::new(Semaphore::new(global.max(1))),
            hosts: Arc::default(),
            per_host: per_host.clamp(1, 2),
            min_delay,
        }
    }

    fn gate(&self, host: &str) -> Arc<HostGate> {
        let mut hosts = self.hosts.lock().unwrap_or_else(PoisonError::into_inner);
        hosts
            .entry(host.to_owned())
            .or_insert_with(|| {
                Arc::new(HostGate {
                    in_flight: Arc::new(Semaphore::new(self.per_host)),
                    next_start: tokio::sync::Mutex::new(Instant::now()),
                })
            })
            .clone()
    }

    /// Waits for this host's turn, then for a global slot.
    ///
    /// `host_delay` (e.g. a robots.txt Crawl-delay) lengthens the minimum
    /// delay for this host; it never shortens it.
    pub(crate) async fn turn(&self, host: &str, host_delay: Option<Duration>) -> Turn {
        let gate = self.gate(host);
        // The semaphores are never closed, so acquiring cannot fail.
        let host_permit = gate.in_flight.clone().acquire_owned().await;
        let delay = self.min_delay.max(host_delay.unwrap_or_default());
        let start = {
            let mut next = gate.next_start.lock().await;
            let start = (*next).max(Instant::now());
            *next = start + delay;
            start
        };
        tokio::time::sleep_until(start).await;
        let global_permit = self.global.clone().acquire_owned().await;
        Turn {
            _host: host_permit.ok(),
            _global: global_permit.ok(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn spaces_request_starts_to_one_host() {
        let p = Politeness::new(8, 2, Duration::from_millis(500));
        let t0 = Instant::now();
        let mut starts = Vec::new();
        for _ in 0..3 {
            let _turn = p.turn("a.test:80", None).await;
            starts.push(t0.elapsed());
        }
        assert_eq!(starts[0], Duration::ZERO);
        assert!(starts[1] >= Duration::from_millis(500));
        assert!(starts[2] - starts[1] >= Duration::from_millis(500));
    }

    #[tokio::test(start_paused = true)]
    async fn other_hosts_do_not_wait() {
        let p = Politeness::new(8, 1, Duration::from_secs(10));
        let t0 = Instant::now();
        let _a = p.turn("a.test:80", None).await;
        let _b = p.turn("b.test:80", None).await;
        assert!(t0.elapsed() < Duration::from_secs(1));
    }

    #[tokio::test(start_paused = true)]
    async fn crawl_delay_lengthens_the_gap() {
        let p = Politeness::new(8, 1, Duration::from_millis(100));
        let t0 = Instant::now();
        drop(p.turn("a.test:80", Some(Duration::from_secs(3))).await);
        drop(p.turn("a.test:80", Some(Duration::from_secs(3))).await);
        assert!(t0.elapsed() >= Duration::from_secs(3));
    }

    #[tokio::test(start_paused = true)]
    async fn global_limit_holds_back_other_hosts() {
        let p = Politeness::new(1, 2, Duration::ZERO);
        let held = p.turn("a.test:80", None).await;
        let other = tokio::time::timeout(Duration::from_secs(5), p.turn("b.test:80", None)).await;
        assert!(other.is_err(), "the only global slot is taken");
        drop(held);
        let other = tokio::time::timeout(Duration::from_secs(5), p.turn("b.test:80", None)).await;
        assert!(other.is_ok());
    }

    #[tokio::test(start_paused = true)]
    async fn per_host_limit_holds_back_a_third_request() {
        let p = Politeness::new(8, 2, Duration::ZERO);
        let _a = p.turn("a.test:80", None).await;
        let _b = p.turn("a.test:80", None).await;
        let third = tokio::time::timeout(Duration::from_secs(5), p.turn("a.test:80", None)).await;
        assert!(third.is_err(), "a third concurrent request must wait");
    }
}
