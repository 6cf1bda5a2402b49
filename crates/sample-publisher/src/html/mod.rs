//! HTML pages: the article page and listings inside the paper's chrome.
//!
//! The chrome (cookie banner, header, menu, breadcrumbs, share buttons, ads,
//! related links, most-read box, newsletter, comments, footer) is what a real
//! newspaper page wraps around an article and what extraction must strip.
//! No link points off the site: share buttons are buttons, so a crawler that
//! follows every link stays on loopback.

mod article_page;
mod chrome;
mod escape;
mod listing;

pub use article_page::article_page;
pub use escape::{esc, json_str};
pub use listing::{author_page, home_page, not_found_page, section_page, tag_page, PAGE_SIZE};

use std::sync::Arc;

use crate::model::{Newspaper, SampleArticle, Section};
use crate::site::Catalog;

/// Everything a page renderer reads: the site's content and its base URL.
pub struct View<'a> {
    /// The masthead.
    pub paper: &'a Newspaper,
    /// Sections in menu order.
    pub sections: &'a [Section],
    /// The articles.
    pub catalog: &'a Catalog,
    /// Scheme and host the site is reached at, e.g. `http://127.0.0.1:8080`.
    pub base: &'a str,
}

impl View<'_> {
    /// Display name of a section slug.
    pub fn section_name<'s>(&'s self, slug: &'s str) -> &'s str {
        self.sections
            .iter()
            .find(|s| s.slug == slug)
            .map_or(slug, |s| s.name.as_str())
    }

    /// The five "most read" articles: a stable pick among the 30 latest.
    pub fn most_read(&self) -> Vec<&Arc<SampleArticle>> {
        let mut pool: Vec<&Arc<SampleArticle>> = self.catalog.latest().iter().take(30).collect();
        pool.sort_by_key(|a| (a.id.wrapping_mul(2_654_435_761) % 1000, a.id));
        pool.truncate(5);
        pool
    }

    /// Articles related to `a`: other parts of its series first, then the
    /// latest of its section.
    pub fn related(&self, a: &SampleArticle, n: usize) -> Vec<&Arc<SampleArticle>> {
        let latest = self.catalog.latest();
        let mut out: Vec<&Arc<SampleArticle>> = match &a.series {
            Some(tag) => latest
                .iter()
                .filter(|x| x.id != a.id && x.series.as_ref() == Some(tag))
                .collect(),
            None => Vec::new(),
        };
        for x in latest
            .iter()
            .filter(|x| x.section == a.section && x.id != a.id)
        {
            if out.len() >= n {
                break;
            }
            if !out.iter().any(|o| o.id == x.id) {
                out.push(x);
            }
        }
        out.truncate(n);
        out
    }
}
