//! `newsbridge qa`: the pipeline's QA checks on translations made elsewhere
//! ([`translate::audit_pairs`]), exiting non-zero when any line was malformed.

use std::io::BufRead;
use std::path::Path;

use anyhow::{Context, Result};
use translate::{audit_pairs, AuditOptions, Glossary, LangPair};

/// Reads JSONL pairs (`source`, `translation`; inline HTML allowed) from
/// `input` (`-` for standard input) and prints one JSONL line of flags per pair.
pub fn run(from: &str, to: &str, glossary: Option<&Path>, input: &Path) -> Result<()> {
    let glossary = glossary
        .map(|path| {
            let file = std::fs::File::open(path)
                .with_context(|| format!("cannot open the glossary {}", path.display()))?;
            Glossary::from_csv(file)
                .with_context(|| format!("cannot read the glossary {}", path.display()))
        })
        .transpose()?;
    let (reader, name): (Box<dyn BufRead>, String) = if input == Path::new("-") {
        (
            Box::new(std::io::stdin().lock()),
            "standard input".to_string(),
        )
    } else {
        let file = std::fs::File::open(input)
            .with_context(|| format!("cannot open {}", input.display()))?;
        (
            Box::new(std::io::BufReader::new(file)),
            input.display().to_string(),
        )
    };
    let out = std::io::BufWriter::new(crate::out::Stdout);
    let options = AuditOptions {
        pair: &LangPair::new(from, to),
        glossary: glossary.as_ref(),
        name: &name,
    };
    audit_pairs(reader, out, std::io::stderr().lock(), &options)?.all_pairs(&name)?;
    Ok(())
}
