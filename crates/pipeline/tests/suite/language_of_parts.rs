//! WCAG 2.1 SC 3.1.2 (Language of Parts) on the demo: the sample
//! publisher ingested through the real pipeline (sitemap → fetch → extract →
//! classify → translate from the human translation memory → publish), the
//! portal served on 127.0.0.1, and every English and French page reachable
//! from the home pages read: no letter only Vietnamese uses may be shown
//! outside an element marked `lang="vi"`. Each offending text is printed
//! with its page. A French search for a Vietnamese place name written with
//! its diacritics finds the articles that write it the French way ("Hué").
//!
//! What "shown" covers: text nodes of the body and of the head's visible
//! parts; `<title>` is left out (it cannot hold markup, and WCAG's Language
//! of Parts asks markup only where the content can carry it), as are
//! `<script>` (JSON-LD), `<style>` and attribute values (an `alt` cannot
//! hold markup either: the alt texts are translated and checked by the
//! translation's QA instead).

use std::collections::{BTreeSet, VecDeque};

use article::foreign::is_vietnamese_only;
use pipeline::demo::{set_up, DemoOptions};
use scraper::{ElementRef, Html, Node};

/// Pages read at most per language: the demo has fewer, the rest is a guard.
const MAX_PAGES: usize = 600;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Text a reader sees outside `lang="vi"` with a Vietnamese-only letter:
/// (the language in force, the text).
fn unmarked(html: &str) -> Vec<(String, String)> {
    let doc = Html::parse_document(html);
    let mut out = Vec::new();
    for node in doc.tree.nodes() {
        let Node::Text(text) = node.value() else {
            continue;
        };
        if !text.chars().any(is_vietnamese_only) {
            continue;
        }
        // The language in force: the nearest ancestor's lang attribute.
        let mut lang = None;
        let mut hidden = false;
        for ancestor in node.ancestors() {
            let Some(el) = ElementRef::wrap(ancestor) else {
                continue;
            };
            if matches!(el.value().name(), "script" | "style" | "title" | "template") {
                hidden = true;
                break;
            }
            if lang.is_none() {
                lang = el.value().attr("lang").map(str::to_string);
            }
        }
        let lang = lang.unwrap_or_default();
        if !hidden && lang != "vi" && !lang.starts_with("vi-") {
            out.push((lang, text.trim().to_string()));
        }
    }
    out
}

/// Links to portal pages in `lang` (same-origin paths under `/{lang}/`).
fn links(html: &str, lang: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let selector = scraper::Selector::parse("a[href]").unwrap();
    let prefix = format!("/{lang}/");
    doc.select(&selector)
        .filter_map(|a| a.value().attr("href"))
        .map(|h| h.split('#').next().unwrap_or_default().to_string())
        .filter(|h| h.starts_with(&prefix) && !h.contains("/admin") && !h.contains(".xml"))
        .collect()
}

#[test]
fn unmarked_vietnamese_is_found_in_text_and_not_in_marked_parts() {
    // The check itself can fail: a bare name fails, a marked one passes.
    let bad = unmarked(
        r#"<html lang="fr"><head><title>Đắk Lắk</title></head><body><p>Crues au Đắk Lắk</p></body></html>"#,
    );
    assert_eq!(bad, [("fr".to_string(), "Crues au Đắk Lắk".to_string())]);
    let good = unmarked(
        r#"<html lang="fr"><body><p>Crues au <span lang="vi">Đắk <b>Lắk</b></span></p><script>"Đắk"</script></body></html>"#,
    );
    assert!(good.is_empty(), "{good:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_unmarked_vietnamese_on_the_demos_english_and_french_pages() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let listen = format!("127.0.0.1:{port}");
    let demo = set_up(&DemoOptions {
        data_dir: dir.path().join("demo"),
        listen: listen.clone(),
        generated: 0,
    })
    .await
    .unwrap();
    demo.ingest().await.unwrap();
    let router = pipeline::portal::router(&demo.app, &pipeline::metrics::Metrics::new())
        .await
        .unwrap();
    let listener = tokio::net::TcpListener::bind(&listen).await.unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await });
    let base = format!("http://{listen}");
    let client = reqwest::Client::new();

    let mut offences: Vec<String> = Vec::new();
    let mut read = 0;
    for lang in ["en", "fr"] {
        let mut seen: BTreeSet<String> = BTreeSet::new();
        let mut queue: VecDeque<String> = VecDeque::from([format!("/{lang}/")]);
        let mut articles = 0;
        while let Some(path) = queue.pop_front() {
            if !seen.insert(path.clone()) || seen.len() > MAX_PAGES {
                continue;
            }
            let response = client.get(format!("{base}{path}")).send().await.unwrap();
            if response.status() != 200 {
                continue;
            }
            let html = response.text().await.unwrap();
            read += 1;
            if html.contains(r#"property="og:type" content="article""#) {
                articles += 1;
            }
            for (in_force, text) in unmarked(&html) {
                offences.push(format!("{path} (lang={in_force:?}): {text}"));
            }
            queue.extend(links(&html, lang).into_iter().filter(|l| !seen.contains(l)));
        }
        let bundled = demo.site.bundled_articles().len();
        assert!(
            articles >= bundled,
            "{lang}: {articles} article pages reached of {bundled}"
        );
    }
    assert!(
        offences.is_empty(),
        "{} texts with Vietnamese letters outside lang=\"vi\" on {read} pages:\n{}",
        offences.len(),
        offences.join("\n")
    );

    // "Huế" finds the French articles about Hué, as "Hue" does (the index
    // follows the database every 2 s: wait for it).
    let hits = |html: &str| html.matches("<li><h2>").count();
    let mut found = (0, 0);
    for _ in 0..60 {
        let with = client
            .get(format!("{base}/fr/search"))
            .query(&[("q", "Huế")])
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let without = client
            .get(format!("{base}/fr/search"))
            .query(&[("q", "Hue")])
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        found = (hits(&with), hits(&without));
        if found.0 > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    assert!(found.0 > 0, "/fr/search?q=Huế finds nothing");
    assert_eq!(found.0, found.1, "Huế and Hue find the same articles");
}
