//! The editorial desk: sign-in, sessions, roles, CSRF, moderation, takedown.

use crate::common;

use argon2::password_hash::{PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use common::*;
use store::{CommentStatus, NewComment, Role};

/// An argon2id PHC string (small parameters: tests verify it many times).
fn hash(password: &str) -> String {
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

async fn users(f: &Fixture) {
    f.store
        .add_user("ada", &hash("correct horse"), Role::Admin, &[])
        .await
        .unwrap();
    f.store
        .add_user("eve", &hash("battery staple"), Role::Editor, &["fr".into()])
        .await
        .unwrap();
}

/// Signs in and returns the session cookie (`name=value`).
async fn sign_in(app: &axum::Router, user: &str, password: &str) -> Got {
    let page = get(app, "/admin/login").await;
    assert_eq!(page.status, 200);
    let token = hidden(&page.body, "token");
    post_form(
        app,
        "/admin/login",
        &[
            ("token", &token),
            ("username", user),
            ("password", password),
        ],
        &[],
    )
    .await
}

async fn session(app: &axum::Router, user: &str, password: &str) -> String {
    let got = sign_in(app, user, password).await;
    assert_eq!(got.status, 303, "{}", got.body);
    got.header("set-cookie")
        .split(';')
        .next()
        .unwrap()
        .to_string()
}

async fn csrf(app: &axum::Router, cookie: &str) -> String {
    let page = get_with(app, "/admin", &[("cookie", cookie)]).await;
    assert_eq!(page.status, 200);
    hidden(&page.body, "csrf")
}

#[tokio::test]
async fn wrong_passwords_are_refused_and_the_right_one_opens_the_dashboard() {
    let f = fixture().await;
    users(&f).await;
    let app = web::router(portal(&f));
    let wrong = sign_in(&app, "ada", "wrong").await;
    assert_eq!(wrong.status, 401);
    assert!(wrong.header("set-cookie").is_empty());
    assert!(wrong.body.contains("Wrong user name or password."));
    let nobody = sign_in(&app, "nobody", "x").await;
    assert_eq!(nobody.status, 401);

    let ok = sign_in(&app, "ada", "correct horse").await;
    assert_eq!(ok.status, 303);
    assert_eq!(ok.header("location"), "/admin");
    let set = ok.header("set-cookie");
    for attr in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/admin"] {
        assert!(set.contains(attr), "{set}");
    }
    let cookie = set.split(';').next().unwrap();
    let dash = get_with(&app, "/admin", &[("cookie", cookie)]).await;
    assert_eq!(dash.status, 200);
    assert!(dash.body.contains("Dashboard") && dash.body.contains("Jobs"));
    assert_eq!(dash.header("cache-control"), "no-store");

    // A tampered cookie is not a session.
    let forged = cookie.replacen("nb_desk=", "nb_desk=9", 1);
    let got = get_with(&app, "/admin", &[("cookie", &forged)]).await;
    assert_eq!(got.status, 303);
    assert_eq!(got.header("location"), "/admin/login");

    // Without the login form's token the sign-in is refused.
    let got = post_form(
        &app,
        "/admin/login",
        &[("username", "ada"), ("password", "correct horse")],
        &[],
    )
    .await;
    assert_eq!(got.status, 403);
    let log = f.store.audit_log(10, 0).await.unwrap();
    assert!(log.iter().any(|e| e.action == "login" && e.actor == "ada"));
}

#[tokio::test]
async fn password_guessing_is_rate_limited() {
    let f = fixture().await;
    users(&f).await;
    let app = web::router(portal(&f));
    for _ in 0..5 {
        assert_eq!(sign_in(&app, "ada", "guess").await.status, 401);
    }
    let got = sign_in(&app, "ada", "correct horse").await;
    assert_eq!(got.status, 429, "even the right password waits");
    // Another user is not locked out.
    assert_eq!(sign_in(&app, "eve", "battery staple").await.status, 303);
}

#[tokio::test]
async fn password_guessing_limits_hold_across_web_nodes() {
    let f = fixture().await;
    users(&f).await;
    // Two web nodes sharing the database and the configured secret.
    let node = || web::router(portal(&f).with_secret(web::Secret::new(b"shared by both nodes")));
    let (a, b) = (node(), node());
    for _ in 0..5 {
        assert_eq!(sign_in(&a, "ada", "guess").await.status, 401);
    }
    let got = sign_in(&b, "ada", "correct horse").await;
    assert_eq!(got.status, 429, "the other node knows about the guesses");
    let log = f.store.audit_log(20, 0).await.unwrap();
    assert_eq!(
        log.iter()
            .filter(|e| e.action == "login_failed" && e.actor == "ada")
            .count(),
        5,
        "each failed sign-in is in the audit log"
    );
    assert_eq!(sign_in(&b, "eve", "battery staple").await.status, 303);
}

#[tokio::test]
async fn anonymous_and_under_privileged_users_are_kept_out() {
    let f = fixture().await;
    users(&f).await;
    let app = web::router(portal(&f));
    let id = f.main;
    let gets = [
        "/admin".to_string(),
        "/admin/".into(),
        "/admin/comments".into(),
        "/admin/articles".into(),
        "/admin/review".into(),
        format!("/admin/articles/{id}"),
        format!("/admin/articles/{id}/fr"),
        "/admin/audit".into(),
    ];
    for path in &gets {
        let got = get(&app, path).await;
        assert_eq!(got.status, 303, "{path}");
        assert_eq!(got.header("location"), "/admin/login", "{path}");
    }
    let posts = [
        "/admin/logout".to_string(),
        "/admin/jobs/1/retry".into(),
        "/admin/comments/1/spam".into(),
        format!("/admin/articles/{id}/takedown"),
        format!("/admin/articles/{id}/fr/status"),
        format!("/admin/articles/{id}/section"),
    ];
    for path in &posts {
        let got = post_form(
            &app,
            path,
            &[("reason", "x"), ("status", "hold"), ("section", "1")],
            &[],
        )
        .await;
        assert_eq!(got.status, 403, "{path}");
    }
    let editor = session(&app, "eve", "battery staple").await;
    let token = csrf(&app, &editor).await;
    let got = get_with(&app, "/admin/audit", &[("cookie", &editor)]).await;
    assert_eq!(got.status, 403);
    let got = post_form(
        &app,
        "/admin/jobs/1/retry",
        &[("csrf", &token)],
        &[("cookie", &editor)],
    )
    .await;
    assert_eq!(got.status, 403);
    // Eve works on French only.
    let got = post_form(
        &app,
        &format!("/admin/articles/{id}/en/status"),
        &[("csrf", &token), ("status", "hold")],
        &[("cookie", &editor)],
    )
    .await;
    assert_eq!(got.status, 403);
    let got = post_form(
        &app,
        &format!("/admin/articles/{id}/fr/status"),
        &[("csrf", &token), ("status", "hold")],
        &[("cookie", &editor)],
    )
    .await;
    assert_eq!(got.status, 303);
    let fr = f.store.translation(id, "fr").await.unwrap().unwrap();
    assert_eq!(fr.status, store::TranslationStatus::Held);
    // Every page an editor may open answers.
    for path in gets.iter().filter(|p| !p.ends_with("audit")) {
        let got = get_with(&app, path, &[("cookie", &editor)]).await;
        assert_eq!(got.status, 200, "{path}");
    }
    let admin = session(&app, "ada", "correct horse").await;
    let got = get_with(&app, "/admin/audit", &[("cookie", &admin)]).await;
    assert_eq!(got.status, 200);
    assert!(got.body.contains("Version held") && got.body.contains(&format!("Article {id} (fr)")));
}

#[tokio::test]
async fn posts_without_the_sessions_csrf_token_are_refused() {
    let f = fixture().await;
    users(&f).await;
    let app = web::router(portal(&f));
    let admin = session(&app, "ada", "correct horse").await;
    let path = format!("/admin/articles/{}/takedown", f.main);
    let got = post_form(&app, &path, &[("reason", "x")], &[("cookie", &admin)]).await;
    assert_eq!(got.status, 403);
    // Another session's token does not fit.
    let other = session(&app, "eve", "battery staple").await;
    let theirs = csrf(&app, &other).await;
    let got = post_form(
        &app,
        &path,
        &[("reason", "x"), ("csrf", &theirs)],
        &[("cookie", &admin)],
    )
    .await;
    assert_eq!(got.status, 403);
    // Nor does a cross-site origin.
    let mine = csrf(&app, &admin).await;
    let got = post_form(
        &app,
        &path,
        &[("reason", "x"), ("csrf", &mine)],
        &[
            ("cookie", &admin),
            ("origin", "https://evil.example"),
            ("host", "news.example"),
        ],
    )
    .await;
    assert_eq!(got.status, 403);
    let page = get(&app, &format!("/fr/the-gioi/{}-x", f.main)).await;
    assert_ne!(page.status, 410, "nothing was taken down");
}

#[tokio::test]
async fn takedown_answers_410_in_every_language_and_is_audited() {
    let f = fixture().await;
    users(&f).await;
    let app = web::router(portal(&f));
    let editor = session(&app, "ada", "correct horse").await;
    let token = csrf(&app, &editor).await;
    let got = post_form(
        &app,
        &format!("/admin/articles/{}/takedown", f.main),
        &[
            ("csrf", &token),
            ("reason", "Publisher's request, letter of 3 May"),
        ],
        &[("cookie", &editor)],
    )
    .await;
    assert_eq!(got.status, 303);
    for lang in LANGS {
        let got = get(&app, &format!("/{lang}/the-gioi/{}-any", f.main)).await;
        assert_eq!(got.status, 410, "{lang}");
    }
    let log = f.store.audit_log(10, 0).await.unwrap();
    let row = log
        .iter()
        .find(|e| e.action == "takedown")
        .expect("audit row");
    assert_eq!(row.actor, "ada");
    assert_eq!(row.target, format!("article {}", f.main));
    assert_eq!(
        row.detail.as_deref(),
        Some("Publisher's request, letter of 3 May")
    );
}

#[tokio::test]
async fn editors_moderate_comments_with_an_audit_trail() {
    let f = fixture().await;
    users(&f).await;
    let app = web::router(portal(&f));
    let mut ids = Vec::new();
    for body in ["<i>visible</i>", "spam spam", "delete me"] {
        let id = f
            .store
            .add_comment(&NewComment {
                article_id: f.main,
                lang: "fr",
                parent_id: None,
                author_name: "Lecteur",
                email: None,
                body,
                status: CommentStatus::Pending,
                ip_hash: "0123456789abcdef",
            })
            .await
            .unwrap();
        ids.push(id);
    }
    let editor = session(&app, "eve", "battery staple").await;
    let queue = get_with(&app, "/admin/comments", &[("cookie", &editor)]).await;
    assert_eq!(queue.status, 200);
    assert!(queue.body.contains("&lt;i&gt;visible&lt;/i&gt;"));
    let token = csrf(&app, &editor).await;
    for (id, action) in [(ids[0], "approve"), (ids[1], "spam"), (ids[2], "delete")] {
        let got = post_form(
            &app,
            &format!("/admin/comments/{id}/{action}"),
            &[("csrf", &token), ("reason", "reader asked")],
            &[("cookie", &editor)],
        )
        .await;
        assert_eq!(got.status, 303, "{action}");
    }
    let visible = f.store.visible_comments(f.main, "fr").await.unwrap();
    assert_eq!(visible.len(), 1);
    assert_eq!(
        f.store.comment(ids[1]).await.unwrap().status,
        CommentStatus::Spam
    );
    assert!(f.store.comment(ids[2]).await.is_err());
    let log = f.store.audit_log(10, 0).await.unwrap();
    let deleted = log.iter().find(|e| e.action == "comment_delete").unwrap();
    assert_eq!(deleted.detail.as_deref(), Some("reader asked"));
    assert!(log
        .iter()
        .any(|e| e.action == "comment_spam" && e.actor == "eve"));
    let got = post_form(
        &app,
        &format!("/admin/comments/{}/ban", ids[0]),
        &[("csrf", &token), ("reason", "flood")],
        &[("cookie", &editor)],
    )
    .await;
    assert_eq!(
        got.status, 403,
        "a French-only editor cannot ban a poster everywhere"
    );
    assert!(!f.store.ip_hash_banned("0123456789abcdef").await.unwrap());
    let admin = session(&app, "ada", "correct horse").await;
    let t = csrf(&app, &admin).await;
    let got = post_form(
        &app,
        &format!("/admin/comments/{}/ban", ids[0]),
        &[("csrf", &t), ("reason", "flood")],
        &[("cookie", &admin)],
    )
    .await;
    assert_eq!(got.status, 303);
    assert!(f.store.ip_hash_banned("0123456789abcdef").await.unwrap());
    assert!(f
        .store
        .visible_comments(f.main, "fr")
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn the_review_page_shows_segments_side_by_side_with_flags() {
    let f = fixture().await;
    users(&f).await;
    let mut fr = f.store.translation(f.main, "fr").await.unwrap().unwrap();
    fr.segments = serde_json::json!([
        {"unit": 0, "kind": "title", "source": "Chiến sự ở Kursk", "target": "Combats à Koursk", "origin": "tm", "flags": []},
        {"unit": 1, "kind": "paragraph", "source": "Có 1.115 người", "target": "Il y a <b>115</b> personnes", "origin": "engine", "flags": ["number_mismatch"]}
    ]);
    f.store.save_translation(&fr).await.unwrap();
    let app = web::router(portal(&f));
    let admin = session(&app, "ada", "correct horse").await;
    let got = get_with(
        &app,
        &format!("/admin/articles/{}/fr", f.main),
        &[("cookie", &admin)],
    )
    .await;
    assert_eq!(got.status, 200);
    assert!(got.body.contains("Chiến sự ở Kursk") && got.body.contains("Combats à Koursk"));
    // Flagged segments are marked, their flag named in words (an unknown code humanized).
    assert!(got.body.contains("data-flagged"));
    assert!(got
        .body
        .contains("<span class=\"flag\">check: number mismatch</span>"));
    assert!(got.body.contains("&lt;b&gt;115&lt;/b&gt;"));
    let dash = get_with(&app, "/admin", &[("cookie", &admin)]).await.body;
    assert!(dash.contains("QA flags by language"));
    // The held German version waits in the review queue.
    let queue = get_with(&app, "/admin/review", &[("cookie", &admin)])
        .await
        .body;
    assert!(
        queue.contains(&format!("/admin/articles/{}/de", f.main)),
        "{queue}"
    );
    let missing = get_with(
        &app,
        &format!("/admin/articles/{}/xx", f.main),
        &[("cookie", &admin)],
    )
    .await;
    assert_eq!(missing.status, 404);
}

#[tokio::test]
async fn sessions_are_fresh_at_every_sign_in_and_die_at_sign_out() {
    let f = fixture().await;
    users(&f).await;
    let app = web::router(portal(&f));
    // A session id planted before sign-in is not adopted.
    let page = get(&app, "/admin/login").await;
    let token = hidden(&page.body, "token");
    let planted = "nb_desk=1.attacker.616461.00";
    let got = post_form(
        &app,
        "/admin/login",
        &[
            ("token", &token),
            ("username", "ada"),
            ("password", "correct horse"),
        ],
        &[("cookie", planted)],
    )
    .await;
    assert_eq!(got.status, 303);
    let first = got
        .header("set-cookie")
        .split(';')
        .next()
        .unwrap()
        .to_string();
    assert_ne!(first, planted);
    let second = session(&app, "ada", "correct horse").await;
    assert_ne!(first, second, "every sign-in starts a new session");

    // Plain HTTP without a proxy saying HTTPS: no Secure flag; behind an HTTPS proxy: Secure.
    let plain = web::router(portal_with(
        &f,
        web::PortalConfig {
            base_url: "http://127.0.0.1:8080".into(),
            ..config()
        },
    ));
    let got = sign_in(&plain, "ada", "correct horse").await;
    assert!(!got.header("set-cookie").contains("Secure"));
    let page = get(&plain, "/admin/login").await;
    let token = hidden(&page.body, "token");
    let got = post_form(
        &plain,
        "/admin/login",
        &[
            ("token", &token),
            ("username", "ada"),
            ("password", "correct horse"),
        ],
        &[("x-forwarded-proto", "https")],
    )
    .await;
    assert!(got.header("set-cookie").contains("; Secure"));

    // Signing out ends the session on the server, not only in the browser.
    let token = csrf(&app, &first).await;
    let got = post_form(
        &app,
        "/admin/logout",
        &[("csrf", &token)],
        &[("cookie", &first)],
    )
    .await;
    assert_eq!(got.status, 303);
    assert!(got.header("set-cookie").contains("Max-Age=0"));
    let got = get_with(&app, "/admin", &[("cookie", &first)]).await;
    assert_eq!(got.status, 303, "the old cookie no longer works");
    let got = get_with(&app, "/admin", &[("cookie", &second)]).await;
    assert_eq!(got.status, 200, "other sessions live on");
}

#[tokio::test]
async fn an_editors_correction_is_queued_for_the_memory_and_audited() {
    let f = fixture().await;
    users(&f).await;
    let mut fr = f.store.translation(f.main, "fr").await.unwrap().unwrap();
    fr.segments = serde_json::json!([
        {"unit": "title", "kind": "title", "source": "Chiến sự ở Kursk", "target": "Combats à Kursk", "origin": "engine", "flags": ["glossary_missing"]}
    ]);
    f.store.save_translation(&fr).await.unwrap();
    let app = web::router(portal(&f));
    let editor = session(&app, "eve", "battery staple").await;
    let page = get_with(
        &app,
        &format!("/admin/articles/{}/fr", f.main),
        &[("cookie", &editor)],
    )
    .await;
    assert!(
        page.body
            .contains(&format!("/admin/articles/{}/fr/segments/0", f.main)),
        "a form per segment"
    );
    let token = csrf(&app, &editor).await;
    let path = format!("/admin/articles/{}/fr/segments/0", f.main);
    let got = post_form(
        &app,
        &path,
        &[("csrf", &token), ("target", "Combats à Koursk")],
        &[("cookie", &editor)],
    )
    .await;
    assert_eq!(got.status, 303);
    let status = f.store.pipeline_status(0).await.unwrap();
    assert!(
        status
            .jobs
            .iter()
            .any(|c| c.kind == "revise" && c.state == "queued" && c.count == 1),
        "{:?}",
        status.jobs
    );
    let log = f.store.audit_log(10, 0).await.unwrap();
    let row = log
        .iter()
        .find(|e| e.action == "segment_revised")
        .expect("audit row");
    assert_eq!(row.actor, "eve");
    assert_eq!(row.detail.as_deref(), Some("Combats à Koursk"));
    // Without the token, or outside the editor's languages, nothing is queued.
    let got = post_form(&app, &path, &[("target", "x")], &[("cookie", &editor)]).await;
    assert_eq!(got.status, 403);
    let other = format!("/admin/articles/{}/en/segments/0", f.main);
    let got = post_form(
        &app,
        &other,
        &[("csrf", &token), ("target", "x")],
        &[("cookie", &editor)],
    )
    .await;
    assert_eq!(got.status, 403);
    let status = f.store.pipeline_status(0).await.unwrap();
    assert!(status
        .jobs
        .iter()
        .any(|c| c.kind == "revise" && c.count == 1));
}
