//! The figures issue 8 asks for, on the labelled set
//! (`testdata/eval_stories.jsonl`):
//!
//! - section accuracy: [`SectionClassifier::cross_validate`], 5 and 10
//!   stratified folds (articles of one story may fall in different folds),
//!   accuracy above and below confidence 0.5, and 5 folds by story;
//! - stories: the articles are fed online in publication order; each is
//!   assigned by [`StoryAssigner::assign`] against what is indexed so far,
//!   then indexed with its story; B-cubed precision, recall and F1 against
//!   the gold stories; then [`StoryAssigner::merge_candidates`] over the
//!   whole range, applied, and the same measure;
//! - related block precision@4: for every article, [`StoryAssigner::related`]
//!   over the whole indexed set, with the story found online and the gold
//!   section (what an editor or a confident classifier files); a result is
//!   relevant when it is in the article's gold story or gold section.
//!
//! ```text
//! cargo run --release -p search --example eval_stories [-- --verbose]
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::HashMap;

use search::{
    bcubed, precision_at_k, IndexDoc, MatchReason, SearchIndex, SectionClassifier, StoryAssigner,
    StoryCandidate, TrainConfig,
};

fn main() {
    let verbose = std::env::args().any(|a| a == "--verbose");
    let set = common::load();
    let stories: std::collections::BTreeSet<&str> = set.iter().map(|a| a.story.as_str()).collect();
    println!(
        "labelled set: {} articles, {} stories",
        set.len(),
        stories.len()
    );

    // Sections.
    let mut section_ids: HashMap<String, i64> = HashMap::new();
    for a in &set {
        let next = section_ids.len() as i64 + 1;
        section_ids.entry(a.section.clone()).or_insert(next);
    }
    let examples: Vec<(String, i64)> = set
        .iter()
        .map(|a| (a.text(), section_ids[&a.section]))
        .collect();
    let five = SectionClassifier::cross_validate(&examples, 5);
    println!(
        "section accuracy (5-fold cross-validated): {:.3}",
        five.accuracy
    );
    println!("  {}", five.at_confidence(0.5));
    let report = SectionClassifier::cross_validate(&examples, 10);
    println!(
        "section accuracy (10-fold cross-validated): {:.3}",
        report.accuracy
    );
    println!("  {}", report.at_confidence(0.5));
    // Harder: a story's articles (copies, follow-ups) all in one fold.
    let groups: Vec<String> = set.iter().map(|a| a.story.clone()).collect();
    let grouped =
        SectionClassifier::cross_validate_grouped(&examples, &groups, 5, &TrainConfig::default());
    println!(
        "section accuracy (5-fold, folds by story): {:.3}",
        grouped.accuracy
    );
    println!("  {}", grouped.at_confidence(0.5));
    let balanced = TrainConfig {
        balanced: true,
        ..Default::default()
    };
    let b5 = SectionClassifier::cross_validate_with(&examples, 5, &balanced);
    let bg = SectionClassifier::cross_validate_grouped(&examples, &groups, 5, &balanced);
    println!(
        "balanced: 5-fold {:.3} ({}), by story {:.3} ({})",
        b5.accuracy,
        b5.at_confidence(0.5),
        bg.accuracy,
        bg.at_confidence(0.5)
    );
    if verbose {
        // Each penalty alone, uncalibrated: how much the choice matters
        // (for the record; the model chooses inside its training folds).
        for penalty in [1e-3, 1e-4, 3e-5, 1e-5] {
            let config = TrainConfig {
                penalties: vec![penalty],
                calibrate: false,
                ..Default::default()
            };
            let r = SectionClassifier::cross_validate_with(&examples, 5, &config);
            println!(
                "  penalty {penalty:e} alone: 5-fold accuracy {:.3}; {}",
                r.accuracy,
                r.at_confidence(0.5)
            );
        }
    }
    let mut names: Vec<(&String, &i64)> = section_ids.iter().collect();
    names.sort_by_key(|(_, id)| **id);
    for (name, id) in &names {
        if let Some(s) = report.per_section.get(id) {
            print!("  {name}: {} articles, recall {:.2}", s.support, s.recall);
            if verbose {
                let wrong: Vec<String> = report
                    .confusion
                    .get(id)
                    .into_iter()
                    .flatten()
                    .filter(|(p, _)| *p != *id)
                    .map(|(p, n)| {
                        format!(
                            "{n}→{}",
                            names
                                .iter()
                                .find(|(_, i)| *i == p)
                                .map_or("?", |(n, _)| n.as_str())
                        )
                    })
                    .collect();
                print!(" {wrong:?}");
            }
            println!();
        }
    }

    // Stories, online.
    let index = SearchIndex::in_memory().unwrap();
    let assigner = StoryAssigner::default();
    let mut found: HashMap<i64, i64> = HashMap::new();
    let mut next_story = 10_000;
    let mut pairs: Vec<(String, i64)> = Vec::new();
    let candidate = |a: &common::Labelled| StoryCandidate {
        id: a.id,
        lang: "vi".into(),
        title: a.title.clone(),
        lead: a.lead.clone(),
        body: a.body.clone(),
        published_at: a.at(),
        section_id: Some(section_ids[&a.section]),
        tags: Vec::new(),
    };
    let gold_of: HashMap<i64, &common::Labelled> = set.iter().map(|a| (a.id, a)).collect();
    for a in &set {
        let c = candidate(a);
        let matched = assigner.assign(&index, &c).unwrap();
        let story = match matched.as_ref().and_then(|m| m.story_id) {
            Some(s) => s,
            None => {
                next_story += 1;
                next_story
            }
        };
        if verbose {
            let how = match &matched {
                None => "new story".to_string(),
                Some(m) => {
                    let other = gold_of[&m.article_id];
                    let ok = if other.story == a.story {
                        "ok"
                    } else {
                        "WRONG"
                    };
                    match &m.reason {
                        MatchReason::Copy { containment } => {
                            format!("{ok} copy of {} ({containment:.2})", m.article_id)
                        }
                        MatchReason::Similar { cosine, days_apart, shared_terms, .. } => format!(
                            "{ok} joins {} ({}) score {:.3} cos {cosine:.3} {days_apart:.1} d {shared_terms:?}",
                            m.article_id, other.story, m.score
                        ),
                    }
                }
            };
            println!("{:>3} {:<28} {}", a.id, a.story, how);
        }
        found.insert(a.id, story);
        pairs.push((a.story.clone(), story));
        index
            .upsert(&IndexDoc {
                article_id: a.id,
                lang: "vi".into(),
                title: a.title.clone(),
                lead: a.lead.clone(),
                body: a.body.clone(),
                section_id: Some(section_ids[&a.section]),
                published_at: Some(a.at()),
                story_id: Some(story),
                tags: Vec::new(),
            })
            .unwrap();
        index.commit().unwrap();
    }
    let b = bcubed(&pairs);
    let found_stories: std::collections::BTreeSet<i64> = found.values().copied().collect();
    println!(
        "stories (online, time order): B-cubed precision {:.3}, recall {:.3}, F1 {:.3} ({} found for {} gold)",
        b.precision,
        b.recall,
        b.f1,
        found_stories.len(),
        stories.len()
    );

    // Merges proposed after the fact over the whole range, applied.
    let (from, to) = (set[0].at(), set[set.len() - 1].at());
    let merges = assigner.merge_candidates(&index, from, to).unwrap();
    let absorbed: HashMap<i64, i64> = merges.iter().map(|m| (m.absorb, m.keep)).collect();
    let mut right = 0;
    for m in &merges {
        let gold = |story: i64| {
            let mut names: Vec<&str> = set
                .iter()
                .filter(|a| found[&a.id] == story)
                .map(|a| a.story.as_str())
                .collect();
            names.sort_unstable();
            names.dedup();
            names
        };
        let ok = gold(m.keep)
            .iter()
            .any(|name| gold(m.absorb).contains(name));
        right += usize::from(ok);
        if verbose {
            println!("  {} {}", if ok { "ok" } else { "WRONG" }, m.explain());
        }
    }
    let merged_pairs: Vec<(String, i64)> = set
        .iter()
        .map(|a| {
            let s = found[&a.id];
            (a.story.clone(), absorbed.get(&s).copied().unwrap_or(s))
        })
        .collect();
    let bm = bcubed(&merged_pairs);
    println!(
        "stories after merge_candidates: {} merges proposed, {right} between parts of one gold story; B-cubed precision {:.3}, recall {:.3}, F1 {:.3}",
        merges.len(),
        bm.precision,
        bm.recall,
        bm.f1
    );

    // The same with a background table that holds no labelled article: the
    // sample publisher's hand-written and generated articles only.
    let site = sample_publisher::Site::bundled()
        .unwrap()
        .with_generated(2_000);
    let texts: Vec<String> = site
        .articles()
        .iter()
        .filter_map(|a| {
            site.expected_article(a.id, "http://127.0.0.1")
                .map(|full| search::TextDoc::from_article(i64::from(a.id), &full).text)
        })
        .collect();
    let table = search::background_table(texts.iter().map(String::as_str));
    let independent = StoryAssigner::with_background(search::AssignConfig::default(), &table);
    let b2 = online(&set, &independent);
    println!(
        "stories, background from the sample publisher only ({} articles, none labelled): B-cubed precision {:.3}, recall {:.3}, F1 {:.3}",
        texts.len(),
        b2.precision,
        b2.recall,
        b2.f1
    );

    // Related blocks.
    let mut total = 0.0;
    let mut evaluated = 0;
    for a in &set {
        let c = candidate(a);
        let related = assigner
            .related(&index, &c, found.get(&a.id).copied(), 4)
            .unwrap();
        let ids: Vec<i64> = related.iter().map(|r| r.id).collect();
        let relevant: Vec<i64> = set
            .iter()
            .filter(|o| o.id != a.id && (o.story == a.story || o.section == a.section))
            .map(|o| o.id)
            .collect();
        if verbose {
            println!("{:>3} related {ids:?}", a.id);
        }
        total += precision_at_k(&ids, &relevant, 4);
        evaluated += 1;
    }
    println!(
        "related block precision@4 (same gold story or gold section): {:.3} over {evaluated} articles",
        total / evaluated.max(1) as f64
    );

    // Story titles: the most central article of each found story.
    if verbose {
        let mut by_story: HashMap<i64, Vec<StoryCandidate>> = HashMap::new();
        for a in &set {
            by_story.entry(found[&a.id]).or_default().push(candidate(a));
        }
        let mut keys: Vec<&i64> = by_story.keys().collect();
        keys.sort();
        for k in keys {
            let members = &by_story[k];
            if members.len() > 1 {
                let central = assigner.central_article(members).unwrap();
                println!(
                    "story {k} ({} articles): {}",
                    members.len(),
                    gold_of[&central].title
                );
            }
        }
    }
}

/// Feeds the set online through `assigner` into a fresh index; B-cubed.
fn online(set: &[common::Labelled], assigner: &StoryAssigner) -> search::BCubed {
    let index = SearchIndex::in_memory().unwrap();
    let mut next = 0;
    let mut pairs = Vec::new();
    for a in set {
        let c = StoryCandidate {
            id: a.id,
            lang: "vi".into(),
            title: a.title.clone(),
            lead: a.lead.clone(),
            body: a.body.clone(),
            published_at: a.at(),
            section_id: None,
            tags: Vec::new(),
        };
        let story = match assigner
            .assign(&index, &c)
            .unwrap()
            .and_then(|m| m.story_id)
        {
            Some(s) => s,
            None => {
                next += 1;
                next
            }
        };
        pairs.push((a.story.clone(), story));
        index
            .upsert(&IndexDoc {
                article_id: a.id,
                lang: "vi".into(),
                title: a.title.clone(),
                lead: a.lead.clone(),
                body: a.body.clone(),
                published_at: Some(a.at()),
                story_id: Some(story),
                ..Default::default()
            })
            .unwrap();
        index.commit().unwrap();
    }
    bcubed(&pairs)
}
