//! A small portal fixture: sections with localized names, a publisher, a
//! story, authors and articles in Vietnamese with French and English versions.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use article::{Article, Block, EmbedKind, Figure, Inline, Publisher, RichText};
use axum::body::Body;
use axum::http::{Request, Response, StatusCode};
use chrono::{DateTime, Duration, FixedOffset};
use http_body_util::BodyExt;
use images::{ContentHash, OutputFormat, Storage, StorageConfig};
use store::{ImageOutcome, RenditionInfo, StoredImage};
use store::{NewArticle, SourceKind, Store, Translation, TranslationStatus};
use tower::ServiceExt;
use web::{Portal, PortalConfig};

pub const BASE: &str = "https://news.example";
pub const PUBLISHER: &str = "Báo Mẫu Hà Nội";
pub const LANGS: [&str; 9] = ["vi", "en", "fr", "de", "es", "zh", "ja", "ko", "ru"];

pub struct Fixture {
    pub store: Store,
    pub _dir: tempfile::TempDir,
    /// Where the main article's pictures are stored (every one; see `media::mirror`).
    pub images: images::Storage,
    /// That storage's directory.
    pub images_dir: std::path::PathBuf,
    /// The article the tests read (vi, fr, en published; de held).
    pub main: i64,
    pub taken_down: i64,
    /// Published three days ago (vi, fr).
    pub old: i64,
    pub world: i64,
    pub business: i64,
    pub topic: i64,
    /// Every classified, published article.
    pub all: Vec<i64>,
}

pub fn config() -> PortalConfig {
    PortalConfig {
        site_name: "Newsbridge".into(),
        base_url: BASE.into(),
        languages: LANGS.map(String::from).to_vec(),
        source_language: "vi".into(),
    }
}

fn names(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(l, n)| (l.to_string(), n.to_string()))
        .collect()
}

fn at(hours_ago: i64) -> DateTime<FixedOffset> {
    let now = chrono::Utc::now().with_timezone(&FixedOffset::east_opt(7 * 3600).unwrap());
    now - Duration::hours(hours_ago)
}

/// The main article's original, in Vietnamese.
fn main_original(published: DateTime<FixedOffset>) -> Article {
    Article {
        url: "https://baomau.example.vn/the-gioi/chien-su-kursk-123.html".into(),
        canonical_url: None,
        title: "Chiến sự ở Kursk: Nga tăng cường phòng thủ".into(),
        lead: Some(RichText::plain(
            "Lực lượng Nga đã tăng cường phòng thủ quanh Kursk.",
        )),
        blocks: vec![
            Block::Paragraph {
                text: RichText(vec![
                    Inline::Text("Tổng thống ".into()),
                    Inline::Bold(vec![Inline::Text("Putin".into())]),
                    Inline::Text(" phát biểu tại ".into()),
                    Inline::Link {
                        href: "https://baomau.example.vn/jeddah".into(),
                        children: vec![Inline::Text("Jeddah".into())],
                    },
                    Inline::Text(".".into()),
                ]),
            },
            Block::Heading {
                level: 2,
                text: "Diễn biến mới".into(),
            },
            Block::Figure(Figure {
                src: "https://img.baomau.example.vn/kursk1.jpg".into(),
                alt: Some("Binh sĩ trên tuyết".into()),
                caption: Some("Binh sĩ tuần tra gần Kursk.".into()),
                credit: Some("AFP".into()),
                width: Some(1200),
                height: Some(800),
            }),
            Block::List {
                ordered: false,
                items: vec!["Một".into(), "Hai".into()],
            },
            Block::Quote {
                text: "Chúng tôi sẽ đứng vững.".into(),
                cite: Some("Một sĩ quan".into()),
            },
            Block::Table {
                header: true,
                rows: vec![
                    vec!["Năm".into(), "Số".into()],
                    vec!["2024".into(), "1.115".into()],
                ],
            },
            Block::Embed {
                kind: EmbedKind::Video,
                url: "https://video.example.vn/v/1".into(),
                title: Some("Video".into()),
            },
        ],
        image: Some(Figure {
            src: "https://img.baomau.example.vn/kursk0.jpg".into(),
            alt: Some("Xe tăng trên đường".into()),
            ..Figure::default()
        }),
        authors: vec![],
        publisher: Some(Publisher {
            name: PUBLISHER.into(),
            logo: Some("https://baomau.example.vn/logo.png".into()),
            url: Some("https://baomau.example.vn".into()),
        }),
        published: Some(published),
        modified: None,
        language: Some("vi".into()),
        section: Some("Thế giới".into()),
        tags: vec![],
    }
}

/// The French version of the main article.
fn main_french(original: &Article) -> Article {
    let mut fr = original.clone();
    fr.title = "Combats à Koursk : la Russie renforce sa défense".into();
    fr.lead = Some(RichText::plain(
        "Les forces russes ont renforcé leur défense autour de Koursk.",
    ));
    fr.blocks = vec![
        Block::Paragraph {
            text: RichText(vec![
                Inline::Text("Le président ".into()),
                Inline::Bold(vec![Inline::Text("Poutine".into())]),
                Inline::Text(" s’est exprimé à ".into()),
                Inline::Link {
                    href: "https://baomau.example.vn/jeddah".into(),
                    children: vec![Inline::Text("Djeddah".into())],
                },
                Inline::Text(" <script>alert(1)</script>.".into()),
            ]),
        },
        Block::Heading {
            level: 2,
            text: "Nouveaux développements".into(),
        },
        Block::Figure(Figure {
            src: "https://img.baomau.example.vn/kursk1.jpg".into(),
            alt: Some("Des soldats dans la neige".into()),
            caption: Some("Des soldats patrouillent près de Koursk.".into()),
            credit: Some("AFP".into()),
            width: Some(1200),
            height: Some(800),
        }),
        Block::List {
            ordered: false,
            items: vec!["Un".into(), "Deux".into()],
        },
        Block::Quote {
            text: "Nous tiendrons bon.".into(),
            cite: Some("Un officier".into()),
        },
        Block::Table {
            header: true,
            rows: vec![
                vec!["Année".into(), "Nombre".into()],
                vec!["2024".into(), "1 115".into()],
            ],
        },
        Block::Embed {
            kind: EmbedKind::Video,
            url: "https://video.example.vn/v/1".into(),
            title: Some("Vidéo".into()),
        },
    ];
    fr.image = Some(Figure {
        src: "https://img.baomau.example.vn/kursk0.jpg".into(),
        alt: Some("Un char sur la route".into()),
        ..Figure::default()
    });
    fr.language = Some("fr".into());
    fr
}

fn simple(url: &str, title: &str, published: DateTime<FixedOffset>) -> Article {
    Article {
        url: url.into(),
        title: title.into(),
        lead: Some(RichText::plain(format!("{title} — lead."))),
        blocks: vec![Block::Paragraph {
            text: RichText::plain(format!("{title} body.")),
        }],
        image: Some(Figure {
            src: format!("{url}.jpg"),
            alt: Some(format!("{title} alt")),
            ..Figure::default()
        }),
        publisher: Some(Publisher {
            name: PUBLISHER.into(),
            logo: None,
            url: Some("https://baomau.example.vn".into()),
        }),
        published: Some(published),
        language: Some("vi".into()),
        ..Article::default()
    }
}

async fn store_article(
    store: &Store,
    original: &Article,
    section: Option<i64>,
    topic: Option<i64>,
    authors: &[&str],
    versions: &[(&str, Article, Option<&str>, TranslationStatus)],
) -> i64 {
    let id = store
        .upsert_article(&NewArticle {
            source_id: None,
            url: &original.url,
            fetched_url: &original.url,
            content_hash: &format!("{:x}", original.title.len() * 7919 + original.url.len()),
            simhash: 0,
            language: "vi",
            original,
        })
        .await
        .unwrap()
        .id();
    let authors: Vec<store::Credit> = authors
        .iter()
        .map(|a| store::Credit::named(a, None))
        .collect();
    store
        .classify_article(id, section, Some(1.0), topic, &authors)
        .await
        .unwrap();
    for (lang, content, engine, status) in versions {
        store
            .save_translation(&Translation {
                article_id: id,
                lang: lang.to_string(),
                slug: store::slugify(&content.title),
                content: content.clone(),
                status: *status,
                engine: engine.map(str::to_string),
                qa_flags: vec![],
                segments: serde_json::json!([]),
                source_revision: 1,
                reviewed_by: None,
                published_at: Some(store::now_ms()),
            })
            .await
            .unwrap();
    }
    id
}

fn translated(original: &Article, lang: &str, title: String) -> Article {
    let mut a = original.clone();
    a.title = title.clone();
    a.lead = Some(RichText::plain(format!("{title} — lead.")));
    a.blocks = vec![Block::Paragraph {
        text: RichText::plain(format!("{title} body.")),
    }];
    if let Some(img) = a.image.as_mut() {
        img.alt = Some(format!("{title} alt"));
    }
    a.language = Some(lang.into());
    a
}

pub async fn fixture() -> Fixture {
    let (store, dir) = store::testing::sqlite().await.unwrap();
    let world = store
        .upsert_section(
            "the-gioi",
            1,
            &names(&[
                ("vi", "Thế giới"),
                ("en", "World"),
                ("fr", "Monde"),
                ("de", "Welt"),
                ("es", "Mundo"),
                ("zh", "国际"),
                ("ja", "国際"),
                ("ko", "국제"),
                ("ru", "В мире"),
            ]),
        )
        .await
        .unwrap();
    let business = store
        .upsert_section(
            "kinh-doanh",
            2,
            &names(&[
                ("vi", "Kinh doanh"),
                ("en", "Business"),
                ("fr", "Économie"),
                ("de", "Wirtschaft"),
                ("es", "Economía"),
                ("zh", "经济"),
                ("ja", "経済"),
                ("ko", "경제"),
                ("ru", "Экономика"),
            ]),
        )
        .await
        .unwrap();
    store
        .add_source(
            PUBLISHER,
            SourceKind::Feed,
            "https://baomau.example.vn/rss/home.rss",
            &serde_json::json!({}),
        )
        .await
        .unwrap();
    let topic = store.create_topic("Chiến sự Kursk").await.unwrap();
    let published = TranslationStatus::Published;
    let mut all = Vec::new();

    // The main article: vi original, fr and en translations, de held.
    let original = main_original(at(3));
    let fr = main_french(&original);
    let en = translated(
        &original,
        "en",
        "Fighting in Kursk: Russia strengthens its defence".into(),
    );
    let de = translated(&original, "de", "Kämpfe in Kursk".into());
    let main = store_article(
        &store,
        &original,
        Some(world),
        Some(topic),
        &["Nguyễn Văn An"],
        &[
            ("vi", original.clone(), None, published),
            ("fr", fr, Some("opus-mt-vi-fr"), published),
            ("en", en, Some("opus-mt-vi-en"), published),
            ("de", de, Some("opus-mt-vi-de"), TranslationStatus::Held),
        ],
    )
    .await;
    all.push(main);

    // Ten more articles: same story, same section, same author, other section.
    for i in 0..10 {
        let url = format!("https://baomau.example.vn/bai-{i}.html");
        let original = simple(&url, &format!("Bài số {i}"), at(4 + i));
        let (section, topic_id, authors): (i64, Option<i64>, Vec<&str>) = match i {
            0..=4 => (world, Some(topic), vec!["Nguyễn Văn An"]),
            5..=7 => (world, None, vec!["Trần Thị Bình"]),
            _ => (business, None, vec!["Nguyễn Văn An"]),
        };
        let fr = translated(&original, "fr", format!("Article numéro {i}"));
        let en = translated(&original, "en", format!("Article number {i}"));
        let id = store_article(
            &store,
            &original,
            Some(section),
            topic_id,
            &authors,
            &[
                ("vi", original.clone(), None, published),
                ("fr", fr, Some("opus-mt-vi-fr"), published),
                ("en", en, Some("opus-mt-vi-en"), published),
            ],
        )
        .await;
        all.push(id);
    }

    // An article taken down at the publisher's request.
    let original = simple("https://baomau.example.vn/go.html", "Bài đã gỡ", at(30));
    let fr = translated(&original, "fr", "Article retiré".into());
    let taken_down = store_article(
        &store,
        &original,
        Some(world),
        None,
        &[],
        &[
            ("vi", original.clone(), None, published),
            ("fr", fr, Some("opus-mt-vi-fr"), published),
        ],
    )
    .await;
    store
        .take_down(taken_down, "test", "publisher request")
        .await
        .unwrap();

    // An article from three days ago: in sitemaps, not in the Google News one.
    let original = simple("https://baomau.example.vn/cu.html", "Bài cũ", at(72));
    let fr = translated(&original, "fr", "Article ancien".into());
    let old = store_article(
        &store,
        &original,
        Some(business),
        None,
        &[],
        &[
            ("vi", original.clone(), None, published),
            ("fr", fr, Some("opus-mt-vi-fr"), published),
        ],
    )
    .await;
    all.push(old);

    let images_dir = dir.path().join("images");
    let images = storage(&images_dir);
    mirror(&store, &images, main, &[]).await;
    Fixture {
        store,
        _dir: dir,
        images,
        images_dir,
        main,
        taken_down,
        old,
        world,
        business,
        topic,
        all,
    }
}

pub fn portal(f: &Fixture) -> Portal {
    portal_with(f, config())
}

pub fn portal_with(f: &Fixture, config: PortalConfig) -> Portal {
    Portal::new(f.store.clone(), None, config).with_images(f.images.clone())
}

pub struct Got {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Got {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

pub async fn get(router: &axum::Router, path: &str) -> Got {
    get_with(router, path, &[]).await
}

pub async fn get_with(router: &axum::Router, path: &str, headers: &[(&str, &str)]) -> Got {
    let mut req = Request::builder().uri(path);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let response: Response<Body> = router
        .clone()
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Got {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// Visible text of an HTML page: tags, scripts and head removed, entities kept.
pub fn visible_text(html: &str) -> String {
    let body = html.split("<body").nth(1).unwrap_or(html);
    let mut out = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Occurrences of `needle` in `hay`.
pub fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

/// `application/x-www-form-urlencoded` encoding of form fields.
pub fn form_body(fields: &[(&str, &str)]) -> String {
    fn enc(s: &str) -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                b' ' => "+".into(),
                _ => format!("%{b:02X}"),
            })
            .collect()
    }
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// POSTs a form.
pub async fn post_form(
    router: &axum::Router,
    path: &str,
    fields: &[(&str, &str)],
    headers: &[(&str, &str)],
) -> Got {
    let mut req = Request::builder()
        .method("POST")
        .uri(path)
        .header("content-type", "application/x-www-form-urlencoded");
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let response: Response<Body> = router
        .clone()
        .oneshot(req.body(Body::from(form_body(fields))).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Got {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// The value of the first hidden `name` input in a page.
pub fn hidden(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = body
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in page"))
        + marker.len();
    let end = body[start..].find('"').unwrap() + start;
    body[start..end].to_string()
}

/// Serves `router` on a fresh loopback port (for the tests that go over real HTTP).
pub async fn serve(router: axum::Router) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
        .unwrap();
    });
    addr
}

/// A response read off the wire: the body exactly as sent (chunking removed,
/// content coding kept).
pub struct Wire {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Wire {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map_or("", |(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One HTTP/1.1 request over a new loopback connection (`Connection: close`),
/// with a 10 s bound.
pub async fn wire(
    addr: std::net::SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Wire {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    assert!(addr.ip().is_loopback());
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
        BASE.trim_start_matches("https://"),
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body).await.unwrap();
    let mut raw = Vec::new();
    tokio::time::timeout(
        std::time::Duration::from_secs(10),
        stream.read_to_end(&mut raw),
    )
    .await
    .expect("answer within 10 s")
    .unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of headers");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut rest = raw[split + 4..].to_vec();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let chunked = headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"));
    if chunked {
        let mut out = Vec::new();
        let mut at = 0;
        loop {
            let eol = rest[at..].windows(2).position(|w| w == b"\r\n").unwrap() + at;
            let size_text = String::from_utf8_lossy(&rest[at..eol]).into_owned();
            let size =
                usize::from_str_radix(size_text.split(';').next().unwrap().trim(), 16).unwrap();
            if size == 0 {
                break;
            }
            out.extend_from_slice(&rest[eol + 2..eol + 2 + size]);
            at = eol + 2 + size + 2;
        }
        rest = out;
    }
    Wire {
        status,
        headers,
        body: rest,
    }
}

/// A form POST over real HTTP.
pub async fn wire_form(
    addr: std::net::SocketAddr,
    path: &str,
    fields: &[(&str, &str)],
    headers: &[(&str, &str)],
) -> Wire {
    let mut all = vec![("content-type", "application/x-www-form-urlencoded")];
    all.extend_from_slice(headers);
    wire(addr, "POST", path, &all, form_body(fields).as_bytes()).await
}

/// The headless Chromium on this machine, if any (`scripts/test` installs Debian's).
pub fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            std::process::Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

/// Loads `url` in headless Chromium (loopback only) and returns the DOM it
/// ends with and what it logged.
pub async fn chromium_load(browser: &'static str, url: String) -> (String, String) {
    let profile = tempfile::tempdir().unwrap();
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new("timeout")
            .arg("90")
            .arg(browser)
            .args([
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-default-apps",
                "--disable-sync",
                "--enable-logging=stderr",
                "--v=0",
                "--proxy-server=socks5://127.0.0.1:9",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--virtual-time-budget=5000",
                "--dump-dom",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(url)
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The renditions the fixture stores for every picture.
const MADE: [(u32, u32, OutputFormat); 5] = [
    (480, 320, OutputFormat::Webp),
    (480, 320, OutputFormat::Jpeg),
    (960, 640, OutputFormat::Webp),
    (960, 640, OutputFormat::Jpeg),
    (1200, 800, OutputFormat::Jpeg),
];

fn format_name(f: OutputFormat) -> &'static str {
    match f {
        OutputFormat::Avif => "avif",
        OutputFormat::Webp => "webp",
        OutputFormat::Jpeg => "jpeg",
        OutputFormat::Png => "png",
    }
}

/// A disk storage in `root`.
pub fn storage(root: &std::path::Path) -> Storage {
    Storage::new(&StorageConfig::Disk {
        root: root.to_path_buf(),
    })
    .unwrap()
}

/// Stores every picture of `article_id` except those whose URL contains
/// `skip`, as the image stage would: files first, then the rows. The bytes
/// are stand-ins (`rendition {key}`): the portal serves what is stored.
pub async fn mirror(store: &Store, storage: &Storage, article_id: i64, skip: &[&str]) {
    let record = store.article(article_id).await.unwrap();
    let mut refs = Vec::new();
    if let Some(lead) = &record.original.image {
        refs.push(store::NewImageRef {
            role: store::ImageRole::Lead,
            position: 0,
            url: lead.src.clone(),
            credit: lead.credit.clone(),
            alt: lead.alt.clone(),
            caption: None,
        });
    }
    let figures = record.original.blocks.iter().filter_map(|b| match b {
        Block::Figure(f) => Some(f),
        _ => None,
    });
    for (i, f) in figures.enumerate() {
        refs.push(store::NewImageRef {
            role: store::ImageRole::Body,
            position: i as i64,
            url: f.src.clone(),
            credit: f.credit.clone(),
            alt: f.alt.clone(),
            caption: None,
        });
    }
    for r in store.sync_article_images(article_id, &refs).await.unwrap() {
        if skip.iter().any(|s| r.url.contains(s)) {
            continue;
        }
        let hash = ContentHash::of(r.url.as_bytes());
        let mut renditions = Vec::new();
        for (w, h, f) in MADE {
            let key = images::rendition_key(&hash, w, f);
            storage
                .put(&key, format!("rendition {key}").into_bytes(), f.mime())
                .await
                .unwrap();
            renditions.push(RenditionInfo {
                width: w,
                height: h,
                format: format_name(f).into(),
                bytes: 1000,
            });
        }
        store
            .put_image(&StoredImage {
                hash: hash.to_string(),
                format: "jpeg".into(),
                width: 1200,
                height: 800,
                bytes: 400_000,
                stored_bytes: 5000,
                renditions,
                plan: "test".into(),
                stored_at: 1,
            })
            .await
            .unwrap();
        store
            .record_image_outcome(
                r.id,
                &ImageOutcome::Stored {
                    hash: hash.to_string(),
                },
            )
            .await
            .unwrap();
    }
}
