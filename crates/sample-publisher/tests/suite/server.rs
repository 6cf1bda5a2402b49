//! The sample publisher served for real on 127.0.0.1 and read over HTTP.

use std::collections::HashSet;
use std::sync::Arc;

use reqwest::header::{
    CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, LOCATION,
};
use reqwest::{Client, StatusCode};
use sample_publisher::{spawn, Site, FEED_SIZE};

struct Running {
    site: Arc<Site>,
    base: String,
    client: Client,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn start(site: Site) -> Running {
    let site = Arc::new(site);
    let (addr, task) = spawn(site.clone()).await.unwrap();
    assert!(addr.ip().is_loopback());
    let client = Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    Running {
        site,
        base: format!("http://{addr}"),
        client,
        task,
    }
}

impl Running {
    async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    async fn text(&self, path: &str) -> String {
        let r = self.get(path).await;
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        r.text().await.unwrap()
    }
}

/// Text of every element named `name` (namespace ignored), in document order.
fn texts(xml: &str, name: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants()
        .filter(|n| n.tag_name().name() == name)
        .map(|n| n.text().unwrap_or("").trim().to_string())
        .collect()
}

/// `href` of the feed's `<atom:link rel="next">`, if any.
fn next_link(xml: &str) -> Option<String> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants()
        .find(|n| n.tag_name().name() == "link" && n.attribute("rel") == Some("next"))
        .and_then(|n| n.attribute("href").map(String::from))
}

fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[tokio::test]
async fn article_pages_carry_content_chrome_and_metadata() {
    let s = start(Site::bundled().unwrap()).await;
    let articles = s.site.articles();
    for a in &articles {
        let r = s.get(&a.path()).await;
        assert_eq!(r.status(), StatusCode::OK, "{}", a.path());
        assert_eq!(r.headers()[CONTENT_TYPE], "text/html; charset=utf-8");
        let page = r.text().await.unwrap();
        let url = a.url(&s.base);
        assert!(page
            .starts_with("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">"));
        assert!(page.contains(&format!(
            "<h1 class=\"title-detail\">{}</h1>",
            escaped(&a.title)
        )));
        assert!(page.contains(&escaped(&a.lead)));
        assert!(page.contains(&format!("<link rel=\"canonical\" href=\"{url}\">")));
        assert!(page.contains(&format!("<meta property=\"og:url\" content=\"{url}\">")));
        assert!(page.contains("<meta property=\"og:title\""));
        assert!(page.contains("<meta property=\"og:image\""));
        assert!(page.contains("\"@type\":\"NewsArticle\""));
        assert!(page.contains(&format!("content=\"{}\"", a.published.to_rfc3339())));
        assert!(page.contains("(GMT+7)</span>"));
        for img in &a.images {
            assert!(
                page.contains(&format!("alt=\"{}\"", escaped(&img.alt))),
                "{}",
                img.alt
            );
            assert!(page.contains(&escaped(&img.caption)));
            assert!(page.contains(&img.path));
        }
        for heading in a.subheadings() {
            assert!(page.contains(&format!("{}</h", escaped(&heading))));
        }
        for b in &a.authors {
            assert!(page.contains(&escaped(&b.name)));
        }
        for chrome in [
            "cookie-consent",
            "Tin liên quan",
            "Đọc nhiều",
            "Chia sẻ",
            "box-newsletter",
            "binh-luan",
            "breadcrumb",
            "Quảng cáo",
        ] {
            assert!(page.contains(chrome), "{chrome} missing on {}", a.path());
        }
        // The JSON-LD is valid JSON with the article's facts.
        let start = page.find("<script type=\"application/ld+json\">").unwrap();
        let json = &page[start..];
        let json = &json[json.find('\n').unwrap()..json.find("</script>").unwrap()];
        let ld: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(ld["headline"], a.title.as_str());
        assert_eq!(ld["datePublished"], a.published.to_rfc3339());
        assert_eq!(ld["author"][0]["name"], a.authors[0].name.as_str());
        assert_eq!(ld["publisher"]["name"], s.site.newspaper().name.as_str());
        assert!(ld["publisher"]["logo"]["url"]
            .as_str()
            .unwrap()
            .starts_with(&s.base));
        // Block elements are balanced.
        for tag in [
            "div",
            "section",
            "article",
            "figure",
            "blockquote",
            "ul",
            "ol",
            "p",
            "header",
            "footer",
            "nav",
            "aside",
            "main",
        ] {
            let open = page.matches(&format!("<{tag}>")).count()
                + page.matches(&format!("<{tag} ")).count();
            assert_eq!(
                open,
                page.matches(&format!("</{tag}>")).count(),
                "<{tag}> on {}",
                a.path()
            );
        }
        // Nothing on the page points off the site.
        for attr in ["href=\"", "src=\""] {
            for (i, _) in page.match_indices(&format!("{attr}http")) {
                assert!(
                    page[i + attr.len()..].starts_with(&s.base),
                    "off-site link on {}",
                    a.path()
                );
            }
        }
    }
    // The three ways of loading images all occur.
    let all: String =
        futures_join(&s, &articles.iter().map(|a| a.path()).collect::<Vec<_>>()).await;
    assert!(all.contains("data-src=\"/images/"));
    assert!(all.contains("srcset=\"/images/"));
    assert!(all.contains("<img src=\"/images/"));
}

async fn futures_join(s: &Running, paths: &[String]) -> String {
    let mut all = String::new();
    for p in paths {
        all.push_str(&s.text(p).await);
    }
    all
}

#[tokio::test]
async fn feeds_are_well_formed_and_reach_every_article() {
    let s = start(Site::bundled().unwrap().with_generated(120)).await;
    let want: HashSet<String> = s.site.articles().iter().map(|a| a.url(&s.base)).collect();
    assert!(want.len() > FEED_SIZE * 2);

    let r = s.get("/rss/home.rss").await;
    assert_eq!(
        r.headers()[CONTENT_TYPE],
        "application/rss+xml; charset=utf-8"
    );
    let mut xml = r.text().await.unwrap();
    let mut seen = Vec::new();
    loop {
        assert_eq!(texts(&xml, "pubDate").len(), texts(&xml, "guid").len());
        for d in texts(&xml, "pubDate") {
            chrono::DateTime::parse_from_rfc2822(&d).unwrap();
        }
        assert!(texts(&xml, "category").iter().all(|c| !c.is_empty()));
        let doc = roxmltree::Document::parse(&xml).unwrap();
        for item in doc.descendants().filter(|n| n.tag_name().name() == "item") {
            let child = |name: &str| {
                item.children()
                    .find(|c| c.tag_name().name() == name)
                    .and_then(|c| c.text())
                    .unwrap()
                    .to_string()
            };
            assert_eq!(child("link"), child("guid"));
            assert!(!child("title").is_empty() && !child("description").is_empty());
            seen.push(child("link"));
        }
        match next_link(&xml) {
            Some(next) => {
                xml = s
                    .client
                    .get(next)
                    .send()
                    .await
                    .unwrap()
                    .text()
                    .await
                    .unwrap()
            }
            None => break,
        }
    }
    assert_eq!(seen.len(), want.len(), "no article twice");
    assert_eq!(seen.iter().cloned().collect::<HashSet<_>>(), want);

    for sec in s.site.sections() {
        let xml = s.text(&sec.feed_path()).await;
        let links = texts(&xml, "guid");
        assert!(!links.is_empty(), "{}", sec.slug);
        for l in links {
            assert!(l.starts_with(&format!("{}/{}/", s.base, sec.slug)));
        }
    }
    assert_eq!(
        s.get("/rss/khong-co.rss").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        s.get("/rss/home.rss?page=99").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn sitemaps_list_every_article_including_generated() {
    let s = start(Site::bundled().unwrap().with_generated(250)).await;
    let robots = s.text("/robots.txt").await;
    assert!(robots.contains(&format!("Sitemap: {}/sitemap.xml", s.base)));

    let index = s.text("/sitemap.xml").await;
    let maps = texts(&index, "loc");
    assert!(maps.contains(&format!("{}/sitemap-articles.xml", s.base)));
    assert!(maps.contains(&format!("{}/sitemap-news.xml", s.base)));

    let r = s.get("/sitemap-articles.xml").await;
    assert_eq!(r.headers()[CONTENT_TYPE], "application/xml; charset=utf-8");
    let xml = r.text().await.unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| {
            n.tag_name().name() == "loc" && n.parent().is_some_and(|p| p.tag_name().name() == "url")
        })
        .filter_map(|n| n.text())
        .collect();
    let want: HashSet<String> = s.site.articles().iter().map(|a| a.url(&s.base)).collect();
    assert_eq!(want.len(), s.site.bundled_articles().len() + 250);
    assert_eq!(locs.len(), want.len());
    assert_eq!(
        locs.iter().map(|l| l.to_string()).collect::<HashSet<_>>(),
        want
    );
    assert_eq!(texts(&xml, "lastmod").len(), want.len());

    let news = s.text("/sitemap-news.xml").await;
    assert_eq!(
        texts(&news, "publication_date").len(),
        want.len().min(sample_publisher::NEWS_LIMIT)
    );
    assert!(texts(&news, "language").iter().all(|l| l == "vi"));

    // A generated article is a real page with its images.
    let g = s.site.articles().into_iter().find(|a| a.generated).unwrap();
    let page = s.text(&g.path()).await;
    assert!(page.contains(&escaped(&g.title)));
    let img = s.get(&g.images[0].path).await;
    assert_eq!(img.status(), StatusCode::OK);
    assert_eq!(img.headers()[CONTENT_TYPE], "image/jpeg");
}

/// The photographs are real JPEGs of a newspaper's size, and a site that
/// refuses hot-linking answers 403 to another origin's pages only.
#[tokio::test]
async fn photos_are_large_jpegs_and_hotlinking_can_be_refused() {
    let s = start(Site::bundled().unwrap()).await;
    let a = s.site.articles().into_iter().next().unwrap();
    let img = &a.images[0];
    assert!(img.path.ends_with(".jpg"), "{}", img.path);
    assert!((1600..=2400).contains(&img.width), "{}", img.width);
    let full = s.get(&img.path).await;
    assert_eq!(full.status(), StatusCode::OK);
    assert_eq!(full.headers()[CONTENT_TYPE], "image/jpeg");
    let bytes = full.bytes().await.unwrap();
    assert_eq!(&bytes[..3], &[0xff, 0xd8, 0xff]);
    assert!(
        bytes.len() > 100_000,
        "a {}-px photo weighs what a newspaper's does: {} bytes",
        img.width,
        bytes.len()
    );
    let small = s.get(&img.small_path()).await;
    assert_eq!(small.status(), StatusCode::OK);
    assert!(small.bytes().await.unwrap().len() < bytes.len());

    let from = |referer: String| {
        s.client
            .get(format!("{}{}", s.base, img.path))
            .header(reqwest::header::REFERER, referer)
            .send()
    };
    // Off by default: any page may show it.
    assert_eq!(
        from("http://portal.example/en/a".into())
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    s.site.set_refuse_hotlinks(true);
    assert_eq!(
        from("http://portal.example/en/a".into())
            .await
            .unwrap()
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        from(format!("{}{}", s.base, a.path()))
            .await
            .unwrap()
            .status(),
        StatusCode::OK,
        "its own pages still show it"
    );
    assert_eq!(
        s.get(&img.path).await.status(),
        StatusCode::OK,
        "no Referer (a crawler) is not hot-linking"
    );
}

#[tokio::test]
async fn conditional_get_answers_304() {
    let s = start(Site::bundled().unwrap()).await;
    let a = s.site.articles().into_iter().next().unwrap();
    for path in [
        a.path(),
        "/rss/home.rss".into(),
        "/sitemap-articles.xml".into(),
        "/".into(),
        a.images[0].path.clone(),
    ] {
        let r = s.get(&path).await;
        assert_eq!(r.status(), StatusCode::OK);
        let etag = r.headers()[ETAG].to_str().unwrap().to_string();
        let again = s
            .client
            .get(format!("{}{path}", s.base))
            .header(IF_NONE_MATCH, &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{path}");
        assert_eq!(again.headers()[ETAG].to_str().unwrap(), etag);
        assert!(again.bytes().await.unwrap().is_empty());
        let other = s
            .client
            .get(format!("{}{path}", s.base))
            .header(IF_NONE_MATCH, "\"0\"")
            .send()
            .await
            .unwrap();
        assert_eq!(other.status(), StatusCode::OK);
    }
    let r = s.get(&a.path()).await;
    let lm = r.headers()[LAST_MODIFIED].to_str().unwrap().to_string();
    let again = s
        .client
        .get(format!("{}{}", s.base, a.path()))
        .header(IF_MODIFIED_SINCE, lm)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
}

#[tokio::test]
async fn upstream_edits_change_page_etag_and_lastmod() {
    let s = start(Site::bundled().unwrap()).await;
    let a = s
        .site
        .articles()
        .into_iter()
        .find(|a| a.modified.is_none())
        .unwrap();
    let before = s.get(&a.path()).await;
    let etag = before.headers()[ETAG].to_str().unwrap().to_string();
    let page = before.text().await.unwrap();
    assert!(!page.contains("article:modified_time"));
    let sitemap = s.text("/sitemap-articles.xml").await;

    let edited = s
        .site
        .edit_article(a.id, |x| {
            x.title = format!("{} (cập nhật)", x.title);
            x.body.push(sample_publisher::BodyBlock::Paragraph(
                "Tin bổ sung lúc 18 giờ.".into(),
            ));
        })
        .unwrap();
    assert!(edited.modified.unwrap() > a.published);
    assert_eq!(edited.path(), a.path(), "the URL stays");

    let r = s
        .client
        .get(format!("{}{}", s.base, a.path()))
        .header(IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "the old ETag no longer matches");
    let page = r.text().await.unwrap();
    assert!(page.contains("(cập nhật)</h1>"));
    assert!(page.contains("Tin bổ sung lúc 18 giờ."));
    assert!(page.contains("article:modified_time"));

    let after = s.text("/sitemap-articles.xml").await;
    assert_ne!(sitemap, after);
    let lastmod = edited.modified.unwrap().to_rfc3339();
    assert!(after.contains(&format!(
        "<loc>{}</loc><lastmod>{lastmod}</lastmod>",
        a.url(&s.base)
    )));

    // A second edit moves the time forward again.
    let twice = s
        .site
        .edit_article(a.id, |x| x.lead.push_str(" Thêm."))
        .unwrap();
    assert!(twice.modified > edited.modified);
    assert!(s.site.edit_article(999_999, |_| {}).is_none());
}

#[tokio::test]
async fn listings_redirects_and_errors() {
    let s = start(Site::bundled().unwrap().with_generated(120)).await;
    let home = s.text("/").await;
    for sec in s.site.sections() {
        assert!(home.contains(&format!("href=\"/{}/\"", sec.slug)));
        let page = s.text(&sec.path()).await;
        let first = s
            .site
            .articles()
            .into_iter()
            .find(|a| a.section == sec.slug)
            .unwrap();
        assert!(page.contains(&first.path()), "{}", sec.slug);
    }
    let busy = s
        .site
        .sections()
        .iter()
        .max_by_key(|sec| {
            s.site
                .articles()
                .iter()
                .filter(|a| a.section == sec.slug)
                .count()
        })
        .unwrap();
    let page2 = s.text(&format!("{}?page=2", busy.path())).await;
    assert!(page2.contains("rel=\"prev\""));
    assert_eq!(
        s.get(&format!("{}?page=999", busy.path())).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        s.get(&format!("{}?page=x", busy.path())).await.status(),
        StatusCode::NOT_FOUND
    );

    let r = s.get("/khong-ton-tai/trang.html").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(r.text().await.unwrap().contains("Không tìm thấy trang"));
    assert_eq!(
        s.get("/thoi-su/abc-999999.html").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        s.get("/khong-co-muc/").await.status(),
        StatusCode::NOT_FOUND
    );

    let a = s.site.articles().into_iter().next().unwrap();
    let r = s
        .get(&format!("/{}/sai-ten-{}.html", a.section, a.id))
        .await;
    assert_eq!(r.status(), StatusCode::MOVED_PERMANENTLY);
    assert_eq!(r.headers()[LOCATION], a.path().as_str());
    let r = s.get(&format!("/{}", a.section)).await;
    assert_eq!(r.status(), StatusCode::MOVED_PERMANENTLY);

    let author = &a.authors[0];
    assert!(s.text(&author.path()).await.contains(&escaped(&a.title)));
    for path in [
        "/static/logo.svg",
        "/static/site.css",
        "/static/placeholder.svg",
        "/static/site.js",
    ] {
        assert_eq!(s.get(path).await.status(), StatusCode::OK, "{path}");
    }

    assert!(s.site.unpublish(a.id));
    assert_eq!(s.get(&a.path()).await.status(), StatusCode::GONE);
    assert!(!s
        .text("/sitemap-articles.xml")
        .await
        .contains(&a.url(&s.base)));
    assert!(s.site.hits(&a.path()) >= 1);
}

#[tokio::test]
async fn newly_published_articles_appear_first() {
    let s = start(Site::bundled().unwrap()).await;
    let ids = s.site.publish_generated(3);
    assert_eq!(ids.len(), 3);
    let xml = s.text("/rss/home.rss").await;
    let first = texts(&xml, "guid")
        .into_iter()
        .take(3)
        .collect::<HashSet<_>>();
    let want = ids
        .iter()
        .map(|id| s.site.article(*id).unwrap().url(&s.base))
        .collect::<HashSet<_>>();
    assert_eq!(first, want);
}

#[tokio::test]
async fn injected_faults_answer_then_recover() {
    let s = start(Site::bundled().unwrap()).await;
    s.site.fail_next("/rss/", 503, 2);
    s.site.fail_next("/sitemap", 429, 1);
    for _ in 0..2 {
        let r = s.get("/rss/home.rss").await;
        assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(r.headers()["retry-after"], "1");
    }
    assert_eq!(s.get("/rss/home.rss").await.status(), StatusCode::OK);
    assert_eq!(s.get("/").await.status(), StatusCode::OK);
    assert_eq!(
        s.get("/sitemap.xml").await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(s.get("/sitemap.xml").await.status(), StatusCode::OK);
    assert_eq!(s.site.hits("/rss/home.rss"), 3);
}
