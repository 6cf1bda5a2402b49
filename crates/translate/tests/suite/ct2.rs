//! The CTranslate2 engine on the tiny random model: its outputs equal Python
//! `ctranslate2.Translator.translate_batch`'s (greedy, `reference.json`, made
//! by `scripts/ct2-models tiny`) token for token, through the engine's own
//! tokenizer, sorting and batching; bad model directories are typed errors.

use std::fs;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Deserialize;
use translate::models::ModelError;
use translate::{
    CTranslate2, CTranslate2Config, Engine, EngineConfig, EngineError, Engines, InMemoryStore,
    LangPair, RouteConfig, SegmentOrigin, StepConfig, Translator,
};

use crate::common::{article_vi, glossary, testdata};

#[derive(Deserialize)]
struct Reference {
    options: Options,
    sentences: Vec<String>,
    source_tokens: Vec<Vec<String>>,
    outputs: std::collections::HashMap<String, Output>,
}

#[derive(Deserialize)]
struct Options {
    beam_size: usize,
    max_decoding_length: usize,
}

#[derive(Deserialize)]
struct Output {
    tokens: Vec<Vec<String>>,
    text: Vec<String>,
}

fn tiny() -> PathBuf {
    testdata("ct2-tiny")
}

fn reference() -> Reference {
    serde_json::from_str(&fs::read_to_string(tiny().join("reference.json")).unwrap()).unwrap()
}

fn engine(compute_type: &str, batch_size: usize) -> CTranslate2 {
    let r = reference();
    let config = CTranslate2Config {
        compute_type: Some(compute_type.into()),
        beam_size: r.options.beam_size,
        max_decoding_length: r.options.max_decoding_length,
        batch_size,
        intra_threads: 1,
        ..CTranslate2Config::new(tiny())
    };
    CTranslate2::new(config).unwrap()
}

/// A translator whose one route, vi → en, is `engine` (named "ctranslate2").
fn vi_en_translator(engine: Arc<dyn Engine>) -> Translator {
    let mut engines = Engines::new();
    engines.add_engine(engine);
    engines
        .add_route(RouteConfig {
            source: "vi".into(),
            target: "en".into(),
            chain: vec![StepConfig::direct("ctranslate2")],
        })
        .unwrap();
    Translator::new(engines, glossary(), Arc::new(InMemoryStore::new()))
}

fn vi_en() -> LangPair {
    LangPair::new("vi", "en")
}

#[test]
fn tokenizes_like_python_sentencepiece() {
    let r = reference();
    let engine = engine("int8", 32);
    for (sentence, tokens) in r.sentences.iter().zip(&r.source_tokens) {
        assert_eq!(&engine.tokenize(sentence).unwrap(), tokens, "{sentence}");
    }
}

#[test]
fn matches_python_token_for_token() {
    let r = reference();
    for compute_type in ["float32", "int8"] {
        let want = &r.outputs[compute_type];
        // One batch, batches of 3 and one sentence at a time: same tokens.
        for batch_size in [32, 3, 1] {
            let engine = engine(compute_type, batch_size);
            let got = engine.translate_tokens(&r.source_tokens).unwrap();
            for (i, (got, want)) in got.iter().zip(&want.tokens).enumerate() {
                assert_eq!(
                    got, want,
                    "{compute_type}, batch {batch_size}, sentence {i}: {}",
                    r.sentences[i]
                );
            }
            assert_eq!(got.len(), want.tokens.len());
        }
    }
}

#[tokio::test]
async fn engine_trait_translates_text_like_python() {
    let r = reference();
    let engine = engine("int8", 4);
    assert_eq!(engine.name(), "ctranslate2");
    assert_eq!(engine.model(), "ct2-tiny");
    let got = engine
        .translate_batch(&vi_en(), &r.sentences)
        .await
        .unwrap();
    assert_eq!(got, r.outputs["int8"].text);

    // Empty and blank segments come back empty, in place, without reaching the model.
    let mixed = vec![
        String::new(),
        r.sentences[0].clone(),
        "   ".into(),
        r.sentences[2].clone(),
    ];
    let got = engine.translate_batch(&vi_en(), &mixed).await.unwrap();
    assert_eq!(
        got,
        [
            "",
            r.outputs["int8"].text[0].as_str(),
            "",
            r.outputs["int8"].text[2].as_str()
        ]
    );
    assert!(engine
        .translate_batch(&vi_en(), &[])
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn engine_from_config_serves_only_its_pair() {
    let json = format!(
        r#"{{"kind": "ctranslate2", "name": "opus-vi-en", "model_dir": {:?}, "source": "vi", "target": "en", "beam_size": 1}}"#,
        tiny().display().to_string()
    );
    let config: EngineConfig = serde_json::from_str(&json).unwrap();
    let engine = config.build().unwrap();
    assert_eq!(engine.name(), "opus-vi-en");
    let out = engine
        .translate_batch(&vi_en(), &["Xin chào!".to_string()])
        .await
        .unwrap();
    assert_eq!(out.len(), 1);
    let err = engine
        .translate_batch(&LangPair::new("vi", "fr"), &["Xin chào!".to_string()])
        .await
        .unwrap_err();
    assert!(matches!(err, EngineError::Unsupported { .. }), "{err}");
}

#[test]
fn bad_model_directories_are_typed_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let copy = |name: &str| {
        let dir = tmp.path().join(name);
        fs::create_dir_all(&dir).unwrap();
        for entry in fs::read_dir(tiny()).unwrap() {
            let entry = entry.unwrap();
            fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
        }
        dir
    };

    let dir = copy("missing-spm");
    fs::remove_file(dir.join("source.spm")).unwrap();
    let err = CTranslate2::new(CTranslate2Config::new(&dir)).unwrap_err();
    assert!(
        matches!(
            err,
            ModelError::MissingFile {
                file: "source.spm",
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("missing-spm"), "{err}");

    // A model.bin with a valid header but cut short: CTranslate2 itself refuses it.
    let dir = copy("truncated");
    let weights = fs::read(dir.join("model.bin")).unwrap();
    fs::write(dir.join("model.bin"), &weights[..weights.len() / 3]).unwrap();
    let err = CTranslate2::new(CTranslate2Config::new(&dir)).unwrap_err();
    assert!(matches!(err, ModelError::Load { .. }), "{err}");
    assert!(err.to_string().contains("truncated"), "{err}");

    // A SentencePiece file that starts right but is not a model.
    let dir = copy("bad-spm");
    fs::write(dir.join("target.spm"), b"\x0a\x03abc garbage").unwrap();
    let err = CTranslate2::new(CTranslate2Config::new(&dir)).unwrap_err();
    assert!(
        matches!(&err, ModelError::Load { dir, .. } if dir.ends_with("target.spm")),
        "{err}"
    );

    let err = CTranslate2::new(CTranslate2Config {
        compute_type: Some("int3".into()),
        ..CTranslate2Config::new(tiny())
    })
    .unwrap_err();
    assert!(err.to_string().contains("compute_type"), "{err}");

    // Through the config, the error is an engine error naming the engine.
    let config = EngineConfig::Ctranslate2(CTranslate2Config::new(tmp.path().join("nowhere")));
    let Err(err) = config.build() else {
        panic!("built an engine without a model")
    };
    assert!(matches!(err, EngineError::Model { .. }), "{err}");
}

/// This machine has no CUDA toolkit: the `ctranslate2-cuda` build is not
/// made here, and asking this build for a GPU must say how to get one.
#[cfg(not(feature = "ctranslate2-cuda"))]
#[test]
fn cuda_without_the_feature_is_a_clear_error() {
    let config = CTranslate2Config {
        name: "opus-vi-en".into(),
        device: translate::CTranslate2Device::Cuda,
        ..CTranslate2Config::new(tiny())
    };
    let err = CTranslate2::new(config.clone()).unwrap_err();
    assert!(
        matches!(
            err,
            ModelError::Setting {
                setting: "device",
                ..
            }
        ),
        "{err}"
    );
    let msg = err.to_string();
    assert!(msg.contains("opus-vi-en"), "{msg}");
    assert!(
        msg.contains("--features translate/ctranslate2-cuda"),
        "{msg}"
    );

    // Through the config it is a configuration error, before any model loads.
    let Err(err) = EngineConfig::Ctranslate2(config).build() else {
        panic!("built a CUDA engine without CUDA")
    };
    assert!(matches!(err, EngineError::Config(_)), "{err}");
    assert!(err.to_string().contains("device"), "{err}");

    // A half-precision compute type needs a GPU too.
    let err = CTranslate2::new(CTranslate2Config {
        compute_type: Some("int8_float16".into()),
        ..CTranslate2Config::new(tiny())
    })
    .unwrap_err();
    assert!(
        matches!(
            err,
            ModelError::Setting {
                setting: "compute_type",
                ..
            }
        ),
        "{err}"
    );
}

#[tokio::test]
async fn translates_a_whole_article_through_the_pipeline() {
    let translator = vi_en_translator(Arc::new(engine("int8", 16)));
    let done = translator
        .translate_article(&article_vi(), "vi", "en")
        .await
        .unwrap();
    assert!(done.stats.engine_segments > 10, "{:?}", done.stats);
    let by_model = done
        .segments
        .iter()
        .filter(|s| {
            matches!(&s.origin, SegmentOrigin::Engine { name, model, .. }
                if name == "ctranslate2" && model == "ct2-tiny")
        })
        .count();
    assert!(by_model > 10, "{by_model} segments from the model");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_articles_share_model_batches_and_match_python() {
    let r = reference();
    let want = &r.outputs["int8"].text;
    let engine: Arc<dyn Engine> = Arc::new(engine("int8", 32));
    let shared = translate::SharedBatches::new(
        engine,
        translate::BatchingConfig {
            window_ms: 300,
            ..Default::default()
        },
    );
    // Three "articles" of the reference sentences, translating at once.
    let parts: Vec<Vec<String>> = r.sentences.chunks(5).map(<[String]>::to_vec).collect();
    assert_eq!(parts.len(), 3);
    let pair = vi_en();
    let (a, b, c) = tokio::join!(
        shared.translate_batch(&pair, &parts[0]),
        shared.translate_batch(&pair, &parts[1]),
        shared.translate_batch(&pair, &parts[2]),
    );
    let got: Vec<String> = [a, b, c].into_iter().flat_map(Result::unwrap).collect();
    assert_eq!(&got, want);
    let stats = shared.stats();
    assert_eq!(stats.requests, 3);
    assert_eq!(stats.batches, 1, "{stats:?}");
    assert_eq!(stats.segments, r.sentences.len() as u64);
}

/// The CTranslate2 engine, recording the SentencePiece tokens of what it is sent.
struct Recording {
    inner: CTranslate2,
    tokens: std::sync::Mutex<Vec<Vec<String>>>,
}

#[async_trait::async_trait]
impl Engine for Recording {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn model(&self) -> &str {
        self.inner.model()
    }

    fn keeps_tags(&self) -> bool {
        self.inner.keeps_tags()
    }

    async fn translate_batch(
        &self,
        pair: &LangPair,
        segments: &[String],
    ) -> Result<Vec<String>, EngineError> {
        for segment in segments {
            let tokens = self.inner.tokenize(segment)?;
            self.tokens.lock().unwrap().push(tokens);
        }
        self.inner.translate_batch(pair, segments).await
    }
}

#[tokio::test]
async fn the_model_gets_no_tags_and_the_link_survives() {
    use article::{Article, Block, Inline, RichText};
    use translate::QaFlag;

    let r = reference();
    let inner = engine("int8", 16);
    assert!(!inner.keeps_tags());
    let recording = Arc::new(Recording {
        inner,
        tokens: Default::default(),
    });
    let translator = vi_en_translator(recording.clone());
    let href = "https://tuoitre.vn/mua-lon-o-hue.htm";
    let article = Article {
        title: "Lũ ở Huế".into(),
        blocks: vec![
            // A sentence that is all link.
            Block::Paragraph {
                text: RichText(vec![Inline::Link {
                    href: href.into(),
                    children: vec![Inline::Text(r.sentences[0].clone())],
                }]),
            },
            // Bold, a link around bold, a glossary term and a break mid-paragraph.
            Block::Paragraph {
                text: RichText(vec![
                    Inline::Text("Theo ".into()),
                    Inline::Link {
                        href: "https://tuoitre.vn/".into(),
                        children: vec![Inline::Bold(vec![Inline::Text("Tuổi Trẻ".into())])],
                    },
                    Inline::Text(", Tổng thống Putin đã tới ".into()),
                    Inline::Italic(vec![Inline::Text("Kursk".into())]),
                    Inline::Text(" hôm thứ Năm.".into()),
                    Inline::Break,
                    Inline::Text("Xin chào!".into()),
                ]),
            },
        ],
        ..Default::default()
    };
    let done = translator
        .translate_article(&article, "vi", "en")
        .await
        .unwrap();

    let sent = recording.tokens.lock().unwrap().clone();
    assert!(!sent.is_empty());
    for tokens in &sent {
        assert!(
            tokens
                .iter()
                .all(|t| !t.contains("<x") && !t.contains("<g") && !t.contains("</")),
            "tag text reached the model: {tokens:?}"
        );
    }

    // The link is around the model's translation of the sentence.
    let Block::Paragraph { text } = &done.article.blocks[0] else {
        panic!("not a paragraph")
    };
    let [Inline::Link {
        href: got,
        children,
    }] = text.0.as_slice()
    else {
        panic!("the link was lost: {text:?}")
    };
    assert_eq!(got, href);
    assert_eq!(
        RichText(children.clone()).plain_text(),
        r.outputs["int8"].text[0].trim()
    );
    let first = &done
        .segments
        .iter()
        .find(|s| s.unit.contains("blocks[0]"))
        .unwrap();
    assert!(
        matches!(&first.origin, SegmentOrigin::Engine { name, .. } if name == "ctranslate2"),
        "{:?}",
        first.origin
    );

    // Random weights translate nonsense: a span whose translation the
    // sentence does not contain stays as words and is flagged, never half-kept.
    let second: Vec<_> = done
        .segments
        .iter()
        .filter(|s| s.unit.contains("blocks[1]"))
        .collect();
    assert!(!second.is_empty());
    for report in second {
        assert!(!report.target.trim().is_empty());
        let lost = report
            .flags
            .iter()
            .any(|f| matches!(f, QaFlag::MarkupLost { .. }));
        let tags = |s: &str| s.matches("<x").count();
        assert!(
            lost || tags(&report.target) == tags(&report.source),
            "{report:?}"
        );
    }
}
