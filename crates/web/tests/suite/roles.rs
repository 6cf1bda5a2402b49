//! Every desk route × every role × the language acted on, over real HTTP, on
//! SQLite and PostgreSQL: the permission model's table, checked end to end.
//! Also: a user name cannot be locked out of the desk from someone else's
//! address.

use crate::common;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use argon2::password_hash::{PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use article::Article;
use common::{config, hidden, serve, wire, wire_form, Wire};
use store::{CommentStatus, NewArticle, NewComment, Role, SourceKind, Store, Translation};

/// A small-parameter argon2id hash (sign-in happens once per case).
pub fn hash(password: &str) -> String {
    let argon = Argon2::new(
        Algorithm::Argon2id,
        Version::V0x13,
        Params::new(1024, 1, 1, None).unwrap(),
    );
    let salt = SaltString::from_b64("c29tZXNhbHRzb21lc2FsdA").unwrap();
    argon
        .hash_password(password.as_bytes(), &salt)
        .unwrap()
        .to_string()
}

/// What the walk acts on.
pub struct Seeded {
    /// Published in vi (original), fr and en.
    pub article: i64,
    /// Another article, for takedowns.
    pub spare: i64,
    pub section: i64,
    pub source: i64,
    pub comment_fr: i64,
    pub comment_en: i64,
}

async fn stored_article(store: &Store, url: &str, section: i64) -> i64 {
    let original = Article {
        url: url.into(),
        title: format!("Bài {url}"),
        language: Some("vi".into()),
        ..Article::default()
    };
    let id = store
        .upsert_article(&NewArticle {
            source_id: None,
            url,
            fetched_url: url,
            content_hash: url,
            simhash: 0,
            language: "vi",
            original: &original,
        })
        .await
        .unwrap()
        .id();
    store
        .classify_article(id, Some(section), Some(1.0), None, &[])
        .await
        .unwrap();
    for lang in ["vi", "fr", "en"] {
        let mut content = original.clone();
        content.title = format!("{lang} {url}");
        store
            .save_translation(&Translation {
                article_id: id,
                lang: lang.to_string(),
                slug: store::slugify(&content.title),
                content,
                status: store::TranslationStatus::Published,
                engine: None,
                qa_flags: vec![],
                segments: serde_json::json!([{"unit": 0, "kind": "p", "source": "Một", "target": "Un"}]),
                source_revision: 1,
                reviewed_by: None,
                published_at: Some(store::now_ms()),
            })
            .await
            .unwrap();
    }
    id
}

/// A visible comment in `lang` on `article`.
pub async fn comment(store: &Store, article: i64, lang: &str, ip_hash: &str) -> i64 {
    store
        .add_comment(&NewComment {
            article_id: article,
            lang,
            parent_id: None,
            author_name: "Ana",
            email: None,
            body: "Un avis.",
            status: CommentStatus::Visible,
            ip_hash,
        })
        .await
        .unwrap()
}

/// Users `ada` (admin), `all` (editor, every language), `fr` (editor, French
/// only) and `zed` (an editor the admin pages act on), with the content the
/// routes act on.
pub async fn seed(store: &Store) -> Seeded {
    let names = [("vi", "Thế giới"), ("fr", "Monde"), ("en", "World")]
        .iter()
        .map(|(l, n)| (l.to_string(), n.to_string()))
        .collect();
    let section = store.upsert_section("the-gioi", 1, &names).await.unwrap();
    let source = store
        .add_source(
            "Báo",
            SourceKind::Feed,
            "https://bao.example/rss",
            &serde_json::json!({}),
        )
        .await
        .unwrap()
        .id;
    let article = stored_article(store, "https://bao.example/1", section).await;
    let spare = stored_article(store, "https://bao.example/2", section).await;
    let comment_fr = comment(store, article, "fr", "poster-fr").await;
    let comment_en = comment(store, article, "en", "poster-en").await;
    for (name, role, langs) in [
        ("ada", Role::Admin, vec![]),
        ("all", Role::Editor, vec![]),
        ("fr", Role::Editor, vec!["fr".to_string()]),
        ("zed", Role::Editor, vec![]),
    ] {
        store
            .add_user(name, &hash(&format!("{name} password")), role, &langs)
            .await
            .unwrap();
    }
    Seeded {
        article,
        spare,
        section,
        source,
        comment_fr,
        comment_en,
    }
}

/// Sends one request from `from` (a loopback address: the client IP the
/// portal sees) and reads the status and headers (`Connection: close`).
pub async fn status_from(
    from: IpAddr,
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind(SocketAddr::new(from, 0)).unwrap();
    let mut stream = socket.connect(addr).await.unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: news.example\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    tokio::time::timeout(
        std::time::Duration::from_secs(10),
        stream.read_to_end(&mut raw),
    )
    .await
    .expect("answer within 10 s")
    .unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, text)
}

/// Signs in over HTTP from `from`; the session cookie (`name=value`), or the
/// status of the refusal.
pub async fn sign_in_from(
    from: IpAddr,
    addr: SocketAddr,
    user: &str,
    password: &str,
) -> Result<String, u16> {
    let page = wire(addr, "GET", "/admin/login", &[], b"").await;
    let token = hidden(&page.text(), "token").replace("&amp;", "&");
    let body = common::form_body(&[
        ("token", &token),
        ("username", user),
        ("password", password),
    ]);
    let (status, text) = status_from(
        from,
        addr,
        "POST",
        "/admin/login",
        &[("content-type", "application/x-www-form-urlencoded")],
        &body,
    )
    .await;
    if status != 303 {
        return Err(status);
    }
    let cookie = text
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .and_then(|c| c.split(';').next())
        .unwrap();
    Ok(cookie.to_string())
}

/// A signed-in desk user.
pub struct Session {
    pub addr: SocketAddr,
    pub cookie: String,
}

impl Session {
    pub async fn new(addr: SocketAddr, user: &str) -> Session {
        let cookie = sign_in_from(
            IpAddr::V4(Ipv4Addr::LOCALHOST),
            addr,
            user,
            &format!("{user} password"),
        )
        .await
        .unwrap_or_else(|s| panic!("{user} cannot sign in: {s}"));
        Session { addr, cookie }
    }

    pub async fn get(&self, path: &str) -> Wire {
        wire(self.addr, "GET", path, &[("cookie", &self.cookie)], b"").await
    }

    /// POSTs a form with the session's CSRF token.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Wire {
        let page = self.get("/admin").await;
        assert_eq!(page.status, 200);
        let csrf = hidden(&page.text(), "csrf").replace("&amp;", "&");
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        wire_form(self.addr, path, &all, &[("cookie", &self.cookie)]).await
    }
}

/// Who asks.
const USERS: [&str; 3] = ["ada", "all", "fr"];

/// One route with what it acts on, and whether each of [`USERS`] may.
struct Case {
    post: bool,
    path: String,
    fields: Vec<(&'static str, String)>,
    allowed: [bool; 3],
}

fn get(path: String, allowed: [bool; 3]) -> Case {
    Case {
        post: false,
        path,
        fields: vec![],
        allowed,
    }
}

fn post(path: String, fields: &[(&'static str, &str)], allowed: [bool; 3]) -> Case {
    Case {
        post: true,
        path,
        fields: fields.iter().map(|(k, v)| (*k, v.to_string())).collect(),
        allowed,
    }
}

const EVERYONE: [bool; 3] = [true, true, true];
const EVERY_LANGUAGE: [bool; 3] = [true, true, false];
const ADMINS: [bool; 3] = [true, false, false];

/// Every desk route: pages, then the actions in each language they act on.
fn cases(s: &Seeded) -> Vec<Case> {
    let (a, spare, (cfr, cen)) = (s.article, s.spare, (s.comment_fr, s.comment_en));
    let mut cases = vec![
        get("/admin".into(), EVERYONE),
        get("/admin/".into(), EVERYONE),
        get("/admin/comments".into(), EVERYONE),
        get("/admin/review".into(), EVERYONE),
        get("/admin/articles".into(), EVERYONE),
        get(format!("/admin/articles/{a}"), EVERYONE),
        get(format!("/admin/articles/{a}/fr"), EVERYONE),
        get(format!("/admin/articles/{a}/en"), EVERYONE),
        post(
            format!("/admin/articles/{spare}/takedown"),
            &[("reason", "asked")],
            EVERY_LANGUAGE,
        ),
        post(
            format!("/admin/articles/{a}/section"),
            &[("section", &s.section.to_string())],
            EVERY_LANGUAGE,
        ),
        post(
            "/admin/comments/threshold".into(),
            &[("readers", "3")],
            EVERY_LANGUAGE,
        ),
        post(
            format!("/admin/comments/{cfr}/ban"),
            &[("reason", "spam")],
            EVERY_LANGUAGE,
        ),
        post(
            format!("/admin/comments/{cen}/ban"),
            &[("reason", "spam")],
            EVERY_LANGUAGE,
        ),
        post("/admin/jobs/1/retry".into(), &[], ADMINS),
        get("/admin/audit".into(), ADMINS),
        get("/admin/sources".into(), ADMINS),
        get(format!("/admin/sources/{}", s.source), ADMINS),
        post(
            format!("/admin/sources/{}", s.source),
            &[("name", "Báo")],
            ADMINS,
        ),
        post(format!("/admin/sources/{}/pause", s.source), &[], ADMINS),
        get("/admin/sections".into(), ADMINS),
        post(format!("/admin/sections/{}", s.section), &[], ADMINS),
        get("/admin/glossary".into(), ADMINS),
        post("/admin/glossary".into(), &[], ADMINS),
        post("/admin/glossary/remove".into(), &[], ADMINS),
        post("/admin/glossary/import".into(), &[("csv", "")], ADMINS),
        get("/admin/glossary/export.csv".into(), ADMINS),
        get("/admin/users".into(), ADMINS),
        post("/admin/users".into(), &[], ADMINS),
        post("/admin/users/zed/enable".into(), &[], ADMINS),
    ];
    // Work on one language version or one comment: the French editor may
    // in French only.
    for (lang, comment, allowed) in [("fr", cfr, EVERYONE), ("en", cen, EVERY_LANGUAGE)] {
        cases.push(post(
            format!("/admin/articles/{a}/{lang}/status"),
            &[("status", "hold")],
            allowed,
        ));
        cases.push(post(
            format!("/admin/articles/{a}/{lang}/segments/0"),
            &[("target", "Une correction")],
            allowed,
        ));
        for action in ["approve", "reject", "spam"] {
            cases.push(post(
                format!("/admin/comments/{comment}/{action}"),
                &[],
                allowed,
            ));
        }
    }
    cases
}

/// Whether the answer is the permission model's refusal.
fn refused(got: &Wire) -> bool {
    got.status == 403
        && [
            "This is for admins only.",
            "You do not work on this language.",
            "This reaches every language",
        ]
        .iter()
        .any(|m| got.text().contains(m))
}

async fn walk(store: Store) {
    let s = seed(&store).await;
    let addr = serve(web::router(web::Portal::new(store.clone(), None, config()))).await;
    let sessions = [
        Session::new(addr, "ada").await,
        Session::new(addr, "all").await,
        Session::new(addr, "fr").await,
    ];
    let mut wrong = Vec::new();
    let all = cases(&s);
    assert!(all.len() >= 39, "{}", all.len());
    for case in &all {
        // Anonymous: pages send to the sign-in form, forms are refused.
        let anonymous = if case.post {
            wire_form(addr, &case.path, &[], &[]).await
        } else {
            wire(addr, "GET", &case.path, &[], b"").await
        };
        let expected = if case.post { 403 } else { 303 };
        if anonymous.status != expected {
            wrong.push(format!("anonymous {} -> {}", case.path, anonymous.status));
        }
        for (i, session) in sessions.iter().enumerate() {
            let got = if case.post {
                let fields: Vec<(&str, &str)> =
                    case.fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                session.post(&case.path, &fields).await
            } else {
                session.get(&case.path).await
            };
            let allowed = !refused(&got) && got.status != 403 && got.status < 500;
            if allowed != case.allowed[i] {
                wrong.push(format!(
                    "{} {} {}: expected {}, got {}",
                    USERS[i],
                    if case.post { "POST" } else { "GET" },
                    case.path,
                    if case.allowed[i] { "allowed" } else { "403" },
                    got.status
                ));
            }
            if !case.allowed[i] && !refused(&got) {
                wrong.push(format!(
                    "{} {}: refused without the reason",
                    USERS[i], case.path
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    // Refusals changed nothing: the English comment was decided on by the
    // admins only, and the spare article was taken down by them.
    let log = store.audit_log(500, 0).await.unwrap();
    assert!(log
        .iter()
        .filter(|e| e.target == format!("comment {}", s.comment_en))
        .all(|e| e.actor != "fr"));
    assert!(log
        .iter()
        .all(|e| !(e.actor == "fr" && e.action == "takedown")));
    // Logging out is for everyone; the session ends.
    for session in &sessions {
        assert_eq!(session.post("/admin/logout", &[]).await.status, 303);
        assert_eq!(session.get("/admin").await.status, 303);
    }
}

#[tokio::test]
async fn every_desk_route_allows_each_role_only_its_languages_on_sqlite() {
    let (store, _dir) = store::testing::sqlite().await.unwrap();
    walk(store).await;
}

#[tokio::test]
async fn every_desk_route_allows_each_role_only_its_languages_on_postgres() {
    if let Some(store) = store::testing::postgres().await {
        walk(store).await;
    }
}

#[tokio::test]
async fn failed_sign_ins_from_one_address_do_not_lock_the_user_out_of_another() {
    let (store, _dir) = store::testing::sqlite().await.unwrap();
    seed(&store).await;
    // Two web nodes sharing the database and the configured secret.
    let node = || {
        web::router(
            web::Portal::new(store.clone(), None, config())
                .with_secret(web::Secret::new(b"shared by both nodes")),
        )
    };
    let addr = serve(node()).await;
    let attacker = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2));
    let user = IpAddr::V4(Ipv4Addr::LOCALHOST);
    let mut answers = Vec::new();
    for _ in 0..8 {
        answers.push(
            sign_in_from(attacker, addr, "fr", "guess")
                .await
                .unwrap_err(),
        );
    }
    assert_eq!(answers[..5], [401; 5], "{answers:?}");
    assert!(answers[5..].iter().all(|s| *s == 429), "{answers:?}");
    // The attacker's address stays locked even with the right password…
    assert_eq!(
        sign_in_from(attacker, addr, "fr", "fr password").await,
        Err(429)
    );
    // …while the user signs in from their own.
    assert!(sign_in_from(user, addr, "fr", "fr password").await.is_ok());
    // Failures are also counted per pair across web nodes: a second portal on
    // the same database keeps the attacker out and lets the user in.
    let other = serve(node()).await;
    assert_eq!(
        sign_in_from(attacker, other, "fr", "fr password").await,
        Err(429)
    );
    assert!(sign_in_from(user, other, "fr", "fr password").await.is_ok());
}

#[tokio::test]
async fn a_burst_of_sign_ins_from_one_address_gets_no_more_password_checks_than_its_limit() {
    let (store, _dir) = store::testing::sqlite().await.unwrap();
    seed(&store).await;
    let addr = serve(web::router(web::Portal::new(store.clone(), None, config()))).await;
    let attacker = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 3));
    // Forty guesses at forty names, all sent before any has been answered:
    // each is counted before its (deliberately slow) password check.
    let burst: Vec<_> = (0..40)
        .map(|i| {
            tokio::spawn(async move {
                sign_in_from(attacker, addr, &format!("nobody{i}"), "guess").await
            })
        })
        .collect();
    let mut answers = Vec::new();
    for attempt in burst {
        answers.push(attempt.await.unwrap().unwrap_err());
    }
    let checked = answers.iter().filter(|s| **s == 401).count();
    assert!(
        answers.iter().all(|s| *s == 401 || *s == 429),
        "{answers:?}"
    );
    assert!(
        (1..=20).contains(&checked),
        "{checked} passwords checked for one address: {answers:?}"
    );
    // The address is locked for good now, the right password included.
    assert_eq!(
        sign_in_from(attacker, addr, "fr", "fr password").await,
        Err(429)
    );
}
