//! Any text searched in any language gives results or a `QueryTooComplex`
//! refusal, agreeing with `check_query`, on a thread with a small stack:
//! never a panic, another error or a stack overflow.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use search::{check_query, IndexDoc, SearchError, SearchIndex, SearchQuery};

/// Far below the 2 MiB of the web layer's blocking threads, with room for
/// AddressSanitizer's larger frames.
const STACK: usize = 512 * 1024;

fn index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let index = SearchIndex::in_memory().expect("index");
        for (id, lang, title, body) in [
            (
                1,
                "vi",
                "Bão Yagi đổ bộ Quảng Ninh",
                "Hà Nội mưa lớn, \"giá vàng\" tăng.",
            ),
            (
                2,
                "vi",
                "Lễ hội ẩm thực ở Huế",
                "Đà Nẵng đón khách quốc tế.",
            ),
            (
                1,
                "fr",
                "Inondations à Hué",
                "La citadelle impériale sous les eaux.",
            ),
            (
                1,
                "en",
                "Typhoon Yagi makes landfall",
                "Gold price rises in Hanoi.",
            ),
            (1, "ja", "台風ヤギが上陸", "東京 オリンピック"),
        ] {
            index
                .upsert(&IndexDoc {
                    article_id: id,
                    lang: lang.into(),
                    title: title.into(),
                    body: body.into(),
                    published_at: Some(1_725_667_200_000),
                    ..IndexDoc::default()
                })
                .expect("upsert");
        }
        index.commit().expect("commit");
        index
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let lang = ["vi", "fr", "en", "ja", "th"][usize::from(first) % 5];
    let text = String::from_utf8_lossy(rest).into_owned();
    let index = index();
    let checked = check_query(&text);
    let outcome = std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || {
            index.search(&SearchQuery {
                lang: lang.into(),
                text,
                limit: 10,
                ..SearchQuery::default()
            })
        })
        .expect("spawn")
        .join()
        .expect("search panicked");
    match (checked, outcome) {
        (Ok(()), Ok(results)) => assert!(results.hits.len() <= 10),
        (Err(refused), Err(SearchError::QueryTooComplex(e))) => assert_eq!(refused, e),
        (checked, outcome) => panic!("check_query {checked:?} but search {outcome:?}"),
    }
});
