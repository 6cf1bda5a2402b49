//! Serves the sample publisher for a look in a browser:
//! `cargo run -p sample-publisher --example serve -- 127.0.0.1:8080 200`
//! (address, then how many generated articles to add; both optional).

use std::sync::Arc;

use sample_publisher::{serve, Site};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let addr = args.next().unwrap_or_else(|| "127.0.0.1:8080".into());
    let generated: usize = args.next().map_or(Ok(0), |n| n.parse())?;
    let site = Arc::new(Site::bundled()?.with_generated(generated));
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!(
        "{} serving {} articles at http://{}/",
        site.newspaper().name,
        site.articles().len(),
        listener.local_addr()?
    );
    serve(listener, site).await?;
    Ok(())
}
