//! Readers' reports on comments: one per reader and one per page, hidden at
//! the threshold an editor sets, listed for the desk, kept by archives.

use store::{CommentStatus, NewArticle, NewComment, Store, StoreError, REPORTS_TO_HIDE};

async fn article(store: &Store) -> i64 {
    let original = article::Article {
        title: "Bài".into(),
        ..article::Article::default()
    };
    store
        .upsert_article(&NewArticle {
            source_id: None,
            url: "https://a.example/1",
            fetched_url: "https://a.example/1",
            content_hash: "h",
            simhash: 0,
            language: "vi",
            original: &original,
        })
        .await
        .unwrap()
        .id()
}

async fn comment(store: &Store, article: i64, lang: &str) -> i64 {
    store
        .add_comment(&NewComment {
            article_id: article,
            lang,
            parent_id: None,
            author_name: "Ana",
            email: None,
            body: "Un avis.",
            status: CommentStatus::Visible,
            ip_hash: "poster",
        })
        .await
        .unwrap()
}

async fn state(store: &Store, id: i64) -> (CommentStatus, i64) {
    let c = store.comment(id).await.unwrap();
    (c.status, c.reports)
}

async fn distinct_readers_hide_a_comment(store: Store) {
    let a = article(&store).await;
    let c = comment(&store, a, "fr").await;
    assert_eq!(store.report_threshold().await.unwrap(), REPORTS_TO_HIDE);
    assert!(store
        .report_comment(c, "r1", "t1", Some("insult"))
        .await
        .unwrap());
    // The same reader with another page, another reader with the same page.
    assert!(!store.report_comment(c, "r1", "t2", None).await.unwrap());
    assert!(!store.report_comment(c, "r2", "t1", None).await.unwrap());
    assert_eq!(state(&store, c).await, (CommentStatus::Visible, 1));
    assert!(store.report_comment(c, "r2", "t2", None).await.unwrap());
    assert!(store
        .report_comment(c, "r3", "t3", Some(&"x".repeat(5000)))
        .await
        .unwrap());
    assert_eq!(state(&store, c).await, (CommentStatus::Pending, 3));
    let listed = store.reports_on(&[c, 999]).await.unwrap();
    let readers: Vec<&str> = listed.iter().map(|r| r.1.as_str()).collect();
    assert_eq!(readers, ["r1", "r2", "r3"]);
    assert_eq!(listed[0].3.as_deref(), Some("insult"));
    assert_eq!(listed[2].3.as_ref().map(|r| r.chars().count()), Some(200));
    assert_eq!(store.reports_by_reader_since("r1", 0).await.unwrap(), 1);
    assert_eq!(
        store
            .reports_by_reader_since("r1", store::now_ms() + 1000)
            .await
            .unwrap(),
        0
    );
    assert!(matches!(
        store.report_comment(999, "r1", "t9", None).await,
        Err(StoreError::NotFound(_))
    ));

    // Approved: the same readers cannot hide it again; new ones can.
    store
        .moderate_comment(c, CommentStatus::Visible, "eve")
        .await
        .unwrap();
    for (r, t) in [("r1", "t7"), ("r2", "t8"), ("r3", "t9")] {
        assert!(!store.report_comment(c, r, t, None).await.unwrap());
    }
    assert_eq!(state(&store, c).await, (CommentStatus::Visible, 0));

    // The threshold: bounded, audited, applied to comments already reported.
    for bad in [0, -1, 1001] {
        assert!(matches!(
            store.set_report_threshold(bad, "eve").await,
            Err(StoreError::Conflict(_))
        ));
    }
    assert!(store.report_comment(c, "r4", "t4", None).await.unwrap());
    assert_eq!(state(&store, c).await, (CommentStatus::Visible, 1));
    store.set_report_threshold(1, "eve").await.unwrap();
    store.set_report_threshold(1, "eve").await.unwrap();
    assert_eq!(store.report_threshold().await.unwrap(), 1);
    assert_eq!(state(&store, c).await, (CommentStatus::Pending, 1));
    let log = store.audit_log(10, 0).await.unwrap();
    assert_eq!(log[0].action, "report_threshold");
    assert_eq!(log[0].detail.as_deref(), Some("1"));

    // Deleting a comment deletes its reports.
    store.delete_comment(c, "eve", "gone").await.unwrap();
    assert!(store.reports_on(&[c]).await.unwrap().is_empty());
}

on_both_backends!(
    reports_count_distinct_readers_and_pages,
    distinct_readers_hide_a_comment
);

async fn queues_by_language(store: Store) {
    let a = article(&store).await;
    let fr = comment(&store, a, "fr").await;
    let en = comment(&store, a, "en").await;
    let de = comment(&store, a, "de").await;
    for id in [fr, en, de] {
        store
            .report_comment(id, "r", &format!("t{id}"), None)
            .await
            .unwrap();
    }
    let ids = |list: Vec<store::Comment>| list.into_iter().map(|c| c.id).collect::<Vec<_>>();
    assert_eq!(ids(store.moderation_queue(10).await.unwrap()), [de, en, fr]);
    assert_eq!(
        ids(store.moderation_queue_in(10, &["fr".into()]).await.unwrap()),
        [fr]
    );
    assert_eq!(
        ids(store
            .recent_comments_in(10, &["fr".into(), "de".into()])
            .await
            .unwrap()),
        [de, fr]
    );
    assert!(store
        .recent_comments_in(10, &["ko".into()])
        .await
        .unwrap()
        .is_empty());
}

on_both_backends!(
    the_desk_lists_comments_in_the_editors_languages,
    queues_by_language
);

async fn archives_keep_reports_and_settings(store: Store) {
    let a = article(&store).await;
    let c = comment(&store, a, "fr").await;
    store
        .report_comment(c, "r1", "t1", Some("spam"))
        .await
        .unwrap();
    store.set_report_threshold(5, "eve").await.unwrap();
    let mut archive = Vec::new();
    let summary = store.export_archive(&mut archive).await.unwrap();
    assert_eq!(summary.rows["comment_reports"], 1);
    assert_eq!(summary.rows["desk_settings"], 1);
    let (copy, _dir) = store::testing::sqlite().await.unwrap();
    copy.import_archive(archive.as_slice()).await.unwrap();
    assert_eq!(copy.report_threshold().await.unwrap(), 5);
    assert_eq!(
        copy.reports_on(&[c]).await.unwrap(),
        store.reports_on(&[c]).await.unwrap()
    );
    // The imported report still counts: the same reader is not counted twice.
    assert!(!copy.report_comment(c, "r1", "t2", None).await.unwrap());
}

on_both_backends!(
    archives_keep_comment_reports_and_desk_settings,
    archives_keep_reports_and_settings
);
