//! The Vietnamese a translation keeps: names marked as Vietnamese or written
//! without diacritics per target language, and the credit vocabulary
//! ("Tư liệu", "Ảnh:") written in the target language even when the
//! translation memory kept it, as the demo's human translations do.

use std::sync::Arc;

use article::{Article, Author, Block, Figure, Inline, RichText};
use translate::{
    Engines, Glossary, InMemoryStore, LangPair, MemoryEntry, MemoryStore, NameStyle, Origin,
    Translator,
};

/// An article whose every text the memory knows, as human translations.
async fn remembered(lang: &str, pairs: &[(&str, &str)]) -> Arc<InMemoryStore> {
    let memory = Arc::new(InMemoryStore::new());
    for (source, target) in pairs {
        memory
            .record(MemoryEntry::new(
                LangPair::new("vi", lang),
                source,
                target,
                Origin::Human { editor: None },
            ))
            .await
            .unwrap();
    }
    memory
}

fn article() -> Article {
    Article {
        title: "Lũ lớn ở Đắk Lắk".into(),
        lead: Some(RichText::plain("Bà Đào Thị Ngân nói lũ đến nhanh.")),
        blocks: vec![
            Block::Paragraph {
                text: RichText(vec![
                    Inline::Text("Nước dâng ở ".into()),
                    Inline::Bold(vec![Inline::Text("Huế".into())]),
                    Inline::Text(".".into()),
                ]),
            },
            Block::Figure(Figure {
                src: "https://img.example.vn/a.jpg".into(),
                alt: Some("Nhà ngập ở Đắk Lắk".into()),
                caption: Some(RichText::plain("Ảnh minh họa")),
                credit: Some("Tư liệu".into()),
                ..Figure::default()
            }),
            Block::Figure(Figure {
                src: "https://img.example.vn/b.jpg".into(),
                credit: Some("Ảnh: TTXVN".into()),
                ..Figure::default()
            }),
        ],
        authors: vec![Author {
            name: "Đào Thị Ngân".into(),
            role: None,
            url: None,
        }],
        ..Article::default()
    }
}

const FR: &[(&str, &str)] = &[
    ("Lũ lớn ở Đắk Lắk", "Grandes crues au Đắk Lắk"),
    (
        "Bà Đào Thị Ngân nói lũ đến nhanh.",
        "Mme Đào Thị Ngân dit que la crue est arrivée vite.",
    ),
    ("Nước dâng ở <x1>Huế</x1>.", "L'eau monte à <x1>Huế</x1>."),
    ("Nhà ngập ở Đắk Lắk", "Maisons inondées au Đắk Lắk"),
    // What the demo's human translations do: the credit left as it is.
    ("Ảnh minh họa", "Ảnh minh họa"),
    ("Tư liệu", "Tư liệu"),
    ("Ảnh: TTXVN", "Ảnh: TTXVN"),
];

fn translator(memory: Arc<InMemoryStore>) -> Translator {
    Translator::new(Engines::new(), Glossary::new(), memory)
}

#[tokio::test]
async fn names_are_marked_vietnamese_by_default() {
    let tr = translator(remembered("fr", FR).await);
    assert_eq!(tr.name_style("fr"), NameStyle::Diacritics);
    let done = tr.translate_article(&article(), "vi", "fr").await.unwrap();
    let a = &done.article;
    let lead = a.lead.as_ref().unwrap();
    assert!(!lead.has_unmarked_vietnamese(), "{lead:?}");
    assert_eq!(
        lead.0[1],
        Inline::Foreign {
            lang: "vi".into(),
            children: vec![Inline::Text("Đào Thị Ngân".into())]
        }
    );
    let Block::Paragraph { text } = &a.blocks[0] else {
        panic!("a paragraph")
    };
    // Inside the bold run, the name is marked; the markup is kept.
    assert_eq!(
        text.0[1],
        Inline::Bold(vec![Inline::Foreign {
            lang: "vi".into(),
            children: vec![Inline::Text("Huế".into())]
        }])
    );
    // Plain fields keep the name as written (the portal marks them when rendering).
    assert_eq!(a.title, "Grandes crues au Đắk Lắk");
}

#[tokio::test]
async fn credit_vocabulary_is_written_in_the_target_language() {
    for (lang, pairs, file, illustration, vna) in [
        ("fr", FR, "Archives", "Photo d'illustration", "Photo : VNA"),
        (
            "en",
            &[
                ("Tư liệu", "Tư liệu"),
                ("Ảnh minh họa", "Ảnh minh họa"),
                ("Ảnh: TTXVN", "Ảnh: TTXVN"),
                ("Lũ lớn ở Đắk Lắk", "Major floods in Đắk Lắk"),
                (
                    "Bà Đào Thị Ngân nói lũ đến nhanh.",
                    "Đào Thị Ngân said the flood came fast.",
                ),
                (
                    "Nước dâng ở <x1>Huế</x1>.",
                    "Water is rising in <x1>Huế</x1>.",
                ),
                ("Nhà ngập ở Đắk Lắk", "Flooded houses in Đắk Lắk"),
            ][..],
            "File photo",
            "Illustration photo",
            "Photo: VNA",
        ),
    ] {
        let tr = translator(remembered(lang, pairs).await);
        let done = tr.translate_article(&article(), "vi", lang).await.unwrap();
        let figures: Vec<&Figure> = done
            .article
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Figure(f) => Some(f),
                _ => None,
            })
            .collect();
        assert_eq!(figures[0].credit.as_deref(), Some(file), "{lang}");
        assert_eq!(
            figures[0].caption.as_ref().unwrap().plain_text(),
            illustration,
            "{lang}"
        );
        assert_eq!(figures[1].credit.as_deref(), Some(vna), "{lang}");
        let credit = done
            .segments
            .iter()
            .find(|s| s.source == "Tư liệu")
            .unwrap();
        assert_eq!(credit.target, file, "the report shows what was published");
        assert!(credit.flags.is_empty(), "{:?}", credit.flags);
    }
}

#[tokio::test]
async fn an_ascii_house_style_writes_names_without_diacritics() {
    let tr = translator(remembered("fr", FR).await).with_name_style("fr-FR", NameStyle::Ascii);
    let done = tr.translate_article(&article(), "vi", "fr").await.unwrap();
    let a = &done.article;
    assert_eq!(a.title, "Grandes crues au Dak Lak");
    assert_eq!(
        a.lead.as_ref().unwrap().plain_text(),
        "Mme Dao Thi Ngan dit que la crue est arrivée vite.",
        "only the Vietnamese run loses its marks: 'arrivée' keeps its accent"
    );
    let Block::Figure(fig) = &a.blocks[1] else {
        panic!("a figure")
    };
    assert_eq!(fig.alt.as_deref(), Some("Maisons inondées au Dak Lak"));
    let Block::Paragraph { text } = &a.blocks[0] else {
        panic!("a paragraph")
    };
    assert_eq!(text.plain_text(), "L'eau monte à Hue.");
    assert!(matches!(&text.0[1], Inline::Bold(_)), "markup kept");
    // Nothing of the Vietnamese alphabet is left anywhere in the version.
    let json = serde_json::to_string(&a.blocks).unwrap();
    assert!(
        !json.chars().any(article::foreign::is_vietnamese_only),
        "{json}"
    );
    // Another language keeps the default.
    assert_eq!(tr.name_style("en"), NameStyle::Diacritics);
}
