//! The search page over the in-memory index.

use crate::common;

use common::*;

async fn indexed(f: &Fixture) -> search::SearchIndex {
    let index = search::SearchIndex::in_memory().unwrap();
    for id in f.all.iter().chain([&f.taken_down]) {
        search::sync_article(&index, &f.store, *id).await.unwrap();
    }
    index.commit().unwrap();
    index
}

#[tokio::test]
async fn search_finds_highlights_and_links_the_canonical_page() {
    let f = fixture().await;
    let index = indexed(&f).await;
    let app = web::router(web::Portal::new(f.store.clone(), Some(index), config()));
    let got = get(&app, "/fr/search?q=Koursk").await;
    assert_eq!(got.status, 200);
    assert!(got
        .body
        .contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(got.body.contains("<mark>"), "{}", got.body);
    assert!(got.body.contains(&format!(
        "href=\"/fr/the-gioi/{}-combats-a-koursk-la-russie-renforce-sa-defense\"",
        f.main
    )));
    assert!(got.body.contains("résultat"), "French count");
    assert!(!got.body.contains(&format!("/{}-", f.taken_down)));

    // Filters: a section without the story finds nothing.
    let got = get(&app, "/fr/search?q=Koursk&section=kinh-doanh").await;
    assert!(
        got.body.contains("Aucun résultat pour"),
        "{}",
        visible_text(&got.body)
    );
    // A date range in the future finds nothing; garbage dates are ignored.
    let got = get(&app, "/fr/search?q=Koursk&from=2999-01-01").await;
    assert!(got.body.contains("Aucun résultat pour"));
    let got = get(&app, "/fr/search?q=Koursk&from=yesterday&to=%3Cscript%3E").await;
    assert!(got.body.contains("<mark>"));

    // A page past the last is not found; page 1 of no results is a page.
    for page in ["2", "9223372036854775807"] {
        let got = get(&app, &format!("/fr/search?q=Koursk&page={page}")).await;
        assert_eq!(got.status, 404, "page {page}");
    }
    let got = get(&app, "/fr/search?q=Koursk&from=2999-01-01&page=1").await;
    assert_eq!(got.status, 200);

    // Escaping of what the reader typed.
    let got = get(&app, "/fr/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E").await;
    assert_eq!(got.status, 200);
    assert!(!got.body.contains("<script>alert(1)"));

    // The JSON twin.
    let got = get(&app, "/api/v1/search?lang=fr&q=Koursk").await;
    assert_eq!(got.status, 200);
    let v: serde_json::Value = serde_json::from_str(&got.body).unwrap();
    assert!(v["total"].as_u64().unwrap() >= 1);
    assert!(v["hits"][0]["url"].as_str().unwrap().starts_with(BASE));
}

#[tokio::test]
async fn without_an_index_search_says_it_is_unavailable() {
    let f = fixture().await;
    let app = web::router(portal(&f));
    let got = get(&app, "/de/search?q=Kursk").await;
    assert_eq!(got.status, 200);
    assert!(got
        .body
        .contains("Die Suche ist im Moment nicht verfügbar."));
    let got = get(&app, "/de/search").await;
    assert!(got.body.contains("Geben Sie ein oder mehrere Wörter ein"));
}

#[tokio::test]
async fn a_short_section_block_is_followed_by_more_like_this_from_the_index() {
    let f = fixture().await;
    let index = indexed(&f).await;
    let app = web::router(web::Portal::new(f.store.clone(), Some(index), config()));
    // An article of the small business section: its "more in" block is short.
    let mut checked = 0;
    for id in &f.all {
        let record = f.store.article(*id).await.unwrap();
        if record.section_id != Some(f.business) {
            continue;
        }
        let Some(fr) = f.store.translation(*id, "fr").await.unwrap() else {
            continue;
        };
        let page = get(&app, &format!("/fr/kinh-doanh/{id}-{}", fr.slug)).await;
        assert_eq!(page.status, 200);
        let Some(block) = page.body.split("id=\"related-similar\"").nth(1) else {
            continue;
        };
        let block = block.split("</section>").next().unwrap();
        assert!(block.contains("Dans le même esprit") || page.body.contains("Dans le même esprit"));
        assert!(
            !block.contains(&format!("/{id}-")),
            "never the article itself"
        );
        // Nothing already shown in another block.
        let before = page.body.split("id=\"related-similar\"").next().unwrap();
        for link in block.split("href=\"").skip(1) {
            let href = link.split('"').next().unwrap();
            if href.contains("/fr/") && !href.contains("/topic/") {
                assert!(
                    !before
                        .split("id=\"related-")
                        .skip(1)
                        .any(|b| b.contains(href)),
                    "{href} is in another block already"
                );
            }
        }
        checked += 1;
    }
    assert!(
        checked > 0,
        "a business article with a short block and similar articles"
    );
    // Without an index there is no such block, and the page still renders.
    let plain = web::router(portal(&f));
    let fr = f.store.translation(f.main, "fr").await.unwrap().unwrap();
    let page = get(&plain, &format!("/fr/the-gioi/{}-{}", f.main, fr.slug)).await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("id=\"related-similar\""));
}
