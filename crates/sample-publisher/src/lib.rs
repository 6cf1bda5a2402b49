//! A bundled sample publisher: a small Vietnamese newspaper, *Báo Sông
//! Hồng*, written for Newsbridge and served over real HTTP on loopback.
//!
//! It is what `newsbridge demo` ingests and what end-to-end and crash tests
//! run against. The hand-written content (`content/`, embedded in the
//! binary) has 7 sections and over 30 articles with leads, subheadings,
//! figures (caption, alt text, credit), bylines, tags, quotes, lists and a
//! series (the same story over several days). [`Site::with_generated`]
//! adds any number of template-made articles for scale tests.
//!
//! Pages wrap each article in realistic chrome (cookie banner, menus,
//! breadcrumbs, share buttons, ads, related links, most read, newsletter,
//! comments, footer) that an extractor must strip; [`SampleArticle`] and
//! [`Site::expected_article`] give the ground truth to compare against.
//! No page links off the site, so a crawler that follows links stays on
//! loopback.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use std::sync::Arc;
//! let site = Arc::new(sample_publisher::Site::bundled()?.with_generated(200));
//! let (addr, _server) = sample_publisher::spawn(site.clone()).await?;
//! let feed = format!("http://{addr}/rss/home.rss");
//! # let _ = feed; Ok(()) }
//! ```

mod content;
mod dates;
mod feeds;
mod generate;
mod html;
mod images;
mod markup;
mod model;
mod photos;
mod server;
mod site;
mod sitemaps;
mod slug;
mod translations;

pub use content::ContentError;
pub use feeds::FEED_SIZE;
pub use generate::FIRST_ID as FIRST_GENERATED_ID;
pub use html::PAGE_SIZE;
pub use markup::MarkupError;
pub use model::{BodyBlock, Byline, Newspaper, SampleArticle, SampleImage, Section};
pub use server::{router, serve, spawn};
pub use site::Site;
pub use sitemaps::NEWS_LIMIT;
