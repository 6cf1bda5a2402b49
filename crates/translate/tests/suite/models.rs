//! The models directory: adding from a directory, archives and Argos packages,
//! checks that name what is wrong, listing, removing.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use translate::models::{AddOptions, ModelError, ModelFiles, ModelRegistry, ModelSource};

use crate::common::testdata;

fn tiny() -> PathBuf {
    testdata("ct2-tiny")
}

/// A copy of the tiny model named `name` in `parent`, without its test-only files.
fn copy_tiny(parent: &Path, name: &str) -> PathBuf {
    let dir = parent.join(name);
    fs::create_dir_all(&dir).unwrap();
    for entry in fs::read_dir(tiny()).unwrap() {
        let entry = entry.unwrap();
        let file = entry.file_name();
        if file != "reference.json" && file != "README.md" {
            fs::copy(entry.path(), dir.join(file)).unwrap();
        }
    }
    dir
}

fn tar_gz(dir: &Path, out: &Path, prefix: &str) {
    let file = fs::File::create(out).unwrap();
    let gz = flate2::write::GzEncoder::new(file, flate2::Compression::fast());
    let mut tar = tar::Builder::new(gz);
    tar.append_dir_all(prefix, dir).unwrap();
    tar.into_inner().unwrap().finish().unwrap();
}

fn zip_files(out: &Path, files: &[(String, Vec<u8>)]) {
    let mut zip = zip::ZipWriter::new(fs::File::create(out).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    for (name, data) in files {
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap();
}

/// An Argos package of the tiny model: `pkg/metadata.json`, `pkg/sentencepiece.model`, `pkg/model/…`.
fn argos_package(out: &Path, metadata: &str) {
    let mut files = vec![
        (
            "translate-vi_fr-1_0/metadata.json".to_string(),
            metadata.as_bytes().to_vec(),
        ),
        (
            "translate-vi_fr-1_0/sentencepiece.model".to_string(),
            fs::read(tiny().join("source.spm")).unwrap(),
        ),
    ];
    for name in ["model.bin", "config.json", "shared_vocabulary.json"] {
        files.push((
            format!("translate-vi_fr-1_0/model/{name}"),
            fs::read(tiny().join(name)).unwrap(),
        ));
    }
    zip_files(out, &files);
}

#[test]
fn tiny_fixture_is_a_model_directory() {
    let files = ModelFiles::inspect(&tiny()).unwrap();
    assert_eq!(files.source_spm, tiny().join("source.spm"));
    assert_eq!(files.target_spm, tiny().join("target.spm"));
    assert!(files.size_bytes > 100_000 && files.size_bytes < 4_000_000);
    assert!(!files.non_commercial);
}

#[test]
fn inspect_names_the_missing_or_broken_file() {
    let tmp = tempfile::tempdir().unwrap();

    let dir = copy_tiny(tmp.path(), "no-weights");
    fs::remove_file(dir.join("model.bin")).unwrap();
    let err = ModelFiles::inspect(&dir).unwrap_err();
    assert!(
        matches!(
            err,
            ModelError::MissingFile {
                file: "model.bin",
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("no-weights"), "{err}");

    let dir = copy_tiny(tmp.path(), "no-target-spm");
    fs::remove_file(dir.join("target.spm")).unwrap();
    let err = ModelFiles::inspect(&dir).unwrap_err();
    assert!(
        matches!(
            err,
            ModelError::MissingFile {
                file: "target.spm",
                ..
            }
        ),
        "{err}"
    );

    let dir = copy_tiny(tmp.path(), "no-spm");
    fs::remove_file(dir.join("target.spm")).unwrap();
    fs::remove_file(dir.join("source.spm")).unwrap();
    let err = ModelFiles::inspect(&dir).unwrap_err();
    assert!(err.to_string().contains("sentencepiece.model"), "{err}");

    let dir = copy_tiny(tmp.path(), "no-vocab");
    fs::remove_file(dir.join("shared_vocabulary.json")).unwrap();
    let err = ModelFiles::inspect(&dir).unwrap_err();
    assert!(matches!(
        err,
        ModelError::MissingFile {
            file: "shared_vocabulary.json",
            ..
        }
    ));

    let dir = copy_tiny(tmp.path(), "garbage-weights");
    fs::write(dir.join("model.bin"), b"<html>404 not found</html>").unwrap();
    let err = ModelFiles::inspect(&dir).unwrap_err();
    assert!(
        matches!(&err, ModelError::Invalid { path, .. } if path.ends_with("model.bin")),
        "{err}"
    );

    let dir = copy_tiny(tmp.path(), "bad-config");
    fs::write(dir.join("config.json"), b"{not json").unwrap();
    let err = ModelFiles::inspect(&dir).unwrap_err();
    assert!(matches!(&err, ModelError::Invalid { path, .. } if path.ends_with("config.json")));

    let dir = copy_tiny(tmp.path(), "bad-spm");
    fs::write(dir.join("source.spm"), b"").unwrap();
    let err = ModelFiles::inspect(&dir).unwrap_err();
    assert!(matches!(&err, ModelError::Invalid { path, .. } if path.ends_with("source.spm")));

    let err = ModelFiles::inspect(&tmp.path().join("nowhere")).unwrap_err();
    assert!(matches!(err, ModelError::Io { .. }));
    let file = tmp.path().join("file");
    fs::write(&file, b"x").unwrap();
    assert!(matches!(
        ModelFiles::inspect(&file).unwrap_err(),
        ModelError::NotADirectory { .. }
    ));
}

#[test]
fn add_list_and_remove_a_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let src = copy_tiny(tmp.path(), "opus-mt-vi-en");
    let registry = ModelRegistry::new(tmp.path().join("models"));
    assert!(registry.list().unwrap().is_empty());

    let model = registry.add(&src, &AddOptions::default()).unwrap();
    assert_eq!(model.name, "opus-mt-vi-en");
    assert_eq!(model.source_lang.as_deref(), Some("vi"));
    assert_eq!(model.target_lang.as_deref(), Some("en"));
    assert_eq!(model.source, Some(ModelSource::Directory));
    assert!(model.problem.is_none());
    assert!(model.dir.join("model.bin").is_file());
    ModelFiles::inspect(&model.dir).unwrap();

    let again = registry.add(&src, &AddOptions::default()).unwrap_err();
    assert!(
        matches!(again, ModelError::AlreadyInstalled { .. }),
        "{again}"
    );
    let replaced = registry
        .add(
            &src,
            &AddOptions {
                replace: true,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(replaced.name, "opus-mt-vi-en");

    let list = registry.list().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0], replaced);
    assert_eq!(registry.for_pair("vi", "en").unwrap().len(), 1);
    assert!(registry.for_pair("vi", "fr").unwrap().is_empty());

    // A file lost after install shows as a problem, not an error of the whole list.
    fs::remove_file(model.dir.join("target.spm")).unwrap();
    let broken = &registry.list().unwrap()[0];
    assert!(broken.problem.as_deref().unwrap().contains("target.spm"));

    registry.remove("opus-mt-vi-en").unwrap();
    assert!(registry.list().unwrap().is_empty());
    assert!(matches!(
        registry.remove("opus-mt-vi-en").unwrap_err(),
        ModelError::NotInstalled { .. }
    ));
    assert!(matches!(
        registry.remove("../models").unwrap_err(),
        ModelError::InvalidName { .. }
    ));
    // Nothing left behind: no staging directories.
    assert_eq!(fs::read_dir(registry.root()).unwrap().count(), 0);
}

#[test]
fn add_archives() {
    let tmp = tempfile::tempdir().unwrap();
    let src = copy_tiny(tmp.path(), "src");
    let registry = ModelRegistry::new(tmp.path().join("models"));

    // A .tar.gz wrapping the model in one folder.
    let archive = tmp.path().join("opus-mt-vi-de.tar.gz");
    tar_gz(&src, &archive, "opus-mt-vi-de");
    let model = registry.add(&archive, &AddOptions::default()).unwrap();
    assert_eq!(model.name, "opus-mt-vi-de");
    assert_eq!(model.source, Some(ModelSource::Archive));
    assert_eq!(model.target_lang.as_deref(), Some("de"));
    ModelFiles::inspect(&model.dir).unwrap();

    // A .zip with the files at its root, a chosen name and languages.
    let files: Vec<(String, Vec<u8>)> = fs::read_dir(&src)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    let archive = tmp.path().join("model.zip");
    zip_files(&archive, &files);
    let options = AddOptions {
        name: Some("vi-ru".into()),
        source_lang: Some("vi".into()),
        target_lang: Some("ru".into()),
        replace: false,
    };
    let model = registry.add(&archive, &options).unwrap();
    assert_eq!(
        (
            model.name.as_str(),
            model.source_lang.as_deref(),
            model.target_lang.as_deref()
        ),
        ("vi-ru", Some("vi"), Some("ru"))
    );
    let names: Vec<String> = registry
        .list()
        .unwrap()
        .into_iter()
        .map(|m| m.name)
        .collect();
    assert_eq!(names, ["opus-mt-vi-de", "vi-ru"]);
}

#[test]
fn add_an_argos_package() {
    let tmp = tempfile::tempdir().unwrap();
    let registry = ModelRegistry::new(tmp.path().join("models"));
    let package = tmp.path().join("translate-vi_fr-1_0.argosmodel");
    argos_package(
        &package,
        r#"{"package_version": "1.0", "argos_version": "1.0", "from_code": "vi", "to_code": "fr", "from_name": "Vietnamese", "to_name": "French"}"#,
    );
    let model = registry.add(&package, &AddOptions::default()).unwrap();
    assert_eq!(model.name, "translate-vi_fr-1_0");
    assert_eq!(model.source, Some(ModelSource::Argos));
    assert_eq!(model.source_lang.as_deref(), Some("vi"));
    assert_eq!(model.target_lang.as_deref(), Some("fr"));
    let files = ModelFiles::inspect(&model.dir).unwrap();
    assert_eq!(files.source_spm, model.dir.join("sentencepiece.model"));
    assert_eq!(files.source_spm, files.target_spm);

    // Metadata without languages is refused, naming the file.
    let bad = tmp.path().join("bad.argosmodel");
    argos_package(&bad, r#"{"package_version": "1.0"}"#);
    let err = registry.add(&bad, &AddOptions::default()).unwrap_err();
    assert!(err.to_string().contains("metadata.json"), "{err}");
    assert_eq!(registry.list().unwrap().len(), 1);
}

#[test]
fn bad_archives_are_refused_and_leave_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let registry = ModelRegistry::new(tmp.path().join("models"));

    // An entry escaping the destination (zip slip).
    let evil = tmp.path().join("evil.zip");
    zip_files(&evil, &[("../../escaped.txt".to_string(), b"x".to_vec())]);
    let err = registry.add(&evil, &AddOptions::default()).unwrap_err();
    assert!(matches!(err, ModelError::Archive { .. }), "{err}");
    assert!(!tmp.path().join("escaped.txt").exists());

    // Not an archive at all.
    let junk = tmp.path().join("junk.tar.gz");
    fs::write(&junk, b"this is not gzip").unwrap();
    assert!(matches!(
        registry.add(&junk, &AddOptions::default()).unwrap_err(),
        ModelError::Archive { .. }
    ));

    // An archive of something that is not a model.
    let src = tmp.path().join("notes");
    fs::create_dir_all(&src).unwrap();
    fs::write(src.join("README"), b"hello").unwrap();
    let archive = tmp.path().join("notes.tar.gz");
    tar_gz(&src, &archive, "notes");
    let err = registry.add(&archive, &AddOptions::default()).unwrap_err();
    assert!(
        matches!(
            err,
            ModelError::MissingFile {
                file: "model.bin",
                ..
            }
        ),
        "{err}"
    );

    // Unknown file kinds.
    let txt = tmp.path().join("model.txt");
    fs::write(&txt, b"x").unwrap();
    assert!(matches!(
        registry.add(&txt, &AddOptions::default()).unwrap_err(),
        ModelError::UnknownSource { .. }
    ));

    assert!(registry.list().unwrap().is_empty());
    assert_eq!(fs::read_dir(registry.root()).unwrap().count(), 0);
}
