//! Hostile input never panics: random mixes of markup-like text, entities,
//! numbers and scripts go through every pure function.

use article::{Inline, RichText};
use translate::{
    check_segment, decode, encode, find_numbers, localize_numbers, number_format, split_rich_text,
    split_sentences, Glossary, GlossaryEntry, LangPair, Markup, MemoryEntry, NumberConventions,
    Origin, QaConfig, QaInput, SegmentKey,
};

const PIECES: &[&str] = &[
    "<",
    ">",
    "&",
    "&amp;",
    "&#",
    "&#x1F600;",
    "&#99999999;",
    ";",
    "/",
    "x",
    "g",
    "1",
    "0",
    "<x1>",
    "</x1>",
    "<x2/>",
    "<g1>",
    "</g9>",
    "< x1 >",
    "<X3>",
    ".",
    ",",
    " ",
    "\u{a0}",
    "\u{202f}",
    "%",
    "1.115",
    "3,5",
    "0912.345.678",
    "TP.",
    "HCM",
    "Putin",
    "PUTIN",
    "Nguyễn",
    "ạ",
    "。",
    "！",
    "東京",
    "서울",
    "Путин",
    "\n",
    "\t",
    "😀",
    "e\u{301}",
    "''",
    "\"",
    "«",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 as usize
    }
    fn text(&mut self) -> String {
        let n = self.next() % 24;
        (0..n).map(|_| PIECES[self.next() % PIECES.len()]).collect()
    }
}

#[test]
fn nothing_panics_on_random_input() {
    let mut rng = Rng(42);
    let pair = LangPair::new("vi", "fr");
    let mut glossary = Glossary::new();
    glossary.add(GlossaryEntry::forced(&pair, "Putin", "Poutine"));
    glossary.add(GlossaryEntry::keep("HCM"));
    let vi = number_format("vi").unwrap();
    let fr = number_format("fr").unwrap();
    let tags = vec![
        Markup::Bold,
        Markup::Break,
        Markup::Link {
            href: "https://x".into(),
        },
    ];
    for lang in ["vi", "en", "fr", "de", "es", "zh", "ja", "ko", "ru", "xx"] {
        for _ in 0..300 {
            let a = rng.text();
            let b = rng.text();
            let _ = split_sentences(&a, lang);
            let rich = RichText(vec![
                Inline::Text(a.clone()),
                Inline::Bold(vec![Inline::Text(b.clone()), Inline::Break]),
                Inline::Link {
                    href: "https://x".into(),
                    children: vec![Inline::Italic(vec![Inline::Text(a.clone())])],
                },
            ]);
            let pieces = split_rich_text(&rich, lang);
            assert!(pieces.len() <= a.len() * 2 + b.len() + 4);
            let enc = encode(&rich);
            assert_eq!(
                decode(&enc.text, &enc.tags).text.plain_text(),
                rich.plain_text()
            );
            let _ = decode(&a, &tags);
            let p = LangPair::new("vi", lang);
            let _ = check_segment(
                &QaInput {
                    pair: &p,
                    source: &a,
                    target: &b,
                    glossary: Some(&glossary),
                },
                &QaConfig::default(),
            );
            let protected = glossary.protect(&a, &pair);
            let _ = glossary.restore(&b, &protected.terms);
            let _ = glossary.restore(&protected.text, &protected.terms);
            let _ = localize_numbers(&a, &vi, &fr);
            let _ = find_numbers(
                &a,
                &NumberConventions {
                    group: '.',
                    decimal: ',',
                },
            );
            let _ = SegmentKey::new(&a, lang);
            let entry = MemoryEntry::new(pair.clone(), &a, &b, Origin::Human { editor: None });
            let _ = translate::adapt_near(&entry, &rng.text());
        }
    }
}
