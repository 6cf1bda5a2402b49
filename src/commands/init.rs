//! `newsbridge init`: a commented configuration and the data directory.

use std::path::Path;

use anyhow::Result;

use pipeline::config::{write_template, Config};

/// Writes the configuration template (refusing to overwrite unless `force`).
pub fn run(path: &Path, force: bool) -> Result<()> {
    write_template(path, force)?;
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
