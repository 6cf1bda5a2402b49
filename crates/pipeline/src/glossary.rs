//! Glossary terms between the store's rows and the translate crate's
//! entries, and glossary CSV files read strictly for import.

use std::path::{Path, PathBuf};

use translate::{Glossary, GlossaryEntry, TermKind};

/// The header line a glossary CSV starts with.
pub const HEADER: &str = "source_lang,target_lang,source,target,kind,case";

/// Why a glossary file was not imported.
#[derive(Debug, thiserror::Error)]
pub enum GlossaryFileError {
    /// The file could not be read.
    #[error("cannot read {}", .file.display())]
    Read {
        /// The file.
        file: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// Its first line is not the comma-separated header.
    #[error("cannot import {}", .file.display())]
    Header {
        /// The file.
        file: PathBuf,
        /// What is wrong with the first line.
        #[source]
        source: HeaderError,
    },
    /// A row is not a term.
    #[error("cannot read {}", .file.display())]
    Csv {
        /// The file.
        file: PathBuf,
        /// What the glossary reader said.
        #[source]
        source: translate::GlossaryError,
    },
    /// A header and no term.
    #[error("{} holds no terms: after the header line `{HEADER}`, write one term per line, e.g. `vi,fr,Putin,Poutine,forced,insensitive`", .0.display())]
    Empty(PathBuf),
}

/// What is wrong with a glossary file's first line.
#[derive(Debug, thiserror::Error)]
pub enum HeaderError {
    /// Semicolons or tabs where commas belong (spreadsheets in many locales).
    #[error("its columns are separated by {0}, not commas; save it as comma-separated CSV (UTF-8) whose first line is `{HEADER}`")]
    Separator(&'static str),
    /// No header line.
    #[error("its first line must be the header `{HEADER}`, not {0:?}")]
    Missing(String),
}

/// Reads a glossary CSV for import: comma-separated, starting with
/// [`HEADER`], with at least one term. A file saved with semicolons or tabs,
/// or without its header, would otherwise lose terms without a word.
pub fn read_csv_file(file: &Path) -> Result<Glossary, GlossaryFileError> {
    let text = std::fs::read_to_string(file).map_err(|source| GlossaryFileError::Read {
        file: file.to_path_buf(),
        source,
    })?;
    check_header(&text).map_err(|source| GlossaryFileError::Header {
        file: file.to_path_buf(),
        source,
    })?;
    let glossary =
        Glossary::from_csv(text.as_bytes()).map_err(|source| GlossaryFileError::Csv {
            file: file.to_path_buf(),
            source,
        })?;
    if glossary.entries().is_empty() {
        return Err(GlossaryFileError::Empty(file.to_path_buf()));
    }
    Ok(glossary)
}

/// Stores every term of `glossary` (a term already there is replaced);
/// returns how many.
pub async fn import(store: &store::Store, glossary: &Glossary) -> Result<usize, store::StoreError> {
    for entry in glossary.entries() {
        store.upsert_term(&to_stored(entry)).await?;
    }
    Ok(glossary.entries().len())
}

/// The stored terms from `source` to `target` as a glossary.
pub async fn export(
    store: &store::Store,
    source: &str,
    target: &str,
) -> Result<Glossary, store::StoreError> {
    let mut glossary = Glossary::new();
    for term in store.glossary(source, target).await? {
        glossary.add(from_stored(term));
    }
    Ok(glossary)
}

fn check_header(text: &str) -> Result<(), HeaderError> {
    let Some(first) = text
        .trim_start_matches('\u{feff}')
        .lines()
        .find(|l| !l.trim().is_empty())
    else {
        return Ok(());
    };
    for (sep, name) in [(';', "semicolons"), ('\t', "tabs")] {
        if first.contains(sep) && !first.contains(',') {
            return Err(HeaderError::Separator(name));
        }
    }
    let columns: Vec<String> = first
        .split(',')
        .map(|c| c.trim().trim_matches('"').to_ascii_lowercase())
        .collect();
    if columns.first().map(String::as_str) != Some("source_lang") {
        return Err(HeaderError::Missing(first.to_string()));
    }
    Ok(())
}

/// A translate-crate entry as the store keeps it.
pub fn to_stored(entry: &GlossaryEntry) -> store::GlossaryTerm {
    store::GlossaryTerm {
        source_lang: entry.source_lang.clone(),
        target_lang: entry.target_lang.clone(),
        term: entry.source.clone(),
        translation: entry.target.clone(),
        kind: match entry.kind {
            TermKind::Forced => store::GlossaryTermKind::Force,
            TermKind::Keep => store::GlossaryTermKind::Keep,
        },
        case_sensitive: entry.case_sensitive,
    }
}

/// A stored term as the translate crate uses it.
pub fn from_stored(term: store::GlossaryTerm) -> GlossaryEntry {
    GlossaryEntry {
        source_lang: term.source_lang,
        target_lang: term.target_lang,
        source: term.term,
        target: term.translation,
        kind: match term.kind {
            store::GlossaryTermKind::Force => TermKind::Forced,
            store::GlossaryTermKind::Keep => TermKind::Keep,
        },
        case_sensitive: term.case_sensitive,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolons_tabs_and_a_missing_header_are_refused() {
        let semi = "source_lang;target_lang;source;target;kind;case\nvi;fr;Putin;Poutine;forced;\n";
        let err = check_header(semi).unwrap_err().to_string();
        assert!(err.contains("semicolons"), "{err}");
        let tabs = "source_lang\ttarget_lang\tsource\ttarget\nvi\tfr\ta\tb\n";
        assert!(check_header(tabs).unwrap_err().to_string().contains("tabs"));
        let headless = "vi,fr,Putin,Poutine,forced,insensitive\n";
        let err = check_header(headless).unwrap_err().to_string();
        assert!(err.contains("header"), "{err}");
        check_header("\u{feff}source_lang,target_lang,source,target,kind,case\n").unwrap();
        check_header("").unwrap();
    }

    #[tokio::test]
    async fn a_file_is_read_strictly_then_stored_and_exported() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("terms.csv");
        std::fs::write(&file, format!("{HEADER}\n")).unwrap();
        assert!(matches!(
            read_csv_file(&file),
            Err(GlossaryFileError::Empty(_))
        ));
        std::fs::write(&file, "source_lang;target_lang\nvi;fr\n").unwrap();
        let err = read_csv_file(&file).unwrap_err();
        assert!(matches!(err, GlossaryFileError::Header { .. }), "{err}");
        std::fs::write(
            &file,
            format!("{HEADER}\nvi,fr,Putin,Poutine,forced,insensitive\n"),
        )
        .unwrap();
        let glossary = read_csv_file(&file).unwrap();
        let (store, _db) = store::testing::sqlite().await.unwrap();
        assert_eq!(import(&store, &glossary).await.unwrap(), 1);
        assert_eq!(import(&store, &glossary).await.unwrap(), 1);
        let back = export(&store, "vi", "fr").await.unwrap();
        assert_eq!(back.entries(), glossary.entries());
        assert!(export(&store, "vi", "de")
            .await
            .unwrap()
            .entries()
            .is_empty());
    }
}
