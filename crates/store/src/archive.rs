//! Export and import of a whole database as one archive: the backup format and
//! the way a single-machine SQLite site moves to PostgreSQL.
//!
//! The archive is gzip-compressed JSON Lines, streamed in both directions:
//!
//! ```text
//! {"format":"newsbridge-archive","version":1,"schema_version":1,"created_at":…,"backend":"sqlite"}
//! {"table":"sources","columns":["id","name",…]}
//! [1,"Báo Sông Hồng",…]                      one JSON array per row
//! …
//! {"end":{"sources":3,"articles":37,…}}      row counts: a cut archive is refused
//! ```
//!
//! Tables and column types are read from the migration files themselves, so a
//! new column is archived without touching this module. Derived tables (the
//! list sizes) are left out and recounted on import. Blobs are base64.
//! Export reads one consistent snapshot (one read transaction) of a live site;
//! import fills an empty database in one transaction, so a failed import
//! leaves nothing behind.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::{Any, Row};

use crate::{migrate, now_ms, Backend, Result, Store, StoreError, SCHEMA_VERSION};

/// The archive format's name, first field of every archive.
const FORMAT: &str = "newsbridge-archive";
/// Version of the archive layout (not of the schema).
const FORMAT_VERSION: i64 = 1;

/// What an export wrote or an import read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveSummary {
    /// Schema version of the data.
    pub schema_version: i64,
    /// Rows per table, in archive order.
    pub rows: BTreeMap<String, u64>,
}

impl ArchiveSummary {
    /// Rows in all tables.
    pub fn total_rows(&self) -> u64 {
        self.rows.values().sum()
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    format: String,
    version: i64,
    schema_version: i64,
    created_at: i64,
    backend: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct TableHeader {
    table: String,
    columns: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Trailer {
    end: BTreeMap<String, u64>,
}

/// How a column's values are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Int,
    Float,
    Text,
    Blob,
}

#[derive(Debug, Clone)]
struct Table {
    name: String,
    columns: Vec<(String, Kind)>,
}

impl Table {
    fn column_list(&self) -> String {
        self.columns
            .iter()
            .map(|(c, _)| c.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn order_by(&self) -> String {
        if self.columns.iter().any(|(c, _)| c == "id") {
            "id".to_string()
        } else {
            self.columns
                .iter()
                .take(2)
                .map(|(c, _)| c.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        }
    }
}

/// Tables of derived data, left out of archives and rebuilt on import:
/// `list_sizes` (schema 4) is counted from the imported rows.
const DERIVED: &[&str] = &["list_sizes"];

/// The tables of the current schema, in creation order (parents before children),
/// with their columns, read from the migration files; derived tables left out.
fn tables() -> Vec<Table> {
    let mut tables: Vec<Table> = Vec::new();
    for sql in migrate::migration_sql() {
        let mut current: Option<Table> = None;
        for line in sql.lines() {
            let line = line.trim();
            if let Some(rest) = line.strip_prefix("CREATE TABLE ") {
                let name = rest.trim_end_matches('(').trim();
                let name = name.trim_start_matches("IF NOT EXISTS ").trim();
                current = Some(Table {
                    name: name.to_string(),
                    columns: Vec::new(),
                });
            } else if line.starts_with(");") {
                if let Some(t) = current
                    .take()
                    .filter(|t| !DERIVED.contains(&t.name.as_str()))
                {
                    tables.push(t);
                }
            } else if let Some(rest) = line.strip_prefix("ALTER TABLE ") {
                // ALTER TABLE t ADD COLUMN c TYPE …
                let words: Vec<&str> = rest.split_whitespace().collect();
                if let [table, "ADD", "COLUMN", column, ty, ..] = words.as_slice() {
                    if let (Some(t), Some(kind)) =
                        (tables.iter_mut().find(|t| t.name == *table), kind_of(ty))
                    {
                        t.columns.push((column.to_string(), kind));
                    }
                }
            } else if let Some(t) = current.as_mut() {
                let mut words = line.split_whitespace();
                let (Some(column), Some(ty)) = (words.next(), words.next()) else {
                    continue;
                };
                if matches!(column, "PRIMARY" | "UNIQUE" | "FOREIGN" | "CHECK" | "--") {
                    continue;
                }
                if let Some(kind) = kind_of(ty) {
                    t.columns.push((column.to_string(), kind));
                }
            }
        }
    }
    tables
}

fn kind_of(ty: &str) -> Option<Kind> {
    match ty.trim_end_matches([',', ';']) {
        "{{id}}" | "BIGINT" | "INTEGER" => Some(Kind::Int),
        "DOUBLE" | "REAL" => Some(Kind::Float),
        "TEXT" => Some(Kind::Text),
        "{{blob}}" => Some(Kind::Blob),
        _ => None,
    }
}

fn corrupt(what: impl Into<String>) -> StoreError {
    StoreError::Archive(what.into())
}

fn io_err(e: std::io::Error) -> StoreError {
    StoreError::Archive(format!("cannot read or write the archive: {e}"))
}

fn to_json(row: &sqlx::any::AnyRow, i: usize, kind: Kind) -> Result<Value> {
    Ok(match kind {
        Kind::Int => row
            .try_get::<Option<i64>, _>(i)?
            .map_or(Value::Null, Value::from),
        Kind::Float => row
            .try_get::<Option<f64>, _>(i)?
            .map_or(Value::Null, Value::from),
        Kind::Text => row
            .try_get::<Option<String>, _>(i)?
            .map_or(Value::Null, Value::from),
        Kind::Blob => row
            .try_get::<Option<Vec<u8>>, _>(i)?
            .map_or(Value::Null, |b| {
                Value::from(base64::engine::general_purpose::STANDARD.encode(b))
            }),
    })
}

fn bind<'q>(
    query: sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>,
    value: &Value,
    kind: Kind,
    at: &str,
) -> Result<sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>> {
    let bad = || corrupt(format!("{at}: expected a {kind:?} value, found {value}"));
    Ok(match kind {
        Kind::Int => query.bind(match value {
            Value::Null => None,
            v => Some(v.as_i64().ok_or_else(bad)?),
        }),
        Kind::Float => query.bind(match value {
            Value::Null => None,
            v => Some(v.as_f64().ok_or_else(bad)?),
        }),
        Kind::Text => query.bind(match value {
            Value::Null => None,
            v => Some(v.as_str().ok_or_else(bad)?.to_string()),
        }),
        Kind::Blob => query.bind(match value {
            Value::Null => None,
            v => Some(
                base64::engine::general_purpose::STANDARD
                    .decode(v.as_str().ok_or_else(bad)?)
                    .map_err(|_| bad())?,
            ),
        }),
    })
}

fn write_line(out: &mut impl Write, value: &impl Serialize) -> Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(|e| corrupt(e.to_string()))?;
    out.write_all(b"\n").map_err(io_err)
}

impl Store {
    /// Writes the whole database (every table but the migration bookkeeping) as a
    /// gzip-compressed archive to `out`, from one consistent snapshot.
    pub async fn export_archive(&self, out: impl Write) -> Result<ArchiveSummary> {
        let mut gz = flate2::write::GzEncoder::new(out, flate2::Compression::default());
        let schema_version = self.schema_version().await?;
        let mut tx = self.pool.begin().await?;
        if self.backend() == Backend::Postgres {
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                .execute(&mut *tx)
                .await?;
        }
        write_line(
            &mut gz,
            &Manifest {
                format: FORMAT.into(),
                version: FORMAT_VERSION,
                schema_version,
                created_at: now_ms(),
                backend: format!("{:?}", self.backend()).to_lowercase(),
            },
        )?;
        let mut summary = ArchiveSummary {
            schema_version,
            rows: BTreeMap::new(),
        };
        for table in tables() {
            write_line(
                &mut gz,
                &TableHeader {
                    table: table.name.clone(),
                    columns: table.columns.iter().map(|(c, _)| c.clone()).collect(),
                },
            )?;
            let sql = format!(
                "SELECT {} FROM {} ORDER BY {}",
                table.column_list(),
                table.name,
                table.order_by()
            );
            let mut count = 0u64;
            // Pages of rows keep memory flat on big tables.
            let mut offset = 0i64;
            loop {
                let rows = sqlx::query(&format!("{sql} LIMIT 1000 OFFSET {offset}"))
                    .fetch_all(&mut *tx)
                    .await?;
                for row in &rows {
                    let values = table
                        .columns
                        .iter()
                        .enumerate()
                        .map(|(i, (_, kind))| to_json(row, i, *kind))
                        .collect::<Result<Vec<_>>>()?;
                    write_line(&mut gz, &values)?;
                    count += 1;
                }
                if rows.len() < 1000 {
                    break;
                }
                offset += 1000;
            }
            summary.rows.insert(table.name.clone(), count);
        }
        tx.commit().await?;
        write_line(
            &mut gz,
            &Trailer {
                end: summary.rows.clone(),
            },
        )?;
        gz.finish().map_err(io_err)?.flush().map_err(io_err)?;
        Ok(summary)
    }

    /// Reads an archive written by [`Store::export_archive`] into this database,
    /// which must be migrated and empty. Everything is imported in one
    /// transaction: on any error nothing is kept.
    pub async fn import_archive(&self, input: impl BufRead) -> Result<ArchiveSummary> {
        self.migrate().await?;
        let known = tables();
        for table in &known {
            let row = sqlx::query(&format!("SELECT COUNT(*) AS n FROM {}", table.name))
                .fetch_one(&self.pool)
                .await?;
            if row.try_get::<i64, _>("n")? > 0 {
                return Err(StoreError::Conflict(format!(
                    "the target database is not empty (table {} has rows); import into a new database",
                    table.name
                )));
            }
        }
        let mut lines = std::io::BufReader::new(flate2::bufread::GzDecoder::new(input)).lines();
        let mut next = |what: &str| -> Result<String> {
            match lines.next() {
                Some(line) => line.map_err(|e| {
                    corrupt(format!(
                        "the archive is not a gzip-compressed Newsbridge archive or is damaged ({e})"
                    ))
                }),
                None => Err(corrupt(format!("the archive ends early, before {what}"))),
            }
        };
        let manifest: Manifest = serde_json::from_str(&next("its manifest")?)
            .map_err(|_| corrupt("the archive does not start with a Newsbridge manifest"))?;
        if manifest.format != FORMAT || manifest.version != FORMAT_VERSION {
            return Err(corrupt(format!(
                "unsupported archive {} version {} (this binary reads {FORMAT} version {FORMAT_VERSION})",
                manifest.format, manifest.version
            )));
        }
        if manifest.schema_version != SCHEMA_VERSION {
            return Err(corrupt(format!(
                "the archive holds schema version {}, this binary has {SCHEMA_VERSION}; import it with the Newsbridge release that exported it, then upgrade",
                manifest.schema_version
            )));
        }
        let mut summary = ArchiveSummary {
            schema_version: manifest.schema_version,
            rows: BTreeMap::new(),
        };
        let mut tx = self.begin_write().await?;
        let mut current: Option<(Table, String)> = None;
        let mut count = 0u64;
        loop {
            let line = next("its end marker")?;
            if line.starts_with('[') {
                let Some((table, sql)) = current.as_ref() else {
                    return Err(corrupt("a row comes before any table header"));
                };
                let values: Vec<Value> = serde_json::from_str(&line).map_err(|e| {
                    corrupt(format!("row {} of table {}: {e}", count + 1, table.name))
                })?;
                if values.len() != table.columns.len() {
                    return Err(corrupt(format!(
                        "row {} of table {} has {} values, expected {}",
                        count + 1,
                        table.name,
                        values.len(),
                        table.columns.len()
                    )));
                }
                let mut query = sqlx::query(sql.as_str());
                for ((column, kind), value) in table.columns.iter().zip(&values) {
                    query = bind(query, value, *kind, &format!("{}.{column}", table.name))?;
                }
                query.execute(&mut *tx).await?;
                count += 1;
                continue;
            }
            if let Some((table, _)) = current.take() {
                summary.rows.insert(table.name, count);
                count = 0;
            }
            if let Ok(trailer) = serde_json::from_str::<Trailer>(&line) {
                if trailer.end != summary.rows {
                    return Err(corrupt(format!(
                        "row counts differ from the archive's end marker ({:?} read, {:?} announced)",
                        summary.rows, trailer.end
                    )));
                }
                break;
            }
            let header: TableHeader = serde_json::from_str(&line)
                .map_err(|e| corrupt(format!("expected a table header or the end marker: {e}")))?;
            let table = known
                .iter()
                .find(|t| t.name == header.table)
                .ok_or_else(|| corrupt(format!("unknown table {:?}", header.table)))?;
            // Columns in the archive's order, each with its type from the schema.
            let columns = header
                .columns
                .iter()
                .map(|c| {
                    table
                        .columns
                        .iter()
                        .find(|(name, _)| name == c)
                        .cloned()
                        .ok_or_else(|| corrupt(format!("unknown column {}.{c}", table.name)))
                })
                .collect::<Result<Vec<_>>>()?;
            let table = Table {
                name: table.name.clone(),
                columns,
            };
            let placeholders = (1..=table.columns.len())
                .map(|i| format!("${i}"))
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!(
                "INSERT INTO {} ({}) VALUES ({placeholders})",
                table.name,
                table.column_list()
            );
            current = Some((table, sql));
        }
        if self.backend() == Backend::Postgres {
            // Explicit ids were inserted: move each sequence past them.
            for table in known
                .iter()
                .filter(|t| t.columns.iter().any(|(c, _)| c == "id"))
            {
                sqlx::query(&format!(
                    "SELECT setval(pg_get_serial_sequence('{0}', 'id'), COALESCE((SELECT MAX(id) FROM {0}), 0) + 1, false)",
                    table.name
                ))
                .execute(&mut *tx)
                .await?;
            }
        }
        crate::lists::rewrite_sizes(&mut tx).await?;
        tx.commit().await?;
        Ok(summary)
    }
}
