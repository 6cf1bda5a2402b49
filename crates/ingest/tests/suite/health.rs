//! A poll's diagnosis (found, failed, repairs, health note) against a
//! publisher served on 127.0.0.1, and sitemap indexes that point at
//! themselves, nest or list children that are gone.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use axum::Router;
use ingest::{
    poll_source, AllowList, Fetcher, FetcherConfig, HealthKind, PollError, Repair, SourceKind,
    SourceSettings,
};

#[derive(Default)]
struct Counts {
    index: AtomicUsize,
    flaky: AtomicUsize,
}

struct Site {
    base: String,
    counts: Counts,
}

type S = State<Arc<Site>>;

fn rss(items: &str) -> String {
    format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>{items}</channel></rss>")
}

async fn serve() -> (SocketAddr, Arc<Site>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let site = Arc::new(Site {
        base: format!("http://{addr}"),
        counts: Counts::default(),
    });
    let router = Router::new()
        .route("/empty.xml", get(|| async { rss("") }))
        .route(
            "/nolinks.xml",
            get(|| async { rss("<item><title>a</title></item><item><title>b</title></item>") }),
        )
        .route(
            "/default-ns.xml",
            get(|State(s): S| async move {
                format!(
                    "<rss version=\"2.0\" xmlns=\"http://backend.userland.com/rss2\"><channel><item><link>{}/a/1</link></item></channel></rss>",
                    s.base
                )
            }),
        )
        .route(
            "/flaky.xml",
            get(|State(s): S| async move {
                if s.counts.flaky.fetch_add(1, Ordering::SeqCst) == 0 {
                    rss("")
                } else {
                    rss(&format!("<item><link>{}/a/2</link></item>", s.base))
                }
            }),
        )
        .route("/gone.xml", get(|| async { StatusCode::NOT_FOUND }))
        .route(
            "/index.xml",
            get(|State(s): S| async move {
                s.counts.index.fetch_add(1, Ordering::SeqCst);
                let b = &s.base;
                format!(
                    r#"<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>{b}/index.xml</loc></sitemap>
  <sitemap><loc></loc></sitemap>
  <sitemap><lastmod>2024-05-01</lastmod></sitemap>
  <sitemap><loc>{b}/child-gone.xml</loc></sitemap>
  <sitemap><loc>{b}/child-index.xml</loc></sitemap>
  <sitemap><loc>{b}/child-loop.xml</loc></sitemap>
  <sitemap><loc>{b}/child.txt</loc></sitemap>
</sitemapindex>"#
                )
            }),
        )
        .route(
            "/quiet-index.xml",
            get(|State(s): S| async move {
                format!(
                    r#"<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>{}/child.txt</loc><lastmod>2024-05-01</lastmod></sitemap>
</sitemapindex>"#,
                    s.base
                )
            }),
        )
        .route("/child-gone.xml", get(|| async { StatusCode::NOT_FOUND }))
        .route(
            "/child-index.xml",
            get(|State(s): S| async move {
                format!(
                    "<sitemapindex><sitemap><loc>{}/deeper.xml</loc></sitemap></sitemapindex>",
                    s.base
                )
            }),
        )
        .route("/child-loop.xml", get(|| async { Redirect::to("/index.xml") }))
        .route(
            "/child.txt",
            get(|State(s): S| async move {
                ([(header::CONTENT_TYPE, "text/plain")], format!("{0}/a/3\n{0}/a/4\n", s.base))
                    .into_response()
            }),
        )
        .with_state(site.clone());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (addr, site)
}

fn fetcher(addr: SocketAddr) -> Fetcher {
    Fetcher::new(FetcherConfig {
        allow: AllowList::parse(&[addr.to_string()]).unwrap(),
        min_host_delay: Duration::ZERO,
        retry_base_delay: Duration::from_millis(10),
        ..FetcherConfig::default()
    })
    .unwrap()
}

fn feed(site: &Site, path: &str) -> SourceSettings {
    SourceSettings::new(SourceKind::Feed, format!("{}{path}", site.base))
}

#[tokio::test]
async fn a_silent_feed_is_diagnosed_not_healthy() {
    let (addr, site) = serve().await;
    let poll = poll_source(&fetcher(addr), &feed(&site, "/empty.xml"), None, None)
        .await
        .unwrap();
    assert_eq!((poll.entries_found, poll.entries_failed), (0, 0));
    let note = poll.health.unwrap();
    assert_eq!(note.kind, HealthKind::NoEntries);
    assert!(note.kind.is_unhealthy());
    assert_eq!(
        serde_json::to_value(&note).unwrap()["kind"],
        note.kind.as_str(),
        "stored and labelled by one name"
    );
    assert!(
        note.message.contains("lists no entries"),
        "{}",
        note.message
    );
}

#[tokio::test]
async fn a_feed_whose_entries_all_fail_is_diagnosed() {
    let (addr, site) = serve().await;
    let poll = poll_source(&fetcher(addr), &feed(&site, "/nolinks.xml"), None, None)
        .await
        .unwrap();
    assert_eq!((poll.entries_found, poll.entries_failed), (2, 2));
    let note = poll.health.unwrap();
    assert_eq!(note.kind, HealthKind::AllEntriesFailed);
    assert!(
        note.message.contains("none of the 2 entries"),
        "{}",
        note.message
    );
}

#[tokio::test]
async fn a_repaired_feed_brings_entries_and_names_the_problem() {
    let (addr, site) = serve().await;
    let poll = poll_source(&fetcher(addr), &feed(&site, "/default-ns.xml"), None, None)
        .await
        .unwrap();
    assert_eq!(poll.entries.len(), 1);
    assert!(matches!(poll.repairs[0], Repair::DefaultNamespace { .. }));
    let note = poll.health.unwrap();
    assert_eq!(note.kind, HealthKind::Repaired);
    assert!(!note.kind.is_unhealthy());
    assert!(
        note.message.contains("this RSS has a default namespace"),
        "{}",
        note.message
    );
}

#[tokio::test]
async fn a_source_that_recovers_has_no_note_on_its_next_poll() {
    let (addr, site) = serve().await;
    let fetcher = fetcher(addr);
    let source = feed(&site, "/flaky.xml");
    let first = poll_source(&fetcher, &source, None, None).await.unwrap();
    assert_eq!(first.health.map(|n| n.kind), Some(HealthKind::NoEntries));
    let second = poll_source(&fetcher, &source, None, None).await.unwrap();
    assert_eq!(second.entries.len(), 1);
    assert_eq!(second.health, None);
}

#[tokio::test]
async fn filters_that_reject_everything_are_named() {
    let (addr, site) = serve().await;
    let mut source = feed(&site, "/default-ns.xml");
    source.include = vec!["/nothing-matches/".into()];
    let poll = poll_source(&fetcher(addr), &source, None, None)
        .await
        .unwrap();
    let note = poll.health.unwrap();
    assert_eq!(note.kind, HealthKind::AllFiltered);
    assert!(note.message.contains("include/exclude"), "{}", note.message);
}

#[tokio::test]
async fn a_gone_source_is_not_called_an_article() {
    let (addr, site) = serve().await;
    let err = poll_source(&fetcher(addr), &feed(&site, "/gone.xml"), None, None)
        .await
        .unwrap_err();
    assert!(matches!(err, PollError::Gone { status: 404, .. }), "{err}");
    let message = err.to_string();
    assert!(message.contains("update the source"), "{message}");
    assert!(!message.contains("article"), "{message}");
}

/// The index lists itself, entries without `<loc>`, a gone child, a nested
/// index and a child that redirects back: the index is fetched once, the
/// nested index is not followed, and the plain-text child is read.
#[tokio::test]
async fn a_sitemap_index_never_reads_itself_and_does_not_nest() {
    let (addr, site) = serve().await;
    let source = SourceSettings::new(SourceKind::Sitemap, format!("{}/index.xml", site.base));
    let poll = poll_source(&fetcher(addr), &source, None, None)
        .await
        .unwrap();
    assert_eq!(
        site.counts.index.load(Ordering::SeqCst),
        2,
        "the index and the redirect back to it"
    );
    let urls: Vec<_> = poll.entries.iter().map(|e| e.url.clone()).collect();
    assert_eq!(
        urls,
        [format!("{}/a/3", site.base), format!("{}/a/4", site.base)]
    );
    assert!(
        poll.repairs.contains(&Repair::MissingLoc { count: 2 }),
        "{:?}",
        poll.repairs
    );
    assert!(
        poll.repairs.contains(&Repair::SelfReference { count: 1 }),
        "{:?}",
        poll.repairs
    );
    assert!(
        poll.repairs.contains(&Repair::PlainTextSitemap),
        "{:?}",
        poll.repairs
    );
    let problem = |path: &str| {
        poll.problems
            .iter()
            .find(|p| p.url.ends_with(path))
            .map(|p| p.message.clone())
            .unwrap_or_else(|| panic!("no problem for {path}: {:?}", poll.problems))
    };
    let gone = problem("/child-gone.xml");
    assert!(gone.contains("index is out of date"), "{gone}");
    assert!(!gone.contains("flag the article"), "{gone}");
    assert!(problem("/child-index.xml").contains("forbids nesting"));
    assert!(problem("/child-loop.xml").contains("redirects back to the index"));
    assert!(poll.entries.iter().all(|e| !e.url.ends_with("index.xml")));
}

#[tokio::test]
async fn a_sitemap_index_whose_children_did_not_change_is_quiet_not_silent() {
    let (addr, site) = serve().await;
    let source = SourceSettings::new(
        SourceKind::Sitemap,
        format!("{}/quiet-index.xml", site.base),
    );
    let since = "2024-06-01T00:00:00Z".parse().ok();
    let poll = poll_source(&fetcher(addr), &source, None, since)
        .await
        .unwrap();
    assert!(poll.entries.is_empty());
    assert!(poll.quiet_index, "no child changed since the last poll");
    assert_eq!(poll.health, None, "nothing is wrong with a quiet index");

    // The same index read for the first time is read in full.
    let poll = poll_source(&fetcher(addr), &source, None, None)
        .await
        .unwrap();
    assert!(!poll.quiet_index);
    assert_eq!(poll.entries.len(), 2);
}
