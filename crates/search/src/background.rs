//! Background document frequencies shipped with the crate.
//!
//! A young site has a few dozen articles: IDF computed over them calls
//! "Hà Nội" rare and "mưa" distinctive, and similarity follows place names
//! instead of events. The shipped table (`background_df.txt`, written by
//! `cargo run -p search --example build_background`) counts, for each
//! feature (syllable or syllable bigram, see [`crate::text`]), how many
//! articles of a reference corpus contain it: the labelled evaluation set
//! and the sample publisher's articles. Features it does not list count as
//! seen in no document: they weigh most (a new storm's name is what tells
//! its story apart).

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

const TABLE: &str = include_str!("background_df.txt");

/// Document frequencies of a reference corpus.
#[derive(Debug, Clone, Default)]
pub(crate) struct Background {
    docs: usize,
    df: HashMap<String, usize>,
}

/// Weight left to a term found in every document (see [`crate::text`]).
const IDF_FLOOR: f32 = 0.1;

impl Background {
    /// The table shipped with the crate, parsed once.
    pub(crate) fn shipped() -> Arc<Background> {
        static SHIPPED: OnceLock<Arc<Background>> = OnceLock::new();
        SHIPPED
            .get_or_init(|| Arc::new(Background::parse(TABLE)))
            .clone()
    }

    /// Parses `docs\tN` then one `term\tdf` per line; malformed lines are skipped.
    pub(crate) fn parse(table: &str) -> Background {
        let mut background = Background::default();
        for line in table.lines() {
            let Some((term, count)) = line.rsplit_once('\t') else {
                continue;
            };
            let Ok(count) = count.trim().parse::<usize>() else {
                continue;
            };
            if term == "#docs" {
                background.docs = count;
            } else {
                background.df.insert(term.to_string(), count);
            }
        }
        background
    }

    /// Inverse document frequency of a feature.
    pub(crate) fn idf(&self, term: &str) -> f32 {
        let df = self.df.get(term).copied().unwrap_or(0);
        ((self.docs as f32 + 1.0) / (df as f32 + 1.0)).ln() + IDF_FLOOR
    }

    /// Number of documents of the reference corpus.
    #[cfg(test)]
    pub(crate) fn docs(&self) -> usize {
        self.docs
    }
}

/// Writes a table from document texts (what `build_background` does).
pub fn background_table<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    let mut df: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    let mut docs = 0;
    for text in texts {
        docs += 1;
        let mut terms: Vec<String> = crate::text::features(text)
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        terms.sort_unstable();
        terms.dedup();
        for term in terms {
            *df.entry(term).or_default() += 1;
        }
    }
    let mut out = format!("#docs\t{docs}\n");
    for (term, count) in df {
        // A feature seen once says nothing a missing one would not.
        if count >= 2 && !term.contains('\t') && !term.contains('\n') {
            out.push_str(&format!("{term}\t{count}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frequent_terms_weigh_less_than_rare_and_unseen_ones() {
        let b = Background::parse("#docs\t100\nhà nội\t40\nbão\t5\nbad line\n");
        assert_eq!(b.docs(), 100);
        assert!(b.idf("hà nội") < b.idf("bão"));
        assert!(b.idf("bão") < b.idf("fung-wong"));
        assert!(Background::shipped().docs() >= 150);
    }
}
