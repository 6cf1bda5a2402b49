//! `newsbridge images status|gc|rebuild`: the mirrored pictures
//! ([`pipeline::imaging`]): what is stored, clean-up, renditions made again.

use anyhow::{Context, Result};

use crate::cli::ImagesCommand;
use pipeline::config::Config;
use pipeline::imaging::Imaging;

/// Runs one `images` subcommand.
pub async fn run(config: Config, command: ImagesCommand) -> Result<()> {
    let store = pipeline::app::open_existing_store(&config).await?;
    let imaging = Imaging::open(&config.images, &config.data_dir)?
        .context("[images] enabled = false: no pictures are mirrored")?;
    match command {
        ImagesCommand::Status { json } => {
            let status = pipeline::imaging::status(&store, &imaging).await?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&status)?);
            } else {
                out!("{status}");
            }
        }
        ImagesCommand::Gc => {
            let (pictures, partial) = pipeline::imaging::gc(&store, &imaging).await?;
            outln!("deleted {pictures} orphan pictures and {partial} unfinished writes");
        }
        ImagesCommand::Rebuild { all } => {
            let (rebuilt, failed) = pipeline::imaging::rebuild(&store, &imaging, all).await?;
            outln!("rebuilt {rebuilt} pictures; {failed} failed (see the log)");
            if failed > 0 {
                anyhow::bail!("{failed} pictures could not be rebuilt");
            }
        }
    }
    Ok(())
}
