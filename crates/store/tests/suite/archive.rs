//! Export and import: every table survives the trip between backends, byte for byte.

use std::io::Read;

use store::{Store, StoreError};

/// One row in every table, with the awkward values: NULLs, a float, Vietnamese
/// text, a binary body that is not UTF-8, a self-reference.
async fn fill(store: &Store) {
    let statements = [
        "INSERT INTO sources (name, kind, url, created_at) VALUES ('Báo Sông Hồng', 'feed', 'http://127.0.0.1/rss', 1)",
        "INSERT INTO sections (slug, position, names) VALUES ('thoi-su', 1, '{\"vi\":\"Thời sự\"}')",
        "INSERT INTO authors (name, slug) VALUES ('Nguyễn Văn A', 'nguyen-van-a')",
        "INSERT INTO topics (label, created_at) VALUES ('Lũ lụt', 2)",
        "INSERT INTO articles (source_id, url, fetched_url, content_hash, simhash, language, title, original, section_id, section_confidence, topic_id, status, published_at, created_at, updated_at) VALUES (1, 'http://127.0.0.1/a1', 'http://127.0.0.1/a1', 'h1', -42, 'vi', 'Mưa lớn ở Hà Nội', '{}', 1, 0.8125, 1, 'published', 3, 3, 3)",
        "INSERT INTO articles (source_id, url, fetched_url, content_hash, duplicate_of, language, title, original, status, created_at, updated_at) VALUES (1, 'http://127.0.0.1/a2', 'http://127.0.0.1/a2', 'h2', 1, 'vi', 'Bản sao', '{}', 'duplicate', 4, 4)",
        "INSERT INTO article_authors (article_id, author_id, role, position) VALUES (1, 1, 'Phóng viên', 0)",
        "INSERT INTO translations (article_id, lang, title, slug, content, status, created_at, updated_at) VALUES (1, 'fr', 'Fortes pluies à Hanoï', 'fortes-pluies', '[]', 'published', 5, 5)",
        "INSERT INTO tm_segments (source_lang, target_lang, source_key, near_key, source_text, target_text, origin, use_count, created_at, updated_at) VALUES ('vi', 'fr', 'mưa lớn', 'mua lon', 'Mưa lớn.', 'Fortes pluies.', 'human:editor', 3, 6, 6)",
        "INSERT INTO glossary_terms (source_lang, target_lang, term, translation, kind) VALUES ('vi', 'fr', 'Gia-đa', 'Djeddah', 'forced')",
        "INSERT INTO users (username, password_hash, role, created_at) VALUES ('editor', '$argon2id$x', 'editor', 7)",
        "INSERT INTO comments (article_id, lang, author_name, body, status, ip_hash, created_at) VALUES (1, 'fr', 'Marie', 'Merci !', 'visible', 'abc', 8)",
        "INSERT INTO comments (article_id, lang, parent_id, author_name, body, status, ip_hash, created_at) VALUES (1, 'fr', 1, 'Paul', 'Oui.', 'visible', 'def', 9)",
        "INSERT INTO jobs (kind, payload, dedupe_key, state, max_attempts, run_at, created_at, updated_at) VALUES ('translate', '{\"article_id\":1}', 'tr:1:de', 'queued', 5, 10, 10, 10)",
        "INSERT INTO change_log (article_id, change, at) VALUES (1, 'published', 11)",
        "INSERT INTO audit_log (actor, action, target, detail, at) VALUES ('editor', 'approve', 'translation:1', NULL, 12)",
    ];
    for sql in statements {
        sqlx::query(sql).execute(store.pool()).await.unwrap();
    }
    sqlx::query("INSERT INTO pages (url, source_id, status, content_type, body, fetched_at) VALUES ($1, 1, 200, 'text/html', $2, 13)")
        .bind("http://127.0.0.1/a1")
        .bind(vec![0xffu8, 0x00, 0xfe, b'<', b'p', b'>'])
        .execute(store.pool())
        .await
        .unwrap();
}

async fn export(store: &Store) -> Vec<u8> {
    let mut out = Vec::new();
    store.export_archive(&mut out).await.unwrap();
    out
}

/// The archive's lines after the manifest (which carries the time and backend).
fn body(archive: &[u8]) -> Vec<String> {
    let mut text = String::new();
    flate2::read::GzDecoder::new(archive)
        .read_to_string(&mut text)
        .unwrap();
    text.lines().skip(1).map(str::to_string).collect()
}

async fn targets() -> Vec<(Store, Option<tempfile::TempDir>)> {
    let (sqlite, dir) = store::testing::sqlite().await.unwrap();
    let mut targets = vec![(sqlite, Some(dir))];
    if let Some(pg) = store::testing::postgres().await {
        targets.push((pg, None));
    }
    targets
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn round_trip_between_backends_is_exact() {
    for (source, _guard) in targets().await {
        fill(&source).await;
        let archive = export(&source).await;
        for (target, _guard) in targets().await {
            let summary = target.import_archive(archive.as_slice()).await.unwrap();
            assert_eq!(summary.rows["articles"], 2);
            assert_eq!(summary.rows["pages"], 1);
            assert_eq!(summary.rows["comments"], 2);
            assert_eq!(body(&export(&target).await), body(&archive));
            // New rows get fresh ids after the imported ones (PostgreSQL sequences moved).
            let added = target
                .add_source(
                    "Second",
                    store::SourceKind::Feed,
                    "http://127.0.0.1/second.rss",
                    &serde_json::json!({}),
                )
                .await
                .unwrap();
            assert_eq!(
                added.id, 2,
                "a new row must get the id after the imported ones"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_refuses_a_database_with_data_and_keeps_it() {
    let (source, _d1) = store::testing::sqlite().await.unwrap();
    fill(&source).await;
    let archive = export(&source).await;
    let (target, _d2) = store::testing::sqlite().await.unwrap();
    target
        .add_source(
            "Kept",
            store::SourceKind::Feed,
            "http://127.0.0.1/kept.rss",
            &serde_json::json!({}),
        )
        .await
        .unwrap();
    let err = target.import_archive(archive.as_slice()).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    assert!(err.to_string().contains("not empty"), "{err}");
    let sources = target.sources().await.unwrap();
    assert_eq!(sources.len(), 1);
    assert_eq!(sources[0].name, "Kept");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn damaged_archives_are_refused_and_leave_nothing_behind() {
    let (source, _d1) = store::testing::sqlite().await.unwrap();
    fill(&source).await;
    let archive = export(&source).await;
    // Cut after the articles table: the rows read so far must not stay.
    let text = body(&archive);
    let cut_at = text
        .iter()
        .position(|l| l.contains("\"table\":\"translations\""))
        .unwrap();
    let mut manifest = String::new();
    flate2::read::GzDecoder::new(archive.as_slice())
        .read_to_string(&mut manifest)
        .unwrap();
    let manifest = manifest.lines().next().unwrap().to_string();
    let cut: Vec<String> = std::iter::once(manifest)
        .chain(text[..cut_at].iter().cloned())
        .collect();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut gz, (cut.join("\n") + "\n").as_bytes()).unwrap();
    let cut = gz.finish().unwrap();

    let (target, _d2) = store::testing::sqlite().await.unwrap();
    let err = target.import_archive(cut.as_slice()).await.unwrap_err();
    assert!(err.to_string().contains("ends early"), "{err}");
    assert!(
        target.sources().await.unwrap().is_empty(),
        "a failed import kept rows"
    );

    let err = target
        .import_archive(b"PRAGMA not an archive".as_slice())
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("not a gzip-compressed Newsbridge archive"),
        "{err}"
    );
    // After both failures the database still takes the whole archive.
    target.import_archive(archive.as_slice()).await.unwrap();
}
