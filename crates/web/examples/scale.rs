//! How page and search latency grow with the archive (issue 5, "Benchmark"):
//! `cargo run --release -p web --example scale -- [N_SMALL N_LARGE]`
//! (defaults 1000 and 100000).
//!
//! For each size: a fresh SQLite store in a temp dir filled through the store's
//! public API with generated Vietnamese articles (vi original, en and half of
//! them fr, sections, stories, authors), a search index built the way
//! `newsbridge index rebuild` does (its segments printed), and the real portal
//! served on 127.0.0.1 twice: page cache off (rendering measured) and on (hot
//! articles): article, search, home, section and author pages. A load
//! burst (64 connections) gives requests/s and peak resident memory; then
//! latency is measured in interleaved rounds (small, large, small, …) so that
//! the other work on a shared machine weighs on both sizes alike. Before
//! serving, what writers pay at that size is timed too: publishing and
//! withdrawing a version (the store keeps the section and author list sizes
//! in the same transaction), an edit that moves no list, a section's and an
//! author's live count (what recounting per change would cost instead) and
//! the list sizes' reconcile.
//!
//! Env: SCALE_CONNECTIONS (2, connections while measuring latency),
//! SCALE_ROUNDS (5), SCALE_PAGES (3000 article requests per size and cache
//! mode), SCALE_LOAD_SECS (10), SCALE_WORKERS (4, concurrent writers while generating),
//! SCALE_KEEP (set: keep each size's database and index, and print where).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use article::{Article, Block, Figure, Publisher, RichText};
use chrono::{FixedOffset, TimeZone};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use store::{Credit, NewArticle, Store, Translation, TranslationStatus};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// Concepts as (vi, en, fr): an article is a sequence of concepts, written in
/// each language, so that a query finds the same articles in every language.
const WORDS: &[(&str, &str, &str)] = &[
    ("kinh tế", "economy", "économie"),
    ("Hà Nội", "Hanoi", "Hanoï"),
    ("chính phủ", "government", "gouvernement"),
    ("người dân", "residents", "habitants"),
    ("thành phố", "city", "ville"),
    ("phát triển", "development", "développement"),
    ("doanh nghiệp", "companies", "entreprises"),
    ("bóng đá", "football", "football"),
    ("giá vàng", "gold price", "prix de l'or"),
    ("thị trường", "market", "marché"),
    ("xuất khẩu", "exports", "exportations"),
    ("học sinh", "pupils", "élèves"),
    ("bệnh viện", "hospital", "hôpital"),
    ("giao thông", "traffic", "circulation"),
    (
        "Thành phố Hồ Chí Minh",
        "Ho Chi Minh City",
        "Hô Chi Minh-Ville",
    ),
    ("Đà Nẵng", "Da Nang", "Da Nang"),
    ("du lịch", "tourism", "tourisme"),
    ("công nghệ", "technology", "technologie"),
    ("đầu tư", "investment", "investissement"),
    ("ngân hàng", "bank", "banque"),
    ("lãi suất", "interest rate", "taux d'intérêt"),
    ("bão", "storm", "tempête"),
    ("mưa lớn", "heavy rain", "fortes pluies"),
    ("lũ lụt", "floods", "inondations"),
    ("nông dân", "farmers", "agriculteurs"),
    ("lúa gạo", "rice", "riz"),
    ("cà phê", "coffee", "café"),
    ("đội tuyển", "national team", "équipe nationale"),
    ("huấn luyện viên", "coach", "entraîneur"),
    ("trận đấu", "match", "match"),
    ("chiến thắng", "victory", "victoire"),
    ("Quốc hội", "National Assembly", "Assemblée nationale"),
    ("luật", "law", "loi"),
    ("cảnh sát", "police", "police"),
    ("tòa án", "court", "tribunal"),
    ("vụ án", "case", "affaire"),
    ("điều tra", "investigation", "enquête"),
    ("giáo dục", "education", "éducation"),
    ("trường học", "school", "école"),
    ("đại học", "university", "université"),
    ("kỳ thi", "exam", "examen"),
    ("sức khỏe", "health", "santé"),
    ("bác sĩ", "doctor", "médecin"),
    ("vắc xin", "vaccine", "vaccin"),
    ("dịch bệnh", "epidemic", "épidémie"),
    ("môi trường", "environment", "environnement"),
    ("điện", "electricity", "électricité"),
    ("năng lượng", "energy", "énergie"),
    ("xăng dầu", "fuel", "carburant"),
    ("cảng biển", "seaport", "port maritime"),
    ("sân bay", "airport", "aéroport"),
    ("đường sắt", "railway", "chemin de fer"),
    ("cao tốc", "expressway", "autoroute"),
    ("nhà ở", "housing", "logement"),
    ("bất động sản", "real estate", "immobilier"),
    ("chứng khoán", "stock market", "bourse"),
    ("lạm phát", "inflation", "inflation"),
    ("việc làm", "jobs", "emplois"),
    ("công nhân", "workers", "ouvriers"),
    ("lương", "wages", "salaires"),
    ("Tết", "Lunar New Year", "Nouvel An lunaire"),
    ("lễ hội", "festival", "festival"),
    ("di sản", "heritage", "patrimoine"),
    ("văn hóa", "culture", "culture"),
    ("âm nhạc", "music", "musique"),
    ("điện ảnh", "cinema", "cinéma"),
    ("nghệ sĩ", "artist", "artiste"),
    ("Mỹ", "United States", "États-Unis"),
    ("Trung Quốc", "China", "Chine"),
    ("Nga", "Russia", "Russie"),
    ("Ukraine", "Ukraine", "Ukraine"),
    ("Nhật Bản", "Japan", "Japon"),
    ("Hàn Quốc", "South Korea", "Corée du Sud"),
    ("châu Âu", "Europe", "Europe"),
    ("hội nghị", "summit", "sommet"),
    ("ngoại giao", "diplomacy", "diplomatie"),
    ("chiến sự", "fighting", "combats"),
    ("hòa bình", "peace", "paix"),
    ("an ninh", "security", "sécurité"),
    ("biển Đông", "East Sea", "mer de l'Est"),
    ("Mê Kông", "Mekong", "Mékong"),
    ("hạn mặn", "drought and salinity", "sécheresse et salinité"),
    ("trái cây", "fruit", "fruits"),
    ("sầu riêng", "durian", "durian"),
    ("điện thoại", "smartphone", "smartphone"),
    (
        "trí tuệ nhân tạo",
        "artificial intelligence",
        "intelligence artificielle",
    ),
    ("khởi nghiệp", "start-up", "start-up"),
    ("mạng xã hội", "social media", "réseaux sociaux"),
    ("lừa đảo", "fraud", "escroquerie"),
    ("tai nạn", "accident", "accident"),
    ("cháy", "fire", "incendie"),
    ("cứu hộ", "rescue", "secours"),
    ("thời tiết", "weather", "météo"),
    ("nắng nóng", "heatwave", "canicule"),
    ("tăng", "rose", "a augmenté"),
    ("giảm", "fell", "a baissé"),
    ("năm nay", "this year", "cette année"),
    ("tuần qua", "last week", "la semaine dernière"),
    ("theo", "according to", "selon"),
    ("cho biết", "said", "a déclaré"),
    ("dự kiến", "expected", "prévu"),
    ("hàng nghìn", "thousands", "des milliers"),
    ("tỉnh", "province", "province"),
    ("huyện", "district", "district"),
    ("xã", "commune", "commune"),
    ("quyết định", "decision", "décision"),
    ("kế hoạch", "plan", "plan"),
    ("dự án", "project", "projet"),
    ("vốn", "capital", "capitaux"),
    ("tỷ đồng", "billion dong", "milliards de dongs"),
];

/// Queries asked on the search page: (language, text).
const QUERIES: &[(&str, &str)] = &[
    ("vi", "kinh tế"),
    ("vi", "giá vàng"),
    ("vi", "bóng đá Hà Nội"),
    ("vi", "lũ lụt miền Trung"),
    ("vi", "trí tuệ nhân tạo"),
    ("vi", "sầu riêng xuất khẩu"),
    ("en", "economy"),
    ("en", "gold price"),
    ("en", "Ho Chi Minh City traffic"),
    ("en", "artificial intelligence"),
    ("en", "\"interest rate\" bank"),
    ("en", "durian exports"),
];

/// Sections: (key, vi, en, fr).
const SECTIONS: &[(&str, &str, &str, &str)] = &[
    ("thoi-su", "Thời sự", "News", "Actualité"),
    ("the-gioi", "Thế giới", "World", "Monde"),
    ("kinh-te", "Kinh tế", "Business", "Économie"),
    ("the-thao", "Thể thao", "Sport", "Sport"),
    ("giai-tri", "Giải trí", "Entertainment", "Divertissement"),
    ("giao-duc", "Giáo dục", "Education", "Éducation"),
    ("suc-khoe", "Sức khỏe", "Health", "Santé"),
    ("cong-nghe", "Công nghệ", "Technology", "Technologie"),
    ("du-lich", "Du lịch", "Travel", "Voyage"),
    ("phap-luat", "Pháp luật", "Law", "Justice"),
];

const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
];
const MIDDLE: &[&str] = &["Văn", "Thị", "Minh", "Thanh", "Hữu", "Ngọc", "Quốc", "Thu"];
const GIVEN: &[&str] = &[
    "An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hùng", "Lan", "Linh", "Long", "Mai",
    "Nam", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vy", "Yến",
];

/// Articles per story; people on the staff.
const PER_STORY: usize = 6;
const AUTHORS: usize = 300;
/// Article pages kept as request targets per size.
const SAMPLE: usize = 2000;
/// Hot articles for the page-cache measurement.
const HOT: usize = 20;
/// Minutes between two generated articles (about 140 a day).
const EVERY_MINUTES: i64 = 10;

fn env_num(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// One language version to request: its path.
type Target = String;

/// What one size's data looks like once generated.
struct Built {
    n: usize,
    _dir: tempfile::TempDir,
    store: Store,
    index: search::SearchIndex,
    index_dir: std::path::PathBuf,
    /// Article pages in every language, spread over the whole archive.
    pages: Vec<Target>,
    generate: Duration,
    indexing: Duration,
    db_bytes: u64,
    index_bytes: u64,
    sections: Vec<i64>,
}

/// The generated text of one article in one language: the concept sequence rendered.
fn render_words(concepts: &[usize], lang: usize) -> String {
    let words: Vec<&str> = concepts
        .iter()
        .map(|&c| match lang {
            0 => WORDS[c].0,
            1 => WORDS[c].1,
            _ => WORDS[c].2,
        })
        .collect();
    let mut s = words.join(" ");
    if let Some(first) = s.chars().next() {
        let upper: String = first.to_uppercase().collect();
        s.replace_range(..first.len_utf8(), &upper);
    }
    s
}

/// Zipf-like pick of a concept: common words are common.
fn concept(rng: &mut StdRng, weights: &[f64], total: f64) -> usize {
    let mut x = rng.gen_range(0.0..total);
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.len() - 1
}

struct Draft {
    url: String,
    title: Vec<usize>,
    lead: Vec<usize>,
    paragraphs: Vec<Vec<usize>>,
    heading: Vec<usize>,
    published: chrono::DateTime<FixedOffset>,
    section: usize,
    authors: Vec<usize>,
    french: bool,
}

fn draft(rng: &mut StdRng, i: usize, n: usize, weights: &[f64], total: f64) -> Draft {
    let mut words = |k: usize| (0..k).map(|_| concept(rng, weights, total)).collect();
    let title = words(9);
    let lead = words(24);
    let heading = words(5);
    let paragraphs = (0..6).map(|_| words(45)).collect();
    let zone = FixedOffset::east_opt(7 * 3600).expect("zone");
    // Article 0 is the oldest; the newest was published an hour ago.
    let minutes_ago = ((n - i) as i64) * EVERY_MINUTES + 60;
    let published = zone
        .timestamp_millis_opt(store::now_ms() - minutes_ago * 60_000)
        .single()
        .expect("time");
    let authors = if rng.gen_bool(0.3) {
        vec![rng.gen_range(0..AUTHORS), rng.gen_range(0..AUTHORS)]
    } else {
        vec![rng.gen_range(0..AUTHORS)]
    };
    Draft {
        url: format!("https://baomau.example.vn/bai-viet/{i}.html"),
        title,
        lead,
        paragraphs,
        heading,
        published,
        section: rng.gen_range(0..SECTIONS.len()),
        authors,
        french: rng.gen_bool(0.5),
    }
}

fn content(d: &Draft, lang: usize) -> Article {
    let title = render_words(&d.title, lang);
    let mut blocks: Vec<Block> = Vec::new();
    for (k, p) in d.paragraphs.iter().enumerate() {
        if k == 3 {
            blocks.push(Block::Heading {
                level: 2,
                text: RichText::plain(render_words(&d.heading, lang)),
            });
            blocks.push(Block::Figure(Figure {
                src: format!("{}-2.jpg", d.url),
                alt: Some(render_words(&d.heading, lang)),
                caption: Some(RichText::plain(render_words(&d.lead[..8], lang))),
                credit: Some("TTXVN".into()),
                width: Some(1200),
                height: Some(800),
            }));
        }
        blocks.push(Block::Paragraph {
            text: RichText::plain(format!("{}.", render_words(p, lang))),
        });
    }
    Article {
        url: d.url.clone(),
        title: title.clone(),
        lead: Some(RichText::plain(format!("{}.", render_words(&d.lead, lang)))),
        blocks,
        image: Some(Figure {
            src: format!("{}.jpg", d.url),
            alt: Some(title),
            ..Figure::default()
        }),
        publisher: Some(Publisher {
            name: "Báo Mẫu Hà Nội".into(),
            logo: Some("https://baomau.example.vn/logo.png".into()),
            url: Some("https://baomau.example.vn".into()),
        }),
        published: Some(d.published),
        language: Some(["vi", "en", "fr"][lang].into()),
        section: Some(SECTIONS[d.section].1.into()),
        ..Article::default()
    }
}

fn author_name(k: usize) -> String {
    format!(
        "{} {} {}",
        FAMILY[k % FAMILY.len()],
        MIDDLE[(k / FAMILY.len()) % MIDDLE.len()],
        GIVEN[(k * 7 + k / 3) % GIVEN.len()]
    )
}

/// Stores one story's articles (`first..first + count`); returns the sampled page paths.
async fn store_story(
    store: Store,
    sections: Arc<Vec<i64>>,
    first: usize,
    count: usize,
    n: usize,
    every: usize,
) -> Vec<Target> {
    let mut rng = StdRng::seed_from_u64(first as u64);
    let weights: Vec<f64> = (0..WORDS.len()).map(|r| 1.0 / (r as f64 + 1.0)).collect();
    let total: f64 = weights.iter().sum();
    let topic = store
        .create_topic(&format!("Sự kiện {first}"))
        .await
        .expect("topic");
    let mut paths = Vec::new();
    for i in first..first + count {
        let d = draft(&mut rng, i, n, &weights, total);
        let original = content(&d, 0);
        let hash = format!("{:016x}", i as u64 * 0x9E37_79B9_7F4A_7C15);
        let id = store
            .upsert_article(&NewArticle {
                source_id: None,
                url: &d.url,
                fetched_url: &d.url,
                content_hash: &hash,
                simhash: i as i64,
                language: "vi",
                original: &original,
            })
            .await
            .expect("upsert")
            .id();
        let credits: Vec<Credit> = d
            .authors
            .iter()
            .map(|&k| Credit::named(&author_name(k), Some("Phóng viên")))
            .collect();
        store
            .classify_article(
                id,
                Some(sections[d.section]),
                Some(0.9),
                Some(topic),
                &credits,
            )
            .await
            .expect("classify");
        let langs: &[usize] = if d.french { &[0, 1, 2] } else { &[0, 1] };
        for &lang in langs {
            let text = if lang == 0 {
                original.clone()
            } else {
                content(&d, lang)
            };
            let code = ["vi", "en", "fr"][lang];
            let slug = store::slugify(&text.title);
            if i % every == 0 {
                paths.push(format!("/{code}/{}/{id}-{slug}", SECTIONS[d.section].0));
            }
            store
                .save_translation(&Translation {
                    article_id: id,
                    lang: code.into(),
                    slug,
                    content: text,
                    status: TranslationStatus::Published,
                    engine: (lang > 0).then(|| format!("opus-mt vi-{code}")),
                    qa_flags: vec![],
                    segments: serde_json::json!([]),
                    source_revision: 1,
                    reviewed_by: None,
                    published_at: Some(d.published.timestamp_millis()),
                })
                .await
                .expect("translation");
        }
    }
    paths
}

/// The segments of the index's last commit (from tantivy's `meta.json`).
fn segments(index_dir: &Path) -> usize {
    std::fs::read_to_string(index_dir.join("meta.json"))
        .ok()
        .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok())
        .and_then(|m| m["segments"].as_array().map(Vec::len))
        .unwrap_or(0)
}

fn dir_bytes(path: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(path) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_bytes(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

async fn build(n: usize) -> Built {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("newsbridge.db").display());
    let store = Store::open(&url).await.expect("store");
    let started = Instant::now();
    let mut sections = Vec::new();
    for (k, (key, vi, en, fr)) in SECTIONS.iter().enumerate() {
        let names: BTreeMap<String, String> = [("vi", vi), ("en", en), ("fr", fr)]
            .iter()
            .map(|(l, name)| (l.to_string(), name.to_string()))
            .collect();
        sections.push(
            store
                .upsert_section(key, k as i64, &names)
                .await
                .expect("section"),
        );
    }
    let section_ids = sections.clone();
    let sections = Arc::new(sections);
    let workers = env_num("SCALE_WORKERS", 4).max(1);
    let every = (n / SAMPLE).max(1);
    let mut pages = Vec::new();
    let mut tasks = tokio::task::JoinSet::new();
    let mut next = 0;
    let mut done = 0;
    let mut last_report = Instant::now();
    while next < n || !tasks.is_empty() {
        while next < n && tasks.len() < workers {
            let count = PER_STORY.min(n - next);
            tasks.spawn(store_story(
                store.clone(),
                sections.clone(),
                next,
                count,
                n,
                every,
            ));
            next += count;
        }
        if let Some(result) = tasks.join_next().await {
            let paths = result.expect("generator task");
            pages.extend(paths);
            done += PER_STORY;
            if last_report.elapsed() > Duration::from_secs(15) {
                last_report = Instant::now();
                eprintln!(
                    "   {} / {n} articles ({:.0}/s)",
                    done.min(n),
                    done as f64 / started.elapsed().as_secs_f64()
                );
            }
        }
    }
    let generate = started.elapsed();
    eprintln!(
        "   {n} articles generated in {:.1} s",
        generate.as_secs_f64()
    );

    // The index as `newsbridge index rebuild` makes it: from the store, in id
    // order, a commit per 500 articles; then the writer is closed (merges
    // still running are abandoned) and the server opens the index.
    let started = Instant::now();
    let index_dir = dir.path().join("search");
    let index = search::SearchIndex::open(&index_dir).expect("index");
    let mut after = 0;
    loop {
        let ids = store.article_ids_after(after, 500).await.expect("ids");
        let Some(last) = ids.last().copied() else {
            break;
        };
        for id in ids {
            search::sync_article(&index, &store, id)
                .await
                .expect("index article");
        }
        index.commit().expect("commit");
        after = last;
    }
    drop(index);
    let index = search::SearchIndex::open(&index_dir).expect("index");
    let indexing = started.elapsed();
    eprintln!(
        "   {} language versions indexed in {:.1} s, {} segments",
        index.num_docs(),
        indexing.as_secs_f64(),
        segments(&index_dir)
    );
    let mut rng = StdRng::seed_from_u64(7);
    pages.shuffle(&mut rng);
    Built {
        n,
        db_bytes: ["newsbridge.db", "newsbridge.db-wal"]
            .iter()
            .map(|f| {
                std::fs::metadata(dir.path().join(f))
                    .map(|m| m.len())
                    .unwrap_or(0)
            })
            .sum(),
        index_bytes: dir_bytes(&index_dir),
        index_dir: index_dir.clone(),
        _dir: match std::env::var_os("SCALE_KEEP") {
            // Kept for EXPLAIN QUERY PLAN with sqlite3 after the run.
            Some(_) => {
                let path = dir.keep();
                eprintln!("   kept: {}", path.display());
                tempfile::Builder::new().tempdir_in(path).expect("temp dir")
            }
            None => dir,
        },
        store,
        index,
        pages,
        generate,
        indexing,
        sections: section_ids,
    }
}

fn config(port: u16) -> web::PortalConfig {
    web::PortalConfig {
        site_name: "Newsbridge".into(),
        base_url: format!("http://127.0.0.1:{port}"),
        languages: vec!["vi".into(), "en".into(), "fr".into()],
        source_language: "vi".into(),
    }
}

/// Serves `portal` on a free loopback port.
async fn serve(b: &Built, cache: bool) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let mut portal = web::Portal::new(b.store.clone(), Some(b.index.clone()), config(addr.port()));
    if !cache {
        portal = portal.with_page_cache(web::PageCacheSettings {
            ttl: Duration::ZERO,
            ..web::PageCacheSettings::default()
        });
    }
    let app = web::router(portal);
    tokio::spawn(async move { axum::serve(listener, app).await });
    addr
}

/// A keep-alive HTTP/1.1 connection: enough of a client for GETs on loopback.
struct Conn {
    addr: SocketAddr,
    stream: Option<BufReader<TcpStream>>,
}

impl Conn {
    fn new(addr: SocketAddr) -> Conn {
        Conn { addr, stream: None }
    }

    /// GETs `path`; returns the status and the body's length.
    async fn get(&mut self, path: &str) -> std::io::Result<(u16, usize)> {
        if self.stream.is_none() {
            let s = TcpStream::connect(self.addr).await?;
            s.set_nodelay(true)?;
            self.stream = Some(BufReader::new(s));
        }
        let result = self.exchange(path).await;
        if result.is_err() {
            self.stream = None;
        }
        result
    }

    async fn exchange(&mut self, path: &str) -> std::io::Result<(u16, usize)> {
        let s = self.stream.as_mut().expect("connected");
        let request =
            format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: scale\r\n\r\n");
        s.get_mut().write_all(request.as_bytes()).await?;
        let bad =
            |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_string());
        let mut line = String::new();
        s.read_line(&mut line).await?;
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .ok_or_else(|| bad("status line"))?;
        let mut length = None;
        let mut chunked = false;
        let mut close = false;
        loop {
            line.clear();
            if s.read_line(&mut line).await? == 0 {
                return Err(bad("eof in headers"));
            }
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            let (name, value) = header.split_once(':').ok_or_else(|| bad("header"))?;
            let value = value.trim();
            match name.to_ascii_lowercase().as_str() {
                "content-length" => length = value.parse::<usize>().ok(),
                "transfer-encoding" => chunked = value.eq_ignore_ascii_case("chunked"),
                "connection" => close = value.eq_ignore_ascii_case("close"),
                _ => {}
            }
        }
        let mut body = Vec::new();
        if chunked {
            loop {
                line.clear();
                s.read_line(&mut line).await?;
                let size = usize::from_str_radix(line.trim(), 16).map_err(|_| bad("chunk"))?;
                let start = body.len();
                body.resize(start + size + 2, 0);
                s.read_exact(&mut body[start..]).await?;
                body.truncate(start + size);
                if size == 0 {
                    break;
                }
            }
        } else if let Some(n) = length {
            body.resize(n, 0);
            s.read_exact(&mut body).await?;
        }
        if close {
            self.stream = None;
        }
        Ok((status, body.len()))
    }
}

/// What the writers pay at one size (ms, medians): a version published or
/// withdrawn (which moves the kept list sizes), an edit that moves none,
/// and what keeping the sizes by recounting instead would cost per change
/// (a section's count, an author's), and the safety-net reconcile.
struct WriteCosts {
    status_change: f64,
    edit: f64,
    section_count: f64,
    author_count: f64,
    reconcile: f64,
    reconcile_wrong: u64,
}

async fn write_costs(store: &Store, n: usize, sections: &[i64]) -> WriteCosts {
    let ids: Vec<i64> = (0..100).map(|k| 1 + (k * n / 100) as i64).collect();
    let mut status_change = Sample::default();
    for &id in &ids {
        for status in [TranslationStatus::Unpublished, TranslationStatus::Published] {
            let started = Instant::now();
            store
                .set_translation_status(id, "en", status)
                .await
                .expect("status");
            status_change.times.push(started.elapsed());
        }
    }
    let mut edit = Sample::default();
    for &id in &ids {
        let version = store
            .translation(id, "en")
            .await
            .expect("version")
            .expect("an en version");
        let started = Instant::now();
        store.save_translation(&version).await.expect("edit");
        edit.times.push(started.elapsed());
    }
    let author = store
        .author_by_slug(&store::slugify(&author_name(37)))
        .await
        .expect("author")
        .expect("staff member 37");
    let (mut section_count, mut author_count) = (Sample::default(), Sample::default());
    for round in 0..10 {
        let started = Instant::now();
        store
            .count_teasers(
                "en",
                store::Listing::Section(sections[round % sections.len()]).filter(),
            )
            .await
            .expect("count");
        section_count.times.push(started.elapsed());
        let started = Instant::now();
        store
            .count_teasers("en", store::Listing::Author(author.id).filter())
            .await
            .expect("count");
        author_count.times.push(started.elapsed());
    }
    let started = Instant::now();
    let reconcile_wrong = store.reconcile_list_sizes().await.expect("reconcile");
    let reconcile = started.elapsed().as_secs_f64() * 1000.0;
    WriteCosts {
        status_change: status_change.pct(50.0),
        edit: edit.pct(50.0),
        section_count: section_count.pct(50.0),
        author_count: author_count.pct(50.0),
        reconcile,
        reconcile_wrong,
    }
}

/// Latencies of one metric, and the requests that did not answer 200.
#[derive(Default, Clone)]
struct Sample {
    times: Vec<Duration>,
    errors: usize,
}

impl Sample {
    fn pct(&self, p: f64) -> f64 {
        if self.times.is_empty() {
            return f64::NAN;
        }
        let mut t = self.times.clone();
        t.sort_unstable();
        let k = ((p / 100.0) * (t.len() - 1) as f64).round() as usize;
        t[k].as_secs_f64() * 1000.0
    }
}

/// Requests `paths` over `connections` keep-alive connections, each request timed.
async fn run(addr: SocketAddr, paths: Vec<String>, connections: usize) -> Sample {
    let paths = Arc::new(paths);
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..connections {
        let (paths, next) = (paths.clone(), next.clone());
        tasks.spawn(async move {
            let mut conn = Conn::new(addr);
            let mut sample = Sample::default();
            loop {
                let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(path) = paths.get(k) else { break };
                let started = Instant::now();
                match conn.get(path).await {
                    Ok((200, _)) => sample.times.push(started.elapsed()),
                    Ok((status, _)) => {
                        if sample.errors < 3 {
                            eprintln!("   {status} for {path}");
                        }
                        sample.errors += 1;
                    }
                    Err(e) => {
                        eprintln!("   {e} for {path}");
                        sample.errors += 1;
                    }
                }
            }
            sample
        });
    }
    let mut all = Sample::default();
    while let Some(s) = tasks.join_next().await {
        let s = s.expect("client task");
        all.times.extend(s.times);
        all.errors += s.errors;
    }
    all
}

/// Percent-encodes a query string value.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            b' ' => "+".into(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn search_paths() -> Vec<String> {
    QUERIES
        .iter()
        .map(|(lang, q)| format!("/{lang}/search?q={}", encode(q)))
        .collect()
}

/// Memory figures of this process from /proc/self/status, in MiB.
fn proc_status(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Resets VmHWM to the current RSS (Linux: `5` to clear_refs).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// 64 connections for `secs` seconds on article pages (cache on, as `serve`
/// runs) with one search in five: requests/s and errors.
async fn load(addr: SocketAddr, b: &Built, secs: u64) -> (f64, usize) {
    let searches = search_paths();
    let mut paths = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(secs);
    let mut total = 0;
    let mut errors = 0;
    let started = Instant::now();
    while Instant::now() < deadline {
        paths.clear();
        for (k, p) in b.pages.iter().enumerate().take(160) {
            paths.push(p.clone());
            if k % 4 == 3 {
                paths.push(searches[k % searches.len()].clone());
            }
        }
        let s = run(addr, paths.clone(), 64).await;
        total += s.times.len() + s.errors;
        errors += s.errors;
    }
    (total as f64 / started.elapsed().as_secs_f64(), errors)
}

/// One size, ready to measure.
struct Live {
    built: Built,
    writes: WriteCosts,
    uncached: SocketAddr,
    cached: SocketAddr,
    load_rps: f64,
    load_errors: usize,
    rss_before_serving: f64,
    serving_peak: f64,
    process_peak: f64,
}

const METRICS: &[&str] = &[
    "article, cache off",
    "article, cache on (hot)",
    "search",
    "home",
    "section",
    "author",
];

/// Author pages asked for: (language, staff number).
const AUTHOR_PAGES: &[(&str, usize)] = &[("vi", 0), ("en", 37), ("fr", 101), ("en", 222)];

#[tokio::main]
async fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let small = args.first().copied().unwrap_or(1000);
    let large = args.get(1).copied().unwrap_or(100_000);
    let connections = env_num("SCALE_CONNECTIONS", 2).max(1);
    let rounds = env_num("SCALE_ROUNDS", 5).max(1);
    let per_size = env_num("SCALE_PAGES", 3000);
    let load_secs = env_num("SCALE_LOAD_SECS", 10) as u64;
    let started = Instant::now();

    let mut lives = Vec::new();
    for n in [small, large] {
        eprintln!("== {n} articles");
        let built = build(n).await;
        eprintln!("   writes: 200 status changes, 100 edits, counts, a reconcile");
        let writes = write_costs(&built.store, n, &built.sections).await;
        let process_gen = proc_status("VmHWM:");
        reset_peak();
        let rss_before_serving = proc_status("VmRSS:");
        let uncached = serve(&built, false).await;
        let cached = serve(&built, true).await;
        eprintln!("   load: 64 connections, {load_secs} s");
        let (load_rps, load_errors) = load(cached, &built, load_secs).await;
        let serving_peak = proc_status("VmHWM:");
        lives.push(Live {
            built,
            writes,
            uncached,
            cached,
            load_rps,
            load_errors,
            rss_before_serving,
            serving_peak,
            process_peak: process_gen.max(serving_peak),
        });
    }

    // Latency, in interleaved rounds.
    let mut samples: Vec<Vec<Sample>> = vec![vec![Sample::default(); METRICS.len()]; lives.len()];
    let searches = search_paths();
    for round in 0..rounds {
        eprintln!("== latency round {} / {rounds}", round + 1);
        for (l, live) in lives.iter().enumerate() {
            let b = &live.built;
            let share = per_size / rounds;
            let uncached: Vec<String> = b
                .pages
                .iter()
                .cycle()
                .skip(round * share)
                .take(share)
                .cloned()
                .collect();
            let hot: Vec<String> = b
                .pages
                .iter()
                .take(HOT)
                .cloned()
                .cycle()
                .take(share)
                .collect();
            // Warm the cache for the hot set (its pages live 5 s).
            run(live.cached, hot[..HOT.min(hot.len())].to_vec(), 1).await;
            let search: Vec<String> = searches.iter().cycle().take(share / 5).cloned().collect();
            let home: Vec<String> = ["/vi/", "/en/", "/fr/"]
                .iter()
                .cycle()
                .take(share / 10)
                .map(|s| s.to_string())
                .collect();
            let section: Vec<String> = [
                "/en/kinh-te/",
                "/vi/the-thao/",
                "/fr/the-gioi/?page=3",
                "/en/thoi-su/?page=3",
            ]
            .iter()
            .cycle()
            .take(share / 10)
            .map(|s| s.to_string())
            .collect();
            let author: Vec<String> = AUTHOR_PAGES
                .iter()
                .map(|(lang, k)| format!("/{lang}/author/{}", store::slugify(&author_name(*k))))
                .cycle()
                .take(share / 10)
                .collect();
            let runs = [
                (live.uncached, uncached),
                (live.cached, hot),
                (live.uncached, search),
                (live.uncached, home),
                (live.uncached, section),
                (live.uncached, author),
            ];
            for (m, (addr, paths)) in runs.into_iter().enumerate() {
                let s = run(addr, paths, connections).await;
                samples[l][m].times.extend(s.times);
                samples[l][m].errors += s.errors;
            }
        }
    }

    let (a, b) = (&lives[0], &lives[1]);
    println!();
    println!(
        "scale: {} vs {} articles; latency over {connections} connections, {rounds} interleaved rounds; load 64 connections {load_secs} s",
        a.built.n, b.built.n
    );
    println!();
    println!("| metric | {} | {} | ratio |", a.built.n, b.built.n);
    println!("| --- | ---: | ---: | ---: |");
    let row = |name: String, x: f64, y: f64, target: bool| {
        let ratio = y / x;
        let flag = if target && ratio > 2.0 {
            " **> 2**"
        } else {
            ""
        };
        println!("| {name} | {x:.2} | {y:.2} | {ratio:.2}{flag} |");
    };
    for (m, metric) in METRICS.iter().enumerate() {
        let (x, y) = (&samples[0][m], &samples[1][m]);
        for p in [50.0, 95.0, 99.0] {
            row(format!("{metric} p{p:.0} (ms)"), x.pct(p), y.pct(p), true);
        }
        println!(
            "| {metric}: requests, errors | {} , {} | {} , {} | |",
            x.times.len(),
            x.errors,
            y.times.len(),
            y.errors
        );
    }
    row(
        "load: requests/s (64 conn, cache on, 1 search in 5)".into(),
        a.load_rps,
        b.load_rps,
        false,
    );
    println!("| load: errors | {} | {} | |", a.load_errors, b.load_errors);
    row(
        "RSS before serving (MiB)".into(),
        a.rss_before_serving,
        b.rss_before_serving,
        false,
    );
    row(
        "peak RSS while serving (MiB)".into(),
        a.serving_peak,
        b.serving_peak,
        false,
    );
    row(
        "peak RSS of the process (MiB, VmHWM)".into(),
        a.process_peak,
        b.process_peak,
        false,
    );
    row(
        "generation (s)".into(),
        a.built.generate.as_secs_f64(),
        b.built.generate.as_secs_f64(),
        false,
    );
    row(
        "indexing (s)".into(),
        a.built.indexing.as_secs_f64(),
        b.built.indexing.as_secs_f64(),
        false,
    );
    let (wa, wb) = (&a.writes, &b.writes);
    for (name, x, y) in [
        (
            "write: publish or withdraw a version, sizes kept (ms, p50)",
            wa.status_change,
            wb.status_change,
        ),
        (
            "write: edit of a published version (ms, p50)",
            wa.edit,
            wb.edit,
        ),
        (
            "recount instead: a section's count (ms, p50)",
            wa.section_count,
            wb.section_count,
        ),
        (
            "recount instead: an author's count (ms, p50)",
            wa.author_count,
            wb.author_count,
        ),
        ("reconcile every list size (ms)", wa.reconcile, wb.reconcile),
    ] {
        row(name.into(), x, y, false);
    }
    println!(
        "| reconcile: sizes found wrong | {} | {} | |",
        wa.reconcile_wrong, wb.reconcile_wrong
    );
    row(
        "database (MiB)".into(),
        a.built.db_bytes as f64 / 1048576.0,
        b.built.db_bytes as f64 / 1048576.0,
        false,
    );
    row(
        "search index (MiB)".into(),
        a.built.index_bytes as f64 / 1048576.0,
        b.built.index_bytes as f64 / 1048576.0,
        false,
    );
    println!();
    println!(
        "search index segments at the end: {} and {}",
        segments(&a.built.index_dir),
        segments(&b.built.index_dir)
    );
    println!("run time {:.0} s", started.elapsed().as_secs_f64());
}
