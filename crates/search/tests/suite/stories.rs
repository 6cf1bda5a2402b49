//! Stories placed online through the search index (`StoryAssigner`), on the
//! sample publisher's hand-written articles and on the labelled set
//! (`testdata/eval_stories.jsonl`).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use search::{
    bcubed, IndexDoc, MatchReason, SearchIndex, StoryAssigner, StoryCandidate, StoryMatch,
};
use serde::Deserialize;

#[derive(Deserialize)]
pub(crate) struct Labelled {
    pub(crate) id: i64,
    pub(crate) published: String,
    pub(crate) section: String,
    pub(crate) story: String,
    pub(crate) title: String,
    pub(crate) lead: String,
    pub(crate) body: String,
}

pub(crate) fn ms(rfc3339: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .unwrap()
        .timestamp_millis()
}

pub(crate) fn labelled() -> Vec<Labelled> {
    let mut set: Vec<Labelled> = include_str!("../../testdata/eval_stories.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    set.sort_by_key(|a| (ms(&a.published), a.id));
    set
}

/// Feeds candidates in order: assign, then index with the story found.
/// Returns article → story, and each article's match.
fn place_all(
    index: &SearchIndex,
    candidates: &[StoryCandidate],
) -> (HashMap<i64, i64>, HashMap<i64, Option<StoryMatch>>) {
    let assigner = StoryAssigner::default();
    let mut story_of = HashMap::new();
    let mut matches = HashMap::new();
    let mut next = 0;
    for c in candidates {
        let m = assigner.assign(index, c).unwrap();
        let closest = assigner.closest(index, c).unwrap();
        if m.is_none() {
            if let Some(near) = closest {
                println!(
                    "{} new story; closest {} at {:.3}: {:?}",
                    c.id, near.article_id, near.score, near.reason
                );
            }
        }
        let story = m.as_ref().and_then(|m| m.story_id).unwrap_or_else(|| {
            next += 1;
            next
        });
        story_of.insert(c.id, story);
        matches.insert(c.id, m);
        index
            .upsert(&IndexDoc {
                article_id: c.id,
                lang: c.lang.clone(),
                title: c.title.clone(),
                lead: c.lead.clone(),
                body: c.body.clone(),
                section_id: c.section_id,
                published_at: Some(c.published_at),
                story_id: Some(story),
                tags: c.tags.clone(),
            })
            .unwrap();
        index.commit().unwrap();
    }
    (story_of, matches)
}

fn section_id(slug: &str) -> i64 {
    const SECTIONS: &[&str] = &[
        "thoi-su",
        "the-gioi",
        "kinh-te",
        "van-hoa",
        "the-thao",
        "du-lich",
        "khoa-hoc",
        "phap-luat",
        "doi-song",
    ];
    SECTIONS.iter().position(|s| *s == slug).unwrap() as i64 + 1
}

pub(crate) fn candidate(a: &Labelled) -> StoryCandidate {
    StoryCandidate {
        id: a.id,
        lang: "vi".into(),
        title: a.title.clone(),
        lead: a.lead.clone(),
        body: a.body.clone(),
        published_at: ms(&a.published),
        section_id: Some(section_id(&a.section)),
        tags: Vec::new(),
    }
}

#[test]
fn the_sample_flood_series_is_one_story_and_unrelated_ha_noi_articles_are_not_merged() {
    let site = sample_publisher::Site::bundled().unwrap();
    let mut articles = site.bundled_articles();
    articles.sort_by_key(|a| (a.published, a.id));
    let candidates: Vec<StoryCandidate> = articles
        .iter()
        .map(|a| {
            let full = site.expected_article(a.id, "http://127.0.0.1").unwrap();
            StoryCandidate {
                id: i64::from(a.id),
                lang: "vi".into(),
                title: a.title.clone(),
                lead: a.lead.clone(),
                body: full.body_text(),
                published_at: a.published.timestamp_millis(),
                section_id: None,
                tags: a.tags.clone(),
            }
        })
        .collect();
    let index = SearchIndex::in_memory().unwrap();
    let (story_of, matches) = place_all(&index, &candidates);
    let report: Vec<String> = articles
        .iter()
        .map(|a| {
            let id = i64::from(a.id);
            format!(
                "{id} {:?} {} → {} {:?}",
                a.series, a.title, story_of[&id], matches[&id]
            )
        })
        .collect();
    let report = report.join("\n");

    let flood: Vec<i64> = site
        .series("mưa lũ miền Trung")
        .iter()
        .map(|a| i64::from(a.id))
        .collect();
    assert!(flood.len() >= 5, "{flood:?}");
    let flood_stories: BTreeSet<i64> = flood.iter().map(|id| story_of[id]).collect();
    assert_eq!(
        flood_stories.len(),
        1,
        "the flood series is one story:\n{report}"
    );
    let flood_story = flood_stories.into_iter().next().unwrap();
    for a in &articles {
        let id = i64::from(a.id);
        if a.series.as_deref() != Some("mưa lũ miền Trung") {
            assert_ne!(
                story_of[&id], flood_story,
                "{id} is not about the floods:\n{report}"
            );
        }
    }
    // Articles about Hà Nội that belong to no series are each their own story.
    let ha_noi: Vec<i64> = articles
        .iter()
        .filter(|a| a.series.is_none() && format!("{} {}", a.title, a.lead).contains("Hà Nội"))
        .map(|a| i64::from(a.id))
        .collect();
    assert!(ha_noi.len() >= 3, "{ha_noi:?}");
    let distinct: BTreeSet<i64> = ha_noi.iter().map(|id| story_of[id]).collect();
    assert_eq!(
        distinct.len(),
        ha_noi.len(),
        "Hà Nội articles merged:\n{report}"
    );
}

#[test]
fn the_labelled_set_is_clustered_online_with_high_bcubed_f1() {
    let set = labelled();
    let stories: BTreeSet<&str> = set.iter().map(|a| a.story.as_str()).collect();
    assert!(set.len() >= 150 && stories.len() >= 25);
    let candidates: Vec<StoryCandidate> = set.iter().map(candidate).collect();
    let index = SearchIndex::in_memory().unwrap();
    let (story_of, matches) = place_all(&index, &candidates);
    let pairs: Vec<(&str, i64)> = set
        .iter()
        .map(|a| (a.story.as_str(), story_of[&a.id]))
        .collect();
    let b = bcubed(&pairs);
    assert!(b.f1 >= 0.85, "{b:?}");
    assert!(b.precision >= 0.85, "{b:?}");

    let gold: HashMap<i64, &Labelled> = set.iter().map(|a| (a.id, a)).collect();
    // Syndicated copies are recognised as copies of their original.
    let mut copies = 0;
    for (id, m) in &matches {
        if let Some(StoryMatch {
            article_id,
            reason: MatchReason::Copy { containment },
            score,
            ..
        }) = m
        {
            assert_eq!(
                gold[id].story, gold[article_id].story,
                "{id} copy of {article_id}"
            );
            assert!(*containment >= 0.5 && *score == 1.0);
            copies += 1;
        }
    }
    assert!(copies >= 8, "{copies} copies found");
    // The running stories about Hà Nội (metro, air, dengue, petrol motorbikes,
    // marathon) stay apart.
    let ha_noi_stories = [
        "metro-nhon-ga-ha-noi",
        "o-nhiem-khong-khi-ha-noi",
        "sot-xuat-huyet-ha-noi",
        "xe-may-xang-vanh-dai-1",
        "marathon-ha-noi",
    ];
    let mut found_for: BTreeMap<&str, BTreeSet<i64>> = BTreeMap::new();
    for a in &set {
        if ha_noi_stories.contains(&a.story.as_str()) {
            found_for
                .entry(a.story.as_str())
                .or_default()
                .insert(story_of[&a.id]);
        }
    }
    for (x, xs) in &found_for {
        for (y, ys) in &found_for {
            if x < y {
                assert!(xs.is_disjoint(ys), "{x} and {y} merged");
            }
        }
    }
}

#[test]
fn a_related_block_lists_the_story_in_time_order_then_the_section_without_copies() {
    let set = labelled();
    let candidates: Vec<StoryCandidate> = set.iter().map(candidate).collect();
    let index = SearchIndex::in_memory().unwrap();
    let (story_of, _) = place_all(&index, &candidates);
    let assigner = StoryAssigner::default();
    let gold: HashMap<i64, &Labelled> = set.iter().map(|a| (a.id, a)).collect();
    // The first flood article: its story has 7 others, two of them copies.
    let first = set.iter().find(|a| a.story == "lu-quang-ngai").unwrap();
    let c = candidate(first);
    let related = assigner
        .related(&index, &c, Some(story_of[&first.id]), 4)
        .unwrap();
    assert_eq!(related.len(), 4);
    let times: Vec<i64> = related.iter().map(|r| ms(&gold[&r.id].published)).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{related:?}");
    for r in &related {
        assert_ne!(r.id, first.id);
        assert_eq!(gold[&r.id].story, "lu-quang-ngai");
        // Not the syndicated copy of the article itself.
        let start = |s: &str| s.chars().take(60).collect::<String>();
        assert_ne!(start(&gold[&r.id].body), start(&first.body), "{r:?}");
    }
    // A singleton's block comes from its section.
    let single = set.iter().find(|a| a.story == "s-sao-choi").unwrap();
    let related = assigner
        .related(&index, &candidate(single), Some(story_of[&single.id]), 4)
        .unwrap();
    assert!(!related.is_empty());
    assert!(related
        .iter()
        .all(|r| gold[&r.id].section == single.section && r.id != single.id));
}

#[test]
fn a_story_is_titled_by_its_most_central_article() {
    let set = labelled();
    let members: Vec<StoryCandidate> = set
        .iter()
        .filter(|a| a.story == "gia-vang")
        .map(candidate)
        .collect();
    let assigner = StoryAssigner::default();
    let central = assigner.central_article(&members).unwrap();
    assert!(members.iter().any(|m| m.id == central));
    // Deterministic, and independent of the order given.
    let mut reversed = members.clone();
    reversed.reverse();
    assert_eq!(assigner.central_article(&reversed), Some(central));
    assert_eq!(assigner.central_article(&[]), None);
}

#[test]
fn an_empty_index_or_an_empty_article_starts_a_new_story() {
    let index = SearchIndex::in_memory().unwrap();
    let assigner = StoryAssigner::default();
    let set = labelled();
    assert_eq!(assigner.assign(&index, &candidate(&set[0])).unwrap(), None);
    let empty = StoryCandidate {
        lang: "vi".into(),
        ..Default::default()
    };
    assert_eq!(assigner.assign(&index, &empty).unwrap(), None);
    assert!(assigner
        .related(&index, &empty, None, 4)
        .unwrap()
        .is_empty());
}
