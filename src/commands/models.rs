//! `newsbridge models …`: the CTranslate2 models in `{data_dir}/models`.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use translate::models::{AddOptions, InstalledModel, ModelRegistry};

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
            let (path, _download) =
                if source.starts_with("http://") || source.starts_with("https://") {
                    let (path, dir) = download(&source).await?;
                    (path, Some(dir))
                } else {
                    (PathBuf::from(&source), None)
                };
            let model = registry
                .add(&path, &options)
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
    let (from, to) = (
        model.source_lang.as_deref().unwrap_or("vi"),
        model.target_lang.as_deref().unwrap_or("en"),
    );
    outln!(
        "\nTo translate {from} → {to} with it, add to newsbridge.toml:\n\n\
         [[translation.engines]]\nkind = \"ctranslate2\"\nname = \"{name}\"\nmodel_dir = \"{dir}\"\nsource = \"{from}\"\ntarget = \"{to}\"\n\n\
         [[translation.routes]]\nsource = \"{from}\"\ntarget = \"{to}\"\nchain = [{{ engine = \"{name}\" }}]",
        name = model.name,
        dir = model.dir.display(),
    );
    if !cfg!(feature = "ctranslate2") {
        outln!("\nThis build has no CTranslate2 engine: rebuild with `cargo build --release --features ctranslate2` (needs cmake).");
    }
}

/// Downloads a model archive to a temporary directory, keeping its file name
/// (the registry reads the kind and the default name from it).
async fn download(url: &str) -> Result<(PathBuf, tempfile::TempDir)> {
    let name = url
        .rsplit('/')
        .next()
        .filter(|n| !n.is_empty())
        .unwrap_or("model.tar.gz")
        .split('?')
        .next()
        .unwrap_or("model.tar.gz")
        .to_string();
    let dir = tempfile::tempdir().context("cannot create a temporary directory")?;
    let path = dir.path().join(&name);
    let mut response = reqwest::get(url)
        .await
        .with_context(|| format!("cannot download {url}"))?;
    if !response.status().is_success() {
        bail!("cannot download {url}: HTTP {}", response.status());
    }
    let mut file =
        std::fs::File::create(&path).with_context(|| format!("cannot write {}", path.display()))?;
    while let Some(chunk) = response
        .chunk()
        .await
        .with_context(|| format!("download of {url} interrupted"))?
    {
        file.write_all(&chunk)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok((path, dir))
}
