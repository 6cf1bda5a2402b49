//! Who to credit for a list of articles: the original's address, its
//! publisher (the source's name, else the one the original names) and its bylines, read for a whole list in two
//! queries (feeds credit every item without loading every article).

use std::collections::HashMap;

use serde::Serialize;
use sqlx::Row;

use crate::{Result, Store};

/// Whom one article is owed to, as a list shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Attribution {
    /// The original's canonical URL.
    pub original_url: String,
    /// The publisher: the name of the source it came from, else the one the
    /// original names.
    pub publisher: Option<String>,
    /// The bylines' names, in the original's order.
    pub authors: Vec<String>,
}

impl Store {
    /// The attributions of `ids`, keyed by article id (unknown ids are left out).
    pub async fn attributions(&self, ids: &[i64]) -> Result<HashMap<i64, Attribution>> {
        let mut credits = HashMap::with_capacity(ids.len());
        if ids.is_empty() {
            return Ok(credits);
        }
        // Ids are integers: inlining them is safe and keeps one statement for any list length.
        let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let rows = sqlx::query(&format!(
            "SELECT a.id, a.url, s.name, CASE WHEN s.name IS NULL THEN a.original END AS original \
             FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.id IN ({list})"
        ))
        .fetch_all(&self.pool)
        .await?;
        for row in &rows {
            let source_name: Option<String> = row.try_get("name")?;
            // Without a source (removed, or stored by hand), the publisher the
            // original names; an unreadable original just names none.
            let publisher = match source_name {
                Some(name) => Some(name),
                None => row
                    .try_get::<Option<String>, _>("original")?
                    .and_then(|json| serde_json::from_str::<article::Article>(&json).ok())
                    .and_then(|a| a.publisher)
                    .map(|p| p.name)
                    .filter(|n| !n.trim().is_empty()),
            };
            credits.insert(
                row.try_get::<i64, _>("id")?,
                Attribution {
                    original_url: row.try_get("url")?,
                    publisher,
                    authors: Vec::new(),
                },
            );
        }
        let rows = sqlx::query(&format!(
            "SELECT aa.article_id, au.name FROM article_authors aa JOIN authors au ON au.id = aa.author_id \
             WHERE aa.article_id IN ({list}) ORDER BY aa.article_id, aa.position"
        ))
        .fetch_all(&self.pool)
        .await?;
        for row in &rows {
            let id: i64 = row.try_get("article_id")?;
            if let Some(credit) = credits.get_mut(&id) {
                credit.authors.push(row.try_get("name")?);
            }
        }
        Ok(credits)
    }
}
