//! Writes `testdata/eval_stories.jsonl`, the labelled evaluation set of issue 8:
//! hand-written Vietnamese articles with their gold section and gold story.
//!
//! ```text
//! cargo run -p search --example gen_eval_set
//! ```
//!
//! Every article is written by hand (`stories.rs`, `singles.rs`); the program
//! only dates them, numbers them in publication order, appends a story's
//! background paragraph the way follow-ups repeat it, and makes the lightly
//! edited syndicated copies a second publisher prints. The output is
//! deterministic, so regenerating it changes nothing unless the content does.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod singles;
mod stories;

use std::fmt::Write as _;

/// Publishers of the set (invented).
pub const PUBLISHERS: &[&str] = &[
    "Báo Sông Hồng",
    "Tin Nhanh Phương Nam",
    "Thời báo Cửu Long",
    "Nhật báo Trường Sơn",
];

/// One hand-written article.
pub struct A {
    /// Day (0 = Monday 3 November 2025), hour, minute, Vietnam time.
    pub at: (u32, u32, u32),
    /// Index into [`PUBLISHERS`].
    pub publisher: usize,
    /// The byline as printed.
    pub byline: &'static str,
    /// Headline.
    pub title: &'static str,
    /// Lead (sapo).
    pub lead: &'static str,
    /// Paragraphs written for this article.
    pub body: &'static [&'static str],
    /// A syndicated copy: (publisher, minutes later, its headline, its byline).
    pub copy: Option<(usize, u32, &'static str, &'static str)>,
}

/// A story: its section, the background paragraphs its articles repeat, its articles.
pub struct Story {
    /// Gold story id.
    pub key: &'static str,
    /// Gold section slug.
    pub section: &'static str,
    /// Background paragraphs; article `i` repeats `background[i % len]`.
    pub background: &'static [&'static str],
    /// Its articles.
    pub articles: &'static [A],
}

struct Out {
    publisher: String,
    byline: String,
    published: String,
    minutes: u32,
    section: String,
    story: String,
    title: String,
    lead: String,
    body: Vec<String>,
}

fn timestamp(minutes: u32) -> String {
    // Day 0 is 2025-11-03; the set spans less than a month.
    let day = 3 + minutes / 1440;
    let (month, day) = if day > 30 { (12, day - 30) } else { (11, day) };
    let h = (minutes % 1440) / 60;
    let m = minutes % 60;
    format!("2025-{month:02}-{day:02}T{h:02}:{m:02}:00+07:00")
}

/// The light edits a second publisher makes to a syndicated article.
fn edit(text: &str) -> String {
    const SWAPS: &[(&str, &str)] = &[
        ("cho biết", "thông tin"),
        ("hơn ", "trên "),
        ("theo đó", "cụ thể"),
        ("Theo đó", "Cụ thể"),
        ("hiện nay", "hiện tại"),
        ("ngày càng", "càng ngày càng"),
        ("đồng thời", "cùng lúc"),
    ];
    let mut out = text.to_string();
    for (from, to) in SWAPS {
        out = out.replace(from, to);
    }
    out
}

fn main() {
    let mut out: Vec<Out> = Vec::new();
    let all: Vec<&Story> = stories::STORIES
        .iter()
        .chain(singles::SINGLES.iter())
        .collect();
    for story in &all {
        for (i, a) in story.articles.iter().enumerate() {
            let minutes = a.at.0 * 1440 + a.at.1 * 60 + a.at.2;
            let mut body: Vec<String> = a.body.iter().map(|p| p.to_string()).collect();
            if !story.background.is_empty() {
                body.push(story.background[i % story.background.len()].to_string());
            }
            if let Some((publisher, later, title, byline)) = a.copy {
                let mut copy_body: Vec<String> = body.iter().map(|p| edit(p)).collect();
                if copy_body.len() > 2 {
                    copy_body.pop();
                }
                out.push(Out {
                    publisher: PUBLISHERS[publisher].to_string(),
                    byline: byline.to_string(),
                    published: timestamp(minutes + later),
                    minutes: minutes + later,
                    section: story.section.to_string(),
                    story: story.key.to_string(),
                    title: title.to_string(),
                    lead: edit(a.lead),
                    body: copy_body,
                });
            }
            out.push(Out {
                publisher: PUBLISHERS[a.publisher].to_string(),
                byline: a.byline.to_string(),
                published: timestamp(minutes),
                minutes,
                section: story.section.to_string(),
                story: story.key.to_string(),
                title: a.title.to_string(),
                lead: a.lead.to_string(),
                body,
            });
        }
    }
    out.sort_by(|a, b| {
        a.minutes
            .cmp(&b.minutes)
            .then_with(|| a.title.cmp(&b.title))
    });
    let mut jsonl = String::new();
    for (i, o) in out.iter().enumerate() {
        let value = serde_json::json!({
            "id": i as i64 + 1,
            "publisher": o.publisher,
            "byline": o.byline,
            "published": o.published,
            "section": o.section,
            "story": o.story,
            "title": o.title,
            "lead": o.lead,
            "body": o.body.join("\n\n"),
        });
        writeln!(jsonl, "{value}").unwrap();
    }
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/eval_stories.jsonl");
    std::fs::write(path, jsonl).unwrap();
    let stories: std::collections::BTreeSet<&str> = out.iter().map(|o| o.story.as_str()).collect();
    println!("{} articles, {} stories → {path}", out.len(), stories.len());
}
