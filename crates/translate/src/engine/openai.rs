//! Chat-completions engines (vLLM, Ollama, llama.cpp server, hosted APIs):
//! `POST {base_url}/chat/completions` with a translation prompt.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio::sync::Semaphore;

use super::config::{timeout, OpenAiConfig};
use super::http::{join_url, HttpClient};
use super::{Engine, EngineError};
use crate::lang::LangPair;

const DEFAULT_PROMPT: &str = "You are a professional news translator. Translate each segment from {source} to {target}. \
Segments contain XML tags such as <x1>, </x1>, <x2/> and <g1>...</g1>: keep every tag exactly as written, around the \
words it marks, and copy the text inside <g...> tags unchanged. Translate names and numbers faithfully. \
Reply only with a JSON object {\"translations\": [...]} holding one translated string per segment, in order.";

/// A chat-completions server used as a translation engine.
#[derive(Debug)]
pub struct OpenAi {
    config: OpenAiConfig,
    http: HttpClient,
    permits: Semaphore,
}

#[derive(Serialize)]
struct Message<'a> {
    role: &'a str,
    content: String,
}

#[derive(Serialize)]
struct Request<'a> {
    model: &'a str,
    messages: Vec<Message<'a>>,
    temperature: f32,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_tokens: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    response_format: Option<Value>,
    stream: bool,
}

#[derive(Deserialize)]
struct Reply {
    choices: Vec<Choice>,
}

#[derive(Deserialize)]
struct Choice {
    message: ReplyMessage,
}

#[derive(Deserialize)]
struct ReplyMessage {
    #[serde(default)]
    content: Option<String>,
}

impl OpenAi {
    /// An engine for the configured server.
    pub fn new(config: OpenAiConfig) -> Result<Self, EngineError> {
        if config.model.trim().is_empty() {
            return Err(EngineError::Config(format!(
                "{}: model is empty",
                config.name
            )));
        }
        let http = HttpClient::new(
            &config.name,
            timeout(config.timeout_secs),
            config.retry.clone(),
        )?;
        let permits = Semaphore::new(config.concurrency.max(1));
        Ok(OpenAi {
            config,
            http,
            permits,
        })
    }

    fn malformed(&self, reason: impl Into<String>) -> EngineError {
        EngineError::Malformed {
            engine: self.config.name.clone(),
            reason: reason.into(),
        }
    }

    async fn ask(&self, pair: &LangPair, segments: &[String]) -> Result<Vec<String>, EngineError> {
        let prompt = self
            .config
            .system_prompt
            .as_deref()
            .unwrap_or(DEFAULT_PROMPT);
        let system = prompt
            .replace("{source}", language_name(&pair.source))
            .replace("{target}", language_name(&pair.target));
        let user = serde_json::json!({ "segments": segments }).to_string();
        let request = Request {
            model: &self.config.model,
            messages: vec![
                Message {
                    role: "system",
                    content: system,
                },
                Message {
                    role: "user",
                    content: user,
                },
            ],
            temperature: self.config.temperature,
            max_tokens: self.config.max_tokens,
            response_format: self
                .config
                .json_mode
                .then(|| serde_json::json!({ "type": "json_object" })),
            stream: false,
        };
        let url = join_url(&self.config.base_url, "chat/completions");
        let body = {
            let _permit = self
                .permits
                .acquire()
                .await
                .map_err(|_| self.malformed("engine shut down"))?;
            self.http
                .send(|c| {
                    let r = c.post(&url).json(&request);
                    match &self.config.api_key {
                        Some(key) => r.bearer_auth(key.expose()),
                        None => r,
                    }
                })
                .await?
        };
        let reply: Reply =
            serde_json::from_str(&body).map_err(|e| self.malformed(e.to_string()))?;
        let content = reply
            .choices
            .into_iter()
            .next()
            .and_then(|c| c.message.content)
            .ok_or_else(|| self.malformed("no message content"))?;
        match parse_translations(&content, segments.len()) {
            Ok(v) => Ok(v),
            Err(ParseError::Count(got)) => Err(EngineError::CountMismatch {
                engine: self.config.name.clone(),
                expected: segments.len(),
                got,
            }),
            Err(ParseError::Unreadable) => Err(self.malformed(format!(
                "cannot read translations from: {}",
                content.chars().take(200).collect::<String>()
            ))),
        }
    }
}

#[async_trait]
impl Engine for OpenAi {
    fn name(&self) -> &str {
        &self.config.name
    }

    fn model(&self) -> &str {
        &self.config.model
    }

    fn max_batch(&self) -> usize {
        self.config.max_batch
    }

    /// Asks for the whole batch; when the model's reply does not hold one
    /// translation per segment, asks again one segment at a time.
    async fn translate_batch(
        &self,
        pair: &LangPair,
        segments: &[String],
    ) -> Result<Vec<String>, EngineError> {
        if segments.is_empty() {
            return Ok(Vec::new());
        }
        match self.ask(pair, segments).await {
            Err(EngineError::Malformed { .. } | EngineError::CountMismatch { .. })
                if segments.len() > 1 =>
            {
                let mut out = Vec::with_capacity(segments.len());
                for segment in segments {
                    let one = self.ask(pair, std::slice::from_ref(segment)).await?;
                    out.extend(one);
                }
                Ok(out)
            }
            other => other,
        }
    }
}

/// English name of a language, for the prompt.
fn language_name(code: &str) -> &str {
    match code {
        "vi" => "Vietnamese",
        "en" => "English",
        "fr" => "French",
        "de" => "German",
        "es" => "Spanish",
        "zh" => "Chinese (Simplified)",
        "ja" => "Japanese",
        "ko" => "Korean",
        "ru" => "Russian",
        "it" => "Italian",
        "pt" => "Portuguese",
        other => other,
    }
}

#[derive(Debug, PartialEq, Eq)]
enum ParseError {
    /// Read, but with this many translations.
    Count(usize),
    /// Nothing recognisable.
    Unreadable,
}

/// Reads one translation per segment from a model's reply: a JSON object
/// with `translations`, a JSON array, numbered lines, or (for one segment)
/// the bare text. Code fences and `<think>` blocks are ignored.
fn parse_translations(content: &str, expected: usize) -> Result<Vec<String>, ParseError> {
    let text = strip_thinking(content);
    let text = strip_fences(&text);
    if let Some(list) = json_list(text) {
        return if list.len() == expected {
            Ok(list)
        } else {
            Err(ParseError::Count(list.len()))
        };
    }
    if let Some(list) = numbered_lines(text) {
        if list.len() == expected {
            return Ok(list);
        }
        if expected > 1 {
            return Err(ParseError::Count(list.len()));
        }
    }
    let bare = text.trim();
    if expected == 1 && !bare.is_empty() && !bare.starts_with(['{', '[']) {
        return Ok(vec![bare.to_string()]);
    }
    Err(ParseError::Unreadable)
}

fn strip_thinking(text: &str) -> String {
    let mut out = text.to_string();
    while let (Some(start), Some(end)) = (out.find("<think>"), out.find("</think>")) {
        if end < start {
            break;
        }
        out.replace_range(start..end + "</think>".len(), "");
    }
    out
}

fn strip_fences(text: &str) -> &str {
    let t = text.trim();
    let Some(rest) = t.strip_prefix("```") else {
        return t;
    };
    let rest = rest.split_once('\n').map_or("", |(_, body)| body);
    rest.trim_end().strip_suffix("```").unwrap_or(rest).trim()
}

fn json_list(text: &str) -> Option<Vec<String>> {
    let start = text.find(['{', '['])?;
    let end = text.rfind(['}', ']'])?;
    let value: Value = serde_json::from_str(text.get(start..=end)?).ok()?;
    let array = match &value {
        Value::Array(a) => a,
        Value::Object(o) => ["translations", "translation", "segments", "output"]
            .iter()
            .find_map(|k| o.get(*k).and_then(Value::as_array))?,
        _ => return None,
    };
    array
        .iter()
        .map(|item| match item {
            Value::String(s) => Some(s.clone()),
            Value::Object(o) => ["translation", "text", "target"]
                .iter()
                .find_map(|k| o.get(*k).and_then(Value::as_str))
                .map(str::to_string),
            _ => None,
        })
        .collect()
}

fn numbered_lines(text: &str) -> Option<Vec<String>> {
    let mut out: Vec<(usize, String)> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let line = line.trim_start_matches('[');
        let digits: String = line.chars().take_while(char::is_ascii_digit).collect();
        let rest = line.get(digits.len()..).unwrap_or_default();
        let rest = rest.strip_prefix(['.', ')', ':', ']']).map(str::trim_start);
        match (digits.parse::<usize>(), rest) {
            (Ok(n), Some(rest)) => out.push((n, rest.to_string())),
            // A continuation line of the previous item.
            _ => match out.last_mut() {
                Some((_, prev)) => {
                    prev.push(' ');
                    prev.push_str(line);
                }
                None => return None,
            },
        }
    }
    let in_order = out.iter().enumerate().all(|(i, (n, _))| *n == i + 1);
    (in_order && !out.is_empty()).then(|| out.into_iter().map(|(_, s)| s).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_in_many_shapes() {
        let two = |s: &str| parse_translations(s, 2);
        let want = Ok(vec![
            "Bonjour <x1>Hanoï</x1>".to_string(),
            "Au revoir".to_string(),
        ]);
        assert_eq!(
            two(r#"{"translations": ["Bonjour <x1>Hanoï</x1>", "Au revoir"]}"#),
            want
        );
        assert_eq!(
            two("```json\n[\"Bonjour <x1>Hanoï</x1>\", \"Au revoir\"]\n```"),
            want
        );
        assert_eq!(two("<think>hmm</think>Here you go: {\"translations\": [{\"text\": \"Bonjour <x1>Hanoï</x1>\"}, {\"text\": \"Au revoir\"}]}"), want);
        assert_eq!(two("1. Bonjour <x1>Hanoï</x1>\n2) Au revoir"), want);
        assert_eq!(
            two(r#"{"translations": ["Bonjour"]}"#),
            Err(ParseError::Count(1))
        );
        assert_eq!(two("Je ne sais pas."), Err(ParseError::Unreadable));
        assert_eq!(
            parse_translations("  Bonjour.  ", 1),
            Ok(vec!["Bonjour.".to_string()])
        );
        assert_eq!(
            parse_translations("{\"translations\": [1, 2]}", 1),
            Err(ParseError::Unreadable)
        );
    }
}
