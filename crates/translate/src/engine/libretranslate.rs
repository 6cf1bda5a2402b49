//! LibreTranslate: `POST /translate` with `q` as an array.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use super::config::{timeout, LibreTranslateConfig};
use super::http::{join_url, HttpClient};
use super::{Engine, EngineError};
use crate::lang::LangPair;

/// A LibreTranslate server, asked with `format=html` so placeholders survive.
#[derive(Debug)]
pub struct LibreTranslate {
    config: LibreTranslateConfig,
    http: HttpClient,
}

#[derive(Serialize)]
struct Request<'a> {
    q: &'a [String],
    source: &'a str,
    target: &'a str,
    format: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    api_key: Option<&'a str>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Translated {
    Many(Vec<String>),
    One(String),
}

#[derive(Deserialize)]
struct Reply {
    #[serde(rename = "translatedText")]
    translated_text: Translated,
}

impl LibreTranslate {
    /// An engine for the configured server.
    pub fn new(config: LibreTranslateConfig) -> Result<Self, EngineError> {
        let http = HttpClient::new(
            &config.name,
            timeout(config.timeout_secs),
            config.retry.clone(),
        )?;
        Ok(LibreTranslate { config, http })
    }

    fn code<'a>(&'a self, lang: &'a str) -> &'a str {
        self.config
            .language_codes
            .get(lang)
            .map_or(lang, String::as_str)
    }
}

#[async_trait]
impl Engine for LibreTranslate {
    fn name(&self) -> &str {
        &self.config.name
    }

    fn model(&self) -> &str {
        &self.config.model
    }

    fn max_batch(&self) -> usize {
        self.config.max_batch
    }

    async fn translate_batch(
        &self,
        pair: &LangPair,
        segments: &[String],
    ) -> Result<Vec<String>, EngineError> {
        if segments.is_empty() {
            return Ok(Vec::new());
        }
        let url = join_url(&self.config.url, "translate");
        let request = Request {
            q: segments,
            source: self.code(&pair.source),
            target: self.code(&pair.target),
            format: "html",
            api_key: self.config.api_key.as_ref().map(|k| k.expose()),
        };
        let body = self.http.send(|c| c.post(&url).json(&request)).await?;
        let reply: Reply = serde_json::from_str(&body).map_err(|e| EngineError::Malformed {
            engine: self.config.name.clone(),
            reason: e.to_string(),
        })?;
        let out = match reply.translated_text {
            Translated::Many(v) => v,
            Translated::One(s) => vec![s],
        };
        super::expect_count(&self.config.name, segments.len(), out)
    }
}
