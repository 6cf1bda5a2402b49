//! Mirrored images: references follow the article, a picture is stored once
//! by hash, retries wait, a takedown or a withdrawal frees only pictures no
//! live article shows, teasers carry the stored picture, archives keep both tables.

use store::{
    ImageOutcome, ImageRole, ImageState, NewArticle, NewImageRef, RenditionInfo, Store,
    StoredImage, Translation, TranslationStatus,
};

async fn article(store: &Store, n: u32, image: Option<&str>) -> i64 {
    let original = article::Article {
        title: format!("Bài {n}"),
        image: image.map(|src| article::Figure {
            src: src.to_string(),
            ..article::Figure::default()
        }),
        ..article::Article::default()
    };
    let url = format!("https://a.example/{n}");
    let id = store
        .upsert_article(&NewArticle {
            source_id: None,
            url: &url,
            fetched_url: &url,
            content_hash: &format!("h{n}"),
            simhash: i64::from(n),
            language: "vi",
            original: &original,
        })
        .await
        .unwrap()
        .id();
    store
        .classify_article(id, None, None, None, &[])
        .await
        .unwrap();
    store
        .save_translation(&Translation {
            article_id: id,
            lang: "en".into(),
            slug: format!("bai-{n}"),
            content: original,
            status: TranslationStatus::Published,
            engine: None,
            qa_flags: vec![],
            segments: serde_json::json!([]),
            source_revision: 1,
            reviewed_by: None,
            published_at: Some(i64::from(n) * 1000),
        })
        .await
        .unwrap();
    id
}

fn lead(url: &str) -> NewImageRef {
    NewImageRef {
        role: ImageRole::Lead,
        position: 0,
        url: url.into(),
        credit: Some("Ảnh: TTXVN".into()),
        alt: Some("Cầu Long Biên".into()),
        caption: Some("Cầu Long Biên lúc sáng sớm".into()),
    }
}

fn body(position: i64, url: &str) -> NewImageRef {
    NewImageRef {
        role: ImageRole::Body,
        position,
        url: url.into(),
        credit: None,
        alt: None,
        caption: None,
    }
}

fn picture(hash: &str) -> StoredImage {
    StoredImage {
        hash: hash.into(),
        format: "jpeg".into(),
        width: 2000,
        height: 1333,
        bytes: 600_000,
        stored_bytes: 90_000,
        renditions: vec![
            RenditionInfo {
                width: 480,
                height: 320,
                format: "webp".into(),
                bytes: 20_000,
            },
            RenditionInfo {
                width: 960,
                height: 640,
                format: "jpeg".into(),
                bytes: 70_000,
            },
        ],
        plan: "480,960/webp,jpeg".into(),
        stored_at: 1,
    }
}

async fn store_ref(store: &Store, id: i64, hash: &str) {
    if store.image(hash).await.unwrap().is_none() {
        store.put_image(&picture(hash)).await.unwrap();
    }
    store
        .record_image_outcome(
            id,
            &ImageOutcome::Stored {
                hash: hash.to_string(),
            },
        )
        .await
        .unwrap();
}

on_both_backends!(
    references_follow_the_article_and_keep_state_for_unchanged_urls,
    |store: Store| async move {
        let a = article(&store, 1, None).await;
        let refs = store
            .sync_article_images(
                a,
                &[
                    lead("https://p.vn/1.jpg"),
                    body(0, "https://p.vn/2.jpg"),
                    body(1, "https://p.vn/3.jpg"),
                ],
            )
            .await
            .unwrap();
        assert_eq!(refs.len(), 3);
        assert!(refs.iter().all(|r| r.state == ImageState::Pending));
        assert_eq!(refs[0].role, ImageRole::Lead);
        assert_eq!(refs[0].credit.as_deref(), Some("Ảnh: TTXVN"));
        assert_eq!(
            refs.iter().map(|r| r.position).collect::<Vec<_>>(),
            [0, 0, 1]
        );
        store_ref(&store, refs[0].id, "aa").await;
        store_ref(&store, refs[1].id, "bb").await;

        // An edit: the lead keeps its URL (and state), figure 0 changes, figure 1 goes.
        let mut new_lead = lead("https://p.vn/1.jpg");
        new_lead.caption = Some("Chú thích mới".into());
        let refs = store
            .sync_article_images(a, &[new_lead, body(0, "https://p.vn/9.jpg")])
            .await
            .unwrap();
        assert_eq!(refs.len(), 2);
        assert_eq!(refs[0].state, ImageState::Stored);
        assert_eq!(refs[0].hash.as_deref(), Some("aa"));
        assert_eq!(refs[0].caption.as_deref(), Some("Chú thích mới"));
        assert_eq!(refs[1].state, ImageState::Pending);
        assert_eq!(refs[1].hash, None, "a new URL starts again");
        assert_eq!(refs[1].attempts, 0);
        assert_eq!(refs[1].url, "https://p.vn/9.jpg");
    }
);

on_both_backends!(
    a_picture_is_stored_once_and_pages_see_only_stored_ones,
    |store: Store| async move {
        let a = article(&store, 1, Some("https://p.vn/same.jpg")).await;
        let b = article(&store, 2, Some("https://p.vn/other-url-same-bytes.jpg")).await;
        let c = article(&store, 3, Some("https://p.vn/missing.jpg")).await;
        let ra = store
            .sync_article_images(a, &[lead("https://p.vn/same.jpg")])
            .await
            .unwrap();
        let rb = store
            .sync_article_images(b, &[lead("https://p.vn/other-url-same-bytes.jpg")])
            .await
            .unwrap();
        let rc = store
            .sync_article_images(c, &[lead("https://p.vn/missing.jpg")])
            .await
            .unwrap();
        assert_eq!(
            store
                .stored_hash_for_url("https://p.vn/same.jpg")
                .await
                .unwrap(),
            None
        );
        store_ref(&store, ra[0].id, "cafe").await;
        store_ref(&store, rb[0].id, "cafe").await;
        assert_eq!(
            store
                .stored_hash_for_url("https://p.vn/same.jpg")
                .await
                .unwrap()
                .as_deref(),
            Some("cafe")
        );
        // A retry keeps the picture off the page and says when to try again.
        store
            .record_image_outcome(
                rc[0].id,
                &ImageOutcome::Retry {
                    error: "503 from the publisher".into(),
                    http_status: Some(503),
                    retry_at: 5_000,
                },
            )
            .await
            .unwrap();
        assert_eq!(store.next_image_attempt(c).await.unwrap(), Some(5_000));
        let r = store.image_ref(rc[0].id).await.unwrap();
        assert_eq!((r.state, r.attempts), (ImageState::Pending, 1));
        assert_eq!(r.http_status, Some(503));

        let counts = store.image_counts().await.unwrap();
        assert_eq!(counts.images, 1, "the same bytes are stored once");
        assert_eq!(counts.original_bytes, 600_000);
        assert_eq!(counts.references["stored"], 2);
        assert_eq!(counts.references["pending"], 1);
        assert_eq!(counts.references["refused"], 0);

        let shown = store.shown_images(a).await.unwrap();
        assert_eq!(shown["https://p.vn/same.jpg"].hash, "cafe");
        assert_eq!(shown["https://p.vn/same.jpg"].renditions.len(), 2);
        assert!(store.shown_images(c).await.unwrap().is_empty());

        let teasers = store.teasers_of("en", &[a, c]).await.unwrap();
        let image = teasers[0]
            .image
            .as_ref()
            .expect("a's teaser has its picture");
        assert_eq!(
            (image.hash.as_str(), image.width, image.height),
            ("cafe", 2000, 1333)
        );
        assert_eq!(image.renditions[1].format, "jpeg");
        assert_eq!(teasers[1].image, None, "c's picture is not stored");
        assert_eq!(
            teasers[1].image_url.as_deref(),
            Some("https://p.vn/missing.jpg"),
            "the publisher's URL stays for the record"
        );
    }
);

on_both_backends!(
    takedown_and_withdrawal_free_only_pictures_no_live_article_shows,
    |store: Store| async move {
        let a = article(&store, 1, None).await;
        let b = article(&store, 2, None).await;
        let ra = store
            .sync_article_images(
                a,
                &[
                    lead("https://p.vn/shared.jpg"),
                    body(0, "https://p.vn/own.jpg"),
                ],
            )
            .await
            .unwrap();
        let rb = store
            .sync_article_images(b, &[lead("https://p.vn/shared.jpg")])
            .await
            .unwrap();
        store_ref(&store, ra[0].id, "5a").await;
        store_ref(&store, ra[1].id, "0a").await;
        store_ref(&store, rb[0].id, "5a").await;
        assert_eq!(store.image_counts().await.unwrap().orphans, 0);

        store.take_down(a, "desk", "publisher asked").await.unwrap();
        let hashes = store
            .withdraw_article_images(a, "article taken down")
            .await
            .unwrap();
        assert_eq!(hashes, ["0a", "5a"]);
        let unused = store.unused_images(&hashes).await.unwrap();
        assert_eq!(unused, ["0a"], "b still shows 5a");
        assert!(store
            .article_images(a)
            .await
            .unwrap()
            .iter()
            .all(|r| r.state == ImageState::Withdrawn));
        assert!(store.shown_images(a).await.unwrap().is_empty());
        assert_eq!(store.image_counts().await.unwrap().orphans, 1);
        assert_eq!(store.orphan_images(10).await.unwrap()[0].hash, "0a");
        assert!(store.forget_image("0a").await.unwrap());
        assert!(store.image("0a").await.unwrap().is_none());
        assert_eq!(store.image_counts().await.unwrap().orphans, 0);

        // The publisher withdraws b's picture: 410 on recheck.
        assert_eq!(
            store
                .image_refs_to_recheck(i64::MAX, 10)
                .await
                .unwrap()
                .iter()
                .map(|r| r.id)
                .collect::<Vec<_>>(),
            [rb[0].id],
            "taken-down articles are not rechecked"
        );
        store
            .record_image_outcome(
                rb[0].id,
                &ImageOutcome::Withdrawn {
                    reason: "the publisher answered 410 Gone".into(),
                    http_status: Some(410),
                },
            )
            .await
            .unwrap();
        let r = store.image_ref(rb[0].id).await.unwrap();
        assert_eq!(r.state, ImageState::Withdrawn);
        assert_eq!(r.hash.as_deref(), Some("5a"), "kept, to find the files");
        assert_eq!(
            store.unused_images(&["5a".to_string()]).await.unwrap(),
            ["5a"]
        );
        assert!(store.teasers_of("en", &[b]).await.unwrap()[0]
            .image
            .is_none());
    }
);

on_both_backends!(
    a_rebuild_updates_renditions_and_keeps_the_original_facts,
    |store: Store| async move {
        store.put_image(&picture("ab")).await.unwrap();
        let mut rebuilt = picture("ab");
        rebuilt.width = 1; // facts about the original are not rewritten
        rebuilt.renditions.truncate(1);
        rebuilt.stored_bytes = 20_000;
        rebuilt.plan = "480/webp".into();
        store.put_image(&rebuilt).await.unwrap();
        let got = store.image("ab").await.unwrap().unwrap();
        assert_eq!(got.width, 2000);
        assert_eq!(got.renditions.len(), 1);
        assert_eq!(got.plan, "480/webp");
        assert_eq!(got.stored_bytes, 20_000);
        assert_eq!(store.images_after("", 10).await.unwrap().len(), 1);
        assert!(store.images_after("ab", 10).await.unwrap().is_empty());
    }
);

on_both_backends!(
    an_archive_keeps_images_and_their_references,
    |store: Store| async move {
        let a = article(&store, 1, None).await;
        let refs = store
            .sync_article_images(a, &[lead("https://p.vn/1.jpg")])
            .await
            .unwrap();
        store_ref(&store, refs[0].id, "ab").await;
        let mut archive = Vec::new();
        let summary = store.export_archive(&mut archive).await.unwrap();
        assert_eq!(summary.rows["images"], 1);
        assert_eq!(summary.rows["article_images"], 1);
        let (other, _dir) = store::testing::sqlite().await.unwrap();
        other.import_archive(archive.as_slice()).await.unwrap();
        let shown = other.shown_images(a).await.unwrap();
        assert_eq!(shown["https://p.vn/1.jpg"], picture("ab").shown());
        let r = &other.article_images(a).await.unwrap()[0];
        assert_eq!(r.credit.as_deref(), Some("Ảnh: TTXVN"));
    }
);

/// Many articles' pictures synced at once (as image jobs on 4 workers do):
/// each sync reads the article's slots, then writes. On SQLite a transaction
/// that read before it writes cannot wait for another writer; every sync
/// must still succeed, none may fail with "database is locked".
async fn concurrent_syncs_never_find_the_database_locked(store: Store) {
    let mut ids = Vec::new();
    for n in 0..24 {
        ids.push(article(&store, 500 + n, None).await);
    }
    let mut tasks = tokio::task::JoinSet::new();
    for (k, id) in ids.iter().copied().enumerate() {
        let store = store.clone();
        tasks.spawn(async move {
            for round in 0..4 {
                let url = format!("https://img.example/{k}-{round}.jpg");
                store.sync_article_images(id, &[lead(&url)]).await?;
            }
            Ok::<_, store::StoreError>(())
        });
    }
    while let Some(done) = tasks.join_next().await {
        done.unwrap().unwrap();
    }
    for id in ids {
        let refs = store.sync_article_images(id, &[]).await.unwrap();
        assert!(refs.is_empty());
    }
}
on_both_backends!(
    concurrent_syncs,
    concurrent_syncs_never_find_the_database_locked
);
