//! `newsbridge demo`: the bundled sample publisher, ingested over real HTTP, on the portal.

use anyhow::Result;

use crate::cli::DemoArgs;
use pipeline::config::DEMO_DATA_DIR;
use pipeline::demo::{DemoOptions, DESK_USER};

/// Serves the sample site on loopback, ingests it, then serves the portal.
pub async fn run(args: DemoArgs) -> Result<()> {
    let demo = pipeline::demo::set_up(&DemoOptions {
        data_dir: args.data_dir.clone(),
        listen: args.listen.clone(),
        generated: args.generated,
    })
    .await?;
    outln!("sample publisher: http://{}/", demo.site_addr);
    outln!(
        "translation memory: {} human-translated sentences imported (en, fr; {} units not aligned)",
        demo.imported.segments,
        demo.imported.unaligned
    );
    let started = std::time::Instant::now();
    let ran = demo.ingest().await?;
    outln!(
        "ingested the sample publisher: {ran} jobs in {:.1}s",
        started.elapsed().as_secs_f64()
    );
    let app = &demo.app;
    super::status::print(
        &app.store,
        &store::redact(&app.config.database_url()),
        false,
    )
    .await?;
    outln!();
    outln!(
        "desk sign-in: user {DESK_USER}, password {}  (shown once; a new one at each demo start)",
        demo.desk_password
    );
    outln!("{}", cli_hint(&args.data_dir, &demo.config_file));
    if args.no_serve {
        return Ok(());
    }
    let (tx, rx) = tokio::sync::oneshot::channel();
    let serving = pipeline::process::serve_app(demo.app, true, true, None, Some(tx));
    tokio::pin!(serving);
    tokio::select! {
        res = &mut serving => return res,
        addr = rx => {
            if let Ok(addr) = addr {
                outln!("\nportal ready: http://{addr}/  desk: http://{addr}/admin/  (Ctrl-C to stop)");
            }
        }
    }
    serving.await
}

/// How to run the other commands on the demo's data.
fn cli_hint(data_dir: &std::path::Path, config_file: &std::path::Path) -> String {
    let config_file =
        std::path::absolute(config_file).unwrap_or_else(|_| config_file.to_path_buf());
    if data_dir == std::path::Path::new(DEMO_DATA_DIR) {
        format!(
            "commands run in this directory use the demo's data while there is no newsbridge.toml here\n  \
             (e.g. `newsbridge status`, `newsbridge users list`); from elsewhere: newsbridge --config {} status",
            config_file.display()
        )
    } else {
        format!(
            "other commands reach the demo's data with: newsbridge --config {} status",
            config_file.display()
        )
    }
}
