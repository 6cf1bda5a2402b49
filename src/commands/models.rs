//! `newsbridge models …`: the CTranslate2 models in `{data_dir}/models`
//! ([`translate::models::ModelRegistry`]).

use anyhow::{Context, Result};
use translate::models::{AddOptions, ModelRegistry};

use crate::cli::ModelsCommand;
use pipeline::config::Config;

/// Runs one `models` subcommand.
pub async fn run(config: &Config, cmd: ModelsCommand) -> Result<()> {
    let registry = ModelRegistry::new(config.data_dir.join("models"));
    match cmd {
        ModelsCommand::List => {
            let models = registry
                .list()
                .context("cannot list the installed models")?;
            if models.is_empty() {
                let root = registry.root().display();
                outln!("no model installed in {root} (add one with `newsbridge models add`)");
            }
            for m in models {
                outln!("{}", m.listing());
            }
        }
        ModelsCommand::Add {
            source,
            name,
            from,
            to,
            replace,
        } => {
            let options = AddOptions {
                name,
                source_lang: from,
                target_lang: to,
                replace,
            };
            let model = registry
                .add_from_source(&source, &options)
                .await
                .with_context(|| format!("cannot install the model from {source}"))?;
            out!("{}", model.install_note());
        }
        ModelsCommand::Remove { name } => {
            registry
                .remove(&name)
                .with_context(|| format!("cannot remove the model {name}"))?;
            outln!("removed {name}");
        }
    }
    Ok(())
}
