//! Stories merged after the fact (`StoryAssigner::merge_candidates`) on the
//! labelled set (`testdata/eval_stories.jsonl`): stories split on purpose are
//! proposed for merging, different stories never are.

use std::collections::{BTreeMap, BTreeSet};

use search::{IndexDoc, MatchReason, SearchIndex, StoryAssigner, StoryMerge};

use crate::stories::{candidate, labelled, ms, Labelled};

/// Indexes the set with `story_of(article)` as each article's story.
fn index_with(set: &[Labelled], story_of: impl Fn(&Labelled) -> i64) -> SearchIndex {
    let index = SearchIndex::in_memory().unwrap();
    for a in set {
        let c = candidate(a);
        index
            .upsert(&IndexDoc {
                article_id: c.id,
                lang: c.lang.clone(),
                title: c.title.clone(),
                lead: c.lead.clone(),
                body: c.body.clone(),
                section_id: c.section_id,
                published_at: Some(c.published_at),
                story_id: Some(story_of(a)),
                tags: c.tags.clone(),
            })
            .unwrap();
    }
    index.commit().unwrap();
    index
}

/// Gold story name → a story id (1, 2, … in order of first publication).
fn gold_ids(set: &[Labelled]) -> BTreeMap<String, i64> {
    let mut ids = BTreeMap::new();
    for a in set {
        let next = ids.len() as i64 + 1;
        ids.entry(a.story.clone()).or_insert(next);
    }
    ids
}

fn whole_range(set: &[Labelled]) -> (i64, i64) {
    let times: Vec<i64> = set.iter().map(|a| ms(&a.published)).collect();
    (*times.iter().min().unwrap(), *times.iter().max().unwrap())
}

#[test]
fn the_gold_stories_are_never_merged() {
    let set = labelled();
    let ids = gold_ids(&set);
    let index = index_with(&set, |a| ids[&a.story]);
    let (from, to) = whole_range(&set);
    let merges = StoryAssigner::default()
        .merge_candidates(&index, from, to)
        .unwrap();
    for m in &merges {
        println!("{}", m.explain());
    }
    assert!(merges.is_empty(), "{merges:?}");
}

/// Every gold story of several articles split in two by time (its later
/// half filed as a new story, as when a follow-up is filed before the
/// article that links it): the halves are proposed for merging, and no
/// merge joins two different gold stories.
#[test]
fn every_story_split_in_two_is_merged_back_and_nothing_else() {
    let set = labelled();
    let ids = gold_ids(&set);
    let mut members: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
    for a in &set {
        members.entry(a.story.as_str()).or_default().push(a.id);
    }
    // Later half → story id + 1000.
    let split_of = |a: &Labelled| {
        let m = &members[a.story.as_str()];
        let position = m.iter().position(|id| *id == a.id).unwrap();
        if m.len() >= 2 && position >= m.len() / 2 {
            ids[&a.story] + 1000
        } else {
            ids[&a.story]
        }
    };
    let index = index_with(&set, split_of);
    let (from, to) = whole_range(&set);
    let merges = StoryAssigner::default()
        .merge_candidates(&index, from, to)
        .unwrap();
    let gold_of = |story: i64| if story > 1000 { story - 1000 } else { story };
    let mut right = 0;
    let mut wrong = 0;
    for m in &merges {
        let ok = gold_of(m.keep) == gold_of(m.absorb);
        println!("{} {}", if ok { "ok" } else { "WRONG" }, m.explain());
        if ok {
            right += 1;
        } else {
            wrong += 1;
        }
    }
    let splits = members.values().filter(|m| m.len() >= 2).count();
    let merged: BTreeSet<i64> = merges
        .iter()
        .filter(|m| gold_of(m.keep) == gold_of(m.absorb))
        .map(|m| gold_of(m.keep))
        .collect();
    println!(
        "{splits} stories split; {} merges proposed: {right} right, {wrong} wrong; {} splits repaired",
        merges.len(),
        merged.len()
    );
    assert_eq!(wrong, 0, "precision over all proposed merges must be 1");
    assert!(
        merged.len() * 10 >= splits * 9,
        "{} of {splits} splits repaired",
        merged.len()
    );
    // The older half is kept.
    assert!(merges.iter().all(|m| m.keep < 1000 && m.absorb > 1000));
    // Deterministic.
    assert_eq!(
        merges,
        StoryAssigner::default()
            .merge_candidates(&index, from, to)
            .unwrap()
    );
}

/// Two copies of one event filed at the same instant by two workers: two
/// stories of one article each; the merge names the copy.
#[test]
fn two_copies_filed_at_once_are_one_story() {
    let set = labelled();
    let ids = gold_ids(&set);
    // The flood story's first article and its syndicated copy (ids 1 and 2).
    let copy = set.iter().find(|a| a.id == 2).unwrap();
    assert_eq!(copy.story, "lu-quang-ngai");
    let index = index_with(&set, |a| if a.id == 2 { 5000 } else { ids[&a.story] });
    let merges: Vec<StoryMerge> = StoryAssigner::default()
        .merge_candidates(&index, ms(&copy.published), ms(&copy.published))
        .unwrap();
    assert_eq!(merges.len(), 1, "{merges:?}");
    let m = &merges[0];
    assert_eq!((m.keep, m.absorb), (ids["lu-quang-ngai"], 5000));
    assert_eq!(m.article_id, 2);
    assert!(matches!(m.reason, MatchReason::Copy { .. }), "{m:?}");
    assert_eq!(m.score, 1.0);
    // Outside the range nothing is read.
    assert!(StoryAssigner::default()
        .merge_candidates(&index, 0, 1)
        .unwrap()
        .is_empty());
}
