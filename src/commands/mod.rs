//! One module per subcommand.

mod demo;
mod extract;
mod glossary;
mod images;
mod ingest;
mod init;
mod memory;
mod models;
mod qa;
mod sections;
mod sources;
mod status;
mod translate_article;
mod translate_text;
mod users;

use anyhow::{Context, Result};
use clap::CommandFactory;

use crate::cli::{Cli, Command};
use pipeline::config::ConfigChoice;

/// Runs the chosen subcommand; the configuration is loaded only by the
/// commands that use it.
pub async fn dispatch(cli: Cli) -> Result<()> {
    let choice = ConfigChoice::resolve(cli.config.as_deref());
    let config = || choice.load();
    match cli.command {
        Command::Init { force } => {
            let default = std::path::Path::new(pipeline::config::DEFAULT_PATH);
            init::run(cli.config.as_deref().unwrap_or(default), force)
        }
        Command::Completions { shell } => {
            let mut command = Cli::command();
            clap_complete::generate(shell, &mut command, "newsbridge", &mut crate::out::Stdout);
            Ok(())
        }
        Command::Man => clap_mangen::Man::new(Cli::command())
            .render(&mut crate::out::Stdout)
            .context("cannot write the manual page"),
        Command::Qa {
            from,
            to,
            glossary,
            file,
        } => qa::run(&from, &to, glossary.as_deref(), &file),
        Command::Demo(args) => demo::run(args).await,
        Command::Extract { input, format, url } => {
            extract::run(&config()?, &input, format, url.as_deref()).await
        }
        Command::Run => pipeline::process::run(config()?, true, true, None).await,
        Command::Serve => pipeline::process::run(config()?, true, false, None).await,
        Command::Worker {
            concurrency,
            stages,
            metrics_addr,
        } => {
            pipeline::process::run_workers_only(config()?, concurrency, stages, metrics_addr).await
        }
        Command::Export { file } => {
            let store = pipeline::app::open_existing_store(&config()?).await?;
            let summary = pipeline::archive::export(&store, &file).await?;
            let (rows, version) = (summary.total_rows(), summary.schema_version);
            outln!(
                "exported {rows} rows (schema version {version}) to {}",
                file.display()
            );
            print_rows(&summary);
            Ok(())
        }
        Command::Import { file } => {
            let config = config()?;
            let store = pipeline::app::open_store(&config).await?;
            let summary = pipeline::archive::import(&store, &file).await?;
            outln!(
                "imported {} rows into {}; now run `newsbridge index rebuild` on every web node",
                summary.total_rows(),
                store::redact(&config.database_url())
            );
            print_rows(&summary);
            Ok(())
        }
        Command::Index(crate::cli::IndexCommand::Rebuild) => {
            let config = config()?;
            let store = pipeline::app::open_existing_store(&config).await?;
            let done = pipeline::search_index::rebuild(&store, &config.data_dir).await?;
            let (articles, cursor) = (done.articles, done.cursor);
            outln!(
                "search index rebuilt: {articles} articles, following the change log from {cursor}"
            );
            Ok(())
        }
        Command::Images(cmd) => images::run(config()?, cmd).await,
        Command::Models(cmd) => models::run(&config()?, cmd).await,
        Command::Translate { article_id, langs } => {
            translate_article::run(config()?, article_id, langs).await
        }
        Command::TranslateText { from, to, text } => {
            translate_text::run(config()?, &choice, &from, &to, text).await
        }
        Command::Migrate => {
            let config = config()?;
            let store = pipeline::app::open_store(&config).await?;
            let (database, version) = (
                store::redact(&config.database_url()),
                store.schema_version().await?,
            );
            outln!("database {database} is at schema version {version}");
            Ok(())
        }
        Command::Sources(cmd) => sources::run(config()?, cmd).await,
        Command::Ingest { .. } => ingest::run(config()?).await,
        Command::Status { json, retry_dead } => status::run(config()?, json, retry_dead).await,
        Command::Users(cmd) => users::run(config()?, cmd).await,
        Command::Memory(cmd) => memory::run(config()?, cmd).await,
        Command::Sections(cmd) => sections::run(config()?, cmd).await,
        Command::Glossary(cmd) => glossary::run(config()?, cmd).await,
    }
}

/// Rows per table of an archive, one line each.
fn print_rows(summary: &store::ArchiveSummary) {
    for (table, rows) in &summary.rows {
        outln!("  {table:<16} {rows:>9}");
    }
}
