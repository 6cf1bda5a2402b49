//! The translate stage: one article into one language, through the
//! translation memory, the glossary and the configured engines.

use std::collections::BTreeSet;
use std::sync::Arc;

use anyhow::{Context as _, Result};
use store::{ArticleStatus, JobKind, Translation, TranslationStatus};
use translate::{Engines, Glossary, Outcome, Policy, SegmentOrigin, Translator};

use super::{LanguageJob, StageError, StageResult};
use crate::app::App;
use crate::stages::worker::Context;
use crate::translation_memory::DatabaseMemory;

/// The engines and policies, built once per process.
pub struct Translators {
    engines: Engines,
    memory: Arc<DatabaseMemory>,
}

impl Translators {
    /// Builds the engines named in `[translation]`.
    pub async fn from_config(app: &App) -> Result<Translators> {
        let config = translate::EnginesConfig {
            engines: app.config.translation.engines.clone(),
            routes: app.config.translation.routes.clone(),
        };
        let engines =
            Engines::from_config(&config).context("invalid [translation] engines or routes")?;
        Ok(Translators {
            engines,
            memory: Arc::new(DatabaseMemory::new(app.store.clone())),
        })
    }

    /// A translator for one job, with the glossary as it is now (editors may have changed it).
    pub async fn translator(&self, app: &App, source: &str, target: &str) -> Result<Translator> {
        let mut glossary = Glossary::new();
        // Terms of this pair, and do-not-translate names kept for every pair ("*").
        let mut terms = app.store.glossary(source, target).await?;
        terms.extend(app.store.glossary("*", "*").await?);
        for term in terms {
            glossary.add(crate::glossary::from_stored(term));
        }
        let policy = match app.config.translation.policy_for(target) {
            "hold_until_reviewed" => Policy::HoldUntilReviewed,
            _ => Policy::Publish,
        };
        let mut translator = Translator::new(self.engines.clone(), glossary, self.memory.clone())
            .with_default_policy(policy);
        // House style for the Vietnamese names kept: marked, or without diacritics.
        for (lang, style) in &app.config.translation.names {
            translator = translator.with_name_style(lang, *style);
        }
        Ok(translator)
    }
}

/// Translates one article into one language and queues its publication.
pub async fn run(ctx: &Context, job: LanguageJob) -> StageResult {
    let app = &ctx.app;
    let article = match app.store.article(job.article_id).await {
        Ok(a) => a,
        Err(store::StoreError::NotFound(_)) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    if article.status != ArticleStatus::Classified {
        return Ok(());
    }
    if let Some(existing) = app.store.translation(article.id, &job.lang).await? {
        // Done already for this revision (a retry after a crash), or an editor's work: keep it.
        if existing.source_revision == article.revision {
            return queue_publish(app, &job).await;
        }
    }
    render(ctx, &article, &job, None).await
}

/// Translates `article` into `lang` now, whatever exists for its revision
/// (the `newsbridge translate` command), then publishes it unless QA holds
/// it. Returns the version as saved.
pub async fn translate_now(
    ctx: &Context,
    article: &store::ArticleRecord,
    lang: &str,
) -> Result<Translation> {
    let job = LanguageJob {
        article_id: article.id,
        lang: lang.to_string(),
        revision: article.revision,
    };
    let unwrap = |e: super::StageError| match e {
        super::StageError::Retry(e) | super::StageError::Dead(e) => e,
    };
    render(ctx, article, &job, None).await.map_err(unwrap)?;
    let saved = ctx
        .app
        .store
        .translation(article.id, lang)
        .await?
        .context("the translation was not saved")?;
    if saved.status == TranslationStatus::Translated {
        super::publish::run(&ctx.app, job).await.map_err(unwrap)?;
    }
    Ok(ctx
        .app
        .store
        .translation(article.id, lang)
        .await?
        .unwrap_or(saved))
}

/// Applies an editor's correction: remembers it as a human translation (every
/// future match reuses it), then re-renders the language version from the
/// translation memory, credited to the editor.
pub async fn revise(ctx: &Context, revision: store::Revision) -> StageResult {
    let app = &ctx.app;
    let article = match app.store.article(revision.article_id).await {
        Ok(a) => a,
        Err(store::StoreError::NotFound(_)) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    if article.status != ArticleStatus::Classified || revision.lang == article.language {
        return Ok(());
    }
    let translator = ctx
        .translators
        .translator(app, &article.language, &revision.lang)
        .await
        .map_err(StageError::retry)?;
    let pair = translate::LangPair::new(&article.language, &revision.lang);
    translator
        .remember(
            &pair,
            &revision.source,
            &revision.target,
            Some(revision.editor.clone()),
        )
        .await
        .map_err(StageError::retry)?;
    let job = LanguageJob {
        article_id: article.id,
        lang: revision.lang.clone(),
        revision: article.revision,
    };
    render(ctx, &article, &job, Some(revision.editor)).await
}

/// Translates the article into `job.lang` (memory first), saves the version
/// and queues its publication unless QA holds it.
async fn render(
    ctx: &Context,
    article: &store::ArticleRecord,
    job: &LanguageJob,
    editor: Option<String>,
) -> StageResult {
    let app = &ctx.app;
    let translator = ctx
        .translators
        .translator(app, &article.language, &job.lang)
        .await
        .map_err(StageError::retry)?;
    let translated = translator
        .translate_article(&article.original, &article.language, &job.lang)
        .await?;
    let status = match translated.outcome {
        Outcome::Publish => TranslationStatus::Translated,
        Outcome::Hold => TranslationStatus::Held,
    };
    // Glossary terms in the source sentences: how much the glossary is used.
    let pair = translate::LangPair::new(&article.language, &job.lang);
    let glossary_terms: usize = if translator.glossary().entries().is_empty() {
        0
    } else {
        translated
            .segments
            .iter()
            .map(|s| translator.glossary().find_terms(&s.source, &pair).len())
            .sum()
    };
    ctx.metrics.translated(&translated.segments, glossary_terms);
    let qa_flags: Vec<String> = translated.flags.keys().cloned().collect();
    let segments = serde_json::to_value(&translated.segments).map_err(StageError::dead)?;
    // Wholly human (translation memory of human translations): credit a review, not an engine.
    let (engine, reviewed_by) = match engine_summary(&translated.segments) {
        human if human == "human" => (
            None,
            Some(editor.unwrap_or_else(|| "translation memory (human)".to_string())),
        ),
        engines => (Some(engines), editor),
    };
    app.store
        .save_translation(&Translation {
            article_id: article.id,
            lang: job.lang.clone(),
            slug: article::slug::slugify(&translated.article.title),
            content: translated.article,
            status,
            engine,
            qa_flags,
            segments,
            source_revision: article.revision,
            reviewed_by,
            published_at: None,
        })
        .await?;
    tracing::info!(
        article = article.id,
        lang = %job.lang,
        engine_calls = translated.stats.engine_calls,
        memory_hits = translated.stats.memory_hits,
        ?status,
        "translated"
    );
    if status == TranslationStatus::Translated {
        queue_publish(app, job).await?;
    }
    Ok(())
}

async fn queue_publish(app: &App, job: &LanguageJob) -> StageResult {
    let key = format!("publish:{}:{}", job.article_id, job.lang);
    app.store
        .enqueue_again(JobKind::Publish, job, &key, app.config.retry_policy())
        .await?;
    Ok(())
}

/// Who translated the article, as the portal credits it: the engines used
/// (`name/model`), or `human` when every segment came from human translations.
fn engine_summary(segments: &[translate::SegmentReport]) -> String {
    let mut engines = BTreeSet::new();
    let mut human = false;
    for s in segments {
        match &s.origin {
            SegmentOrigin::Engine { name, model, .. } => {
                engines.insert(format!("{name}/{model}"));
            }
            SegmentOrigin::Memory { origin, .. } => match origin {
                translate::Origin::Engine { name, model } => {
                    engines.insert(format!("{name}/{model}"));
                }
                translate::Origin::Human { .. } => human = true,
            },
            _ => {}
        }
    }
    match (engines.is_empty(), human) {
        (true, true) => "human".into(),
        (true, false) => "none".into(),
        (false, _) => engines.into_iter().collect::<Vec<_>>().join(", "),
    }
}
