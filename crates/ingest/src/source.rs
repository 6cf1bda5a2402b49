//! How an operator describes one source, and when to poll it next.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use regex::Regex;
use serde::{Deserialize, Serialize};

/// What a source URL serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// RSS, Atom or JSON Feed.
    Feed,
    /// XML sitemap, sitemap index or news sitemap.
    Sitemap,
    /// An HTML section page whose article links match `link_pattern`.
    Listing,
}

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

/// CSS selectors that help the generic extractor on one publisher's pages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ExtractionOverrides {
    /// The article body.
    pub body: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The publication date.
    pub date: Option<String>,
    /// The author's name.
    pub author: Option<String>,
    /// The lead (standfirst).
    pub lead: Option<String>,
    /// Elements to drop before extraction (ads, related links…).
    pub remove: Vec<String>,
}

/// One partner source, as configured (newsbridge.toml or the database).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceSettings {
    /// What the URL serves.
    pub kind: SourceKind,
    /// The feed, sitemap or section page URL.
    pub url: String,
    /// Publisher category → portal section (matched case-insensitively).
    #[serde(default)]
    pub sections: BTreeMap<String, String>,
    /// Portal section for articles whose categories map to none.
    #[serde(default)]
    pub default_section: Option<String>,
    /// Languages to translate into; empty means every configured language.
    #[serde(default)]
    pub languages: Vec<String>,
    /// For listings: regex an article link must match.
    #[serde(default)]
    pub link_pattern: Option<String>,
    /// Regexes of which at least one must match an article URL (none: all pass).
    #[serde(default)]
    pub include: Vec<String>,
    /// Regexes of which none may match an article URL.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// When to poll.
    #[serde(default)]
    pub polling: Polling,
    /// Extraction help for this publisher.
    #[serde(default)]
    pub extraction: ExtractionOverrides,
    /// Licence under which the publisher lets us republish.
    #[serde(default)]
    pub licence: Option<String>,
    /// Credit line shown with every article.
    #[serde(default)]
    pub credit: Option<String>,
}

/// A setting that cannot be used, named by its key.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
#[error("source {url}: {key} is invalid: {reason}")]
pub struct SourceSettingsError {
    /// The source's URL.
    pub url: String,
    /// The setting, e.g. `include[1]`.
    pub key: String,
    /// What is wrong and how to fix it.
    pub reason: String,
}

impl SourceSettings {
    /// A source with default settings.
    pub fn new(kind: SourceKind, url: impl Into<String>) -> Self {
        Self {
            kind,
            url: url.into(),
            sections: BTreeMap::new(),
            default_section: None,
            languages: Vec::new(),
            link_pattern: None,
            include: Vec::new(),
            exclude: Vec::new(),
            polling: Polling::default(),
            extraction: ExtractionOverrides::default(),
            licence: None,
            credit: None,
        }
    }

    /// Checks every setting; the error names the first bad key.
    pub fn validate(&self) -> Result<(), SourceSettingsError> {
        self.url_filter()?;
        self.link_regex()?;
        let err = |key: &str, reason: &str| SourceSettingsError {
            url: self.url.clone(),
            key: key.to_owned(),
            reason: reason.to_owned(),
        };
        match url::Url::parse(&self.url) {
            Ok(u) if u.scheme() == "http" || u.scheme() == "https" => {}
            _ => return Err(err("url", "give an absolute http:// or https:// URL")),
        }
        if self.kind == SourceKind::Listing && self.link_pattern.is_none() {
            return Err(err(
                "link_pattern",
                "a listing source needs a regex that article links match, e.g. \"/news/.+\\.html$\"",
            ));
        }
        if let Polling::Adaptive { min_secs, max_secs } = self.polling {
            if min_secs == 0 || min_secs > max_secs {
                return Err(err(
                    "polling",
                    "min_secs must be at least 1 and not more than max_secs",
                ));
            }
        }
        if let Polling::Fixed { interval_secs: 0 } = self.polling {
            return Err(err("polling.interval_secs", "must be at least 1"));
        }
        Ok(())
    }

    /// The compiled include/exclude patterns.
    pub fn url_filter(&self) -> Result<UrlFilter, SourceSettingsError> {
        let compile = |key: &str, list: &[String]| {
            list.iter()
                .enumerate()
                .map(|(i, p)| {
                    Regex::new(p).map_err(|e| SourceSettingsError {
                        url: self.url.clone(),
                        key: format!("{key}[{i}]"),
                        reason: format!("{p:?} is not a valid regex: {e}"),
                    })
                })
                .collect::<Result<Vec<_>, _>>()
        };
        Ok(UrlFilter {
            include: compile("include", &self.include)?,
            exclude: compile("exclude", &self.exclude)?,
        })
    }

    /// The compiled listing link pattern, if set.
    pub fn link_regex(&self) -> Result<Option<Regex>, SourceSettingsError> {
        self.link_pattern
            .as_deref()
            .map(|p| {
                Regex::new(p).map_err(|e| SourceSettingsError {
                    url: self.url.clone(),
                    key: "link_pattern".to_owned(),
                    reason: format!("{p:?} is not a valid regex: {e}"),
                })
            })
            .transpose()
    }

    /// The portal section for an article with these publisher categories:
    /// the first category with a mapping, else the default section.
    pub fn section_for<S: AsRef<str>>(&self, categories: &[S]) -> Option<&str> {
        categories
            .iter()
            .find_map(|c| {
                let c = c.as_ref().trim();
                self.sections
                    .iter()
                    .find(|(k, _)| k.trim().to_lowercase() == c.to_lowercase())
                    .map(|(_, v)| v.as_str())
            })
            .or(self.default_section.as_deref())
    }
}

/// Include/exclude URL patterns of a source, compiled.
#[derive(Debug, Clone, Default)]
pub struct UrlFilter {
    include: Vec<Regex>,
    exclude: Vec<Regex>,
}

impl UrlFilter {
    /// Whether an article URL passes: matches an include pattern (or there
    /// are none) and no exclude pattern.
    pub fn accepts(&self, url: &str) -> bool {
        (self.include.is_empty() || self.include.iter().any(|r| r.is_match(url)))
            && !self.exclude.iter().any(|r| r.is_match(url))
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
    fn settings_round_trip_through_toml_like_json() {
        let json = r#"{
            "kind": "listing",
            "url": "https://p.test/thoi-su/",
            "sections": {"Thời sự": "news", "Kinh doanh": "business"},
            "link_pattern": "/thoi-su/.+\\.html$",
            "exclude": ["/video/"],
            "polling": {"mode": "fixed", "interval_secs": 600},
            "extraction": {"body": "div.article-body", "remove": [".ads"]},
            "credit": "Báo Mẫu"
        }"#;
        let s: SourceSettings = serde_json::from_str(json).unwrap();
        s.validate().unwrap();
        assert_eq!(s.kind, SourceKind::Listing);
        assert_eq!(s.section_for(&["thời sự"]), Some("news"));
        assert_eq!(s.section_for(&["Other", "Kinh doanh"]), Some("business"));
        assert_eq!(s.section_for::<&str>(&[]), None);
        let filter = s.url_filter().unwrap();
        assert!(filter.accepts("https://p.test/thoi-su/a-1.html"));
        assert!(!filter.accepts("https://p.test/video/a-1.html"));
        assert_eq!(s.polling, Polling::Fixed { interval_secs: 600 });
        let back: SourceSettings =
            serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn invalid_settings_name_the_key() {
        let mut s = SourceSettings::new(SourceKind::Feed, "https://p.test/rss");
        s.include = vec!["ok".into(), "(unclosed".into()];
        let e = s.validate().unwrap_err();
        assert_eq!(e.key, "include[1]");
        let mut s = SourceSettings::new(SourceKind::Listing, "https://p.test/");
        assert_eq!(s.validate().unwrap_err().key, "link_pattern");
        s.link_pattern = Some("/news/".into());
        s.polling = Polling::Adaptive {
            min_secs: 600,
            max_secs: 60,
        };
        assert_eq!(s.validate().unwrap_err().key, "polling");
        let s = SourceSettings::new(SourceKind::Feed, "ftp://p.test/");
        assert_eq!(s.validate().unwrap_err().key, "url");
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
