//! Auditing translations made elsewhere: JSON Lines of `source`/`translation`
//! pairs in, one JSON line of QA flags out per pair.
//!
//! A malformed line (too long, not UTF-8, not JSON, no `source` or
//! `translation` string) is reported on the error writer with its number and
//! what is wrong, and the audit goes on with the next line. A reader that
//! closes the output early ends the audit quietly ([`AuditSummary::reader_gone`]).

use std::io::{BufRead, Read, Write};

use serde::Deserialize;

use super::{check_segment, QaConfig, QaInput};
use crate::glossary::Glossary;
use crate::lang::LangPair;

/// The longest input line read (1 MiB): a longer one is reported malformed
/// and skipped without being held in memory.
pub const MAX_AUDIT_LINE: usize = 1 << 20;

/// One input line.
#[derive(Deserialize)]
struct Pair {
    source: String,
    translation: String,
}

/// What the pairs are checked with.
pub struct AuditOptions<'a> {
    /// The language pair the translations were made for.
    pub pair: &'a LangPair,
    /// Terms whose forced translation is checked.
    pub glossary: Option<&'a Glossary>,
    /// The input's name in messages ("pairs.jsonl", "standard input").
    pub name: &'a str,
}

/// What an audit saw.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct AuditSummary {
    /// Non-blank lines read.
    pub lines: usize,
    /// Numbers (1-based) of the malformed lines.
    pub malformed: Vec<usize>,
    /// True when the output's reader went away before the end.
    pub reader_gone: bool,
}

/// Why an audit stopped.
#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    /// The input could not be read.
    #[error("cannot read {name}: {source}")]
    Read {
        /// The input's name.
        name: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The flags or a malformed-line report could not be written.
    #[error("cannot write the {what}: {source}")]
    Write {
        /// "flags" or "report of malformed lines".
        what: &'static str,
        /// The I/O error.
        source: std::io::Error,
    },
    /// Some lines were not pairs; the others were checked.
    #[error("{} of {lines} lines of {name} are malformed (line {}); the others were checked", .malformed.len(), list(.malformed))]
    Malformed {
        /// The input's name.
        name: String,
        /// Non-blank lines read.
        lines: usize,
        /// Numbers (1-based) of the malformed lines.
        malformed: Vec<usize>,
    },
}

fn list(numbers: &[usize]) -> String {
    let numbers: Vec<String> = numbers.iter().map(usize::to_string).collect();
    numbers.join(", ")
}

impl AuditSummary {
    /// The summary when every line was a pair, else [`AuditError::Malformed`]
    /// naming the input `name` and the lines.
    pub fn all_pairs(self, name: &str) -> Result<AuditSummary, AuditError> {
        if self.malformed.is_empty() {
            return Ok(self);
        }
        Err(AuditError::Malformed {
            name: name.to_string(),
            lines: self.lines,
            malformed: self.malformed,
        })
    }
}

/// Checks every line of `reader`, writing one line of flags per pair to
/// `out` and malformed-line reports to `errors`. Stops early, without error,
/// when `out` is a closed pipe.
pub fn audit_pairs(
    mut reader: impl BufRead,
    mut out: impl Write,
    mut errors: impl Write,
    options: &AuditOptions<'_>,
) -> Result<AuditSummary, AuditError> {
    let config = QaConfig::default();
    let mut summary = AuditSummary::default();
    let mut buf = Vec::new();
    let mut number = 0;
    loop {
        buf.clear();
        let read = (&mut reader)
            .take(MAX_AUDIT_LINE as u64 + 1)
            .read_until(b'\n', &mut buf)
            .map_err(|source| AuditError::Read {
                name: options.name.to_string(),
                source,
            })?;
        if read == 0 {
            break;
        }
        number += 1;
        let parsed = if buf.len() > MAX_AUDIT_LINE && !buf.ends_with(b"\n") {
            skip_rest_of_line(&mut reader, options.name)?;
            Err(format!(
                "longer than {} KiB; split the pair or shorten it",
                MAX_AUDIT_LINE / 1024
            ))
        } else {
            match std::str::from_utf8(&buf) {
                Ok(line) if line.trim().is_empty() => continue,
                Ok(line) => serde_json::from_str::<Pair>(line).map_err(|e| {
                    format!(
                        "expected a JSON object with \"source\" and \"translation\" strings ({e})"
                    )
                }),
                Err(e) => Err(format!("not UTF-8 text ({e})")),
            }
        };
        summary.lines += 1;
        let item = match parsed {
            Ok(item) => item,
            Err(what) => {
                summary.malformed.push(number);
                writeln!(errors, "{} line {number}: {what}", options.name).map_err(|source| {
                    AuditError::Write {
                        what: "report of malformed lines",
                        source,
                    }
                })?;
                continue;
            }
        };
        let flags = check_segment(
            &QaInput {
                pair: options.pair,
                source: &item.source,
                target: &item.translation,
                glossary: options.glossary,
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

/// Reads and drops the rest of an over-long line, a bounded chunk at a time.
fn skip_rest_of_line(reader: &mut impl BufRead, name: &str) -> Result<(), AuditError> {
    loop {
        let (done, used) = {
            let available = reader.fill_buf().map_err(|source| AuditError::Read {
                name: name.to_string(),
                source,
            })?;
            match available.iter().position(|&b| b == b'\n') {
                Some(end) => (true, end + 1),
                None => (available.is_empty(), available.len()),
            }
        };
        reader.consume(used);
        if done {
            return Ok(());
        }
    }
}

/// True when the write failed because the reader went away; other errors
/// are returned.
fn stop_on(written: std::io::Result<()>, summary: &mut AuditSummary) -> Result<bool, AuditError> {
    match written {
        Ok(()) => Ok(false),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            summary.reader_gone = true;
            Ok(true)
        }
        Err(source) => Err(AuditError::Write {
            what: "flags",
            source,
        }),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn malformed_lines_are_named_in_one_error() {
        let clean = AuditSummary {
            lines: 3,
            ..AuditSummary::default()
        };
        assert_eq!(clean.all_pairs("x").unwrap().lines, 3);
        let bad = AuditSummary {
            lines: 9,
            malformed: vec![2, 7],
            reader_gone: false,
        };
        assert_eq!(
            bad.all_pairs("pairs.jsonl").unwrap_err().to_string(),
            "2 of 9 lines of pairs.jsonl are malformed (line 2, 7); the others were checked"
        );
    }

    use super::*;

    fn run_on(input: &[u8], out: impl Write) -> (AuditSummary, String) {
        let pair = LangPair::new("vi", "fr");
        let mut errors = Vec::new();
        let summary = audit_pairs(
            input,
            out,
            &mut errors,
            &AuditOptions {
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

    #[test]
    fn a_line_longer_than_the_bound_is_malformed_and_the_next_is_checked() {
        let mut input = b"{\"source\":\"".to_vec();
        input.extend(std::iter::repeat_n(b'a', MAX_AUDIT_LINE * 3));
        input.extend_from_slice(b"\",\"translation\":\"x\"}\n");
        input.extend_from_slice(b"{\"source\":\"C\xc3\xb3 3 ng\xc6\xb0\xe1\xbb\x9di.\",\"translation\":\"3 personnes.\"}\n");
        let mut out = Vec::new();
        let (summary, errors) = run_on(&input, &mut out);
        assert_eq!(summary.lines, 2);
        assert_eq!(summary.malformed, vec![1]);
        assert!(
            errors.contains("pairs.jsonl line 1: longer than 1024 KiB"),
            "{errors}"
        );
        let out = String::from_utf8(out).unwrap();
        assert_eq!(out.lines().count(), 1, "{out}");
        assert!(out.contains("\"line\":2"), "{out}");
    }
}
