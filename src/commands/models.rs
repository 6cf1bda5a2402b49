//! `newsbridge models …`: the CTranslate2 models in `{data_dir}/models`.

use anyhow::{Context, Result};
use translate::models::{AddOptions, InstalledModel, ModelRegistry, MAX_MODEL_DOWNLOAD};

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
                outln!(
                    "no model installed in {} (add one with `newsbridge models add`)",
                    registry.root().display()
                );
            }
            for m in models {
                outln!(
                    "{:<28} {:>5} → {:<5} {:>8.1} MB{}{}",
                    m.name,
                    m.source_lang.as_deref().unwrap_or("?"),
                    m.target_lang.as_deref().unwrap_or("?"),
                    m.size_bytes as f64 / 1e6,
                    if m.non_commercial {
                        "  (non-commercial licence)"
                    } else {
                        ""
                    },
                    m.problem
                        .as_deref()
                        .map(|p| format!("  UNUSABLE: {p}"))
                        .unwrap_or_default(),
                );
            }
            Ok(())
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
            let model = if source.starts_with("http://") || source.starts_with("https://") {
                registry
                    .add_from_url(&source, &options, MAX_MODEL_DOWNLOAD)
                    .await
            } else {
                registry.add(std::path::Path::new(&source), &options)
            }
            .with_context(|| format!("cannot install the model from {source}"))?;
            print_installed(&model);
            Ok(())
        }
        ModelsCommand::Remove { name } => {
            registry
                .remove(&name)
                .with_context(|| format!("cannot remove the model {name}"))?;
            outln!("removed {name}");
            Ok(())
        }
    }
}

fn print_installed(model: &InstalledModel) {
    outln!(
        "installed {} ({:.1} MB) in {}",
        model.name,
        model.size_bytes as f64 / 1e6,
        model.dir.display()
    );
    if model.non_commercial {
        outln!("warning: this model's licence forbids commercial use (NLLB-200 is CC BY-NC 4.0)");
    }
    let from = model.source_lang.as_deref().unwrap_or("vi");
    let to = model.target_lang.as_deref().unwrap_or("en");
    outln!(
        "\nTo translate {from} → {to} with it, add to newsbridge.toml:\n\n{}",
        model.config_snippet()
    );
    if !cfg!(feature = "ctranslate2") {
        outln!("\nThis build has no CTranslate2 engine: rebuild with `cargo build --release --features ctranslate2` (needs cmake).");
    }
}
