//! A place name matches whatever marks it is written with, in every language
//! (`testdata/place_names.json`: "Huế", "Hué" and "Hue" in French articles,
//! "Hue" in English, "Huế" in German, "Hué" in Spanish).

use search::{IndexDoc, SearchIndex, SearchQuery};
use unicode_normalization::UnicodeNormalization;

fn indexed() -> SearchIndex {
    let docs: Vec<IndexDoc> =
        serde_json::from_str(include_str!("../../testdata/place_names.json")).unwrap();
    let index = SearchIndex::in_memory().unwrap();
    for doc in &docs {
        index.upsert(doc).unwrap();
    }
    index.commit().unwrap();
    index
}

fn found(index: &SearchIndex, lang: &str, text: &str) -> Vec<i64> {
    let results = index
        .search(&SearchQuery {
            lang: lang.into(),
            text: text.into(),
            limit: 10,
            ..SearchQuery::default()
        })
        .unwrap();
    let mut ids: Vec<i64> = results.hits.iter().map(|h| h.article_id).collect();
    ids.sort_unstable();
    ids
}

#[test]
fn hue_with_any_marks_finds_every_french_article_about_hue() {
    let index = indexed();
    let decomposed: String = "Huế".nfd().collect();
    for text in ["Huế", "Hué", "Hue", "huế", "HUE", decomposed.as_str()] {
        assert_eq!(found(&index, "fr", text), [40, 41, 42], "fr {text:?}");
    }
}

#[test]
fn hue_with_any_marks_matches_in_other_languages() {
    let index = indexed();
    for text in ["Huế", "Hué", "Hue"] {
        assert_eq!(found(&index, "en", text), [40], "en {text}");
        assert_eq!(found(&index, "de", text), [40], "de {text}");
        assert_eq!(found(&index, "es", text), [40], "es {text}");
    }
}

#[test]
fn d_with_stroke_folds_to_d() {
    let index = indexed();
    assert_eq!(found(&index, "fr", "Da Nang"), [42]);
    assert_eq!(found(&index, "fr", "Đà Nẵng"), [42]);
}

#[test]
fn french_accents_still_meet_their_words() {
    let index = indexed();
    // "impériale" and "imperiale" reach both articles that use the word.
    assert_eq!(found(&index, "fr", "imperiale"), [40, 41]);
    assert_eq!(found(&index, "fr", "impériales"), [40, 41]);
    // Folding does not make every word match: the rice article stays out.
    assert_eq!(found(&index, "fr", "Hué riz"), Vec::<i64>::new());
}
