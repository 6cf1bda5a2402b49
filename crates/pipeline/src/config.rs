//! `newsbridge.toml`, overridable by `NEWSBRIDGE_*` variables and `DATABASE_URL`.
//!
//! Loading is two steps: figment merges the file and the environment and
//! reports type errors with the key and the value; [`Config::validate`] then
//! checks meaning (addresses, URLs, languages) and names the key it rejects.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};

/// The whole configuration.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Where the SQLite database, search index and models live.
    pub data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…`; defaults to `sqlite://{data_dir}/newsbridge.db`.
    pub database_url: Option<String>,
    /// The portal.
    pub site: SiteConfig,
    /// The HTTP server.
    pub server: ServerConfig,
    /// The job workers.
    pub workers: WorkerConfig,
    /// Fetching from publishers.
    pub ingest: IngestConfig,
    /// Translation.
    pub translation: TranslationConfig,
    /// Mirrored pictures: storage, sizes, formats, limits.
    pub images: crate::imaging::ImagesConfig,
}

/// What readers see.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SiteConfig {
    /// The portal's name in page headers.
    pub name: String,
    /// Public URL, for canonical links, feeds and sitemaps.
    pub base_url: String,
    /// The publishers' language.
    pub source_language: String,
    /// Every language the portal shows, the source language included; the first is the default.
    pub languages: Vec<String>,
    /// Comment moderation: `post` (visible at once, reportable) or `pre` (held for an editor).
    pub comment_moderation: String,
}

/// The HTTP server.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ServerConfig {
    /// Address to listen on.
    pub listen: String,
    /// Key signing desk sessions, form tokens and comment IP hashes. Every web
    /// node of one site needs the same; unset, one is made and kept in
    /// `{data_dir}/portal.secret`.
    pub secret: Option<String>,
    /// Seconds a rendered article page is served from memory before it is
    /// rendered again (0 turns the page cache off). Writes through this node
    /// clear it at once; changes from elsewhere show within this time.
    pub page_cache_seconds: u64,
    /// Memory the page cache may take, in MiB.
    pub page_cache_mib: u64,
    /// Proxies whose `X-Forwarded-For` / `X-Forwarded-Proto` are believed:
    /// addresses or CIDR ranges. The reader is the right-most forwarded
    /// address that is not one of them.
    pub trusted_proxies: Vec<String>,
    /// Largest request body, in KiB; a larger declared body is refused with
    /// 413 before it is read.
    pub max_body_kib: u64,
    /// Seconds a client has to send a request's headers; also how long an
    /// idle kept-alive connection stays open.
    pub header_read_timeout_seconds: u64,
    /// Seconds the server waits for the next piece of a request body.
    pub body_read_timeout_seconds: u64,
    /// Seconds a request with a body may take from its headers to its
    /// answer, however steadily the body arrives.
    pub body_total_timeout_seconds: u64,
    /// Connections served at once; further ones are closed at once.
    pub max_connections: usize,
    /// Connections served at once from one client address (an IPv6 client
    /// by its /64); trusted proxies are exempt. Above `max_connections` it
    /// changes nothing.
    pub max_connections_per_client: usize,
    /// Address serving `/metrics`, `/healthz` and `/readyz` apart from the
    /// portal (for Prometheus on a private network).
    pub metrics_listen: Option<String>,
    /// With it, `/metrics` is also served on the portal's port to requests
    /// bearing `Authorization: Bearer <token>`; without it, not at all there.
    pub metrics_token: Option<String>,
}

/// The job workers.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WorkerConfig {
    /// Jobs run at the same time in one process.
    pub concurrency: usize,
    /// How long a worker holds a job before another may take it over, in seconds.
    pub lease_seconds: u64,
    /// Attempts before a job is parked as dead.
    pub max_attempts: u32,
    /// First retry delay in seconds, doubled per attempt.
    pub retry_base_seconds: u64,
    /// Longest retry delay in seconds.
    pub retry_max_seconds: u64,
    /// On shutdown, how long running jobs may take to finish before they are
    /// given back to the queue for another worker, in seconds.
    pub shutdown_grace_seconds: u64,
}

/// Fetching from publishers.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct IngestConfig {
    /// Exceptions to the SSRF guard: `host`, `ip`, `ip:port` or CIDR entries.
    pub allow: Vec<String>,
    /// URL describing the crawler, sent in the User-Agent.
    pub contact_url: String,
    /// Minimum milliseconds between two requests to one host.
    pub host_delay_ms: u64,
    /// Largest page accepted, in bytes.
    pub max_body_bytes: u64,
    /// Whether robots.txt is obeyed (keep true for real publishers).
    pub obey_robots: bool,
    /// Minutes between two conditional GETs of a recent article after it
    /// left its source's feed, to notice corrections and withdrawals (0: never).
    pub recheck_minutes: u64,
    /// Days after publication during which articles are rechecked.
    pub recheck_days: u64,
}

/// Translation.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TranslationConfig {
    /// Default policy for translations with QA flags: `publish` or `hold_until_reviewed`.
    pub policy: String,
    /// Policy per target language, overriding `policy`.
    pub policies: std::collections::BTreeMap<String, String>,
    /// Machine translation engines (`kind` = libretranslate, openai or deepl).
    pub engines: Vec<translate::EngineConfig>,
    /// Which engines serve which language pair, first the primary, then fallbacks.
    pub routes: Vec<translate::RouteConfig>,
    /// House style per target language for the Vietnamese names a
    /// translation keeps: `diacritics` (the default: "Đắk Lắk", marked
    /// `lang="vi"` on the page) or `ascii` ("Dak Lak"); search finds either
    /// by the original form.
    pub names: std::collections::BTreeMap<String, translate::NameStyle>,
}

impl TranslationConfig {
    /// The policy for translations into `lang`.
    pub fn policy_for(&self, lang: &str) -> &str {
        self.policies.get(lang).unwrap_or(&self.policy)
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            data_dir: PathBuf::from("data"),
            database_url: None,
            site: SiteConfig::default(),
            server: ServerConfig::default(),
            workers: WorkerConfig::default(),
            ingest: IngestConfig::default(),
            translation: TranslationConfig::default(),
            images: crate::imaging::ImagesConfig::default(),
        }
    }
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            name: "Newsbridge".into(),
            base_url: "http://127.0.0.1:8080".into(),
            source_language: "vi".into(),
            languages: ["vi", "en", "fr", "de", "es", "zh", "ja", "ko", "ru"]
                .map(String::from)
                .to_vec(),
            comment_moderation: "post".into(),
        }
    }
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            listen: "127.0.0.1:8080".into(),
            secret: None,
            page_cache_seconds: 5,
            page_cache_mib: 64,
            trusted_proxies: vec!["127.0.0.0/8".into(), "::1".into()],
            max_body_kib: 1024,
            header_read_timeout_seconds: 10,
            body_read_timeout_seconds: 10,
            body_total_timeout_seconds: 60,
            max_connections: 1024,
            max_connections_per_client: 64,
            metrics_listen: None,
            metrics_token: None,
        }
    }
}

impl Default for WorkerConfig {
    fn default() -> Self {
        WorkerConfig {
            concurrency: 4,
            lease_seconds: 300,
            max_attempts: 5,
            retry_base_seconds: 10,
            retry_max_seconds: 3600,
            shutdown_grace_seconds: 20,
        }
    }
}

impl Default for IngestConfig {
    fn default() -> Self {
        IngestConfig {
            allow: Vec::new(),
            contact_url: "https://github.com/newsbridge/newsbridge".into(),
            host_delay_ms: 1000,
            max_body_bytes: 10 * 1024 * 1024,
            obey_robots: true,
            recheck_minutes: 360,
            recheck_days: 2,
        }
    }
}

impl Default for TranslationConfig {
    fn default() -> Self {
        TranslationConfig {
            policy: "publish".into(),
            policies: Default::default(),
            names: Default::default(),
            engines: Vec::new(),
            routes: Vec::new(),
        }
    }
}

/// The languages a portal can show: those with complete UI translations.
pub const SUPPORTED_LANGUAGES: &[&str] = &["vi", "en", "fr", "de", "es", "zh", "ja", "ko", "ru"];

/// The configuration file read when `--config` is not given.
pub const DEFAULT_PATH: &str = "newsbridge.toml";

/// Where `newsbridge demo` keeps its data unless told otherwise.
pub const DEMO_DATA_DIR: &str = "data/demo";

/// The file in a demo's data directory holding the demo's configuration.
pub const DEMO_CONFIG_NAME: &str = "demo.toml";

/// The configuration file a command reads, and why that one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigChoice {
    /// The file.
    pub path: PathBuf,
    /// Whether the file must exist: it was named (`--config`,
    /// `NEWSBRIDGE_CONFIG`) or is the demo's.
    pub required: bool,
    /// Whether this is the configuration a demo wrote in this directory.
    pub demo: bool,
}

impl ConfigChoice {
    /// The file named on the command line, else `./newsbridge.toml` when it
    /// exists, else the configuration of a demo run in this directory (so
    /// that `users add`, `status` or `translate` reach the demo's data), else
    /// `./newsbridge.toml` (absent: the built-in defaults).
    pub fn resolve(explicit: Option<&Path>) -> ConfigChoice {
        if let Some(path) = explicit {
            return ConfigChoice {
                path: path.to_path_buf(),
                required: true,
                demo: false,
            };
        }
        let default = PathBuf::from(DEFAULT_PATH);
        let demo = Path::new(DEMO_DATA_DIR).join(DEMO_CONFIG_NAME);
        if !default.exists() && demo.is_file() {
            return ConfigChoice {
                path: demo,
                required: true,
                demo: true,
            };
        }
        ConfigChoice {
            path: default,
            required: false,
            demo: false,
        }
    }

    /// Loads the chosen file (see [`Config::load`]); the demo's is announced
    /// on standard error, since no file was named.
    pub fn load(&self) -> Result<Config> {
        if self.demo {
            eprintln!(
                "note: no {DEFAULT_PATH} here; using the demo's configuration {} (its data: {DEMO_DATA_DIR}/)",
                self.path.display()
            );
        }
        Config::load(&self.path, self.required)
    }

    /// How a message names the configuration: the file, or the defaults when it does not exist.
    pub fn describe(&self) -> String {
        if self.path.exists() {
            self.path.display().to_string()
        } else {
            format!(
                "the built-in defaults ({} does not exist)",
                self.path.display()
            )
        }
    }
}

impl Config {
    /// Loads `path` (if it exists; `required` makes a missing file an error),
    /// then `NEWSBRIDGE_*` variables (`NEWSBRIDGE_SERVER__LISTEN` sets
    /// `server.listen`), then `DATABASE_URL`, and validates the result.
    pub fn load(path: &Path, required: bool) -> Result<Config> {
        if required && !path.is_file() {
            let what = if path.exists() {
                "is not a file"
            } else {
                "does not exist"
            };
            bail!(
                "config file {} {what} (named by --config or NEWSBRIDGE_CONFIG); create it with `newsbridge init --config {}`",
                path.display(),
                path.display()
            );
        }
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        if path.exists() {
            figment = figment.merge(Toml::file(path));
        }
        figment = figment.merge(
            Env::prefixed("NEWSBRIDGE_")
                .split("__")
                .ignore(&["CONFIG", "LOG"]),
        );
        if let Ok(url) = std::env::var("DATABASE_URL") {
            figment = figment.merge(("database_url", url));
        }
        let config: Config = figment.extract().map_err(|e| {
            let mut msg = format!("invalid configuration ({}): ", path.display());
            for (i, err) in e.into_iter().enumerate() {
                if i > 0 {
                    msg.push_str("; ");
                }
                let key = err.path.join(".");
                let key = if key.is_empty() {
                    "(top level)".to_string()
                } else {
                    key
                };
                msg.push_str(&format!("key `{key}`: {}", err.kind));
                if let Some(source) = &err.metadata {
                    msg.push_str(&format!(" (from {})", source.name));
                }
            }
            anyhow::anyhow!(msg)
        })?;
        config.validate()?;
        Ok(config)
    }

    /// Checks meaning beyond types; the error names the key, the value and what is expected.
    pub fn validate(&self) -> Result<()> {
        fn bad(key: &str, value: impl std::fmt::Debug, expected: &str) -> anyhow::Error {
            anyhow::anyhow!("invalid configuration: key `{key}` = {value:?}: expected {expected}")
        }
        self.listen_addr()?;
        self.images.validate(&self.data_dir)?;
        let base = &self.site.base_url;
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(bad(
                "site.base_url",
                base,
                "an absolute http:// or https:// URL",
            ));
        }
        if self.site.languages.is_empty() {
            return Err(bad(
                "site.languages",
                &self.site.languages,
                "at least one language",
            ));
        }
        for (i, lang) in self.site.languages.iter().enumerate() {
            if !SUPPORTED_LANGUAGES.contains(&lang.as_str()) {
                return Err(bad(
                    &format!("site.languages[{i}]"),
                    lang,
                    &format!("one of {}", SUPPORTED_LANGUAGES.join(", ")),
                ));
            }
        }
        if !self.site.languages.contains(&self.site.source_language) {
            return Err(bad(
                "site.source_language",
                &self.site.source_language,
                "one of site.languages (the original version is shown too)",
            ));
        }
        if !["post", "pre"].contains(&self.site.comment_moderation.as_str()) {
            return Err(bad(
                "site.comment_moderation",
                &self.site.comment_moderation,
                "post or pre",
            ));
        }
        if let Some(secret) = &self.server.secret {
            if secret.len() < 32 {
                return Err(bad("server.secret", "(hidden)", "at least 32 characters"));
            }
        }
        self.validate_server_limits()
            .map_err(|(key, value, expected)| bad(key, value, expected))?;
        if let Some(url) = &self.database_url {
            store::Backend::of_url(url).map_err(|_| {
                bad(
                    "database_url",
                    url,
                    "sqlite://PATH or postgres://USER@HOST/DB",
                )
            })?;
        }
        if self.workers.concurrency == 0 || self.workers.concurrency > 256 {
            return Err(bad(
                "workers.concurrency",
                self.workers.concurrency,
                "1 to 256",
            ));
        }
        if self.workers.lease_seconds < 5 {
            return Err(bad(
                "workers.lease_seconds",
                self.workers.lease_seconds,
                "at least 5",
            ));
        }
        if self.workers.max_attempts == 0 {
            return Err(bad(
                "workers.max_attempts",
                self.workers.max_attempts,
                "at least 1",
            ));
        }
        if !["publish", "hold_until_reviewed"].contains(&self.translation.policy.as_str()) {
            return Err(bad(
                "translation.policy",
                &self.translation.policy,
                "publish or hold_until_reviewed",
            ));
        }
        for (lang, policy) in &self.translation.policies {
            if !["publish", "hold_until_reviewed"].contains(&policy.as_str()) {
                return Err(bad(
                    &format!("translation.policies.{lang}"),
                    policy,
                    "publish or hold_until_reviewed",
                ));
            }
        }
        for lang in self.translation.names.keys() {
            if !self.site.languages.contains(lang) {
                return Err(bad(
                    &format!("translation.names.{lang}"),
                    lang,
                    "a language of site.languages",
                ));
            }
        }
        let engines = translate::EnginesConfig {
            engines: self.translation.engines.clone(),
            routes: self.translation.routes.clone(),
        };
        translate::Engines::from_config(&engines).map_err(|e| {
            anyhow::anyhow!("invalid configuration: [translation] engines/routes: {e}")
        })?;
        ingest::AllowList::parse(&self.ingest.allow)
            .map_err(|e| bad("ingest.allow", &self.ingest.allow, &e.to_string()))?;
        Ok(())
    }
    /// The `[server]` limits, trusted proxies and metrics settings, checked:
    /// the key, the value and what was expected when one is wrong.
    fn validate_server_limits(
        &self,
    ) -> std::result::Result<(), (&'static str, String, &'static str)> {
        let s = &self.server;
        if let Err(e) = web::TrustedProxies::parse(&s.trusted_proxies) {
            return Err((
                "server.trusted_proxies",
                e.0,
                "IP addresses or CIDR ranges such as 10.0.0.0/8",
            ));
        }
        if !(1..=1024 * 1024).contains(&s.max_body_kib) {
            return Err((
                "server.max_body_kib",
                s.max_body_kib.to_string(),
                "1 to 1048576 (1 GiB)",
            ));
        }
        for (key, v) in [
            (
                "server.header_read_timeout_seconds",
                s.header_read_timeout_seconds,
            ),
            (
                "server.body_read_timeout_seconds",
                s.body_read_timeout_seconds,
            ),
            (
                "server.body_total_timeout_seconds",
                s.body_total_timeout_seconds,
            ),
        ] {
            if !(1..=3600).contains(&v) {
                return Err((key, v.to_string(), "1 to 3600 seconds"));
            }
        }
        if !(1..=1_000_000).contains(&s.max_connections) {
            return Err((
                "server.max_connections",
                s.max_connections.to_string(),
                "1 to 1000000",
            ));
        }
        if !(1..=1_000_000).contains(&s.max_connections_per_client) {
            return Err((
                "server.max_connections_per_client",
                s.max_connections_per_client.to_string(),
                "1 to 1000000",
            ));
        }
        if let Some(addr) = &s.metrics_listen {
            if addr.parse::<SocketAddr>().is_err() {
                return Err((
                    "server.metrics_listen",
                    addr.clone(),
                    "IP:PORT such as 127.0.0.1:9100",
                ));
            }
        }
        if s.metrics_token.as_ref().is_some_and(|t| t.len() < 16) {
            return Err((
                "server.metrics_token",
                "(hidden)".into(),
                "at least 16 characters",
            ));
        }
        Ok(())
    }

    /// The address the server listens on.
    pub fn listen_addr(&self) -> Result<SocketAddr> {
        self.server.listen.parse().map_err(|_| {
            anyhow::anyhow!(
                "invalid configuration: key `server.listen` = {:?}: expected IP:PORT such as 127.0.0.1:8080",
                self.server.listen
            )
        })
    }

    /// The database URL: `database_url`, or the SQLite file in the data dir.
    pub fn database_url(&self) -> String {
        self.database_url.clone().unwrap_or_else(|| {
            format!("sqlite://{}", self.data_dir.join("newsbridge.db").display())
        })
    }

    /// Creates the data directory when the database is a local SQLite file.
    pub fn ensure_data_dir(&self) -> Result<()> {
        std::fs::create_dir_all(&self.data_dir)
            .with_context(|| format!("cannot create data directory {}", self.data_dir.display()))
    }

    /// The job retry policy.
    pub fn retry_policy(&self) -> store::JobRetry {
        store::JobRetry {
            max_attempts: i64::from(self.workers.max_attempts),
            base_delay_ms: self.workers.retry_base_seconds.saturating_mul(1000) as i64,
            max_delay_ms: self.workers.retry_max_seconds.saturating_mul(1000) as i64,
        }
    }
}

/// The commented file `newsbridge init` writes.
pub const TEMPLATE: &str = include_str!("../../../newsbridge.example.toml");

/// Why the configuration template was not written.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    /// The file is there and `force` was not given.
    #[error("{} already exists; use --force to overwrite it", .0.display())]
    Exists(std::path::PathBuf),
    /// The file could not be written.
    #[error("cannot write {}", .path.display())]
    Write {
        /// The file.
        path: std::path::PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
}

/// Writes [`TEMPLATE`] to `path`, refusing to replace a file unless `force`.
pub fn write_template(path: &Path, force: bool) -> std::result::Result<(), TemplateError> {
    if path.exists() && !force {
        return Err(TemplateError::Exists(path.to_path_buf()));
    }
    std::fs::write(path, TEMPLATE).map_err(|source| TemplateError::Write {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_replaces_a_file_only_when_forced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("newsbridge.toml");
        write_template(&path, false).unwrap();
        std::fs::write(&path, "# mine").unwrap();
        let err = write_template(&path, false).unwrap_err();
        assert!(err
            .to_string()
            .ends_with("already exists; use --force to overwrite it"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "# mine");
        write_template(&path, true).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), TEMPLATE);
        let err = write_template(&dir.path().join("no/such/dir.toml"), false).unwrap_err();
        assert!(matches!(err, TemplateError::Write { .. }), "{err}");
    }

    #[test]
    fn the_template_is_a_valid_config() {
        let config: Config = Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::string(TEMPLATE))
            .extract()
            .unwrap();
        config.validate().unwrap();
    }

    #[test]
    fn bad_values_name_the_key_the_value_and_the_expectation() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("newsbridge.toml");
        std::fs::write(&path, "[server]\nlisten = \"nowhere\"\n").unwrap();
        let err = Config::load(&path, true).unwrap_err().to_string();
        assert!(
            err.contains("server.listen") && err.contains("nowhere") && err.contains("IP:PORT"),
            "{err}"
        );

        std::fs::write(&path, "[site]\nlanguages = [\"vi\", \"xx\"]\n").unwrap();
        let err = Config::load(&path, true).unwrap_err().to_string();
        assert!(
            err.contains("site.languages[1]") && err.contains("\"xx\""),
            "{err}"
        );

        std::fs::write(&path, "[workers]\nconcurrency = \"many\"\n").unwrap();
        let err = Config::load(&path, true).unwrap_err().to_string();
        assert!(
            err.contains("workers.concurrency") && err.contains("many"),
            "{err}"
        );

        std::fs::write(&path, "[translation]\nnames = { en = \"asci\" }\n").unwrap();
        let err = Config::load(&path, true).unwrap_err().to_string();
        assert!(
            err.contains("translation.names.en") && err.contains("asci"),
            "{err}"
        );
        std::fs::write(&path, "[translation]\nnames = { xx = \"ascii\" }\n").unwrap();
        let err = Config::load(&path, true).unwrap_err().to_string();
        assert!(err.contains("translation.names.xx"), "{err}");
        std::fs::write(&path, "[translation]\nnames = { en = \"ascii\" }\n").unwrap();
        let config = Config::load(&path, true).unwrap();
        assert_eq!(config.translation.names["en"], translate::NameStyle::Ascii);

        std::fs::write(&path, "[wokers]\n").unwrap();
        let err = Config::load(&path, true).unwrap_err().to_string();
        assert!(err.contains("wokers"), "{err}");

        let err = Config::load(&dir.path().join("missing.toml"), true)
            .unwrap_err()
            .to_string();
        assert!(err.contains("newsbridge init"), "{err}");
    }
}
