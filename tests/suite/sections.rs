//! The section classifier: trained on the articles a publisher filed, it
//! files the ones whose page names no section.

use crate::common;

use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use common::{nb, run, sample_site, write_config_allowing};

const SPORT_PAGE: &str = r#"<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Đội bóng địa phương thắng trận derby</title></head>
<body><article><h1>Đội bóng địa phương thắng trận derby</h1>
<p>Chiều qua, câu lạc bộ bóng đá của tỉnh đã thắng 2-1 trong trận derby trên sân nhà trước hơn 9.000 khán giả, nhờ hai bàn thắng của tiền đạo trẻ ở hiệp hai.</p>
<p>Huấn luyện viên cho biết các cầu thủ đã thi đấu kiên trì, pressing tầm cao và tận dụng tốt các tình huống cố định. Đội khách chơi tốt trong hiệp một và mở tỉ số bằng một cú sút xa.</p>
<p>Với chiến thắng này, đội bóng vươn lên vị trí thứ ba trên bảng xếp hạng giải hạng Nhất, kém đội đầu bảng bốn điểm khi giải đấu còn sáu vòng.</p>
<p>Vòng tới, đội sẽ làm khách trên sân của đối thủ trực tiếp trong cuộc đua thăng hạng; ban huấn luyện cho các cầu thủ nghỉ hai ngày trước khi tập trung trở lại.</p>
</article></body></html>"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unfiled_article_is_filed_by_the_classifier_with_its_confidence() {
    let dir = tempfile::tempdir().unwrap();
    let (_site, addr) = sample_site(40).await;

    // A second publisher whose pages and feed say nothing about sections.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let other = listener.local_addr().unwrap();
    let feed = format!(
        r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Báo khác</title><link>http://{other}/</link><description>x</description>
<item><title>Đội bóng địa phương thắng trận derby</title><link>http://{other}/a.html</link><pubDate>Sun, 02 Nov 2025 08:00:00 +0700</pubDate></item></channel></rss>"#
    );
    let app = Router::new()
        .route(
            "/feed.xml",
            get(move || async move {
                ([("content-type", "application/rss+xml")], feed.clone()).into_response()
            }),
        )
        .route(
            "/a.html",
            get(|| async {
                ([("content-type", "text/html; charset=utf-8")], SPORT_PAGE).into_response()
            }),
        );
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });

    let config = write_config_allowing(dir.path(), &[addr, other], None, "");
    std::fs::write(
        &config,
        std::fs::read_to_string(&config)
            .unwrap()
            .replace("languages = [\"vi\", \"en\"]", "languages = [\"vi\"]"),
    )
    .unwrap();
    let (ok, _, err) = run(nb(&config).args([
        "sources",
        "add",
        &format!("http://{addr}/sitemap.xml"),
        "--include",
        r"\.html$",
    ]));
    assert!(ok, "{err}");
    let (ok, out, err) = run(nb(&config).args(["ingest", "--once"]));
    assert!(ok && out.contains("dead jobs: none"), "{out}{err}");

    let (ok, out, err) = run(nb(&config).args(["sections", "retrain"]));
    assert!(ok, "{err}");
    assert!(
        out.contains("cross-validation") && out.contains("saved"),
        "{out}"
    );

    let (ok, _, err) = run(nb(&config).args([
        "sources",
        "add",
        &format!("http://{other}/feed.xml"),
        "--kind",
        "feed",
    ]));
    assert!(ok, "{err}");
    let (ok, out, err) = run(nb(&config).args(["ingest", "--once"]));
    assert!(ok && out.contains("dead jobs: none"), "{out}{err}");

    let store = store::Store::open(&format!(
        "sqlite://{}",
        dir.path().join("data").join("newsbridge.db").display()
    ))
    .await
    .unwrap();
    let record = store
        .article_by_url(&format!("http://{other}/a.html"))
        .await
        .unwrap()
        .expect("ingested");
    let sections = store.sections().await.unwrap();
    let section = sections
        .iter()
        .find(|s| Some(s.id) == record.section_id)
        .expect("filed");
    assert_eq!(section.slug, "the-thao", "a football report is sport");
    let confidence = record.section_confidence.unwrap();
    assert!(
        confidence > 0.0 && confidence < 1.0,
        "the classifier's own confidence, not 1.0: {confidence}"
    );
}
