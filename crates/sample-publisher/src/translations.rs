//! Human translations of the bundled articles (the demo's translation memory).
//!
//! A translation file mirrors a section file of `content/articles/`: the same
//! `[[articles]]` ids with translated title, lead, tags, bylines' roles,
//! images' captions and alt texts, and a body with the same block structure.

use std::collections::HashMap;

use article::Article;
use serde::Deserialize;

use crate::markup::parse_body;
use crate::model::{complete_article, Byline};
use crate::{ContentError, Site};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TranslationFile {
    articles: Vec<TranslatedEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TranslatedEntry {
    id: u32,
    title: String,
    lead: String,
    #[serde(default)]
    tags: Vec<String>,
    authors: Vec<TranslatedByline>,
    images: Vec<TranslatedImage>,
    body: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TranslatedByline {
    name: String,
    role: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TranslatedImage {
    caption: String,
    alt: String,
    credit: String,
}

impl Site {
    /// Reads a translation file and returns, for each of its articles, the
    /// original as a perfect extractor sees it and its translation with the
    /// same structure (URLs resolved against `base`).
    pub fn translated_pairs(
        &self,
        toml_text: &str,
        base: &str,
    ) -> Result<Vec<(Article, Article)>, ContentError> {
        let file: TranslationFile =
            toml::from_str(toml_text).map_err(|e| ContentError::Invalid {
                id: 0,
                reason: format!("translation file: {e}"),
            })?;
        let paths: HashMap<u32, String> =
            self.articles().iter().map(|a| (a.id, a.path())).collect();
        let mut pairs = Vec::new();
        for entry in file.articles {
            let id = entry.id;
            let invalid = |reason: String| ContentError::Invalid { id, reason };
            let Some(original) = self.article(id) else {
                return Err(invalid("no bundled article has this id".into()));
            };
            let mut body =
                parse_body(&entry.body).map_err(|source| ContentError::Markup { id, source })?;
            for block in &mut body {
                if let crate::BodyBlock::Paragraph(text) = block {
                    crate::content::resolve_in(&mut text.0, &paths).map_err(invalid)?;
                }
            }
            if entry.images.len() != original.images.len()
                || entry.authors.len() != original.authors.len()
            {
                return Err(invalid(
                    "images or authors differ in number from the original".into(),
                ));
            }
            let mut translated = (*original).clone();
            translated.title = entry.title;
            translated.lead = entry
                .lead
                .split_ascii_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            translated.tags = entry.tags;
            translated.body = body;
            translated.authors = entry
                .authors
                .into_iter()
                .map(|b| Byline {
                    name: b.name,
                    role: b.role,
                })
                .collect();
            for (image, t) in translated.images.iter_mut().zip(entry.images) {
                image.caption = t.caption;
                image.alt = t.alt;
                image.credit = t.credit;
            }
            let section = self
                .section(&original.section)
                .map_or("", |s| s.name.as_str());
            let source = complete_article(&original, base, self.newspaper(), section);
            let target = complete_article(&translated, base, self.newspaper(), section);
            pairs.push((source, target));
        }
        Ok(pairs)
    }
}
