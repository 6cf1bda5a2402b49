//! Choosing an article's section and story.

use anyhow::Result;

use crate::app::App;

/// The article's section and the confidence of the choice: the source's
/// category mapping first, then a section whose name the publisher's own
/// category matches, then the source's default section.
pub async fn section_for(
    _app: &App,
    article: &store::ArticleRecord,
    categories: &[String],
    settings: Option<&ingest::SourceSettings>,
    sections: &[store::Section],
) -> Result<(Option<i64>, Option<f64>)> {
    let mut labels: Vec<String> = categories.to_vec();
    labels.extend(article.original.section.clone());
    if let Some(settings) = settings {
        if let Some(slug) = settings.section_for(&labels) {
            if let Some(section) = crate::sections::find(sections, slug) {
                return Ok((Some(section.id), Some(1.0)));
            }
        }
    }
    if let Some(section) = labels
        .iter()
        .find_map(|l| crate::sections::find(sections, l))
    {
        return Ok((Some(section.id), Some(1.0)));
    }
    let fallback = settings
        .and_then(|s| s.default_section.as_deref())
        .and_then(|slug| crate::sections::find(sections, slug));
    Ok((fallback.map(|s| s.id), fallback.map(|_| 0.5)))
}

/// The story (topic) the article continues: the most similar story within a
/// week of its publication (by the search crate's clusterer over the
/// source-language text), or a new story of its own. A story once given is kept.
pub async fn story_for(app: &App, article: &store::ArticleRecord) -> Result<Option<i64>> {
    if article.topic_id.is_some() {
        return Ok(article.topic_id);
    }
    let config = search::StoryConfig::default();
    let at = article.published_at.unwrap_or_else(store::now_ms);
    let candidates = app
        .store
        .story_candidates(at, config.window_ms, article.id, 500)
        .await?;
    let mut clusterer = search::StoryClusterer::new(config);
    for candidate in &candidates {
        if let Some(topic) = candidate.topic_id {
            clusterer.add(
                &search::TextDoc::from_article(candidate.id, &candidate.original),
                topic,
            );
        }
    }
    let assignment = clusterer.assign(&search::TextDoc::from_article(
        article.id,
        &article.original,
    ));
    match assignment.topic {
        Some(topic) => Ok(Some(topic)),
        None => Ok(Some(app.store.create_topic(&article.original.title).await?)),
    }
}
