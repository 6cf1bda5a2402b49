//! Readers' comments on article pages: posting, escaping, anti-spam, CSRF.

use crate::common;

use common::*;
use store::{CommentStatus, NewComment};
use web::{CommentSettings, Moderation};

const PATH_FR: &str = "/fr/the-gioi/{}-combats-a-koursk-la-russie-renforce-sa-defense";

fn fr_path(f: &Fixture) -> String {
    PATH_FR.replace("{}", &f.main.to_string())
}

/// A portal that accepts comments immediately (no minimum time-to-submit).
fn quick(f: &Fixture) -> axum::Router {
    web::router(portal(f).with_comments(CommentSettings {
        min_submit_seconds: 0,
        ..CommentSettings::default()
    }))
}

async fn token(app: &axum::Router, path: &str) -> String {
    let page = get(app, path).await;
    assert_eq!(page.status, 200);
    hidden(&page.body, "token")
}

#[tokio::test]
async fn a_posted_comment_is_shown_escaped_with_autolinks() {
    let f = fixture().await;
    let app = quick(&f);
    let path = fr_path(&f);
    let page = get(&app, &path).await;
    assert!(page.body.contains("Aucun commentaire pour le moment."));
    assert!(page.body.contains(&format!("action=\"{path}/comments\"")));
    let token = hidden(&page.body, "token");
    let got = post_form(
        &app,
        &format!("{path}/comments"),
        &[
            ("token", &token),
            ("name", "<b>Zoé</b>"),
            ("email", "zoe@example.org"),
            ("body", "Voir https://example.org/a?x=1&y=2.\n<script>alert(1)</script><img src=x onerror=alert(2)>"),
            ("website", ""),
        ],
        &[("origin", "https://news.example"), ("host", "news.example")],
    )
    .await;
    assert_eq!(got.status, 303, "{}", got.body);
    assert_eq!(
        got.header("location"),
        format!("{path}?comment=posted#comments")
    );
    let page = get(&app, &format!("{path}?comment=posted")).await;
    assert_eq!(page.header("cache-control"), "no-store");
    let body = page.body;
    // The forms are enhanced by a small script, served with the other assets.
    let script = body
        .split("<script src=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let js = get(&app, script).await;
    assert_eq!(js.status, 200);
    assert!(js.header("content-type").starts_with("text/javascript"));
    assert!(js.body.contains("getElementById(\"comments\")"));
    assert!(body.contains("Merci : votre commentaire est publié."));
    assert!(body.contains("&lt;b&gt;Zoé&lt;/b&gt;"), "{body}");
    assert!(body
        .contains(r#"<a href="https://example.org/a?x=1&amp;y=2" rel="nofollow ugc noopener">"#));
    assert!(
        body.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;")
    );
    assert!(!body.contains("<script>alert"));
    assert!(
        !body.contains("zoe@example.org"),
        "the email is never shown"
    );
    assert!(body.contains("1 commentaire"), "the count is shown");
    // Lists show it too (a new router: list counts are cached for a few seconds).
    let section = get(&quick(&f), "/fr/the-gioi/").await.body;
    assert!(section.contains("1 commentaire</a>"), "{section}");
    // The comment belongs to the French version only.
    let en = get(&app, &format!("/en/the-gioi/{}-", f.main)).await;
    let en = get(&app, en.header("location")).await.body;
    assert!(!en.contains("Zoé"));
}

#[tokio::test]
async fn replies_are_threaded_one_level_deep() {
    let f = fixture().await;
    let app = quick(&f);
    let path = fr_path(&f);
    let t = token(&app, &path).await;
    let post = |fields: Vec<(&'static str, String)>| {
        let app = app.clone();
        let path = path.clone();
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            post_form(&app, &format!("{path}/comments"), &fields, &[]).await
        }
    };
    let got = post(vec![
        ("token", t.clone()),
        ("name", "Ana".into()),
        ("body", "Premier".into()),
    ])
    .await;
    assert_eq!(got.status, 303);
    let first = f.store.visible_comments(f.main, "fr").await.unwrap()[0].id;
    let got = post(vec![
        ("token", t.clone()),
        ("name", "Bo".into()),
        ("body", "Réponse".into()),
        ("parent", first.to_string()),
    ])
    .await;
    assert_eq!(got.status, 303);
    let reply = f.store.visible_comments(f.main, "fr").await.unwrap()[1].id;
    let got = post(vec![
        ("token", t.clone()),
        ("name", "Cy".into()),
        ("body", "Réponse à la réponse".into()),
        ("parent", reply.to_string()),
    ])
    .await;
    assert_eq!(got.status, 303);
    let all = f.store.visible_comments(f.main, "fr").await.unwrap();
    assert_eq!(all[1].parent_id, Some(first));
    assert_eq!(
        all[2].parent_id,
        Some(first),
        "a reply to a reply answers the top comment"
    );
    let page = get(&app, &path).await.body;
    assert!(page.contains("3 commentaires"), "{page}");
    assert_eq!(count(&page, "class=\"comment reply\""), 2);
}

#[tokio::test]
async fn honeypot_too_fast_too_many_links_and_bad_tokens_are_refused() {
    let f = fixture().await;
    let path = fr_path(&f);
    let strict = web::router(portal(&f));
    let t = token(&strict, &path).await;
    let url = format!("{path}/comments");
    let fast = post_form(
        &strict,
        &url,
        &[("token", &t), ("name", "A"), ("body", "Bonjour")],
        &[],
    )
    .await;
    assert_eq!(fast.status, 422);
    assert!(fast.body.contains("C’était très rapide."), "{}", fast.body);
    assert!(fast.body.contains("Bonjour"), "the text is given back");

    let app = quick(&f);
    let t = token(&app, &path).await;
    let honey = post_form(
        &app,
        &url,
        &[
            ("token", &t),
            ("name", "A"),
            ("body", "Bonjour"),
            ("website", "http://spam.example"),
        ],
        &[],
    )
    .await;
    assert_eq!(honey.status, 422);
    assert!(honey.body.contains("envoi automatique"));
    let links = post_form(
        &app,
        &url,
        &[
            ("token", &t),
            ("name", "A"),
            ("body", "https://a.example https://b.example www.c.example"),
        ],
        &[],
    )
    .await;
    assert_eq!(links.status, 422);
    assert!(links.body.contains("trop de liens"));
    let long = "é".repeat(3001);
    let too_long = post_form(
        &app,
        &url,
        &[("token", &t), ("name", "A"), ("body", &long)],
        &[],
    )
    .await;
    assert_eq!(too_long.status, 422);
    assert!(
        too_long.body.contains("3\u{202f}000") || too_long.body.contains("3\u{a0}000"),
        "the limit in French digits: {}",
        too_long.body
    );

    let missing = post_form(&app, &url, &[("name", "A"), ("body", "Bonjour")], &[]).await;
    assert_eq!(missing.status, 403);
    let forged = post_form(
        &app,
        &url,
        &[("token", "1.abcd"), ("name", "A"), ("body", "Bonjour")],
        &[],
    )
    .await;
    assert_eq!(forged.status, 403);
    let cross = post_form(
        &app,
        &url,
        &[("token", &t), ("name", "A"), ("body", "Bonjour")],
        &[("origin", "https://evil.example"), ("host", "news.example")],
    )
    .await;
    assert_eq!(cross.status, 403);
    // A token for the French page does not work on the English one.
    let en = get(&app, &format!("/en/the-gioi/{}-", f.main)).await;
    let en_path = en.header("location").to_string();
    let other = post_form(
        &app,
        &format!("{en_path}/comments"),
        &[("token", &t), ("name", "A"), ("body", "Hello")],
        &[],
    )
    .await;
    assert_eq!(other.status, 403);
    assert!(f
        .store
        .visible_comments(f.main, "fr")
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn one_ip_is_rate_limited_and_others_are_not() {
    let f = fixture().await;
    let app = quick(&f);
    let path = fr_path(&f);
    let t = token(&app, &path).await;
    let url = format!("{path}/comments");
    for i in 0..5 {
        let body = format!("Message {i}");
        let got = post_form(
            &app,
            &url,
            &[("token", &t), ("name", "A"), ("body", &body)],
            &[("x-forwarded-for", "203.0.113.9")],
        )
        .await;
        assert_eq!(got.status, 303, "{i}");
    }
    let got = post_form(
        &app,
        &url,
        &[("token", &t), ("name", "A"), ("body", "Encore")],
        &[("x-forwarded-for", "203.0.113.9")],
    )
    .await;
    assert_eq!(got.status, 429);
    let got = post_form(
        &app,
        &url,
        &[("token", &t), ("name", "B"), ("body", "Autre")],
        &[("x-forwarded-for", "198.51.100.7")],
    )
    .await;
    assert_eq!(got.status, 303);
    let stored = f.store.visible_comments(f.main, "fr").await.unwrap();
    assert_eq!(stored.len(), 6);
    assert!(stored
        .iter()
        .all(|c| !c.ip_hash.contains("203.0.113") && c.ip_hash.len() == 32));
}

#[tokio::test]
async fn pre_moderation_holds_comments_and_one_readers_reports_count_once() {
    let f = fixture().await;
    let path = fr_path(&f);
    let app = web::router(portal(&f).with_comments(CommentSettings {
        moderation: Moderation::Pre,
        min_submit_seconds: 0,
        ..CommentSettings::default()
    }));
    let t = token(&app, &path).await;
    let got = post_form(
        &app,
        &format!("{path}/comments"),
        &[("token", &t), ("name", "A"), ("body", "En attente")],
        &[],
    )
    .await;
    assert_eq!(
        got.header("location"),
        format!("{path}?comment=held#comments")
    );
    let page = get(&app, &format!("{path}?comment=held")).await.body;
    assert!(page.contains("dès qu’un éditeur"));
    assert!(!page.contains("En attente"));
    let queue = f.store.moderation_queue(10).await.unwrap();
    assert_eq!(queue.len(), 1);

    let app = quick(&f);
    let t = token(&app, &path).await;
    let got = post_form(
        &app,
        &format!("{path}/comments"),
        &[("token", &t), ("name", "B"), ("body", "Visible")],
        &[],
    )
    .await;
    assert_eq!(got.status, 303);
    let id = f.store.visible_comments(f.main, "fr").await.unwrap()[0].id;
    for _ in 0..3 {
        let got = post_form(
            &app,
            &format!("{path}/comments/{id}/report"),
            &[("token", &t)],
            &[],
        )
        .await;
        assert_eq!(got.status, 303);
        assert_eq!(
            got.header("location"),
            format!("{path}?comment=reported#comments")
        );
    }
    let c = f.store.comment(id).await.unwrap();
    assert_eq!(
        (c.status, c.reports),
        (store::CommentStatus::Visible, 1),
        "one reader, one page: one report"
    );
    let got = post_form(&app, &format!("{path}/comments/{id}/report"), &[], &[]).await;
    assert_eq!(got.status, 403);
}

#[tokio::test]
async fn a_banned_ip_hash_cannot_post() {
    let f = fixture().await;
    let app = quick(&f);
    let path = fr_path(&f);
    let t = token(&app, &path).await;
    let url = format!("{path}/comments");
    let ip = [("x-forwarded-for", "203.0.113.50")];
    let got = post_form(
        &app,
        &url,
        &[("token", &t), ("name", "A"), ("body", "Un")],
        &ip,
    )
    .await;
    assert_eq!(got.status, 303);
    let c = f
        .store
        .visible_comments(f.main, "fr")
        .await
        .unwrap()
        .remove(0);
    f.store
        .ban_ip_hash(&c.ip_hash, "eve", "spam")
        .await
        .unwrap();
    let got = post_form(
        &app,
        &url,
        &[("token", &t), ("name", "A"), ("body", "Deux")],
        &ip,
    )
    .await;
    assert_eq!(got.status, 422);
    let got = post_form(
        &app,
        &url,
        &[("token", &t), ("name", "B"), ("body", "Trois")],
        &[("x-forwarded-for", "198.51.100.1")],
    )
    .await;
    assert_eq!(got.status, 303);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_a_thousand_posts_from_one_ip_is_held_to_the_limit() {
    let f = fixture().await;
    let app = quick(&f);
    let path = fr_path(&f);
    let t = token(&app, &path).await;
    let url = format!("{path}/comments");
    let mut burst = tokio::task::JoinSet::new();
    for i in 0..1000 {
        let (app, url, t) = (app.clone(), url.clone(), t.clone());
        burst.spawn(async move {
            let body = format!("Message {i}");
            post_form(
                &app,
                &url,
                &[("token", &t), ("name", "Bot"), ("body", &body)],
                &[("x-forwarded-for", "203.0.113.66")],
            )
            .await
            .status
        });
    }
    // Another reader is served while the burst runs.
    let page = get(&app, &path).await;
    assert_eq!(page.status, 200);
    let other = post_form(
        &app,
        &url,
        &[("token", &t), ("name", "Lina"), ("body", "Bonjour")],
        &[("x-forwarded-for", "198.51.100.23")],
    )
    .await;
    assert_eq!(other.status, 303);
    let mut accepted = 0;
    let mut limited = 0;
    while let Some(status) = burst.join_next().await {
        match status.unwrap().as_u16() {
            303 => accepted += 1,
            429 => limited += 1,
            other => panic!("unexpected status {other}"),
        }
    }
    assert_eq!((accepted, limited), (5, 995));
    let stored = f.store.visible_comments(f.main, "fr").await.unwrap();
    assert_eq!(
        stored.len(),
        6,
        "five from the burst, one from the other reader"
    );
}

#[tokio::test]
async fn cached_pages_are_shared_and_writes_clear_them() {
    let f = fixture().await;
    let app = quick(&f);
    let path = fr_path(&f);
    let first = get(&app, &path).await;
    tokio::time::sleep(std::time::Duration::from_millis(3)).await;
    let second = get(&app, &path).await;
    let etag = first.header("etag").to_string();
    assert!(etag.starts_with("W/\""), "{etag}");
    assert_eq!(second.header("etag"), etag, "one version of the page");
    assert_eq!(
        first.body, second.body,
        "one page for every reader while it is cached, token included"
    );
    let not_modified = get_with(&app, &path, &[("if-none-match", &etag)]).await;
    assert_eq!(not_modified.status, 304);

    // A comment posted with a token from the cached page is accepted, and the
    // next plain view of the page shows it at once.
    let got = post_form(
        &app,
        &format!("{path}/comments"),
        &[
            ("token", &hidden(&second.body, "token")),
            ("name", "Lan"),
            ("body", "Bài viết hay, cảm ơn."),
            ("website", ""),
        ],
        &[("origin", "https://news.example"), ("host", "news.example")],
    )
    .await;
    assert_eq!(got.status, 303, "{}", got.body);
    let after = get(&app, &path).await;
    assert!(after.body.contains("Bài viết hay, cảm ơn."));
    assert_ne!(after.header("etag"), etag, "a new version");
    let stale = get_with(&app, &path, &[("if-none-match", &etag)]).await;
    assert_eq!(stale.status, 200, "the old version is not confirmed");
}

#[tokio::test]
async fn changes_made_elsewhere_show_within_the_cache_time() {
    let f = fixture().await;
    let app = web::router(portal(&f).with_page_cache(web::PageCacheSettings {
        ttl: std::time::Duration::from_millis(300),
        ..web::PageCacheSettings::default()
    }));
    let path = fr_path(&f);
    assert_eq!(get(&app, &path).await.status, 200);
    // A worker or another web node takes the article down.
    f.store
        .take_down(f.main, "eve", "publisher's request")
        .await
        .unwrap();
    assert_eq!(
        get(&app, &path).await.status,
        200,
        "served from memory meanwhile"
    );
    tokio::time::sleep(std::time::Duration::from_millis(350)).await;
    assert_eq!(get(&app, &path).await.status, 410);
    let off = web::router(portal(&f).with_page_cache(web::PageCacheSettings {
        ttl: std::time::Duration::ZERO,
        ..web::PageCacheSettings::default()
    }));
    assert_eq!(get(&off, &path).await.status, 410);
}

/// Adds a visible French comment on the main article (a reply when `parent`
/// is given); returns its id.
async fn add_visible(f: &Fixture, parent: Option<i64>, body: &str) -> i64 {
    f.store
        .add_comment(&NewComment {
            article_id: f.main,
            lang: "fr",
            parent_id: parent,
            author_name: "Lecteur",
            email: None,
            body,
            status: CommentStatus::Visible,
            ip_hash: "0123456789abcdef",
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn an_article_with_thousands_of_comments_shows_the_newest_threads_only() {
    let f = fixture().await;
    let app = web::router(portal(&f).with_page_cache(web::PageCacheSettings {
        ttl: std::time::Duration::ZERO,
        ..web::PageCacheSettings::default()
    }));
    // What a day at the per-article limit leaves, scaled down: 150 threads,
    // the newest of them with 30 replies.
    let mut ids = Vec::new();
    for i in 0..150 {
        ids.push(add_visible(&f, None, &format!("Fil numéro {i} ")).await);
    }
    for i in 0..30 {
        add_visible(&f, ids.last().copied(), &format!("Réponse numéro {i} ")).await;
    }
    let page = get(&app, &fr_path(&f)).await;
    assert_eq!(page.status, 200);
    let text = visible_text(&page.body);
    assert!(
        text.contains("180 commentaires"),
        "the heading counts them all"
    );
    assert!(text.contains("Fil numéro 149 ") && text.contains("Fil numéro 50 "));
    assert!(
        !text.contains("Fil numéro 49 "),
        "older threads are left out"
    );
    assert!(text.contains("Réponse numéro 19 "));
    assert!(!text.contains("Réponse numéro 20 "), "so are later replies");
    assert!(
        text.contains("60 commentaires et réponses plus anciens"),
        "the reader is told: {}",
        &text[text.find("Seules").unwrap_or(0)..][..200.min(text.len())]
    );
    assert_eq!(count(&page.body, "class=\"comment-body\""), 100 + 20);
}
