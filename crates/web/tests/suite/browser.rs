//! XSS payloads in comments and names do not run in a real browser: headless
//! Chromium loads the article page from a real server on 127.0.0.1 and the
//! DOM it ends with is inspected. Skipped when no Chromium is installed.
//! Chromium is kept off every network but loopback (a dead proxy for
//! everything else, no DNS, no background services).

use crate::common;

use common::*;
use web::CommentSettings;

const PAYLOADS: [&str; 7] = [
    "<script>document.body.setAttribute('data-pwned','script')</script>",
    "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">",
    "<svg onload=\"document.body.setAttribute('data-pwned','svg')\"></svg>",
    "\"><iframe src=\"javascript:parent.document.body.setAttribute('data-pwned','iframe')\"></iframe>",
    "<a href=\"javascript:document.body.setAttribute('data-pwned','a')\">click</a> javascript:alert(1)",
    "<div style=\"width:expression(alert(1));background:url(javascript:alert(1))\">css</div>",
    "</textarea><script>document.body.setAttribute('data-pwned','textarea')</script>",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn xss_payloads_in_comments_do_not_run_in_chromium() {
    let Some(browser) = chromium() else {
        eprintln!("skipping: no chromium installed");
        return;
    };
    let f = fixture().await;
    let poster = web::router(portal(&f).with_comments(CommentSettings {
        min_submit_seconds: 0,
        per_ip_per_10_minutes: 100,
        ..CommentSettings::default()
    }));
    let path = format!(
        "/fr/the-gioi/{}-combats-a-koursk-la-russie-renforce-sa-defense",
        f.main
    );
    let token = hidden(&get(&poster, &path).await.body, "token");
    for payload in PAYLOADS {
        let name = "<body onload=\"document.body.setAttribute('data-pwned','name')\">";
        let got = post_form(
            &poster,
            &format!("{path}/comments"),
            &[("token", &token), ("name", name), ("body", payload)],
            &[],
        )
        .await;
        assert_eq!(got.status, 303, "{payload}: {}", got.body);
    }

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        axum::serve(listener, web::router(portal(&f)))
            .await
            .unwrap();
    });
    let url = format!("http://{addr}{path}");
    let (dom, log) = chromium_load(browser, url).await;
    server.abort();
    assert!(
        dom.contains("id=\"comments\""),
        "chromium did not render the page: {log}"
    );
    assert!(!dom.contains("data-pwned=\""), "a payload ran: {dom}");
    assert!(!dom.contains("<a href=\"javascript:"), "{dom}");
    assert!(!dom.contains("<iframe"), "{dom}");
    assert!(!dom.contains("<div style=\"width:expression"), "{dom}");
    assert!(dom.contains("&lt;script&gt;document.body.setAttribute"));
    assert_eq!(count(&dom, "class=\"comment-author\""), PAYLOADS.len());
}
