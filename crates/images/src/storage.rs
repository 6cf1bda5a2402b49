//! Where originals and renditions live: a directory on this machine, or an
//! S3-compatible bucket (through the `object_store` crate) for many web nodes.
//!
//! Disk writes are atomic: bytes go to a hidden temporary file in the key's
//! own directory (`.partial-*`), are fsynced, then renamed over the key and
//! the directory is fsynced. A crash mid-write leaves at most a hidden
//! temporary file, which `get` and `list` never see and
//! [`Storage::remove_partial`] deletes. S3 `PUT` is atomic by itself (an
//! object appears whole or not at all); we never use multipart uploads.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use object_store::{ObjectStore, ObjectStoreExt};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::{ImageError, OutputFormat, SourceFormat};

/// Prefix of the temporary files of disk writes in progress (hidden: ignored by `get` and `list`).
const PARTIAL_PREFIX: &str = ".partial-";

/// Where images are stored, as read from `[images]` (`kind = "disk"` or `kind = "s3"`).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum StorageConfig {
    /// A directory on this machine (default: the data directory's `images/`).
    Disk {
        /// The directory; created when missing.
        root: PathBuf,
    },
    /// An S3-compatible bucket (AWS S3, MinIO, Garage, Ceph, R2, ...).
    S3 {
        /// Bucket name.
        bucket: String,
        /// Endpoint URL for non-AWS servers (`http://127.0.0.1:9000`); `None` for AWS itself.
        #[serde(default)]
        endpoint: Option<String>,
        /// Region (`us-east-1` when the server does not care).
        #[serde(default = "default_region")]
        region: String,
        /// Access key; `None` takes the usual AWS environment variables.
        #[serde(default)]
        access_key_id: Option<String>,
        /// Secret key; `None` takes the usual AWS environment variables.
        #[serde(default)]
        secret_access_key: Option<String>,
        /// Prefix put before every key (`images/`), may be empty.
        #[serde(default)]
        prefix: String,
        /// Base URL under which the bucket (or a CDN in front of it) serves
        /// objects publicly; when set, pages link there instead of our routes.
        #[serde(default)]
        public_base_url: Option<String>,
    },
}

fn default_region() -> String {
    "us-east-1".into()
}

impl std::fmt::Debug for StorageConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Disk { root } => f.debug_struct("Disk").field("root", root).finish(),
            Self::S3 {
                bucket,
                endpoint,
                region,
                access_key_id,
                secret_access_key,
                prefix,
                public_base_url,
            } => f
                .debug_struct("S3")
                .field("bucket", bucket)
                .field("endpoint", endpoint)
                .field("region", region)
                .field("access_key_id", access_key_id)
                .field(
                    "secret_access_key",
                    &secret_access_key.as_ref().map(|_| "<redacted>"),
                )
                .field("prefix", prefix)
                .field("public_base_url", public_base_url)
                .finish(),
        }
    }
}

/// One stored object as read back.
#[derive(Clone, PartialEq, Eq)]
pub struct StoredObject {
    /// The bytes.
    pub bytes: Bytes,
    /// Its MIME type (disk: from the key's extension; S3: as stored with it).
    pub content_type: String,
    /// A strong ETag, quoted as HTTP wants it (`"..."`): disk, the first
    /// 128 bits of the SHA-256 of the bytes; S3, the bucket's own ETag.
    pub etag: String,
}

impl std::fmt::Debug for StoredObject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoredObject")
            .field("bytes", &self.bytes.len())
            .field("content_type", &self.content_type)
            .field("etag", &self.etag)
            .finish()
    }
}

/// Originals and renditions, on disk or in a bucket. Cheap to clone.
#[derive(Clone, Debug)]
pub enum Storage {
    /// A directory on this machine.
    Disk(DiskStorage),
    /// An S3-compatible bucket.
    S3(S3Storage),
}

/// The disk backend (see [`Storage::Disk`]).
#[derive(Clone, Debug)]
pub struct DiskStorage {
    root: PathBuf,
}

/// The origin of a `public_base_url`: `http(s)://host[:port]`, refused when
/// the URL is not http(s) or its host holds characters a host cannot (it is
/// written into a response header).
fn origin_of(url: &str) -> Result<String, ImageError> {
    let refuse = || {
        ImageError::Config(format!(
            "public_base_url {url:?} is not an http(s) URL such as https://cdn.example/pictures"
        ))
    };
    let (scheme, rest) = url.split_once("://").ok_or_else(refuse)?;
    if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
        return Err(refuse());
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let allowed = |c: char| c.is_ascii_alphanumeric() || ".-:[]".contains(c);
    if host.is_empty() || !host.chars().all(allowed) {
        return Err(refuse());
    }
    Ok(format!(
        "{}://{}",
        scheme.to_ascii_lowercase(),
        host.to_ascii_lowercase()
    ))
}

/// The S3 backend (see [`Storage::S3`]).
#[derive(Clone, Debug)]
pub struct S3Storage {
    store: Arc<object_store::aws::AmazonS3>,
    prefix: String,
    public_base_url: Option<String>,
}

impl Storage {
    /// Opens the configured backend: creates the disk root when missing;
    /// for S3 checks the settings (no request is made until first use).
    pub fn new(config: &StorageConfig) -> Result<Self, ImageError> {
        match config {
            StorageConfig::Disk { root } => {
                std::fs::create_dir_all(root)
                    .map_err(|e| ImageError::Io(format!("creating {}: {e}", root.display())))?;
                Ok(Self::Disk(DiskStorage { root: root.clone() }))
            }
            StorageConfig::S3 {
                bucket,
                endpoint,
                region,
                access_key_id,
                secret_access_key,
                prefix,
                public_base_url,
            } => {
                if bucket.is_empty() {
                    return Err(ImageError::Config("s3 bucket is empty".into()));
                }
                let mut b = object_store::aws::AmazonS3Builder::from_env()
                    .with_bucket_name(bucket)
                    .with_region(region);
                if let Some(ep) = endpoint {
                    b = b
                        .with_endpoint(ep)
                        .with_allow_http(ep.starts_with("http://"))
                        .with_virtual_hosted_style_request(false);
                }
                if let Some(k) = access_key_id {
                    b = b.with_access_key_id(k);
                }
                if let Some(s) = secret_access_key {
                    b = b.with_secret_access_key(s);
                }
                let store = b.build().map_err(|e| ImageError::Config(e.to_string()))?;
                let prefix = prefix.trim_matches('/');
                if !prefix.is_empty() {
                    check_key(prefix)?;
                }
                if let Some(url) = public_base_url {
                    origin_of(url)?;
                }
                Ok(Self::S3(S3Storage {
                    store: Arc::new(store),
                    prefix: prefix.to_string(),
                    public_base_url: public_base_url
                        .as_ref()
                        .map(|u| u.trim_end_matches('/').to_string()),
                }))
            }
        }
    }

    /// Stores `bytes` under `key`, atomically: a reader sees the old object
    /// (or none) until the new one is complete, never a part of it.
    /// `content_type` is stored with the object on S3; on disk the type is
    /// the key's extension's (keys made by [`crate::rendition_key`] and
    /// [`crate::original_key`] agree with it).
    pub async fn put(
        &self,
        key: &str,
        bytes: impl Into<Bytes>,
        content_type: &str,
    ) -> Result<(), ImageError> {
        check_key(key)?;
        let bytes = bytes.into();
        match self {
            Self::Disk(d) => {
                let path = d.root.join(key);
                spawn_blocking(move || write_atomic(&path, &bytes)).await
            }
            Self::S3(s) => {
                let mut attributes = object_store::Attributes::new();
                attributes.insert(
                    object_store::Attribute::ContentType,
                    content_type.to_string().into(),
                );
                let opts = object_store::PutOptions {
                    attributes,
                    ..Default::default()
                };
                s.store
                    .put_opts(&s.path(key), bytes.into(), opts)
                    .await
                    .map(|_| ())
                    .map_err(|e| ImageError::ObjectStore(e.to_string()))
            }
        }
    }

    /// The object under `key`, or `None` when there is none.
    pub async fn get(&self, key: &str) -> Result<Option<StoredObject>, ImageError> {
        check_key(key)?;
        match self {
            Self::Disk(d) => {
                let path = d.root.join(key);
                let content_type = content_type_of(key).to_string();
                spawn_blocking(move || match std::fs::read(&path) {
                    Ok(b) => {
                        let etag = disk_etag(&b);
                        Ok(Some(StoredObject {
                            bytes: b.into(),
                            content_type,
                            etag,
                        }))
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                    Err(e) => Err(ImageError::Io(format!("reading {}: {e}", path.display()))),
                })
                .await
            }
            Self::S3(s) => {
                let r = match s.store.get(&s.path(key)).await {
                    Ok(r) => r,
                    Err(object_store::Error::NotFound { .. }) => return Ok(None),
                    Err(e) => return Err(ImageError::ObjectStore(e.to_string())),
                };
                let content_type = r
                    .attributes
                    .get(&object_store::Attribute::ContentType)
                    .map(|v| v.to_string())
                    .unwrap_or_else(|| content_type_of(key).to_string());
                let etag = r
                    .meta
                    .e_tag
                    .clone()
                    .map(|t| quote_etag(&t))
                    .unwrap_or_default();
                let bytes = r
                    .bytes()
                    .await
                    .map_err(|e| ImageError::ObjectStore(e.to_string()))?;
                let etag = if etag.is_empty() {
                    disk_etag(&bytes)
                } else {
                    etag
                };
                Ok(Some(StoredObject {
                    bytes,
                    content_type,
                    etag,
                }))
            }
        }
    }

    /// Removes `key`; removing a key that does not exist is not an error.
    pub async fn delete(&self, key: &str) -> Result<(), ImageError> {
        check_key(key)?;
        match self {
            Self::Disk(d) => {
                let path = d.root.join(key);
                spawn_blocking(move || match std::fs::remove_file(&path) {
                    Ok(()) => Ok(()),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                    Err(e) => Err(ImageError::Io(format!("removing {}: {e}", path.display()))),
                })
                .await
            }
            Self::S3(s) => match s.store.delete(&s.path(key)).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
                Err(e) => Err(ImageError::ObjectStore(e.to_string())),
            },
        }
    }

    /// Every key starting with `prefix` (a key prefix such as `ab/cd/` or
    /// `ab/cd/<hash>/`, or empty for all), sorted. Disk temporary files of
    /// unfinished writes are never listed.
    pub async fn list(&self, prefix: &str) -> Result<Vec<String>, ImageError> {
        if !prefix.is_empty() {
            check_key(prefix.trim_end_matches('/'))?;
        }
        let mut keys = match self {
            Self::Disk(d) => {
                let root = d.root.clone();
                let prefix = prefix.to_string();
                spawn_blocking(move || list_disk(&root, &prefix)).await?
            }
            Self::S3(s) => {
                use futures::TryStreamExt;
                // object_store lists by whole path segments: list the deepest
                // complete directory, then filter by the full prefix.
                let dir = match prefix.rfind('/') {
                    Some(i) => &prefix[..i],
                    None => "",
                };
                let full_dir = s.full_key(dir);
                let base = (!full_dir.is_empty())
                    .then(|| object_store::path::Path::from(full_dir.as_str()));
                let metas: Vec<_> = s
                    .store
                    .list(base.as_ref())
                    .try_collect()
                    .await
                    .map_err(|e| ImageError::ObjectStore(e.to_string()))?;
                let strip = if s.prefix.is_empty() {
                    String::new()
                } else {
                    format!("{}/", s.prefix)
                };
                metas
                    .into_iter()
                    .filter_map(|m| {
                        m.location
                            .as_ref()
                            .strip_prefix(strip.as_str())
                            .map(str::to_string)
                    })
                    .filter(|k| k.starts_with(prefix))
                    .collect()
            }
        };
        keys.sort();
        Ok(keys)
    }

    /// The public URL of `key` when the bucket or a CDN serves it
    /// (`public_base_url` set); `None` means: serve it through our own routes.
    pub fn public_url(&self, key: &str) -> Option<String> {
        match self {
            Self::Disk(_) => None,
            Self::S3(s) => s
                .public_base_url
                .as_ref()
                .map(|base| format!("{base}/{}", s.full_key(key))),
        }
    }

    /// The origin (`https://cdn.example`) that serves pictures when the
    /// bucket or a CDN does (`public_base_url` set): the one image origin
    /// besides our own that pages' Content-Security-Policy allows.
    pub fn public_origin(&self) -> Option<String> {
        match self {
            Self::Disk(_) => None,
            Self::S3(s) => s.public_base_url.as_deref().and_then(|u| origin_of(u).ok()),
        }
    }

    /// Deletes disk temporary files of unfinished writes older than
    /// `older_than` (left by a crash or a full disk) and returns how many it
    /// deleted. S3 has none (uploads are single `PUT`s): returns 0.
    pub async fn remove_partial(&self, older_than: Duration) -> Result<u64, ImageError> {
        match self {
            Self::S3(_) => Ok(0),
            Self::Disk(d) => {
                let root = d.root.clone();
                spawn_blocking(move || {
                    let cutoff = SystemTime::now()
                        .checked_sub(older_than)
                        .unwrap_or(SystemTime::UNIX_EPOCH);
                    let mut removed = 0;
                    walk(&root, &mut |path, name, is_dir| {
                        if !is_dir && name.starts_with(PARTIAL_PREFIX) {
                            let old = std::fs::metadata(path)
                                .and_then(|m| m.modified())
                                .map(|t| t <= cutoff)
                                .unwrap_or(false);
                            if old && std::fs::remove_file(path).is_ok() {
                                removed += 1;
                            }
                        }
                    })?;
                    Ok(removed)
                })
                .await
            }
        }
    }
}

impl S3Storage {
    fn full_key(&self, key: &str) -> String {
        match (self.prefix.is_empty(), key.is_empty()) {
            (true, _) => key.to_string(),
            (false, true) => self.prefix.clone(),
            (false, false) => format!("{}/{key}", self.prefix),
        }
    }

    fn path(&self, key: &str) -> object_store::path::Path {
        object_store::path::Path::from(self.full_key(key).as_str())
    }
}

/// Keys are relative paths whose components are non-empty runs of
/// `[A-Za-z0-9._-]` not starting with a dot: no `..`, no absolute paths, no
/// hidden files (so temporary files can never be named by a key).
fn check_key(key: &str) -> Result<(), ImageError> {
    let ok = !key.is_empty()
        && key.len() <= 512
        && key.split('/').all(|c| {
            !c.is_empty()
                && !c.starts_with('.')
                && c.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_' || b == b'-')
        });
    if ok {
        Ok(())
    } else {
        Err(ImageError::BadKey(key.chars().take(100).collect()))
    }
}

/// The MIME type a key's extension names (`application/octet-stream` for others).
fn content_type_of(key: &str) -> &'static str {
    let ext = key.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
    if let Some(f) = OutputFormat::from_extension(ext) {
        return f.mime();
    }
    match ext {
        "gif" => SourceFormat::Gif.mime(),
        "svg" => SourceFormat::Svg.mime(),
        _ => "application/octet-stream",
    }
}

fn disk_etag(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    let mut s = String::with_capacity(34);
    s.push('"');
    for b in &d[..16] {
        s.push_str(&format!("{b:02x}"));
    }
    s.push('"');
    s
}

fn quote_etag(t: &str) -> String {
    if t.starts_with('"') || t.starts_with("W/") {
        t.to_string()
    } else {
        format!("\"{t}\"")
    }
}

async fn spawn_blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ImageError> + Send + 'static,
) -> Result<T, ImageError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| ImageError::Io(format!("storage task failed: {e}")))?
}

fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), ImageError> {
    let io =
        |what: &str, e: std::io::Error| ImageError::Io(format!("{what} {}: {e}", path.display()));
    let dir = path
        .parent()
        .ok_or_else(|| ImageError::BadKey(path.display().to_string()))?;
    std::fs::create_dir_all(dir).map_err(|e| io("creating the directory of", e))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(PARTIAL_PREFIX)
        .tempfile_in(dir)
        .map_err(|e| io("creating a temporary file for", e))?;
    tmp.write_all(bytes).map_err(|e| io("writing", e))?;
    tmp.as_file().sync_all().map_err(|e| io("syncing", e))?;
    // On failure the temporary file is deleted when `tmp` drops.
    tmp.persist(path)
        .map_err(|e| io("renaming into", e.error))?;
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| io("syncing the directory of", e))?;
    Ok(())
}

/// Calls `f(path, name, is_dir)` for every entry under `root`, depth first;
/// hidden directories are not entered.
fn walk(root: &Path, f: &mut dyn FnMut(&Path, &str, bool)) -> Result<(), ImageError> {
    let entries = match std::fs::read_dir(root) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(ImageError::Io(format!("listing {}: {e}", root.display()))),
    };
    for entry in entries {
        let entry =
            entry.map_err(|e| ImageError::Io(format!("listing {}: {e}", root.display())))?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_dir = entry.file_type().map(|t| t.is_dir()).unwrap_or(false);
        f(&path, &name, is_dir);
        if is_dir && !name.starts_with('.') {
            walk(&path, f)?;
        }
    }
    Ok(())
}

fn list_disk(root: &Path, prefix: &str) -> Result<Vec<String>, ImageError> {
    // Walk only the deepest directory the prefix names completely.
    let dir = match prefix.rfind('/') {
        Some(i) => &prefix[..i],
        None => "",
    };
    let start = if dir.is_empty() {
        root.to_path_buf()
    } else {
        root.join(dir)
    };
    let mut keys = Vec::new();
    walk(&start, &mut |path, name, is_dir| {
        if is_dir || name.starts_with('.') {
            return;
        }
        let Ok(rel) = path.strip_prefix(root) else {
            return;
        };
        let Some(key) = rel.to_str() else { return };
        let hidden = key.split('/').any(|c| c.starts_with('.'));
        if !hidden && key.starts_with(prefix) {
            keys.push(key.to_string());
        }
    })?;
    Ok(keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_public_base_url_gives_its_origin_and_nothing_else_passes() {
        assert_eq!(
            origin_of("https://CDN.example:8443/pictures/").unwrap(),
            "https://cdn.example:8443"
        );
        assert_eq!(
            origin_of("http://127.0.0.1:9000").unwrap(),
            "http://127.0.0.1:9000"
        );
        for bad in [
            "cdn.example/pictures",
            "javascript://x",
            "https://",
            "https://cdn.example; script-src *",
            "https://cdn\r\nx",
        ] {
            assert!(origin_of(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn keys_are_checked() {
        for good in ["ab/cd/x/960.webp", "a", "A-b_c.d"] {
            assert!(check_key(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "/abs",
            "a/../b",
            "..",
            "a//b",
            "a/.partial-x",
            ".hidden",
            "a b",
            "a/",
            "é",
        ] {
            assert!(check_key(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn content_types_follow_extensions() {
        assert_eq!(content_type_of("a/b/960.webp"), "image/webp");
        assert_eq!(content_type_of("a/b/original.jpg"), "image/jpeg");
        assert_eq!(content_type_of("a/b/original.svg"), "image/svg+xml");
        assert_eq!(content_type_of("a/b/noext"), "application/octet-stream");
    }

    #[test]
    fn secrets_are_not_printed() {
        let c = StorageConfig::S3 {
            bucket: "b".into(),
            endpoint: None,
            region: "r".into(),
            access_key_id: Some("AKIA".into()),
            secret_access_key: Some("hunter2".into()),
            prefix: String::new(),
            public_base_url: None,
        };
        assert!(!format!("{c:?}").contains("hunter2"));
    }
}
