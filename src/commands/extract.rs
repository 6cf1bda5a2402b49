//! `newsbridge extract FILE|URL…`: what the extractor makes of pages
//! ([`pipeline::extract_files`]).
//!
//! One input prints one article (JSON, Markdown or HTML); `--format jsonl`
//! extracts many inputs in one process, `--jobs` of them at once, and prints
//! one JSON line per input in input order, an error line for an input that
//! fails; the command then ends with a non-zero status naming how many.

use std::io::Write;

use anyhow::{bail, Context, Result};
use pipeline::config::Config;
use pipeline::extract_files::{
    expand_inputs, extract_page, in_input_order, is_url, json_line, load,
};

use crate::cli::{ExtractFormat, ExtractOutput};

/// Extracts files or URLs (fetched through the guarded fetcher) and prints them.
pub async fn run(
    config: &Config,
    inputs: &[String],
    output: ExtractOutput,
    base: Option<&str>,
) -> Result<()> {
    let reads_list = inputs.iter().any(|i| i == "-");
    let inputs = expand_inputs(inputs, std::io::stdin().lock())
        .context("cannot read the list of inputs from standard input")?;
    let fetcher = inputs
        .iter()
        .any(|i| is_url(i))
        .then(|| pipeline::app::build_fetcher(config));
    if output.format != ExtractFormat::Jsonl {
        if reads_list || inputs.len() != 1 {
            let count = if reads_list {
                "a list of".to_string()
            } else {
                inputs.len().to_string()
            };
            bail!("{count} inputs need --format jsonl (one JSON line per input)");
        }
        let input = inputs.first().map(String::as_str).unwrap_or_default();
        let article = extract_page(&load(fetcher.transpose()?.as_ref(), input, base).await?)?;
        match output.format {
            ExtractFormat::Markdown => outln!("{}", extract::to_markdown(&article)),
            ExtractFormat::Html => outln!("{}", extract::to_html(&article)),
            ExtractFormat::Json | ExtractFormat::Jsonl => outln!("{}", extract::to_json(&article)),
        }
        return Ok(());
    }
    if base.is_some() && inputs.len() != 1 {
        bail!("--url names the address of one file; it cannot apply to several inputs");
    }
    let fetcher = fetcher.transpose()?;
    let handle = tokio::runtime::Handle::current();
    let failed = tokio::task::block_in_place(|| {
        in_input_order(
            &inputs,
            usize::from(output.jobs),
            |input| {
                let result = handle
                    .block_on(load(fetcher.as_ref(), input, base))
                    .and_then(|page| extract_page(&page));
                (json_line(input, &result).to_string(), result.is_err())
            },
            |line| writeln!(crate::out::Stdout, "{line}"),
        )
    })
    .context("cannot write to standard output")?;
    if failed > 0 {
        bail!(
            "{failed} of {} inputs gave no article (see their \"error\" lines)",
            inputs.len()
        );
    }
    Ok(())
}
