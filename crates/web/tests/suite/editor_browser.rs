//! The desk in a real browser: headless Chromium (Debian's) signs in,
//! takes an article in the queue, reviews it with the keyboard only — finds
//! the flagged segment, corrects it, saves (confirmed in place, no reload)
//! and moves on —, inserts a memory match, applies a correction to the
//! other open article sharing the sentence, releases the article, marks it
//! reviewed, then checks the public page and what went to the memory's
//! queue. Screenshots of the editor at desktop and phone widths are written
//! to `docs/images/` when `DESK_SCREENSHOTS=1`. Skipped without Chromium.

use crate::cdp::Browser;
use crate::common;
use crate::editor::{prepare, FLAGGED, SHARED};

/// The segment of the main article whose source another open article shares.
const SHARED_AT: usize = 5;

use common::*;
use serde_json::{json, Value};
use store::JobKind;

fn text(b: &mut Browser, selector: &str) -> String {
    b.eval(&format!(
        "(document.querySelector({}) || {{}}).innerText || ''",
        json!(selector)
    ))
    .as_str()
    .unwrap_or("")
    .to_string()
}

fn active(b: &mut Browser) -> String {
    b.eval("document.activeElement ? (document.activeElement.id || document.activeElement.tagName) : ''")
        .as_str()
        .unwrap_or("")
        .to_string()
}

/// Readers' comments on the main article in French: one shown with a reply
/// (so the page has report buttons) and one waiting for moderation.
async fn some_comments(f: &Fixture) {
    use store::{CommentStatus, NewComment};
    let comment = |parent_id, author_name, body, status| NewComment {
        article_id: f.main,
        lang: "fr",
        parent_id,
        author_name,
        email: None,
        body,
        status,
        ip_hash: "0123456789abcdef",
    };
    let first = f
        .store
        .add_comment(&comment(
            None,
            "Lina",
            "Merci pour la traduction, très claire.",
            CommentStatus::Visible,
        ))
        .await
        .unwrap();
    f.store
        .add_comment(&comment(
            Some(first),
            "Minh",
            "Le chiffre des blessés a été corrigé depuis.",
            CommentStatus::Visible,
        ))
        .await
        .unwrap();
    f.store
        .add_comment(&comment(
            None,
            "Paul",
            "Une question sur les sources de cet article ?",
            CommentStatus::Pending,
        ))
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_editor_reviews_an_article_with_the_keyboard_in_chromium() {
    let Some(binary) = chromium() else {
        eprintln!("skipping: no chromium installed");
        return;
    };
    let f = fixture().await;
    prepare(&f).await;
    some_comments(&f).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let mut config = config();
    config.base_url = format!("http://{addr}");
    let router = web::router(portal_with(&f, config));
    let server = tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    let base = format!("http://{addr}");
    let main = f.main;
    let store = f.store.clone();
    let shots = std::env::var_os("DESK_SCREENSHOTS").is_some();

    let outcome = tokio::task::spawn_blocking(move || {
        let mut b = Browser::start(binary, 1280, 900);
        // Sign in (the French desk).
        b.goto(&format!("{base}/admin/language?lang=fr"));
        b.goto(&format!("{base}/admin/login"));
        b.eval("document.querySelector('[name=username]').focus()");
        b.type_text("ada");
        b.key("Tab", 0);
        b.type_text("correct horse");
        b.mark();
        b.key("Enter", 0);
        b.wait_for_new_page();
        assert_eq!(b.eval("location.pathname"), json!("/admin"));

        // The queue: take the article (keyboard: focus the button, Enter).
        b.goto(&format!("{base}/admin/review?flag=number_missing"));
        let row = text(&mut b, "table.queue");
        assert!(row.contains("Combats à Koursk"), "{row}");
        assert!(row.contains("nombre manquant"), "{row}");
        b.eval("document.querySelector('table.queue form[action$=\"/fr/take\"] button').focus()");
        b.mark();
        b.key("Enter", 0);
        b.wait_for_new_page();
        assert!(text(&mut b, "table.queue").contains("Pris par ada"));

        // The editor.
        b.goto(&format!("{base}/admin/articles/{main}/fr"));
        b.wait_for("document.querySelector('.seg.current')");
        assert!(text(&mut b, "#claim").contains("Vous l'avez pris"));
        let top = if shots { b.screenshot(false) } else { Vec::new() };
        b.eval("window.__noReload = 1");
        // Find the flagged segment, edit, correct, save and move on.
        b.key("n", 0);
        assert_eq!(active(&mut b), format!("seg-{FLAGGED}"));
        b.key("e", 0);
        assert_eq!(active(&mut b), format!("t-{FLAGGED}"));
        b.key("a", 2); // select all
        b.type_text("Il y a 1 115 personnes");
        // The live diff against the machine's text.
        let live = b.eval(&format!("document.querySelector('#seg-{FLAGGED} .seg-live-diff').innerHTML"));
        assert_eq!(live, json!("Il y a <ins>1 </ins>115 personnes"));
        b.key("Enter", 2); // Ctrl+Enter: save and next
        b.wait_for(&format!("document.querySelector('#seg-{FLAGGED} .seg-status').innerText === 'Enregistré'"));
        b.wait_for(&format!("document.activeElement.id === 'seg-{}'", FLAGGED + 1));
        assert_eq!(b.eval("window.__noReload"), json!(1), "saved in place, no reload");
        assert_eq!(
            text(&mut b, &format!("#seg-{FLAGGED} .seg-text")),
            "Il y a 1 115 personnes"
        );
        assert!(text(&mut b, "#desk-live").contains("Enregistré : Tableau 1, ligne 2, colonne 2."));

        // Back to the flagged segment: memory matches, insert the first, save.
        b.key("k", 0);
        assert_eq!(active(&mut b), format!("seg-{FLAGGED}"));
        b.key("m", 0);
        b.wait_for(&format!("document.querySelector('#seg-{FLAGGED} .seg-matches button[data-insert]')"));
        let matches = text(&mut b, &format!("#seg-{FLAGGED} .seg-matches"));
        assert!(matches.contains("approchante 66 %") && matches.contains("humain (ada)"), "{matches}");
        b.key("1", 0);
        assert_eq!(active(&mut b), format!("t-{FLAGGED}"));
        assert_eq!(
            b.eval(&format!("document.getElementById('t-{FLAGGED}').value")),
            json!("Il y a 1 115 blessés")
        );
        // Only the current segment shows its text box.
        assert_eq!(
            b.eval("getComputedStyle(document.querySelector('#seg-0 form.seg-edit')).display"),
            json!("none")
        );
        let mut desktop = Vec::new();
        if shots {
            desktop = b.screenshot(false);
        }
        b.key("Enter", 2);
        b.wait_for(&format!("document.activeElement.id === 'seg-{}'", FLAGGED + 1));
        // Accept the next one as it is.
        b.key("a", 0);
        b.wait_for(&format!("document.activeElement.id === 'seg-{}'", FLAGGED + 2));

        // Back up to the photo caption another open article shares, correct
        // it; the offer to apply the same correction there appears under it,
        // one Shift+Tab away; Enter applies it, confirmed in place.
        for _ in 0..(FLAGGED + 2 - SHARED_AT) {
            b.key("k", 0);
        }
        assert_eq!(active(&mut b), format!("seg-{SHARED_AT}"));
        b.key("e", 0);
        b.key("a", 2);
        b.type_text("Des soldats en patrouille près de Koursk.");
        b.key("Enter", 2);
        b.wait_for(&format!("document.activeElement.id === 'seg-{}'", SHARED_AT + 1));
        b.wait_for(&format!("document.querySelector('#seg-{SHARED_AT} form.offer button')"));
        let offer = text(&mut b, &format!("#seg-{SHARED_AT} form.offer"));
        assert!(offer.contains("Un autre article ouvert contient la même phrase"), "{offer}");
        assert!(text(&mut b, "#desk-live").contains("la proposition est sous le segment"));
        b.key("Tab", 8); // Shift+Tab
        assert_eq!(
            b.eval("document.activeElement.closest('form.offer') !== null && document.activeElement.tagName"),
            json!("BUTTON")
        );
        b.key("Enter", 0);
        b.wait_for(&format!("!document.querySelector('#seg-{SHARED_AT} form.offer')"));
        assert!(
            text(&mut b, &format!("#seg-{SHARED_AT} .offer-done")).contains("Correction mise en file pour 1 autre article."),
        );
        assert_eq!(b.eval("window.__noReload"), json!(1), "applied in place, no reload");

        // At phone width, in dark mode too: the editor, the queue, the
        // comment queue and the article page (the quick jobs) fit the screen
        // (nothing scrolls sideways). Screenshots when asked.
        let fits = "document.scrollingElement.scrollWidth <= window.innerWidth";
        let shot = |b: &mut Browser| if shots { b.screenshot(false) } else { Vec::new() };
        b.viewport(390, 844);
        b.goto(&format!("{base}/admin/articles/{main}/fr?on=phone#seg-{FLAGGED}"));
        b.wait_for("document.querySelector('.seg.current')");
        assert_eq!(b.eval(fits), json!(true), "the editor fits a phone");
        let phone = shot(&mut b);
        b.call("Emulation.setEmulatedMedia", json!({"features": [{"name": "prefers-color-scheme", "value": "dark"}]}));
        b.goto(&format!("{base}/admin/review"));
        assert_eq!(b.eval(fits), json!(true), "the queue fits a phone");
        let queue = shot(&mut b);
        b.goto(&format!("{base}/admin/comments"));
        assert_eq!(b.eval(fits), json!(true), "the comment queue fits a phone");
        let moderation = shot(&mut b);
        b.goto(&format!("{base}/admin/articles/{main}"));
        assert_eq!(b.eval(fits), json!(true), "the article page fits a phone");
        b.eval("document.getElementById('takedown-reason').scrollIntoView({block: 'center'})");
        let article = shot(&mut b);
        b.call("Emulation.setEmulatedMedia", json!({"features": []}));
        b.viewport(1280, 900);
        b.goto(&format!("{base}/admin/articles/{main}/fr?on=desktop"));

        // Release with the keyboard (t), then mark reviewed.
        b.eval("document.querySelector('.seg').focus()");
        b.mark();
        b.key("t", 0);
        b.wait_for_new_page();
        assert!(text(&mut b, "#claim").contains("Personne n"));
        b.eval("document.querySelector('#reviewed button').focus()");
        b.mark();
        b.key("Enter", 0);
        b.wait_for_new_page();
        assert!(text(&mut b, "#reviewed").contains("Relu par ada le"));

        // The public page says it was reviewed.
        b.goto(&format!("{base}/fr/the-gioi/{main}-combats-a-koursk-la-russie-renforce-sa-defense"));
        let public = text(&mut b, "main");
        let mut comments = Vec::new();
        if shots {
            // The comments and their form at phone width, in dark mode.
            b.call("Emulation.setEmulatedMedia", json!({"features": [{"name": "prefers-color-scheme", "value": "dark"}]}));
            b.viewport(390, 844);
            b.goto(&format!("{base}/fr/the-gioi/{main}-combats-a-koursk-la-russie-renforce-sa-defense?on=phone#comments"));
            b.eval("document.getElementById('comments').scrollIntoView({block: 'start'})");
            comments.push(b.screenshot(false));
            // And at desktop width, in light mode.
            b.call("Emulation.setEmulatedMedia", json!({"features": []}));
            b.viewport(1280, 900);
            b.goto(&format!("{base}/fr/the-gioi/{main}-combats-a-koursk-la-russie-renforce-sa-defense?on=desktop#comments"));
            b.eval("document.getElementById('comments').scrollIntoView({block: 'start'})");
            comments.push(b.screenshot(false));
        }
        (public, [top, desktop], phone, comments, queue, article, moderation)
    })
    .await;
    server.abort();
    let (public, [top, desktop], phone, comments, queue, article, moderation) = outcome.unwrap();
    assert!(public.contains("Relu par un rédacteur"), "{public}");
    // What went to the pipeline for the memory: the correction, then the
    // inserted match, then the accepted segment, each as a human translation.
    let mut queued: Vec<(String, String, String)> = Vec::new();
    while let Some(job) = store.lease(&[JobKind::Revise], 60_000).await.unwrap() {
        let v: Value = serde_json::from_str(&job.payload).unwrap();
        queued.push((
            v["source"].as_str().unwrap().into(),
            v["target"].as_str().unwrap().into(),
            v["editor"].as_str().unwrap().into(),
        ));
    }
    assert_eq!(
        queued,
        [
            (
                "Có 1.115 người".into(),
                "Il y a 1 115 personnes".into(),
                "ada".into()
            ),
            (
                "Có 1.115 người".into(),
                "Il y a 1 115 blessés".into(),
                "ada".into()
            ),
            (
                "Nga tăng cường phòng thủ quanh Belgorod.".into(),
                "La Russie renforce sa défense autour de Belgorod.".into(),
                "ada".into()
            ),
            // The shared caption, here and in the other open article.
            (
                SHARED.into(),
                "Des soldats en patrouille près de Koursk.".into(),
                "ada".into()
            ),
            (
                SHARED.into(),
                "Des soldats en patrouille près de Koursk.".into(),
                "ada".into()
            ),
        ]
    );
    let review = store.review_of(main, "fr").await.unwrap().unwrap();
    assert_eq!(review.reviewed_by, "ada");
    assert!(store.claim(main, "fr").await.unwrap().is_none());
    let history = store.claim_history(main, "fr").await.unwrap();
    assert_eq!(history[0].released_by.as_deref(), Some("ada"));
    if !desktop.is_empty() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/images");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("desk-editor-desktop.png"), &desktop).unwrap();
        std::fs::write(dir.join("desk-editor-top-desktop.png"), &top).unwrap();
        std::fs::write(dir.join("desk-editor-phone.png"), &phone).unwrap();
        std::fs::write(dir.join("comment-form-phone-dark.png"), &comments[0]).unwrap();
        std::fs::write(dir.join("comment-form-desktop.png"), &comments[1]).unwrap();
        std::fs::write(dir.join("desk-queue-phone-dark.png"), &queue).unwrap();
        std::fs::write(dir.join("desk-article-phone-dark.png"), &article).unwrap();
        std::fs::write(dir.join("desk-comments-phone-dark.png"), &moderation).unwrap();
    }
}

/// Not a test: serves the fixture with the editor's data on 127.0.0.1 for
/// `DESK_SERVE_SECONDS` (default 300) so Lighthouse can audit the editor and
/// an article page with the comment form. Writes the two URLs and a signed-in
/// desk cookie to `DESK_SERVE_INFO` (default `/tmp/desk-serve.json`).
/// Run: `cargo test -p web --test suite serve_the_desk_for_lighthouse -- --ignored`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a server for Lighthouse, run by hand"]
async fn serve_the_desk_for_lighthouse() {
    let f = fixture().await;
    prepare(&f).await;
    some_comments(&f).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let mut config = config();
    config.base_url = format!("http://{addr}");
    let router = web::router(portal_with(&f, config));
    let server = tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    let ada = crate::editor::Editor::sign_in(addr, "ada", "correct horse").await;
    let info = json!({
        "editor": format!("http://{addr}/admin/articles/{}/fr", f.main),
        "article": format!("http://{addr}/fr/the-gioi/{}-combats-a-koursk-la-russie-renforce-sa-defense", f.main),
        "cookie": ada.cookie,
    });
    let path = std::env::var("DESK_SERVE_INFO").unwrap_or_else(|_| "/tmp/desk-serve.json".into());
    std::fs::write(&path, info.to_string()).unwrap();
    let seconds: u64 = std::env::var("DESK_SERVE_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    tokio::time::sleep(std::time::Duration::from_secs(seconds)).await;
    server.abort();
}
