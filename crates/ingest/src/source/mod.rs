//! How an operator describes one source.

mod polling;

pub use polling::{AdaptivePoller, Polling};

use std::collections::BTreeMap;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
