//! The `newsbridge` binary: CLI, configuration and the wiring of the pipeline.

#[macro_use]
mod out;
mod cli;
mod commands;

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
            eprintln!("error: {}", error_chain(&e));
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes on one line, each said once: many errors end
/// their own message with their source's (`cannot open x: No such file`),
/// and anyhow's `{:#}` would then repeat it.
fn error_chain(error: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if text.is_empty() || line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}

/// Whether log lines may carry colour: only on a terminal, and never when
/// `NO_COLOR` is set and not empty (<https://no-color.org>).
fn log_colour() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

fn init_tracing(format: cli::LogFormat) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("NEWSBRIDGE_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tantivy=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(log_colour());
    match format {
        cli::LogFormat::Text => builder.init(),
        cli::LogFormat::Json => builder.json().with_current_span(true).init(),
    }
}

#[cfg(test)]
mod tests {
    use super::error_chain;

    #[test]
    fn each_cause_is_said_once() {
        let io = std::io::Error::from(std::io::ErrorKind::NotFound);
        let repeated = anyhow::Error::new(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("{io}"),
        ))
        .context(format!("cannot open x.csv: {io}"));
        assert_eq!(error_chain(&repeated), format!("cannot open x.csv: {io}"));
        let distinct = anyhow::anyhow!("disk full").context("cannot write y");
        assert_eq!(error_chain(&distinct), "cannot write y: disk full");
    }
}
