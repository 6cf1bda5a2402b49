//! The lenient JSON Feed reader.
//!
//! Why this exists: feed-rs reads JSON Feed into typed structs, so one
//! field off the specification rejects the whole feed: a `version` of
//! `http://jsonfeed.org/version/1` (without https, common in the wild),
//! `tags` given as one string, a number where a string belongs. Feed
//! readers shrug these off. This reader walks the document as a
//! `serde_json::Value` (serde_json's recursion limit bounds its depth) and
//! takes each item's `url`, else its `external_url`, else an `id` that is a
//! URL; `attachments` are files (podcast audio, `.zip`s), never articles.
//! It runs only when feed-rs fails or finds nothing.

use serde_json::Value;

use super::diagnosis::{Reading, Repair, MAX_FEED_ENTRIES};
use super::text::plain_text;
use super::{absolute_http_url, DiscoveredEntry};
use article::dates::parse_w3c_utc;

/// Reads a JSON Feed leniently; `Err` says why nothing could be read.
pub(crate) fn read(text: &str, base: &url::Url) -> Result<Reading<Vec<DiscoveredEntry>>, String> {
    let doc: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| format!("not valid JSON: {e}"))?;
    let Value::Object(feed) = doc else {
        return Err("the JSON document is not an object".to_owned());
    };
    let mut repairs = Vec::new();
    match feed.get("version").and_then(Value::as_str) {
        Some(v) if v.starts_with("https://jsonfeed.org/version/1") => {}
        Some(v) if v.contains("jsonfeed.org/version/") => repairs.push(Repair::JsonFeedVersion {
            version: v.to_owned(),
        }),
        Some(v) => return Err(format!("its version {v:?} is not a JSON Feed version")),
        None if feed.contains_key("items") => repairs.push(Repair::JsonFeedVersion {
            version: String::new(),
        }),
        None => return Err("it has neither `version` nor `items`: not a JSON Feed".to_owned()),
    }
    let items = match feed.get("items") {
        Some(Value::Array(items)) => items.as_slice(),
        None | Some(Value::Null) => &[],
        Some(_) => return Err("its `items` is not a list".to_owned()),
    };
    let mut entries = Vec::new();
    let mut skipped = 0;
    let mut bad_fields: Vec<&'static str> = Vec::new();
    for item in items {
        if entries.len() >= MAX_FEED_ENTRIES {
            repairs.push(Repair::TooManyEntries {
                limit: MAX_FEED_ENTRIES,
            });
            break;
        }
        match entry(item, base, &mut bad_fields) {
            Some(e) => entries.push(e),
            None => skipped += 1,
        }
    }
    bad_fields.sort_unstable();
    bad_fields.dedup();
    repairs.extend(bad_fields.into_iter().map(|f| Repair::JsonFeedField {
        field: f.to_owned(),
    }));
    Ok(Reading {
        found: entries,
        repairs,
        skipped,
    })
}

fn entry(item: &Value, base: &url::Url, bad: &mut Vec<&'static str>) -> Option<DiscoveredEntry> {
    let item = item.as_object()?;
    let url = ["url", "external_url", "id"].iter().find_map(|key| {
        let value = text(item.get(*key)?)?;
        if *key == "id" && !value.contains("://") {
            return None;
        }
        absolute_http_url(base, &value)
    })?;
    let categories = match item.get("tags") {
        Some(Value::Array(tags)) => tags.iter().filter_map(text).collect(),
        Some(Value::String(tags)) => {
            bad.push("tags");
            tags.split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect()
        }
        Some(Value::Null) | None => Vec::new(),
        Some(_) => {
            bad.push("tags");
            Vec::new()
        }
    };
    if item.get("id").is_some_and(|v| !v.is_string()) {
        bad.push("id");
    }
    let published = item
        .get("date_published")
        .and_then(text)
        .and_then(|d| parse_w3c_utc(&d));
    let updated = item
        .get("date_modified")
        .and_then(text)
        .and_then(|d| parse_w3c_utc(&d));
    let summary = ["summary", "content_text", "content_html"]
        .iter()
        .find_map(|k| item.get(*k).and_then(text).and_then(|s| plain_text(&s)));
    Some(DiscoveredEntry {
        url,
        title: item
            .get("title")
            .and_then(text)
            .and_then(|t| plain_text(&t)),
        published,
        updated: updated.or(published),
        categories,
        summary,
    })
}

/// A string, or a number written where a string belongs.
fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> url::Url {
        url::Url::parse("https://pub.example/feed.json").unwrap()
    }

    #[test]
    fn http_version_and_string_tags_are_read() {
        let doc = r#"{"version":"http://jsonfeed.org/version/1","items":[
            {"id":1,"url":"/a","tags":"x, y","attachments":[{"url":"/f.zip","mime_type":"application/zip"}]},
            {"id":"2","attachments":[{"url":"/g.zip","mime_type":"application/zip"}]},
            {"id":"https://pub.example/c","external_url":"https://elsewhere.example/c"}]}"#;
        let r = read(doc, &base()).unwrap();
        let urls: Vec<_> = r.found.iter().map(|e| e.url.as_str()).collect();
        assert_eq!(
            urls,
            ["https://pub.example/a", "https://elsewhere.example/c"]
        );
        assert_eq!(r.found[0].categories, ["x", "y"]);
        assert_eq!(r.skipped, 1, "the attachment-only item is not an article");
        assert!(r.repairs.contains(&Repair::JsonFeedField {
            field: "tags".into()
        }));
        assert!(matches!(r.repairs[0], Repair::JsonFeedVersion { .. }));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let doc = format!(
            "{{\"version\":\"https://jsonfeed.org/version/1\",\"items\":{}{}}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        assert!(read(&doc, &base()).unwrap_err().contains("recursion"));
    }
}
