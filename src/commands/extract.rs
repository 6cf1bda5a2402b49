//! `newsbridge extract FILE|URL…`: what the extractor makes of pages
//! ([`pipeline::extract_files`]).
//!
//! One input prints one article (JSON, Markdown or HTML); `--format jsonl`
//! extracts many inputs in one process, `--jobs` of them at once, and prints
//! one JSON line per input in input order, an error line for an input that
//! fails; the command then ends with a non-zero status naming how many.

use std::io::{BufRead, Write};

use anyhow::{bail, Context, Result};
use pipeline::config::Config;
use pipeline::extract_files::{extract_page, in_input_order, is_url, json_line, load};

use crate::cli::{ExtractFormat, ExtractOutput};

/// The status a shell reports for a process ended by SIGPIPE (128 + 13): what
/// the command ends with, silently, when its reader closes the pipe.
const BROKEN_PIPE_STATUS: i32 = 141;

/// Extracts files or URLs (fetched through the guarded fetcher) and prints them.
pub async fn run(
    config: &Config,
    inputs: &[String],
    output: ExtractOutput,
    base: Option<&str>,
) -> Result<()> {
    let reads_list = inputs.iter().any(|i| i == "-");
    let inputs = expand(inputs)?;
    if output.format != ExtractFormat::Jsonl {
        if reads_list || inputs.len() != 1 {
            bail!(
                "{} inputs need --format jsonl (one JSON line per input)",
                if reads_list {
                    "a list of".to_string()
                } else {
                    inputs.len().to_string()
                }
            );
        }
        let input = inputs.first().map(String::as_str).unwrap_or_default();
        let fetcher = is_url(input)
            .then(|| pipeline::app::build_fetcher(config))
            .transpose()?;
        let article = extract_page(&load(fetcher.as_ref(), input, base).await?)?;
        let text = match output.format {
            ExtractFormat::Markdown => extract::to_markdown(&article),
            ExtractFormat::Html => extract::to_html(&article),
            ExtractFormat::Json | ExtractFormat::Jsonl => extract::to_json(&article),
        };
        write_stdout(&mut std::io::stdout().lock(), &text)?;
        return Ok(());
    }
    if base.is_some() && inputs.len() != 1 {
        bail!("--url names the address of one file; it cannot apply to several inputs");
    }
    let fetcher = inputs
        .iter()
        .any(|i| is_url(i))
        .then(|| pipeline::app::build_fetcher(config))
        .transpose()?;
    let handle = tokio::runtime::Handle::current();
    let mut stdout = std::io::stdout().lock();
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
            |line| write_stdout(&mut stdout, line),
        )
    })?;
    stdout.flush().or_else(quiet_on_broken_pipe)?;
    if failed > 0 {
        bail!(
            "{failed} of {} inputs gave no article (see their \"error\" lines)",
            inputs.len()
        );
    }
    Ok(())
}

/// Writes `text` and a newline; a closed pipe ends the process quietly.
fn write_stdout(out: &mut impl Write, text: &str) -> Result<()> {
    out.write_all(text.as_bytes())
        .and_then(|()| out.write_all(b"\n"))
        .or_else(quiet_on_broken_pipe)
        .context("cannot write to standard output")
}

fn quiet_on_broken_pipe(e: std::io::Error) -> std::io::Result<()> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(BROKEN_PIPE_STATUS);
    }
    Err(e)
}

/// The inputs with each `-` replaced by the lines of standard input (blank
/// lines skipped, surrounding spaces trimmed).
fn expand(inputs: &[String]) -> Result<Vec<String>> {
    let mut out = Vec::with_capacity(inputs.len());
    let mut read_stdin = false;
    for input in inputs {
        if input != "-" {
            out.push(input.clone());
            continue;
        }
        if read_stdin {
            continue;
        }
        read_stdin = true;
        for line in std::io::stdin().lock().lines() {
            let line = line.context("cannot read the list of inputs from standard input")?;
            let line = line.trim();
            if !line.is_empty() {
                out.push(line.to_string());
            }
        }
    }
    Ok(out)
}
