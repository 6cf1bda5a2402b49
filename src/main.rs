//! The `newsbridge` binary: CLI, configuration and the wiring of the pipeline.

mod app;
mod classify;
mod cli;
mod commands;
mod config;
mod demo_translations;
mod memory;
mod metrics;
mod pipeline;
mod sections;
mod server;
mod stories;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc instead of the system allocator: the portal allocates and frees
/// a page-sized buffer per response from many threads, where glibc's malloc
/// spent a tenth of the CPU, added tail latency and let the heap fragment.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    init_tracing(cli.log_format);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(commands::dispatch(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing(format: cli::LogFormat) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("NEWSBRIDGE_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tantivy=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        cli::LogFormat::Text => builder.init(),
        cli::LogFormat::Json => builder.json().with_current_span(true).init(),
    }
}
