//! Engine and route configuration, as read from `newsbridge.toml`:
//!
//! ```toml
//! [[translate.engines]]
//! kind = "libretranslate"
//! name = "lt"
//! url = "http://127.0.0.1:5000"
//!
//! [[translate.engines]]
//! kind = "openai"
//! name = "llm"
//! base_url = "http://127.0.0.1:8080/v1"
//! model = "gemma-3-270m"
//!
//! [[translate.routes]]          # vi→fr: LibreTranslate, then the LLM as fallback
//! source = "vi"
//! target = "fr"
//! chain = [{ engine = "lt" }, { engine = "llm" }]
//!
//! [[translate.routes]]          # vi→de through English
//! source = "vi"
//! target = "de"
//! chain = [{ engine = "lt", via = "en", then = "llm" }]
//! ```

use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{
    BatchingConfig, CTranslate2Device, DeepL, Engine, EngineError, EngineRetry, LibreTranslate,
    OpenAi,
};

/// An API key that never shows in logs.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ApiKey(String);

impl ApiKey {
    /// Wraps a key.
    pub fn new(value: impl Into<String>) -> Self {
        ApiKey(value.into())
    }

    /// The key, for the request that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(***)")
    }
}

fn default_timeout() -> u64 {
    60
}

/// A LibreTranslate server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LibreTranslateConfig {
    /// Engine name used in routes.
    #[serde(default = "LibreTranslateConfig::default_name")]
    pub name: String,
    /// Base URL (`http://127.0.0.1:5000`).
    pub url: String,
    /// API key, when the server requires one.
    #[serde(default)]
    pub api_key: Option<ApiKey>,
    /// Model label kept as the translations' origin (LibreTranslate does not report one).
    #[serde(default = "LibreTranslateConfig::default_model")]
    pub model: String,
    /// Timeout of one request, seconds.
    #[serde(default = "default_timeout")]
    pub timeout_secs: u64,
    /// Segments per request.
    #[serde(default = "LibreTranslateConfig::default_batch")]
    pub max_batch: usize,
    /// Language codes the server spells differently (`zh` → `zh-Hans`).
    #[serde(default)]
    pub language_codes: HashMap<String, String>,
    /// Retries.
    #[serde(default)]
    pub retry: EngineRetry,
}

impl LibreTranslateConfig {
    fn default_name() -> String {
        "libretranslate".into()
    }
    fn default_model() -> String {
        "argos".into()
    }
    fn default_batch() -> usize {
        16
    }

    /// A configuration with defaults for a server at `url`.
    pub fn new(url: &str) -> Self {
        LibreTranslateConfig {
            name: Self::default_name(),
            url: url.to_string(),
            api_key: None,
            model: Self::default_model(),
            timeout_secs: default_timeout(),
            max_batch: Self::default_batch(),
            language_codes: HashMap::new(),
            retry: EngineRetry::default(),
        }
    }
}

/// A chat-completions-compatible server (vLLM, Ollama, llama.cpp server, hosted APIs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenAiConfig {
    /// Engine name used in routes.
    #[serde(default = "OpenAiConfig::default_name")]
    pub name: String,
    /// Base URL including the version (`http://127.0.0.1:8080/v1`).
    pub base_url: String,
    /// Model to ask for.
    pub model: String,
    /// Bearer token, when the server requires one.
    #[serde(default)]
    pub api_key: Option<ApiKey>,
    /// Sampling temperature (0: deterministic).
    #[serde(default)]
    pub temperature: f32,
    /// Limit of generated tokens per request.
    #[serde(default)]
    pub max_tokens: Option<u32>,
    /// Ask for `response_format: json_object` (servers that support it).
    #[serde(default)]
    pub json_mode: bool,
    /// Replaces the built-in system prompt; `{source}` and `{target}` are filled in.
    #[serde(default)]
    pub system_prompt: Option<String>,
    /// Timeout of one request, seconds.
    #[serde(default = "OpenAiConfig::default_timeout")]
    pub timeout_secs: u64,
    /// Segments per request.
    #[serde(default = "OpenAiConfig::default_batch")]
    pub max_batch: usize,
    /// Requests in flight at once.
    #[serde(default = "OpenAiConfig::default_concurrency")]
    pub concurrency: usize,
    /// Retries.
    #[serde(default)]
    pub retry: EngineRetry,
}

impl OpenAiConfig {
    fn default_name() -> String {
        "openai".into()
    }
    fn default_timeout() -> u64 {
        120
    }
    fn default_batch() -> usize {
        8
    }
    fn default_concurrency() -> usize {
        4
    }

    /// A configuration with defaults for `model` at `base_url`.
    pub fn new(base_url: &str, model: &str) -> Self {
        OpenAiConfig {
            name: Self::default_name(),
            base_url: base_url.to_string(),
            model: model.to_string(),
            api_key: None,
            temperature: 0.0,
            max_tokens: None,
            json_mode: false,
            system_prompt: None,
            timeout_secs: Self::default_timeout(),
            max_batch: Self::default_batch(),
            concurrency: Self::default_concurrency(),
            retry: EngineRetry::default(),
        }
    }
}

/// The DeepL API.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeepLConfig {
    /// Engine name used in routes.
    #[serde(default = "DeepLConfig::default_name")]
    pub name: String,
    /// Base URL (`https://api.deepl.com` or `https://api-free.deepl.com`).
    #[serde(default = "DeepLConfig::default_url")]
    pub url: String,
    /// The `DeepL-Auth-Key`.
    pub api_key: ApiKey,
    /// `xml` (default) or `html`.
    #[serde(default = "DeepLConfig::default_tags")]
    pub tag_handling: String,
    /// `more`, `less`, `prefer_more`, `prefer_less`, when wanted.
    #[serde(default)]
    pub formality: Option<String>,
    /// DeepL glossary ids by pair (`"vi>fr" = "…"`).
    #[serde(default)]
    pub glossaries: HashMap<String, String>,
    /// Target codes by language (`en` → `EN-GB`, the default; `pt` → `PT-PT`).
    #[serde(default)]
    pub target_variants: HashMap<String, String>,
    /// Timeout of one request, seconds.
    #[serde(default = "default_timeout")]
    pub timeout_secs: u64,
    /// Segments per request (DeepL accepts 50).
    #[serde(default = "DeepLConfig::default_batch")]
    pub max_batch: usize,
    /// Retries.
    #[serde(default)]
    pub retry: EngineRetry,
}

impl DeepLConfig {
    fn default_name() -> String {
        "deepl".into()
    }
    fn default_url() -> String {
        "https://api.deepl.com".into()
    }
    fn default_tags() -> String {
        "xml".into()
    }
    fn default_batch() -> usize {
        50
    }

    /// A configuration with defaults for `url` and `api_key`.
    pub fn new(url: &str, api_key: &str) -> Self {
        DeepLConfig {
            name: Self::default_name(),
            url: url.to_string(),
            api_key: ApiKey::new(api_key),
            tag_handling: Self::default_tags(),
            formality: None,
            glossaries: HashMap::new(),
            target_variants: HashMap::new(),
            timeout_secs: default_timeout(),
            max_batch: Self::default_batch(),
            retry: EngineRetry::default(),
        }
    }
}

/// The in-process CTranslate2 engine (built with the `ctranslate2` feature):
///
/// ```toml
/// [[translate.engines]]
/// kind = "ctranslate2"
/// name = "opus-vi-fr"
/// model_dir = "/var/lib/newsbridge/models/opus-mt-vi-fr"
/// source = "vi"
/// target = "fr"
/// # device = "cuda"            # a `ctranslate2-cuda` build, NVIDIA GPU
/// # device_indices = [0, 1]    # GPUs (default [0])
/// # compute_type = "int8"      # default: int8 on cpu, int8_float16 on cuda
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CTranslate2Config {
    /// Engine name used in routes.
    #[serde(default = "CTranslate2Config::default_name")]
    pub name: String,
    /// The CTranslate2 model directory (`model.bin`, `config.json`, vocabulary,
    /// `source.spm` + `target.spm` or one `sentencepiece.model`).
    pub model_dir: PathBuf,
    /// Model label kept as the translations' origin; default: the directory's name.
    #[serde(default)]
    pub model: Option<String>,
    /// Source language the model translates from; any when absent.
    #[serde(default)]
    pub source: Option<String>,
    /// Target language the model translates to; any when absent (multilingual models).
    #[serde(default)]
    pub target: Option<String>,
    /// `cpu` (default) or `cuda` (NVIDIA GPUs: a build with the
    /// `ctranslate2-cuda` cargo feature; otherwise the engine refuses to start).
    #[serde(default)]
    pub device: CTranslate2Device,
    /// The GPUs of a `cuda` engine (default `[0]`), each running
    /// `inter_threads` replicas; must stay empty on the CPU.
    #[serde(default)]
    pub device_indices: Vec<usize>,
    /// `int8`, `int8_float32`, `int16`, `float32`, `default` (as stored) or
    /// `auto`; on CUDA also `int8_float16`, `int8_bfloat16`, `float16`,
    /// `bfloat16`. Unset: `int8` on the CPU, `int8_float16` on CUDA (see
    /// [`CTranslate2Config::effective_compute_type`]).
    #[serde(default)]
    pub compute_type: Option<String>,
    /// Threads per model replica (0: CTranslate2's default, 4 or the core count).
    #[serde(default)]
    pub intra_threads: usize,
    /// Model replicas translating batches in parallel (per GPU on CUDA).
    #[serde(default = "CTranslate2Config::default_inter_threads")]
    pub inter_threads: usize,
    /// Sentences per model batch (sentences are sorted by length first), or
    /// tokens per batch when `batch_type` is `tokens`.
    #[serde(default = "CTranslate2Config::default_batch_size")]
    pub batch_size: usize,
    /// What `batch_size` counts: `examples` (sentences, default) or `tokens`.
    #[serde(default = "CTranslate2Config::default_batch_type")]
    pub batch_type: String,
    /// Segments per engine call (what the pipeline hands over at once).
    #[serde(default = "CTranslate2Config::default_max_batch")]
    pub max_batch: usize,
    /// Beam size (1: greedy).
    #[serde(default = "CTranslate2Config::default_beam_size")]
    pub beam_size: usize,
    /// Longest translation, in tokens.
    #[serde(default = "CTranslate2Config::default_max_decoding_length")]
    pub max_decoding_length: usize,
    /// Longest source, in tokens (longer ones are truncated).
    #[serde(default = "CTranslate2Config::default_max_input_length")]
    pub max_input_length: usize,
    /// Tokens put before each source (multilingual models: MADLAD-400 `["<2{target}>"]`,
    /// NLLB `["{source}"]`); `{source}` and `{target}` become the language codes.
    #[serde(default)]
    pub source_prefix: Vec<String>,
    /// Tokens put after each source (NLLB: `["</s>"]`).
    #[serde(default)]
    pub source_suffix: Vec<String>,
    /// Tokens the translation starts with (NLLB: `["{target}"]`), removed from the output.
    #[serde(default)]
    pub target_prefix: Vec<String>,
    /// Language codes the model spells differently (`fr` → `fra_Latn` for NLLB).
    #[serde(default)]
    pub language_codes: HashMap<String, String>,
    /// Sentences of articles translating at the same time share model batches
    /// (`[translate.engines.batching]`: `enabled`, `window_ms`, `max_segments`).
    #[serde(default)]
    pub batching: BatchingConfig,
}

impl CTranslate2Config {
    fn default_name() -> String {
        "ctranslate2".into()
    }
    fn default_inter_threads() -> usize {
        1
    }
    fn default_batch_size() -> usize {
        32
    }
    fn default_batch_type() -> String {
        "examples".into()
    }
    fn default_max_batch() -> usize {
        64
    }
    fn default_beam_size() -> usize {
        2
    }
    fn default_max_decoding_length() -> usize {
        256
    }
    fn default_max_input_length() -> usize {
        1024
    }

    /// A configuration with defaults for the model in `model_dir`.
    pub fn new(model_dir: impl Into<PathBuf>) -> Self {
        CTranslate2Config {
            name: Self::default_name(),
            model_dir: model_dir.into(),
            model: None,
            source: None,
            target: None,
            device: CTranslate2Device::Cpu,
            device_indices: Vec::new(),
            compute_type: None,
            intra_threads: 0,
            inter_threads: Self::default_inter_threads(),
            batch_size: Self::default_batch_size(),
            batch_type: Self::default_batch_type(),
            max_batch: Self::default_max_batch(),
            beam_size: Self::default_beam_size(),
            max_decoding_length: Self::default_max_decoding_length(),
            max_input_length: Self::default_max_input_length(),
            source_prefix: Vec::new(),
            source_suffix: Vec::new(),
            target_prefix: Vec::new(),
            language_codes: HashMap::new(),
            batching: BatchingConfig::default(),
        }
    }

    /// A configuration for an installed model, serving its language pair.
    pub fn for_model(model: &crate::models::InstalledModel) -> Self {
        CTranslate2Config {
            model: Some(model.name.clone()),
            source: model.source_lang.clone(),
            target: model.target_lang.clone(),
            ..Self::new(&model.dir)
        }
    }
}

/// One configured engine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EngineConfig {
    /// A LibreTranslate server.
    Libretranslate(LibreTranslateConfig),
    /// A chat-completions server.
    Openai(OpenAiConfig),
    /// The DeepL API.
    Deepl(DeepLConfig),
    /// A local CTranslate2 model (needs the `ctranslate2` feature).
    Ctranslate2(CTranslate2Config),
}

impl EngineConfig {
    /// The engine's name.
    pub fn name(&self) -> &str {
        match self {
            EngineConfig::Libretranslate(c) => &c.name,
            EngineConfig::Openai(c) => &c.name,
            EngineConfig::Deepl(c) => &c.name,
            EngineConfig::Ctranslate2(c) => &c.name,
        }
    }

    /// Builds the engine.
    pub fn build(&self) -> Result<Arc<dyn Engine>, EngineError> {
        Ok(match self {
            EngineConfig::Libretranslate(c) => Arc::new(LibreTranslate::new(c.clone())?),
            EngineConfig::Openai(c) => Arc::new(OpenAi::new(c.clone())?),
            EngineConfig::Deepl(c) => Arc::new(DeepL::new(c.clone())?),
            #[cfg(feature = "ctranslate2")]
            EngineConfig::Ctranslate2(c) => {
                let engine: Arc<dyn Engine> =
                    Arc::new(super::CTranslate2::new(c.clone()).map_err(|e| match e {
                        crate::models::ModelError::Setting { .. } => {
                            EngineError::Config(e.to_string())
                        }
                        e => EngineError::Model {
                            engine: c.name.clone(),
                            reason: e.to_string(),
                        },
                    })?);
                if c.batching.enabled {
                    Arc::new(super::SharedBatches::new(engine, c.batching))
                } else {
                    engine
                }
            }
            #[cfg(not(feature = "ctranslate2"))]
            EngineConfig::Ctranslate2(c) => {
                // `device = "cuda"` names its own feature.
                c.check_device(super::device::CUDA_BUILT, 0)
                    .map_err(|e| EngineError::Config(e.to_string()))?;
                return Err(EngineError::Config(format!(
                    "engine {}: this build has no CTranslate2 engine; rebuild with `--features translate/ctranslate2`",
                    c.name
                )));
            }
        })
    }
}

pub(crate) fn timeout(secs: u64) -> Duration {
    Duration::from_secs(secs.max(1))
}

/// One step of a route: an engine, or two engines through a pivot language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepConfig {
    /// Engine translating from the source (to `via` when pivoting).
    pub engine: String,
    /// Pivot language (`en`), if any.
    #[serde(default)]
    pub via: Option<String>,
    /// Engine translating from `via` to the target; `engine` when absent.
    #[serde(default)]
    pub then: Option<String>,
}

impl StepConfig {
    /// A direct step.
    pub fn direct(engine: &str) -> Self {
        StepConfig {
            engine: engine.to_string(),
            via: None,
            then: None,
        }
    }

    /// A step through a pivot language.
    pub fn pivot(engine: &str, via: &str, then: &str) -> Self {
        StepConfig {
            engine: engine.to_string(),
            via: Some(via.to_string()),
            then: Some(then.to_string()),
        }
    }
}

/// The engines of one language pair: the first step, then fallbacks in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouteConfig {
    /// Source language, or `*`.
    pub source: String,
    /// Target language, or `*`.
    pub target: String,
    /// Steps tried in order.
    pub chain: Vec<StepConfig>,
}

/// All engines and routes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EnginesConfig {
    /// Engines by name.
    #[serde(default)]
    pub engines: Vec<EngineConfig>,
    /// Routes per language pair.
    #[serde(default)]
    pub routes: Vec<RouteConfig>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_reads_and_hides_keys() {
        let json = r#"{
            "engines": [
                {"kind": "libretranslate", "name": "lt", "url": "http://127.0.0.1:5000"},
                {"kind": "deepl", "api_key": "k-123", "retry": {"max_retries": 1}},
                {"kind": "openai", "base_url": "http://127.0.0.1:8080/v1", "model": "m"}
            ],
            "routes": [{"source": "vi", "target": "fr", "chain": [{"engine": "lt"}, {"engine": "deepl", "via": "en", "then": "openai"}]}]
        }"#;
        let cfg: EnginesConfig = serde_json::from_str(json).unwrap();
        assert_eq!(cfg.engines[1].name(), "deepl");
        let EngineConfig::Deepl(d) = &cfg.engines[1] else {
            panic!()
        };
        assert_eq!(d.retry.max_retries, 1);
        assert_eq!(d.retry.base_delay_ms, 500);
        assert!(!format!("{d:?}").contains("k-123"));
        assert_eq!(
            cfg.routes[0].chain[1],
            StepConfig::pivot("deepl", "en", "openai")
        );
    }

    #[test]
    fn ctranslate2_config_defaults() {
        let json = r#"{"engines": [{"kind": "ctranslate2", "model_dir": "/nowhere/opus-mt-vi-fr", "target": "fr"}]}"#;
        let cfg: EnginesConfig = serde_json::from_str(json).unwrap();
        let EngineConfig::Ctranslate2(c) = &cfg.engines[0] else {
            panic!()
        };
        assert_eq!(
            c,
            &CTranslate2Config {
                target: Some("fr".into()),
                ..CTranslate2Config::new("/nowhere/opus-mt-vi-fr")
            }
        );
        assert_eq!(cfg.engines[0].name(), "ctranslate2");
        assert_eq!(c.effective_compute_type(), "int8");
        let Err(err) = cfg.engines[0].build() else {
            panic!("built an engine without a model")
        };
        let err = err.to_string();
        if cfg!(feature = "ctranslate2") {
            assert!(err.contains("/nowhere/opus-mt-vi-fr"), "{err}");
        } else {
            assert!(err.contains("--features translate/ctranslate2"), "{err}");
        }
    }

    #[test]
    fn cuda_in_a_build_without_it_says_which_feature() {
        let json = r#"{"kind": "ctranslate2", "name": "opus-gpu", "model_dir": "/nowhere/opus-mt-vi-fr", "device": "cuda"}"#;
        let config: EngineConfig = serde_json::from_str(json).unwrap();
        let Err(err) = config.build() else {
            panic!("built a CUDA engine")
        };
        assert!(matches!(err, EngineError::Config(_)), "{err}");
        let err = err.to_string();
        assert!(err.contains("opus-gpu"), "{err}");
        if cfg!(feature = "ctranslate2-cuda") {
            // A CUDA build on a machine without a GPU, or a missing model.
            assert!(
                err.contains("no CUDA GPU") || err.contains("/nowhere"),
                "{err}"
            );
        } else {
            assert!(err.contains("setting `device`"), "{err}");
            assert!(
                err.contains("--features translate/ctranslate2-cuda"),
                "{err}"
            );
        }
    }
}
