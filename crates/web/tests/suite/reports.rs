//! Readers' reports on comments count distinct readers, are limited per
//! reader, and hide a comment at the threshold an editor sets; comment text
//! a stranger sends is bounded when echoed and shown isolated without its
//! invisible controls. Over real HTTP, on SQLite and PostgreSQL.

use crate::common;
use crate::roles::{seed, status_from, Seeded, Session};

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use common::{config, form_body, hidden, serve, wire, wire_form};
use store::{CommentStatus, Store};
use web::CommentSettings;

fn reader(n: u8) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(127, 0, 0, n))
}

async fn portal(store: &Store) -> SocketAddr {
    let portal = web::Portal::new(store.clone(), None, config()).with_comments(CommentSettings {
        min_submit_seconds: 0,
        ..CommentSettings::default()
    });
    serve(web::router(portal)).await
}

/// The French article's address and a fresh comment-form token.
async fn page(addr: SocketAddr, s: &Seeded) -> (String, String) {
    let moved = wire(addr, "GET", &format!("/fr/x/{}", s.article), &[], b"").await;
    let path = moved.header("location").to_string();
    assert!(path.starts_with("/fr/"), "{} {path}", moved.status);
    let got = wire(addr, "GET", &path, &[], b"").await;
    assert_eq!(got.status, 200);
    let token = hidden(&got.text(), "token").replace("&amp;", "&");
    (path, token)
}

/// A report from `from` with `token`: the status.
async fn report(from: IpAddr, addr: SocketAddr, path: &str, comment: i64, token: &str) -> u16 {
    let body = form_body(&[("token", token), ("reason", "insulte\u{202E}")]);
    status_from(
        from,
        addr,
        "POST",
        &format!("{path}/comments/{comment}/report"),
        &[("content-type", "application/x-www-form-urlencoded")],
        &body,
    )
    .await
    .0
}

async fn status(store: &Store, id: i64) -> (CommentStatus, i64) {
    let c = store.comment(id).await.unwrap();
    (c.status, c.reports)
}

async fn reports(store: Store) {
    let s = seed(&store).await;
    let addr = portal(&store).await;
    let (path, token) = page(addr, &s).await;
    let c = s.comment_fr;

    // One reader, one page: three reports count once and hide nothing.
    for _ in 0..3 {
        assert_eq!(report(reader(1), addr, &path, c, &token).await, 303);
    }
    assert_eq!(status(&store, c).await, (CommentStatus::Visible, 1));
    // One page sent from other addresses: still one.
    for n in 2..5 {
        assert_eq!(report(reader(n), addr, &path, c, &token).await, 303);
    }
    assert_eq!(status(&store, c).await, (CommentStatus::Visible, 1));
    // One reader reloading the page: still one.
    let (_, again) = page(addr, &s).await;
    assert_eq!(report(reader(1), addr, &path, c, &again).await, 303);
    assert_eq!(status(&store, c).await, (CommentStatus::Visible, 1));
    // Two more distinct readers with their own pages reach the default threshold.
    for n in 2..4 {
        let (_, own) = page(addr, &s).await;
        assert_eq!(report(reader(n), addr, &path, c, &own).await, 303);
    }
    assert_eq!(status(&store, c).await, (CommentStatus::Pending, 3));

    // The desk shows who reported what; an editor for every language sets
    // the threshold, a French-only editor may not.
    let all = Session::new(addr, "all").await;
    let desk = all.get("/admin/comments").await.text();
    let hashes = store.reports_on(&[c]).await.unwrap();
    assert_eq!(hashes.len(), 3);
    for (_, reader, _, reason) in &hashes {
        assert!(desk.contains(&reader[..8]), "{desk}");
        assert_eq!(reason.as_deref(), Some("insulte"), "no bidi control kept");
    }
    let fr = Session::new(addr, "fr").await;
    assert_eq!(
        fr.post("/admin/comments/threshold", &[("readers", "1")])
            .await
            .status,
        403
    );
    for bad in ["0", "1001", "deux", ""] {
        let got = all
            .post("/admin/comments/threshold", &[("readers", bad)])
            .await;
        assert_eq!(got.status, 422, "{bad}");
    }
    assert_eq!(
        all.post("/admin/comments/threshold", &[("readers", "2")])
            .await
            .status,
        303
    );
    assert_eq!(store.report_threshold().await.unwrap(), 2);
    assert!(all
        .get("/admin/comments")
        .await
        .text()
        .contains("2 different readers"));
    // An approved comment cannot be hidden again by the readers who reported it…
    assert_eq!(
        all.post(&format!("/admin/comments/{c}/approve"), &[])
            .await
            .status,
        303
    );
    for n in 1..4 {
        let (_, own) = page(addr, &s).await;
        assert_eq!(report(reader(n), addr, &path, c, &own).await, 303);
    }
    assert_eq!(status(&store, c).await, (CommentStatus::Visible, 0));
    // …but two new readers hide it at the new threshold.
    for n in 5..7 {
        let (_, own) = page(addr, &s).await;
        assert_eq!(report(reader(n), addr, &path, c, &own).await, 303);
    }
    assert_eq!(status(&store, c).await, (CommentStatus::Pending, 2));

    // A reader may report a limited number of comments an hour.
    let mut answers = Vec::new();
    for _ in 0..12 {
        let target = crate::roles::comment(&store, s.article, "fr", "someone").await;
        let (_, own) = page(addr, &s).await;
        answers.push(report(reader(9), addr, &path, target, &own).await);
    }
    assert!(answers[..10].iter().all(|a| *a == 303), "{answers:?}");
    assert!(answers[10..].iter().all(|a| *a == 429), "{answers:?}");
}

#[tokio::test]
async fn reports_count_distinct_readers_up_to_the_desks_threshold_on_sqlite() {
    let (store, _dir) = store::testing::sqlite().await.unwrap();
    reports(store).await;
}

#[tokio::test]
async fn reports_count_distinct_readers_up_to_the_desks_threshold_on_postgres() {
    if let Some(store) = store::testing::postgres().await {
        reports(store).await;
    }
}

#[tokio::test]
async fn a_megabyte_comment_is_refused_with_a_bounded_localized_page() {
    let (store, _dir) = store::testing::sqlite().await.unwrap();
    let s = seed(&store).await;
    let addr = portal(&store).await;
    let (path, token) = page(addr, &s).await;
    let huge = "a".repeat(1_000_000);
    let got = wire_form(
        addr,
        &format!("{path}/comments"),
        &[("token", &token), ("name", "Ana"), ("body", &huge)],
        &[],
    )
    .await;
    assert_eq!(got.status, 422);
    let text = got.text();
    assert!(text.len() < 40_000, "{} bytes echoed", text.len());
    assert!(
        text.contains("1\u{202f}000\u{202f}000") || text.contains("1\u{a0}000\u{a0}000"),
        "the length in French digits"
    );
    assert!(text.contains("caractères"), "French message");
    assert!(
        text.contains(&"a".repeat(3000)),
        "the first 3,000 kept to edit"
    );
    assert!(!text.contains(&"a".repeat(3001)));
    assert!(
        store.recent_comments(10).await.unwrap().len() == 2,
        "nothing stored"
    );
}

#[tokio::test]
async fn names_lose_invisible_controls_and_user_text_is_isolated() {
    let (store, _dir) = store::testing::sqlite().await.unwrap();
    let s = seed(&store).await;
    let addr = portal(&store).await;
    let (path, token) = page(addr, &s).await;
    // Stored before names were cleaned: cleaned when shown.
    store
        .add_comment(&store::NewComment {
            article_id: s.article,
            lang: "fr",
            parent_id: None,
            author_name: "\u{202E}Old\u{FEFF}",
            email: None,
            body: "x\u{2067}y",
            status: CommentStatus::Visible,
            ip_hash: "old",
        })
        .await
        .unwrap();
    let got = wire_form(
        addr,
        &format!("{path}/comments"),
        &[
            ("token", &token),
            ("name", "\u{202E}nimda\u{200B}\u{2066} Lê"),
            ("body", "مرحبا \u{202E}txt.exe\u{202C} ok"),
        ],
        &[],
    )
    .await;
    assert_eq!(got.status, 303, "{}", got.text());
    let newest = store.recent_comments(1).await.unwrap().remove(0);
    assert_eq!(newest.author_name, "nimda Lê");
    assert_eq!(newest.body, "مرحبا txt.exe ok");
    let page = wire(addr, "GET", &path, &[], b"").await.text();
    assert!(page.contains("<bdi>nimda Lê</bdi>"), "{page}");
    assert!(
        page.contains(r#"class="comment-text" dir="auto""#),
        "{page}"
    );
    assert!(page.contains("<bdi>Old</bdi>"));
    assert!(!page.contains('\u{2067}') && !page.contains('\u{202E}'));
}
