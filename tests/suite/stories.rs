//! Stories through the real pipeline: the sample publisher's multi-day flood
//! series becomes one story, with a page in every language; unrelated articles
//! are not pulled into it.

use std::collections::{BTreeSet, HashMap};

use sqlx::Row;

use crate::pipeline::{ingested_sample, open};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_flood_series_is_one_story_with_a_page() {
    let sample = ingested_sample().await;
    let store = open(sample.dir.path(), None).await;
    let topic_of: HashMap<String, Option<i64>> = sqlx::query("SELECT url, topic_id FROM articles")
        .fetch_all(store.pool())
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get("url"), r.get("topic_id")))
        .collect();
    let url = |a: &sample_publisher::SampleArticle| format!("http://{}{}", sample.addr, a.path());
    let articles = sample.site.articles();
    assert!(
        topic_of.values().all(Option::is_some),
        "every article gets a story (most a story of their own)"
    );
    let flood: BTreeSet<i64> = articles
        .iter()
        .filter(|a| a.series.as_deref() == Some("mưa lũ miền Trung"))
        .map(|a| topic_of[&url(a)].unwrap())
        .collect();
    assert_eq!(flood.len(), 1, "the flood series is split: {flood:?}");
    let flood_story = *flood.iter().next().unwrap();
    let outsiders: Vec<&str> = articles
        .iter()
        .filter(|a| a.series.as_deref() != Some("mưa lũ miền Trung"))
        .filter(|a| topic_of[&url(a)] == Some(flood_story))
        .map(|a| a.title.as_str())
        .collect();
    assert!(outsiders.is_empty(), "not about the floods: {outsiders:?}");
    let stories: BTreeSet<i64> = topic_of.values().flatten().copied().collect();
    assert!(
        stories.len() > articles.len() / 2,
        "unrelated articles are not merged: {} stories",
        stories.len()
    );

    // The story's page lists the series in English.
    let app = crate::common::serve_portal(&sample.config).await;
    let page = reqwest::get(format!("{}/en/topic/{flood_story}", app.base))
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    let series_len = articles
        .iter()
        .filter(|a| a.series.as_deref() == Some("mưa lũ miền Trung"))
        .count();
    assert!(
        html.matches("<article").count() >= series_len,
        "the story page lists every article of the series"
    );

    // It is titled by its lead: the most central article of the series,
    // in English, and its label is that article's Vietnamese headline.
    let lead = store
        .topic_lead(flood_story)
        .await
        .unwrap()
        .expect("the story has a lead article");
    let lead_record = store.article(lead).await.unwrap();
    assert_eq!(lead_record.topic_id, Some(flood_story));
    assert_eq!(
        store.topic_label(flood_story).await.unwrap().as_deref(),
        Some(lead_record.original.title.as_str())
    );
    let english = store.teasers_of("en", &[lead]).await.unwrap();
    let title = &english
        .first()
        .expect("the lead is published in English")
        .title;
    let h1 = heading_text(&html).expect("the story page has an <h1>");
    assert_eq!(h1, web_escape(title), "the page's heading");
}

/// The text of the page's first `<h1>`, its inline markup (the `<span
/// lang="vi">` around names kept in Vietnamese) left out.
fn heading_text(html: &str) -> Option<String> {
    let start = html.find("<h1")?;
    let inner = &html[start..];
    let inner = &inner[inner.find('>')? + 1..inner.find("</h1>")?];
    let mut text = String::new();
    let mut in_tag = false;
    for c in inner.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    Some(text)
}

/// `title` as the templates escape text.
fn web_escape(title: &str) -> String {
    title
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_story_split_by_a_race_is_merged_and_its_page_redirects() {
    let sample = ingested_sample().await;
    let store = open(sample.dir.path(), None).await;
    let flood: Vec<(i64, i64)> = {
        let mut out = Vec::new();
        for a in sample.site.articles() {
            if a.series.as_deref() == Some("mưa lũ miền Trung") {
                let r = store
                    .article_by_url(&format!("http://{}{}", sample.addr, a.path()))
                    .await
                    .unwrap()
                    .unwrap();
                out.push((r.id, r.topic_id.unwrap()));
            }
        }
        out
    };
    let story = flood[0].1;
    assert!(flood.len() >= 4 && flood.iter().all(|(_, t)| *t == story));
    // Two workers filing at the same instant started a second story for half
    // of the series (as their story indexes recorded it).
    let split = store.create_topic("Mưa lũ (bản thứ hai)").await.unwrap();
    let moved: Vec<i64> = flood
        .iter()
        .skip(flood.len() / 2)
        .map(|(id, _)| *id)
        .collect();
    for id in &moved {
        sqlx::query("UPDATE articles SET topic_id = $1 WHERE id = $2")
            .bind(split)
            .bind(id)
            .execute(store.pool())
            .await
            .unwrap();
    }
    std::fs::remove_dir_all(sample.dir.path().join("data").join("stories")).unwrap();

    let (ok, out, err) =
        crate::common::run(crate::common::nb(&sample.config).args(["ingest", "--once"]));
    assert!(ok, "{err}");
    assert!(out.contains("merged 1 stories"), "{out}");
    for (id, _) in &flood {
        let topic = store.article(*id).await.unwrap().topic_id.unwrap();
        assert_eq!(topic, story, "article {id} is back in the older story");
    }
    assert!(store
        .audit_has("story_merged", &format!("story {split}"))
        .await
        .unwrap());
    assert_eq!(store.live_topic(split).await.unwrap(), story);

    let app = crate::common::serve_portal(&sample.config).await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let got = client
        .get(format!("{}/en/topic/{split}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(got.status(), 301);
    assert_eq!(
        got.headers()["location"].to_str().unwrap(),
        format!("/en/topic/{story}")
    );
}
