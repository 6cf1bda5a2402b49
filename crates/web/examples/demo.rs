//! Serves the test fixture on 127.0.0.1 for a look in a browser:
//! `cargo run -p web --example demo -- 8090`.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "../tests/suite/common/mod.rs"]
mod common;

#[tokio::main]
async fn main() {
    let port: u16 = std::env::args()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(8090);
    let f = common::fixture().await;
    let index = search::SearchIndex::in_memory().unwrap();
    for id in &f.all {
        search::sync_article(&index, &f.store, *id).await.unwrap();
    }
    index.commit().unwrap();
    let mut config = common::config();
    config.base_url = format!("http://127.0.0.1:{port}");
    let app = web::router(web::Portal::new(f.store.clone(), Some(index), config));
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .unwrap();
    println!(
        "http://127.0.0.1:{port}/fr/the-gioi/{}-combats-a-koursk-la-russie-renforce-sa-defense",
        f.main
    );
    axum::serve(listener, app).await.unwrap();
}
