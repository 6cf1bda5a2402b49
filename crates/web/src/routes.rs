//! The URL map: the public site's routes and the desk's, joined under the
//! layers every response passes through. The only module that sees both
//! halves; each half lists its own addresses (`public/mod.rs`,
//! `desk/mod.rs`), and `core/urls.rs` builds the public ones.

use std::sync::Arc;

use axum::middleware;
use axum::Router;
use tower_http::compression::CompressionLayer;

use crate::core::app::{App, AppState};
use crate::core::headers::security_headers;
use crate::core::http;
use crate::core::i18n::Locales;
use crate::{desk, public, Portal};

/// The portal's routes: pages, feeds, sitemaps, static assets and the JSON API.
///
/// Also the readers' comment endpoints and the editorial desk (`/admin`).
/// Every response carries the hardening headers ([`crate::security_headers`]);
/// browsers report policy violations to `POST /csp-report`. Forwarding
/// headers count only from the portal's trusted proxies.
/// The caller adds `/healthz`. UI strings are
/// compiled in; if they fail to parse (a broken `.ftl` file, caught by the
/// tests) every page answers 500.
pub fn router(portal: Portal) -> Router {
    let locales = match Locales::load() {
        Ok(l) => l,
        Err(e) => {
            tracing::error!(error = %e, "UI strings do not load");
            Locales::empty()
        }
    };
    let base_url = portal.config.base_url.clone();
    let trusted = portal.trusted_proxies.clone();
    let image_origin = portal.images.as_ref().and_then(|s| s.public_origin());
    let app: AppState = Arc::new(App::new(portal, locales));
    let router = public::routes(&app)
        .merge(desk::routes())
        .layer(middleware::from_fn_with_state(
            app.clone(),
            http::forget_pages_after_writes,
        ))
        .layer(middleware::from_fn(http::conditional_get))
        // brotli or gzip (the crate's only compression features), for every
        // text type; outside the ETag layer, so the ETag names the content.
        .layer(CompressionLayer::new())
        .with_state(app);
    // Outermost: every handler, and the headers layer, sees the reader's
    // address and only the forwarding headers of trusted proxies.
    security_headers(router, &base_url, trusted.clone(), image_origin.as_deref()).layer(
        middleware::from_fn(move |req, next| {
            crate::core::proxies::resolve(trusted.clone(), req, next)
        }),
    )
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    /// Every `.rs` file under `dir`, recursively.
    fn sources(dir: &Path) -> Vec<PathBuf> {
        let mut found = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    found.push(path);
                }
            }
        }
        found
    }

    /// The lines of `text` holding a path into one of `forbidden` (module
    /// names at the crate root).
    fn crossings(text: &str, forbidden: &[&str]) -> Vec<String> {
        text.lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .filter(|line| {
                forbidden.iter().any(|m| {
                    let direct = [format!("crate::{m}"), format!("super::{m}")];
                    let grouped = line.split("crate::{").skip(1).any(|group| {
                        group
                            .split('}')
                            .next()
                            .unwrap_or("")
                            .split(|c: char| !c.is_alphanumeric() && c != '_')
                            .any(|word| word == *m)
                    });
                    grouped
                        || direct.iter().any(|d| {
                            line.match_indices(d.as_str()).any(|(at, _)| {
                                !line[at + d.len()..]
                                    .starts_with(|c: char| c.is_alphanumeric() || c == '_')
                            })
                        })
                })
            })
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn the_scanner_finds_every_form_of_a_path_into_the_other_half() {
        assert_eq!(crossings("use crate::desk::Tr;", &["desk"]).len(), 1);
        assert_eq!(crossings("use crate::{core, desk};", &["desk"]).len(), 1);
        assert_eq!(crossings("    super::desk::routes()", &["desk"]).len(), 1);
        assert_eq!(
            crossings("let x = crate::public::pages::html;", &["public"]).len(),
            1
        );
        assert!(crossings("use crate::core::app::App; // the desk", &["desk"]).is_empty());
        assert!(crossings("use crate::desktop::X;", &["desk"]).is_empty());
        assert!(crossings("/// Links [`crate::desk`] in a doc.", &["desk"]).is_empty());
    }

    #[test]
    fn the_public_site_and_the_desk_import_only_from_the_core() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let rules: [(&str, &[&str]); 3] = [
            ("public", &["desk"]),
            ("desk", &["public"]),
            ("core", &["desk", "public"]),
        ];
        let mut broken = Vec::new();
        for (half, forbidden) in rules {
            let files = sources(&src.join(half));
            assert!(!files.is_empty(), "no sources under src/{half}");
            for file in files {
                let text = std::fs::read_to_string(&file).unwrap();
                for line in crossings(&text, forbidden) {
                    broken.push(format!("{}: {}", file.display(), line.trim()));
                }
            }
        }
        assert!(
            broken.is_empty(),
            "imports across the halves:\n{}",
            broken.join("\n")
        );
    }
}
