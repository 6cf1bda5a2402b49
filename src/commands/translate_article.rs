//! `newsbridge translate ARTICLE_ID [--lang fr]`: one stored article
//! translated again now, through the memory, the glossary and the engines,
//! and published unless QA holds it.

use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressStyle};

use pipeline::app::App;
use pipeline::config::Config;

/// Translates the article into `langs` (default: every portal language but
/// its own), one after the other with a progress bar, and prints what each
/// version became.
pub async fn run(config: Config, article_id: i64, langs: Vec<String>) -> Result<()> {
    let app = App::open_existing(config).await?;
    let article = match app.store.article(article_id).await {
        Ok(a) => a,
        Err(store::StoreError::NotFound(_)) => {
            bail!("there is no article {article_id}; the desk's article list and `newsbridge status` show the ids")
        }
        Err(e) => return Err(e.into()),
    };
    if article.status != store::ArticleStatus::Classified {
        bail!(
            "article {article_id} is {}; only filed articles are translated (a duplicate is linked to its original, a takedown stays down)",
            article.status.as_str()
        );
    }
    let portal = &app.config.site.languages;
    let langs: Vec<String> = if langs.is_empty() {
        portal
            .iter()
            .filter(|l| **l != article.language)
            .cloned()
            .collect()
    } else {
        langs.into_iter().map(|l| l.trim().to_string()).collect()
    };
    for lang in &langs {
        if !portal.contains(lang) {
            bail!(
                "--lang {lang}: the portal does not serve it; its languages are {}",
                portal.join(", ")
            );
        }
        if *lang == article.language {
            bail!("--lang {lang} is the article's own language: nothing to translate");
        }
    }
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
        match pipeline::stages::translate_now(&ctx, &article, lang).await {
            Ok(version) => {
                let flags = if version.qa_flags.is_empty() {
                    "no QA flags".to_string()
                } else {
                    format!("QA flags: {}", version.qa_flags.join(", "))
                };
                let line = format!(
                    "{lang}: {} — {} ({flags})",
                    version.status.as_str(),
                    version.engine.as_deref().unwrap_or("translation memory")
                );
                bar.suspend(|| outln!("{line}"));
            }
            Err(e) => {
                failed += 1;
                bar.suspend(|| outln!("{lang}: not translated: {e:#}"));
            }
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    if failed > 0 {
        bail!("{failed} of {} language(s) not translated", langs.len());
    }
    Ok(())
}
