//! Following the store's change log against a real SQLite (and, when configured, PostgreSQL) store.

use article::{Article, Block, RichText};
use search::{follow_changes, SearchIndex, SearchQuery};
use store::{NewArticle, Store, Translation, TranslationStatus};

fn article(title: &str, lead: &str, body: &str) -> Article {
    Article {
        url: "https://news.example.vn/bao-yagi".into(),
        title: title.into(),
        lead: Some(RichText::plain(lead)),
        blocks: vec![Block::Paragraph { text: body.into() }],
        language: Some("vi".into()),
        ..Default::default()
    }
}

fn translation(article_id: i64, lang: &str, content: Article) -> Translation {
    Translation {
        article_id,
        lang: lang.into(),
        slug: "typhon-yagi".into(),
        content,
        status: TranslationStatus::Translated,
        engine: Some("test".into()),
        qa_flags: vec![],
        segments: serde_json::Value::Null,
        source_revision: 1,
        reviewed_by: None,
        published_at: None,
    }
}

fn hits(index: &SearchIndex, lang: &str, text: &str) -> Vec<i64> {
    index
        .search(&SearchQuery {
            lang: lang.into(),
            text: text.into(),
            limit: 10,
            ..Default::default()
        })
        .unwrap()
        .hits
        .iter()
        .map(|h| h.article_id)
        .collect()
}

async fn publishing_and_takedown_reach_the_index(store: Store) {
    let original = article(
        "Bão Yagi đổ bộ Quảng Ninh",
        "Bão số 3 đổ bộ chiều 7/9.",
        "Hà Nội mưa lớn, nhiều tuyến phố ngập.",
    );
    let id = store
        .upsert_article(&NewArticle {
            source_id: None,
            url: "https://news.example.vn/bao-yagi",
            fetched_url: "https://news.example.vn/bao-yagi",
            content_hash: "h1",
            simhash: 0,
            language: "vi",
            original: &original,
        })
        .await
        .unwrap()
        .id();
    let section = store
        .upsert_section("thoi-su", 1, &Default::default())
        .await
        .unwrap();
    store
        .classify_article(id, Some(section), Some(1.0), None, &[])
        .await
        .unwrap();
    let french = article(
        "Le typhon Yagi touche terre à Quang Ninh",
        "Le typhon a touché terre samedi.",
        "Fortes pluies à Hanoï, de nombreuses rues inondées.",
    );
    store
        .save_translation(&translation(id, "vi", original.clone()))
        .await
        .unwrap();
    store
        .save_translation(&translation(id, "fr", french))
        .await
        .unwrap();

    let index = SearchIndex::in_memory().unwrap();
    let mut cursor = 0;
    let applied = follow_changes(&index, &store, &mut cursor).await.unwrap();
    assert!(applied >= 1);
    assert!(cursor > 0);
    // Translated but not published: not searchable.
    assert!(hits(&index, "fr", "typhon").is_empty());

    store
        .set_translation_status(id, "fr", TranslationStatus::Published)
        .await
        .unwrap();
    store
        .set_translation_status(id, "vi", TranslationStatus::Published)
        .await
        .unwrap();
    let before = cursor;
    assert_eq!(
        follow_changes(&index, &store, &mut cursor).await.unwrap(),
        2
    );
    assert!(cursor > before);
    assert_eq!(hits(&index, "fr", "typhon"), [id]);
    assert_eq!(hits(&index, "fr", "inondée"), [id]);
    assert_eq!(hits(&index, "vi", "ha noi"), [id]);
    let hit = index
        .search(&SearchQuery {
            lang: "fr".into(),
            text: "typhon".into(),
            limit: 1,
            ..Default::default()
        })
        .unwrap()
        .hits
        .remove(0);
    assert_eq!(hit.section_id, Some(section));
    assert!(hit.published_at.is_some());
    // Nothing new: nothing applied, cursor unchanged.
    assert_eq!(
        follow_changes(&index, &store, &mut cursor).await.unwrap(),
        0
    );

    // An editor withdraws the French version; the Vietnamese one stays.
    store
        .set_translation_status(id, "fr", TranslationStatus::Unpublished)
        .await
        .unwrap();
    follow_changes(&index, &store, &mut cursor).await.unwrap();
    assert!(hits(&index, "fr", "typhon").is_empty());
    assert_eq!(hits(&index, "vi", "bão"), [id]);

    // The publisher asks for a takedown: gone in every language.
    store
        .set_translation_status(id, "fr", TranslationStatus::Published)
        .await
        .unwrap();
    follow_changes(&index, &store, &mut cursor).await.unwrap();
    assert_eq!(hits(&index, "fr", "typhon"), [id]);
    store
        .take_down(id, "editor", "publisher request")
        .await
        .unwrap();
    follow_changes(&index, &store, &mut cursor).await.unwrap();
    assert!(hits(&index, "fr", "typhon").is_empty());
    assert!(hits(&index, "vi", "bão").is_empty());
    assert_eq!(index.num_docs(), 0);

    // The cursor was saved with the index: a restarted node resumes from it.
    assert_eq!(index.change_cursor().unwrap(), cursor);
    // A node starting from scratch reaches the same state.
    let fresh = SearchIndex::in_memory().unwrap();
    let mut from_zero = 0;
    follow_changes(&fresh, &store, &mut from_zero)
        .await
        .unwrap();
    assert_eq!(from_zero, cursor);
    assert_eq!(fresh.num_docs(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn follow_changes_on_sqlite() {
    let (store, _dir) = store::testing::sqlite().await.unwrap();
    publishing_and_takedown_reach_the_index(store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn follow_changes_on_postgres() {
    if let Some(store) = store::testing::postgres().await {
        publishing_and_takedown_reach_the_index(store).await;
    }
}
