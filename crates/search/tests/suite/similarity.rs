//! Related articles, stories and sections on hand-written Vietnamese articles
//! (`testdata/stories.json`, `testdata/sections.json`). Pure: no database.

use std::collections::{BTreeMap, HashMap};

use search::{related, SectionClassifier, StoryClusterer, StoryConfig, TextDoc};
use serde::Deserialize;

#[derive(Deserialize)]
struct StoryArticle {
    id: i64,
    story: String,
    published: String,
    title: String,
    text: String,
}

fn stories() -> Vec<(TextDoc, String)> {
    let articles: Vec<StoryArticle> =
        serde_json::from_str(include_str!("../../testdata/stories.json")).unwrap();
    articles
        .into_iter()
        .map(|a| {
            let at = chrono::DateTime::parse_from_rfc3339(&a.published)
                .unwrap()
                .timestamp_millis();
            let text = format!("{}.\n{}.\n{}", a.title, a.title, a.text);
            (TextDoc::new(a.id, text, Some(at)), a.story)
        })
        .collect()
}

#[test]
fn a_four_day_storm_is_one_story_and_unrelated_articles_are_not_in_it() {
    let mut clusterer = StoryClusterer::new(StoryConfig::default());
    let mut next_topic = 1000;
    let mut topic_of: HashMap<i64, i64> = HashMap::new();
    let mut report = Vec::new();
    for (doc, story) in stories() {
        let (topic, assignment) = clusterer.place(&doc, || {
            next_topic += 1;
            next_topic
        });
        report.push(format!(
            "{:>3} {:<9} → topic {topic} (joined: {}, similarity {:.3})",
            doc.id,
            story,
            assignment.topic.is_some(),
            assignment.similarity
        ));
        topic_of.insert(doc.id, topic);
    }
    let report = report.join("\n");
    println!("{report}");
    // Gold stories ↔ found topics must be a one-to-one match.
    let mut gold_to_topics: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for (doc, story) in stories() {
        gold_to_topics
            .entry(story)
            .or_default()
            .push(topic_of[&doc.id]);
    }
    let mut all_topics = Vec::new();
    for (story, topics) in &gold_to_topics {
        assert!(
            topics.iter().all(|t| *t == topics[0]),
            "story {story} split over {topics:?}\n{report}"
        );
        all_topics.push(topics[0]);
    }
    all_topics.sort();
    all_topics.dedup();
    assert_eq!(
        all_topics.len(),
        gold_to_topics.len(),
        "stories merged\n{report}"
    );
    assert_eq!(clusterer.len(), 13);

    // Another storm inside the window is another story: its names differ.
    let mut trami = stories().pop().unwrap().0;
    trami.published_at = stories()[11].0.published_at.map(|t| t + 3_600_000);
    let assignment = clusterer.assign(&trami);
    println!("another storm in the window: {assignment:?}");
    assert!(
        assignment.topic.is_none() || assignment.topic == Some(topic_of[&13]),
        "{assignment:?}\n{report}"
    );
    assert_ne!(assignment.topic, Some(topic_of[&1]), "{assignment:?}");
}

#[test]
fn assignment_respects_the_time_window() {
    let articles = stories();
    let yagi_landfall = &articles[2].0;
    let mut clusterer = StoryClusterer::new(StoryConfig::default());
    clusterer.add(yagi_landfall, 1);
    // The same text three weeks later does not join the old story.
    let mut later = yagi_landfall.clone();
    later.id = 99;
    later.published_at = later.published_at.map(|t| t + 21 * 24 * 3_600_000);
    let assignment = clusterer.assign(&later);
    assert_eq!(assignment.topic, None);
    // Within the window it does, with a high similarity.
    later.published_at = yagi_landfall.published_at.map(|t| t + 3_600_000);
    let assignment = clusterer.assign(&later);
    assert_eq!(assignment.topic, Some(1));
    assert!(assignment.similarity > 0.9, "{assignment:?}");
    // Forgetting old articles empties the candidate set.
    clusterer.forget_before(i64::MAX);
    assert!(clusterer.is_empty());
    assert_eq!(clusterer.assign(&later).topic, None);
    // An empty text starts a new story.
    assert_eq!(clusterer.assign(&TextDoc::new(5, "", None)).similarity, 0.0);
}

#[test]
fn related_articles_are_the_same_story_never_itself_nor_copies() {
    let articles: Vec<TextDoc> = stories().into_iter().map(|(d, _)| d).collect();
    let landfall = articles[2].clone();
    assert_eq!(landfall.id, 3);
    let mut candidates = articles.clone();
    // The article itself, a candidate listed twice, and a syndicated copy of the article.
    candidates.push(articles[5].clone());
    let mut copy = landfall.clone();
    copy.id = 100;
    copy.text.push_str(" (Theo TTXVN)");
    candidates.push(copy);

    let found = related(&landfall, &candidates, 4);
    let ids: Vec<i64> = found.iter().map(|r| r.id).collect();
    assert_eq!(found.len(), 4, "{found:#?}");
    assert!(!ids.contains(&3) && !ids.contains(&100), "{ids:?}");
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len());
    // All four are articles of the Yagi story, the closest retelling first.
    let yagi = [1, 4, 6, 10, 12];
    assert!(ids.iter().all(|id| yagi.contains(id)), "{found:#?}");
    assert_eq!(ids[0], 4, "{found:#?}");
    assert!(found.windows(2).all(|w| w[0].score >= w[1].score));
    assert!(found[0]
        .shared_terms
        .iter()
        .any(|t| t.contains("yagi") || t.contains("quảng ninh")));

    // Two copies of one another among the candidates: only the better one is listed.
    let mut copy_of_4 = articles[3].clone();
    copy_of_4.id = 200;
    let found = related(
        &articles[0],
        &[articles[3].clone(), copy_of_4, articles[5].clone()],
        4,
    );
    let ids: Vec<i64> = found.iter().map(|r| r.id).collect();
    assert_eq!(
        ids.iter().filter(|id| **id == 4 || **id == 200).count(),
        1,
        "{ids:?}"
    );
    // Deterministic.
    let pool = [
        articles[3].clone(),
        articles[5].clone(),
        articles[9].clone(),
    ];
    assert_eq!(
        related(&articles[0], &pool, 4),
        related(&articles[0], &pool, 4)
    );
    // Nothing related to an empty pool or an empty text.
    assert!(related(&landfall, &[], 4).is_empty());
    assert!(related(&TextDoc::new(1, "", None), &articles, 4).is_empty());
}

#[test]
fn more_like_this_from_the_clusterer() {
    let articles: Vec<TextDoc> = stories().into_iter().map(|(d, _)| d).collect();
    let mut clusterer = StoryClusterer::new(StoryConfig::default());
    for (i, doc) in articles.iter().enumerate() {
        clusterer.add(doc, i as i64);
    }
    let mut copy = articles[3].clone();
    copy.id = 100;
    clusterer.add(&copy, 99);
    let found = clusterer.similar(&articles[2], 4, |_| true);
    let ids: Vec<i64> = found.iter().map(|r| r.id).collect();
    assert_eq!(found.len(), 4, "{found:#?}");
    assert!(!ids.contains(&3), "{ids:?}");
    assert_eq!(
        ids.iter().filter(|id| **id == 4 || **id == 100).count(),
        1,
        "{ids:?}"
    );
    assert!(
        ids.iter().all(|id| [1, 4, 6, 10, 12, 100].contains(id)),
        "{found:#?}"
    );
    // The filter applies (e.g. same section only).
    let found = clusterer.similar(&articles[2], 4, |id| id == 10);
    assert_eq!(found.iter().map(|r| r.id).collect::<Vec<_>>(), [10]);
    assert!(clusterer
        .similar(&TextDoc::new(1, "", None), 4, |_| true)
        .is_empty());
}

#[derive(Deserialize)]
struct SectionData {
    sections: BTreeMap<String, i64>,
    train: Vec<(String, String)>,
    held_out: Vec<(String, String)>,
}

/// (text, section id) pairs.
type Examples = Vec<(String, i64)>;

fn sections() -> (Examples, Examples) {
    let data: SectionData =
        serde_json::from_str(include_str!("../../testdata/sections.json")).unwrap();
    let convert = |rows: Vec<(String, String)>| {
        rows.into_iter()
            .map(|(slug, text)| (text, data.sections[&slug]))
            .collect::<Vec<_>>()
    };
    (convert(data.train), convert(data.held_out))
}

#[test]
fn the_section_classifier_files_new_articles_with_confidence() {
    let (train, held_out) = sections();
    let model = SectionClassifier::train(&train);
    assert_eq!(model.sections(), [1, 2, 3, 4, 5, 6]);
    for (text, gold) in &held_out {
        let (section, confidence) = model.predict(text).unwrap();
        assert_eq!(section, *gold, "{text}");
        assert!((0.0..=1.0).contains(&confidence));
    }
    // Confidence is a probability: the ranked list sums to 1.
    let ranked = model.ranked(&held_out[0].0);
    let sum: f64 = ranked.iter().map(|(_, p)| p).sum();
    assert!((sum - 1.0).abs() < 1e-4);
    // A text on none of the topics is less certain than a clear one.
    let clear = model
        .predict("Giá vàng và lãi suất ngân hàng tăng, chứng khoán giảm điểm")
        .unwrap();
    assert_eq!(clear.0, 2);
    let vague = model.predict("Người dân cho biết").map_or(0.0, |(_, c)| c);
    assert!(clear.1 > vague, "{clear:?} vs {vague}");
    // Words the model never saw: no prediction.
    assert_eq!(model.predict("xyzzy plugh"), None);
    assert_eq!(model.predict(""), None);

    // Saved as JSON, it predicts the same.
    let json = model.to_json().unwrap();
    let loaded = SectionClassifier::from_json(&json).unwrap();
    for (text, _) in &held_out {
        assert_eq!(loaded.predict(text), model.predict(text));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sections.json");
    model.save(&path).unwrap();
    assert_eq!(SectionClassifier::load(&path).unwrap(), loaded);
    assert!(SectionClassifier::from_json("{\"sections\":[1]}").is_err());
    assert!(SectionClassifier::from_json(
        "{\"sections\":[1,2],\"terms\":[],\"idf\":[],\"weights\":[],\"bias\":[]}"
    )
    .is_err());
}

#[test]
fn cross_validation_reports_accuracy_per_section() {
    let (train, _) = sections();
    let report = SectionClassifier::cross_validate(&train, 4);
    println!("{report}");
    assert_eq!(report.examples, 48);
    assert_eq!(report.folds, 4);
    assert!(report.accuracy >= 0.6, "{report}");
    assert_eq!(report.per_section.len(), 6);
    assert!(report.per_section.values().all(|s| s.support == 8));
    let counted: usize = report.confusion.values().flat_map(|row| row.values()).sum();
    assert_eq!(counted + report.unclassified, 48);
    // Deterministic.
    assert_eq!(report, SectionClassifier::cross_validate(&train, 4));
}

#[test]
fn degenerate_training_sets() {
    let empty = SectionClassifier::train(&[]);
    assert_eq!(empty.predict("bão"), None);
    let one = SectionClassifier::train(&[("bão lũ".into(), 7)]);
    assert_eq!(one.predict("bất kỳ"), Some((7, 1.0)));
    let report = SectionClassifier::cross_validate(&[], 5);
    assert_eq!(report.examples, 0);
}
