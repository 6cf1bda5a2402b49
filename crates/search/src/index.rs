//! The search index: one tantivy document per (article, language).

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use serde::{Deserialize, Serialize};
use tantivy::directory::error::LockError;
use tantivy::directory::MmapDirectory;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError, Term};
use unicode_normalization::UnicodeNormalization;

use crate::analysis::{Family, FAMILIES};
use crate::SearchError;

/// Memory the writer may use before it flushes a segment. Tantivy's minimum
/// is 15 MB per thread; 50 MB keeps bulk (re)indexing fast without weighing on
/// a web node.
const WRITER_MEMORY: usize = 50_000_000;

/// One language version of an article, as the index sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IndexDoc {
    /// The article.
    pub article_id: i64,
    /// Language of this version (BCP 47 tag).
    pub lang: String,
    /// Title in that language.
    pub title: String,
    /// Lead in that language, plain text.
    pub lead: String,
    /// Body in that language, plain text.
    pub body: String,
    /// Portal section.
    pub section_id: Option<i64>,
    /// Original publication time (ms since the epoch).
    pub published_at: Option<i64>,
    /// The story (topic) the article was placed in, which
    /// [`crate::StoryAssigner`] reads back to place later articles.
    pub story_id: Option<i64>,
    /// The publisher's tags (keywords), which [`crate::StoryAssigner`]
    /// takes as evidence when a new article shares them.
    pub tags: Vec<String>,
}

/// Which part of the article a text field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Title,
    Lead,
    Body,
}

impl Part {
    pub(crate) const ALL: [Part; 3] = [Part::Title, Part::Lead, Part::Body];

    fn name(self) -> &'static str {
        match self {
            Part::Title => "title",
            Part::Lead => "lead",
            Part::Body => "body",
        }
    }
}

/// The schema's fields.
#[derive(Debug, Clone)]
pub(crate) struct Fields {
    /// `"{article_id}:{lang}"`: what an upsert replaces.
    pub(crate) key: Field,
    pub(crate) article_id: Field,
    pub(crate) lang: Field,
    pub(crate) section_id: Field,
    pub(crate) published_at: Field,
    pub(crate) story_id: Field,
    pub(crate) tags: Field,
    /// Stored originals, for results and snippets.
    pub(crate) title: Field,
    pub(crate) lead: Field,
    pub(crate) body: Field,
    /// Analyzed text: `analyzed[family index][part index]`.
    analyzed: Vec<[Field; 3]>,
}

impl Fields {
    /// The analyzed field of `part` for `family`.
    pub(crate) fn text(&self, family: Family, part: Part) -> Option<Field> {
        let i = FAMILIES.iter().position(|f| *f == family)?;
        let p = Part::ALL.iter().position(|x| *x == part)?;
        self.analyzed.get(i).and_then(|parts| parts.get(p)).copied()
    }
}

fn schema() -> (Schema, Fields) {
    schema_with(Family::tokenizer_name)
}

/// The schema, with each family's analyzed fields using tokenizer `name(family)`.
fn schema_with(name: impl Fn(Family) -> String) -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let key = builder.add_text_field("key", STRING);
    let article_id = builder.add_i64_field("article_id", INDEXED | STORED | FAST);
    let lang = builder.add_text_field("lang", STRING | STORED);
    let section_id = builder.add_i64_field("section_id", INDEXED | STORED | FAST);
    let published_at = builder.add_i64_field("published_at", INDEXED | STORED | FAST);
    let story_id = builder.add_i64_field("story_id", INDEXED | STORED | FAST);
    let tags = builder.add_text_field("tags", STRING | STORED);
    let title = builder.add_text_field("title", STORED);
    let lead = builder.add_text_field("lead", STORED);
    let body = builder.add_text_field("body", STORED);
    let analyzed = FAMILIES
        .iter()
        .map(|family| {
            let options = TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(&name(*family))
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            );
            Part::ALL.map(|part| {
                builder.add_text_field(
                    &format!("{}_{}", part.name(), family.suffix()),
                    options.clone(),
                )
            })
        })
        .collect();
    let fields = Fields {
        key,
        article_id,
        lang,
        section_id,
        published_at,
        story_id,
        tags,
        title,
        lead,
        body,
        analyzed,
    };
    (builder.build(), fields)
}

/// The search index of a web node: cheap to clone, safe to share between threads.
#[derive(Clone)]
pub struct SearchIndex {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) index: Index,
    pub(crate) fields: Fields,
    writer: Mutex<IndexWriter>,
    pub(crate) reader: IndexReader,
    path: Option<PathBuf>,
}

impl fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SearchIndex")
            .field("path", &self.inner.path)
            .finish_non_exhaustive()
    }
}

/// The cursor saved with each commit by [`crate::follow_changes`].
#[derive(Serialize, Deserialize)]
struct CommitPayload {
    change_cursor: i64,
}

impl SearchIndex {
    /// Opens the index in `dir`, creating the directory and an empty index when missing.
    pub fn open(dir: &Path) -> Result<SearchIndex, SearchError> {
        let path = dir.display().to_string();
        let directory_err = |reason: String| SearchError::Directory {
            path: path.clone(),
            reason,
        };
        std::fs::create_dir_all(dir).map_err(|e| directory_err(e.to_string()))?;
        let directory = MmapDirectory::open(dir).map_err(|e| directory_err(e.to_string()))?;
        let (schema, fields) = schema();
        let index = Index::open_or_create(directory, schema).map_err(|e| match e {
            TantivyError::SchemaError(_) => SearchError::SchemaMismatch { path: path.clone() },
            other => SearchError::Index(other),
        })?;
        SearchIndex::build(index, fields, Some(dir.to_path_buf()))
    }

    /// A new, empty index in memory (tests, benchmarks, a node without a data dir).
    pub fn in_memory() -> Result<SearchIndex, SearchError> {
        let (schema, fields) = schema();
        SearchIndex::build(Index::create_in_ram(schema), fields, None)
    }

    fn build(
        index: Index,
        fields: Fields,
        path: Option<PathBuf>,
    ) -> Result<SearchIndex, SearchError> {
        for family in FAMILIES {
            index
                .tokenizers()
                .register(&family.tokenizer_name(), family.analyzer());
        }
        let writer = index
            .writer_with_num_threads(1, WRITER_MEMORY)
            .map_err(|e| match e {
                TantivyError::LockFailure(LockError::LockBusy, _) => SearchError::Locked {
                    path: path
                        .as_ref()
                        .map_or_else(String::new, |p| p.display().to_string()),
                },
                other => SearchError::Index(other),
            })?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            inner: Arc::new(Inner {
                index,
                fields,
                writer: Mutex::new(writer),
                reader,
                path,
            }),
        })
    }

    fn writer(&self) -> Result<MutexGuard<'_, IndexWriter>, SearchError> {
        self.inner.writer.lock().map_err(|_| SearchError::Poisoned)
    }

    /// Adds a language version, replacing the one already indexed for the same
    /// article and language. Searchable after [`SearchIndex::commit`].
    pub fn upsert(&self, doc: &IndexDoc) -> Result<(), SearchError> {
        let f = &self.inner.fields;
        let lang = normalize_lang(&doc.lang);
        let title: String = doc.title.nfc().collect();
        let lead: String = doc.lead.nfc().collect();
        let body: String = doc.body.nfc().collect();
        let mut document = TantivyDocument::default();
        document.add_text(f.key, key(doc.article_id, &lang));
        document.add_i64(f.article_id, doc.article_id);
        document.add_text(f.lang, &lang);
        if let Some(section) = doc.section_id {
            document.add_i64(f.section_id, section);
        }
        if let Some(at) = doc.published_at {
            document.add_i64(f.published_at, at);
        }
        if let Some(story) = doc.story_id {
            document.add_i64(f.story_id, story);
        }
        for tag in &doc.tags {
            document.add_text(f.tags, crate::assign::tag_key(tag));
        }
        for family in Family::for_lang(&lang) {
            for (part, text) in [
                (Part::Title, &title),
                (Part::Lead, &lead),
                (Part::Body, &body),
            ] {
                if let Some(field) = f.text(*family, part) {
                    document.add_text(field, text);
                }
            }
        }
        document.add_text(f.title, &title);
        document.add_text(f.lead, &lead);
        document.add_text(f.body, &body);
        let writer = self.writer()?;
        writer.delete_term(Term::from_field_text(f.key, &key(doc.article_id, &lang)));
        writer.add_document(document)?;
        Ok(())
    }

    /// Removes one language version of an article, or all of them when `lang` is None.
    pub fn remove(&self, article_id: i64, lang: Option<&str>) -> Result<(), SearchError> {
        let f = &self.inner.fields;
        let term = match lang {
            Some(lang) => Term::from_field_text(f.key, &key(article_id, &normalize_lang(lang))),
            None => Term::from_field_i64(f.article_id, article_id),
        };
        self.writer()?.delete_term(term);
        Ok(())
    }

    /// Makes every upsert and removal so far visible to searches.
    pub fn commit(&self) -> Result<(), SearchError> {
        self.writer()?.commit()?;
        self.inner.reader.reload()?;
        Ok(())
    }

    /// Commits and records `cursor`, the last change-log id applied, with the
    /// commit: after a restart, [`SearchIndex::change_cursor`] tells where to
    /// resume following the change log.
    pub fn commit_at(&self, cursor: i64) -> Result<(), SearchError> {
        let payload = serde_json::to_string(&CommitPayload {
            change_cursor: cursor,
        })?;
        {
            let mut writer = self.writer()?;
            let mut prepared = writer.prepare_commit()?;
            prepared.set_payload(&payload);
            prepared.commit()?;
        }
        self.inner.reader.reload()?;
        Ok(())
    }

    /// The change-log id recorded by the last [`SearchIndex::commit_at`]; 0
    /// for a new index (follow the log from its start).
    pub fn change_cursor(&self) -> Result<i64, SearchError> {
        let metas = self.inner.index.load_metas()?;
        Ok(metas
            .payload
            .and_then(|p| serde_json::from_str::<CommitPayload>(&p).ok())
            .map_or(0, |p| p.change_cursor))
    }

    /// Number of language versions searchable now.
    pub fn num_docs(&self) -> u64 {
        self.inner.reader.searcher().num_docs()
    }
}

/// Language tags compare case-insensitively (`pt-BR` = `pt-br`).
pub(crate) fn normalize_lang(lang: &str) -> String {
    lang.trim().replace('_', "-").to_ascii_lowercase()
}

pub(crate) fn key(article_id: i64, lang: &str) -> String {
    format!("{article_id}:{lang}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_analyzed_by_another_version_is_a_schema_mismatch() {
        let dir = tempfile::tempdir().unwrap();
        let (old, _) = schema_with(|family| format!("nb_{}", family.suffix()));
        Index::create_in_dir(dir.path(), old).unwrap();
        let err = SearchIndex::open(dir.path()).unwrap_err();
        assert!(matches!(err, SearchError::SchemaMismatch { .. }), "{err}");

        let fresh = tempfile::tempdir().unwrap();
        drop(SearchIndex::open(fresh.path()).unwrap());
        SearchIndex::open(fresh.path()).unwrap();
    }
}
