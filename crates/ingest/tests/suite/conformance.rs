//! The conformance suite: every feed and sitemap in `tests/conformance/`
//! is read as ingestion reads it, and its article URLs are compared with
//! the expected set beside it (`<file>.expected`, one URL per line).
//!
//! Print the figure with
//! `cargo test -p ingest --test suite conformance -- --nocapture`.
//!
//! Each document is read as if fetched from
//! `https://conformance.example/<path under tests/conformance>`; files
//! under `feeds/` are read as feeds, under `sitemaps/` as sitemaps (an
//! index lists its child sitemaps). In a `.expected` file, `#` lines are
//! comments, and a `# known: …` line explains a difference that remains.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use ingest::{read_feed, read_sitemap, Sitemap};

const BASE: &str = "https://conformance.example/";

struct Outcome {
    file: String,
    expected: BTreeSet<String>,
    got: BTreeSet<String>,
    error: Option<String>,
    known: Vec<String>,
    repairs: Vec<String>,
}

fn documents(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            documents(&path, out);
        } else if !name.ends_with(".expected")
            && !name.starts_with("LICENSE")
            && !name.starts_with("README")
        {
            out.push(path);
        }
    }
}

/// The URL as the WHATWG URL standard writes it (host lower-cased,
/// non-ASCII path percent-encoded): one URL, however the oracle spelled it.
fn normalized(url: &str) -> String {
    url::Url::parse(url).map_or_else(|_| url.to_owned(), String::from)
}

fn read(root: &Path, path: &Path) -> Outcome {
    let rel = path
        .strip_prefix(root)
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/");
    let url = format!("{BASE}{rel}");
    let body = std::fs::read(path).unwrap();
    let expected_text = std::fs::read_to_string(format!("{}.expected", path.display()))
        .unwrap_or_else(|e| panic!("{rel}.expected: {e}"));
    let expected = expected_text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(normalized)
        .collect();
    let known = expected_text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("# known:"))
        .map(|l| l.trim().to_owned())
        .collect();
    let (got, error, repairs) = if rel.starts_with("sitemaps/") {
        match read_sitemap(&body, &url) {
            Ok(r) => {
                let urls = match r.found {
                    Sitemap::Urls(entries) => entries.into_iter().map(|e| e.url).collect(),
                    Sitemap::Index(children) => children.into_iter().map(|c| c.url).collect(),
                };
                (urls, None, r.repairs)
            }
            Err(e) => (BTreeSet::new(), Some(e.to_string()), Vec::new()),
        }
    } else {
        match read_feed(&body, &url) {
            Ok(r) => (
                r.found.into_iter().map(|e| e.url).collect(),
                None,
                r.repairs,
            ),
            Err(e) => (BTreeSet::new(), Some(e.to_string()), Vec::new()),
        }
    };
    Outcome {
        file: rel,
        expected,
        got,
        error,
        known,
        repairs: repairs.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn conformance_figure_is_at_least_99_percent_of_files_and_urls() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let mut paths = Vec::new();
    documents(&root.join("feeds"), &mut paths);
    documents(&root.join("sitemaps"), &mut paths);
    let outcomes: Vec<Outcome> = paths.iter().map(|p| read(&root, p)).collect();

    let (mut files_ok, mut urls_ok, mut urls_all) = (0usize, 0usize, 0usize);
    let mut unexplained = Vec::new();
    let mut silent = Vec::new();
    println!(
        "conformance: {} documents under tests/conformance",
        outcomes.len()
    );
    for o in &outcomes {
        let both = o.expected.intersection(&o.got).count();
        let union = o.expected.union(&o.got).count();
        urls_ok += both;
        urls_all += union;
        if !o.expected.is_empty() && o.got.is_empty() && o.error.is_none() {
            silent.push(o.file.clone());
        }
        if o.expected == o.got {
            files_ok += 1;
            if !o.repairs.is_empty() {
                println!("  ok   {} (repaired: {})", o.file, o.repairs.join(" | "));
            }
            continue;
        }
        println!("  DIFF {}", o.file);
        for u in o.expected.difference(&o.got) {
            println!("       missing {u}");
        }
        for u in o.got.difference(&o.expected) {
            println!("       extra   {u}");
        }
        if let Some(e) = &o.error {
            println!("       error   {e}");
        }
        if o.known.is_empty() {
            println!("       UNEXPLAINED");
            unexplained.push(o.file.clone());
        }
        for k in &o.known {
            println!("       known:  {k}");
        }
    }
    let files_pct = 100.0 * files_ok as f64 / outcomes.len().max(1) as f64;
    let urls_pct = 100.0 * urls_ok as f64 / urls_all.max(1) as f64;
    println!(
        "conformance: files {files_ok}/{} = {files_pct:.1} %, URLs {urls_ok}/{urls_all} = {urls_pct:.1} % (URLs: expected and found, over expected or found)",
        outcomes.len()
    );
    assert!(silent.is_empty(), "zero entries and no error: {silent:?}");
    assert!(
        unexplained.is_empty(),
        "unexplained differences: {unexplained:?}"
    );
    assert!(files_pct >= 99.0, "files {files_pct:.1} % < 99 %");
    assert!(urls_pct >= 99.0, "URLs {urls_pct:.1} % < 99 %");
}
