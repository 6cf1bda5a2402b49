//! Nothing a remote server sends may panic the extractor or make it run away.
//! That the hostile pages here cost work in proportion to their size is
//! tested by counting work (nodes visited, bytes copied) in `src/work.rs`,
//! not by timing them.

use std::path::Path;

use extract::{extract, ExtractError, ExtractOptions};
use proptest::prelude::*;

fn opts() -> ExtractOptions {
    ExtractOptions::default()
}

#[test]
fn empty_and_whitespace_are_typed_errors() {
    assert_eq!(
        extract(b"", "https://x.vn/", &opts()),
        Err(ExtractError::Empty)
    );
    assert_eq!(
        extract(b" \n\t ", "https://x.vn/", &opts()),
        Err(ExtractError::Empty)
    );
}

#[test]
fn binary_is_a_typed_error() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xffa\0\0\0\0IEND\xaeB`\x82";
    assert_eq!(
        extract(png, "https://x.vn/a.png", &opts()),
        Err(ExtractError::NotHtml)
    );
}

#[test]
fn oversized_input_is_refused() {
    let big = vec![b'a'; extract::MAX_INPUT_BYTES + 1];
    assert!(matches!(
        extract(&big, "https://x.vn/", &opts()),
        Err(ExtractError::TooLarge { .. })
    ));
}

#[test]
fn script_only_page_gives_an_empty_body() {
    let html = b"<html><head><script>document.write('<p>hello world, this is text</p>')</script></head><body><script src=app.js></script><noscript>Enable JavaScript</noscript></body></html>";
    let a = extract(html, "https://x.vn/", &opts()).unwrap();
    assert!(a.blocks.is_empty(), "{:?}", a.blocks);
}

#[test]
fn deeply_nested_page_is_bounded() {
    let mut html = String::from("<html><body>");
    html.push_str(&"<div>".repeat(100_000));
    html.push_str(
        "<p>Đoạn văn nằm rất sâu trong cây, vẫn phải được đọc ra mà không tràn ngăn xếp.</p>",
    );
    html.push_str(&"</div>".repeat(100_000));
    html.push_str("<span>".repeat(50_000).as_str());
    let a = extract(html.as_bytes(), "https://x.vn/", &opts()).unwrap();
    assert!(a.body_text().contains("Đoạn văn nằm rất sâu"));
}

#[test]
fn truncated_and_unclosed_markup() {
    for html in [
        "<html><body><p>Một đoạn văn bị cắt ngang giữa chừng khi tải về <a href=\"/x",
        "<p>text <!-- comment never closed",
        "<p>a<script>var x = '</scr",
        "<title>Tiêu đề không đóng",
        "<table><tr><td><table><tr><td>x",
        "<svg><title/><p>Văn bản sau SVG vẫn còn đó và đủ dài để là nội dung.</p>",
        "<![CDATA[ x",
        "<a href=x><p>one</a><p>two",
        "&#xFFFFFFFF; &#0; &#55296; &bogus; &",
    ] {
        let _ = extract(html.as_bytes(), "https://x.vn/", &opts());
    }
}

#[test]
fn many_bylines_and_captions_stay_fast() {
    let mut html = String::from("<html lang=vi><body><article>");
    for i in 0..5_000 {
        html.push_str(&format!(
            "<figure><img src=/a{i}.jpg><figcaption>Chú thích ảnh số {i}</figcaption></figure><p>Chú thích ảnh số {i}</p>"
        ));
    }
    html.push_str("</article><div class=comments>");
    for i in 0..20_000 {
        html.push_str(&format!(
            "<span class=author>Bạn đọc {i}</span><p>Ý kiến {i}</p>"
        ));
    }
    html.push_str("</div></body></html>");
    let a = extract(html.as_bytes(), "https://x.vn/", &opts()).unwrap();
    assert!(a
        .blocks
        .iter()
        .any(|b| matches!(b, article::Block::Figure(_))));
}

#[test]
fn wrong_charset_still_decodes() {
    // Declared windows-1252 but really UTF-8: read as UTF-8.
    let html = "<meta charset=windows-1252><p>Người dân Hà Nội đổ ra đường đón năm mới trong không khí phấn khởi.</p>";
    let a = extract(html.as_bytes(), "https://x.vn/", &opts()).unwrap();
    assert!(a.body_text().contains("Người dân Hà Nội"));
}

#[test]
fn invalid_override_selector_names_the_selector() {
    let options = ExtractOptions {
        content_type: None,
        overrides: Some(extract::SelectorOverrides {
            body: Some("div.content >".into()),
            ..Default::default()
        }),
    };
    let err = extract(b"<p>x</p>", "https://x.vn/", &options).unwrap_err();
    assert!(
        matches!(&err, ExtractError::InvalidSelector { selector, .. } if selector == "div.content >")
    );
    assert!(err.to_string().contains("div.content >"));
}

/// Every page of the benchmark corpus goes through without a panic.
#[test]
fn bench_corpus_never_panics() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench/trafilatura-eval");
    if !dir.exists() {
        eprintln!("skipping: {} not found", dir.display());
        return;
    }
    let mut n = 0;
    for sub in ["cache", "eval"] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
            continue;
        };
        for e in entries.flatten() {
            let bytes = std::fs::read(e.path()).unwrap();
            let r =
                std::panic::catch_unwind(|| extract(&bytes, "https://example.com/page", &opts()));
            assert!(r.is_ok(), "panicked on {}", e.path().display());
            n += 1;
        }
    }
    assert!(n > 900, "only {n} pages");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = extract(&bytes, "https://x.vn/", &opts());
    }

    #[test]
    fn random_markup_never_panics(parts in proptest::collection::vec(
        prop_oneof![
            Just("<div>".to_owned()), Just("</div>".to_owned()), Just("<p>".to_owned()),
            Just("</p>".to_owned()), Just("<a href='/x'>".to_owned()), Just("</a>".to_owned()),
            Just("<table><tr><td>".to_owned()), Just("</td></tr></table>".to_owned()),
            Just("<img data-src='a.jpg' srcset='b.jpg 2x,'>".to_owned()), Just("<br>".to_owned()),
            Just("<figure><figcaption>Ảnh: X".to_owned()), Just("<script>".to_owned()),
            Just("<!--".to_owned()), Just("&amp;&#x1F600;&#99999999;".to_owned()),
            Just("<h2>".to_owned()), Just("<ul><li>".to_owned()), Just("<blockquote>".to_owned()),
            Just("<meta charset=windows-1258>".to_owned()),
            Just("<script type=application/ld+json>{\"@type\":\"NewsArticle\",\"datePublished\":\"2025-13-45\"}</script>".to_owned()),
            "[a-zA-Zà-ỹ ,.:0-9/]{0,40}",
        ],
        0..60,
    )) {
        let html = parts.concat();
        let _ = extract(html.as_bytes(), "https://x.vn/a", &opts());
        let _ = extract::decode_html(html.as_bytes(), Some("text/html; charset=windows-1258"));
    }
}

/// Runs `extract` and every view on `html` in a thread with a 512 KiB stack (a
/// quarter of a test thread's), so any walk whose depth follows the markup fails here.
fn extract_on_small_stack(html: String) -> article::Article {
    std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(move || {
            let a = extract(html.as_bytes(), "https://x.vn/a.html", &opts()).unwrap();
            let _ = (
                extract::to_json(&a),
                extract::to_markdown(&a),
                extract::to_html(&a),
            );
            a
        })
        .unwrap()
        .join()
        .unwrap()
}

const DEEP_TEXT: &str =
    "Đoạn văn nằm rất sâu trong cây, vẫn phải được đọc ra mà không tràn ngăn xếp.";

#[test]
fn deep_nesting_of_every_kind_is_bounded() {
    for open in [
        "<div>",
        "<b>",
        "<a href=/x>",
        "<span>",
        "<blockquote>",
        "<ul><li>",
        "<table><tr><td>",
        "<font>",
        "<em><strong>",
        "<section><article>",
        "<svg>",
        "<math>",
        "<select>",
        "<button>",
    ] {
        let mut html = String::from("<html><body>");
        html.push_str(&open.repeat(100_000));
        html.push_str("<p>");
        html.push_str(DEEP_TEXT);
        html.push_str("</p>");
        let a = extract_on_small_stack(html);
        // The article survives a trip through JSON (serde_json refuses nesting beyond 128).
        let json = serde_json::to_string(&a).unwrap();
        let back: article::Article = serde_json::from_str(&json)
            .unwrap_or_else(|e| panic!("{open}: the article's JSON does not read back: {e}"));
        assert_eq!(back, a, "{open}");
        // Text inside form controls, SVG and MathML is chrome; a link nest is a link list.
        if !matches!(
            open,
            "<svg>" | "<math>" | "<select>" | "<a href=/x>" | "<button>"
        ) {
            assert!(a.body_text().contains("Đoạn văn"), "{open}: {:?}", a.blocks);
        }
    }
}

#[test]
fn bold_repeated_100_000_times_inside_a_paragraph_is_bounded() {
    let html = format!(
        "<html><body><article><p>{DEEP_TEXT} {}{DEEP_TEXT}</p></article></body></html>",
        "<b>".repeat(100_000)
    );
    let a = extract_on_small_stack(html);
    assert!(
        a.body_text().matches("Đoạn văn").count() == 2,
        "{}",
        a.body_text()
    );
    let json = serde_json::to_string(&a).unwrap();
    let back: article::Article = serde_json::from_str(&json).unwrap();
    assert_eq!(back, a);
}

#[test]
fn attribute_floods_are_bounded() {
    let attrs: String = (0..100_000)
        .map(|i| format!(" data-a{i}=\"v{i}\""))
        .collect();
    let html = format!(
        "<html><body><article{attrs} class=\"entry-content\"><p>{DEEP_TEXT}</p></article></body></html>"
    );
    let a = extract_on_small_stack(html);
    assert!(a.body_text().contains("Đoạn văn"));
    // The same attribute 100 000 times, and one attribute of 8 MB.
    let html = format!(
        "<html><body><p{}>{DEEP_TEXT}</p><p title=\"{}\">{DEEP_TEXT}</p></body></html>",
        " class=x".repeat(100_000),
        "x".repeat(8 << 20)
    );
    let a = extract_on_small_stack(html);
    assert!(a.body_text().contains("Đoạn văn"));
}
