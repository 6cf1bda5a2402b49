//! TMX import and export.

use crate::common;

use std::io::BufReader;
use std::sync::Arc;

use common::{testdata, Behaviour, FakeEngine};
use translate::{
    export_tmx, import_tmx, Engines, Glossary, InMemoryStore, LangPair, MemoryEntry, MemoryStore,
    Origin, TmxError, Translator,
};

fn omegat() -> translate::TmxImport {
    import_tmx(BufReader::new(
        std::fs::File::open(testdata("omegat-vi-fr.tmx")).unwrap(),
    ))
    .unwrap()
}

#[test]
fn imports_a_cat_tool_memory() {
    let import = omegat();
    assert_eq!(import.skipped, 1, "the empty French segment");
    let got: Vec<(String, &str, &str)> = import
        .entries
        .iter()
        .map(|e| (e.pair.to_string(), e.source.as_str(), e.target.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("vi>fr".into(), "Diễn biến mới", "Nouveaux développements"),
            (
                "vi>fr".into(),
                "Tổng thống <x1>Putin</x1> tới Kursk.",
                "Le président <x1>Poutine</x1> est arrivé à Koursk."
            ),
            (
                "vi>en".into(),
                "Tổng thống <x1>Putin</x1> tới Kursk.",
                "President <x1>Putin</x1> arrived in Kursk."
            ),
            (
                "vi>fr".into(),
                "Theo <x1>báo</x1>, 1.115 người &amp; \"hơn\".",
                "Selon <x1>le journal</x1>, 1\u{202f}115 personnes &amp; \"plus\"."
            ),
            ("vi>fr".into(), "Ảnh minh họa", "Illustration"),
        ]
    );
    let putin = &import.entries[1];
    assert_eq!(putin.use_count, 4);
    assert_eq!(
        putin.origin,
        Origin::Human {
            editor: Some("minh".into())
        }
    );
    assert_eq!(putin.created_at.to_rfc3339(), "2025-03-01T08:00:00+00:00");
}

#[test]
fn round_trip_keeps_everything() {
    let mut entries = omegat().entries;
    let mut machine = MemoryEntry::new(
        LangPair::new("vi", "fr"),
        "Giá tăng <x1>3,5%</x1> &lt;dự kiến&gt;",
        "Les prix augmentent de <x1>3,5\u{a0}%</x1> &lt;prévu&gt;",
        Origin::Engine {
            name: "deepl".into(),
            model: "deepl".into(),
        },
    );
    machine.use_count = 7;
    entries.push(machine);
    let mut xml = Vec::new();
    export_tmx(&entries, &mut xml).unwrap();
    let text = String::from_utf8(xml.clone()).unwrap();
    assert!(text.contains(r#"<tmx version="1.4">"#));
    assert!(text.contains(r#"srclang="vi""#));
    assert!(text.contains(r#"<bpt i="1" x="1">&lt;x1&gt;</bpt>3,5"#));
    let back = import_tmx(xml.as_slice()).unwrap();
    assert_eq!(back.skipped, 0);
    assert_eq!(back.entries.len(), entries.len());
    for (a, b) in back.entries.iter().zip(&entries) {
        assert_eq!(
            (&a.pair, &a.source, &a.target, &a.origin, a.use_count),
            (&b.pair, &b.source, &b.target, &b.origin, b.use_count)
        );
        assert_eq!((&a.key, &a.near_key), (&b.key, &b.near_key));
        assert_eq!(a.created_at.timestamp(), b.created_at.timestamp());
    }
}

#[test]
fn not_tmx_is_an_error() {
    assert!(matches!(
        import_tmx("<html><body/></html>".as_bytes()),
        Err(TmxError::Invalid(_))
    ));
    assert!(matches!(
        import_tmx("<tmx><body><tu></tmx>".as_bytes()),
        Err(TmxError::Xml(_))
    ));
}

#[tokio::test]
async fn imported_memory_serves_articles_without_an_engine_call() {
    let store = Arc::new(InMemoryStore::new());
    for e in omegat().entries {
        store.record(e).await.unwrap();
    }
    let engine = FakeEngine::new("fake", Default::default(), Behaviour::Echo);
    let mut engines = Engines::new();
    engines.add_engine(engine.clone());
    let tr = Translator::new(engines, Glossary::new(), store.clone());
    let article = article::Article {
        title: "Diễn biến mới".into(),
        lead: Some(article::RichText(vec![
            article::Inline::Text("Tổng thống ".into()),
            article::Inline::Bold(vec![article::Inline::Text("Putin".into())]),
            article::Inline::Text(" tới Kursk.".into()),
            article::Inline::Break,
            article::Inline::Text("Ảnh minh họa".into()),
        ])),
        ..Default::default()
    };
    let done = tr.translate_article(&article, "vi", "fr").await.unwrap();
    assert_eq!(engine.calls(), 0);
    assert_eq!(done.article.title, "Nouveaux développements");
    assert_eq!(
        done.article.lead.unwrap().plain_text(),
        "Le président Poutine est arrivé à Koursk.\nIllustration"
    );
    let used = store
        .lookup(&LangPair::new("vi", "fr"), "Diễn biến mới")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(used.use_count, 1);
}
