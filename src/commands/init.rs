//! `newsbridge init`: a commented configuration and the data directory.

use std::path::Path;

use anyhow::{bail, Context, Result};

use pipeline::config::{Config, TEMPLATE};

/// Writes the configuration template (refusing to overwrite unless `force`).
pub fn run(path: &Path, force: bool) -> Result<()> {
    if path.exists() && !force {
        bail!(
            "{} already exists; use --force to overwrite it",
            path.display()
        );
    }
    std::fs::write(path, TEMPLATE).with_context(|| format!("cannot write {}", path.display()))?;
    let config = Config::load(path, true)?;
    config.ensure_data_dir()?;
    outln!(
        "wrote {} and created {}/",
        path.display(),
        config.data_dir.display()
    );
    outln!("next: newsbridge sources add <feed URL>, then newsbridge run");
    Ok(())
}
