//! Mirrored pictures on the portal: `<picture>` with `srcset` for stored
//! ones, caption and alt text only for the others, never the publisher's
//! file; `/media/{key}` served immutable with ETag and 304, only for keys of
//! the exact rendition shape (a half-written file or an original is 404).

use axum::http::StatusCode;
use images::{ContentHash, OutputFormat};
use store::ImageOutcome;

use crate::common::*;

/// Every `src` and `srcset` URL of `<img>` and `<source>` elements, and the og:image.
fn picture_urls(html: &str) -> Vec<String> {
    let mut urls = Vec::new();
    for attr in ["src=\"", "srcset=\"", "og:image\" content=\""] {
        for (i, _) in html.match_indices(attr) {
            let rest = &html[i + attr.len()..];
            let value = &rest[..rest.find('"').unwrap()];
            for item in value.split(", ") {
                urls.push(item.split(' ').next().unwrap().replace("&amp;", "&"));
            }
        }
    }
    urls
}

#[tokio::test]
async fn stored_pictures_are_served_from_our_origin_with_srcset_and_the_others_are_not_shown() {
    // The fixture stores every picture of the main article (common::fixture).
    let f = fixture().await;
    let lead_ref = f
        .store
        .article_images(f.main)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.role == store::ImageRole::Lead)
        .unwrap();
    // The lead picture failed to download: it is not shown.
    f.store
        .record_image_outcome(
            lead_ref.id,
            &ImageOutcome::Failed {
                error: "503".into(),
                http_status: Some(503),
            },
        )
        .await
        .unwrap();
    let app = web::router(portal(&f));
    let path = article_path(&f, "fr").await;
    let page = get(&app, &path).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.body;
    assert!(html.contains("<picture>"), "{html}");
    assert!(html.contains("<source type=\"image/webp\" srcset=\"/media/"));
    assert!(html.contains("alt=\"Des soldats dans la neige\""));
    assert!(html.contains(" 480w, /media/"), "a srcset of widths");
    assert!(
        html.contains("width=\"960\" height=\"640\""),
        "nothing shifts"
    );
    assert!(html.contains("max-image-preview:large"));
    for url in picture_urls(&html) {
        assert!(
            url.starts_with("/media/")
                || url.starts_with(&format!("{BASE}/media/"))
                || url.starts_with("/static/"),
            "a picture from elsewhere: {url}"
        );
    }
    assert!(
        !html.contains("img.baomau.example.vn/kursk"),
        "never hot-linked"
    );
    // The publisher's logo is named only in JSON-LD (for search engines,
    // never fetched by a reader's browser), not shown.
    assert!(
        !html.contains("src=\"https://baomau.example.vn/logo.png"),
        "the publisher's logo is not hot-linked either"
    );
    // The lead picture is not stored: its alt text stands in its place, no <img>.
    assert!(html.contains("Un char sur la route"));
    assert!(!html.contains("alt=\"Un char sur la route\""));
    assert!(
        !html.contains("og:image"),
        "no social card without a stored picture"
    );

    // Once stored, the lead picture is the social card, at 1,200 px in JPEG.
    let lead = ContentHash::of(b"https://img.baomau.example.vn/kursk0.jpg");
    f.store
        .record_image_outcome(
            lead_ref.id,
            &ImageOutcome::Stored {
                hash: lead.to_string(),
            },
        )
        .await
        .unwrap();
    let app = web::router(portal(&f));
    let html = get(&app, &path).await.body;
    let card = format!(
        "{BASE}/media/{}",
        images::rendition_key(&lead, 1200, OutputFormat::Jpeg)
    );
    assert!(
        html.contains(&format!("<meta property=\"og:image\" content=\"{card}\">")),
        "{html}"
    );
    assert!(html.contains("alt=\"Un char sur la route\""));

    // Teasers show it too; feeds carry our card, not the publisher's file.
    let home = get(&app, "/fr/").await.body;
    assert!(home.contains("<picture>"));
    assert!(!home.contains("img.baomau.example.vn"));
    let rss = get(&app, "/fr/feed.xml").await.body;
    assert!(rss.contains(&card), "{rss}");
    assert!(!rss.contains("img.baomau.example.vn"));
}

#[tokio::test]
async fn the_media_route_serves_renditions_immutable_with_etag_and_nothing_else() {
    let f = fixture().await;
    let app = web::router(portal(&f));
    let hash = ContentHash::of(b"https://img.baomau.example.vn/kursk1.jpg");
    let key = images::rendition_key(&hash, 960, OutputFormat::Webp);
    let got = get(&app, &format!("/media/{key}")).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.header("content-type"), "image/webp");
    assert_eq!(
        got.header("cache-control"),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(got.header("x-content-type-options"), "nosniff");
    assert!(
        got.header("content-encoding").is_empty(),
        "pictures are not recompressed"
    );
    assert_eq!(got.body, format!("rendition {key}"));
    let etag = got.header("etag").to_string();
    assert!(etag.starts_with('"'), "{etag}");
    let again = get_with(&app, &format!("/media/{key}"), &[("if-none-match", &etag)]).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    assert_eq!(again.header("etag"), etag);

    // A write cut by a crash leaves a temporary file beside the renditions:
    // it is never served, and the rendition it was to become is simply absent.
    let partial_key = images::rendition_key(&hash, 1440, OutputFormat::Webp);
    let partial_path = f.images_dir.join(&partial_key);
    let partial = partial_path
        .parent()
        .unwrap()
        .join(".partial-1440.webp.12345");
    std::fs::write(&partial, b"half a pic").unwrap();
    let temp_key = format!("{}/.partial-1440.webp.12345", hash_dir(&partial_key));
    for path in [
        format!("/media/{partial_key}"),
        format!("/media/{temp_key}"),
        format!(
            "/media/{}",
            images::original_key(&hash, images::SourceFormat::Jpeg)
        ),
        "/media/../../etc/passwd".to_string(),
        format!("/media/{}", key.replace("webp", "svg")),
        format!("/media/{}", "a/".repeat(2000)),
    ] {
        let got = get(&app, &path).await;
        assert_eq!(got.status, StatusCode::NOT_FOUND, "{path}");
        assert!(!got.body.contains("half a pic"));
    }

    // Without a configured storage nothing is served.
    let bare = web::router(web::Portal::new(f.store.clone(), None, config()));
    assert_eq!(
        get(&bare, &format!("/media/{key}")).await.status,
        StatusCode::NOT_FOUND
    );
}

fn hash_dir(key: &str) -> &str {
    key.rsplit_once('/').unwrap().0
}

/// The French version's path of the main article.
async fn article_path(f: &Fixture, _lang: &str) -> String {
    format!(
        "/fr/the-gioi/{}-combats-a-koursk-la-russie-renforce-sa-defense",
        f.main
    )
}
