//! `newsbridge extract` through the real binary: one page, pages that hold no
//! article, and bulk extraction as JSON lines (order, errors, `--jobs`, a list
//! on standard input, a reader that closes the pipe).

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use crate::common::{minimal_config, nb, run};

fn article_page(n: usize) -> String {
    format!(
        "<!doctype html><html lang=en><head><title>Flood warning {n} - The Daily</title></head>\
         <body><nav><a href=/>Home</a><a href=/news>News</a></nav><article><h1>Flood warning {n}</h1>\
         <p>Heavy rain fell across the river valley overnight, and the water board said the levels \
         at the northern gauge rose by more than a metre before dawn, the fastest rise this year.</p>\
         <p>Residents of the low streets near the old bridge were asked to move their cars, and the \
         council opened two schools as shelters for families who could not stay with relatives.</p>\
         </article><footer>© The Daily</footer></body></html>"
    )
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Bytes from a fixed linear congruential sequence: "random" but the same on every run.
fn random_bytes(len: usize) -> Vec<u8> {
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    (0..len)
        .map(|_| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (x >> 56) as u8
        })
        .collect()
}

fn listing_page() -> String {
    let mut html = String::from("<html><head><title>World news</title></head><body><main>");
    for i in 0..12 {
        html.push_str(&format!(
            "<div class=card><h3><a href=/world/story-{i}>Story number {i} about the summit talks</a></h3>\
             <p><a href=/world/story-{i}>Leaders met again on day {i}.</a></p></div>"
        ));
    }
    html.push_str("</main></body></html>");
    html
}

fn login_page() -> &'static str {
    "<html><head><title>Sign in</title></head><body><main><h1>Sign in to continue</h1>\
     <form method=post action=/login><label>Email <input type=email name=email></label>\
     <label>Password <input type=password name=password></label><button>Sign in</button></form>\
     <p>Forgot your password? Reset it from the link in your welcome email.</p></main></body></html>"
}

#[test]
fn extract_prints_one_article() {
    let dir = tempfile::tempdir().unwrap();
    let (config, _) = minimal_config(dir.path(), "");
    let page = write(dir.path(), "a.html", article_page(1).as_bytes());
    let (ok, out, err) = run(nb(&config).arg("extract").arg(&page));
    assert!(ok, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["title"], "Flood warning 1");
    assert!(json["body_text"].as_str().unwrap().contains("old bridge"));
    let (ok, out, err) = run(nb(&config)
        .arg("extract")
        .arg(&page)
        .args(["--format", "markdown"]));
    assert!(ok, "{err}");
    assert!(out.starts_with("# Flood warning 1"), "{out}");
}

#[test]
fn what_is_not_an_article_is_said_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let (config, _) = minimal_config(dir.path(), "");
    let cases: Vec<(PathBuf, &str)> = vec![
        (
            write(dir.path(), "random.bin", &random_bytes(4096)),
            "binary data",
        ),
        (
            write(
                dir.path(),
                "paper.html",
                b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
            ),
            "PDF file",
        ),
        (
            write(dir.path(), "login.html", login_page().as_bytes()),
            "sign-in form",
        ),
        (
            write(
                dir.path(),
                "empty-body.html",
                b"<html><head><title>Nothing</title></head><body>\n</body></html>",
            ),
            "no body text",
        ),
        (write(dir.path(), "blank.html", b"  \n\n "), "empty"),
        (
            write(dir.path(), "section.html", listing_page().as_bytes()),
            "list of links",
        ),
    ];
    for (path, reason) in cases {
        let (ok, out, err) = run(nb(&config).arg("extract").arg(&path));
        assert!(!ok, "{}: exit 0 with {out}", path.display());
        assert!(
            err.contains("no article found") && err.contains(reason),
            "{}: {err}",
            path.display()
        );
        assert!(out.is_empty(), "{}: printed {out}", path.display());
    }
}

fn lines(out: &str) -> Vec<serde_json::Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn bulk_jsonl_keeps_input_order_and_reports_each_failure() {
    let dir = tempfile::tempdir().unwrap();
    let (config, _) = minimal_config(dir.path(), "");
    let mut inputs = Vec::new();
    for n in 0..30 {
        let path = match n {
            7 => dir.path().join("missing.html"),
            13 => write(dir.path(), "noise.bin", &random_bytes(2048)),
            21 => write(dir.path(), "front.html", listing_page().as_bytes()),
            _ => write(
                dir.path(),
                &format!("p{n}.html"),
                article_page(n).as_bytes(),
            ),
        };
        inputs.push(path);
    }
    for jobs in ["1", "4"] {
        let (ok, out, err) = run(nb(&config)
            .arg("extract")
            .args(&inputs)
            .args(["--format", "jsonl", "--jobs", jobs]));
        assert!(!ok, "three inputs failed, so the command fails");
        assert!(err.contains("3 of 30 inputs"), "{err}");
        let lines = lines(&out);
        assert_eq!(lines.len(), 30, "jobs {jobs}");
        for (n, (line, input)) in lines.iter().zip(&inputs).enumerate() {
            assert_eq!(line["input"], input.display().to_string(), "jobs {jobs}");
            match n {
                7 => assert_eq!(line["error"]["kind"], "read"),
                13 => {
                    assert_eq!(line["error"]["kind"], "no_article");
                    assert_eq!(line["error"]["reason"], "not_text");
                }
                21 => assert_eq!(line["error"]["reason"], "listing"),
                _ => {
                    assert_eq!(line["article"]["title"], format!("Flood warning {n}"));
                    assert!(line.get("error").is_none());
                }
            }
        }
    }
}

#[test]
fn bulk_reads_a_list_of_paths_from_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let (config, _) = minimal_config(dir.path(), "");
    let paths: Vec<PathBuf> = (0..5)
        .map(|n| {
            write(
                dir.path(),
                &format!("p{n}.html"),
                article_page(n).as_bytes(),
            )
        })
        .collect();
    let list: String = paths
        .iter()
        .map(|p| format!("{}\n\n", p.display()))
        .collect();
    let mut child = nb(&config)
        .args(["extract", "-", "--format", "jsonl", "-j", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(list.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{err}");
    let lines = lines(&String::from_utf8_lossy(&output.stdout));
    assert_eq!(lines.len(), 5);
    for (n, line) in lines.iter().enumerate() {
        assert_eq!(line["article"]["title"], format!("Flood warning {n}"));
        assert!(line["article"]["word_count"].as_u64().unwrap() > 25);
    }
    // Several inputs without --format jsonl: one clear line.
    let (ok, _, err) = run(nb(&config).arg("extract").args(&paths));
    assert!(!ok);
    assert!(err.contains("--format jsonl"), "{err}");
}

#[test]
fn a_reader_that_closes_the_pipe_ends_bulk_extraction_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let (config, _) = minimal_config(dir.path(), "");
    let page = write(dir.path(), "a.html", article_page(1).as_bytes());
    let list = format!("{}\n", page.display()).repeat(3_000);
    let mut child = nb(&config)
        .args(["extract", "-", "--format", "jsonl", "--jobs", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(list.as_bytes()).unwrap();
    drop(stdin);
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("Flood warning 1"), "{first}");
    // The reader is gone (stdout dropped above); the command must notice and stop.
    let output = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.trim().is_empty(), "nothing on stderr: {err}");
    assert_ne!(output.status.code(), Some(101), "no panic status");
}
