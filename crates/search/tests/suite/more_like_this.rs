//! "More like this" from the index (`StoryAssigner::more_like_this`) on the
//! labelled set.

use search::{IndexDoc, SearchIndex, StoryAssigner};

use crate::stories::{candidate, labelled};

#[test]
fn more_like_this_fills_a_short_block_without_the_article_its_copies_or_exclusions() {
    let set = labelled();
    let index = SearchIndex::in_memory().unwrap();
    for a in &set {
        let c = candidate(a);
        index
            .upsert(&IndexDoc {
                article_id: c.id,
                lang: "vi".into(),
                title: c.title,
                lead: c.lead,
                body: c.body,
                section_id: c.section_id,
                published_at: Some(c.published_at),
                ..Default::default()
            })
            .unwrap();
    }
    index.commit().unwrap();
    let assigner = StoryAssigner::default();
    let story_of = |id: i64| set.iter().find(|a| a.id == id).unwrap().story.clone();

    // Article 1 (the Quảng Ngãi floods); 2 is its syndicated copy.
    let found = assigner.more_like_this(&index, 1, "vi", 4, &[]).unwrap();
    println!("{found:?}");
    assert_eq!(found.len(), 4);
    let ids: Vec<i64> = found.iter().map(|r| r.id).collect();
    assert!(!ids.contains(&1) && !ids.contains(&2), "{ids:?}");
    // The most similar are the same running story, explained by shared terms.
    assert_eq!(story_of(ids[0]), "lu-quang-ngai");
    assert!(found[0]
        .shared_terms
        .iter()
        .any(|t| t.contains("quảng ngãi")));
    assert!(found.windows(2).all(|w| w[0].score >= w[1].score));

    // What the block already lists is excluded; the rest moves up.
    let next = assigner
        .more_like_this(&index, 1, "vi", 4, &ids[..2])
        .unwrap();
    let next_ids: Vec<i64> = next.iter().map(|r| r.id).collect();
    assert!(
        next_ids.iter().all(|id| !ids[..2].contains(id)),
        "{next_ids:?}"
    );
    assert_eq!(next_ids[..2], ids[2..]);

    // Deterministic; nothing for an unknown article, another language or no room.
    assert_eq!(
        assigner.more_like_this(&index, 1, "vi", 4, &[]).unwrap(),
        found
    );
    assert!(assigner
        .more_like_this(&index, 999_999, "vi", 4, &[])
        .unwrap()
        .is_empty());
    assert!(assigner
        .more_like_this(&index, 1, "fr", 4, &[])
        .unwrap()
        .is_empty());
    assert!(assigner
        .more_like_this(&index, 1, "vi", 0, &[])
        .unwrap()
        .is_empty());
}
