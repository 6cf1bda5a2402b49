//! What the editor reads instead of the segment report's keys: where a
//! segment sits in the article ("paragraph 3, sentence 2", "caption of
//! photo 2"), where its translation came from ("memory, human (ada), 100 %",
//! "engine ctranslate2 opus-mt-vi-fr") and what each QA flag asks the editor
//! to do. Every sentence comes from the desk's locale files.

use std::collections::HashMap;

use serde_json::Value;

use crate::desk::Tr;

/// One segment of a version's report, read leniently (older reports used
/// numbers for units and plain strings for origins and flags).
#[derive(Debug, Clone, Default)]
pub(crate) struct Segment {
    /// Where in the article (`title`, `blocks[3].items[1]`, `image.alt`).
    pub unit: String,
    /// What the unit is (`paragraph`, `caption`…).
    pub kind: String,
    /// The source sentence.
    pub source: String,
    /// Its translation.
    pub target: String,
    /// Where the translation came from (the report's JSON).
    pub origin: Value,
    /// QA flags (objects with a `flag` code, or bare codes).
    pub flags: Vec<Value>,
}

fn text(v: &Value, key: &str) -> String {
    match v.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

impl Segment {
    /// The segments of a stored report, in reading order.
    pub(crate) fn all(report: &Value) -> Vec<Segment> {
        report
            .as_array()
            .map(|a| a.iter().map(Segment::from_value).collect())
            .unwrap_or_default()
    }

    fn from_value(v: &Value) -> Segment {
        let flags = match v.get("flags") {
            Some(Value::Array(items)) => items.clone(),
            Some(Value::String(s)) if !s.is_empty() => vec![Value::String(s.clone())],
            _ => Vec::new(),
        };
        Segment {
            unit: text(v, "unit"),
            kind: text(v, "kind"),
            source: text(v, "source"),
            target: text(v, "target"),
            origin: v.get("origin").cloned().unwrap_or(Value::Null),
            flags,
        }
    }

    /// The codes of its flags (`number_missing`).
    pub(crate) fn flag_codes(&self) -> Vec<String> {
        self.flags.iter().map(flag_code).collect()
    }
}

/// A flag's code.
pub(crate) fn flag_code(f: &Value) -> String {
    match f {
        Value::String(s) => s.clone(),
        other => text(other, "flag"),
    }
}

/// Codes the desk knows, in the order the queue's filter lists them.
pub(crate) const FLAG_CODES: [&str; 12] = [
    "empty",
    "untranslated",
    "partly_untranslated",
    "truncated",
    "number_missing",
    "number_added",
    "number_order",
    "name_changed",
    "glossary_missing",
    "length_ratio",
    "repetition",
    "markup_lost",
];

/// A flag's short name ("number missing").
pub(crate) fn flag_name(t: &Tr<'_>, code: &str) -> String {
    if FLAG_CODES.contains(&code) {
        t.t(&format!("desk-flagname-{}", code.replace('_', "-")))
    } else {
        t.tw(
            "desk-flagname-other",
            &[("code", code.replace('_', " ").into())],
        )
    }
}

/// What a flag means and what to do about it, one sentence.
pub(crate) fn flag_advice(t: &Tr<'_>, f: &Value) -> String {
    let code = flag_code(f);
    let arg = |k: &str| text(f, k);
    let key = format!("desk-flagdo-{}", code.replace('_', "-"));
    match code.as_str() {
        "empty" | "untranslated" => t.tw(&key, &[("detected", arg("detected").into())]),
        "partly_untranslated" => t.tw(&key, &[("text", arg("text").into())]),
        "truncated" => t.tw(&key, &[("ending", arg("ending").into())]),
        "number_missing" | "number_added" => t.tw(&key, &[("value", arg("value").into())]),
        "number_order" => t.tw(
            &key,
            &[
                ("expected", arg("expected").into()),
                ("found", arg("found").into()),
            ],
        ),
        "name_changed" => t.tw(&key, &[("name", arg("name").into())]),
        "glossary_missing" => t.tw(
            &key,
            &[
                ("term", arg("term").into()),
                ("expected", arg("expected").into()),
            ],
        ),
        "length_ratio" => t.tw(&key, &[("percent", arg("percent").into())]),
        "repetition" => t.tw(&key, &[("phrase", arg("phrase").into())]),
        "markup_lost" => t.tw(&key, &[("detail", arg("detail").into())]),
        other => t.tw(
            "desk-flagdo-other",
            &[("code", other.replace('_', " ").into())],
        ),
    }
}

/// Where the translation came from, in words.
pub(crate) fn origin_words(t: &Tr<'_>, origin: &Value) -> String {
    let ty = text(origin, "type");
    match (origin, ty.as_str()) {
        (_, "memory") => {
            let by = origin.get("origin").cloned().unwrap_or(Value::Null);
            let near = text(origin, "kind") == "near";
            match text(&by, "type").as_str() {
                "human" => {
                    let editor = match by.get("editor") {
                        Some(Value::String(e)) if !e.is_empty() => e.clone(),
                        _ => t.t("desk-origin-someone"),
                    };
                    let key = if near {
                        "desk-origin-memory-human-near"
                    } else {
                        "desk-origin-memory-human"
                    };
                    t.tw(key, &[("editor", editor.into())])
                }
                _ => {
                    let engine = format!("{} {}", text(&by, "name"), text(&by, "model"));
                    let key = if near {
                        "desk-origin-memory-engine-near"
                    } else {
                        "desk-origin-memory-engine"
                    };
                    t.tw(key, &[("engine", engine.trim().to_string().into())])
                }
            }
        }
        (_, "engine") => {
            let engine = format!("{} {}", text(origin, "name"), text(origin, "model"));
            let key = if origin.get("fallback") == Some(&Value::Bool(true)) {
                "desk-origin-engine-fallback"
            } else {
                "desk-origin-engine"
            };
            t.tw(key, &[("engine", engine.trim().to_string().into())])
        }
        (_, "verbatim") => t.t("desk-origin-verbatim"),
        (_, "source_kept") => t.t("desk-origin-source-kept"),
        // Older reports: a bare word.
        (Value::String(s), _) if s == "tm" || s == "memory" => t.t("desk-origin-memory-old"),
        (Value::String(s), _) if s == "engine" => t.t("desk-origin-engine-old"),
        (Value::String(s), _) if s.starts_with("human") => t.tw(
            "desk-origin-memory-human",
            &[(
                "editor",
                s.strip_prefix("human:").unwrap_or("").to_string().into(),
            )],
        ),
        _ => t.t("desk-origin-unknown"),
    }
}

/// A memory entry's origin as stored (`human:ada`, `engine:opus/vi-fr`) in words.
pub(crate) fn memory_origin_words(t: &Tr<'_>, origin: &str) -> String {
    if let Some(who) = origin.strip_prefix("human") {
        let who = who.trim_start_matches(':');
        let who = if who.is_empty() {
            t.t("desk-origin-someone")
        } else {
            who.to_string()
        };
        t.tw("desk-match-human", &[("editor", who.into())])
    } else {
        let engine = origin
            .strip_prefix("engine:")
            .unwrap_or(origin)
            .replace('/', " ");
        t.tw("desk-match-engine", &[("engine", engine.into())])
    }
}

/// Where each segment sits, in words, in the same order as `segments`.
pub(crate) fn places(t: &Tr<'_>, segments: &[Segment]) -> Vec<String> {
    let mut ordinals: HashMap<(&'static str, String), i64> = HashMap::new();
    let mut next: HashMap<&'static str, i64> = HashMap::new();
    let mut number = |family: &'static str, key: String| -> i64 {
        if let Some(n) = ordinals.get(&(family, key.clone())) {
            return *n;
        }
        let n = next.entry(family).or_insert(0);
        *n += 1;
        ordinals.insert((family, key), *n);
        *n
    };
    // How many sentences each unit has, to say "sentence 2" only when it matters.
    let mut per_unit: HashMap<&str, i64> = HashMap::new();
    for s in segments {
        *per_unit.entry(s.unit.as_str()).or_insert(0) += 1;
    }
    let mut seen_in_unit: HashMap<&str, i64> = HashMap::new();
    let mut out = Vec::with_capacity(segments.len());
    for (i, s) in segments.iter().enumerate() {
        let place = place(t, s, i, &mut number);
        let sentence = seen_in_unit.entry(s.unit.as_str()).or_insert(0);
        *sentence += 1;
        if per_unit.get(s.unit.as_str()).copied().unwrap_or(1) > 1 {
            out.push(t.tw(
                "desk-place-sentence",
                &[("place", place.into()), ("n", (*sentence).into())],
            ));
        } else {
            out.push(place);
        }
    }
    out
}

/// `blocks[3].items[1]` → `(3, ".items[1]")`.
fn block_of(unit: &str) -> Option<(usize, &str)> {
    let rest = unit.strip_prefix("blocks[")?;
    let (n, rest) = rest.split_once(']')?;
    Some((n.parse().ok()?, rest))
}

/// The numbers in `[a][b]` brackets of a path tail.
fn indexes(tail: &str) -> Vec<i64> {
    tail.split('[')
        .skip(1)
        .filter_map(|p| p.split_once(']').and_then(|(n, _)| n.parse::<i64>().ok()))
        .collect()
}

fn place(
    t: &Tr<'_>,
    s: &Segment,
    i: usize,
    number: &mut dyn FnMut(&'static str, String) -> i64,
) -> String {
    let n = |key: &str, v: i64| t.tw(key, &[("n", v.into())]);
    let unit = s.unit.as_str();
    match unit {
        "title" => return t.t("desk-place-title"),
        "lead" => return t.t("desk-place-lead"),
        "section" => return t.t("desk-place-section"),
        _ => {}
    }
    if let Some(part) = unit.strip_prefix("image.") {
        let photo = number("photo", "image".into());
        return photo_part(t, part, photo);
    }
    if let Some(tail) = unit.strip_prefix("tags[") {
        let k = indexes(&format!("[{tail}")).first().copied().unwrap_or(0);
        return n("desk-place-tag", k + 1);
    }
    if let Some(tail) = unit.strip_prefix("authors[") {
        let k = indexes(&format!("[{tail}")).first().copied().unwrap_or(0);
        return n("desk-place-author-role", k + 1);
    }
    if let Some((block, tail)) = block_of(unit) {
        let key = block.to_string();
        return match (s.kind.as_str(), tail) {
            (_, ".caption" | ".alt" | ".credit") => {
                let photo = number("photo", key);
                photo_part(t, &tail[1..], photo)
            }
            (_, ".cite") => n("desk-place-quote-by", number("quote", key)),
            (_, ".title") => n("desk-place-embed", number("embed", key)),
            (_, tail) if tail.starts_with(".items[") => {
                let list = number("list", key);
                let item = indexes(tail).first().copied().unwrap_or(0) + 1;
                t.tw(
                    "desk-place-list-item",
                    &[("list", list.into()), ("item", item.into())],
                )
            }
            (_, tail) if tail.starts_with(".rows[") => {
                let table = number("table", key);
                let at = indexes(tail);
                t.tw(
                    "desk-place-table-cell",
                    &[
                        ("table", table.into()),
                        ("row", (at.first().copied().unwrap_or(0) + 1).into()),
                        ("column", (at.get(1).copied().unwrap_or(0) + 1).into()),
                    ],
                )
            }
            ("heading", _) => n("desk-place-subheading", number("heading", key)),
            ("quote", _) => n("desk-place-quote", number("quote", key)),
            _ => n("desk-place-paragraph", number("paragraph", key)),
        };
    }
    // Older reports: a number or an unknown path; the kind says enough.
    let key = format!("{unit}#{i}");
    match s.kind.as_str() {
        "title" => t.t("desk-place-title"),
        "lead" => t.t("desk-place-lead"),
        "heading" => n("desk-place-subheading", number("heading", key)),
        "caption" => n("desk-place-caption", number("photo", key)),
        "alt_text" => n("desk-place-alt", number("photo", key)),
        _ => n("desk-place-paragraph", number("paragraph", key)),
    }
}

fn photo_part(t: &Tr<'_>, part: &str, photo: i64) -> String {
    let key = match part {
        "caption" => "desk-place-caption",
        "alt" => "desk-place-alt",
        _ => "desk-place-credit",
    };
    t.tw(key, &[("n", photo.into())])
}
