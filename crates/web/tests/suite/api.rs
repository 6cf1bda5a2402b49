//! The JSON API and its OpenAPI document.

use crate::common;

use common::*;
use serde_json::Value;

fn json(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}

#[tokio::test]
async fn article_list_and_detail() {
    let f = fixture().await;
    let app = web::router(portal(&f));
    let got = get(&app, "/api/v1/articles?lang=fr&section=the-gioi").await;
    assert_eq!(got.status, 200);
    assert!(got.header("content-type").starts_with("application/json"));
    let list = json(&got.body);
    assert_eq!(list["lang"], "fr");
    assert_eq!(list["total"], 9);
    assert_eq!(list["articles"].as_array().unwrap().len(), 9);
    assert!(list["articles"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["section"] == "the-gioi"));

    let got = get(&app, &format!("/api/v1/articles/{}?lang=fr", f.main)).await;
    assert_eq!(got.status, 200);
    let detail = json(&got.body);
    assert_eq!(
        detail["title"],
        "Combats à Koursk : la Russie renforce sa défense"
    );
    assert_eq!(detail["source_language"], "vi");
    assert_eq!(detail["engine"], "opus-mt-vi-fr");
    assert_eq!(
        detail["original_url"],
        "https://baomau.example.vn/the-gioi/chien-su-kursk-123.html"
    );
    let langs: Vec<&str> = detail["languages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["lang"].as_str().unwrap())
        .collect();
    assert_eq!(langs, ["vi", "en", "fr"]);
    assert!(detail["content"]["blocks"].as_array().unwrap().len() > 3);

    // Where it stands in every portal language: de is held for review.
    let got = get(&app, &format!("/api/v1/articles/{}/translations", f.main)).await;
    assert_eq!(got.status, 200, "{}", got.body);
    let all = json(&got.body);
    let status: Vec<(&str, &str)> = all["translations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["lang"].as_str().unwrap(), t["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        status[..4],
        [
            ("vi", "original"),
            ("en", "published"),
            ("fr", "published"),
            ("de", "pending")
        ]
    );
    let fr = &all["translations"][2];
    assert_eq!(fr["engine"], "opus-mt-vi-fr");
    assert_eq!(fr["url"], detail["url"]);
    assert!(all["translations"][3]["url"].is_null());
}

#[tokio::test]
async fn api_errors_are_typed_json() {
    let f = fixture().await;
    let app = web::router(portal(&f));
    let cases = [
        ("/api/v1/articles?lang=xx".to_string(), 400, "bad_request"),
        ("/api/v1/articles?page=0".to_string(), 400, "bad_request"),
        (
            "/api/v1/articles?section=nope".to_string(),
            400,
            "bad_request",
        ),
        ("/api/v1/articles/abc".to_string(), 400, "bad_request"),
        ("/api/v1/articles/999999".to_string(), 404, "not_found"),
        (
            format!("/api/v1/articles/{}?lang=de", f.main),
            404,
            "not_found",
        ),
        (
            format!("/api/v1/articles/{}?lang=fr", f.taken_down),
            410,
            "gone",
        ),
        ("/api/v1/search?lang=fr&q=x".to_string(), 503, "unavailable"),
        ("/api/v1/search?lang=fr".to_string(), 400, "bad_request"),
        ("/api/v2/nothing".to_string(), 404, "not_found"),
        ("/api/v1/topics/abc".to_string(), 400, "bad_request"),
        ("/api/v1/topics/999999".to_string(), 404, "not_found"),
        (
            format!("/api/v1/topics/{}?page=0", f.topic),
            400,
            "bad_request",
        ),
    ];
    for (path, status, tag) in cases {
        let got = get(&app, &path).await;
        assert_eq!(got.status, status, "{path}: {}", got.body);
        assert_eq!(json(&got.body)["error"], tag, "{path}");
    }
}

#[tokio::test]
async fn openapi_document_describes_the_served_endpoints() {
    let f = fixture().await;
    let app = web::router(portal(&f));
    let got = get(&app, "/api/v1/openapi.json").await;
    assert_eq!(got.status, 200);
    let doc = json(&got.body);
    assert_eq!(doc["servers"][0]["url"], BASE);
    let paths = doc["paths"].as_object().unwrap();
    assert_eq!(paths.len(), 7);
    for (path, item) in paths {
        let id = if path.contains("/topics/") {
            f.topic
        } else {
            f.main
        };
        let concrete = path.replace("{id}", &id.to_string());
        let query = if path.ends_with("/search") {
            "?lang=fr&q=Koursk"
        } else {
            "?lang=fr"
        };
        let got = get(&app, &format!("{concrete}{query}")).await;
        // Search answers 503 without an index; every path must exist and answer JSON.
        assert!(
            got.status == 200 || got.status == 503,
            "{path}: {}",
            got.status
        );
        json(&got.body);
        let responses = item["get"]["responses"].as_object().unwrap();
        assert!(
            responses.contains_key(got.status.as_str()),
            "{path} documents {}",
            got.status
        );
    }
    let sections = json(&get(&app, "/api/v1/sections").await.body);
    assert_eq!(sections[0]["slug"], "the-gioi");
    assert_eq!(sections[0]["names"]["fr"], "Monde");
}

#[tokio::test]
async fn a_story_is_titled_by_its_lead_in_each_language() {
    let f = fixture().await;
    let app = web::router(portal(&f));
    // Without a lead, the newest article titles it.
    let got = get(&app, &format!("/api/v1/topics/{}?lang=fr", f.topic)).await;
    assert_eq!(got.status, 200, "{}", got.body);
    let story = json(&got.body);
    assert_eq!(
        story["title"],
        "Combats à Koursk : la Russie renforce sa défense"
    );
    assert_eq!(story["total"], 6);
    assert!(story["lead_article_id"].is_null());

    // With one chosen by the worker, its title in the reader's language.
    let lead = f.all[3];
    f.store
        .set_topic_lead(f.topic, lead, "Bài số 2")
        .await
        .unwrap();
    for (lang, title) in [("fr", "Article numéro 2"), ("en", "Article number 2")] {
        let story = json(
            &get(&app, &format!("/api/v1/topics/{}?lang={lang}", f.topic))
                .await
                .body,
        );
        assert_eq!(story["title"], title);
        assert_eq!(story["lead_article_id"], lead);
        assert_eq!(story["url"], format!("{BASE}/{lang}/topic/{}", f.topic));
        let page = get(&app, &format!("/{lang}/topic/{}", f.topic)).await;
        assert!(
            page.body.contains(&format!("<h1>{title}</h1>")),
            "{lang} page"
        );
    }
    // The ids run newest first, the story's articles only.
    let ids: Vec<i64> = story_ids(&app, f.topic).await;
    assert_eq!(ids.len(), 6);
    assert_eq!(ids[0], f.main);
}

async fn story_ids(app: &axum::Router, topic: i64) -> Vec<i64> {
    let story = json(
        &get(app, &format!("/api/v1/topics/{topic}?lang=fr"))
            .await
            .body,
    );
    story["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect()
}
