//! Serves the sample publisher for a look in a browser:
//! `cargo run -p sample-publisher --example serve -- 127.0.0.1:8080 200 --refuse-hotlinks`
//! (address, then how many generated articles to add; both optional;
//! `--refuse-hotlinks` anywhere answers 403 to pictures asked for from
//! another origin's page, as Vietnamese publishers do).

use std::sync::Arc;

use sample_publisher::{serve, Site};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (flags, positional): (Vec<String>, Vec<String>) =
        std::env::args().skip(1).partition(|a| a.starts_with("--"));
    let mut args = positional.into_iter();
    let addr = args.next().unwrap_or_else(|| "127.0.0.1:8080".into());
    let generated: usize = args.next().map_or(Ok(0), |n| n.parse())?;
    let site = Arc::new(Site::bundled()?.with_generated(generated));
    site.set_refuse_hotlinks(flags.iter().any(|f| f == "--refuse-hotlinks"));
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!(
        "{} serving {} articles at http://{}/{}",
        site.newspaper().name,
        site.articles().len(),
        listener.local_addr()?,
        if site.refuses_hotlinks() {
            " (refusing hot-linked pictures)"
        } else {
            ""
        }
    );
    serve(listener, site).await?;
    Ok(())
}
