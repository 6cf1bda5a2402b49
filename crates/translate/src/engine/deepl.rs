//! DeepL: `POST /v2/translate` with `text[]`, XML tag handling and the
//! `DeepL-Auth-Key` header.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use super::config::{timeout, DeepLConfig};
use super::http::{join_url, HttpClient};
use super::{Engine, EngineError};
use crate::lang::LangPair;
use crate::placeholder::{self, Token};

/// The DeepL API.
#[derive(Debug)]
pub struct DeepL {
    config: DeepLConfig,
    http: HttpClient,
}

#[derive(Serialize)]
struct Request<'a> {
    text: &'a [String],
    source_lang: String,
    target_lang: String,
    tag_handling: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    ignore_tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    formality: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    glossary_id: Option<&'a str>,
}

#[derive(Deserialize)]
struct Reply {
    translations: Vec<Translation>,
}

#[derive(Deserialize)]
struct Translation {
    text: String,
}

impl DeepL {
    /// An engine for the configured account.
    pub fn new(config: DeepLConfig) -> Result<Self, EngineError> {
        if config.api_key.expose().trim().is_empty() {
            return Err(EngineError::Config(format!(
                "{}: api_key is empty",
                config.name
            )));
        }
        let http = HttpClient::new(
            &config.name,
            timeout(config.timeout_secs),
            config.retry.clone(),
        )?;
        Ok(DeepL { config, http })
    }

    fn target_code(&self, lang: &str) -> String {
        if let Some(v) = self.config.target_variants.get(lang) {
            return v.clone();
        }
        match lang {
            "en" => "EN-GB".into(),
            "pt" => "PT-PT".into(),
            other => other.to_ascii_uppercase(),
        }
    }
}

/// Glossary placeholder names in the batch: DeepL leaves their content alone.
fn glossary_tags(segments: &[String]) -> Vec<String> {
    let mut names: Vec<String> = segments
        .iter()
        .flat_map(|s| {
            placeholder::tokenize(s)
                .into_iter()
                .map(|(_, t)| t)
                .collect::<Vec<_>>()
        })
        .filter_map(|t| match t {
            Token::Tag { kind: 'g', id, .. } => Some(format!("g{id}")),
            _ => None,
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

#[async_trait]
impl Engine for DeepL {
    fn name(&self) -> &str {
        &self.config.name
    }

    fn model(&self) -> &str {
        "deepl"
    }

    fn max_batch(&self) -> usize {
        self.config.max_batch.min(50)
    }

    async fn translate_batch(
        &self,
        pair: &LangPair,
        segments: &[String],
    ) -> Result<Vec<String>, EngineError> {
        if segments.is_empty() {
            return Ok(Vec::new());
        }
        let url = join_url(&self.config.url, "v2/translate");
        let request = Request {
            text: segments,
            source_lang: pair.source.to_ascii_uppercase(),
            target_lang: self.target_code(&pair.target),
            tag_handling: &self.config.tag_handling,
            ignore_tags: glossary_tags(segments),
            formality: self.config.formality.as_deref(),
            glossary_id: self
                .config
                .glossaries
                .get(&pair.to_string())
                .map(String::as_str),
        };
        let auth = format!("DeepL-Auth-Key {}", self.config.api_key.expose());
        let body = self
            .http
            .send(|c| c.post(&url).header("Authorization", &auth).json(&request))
            .await?;
        let reply: Reply = serde_json::from_str(&body).map_err(|e| EngineError::Malformed {
            engine: self.config.name.clone(),
            reason: e.to_string(),
        })?;
        let out = reply.translations.into_iter().map(|t| t.text).collect();
        super::expect_count(&self.config.name, segments.len(), out)
    }
}
