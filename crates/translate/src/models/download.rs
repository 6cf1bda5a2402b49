//! Installing a model from an `http(s)://` address: the archive is
//! downloaded, bounded in size, into the models directory's hidden
//! `.downloads/` (keeping its file name, which tells its kind and default
//! name), installed like a local archive, and removed.

use std::io::Write;
use std::path::PathBuf;

use super::{AddOptions, InstalledModel, ModelError, ModelRegistry};

/// The largest model archive downloaded (8 GiB): NLLB-200 3.3B in int8 is
/// about 3.3 GB, so a larger body is not a model we can run.
pub const MAX_MODEL_DOWNLOAD: u64 = 8 << 30;

impl ModelRegistry {
    /// Installs from `source`: an `http://` or `https://` URL is downloaded
    /// (at most [`MAX_MODEL_DOWNLOAD`] bytes, [`Self::add_from_url`]),
    /// anything else is a local path ([`ModelRegistry::add`]).
    pub async fn add_from_source(
        &self,
        source: &str,
        options: &AddOptions,
    ) -> Result<InstalledModel, ModelError> {
        if source.starts_with("http://") || source.starts_with("https://") {
            self.add_from_url(source, options, MAX_MODEL_DOWNLOAD).await
        } else {
            self.add(std::path::Path::new(source), options)
        }
    }

    /// Downloads the archive at `url` (at most `max_bytes`) and installs it
    /// as [`ModelRegistry::add`] does. The download is removed afterwards,
    /// whether the install worked or not.
    pub async fn add_from_url(
        &self,
        url: &str,
        options: &AddOptions,
        max_bytes: u64,
    ) -> Result<InstalledModel, ModelError> {
        let path = self.download(url, max_bytes).await?;
        let added = self.add(&path, options);
        let _ = std::fs::remove_file(&path);
        added
    }

    async fn download(&self, url: &str, max_bytes: u64) -> Result<PathBuf, ModelError> {
        let failed = |reason: String| ModelError::Download {
            url: url.to_string(),
            reason,
        };
        let name = url
            .split(['?', '#'])
            .next()
            .and_then(|u| u.rsplit('/').next())
            .filter(|n| !n.is_empty() && !n.starts_with('.'))
            .unwrap_or("model.tar.gz")
            .to_string();
        let dir = self.root().join(".downloads");
        std::fs::create_dir_all(&dir).map_err(|e| ModelError::io(&dir, e))?;
        let path = dir.join(&name);
        let mut response = reqwest::get(url).await.map_err(|e| failed(e.to_string()))?;
        if !response.status().is_success() {
            return Err(failed(format!("HTTP {}", response.status())));
        }
        if response.content_length().is_some_and(|n| n > max_bytes) {
            return Err(failed(too_large(max_bytes)));
        }
        let mut file = std::fs::File::create(&path).map_err(|e| ModelError::io(&path, e))?;
        let mut written = 0u64;
        let result = loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    written += chunk.len() as u64;
                    if written > max_bytes {
                        break Err(failed(too_large(max_bytes)));
                    }
                    if let Err(e) = file.write_all(&chunk) {
                        break Err(ModelError::io(&path, e));
                    }
                }
                Ok(None) => break Ok(()),
                Err(e) => break Err(failed(format!("interrupted: {e}"))),
            }
        };
        if let Err(e) = result {
            let _ = std::fs::remove_file(&path);
            return Err(e);
        }
        Ok(path)
    }
}

fn too_large(max_bytes: u64) -> String {
    format!(
        "larger than {} MiB; download it yourself and give the file to `models add`",
        max_bytes >> 20
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn serve(body: Vec<u8>) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = axum::Router::new().route(
            "/{name}",
            axum::routing::get(move || {
                let body = body.clone();
                async move { body }
            }),
        );
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        format!("http://{addr}")
    }

    #[tokio::test]
    async fn a_body_over_the_bound_is_refused_and_nothing_is_left() {
        let root = tempfile::tempdir().unwrap();
        let registry = ModelRegistry::new(root.path());
        let base = serve(vec![0u8; 64 * 1024]).await;
        let err = registry
            .add_from_url(&format!("{base}/big.tar.gz"), &AddOptions::default(), 1024)
            .await
            .unwrap_err();
        assert!(matches!(err, ModelError::Download { .. }), "{err}");
        assert!(err.to_string().contains("larger than"), "{err}");
        let left: Vec<_> = std::fs::read_dir(root.path().join(".downloads"))
            .unwrap()
            .collect();
        assert!(left.is_empty(), "{left:?}");
        assert!(registry.list().unwrap().is_empty());
    }

    #[tokio::test]
    async fn a_download_that_is_not_a_model_is_refused_and_removed() {
        let root = tempfile::tempdir().unwrap();
        let registry = ModelRegistry::new(root.path());
        let base = serve(b"not a tarball".to_vec()).await;
        let err = registry
            .add_from_url(
                &format!("{base}/m.tar.gz?x=1"),
                &AddOptions::default(),
                MAX_MODEL_DOWNLOAD,
            )
            .await
            .unwrap_err();
        assert!(!matches!(err, ModelError::Download { .. }), "{err}");
        assert!(!root.path().join(".downloads/m.tar.gz").exists());
    }
}
