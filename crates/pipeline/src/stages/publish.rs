//! The publish stage: make one language version visible (portal, feeds, sitemaps, search).

use store::{ArticleStatus, Translation, TranslationStatus};

use super::{LanguageJob, StageError, StageResult};
use crate::app::App;

/// Publishes one language version. The original language is published as it
/// was extracted; a translation only when the translate stage left it ready
/// (a held translation waits for an editor).
pub async fn run(app: &App, job: LanguageJob) -> StageResult {
    let article = match app.store.article(job.article_id).await {
        Ok(a) => a,
        Err(store::StoreError::NotFound(_)) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    if article.status != ArticleStatus::Classified {
        return Ok(());
    }
    if job.lang == article.language {
        let existing = app.store.translation(article.id, &job.lang).await?;
        if existing.as_ref().map(|t| t.source_revision) != Some(article.revision) {
            app.store
                .save_translation(&Translation {
                    article_id: article.id,
                    lang: job.lang.clone(),
                    slug: article::slug::slugify(&article.original.title),
                    content: article.original.clone(),
                    status: TranslationStatus::Translated,
                    engine: None,
                    qa_flags: Vec::new(),
                    segments: serde_json::Value::Array(Vec::new()),
                    source_revision: article.revision,
                    reviewed_by: None,
                    published_at: None,
                })
                .await?;
        }
    }
    match app.store.translation(article.id, &job.lang).await? {
        Some(t)
            if matches!(
                t.status,
                TranslationStatus::Translated | TranslationStatus::Published
            ) =>
        {
            app.store
                .set_translation_status(article.id, &job.lang, TranslationStatus::Published)
                .await?;
            Ok(())
        }
        Some(_) => Ok(()), // held, unpublished or taken down: an editor decides
        None => Err(StageError::retry(anyhow::anyhow!(
            "no {} version of article {} to publish yet",
            job.lang,
            article.id
        ))),
    }
}
