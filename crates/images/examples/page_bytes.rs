//! What a reader's phone downloads for an article page's pictures, against
//! the publisher's originals, on the sample publisher's 37 articles:
//!
//! ```text
//! cargo run --release -p images --example page_bytes
//! ```
//!
//! For each article with pictures: the originals' bytes (every picture the
//! page shows, fetched at the full size the publisher serves, from the sample
//! publisher on loopback through the pipeline's fetcher) against the bytes of
//! the rendition a 390-px-wide phone picks from our `srcset` (480 px WebP at
//! DPR 1, 960 px at DPR 2), made with the default rendition plan. Prints the
//! median page's ratio.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark: any failure should stop it loudly

mod common;

use std::sync::Arc;

use images::{derive, probe, Limits, OutputFormat, RenditionPlan};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let site =
        Arc::new(sample_publisher::Site::bundled().expect("the sample publisher's articles"));
    let (addr, _server) = sample_publisher::spawn(site.clone())
        .await
        .expect("start the sample publisher");
    let fetcher = common::loopback_fetcher(&addr.to_string());
    let plan = RenditionPlan::default();
    let limits = Limits::default();
    let mut dpr1 = Vec::new();
    let mut dpr2 = Vec::new();
    let (mut all_orig, mut all_480) = (0usize, 0usize);
    for a in site.bundled_articles() {
        if a.images.is_empty() {
            continue;
        }
        let (mut orig, mut b480, mut b960) = (0usize, 0usize, 0usize);
        for img in &a.images {
            let url = format!("http://{addr}{}", img.path);
            let bytes = fetcher.fetch(&url, None).await.expect("fetch").body;
            let p = probe(&bytes, Some("image/jpeg"), &limits).expect("probe");
            let made = derive(&bytes, &p, &plan, &limits).expect("derive");
            let pick = |want: u32| {
                let mut webp: Vec<_> = made
                    .iter()
                    .filter(|r| r.format == OutputFormat::Webp)
                    .collect();
                webp.sort_by_key(|r| r.width);
                webp.iter()
                    .find(|r| r.width >= want)
                    .or(webp.last())
                    .map(|r| r.bytes.len())
                    .expect("a WebP rendition")
            };
            orig += bytes.len();
            b480 += pick(390);
            b960 += pick(780);
        }
        all_orig += orig;
        all_480 += b480;
        dpr1.push(orig as f64 / b480 as f64);
        dpr2.push(orig as f64 / b960 as f64);
    }
    println!(
        "{} article pages with pictures: originals {} B in all, a 390-px phone (DPR 1) downloads {} B",
        dpr1.len(),
        all_orig,
        all_480
    );
    println!(
        "median page, originals / what a 390-px phone downloads: {:.1}x at DPR 1, {:.1}x at DPR 2 (goal: >= 5x)",
        common::median(dpr1),
        common::median(dpr2)
    );
}
