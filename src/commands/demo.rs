//! `newsbridge demo`: the bundled sample publisher, ingested over real HTTP, on the portal.

use anyhow::Result;

use crate::cli::DemoArgs;
use pipeline::demo::{DemoOptions, DESK_USER};

/// Serves the sample site on loopback, ingests it, then serves the portal.
pub async fn run(args: DemoArgs) -> Result<()> {
    let demo = pipeline::demo::set_up(&DemoOptions {
        data_dir: args.data_dir.clone(),
        listen: args.listen.clone(),
        generated: args.generated,
    })
    .await?;
    out!("{}", demo.banner());
    let started = std::time::Instant::now();
    let ran = demo.ingest().await?;
    let secs = started.elapsed().as_secs_f64();
    outln!("ingested the sample publisher: {ran} jobs in {secs:.1}s");
    super::status::print(&demo.app.store, &demo.app.config, false).await?;
    outln!();
    outln!(
        "desk sign-in: user {DESK_USER}, password {}  (shown once; a new one at each demo start)",
        demo.desk_password
    );
    let hint = pipeline::demo::cli_hint(&args.data_dir, &demo.config_file);
    outln!("{hint}");
    if args.no_serve {
        return Ok(());
    }
    pipeline::process::serve_announced(demo.app, |addr| {
        outln!("\nportal ready: http://{addr}/  desk: http://{addr}/admin/  (Ctrl-C to stop)");
    })
    .await
}
