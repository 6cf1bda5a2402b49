//! The desk workspace: claims (one holder at a time, released by the holder
//! or an admin), reviews per language against the source revision, the
//! queue with claims and reviews, memory matches with scores, open articles
//! sharing a segment, and takedown reasons.

use store::{MemorySegment, NewArticle, Store, StoreError, Taken, Translation, TranslationStatus};

async fn article(store: &Store, url: &str) -> i64 {
    let original = article::Article {
        title: "Bài".into(),
        ..article::Article::default()
    };
    store
        .upsert_article(&NewArticle {
            source_id: None,
            url,
            fetched_url: url,
            content_hash: url,
            simhash: 0,
            language: "vi",
            original: &original,
        })
        .await
        .unwrap()
        .id()
}

async fn version(
    store: &Store,
    id: i64,
    lang: &str,
    status: TranslationStatus,
    segments: serde_json::Value,
) {
    store
        .save_translation(&Translation {
            article_id: id,
            lang: lang.into(),
            slug: "titre".into(),
            content: article::Article {
                title: format!("Titre {id}"),
                ..article::Article::default()
            },
            status,
            engine: Some("test".into()),
            qa_flags: vec!["number_missing".into()],
            segments,
            source_revision: 1,
            reviewed_by: Some("translation memory (human)".into()),
            published_at: None,
        })
        .await
        .unwrap();
}

async fn claims_have_one_holder(store: Store) {
    let a = article(&store, "https://a.example/1").await;
    version(
        &store,
        a,
        "fr",
        TranslationStatus::Held,
        serde_json::json!([]),
    )
    .await;
    let Taken::Yours(mine) = store.take_claim(a, "fr", "ada").await.unwrap() else {
        panic!("ada should hold it");
    };
    assert_eq!(mine.taken_by, "ada");
    // Taking it again is a no-op for the holder, refused for anyone else.
    assert!(matches!(
        store.take_claim(a, "fr", "ada").await.unwrap(),
        Taken::Yours(_)
    ));
    let Taken::Theirs(theirs) = store.take_claim(a, "fr", "bob").await.unwrap() else {
        panic!("bob must see that ada holds it");
    };
    assert_eq!(theirs.taken_by, "ada");
    // Bob cannot release Ada's claim; an admin (anyone = true) can.
    assert!(!store.release_claim(a, "fr", "bob", false).await.unwrap());
    assert_eq!(store.claim(a, "fr").await.unwrap().unwrap().taken_by, "ada");
    assert!(store.release_claim(a, "fr", "ada", false).await.unwrap());
    assert!(store.claim(a, "fr").await.unwrap().is_none());
    assert!(matches!(
        store.take_claim(a, "fr", "bob").await.unwrap(),
        Taken::Yours(_)
    ));
    assert!(store.release_claim(a, "fr", "root", true).await.unwrap());
    let history = store.claim_history(a, "fr").await.unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].released_by.as_deref(), Some("root"));
    // A version that does not exist cannot be taken.
    assert!(matches!(
        store.take_claim(a, "de", "ada").await,
        Err(StoreError::NotFound(_))
    ));
}
on_both_backends!(claims, claims_have_one_holder);

async fn two_editors_at_once_get_one_claim(store: Store) {
    let a = article(&store, "https://a.example/race").await;
    version(
        &store,
        a,
        "fr",
        TranslationStatus::Held,
        serde_json::json!([]),
    )
    .await;
    let mut tasks = Vec::new();
    for editor in ["e1", "e2", "e3", "e4"] {
        let s = store.clone();
        tasks.push(tokio::spawn(
            async move { s.take_claim(a, "fr", editor).await },
        ));
    }
    let mut holders = 0;
    for t in tasks {
        if let Ok(Taken::Yours(_)) = t.await.unwrap() {
            holders += 1;
        }
    }
    assert_eq!(holders, 1);
}
on_both_backends!(claim_race, two_editors_at_once_get_one_claim);

async fn reviews_are_per_language_and_revision(store: Store) {
    let a = article(&store, "https://a.example/2").await;
    version(
        &store,
        a,
        "fr",
        TranslationStatus::Published,
        serde_json::json!([]),
    )
    .await;
    version(
        &store,
        a,
        "en",
        TranslationStatus::Published,
        serde_json::json!([]),
    )
    .await;
    // The pipeline's reviewed_by ("translation memory (human)") is not a review.
    assert!(!store.is_reviewed(a, "fr").await.unwrap());
    let r = store.record_review(a, "fr", "ada").await.unwrap();
    assert_eq!((r.reviewed_by.as_str(), r.source_revision), ("ada", 1));
    assert!(store.is_reviewed(a, "fr").await.unwrap());
    assert!(!store.is_reviewed(a, "en").await.unwrap());
    assert_eq!(
        store.review_of(a, "fr").await.unwrap().unwrap().reviewed_by,
        "ada"
    );
    // A translation of a newer source revision makes the review stale.
    let mut v = store.translation(a, "fr").await.unwrap().unwrap();
    v.source_revision = 2;
    store.save_translation(&v).await.unwrap();
    assert!(!store.is_reviewed(a, "fr").await.unwrap());
    assert!(matches!(
        store.record_review(a, "de", "ada").await,
        Err(StoreError::NotFound(_))
    ));
    let audit = store.audit_log(10, 0).await.unwrap();
    assert!(audit
        .iter()
        .any(|e| e.action == "reviewed" && e.actor == "ada"));
}
on_both_backends!(reviews, reviews_are_per_language_and_revision);

async fn the_queue_shows_claims_and_reviews(store: Store) {
    let a = article(&store, "https://a.example/3").await;
    let b = article(&store, "https://a.example/4").await;
    version(
        &store,
        a,
        "fr",
        TranslationStatus::Held,
        serde_json::json!([]),
    )
    .await;
    version(
        &store,
        b,
        "fr",
        TranslationStatus::Held,
        serde_json::json!([]),
    )
    .await;
    store.take_claim(a, "fr", "ada").await.unwrap();
    store.record_review(b, "fr", "bob").await.unwrap();
    let q = store.workspace_queue().await.unwrap();
    let qa = q.iter().find(|i| i.article_id == a).unwrap();
    let qb = q.iter().find(|i| i.article_id == b).unwrap();
    assert_eq!(qa.claim.as_ref().unwrap().taken_by, "ada");
    assert!(qa.review.is_none());
    assert!(qb.claim.is_none());
    assert_eq!(qb.review.as_ref().unwrap().reviewed_by, "bob");
    assert_eq!(qa.qa_flags, ["number_missing"]);
    assert_eq!(qa.source_lang, "vi");
    store
        .take_down(b, "ada", "Demande de l'éditeur")
        .await
        .unwrap();
    let q = store.workspace_queue().await.unwrap();
    assert!(q.iter().all(|i| i.article_id != b));
}
on_both_backends!(queue, the_queue_shows_claims_and_reviews);

fn seg(source: &str, target: &str, origin: &str) -> MemorySegment {
    MemorySegment {
        source_lang: "vi".into(),
        target_lang: "fr".into(),
        source_key: source.to_lowercase(),
        near_key: source.to_lowercase(),
        source_text: source.into(),
        target_text: target.into(),
        origin: origin.into(),
        use_count: 0,
    }
}

async fn matches_are_scored_and_bounded(store: Store) {
    store
        .memory_record(&seg(
            "Nga tăng cường phòng thủ quanh Kursk",
            "La Russie renforce sa défense autour de Koursk",
            "human:ada",
        ))
        .await
        .unwrap();
    store
        .memory_record(&seg(
            "Nga tăng cường phòng thủ quanh Belgorod",
            "La Russie renforce sa défense autour de Belgorod",
            "engine:opus/vi-fr",
        ))
        .await
        .unwrap();
    store
        .memory_record(&seg(
            "Giá vàng tăng mạnh",
            "Le prix de l'or grimpe",
            "human:bob",
        ))
        .await
        .unwrap();
    let m = store
        .memory_matches("vi", "fr", "Nga tăng cường phòng thủ quanh Kursk", 5)
        .await
        .unwrap();
    assert_eq!(m.len(), 2, "{m:?}");
    assert_eq!(m[0].score, 100);
    assert_eq!(m[0].segment.origin, "human:ada");
    assert_eq!(m[1].score, 85);
    // No desk correction wrote them: no article to name.
    assert!(m.iter().all(|m| m.article_id.is_none()), "{m:?}");
    // Ada wrote the first at the desk in article `a` (bob's identical text
    // elsewhere does not count): the match names `a`.
    let a = article(&store, "https://a.example/7").await;
    let b = article(&store, "https://a.example/7b").await;
    for (article_id, editor) in [(a, "ada"), (b, "bob")] {
        store
            .record_correction(&store::Correction {
                article_id,
                lang: "fr".into(),
                source: "Nga tăng cường phòng thủ quanh Kursk".into(),
                before_text: "La Russie renforce la défense".into(),
                before_origin: "engine".into(),
                after_text: "La Russie renforce sa défense autour de Koursk".into(),
                editor: editor.into(),
                at: 0,
            })
            .await
            .unwrap();
    }
    let m = store
        .memory_matches("vi", "fr", "Nga tăng cường phòng thủ quanh Kursk", 5)
        .await
        .unwrap();
    assert_eq!(m[0].article_id, Some(a), "{m:?}");
    assert_eq!(m[1].article_id, None, "an engine's match names no article");
    // Wildcards in the asked text match nothing by themselves.
    assert!(store
        .memory_matches("vi", "fr", "%%%_ _ %", 5)
        .await
        .unwrap()
        .is_empty());
    assert!(store
        .memory_matches("vi", "fr", "", 5)
        .await
        .unwrap()
        .is_empty());
    // A hostile, huge segment is cut, not scanned whole.
    let huge = "phòng ".repeat(100_000);
    let got = store.memory_matches("vi", "fr", &huge, 5).await.unwrap();
    assert!(got.iter().all(|m| m.score < 100));
}
on_both_backends!(matches, matches_are_scored_and_bounded);

async fn open_articles_sharing_a_segment(store: Store) {
    let seg_json = |s: &str| serde_json::json!([{"unit": "title", "kind": "title", "source": s, "target": "x", "origin": {"type": "verbatim"}, "flags": []}]);
    let a = article(&store, "https://a.example/5").await;
    let b = article(&store, "https://a.example/6").await;
    let c = article(&store, "https://a.example/7").await;
    let shared = "Ảnh: \"TTXVN\" 100%_";
    version(&store, a, "fr", TranslationStatus::Held, seg_json(shared)).await;
    version(&store, b, "fr", TranslationStatus::Held, seg_json(shared)).await;
    version(
        &store,
        c,
        "fr",
        TranslationStatus::Held,
        seg_json("Ảnh: \"TTXVN\" 100%x"),
    )
    .await;
    let others = store
        .open_articles_with_segment("fr", shared, a, 10)
        .await
        .unwrap();
    assert_eq!(others.iter().map(|o| o.0).collect::<Vec<_>>(), [b]);
    assert!(store
        .open_articles_with_segment("en", shared, a, 10)
        .await
        .unwrap()
        .is_empty());
    assert!(store
        .open_articles_with_segment("fr", "", a, 10)
        .await
        .unwrap()
        .is_empty());
}
on_both_backends!(sharing, open_articles_sharing_a_segment);

async fn takedown_reasons_are_kept(store: Store) {
    let a = article(&store, "https://a.example/8").await;
    let b = article(&store, "https://a.example/9").await;
    assert_eq!(store.takedown_reason(a).await.unwrap(), None);
    store
        .take_down(a, "ada", "Court order of 3 December")
        .await
        .unwrap();
    store.take_down(b, "ada", "  ").await.unwrap();
    assert_eq!(
        store.takedown_reason(a).await.unwrap().as_deref(),
        Some("Court order of 3 December")
    );
    assert_eq!(store.takedown_reason(b).await.unwrap(), None);
}
on_both_backends!(takedowns, takedown_reasons_are_kept);

async fn corrections_keep_the_machine_output(store: Store) {
    let a = article(&store, "https://a.example/10").await;
    let c = store::Correction {
        article_id: a,
        lang: "fr".into(),
        source: "Có 1.115 người".into(),
        before_text: "Il y a 115 personnes".into(),
        before_origin: "engine:opus/vi-fr".into(),
        after_text: "Il y a 1 115 personnes".into(),
        editor: "ada".into(),
        at: 0,
    };
    store.record_correction(&c).await.unwrap();
    let got = store.corrections_of(a, "fr").await.unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].before_text, "Il y a 115 personnes");
    assert!(got[0].at > 0);
    assert!(store.corrections_of(a, "en").await.unwrap().is_empty());
}
on_both_backends!(corrections, corrections_keep_the_machine_output);
