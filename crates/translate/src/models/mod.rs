//! Installed CTranslate2 models: what a model directory must hold
//! ([`ModelFiles`]) and the models directory that `newsbridge models
//! list|add|remove` manages ([`ModelRegistry`]).
//!
//! A model is added from a directory, a `.tar.gz`/`.tgz`/`.tar`/`.zip`
//! archive, or an Argos Translate `.argosmodel` package (a zip whose `model/`
//! is a CTranslate2 model, with `sentencepiece.model` and `metadata.json`
//! giving `from_code`/`to_code`). It is unpacked into a hidden staging
//! directory, checked, and only then renamed into place: a failed add leaves
//! nothing behind. None of this needs the `ctranslate2` feature.

mod archive;
mod download;
mod layout;
mod registry;

use std::io;
use std::path::{Path, PathBuf};

pub use download::MAX_MODEL_DOWNLOAD;
pub use layout::ModelFiles;
pub use registry::{AddOptions, InstalledModel, ModelRegistry, ModelSource};

/// Why a model directory, archive or registry operation was refused.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The path is not a directory (a model is a directory of files).
    #[error("{path}: not a directory")]
    NotADirectory {
        /// The path given.
        path: PathBuf,
    },
    /// A file the model needs is missing.
    #[error("{dir}: missing {file} ({hint})")]
    MissingFile {
        /// The model directory.
        dir: PathBuf,
        /// The file that should be there.
        file: &'static str,
        /// What it is and what to do.
        hint: &'static str,
    },
    /// A file is there but is not what it should be.
    #[error("{path}: {reason}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// An archive could not be unpacked.
    #[error("{path}: cannot unpack: {reason}")]
    Archive {
        /// The archive.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// Not a directory, nor an archive this registry knows.
    #[error("{path}: not a model directory, .tar.gz, .tgz, .tar, .zip or .argosmodel")]
    UnknownSource {
        /// The path given.
        path: PathBuf,
    },
    /// A model name that cannot be a directory name.
    #[error("invalid model name {name:?}: use letters, digits, '.', '-' and '_' (not first)")]
    InvalidName {
        /// The name given.
        name: String,
    },
    /// `add` without `replace` found a model of that name.
    #[error("a model named {name} is already installed in {dir}; remove it first or replace it")]
    AlreadyInstalled {
        /// The model name.
        name: String,
        /// The models directory.
        dir: PathBuf,
    },
    /// No model of that name is installed.
    #[error("no model named {name} in {dir}")]
    NotInstalled {
        /// The model name.
        name: String,
        /// The models directory.
        dir: PathBuf,
    },
    /// A model archive could not be downloaded.
    #[error("cannot download {url}: {reason}")]
    Download {
        /// The address.
        url: String,
        /// What went wrong.
        reason: String,
    },
    /// CTranslate2 or SentencePiece refused to load the model.
    #[error("{dir}: cannot load the model: {reason}")]
    Load {
        /// The model directory (or file).
        dir: PathBuf,
        /// The library's message.
        reason: String,
    },
    /// An engine setting this build or this machine cannot honour
    /// (`device = "cuda"` without the `ctranslate2-cuda` feature, a GPU
    /// index that does not exist, a GPU-only compute type on the CPU).
    #[error("engine {engine}: setting `{setting}`: {reason}")]
    Setting {
        /// The engine's name.
        engine: String,
        /// The setting at fault (`device`, `device_indices`, `compute_type`).
        setting: &'static str,
        /// Why, and what to do.
        reason: String,
    },
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The system's error.
        source: io::Error,
    },
}

impl ModelError {
    pub(crate) fn io(path: &Path, source: io::Error) -> Self {
        ModelError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
