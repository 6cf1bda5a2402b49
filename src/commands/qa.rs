//! `newsbridge qa`: the pipeline's QA checks on translations made elsewhere.

use std::io::{BufRead, Write};
use std::path::Path;

use anyhow::{bail, Context, Result};
use serde::Deserialize;
use translate::{check_segment, Glossary, LangPair, QaConfig, QaInput};

#[derive(Deserialize)]
struct Pair {
    source: String,
    translation: String,
}

/// Reads JSONL pairs (`source`, `translation`; inline HTML allowed) from
/// `input` (`-` for standard input) and prints one JSONL line of flags per pair.
pub fn run(from: &str, to: &str, glossary: Option<&Path>, input: &Path) -> Result<()> {
    let pair = LangPair::new(from, to);
    let glossary = match glossary {
        Some(path) => {
            let file = std::fs::File::open(path)
                .with_context(|| format!("cannot open the glossary {}", path.display()))?;
            Some(
                Glossary::from_csv(file)
                    .with_context(|| format!("cannot read the glossary {}", path.display()))?,
            )
        }
        None => None,
    };
    let reader: Box<dyn BufRead> = if input == Path::new("-") {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::io::BufReader::new(
            std::fs::File::open(input)
                .with_context(|| format!("cannot open {}", input.display()))?,
        ))
    };
    let config = QaConfig::default();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (n, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("cannot read {}", input.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let item: Pair = match serde_json::from_str(&line) {
            Ok(item) => item,
            Err(e) => bail!(
                "{} line {}: expected a JSON object with \"source\" and \"translation\" strings ({e})",
                input.display(),
                n + 1
            ),
        };
        let flags = check_segment(
            &QaInput {
                pair: &pair,
                source: &item.source,
                target: &item.translation,
                glossary: glossary.as_ref(),
            },
            &config,
        );
        serde_json::to_writer(
            &mut out,
            &serde_json::json!({ "line": n + 1, "flags": flags }),
        )?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}
