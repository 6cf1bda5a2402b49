//! Adding a publisher's source: its kind named or found by fetching it
//! once, its address vetted by the fetcher's guard, its settings and
//! section mapping checked against the sections that exist.

use ingest::{FetchError, ProposedSource, SourceKind, SourceSettings, SourceSettingsError};
use store::{Source, Store, StoreError};

/// A source as an operator describes it (`newsbridge sources add`).
#[derive(Debug, Clone, Default)]
pub struct NewSource {
    /// The feed's, sitemap's or section page's address.
    pub url: String,
    /// The name shown on the desk (the URL's host when none).
    pub name: Option<String>,
    /// `feed`, `sitemap` or `listing`; found by fetching the URL when none
    /// (a listing when a link pattern is given).
    pub kind: Option<String>,
    /// For a listing: the regular expression article links match.
    pub link_pattern: Option<String>,
    /// The section an article goes to when no mapping names one.
    pub section: Option<String>,
    /// `CATEGORY=SECTION` mappings of the publisher's categories.
    pub maps: Vec<String>,
    /// URL patterns kept.
    pub include: Vec<String>,
    /// URL patterns dropped.
    pub exclude: Vec<String>,
    /// The credit line shown under the source's articles.
    pub credit: Option<String>,
}

/// Why a source could not be added.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The kind is not one of feed, sitemap or listing.
    #[error("unknown kind {0:?}: expected feed, sitemap or listing")]
    UnknownKind(String),
    /// A `--map` value is not `CATEGORY=SECTION`.
    #[error("--map {0:?} must look like CATEGORY=SECTION, e.g. \"Kinh tế=kinh-te\"")]
    BadMap(String),
    /// A mapping names a section that does not exist.
    #[error("section {slug:?} does not exist; known sections: {known}")]
    UnknownSection {
        /// The section named.
        slug: String,
        /// The sections that exist, comma-separated.
        known: String,
    },
    /// The URL answered with neither a feed nor a sitemap.
    #[error("{0} is neither a feed nor a sitemap; for a homepage use --discover, for a section page use --kind listing --link-pattern REGEX")]
    NotFeedOrSitemap(String),
    /// The homepage advertises no feed or sitemap.
    #[error("{0} advertises no feed or sitemap; add a section page with --kind listing --link-pattern REGEX")]
    NothingAdvertised(String),
    /// The URL could not be fetched, or the guard refused it.
    #[error("cannot fetch {url}: {source}")]
    Fetch {
        /// The address.
        url: String,
        /// The fetcher's error.
        source: FetchError,
    },
    /// No source has that id.
    #[error("there is no source {0}; see `newsbridge sources list`")]
    NoSuchSource(i64),
    /// The settings are invalid (a link pattern that does not compile…).
    #[error(transparent)]
    Settings(#[from] SourceSettingsError),
    /// The default sections could not be seeded.
    #[error(transparent)]
    Sections(#[from] crate::sections::SeedError),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The sources a homepage advertises (feeds it links, sitemaps in its
/// robots.txt); an error when there are none.
pub async fn discover(
    fetcher: &ingest::Fetcher,
    homepage: &str,
) -> Result<Vec<ProposedSource>, SourceError> {
    let proposals = ingest::autodiscover(fetcher, homepage)
        .await
        .map_err(|source| SourceError::Fetch {
            url: homepage.to_string(),
            source,
        })?;
    if proposals.is_empty() {
        return Err(SourceError::NothingAdvertised(homepage.to_string()));
    }
    Ok(proposals)
}

/// A source whose kind, address and settings were checked, ready to be
/// stored by [`PreparedSource::save`].
#[derive(Debug)]
pub struct PreparedSource {
    name: String,
    kind: SourceKind,
    settings: SourceSettings,
}

/// Checks `new` without touching the database: its kind (fetching the URL
/// once when none is named), its address against the fetcher's guard, its
/// settings and mappings.
pub async fn prepare(
    fetcher: &ingest::Fetcher,
    new: &NewSource,
) -> Result<PreparedSource, SourceError> {
    let kind = match new.kind.as_deref() {
        Some("feed") => SourceKind::Feed,
        Some("sitemap") => SourceKind::Sitemap,
        Some("listing") => SourceKind::Listing,
        Some(other) => return Err(SourceError::UnknownKind(other.to_string())),
        None if new.link_pattern.is_some() => SourceKind::Listing,
        None => guess_kind(fetcher, &new.url).await?,
    };
    // A guessed kind went through the fetcher's guard; a named one is
    // checked the same way here, without fetching (the publisher may be down).
    if new.kind.is_some() || new.link_pattern.is_some() {
        fetcher
            .check_address(&new.url)
            .await
            .map_err(|source| SourceError::Fetch {
                url: new.url.clone(),
                source,
            })?;
    }
    let mut settings = SourceSettings::new(kind, new.url.clone());
    settings.link_pattern = new.link_pattern.clone();
    settings.default_section = new.section.clone();
    settings.credit = new.credit.clone();
    settings.include = new.include.clone();
    settings.exclude = new.exclude.clone();
    for map in &new.maps {
        let Some((category, section)) = map.split_once('=') else {
            return Err(SourceError::BadMap(map.clone()));
        };
        settings
            .sections
            .insert(category.trim().to_string(), section.trim().to_string());
    }
    settings.validate()?;
    let name = new.name.clone().unwrap_or_else(|| {
        ingest::Url::parse(&new.url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string))
            .unwrap_or_else(|| new.url.clone())
    });
    Ok(PreparedSource {
        name,
        kind,
        settings,
    })
}

impl PreparedSource {
    /// Stores the source, after checking that the sections it maps to exist
    /// (seeding the default sections into an empty database first).
    pub async fn save(&self, store: &Store) -> Result<Source, SourceError> {
        crate::sections::seed(store).await?;
        let sections = store.sections().await?;
        for slug in self
            .settings
            .sections
            .values()
            .chain(self.settings.default_section.iter())
        {
            if crate::sections::find(&sections, slug).is_none() {
                let known: Vec<&str> = sections.iter().map(|s| s.slug.as_str()).collect();
                return Err(SourceError::UnknownSection {
                    slug: slug.clone(),
                    known: known.join(", "),
                });
            }
        }
        let store_kind = match self.kind {
            SourceKind::Feed => store::SourceKind::Feed,
            SourceKind::Sitemap => store::SourceKind::Sitemap,
            SourceKind::Listing => store::SourceKind::Listing,
        };
        let settings = serde_json::to_value(&self.settings).unwrap_or_default();
        Ok(store
            .add_source(&self.name, store_kind, &self.settings.url, &settings)
            .await?)
    }
}

/// Fetches the URL once and tells a feed from a sitemap.
async fn guess_kind(fetcher: &ingest::Fetcher, url: &str) -> Result<SourceKind, SourceError> {
    let fetched = fetcher
        .fetch(url, None)
        .await
        .map_err(|source| SourceError::Fetch {
            url: url.to_string(),
            source,
        })?;
    let base = fetched.final_url.as_str();
    if ingest::parse_feed(&fetched.body, base).is_ok() {
        return Ok(SourceKind::Feed);
    }
    if ingest::parse_sitemap(&fetched.body, base).is_ok() {
        return Ok(SourceKind::Sitemap);
    }
    Err(SourceError::NotFeedOrSitemap(url.to_string()))
}

/// The source `id`.
pub async fn show(store: &Store, id: i64) -> Result<Source, SourceError> {
    store.source(id).await.map_err(|e| not_found(e, id))
}

/// Removes the source `id`; its articles stay published.
pub async fn remove(store: &Store, id: i64) -> Result<(), SourceError> {
    store.remove_source(id).await.map_err(|e| not_found(e, id))
}

fn not_found(e: StoreError, id: i64) -> SourceError {
    match e {
        StoreError::NotFound(_) => SourceError::NoSuchSource(id),
        other => other.into(),
    }
}

/// One line of `newsbridge sources list`: id, kind, health, name, address,
/// the last poll's error and why the source is unhealthy, when so.
pub fn listing(s: &Source) -> String {
    let failed = s
        .last_error
        .as_deref()
        .map(|e| format!("  (last poll failed: {e})"))
        .unwrap_or_default();
    let unhealthy = if s.health == store::SourceHealth::Unhealthy {
        let reason = s.health_reason.as_deref().unwrap_or("no reason recorded");
        format!("  [unhealthy: {reason}]")
    } else {
        String::new()
    };
    format!(
        "{:>4}  {:<8} {:<9} {:<30} {}{failed}{unhealthy}",
        s.id,
        s.kind.as_str(),
        s.health.as_str(),
        s.name,
        s.url
    )
}

/// The command that adds a source found by [`discover`], with its title as
/// a comment.
pub fn suggestion(p: &ProposedSource) -> String {
    let kind = match p.kind {
        SourceKind::Feed => "feed",
        SourceKind::Sitemap => "sitemap",
        SourceKind::Listing => "listing",
    };
    let title = p.title.as_ref().map(|t| format!("   # {t}"));
    format!(
        "  newsbridge sources add {} --kind {kind}{}",
        p.url,
        title.unwrap_or_default()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_missing_source_is_named_by_its_id() {
        let (store, _db) = store::testing::sqlite().await.unwrap();
        let err = show(&store, 42).await.unwrap_err();
        assert_eq!(
            err.to_string(),
            "there is no source 42; see `newsbridge sources list`"
        );
        assert!(matches!(
            remove(&store, 42).await,
            Err(SourceError::NoSuchSource(42))
        ));
    }
}
