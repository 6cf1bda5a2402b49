//! Extracting the pages an operator names — files, or URLs fetched through
//! the guarded fetcher — one at a time or many at once in input order, as
//! `newsbridge extract` does to re-extract a publisher's archive after a
//! rule change.
//!
//! A page that holds no article (`extract::NoArticle`: a PDF, random bytes,
//! a sign-in form, a listing page…) is a failure naming why, like a page
//! that cannot be read or fetched: in bulk each becomes an error line and
//! the others go on.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// A page's bytes with what is known about them.
pub struct Page {
    /// The input as given (a path or a URL).
    pub input: String,
    /// The page's bytes.
    pub bytes: Vec<u8>,
    /// The Content-Type the server sent (none for files).
    pub content_type: Option<String>,
    /// The page's address, against which its links are resolved.
    pub url: String,
}

/// Why an input could not be extracted.
#[derive(Debug, thiserror::Error)]
pub enum ExtractFailure {
    /// The file could not be read.
    #[error("cannot read {input}: {source}")]
    Read {
        /// The input as given.
        input: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The URL could not be fetched (refused by the guard or robots.txt, or
    /// the server failed).
    #[error("cannot fetch {input}: {message}")]
    Fetch {
        /// The input as given.
        input: String,
        /// The fetcher's error with its causes.
        message: String,
    },
    /// The page holds no article.
    #[error("no article found in {input}: {reason}")]
    NoArticle {
        /// The input as given.
        input: String,
        /// Why the page is not an article.
        reason: extract::NoArticle,
    },
    /// The extractor failed on the page.
    #[error("cannot extract {input}: {source}")]
    Extract {
        /// The input as given.
        input: String,
        /// The extractor's error.
        source: extract::ExtractError,
    },
}

impl ExtractFailure {
    /// The failure's kind as written in an error line: `read`, `fetch`,
    /// `no_article` or `extract`.
    pub fn kind(&self) -> &'static str {
        match self {
            ExtractFailure::Read { .. } => "read",
            ExtractFailure::Fetch { .. } => "fetch",
            ExtractFailure::NoArticle { .. } => "no_article",
            ExtractFailure::Extract { .. } => "extract",
        }
    }
}

/// True when `input` names a URL rather than a file.
pub fn is_url(input: &str) -> bool {
    input.starts_with("http://") || input.starts_with("https://")
}

/// Reads the file `input`, or fetches it with `fetcher` when it is a URL.
/// `base` is the address a file's links are resolved against (its
/// `file://` path otherwise).
pub async fn load(
    fetcher: Option<&ingest::Fetcher>,
    input: &str,
    base: Option<&str>,
) -> Result<Page, ExtractFailure> {
    if let (true, Some(fetcher)) = (is_url(input), fetcher) {
        let fetched = fetcher
            .fetch(input, None)
            .await
            .map_err(|e| ExtractFailure::Fetch {
                input: input.to_string(),
                message: format!("{:#}", anyhow::Error::new(e)),
            })?;
        return Ok(Page {
            input: input.to_string(),
            bytes: fetched.body.to_vec(),
            content_type: fetched.content_type,
            url: fetched.final_url.to_string(),
        });
    }
    let read = |source| ExtractFailure::Read {
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
    Ok(Page {
        input: input.to_string(),
        bytes,
        content_type: None,
        url,
    })
}

/// The article in `page`.
pub fn extract_page(page: &Page) -> Result<article::Article, ExtractFailure> {
    let options = extract::ExtractOptions {
        content_type: page.content_type.clone(),
        overrides: None,
    };
    extract::extract_article(&page.bytes, &page.url, &options).map_err(|e| match e {
        extract::ExtractError::NoArticle(reason) => ExtractFailure::NoArticle {
            input: page.input.clone(),
            reason,
        },
        source => ExtractFailure::Extract {
            input: page.input.clone(),
            source,
        },
    })
}

/// The JSON line for one input: `{"input", "article"}`, or `{"input",
/// "error": {"kind", "message", "reason"?}}` for a failure.
pub fn json_line(
    input: &str,
    result: &Result<article::Article, ExtractFailure>,
) -> serde_json::Value {
    match result {
        Ok(article) => serde_json::json!({
            "input": input,
            "article": extract::to_json_value(article),
        }),
        Err(e) => {
            let mut error = serde_json::json!({ "kind": e.kind(), "message": e.to_string() });
            if let ExtractFailure::NoArticle { reason, .. } = e {
                error["reason"] = reason.code().into();
            }
            serde_json::json!({ "input": input, "error": error })
        }
    }
}

/// Runs `work` on every input, `jobs` threads at a time, and hands each
/// result to `emit` in input order as soon as those before it were emitted
/// (at most `jobs × 4` results wait). `work` returns a line and whether the
/// input failed. Returns how many failed, or `emit`'s first error.
pub fn in_input_order<F, E>(
    inputs: &[String],
    jobs: usize,
    work: F,
    mut emit: impl FnMut(&str) -> Result<(), E>,
) -> Result<usize, E>
where
    F: Fn(&str) -> (String, bool) + Sync,
{
    let jobs = jobs.clamp(1, inputs.len().max(1));
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
        let mut pending = BTreeMap::new();
        let (mut emitted, mut failed) = (0usize, 0usize);
        for (i, line, bad) in rx {
            pending.insert(i, line);
            failed += usize::from(bad);
            while let Some(line) = pending.remove(&emitted) {
                emit(&line)?;
                emitted += 1;
            }
        }
        Ok(failed)
    })
}

/// The inputs with each `-` replaced by the lines of `list` (read once, at
/// the first `-`; blank lines skipped, surrounding spaces trimmed).
pub fn expand_inputs(
    inputs: &[String],
    list: impl std::io::BufRead,
) -> std::io::Result<Vec<String>> {
    let mut out = Vec::with_capacity(inputs.len());
    let mut list = Some(list);
    for input in inputs {
        if input != "-" {
            out.push(input.clone());
            continue;
        }
        let Some(list) = list.take() else {
            continue;
        };
        for line in list.lines() {
            let line = line?;
            let line = line.trim();
            if !line.is_empty() {
                out.push(line.to_string());
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dash_reads_the_list_once_in_place() {
        let args: Vec<String> = ["a.html", "-", "b.html", "-"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let list = "  https://x.vn/1 \n\n\thttps://x.vn/2\n".as_bytes();
        assert_eq!(
            expand_inputs(&args, list).unwrap(),
            ["a.html", "https://x.vn/1", "https://x.vn/2", "b.html"]
        );
        let bad = [0xffu8, 0xfe, b'\n'];
        assert!(expand_inputs(&args, &bad[..]).is_err());
        let no_dash = vec!["a.html".to_string()];
        assert_eq!(expand_inputs(&no_dash, &bad[..]).unwrap(), ["a.html"]);
    }

    #[test]
    fn results_come_out_in_input_order_whatever_finishes_first() {
        let inputs: Vec<String> = (0..40).map(|i| i.to_string()).collect();
        let mut seen = Vec::new();
        let failed = in_input_order(
            &inputs,
            4,
            |input| {
                let n: u64 = input.parse().unwrap();
                // Early inputs take longest, so later ones finish first.
                std::thread::sleep(std::time::Duration::from_millis((40 - n) / 4));
                (input.to_string(), n.is_multiple_of(10))
            },
            |line| {
                seen.push(line.to_string());
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        assert_eq!(seen, inputs);
        assert_eq!(failed, 4);
    }

    #[test]
    fn an_emit_error_stops_the_run() {
        let inputs: Vec<String> = (0..100).map(|i| i.to_string()).collect();
        let mut count = 0;
        let result = in_input_order(
            &inputs,
            2,
            |input| (input.to_string(), false),
            |_| {
                count += 1;
                if count == 3 {
                    Err("closed")
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(result, Err("closed"));
        assert_eq!(count, 3);
    }

    #[test]
    fn a_missing_file_and_a_page_without_an_article_are_error_lines() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.html");
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let err = rt
            .block_on(load(None, missing.to_str().unwrap(), None))
            .err()
            .unwrap();
        assert_eq!(err.kind(), "read");
        let line = json_line("missing.html", &Err(err));
        assert_eq!(line["error"]["kind"], "read");

        let page = Page {
            input: "noise.bin".into(),
            bytes: (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect(),
            content_type: None,
            url: "https://example.com/noise".into(),
        };
        let result = extract_page(&page);
        let line = json_line("noise.bin", &result);
        assert_eq!(line["error"]["kind"], "no_article", "{line}");
        assert!(line["error"]["reason"].is_string(), "{line}");
    }
}
