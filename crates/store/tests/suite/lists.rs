//! Section and author lists: their kept sizes stay exact through every change
//! of a version's or an article's state, and an author's list is in order.

use std::collections::BTreeMap;

use article::Article;
use chrono::{FixedOffset, TimeZone};
use store::{
    CommentStatus, Credit, Listing, NewArticle, NewComment, Store, TeaserFilter, Translation,
    TranslationStatus,
};

const HOUR: i64 = 3_600_000;

fn original(k: i64, hours: i64) -> Article {
    let zone = FixedOffset::east_opt(7 * 3600).unwrap();
    Article {
        title: format!("Bài {k}"),
        published: zone.timestamp_millis_opt(hours * HOUR).single(),
        ..Article::default()
    }
}

/// Stores article `k` published at hour `hours`, returning its id.
async fn upsert(store: &Store, k: i64, hours: i64, hash: &str) -> i64 {
    let url = format!("https://example.vn/{k}");
    store
        .upsert_article(&NewArticle {
            source_id: None,
            url: &url,
            fetched_url: &url,
            content_hash: hash,
            simhash: k,
            language: "vi",
            original: &original(k, hours),
        })
        .await
        .unwrap()
        .id()
}

/// Saves a version as the translate stage does (status Translated), then
/// publishes it as the publish stage does.
async fn publish(store: &Store, id: i64, lang: &str) {
    store
        .save_translation(&Translation {
            article_id: id,
            lang: lang.into(),
            slug: format!("bai-{id}"),
            content: Article {
                title: format!("Bài {id} ({lang})"),
                ..Article::default()
            },
            status: TranslationStatus::Translated,
            engine: None,
            qa_flags: vec![],
            segments: serde_json::json!([]),
            source_revision: 1,
            reviewed_by: None,
            published_at: None,
        })
        .await
        .unwrap();
    store
        .set_translation_status(id, lang, TranslationStatus::Published)
        .await
        .unwrap();
}

struct World {
    a: i64,
    b: i64,
    x: i64,
    y: i64,
    ids: Vec<i64>,
}

impl World {
    /// The lists checked: sections A and B, authors X and Y.
    fn listings(&self) -> [(&'static str, Listing); 4] {
        [
            ("A", Listing::Section(self.a)),
            ("B", Listing::Section(self.b)),
            ("X", Listing::Author(self.x)),
            ("Y", Listing::Author(self.y)),
        ]
    }
}

/// Every kept size equals the live count and the length of the list itself,
/// a reconcile finds nothing to correct, and the sizes are `expected`:
/// (language, [A, B, X, Y]); the language's whole list is the same size as
/// its count and its listing too.
async fn check(store: &Store, w: &World, expected: &[(&str, [i64; 4])], when: &str) {
    for (lang, sizes) in expected {
        let whole = store
            .count_teasers(lang, Listing::Language.filter())
            .await
            .unwrap();
        let listed = store
            .teasers(lang, Listing::Language.filter(), 1000, 0)
            .await
            .unwrap();
        assert_eq!(
            (
                store.list_size(lang, Listing::Language).await.unwrap(),
                whole
            ),
            (listed.len() as i64, listed.len() as i64),
            "{when}: {lang} whole language (kept, counted)"
        );
        for ((name, listing), want) in w.listings().into_iter().zip(sizes) {
            let kept = store.list_size(lang, listing).await.unwrap();
            let counted = store.count_teasers(lang, listing.filter()).await.unwrap();
            let listed = store
                .teasers(lang, listing.filter(), 1000, 0)
                .await
                .unwrap()
                .len() as i64;
            assert_eq!(
                (kept, counted, listed),
                (*want, *want, *want),
                "{when}: {lang} {name} (kept, counted, listed)"
            );
        }
    }
    assert_eq!(
        store.reconcile_list_sizes().await.unwrap(),
        0,
        "{when}: reconcile corrected something"
    );
}

/// Articles 1–5 one hour apart, sections A (odd) and B (even), all by X,
/// 2 and 4 also by Y; published in vi, and in en for 1–4.
async fn fill(store: &Store) -> World {
    let names = BTreeMap::new();
    let a = store.upsert_section("a", 0, &names).await.unwrap();
    let b = store.upsert_section("b", 1, &names).await.unwrap();
    let mut ids = Vec::new();
    for k in 1..=5i64 {
        let id = upsert(store, k, k, &format!("h{k}")).await;
        let mut credits = vec![Credit::named("Nguyễn Văn X", None)];
        if k % 2 == 0 {
            credits.push(Credit::named("Trần Thị Y", None));
        }
        let section = if k % 2 == 1 { a } else { b };
        store
            .classify_article(id, Some(section), Some(0.9), None, &credits)
            .await
            .unwrap();
        publish(store, id, "vi").await;
        if k <= 4 {
            publish(store, id, "en").await;
        }
        ids.push(id);
    }
    let author =
        |slug: &'static str| async move { store.author_by_slug(slug).await.unwrap().unwrap().id };
    let (x, y) = (author("nguyen-van-x").await, author("tran-thi-y").await);
    World { a, b, x, y, ids }
}

async fn sizes_stay_exact(store: Store) {
    let w = fill(&store).await;
    let id = |k: usize| w.ids[k - 1];
    check(
        &store,
        &w,
        &[("vi", [3, 2, 5, 2]), ("en", [2, 2, 4, 2]), ("fr", [0; 4])],
        "published",
    )
    .await;

    // Neither a comment, an editor's edit of a published version, nor
    // publishing it again changes a list.
    store
        .add_comment(&NewComment {
            article_id: id(1),
            lang: "en",
            parent_id: None,
            author_name: "Marie",
            email: None,
            body: "Merci !",
            status: CommentStatus::Visible,
            ip_hash: "abc",
        })
        .await
        .unwrap();
    let mut edited = store.translation(id(1), "en").await.unwrap().unwrap();
    edited.content.title = "Edited".into();
    edited.reviewed_by = Some("editor".into());
    store.save_translation(&edited).await.unwrap();
    store
        .set_translation_status(id(1), "en", TranslationStatus::Published)
        .await
        .unwrap();
    check(
        &store,
        &w,
        &[("vi", [3, 2, 5, 2]), ("en", [2, 2, 4, 2])],
        "comment and edit",
    )
    .await;

    // Taking down 2 (B, X and Y) removes it from every list in every language.
    store.take_down(id(2), "editor", "asked").await.unwrap();
    check(
        &store,
        &w,
        &[("vi", [3, 1, 4, 1]), ("en", [2, 1, 3, 1])],
        "take-down",
    )
    .await;

    // An editor files 3 under B.
    store.set_article_section(id(3), w.b).await.unwrap();
    check(
        &store,
        &w,
        &[("vi", [2, 2, 4, 1]), ("en", [1, 2, 3, 1])],
        "section changed by an editor",
    )
    .await;

    // Re-classified: 5 goes to B with a second author, Y.
    store
        .classify_article(
            id(5),
            Some(w.b),
            Some(0.7),
            None,
            &[
                Credit::named("Nguyễn Văn X", None),
                Credit::named("Trần Thị Y", None),
            ],
        )
        .await
        .unwrap();
    check(
        &store,
        &w,
        &[("vi", [1, 3, 4, 2]), ("en", [1, 2, 3, 1])],
        "re-classified with a second author",
    )
    .await;

    // An editor withdraws the en version of 1; the translate stage re-saves 4's.
    store
        .set_translation_status(id(1), "en", TranslationStatus::Unpublished)
        .await
        .unwrap();
    let mut again = store.translation(id(4), "en").await.unwrap().unwrap();
    again.status = TranslationStatus::Translated;
    store.save_translation(&again).await.unwrap();
    check(
        &store,
        &w,
        &[("vi", [1, 3, 4, 2]), ("en", [0, 1, 1, 0])],
        "withdrawn and re-translated",
    )
    .await;
    store
        .set_translation_status(id(4), "en", TranslationStatus::Published)
        .await
        .unwrap();

    // An upstream edit takes 4 out of its lists until it is classified again.
    upsert(&store, 4, 4, "h4-edited").await;
    check(
        &store,
        &w,
        &[("vi", [1, 2, 3, 1]), ("en", [0, 1, 1, 0])],
        "edited upstream",
    )
    .await;
    store
        .classify_article(
            id(4),
            Some(w.a),
            Some(0.9),
            None,
            &[Credit::named("Trần Thị Y", None)],
        )
        .await
        .unwrap();
    check(
        &store,
        &w,
        &[("vi", [2, 2, 3, 2]), ("en", [1, 1, 1, 1])],
        "classified again, another section and byline",
    )
    .await;

    // A copy found late leaves its lists.
    store.mark_duplicate(id(5), id(1)).await.unwrap();
    check(
        &store,
        &w,
        &[("vi", [2, 1, 2, 1]), ("en", [1, 1, 1, 1])],
        "duplicate",
    )
    .await;

    // A size gone wrong (by hand here) is found and corrected by the reconcile.
    sqlx::query("UPDATE list_sizes SET size = size + 7 WHERE list IN ('section', 'language')")
        .execute(store.pool())
        .await
        .unwrap();
    sqlx::query("DELETE FROM list_sizes WHERE list = 'author' AND lang = 'vi'")
        .execute(store.pool())
        .await
        .unwrap();
    assert_eq!(store.reconcile_list_sizes().await.unwrap(), 8);
    check(
        &store,
        &w,
        &[("vi", [2, 1, 2, 1]), ("en", [1, 1, 1, 1])],
        "reconciled",
    )
    .await;

    // An archive carries no sizes; the import counts them.
    let mut archive = Vec::new();
    store.export_archive(&mut archive).await.unwrap();
    let (copy, _dir) = store::testing::sqlite().await.unwrap();
    copy.import_archive(archive.as_slice()).await.unwrap();
    check(
        &copy,
        &w,
        &[("vi", [2, 1, 2, 1]), ("en", [1, 1, 1, 1])],
        "imported",
    )
    .await;
    store.close().await;
}

on_both_backends!(sizes_stay_exact, sizes_stay_exact);

/// The ids an author's page shows in `lang`, read in pages of `per`.
async fn author_pages(store: &Store, lang: &str, author: i64, per: i64) -> Vec<Vec<i64>> {
    let filter = TeaserFilter {
        author_id: Some(author),
        ..TeaserFilter::default()
    };
    let mut pages = Vec::new();
    for offset in (0..).step_by(per as usize) {
        let page: Vec<i64> = store
            .teasers(lang, filter, per, offset)
            .await
            .unwrap()
            .iter()
            .map(|t| t.article_id)
            .collect();
        if page.is_empty() {
            break;
        }
        pages.push(page);
    }
    pages
}

async fn author_pages_in_order(store: Store) {
    let names = BTreeMap::new();
    let section = store.upsert_section("a", 0, &names).await.unwrap();
    // 12 articles; Z wrote every one but 6; hours out of id order, 8 and 9 at
    // the same hour (the later id first); 11 taken down; 12 not in en.
    let hours = [5, 1, 9, 3, 7, 2, 10, 6, 6, 4, 8, 11];
    let mut ids = Vec::new();
    for (k, h) in (1..).zip(hours) {
        let id = upsert(&store, k, h, &format!("h{k}")).await;
        let credits = if k == 6 {
            vec![Credit::named("Lê Văn W", None)]
        } else {
            vec![
                Credit::named("Lê Văn W", None),
                Credit::named("Phạm Thị Z", None),
            ]
        };
        store
            .classify_article(id, Some(section), None, None, &credits)
            .await
            .unwrap();
        publish(&store, id, "vi").await;
        if k != 12 {
            publish(&store, id, "en").await;
        }
        ids.push(id);
    }
    store.take_down(ids[10], "editor", "asked").await.unwrap();
    let z = store
        .author_by_slug("pham-thi-z")
        .await
        .unwrap()
        .unwrap()
        .id;
    let k = |ks: &[usize]| ks.iter().map(|k| ids[k - 1]).collect::<Vec<i64>>();
    // Newest first: hours 10 (7), 9 (3), 7 (5), 6 (9, then 8), 5 (1), 4 (10), 3 (4), 1 (2).
    assert_eq!(
        author_pages(&store, "en", z, 3).await,
        vec![k(&[7, 3, 5]), k(&[9, 8, 1]), k(&[10, 4, 2])]
    );
    assert_eq!(
        author_pages(&store, "vi", z, 4).await,
        vec![k(&[12, 7, 3, 5]), k(&[9, 8, 1, 10]), k(&[4, 2])]
    );
    assert_eq!(store.list_size("en", Listing::Author(z)).await.unwrap(), 9);

    // The same author's other articles, never the one being read.
    let others: Vec<i64> = store
        .teasers(
            "en",
            TeaserFilter {
                author_id: Some(z),
                exclude_article: Some(ids[2]),
                ..TeaserFilter::default()
            },
            4,
            0,
        )
        .await
        .unwrap()
        .iter()
        .map(|t| t.article_id)
        .collect();
    assert_eq!(others, k(&[7, 5, 9, 8]));

    // An upstream edit moves 2's publication time to hour 12: once
    // classified again it leads the author's page.
    upsert(&store, 2, 12, "h2-edited").await;
    assert_eq!(
        author_pages(&store, "en", z, 3).await,
        vec![k(&[7, 3, 5]), k(&[9, 8, 1]), k(&[10, 4])]
    );
    store
        .classify_article(
            ids[1],
            Some(section),
            None,
            None,
            &[Credit::named("Phạm Thị Z", None)],
        )
        .await
        .unwrap();
    assert_eq!(
        author_pages(&store, "en", z, 3).await,
        vec![k(&[2, 7, 3]), k(&[5, 9, 8]), k(&[1, 10, 4])]
    );
    store.close().await;
}

on_both_backends!(author_pages_in_order, author_pages_in_order);

/// Writers changing articles of the same lists at once (publish, withdraw)
/// leave the sizes exact, and do not deadlock on PostgreSQL.
async fn concurrent_changes(store: Store) {
    let w = fill(&store).await;
    let mut tasks = tokio::task::JoinSet::new();
    for (n, id) in w.ids.iter().copied().enumerate() {
        let store = store.clone();
        tasks.spawn(async move {
            for round in 0..6 {
                let status = if (round + n) % 2 == 0 {
                    TranslationStatus::Unpublished
                } else {
                    TranslationStatus::Published
                };
                store
                    .set_translation_status(id, "vi", status)
                    .await
                    .unwrap();
                store
                    .classify_article(
                        id,
                        Some(if round % 2 == 0 { w.a } else { w.b }),
                        Some(0.9),
                        None,
                        &[
                            Credit::named("Trần Thị Y", None),
                            Credit::named("Nguyễn Văn X", None),
                        ],
                    )
                    .await
                    .unwrap();
            }
        });
    }
    while let Some(done) = tasks.join_next().await {
        done.unwrap();
    }
    // Odd n ended unpublished in vi (round 5: (5 + n) even), every article in B.
    let vi = w.ids.len() as i64 / 2 + 1;
    check(
        &store,
        &w,
        &[("vi", [0, vi, vi, vi]), ("en", [0, 4, 4, 4])],
        "after concurrent changes",
    )
    .await;
    store.close().await;
}

on_both_backends!(concurrent_changes, concurrent_changes);
