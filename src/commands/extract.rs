//! `newsbridge extract FILE|URL`: what the extractor makes of one page.

use anyhow::{Context, Result};

use crate::cli::ExtractFormat;
use crate::config::Config;

/// Extracts a file or a URL (fetched through the guarded fetcher) and prints it.
pub async fn run(
    config: &Config,
    input: &str,
    format: ExtractFormat,
    base: Option<&str>,
) -> Result<()> {
    let (bytes, content_type, url) =
        if input.starts_with("http://") || input.starts_with("https://") {
            let fetcher = crate::app::build_fetcher(config)?;
            let fetched = fetcher
                .fetch(input, None)
                .await
                .with_context(|| format!("cannot fetch {input}"))?;
            (
                fetched.body.to_vec(),
                fetched.content_type,
                fetched.final_url.to_string(),
            )
        } else {
            let bytes = std::fs::read(input).with_context(|| format!("cannot read {input}"))?;
            let path =
                std::fs::canonicalize(input).with_context(|| format!("cannot resolve {input}"))?;
            let url = base
                .map(str::to_string)
                .unwrap_or_else(|| format!("file://{}", path.display()));
            (bytes, None, url)
        };
    let options = extract::ExtractOptions {
        content_type,
        overrides: None,
    };
    let article = extract::extract(&bytes, &url, &options)
        .with_context(|| format!("cannot extract {input}"))?;
    match format {
        ExtractFormat::Json => {
            let mut value = serde_json::to_value(&article)?;
            if let Some(obj) = value.as_object_mut() {
                obj.insert("body_text".into(), article.body_text().into());
                obj.insert("word_count".into(), article.word_count().into());
            }
            println!("{}", serde_json::to_string_pretty(&value)?);
        }
        ExtractFormat::Markdown => println!("{}", extract::to_markdown(&article)),
        ExtractFormat::Html => println!("{}", extract::to_html(&article)),
    }
    Ok(())
}
