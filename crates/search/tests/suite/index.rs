//! The search index on real documents in Vietnamese, French, English and Japanese
//! (`testdata/search_docs.json`).

use search::{IndexDoc, SearchError, SearchIndex, SearchQuery, SearchResults};

fn fixture() -> Vec<IndexDoc> {
    let json = include_str!("../../testdata/search_docs.json");
    serde_json::from_str(json).unwrap()
}

fn indexed() -> SearchIndex {
    let index = SearchIndex::in_memory().unwrap();
    for doc in fixture() {
        index.upsert(&doc).unwrap();
    }
    index.commit().unwrap();
    index
}

fn query(lang: &str, text: &str) -> SearchQuery {
    SearchQuery {
        lang: lang.into(),
        text: text.into(),
        limit: 10,
        ..Default::default()
    }
}

fn ids(results: &SearchResults) -> Vec<i64> {
    results.hits.iter().map(|h| h.article_id).collect()
}

#[test]
fn vietnamese_finds_with_and_without_diacritics() {
    let index = indexed();
    let exact = index.search(&query("vi", "Hà Nội")).unwrap();
    let folded = index.search(&query("vi", "ha noi")).unwrap();
    assert_eq!(exact.total, 2, "{exact:#?}");
    assert_eq!(folded.total, 2, "{folded:#?}");
    let mut a = ids(&exact);
    let mut b = ids(&folded);
    a.sort();
    b.sort();
    assert_eq!(a, [1, 2]);
    assert_eq!(a, b);
    // The snippet highlights the original spelling, even for a folded query.
    let hit = folded.hits.iter().find(|h| h.article_id == 1).unwrap();
    assert!(
        hit.snippet_html
            .contains("<mark>Hà</mark> <mark>Nội</mark>"),
        "{}",
        hit.snippet_html
    );
    assert_eq!(hit.lang, "vi");
    assert_eq!(hit.section_id, Some(1));
    assert_eq!(hit.published_at, Some(1725667200000));

    // Every word must match: "bão Yagi" is the storm article alone.
    let storm = index.search(&query("vi", "bão yagi")).unwrap();
    assert_eq!(ids(&storm), [1]);
    // Syllables are words: "hạ nhiệt" (cool down) is found, and only where it is written.
    let cool = index.search(&query("vi", "hạ nhiệt")).unwrap();
    assert_eq!(ids(&cool), [3]);
    let cool_folded = index.search(&query("vi", "ha nhiet")).unwrap();
    assert_eq!(ids(&cool_folded), [3]);
    // "Đà Nẵng" typed as "da nang".
    assert_eq!(ids(&index.search(&query("vi", "da nang")).unwrap()), [4]);
}

#[test]
fn exact_diacritics_rank_above_folded_matches() {
    let index = SearchIndex::in_memory().unwrap();
    for (id, title) in [(1, "Hạ tầng giao thông"), (2, "Hà Nội mở rộng hạ tầng")] {
        index
            .upsert(&IndexDoc {
                article_id: id,
                lang: "vi".into(),
                title: title.into(),
                ..Default::default()
            })
            .unwrap();
    }
    index.commit().unwrap();
    // Both contain a syllable folding to "ha"; only article 2 has "Hà".
    let results = index.search(&query("vi", "Hà")).unwrap();
    assert_eq!(ids(&results), [2, 1]);
    assert!(results.hits[0].score > results.hits[1].score);
}

#[test]
fn french_stems_and_folds_accents() {
    let index = indexed();
    for text in ["élection", "élections", "elections", "ELECTION"] {
        let results = index.search(&query("fr", text)).unwrap();
        assert_eq!(ids(&results), [10], "{text}");
    }
    // The snippet is escaped HTML: markup in the text is shown, never interpreted.
    let results = index.search(&query("fr", "électeurs")).unwrap();
    let snippet = &results.hits[0].snippet_html;
    assert!(snippet.contains("&lt;b&gt;indécis&lt;/b&gt;"), "{snippet}");
    assert!(snippet.contains("&amp;"), "{snippet}");
    assert!(snippet.contains("<mark>électeurs</mark>"), "{snippet}");
    assert!(!snippet.contains("<b>"), "{snippet}");
    // "Hanoï" with its diaeresis is found as "hanoi".
    assert_eq!(ids(&index.search(&query("fr", "hanoi")).unwrap()), [1]);
}

#[test]
fn english_stems_and_boosts_titles() {
    let index = indexed();
    // Article 1 has "Yagi" in its title, article 20 only once in its body.
    let results = index.search(&query("en", "yagi")).unwrap();
    assert_eq!(ids(&results), [1, 20]);
    // "storms" finds "storm" (article 1) and "storms" (article 20).
    let storms = index.search(&query("en", "storms")).unwrap();
    assert_eq!(storms.total, 2);
    // Languages are separate: the Vietnamese and French versions are not English results.
    assert!(results.hits.iter().all(|h| h.lang == "en"));
}

#[test]
fn japanese_matches_by_bigrams() {
    let index = indexed();
    assert_eq!(ids(&index.search(&query("ja", "台風")).unwrap()), [1]);
    assert_eq!(ids(&index.search(&query("ja", "上陸")).unwrap()), [1]);
    // A phrase of several bigrams must appear as written.
    assert_eq!(ids(&index.search(&query("ja", "屋台料理")).unwrap()), [30]);
    assert_eq!(
        ids(&index.search(&query("ja", "料理屋台")).unwrap()),
        Vec::<i64>::new()
    );
    let hanoi = index.search(&query("ja", "ハノイ")).unwrap();
    assert_eq!(hanoi.total, 2);
    let snippet = &hanoi.hits[0].snippet_html;
    assert!(snippet.contains("<mark>"), "{snippet}");
}

#[test]
fn filters_by_section_and_date() {
    let index = indexed();
    let mut q = query("vi", "");
    assert_eq!(index.search(&q).unwrap().total, 4);
    // Without text: newest first.
    assert_eq!(ids(&index.search(&q).unwrap()), [1, 3, 2, 4]);
    q.section_id = Some(3);
    assert_eq!(ids(&index.search(&q).unwrap()), [2, 4]);
    q.section_id = None;
    q.from_ms = Some(1725148800000); // 2024-09-01
    q.to_ms = Some(1725667200000); // 2024-09-07, exclusive
    assert_eq!(ids(&index.search(&q).unwrap()), [3, 2]);
    let mut q = query("vi", "hà nội");
    q.section_id = Some(1);
    assert_eq!(ids(&index.search(&q).unwrap()), [1]);
}

#[test]
fn pages_do_not_overlap_and_count_everything() {
    let index = SearchIndex::in_memory().unwrap();
    for id in 1..=25 {
        index
            .upsert(&IndexDoc {
                article_id: id,
                lang: "vi".into(),
                title: format!("Tin thời tiết số {id}"),
                body: "Mưa rào và dông rải rác".into(),
                published_at: Some(id * 1000),
                ..Default::default()
            })
            .unwrap();
    }
    index.commit().unwrap();
    let mut seen = Vec::new();
    for (offset, expected) in [(0, 10), (10, 10), (20, 5), (30, 0)] {
        let mut q = query("vi", "thời tiết");
        q.offset = offset;
        let page = index.search(&q).unwrap();
        assert_eq!(page.total, 25);
        assert_eq!(page.hits.len(), expected, "offset {offset}");
        seen.extend(ids(&page));
    }
    seen.sort();
    assert_eq!(seen, (1..=25).collect::<Vec<_>>());
    // Counting only, and absurd requests, answer without failing.
    let mut q = query("vi", "mưa");
    q.limit = 0;
    assert_eq!(
        index.search(&q).unwrap(),
        SearchResults {
            total: 25,
            estimated: false,
            hits: vec![]
        }
    );
    q.limit = usize::MAX;
    q.offset = usize::MAX;
    let deep = index.search(&q).unwrap();
    assert_eq!(deep.total, 25);
    assert!(deep.hits.is_empty());
}

#[test]
fn upsert_replaces_and_remove_deletes() {
    let index = indexed();
    let mut doc = fixture().remove(0);
    doc.title = "Bão Yagi suy yếu thành áp thấp nhiệt đới".into();
    index.upsert(&doc).unwrap();
    index.commit().unwrap();
    let results = index.search(&query("vi", "yagi")).unwrap();
    assert_eq!(results.total, 1);
    assert_eq!(results.hits[0].title, doc.title);

    index.remove(1, Some("vi")).unwrap();
    index.commit().unwrap();
    assert_eq!(index.search(&query("vi", "yagi")).unwrap().total, 0);
    assert_eq!(index.search(&query("en", "yagi")).unwrap().total, 2);

    index.remove(1, None).unwrap();
    index.commit().unwrap();
    assert_eq!(ids(&index.search(&query("en", "yagi")).unwrap()), [20]);
    assert_eq!(index.search(&query("fr", "yagi")).unwrap().total, 0);
    assert_eq!(index.search(&query("ja", "台風")).unwrap().total, 0);
    // Nothing is visible before a commit.
    index.remove(20, None).unwrap();
    assert_eq!(index.search(&query("en", "yagi")).unwrap().total, 1);
}

#[test]
fn query_syntax_errors_do_not_fail() {
    let index = indexed();
    for text in [
        "\"unbalanced",
        "title:",
        "(((",
        ")",
        "AND",
        "OR OR",
        "*",
        "-",
        "+",
        "bão^",
        "[1 TO",
        "body_vi:bão",
        "\\",
        "\u{0}",
        "COVID-19: bão",
    ] {
        let results = index.search(&query("vi", text));
        assert!(results.is_ok(), "{text:?}: {results:?}");
    }
    // What the reader meant still counts.
    assert_eq!(ids(&index.search(&query("vi", "\"bão yagi")).unwrap()), [1]);
    assert_eq!(
        ids(&index.search(&query("vi", "Yagi: Quảng Ninh")).unwrap()),
        [1]
    );
    assert_eq!(
        ids(&index.search(&query("vi", "\"bão Yagi\"")).unwrap()),
        [1]
    );
    assert!(index
        .search(&query("vi", "\"Yagi bão\""))
        .unwrap()
        .hits
        .is_empty());
    assert_eq!(
        ids(&index.search(&query("vi", "hà nội -bão")).unwrap()),
        [2]
    );
    // An unknown language is searched with the plain analyzer, and finds nothing here.
    assert_eq!(index.search(&query("xx", "bão")).unwrap().total, 0);
}

#[test]
fn the_index_persists_on_disk_and_locks_its_directory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("search");
    {
        let index = SearchIndex::open(&path).unwrap();
        assert_eq!(index.change_cursor().unwrap(), 0);
        for doc in fixture() {
            index.upsert(&doc).unwrap();
        }
        index.commit_at(42).unwrap();
        // A second writer on the same directory is refused with a clear error.
        let second = SearchIndex::open(&path).unwrap_err();
        assert!(matches!(second, SearchError::Locked { .. }), "{second}");
        // Clones share the index.
        let clone = index.clone();
        assert_eq!(clone.search(&query("vi", "bão")).unwrap().total, 1);
    }
    let index = SearchIndex::open(&path).unwrap();
    assert_eq!(index.change_cursor().unwrap(), 42);
    assert_eq!(ids(&index.search(&query("fr", "typhon")).unwrap()), [1]);
    assert_eq!(index.num_docs(), 12);
}

#[test]
fn the_index_is_shared_between_threads() {
    fn assert_send_sync<T: Send + Sync + Clone>() {}
    assert_send_sync::<SearchIndex>();
    let index = indexed();
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let index = index.clone();
            std::thread::spawn(move || {
                index
                    .upsert(&IndexDoc {
                        article_id: 100 + i,
                        lang: "en".into(),
                        title: "Wildfire warning".into(),
                        ..Default::default()
                    })
                    .unwrap();
                index.search(&query("en", "wildfire")).unwrap().total
            })
        })
        .collect();
    for handle in handles {
        handle.join().unwrap();
    }
    index.commit().unwrap();
    assert_eq!(index.search(&query("en", "wildfire")).unwrap().total, 4);
}
