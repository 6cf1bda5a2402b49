//! Gold tests on Vietnamese news pages written in the layouts of major newspapers
//! (`testdata/vi/NAME.html` with its expected article in `testdata/vi/NAME.json`).
//!
//! Every field present in the gold file is checked exactly.

use std::path::{Path, PathBuf};

use article::{Article, Block, EmbedKind, Inline};
use serde_json::Value;

fn kind(b: &Block) -> &'static str {
    match b {
        Block::Paragraph { .. } => "paragraph",
        Block::Heading { .. } => "heading",
        Block::Quote { .. } => "quote",
        Block::List { .. } => "list",
        Block::Table { .. } => "table",
        Block::Figure(_) => "figure",
        Block::Embed { .. } => "embed",
    }
}

fn links(inlines: &[Inline], out: &mut Vec<String>) {
    for i in inlines {
        match i {
            Inline::Link { href, children } => {
                out.push(href.clone());
                links(children, out);
            }
            Inline::Bold(c) | Inline::Italic(c) => links(c, out),
            _ => {}
        }
    }
}

fn all_text(a: &Article) -> String {
    serde_json::to_string(a).unwrap_or_default()
}

fn check(name: &str, html: &[u8], gold: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    let mut fail = |what: &str, got: String, want: String| {
        if got != want {
            errors.push(format!("{name}: {what}\n   got: {got}\n  want: {want}"));
        }
    };
    let options = extract::ExtractOptions {
        content_type: gold["content_type"].as_str().map(str::to_owned),
        overrides: gold
            .get("overrides")
            .map(|o| serde_json::from_value(o.clone()).expect("overrides")),
    };
    let url = gold["url"].as_str().expect("url");
    let a = extract::extract(html, url, &options).expect("extracts");
    let s = |v: &Value| {
        v.as_str()
            .map(str::to_owned)
            .unwrap_or_else(|| v.to_string())
    };
    if let Some(v) = gold.get("title") {
        fail("title", a.title.clone(), s(v));
    }
    if let Some(v) = gold.get("lead") {
        let got = a.lead.as_ref().map(|l| l.plain_text());
        fail("lead", format!("{got:?}"), format!("{:?}", v.as_str()));
    }
    if let Some(v) = gold.get("authors") {
        let got: Vec<(String, Option<String>)> = a
            .authors
            .iter()
            .map(|x| (x.name.clone(), x.role.clone()))
            .collect();
        let want: Vec<(String, Option<String>)> =
            serde_json::from_value(v.clone()).expect("authors");
        fail("authors", format!("{got:?}"), format!("{want:?}"));
    }
    if let Some(v) = gold.get("publisher") {
        fail(
            "publisher",
            format!("{:?}", a.publisher.as_ref().map(|p| p.name.clone())),
            format!("{:?}", v.as_str()),
        );
    }
    if let Some(v) = gold.get("publisher_logo") {
        fail(
            "publisher logo",
            format!("{:?}", a.publisher.as_ref().and_then(|p| p.logo.clone())),
            format!("{:?}", v.as_str()),
        );
    }
    for (key, got) in [("published", a.published), ("modified", a.modified)] {
        if let Some(v) = gold.get(key) {
            fail(
                key,
                format!("{:?}", got.map(|d| d.to_rfc3339())),
                format!("{:?}", v.as_str()),
            );
        }
    }
    for (key, got) in [
        ("language", a.language.clone()),
        ("section", a.section.clone()),
        ("canonical_url", a.canonical_url.clone()),
    ] {
        if let Some(v) = gold.get(key) {
            fail(key, format!("{got:?}"), format!("{:?}", v.as_str()));
        }
    }
    if let Some(v) = gold.get("tags") {
        let want: Vec<String> = serde_json::from_value(v.clone()).expect("tags");
        fail("tags", format!("{:?}", a.tags), format!("{want:?}"));
    }
    if let Some(v) = gold.get("kinds") {
        let got: Vec<&str> = a.blocks.iter().map(kind).collect();
        let want: Vec<String> = serde_json::from_value(v.clone()).expect("kinds");
        fail("block kinds", format!("{got:?}"), format!("{want:?}"));
    }
    if let Some(v) = gold.get("body_text") {
        fail("body_text", a.body_text(), s(v));
    }
    if let Some(v) = gold.get("figures") {
        let got: Vec<Value> = a
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Figure(f) => Some(serde_json::json!({
                    "src": f.src, "alt": f.alt,
                    "caption": f.caption.as_ref().map(|c| c.plain_text()),
                    "credit": f.credit, "width": f.width, "height": f.height,
                })),
                _ => None,
            })
            .collect();
        // Compare only the keys the gold file gives.
        let want = v.as_array().cloned().unwrap_or_default();
        let got_trimmed: Vec<Value> = got
            .iter()
            .zip(want.iter().chain(std::iter::repeat(&Value::Null)))
            .map(|(g, w)| match w.as_object() {
                Some(keys) => {
                    Value::Object(keys.keys().map(|k| (k.clone(), g[k].clone())).collect())
                }
                None => g.clone(),
            })
            .collect();
        fail(
            "figures",
            serde_json::to_string_pretty(&got_trimmed).unwrap_or_default(),
            serde_json::to_string_pretty(&want).unwrap_or_default(),
        );
    }
    if let Some(v) = gold.get("embeds") {
        let got: Vec<(String, String)> = a
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Embed { kind, url, .. } => Some((
                    match kind {
                        EmbedKind::Video => "video",
                        EmbedKind::Post => "post",
                        EmbedKind::Map => "map",
                        EmbedKind::Other => "other",
                    }
                    .to_owned(),
                    url.clone(),
                )),
                _ => None,
            })
            .collect();
        let want: Vec<(String, String)> = serde_json::from_value(v.clone()).expect("embeds");
        fail("embeds", format!("{got:?}"), format!("{want:?}"));
    }
    if let Some(v) = gold.get("links") {
        let mut got = Vec::new();
        for b in &a.blocks {
            if let Block::Paragraph { text }
            | Block::Heading { text, .. }
            | Block::Quote { text, .. } = b
            {
                links(&text.0, &mut got);
            }
        }
        let want: Vec<String> = serde_json::from_value(v.clone()).expect("links");
        fail("links", format!("{got:?}"), format!("{want:?}"));
    }
    let body = a.body_text();
    for absent in gold
        .get("absent")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let absent = s(absent);
        if body.contains(&absent) {
            errors.push(format!("{name}: body contains chrome text {absent:?}"));
        }
    }
    for absent in gold
        .get("absent_anywhere")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let absent = s(absent);
        if all_text(&a).contains(&absent) {
            errors.push(format!("{name}: article contains {absent:?}"));
        }
    }
    errors
}

fn fixtures() -> Vec<(String, PathBuf, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/vi");
    let mut out: Vec<(String, PathBuf, PathBuf)> = std::fs::read_dir(&dir)
        .expect("testdata/vi")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|json| {
            let name = json
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("")
                .to_owned();
            let html = json.with_extension("html");
            (name, html, json)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn vietnamese_gold_articles() {
    let fixtures = fixtures();
    assert!(!fixtures.is_empty(), "expected the Vietnamese fixtures");
    let mut errors = Vec::new();
    for (name, html, json) in fixtures {
        let html = std::fs::read(&html).expect("html fixture");
        let gold: Value =
            serde_json::from_slice(&std::fs::read(&json).expect("gold")).expect("gold json");
        errors.extend(check(&name, &html, &gold));
    }
    assert!(errors.is_empty(), "\n{}", errors.join("\n"));
}
