//! Section and listing pages of sites without a feed: the links that look
//! like articles, by the source's URL pattern.

use std::collections::HashMap;

use regex::Regex;
use scraper::{Html, Selector};

use super::charset::html_to_utf8;
use super::text::plain_text;
use super::{absolute_http_url, base_url, DiscoverError, DiscoveredEntry};

/// The links of an HTML page whose absolute URL matches `pattern`, in page
/// order, each once (fragment dropped); the title is the first non-empty
/// link text. A `<base href>` in the page is honoured.
pub fn parse_listing(
    html: &[u8],
    page_url: &str,
    pattern: &Regex,
) -> Result<Vec<DiscoveredEntry>, DiscoverError> {
    let mut base = base_url(page_url)?;
    let document = Html::parse_document(&html_to_utf8(html));
    if let Some(href) = select(&document, "base[href]")
        .first()
        .and_then(|b| b.value().attr("href"))
    {
        if let Ok(declared) = base.join(href.trim()) {
            base = declared;
        }
    }
    let mut entries: Vec<DiscoveredEntry> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for link in select(&document, "a[href]") {
        let Some(url) = link
            .value()
            .attr("href")
            .and_then(|href| absolute_http_url(&base, href))
        else {
            continue;
        };
        if !pattern.is_match(&url) {
            continue;
        }
        let text = plain_text(&link.text().collect::<Vec<_>>().join(" "))
            .or_else(|| link.value().attr("title").and_then(plain_text));
        match index.get(&url) {
            Some(&i) => {
                if let Some(entry) = entries.get_mut(i) {
                    if entry.title.is_none() {
                        entry.title = text;
                    }
                }
            }
            None => {
                index.insert(url.clone(), entries.len());
                let mut entry = DiscoveredEntry::new(url);
                entry.title = text;
                entries.push(entry);
            }
        }
    }
    Ok(entries)
}

/// Elements matching a selector known to be valid.
pub(crate) fn select<'a>(document: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    match Selector::parse(css) {
        Ok(selector) => document.select(&selector).collect(),
        Err(_) => Vec::new(),
    }
}
