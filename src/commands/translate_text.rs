//! `newsbridge translate-text`: one-off translation through the configured
//! engines, the translation memory and the glossary, as the pipeline does it.

use std::io::Read;

use anyhow::{bail, Context, Result};
use translate::TranslateError;

use pipeline::app::App;
use pipeline::config::{Config, ConfigChoice};
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
    for (flag, lang) in [("--from", from), ("--to", to)] {
        if !config.site.languages.iter().any(|l| l == lang) {
            bail!(
                "{flag} {lang:?} is not a portal language; the languages of {} are {} (site.languages)",
                choice.describe(),
                config.site.languages.join(", ")
            );
        }
    }
    if from == to {
        bail!("--from and --to are both {from:?}; name two different languages");
    }
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
    let done = match translator.translate_text(&text, from, to).await {
        Ok(done) => done,
        Err(e @ TranslateError::NoEngine { .. }) => bail!(
            "cannot translate {from} → {to}: {e}; add an engine and a route for {from} → {to} under [translation] in {} (the file `newsbridge init` writes has commented examples for LibreTranslate, DeepL, OpenAI and local models; `newsbridge models add` installs a local one)",
            choice.describe()
        ),
        Err(e) => {
            return Err(anyhow::Error::new(e).context(format!("cannot translate {from} → {to}")))
        }
    };
    outln!("{}", done.text);
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
