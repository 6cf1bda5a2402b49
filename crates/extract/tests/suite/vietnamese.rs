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

/// Fields every gold file must state (`null` or `[]` when the page states none).
const REQUIRED: &[&str] = &[
    "url",
    "title",
    "lead",
    "authors",
    "publisher",
    "published",
    "language",
    "section",
    "tags",
    "kinds",
    "body_text",
    "figures",
];

/// Words of a text, for the bag-of-words body F1.
fn words(s: &str) -> std::collections::HashMap<String, usize> {
    let mut m = std::collections::HashMap::new();
    for w in s.split_whitespace() {
        *m.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    m
}

/// Aggregate scores over the whole set: exact fields and body word F1.
#[derive(Default)]
struct Tally {
    pages: usize,
    exact: std::collections::BTreeMap<&'static str, usize>,
    body_tp: usize,
    body_got: usize,
    body_want: usize,
    figures_want: usize,
    figures_found: usize,
}

impl Tally {
    fn add(&mut self, html: &[u8], gold: &Value) {
        let options = extract::ExtractOptions {
            content_type: gold["content_type"].as_str().map(str::to_owned),
            overrides: gold
                .get("overrides")
                .map(|o| serde_json::from_value(o.clone()).expect("overrides")),
        };
        let a =
            extract::extract(html, gold["url"].as_str().expect("url"), &options).expect("extracts");
        self.pages += 1;
        let date = |d: Option<chrono::DateTime<chrono::FixedOffset>>| d.map(|d| d.to_rfc3339());
        let authors: Vec<(String, Option<String>)> = a
            .authors
            .iter()
            .map(|x| (x.name.clone(), x.role.clone()))
            .collect();
        let want_authors: Vec<(String, Option<String>)> =
            serde_json::from_value(gold["authors"].clone()).unwrap_or_default();
        let checks: [(&'static str, bool); 6] = [
            ("title", gold["title"].as_str() == Some(a.title.as_str())),
            (
                "lead",
                gold["lead"].as_str().map(str::to_owned) == a.lead.as_ref().map(|l| l.plain_text()),
            ),
            ("authors (with roles)", authors == want_authors),
            (
                "published (minute and zone)",
                gold["published"].as_str().map(str::to_owned) == date(a.published),
            ),
            (
                "section",
                gold["section"].as_str().map(str::to_owned) == a.section,
            ),
            (
                "tags",
                serde_json::from_value::<Vec<String>>(gold["tags"].clone()).ok()
                    == Some(a.tags.clone()),
            ),
        ];
        for (k, ok) in checks {
            *self.exact.entry(k).or_insert(0) += usize::from(ok);
        }
        let got = words(&a.body_text());
        let want = words(gold["body_text"].as_str().unwrap_or(""));
        self.body_tp += want
            .iter()
            .map(|(w, n)| (*n).min(got.get(w).copied().unwrap_or(0)))
            .sum::<usize>();
        self.body_got += got.values().sum::<usize>();
        self.body_want += want.values().sum::<usize>();
        for f in gold["figures"].as_array().into_iter().flatten() {
            self.figures_want += 1;
            let found = a.blocks.iter().any(|b| match b {
                Block::Figure(g) => {
                    Some(g.src.as_str()) == f["src"].as_str()
                        && g.alt.as_deref() == f["alt"].as_str()
                        && g.caption.as_ref().map(|c| c.plain_text()).as_deref()
                            == f["caption"].as_str()
                }
                _ => false,
            });
            self.figures_found += usize::from(found);
        }
    }

    fn body_f1(&self) -> f64 {
        let p = self.body_tp as f64 / self.body_got.max(1) as f64;
        let r = self.body_tp as f64 / self.body_want.max(1) as f64;
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn report(&self) -> String {
        let mut out = format!("Vietnamese gold set: {} pages\n", self.pages);
        for (k, n) in &self.exact {
            out += &format!("  {k:<28} {n}/{} exact\n", self.pages);
        }
        out += &format!(
            "  figures with alt and caption {}/{}\n  body word F1                 {:.4} (precision {:.4}, recall {:.4})\n",
            self.figures_found,
            self.figures_want,
            self.body_f1(),
            self.body_tp as f64 / self.body_got.max(1) as f64,
            self.body_tp as f64 / self.body_want.max(1) as f64,
        );
        out
    }
}

#[test]
fn vietnamese_gold_articles() {
    let fixtures = fixtures();
    assert!(
        fixtures.len() >= 30,
        "issue 3 asks for at least 30 Vietnamese gold pages, found {}",
        fixtures.len()
    );
    let mut errors = Vec::new();
    let mut tally = Tally::default();
    for (name, html, json) in fixtures {
        let html = std::fs::read(&html).expect("html fixture");
        let gold: Value =
            serde_json::from_slice(&std::fs::read(&json).expect("gold")).expect("gold json");
        for key in REQUIRED {
            if gold.get(*key).is_none() {
                errors.push(format!("{name}: the gold file does not state `{key}`"));
            }
        }
        errors.extend(check(&name, &html, &gold));
        tally.add(&html, &gold);
    }
    // Shown with `cargo test -p extract -- --nocapture vietnamese`.
    println!("{}", tally.report());
    assert!(errors.is_empty(), "\n{}", errors.join("\n"));
    assert!(tally.body_f1() >= 0.97, "{}", tally.report());
    assert_eq!(
        tally.figures_found,
        tally.figures_want,
        "{}",
        tally.report()
    );
    for (k, n) in &tally.exact {
        assert_eq!(*n, tally.pages, "{k}: {}", tally.report());
    }
}
