//! `newsbridge translate ARTICLE_ID [--lang fr]`: one stored article
//! translated again now ([`pipeline::on_demand`]) with a progress bar.

use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressStyle};

use pipeline::app::App;
use pipeline::config::Config;

/// Translates the article into `langs` one after the other and prints what
/// each version became.
pub async fn run(config: Config, article_id: i64, langs: Vec<String>) -> Result<()> {
    let app = App::open_existing(config).await?;
    let (article, langs) = pipeline::on_demand::targets(&app, article_id, langs).await?;
    let ctx = pipeline::stages::one_off(&app).await?;
    let bar = ProgressBar::new(langs.len() as u64).with_style(
        ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {msg}")
            .context("progress bar template")?
            .progress_chars("=> "),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    let mut failed = 0;
    for lang in &langs {
        bar.set_message(format!("{} → {lang}", article.language));
        let line = match pipeline::stages::translate_now(&ctx, &article, lang).await {
            Ok(version) => pipeline::on_demand::outcome(lang, &version),
            Err(e) => {
                failed += 1;
                format!("{lang}: not translated: {e:#}")
            }
        };
        bar.suspend(|| outln!("{line}"));
        bar.inc(1);
    }
    bar.finish_and_clear();
    if failed > 0 {
        bail!("{failed} of {} language(s) not translated", langs.len());
    }
    Ok(())
}
