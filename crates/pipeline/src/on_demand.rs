//! Translation on demand, outside the job queue: one stored article again
//! now (`newsbridge translate ID`: which languages, checked before any
//! engine starts, and what each new version became; the translation itself
//! is [`crate::stages::translate_now`]), or a text (`newsbridge
//! translate-text`), through the memory, the glossary and the engines.

use crate::app::App;

/// Why an article cannot be translated again.
#[derive(Debug, thiserror::Error)]
pub enum RetranslateError {
    /// No article has that id.
    #[error(
        "there is no article {0}; the desk's article list and `newsbridge status` show the ids"
    )]
    NoSuchArticle(i64),
    /// A duplicate, a takedown or an article not yet classified.
    #[error("article {id} is {status}; only filed articles are translated (a duplicate is linked to its original, a takedown stays down)")]
    NotFiled {
        /// The article.
        id: i64,
        /// Its state.
        status: &'static str,
    },
    /// A language the portal does not serve.
    #[error("--lang {lang}: the portal does not serve it; its languages are {served}")]
    NotServed {
        /// The language asked for.
        lang: String,
        /// The portal's languages, comma-separated.
        served: String,
    },
    /// The article's own language.
    #[error("--lang {0} is the article's own language: nothing to translate")]
    OwnLanguage(String),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] store::StoreError),
}

/// The filed article `article_id` and the languages to translate it into:
/// `langs` (trimmed), or when empty every portal language but its own.
pub async fn targets(
    app: &App,
    article_id: i64,
    langs: Vec<String>,
) -> Result<(store::ArticleRecord, Vec<String>), RetranslateError> {
    let article = match app.store.article(article_id).await {
        Ok(a) => a,
        Err(store::StoreError::NotFound(_)) => {
            return Err(RetranslateError::NoSuchArticle(article_id))
        }
        Err(e) => return Err(e.into()),
    };
    if article.status != store::ArticleStatus::Classified {
        return Err(RetranslateError::NotFiled {
            id: article_id,
            status: article.status.as_str(),
        });
    }
    let langs = choose(&app.config.site.languages, &article.language, langs)?;
    Ok((article, langs))
}

fn choose(
    portal: &[String],
    own: &str,
    langs: Vec<String>,
) -> Result<Vec<String>, RetranslateError> {
    if langs.is_empty() {
        return Ok(portal.iter().filter(|l| *l != own).cloned().collect());
    }
    let langs: Vec<String> = langs.into_iter().map(|l| l.trim().to_string()).collect();
    for lang in &langs {
        if !portal.contains(lang) {
            return Err(RetranslateError::NotServed {
                lang: lang.clone(),
                served: portal.join(", "),
            });
        }
        if lang == own {
            return Err(RetranslateError::OwnLanguage(lang.clone()));
        }
    }
    Ok(langs)
}

/// `fr: published — libretranslate (no QA flags)`: what one new version became.
pub fn outcome(lang: &str, version: &store::Translation) -> String {
    let flags = if version.qa_flags.is_empty() {
        "no QA flags".to_string()
    } else {
        format!("QA flags: {}", version.qa_flags.join(", "))
    };
    format!(
        "{lang}: {} — {} ({flags})",
        version.status.as_str(),
        version.engine.as_deref().unwrap_or("translation memory")
    )
}

/// Why a text was not translated.
#[derive(Debug, thiserror::Error)]
pub enum TextError {
    /// A language the portal does not serve.
    #[error("{flag} {lang:?} is not a portal language; the languages of {config} are {served} (site.languages)")]
    NotServed {
        /// `--from` or `--to`.
        flag: &'static str,
        /// The language.
        lang: String,
        /// The configuration read, as the operator knows it.
        config: String,
        /// The portal's languages, comma-separated.
        served: String,
    },
    /// The same language twice.
    #[error("--from and --to are both {0:?}; name two different languages")]
    SameLanguage(String),
    /// No engine serves the pair and the memory does not cover the text.
    #[error("cannot translate {from} → {to}: {reason}; add an engine and a route for {from} → {to} under [translation] in {config} (the file `newsbridge init` writes has commented examples for LibreTranslate, DeepL, OpenAI and local models; `newsbridge models add` installs a local one)")]
    NoEngine {
        /// Source language.
        from: String,
        /// Target language.
        to: String,
        /// What the translator said.
        reason: String,
        /// The configuration read.
        config: String,
    },
    /// The engines failed.
    #[error("cannot translate {from} → {to}")]
    Failed {
        /// Source language.
        from: String,
        /// Target language.
        to: String,
        /// What the translator said.
        #[source]
        source: Box<translate::TranslateError>,
    },
}

/// Checks that `from` and `to` are two of the portal's languages (`served`,
/// from the configuration the operator knows as `config`).
pub fn check_pair(served: &[String], config: &str, from: &str, to: &str) -> Result<(), TextError> {
    for (flag, lang) in [("--from", from), ("--to", to)] {
        if !served.iter().any(|l| l == lang) {
            return Err(TextError::NotServed {
                flag,
                lang: lang.to_string(),
                config: config.to_string(),
                served: served.join(", "),
            });
        }
    }
    if from == to {
        return Err(TextError::SameLanguage(from.to_string()));
    }
    Ok(())
}

/// Translates `text` line by line with `translator` (see
/// [`crate::stages::Translators::translator`]).
pub async fn translate_text(
    translator: &translate::Translator,
    text: &str,
    (from, to): (&str, &str),
    config: &str,
) -> Result<translate::TranslatedText, TextError> {
    translator
        .translate_text(text, from, to)
        .await
        .map_err(|e| match e {
            e @ translate::TranslateError::NoEngine { .. } => TextError::NoEngine {
                from: from.to_string(),
                to: to.to_string(),
                reason: e.to_string(),
                config: config.to_string(),
            },
            source => TextError::Failed {
                from: from.to_string(),
                to: to.to_string(),
                source: Box::new(source),
            },
        })
}

/// What `newsbridge translate-text` says beside the translation: one line
/// per sentence with QA flags (`QA CODES: source`), then where the
/// sentences came from; every line ends with a newline.
pub fn text_report(done: &translate::TranslatedText) -> String {
    let mut report = String::new();
    for segment in done.segments.iter().filter(|s| !s.flags.is_empty()) {
        let codes: Vec<&str> = segment.flags.iter().map(|f| f.code()).collect();
        report.push_str(&format!("QA {}: {}\n", codes.join(", "), segment.source));
    }
    let stats = &done.stats;
    report.push_str(&format!(
        "{} sentence(s) from the translation memory, {} from the engines ({} call(s))\n",
        stats.memory_hits, stats.engine_segments, stats.engine_calls
    ));
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_text_pair_is_two_portal_languages() {
        let portal = l(&["vi", "en"]);
        check_pair(&portal, "newsbridge.toml", "vi", "en").unwrap();
        let err = check_pair(&portal, "newsbridge.toml", "vi", "de").unwrap_err();
        assert_eq!(
            err.to_string(),
            "--to \"de\" is not a portal language; the languages of newsbridge.toml are vi, en (site.languages)"
        );
        assert!(matches!(
            check_pair(&portal, "x", "en", "en"),
            Err(TextError::SameLanguage(_))
        ));
    }

    #[test]
    fn languages_default_to_the_portal_s_but_the_article_s_own() {
        let portal = l(&["vi", "en", "fr"]);
        assert_eq!(choose(&portal, "vi", vec![]).unwrap(), l(&["en", "fr"]));
        assert_eq!(choose(&portal, "vi", l(&[" fr "])).unwrap(), l(&["fr"]));
        let err = choose(&portal, "vi", l(&["de"])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "--lang de: the portal does not serve it; its languages are vi, en, fr"
        );
        assert!(matches!(
            choose(&portal, "vi", l(&["en", "vi"])),
            Err(RetranslateError::OwnLanguage(_))
        ));
    }
}
