//! The whole pipeline through the real binary: the sample publisher over HTTP,
//! a LibreTranslate-protocol engine, on SQLite and on PostgreSQL.

use crate::common;

use common::{nb, run, sample_site, write_config, FakeLibre};
use store::{ArticleStatus, TeaserFilter, TranslationStatus};

pub(crate) async fn open(dir: &std::path::Path, database_url: Option<&str>) -> store::Store {
    let url = database_url.map(str::to_string).unwrap_or_else(|| {
        format!(
            "sqlite://{}",
            dir.join("data").join("newsbridge.db").display()
        )
    });
    store::Store::open(&url).await.unwrap()
}

/// The sample publisher ingested (vi + en, the fake engine) through its sitemap.
pub(crate) struct Ingested {
    pub dir: tempfile::TempDir,
    pub site: std::sync::Arc<sample_publisher::Site>,
    pub addr: std::net::SocketAddr,
    pub engine: FakeLibre,
    pub config: std::path::PathBuf,
}

pub(crate) async fn ingested_sample() -> Ingested {
    let dir = tempfile::tempdir().unwrap();
    let (site, addr) = sample_site(0).await;
    let engine = FakeLibre::spawn().await;
    let config = write_config(dir.path(), addr, Some(&engine.url), "");
    common::add_sample_sitemap(&config, addr);
    let (ok, _, err) = run(nb(&config).args(["ingest", "--once"]));
    assert!(ok, "{err}");
    Ingested {
        dir,
        site,
        addr,
        engine,
        config,
    }
}

async fn ingest_and_edit(database_url: Option<String>) {
    let dir = tempfile::tempdir().unwrap();
    let (site, addr) = sample_site(0).await;
    let engine = FakeLibre::spawn().await;
    let config = write_config(dir.path(), addr, Some(&engine.url), "");
    let with_db = |cmd: &mut std::process::Command| {
        if let Some(url) = &database_url {
            cmd.env("DATABASE_URL", url);
        }
    };

    let mut add = nb(&config);
    // The sitemap: its lastmod is how the publisher's edits are noticed.
    add.args([
        "sources",
        "add",
        &format!("http://{addr}/sitemap.xml"),
        "--name",
        "Báo Sông Hồng",
        "--include",
        r"\.html$",
    ]);
    with_db(&mut add);
    let (ok, out, err) = run(&mut add);
    assert!(ok, "{err}");
    assert!(
        out.contains("(Báo Sông Hồng, sitemap)"),
        "the kind is guessed from the response: {out}"
    );

    // An operator's glossary: the English pages must say "Jidda" for Jeddah.
    let csv = dir.path().join("names.csv");
    std::fs::write(
        &csv,
        "source_lang,target_lang,source,target,kind,case\nvi,en,Jeddah,Jidda,forced,insensitive\n",
    )
    .unwrap();
    let mut glossary = nb(&config);
    glossary.args(["glossary", "import", csv.to_str().unwrap()]);
    with_db(&mut glossary);
    let (ok, out, err) = run(&mut glossary);
    assert!(ok && out.contains("imported 1 terms"), "{out}{err}");

    let mut ingest = nb(&config);
    ingest.args(["ingest", "--once"]);
    with_db(&mut ingest);
    let (ok, out, err) = run(&mut ingest);
    assert!(ok, "{err}");
    assert!(out.contains("dead jobs: none"), "{out}\n{err}");

    let store = open(dir.path(), database_url.as_deref()).await;
    let expected = site.bundled_articles().len() as i64;
    for lang in ["vi", "en"] {
        let n = store
            .count_teasers(lang, TeaserFilter::default())
            .await
            .unwrap();
        assert_eq!(n, expected, "{lang} versions published");
    }
    let first = site.bundled_articles()[0].clone();
    let url = format!("http://{addr}{}", first.path());
    let record = store
        .article_by_url(&url)
        .await
        .unwrap()
        .expect("stored under its canonical URL");
    assert_eq!(record.status, ArticleStatus::Classified);
    assert_eq!(record.original.title, first.title);
    assert!(record.section_id.is_some(), "filed under a section");
    let en = store.translation(record.id, "en").await.unwrap().unwrap();
    assert_eq!(en.status, TranslationStatus::Published);
    // The engine's output, with numbers localized for English (12.000 → 12,000).
    assert_ne!(en.content.title, first.title);
    assert!(
        en.qa_flags.is_empty(),
        "a clean translation has no QA flags: {:?}\n{}",
        en.qa_flags,
        en.segments
            .as_array()
            .into_iter()
            .flatten()
            .filter(|s| s
                .get("flags")
                .is_some_and(|f| f.as_array().is_some_and(|a| !a.is_empty())))
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert_eq!(
        en.content.blocks.len(),
        record.original.blocks.len(),
        "same block structure"
    );
    assert_eq!(
        en.engine.as_deref(),
        Some("libre/argos"),
        "credited to the engine and its model"
    );
    let jeddah = site
        .bundled_articles()
        .into_iter()
        .find(|a| a.body_text().contains("Jeddah"))
        .expect("the sample has a Jeddah story");
    let jeddah = store
        .article_by_url(&format!("http://{addr}{}", jeddah.path()))
        .await
        .unwrap()
        .unwrap();
    let jeddah_en = store.translation(jeddah.id, "en").await.unwrap().unwrap();
    let text = jeddah_en.content.body_text();
    assert!(
        text.contains("Jidda") && !text.contains("Jeddah"),
        "the glossary is enforced: {text}"
    );
    let calls_before = engine.count();

    // An upstream edit: one paragraph changes; only its sentences go to the engine again.
    site.edit_article(first.id, |a| {
        if let Some(sample_publisher::BodyBlock::Paragraph(text)) = a
            .body
            .iter_mut()
            .find(|b| matches!(b, sample_publisher::BodyBlock::Paragraph(_)))
        {
            *text = article::RichText::plain("Đoạn văn này đã được tòa soạn sửa lại sau khi đăng.");
        }
    })
    .unwrap();
    let mut again = nb(&config);
    again.args(["ingest", "--once"]);
    with_db(&mut again);
    let (ok, out, err) = run(&mut again);
    assert!(ok, "{err}");
    assert!(out.contains("dead jobs: none"), "{out}");
    let edited = store.article(record.id).await.unwrap();
    assert_eq!(
        edited.revision, 2,
        "the edit is a new revision of the same article:\n{out}"
    );
    let en = store.translation(record.id, "en").await.unwrap().unwrap();
    assert_eq!(en.source_revision, 2);
    let body = en.content.body_text();
    let expected_paragraph =
        common::fake_translate("Đoạn văn này đã được tòa soạn sửa lại sau khi đăng.");
    assert!(body.contains(&expected_paragraph), "{body}");
    let resent = engine.count() - calls_before;
    assert!(
        (1..=3).contains(&resent),
        "only the changed segment is translated again, not {resent}"
    );
    assert_eq!(
        store
            .count_teasers("en", TeaserFilter::default())
            .await
            .unwrap(),
        expected,
        "nothing duplicated by the edit"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sample_publisher_end_to_end_on_sqlite() {
    ingest_and_edit(None).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sample_publisher_end_to_end_on_postgres() {
    if let Some(url) = store::testing::postgres_url().await {
        ingest_and_edit(Some(url)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_publishes_every_article_in_every_language() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("demo");
    let (ok, out, err) = run(nb(&dir.path().join("unused.toml")).args([
        "demo",
        "--no-serve",
        "--data-dir",
        data.to_str().unwrap(),
    ]));
    assert!(ok, "{err}");
    let bundled = sample_publisher::Site::bundled()
        .unwrap()
        .bundled_articles()
        .len();
    for lang in ["vi", "en", "fr"] {
        assert!(
            out.contains(&format!("{lang}: published {bundled}\n")),
            "{lang} incomplete:\n{out}"
        );
    }
    assert!(out.contains("dead jobs: none"), "{out}");
    assert!(out.contains("0 units not aligned"), "{out}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn newsbridge_run_serves_the_portal_health_and_metrics() {
    let Ingested {
        dir,
        site,
        addr,
        engine: _,
        config,
    } = ingested_sample().await;

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let token = "a-metrics-token-for-this-test";
    let mut server = nb(&config)
        .arg("run")
        .env("NEWSBRIDGE_SERVER__LISTEN", format!("127.0.0.1:{port}"))
        .env("NEWSBRIDGE_SERVER__METRICS_TOKEN", token)
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let mut up = false;
    for _ in 0..100 {
        if let Ok(r) = client.get(format!("{base}/healthz")).send().await {
            if r.status().is_success() {
                up = true;
                break;
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(up, "newsbridge run did not come up");

    // `/metrics` on the portal's port only for the token's holder.
    let anonymous = client.get(format!("{base}/metrics")).send().await.unwrap();
    assert_ne!(anonymous.status(), 200, "metrics are not public");
    let metrics = client
        .get(format!("{base}/metrics"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let n = site.bundled_articles().len();
    assert!(
        metrics.contains(&format!(
            "newsbridge_translations{{lang=\"en\",status=\"published\"}} {n}"
        )),
        "{metrics}"
    );
    assert!(
        metrics.contains("newsbridge_jobs{stage=\"fetch\",state=\"done\"}"),
        "{metrics}"
    );

    let store = open(dir.path(), None).await;
    let first = site.bundled_articles()[0].clone();
    let record = store
        .article_by_url(&format!("http://{addr}{}", first.path()))
        .await
        .unwrap()
        .unwrap();
    let en = store.translation(record.id, "en").await.unwrap().unwrap();
    let sections = store.sections().await.unwrap();
    let section = sections
        .iter()
        .find(|s| Some(s.id) == record.section_id)
        .unwrap();
    let url = format!("{base}/en/{}/{}-{}", section.slug, record.id, en.slug);
    let page = client.get(&url).send().await.unwrap();
    assert_eq!(page.status(), 200, "{url}");
    let page = page.text().await.unwrap();
    assert!(
        page.contains(&en.content.title),
        "the English page shows the English title"
    );
    assert!(
        page.contains(&format!("http://{addr}{}", first.path())),
        "and links the original"
    );
    server.kill().unwrap();
    server.wait().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_editors_correction_is_remembered_and_the_version_re_rendered() {
    let Ingested {
        dir,
        site,
        addr,
        engine,
        config,
    } = ingested_sample().await;

    let store = open(dir.path(), None).await;
    let first = site.bundled_articles()[0].clone();
    let record = store
        .article_by_url(&format!("http://{addr}{}", first.path()))
        .await
        .unwrap()
        .unwrap();
    let en = store.translation(record.id, "en").await.unwrap().unwrap();
    let title = en
        .segments
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["unit"] == "title")
        .expect("a title segment");
    let source = title["source"].as_str().unwrap().to_string();
    store
        .queue_revision(&store::Revision {
            article_id: record.id,
            lang: "en".into(),
            source: source.clone(),
            target: "An editor's better headline".into(),
            editor: "alice".into(),
        })
        .await
        .unwrap();
    let calls_before = engine.count();
    let (ok, out, err) = run(nb(&config).args(["ingest", "--once"]));
    assert!(ok && out.contains("dead jobs: none"), "{out}{err}");

    let en = store.translation(record.id, "en").await.unwrap().unwrap();
    assert_eq!(en.content.title, "An editor's better headline");
    assert_eq!(en.reviewed_by.as_deref(), Some("alice"));
    assert_eq!(en.status, TranslationStatus::Published);
    assert_eq!(
        engine.count(),
        calls_before,
        "re-rendered from the memory alone"
    );
    let key = translate::SegmentKey::new(&source, "vi").exact;
    let remembered = store
        .memory_lookup("vi", "en", &key)
        .await
        .unwrap()
        .expect("remembered");
    assert_eq!(remembered.origin, "human:alice");
    assert_eq!(remembered.target_text, "An editor's better headline");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fresh_rss_article_corrected_upstream_is_noticed() {
    let dir = tempfile::tempdir().unwrap();
    let (site, addr) = sample_site(0).await;
    let engine = FakeLibre::spawn().await;
    let config = write_config(dir.path(), addr, Some(&engine.url), "");
    let feed = format!("http://{addr}/rss/home.rss");
    let (ok, _, err) = run(nb(&config).args(["sources", "add", &feed]));
    assert!(ok, "{err}");
    // An article published just now: RSS gives no modification time.
    let id = site.publish_generated(1)[0];
    let (ok, out, err) = run(nb(&config).args(["ingest", "--once"]));
    assert!(ok && out.contains("dead jobs: none"), "{out}{err}");
    let fresh = site.article(id).unwrap();
    let store = open(dir.path(), None).await;
    let url = format!("http://{addr}{}", fresh.path());
    assert_eq!(
        store.article_by_url(&url).await.unwrap().unwrap().revision,
        1
    );

    site.edit_article(id, |a| a.title = format!("{} (đã cập nhật)", a.title))
        .unwrap();
    let (ok, out, err) = run(nb(&config).args(["ingest", "--once"]));
    assert!(ok && out.contains("dead jobs: none"), "{out}{err}");
    let record = store.article_by_url(&url).await.unwrap().unwrap();
    assert_eq!(record.revision, 2, "the correction was noticed");
    assert!(record.original.title.ends_with("(đã cập nhật)"));
    let older = site.bundled_articles()[0].clone();
    let older = store
        .article_by_url(&format!("http://{addr}{}", older.path()))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(older.revision, 1, "old articles are not fetched again");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_withdrawn_original_is_flagged_for_an_editor_not_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let (site, addr) = sample_site(0).await;
    let engine = FakeLibre::spawn().await;
    let config = write_config(dir.path(), addr, Some(&engine.url), "");
    let feed = format!("http://{addr}/rss/home.rss");
    let (ok, _, err) = run(nb(&config).args(["sources", "add", &feed]));
    assert!(ok, "{err}");
    let ids = site.publish_generated(2);
    let (ok, out, err) = run(nb(&config).args(["ingest", "--once"]));
    assert!(ok && out.contains("dead jobs: none"), "{out}{err}");
    let store = open(dir.path(), None).await;
    let url_of = |id| format!("http://{addr}{}", site.article(id).unwrap().path());
    let (withdrawn, kept) = (url_of(ids[0]), url_of(ids[1]));

    // The publisher withdraws one: its page answers 410 and it leaves the feed.
    assert!(site.unpublish(ids[0]));
    // Right after ingestion nothing is due again: no request for either page.
    let hits_before = site.hits(&withdrawn.replace(&format!("http://{addr}"), ""));
    let (ok, out, err) = run(nb(&config).args(["ingest", "--once"]));
    assert!(ok && out.contains("dead jobs: none"), "{out}{err}");
    let path = withdrawn.replace(&format!("http://{addr}"), "");
    assert_eq!(
        site.hits(&path),
        hits_before,
        "not rechecked before recheck_minutes"
    );
    let record = store.article_by_url(&withdrawn).await.unwrap().unwrap();
    assert_eq!(record.upstream_gone, None);

    // Seven hours later (the default recheck is every 6 h for 2 days).
    let pool = store.pool();
    sqlx::query("UPDATE pages SET fetched_at = fetched_at - 25200000")
        .execute(pool)
        .await
        .unwrap();
    let (ok, out, err) = run(nb(&config).args(["ingest", "--once"]));
    assert!(ok, "{err}");
    assert!(
        out.contains("dead jobs: none"),
        "a withdrawal is not an operator's failure: {out}"
    );
    let record = store.article_by_url(&withdrawn).await.unwrap().unwrap();
    let gone = record.upstream_gone.expect("flagged gone upstream");
    assert_eq!(gone.status, 410);
    assert_eq!(
        record.status,
        ArticleStatus::Classified,
        "still online until an editor decides"
    );
    let en = store.translation(record.id, "en").await.unwrap().unwrap();
    assert_eq!(en.status, TranslationStatus::Published);
    let listed = store.articles_gone_upstream(10).await.unwrap();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0].article_id, record.id);
    assert!(store
        .audit_has("upstream_gone", &format!("article {}", record.id))
        .await
        .unwrap());
    let kept = store.article_by_url(&kept).await.unwrap().unwrap();
    assert_eq!(kept.upstream_gone, None, "the unchanged one answered 304");
    assert_eq!(kept.revision, 1);
    let per_source = store.source_activity().await.unwrap();
    let activity = per_source.values().next().expect("one source");
    assert_eq!(activity.gone_upstream, 1);
    assert!(
        activity.jobs.get("done").copied().unwrap_or(0) >= 3,
        "{activity:?}"
    );

    // Checked once per period: another run sends nothing to the publisher.
    let hits = site.hits(&path);
    let (ok, _, err) = run(nb(&config).args(["ingest", "--once"]));
    assert!(ok, "{err}");
    assert_eq!(
        site.hits(&path),
        hits,
        "a flagged original is not fetched again"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn copies_syndicated_by_a_second_publisher_are_linked_not_republished() {
    let dir = tempfile::tempdir().unwrap();
    let (first, addr_a) = sample_site(0).await;
    // A second newspaper running the same wire copy; one story under its own
    // headline and with a credit line added: a near duplicate, not an exact one.
    let (second, addr_b) = sample_site(0).await;
    let story = second.bundled_articles()[0].clone();
    second
        .edit_article(story.id, |a| {
            a.title = format!("{} (tin tổng hợp)", a.title);
            a.body.push(sample_publisher::BodyBlock::Paragraph(
                article::RichText::plain("Theo Báo Sông Hồng."),
            ));
        })
        .unwrap();
    let engine = FakeLibre::spawn().await;
    let config =
        common::write_config_allowing(dir.path(), &[addr_a, addr_b], Some(&engine.url), "");
    for addr in [addr_a, addr_b] {
        let sitemap = format!("http://{addr}/sitemap.xml");
        let (ok, _, err) =
            run(nb(&config).args(["sources", "add", &sitemap, "--include", r"\.html$"]));
        assert!(ok, "{err}");
        // One publisher after the other, so the first one's copy is the original.
        let (ok, out, err) = run(nb(&config).args(["ingest", "--once"]));
        assert!(ok && out.contains("dead jobs: none"), "{out}{err}");
    }
    let store = open(dir.path(), None).await;
    let expected = first.bundled_articles().len() as i64;
    assert_eq!(
        store
            .count_teasers("en", TeaserFilter::default())
            .await
            .unwrap(),
        expected,
        "each story published once"
    );
    for a in first.bundled_articles() {
        let original = store
            .article_by_url(&format!("http://{addr_a}{}", a.path()))
            .await
            .unwrap()
            .unwrap();
        let path = second.article(a.id).unwrap().path();
        let copy = store
            .article_by_url(&format!("http://{addr_b}{path}"))
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("the copy of {} is stored", a.id));
        assert_eq!(copy.status, ArticleStatus::Duplicate, "{path}");
        assert_eq!(
            copy.duplicate_of,
            Some(original.id),
            "{path} links its original"
        );
        assert!(store.translation(copy.id, "en").await.unwrap().is_none());
    }
    let near = store
        .article_by_url(&format!(
            "http://{addr_b}{}",
            second.article(story.id).unwrap().path()
        ))
        .await
        .unwrap()
        .unwrap();
    assert!(
        near.original.title.ends_with("(tin tổng hợp)"),
        "the near copy is the edited one"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_article_is_translated_again_on_demand() {
    let sample = ingested_sample().await;
    let store = open(sample.dir.path(), None).await;
    let first = sample.site.bundled_articles()[0].clone();
    let record = store
        .article_by_url(&format!("http://{}{}", sample.addr, first.path()))
        .await
        .unwrap()
        .unwrap();
    // Translated again on demand (after a new model or glossary terms).
    let before = store.translation(record.id, "en").await.unwrap().unwrap();
    let id = record.id.to_string();
    let (ok, out, err) = run(nb(&sample.config).args(["translate", &id, "--lang", "en"]));
    assert!(ok, "{err}");
    assert!(out.contains("en: published"), "{out}");
    let after = store.translation(record.id, "en").await.unwrap().unwrap();
    assert_eq!(after.status, TranslationStatus::Published);
    assert!(
        after.content.title == before.content.title,
        "same memory, same text"
    );

    let (ok, _, err) = run(nb(&sample.config).args(["translate", "987654"]));
    assert!(!ok && err.contains("there is no article 987654"), "{err}");
    let (ok, _, err) = run(nb(&sample.config).args(["translate", &id, "--lang", "xx"]));
    assert!(!ok && err.contains("does not serve"), "{err}");
    let (ok, _, err) = run(nb(&sample.config).args(["translate", &id, "--lang", "vi"]));
    assert!(!ok && err.contains("own language"), "{err}");
}
