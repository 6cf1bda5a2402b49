//! `newsbridge extract FILE|URL…`: what the extractor makes of pages.
//!
//! One input prints one article (JSON, Markdown or HTML); `--format jsonl`
//! extracts many inputs in one process, `--jobs` of them at once on threads,
//! and prints one JSON line per input in input order, an error line for an
//! input that fails, so an operator can re-extract a publisher's archive after
//! a rule change. An input that holds no article (`extract::NoArticle`:
//! a PDF, random bytes, a sign-in form, a listing page…) is an error naming
//! why, and the command ends with a non-zero status.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use anyhow::{bail, Context, Result};

use crate::cli::{ExtractFormat, ExtractOutput};
use pipeline::config::Config;

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
        let article = extract_one(&load(fetcher.as_ref(), input, base).await?)?;
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
    let jobs = usize::from(output.jobs).clamp(1, inputs.len().max(1));
    let handle = tokio::runtime::Handle::current();
    let failed = tokio::task::block_in_place(|| {
        bulk(&inputs, jobs, |input| {
            let line = match handle.block_on(load(fetcher.as_ref(), input, base)) {
                Ok(loaded) => match extract_one(&loaded) {
                    Ok(article) => serde_json::json!({
                        "input": input,
                        "article": extract::to_json_value(&article),
                    }),
                    Err(e) => error_line(input, &e),
                },
                Err(e) => error_line(input, &e),
            };
            let failed = line.get("error").is_some();
            (line.to_string(), failed)
        })
    })?;
    if failed > 0 {
        bail!(
            "{failed} of {} inputs gave no article (see their \"error\" lines)",
            inputs.len()
        );
    }
    Ok(())
}

/// Runs `work` on every input, `jobs` at a time, and prints each line in input
/// order as soon as the lines before it are printed. Returns how many failed.
fn bulk<F>(inputs: &[String], jobs: usize, work: F) -> Result<usize>
where
    F: Fn(&str) -> (String, bool) + Sync,
{
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::sync_channel::<(usize, String, bool)>(jobs * 4);
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let tx = tx.clone();
            let (next, work) = (&next, &work);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(input) = inputs.get(i) else { break };
                let (line, failed) = work(input);
                if tx.send((i, line, failed)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut stdout = std::io::stdout().lock();
        let mut pending = BTreeMap::new();
        let (mut printed, mut failed) = (0usize, 0usize);
        for (i, line, bad) in rx {
            pending.insert(i, line);
            failed += usize::from(bad);
            while let Some(line) = pending.remove(&printed) {
                write_stdout(&mut stdout, &line)?;
                printed += 1;
            }
        }
        stdout.flush().or_else(quiet_on_broken_pipe)?;
        Ok(failed)
    })
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

fn is_url(input: &str) -> bool {
    input.starts_with("http://") || input.starts_with("https://")
}

/// A page's bytes with what is known about them.
struct Loaded {
    input: String,
    bytes: Vec<u8>,
    content_type: Option<String>,
    url: String,
}

/// Why an input could not be extracted, with its kind for the JSON line.
#[derive(Debug)]
enum Failure {
    Read {
        input: String,
        source: std::io::Error,
    },
    Fetch {
        input: String,
        message: String,
    },
    NoArticle {
        input: String,
        reason: extract::NoArticle,
    },
    Extract {
        input: String,
        source: extract::ExtractError,
    },
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Read { input, source } => write!(f, "cannot read {input}: {source}"),
            Failure::Fetch { input, message } => write!(f, "cannot fetch {input}: {message}"),
            Failure::NoArticle { input, reason } => {
                write!(f, "no article found in {input}: {reason}")
            }
            Failure::Extract { input, source } => write!(f, "cannot extract {input}: {source}"),
        }
    }
}

impl std::error::Error for Failure {}

impl Failure {
    fn kind(&self) -> &'static str {
        match self {
            Failure::Read { .. } => "read",
            Failure::Fetch { .. } => "fetch",
            Failure::NoArticle { .. } => "no_article",
            Failure::Extract { .. } => "extract",
        }
    }
}

async fn load(
    fetcher: Option<&ingest::Fetcher>,
    input: &str,
    base: Option<&str>,
) -> Result<Loaded, Failure> {
    if let (true, Some(fetcher)) = (is_url(input), fetcher) {
        let fetched = fetcher
            .fetch(input, None)
            .await
            .map_err(|e| Failure::Fetch {
                input: input.to_string(),
                message: format!("{:#}", anyhow::Error::new(e)),
            })?;
        return Ok(Loaded {
            input: input.to_string(),
            bytes: fetched.body.to_vec(),
            content_type: fetched.content_type,
            url: fetched.final_url.to_string(),
        });
    }
    let read = |source| Failure::Read {
        input: input.to_string(),
        source,
    };
    let bytes = std::fs::read(input).map_err(read)?;
    let url = match base {
        Some(base) => base.to_string(),
        None => {
            let path = std::fs::canonicalize(input).map_err(read)?;
            format!("file://{}", path.display())
        }
    };
    Ok(Loaded {
        input: input.to_string(),
        bytes,
        content_type: None,
        url,
    })
}

fn extract_one(page: &Loaded) -> Result<article::Article, Failure> {
    let options = extract::ExtractOptions {
        content_type: page.content_type.clone(),
        overrides: None,
    };
    extract::extract_article(&page.bytes, &page.url, &options).map_err(|e| match e {
        extract::ExtractError::NoArticle(reason) => Failure::NoArticle {
            input: page.input.clone(),
            reason,
        },
        source => Failure::Extract {
            input: page.input.clone(),
            source,
        },
    })
}

fn error_line(input: &str, e: &Failure) -> serde_json::Value {
    let mut error = serde_json::json!({ "kind": e.kind(), "message": e.to_string() });
    if let Failure::NoArticle { reason, .. } = e {
        error["reason"] = reason.code().into();
    }
    serde_json::json!({ "input": input, "error": error })
}
