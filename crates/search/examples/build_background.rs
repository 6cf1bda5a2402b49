//! Writes `src/background_df.txt`, the background document frequencies the
//! story assigner ships with, from the labelled evaluation set and the
//! sample publisher's hand-written articles.
//!
//! ```text
//! cargo run -p search --example build_background
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

fn main() {
    let mut texts: Vec<String> = common::load().iter().map(|a| a.text()).collect();
    let site = sample_publisher::Site::bundled().unwrap();
    for a in site.bundled_articles() {
        if let Some(article) = site.expected_article(a.id, "http://127.0.0.1") {
            texts.push(search::TextDoc::from_article(a.id as i64, &article).text);
        }
    }
    let table = search::background_table(texts.iter().map(String::as_str));
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/background_df.txt");
    std::fs::write(path, &table).unwrap();
    println!(
        "{} documents, {} terms → {path}",
        texts.len(),
        table.lines().count() - 1
    );
}
