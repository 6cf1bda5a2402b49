//! Every UI string exists in every language, and no page leaks a raw key or
//! an English string into another language.

use crate::common;

use std::collections::BTreeSet;

use common::*;

fn keys(source: &str) -> BTreeSet<String> {
    web::message_keys(source).into_iter().collect()
}

#[test]
fn every_language_defines_exactly_the_same_keys() {
    let en = web::UI_LANGUAGES
        .iter()
        .find(|(l, _)| *l == "en")
        .unwrap()
        .1;
    let reference = keys(en);
    assert!(reference.len() > 50, "{reference:?}");
    for (lang, source) in web::UI_LANGUAGES {
        let these = keys(source);
        let missing: Vec<_> = reference.difference(&these).collect();
        let extra: Vec<_> = these.difference(&reference).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
        assert!(extra.is_empty(), "{lang} has keys English lacks: {extra:?}");
        assert_eq!(
            web::message_keys(source).len(),
            these.len(),
            "{lang} defines a key twice"
        );
    }
    for lang in LANGS {
        assert!(
            web::UI_LANGUAGES.iter().any(|(l, _)| *l == lang),
            "no UI strings for {lang}"
        );
    }
    web::Locales::load().expect("every .ftl file parses");
}

/// English values without placeables, long enough to be unmistakable.
fn english_phrases() -> Vec<(String, String)> {
    let en = web::UI_LANGUAGES
        .iter()
        .find(|(l, _)| *l == "en")
        .unwrap()
        .1;
    en.lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once(" = "))
        .filter(|(_, v)| !v.contains('{') && !v.contains('%') && v.len() >= 8)
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

#[tokio::test]
async fn no_page_shows_a_raw_key_or_an_english_fallback() {
    let f = fixture().await;
    let app = web::router(portal(&f));
    let en = web::UI_LANGUAGES
        .iter()
        .find(|(l, _)| *l == "en")
        .unwrap()
        .1;
    let all_keys = keys(en);
    let phrases = english_phrases();
    let locales = web::Locales::load().unwrap();
    for lang in LANGS {
        let main = if ["vi", "fr", "en"].contains(&lang) {
            // Published languages render the article; others its localized 404.
            format!("/{lang}/the-gioi/{}", f.main)
        } else {
            format!("/{lang}/the-gioi/{}-x", f.main)
        };
        let mut paths = vec![
            format!("/{lang}/"),
            format!("/{lang}/the-gioi/"),
            format!("/{lang}/author/nguyen-van-an"),
            format!("/{lang}/topic/{}", f.topic),
            format!("/{lang}/about"),
            format!("/{lang}/search"),
            format!("/{lang}/search?q=Kursk"),
            format!("/{lang}/no-such-section/"),
            format!("/{lang}/the-gioi/{}-gone", f.taken_down),
        ];
        paths.push(main);
        for path in paths {
            let mut got = get(&app, &path).await;
            if got.status == 301 {
                got = get(&app, got.header("location")).await;
            }
            assert!(
                got.body.contains(&format!("<html lang=\"{lang}\"")),
                "{path}: {}",
                got.status
            );
            let text = visible_text(&got.body);
            for key in &all_keys {
                assert!(
                    !text.split_whitespace().any(|w| w == key),
                    "{path} shows the raw key {key}"
                );
            }
            if lang == "en" {
                continue;
            }
            for (key, phrase) in &phrases {
                if locales.get(lang, key) == *phrase {
                    continue;
                }
                assert!(
                    !text.contains(phrase.as_str()),
                    "{path} shows English {phrase:?} ({key})"
                );
            }
        }
    }
}
