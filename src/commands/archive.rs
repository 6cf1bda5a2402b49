//! `newsbridge export` and `import`: the whole database as one archive.

use std::path::Path;

use anyhow::{Context, Result};

use pipeline::config::Config;

/// Writes the archive next to its final name, then renames it: a failed or
/// interrupted export never leaves a file that looks like a backup.
pub async fn export(config: Config, file: &Path) -> Result<()> {
    let store = pipeline::app::open_existing_store(&config).await?;
    let partial = file.with_extension("partial");
    let out = std::fs::File::create(&partial)
        .with_context(|| format!("cannot create {}", partial.display()))?;
    let summary = match store
        .export_archive(std::io::BufWriter::new(out))
        .await
        .with_context(|| format!("cannot export to {}", file.display()))
    {
        Ok(summary) => summary,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
    };
    std::fs::rename(&partial, file)
        .with_context(|| format!("cannot move {} to {}", partial.display(), file.display()))?;
    outln!(
        "exported {} rows (schema version {}) to {}",
        summary.total_rows(),
        summary.schema_version,
        file.display()
    );
    print_rows(&summary);
    Ok(())
}

/// Loads an archive into the configured (empty) database.
pub async fn import(config: Config, file: &Path) -> Result<()> {
    let store = pipeline::app::open_store(&config).await?;
    let input = std::fs::File::open(file)
        .with_context(|| format!("cannot open the archive {}", file.display()))?;
    let summary = store
        .import_archive(std::io::BufReader::new(input))
        .await
        .with_context(|| format!("cannot import {}", file.display()))?;
    outln!(
        "imported {} rows into {}; now run `newsbridge index rebuild` on every web node",
        summary.total_rows(),
        store::redact(&config.database_url())
    );
    print_rows(&summary);
    Ok(())
}

/// Rows per table, one line each.
fn print_rows(summary: &store::ArchiveSummary) {
    for (table, rows) in &summary.rows {
        outln!("  {table:<16} {rows:>9}");
    }
}
