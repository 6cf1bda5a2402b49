//! The translation memory kept in the database, as the translate crate sees it.

use async_trait::async_trait;
use chrono::{TimeZone, Utc};
use translate::{LangPair, MemoryEntry, MemoryError, MemoryStore, Origin};

/// [`MemoryStore`] over the `tm_segments` table: every process and every
/// machine shares one memory, and an editor's correction is reused everywhere.
#[derive(Debug, Clone)]
pub struct DatabaseMemory {
    store: store::Store,
}

impl DatabaseMemory {
    /// A memory over `store`.
    pub fn new(store: store::Store) -> Self {
        DatabaseMemory { store }
    }
}

/// `human:<editor>` or `engine:<name>/<model>`, as stored.
pub fn origin_to_string(origin: &Origin) -> String {
    match origin {
        Origin::Human { editor } => format!("human:{}", editor.as_deref().unwrap_or("")),
        Origin::Engine { name, model } => format!("engine:{name}/{model}"),
    }
}

fn origin_from_string(s: &str) -> Origin {
    if let Some(editor) = s.strip_prefix("human:") {
        return Origin::Human {
            editor: (!editor.is_empty()).then(|| editor.to_string()),
        };
    }
    let rest = s.strip_prefix("engine:").unwrap_or(s);
    let (name, model) = rest.split_once('/').unwrap_or((rest, ""));
    Origin::Engine {
        name: name.to_string(),
        model: model.to_string(),
    }
}

/// When a segment was first recorded and last changed, in milliseconds
/// since the epoch, per source key.
type Dates = std::collections::HashMap<String, (i64, i64)>;

/// A stored time in milliseconds as a date (the epoch for a value out of range).
fn date(ms: i64) -> chrono::DateTime<Utc> {
    Utc.timestamp_millis_opt(ms)
        .single()
        .unwrap_or(chrono::DateTime::UNIX_EPOCH)
}

fn to_entry(seg: store::MemorySegment) -> MemoryEntry {
    let now = Utc::now();
    MemoryEntry {
        pair: LangPair {
            source: seg.source_lang,
            target: seg.target_lang,
        },
        source: seg.source_text,
        target: seg.target_text,
        key: seg.source_key,
        near_key: seg.near_key,
        origin: origin_from_string(&seg.origin),
        use_count: u64::try_from(seg.use_count).unwrap_or(0),
        created_at: Utc.timestamp_millis_opt(0).single().unwrap_or(now),
        updated_at: now,
    }
}

fn backend(e: store::StoreError) -> MemoryError {
    MemoryError::Backend(Box::new(e))
}

#[async_trait]
impl MemoryStore for DatabaseMemory {
    async fn lookup(&self, pair: &LangPair, key: &str) -> Result<Option<MemoryEntry>, MemoryError> {
        let found = self
            .store
            .memory_lookup(&pair.source, &pair.target, key)
            .await
            .map_err(backend)?;
        Ok(found.map(to_entry))
    }

    async fn lookup_near(
        &self,
        pair: &LangPair,
        near_key: &str,
    ) -> Result<Vec<MemoryEntry>, MemoryError> {
        let found = self
            .store
            .memory_lookup_near(&pair.source, &pair.target, near_key)
            .await
            .map_err(backend)?;
        Ok(found.into_iter().map(to_entry).collect())
    }

    async fn record(&self, entry: MemoryEntry) -> Result<(), MemoryError> {
        // The store keeps a human translation against any engine's (see `memory_record`).
        self.store
            .memory_record(&store::MemorySegment {
                source_lang: entry.pair.source.clone(),
                target_lang: entry.pair.target.clone(),
                source_key: entry.key.clone(),
                near_key: entry.near_key.clone(),
                source_text: entry.source.clone(),
                target_text: entry.target.clone(),
                origin: origin_to_string(&entry.origin),
                use_count: i64::try_from(entry.use_count).unwrap_or(i64::MAX),
            })
            .await
            .map_err(backend)
    }

    async fn bump_use(&self, pair: &LangPair, key: &str) -> Result<(), MemoryError> {
        self.store
            .memory_bump(&pair.source, &pair.target, key)
            .await
            .map_err(backend)
    }

    async fn entries(&self, pair: Option<&LangPair>) -> Result<Vec<MemoryEntry>, MemoryError> {
        let Some(pair) = pair else {
            return Err(MemoryError::Backend(
                "listing every language pair at once is not supported; name a pair".into(),
            ));
        };
        let found = self
            .store
            .memory_segments(&pair.source, &pair.target)
            .await
            .map_err(backend)?;
        let dates = self.dates(pair).await?;
        Ok(found
            .into_iter()
            .map(|seg| {
                let stored = dates.get(&seg.source_key).copied();
                let mut entry = to_entry(seg);
                if let Some((created, updated)) = stored {
                    entry.created_at = date(created);
                    entry.updated_at = date(updated);
                }
                entry
            })
            .collect())
    }
}

impl DatabaseMemory {
    /// Records every entry of a TMX import, each dated back to its
    /// `creationdate` (see [`Self::keep_created_at`]); returns how many.
    pub async fn import(&self, imported: translate::TmxImport) -> Result<usize, MemoryError> {
        let count = imported.entries.len();
        for entry in imported.entries {
            self.record(entry.clone()).await?;
            self.keep_created_at(&entry).await?;
        }
        Ok(count)
    }

    /// Dates a recorded segment back to `entry.created_at` when that is
    /// earlier than the time it was recorded: an imported TMX unit keeps
    /// its `creationdate`.
    pub async fn keep_created_at(&self, entry: &MemoryEntry) -> Result<(), MemoryError> {
        sqlx::query(
            "UPDATE tm_segments SET created_at = $1 WHERE source_lang = $2 AND target_lang = $3 AND source_key = $4 AND created_at > $1",
        )
        .bind(entry.created_at.timestamp_millis())
        .bind(&entry.pair.source)
        .bind(&entry.pair.target)
        .bind(&entry.key)
        .execute(self.store.pool())
        .await
        .map_err(|e| MemoryError::Backend(Box::new(e)))?;
        Ok(())
    }

    /// The recorded dates of a pair's segments (for TMX `creationdate` and
    /// `changedate`), read from the pool because the store's segment rows
    /// do not carry them.
    async fn dates(&self, pair: &LangPair) -> Result<Dates, MemoryError> {
        use sqlx::Row;
        let rows = sqlx::query(
            "SELECT source_key, created_at, updated_at FROM tm_segments WHERE source_lang = $1 AND target_lang = $2",
        )
        .bind(&pair.source)
        .bind(&pair.target)
        .fetch_all(self.store.pool())
        .await
        .map_err(|e| MemoryError::Backend(Box::new(e)))?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get::<String, _>("source_key")?,
                    (
                        r.try_get::<i64, _>("created_at")?,
                        r.try_get::<i64, _>("updated_at")?,
                    ),
                ))
            })
            .collect::<Result<Dates, sqlx::Error>>()
            .map_err(|e| MemoryError::Backend(Box::new(e)))
    }
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn a_tmx_import_is_recorded_and_keeps_its_date() {
        let tmx = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="vi" datatype="plaintext"/>
<body><tu creationdate="20200101T000000Z"><tuv xml:lang="vi"><seg>Xin chào</seg></tuv><tuv xml:lang="fr"><seg>Bonjour</seg></tuv></tu></body></tmx>"#;
        let imported = translate::import_tmx(tmx.as_bytes()).unwrap();
        let (store, _db) = store::testing::sqlite().await.unwrap();
        let memory = DatabaseMemory::new(store);
        assert_eq!(memory.import(imported).await.unwrap(), 1);
        let entries = memory
            .entries(Some(&LangPair::new("vi", "fr")))
            .await
            .unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].target, "Bonjour");
        assert_eq!(entries[0].created_at.format("%Y").to_string(), "2020");
    }

    use super::*;

    #[test]
    fn origins_round_trip_through_their_stored_form() {
        for origin in [
            Origin::Human {
                editor: Some("alice".into()),
            },
            Origin::Human { editor: None },
            Origin::Engine {
                name: "libre".into(),
                model: "opus-mt".into(),
            },
        ] {
            assert_eq!(origin_from_string(&origin_to_string(&origin)), origin);
        }
    }
}
