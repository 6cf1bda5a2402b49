//! The `openai` engine end to end against a REAL chat-completions server
//! (llama-cpp-python's server with the Gemma 3 270M GGUF model), started by
//! `scripts/openai-e2e`, which sets:
//!
//! - `NEWSBRIDGE_OPENAI_E2E_URL`: the server's base URL (`http://127.0.0.1:PORT/v1`);
//! - `NEWSBRIDGE_OPENAI_E2E_MODEL`: the model id it reports on `/v1/models`.
//!
//! Without them these tests print that they did not run and pass. The tiny
//! model's translations are not judged: the protocol path is (requests as
//! the engine promises, one translation per segment, origins, placeholders
//! restored or flagged, memory, timeouts, the concurrency limit). A counting
//! proxy on 127.0.0.1 sits between the engine and the server to see each
//! request and how many are in flight.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use article::{Article, Block, Inline, RichText};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use serde_json::{json, Value};
use translate::{
    Engine, EngineConfig, EngineError, EngineRetry, Engines, EnginesConfig, Glossary,
    InMemoryStore, LangPair, MemoryStore, OpenAi, OpenAiConfig, Origin, Outcome, Policy, QaFlag,
    RouteConfig, SegmentOrigin, StepConfig, Translator,
};

const URL_VAR: &str = "NEWSBRIDGE_OPENAI_E2E_URL";
const MODEL_VAR: &str = "NEWSBRIDGE_OPENAI_E2E_MODEL";
const ENGINE: &str = "llama-local";

/// The server under test, or `None` (with a line saying so) when not set.
fn server(test: &str) -> Option<(String, String)> {
    let Ok(url) = std::env::var(URL_VAR) else {
        // Straight to stderr: libtest captures println! of passing tests.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "openai_e2e::{test}: NOT RUN: {URL_VAR} is not set \
             (scripts/openai-e2e starts a local llama.cpp server and runs this test)"
        );
        return None;
    };
    let url = url.trim_end_matches('/').to_string();
    let host = url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split(['/', ':']).next())
        .unwrap_or_default();
    assert!(
        host == "localhost" || host.starts_with("127.") || host == "[",
        "{URL_VAR}={url}: only a server on the loopback interface may be used"
    );
    let model = std::env::var(MODEL_VAR).unwrap_or_else(|_| {
        panic!("{URL_VAR} is set but {MODEL_VAR} is not (the model id of /v1/models)")
    });
    println!("openai_e2e::{test}: server {url}, model {model}");
    Some((url, model))
}

// ---------- a counting proxy in front of the real server ----------

/// One request that went through the proxy.
#[derive(Debug, Clone)]
struct Exchange {
    path: String,
    request: Value,
    status: u16,
    response: String,
    took: Duration,
}

struct Proxy {
    upstream: String,
    client: reqwest::Client,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
    seen: Mutex<Vec<Exchange>>,
}

impl Proxy {
    fn exchanges(&self) -> Vec<Exchange> {
        self.seen.lock().unwrap().clone()
    }
    fn max_in_flight(&self) -> usize {
        self.max_in_flight.load(Ordering::SeqCst)
    }
    fn reset(&self) {
        self.seen.lock().unwrap().clear();
        self.max_in_flight.store(0, Ordering::SeqCst);
    }
}

async fn forward(
    State(proxy): State<Arc<Proxy>>,
    method: Method,
    uri: Uri,
    body: Bytes,
) -> Response {
    let now = proxy.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    proxy.max_in_flight.fetch_max(now, Ordering::SeqCst);
    let started = Instant::now();
    // `upstream` ends in `/v1`; the engine's paths start with `/v1` too.
    let path = uri.path().to_string();
    let target = format!(
        "{}{}",
        proxy.upstream.trim_end_matches("/v1"),
        uri.path_and_query().map_or("", |p| p.as_str())
    );
    let result = proxy
        .client
        .request(method, &target)
        .header("content-type", "application/json")
        .body(body.to_vec())
        .send()
        .await;
    let (status, text) = match result {
        Ok(r) => {
            let status = r.status().as_u16();
            (status, r.text().await.unwrap_or_default())
        }
        Err(e) => (502, format!("proxy: {e}")),
    };
    proxy.seen.lock().unwrap().push(Exchange {
        path,
        request: serde_json::from_slice(&body).unwrap_or(Value::Null),
        status,
        response: text.clone(),
        took: started.elapsed(),
    });
    proxy.in_flight.fetch_sub(1, Ordering::SeqCst);
    (
        StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY),
        [("content-type", "application/json")],
        text,
    )
        .into_response()
}

/// Starts the proxy; returns its base URL (with `/v1`) and its record.
async fn proxy(upstream: &str) -> (String, Arc<Proxy>) {
    let state = Arc::new(Proxy {
        upstream: upstream.to_string(),
        client: reqwest::Client::builder().no_proxy().build().unwrap(),
        in_flight: AtomicUsize::new(0),
        max_in_flight: AtomicUsize::new(0),
        seen: Mutex::new(Vec::new()),
    });
    let app = Router::new().fallback(forward).with_state(state.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}/v1"), state)
}

// ---------- the article ----------

/// A short Vietnamese news article: title, lead with bold, two paragraphs
/// with a link, italics and bold.
fn article_vi() -> Article {
    serde_json::from_value(json!({
        "url": "https://tuoitre.vn/mua-lon-o-hue.htm",
        "canonical_url": null,
        "title": "Mưa lớn gây ngập nhiều tuyến đường ở Huế",
        "lead": [
            {"t": "text", "c": "Sáng nay, "},
            {"t": "bold", "c": [{"t": "text", "c": "nước sông Hương"}]},
            {"t": "text", "c": " lên nhanh sau một đêm mưa lớn."}
        ],
        "blocks": [
            {"type": "paragraph", "text": [
                {"t": "text", "c": "Theo "},
                {"t": "link", "c": {"href": "https://tuoitre.vn/thoi-tiet.htm",
                    "children": [{"t": "text", "c": "Đài khí tượng"}]}},
                {"t": "text", "c": ", trạm A Lưới ghi nhận 412 mm mưa. Nhiều trường học cho học sinh nghỉ."}
            ]},
            {"type": "paragraph", "text": [
                {"t": "text", "c": "Người dân đã "},
                {"t": "italic", "c": [{"t": "text", "c": "chuyển đồ đạc"}]},
                {"t": "text", "c": " lên cao. "},
                {"t": "bold", "c": [{"t": "text", "c": "Chính quyền"}]},
                {"t": "text", "c": " sơ tán 200 hộ dân."}
            ]}
        ],
        "image": null,
        "authors": [],
        "publisher": null,
        "published": null,
        "modified": null,
        "language": "vi",
        "section": null,
        "tags": []
    }))
    .unwrap()
}

/// Link targets, bold and italic runs of a rich text, and its plain text.
fn markup_of(text: &RichText, out: &mut BTreeSet<String>) {
    fn walk(inlines: &[Inline], out: &mut BTreeSet<String>) {
        for inline in inlines {
            match inline {
                Inline::Link { href, children } => {
                    out.insert(format!("link {href}"));
                    walk(children, out);
                }
                Inline::Bold(children) => {
                    out.insert("bold".into());
                    walk(children, out);
                }
                Inline::Italic(children) => {
                    out.insert("italic".into());
                    walk(children, out);
                }
                _ => {}
            }
        }
    }
    walk(&text.0, out);
}

fn rich_texts(a: &Article) -> Vec<&RichText> {
    let mut out: Vec<&RichText> = a.lead.iter().collect();
    for block in &a.blocks {
        if let Block::Paragraph { text } = block {
            out.push(text);
        }
    }
    out
}

fn engine_config(url: &str, model: &str) -> OpenAiConfig {
    let mut c = OpenAiConfig::new(url, model);
    c.name = ENGINE.into();
    c.max_tokens = Some(160);
    c.timeout_secs = 120;
    c.retry = EngineRetry {
        max_retries: 1,
        base_delay_ms: 200,
        max_delay_ms: 1_000,
        max_retry_after_secs: 5,
    };
    c
}

/// The article through the crate's normal path: engines from configuration,
/// a route vi→en, the translator with its memory and QA.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openai_e2e_article_vi_en() {
    let Some((server_url, model)) = server("openai_e2e_article_vi_en") else {
        return;
    };
    // The server reports the model the script found.
    let models: Value = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .get(format!("{server_url}/models"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        models["data"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["id"] == model.as_str()),
        "{models}"
    );

    let (url, proxy) = proxy(&server_url).await;
    let mut engine = engine_config(&url, &model);
    engine.max_batch = 3;
    engine.concurrency = 1;
    let config = EnginesConfig {
        engines: vec![EngineConfig::Openai(engine)],
        routes: vec![RouteConfig {
            source: "vi".into(),
            target: "en".into(),
            chain: vec![StepConfig::direct(ENGINE)],
        }],
    };
    let engines = Engines::from_config(&config).unwrap();
    assert!(engines.serves(&LangPair::new("vi", "en")));
    let memory = Arc::new(InMemoryStore::new());
    let translator = Translator::new(engines, Glossary::new(), memory.clone())
        .with_policy("en", Policy::HoldUntilReviewed);

    let source = article_vi();
    let started = Instant::now();
    let done = translator
        .translate_article(&source, "vi", "en")
        .await
        .unwrap_or_else(|e| panic!("the article failed through {url}: {e}"));
    println!(
        "openai_e2e: article translated in {:.1} s: {} segments, {} engine calls, {} requests, flags {:?}",
        started.elapsed().as_secs_f64(),
        done.segments.len(),
        done.stats.engine_calls,
        proxy.exchanges().len(),
        done.flags
    );
    for s in &done.segments {
        println!(
            "  [{}] {}\n    -> {}\n    origin {:?} flags {:?}",
            s.unit, s.source, s.target, s.origin, s.flags
        );
    }

    // The protocol: every request is a chat completion as the engine promises.
    let exchanges = proxy.exchanges();
    assert!(!exchanges.is_empty());
    assert!(exchanges.len() >= done.stats.engine_calls);
    for x in &exchanges {
        assert_eq!(x.path, "/v1/chat/completions");
        assert_eq!(x.status, 200, "{}", x.response);
        assert_eq!(x.request["model"], model.as_str());
        assert_eq!(x.request["temperature"], 0.0);
        assert_eq!(x.request["max_tokens"], 160);
        assert_eq!(x.request["stream"], false);
        assert_eq!(x.request["messages"][0]["role"], "system");
        assert!(x.request["messages"][0]["content"]
            .as_str()
            .unwrap()
            .contains("from Vietnamese to English"));
        let user: Value =
            serde_json::from_str(x.request["messages"][1]["content"].as_str().unwrap()).unwrap();
        let n = user["segments"].as_array().unwrap().len();
        assert!((1..=3).contains(&n), "max_batch 3, sent {n}");
        // The server answered a real completion.
        let reply: Value = serde_json::from_str(&x.response).unwrap();
        assert_eq!(reply["object"], "chat.completion");
        assert!(reply["choices"][0]["message"]["content"].is_string());
        assert!(x.took < Duration::from_secs(120));
    }
    assert_eq!(proxy.max_in_flight(), 1, "concurrency 1");

    // One report per sentence: the title, two of the lead, three of the body.
    assert_eq!(done.pair, LangPair::new("vi", "en"));
    assert!(done.segments.len() >= 5, "{:#?}", done.segments);
    for s in &done.segments {
        assert!(!s.target.trim().is_empty(), "{s:?}");
        match &s.origin {
            SegmentOrigin::Engine {
                name,
                model: m,
                fallback,
            } => {
                assert_eq!(
                    (name.as_str(), m.as_str(), *fallback),
                    (ENGINE, model.as_str(), false)
                );
                assert!(!s.flags.contains(&QaFlag::Empty), "{s:?}");
            }
            // The documented answer to an empty translation.
            SegmentOrigin::SourceKept => assert!(s.flags.contains(&QaFlag::Empty), "{s:?}"),
            other => panic!("unexpected origin {other:?} of {s:?}"),
        }
        // Placeholders: either every tag of the source came back, or the
        // segment is flagged and its markup dropped (never shown as tags).
        let tags = |t: &str| -> BTreeSet<String> {
            let mut set = BTreeSet::new();
            let mut rest = t;
            while let Some(p) = rest.find("<x") {
                let end = rest[p..].find('>').map_or(rest.len(), |e| p + e + 1);
                set.insert(rest[p..end].to_string());
                rest = &rest[end..];
            }
            let mut rest = t;
            while let Some(p) = rest.find("</x") {
                let end = rest[p..].find('>').map_or(rest.len(), |e| p + e + 1);
                set.insert(rest[p..end].to_string());
                rest = &rest[end..];
            }
            set
        };
        let want = tags(&s.source);
        let markup_flagged = s
            .flags
            .iter()
            .any(|f| matches!(f, QaFlag::MarkupLost { .. }));
        if !want.is_empty() && !markup_flagged && s.origin != SegmentOrigin::SourceKept {
            assert!(tags(&s.target).is_superset(&want), "{s:?}");
        }
    }
    let translated = &done.article;
    assert_eq!(translated.language.as_deref(), Some("en"));
    assert_eq!(translated.blocks.len(), source.blocks.len());
    assert!(!translated.title.trim().is_empty());
    let mut source_markup = BTreeSet::new();
    for t in rich_texts(&source) {
        markup_of(t, &mut source_markup);
    }
    for t in rich_texts(translated) {
        let plain = t.plain_text();
        assert!(!plain.trim().is_empty());
        // Neither a complete tag (`<x12>`, `</x12>`, `<x12/>`) nor one cut off
        // by the token limit at the end (`…</x`) reaches the reader.
        let complete_tag = |t: &str| {
            t.match_indices('<').any(|(i, _)| {
                let rest = t[i + 1..].strip_prefix('/').unwrap_or(&t[i + 1..]);
                let Some(rest) = rest.strip_prefix('x') else {
                    return false;
                };
                let digits = rest.chars().take_while(char::is_ascii_digit).count();
                digits > 0 && (rest[digits..].starts_with('>') || rest[digits..].starts_with("/>"))
            })
        };
        let cut = plain
            .rfind('<')
            .is_some_and(|i| !plain[i..].contains('>') && plain[i..].len() <= 4);
        assert!(!cut, "a cut-off placeholder reached the article: {plain}");
        assert!(
            !complete_tag(&plain),
            "placeholders leaked into the article: {plain}"
        );
        let mut m = BTreeSet::new();
        markup_of(t, &mut m);
        assert!(
            m.is_subset(&source_markup),
            "{m:?} not in {source_markup:?}"
        );
    }
    // Markup of segments that were not flagged is in the article.
    if !done
        .segments
        .iter()
        .any(|s| s.unit == "blocks[0]" && s.flags.iter().any(|f| f.code() == "markup_lost"))
    {
        let mut m = BTreeSet::new();
        markup_of(rich_texts(translated)[1], &mut m);
        assert!(m.contains("link https://tuoitre.vn/thoi-tiet.htm"), "{m:?}");
    }

    // The policy: held exactly when some segment is flagged.
    let flagged = done.segments.iter().filter(|s| !s.flags.is_empty()).count();
    assert_eq!(
        done.outcome,
        if flagged > 0 {
            Outcome::Hold
        } else {
            Outcome::Publish
        }
    );
    assert_eq!(
        done.flags.values().sum::<usize>(),
        done.segments.iter().map(|s| s.flags.len()).sum::<usize>()
    );

    // The memory keeps the clean segments with the engine and model as origin.
    let entries = memory.entries(None).await.unwrap();
    let clean: Vec<_> = done
        .segments
        .iter()
        .filter(|s| s.flags.is_empty())
        .collect();
    let remembered: BTreeSet<&str> = entries.iter().map(|e| e.source.as_str()).collect();
    for s in &clean {
        assert!(
            remembered.contains(s.source.as_str()),
            "{s:?} not remembered"
        );
    }
    for e in &entries {
        assert_eq!(
            e.origin,
            Origin::Engine {
                name: ENGINE.into(),
                model: model.clone()
            }
        );
    }

    // Again: the clean segments come from the memory, the rest from the server.
    proxy.reset();
    let again = translator
        .translate_article(&source, "vi", "en")
        .await
        .unwrap();
    assert!(again.stats.memory_hits >= clean.len());
    for s in &again.segments {
        match &s.origin {
            SegmentOrigin::Memory { origin, .. } => assert_eq!(
                origin,
                &Origin::Engine {
                    name: ENGINE.into(),
                    model: model.clone()
                }
            ),
            SegmentOrigin::Engine { name, .. } => assert_eq!(name, ENGINE),
            SegmentOrigin::SourceKept => {}
            other => panic!("unexpected origin {other:?}"),
        }
    }
    if clean.len() == done.segments.len() {
        assert!(proxy.exchanges().is_empty(), "all from memory");
    }
}

/// The engine's concurrency limit and timeout, against the real server.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openai_e2e_concurrency_and_timeout() {
    let Some((server_url, model)) = server("openai_e2e_concurrency_and_timeout") else {
        return;
    };
    let (url, proxy) = proxy(&server_url).await;
    let vi_en = LangPair::new("vi", "en");
    let sentences = [
        "Trời mưa to.",
        "Hà Nội có gió mạnh.",
        "Trường học đóng cửa.",
        "Giá xăng giảm.",
    ];

    for limit in [1usize, 2] {
        proxy.reset();
        let mut c = engine_config(&url, &model);
        c.concurrency = limit;
        c.max_tokens = Some(48);
        let engine = Arc::new(OpenAi::new(c).unwrap());
        let tasks: Vec<_> = sentences
            .iter()
            .map(|s| {
                let engine = engine.clone();
                let pair = vi_en.clone();
                let segment = vec![s.to_string()];
                tokio::spawn(async move { engine.translate_batch(&pair, &segment).await })
            })
            .collect();
        for t in tasks {
            let out = t.await.unwrap().unwrap();
            assert_eq!(out.len(), 1);
            assert!(!out[0].trim().is_empty());
        }
        let n = proxy.exchanges().len();
        assert!(n >= sentences.len(), "{n} requests");
        println!(
            "openai_e2e: concurrency {limit}: {n} requests, at most {} in flight",
            proxy.max_in_flight()
        );
        assert_eq!(proxy.max_in_flight(), limit, "concurrency {limit}");
    }

    // A timeout of 1 s on a request the server needs longer for: a typed,
    // transient Timeout, after 1 s and not much later (no retries here).
    let mut c = engine_config(&url, &model);
    c.timeout_secs = 1;
    c.max_tokens = Some(512);
    c.retry = EngineRetry {
        max_retries: 0,
        ..EngineRetry::default()
    };
    let engine = OpenAi::new(c).unwrap();
    let long: Vec<String> = (0..8)
        .map(|i| {
            format!(
                "Đoạn {i}: Mưa lớn kéo dài khiến nước sông Hương lên nhanh, chính quyền đã sơ tán \
                 hàng nghìn hộ dân khỏi vùng trũng thấp trước khi lũ đạt đỉnh vào chiều nay."
            )
        })
        .collect();
    let started = Instant::now();
    let result = engine.translate_batch(&vi_en, &long).await;
    let took = started.elapsed();
    println!("openai_e2e: timeout 1 s: {result:?} after {took:?}");
    match result {
        Err(e @ EngineError::Timeout { .. }) => {
            assert!(e.is_transient());
            assert!(e.to_string().contains(ENGINE), "{e}");
        }
        other => panic!("expected a timeout, got {other:?} after {took:?}"),
    }
    assert!(took >= Duration::from_millis(950), "{took:?}");
    assert!(took < Duration::from_secs(4), "{took:?}");
}
