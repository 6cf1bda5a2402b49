//! A reader's query cannot exhaust the stack, whatever it holds: queries over
//! the limits are refused with a typed error before they are parsed, and the
//! worst queries within the limits run on a small stack.

use search::{
    check_query, IndexDoc, QueryLimit, QueryTooComplex, SearchError, SearchIndex, SearchQuery,
    MAX_QUERY_CHARS, MAX_QUERY_NESTING, MAX_QUERY_WORDS,
};

/// Far below tokio's 2 MiB blocking threads, where the web layer searches.
const SMALL_STACK: usize = 256 * 1024;

fn index() -> SearchIndex {
    let index = SearchIndex::in_memory().unwrap();
    for (id, lang, title) in [
        (1, "vi", "Bão Yagi đổ bộ Quảng Ninh"),
        (2, "vi", "Giá vàng tăng mạnh"),
        (1, "en", "Typhoon Yagi makes landfall"),
        (2, "en", "Gold price rises"),
    ] {
        index
            .upsert(&IndexDoc {
                article_id: id,
                lang: lang.into(),
                title: title.into(),
                ..IndexDoc::default()
            })
            .unwrap();
    }
    index.commit().unwrap();
    index
}

/// Searches `text` in `lang` on a thread with a small stack; a stack overflow
/// would abort the test binary.
fn search_on_small_stack(
    index: &SearchIndex,
    lang: &str,
    text: String,
) -> Result<Vec<i64>, SearchError> {
    let index = index.clone();
    let lang = lang.to_string();
    std::thread::Builder::new()
        .stack_size(SMALL_STACK)
        .spawn(move || {
            index
                .search(&SearchQuery {
                    lang,
                    text,
                    limit: 10,
                    ..SearchQuery::default()
                })
                .map(|r| r.hits.iter().map(|h| h.article_id).collect())
        })
        .unwrap()
        .join()
        .unwrap()
}

fn refused_for(result: Result<Vec<i64>, SearchError>) -> QueryLimit {
    match result {
        Err(SearchError::QueryTooComplex(QueryTooComplex { what, limit })) => {
            assert_eq!(limit, what.limit());
            what
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn the_inputs_that_crashed_the_portal_are_refused() {
    let index = index();
    for (text, what) in [
        (format!("{}a", "(".repeat(800)), QueryLimit::Length),
        (format!("{}a", "(".repeat(400)), QueryLimit::Nesting),
        (format!("{}a", "(".repeat(5_000)), QueryLimit::Length),
        (format!("{}a", "NOT ".repeat(5_000)), QueryLimit::Length),
        (format!("{}a", "NOT ".repeat(100)), QueryLimit::Nesting),
        (format!("{}a", "NOT ".repeat(9)), QueryLimit::Nesting),
        ("a".repeat(100_000), QueryLimit::Length),
        ("bão ".repeat(25_000), QueryLimit::Length),
        (vec!["a"; 5_000].join(" OR "), QueryLimit::Length),
        (vec!["a"; 100].join(" OR "), QueryLimit::Words),
        ("\"".repeat(5_000), QueryLimit::Length),
        (format!("{}a", "\"(".repeat(200)), QueryLimit::Nesting),
        (format!("{}a", "-(".repeat(200)), QueryLimit::Nesting),
        ("ế".repeat(1_000), QueryLimit::Length),
        ("\u{200b}(".repeat(200), QueryLimit::Nesting),
    ] {
        let shown: String = text.chars().take(20).collect();
        for lang in ["vi", "en"] {
            let outcome = search_on_small_stack(&index, lang, text.clone());
            assert_eq!(refused_for(outcome), what, "{lang} {shown}…");
        }
        assert_eq!(
            check_query(&text).map_err(|e| e.what),
            Err(what),
            "{shown}…"
        );
    }
}

#[test]
fn the_worst_queries_within_the_limits_run_on_a_small_stack() {
    let index = index();
    let deep = MAX_QUERY_NESTING;
    let cases = [
        // Every parenthesis nested, closed or not.
        (
            format!("{}Yagi{}", "(".repeat(deep), ")".repeat(deep)),
            Some(vec![1]),
        ),
        (format!("{}Yagi", "(".repeat(deep)), Some(vec![1])),
        // NOT and parentheses alternating, as deep as allowed.
        (
            format!(
                "Yagi {}gold{}",
                "(NOT ".repeat(deep / 2),
                ")".repeat(deep / 2)
            ),
            None,
        ),
        // As many words as allowed, joined by OR.
        (
            std::iter::once("Yagi")
                .chain(std::iter::repeat_n("OR gold", (MAX_QUERY_WORDS - 1) / 2))
                .collect::<Vec<_>>()
                .join(" "),
            Some(vec![1, 2]),
        ),
        // As long as allowed, in one phrase.
        (format!("\"{}\"", "x".repeat(MAX_QUERY_CHARS - 2)), None),
        // Quotes and parentheses interleaved.
        (format!("{}Yagi", "\"(\" ".repeat(deep)), None),
        // Unicode: combining marks, right-to-left, zero-width, emoji.
        ("\u{202e}Yagi\u{200b} 🌀".to_string(), Some(vec![1])),
        ("Bão\u{0300} Yagi".to_string(), None),
    ];
    for (text, expected) in cases {
        assert_eq!(check_query(&text), Ok(()), "{text}");
        let mut found = search_on_small_stack(&index, "en", text.clone()).unwrap();
        found.sort_unstable();
        if let Some(expected) = expected {
            assert_eq!(found, expected, "{text}");
        }
        search_on_small_stack(&index, "vi", text).unwrap();
    }
}

#[test]
fn nested_groups_find_what_the_plain_words_find() {
    let index = index();
    let plain = search_on_small_stack(&index, "vi", "bão Yagi".into()).unwrap();
    let nested = search_on_small_stack(&index, "vi", "((bão) AND (Yagi))".into()).unwrap();
    assert_eq!(plain, [1]);
    assert_eq!(nested, plain);
}

#[test]
fn the_refusal_says_which_limit_and_its_value() {
    let err = check_query(&"(".repeat(MAX_QUERY_NESTING + 1)).unwrap_err();
    assert_eq!(
        err,
        QueryTooComplex {
            what: QueryLimit::Nesting,
            limit: MAX_QUERY_NESTING
        }
    );
    assert_eq!(
        err.to_string(),
        format!("the search query has too many parentheses and NOT operators: at most {MAX_QUERY_NESTING}")
    );
    assert_eq!(
        serde_json::to_value(err).unwrap(),
        serde_json::json!({ "what": "nesting", "limit": MAX_QUERY_NESTING })
    );
}
