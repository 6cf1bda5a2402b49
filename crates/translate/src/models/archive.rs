//! Unpacking model archives (`.tar.gz`, `.tgz`, `.tar`, `.zip`, `.argosmodel`) safely:
//! no entry may land outside the destination, links are refused, sizes are capped.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::ModelError;

/// Largest unpacked archive accepted (NLLB-200 3.3B in float16 is ~7 GB).
const MAX_UNPACKED: u64 = 32 << 30;

/// Kinds of archive a model comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ArchiveKind {
    TarGz,
    Tar,
    Zip,
    /// An Argos Translate package: a zip with `metadata.json`, `sentencepiece.model`, `model/`.
    Argos,
}

impl ArchiveKind {
    pub(super) fn of(path: &Path) -> Option<ArchiveKind> {
        let name = path.file_name()?.to_string_lossy().to_lowercase();
        if name.ends_with(".tar.gz") || name.ends_with(".tgz") {
            Some(ArchiveKind::TarGz)
        } else if name.ends_with(".tar") {
            Some(ArchiveKind::Tar)
        } else if name.ends_with(".zip") {
            Some(ArchiveKind::Zip)
        } else if name.ends_with(".argosmodel") {
            Some(ArchiveKind::Argos)
        } else {
            None
        }
    }

    /// The file name without the archive's extension (`opus-mt-vi-en.tar.gz` → `opus-mt-vi-en`).
    pub(super) fn stem(path: &Path) -> String {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let lower = name.to_lowercase();
        for ext in [".tar.gz", ".tgz", ".tar", ".zip", ".argosmodel"] {
            if lower.ends_with(ext) {
                return name[..name.len() - ext.len()].to_string();
            }
        }
        name
    }
}

/// Unpacks `archive` into the (new, empty) directory `dest`.
pub(super) fn unpack(archive: &Path, kind: ArchiveKind, dest: &Path) -> Result<(), ModelError> {
    let file = fs::File::open(archive).map_err(|e| ModelError::io(archive, e))?;
    let bad = |reason: String| ModelError::Archive {
        path: archive.to_path_buf(),
        reason,
    };
    match kind {
        ArchiveKind::TarGz => unpack_tar(flate2::read::GzDecoder::new(file), dest).map_err(bad),
        ArchiveKind::Tar => unpack_tar(file, dest).map_err(bad),
        ArchiveKind::Zip | ArchiveKind::Argos => unpack_zip(file, dest).map_err(bad),
    }
}

/// The relative path of an archive entry, if it is a plain path inside the destination.
fn safe_relative(name: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for part in name.components() {
        match part {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    (!out.as_os_str().is_empty()).then_some(out)
}

fn unpack_tar(reader: impl io::Read, dest: &Path) -> Result<(), String> {
    let mut archive = tar::Archive::new(reader);
    let mut total = 0u64;
    for entry in archive.entries().map_err(|e| e.to_string())? {
        let mut entry = entry.map_err(|e| e.to_string())?;
        let path = entry.path().map_err(|e| e.to_string())?.into_owned();
        let kind = entry.header().entry_type();
        if kind.is_pax_global_extensions() || kind.is_pax_local_extensions() {
            continue;
        }
        let rel = match safe_relative(&path) {
            Some(rel) => rel,
            None if kind.is_dir() => continue, // "./"
            None => {
                return Err(format!(
                    "entry {} points outside the archive",
                    path.display()
                ))
            }
        };
        let out = dest.join(&rel);
        if kind.is_dir() {
            fs::create_dir_all(&out).map_err(|e| e.to_string())?;
        } else if kind.is_file() {
            total += entry.size();
            if total > MAX_UNPACKED {
                return Err(format!("larger than {} GiB unpacked", MAX_UNPACKED >> 30));
            }
            if let Some(parent) = out.parent() {
                fs::create_dir_all(parent).map_err(|e| e.to_string())?;
            }
            let mut file = fs::File::create(&out).map_err(|e| e.to_string())?;
            io::copy(&mut entry, &mut file).map_err(|e| format!("{}: {e}", rel.display()))?;
        } else {
            return Err(format!(
                "entry {} is a link or special file; models hold plain files",
                path.display()
            ));
        }
    }
    Ok(())
}

fn unpack_zip(file: fs::File, dest: &Path) -> Result<(), String> {
    let mut archive = zip::ZipArchive::new(file).map_err(|e| e.to_string())?;
    let mut total = 0u64;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| e.to_string())?;
        let name = entry.name().map_err(|e| e.to_string())?.into_owned();
        let rel = entry
            .enclosed_name()
            .and_then(|p| safe_relative(&p))
            .ok_or_else(|| format!("entry {name} points outside the archive"))?;
        let out = dest.join(&rel);
        if entry.is_dir() {
            fs::create_dir_all(&out).map_err(|e| e.to_string())?;
            continue;
        }
        if entry.is_symlink() {
            return Err(format!("entry {name} is a link; models hold plain files"));
        }
        total += entry.size();
        if total > MAX_UNPACKED {
            return Err(format!("larger than {} GiB unpacked", MAX_UNPACKED >> 30));
        }
        if let Some(parent) = out.parent() {
            fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        let mut file = fs::File::create(&out).map_err(|e| e.to_string())?;
        io::copy(&mut entry, &mut file).map_err(|e| format!("{name}: {e}"))?;
    }
    Ok(())
}

/// The directory an unpacked archive's content sits in: `dest` itself, or
/// its only subdirectory when the archive wraps everything in one folder.
pub(super) fn content_root(dest: &Path) -> Result<PathBuf, ModelError> {
    let mut dirs = Vec::new();
    let mut files = 0;
    for entry in fs::read_dir(dest).map_err(|e| ModelError::io(dest, e))? {
        let entry = entry.map_err(|e| ModelError::io(dest, e))?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with("__MACOSX") {
            continue;
        }
        if entry.path().is_dir() {
            dirs.push(entry.path());
        } else {
            files += 1;
        }
    }
    Ok(match (files, dirs.as_slice()) {
        (0, [only]) => only.clone(),
        _ => dest.to_path_buf(),
    })
}

/// Copies a directory tree (plain files and directories; links are refused).
pub(super) fn copy_dir(from: &Path, to: &Path) -> Result<(), ModelError> {
    fs::create_dir_all(to).map_err(|e| ModelError::io(to, e))?;
    for entry in fs::read_dir(from).map_err(|e| ModelError::io(from, e))? {
        let entry = entry.map_err(|e| ModelError::io(from, e))?;
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| ModelError::io(&path, e))?;
        let out = to.join(entry.file_name());
        if kind.is_dir() {
            copy_dir(&path, &out)?;
        } else if kind.is_file() {
            fs::copy(&path, &out).map_err(|e| ModelError::io(&path, e))?;
        } else {
            // A symlinked model file (e.g. a Hugging Face cache) is copied as the file it points to.
            let target = fs::metadata(&path).map_err(|e| ModelError::io(&path, e))?;
            if target.is_file() {
                fs::copy(&path, &out).map_err(|e| ModelError::io(&path, e))?;
            }
        }
    }
    Ok(())
}
