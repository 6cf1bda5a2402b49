//! The in-process CTranslate2 engine: SentencePiece in, CTranslate2's
//! `Translator` (through the `ct2rs` bindings), SentencePiece out.
//!
//! A call tokenizes its segments, sorts them by length (less padding per
//! batch), hands them to CTranslate2 in one request cut into batches of
//! `batch_size` sentences (spread over `inter_threads` replicas), and puts the
//! translations back in the caller's order. The model call blocks, so the
//! async trait method runs it on tokio's blocking pool.
//!
//! It runs on the CPU (int8) unless configured with `device = "cuda"` in a
//! build with the `ctranslate2-cuda` feature (see `device`). Its models were
//! never trained on placeholder tags, so it says it does not keep them
//! ([`Engine::keeps_tags`]) and only ever receives plain text: the markup is
//! projected back onto its translations (see `crate::projection`).

use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

use async_trait::async_trait;
use ct2rs::sys::{BatchType, ComputeType, Config, Device, TranslationOptions, Translator};
use sentencepiece::SentencePieceProcessor;

use super::config::CTranslate2Config;
use super::device::{CTranslate2Device, CUDA_BUILT};
use super::{Engine, EngineError};
use crate::lang::LangPair;
use crate::models::{ModelError, ModelFiles};

/// A CTranslate2 model loaded in this process.
#[derive(Clone)]
pub struct CTranslate2 {
    inner: Arc<Inner>,
}

struct Inner {
    config: CTranslate2Config,
    label: String,
    files: ModelFiles,
    translator: Translator,
    source_sp: SentencePieceProcessor,
    target_sp: SentencePieceProcessor,
}

impl fmt::Debug for CTranslate2 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CTranslate2")
            .field("name", &self.inner.config.name)
            .field("model", &self.inner.label)
            .field("dir", &self.inner.files.dir)
            .field("device", &self.inner.config.device)
            .field("compute_type", &self.inner.config.effective_compute_type())
            .finish()
    }
}

fn compute_type(name: &str) -> Option<ComputeType> {
    Some(match name {
        "int8" => ComputeType::INT8,
        "int8_float32" => ComputeType::INT8_FLOAT32,
        "int8_float16" => ComputeType::INT8_FLOAT16,
        "int8_bfloat16" => ComputeType::INT8_BFLOAT16,
        "int16" => ComputeType::INT16,
        "float32" => ComputeType::FLOAT32,
        "float16" => ComputeType::FLOAT16,
        "bfloat16" => ComputeType::BFLOAT16,
        "default" => ComputeType::DEFAULT,
        "auto" => ComputeType::AUTO,
        _ => return None,
    })
}

fn open_spm(path: &Path) -> Result<SentencePieceProcessor, ModelError> {
    SentencePieceProcessor::open(path).map_err(|e| ModelError::Load {
        dir: path.to_path_buf(),
        reason: format!("SentencePiece: {e}"),
    })
}

/// True when `CT2_PACKED_GEMM` turns CTranslate2's packed MKL GEMM off.
#[cfg(feature = "ctranslate2-mkl")]
fn packed_gemm_disabled() -> bool {
    std::env::var("CT2_PACKED_GEMM").is_ok_and(|v| {
        matches!(
            v.trim().to_ascii_lowercase().as_str(),
            "0" | "false" | "off" | "no"
        )
    })
}

/// Opens the model directory's SentencePiece model(s), as the engine will.
pub(crate) fn check_tokenizers(dir: &Path) -> Result<(), ModelError> {
    let files = ModelFiles::inspect(dir)?;
    open_spm(&files.source_spm)?;
    open_spm(&files.target_spm)?;
    Ok(())
}

impl CTranslate2 {
    /// Loads the model in `config.model_dir` on `config.device` (the CPU by
    /// default). Checks the device settings against this build first
    /// ([`ModelError::Setting`]: `device = "cuda"` needs the
    /// `ctranslate2-cuda` feature and a GPU), then the directory, so a
    /// missing or wrong file is named rather than left to CTranslate2's
    /// message.
    pub fn new(config: CTranslate2Config) -> Result<Self, ModelError> {
        let cuda_devices = match config.device {
            // Only asked of a CUDA build: CTranslate2 answers 0 otherwise.
            CTranslate2Device::Cuda if CUDA_BUILT => {
                usize::try_from(ct2rs::sys::get_device_count(Device::CUDA)).unwrap_or(0)
            }
            _ => 0,
        };
        config.check_device(CUDA_BUILT, cuda_devices)?;
        let files = ModelFiles::inspect(&config.model_dir)?;
        let compute_name = config.effective_compute_type().to_string();
        let compute = compute_type(&compute_name).ok_or_else(|| ModelError::Setting {
            engine: config.name.clone(),
            setting: "compute_type",
            reason: format!(
                "unknown compute type {compute_name:?} (int8, int8_float32, int16, float32, default, auto; on CUDA also int8_float16, int8_bfloat16, float16, bfloat16)"
            ),
        })?;
        if files.non_commercial {
            tracing::warn!(
                dir = %files.dir.display(),
                "NLLB-200 is licensed CC-BY-NC 4.0: no commercial use"
            );
        }
        #[cfg(feature = "ctranslate2-mkl")]
        if config.inter_threads > 1 && !packed_gemm_disabled() {
            // ct2rs's CTranslate2 packs int8 weights for MKL by default; its
            // packed GEMM hangs (sequential MKL) or divides by zero (OpenMP
            // MKL) as soon as two replicas run. Upstream packs only on request.
            return Err(ModelError::Load {
                dir: files.dir.clone(),
                reason: "inter_threads > 1 with MKL needs CT2_PACKED_GEMM=0 in the environment"
                    .into(),
            });
        }
        if !matches!(config.batch_type.as_str(), "examples" | "tokens") {
            return Err(ModelError::Load {
                dir: files.dir.clone(),
                reason: format!(
                    "unknown batch_type {:?} (examples, tokens)",
                    config.batch_type
                ),
            });
        }
        let source_sp = open_spm(&files.source_spm)?;
        let target_sp = open_spm(&files.target_spm)?;
        let device = match config.device {
            CTranslate2Device::Cpu => Device::CPU,
            CTranslate2Device::Cuda => Device::CUDA,
        };
        let ct2_config = Config {
            device,
            compute_type: compute,
            device_indices: config
                .replica_devices()
                .into_iter()
                .map(|i| i32::try_from(i).unwrap_or(i32::MAX))
                .collect(),
            tensor_parallel: false,
            num_threads_per_replica: config.intra_threads,
            max_queued_batches: 0,
            cpu_core_offset: -1,
        };
        let translator =
            Translator::new(&files.dir, &ct2_config).map_err(|e| ModelError::Load {
                dir: files.dir.clone(),
                reason: format!("CTranslate2: {e:#}"),
            })?;
        let label = config.model.clone().unwrap_or_else(|| {
            files
                .dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "ctranslate2".into())
        });
        tracing::info!(
            engine = %config.name,
            model = %label,
            device = config.device.as_str(),
            compute_type = %compute_name,
            "CTranslate2 model loaded"
        );
        Ok(CTranslate2 {
            inner: Arc::new(Inner {
                config,
                label,
                files,
                translator,
                source_sp,
                target_sp,
            }),
        })
    }

    /// The model's files.
    pub fn files(&self) -> &ModelFiles {
        &self.inner.files
    }

    /// The engine's configuration.
    pub fn config(&self) -> &CTranslate2Config {
        &self.inner.config
    }

    /// SentencePiece pieces of `text` on the source side.
    pub fn tokenize(&self, text: &str) -> Result<Vec<String>, EngineError> {
        self.inner.tokenize(text)
    }

    /// The text of target-side pieces.
    pub fn detokenize(&self, tokens: &[String]) -> String {
        self.inner.detokenize(tokens)
    }

    /// Translates token sequences (without prefixes or suffixes), sorted by
    /// length and batched; returns the best hypothesis of each, in order.
    /// Blocks: call it from a blocking thread.
    pub fn translate_tokens(
        &self,
        sources: &[Vec<String>],
    ) -> Result<Vec<Vec<String>>, EngineError> {
        self.inner.translate_tokens(sources, &[])
    }

    /// Translates segments `pair.source` → `pair.target`. Blocks.
    pub fn translate_blocking(
        &self,
        pair: &LangPair,
        segments: &[String],
    ) -> Result<Vec<String>, EngineError> {
        self.inner.translate(pair, segments)
    }
}

impl Inner {
    fn error(&self, reason: impl Into<String>) -> EngineError {
        EngineError::Model {
            engine: self.config.name.clone(),
            reason: reason.into(),
        }
    }

    fn tokenize(&self, text: &str) -> Result<Vec<String>, EngineError> {
        let pieces = self
            .source_sp
            .encode(text)
            .map_err(|e| self.error(format!("SentencePiece: {e}")))?;
        Ok(pieces.into_iter().map(|p| p.piece).collect())
    }

    fn detokenize(&self, tokens: &[String]) -> String {
        // SentencePiece's own decoding; a plain join when it fails. The
        // binding panics on a decoding that is not UTF-8 (byte-fallback
        // pieces a model put in a bad order): that is caught here too, as the
        // model's output is not ours to trust.
        let decoded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.target_sp.decode_pieces(tokens)
        }));
        match decoded {
            Ok(Ok(text)) => text,
            _ => tokens.concat().replace('\u{2581}', " ").trim().to_string(),
        }
    }

    fn code<'a>(&'a self, lang: &'a str) -> &'a str {
        self.config
            .language_codes
            .get(lang)
            .map_or(lang, String::as_str)
    }

    fn expand(&self, template: &[String], pair: &LangPair) -> Vec<String> {
        template
            .iter()
            .map(|t| {
                t.replace("{source}", self.code(&pair.source))
                    .replace("{target}", self.code(&pair.target))
            })
            .collect()
    }

    fn translate(&self, pair: &LangPair, segments: &[String]) -> Result<Vec<String>, EngineError> {
        let serves = |want: &Option<String>, got: &str| want.as_deref().is_none_or(|w| w == got);
        if !serves(&self.config.source, &pair.source) || !serves(&self.config.target, &pair.target)
        {
            return Err(EngineError::Unsupported {
                engine: self.config.name.clone(),
                pair: pair.clone(),
            });
        }
        let prefix = self.expand(&self.config.source_prefix, pair);
        let suffix = self.expand(&self.config.source_suffix, pair);
        let target_prefix = self.expand(&self.config.target_prefix, pair);

        let mut out = vec![String::new(); segments.len()];
        let mut todo = Vec::new();
        let mut sources = Vec::new();
        for (i, segment) in segments.iter().enumerate() {
            if segment.trim().is_empty() {
                continue;
            }
            let mut tokens = prefix.clone();
            tokens.extend(self.tokenize(segment)?);
            tokens.extend(suffix.iter().cloned());
            todo.push(i);
            sources.push(tokens);
        }
        let translated = self.translate_tokens(&sources, &target_prefix)?;
        for (i, tokens) in todo.into_iter().zip(translated) {
            let tokens = tokens.get(target_prefix.len()..).unwrap_or_default();
            out[i] = self.detokenize(tokens);
        }
        Ok(out)
    }

    fn translate_tokens(
        &self,
        sources: &[Vec<String>],
        target_prefix: &[String],
    ) -> Result<Vec<Vec<String>>, EngineError> {
        if sources.is_empty() {
            return Ok(Vec::new());
        }
        // Sorted by length, batches hold sentences of similar length: less padding.
        let mut order: Vec<usize> = (0..sources.len()).collect();
        order.sort_by_key(|&i| sources[i].len());
        let sorted: Vec<Vec<&str>> = order
            .iter()
            .map(|&i| sources[i].iter().map(String::as_str).collect())
            .collect();

        let options = TranslationOptions::<String, String> {
            beam_size: self.config.beam_size.max(1),
            max_decoding_length: self.config.max_decoding_length.max(1),
            max_input_length: self.config.max_input_length,
            max_batch_size: self.config.batch_size,
            batch_type: if self.config.batch_type == "tokens" {
                BatchType::Tokens
            } else {
                BatchType::Examples
            },
            ..Default::default()
        };
        let results = if target_prefix.is_empty() {
            self.translator.translate_batch(&sorted, &options, None)
        } else {
            let prefixes = vec![target_prefix.to_vec(); sorted.len()];
            self.translator
                .translate_batch_with_target_prefix(&sorted, &prefixes, &options, None)
        }
        .map_err(|e| self.error(format!("CTranslate2: {e:#}")))?;
        if results.len() != sources.len() {
            return Err(EngineError::CountMismatch {
                engine: self.config.name.clone(),
                expected: sources.len(),
                got: results.len(),
            });
        }

        let mut by_index: HashMap<usize, Vec<String>> = HashMap::with_capacity(sources.len());
        for (&i, result) in order.iter().zip(results) {
            let best = result
                .hypotheses
                .into_iter()
                .next()
                .ok_or_else(|| self.error("CTranslate2 returned no hypothesis"))?;
            by_index.insert(i, best);
        }
        Ok((0..sources.len())
            .map(|i| by_index.remove(&i).unwrap_or_default())
            .collect())
    }
}

#[async_trait]
impl Engine for CTranslate2 {
    fn name(&self) -> &str {
        &self.inner.config.name
    }

    fn model(&self) -> &str {
        &self.inner.label
    }

    fn max_batch(&self) -> usize {
        self.inner.config.max_batch.max(1)
    }

    /// OPUS-MT, MADLAD and NLLB models were never trained on placeholder
    /// tags: they drop or mangle them, so they get plain text and the
    /// markup is projected back onto their translations.
    fn keeps_tags(&self) -> bool {
        false
    }

    async fn translate_batch(
        &self,
        pair: &LangPair,
        segments: &[String],
    ) -> Result<Vec<String>, EngineError> {
        if segments.is_empty() {
            return Ok(Vec::new());
        }
        let expected = segments.len();
        let inner = Arc::clone(&self.inner);
        let pair = pair.clone();
        let segments = segments.to_vec();
        let out = tokio::task::spawn_blocking(move || inner.translate(&pair, &segments))
            .await
            .map_err(|e| EngineError::Model {
                engine: self.inner.config.name.clone(),
                reason: format!("translation thread failed: {e}"),
            })??;
        super::expect_count(&self.inner.config.name, expected, out)
    }
}
