//! `newsbridge qa`: the pipeline's QA checks on translations made elsewhere
//! ([`translate::audit_pairs`]), exiting non-zero when any line was malformed.

use std::io::BufRead;
use std::path::Path;

use anyhow::{bail, Context, Result};
use translate::{audit_pairs, AuditOptions, Glossary, LangPair};

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
    let name = if input == Path::new("-") {
        "standard input".to_string()
    } else {
        input.display().to_string()
    };
    let out = std::io::BufWriter::new(crate::out::Stdout);
    let summary = audit_pairs(
        reader,
        out,
        std::io::stderr().lock(),
        &AuditOptions {
            pair: &pair,
            glossary: glossary.as_ref(),
            name: &name,
        },
    )?;
    if !summary.malformed.is_empty() {
        let lines: Vec<String> = summary.malformed.iter().map(usize::to_string).collect();
        bail!(
            "{} of {} lines of {name} are malformed (line {}); the others were checked",
            summary.malformed.len(),
            summary.lines,
            lines.join(", ")
        );
    }
    Ok(())
}
