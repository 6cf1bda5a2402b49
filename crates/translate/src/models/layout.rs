//! What a CTranslate2 model directory must hold, checked without loading it.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::ModelError;

/// Names a shared SentencePiece model goes by: Argos packages, MADLAD/NLLB conversions.
const SHARED_SPM: [&str; 3] = [
    "sentencepiece.model",
    "spm.model",
    "sentencepiece.bpe.model",
];

/// Newest `model.bin` format that CTranslate2 4.x writes.
const MAX_BINARY_VERSION: u32 = 6;

/// The files of a CTranslate2 model directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelFiles {
    /// The model directory.
    pub dir: PathBuf,
    /// `model.bin`.
    pub weights: PathBuf,
    /// SentencePiece model of the source side (`source.spm`, or the shared one).
    pub source_spm: PathBuf,
    /// SentencePiece model of the target side (`target.spm`, or the shared one).
    pub target_spm: PathBuf,
    /// Size of the directory's files, bytes.
    pub size_bytes: u64,
    /// True when `config.json` or the directory name says NLLB-200 (licence: CC-BY-NC 4.0).
    pub non_commercial: bool,
}

impl ModelFiles {
    /// Checks that `dir` is a CTranslate2 model directory with its SentencePiece model(s):
    /// `model.bin` (a CTranslate2 binary), `config.json` (JSON), a vocabulary
    /// (`shared_vocabulary.json|txt` or `source_vocabulary.*` and
    /// `target_vocabulary.*`), and `source.spm` + `target.spm` (OPUS-MT) or one
    /// shared `sentencepiece.model` / `spm.model`.
    pub fn inspect(dir: &Path) -> Result<ModelFiles, ModelError> {
        let meta = fs::metadata(dir).map_err(|e| ModelError::io(dir, e))?;
        if !meta.is_dir() {
            return Err(ModelError::NotADirectory {
                path: dir.to_path_buf(),
            });
        }
        let weights = dir.join("model.bin");
        require(dir, "model.bin", "the weights; convert the model with ct2-transformers-converter or ct2-opus-mt-converter")?;
        check_binary(&weights)?;

        let config = dir.join("config.json");
        require(
            dir,
            "config.json",
            "CTranslate2 writes it next to model.bin; reconvert the model",
        )?;
        let text = fs::read_to_string(&config).map_err(|e| ModelError::io(&config, e))?;
        let config_json: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| ModelError::Invalid {
                path: config.clone(),
                reason: format!("not JSON: {e}"),
            })?;
        if !config_json.is_object() {
            return Err(ModelError::Invalid {
                path: config,
                reason: "not a JSON object".into(),
            });
        }

        check_vocabulary(dir)?;
        let (source_spm, target_spm) = find_spm(dir)?;
        for spm in [&source_spm, &target_spm] {
            check_spm(spm)?;
        }

        let dir_name = dir
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let non_commercial = dir_name.contains("nllb") || text.to_lowercase().contains("nllb");
        Ok(ModelFiles {
            dir: dir.to_path_buf(),
            weights,
            source_spm,
            target_spm,
            size_bytes: dir_size(dir)?,
            non_commercial,
        })
    }
}

fn require(dir: &Path, file: &'static str, hint: &'static str) -> Result<(), ModelError> {
    if dir.join(file).is_file() {
        Ok(())
    } else {
        Err(ModelError::MissingFile {
            dir: dir.to_path_buf(),
            file,
            hint,
        })
    }
}

/// `model.bin` starts with its format version (u32, little endian), 1 to 6 today.
fn check_binary(path: &Path) -> Result<(), ModelError> {
    let mut head = [0u8; 4];
    let mut file = fs::File::open(path).map_err(|e| ModelError::io(path, e))?;
    file.read_exact(&mut head)
        .map_err(|_| ModelError::Invalid {
            path: path.to_path_buf(),
            reason: "shorter than a CTranslate2 header".into(),
        })?;
    let version = u32::from_le_bytes(head);
    if version == 0 || version > MAX_BINARY_VERSION {
        return Err(ModelError::Invalid {
            path: path.to_path_buf(),
            reason: format!(
                "not a CTranslate2 model (format version {version}; expected 1 to {MAX_BINARY_VERSION})"
            ),
        });
    }
    Ok(())
}

fn check_vocabulary(dir: &Path) -> Result<(), ModelError> {
    let any = |stem: &str| {
        ["json", "txt"]
            .iter()
            .map(|ext| dir.join(format!("{stem}.{ext}")))
            .find(|p| p.is_file())
    };
    let files: Vec<PathBuf> = match any("shared_vocabulary") {
        Some(shared) => vec![shared],
        None => match (any("source_vocabulary"), any("target_vocabulary")) {
            (Some(s), Some(t)) => vec![s, t],
            _ => {
                return Err(ModelError::MissingFile {
                    dir: dir.to_path_buf(),
                    file: "shared_vocabulary.json",
                    hint: "or source_vocabulary.json and target_vocabulary.json; CTranslate2's converters write them",
                })
            }
        },
    };
    for path in files {
        if path.extension().is_some_and(|e| e == "json") {
            let text = fs::read_to_string(&path).map_err(|e| ModelError::io(&path, e))?;
            let tokens: Vec<String> =
                serde_json::from_str(&text).map_err(|e| ModelError::Invalid {
                    path: path.clone(),
                    reason: format!("not a JSON list of tokens: {e}"),
                })?;
            if tokens.is_empty() {
                return Err(ModelError::Invalid {
                    path,
                    reason: "empty vocabulary".into(),
                });
            }
        }
    }
    Ok(())
}

fn find_spm(dir: &Path) -> Result<(PathBuf, PathBuf), ModelError> {
    let source = dir.join("source.spm");
    let target = dir.join("target.spm");
    match (source.is_file(), target.is_file()) {
        (true, true) => return Ok((source, target)),
        (true, false) => {
            return Err(ModelError::MissingFile {
                dir: dir.to_path_buf(),
                file: "target.spm",
                hint: "OPUS-MT ships source.spm and target.spm: copy both next to model.bin",
            })
        }
        (false, true) => {
            return Err(ModelError::MissingFile {
                dir: dir.to_path_buf(),
                file: "source.spm",
                hint: "OPUS-MT ships source.spm and target.spm: copy both next to model.bin",
            })
        }
        (false, false) => {}
    }
    SHARED_SPM
        .iter()
        .map(|name| dir.join(name))
        .find(|p| p.is_file())
        .map(|p| (p.clone(), p))
        .ok_or_else(|| ModelError::MissingFile {
            dir: dir.to_path_buf(),
            file: "source.spm",
            hint: "no SentencePiece model: copy OPUS-MT's source.spm and target.spm, or one shared sentencepiece.model, next to model.bin",
        })
}

/// A SentencePiece model is a serialized protobuf whose first field is a piece (tag 0x0a).
fn check_spm(path: &Path) -> Result<(), ModelError> {
    let mut head = [0u8; 1];
    let mut file = fs::File::open(path).map_err(|e| ModelError::io(path, e))?;
    let n = file.read(&mut head).map_err(|e| ModelError::io(path, e))?;
    if n == 0 || head[0] != 0x0a {
        return Err(ModelError::Invalid {
            path: path.to_path_buf(),
            reason: "not a SentencePiece model".into(),
        });
    }
    Ok(())
}

pub(super) fn dir_size(dir: &Path) -> Result<u64, ModelError> {
    let mut total = 0;
    for entry in fs::read_dir(dir).map_err(|e| ModelError::io(dir, e))? {
        let entry = entry.map_err(|e| ModelError::io(dir, e))?;
        let meta = entry
            .metadata()
            .map_err(|e| ModelError::io(&entry.path(), e))?;
        total += if meta.is_dir() {
            dir_size(&entry.path())?
        } else {
            meta.len()
        };
    }
    Ok(total)
}
