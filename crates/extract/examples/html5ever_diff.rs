//! Which articles change when the page is first put through html5ever, the
//! spec-exact HTML parser, instead of straight into this crate's own parser.
//!
//! `cargo run --release -p extract --example html5ever_diff -- ../shared/bench/trafilatura-eval [--verbose]`
//! or, for any other set, `-- --manifest PAGES.jsonl` (one `{"key", "path",
//! "url"}` per line, as `bench/compare.py` writes them; no snippets to score).
//!
//! For every page of the corpus: decode it (`extract::decode_html`), parse it
//! with html5ever (through `scraper`) and serialise the tree it builds, in
//! which adoption agency, foster parenting, implied elements and every other
//! tree-construction rule are already applied, so this crate's parser reads
//! it as written. Extract both the original and the serialised page and
//! compare the articles' body text (and lead). A difference is a place where
//! this crate's tree differs from the standard's in a way that changes what a
//! reader gets; `--verbose` prints the first differing words of each.

use std::path::{Path, PathBuf};

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(
        args.iter()
            .find(|a| !a.starts_with("--"))
            .map_or("../shared/bench/trafilatura-eval", String::as_str),
    );
    let verbose = args.iter().any(|a| a == "--verbose");
    let manifest = args
        .iter()
        .position(|a| a == "--manifest")
        .and_then(|i| args.get(i + 1));
    if let Some(manifest) = manifest {
        return from_manifest(Path::new(manifest), verbose);
    }
    let raw = std::fs::read(dir.join("evaldata.json")).unwrap_or_else(|e| {
        eprintln!("cannot read {}: {e}", dir.join("evaldata.json").display());
        std::process::exit(2);
    });
    let data: serde_json::Map<String, serde_json::Value> = serde_json::from_slice(&raw)
        .unwrap_or_else(|e| {
            eprintln!("bad evaldata.json: {e}");
            std::process::exit(2);
        });
    let mut entries: Vec<_> = data.iter().collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    let utf8 = extract::ExtractOptions {
        content_type: Some("text/html; charset=utf-8".into()),
        overrides: None,
    };
    let (mut pages, mut same, mut body_differs, mut lead_only) = (0, 0, 0, 0);
    let (mut words_ours, mut words_spec, mut words_changed) = (0usize, 0usize, 0usize);
    for (url, entry) in entries {
        let Some(file) = entry.get("file").and_then(|f| f.as_str()) else {
            continue;
        };
        let Ok(bytes) = std::fs::read(locate(&dir, file)) else {
            continue;
        };
        let (text, _) = extract::decode_html(&bytes, None);
        let spec_html = scraper::Html::parse_document(&text).html();
        let ours = extract::extract(text.as_bytes(), url, &utf8);
        let spec = extract::extract(spec_html.as_bytes(), url, &utf8);
        let (Ok(ours), Ok(spec)) = (ours, spec) else {
            continue;
        };
        pages += 1;
        let (a, b) = (collapse(&ours.body_text()), collapse(&spec.body_text()));
        words_ours += a.split(' ').count();
        words_spec += b.split(' ').count();
        let lead = |x: &article::Article| x.lead.as_ref().map(|l| collapse(&l.plain_text()));
        if a == b {
            if lead(&ours) == lead(&spec) {
                same += 1;
            } else {
                lead_only += 1;
                if verbose {
                    println!(
                        "LEAD {file}\n  ours: {:?}\n  spec: {:?}",
                        lead(&ours),
                        lead(&spec)
                    );
                }
            }
            continue;
        }
        body_differs += 1;
        words_changed += word_diff(&a, &b);
        // Which tree serves the reader better, by the corpus's own snippets.
        let hits = |text: &str, key: &str| {
            entry
                .get(key)
                .and_then(|v| v.as_array())
                .map_or(0, |snips| {
                    snips
                        .iter()
                        .filter_map(|s| s.as_str())
                        .filter(|s| text.contains(&collapse(s)))
                        .count()
                })
        };
        println!(
            "BODY {file}: ours {} words, with {} / without {}; through html5ever {} words, with {} / without {}",
            a.split(' ').count(),
            hits(&a, "with"),
            hits(&a, "without"),
            b.split(' ').count(),
            hits(&b, "with"),
            hits(&b, "without"),
        );
        if verbose {
            let (x, y) = first_difference(&a, &b);
            println!("  ours: …{x}…\n  spec: …{y}…");
        }
    }
    println!("pages compared          {pages}");
    println!("same article            {same}");
    println!("body text differs       {body_differs}");
    println!("only the lead differs   {lead_only}");
    println!(
        "body words              ours {words_ours}, through html5ever {words_spec}; \
         {words_changed} words in differing stretches"
    );
}

/// The same comparison over the pages a manifest lists (key, path, url).
fn from_manifest(manifest: &Path, verbose: bool) {
    let rows = std::fs::read_to_string(manifest).unwrap_or_else(|e| {
        eprintln!("cannot read {}: {e}", manifest.display());
        std::process::exit(2);
    });
    let utf8 = extract::ExtractOptions {
        content_type: Some("text/html; charset=utf-8".into()),
        overrides: None,
    };
    let (mut pages, mut same, mut differs) = (0, 0, 0);
    for line in rows.lines() {
        let Ok(row) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let field = |k: &str| row.get(k).and_then(|v| v.as_str()).unwrap_or_default();
        let (key, url) = (field("key"), field("url"));
        let Ok(bytes) = std::fs::read(field("path")) else {
            continue;
        };
        let (text, _) = extract::decode_html(&bytes, None);
        let spec_html = scraper::Html::parse_document(&text).html();
        let (Ok(ours), Ok(spec)) = (
            extract::extract(text.as_bytes(), url, &utf8),
            extract::extract(spec_html.as_bytes(), url, &utf8),
        ) else {
            continue;
        };
        pages += 1;
        let full = |x: &article::Article| {
            let lead = x.lead.as_ref().map(|l| l.plain_text()).unwrap_or_default();
            collapse(&format!("{lead} {}", x.body_text()))
        };
        let (a, b) = (full(&ours), full(&spec));
        if a == b {
            same += 1;
            continue;
        }
        differs += 1;
        println!(
            "DIFF {key}: ours {} words, through html5ever {} words",
            a.split(' ').count(),
            b.split(' ').count()
        );
        if verbose {
            let (x, y) = first_difference(&a, &b);
            println!("  ours: …{x}…\n  spec: …{y}…");
        }
    }
    println!("pages compared          {pages}");
    println!("same lead and body      {same}");
    println!("text differs            {differs}");
}

/// Words of `a` and `b` outside their common prefix and suffix (summed).
fn word_diff(a: &str, b: &str) -> usize {
    let (x, y): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    let prefix = x.iter().zip(&y).take_while(|(p, q)| p == q).count();
    let suffix = x[prefix..]
        .iter()
        .rev()
        .zip(y[prefix..].iter().rev())
        .take_while(|(p, q)| p == q)
        .count();
    (x.len() - prefix - suffix) + (y.len() - prefix - suffix)
}

/// Sixty characters around the first place where `a` and `b` differ.
fn first_difference(a: &str, b: &str) -> (String, String) {
    let at = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, p), q)| p != q)
        .map_or(a.len().min(b.len()), |((i, _), _)| i);
    let cut = |s: &str| {
        let mut start = at.saturating_sub(20).min(s.len());
        while !s.is_char_boundary(start) {
            start -= 1;
        }
        s[start..].chars().take(70).collect::<String>()
    };
    (cut(a), cut(b))
}

fn locate(dir: &Path, file: &str) -> PathBuf {
    let cached = dir.join("cache").join(file);
    if cached.exists() {
        cached
    } else {
        dir.join("eval").join(file)
    }
}
