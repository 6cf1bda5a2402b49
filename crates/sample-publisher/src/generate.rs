//! Generated articles for scale tests, assembled from `content/templates.toml`.
//!
//! Each article combines a title, lead, subheading, quote and sentences
//! picked by a seeded generator from per-section and shared pools, with a
//! place name, people's names and numbers. The title and the first paragraph
//! carry a number that grows with the article's index, so titles, bodies and
//! URLs are unique; sentences are drawn independently per slot so two
//! generated articles share little text and are not near-duplicates.

use chrono::{DateTime, Datelike, Duration, FixedOffset};
use serde::Deserialize;

use article::RichText;

use crate::dates::{vi_int, vi_tenths};
use crate::model::{BodyBlock, Byline, SampleArticle, SampleImage};
use crate::slug::paper_slug;

/// Ids of generated articles start after this.
pub const FIRST_ID: u32 = 10_000;

/// Sentence pools and word lists for the generator.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Templates {
    places: Vec<String>,
    people: Vec<String>,
    reporters: Vec<String>,
    photographers: Vec<String>,
    shared_middle: Vec<String>,
    shared_closing: Vec<String>,
    kits: Vec<Kit>,
}

/// Templates for one section.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Kit {
    section: String,
    titles: Vec<String>,
    leads: Vec<String>,
    headings: Vec<String>,
    openings: Vec<String>,
    details: Vec<String>,
    quotes: Vec<String>,
    roles: Vec<String>,
    tags: Vec<String>,
    images: Vec<[String; 2]>,
}

impl Templates {
    /// Slugs of the sections the generator writes for.
    pub fn sections(&self) -> impl Iterator<Item = &str> {
        self.kits.iter().map(|k| k.section.as_str())
    }

    /// Checks that every pool the generator draws from is non-empty.
    pub fn check(&self) -> Result<(), String> {
        let top = [
            ("places", &self.places),
            ("people", &self.people),
            ("reporters", &self.reporters),
            ("photographers", &self.photographers),
            ("shared_middle", &self.shared_middle),
            ("shared_closing", &self.shared_closing),
        ];
        for (name, pool) in top {
            if pool.len() < 2 {
                return Err(format!("pool {name} needs at least 2 entries"));
            }
        }
        if self.kits.is_empty() {
            return Err("no kits".into());
        }
        for k in &self.kits {
            let pools = [
                ("titles", k.titles.len()),
                ("leads", k.leads.len()),
                ("headings", k.headings.len()),
                ("openings", k.openings.len()),
                ("details", k.details.len()),
                ("quotes", k.quotes.len()),
                ("roles", k.roles.len()),
                ("tags", k.tags.len()),
                ("images", k.images.len()),
            ];
            for (name, len) in pools {
                if len < 2 {
                    return Err(format!(
                        "kit {}: pool {name} needs at least 2 entries",
                        k.section
                    ));
                }
            }
            let counted = k.openings.iter().filter(|o| o.contains("{n}")).count();
            if counted == 0 || counted == k.openings.len() {
                return Err(format!(
                    "kit {}: openings need some with {{n}} and some without",
                    k.section
                ));
            }
            if k.titles.iter().any(|t| !t.contains("{n}")) {
                return Err(format!("kit {}: every title needs {{n}}", k.section));
            }
        }
        Ok(())
    }
}

/// Publication time of the `i`-th back-dated article: one every 37 minutes
/// going back from 19/10/2025 22:00 (+07:00), before the hand-written ones.
pub fn backdated(i: usize) -> DateTime<FixedOffset> {
    let start = DateTime::parse_from_rfc3339("2025-10-19T22:00:00+07:00")
        .unwrap_or_else(|_| DateTime::UNIX_EPOCH.fixed_offset());
    start - Duration::minutes(37 * i as i64)
}

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, pool: &'a [String]) -> &'a str {
        pool.get(self.below(pool.len())).map_or("", String::as_str)
    }

    /// `k` distinct entries of `pool` (fewer when the pool is smaller).
    fn sample<'a>(&mut self, pool: &'a [String], k: usize) -> Vec<&'a str> {
        let mut idx: Vec<usize> = (0..pool.len()).collect();
        let mut out = Vec::new();
        while out.len() < k && !idx.is_empty() {
            let i = idx.swap_remove(self.below(idx.len()));
            if let Some(s) = pool.get(i) {
                out.push(s.as_str());
            }
        }
        out
    }
}

/// Values substituted into one article's templates.
struct Fill {
    place: String,
    other_place: String,
    person: String,
    n: String,
    m: String,
    pct: String,
    money: String,
    day: String,
}

impl Fill {
    fn apply(&self, template: &str) -> String {
        template
            .replace("{place}", &self.place)
            .replace("{other_place}", &self.other_place)
            .replace("{person}", &self.person)
            .replace("{n}", &self.n)
            .replace("{m}", &self.m)
            .replace("{pct}", &self.pct)
            .replace("{money}", &self.money)
            .replace("{day}", &self.day)
    }
}

/// The `i`-th generated article (0-based), published at `published`.
pub fn article(i: usize, published: DateTime<FixedOffset>, t: &Templates) -> SampleArticle {
    let id = FIRST_ID + 1 + i as u32;
    let mut rng = Rng(0x5EED_0000 ^ (i as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let kit_index = i % t.kits.len().max(1);
    let empty = Kit::default_for_missing();
    let kit = t.kits.get(kit_index).unwrap_or(&empty);
    let place = rng.pick(&t.places).to_string();
    let mut other_place = rng.pick(&t.places).to_string();
    if other_place == place {
        other_place = t
            .places
            .iter()
            .find(|p| **p != place)
            .cloned()
            .unwrap_or_default();
    }
    // The unique number: grows with i, so (template, n) pairs never repeat.
    let n = 120 + 7 * i as u64 + rng.below(7) as u64;
    let fill = Fill {
        place,
        other_place,
        person: rng.pick(&t.people).to_string(),
        n: vi_int(n),
        m: (2 + rng.below(28)).to_string(),
        pct: vi_tenths(11 + rng.below(240) as u64),
        money: vi_int(5 + rng.below(100) as u64 * 5),
        day: format!("{}/{}", published.day(), published.month()),
    };
    let title_index = i / t.kits.len().max(1) % kit.titles.len().max(1);
    let title = fill.apply(
        kit.titles
            .get(title_index)
            .map_or("Tin số {n}", String::as_str),
    );
    let lead = fill.apply(rng.pick(&kit.leads));

    let mut body = Vec::new();
    // One opening that states the article's number, one that does not.
    let (counted, plain): (Vec<String>, Vec<String>) = kit
        .openings
        .iter()
        .cloned()
        .partition(|o| o.contains("{n}"));
    body.push(paragraph(&fill, &[rng.pick(&counted), rng.pick(&plain)]));
    body.push(BodyBlock::Image(0));
    body.push(paragraph(&fill, &rng.sample(&t.shared_middle, 2)));
    body.push(BodyBlock::Heading {
        level: 2,
        text: fill.apply(rng.pick(&kit.headings)),
    });
    body.push(paragraph(&fill, &rng.sample(&kit.details, 2)));
    if i.is_multiple_of(3) {
        let role = rng.pick(&kit.roles);
        body.push(BodyBlock::Quote {
            text: RichText::plain(fill.apply(rng.pick(&kit.quotes))),
            cite: Some(format!("{}, {role}", fill.person)),
        });
    }
    body.push(paragraph(&fill, &rng.sample(&t.shared_middle, 1)));
    body.push(paragraph(&fill, &rng.sample(&t.shared_closing, 2)));

    let [caption, alt] = kit
        .images
        .get(rng.below(kit.images.len()))
        .cloned()
        .unwrap_or_default();
    let path = format!("/images/{id}-1.jpg");
    let (width, height) = crate::photos::size_of(&path);
    let images = vec![SampleImage {
        path,
        caption: fill.apply(&caption),
        alt: fill.apply(&alt),
        credit: rng.pick(&t.photographers).to_string(),
        width,
        height,
    }];
    let mut tags = rng
        .sample(&kit.tags, 2)
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
    tags.push(fill.place.clone());
    SampleArticle {
        id,
        section: kit.section.clone(),
        slug: paper_slug(&title),
        title,
        lead,
        body,
        images,
        authors: vec![Byline {
            name: rng.pick(&t.reporters).to_string(),
            role: "Phóng viên".into(),
        }],
        published,
        modified: None,
        tags,
        series: None,
        generated: true,
    }
}

fn paragraph(fill: &Fill, sentences: &[&str]) -> BodyBlock {
    let text: Vec<String> = sentences.iter().map(|s| fill.apply(s)).collect();
    BodyBlock::Paragraph(RichText::plain(text.join(" ")))
}

impl Kit {
    /// Never used when the templates passed [`Templates::check`].
    fn default_for_missing() -> Kit {
        Kit {
            section: "thoi-su".into(),
            titles: vec!["Tin số {n}".into()],
            leads: vec![String::new()],
            headings: vec![String::new()],
            openings: vec![],
            details: vec![],
            quotes: vec![],
            roles: vec![],
            tags: vec![],
            images: vec![],
        }
    }
}
