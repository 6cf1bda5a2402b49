//! `newsbridge translate-text`: one-off translation through the configured
//! engines, the translation memory and the glossary ([`pipeline::on_demand`]).

use std::io::Read;

use anyhow::{Context, Result};

use pipeline::app::App;
use pipeline::config::{Config, ConfigChoice};
use pipeline::on_demand::{check_pair, text_report, translate_text};
use pipeline::stages::Translators;

/// Translates `text` (or standard input) line by line and prints the result;
/// QA flags and the memory/engine counts go to standard error.
pub async fn run(
    config: Config,
    choice: &ConfigChoice,
    from: &str,
    to: &str,
    text: Option<String>,
) -> Result<()> {
    check_pair(&config.site.languages, &choice.describe(), from, to)?;
    let text = match text {
        Some(text) => text,
        None => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .context("cannot read standard input")?;
            text
        }
    };
    let app = App::open(config).await?;
    let translator = Translators::from_config(&app)
        .await?
        .translator(&app, from, to)
        .await?;
    let done = translate_text(&translator, &text, (from, to), &choice.describe()).await?;
    outln!("{}", done.text);
    eprint!("{}", text_report(&done));
    Ok(())
}
