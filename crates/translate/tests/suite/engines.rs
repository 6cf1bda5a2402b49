//! HTTP engines against local fake servers speaking LibreTranslate, OpenAI
//! chat completions and DeepL, including their failures.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use axum::Router;
use serde_json::{json, Value};
use translate::{
    ApiKey, DeepL, DeepLConfig, Engine, EngineError, EngineRetry, LangPair, LibreTranslate,
    LibreTranslateConfig, OpenAi, OpenAiConfig,
};

/// One request as the fake server saw it.
#[derive(Debug, Clone)]
struct Seen {
    path: String,
    headers: HeaderMap,
    body: String,
}

/// What the fake server answers.
struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: String,
    delay: Duration,
}

impl Reply {
    fn json(v: Value) -> Self {
        Reply {
            status: 200,
            headers: vec![("content-type", "application/json".into())],
            body: v.to_string(),
            delay: Duration::ZERO,
        }
    }
    fn status(status: u16, body: &str) -> Self {
        Reply {
            status,
            headers: vec![],
            body: body.into(),
            delay: Duration::ZERO,
        }
    }
    fn header(mut self, k: &'static str, v: &str) -> Self {
        self.headers.push((k, v.into()));
        self
    }
    fn after(mut self, d: Duration) -> Self {
        self.delay = d;
        self
    }
}

type Script = Arc<dyn Fn(usize, &Seen) -> Reply + Send + Sync>;

#[derive(Clone)]
struct Fake {
    script: Script,
    seen: Arc<Mutex<Vec<Seen>>>,
    count: Arc<AtomicUsize>,
}

impl Fake {
    fn requests(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

async fn handle(State(fake): State<Fake>, uri: Uri, headers: HeaderMap, body: String) -> Response {
    let seen = Seen {
        path: uri.path().to_string(),
        headers,
        body,
    };
    let n = fake.count.fetch_add(1, Ordering::SeqCst);
    fake.seen.lock().unwrap().push(seen.clone());
    let reply = (fake.script)(n, &seen);
    if !reply.delay.is_zero() {
        tokio::time::sleep(reply.delay).await;
    }
    let mut builder = Response::builder().status(StatusCode::from_u16(reply.status).unwrap());
    for (k, v) in reply.headers {
        builder = builder.header(k, v);
    }
    builder.body(Body::from(reply.body)).unwrap()
}

/// Starts a fake server on 127.0.0.1:0; returns its base URL.
async fn serve(script: impl Fn(usize, &Seen) -> Reply + Send + Sync + 'static) -> (String, Fake) {
    let fake = Fake {
        script: Arc::new(script),
        seen: Default::default(),
        count: Default::default(),
    };
    let app = Router::new().fallback(handle).with_state(fake.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}"), fake)
}

fn fast_retry(max_retries: u32) -> EngineRetry {
    EngineRetry {
        max_retries,
        base_delay_ms: 10,
        max_delay_ms: 50,
        max_retry_after_secs: 5,
    }
}

fn vi_fr() -> LangPair {
    LangPair::new("vi", "fr")
}

fn segs(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// A toy translation: a dictionary of whole segments.
fn dictionary(s: &str) -> String {
    let table: HashMap<&str, &str> = HashMap::from([
        ("Xin chào <x1>Hà Nội</x1>.", "Bonjour <x1>Hanoï</x1>."),
        (
            "Tổng thống <g1>Poutine</g1> tới <g2>Koursk</g2>.",
            "Le président <g1>Poutine</g1> est arrivé à <g2>Koursk</g2>.",
        ),
        ("Trời mưa.", "Il pleut."),
    ]);
    table
        .get(s)
        .map_or_else(|| format!("?{s}"), |t| t.to_string())
}

// ---------- LibreTranslate ----------

fn libre_reply(seen: &Seen) -> Reply {
    let req: Value = serde_json::from_str(&seen.body).unwrap();
    if req["api_key"] != "lt-key" {
        return Reply::status(403, r#"{"error":"Invalid API key"}"#);
    }
    let q: Vec<String> = serde_json::from_value(req["q"].clone()).unwrap();
    Reply::json(json!({ "translatedText": q.iter().map(|s| dictionary(s)).collect::<Vec<_>>() }))
}

fn libre(url: &str, retry: EngineRetry) -> LibreTranslate {
    let mut c = LibreTranslateConfig::new(url);
    c.api_key = Some(ApiKey::new("lt-key"));
    c.retry = retry;
    c.timeout_secs = 2;
    LibreTranslate::new(c).unwrap()
}

#[tokio::test]
async fn libretranslate_protocol() {
    let (url, fake) = serve(|_, seen| libre_reply(seen)).await;
    let engine = libre(&url, fast_retry(0));
    let out = engine
        .translate_batch(&vi_fr(), &segs(&["Xin chào <x1>Hà Nội</x1>.", "Trời mưa."]))
        .await
        .unwrap();
    assert_eq!(out, vec!["Bonjour <x1>Hanoï</x1>.", "Il pleut."]);
    let req: Value = serde_json::from_str(&fake.requests()[0].body).unwrap();
    assert_eq!(fake.requests()[0].path, "/translate");
    assert_eq!(req["source"], "vi");
    assert_eq!(req["target"], "fr");
    assert_eq!(req["format"], "html");
    assert!(req["q"].is_array());

    let mut c = LibreTranslateConfig::new(&url);
    c.api_key = Some(ApiKey::new("wrong"));
    let err = LibreTranslate::new(c)
        .unwrap()
        .translate_batch(&vi_fr(), &segs(&["Trời mưa."]))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, EngineError::Rejected { status: 403, message, .. } if message == "Invalid API key"),
        "{err}"
    );
    assert!(!err.is_transient());
}

#[tokio::test]
async fn libretranslate_single_string_reply_and_count_mismatch() {
    let (url, _) = serve(|n, _| {
        if n == 0 {
            Reply::json(json!({ "translatedText": "Il pleut." }))
        } else {
            Reply::json(json!({ "translatedText": ["un seul"] }))
        }
    })
    .await;
    let engine = libre(&url, fast_retry(0));
    assert_eq!(
        engine
            .translate_batch(&vi_fr(), &segs(&["Trời mưa."]))
            .await
            .unwrap(),
        vec!["Il pleut."]
    );
    let err = engine
        .translate_batch(&vi_fr(), &segs(&["a", "b"]))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            EngineError::CountMismatch {
                expected: 2,
                got: 1,
                ..
            }
        ),
        "{err}"
    );
}

#[tokio::test]
async fn server_errors_are_retried_with_backoff() {
    let (url, fake) = serve(|n, seen| {
        if n < 2 {
            Reply::status(503, "Service Unavailable")
        } else {
            libre_reply(seen)
        }
    })
    .await;
    let engine = libre(&url, fast_retry(3));
    let out = engine
        .translate_batch(&vi_fr(), &segs(&["Trời mưa."]))
        .await
        .unwrap();
    assert_eq!(out, vec!["Il pleut."]);
    assert_eq!(fake.requests().len(), 3);

    let (url, fake) = serve(|_, _| Reply::status(500, r#"{"error":"model crashed"}"#)).await;
    let err = libre(&url, fast_retry(2))
        .translate_batch(&vi_fr(), &segs(&["Trời mưa."]))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, EngineError::Server { status: 500, message, .. } if message == "model crashed"),
        "{err}"
    );
    assert!(err.is_transient());
    assert_eq!(fake.requests().len(), 3);
}

#[tokio::test]
async fn rate_limits_honour_retry_after() {
    let (url, fake) = serve(|n, seen| {
        if n == 0 {
            Reply::status(429, r#"{"error":"Slowdown: 1 per 1 second"}"#).header("retry-after", "1")
        } else {
            libre_reply(seen)
        }
    })
    .await;
    let engine = libre(&url, fast_retry(2));
    let started = Instant::now();
    let out = engine
        .translate_batch(&vi_fr(), &segs(&["Trời mưa."]))
        .await
        .unwrap();
    assert_eq!(out, vec!["Il pleut."]);
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "waited {:?}",
        started.elapsed()
    );
    assert_eq!(fake.requests().len(), 2);

    // A wait longer than allowed fails at once, for the job queue to retry later.
    let (url, fake) = serve(|_, _| Reply::status(429, "").header("retry-after", "3600")).await;
    let err = libre(&url, fast_retry(3))
        .translate_batch(&vi_fr(), &segs(&["Trời mưa."]))
        .await
        .unwrap_err();
    assert!(
        matches!(err, EngineError::RateLimited { retry_after: Some(d), .. } if d == Duration::from_secs(3600)),
        "{err}"
    );
    assert_eq!(fake.requests().len(), 1);
}

#[tokio::test]
async fn slow_servers_time_out() {
    let (url, fake) = serve(|_, seen| libre_reply(seen).after(Duration::from_secs(3))).await;
    let mut c = LibreTranslateConfig::new(&url);
    c.api_key = Some(ApiKey::new("lt-key"));
    c.timeout_secs = 1;
    c.retry = fast_retry(1);
    let started = Instant::now();
    let err = LibreTranslate::new(c)
        .unwrap()
        .translate_batch(&vi_fr(), &segs(&["Trời mưa."]))
        .await
        .unwrap_err();
    assert!(matches!(err, EngineError::Timeout { .. }), "{err}");
    assert_eq!(fake.requests().len(), 2);
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn malformed_replies_and_refused_connections() {
    let (url, _) = serve(|_, _| Reply::status(200, "<html>proxy error</html>")).await;
    let err = libre(&url, fast_retry(0))
        .translate_batch(&vi_fr(), &segs(&["Trời mưa."]))
        .await
        .unwrap_err();
    assert!(matches!(err, EngineError::Malformed { .. }), "{err}");

    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let err = libre(&url, fast_retry(1))
        .translate_batch(&vi_fr(), &segs(&["Trời mưa."]))
        .await
        .unwrap_err();
    assert!(matches!(err, EngineError::Transport { .. }), "{err}");
}

// ---------- OpenAI-compatible ----------

fn user_segments(seen: &Seen) -> Vec<String> {
    let req: Value = serde_json::from_str(&seen.body).unwrap();
    let user = req["messages"][1]["content"].as_str().unwrap();
    let parsed: Value = serde_json::from_str(user).unwrap();
    serde_json::from_value(parsed["segments"].clone()).unwrap()
}

fn chat(content: &str) -> Reply {
    Reply::json(json!({
        "id": "chatcmpl-1", "object": "chat.completion", "model": "tiny",
        "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}
    }))
}

fn openai(url: &str) -> OpenAi {
    let mut c = OpenAiConfig::new(&format!("{url}/v1"), "tiny");
    c.api_key = Some(ApiKey::new("sk-test"));
    c.retry = fast_retry(1);
    c.timeout_secs = 2;
    OpenAi::new(c).unwrap()
}

#[tokio::test]
async fn openai_protocol_with_json_reply() {
    let (url, fake) = serve(|_, seen| {
        if seen.headers.get("authorization").and_then(|v| v.to_str().ok()) != Some("Bearer sk-test") {
            return Reply::status(401, r#"{"error":{"message":"Incorrect API key provided","type":"invalid_request_error"}}"#);
        }
        let out: Vec<String> = user_segments(seen).iter().map(|s| dictionary(s)).collect();
        chat(&format!("```json\n{}\n```", json!({ "translations": out })))
    })
    .await;
    let engine = openai(&url);
    assert_eq!((engine.name(), engine.model()), ("openai", "tiny"));
    let input = segs(&[
        "Tổng thống <g1>Poutine</g1> tới <g2>Koursk</g2>.",
        "Trời mưa.",
    ]);
    let out = engine.translate_batch(&vi_fr(), &input).await.unwrap();
    assert_eq!(
        out,
        vec![
            "Le président <g1>Poutine</g1> est arrivé à <g2>Koursk</g2>.",
            "Il pleut."
        ]
    );
    let seen = &fake.requests()[0];
    assert_eq!(seen.path, "/v1/chat/completions");
    let req: Value = serde_json::from_str(&seen.body).unwrap();
    assert_eq!(req["model"], "tiny");
    assert_eq!(req["temperature"], 0.0);
    assert_eq!(req["messages"][0]["role"], "system");
    let system = req["messages"][0]["content"].as_str().unwrap();
    assert!(
        system.contains("from Vietnamese to French") && system.contains("<x1>"),
        "{system}"
    );

    let mut c = OpenAiConfig::new(&format!("{url}/v1"), "tiny");
    c.retry = fast_retry(0);
    let err = OpenAi::new(c)
        .unwrap()
        .translate_batch(&vi_fr(), &input)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, EngineError::Rejected { status: 401, message, .. } if message == "Incorrect API key provided"),
        "{err}"
    );
}

#[tokio::test]
async fn openai_numbered_lines_and_split_on_bad_batches() {
    // Batches get a reply with one line too few; single segments get the bare text.
    let (url, fake) = serve(|_, seen| {
        let input = user_segments(seen);
        if input.len() > 1 {
            chat(&format!("1. {}", dictionary(&input[0])))
        } else {
            chat(&dictionary(&input[0]))
        }
    })
    .await;
    let out = openai(&url)
        .translate_batch(&vi_fr(), &segs(&["Xin chào <x1>Hà Nội</x1>.", "Trời mưa."]))
        .await
        .unwrap();
    assert_eq!(out, vec!["Bonjour <x1>Hanoï</x1>.", "Il pleut."]);
    assert_eq!(
        fake.requests().len(),
        3,
        "one batch, then one request per segment"
    );

    let (url, _) = serve(|_, _| chat("1. Bonjour <x1>Hanoï</x1>.\n2. Il pleut.")).await;
    let out = openai(&url)
        .translate_batch(&vi_fr(), &segs(&["Xin chào <x1>Hà Nội</x1>.", "Trời mưa."]))
        .await
        .unwrap();
    assert_eq!(out, vec!["Bonjour <x1>Hanoï</x1>.", "Il pleut."]);
}

#[tokio::test]
async fn openai_malformed_replies_are_typed_errors() {
    let (url, _) = serve(|_, _| Reply::json(json!({ "choices": [] }))).await;
    let err = openai(&url)
        .translate_batch(&vi_fr(), &segs(&["Trời mưa."]))
        .await
        .unwrap_err();
    assert!(matches!(err, EngineError::Malformed { .. }), "{err}");
    let (url, _) = serve(|_, _| Reply::status(200, "{\"choices\": [{\"message\": ")).await;
    let err = openai(&url)
        .translate_batch(&vi_fr(), &segs(&["Trời mưa."]))
        .await
        .unwrap_err();
    assert!(matches!(err, EngineError::Malformed { .. }), "{err}");
    let (url, _) = serve(|_, _| chat("{\"translations\": [\"a\", \"b\", \"c\"]}")).await;
    let err = openai(&url)
        .translate_batch(&vi_fr(), &segs(&["Trời mưa."]))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            EngineError::CountMismatch {
                expected: 1,
                got: 3,
                ..
            }
        ),
        "{err}"
    );
}

// ---------- DeepL ----------

fn deepl_reply(seen: &Seen) -> Reply {
    if seen
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        != Some("DeepL-Auth-Key dl-key:fx")
    {
        return Reply::status(
            403,
            r#"{"message":"Wrong endpoint. Use https://api.deepl.com"}"#,
        );
    }
    let req: Value = serde_json::from_str(&seen.body).unwrap();
    let text: Vec<String> = serde_json::from_value(req["text"].clone()).unwrap();
    Reply::json(json!({
        "translations": text.iter().map(|t| json!({"detected_source_language": "VI", "text": dictionary(t)})).collect::<Vec<_>>()
    }))
}

fn deepl(url: &str) -> DeepL {
    let mut c = DeepLConfig::new(url, "dl-key:fx");
    c.retry = fast_retry(1);
    c.glossaries.insert("vi>fr".into(), "gls-123".into());
    DeepL::new(c).unwrap()
}

#[tokio::test]
async fn deepl_protocol() {
    let (url, fake) = serve(|_, seen| deepl_reply(seen)).await;
    let input = segs(&[
        "Tổng thống <g1>Poutine</g1> tới <g2>Koursk</g2>.",
        "Xin chào <x1>Hà Nội</x1>.",
    ]);
    let out = deepl(&url).translate_batch(&vi_fr(), &input).await.unwrap();
    assert_eq!(
        out,
        vec![
            "Le président <g1>Poutine</g1> est arrivé à <g2>Koursk</g2>.",
            "Bonjour <x1>Hanoï</x1>."
        ]
    );
    let seen = &fake.requests()[0];
    assert_eq!(seen.path, "/v2/translate");
    let req: Value = serde_json::from_str(&seen.body).unwrap();
    assert_eq!(req["source_lang"], "VI");
    assert_eq!(req["target_lang"], "FR");
    assert_eq!(req["tag_handling"], "xml");
    assert_eq!(req["ignore_tags"], json!(["g1", "g2"]));
    assert_eq!(req["glossary_id"], "gls-123");
    let out = deepl(&url)
        .translate_batch(&LangPair::new("vi", "en"), &segs(&["Trời mưa."]))
        .await
        .unwrap();
    assert_eq!(out.len(), 1);
    let req: Value = serde_json::from_str(&fake.requests()[1].body).unwrap();
    assert_eq!(req["target_lang"], "EN-GB");
    assert!(req.get("glossary_id").is_none());
}

#[tokio::test]
async fn deepl_errors() {
    let (url, _) = serve(|_, _| Reply::status(456, r#"{"message":"Quota exceeded"}"#)).await;
    let err = deepl(&url)
        .translate_batch(&vi_fr(), &segs(&["Trời mưa."]))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, EngineError::Rejected { status: 456, message, .. } if message == "Quota exceeded"),
        "{err}"
    );
    let (url, fake) = serve(|n, seen| {
        if n == 0 {
            Reply::status(429, "Too many requests")
        } else {
            deepl_reply(seen)
        }
    })
    .await;
    assert_eq!(
        deepl(&url)
            .translate_batch(&vi_fr(), &segs(&["Trời mưa."]))
            .await
            .unwrap(),
        vec!["Il pleut."]
    );
    assert_eq!(fake.requests().len(), 2);
    let (url, _) =
        serve(|_, _| Reply::json(json!({"translations": [{"detected_source_language": "VI"}]})))
            .await;
    let err = deepl(&url)
        .translate_batch(&vi_fr(), &segs(&["Trời mưa."]))
        .await
        .unwrap_err();
    assert!(matches!(err, EngineError::Malformed { .. }), "{err}");
    assert!(matches!(
        DeepL::new(DeepLConfig::new(&url, " ")),
        Err(EngineError::Config(_))
    ));
}

// ---------- Config to article, over HTTP ----------

#[tokio::test]
async fn translator_from_config_over_http() {
    let table: HashMap<String, String> = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/testdata/fake-engine-vi-fr.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let (url, fake) = serve(move |_, seen| {
        let req: Value = serde_json::from_str(&seen.body).unwrap();
        let q: Vec<String> = serde_json::from_value(req["q"].clone()).unwrap();
        Reply::json(json!({ "translatedText": q.iter().map(|s| table.get(s).cloned().unwrap_or_else(|| s.clone())).collect::<Vec<_>>() }))
    })
    .await;
    let config: translate::EnginesConfig = serde_json::from_value(json!({
        "engines": [{"kind": "libretranslate", "name": "lt", "url": url, "max_batch": 50}],
        "routes": [{"source": "vi", "target": "fr", "chain": [{"engine": "lt"}]}]
    }))
    .unwrap();
    let engines = translate::Engines::from_config(&config).unwrap();
    let glossary = translate::Glossary::from_csv(
        std::fs::File::open(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/testdata/glossary.csv"
        ))
        .unwrap(),
    )
    .unwrap();
    let tr =
        translate::Translator::new(engines, glossary, Arc::new(translate::InMemoryStore::new()));
    let article: article::Article = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/testdata/article-vi.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let done = tr.translate_article(&article, "vi", "fr").await.unwrap();
    assert!(done.flags.is_empty(), "{:?}", done.flags);
    assert_eq!(
        done.article.title,
        "Le président Poutine visite Koursk après les négociations de Djeddah"
    );
    assert_eq!(fake.requests().len(), 1);
    assert_eq!(done.stats.engine_calls, 1);

    let bad = json!({"engines": [], "routes": [{"source": "vi", "target": "fr", "chain": [{"engine": "nope"}]}]});
    let err = translate::Engines::from_config(&serde_json::from_value(bad).unwrap()).unwrap_err();
    assert!(matches!(err, EngineError::Config(_)), "{err}");
}
