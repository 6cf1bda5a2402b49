//! Projection through a route's step with a dictionary engine that, like an
//! OPUS-MT model, cannot keep tags: it answers from a phrase table and
//! records what it was sent.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use article::{Article, Block, Inline, RichText};
use async_trait::async_trait;
use unicode_normalization::UnicodeNormalization;

use crate::engine::{Engine, EngineError, Engines, RouteConfig, Step, StepConfig};
use crate::glossary::{Glossary, GlossaryEntry};
use crate::lang::LangPair;
use crate::memory::InMemoryStore;
use crate::placeholder::{decode, encode, Decoded};
use crate::qa::QaFlag;
use crate::Translator;

/// Answers from a phrase table (unknown texts come back unchanged).
struct Dictionary {
    table: HashMap<String, String>,
    seen: Mutex<Vec<Vec<String>>>,
}

impl Dictionary {
    fn new(table: &[(&str, &str)]) -> Arc<Self> {
        Arc::new(Dictionary {
            table: table
                .iter()
                .map(|(s, t)| (s.to_string(), t.to_string()))
                .collect(),
            seen: Mutex::new(Vec::new()),
        })
    }

    /// Every call's segments.
    fn calls(&self) -> Vec<Vec<String>> {
        self.seen.lock().unwrap().clone()
    }
}

#[async_trait]
impl Engine for Dictionary {
    fn name(&self) -> &str {
        "dictionary"
    }

    fn model(&self) -> &str {
        "phrase-table"
    }

    fn keeps_tags(&self) -> bool {
        false
    }

    async fn translate_batch(
        &self,
        _pair: &LangPair,
        segments: &[String],
    ) -> Result<Vec<String>, EngineError> {
        self.seen.lock().unwrap().push(segments.to_vec());
        Ok(segments
            .iter()
            .map(|s| self.table.get(s).cloned().unwrap_or_else(|| s.clone()))
            .collect())
    }
}

fn text(s: &str) -> Inline {
    Inline::Text(s.into())
}

fn link(href: &str, children: Vec<Inline>) -> Inline {
    Inline::Link {
        href: href.into(),
        children,
    }
}

/// Translates one rich sentence through a direct step; the decoded result.
async fn through(engine: &Arc<Dictionary>, pair: &LangPair, rich: &RichText) -> Decoded {
    let tagged = encode(rich);
    let step = Step::direct(engine.clone());
    let (out, calls) = step.translate(pair, &[tagged.text]).await.unwrap();
    assert_eq!(calls, 1, "sentence and spans go in one call");
    decode(&out[0], &tagged.tags)
}

fn assert_no_tags_sent(engine: &Dictionary) {
    for call in engine.calls() {
        for segment in call {
            assert!(
                !segment.contains("<x") && !segment.contains("<g") && !segment.contains("&lt;"),
                "{segment}"
            );
        }
    }
}

#[tokio::test]
async fn a_link_keeps_its_url_around_its_translation() {
    let engine = Dictionary::new(&[
        (
            "Theo báo VnExpress, giá xăng tăng mạnh trong tuần này.",
            "Selon le journal VnExpress, le prix de l’essence a fortement augmenté cette semaine.",
        ),
        // Alone, the span comes back capitalized with a full stop.
        ("báo VnExpress", "Le journal VnExpress."),
    ]);
    let rich = RichText(vec![
        text("Theo "),
        link(
            "https://vnexpress.net/gia-xang-4796.html",
            vec![text("báo VnExpress")],
        ),
        text(", giá xăng tăng mạnh trong tuần này."),
    ]);
    let decoded = through(&engine, &LangPair::new("vi", "fr"), &rich).await;
    assert!(decoded.problems.is_empty(), "{:?}", decoded.problems);
    assert_eq!(
        decoded.text,
        RichText(vec![
            text("Selon "),
            link(
                "https://vnexpress.net/gia-xang-4796.html",
                vec![text("le journal VnExpress")]
            ),
            text(", le prix de l’essence a fortement augmenté cette semaine."),
        ])
    );
    assert_eq!(
        engine.calls(),
        vec![vec![
            "Theo báo VnExpress, giá xăng tăng mạnh trong tuần này.".to_string(),
            "báo VnExpress".to_string()
        ]]
    );
}

#[tokio::test]
async fn bold_nested_in_a_link() {
    let engine = Dictionary::new(&[
        (
            "Đọc thêm trên Tuổi Trẻ điện tử hôm nay.",
            "Read more in Tuổi Trẻ Online today.",
        ),
        ("Tuổi Trẻ điện tử", "Tuổi Trẻ Online"),
        (
            "Theo VnExpress, trời mưa.",
            "According to VnExpress, it is raining.",
        ),
    ]);
    let en = LangPair::new("vi", "en");
    let href = "https://tuoitre.vn/";
    let rich = RichText(vec![
        text("Đọc thêm trên "),
        link(
            href,
            vec![Inline::Bold(vec![text("Tuổi Trẻ")]), text(" điện tử")],
        ),
        text(" hôm nay."),
    ]);
    let decoded = through(&engine, &en, &rich).await;
    assert!(decoded.problems.is_empty(), "{:?}", decoded.problems);
    assert_eq!(
        decoded.text,
        RichText(vec![
            text("Read more in "),
            link(
                href,
                vec![Inline::Bold(vec![text("Tuổi Trẻ")]), text(" Online")]
            ),
            text(" today."),
        ])
    );
    // A bold filling its link: placed once, nested the same way.
    let rich = RichText(vec![
        text("Theo "),
        link(href, vec![Inline::Bold(vec![text("VnExpress")])]),
        text(", trời mưa."),
    ]);
    let decoded = through(&engine, &en, &rich).await;
    assert!(decoded.problems.is_empty(), "{:?}", decoded.problems);
    assert_eq!(
        decoded.text,
        RichText(vec![
            text("According to "),
            link(href, vec![Inline::Bold(vec![text("VnExpress")])]),
            text(", it is raining."),
        ])
    );
    assert_no_tags_sent(&engine);
}

#[tokio::test]
async fn a_child_outlives_its_lost_parent() {
    let engine = Dictionary::new(&[
        (
            "Xem bài viết của Tuổi Trẻ về lũ lụt.",
            "See the Tuổi Trẻ report on the floods.",
        ),
        // Alone, the link's text is worded differently: not found.
        ("bài viết của Tuổi Trẻ", "article by Tuổi Trẻ"),
    ]);
    let rich = RichText(vec![
        text("Xem "),
        link(
            "https://tuoitre.vn/lu.htm",
            vec![text("bài viết của "), Inline::Bold(vec![text("Tuổi Trẻ")])],
        ),
        text(" về lũ lụt."),
    ]);
    let decoded = through(&engine, &LangPair::new("vi", "en"), &rich).await;
    assert_eq!(decoded.problems, vec!["placeholder <x1> lost"]);
    assert_eq!(
        decoded.text,
        RichText(vec![
            text("See the "),
            Inline::Bold(vec![text("Tuổi Trẻ")]),
            text(" report on the floods."),
        ])
    );
}

#[tokio::test]
async fn repeated_words_mark_the_occurrence_at_the_same_place() {
    let engine = Dictionary::new(&[
        (
            "Giá vàng hôm nay: vàng miếng tăng, vàng nhẫn giảm.",
            "Gold prices today: gold bars up, gold rings down.",
        ),
        ("vàng", "gold"),
    ]);
    let rich = RichText(vec![
        text("Giá "),
        Inline::Bold(vec![text("vàng")]),
        text(" hôm nay: vàng miếng tăng, "),
        Inline::Italic(vec![text("vàng")]),
        text(" nhẫn giảm."),
    ]);
    let decoded = through(&engine, &LangPair::new("vi", "en"), &rich).await;
    assert!(decoded.problems.is_empty(), "{:?}", decoded.problems);
    assert_eq!(
        decoded.text,
        RichText(vec![
            Inline::Bold(vec![text("Gold")]),
            text(" prices today: gold bars up, "),
            Inline::Italic(vec![text("gold")]),
            text(" rings down."),
        ])
    );
    // "vàng" is sent once for both spans.
    assert_eq!(engine.calls()[0].len(), 2);
}

#[tokio::test]
async fn a_span_not_found_leaves_the_text_whole_and_is_flagged() {
    let sentence = "Mưa lớn kéo dài khiến nước sông Hương lên nhanh.";
    let french = "De fortes pluies prolongées ont fait monter rapidement la rivière des Parfums.";
    let engine = Dictionary::new(&[
        (sentence, french),
        // The model words the span differently alone.
        ("nước sông Hương", "l’eau de la rivière Huong"),
    ]);
    let rich = RichText(vec![
        text("Mưa lớn kéo dài khiến "),
        Inline::Bold(vec![text("nước sông Hương")]),
        text(" lên nhanh."),
    ]);
    let decoded = through(&engine, &LangPair::new("vi", "fr"), &rich).await;
    assert_eq!(decoded.text, RichText(vec![text(french)]));
    assert_eq!(decoded.problems, vec!["placeholder <x1> lost"]);

    // Through the translator, the editor sees a markup_lost flag.
    let mut engines = Engines::new();
    engines.add_engine(engine.clone());
    engines
        .add_route(RouteConfig {
            source: "vi".into(),
            target: "fr".into(),
            chain: vec![StepConfig::direct("dictionary")],
        })
        .unwrap();
    let translator = Translator::new(engines, Glossary::new(), Arc::new(InMemoryStore::new()));
    let article = Article {
        title: "Huế".into(),
        blocks: vec![Block::Paragraph { text: rich }],
        ..Default::default()
    };
    let done = translator
        .translate_article(&article, "vi", "fr")
        .await
        .unwrap();
    let Block::Paragraph { text: out } = &done.article.blocks[0] else {
        panic!("not a paragraph")
    };
    assert_eq!(out.plain_text(), french);
    let report = done
        .segments
        .iter()
        .find(|s| s.source.contains("sông Hương"))
        .unwrap();
    assert!(
        report
            .flags
            .iter()
            .any(|f| matches!(f, QaFlag::MarkupLost { .. })),
        "{:?}",
        report.flags
    );
    assert_eq!(done.flags.get("markup_lost"), Some(&1));
    assert_no_tags_sent(&engine);
}

#[tokio::test]
async fn glossary_terms_come_out_verbatim() {
    let fr = LangPair::new("vi", "fr");
    let mut glossary = Glossary::new();
    glossary.add(GlossaryEntry::forced(&fr, "Putin", "Poutine"));
    glossary.add(GlossaryEntry::forced(&fr, "Jeddah", "Djeddah"));
    let rich = RichText(vec![
        text("Tổng thống "),
        Inline::Bold(vec![text("Putin")]),
        text(" tới Jeddah hôm thứ Năm."),
    ]);
    let tagged = encode(&rich);
    let protected = glossary.protect(&tagged.text, &fr);
    assert_eq!(
        protected.text,
        "Tổng thống <x1><g1>Poutine</g1></x1> tới <g2>Djeddah</g2> hôm thứ Năm."
    );
    // The model copies one term and "corrects" the other to the English spelling.
    let engine = Dictionary::new(&[
        (
            "Tổng thống Poutine tới Djeddah hôm thứ Năm.",
            "Le président Poutine s’est rendu à Jeddah jeudi.",
        ),
        ("Djeddah", "Jeddah"),
    ]);
    let step = Step::direct(engine.clone());
    let (out, _) = step
        .translate(&fr, std::slice::from_ref(&protected.text))
        .await
        .unwrap();
    assert_eq!(
        out[0],
        "Le président <x1><g1>Poutine</g1></x1> s’est rendu à <g2>Jeddah</g2> jeudi."
    );
    let restored = glossary.restore(&out[0], &protected.terms);
    assert!(restored.missing.is_empty(), "{:?}", restored.missing);
    let decoded = decode(&restored.text, &tagged.tags);
    assert!(decoded.problems.is_empty(), "{:?}", decoded.problems);
    assert_eq!(
        decoded.text,
        RichText(vec![
            text("Le président "),
            Inline::Bold(vec![text("Poutine")]),
            text(" s’est rendu à Djeddah jeudi."),
        ])
    );

    // A term the model dropped altogether is reported missing, not invented.
    let engine = Dictionary::new(&[(
        "Tổng thống Poutine tới Djeddah hôm thứ Năm.",
        "Le président Poutine est arrivé jeudi.",
    )]);
    let (out, _) = Step::direct(engine)
        .translate(&fr, std::slice::from_ref(&protected.text))
        .await
        .unwrap();
    let restored = glossary.restore(&out[0], &protected.terms);
    let missing: Vec<&str> = restored
        .missing
        .iter()
        .map(|m| m.expected.as_str())
        .collect();
    assert_eq!(missing, vec!["Djeddah"]);
    assert_eq!(
        restored.text,
        "Le président <x1>Poutine</x1> est arrivé jeudi."
    );
}

#[tokio::test]
async fn breaks_and_escaped_text() {
    let engine = Dictionary::new(&[
        (
            "Khẩn cấp Lũ lên nhanh ở Huế, mực nước > 3 m & còn tăng.",
            "Urgent Floods rise fast in Huế, water level > 3 m & still rising.",
        ),
        ("Khẩn cấp", "Urgent"),
    ]);
    let rich = RichText(vec![
        Inline::Bold(vec![text("Khẩn cấp")]),
        Inline::Break,
        text("Lũ lên nhanh ở Huế, mực nước > 3 m & còn tăng."),
    ]);
    let decoded = through(&engine, &LangPair::new("vi", "en"), &rich).await;
    assert!(decoded.problems.is_empty(), "{:?}", decoded.problems);
    assert_eq!(
        decoded.text,
        RichText(vec![
            Inline::Bold(vec![text("Urgent")]),
            Inline::Break,
            text("Floods rise fast in Huế, water level > 3 m & still rising."),
        ])
    );
    assert_no_tags_sent(&engine);

    // A break in the middle goes to the word boundary at the same relative place.
    let engine = Dictionary::new(&[(
        "Hà Nội mưa to đường phố ngập nặng",
        "Hanoi heavy rain streets badly flooded",
    )]);
    let rich = RichText(vec![
        text("Hà Nội mưa to "),
        Inline::Break,
        text("đường phố ngập nặng"),
    ]);
    let decoded = through(&engine, &LangPair::new("vi", "en"), &rich).await;
    assert_eq!(
        decoded.text,
        RichText(vec![
            text("Hanoi heavy rain "),
            Inline::Break,
            text("streets badly flooded")
        ])
    );
}

#[tokio::test]
async fn engines_that_keep_tags_get_placeholder_strings_unchanged() {
    struct Tagged(Mutex<Vec<String>>);
    #[async_trait]
    impl Engine for Tagged {
        fn name(&self) -> &str {
            "tagged"
        }
        fn model(&self) -> &str {
            ""
        }
        async fn translate_batch(
            &self,
            _pair: &LangPair,
            segments: &[String],
        ) -> Result<Vec<String>, EngineError> {
            self.0.lock().unwrap().extend(segments.iter().cloned());
            Ok(segments.to_vec())
        }
    }
    let engine = Arc::new(Tagged(Mutex::new(Vec::new())));
    let segment = "Theo <x1>VnExpress</x1> &amp; Tuổi Trẻ".to_string();
    let (out, calls) = Step::direct(engine.clone())
        .translate(&LangPair::new("vi", "en"), std::slice::from_ref(&segment))
        .await
        .unwrap();
    assert_eq!((out, calls), (vec![segment.clone()], 1));
    assert_eq!(*engine.0.lock().unwrap(), vec![segment]);
}

/// Random texts, markup and translations: the rebuilt placeholder string is
/// always well formed (tags can go missing, never cross or repeat) and the
/// translation's words are all there.
#[test]
fn random_input_never_breaks_structure() {
    use super::Projection;
    use crate::placeholder::strip_tags;

    const PIECES: &[&str] = &[
        "<",
        ">",
        "&",
        "&amp;",
        "<x1>",
        "</x1>",
        "<g1>",
        " ",
        "  ",
        ".",
        ",",
        "Hà Nội",
        "hà nội",
        "mưa",
        "MƯA",
        "rain",
        "Rain.",
        "Poutine",
        "東京",
        "e\u{301}",
        "é",
        "İ",
        "ß",
        "\u{a0}",
        "«",
        "»",
        "’",
        "'",
        "1.115",
        "-",
        "—",
    ];
    let mut seed: u64 = 7;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed as usize
    };
    let text = |next: &mut dyn FnMut() -> usize| -> String {
        let n = next() % 12;
        (0..n).map(|_| PIECES[next() % PIECES.len()]).collect()
    };
    let mut placed = 0;
    for _ in 0..3000 {
        let (a, b, c) = (text(&mut next), text(&mut next), text(&mut next));
        let rich = RichText(vec![
            Inline::Text(a.clone()),
            Inline::Bold(vec![Inline::Text(b.clone()), Inline::Break]),
            link(
                "https://x",
                vec![Inline::Italic(vec![Inline::Text(c.clone())])],
            ),
            Inline::Break,
            Inline::Bold(vec![Inline::Text(b.clone())]),
        ]);
        let tagged = encode(&rich);
        let projection = Projection::new(std::slice::from_ref(&tagged.text));
        let translations: Vec<String> = projection
            .requests()
            .iter()
            .map(|r| match next() % 3 {
                0 => r.clone(),
                1 => format!("{c} {r} {a}"),
                _ => text(&mut next),
            })
            .collect();
        let rebuilt = projection.rebuild(&translations);
        let decoded = decode(&rebuilt[0], &tagged.tags);
        placed += rebuilt[0].matches("</x").count();
        for problem in &decoded.problems {
            assert!(
                problem.ends_with(" lost"),
                "{problem}: {:?} → {:?}",
                tagged.text,
                rebuilt[0]
            );
        }
        let words = |s: &str| -> String {
            s.chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .nfc()
                .collect()
        };
        assert_eq!(
            words(&strip_tags(&rebuilt[0])),
            words(&translations[0]),
            "{:?}",
            tagged.text
        );
    }
    assert!(
        placed > 3000,
        "only {placed} spans placed: the test exercises nothing"
    );
}
