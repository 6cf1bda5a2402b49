//! The demo's human translations: the sample publisher's articles in English
//! and French (`demo/translations/`), aligned sentence by sentence into the
//! translation memory, so the demo portal shows real translations without a
//! machine translation engine (none can be downloaded here).

use anyhow::{Context, Result};
use article::{Article, Block, RichText};
use translate::{LangPair, MemoryEntry, MemoryStore, Origin, Piece};

use crate::translation_memory::DatabaseMemory;

/// The bundled translation files, by language.
const FILES: &[(&str, &str)] = &[
    (
        "en",
        include_str!("../../../demo/translations/en/thoi-su.toml"),
    ),
    (
        "en",
        include_str!("../../../demo/translations/en/the-gioi.toml"),
    ),
    (
        "en",
        include_str!("../../../demo/translations/en/kinh-te.toml"),
    ),
    (
        "en",
        include_str!("../../../demo/translations/en/van-hoa.toml"),
    ),
    (
        "en",
        include_str!("../../../demo/translations/en/the-thao.toml"),
    ),
    (
        "en",
        include_str!("../../../demo/translations/en/du-lich.toml"),
    ),
    (
        "en",
        include_str!("../../../demo/translations/en/khoa-hoc.toml"),
    ),
    (
        "fr",
        include_str!("../../../demo/translations/fr/thoi-su.toml"),
    ),
    (
        "fr",
        include_str!("../../../demo/translations/fr/the-gioi.toml"),
    ),
    (
        "fr",
        include_str!("../../../demo/translations/fr/kinh-te.toml"),
    ),
    (
        "fr",
        include_str!("../../../demo/translations/fr/van-hoa.toml"),
    ),
    (
        "fr",
        include_str!("../../../demo/translations/fr/the-thao.toml"),
    ),
    (
        "fr",
        include_str!("../../../demo/translations/fr/du-lich.toml"),
    ),
    (
        "fr",
        include_str!("../../../demo/translations/fr/khoa-hoc.toml"),
    ),
];

/// What the import did.
#[derive(Debug, Default, Clone, Copy)]
pub struct Imported {
    /// Sentence pairs remembered.
    pub segments: usize,
    /// Text units whose sentence counts differed (not remembered).
    pub unaligned: usize,
}

/// Imports every bundled translation into the translation memory as human translations.
pub async fn import(
    store: &store::Store,
    site: &sample_publisher::Site,
    source_lang: &str,
) -> Result<Imported> {
    let memory = DatabaseMemory::new(store.clone());
    let mut done = Imported::default();
    for (lang, text) in FILES {
        let pair = LangPair::new(source_lang, lang);
        let pairs = site
            .translated_pairs(text, "http://sample.invalid")
            .with_context(|| format!("a bundled {lang} translation file is invalid"))?;
        for (source, target) in pairs {
            for (s, t) in units(&source).iter().zip(units(&target).iter()) {
                remember_unit(&memory, &pair, s, t, &mut done).await?;
            }
        }
        for section in store.sections().await? {
            if let (Some(s), Some(t)) = (section.names.get(source_lang), section.names.get(*lang)) {
                remember_unit(
                    &memory,
                    &pair,
                    &RichText::plain(s.as_str()),
                    &RichText::plain(t.as_str()),
                    &mut done,
                )
                .await?;
            }
        }
    }
    Ok(done)
}

async fn remember_unit(
    memory: &DatabaseMemory,
    pair: &LangPair,
    source: &RichText,
    target: &RichText,
    done: &mut Imported,
) -> Result<()> {
    let sentences = |text: &RichText, lang: &str| -> Vec<String> {
        translate::split_rich_text(text, lang)
            .into_iter()
            .filter_map(|p| match p {
                Piece::Sentence(s) => Some(s.text),
                Piece::Break => None,
            })
            .collect()
    };
    let s = sentences(source, &pair.source);
    let t = sentences(target, &pair.target);
    if s.len() != t.len() {
        done.unaligned += 1;
        return Ok(());
    }
    for (s, t) in s.iter().zip(t.iter()) {
        let origin = Origin::Human {
            editor: Some("sample translations".into()),
        };
        memory
            .record(MemoryEntry::new(pair.clone(), s, t, origin))
            .await?;
        done.segments += 1;
    }
    Ok(())
}

/// Every translatable text of an article, in a fixed order.
fn units(a: &Article) -> Vec<RichText> {
    let mut out = vec![RichText::plain(a.title.as_str())];
    out.extend(a.lead.clone());
    let figure = |f: &article::Figure, out: &mut Vec<RichText>| {
        out.extend(f.caption.clone());
        out.extend(f.alt.as_deref().map(RichText::plain));
        out.extend(f.credit.as_deref().map(RichText::plain));
    };
    for block in &a.blocks {
        match block {
            Block::Paragraph { text } | Block::Heading { text, .. } => out.push(text.clone()),
            Block::Quote { text, cite } => {
                out.push(text.clone());
                out.extend(cite.as_deref().map(RichText::plain));
            }
            Block::List { items, .. } => out.extend(items.iter().cloned()),
            Block::Table { rows, .. } => out.extend(rows.iter().flatten().cloned()),
            Block::Figure(f) => figure(f, &mut out),
            Block::Embed { .. } => {}
        }
    }
    if let Some(image) = &a.image {
        figure(image, &mut out);
    }
    for author in &a.authors {
        out.extend(author.role.as_deref().map(RichText::plain));
    }
    out.extend(a.tags.iter().map(|t| RichText::plain(t.as_str())));
    out
}
