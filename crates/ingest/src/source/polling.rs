//! When to poll a source next.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// When to poll a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "lowercase")]
pub enum Polling {
    /// Every `interval_secs` seconds.
    Fixed {
        /// Seconds between polls.
        interval_secs: u64,
    },
    /// Faster for sources that publish often, slower for quiet ones.
    Adaptive {
        /// Shortest interval, in seconds.
        min_secs: u64,
        /// Longest interval, in seconds.
        max_secs: u64,
    },
}

impl Default for Polling {
    fn default() -> Self {
        Self::Adaptive {
            min_secs: 5 * 60,
            max_secs: 6 * 3600,
        }
    }
}

impl Polling {
    /// When to poll next, given the publication times seen recently.
    pub fn next_poll(&self, recent: &[DateTime<Utc>], now: DateTime<Utc>) -> DateTime<Utc> {
        let interval = match *self {
            Self::Fixed { interval_secs } => Duration::from_secs(interval_secs.max(1)),
            Self::Adaptive { min_secs, max_secs } => {
                AdaptivePoller::new(Duration::from_secs(min_secs), Duration::from_secs(max_secs))
                    .next_interval(recent, now)
            }
        };
        now + chrono::Duration::from_std(interval).unwrap_or(chrono::Duration::MAX)
    }
}

/// Computes the next poll from how often a source has been publishing.
///
/// The interval is half the mean gap between recent publications, so a
/// new article waits on average a quarter of the gap; a source silent for
/// much longer than its usual gap backs off towards `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AdaptivePoller {
    min: Duration,
    max: Duration,
}

impl AdaptivePoller {
    /// Publications considered: the most recent ones only.
    const WINDOW: usize = 20;

    /// A poller bounded by `min` and `max` (swapped if given the wrong way round).
    pub fn new(min: Duration, max: Duration) -> Self {
        Self {
            min: min.min(max),
            max: max.max(min),
        }
    }

    /// The time to wait before the next poll.
    pub fn next_interval(&self, recent: &[DateTime<Utc>], now: DateTime<Utc>) -> Duration {
        let mut times: Vec<DateTime<Utc>> = recent.iter().copied().filter(|t| *t <= now).collect();
        times.sort_unstable_by(|a, b| b.cmp(a));
        times.dedup();
        times.truncate(Self::WINDOW);
        let (Some(newest), Some(oldest)) = (times.first(), times.last()) else {
            return self.max;
        };
        if times.len() < 2 {
            return self.max;
        }
        let span = (*newest - *oldest).to_std().unwrap_or_default();
        let gaps = u32::try_from(times.len() - 1).unwrap_or(u32::MAX);
        let mean_gap = span / gaps;
        let silence = (now - *newest).to_std().unwrap_or_default();
        let target = if silence > mean_gap.saturating_mul(4) {
            silence / 2
        } else {
            mean_gap / 2
        };
        target.clamp(self.min, self.max)
    }

    /// The instant of the next poll.
    pub fn next_poll(&self, recent: &[DateTime<Utc>], now: DateTime<Utc>) -> DateTime<Utc> {
        let interval = self.next_interval(recent, now);
        now + chrono::Duration::from_std(interval).unwrap_or(chrono::Duration::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2024, 5, 1, 12, 0, 0).unwrap()
    }

    fn every(minutes: i64, count: i64) -> Vec<DateTime<Utc>> {
        (0..count)
            .map(|i| now() - chrono::Duration::minutes(i * minutes))
            .collect()
    }

    #[test]
    fn busy_sources_are_polled_faster_than_quiet_ones() {
        let p = AdaptivePoller::new(Duration::from_secs(300), Duration::from_secs(21_600));
        let busy = p.next_interval(&every(10, 20), now());
        let steady = p.next_interval(&every(60, 20), now());
        let quiet = p.next_interval(&every(24 * 60, 10), now());
        assert_eq!(busy, Duration::from_secs(300), "clamped to min");
        assert_eq!(steady, Duration::from_secs(1800));
        assert_eq!(quiet, Duration::from_secs(21_600), "clamped to max");
        assert!(busy <= steady && steady <= quiet);
    }

    #[test]
    fn no_history_means_the_longest_interval() {
        let p = AdaptivePoller::new(Duration::from_secs(60), Duration::from_secs(3600));
        assert_eq!(p.next_interval(&[], now()), Duration::from_secs(3600));
        assert_eq!(p.next_interval(&[now()], now()), Duration::from_secs(3600));
    }

    #[test]
    fn a_source_gone_silent_backs_off() {
        let p = AdaptivePoller::new(Duration::from_secs(60), Duration::from_secs(86_400));
        let stale: Vec<_> = every(10, 20)
            .into_iter()
            .map(|t| t - chrono::Duration::hours(10))
            .collect();
        assert_eq!(
            p.next_interval(&stale, now()),
            Duration::from_secs(5 * 3600)
        );
    }

    #[test]
    fn future_dates_and_duplicates_are_ignored() {
        let p = AdaptivePoller::new(Duration::from_secs(60), Duration::from_secs(86_400));
        let mut times = every(60, 5);
        times.push(now() + chrono::Duration::days(3));
        times.extend(every(60, 5));
        assert_eq!(p.next_interval(&times, now()), Duration::from_secs(1800));
    }

    #[test]
    fn fixed_polling_ignores_history() {
        let p = Polling::Fixed { interval_secs: 900 };
        assert_eq!(
            p.next_poll(&every(1, 20), now()),
            now() + chrono::Duration::minutes(15)
        );
    }
}
