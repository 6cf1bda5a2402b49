//! Stories (topics) on the worker side: which running story a new article
//! continues, decided by the search crate's `StoryAssigner` over a
//! source-language index of the articles already given a story.
//!
//! That index lives in `{data_dir}/stories`, one per worker process, and the
//! database stays the truth: before each decision the index takes in every
//! article that some worker filed in the time window since it last looked, so
//! several workers agree without talking to each other.

use std::collections::HashSet;
use std::path::Path;

use anyhow::{Context, Result};
use tokio::sync::Mutex;

/// Days before and after an article in which its story's articles are looked for
/// (a little wider than the assigner's own 14-day window).
const WINDOW_BEFORE_MS: i64 = 15 * 24 * 3600 * 1000;
const WINDOW_AFTER_MS: i64 = 15 * 24 * 3600 * 1000;

/// How many of a story's newest articles compete to lead it (titling a
/// running story by its recent coverage, at a bounded cost per article).
const LEAD_POOL: i64 = 24;

/// The story index of one worker process and the assigner.
pub struct Stories {
    index: search::SearchIndex,
    assigner: search::StoryAssigner,
    /// Articles in the index; one decision at a time, so two copies of one
    /// event classified at once by this process land in the same story.
    indexed: Mutex<HashSet<i64>>,
}

impl Stories {
    /// Opens (or creates) the index in `dir`; an index from an older layout is
    /// rebuilt from the database as articles come.
    pub fn open(dir: &Path) -> Result<Stories> {
        let index = crate::portal::open_index(dir)?;
        Ok(Stories {
            index,
            assigner: search::StoryAssigner::default(),
            indexed: Mutex::new(HashSet::new()),
        })
    }

    /// The story `article` belongs to: the one of its best match among earlier
    /// articles (whose lead is chosen again with it), or a new story it leads.
    /// An article that has one already keeps it (an upstream edit does not move it).
    pub async fn assign(
        &self,
        store: &store::Store,
        article: &store::ArticleRecord,
        section_id: Option<i64>,
    ) -> Result<i64> {
        if let Some(topic) = article.topic_id {
            return Ok(topic);
        }
        let mut indexed = self.indexed.lock().await;
        let at = article.published_at.unwrap_or_else(store::now_ms);
        self.catch_up(store, &mut indexed, at).await?;
        let candidate = candidate(article, section_id);
        let matched = self
            .assigner
            .assign(&self.index, &candidate)
            .context("story assignment failed")?;
        let topic = match matched {
            Some(m) => {
                tracing::debug!(article = article.id, with = m.article_id, score = m.score, reason = ?m.reason, "joins a story");
                let known = match m.story_id {
                    Some(story) => Some(story),
                    None => store.article(m.article_id).await?.topic_id,
                };
                match known {
                    // Another worker may have merged that story since this index saw it.
                    Some(story) => {
                        let story = store.live_topic(story).await?;
                        self.choose_lead(store, story, Some((article, section_id)))
                            .await?;
                        story
                    }
                    None => self.new_story(store, article).await?,
                }
            }
            None => self.new_story(store, article).await?,
        };
        self.index
            .upsert(&doc(&candidate, topic))
            .and_then(|()| self.index.commit())
            .context("cannot add the article to the story index")?;
        indexed.insert(article.id);
        Ok(topic)
    }

    /// Merges the stories of articles published between `from_ms` and `to_ms`
    /// that are one event (see `search::StoryAssigner::merge_candidates`):
    /// the database first (articles moved, the absorbed story pointing at the
    /// kept one), then this index. Returns how many stories were merged.
    pub async fn merge_recent(
        &self,
        store: &store::Store,
        from_ms: i64,
        to_ms: i64,
    ) -> Result<usize> {
        let mut indexed = self.indexed.lock().await;
        self.catch_up(store, &mut indexed, from_ms).await?;
        self.catch_up(store, &mut indexed, to_ms).await?;
        let merges = self
            .assigner
            .merge_candidates(&self.index, from_ms, to_ms)
            .context("story merge scan failed")?;
        let mut merged = 0;
        for m in &merges {
            let why = m.explain();
            let moved = store.merge_topics(m.absorb, m.keep, &why).await?;
            let keep = store.live_topic(m.keep).await?;
            tracing::info!(absorb = m.absorb, keep = m.keep, articles = moved.len(), %why, "stories merged");
            for id in moved {
                let article = match store.article(id).await {
                    Ok(a) => a,
                    Err(store::StoreError::NotFound(_)) => continue,
                    Err(e) => return Err(e.into()),
                };
                if let Some(topic) = article.topic_id {
                    self.index
                        .upsert(&doc(&candidate(&article, article.section_id), topic))
                        .context("cannot update the story index")?;
                }
            }
            self.choose_lead(store, keep, None).await?;
            merged += 1;
        }
        if merged > 0 {
            self.index
                .commit()
                .context("cannot update the story index")?;
        }
        Ok(merged)
    }

    /// A new story led by `article`.
    async fn new_story(&self, store: &store::Store, article: &store::ArticleRecord) -> Result<i64> {
        let story = store.create_topic(&article.original.title).await?;
        store
            .set_topic_lead(story, article.id, &article.original.title)
            .await?;
        Ok(story)
    }

    /// Gives `story` its most central article as lead (see
    /// `search::StoryAssigner::central_article`) among its newest articles and
    /// `joining`, the article being filed into it (not stored as a member yet).
    async fn choose_lead(
        &self,
        store: &store::Store,
        story: i64,
        joining: Option<(&store::ArticleRecord, Option<i64>)>,
    ) -> Result<()> {
        let members = store.topic_articles(story, LEAD_POOL).await?;
        let mut pool: Vec<search::StoryCandidate> = members
            .iter()
            .filter(|a| joining.is_none_or(|(j, _)| j.id != a.id))
            .map(|a| candidate(a, a.section_id))
            .collect();
        if let Some((article, section_id)) = joining {
            pool.push(candidate(article, section_id));
        }
        let Some(lead) = self.assigner.central_article(&pool) else {
            return Ok(());
        };
        if store.topic_lead(story).await? == Some(lead) {
            return Ok(());
        }
        let label = pool
            .iter()
            .find(|c| c.id == lead)
            .map(|c| c.title.clone())
            .unwrap_or_default();
        tracing::debug!(story, lead, "story lead chosen");
        store.set_topic_lead(story, lead, &label).await?;
        Ok(())
    }

    /// Takes in the articles given a story around `at` that this index lacks.
    async fn catch_up(
        &self,
        store: &store::Store,
        indexed: &mut HashSet<i64>,
        at: i64,
    ) -> Result<()> {
        let ids = store
            .storied_articles_between(at - WINDOW_BEFORE_MS, at + WINDOW_AFTER_MS)
            .await?;
        let mut added = false;
        let missing: Vec<i64> = ids.into_iter().filter(|id| !indexed.contains(id)).collect();
        for id in missing {
            let other = match store.article(id).await {
                Ok(a) => a,
                Err(store::StoreError::NotFound(_)) => continue,
                Err(e) => return Err(e.into()),
            };
            if let Some(topic) = other.topic_id {
                self.index
                    .upsert(&doc(&candidate(&other, other.section_id), topic))
                    .context("cannot update the story index")?;
                added = true;
            }
            indexed.insert(id);
        }
        if added {
            self.index
                .commit()
                .context("cannot update the story index")?;
        }
        Ok(())
    }
}

fn candidate(article: &store::ArticleRecord, section_id: Option<i64>) -> search::StoryCandidate {
    let original = &article.original;
    search::StoryCandidate {
        id: article.id,
        lang: article.language.clone(),
        title: original.title.clone(),
        lead: original
            .lead
            .as_ref()
            .map(|l| l.plain_text())
            .unwrap_or_default(),
        body: original.body_text(),
        published_at: article.published_at.unwrap_or_else(store::now_ms),
        section_id,
        tags: original.tags.clone(),
    }
}

fn doc(c: &search::StoryCandidate, story: i64) -> search::IndexDoc {
    search::IndexDoc {
        article_id: c.id,
        lang: c.lang.clone(),
        title: c.title.clone(),
        lead: c.lead.clone(),
        body: c.body.clone(),
        section_id: c.section_id,
        published_at: Some(c.published_at),
        story_id: Some(story),
        tags: c.tags.clone(),
    }
}
