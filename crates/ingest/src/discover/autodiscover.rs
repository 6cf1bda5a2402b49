//! From a homepage to proposed sources: the feeds it links and the
//! sitemaps its robots.txt announces (plus the conventional /sitemap.xml).

use scraper::Html;
use serde::{Deserialize, Serialize};

use super::charset::html_to_utf8;
use super::listing::select;
use super::sitemap::parse_sitemap;
use super::text::plain_text;
use super::{absolute_http_url, base_url};
use crate::fetch::{FetchError, FetchStatus, Fetcher, RobotsTxt};
use crate::source::SourceKind;

/// Where a proposed source was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FoundVia {
    /// A `<link rel="alternate">` in the homepage.
    HomepageLink,
    /// A `Sitemap:` line in robots.txt.
    RobotsTxt,
    /// The conventional `/sitemap.xml`, which answered with a sitemap.
    WellKnownPath,
}

/// A source that `newsbridge sources add` can offer the operator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposedSource {
    /// Feed or sitemap.
    pub kind: SourceKind,
    /// Absolute URL.
    pub url: String,
    /// The link's title, when the page gave one.
    pub title: Option<String>,
    /// How it was found.
    pub found_via: FoundVia,
}

/// Feeds a page advertises with `<link rel="alternate" type="…rss…|…atom…|…json…">`.
pub fn feed_links(html: &[u8], page_url: &str) -> Vec<ProposedSource> {
    let Ok(base) = base_url(page_url) else {
        return Vec::new();
    };
    let document = Html::parse_document(&html_to_utf8(html));
    let mut found: Vec<ProposedSource> = Vec::new();
    for link in select(&document, "link[rel][href]") {
        let el = link.value();
        let rel = el.attr("rel").unwrap_or("").to_ascii_lowercase();
        if !rel.split_ascii_whitespace().any(|r| r == "alternate") {
            continue;
        }
        let kind = el.attr("type").unwrap_or("").trim().to_ascii_lowercase();
        let is_feed = matches!(
            kind.as_str(),
            "application/rss+xml"
                | "application/atom+xml"
                | "application/feed+json"
                | "application/json"
                | "application/rdf+xml"
        );
        if !is_feed {
            continue;
        }
        let Some(url) = el.attr("href").and_then(|h| absolute_http_url(&base, h)) else {
            continue;
        };
        if found.iter().any(|f| f.url == url) {
            continue;
        }
        found.push(ProposedSource {
            kind: SourceKind::Feed,
            url,
            title: el.attr("title").and_then(plain_text),
            found_via: FoundVia::HomepageLink,
        });
    }
    found
}

/// Sitemaps announced in a site's robots.txt, made absolute against `site_url`.
pub fn robots_sitemaps(robots: &RobotsTxt, site_url: &str) -> Vec<ProposedSource> {
    let Ok(base) = base_url(site_url) else {
        return Vec::new();
    };
    let mut found: Vec<ProposedSource> = Vec::new();
    for raw in robots.sitemaps() {
        let Some(url) = absolute_http_url(&base, raw) else {
            continue;
        };
        if found.iter().all(|f| f.url != url) {
            found.push(ProposedSource {
                kind: SourceKind::Sitemap,
                url,
                title: None,
                found_via: FoundVia::RobotsTxt,
            });
        }
    }
    found
}

/// Proposes sources for a publisher's homepage: the feeds it links, the
/// sitemaps in its robots.txt, and `/sitemap.xml` when that answers with a
/// sitemap. Only a failure to fetch the homepage itself is an error.
pub async fn autodiscover(
    fetcher: &Fetcher,
    homepage: &str,
) -> Result<Vec<ProposedSource>, FetchError> {
    let page = fetcher.fetch(homepage, None).await?;
    let site = page.final_url.to_string();
    let mut proposals = feed_links(&page.body, &site);

    match fetcher.robots(&site).await {
        Ok(robots) => {
            for p in robots_sitemaps(&robots, &site) {
                if proposals.iter().all(|q| q.url != p.url) {
                    proposals.push(p);
                }
            }
        }
        Err(e) => tracing::info!(site = %site, error = %e, "no sitemaps from robots.txt"),
    }

    if let Ok(guess) = page.final_url.join("/sitemap.xml") {
        let guess = guess.to_string();
        if proposals.iter().all(|q| q.url != guess) {
            match fetcher.fetch(&guess, None).await {
                Ok(f) if f.status == FetchStatus::Ok && parse_sitemap(&f.body, &guess).is_ok() => {
                    proposals.push(ProposedSource {
                        kind: SourceKind::Sitemap,
                        url: guess,
                        title: None,
                        found_via: FoundVia::WellKnownPath,
                    });
                }
                Ok(_) => {}
                Err(e) => {
                    tracing::debug!(url = %guess, error = %e, "no sitemap at the well-known path")
                }
            }
        }
    }
    Ok(proposals)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_feed_links_in_a_homepage() {
        let html = r#"<html><head>
            <link rel="alternate" type="application/rss+xml" title="Tin mới" href="/rss/home.rss">
            <link rel="Alternate" type="application/atom+xml" href="https://p.test/atom.xml">
            <link rel="alternate" type="application/feed+json" href="feed.json">
            <link rel="alternate" hreflang="en" href="/en/">
            <link rel="stylesheet" type="text/css" href="/s.css">
            <link rel="alternate" type="application/rss+xml" href="/rss/home.rss">
            <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
        </head></html>"#;
        let found = feed_links(html.as_bytes(), "https://p.test/news/");
        let urls: Vec<_> = found.iter().map(|f| f.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://p.test/rss/home.rss",
                "https://p.test/atom.xml",
                "https://p.test/news/feed.json"
            ]
        );
        assert_eq!(found[0].title.as_deref(), Some("Tin mới"));
        assert!(found.iter().all(|f| f.kind == SourceKind::Feed));
    }

    #[test]
    fn reads_sitemaps_from_robots() {
        let robots = RobotsTxt::parse(
            b"Sitemap: https://p.test/sitemap-index.xml\nSitemap: /news-sitemap.xml\nSitemap: https://p.test/sitemap-index.xml\n",
        );
        let found = robots_sitemaps(&robots, "https://p.test/");
        let urls: Vec<_> = found.iter().map(|f| f.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://p.test/sitemap-index.xml",
                "https://p.test/news-sitemap.xml"
            ]
        );
        assert!(found.iter().all(|f| f.found_via == FoundVia::RobotsTxt));
    }
}
