//! The models directory: one subdirectory per installed model, named by the model.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::archive::{self, ArchiveKind};
use super::{ModelError, ModelFiles};

/// What Newsbridge records about an installed model, beside its files.
const RECORD: &str = "newsbridge-model.json";

/// Where an installed model came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelSource {
    /// A model directory, copied.
    Directory,
    /// A `.tar.gz`, `.tgz`, `.tar` or `.zip` archive of a model directory.
    Archive,
    /// An Argos Translate `.argosmodel` package.
    Argos,
}

/// Choices for [`ModelRegistry::add`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AddOptions {
    /// Name to install under; default: the directory's or archive's name
    /// (`opus-mt-vi-en.tar.gz` → `opus-mt-vi-en`).
    pub name: Option<String>,
    /// Source language; default: an Argos package's `from_code`, or the name's
    /// `-vi-en` ending.
    pub source_lang: Option<String>,
    /// Target language; default as for the source.
    pub target_lang: Option<String>,
    /// Replace an installed model of the same name.
    pub replace: bool,
}

/// An installed model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstalledModel {
    /// Its name (the directory name under the models directory).
    pub name: String,
    /// Its directory: give this to the `ctranslate2` engine as `model_dir`.
    pub dir: PathBuf,
    /// Source language, when known.
    pub source_lang: Option<String>,
    /// Target language, when known.
    pub target_lang: Option<String>,
    /// Where it came from.
    pub source: Option<ModelSource>,
    /// The path it was added from.
    pub added_from: Option<String>,
    /// Size on disk, bytes.
    pub size_bytes: u64,
    /// NLLB-200 and other models whose licence forbids commercial use.
    pub non_commercial: bool,
    /// Why the model cannot be used (a file went missing since it was added), if so.
    pub problem: Option<String>,
}

impl InstalledModel {
    /// One line of `newsbridge models list`: name, pair, size, and the
    /// licence or the problem when there is one.
    pub fn listing(&self) -> String {
        format!(
            "{:<28} {:>5} → {:<5} {:>8.1} MB{}{}",
            self.name,
            self.source_lang.as_deref().unwrap_or("?"),
            self.target_lang.as_deref().unwrap_or("?"),
            self.size_bytes as f64 / 1e6,
            if self.non_commercial {
                "  (non-commercial licence)"
            } else {
                ""
            },
            self.problem
                .as_deref()
                .map(|p| format!("  UNUSABLE: {p}"))
                .unwrap_or_default(),
        )
    }

    /// What `newsbridge models add` says once the model is installed: where,
    /// a licence warning, the configuration to use it, and whether this build
    /// has the engine that runs it.
    pub fn install_note(&self) -> String {
        let mut note = format!(
            "installed {} ({:.1} MB) in {}\n",
            self.name,
            self.size_bytes as f64 / 1e6,
            self.dir.display()
        );
        if self.non_commercial {
            note.push_str(
                "warning: this model's licence forbids commercial use (NLLB-200 is CC BY-NC 4.0)\n",
            );
        }
        let from = self.source_lang.as_deref().unwrap_or("vi");
        let to = self.target_lang.as_deref().unwrap_or("en");
        note.push_str(&format!(
            "\nTo translate {from} → {to} with it, add to newsbridge.toml:\n\n{}\n",
            self.config_snippet()
        ));
        if !cfg!(feature = "ctranslate2") {
            note.push_str("\nThis build has no CTranslate2 engine: rebuild with `cargo build --release --features ctranslate2` (needs cmake).\n");
        }
        note
    }

    /// The `newsbridge.toml` lines that declare this model as an engine and
    /// route its pair (vi → en when the languages are unknown) to it.
    pub fn config_snippet(&self) -> String {
        let (from, to) = (
            self.source_lang.as_deref().unwrap_or("vi"),
            self.target_lang.as_deref().unwrap_or("en"),
        );
        format!(
            "[[translation.engines]]\nkind = \"ctranslate2\"\nname = \"{name}\"\nmodel_dir = \"{dir}\"\nsource = \"{from}\"\ntarget = \"{to}\"\n\n\
             [[translation.routes]]\nsource = \"{from}\"\ntarget = \"{to}\"\nchain = [{{ engine = \"{name}\" }}]",
            name = self.name,
            dir = self.dir.display(),
        )
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Record {
    source_lang: Option<String>,
    target_lang: Option<String>,
    source: ModelSource,
    added_from: String,
}

#[derive(Debug, Deserialize)]
struct ArgosMetadata {
    from_code: Option<String>,
    to_code: Option<String>,
}

/// The models directory (`data_dir/models`).
#[derive(Debug, Clone)]
pub struct ModelRegistry {
    root: PathBuf,
}

impl ModelRegistry {
    /// The registry in `root` (created on the first `add`).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        ModelRegistry { root: root.into() }
    }

    /// The models directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Installed models, by name; broken ones too, with their `problem`.
    pub fn list(&self) -> Result<Vec<InstalledModel>, ModelError> {
        let entries = match fs::read_dir(&self.root) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(ModelError::io(&self.root, e)),
        };
        let mut out = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| ModelError::io(&self.root, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || !entry.path().is_dir() {
                continue;
            }
            out.push(self.describe(&name, &entry.path()));
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// The installed model `name`.
    pub fn get(&self, name: &str) -> Result<InstalledModel, ModelError> {
        check_name(name)?;
        let dir = self.root.join(name);
        if !dir.is_dir() {
            return Err(ModelError::NotInstalled {
                name: name.to_string(),
                dir: self.root.clone(),
            });
        }
        Ok(self.describe(name, &dir))
    }

    /// The installed models that translate `source` → `target`.
    pub fn for_pair(&self, source: &str, target: &str) -> Result<Vec<InstalledModel>, ModelError> {
        Ok(self
            .list()?
            .into_iter()
            .filter(|m| {
                m.problem.is_none()
                    && m.source_lang.as_deref() == Some(source)
                    && m.target_lang.as_deref() == Some(target)
            })
            .collect())
    }

    /// Installs the model at `path` (a directory, an archive or an Argos
    /// package), checks it, and returns it. Nothing is left behind on error.
    pub fn add(&self, path: &Path, options: &AddOptions) -> Result<InstalledModel, ModelError> {
        let meta = fs::metadata(path).map_err(|e| ModelError::io(path, e))?;
        let (kind, default_name) = if meta.is_dir() {
            let name = path
                .canonicalize()
                .map_err(|e| ModelError::io(path, e))?
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (None, name)
        } else {
            let kind = ArchiveKind::of(path).ok_or_else(|| ModelError::UnknownSource {
                path: path.to_path_buf(),
            })?;
            (Some(kind), ArchiveKind::stem(path))
        };
        let name = options.name.clone().unwrap_or(default_name);
        check_name(&name)?;
        let dest = self.root.join(&name);
        if dest.exists() && !options.replace {
            return Err(ModelError::AlreadyInstalled {
                name,
                dir: self.root.clone(),
            });
        }

        fs::create_dir_all(&self.root).map_err(|e| ModelError::io(&self.root, e))?;
        let staging = self
            .root
            .join(format!(".adding-{name}-{}", std::process::id()));
        if staging.exists() {
            fs::remove_dir_all(&staging).map_err(|e| ModelError::io(&staging, e))?;
        }
        let result = self.stage(path, kind, &name, options, &staging);
        let staged = match result {
            Ok(staged) => staged,
            Err(e) => {
                let _ = fs::remove_dir_all(&staging);
                return Err(e);
            }
        };
        if dest.exists() {
            fs::remove_dir_all(&dest).map_err(|e| ModelError::io(&dest, e))?;
        }
        let renamed = fs::rename(&staged, &dest).map_err(|e| ModelError::io(&dest, e));
        let _ = fs::remove_dir_all(&staging);
        renamed?;
        tracing::info!(model = %name, dir = %dest.display(), "model installed");
        Ok(self.describe(&name, &dest))
    }

    /// Unpacks or copies into `staging/model`, checks it, writes the record.
    fn stage(
        &self,
        path: &Path,
        kind: Option<ArchiveKind>,
        name: &str,
        options: &AddOptions,
        staging: &Path,
    ) -> Result<PathBuf, ModelError> {
        let model = staging.join("model");
        let (source, argos) = match kind {
            None => {
                archive::copy_dir(path, &model)?;
                (ModelSource::Directory, None)
            }
            Some(ArchiveKind::Argos) => {
                let unpacked = staging.join("unpacked");
                archive::unpack(path, ArchiveKind::Argos, &unpacked)?;
                let package = archive::content_root(&unpacked)?;
                let metadata = read_argos_metadata(&package)?;
                let inner = package.join("model");
                if !inner.is_dir() {
                    return Err(ModelError::MissingFile {
                        dir: package,
                        file: "model/",
                        hint: "an Argos package keeps its CTranslate2 model in model/",
                    });
                }
                fs::rename(&inner, &model).map_err(|e| ModelError::io(&inner, e))?;
                let spm = package.join("sentencepiece.model");
                if spm.is_file() && !model.join("sentencepiece.model").exists() {
                    fs::rename(&spm, model.join("sentencepiece.model"))
                        .map_err(|e| ModelError::io(&spm, e))?;
                }
                (ModelSource::Argos, Some(metadata))
            }
            Some(kind) => {
                let unpacked = staging.join("unpacked");
                archive::unpack(path, kind, &unpacked)?;
                let root = archive::content_root(&unpacked)?;
                fs::rename(&root, &model).map_err(|e| ModelError::io(&root, e))?;
                (ModelSource::Archive, None)
            }
        };
        ModelFiles::inspect(&model)?;
        #[cfg(feature = "ctranslate2")]
        crate::engine::check_tokenizers(&model)?;

        let (guess_source, guess_target) = languages_from_name(name);
        let (argos_source, argos_target) = argos
            .map(|m| (m.from_code, m.to_code))
            .unwrap_or((None, None));
        let record = Record {
            source_lang: options
                .source_lang
                .clone()
                .or(argos_source)
                .or(guess_source),
            target_lang: options
                .target_lang
                .clone()
                .or(argos_target)
                .or(guess_target),
            source,
            added_from: path.display().to_string(),
        };
        let json = serde_json::to_string_pretty(&record).map_err(|e| ModelError::Invalid {
            path: model.join(RECORD),
            reason: e.to_string(),
        })?;
        fs::write(model.join(RECORD), json).map_err(|e| ModelError::io(&model.join(RECORD), e))?;
        Ok(model)
    }

    /// Removes the installed model `name`.
    pub fn remove(&self, name: &str) -> Result<(), ModelError> {
        check_name(name)?;
        let dir = self.root.join(name);
        if !dir.is_dir() {
            return Err(ModelError::NotInstalled {
                name: name.to_string(),
                dir: self.root.clone(),
            });
        }
        fs::remove_dir_all(&dir).map_err(|e| ModelError::io(&dir, e))?;
        tracing::info!(model = %name, "model removed");
        Ok(())
    }

    fn describe(&self, name: &str, dir: &Path) -> InstalledModel {
        let record: Option<Record> = fs::read_to_string(dir.join(RECORD))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok());
        let (guess_source, guess_target) = languages_from_name(name);
        let files = ModelFiles::inspect(dir);
        let (size_bytes, non_commercial, problem) = match &files {
            Ok(f) => (f.size_bytes, f.non_commercial, None),
            Err(e) => (
                super::layout::dir_size(dir).unwrap_or(0),
                false,
                Some(e.to_string()),
            ),
        };
        InstalledModel {
            name: name.to_string(),
            dir: dir.to_path_buf(),
            source_lang: record
                .as_ref()
                .and_then(|r| r.source_lang.clone())
                .or(guess_source),
            target_lang: record
                .as_ref()
                .and_then(|r| r.target_lang.clone())
                .or(guess_target),
            source: record.as_ref().map(|r| r.source),
            added_from: record.map(|r| r.added_from),
            size_bytes,
            non_commercial,
            problem,
        }
    }
}

fn read_argos_metadata(package: &Path) -> Result<ArgosMetadata, ModelError> {
    let path = package.join("metadata.json");
    if !path.is_file() {
        return Err(ModelError::MissingFile {
            dir: package.to_path_buf(),
            file: "metadata.json",
            hint: "an Argos package names its languages in metadata.json (from_code, to_code)",
        });
    }
    let text = fs::read_to_string(&path).map_err(|e| ModelError::io(&path, e))?;
    let meta: ArgosMetadata = serde_json::from_str(&text).map_err(|e| ModelError::Invalid {
        path: path.clone(),
        reason: format!("not Argos metadata: {e}"),
    })?;
    if meta.from_code.is_none() || meta.to_code.is_none() {
        return Err(ModelError::Invalid {
            path,
            reason: "from_code or to_code missing".into(),
        });
    }
    Ok(meta)
}

fn check_name(name: &str) -> Result<(), ModelError> {
    let ok = !name.is_empty()
        && name.len() <= 100
        && !name.starts_with(['.', '-'])
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    if ok {
        Ok(())
    } else {
        Err(ModelError::InvalidName {
            name: name.to_string(),
        })
    }
}

/// `opus-mt-vi-en` → (vi, en); `translate-vi_en-1_9` → (vi, en).
fn languages_from_name(name: &str) -> (Option<String>, Option<String>) {
    let parts: Vec<&str> = name.split(['-', '_', '.']).collect();
    let is_lang = |s: &str| (2..=3).contains(&s.len()) && s.chars().all(|c| c.is_ascii_lowercase());
    for window in parts.windows(2).rev() {
        if is_lang(window[0]) && is_lang(window[1]) && window[0] != "mt" && window[1] != "mt" {
            return (Some(window[0].to_string()), Some(window[1].to_string()));
        }
    }
    (None, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listing_and_install_note_say_licence_problem_and_configuration() {
        let mut model = InstalledModel {
            name: "nllb-200-distilled-600M".into(),
            dir: PathBuf::from("/data/models/nllb"),
            source_lang: Some("vi".into()),
            target_lang: None,
            source: None,
            added_from: None,
            size_bytes: 1_234_567,
            non_commercial: true,
            problem: Some("model.bin is missing".into()),
        };
        assert_eq!(
            model.listing(),
            format!(
                "{:<28} {:>5} → {:<5} {:>8} MB  (non-commercial licence)  UNUSABLE: model.bin is missing",
                "nllb-200-distilled-600M", "vi", "?", "1.2"
            )
        );
        let note = model.install_note();
        assert!(note.starts_with("installed nllb-200-distilled-600M (1.2 MB) in /data/models/nllb\nwarning: this model's licence forbids commercial use"), "{note}");
        assert!(note.contains("To translate vi → en with it"), "{note}");
        assert!(note.contains(&model.config_snippet()), "{note}");
        model.non_commercial = false;
        assert!(!model.install_note().contains("warning"));
    }

    #[test]
    fn names_and_languages() {
        assert!(check_name("opus-mt-vi-en").is_ok());
        assert!(check_name("../etc").is_err());
        assert!(check_name(".hidden").is_err());
        assert!(check_name("a/b").is_err());
        assert!(check_name("").is_err());
        assert_eq!(
            languages_from_name("opus-mt-vi-en"),
            (Some("vi".into()), Some("en".into()))
        );
        assert_eq!(
            languages_from_name("translate-vi_fr-1_9"),
            (Some("vi".into()), Some("fr".into()))
        );
        assert_eq!(languages_from_name("ct2-tiny"), (None, None));
    }
}
