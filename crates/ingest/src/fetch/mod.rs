//! Fetching publisher URLs: politely (robots.txt, per-host limits and
//! delays, retries with backoff) and safely (SSRF guard, size and time
//! limits, redirects checked hop by hop).

mod allow;
mod client;
mod config;
mod error;
mod fetched;
mod guard;
mod pin;
mod politeness;
mod retry;
mod robots;
mod robots_cache;

pub use allow::{AllowEntry, AllowEntryError, AllowList};
pub use client::Fetcher;
pub use config::{FetcherConfig, BOT_NAME};
pub use error::FetchError;
pub use fetched::{FetchStatus, Fetched, Validators};
pub use guard::{classify, AddressRule};
pub use robots::{RobotsRule, RobotsTxt};
