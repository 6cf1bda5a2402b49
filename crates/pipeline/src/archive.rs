//! The whole database as one archive file (`newsbridge export` / `import`),
//! over the store's archive format.

use std::path::{Path, PathBuf};

/// Why an archive could not be written or read.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    /// A file could not be created, opened or moved.
    #[error("{message}")]
    Io {
        /// What could not be done, naming the file.
        message: String,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// The store could not write or load the archive.
    #[error("cannot {action} {}", .file.display())]
    Store {
        /// `export to` or `import`.
        action: &'static str,
        /// The archive.
        file: PathBuf,
        /// What the store said.
        #[source]
        source: store::StoreError,
    },
}

/// Writes the archive next to its final name (`.partial`), then renames it:
/// a failed or interrupted export never leaves a file that looks like a backup.
pub async fn export(
    store: &store::Store,
    file: &Path,
) -> Result<store::ArchiveSummary, ArchiveError> {
    let partial = file.with_extension("partial");
    let out = std::fs::File::create(&partial).map_err(|source| ArchiveError::Io {
        message: format!("cannot create {}", partial.display()),
        source,
    })?;
    let summary = match store.export_archive(std::io::BufWriter::new(out)).await {
        Ok(summary) => summary,
        Err(source) => {
            let _ = std::fs::remove_file(&partial);
            return Err(ArchiveError::Store {
                action: "export to",
                file: file.to_path_buf(),
                source,
            });
        }
    };
    std::fs::rename(&partial, file).map_err(|source| ArchiveError::Io {
        message: format!("cannot move {} to {}", partial.display(), file.display()),
        source,
    })?;
    Ok(summary)
}

/// Loads an archive into the store's (empty) database, all or nothing.
pub async fn import(
    store: &store::Store,
    file: &Path,
) -> Result<store::ArchiveSummary, ArchiveError> {
    let input = std::fs::File::open(file).map_err(|source| ArchiveError::Io {
        message: format!("cannot open the archive {}", file.display()),
        source,
    })?;
    store
        .import_archive(std::io::BufReader::new(input))
        .await
        .map_err(|source| ArchiveError::Store {
            action: "import",
            file: file.to_path_buf(),
            source,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_export_imports_into_an_empty_database() {
        let (from, _a) = store::testing::sqlite().await.unwrap();
        let names = [("en".to_string(), "World".to_string())].into();
        from.upsert_section("world", 0, &names).await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("site.nbarchive");
        let written = export(&from, &file).await.unwrap();
        assert!(file.is_file());
        assert!(!dir.path().join("site.partial").exists());
        let (to, _b) = store::testing::sqlite().await.unwrap();
        let read = import(&to, &file).await.unwrap();
        assert!(written.total_rows() >= 1);
        assert_eq!(read.total_rows(), written.total_rows());
        assert_eq!(to.sections().await.unwrap()[0].slug, "world");
    }

    #[tokio::test]
    async fn a_missing_archive_is_named_in_the_error() {
        let (to, _db) = store::testing::sqlite().await.unwrap();
        let err = import(&to, Path::new("/nonexistent/x.nbarchive"))
            .await
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot open the archive /nonexistent/x.nbarchive"
        );
    }

    #[tokio::test]
    async fn a_failed_export_leaves_no_file() {
        let (from, _db) = store::testing::sqlite().await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("no-such-dir/site.nbarchive");
        let err = export(&from, &file).await.unwrap_err();
        assert!(err.to_string().starts_with("cannot create"), "{err}");
        assert!(!file.exists());
    }
}
