//! `newsbridge qa`: the pipeline's QA checks on translations made elsewhere.
//!
//! One JSON line of flags per input pair on standard output. A malformed
//! line (not UTF-8, not JSON, no `source` or `translation` string) is
//! reported on standard error with its number and what is wrong, and the
//! command goes on with the next line; it exits non-zero at the end when
//! any line was malformed. A reader that closes the pipe early
//! (`newsbridge qa … | head`) ends the command quietly.

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
    let name = if input == Path::new("-") {
        "standard input".to_string()
    } else {
        input.display().to_string()
    };
    let out = std::io::BufWriter::new(crate::out::Stdout);
    let summary = check_lines(
        reader,
        out,
        std::io::stderr().lock(),
        &Checks {
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

/// What the lines are checked with.
struct Checks<'a> {
    pair: &'a LangPair,
    glossary: Option<&'a Glossary>,
    /// The input's name in messages.
    name: &'a str,
}

/// What a run saw.
#[derive(Debug, Default, PartialEq, Eq)]
struct Summary {
    /// Non-blank lines read.
    lines: usize,
    /// Numbers (1-based) of the malformed lines.
    malformed: Vec<usize>,
    /// True when the output's reader went away before the end.
    reader_gone: bool,
}

/// Checks every line of `reader`, writing flags to `out` and malformed-line
/// reports to `errors`. Stops early, without error, when `out` is a closed
/// pipe; other I/O errors are returned.
fn check_lines(
    mut reader: impl BufRead,
    mut out: impl Write,
    mut errors: impl Write,
    checks: &Checks<'_>,
) -> Result<Summary> {
    let config = QaConfig::default();
    let mut summary = Summary::default();
    let mut buf = Vec::new();
    let mut number = 0;
    loop {
        buf.clear();
        let read = reader
            .read_until(b'\n', &mut buf)
            .with_context(|| format!("cannot read {}", checks.name))?;
        if read == 0 {
            break;
        }
        number += 1;
        let parsed = match std::str::from_utf8(&buf) {
            Ok(line) if line.trim().is_empty() => continue,
            Ok(line) => serde_json::from_str::<Pair>(line).map_err(|e| {
                format!("expected a JSON object with \"source\" and \"translation\" strings ({e})")
            }),
            Err(e) => Err(format!("not UTF-8 text ({e})")),
        };
        summary.lines += 1;
        let item = match parsed {
            Ok(item) => item,
            Err(what) => {
                summary.malformed.push(number);
                writeln!(errors, "{} line {number}: {what}", checks.name)
                    .context("cannot write to standard error")?;
                continue;
            }
        };
        let flags = check_segment(
            &QaInput {
                pair: checks.pair,
                source: &item.source,
                target: &item.translation,
                glossary: checks.glossary,
            },
            &config,
        );
        let line = serde_json::json!({ "line": number, "flags": flags });
        let written = serde_json::to_writer(&mut out, &line)
            .map_err(std::io::Error::from)
            .and_then(|()| out.write_all(b"\n"));
        if stop_on(written, &mut summary)? {
            return Ok(summary);
        }
    }
    let flushed = out.flush();
    stop_on(flushed, &mut summary)?;
    Ok(summary)
}

/// True when the write failed because the reader went away; other errors
/// are returned.
fn stop_on(written: std::io::Result<()>, summary: &mut Summary) -> Result<bool> {
    match written {
        Ok(()) => Ok(false),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            summary.reader_gone = true;
            Ok(true)
        }
        Err(e) => Err(e).context("cannot write to standard output"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_on(input: &[u8], out: impl Write) -> (Summary, String) {
        let pair = LangPair::new("vi", "fr");
        let mut errors = Vec::new();
        let summary = check_lines(
            input,
            out,
            &mut errors,
            &Checks {
                pair: &pair,
                glossary: None,
                name: "pairs.jsonl",
            },
        )
        .unwrap();
        (summary, String::from_utf8(errors).unwrap())
    }

    #[test]
    fn malformed_lines_are_reported_and_the_others_checked() {
        let input = concat!(
            "{\"source\":\"Có 3 người chết.\",\"translation\":\"Il y a 7 morts.\"}\n",
            "{\"source\":\"Có 3 người chết.\"}\n",
            "\n",
            "not json\n",
            "{\"source\":\"Mưa lớn.\",\"translation\":\"Fortes pluies.\"}\n",
        )
        .as_bytes()
        .to_vec();
        let mut with_bad_utf8 = input.clone();
        with_bad_utf8.extend_from_slice(b"{\"source\":\"\xff\"}\n");
        let mut out = Vec::new();
        let (summary, errors) = run_on(&with_bad_utf8, &mut out);
        assert_eq!(summary.lines, 5);
        assert_eq!(summary.malformed, vec![2, 4, 6]);
        assert!(
            errors.contains("pairs.jsonl line 2: expected a JSON object"),
            "{errors}"
        );
        assert!(errors.contains("missing field `translation`"), "{errors}");
        assert!(errors.contains("pairs.jsonl line 4:"), "{errors}");
        assert!(errors.contains("pairs.jsonl line 6: not UTF-8"), "{errors}");
        let out = String::from_utf8(out).unwrap();
        let lines: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["line"], 1);
        let codes: Vec<&str> = lines[0]["flags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["flag"].as_str().unwrap())
            .collect();
        assert_eq!(codes, vec!["number_missing", "number_added"]);
        assert_eq!(lines[1]["line"], 5);
        assert_eq!(lines[1]["flags"], serde_json::json!([]));
    }

    struct ClosedPipe;

    impl Write for ClosedPipe {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
    }

    #[test]
    fn a_closed_output_pipe_ends_the_run_quietly() {
        let input = "{\"source\":\"Mưa.\",\"translation\":\"Pluie.\"}\n".repeat(3);
        let (summary, errors) = run_on(input.as_bytes(), ClosedPipe);
        assert!(summary.reader_gone);
        assert_eq!(summary.lines, 1, "stops at the first write");
        assert!(errors.is_empty());
    }
}
