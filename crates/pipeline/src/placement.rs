//! Where an article goes on the portal: its section, its story and its authors (the classify stage's choices).

use anyhow::Result;

use crate::app::App;

/// The article's section and the confidence of the choice: the source's
/// category mapping first, then a section whose name the publisher's own
/// category matches (both confidence 1.0), then the section classifier
/// (`newsbridge sections retrain`) with its probability, then the source's
/// default section (0.5).
pub async fn section_for(
    app: &App,
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
    // The publisher says nothing usable: the classifier trained on the site's own filed articles.
    let path = crate::sections::model_path(&app.config);
    if let Some(model) = app.classifier.get(&path).await {
        if let Some((section, confidence)) =
            model.predict(&crate::sections::classifier_text(&article.original))
        {
            if sections.iter().any(|s| s.id == section) {
                return Ok((Some(section), Some(confidence)));
            }
        }
    }
    let fallback = settings
        .and_then(|s| s.default_section.as_deref())
        .and_then(|slug| crate::sections::find(sections, slug));
    Ok((fallback.map(|s| s.id), fallback.map(|_| 0.5)))
}

/// The article's credits as author entities: each printed byline read
/// ("Theo TTXVN" → the agency TTXVN, "A - B" → two people, spelling variants
/// one key), people belonging to the article's publisher, agencies to none.
pub fn authors_of(article: &article::Article, publisher: Option<i64>) -> Vec<store::Credit> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for printed in &article.authors {
        let parsed = search::authors::parse_byline(&printed.name);
        let names: Vec<(String, String, bool)> = if parsed.is_empty() {
            vec![(
                printed.name.clone(),
                search::authors::author_key(&printed.name),
                false,
            )]
        } else {
            parsed
                .into_iter()
                .map(|a| (a.display_name, a.key, a.agency))
                .collect()
        };
        for (name, key, agency) in names {
            if !name.trim().is_empty() && seen.insert(key.clone()) {
                out.push(store::Credit {
                    name,
                    key,
                    role: printed.role.clone(),
                    publisher: if agency { None } else { publisher },
                });
            }
        }
    }
    out
}

/// The story (topic) the article continues, or a new one; None only when the
/// story index cannot be used (another process holds it, a broken disk): the
/// article is still filed and published, without a "same story" block.
pub async fn story_for(
    app: &App,
    article: &store::ArticleRecord,
    section_id: Option<i64>,
) -> Result<Option<i64>> {
    let Some(stories) = stories_of(app).await else {
        return Ok(None);
    };
    match stories.assign(&app.store, article, section_id).await {
        Ok(topic) => Ok(Some(topic)),
        Err(e) => {
            tracing::warn!(article = article.id, error = %format!("{e:#}"), "no story assigned");
            Ok(None)
        }
    }
}

/// This process's story index, opened on first use; None when it cannot be
/// (another process holds it, a broken disk).
async fn stories_of(app: &App) -> Option<std::sync::Arc<crate::stories::Stories>> {
    let dir = app.config.data_dir.join("stories");
    app.stories
        .get_or_init(|| async move {
            match crate::stories::Stories::open(&dir) {
                Ok(s) => Some(std::sync::Arc::new(s)),
                Err(e) => {
                    tracing::warn!(error = %format!("{e:#}"), "stories are off in this process");
                    None
                }
            }
        })
        .await
        .clone()
}

/// Days back in which filed articles are checked for story merges.
const MERGE_DAYS: i64 = 3;

/// Merges the stories of the articles filed in the last few days that turn
/// out to be one event (two copies filed at the same instant by two workers,
/// a story started before the article that links it). Returns how many
/// stories were merged.
pub async fn merge_stories(app: &App) -> Result<usize> {
    let since = store::now_ms() - MERGE_DAYS * 24 * 3600 * 1000;
    let Some((from, to)) = app.store.published_range_filed_since(since).await? else {
        return Ok(0);
    };
    let Some(stories) = stories_of(app).await else {
        return Ok(0);
    };
    stories.merge_recent(&app.store, from, to).await
}

#[cfg(test)]
mod tests {
    use super::authors_of;

    fn article(bylines: &[(&str, Option<&str>)]) -> article::Article {
        article::Article {
            authors: bylines
                .iter()
                .map(|(name, role)| article::Author {
                    name: name.to_string(),
                    role: role.map(str::to_string),
                    url: None,
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn bylines_become_one_entity_per_person_or_agency() {
        let a = article(&[
            ("Nguyễn Văn An - Trần Thị Bình", Some("Phóng viên")),
            ("Theo TTXVN", None),
            ("NGUYỄN VĂN AN", None),
        ]);
        let credits = authors_of(&a, Some(7));
        let just: Vec<&str> = credits.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            just,
            ["Nguyễn Văn An", "Trần Thị Bình", "TTXVN"],
            "{credits:?}"
        );
        assert_eq!(credits[0].role.as_deref(), Some("Phóng viên"));
        assert_eq!(
            credits[0].publisher,
            Some(7),
            "a reporter belongs to the paper"
        );
        assert_eq!(credits[2].publisher, None, "an agency belongs to none");
    }
}
