//! The classify stage: section, story and authors, then queue each language.

use store::{ArticleStatus, JobKind};

use super::{ClassifyJob, LanguageJob, StageError, StageResult};
use crate::app::App;

/// Classifies one article and queues its translations and the original's publication.
pub async fn run(app: &App, job: ClassifyJob) -> StageResult {
    let article = match app.store.article(job.article_id).await {
        Ok(a) => a,
        Err(store::StoreError::NotFound(_)) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    if matches!(
        article.status,
        ArticleStatus::Duplicate | ArticleStatus::TakenDown
    ) {
        return Ok(());
    }
    let settings = match article.source_id {
        Some(id) => match app.store.source(id).await {
            Ok(source) => super::poll::settings_of(&source).ok(),
            Err(_) => None,
        },
        None => None,
    };
    let sections = app.store.sections().await?;
    // A section filed for sure — mapped from the source, or chosen by an
    // editor — stays when the article is filed again (an upstream edit, a
    // recheck that carries no feed categories).
    let certain = article
        .section_id
        .filter(|_| article.section_confidence.is_some_and(|c| c >= 1.0));
    let (section_id, confidence) = match certain {
        Some(id) => (Some(id), Some(1.0)),
        _ => crate::placement::section_for(
            app,
            &article,
            &job.categories,
            settings.as_ref(),
            &sections,
        )
        .await
        .map_err(StageError::retry)?,
    };
    let topic_id = crate::placement::story_for(app, &article, section_id)
        .await
        .map_err(StageError::retry)?;
    let authors = crate::placement::authors_of(&article.original, article.source_id);
    app.store
        .classify_article(article.id, section_id, confidence, topic_id, &authors)
        .await?;
    let languages: Vec<String> = match &settings {
        Some(s) if !s.languages.is_empty() => s.languages.clone(),
        _ => app.config.site.languages.clone(),
    };
    let policy = app.config.retry_policy();
    for lang in languages {
        let next = LanguageJob {
            article_id: article.id,
            lang: lang.clone(),
            revision: article.revision,
        };
        if lang == article.language {
            let key = format!("publish:{}:{lang}", article.id);
            app.store
                .enqueue_again(JobKind::Publish, &next, &key, policy)
                .await?;
        } else {
            let key = format!("translate:{}:{lang}", article.id);
            app.store
                .enqueue_again(JobKind::Translate, &next, &key, policy)
                .await?;
        }
    }
    Ok(())
}
