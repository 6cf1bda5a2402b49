//! The extract stage: turn a stored page into an article, deduplicate it and store it.

use store::{JobKind, NewArticle, Upsert};

use super::{ClassifyJob, ExtractJob, StageError, StageResult};
use crate::app::App;

/// How many recent articles a new one is compared with for near-duplicates.
const NEAR_DUPLICATE_WINDOW: i64 = 2000;

/// Extracts one page.
pub async fn run(app: &App, job: ExtractJob) -> StageResult {
    let page = app.store.page(&job.url).await?.ok_or_else(|| {
        StageError::dead(anyhow::anyhow!(
            "no stored page for {}; fetch it again",
            job.url
        ))
    })?;
    let settings = match app.store.source(job.source_id).await {
        Ok(source) => Some(super::poll::settings_of(&source).map_err(StageError::dead)?),
        Err(store::StoreError::NotFound(_)) => None,
        Err(e) => return Err(e.into()),
    };
    let options = extract::ExtractOptions {
        content_type: page.content_type.clone(),
        overrides: settings.as_ref().map(|s| overrides(&s.extraction)),
    };
    let url = job.url.clone();
    let body = page.body;
    let article = tokio::task::spawn_blocking(move || extract::extract(&body, &url, &options))
        .await
        .map_err(|e| {
            StageError::dead(
                anyhow::Error::new(e).context(format!("the extractor stopped on {}", job.url)),
            )
        })?
        .map_err(|e| {
            StageError::dead(anyhow::Error::new(e).context(format!("extracting {}", job.url)))
        })?;
    if article.title.trim().is_empty() || article.blocks.is_empty() {
        return Err(StageError::dead(anyhow::anyhow!(
            "{} is not an article (no headline or no body); add extraction overrides to the source if it is",
            job.url
        )));
    }
    let identity = identity_url(&job.url, article.canonical_url.as_deref());
    let text = format!("{}\n{}", article.title, article.body_text());
    let hash = ingest::content_hash(&text).to_hex();
    let simhash = ingest::SimHash::of(&text);
    let language = article
        .language
        .clone()
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| app.config.site.source_language.clone());
    let upsert = app
        .store
        .upsert_article(&NewArticle {
            source_id: Some(job.source_id).filter(|_| settings.is_some()),
            url: &identity,
            fetched_url: &job.url,
            content_hash: &hash,
            simhash: simhash.0 as i64,
            language: &language,
            original: &article,
        })
        .await?;
    let id = upsert.id();
    if let Upsert::Created(_) | Upsert::Updated(_) = upsert {
        if let Some(original) = duplicate_of(app, id, &hash, simhash)
            .await
            .map_err(StageError::retry)?
        {
            tracing::info!(
                article = id,
                of = original,
                "duplicate of an earlier article: linked, not republished"
            );
            app.store.mark_duplicate(id, original).await?;
            return Ok(());
        }
    }
    let classify = ClassifyJob {
        article_id: id,
        categories: job.categories,
    };
    let key = format!("classify:{id}");
    let policy = app.config.retry_policy();
    match upsert {
        // New content: (re)classify and (re)translate.
        Upsert::Created(_) | Upsert::Updated(_) => {
            app.store
                .enqueue_again(JobKind::Classify, &classify, &key, policy)
                .await?;
        }
        // Same content (a retry after a crash): make sure the next stage exists.
        Upsert::Unchanged(_) => {
            app.store
                .enqueue(JobKind::Classify, &classify, Some(&key), policy)
                .await?;
        }
    }
    // Its pictures are mirrored beside the text; they never hold it up.
    if app.images.is_some() {
        let images = super::ImagesJob {
            article_id: id,
            recheck: false,
        };
        app.store
            .enqueue_again(JobKind::Images, &images, &format!("images:{id}"), policy)
            .await?;
    }
    Ok(())
}

/// The earlier article this one copies, exactly or nearly.
async fn duplicate_of(
    app: &App,
    id: i64,
    hash: &str,
    simhash: ingest::SimHash,
) -> anyhow::Result<Option<i64>> {
    if let Some(first) = app
        .store
        .articles_with_hash(hash, id)
        .await?
        .into_iter()
        .find(|&o| o < id)
    {
        return Ok(Some(first));
    }
    let near = app
        .store
        .recent_simhashes(id, NEAR_DUPLICATE_WINDOW)
        .await?
        .into_iter()
        .filter(|&(other, _)| other < id)
        .find(|&(_, other)| simhash.is_near_duplicate(ingest::SimHash(other as u64)))
        .map(|(other, _)| other);
    Ok(near)
}

/// The article's identity: its declared canonical URL when on the same host
/// as the fetched page (a page cannot claim another site's article), else the
/// fetched URL; normalized either way.
fn identity_url(fetched: &str, declared: Option<&str>) -> String {
    let fetched_canon = ingest::canonical_url(fetched).unwrap_or_else(|_| fetched.to_string());
    let host = |u: &str| {
        ingest::Url::parse(u)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string))
    };
    match declared.and_then(|d| ingest::canonical_url(d).ok()) {
        Some(declared) if host(&declared).is_some() && host(&declared) == host(&fetched_canon) => {
            declared
        }
        _ => fetched_canon,
    }
}

fn overrides(o: &ingest::ExtractionOverrides) -> extract::SelectorOverrides {
    extract::SelectorOverrides {
        body: o.body.clone(),
        title: o.title.clone(),
        date: o.date.clone(),
        author: o.author.clone(),
        lead: o.lead.clone(),
        remove: o.remove.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::identity_url;

    #[test]
    fn a_page_cannot_claim_another_sites_canonical_url() {
        assert_eq!(
            identity_url(
                "https://a.vn/x.html?utm_source=fb",
                Some("https://a.vn/x.html")
            ),
            "https://a.vn/x.html"
        );
        assert_eq!(
            identity_url("https://a.vn/x.html", Some("https://evil.example/x.html")),
            "https://a.vn/x.html"
        );
        assert_eq!(
            identity_url("https://a.vn/x.html#top", None),
            "https://a.vn/x.html"
        );
    }
}
