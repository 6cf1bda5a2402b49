//! `newsbridge translate-text`: one-off translation through the configured
//! engines, the translation memory and the glossary, as the pipeline does it.

use std::io::Read;

use anyhow::{Context, Result};

use crate::app::App;
use crate::config::Config;
use crate::pipeline::Translators;

/// Translates `text` (or standard input) line by line and prints the result;
/// QA flags and the memory/engine counts go to standard error.
pub async fn run(config: Config, from: &str, to: &str, text: Option<String>) -> Result<()> {
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
    let translators = Translators::from_config(&app).await?;
    let translator = translators.translator(&app, from, to).await?;
    let done = translator
        .translate_text(&text, from, to)
        .await
        .with_context(|| format!("cannot translate {from} → {to}"))?;
    println!("{}", done.text);
    for segment in done.segments.iter().filter(|s| !s.flags.is_empty()) {
        let codes: Vec<&str> = segment.flags.iter().map(|f| f.code()).collect();
        eprintln!("QA {}: {}", codes.join(", "), segment.source);
    }
    eprintln!(
        "{} sentence(s) from the translation memory, {} from the engines ({} call(s))",
        done.stats.memory_hits, done.stats.engine_segments, done.stats.engine_calls
    );
    Ok(())
}
