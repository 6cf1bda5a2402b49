//! What editors and readers add around articles: author entities per
//! publisher, read counts, originals gone upstream, sections to confirm.

use store::{Credit, NewArticle, Store, Translation, TranslationStatus, HOUR_MS};

async fn article(store: &Store, url: &str, source: Option<i64>, credits: &[Credit]) -> i64 {
    let original = article::Article {
        url: url.into(),
        title: format!("Bài {url}"),
        ..Default::default()
    };
    let id = store
        .upsert_article(&NewArticle {
            source_id: source,
            url,
            fetched_url: url,
            content_hash: url,
            simhash: 0,
            language: "vi",
            original: &original,
        })
        .await
        .unwrap()
        .id();
    store
        .classify_article(id, None, Some(0.3), None, credits)
        .await
        .unwrap();
    let mut content = original.clone();
    content.title = format!("Article {url}");
    store
        .save_translation(&Translation {
            article_id: id,
            lang: "en".into(),
            slug: store::slugify(&content.title),
            content,
            status: TranslationStatus::Published,
            engine: None,
            qa_flags: vec![],
            segments: serde_json::json!([]),
            source_revision: 1,
            reviewed_by: None,
            published_at: Some(store::now_ms()),
        })
        .await
        .unwrap();
    id
}

async fn source(store: &Store, url: &str) -> i64 {
    store
        .add_source(url, store::SourceKind::Feed, url, &serde_json::json!({}))
        .await
        .unwrap()
        .id
}

fn person(name: &str, key: &str, publisher: Option<i64>) -> Credit {
    Credit {
        name: name.into(),
        key: key.into(),
        role: None,
        publisher,
    }
}

on_both_backends!(
    namesakes_at_two_publishers_are_two_authors_and_an_agency_is_one,
    |store: Store| async move {
        let (a, b) = (
            source(&store, "http://a.test/rss").await,
            source(&store, "http://b.test/rss").await,
        );
        let an_a = person("Nguyễn Văn An", "nguyen-van-an", Some(a));
        let an_b = person("Nguyễn Văn An", "nguyen-van-an", Some(b));
        let agency = person("TTXVN", "ttxvn", None);
        let first = article(
            &store,
            "http://a.test/1",
            Some(a),
            &[an_a.clone(), agency.clone()],
        )
        .await;
        let again = article(
            &store,
            "http://a.test/2",
            Some(a),
            std::slice::from_ref(&an_a),
        )
        .await;
        let other = article(&store, "http://b.test/1", Some(b), &[an_b, agency.clone()]).await;
        let by = |id| {
            let store = store.clone();
            async move { store.article_authors(id).await.unwrap() }
        };
        let (first, again, other) = (by(first).await, by(again).await, by(other).await);
        assert_eq!(first[0].id, again[0].id, "one person at one publisher");
        assert_ne!(
            first[0].id, other[0].id,
            "the namesake at another paper is another person"
        );
        assert_eq!(first[0].slug, "nguyen-van-an");
        assert_eq!(other[0].slug, "nguyen-van-an-2");
        assert_eq!(
            first[1].id, other[1].id,
            "an agency is one entity everywhere"
        );
        assert_eq!(first[1].slug, "ttxvn");
        // Classifying again (an upstream edit) finds the same entities.
        let id = store
            .article_by_url("http://a.test/1")
            .await
            .unwrap()
            .unwrap()
            .id;
        store
            .classify_article(id, None, Some(0.3), None, &[an_a, agency])
            .await
            .unwrap();
        assert_eq!(by(id).await, first);
    }
);

on_both_backends!(
    read_counts_rank_the_most_read_and_age_out,
    |store: Store| async move {
        let a = article(&store, "http://a.test/1", None, &[]).await;
        let b = article(&store, "http://a.test/2", None, &[]).await;
        let hour = store::now_ms() / HOUR_MS;
        store
            .add_views(&[
                (a, "en".into(), hour, 3),
                (b, "en".into(), hour, 2),
                (b, "en".into(), hour - 1, 4),
                (a, "fr".into(), hour, 50),
                (b, "en".into(), hour - 30, 100),
                (987_654, "en".into(), hour, 9),
            ])
            .await
            .unwrap();
        store.add_views(&[(a, "en".into(), hour, 1)]).await.unwrap();
        let top = store.most_read("en", hour - 24, 10).await.unwrap();
        let ranked: Vec<(i64, i64)> = top.iter().map(|(t, n)| (t.article_id, *n)).collect();
        assert_eq!(
            ranked,
            [(b, 6), (a, 4)],
            "last 24 h, this language, unknown ids ignored"
        );
        assert_eq!(store.prune_views(hour - 24).await.unwrap(), 1);
    }
);

on_both_backends!(
    low_confidence_sections_wait_for_an_editor,
    |store: Store| async move {
        let a = article(&store, "http://a.test/1", None, &[]).await;
        let section = store
            .upsert_section("the-gioi", 0, &Default::default())
            .await
            .unwrap();
        let waiting = store.sections_to_confirm(0.5, 10).await.unwrap();
        assert_eq!(waiting.len(), 1);
        assert_eq!(waiting[0].0, a);
        store.set_article_section(a, section).await.unwrap();
        assert!(store.sections_to_confirm(0.5, 10).await.unwrap().is_empty());
        let record = store.article(a).await.unwrap();
        assert_eq!(record.section_id, Some(section));
        assert_eq!(record.section_confidence, Some(1.0));
        assert!(store.set_article_section(424_242, section).await.is_err());
    }
);

on_both_backends!(
    originals_gone_upstream_are_flagged_once_and_cleared,
    |store: Store| async move {
        let s = source(&store, "http://a.test/rss").await;
        let a = article(&store, "http://a.test/1", Some(s), &[]).await;
        assert_eq!(
            store
                .mark_upstream_gone("http://a.test/404", 404)
                .await
                .unwrap(),
            None
        );
        assert_eq!(
            store
                .mark_upstream_gone("http://a.test/1", 410)
                .await
                .unwrap(),
            Some(a)
        );
        let since = store.article(a).await.unwrap().upstream_gone.unwrap().since;
        assert_eq!(
            store
                .mark_upstream_gone("http://a.test/1", 404)
                .await
                .unwrap(),
            Some(a)
        );
        let gone = store.article(a).await.unwrap().upstream_gone.unwrap();
        assert_eq!(
            (gone.status, gone.since),
            (404, since),
            "first sighting kept"
        );
        assert_eq!(store.articles_gone_upstream(10).await.unwrap().len(), 1);
        assert_eq!(store.source_activity().await.unwrap()[&s].gone_upstream, 1);
        assert!(
            store
                .articles_to_recheck(0, store::now_ms() + 1, 10)
                .await
                .unwrap()
                .is_empty(),
            "a flagged original is not fetched again"
        );
        assert!(store.clear_upstream_gone("http://a.test/1").await.unwrap());
        assert_eq!(
            store
                .articles_to_recheck(0, store::now_ms() + 1, 10)
                .await
                .unwrap(),
            [("http://a.test/1".to_string(), s)]
        );
    }
);

#[tokio::test]
async fn a_read_only_database_is_named_as_such() {
    let (store, _dir) = store::testing::sqlite().await.unwrap();
    let mut conn = store.pool().acquire().await.unwrap();
    sqlx::query("PRAGMA query_only = 1")
        .execute(&mut *conn)
        .await
        .unwrap();
    let err = sqlx::query("INSERT INTO topics (label, created_at) VALUES ('x', 1)")
        .execute(&mut *conn)
        .await
        .unwrap_err();
    let err = store::StoreError::from(err);
    assert!(matches!(err, store::StoreError::ReadOnly(_)), "{err:?}");
    assert!(err.to_string().contains("cannot be written"), "{err}");
    sqlx::query("PRAGMA query_only = 0")
        .execute(&mut *conn)
        .await
        .unwrap();
}
