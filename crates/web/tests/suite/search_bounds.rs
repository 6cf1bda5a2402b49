//! A search query no server should choke on, sent over real HTTP: refused
//! with a localized 400 (JSON on the API) before the index parses it, and
//! the server answers the next request. Also the search page's language
//! switcher, and a place name found whatever marks the reader types.

use std::collections::BTreeMap;

use crate::common;

use common::*;

async fn indexed(f: &Fixture) -> search::SearchIndex {
    let index = search::SearchIndex::in_memory().unwrap();
    for id in f.all.iter() {
        search::sync_article(&index, &f.store, *id).await.unwrap();
    }
    index.commit().unwrap();
    index
}

async fn server(f: &Fixture) -> std::net::SocketAddr {
    serve(web::router(web::Portal::new(
        f.store.clone(),
        Some(indexed(f).await),
        config(),
    )))
    .await
}

/// `text` as a query-string value.
fn q(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => (b as char).to_string(),
            b => format!("%{b:02X}"),
        })
        .collect()
}

async fn still_serving(addr: std::net::SocketAddr) {
    let ok = wire(addr, "GET", "/fr/search?q=Koursk", &[], b"").await;
    assert_eq!(ok.status, 200);
    assert!(ok.text().contains("<mark>"));
}

#[tokio::test]
async fn queries_that_crashed_the_portal_are_a_localized_400() {
    let f = fixture().await;
    let addr = server(&f).await;
    let cases = [
        (format!("{}a", "(".repeat(800)), "trop longue"),
        (format!("{}a", "(".repeat(5_000)), "trop longue"),
        (format!("{}a", "NOT ".repeat(5_000)), "trop longue"),
        (format!("{}a", "(".repeat(400)), "trop de parenthèses"),
        (format!("{}a", "NOT ".repeat(9)), "trop de parenthèses"),
        (vec!["a"; 100].join(" OR "), "trop de mots"),
        ("a".repeat(20_000), "trop longue"),
    ];
    for (text, message) in &cases {
        let shown: String = text.chars().take(12).collect();
        let page = wire(addr, "GET", &format!("/fr/search?q={}", q(text)), &[], b"").await;
        assert_eq!(page.status, 400, "{shown}…");
        let body = page.text();
        assert!(body.contains(message), "{shown}…: {}", visible_text(&body));
        assert!(body.contains("role=\"alert\""));
        // The query is not echoed back in full.
        let over: String = text.chars().take(search::MAX_QUERY_CHARS + 1).collect();
        if over.chars().count() > search::MAX_QUERY_CHARS {
            assert!(!body.contains(&over), "{shown}… echoed");
        }

        let api = wire(
            addr,
            "GET",
            &format!("/api/v1/search?lang=fr&q={}", q(text)),
            &[],
            b"",
        )
        .await;
        assert_eq!(api.status, 400, "{shown}…");
        assert!(api.header("content-type").starts_with("application/json"));
        let v: serde_json::Value = serde_json::from_slice(&api.body).unwrap();
        assert_eq!(v["error"], "bad_request");
        assert!(v["message"].as_str().unwrap().contains("at most"), "{v}");
        still_serving(addr).await;
    }
}

#[tokio::test]
async fn the_refusal_is_in_every_language_of_the_portal() {
    let f = fixture().await;
    let addr = server(&f).await;
    let nested = format!("{}a", "(".repeat(search::MAX_QUERY_NESTING + 1));
    let mut messages = BTreeMap::new();
    for lang in LANGS {
        let page = wire(
            addr,
            "GET",
            &format!("/{lang}/search?q={}", q(&nested)),
            &[],
            b"",
        )
        .await;
        assert_eq!(page.status, 400, "{lang}");
        let body = page.text();
        let start = body.find("role=\"alert\">").expect("alert") + "role=\"alert\">".len();
        let message = &body[start..start + body[start..].find('<').unwrap()];
        assert!(
            message.contains(&search::MAX_QUERY_NESTING.to_string()),
            "{lang}: {message}"
        );
        messages.insert(message.to_string(), lang);
    }
    assert_eq!(
        messages.len(),
        LANGS.len(),
        "one message per language: {messages:?}"
    );
}

#[tokio::test]
async fn the_deepest_query_allowed_is_answered() {
    let f = fixture().await;
    let addr = server(&f).await;
    let deep = search::MAX_QUERY_NESTING;
    let text = format!("{}Koursk{}", "(".repeat(deep), ")".repeat(deep));
    let page = wire(addr, "GET", &format!("/fr/search?q={}", q(&text)), &[], b"").await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("<mark>"));
    let api = wire(
        addr,
        "GET",
        &format!("/api/v1/search?lang=fr&q={}", q(&text)),
        &[],
        b"",
    )
    .await;
    assert_eq!(api.status, 200);
}

#[tokio::test]
async fn the_search_page_switches_language_keeping_the_query() {
    let f = fixture().await;
    f.store
        .set_section_slugs(
            f.world,
            &BTreeMap::from([
                ("fr".to_string(), "monde".to_string()),
                ("en".to_string(), "world".to_string()),
            ]),
        )
        .await
        .unwrap();
    let addr = server(&f).await;
    let page = wire(addr, "GET", "/fr/search?q=Koursk&section=monde", &[], b"").await;
    assert_eq!(page.status, 200);
    let body = page.text();
    let nav = &body[body
        .find("<nav class=\"languages\"")
        .expect("language switcher")..];
    let nav = &nav[..nav.find("</nav>").unwrap()];
    for lang in LANGS {
        assert!(
            nav.contains(&format!("hreflang=\"{lang}\"")),
            "{lang}: {nav}"
        );
    }
    assert!(
        nav.contains("href=\"/en/search?q=Koursk&amp;section=world\""),
        "{nav}"
    );
    assert!(
        nav.contains("href=\"/de/search?q=Koursk&amp;section=the-gioi\""),
        "{nav}"
    );
    assert!(nav.contains("aria-current=\"true\""));

    // Without a query, the switcher still leads to each language's search page.
    let empty = wire(addr, "GET", "/en/search", &[], b"").await.text();
    assert!(
        empty.contains("href=\"/fr/search\""),
        "{}",
        visible_text(&empty)
    );
}

#[tokio::test]
async fn a_french_search_for_hue_with_vietnamese_marks_finds_hue() {
    let f = fixture().await;
    let index = indexed(&f).await;
    // The French version of the main article, as a house style would spell the city.
    let fr = f.store.translation(f.main, "fr").await.unwrap().unwrap();
    let mut doc = search::doc_from_translation(&fr, Some(f.world), None);
    doc.title = "Inondations à Hué, la citadelle sous les eaux".into();
    index.upsert(&doc).unwrap();
    index.commit().unwrap();
    let addr = serve(web::router(web::Portal::new(
        f.store.clone(),
        Some(index),
        config(),
    )))
    .await;
    for text in ["Huế", "Hué", "Hue"] {
        let page = wire(addr, "GET", &format!("/fr/search?q={}", q(text)), &[], b"").await;
        assert_eq!(page.status, 200, "{text}");
        let body = page.text();
        assert!(
            body.contains(&format!("/fr/the-gioi/{}-", f.main)),
            "{text}: {}",
            visible_text(&body)
        );
    }
}
