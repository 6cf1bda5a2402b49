//! Schema.org metadata from `<script type="application/ld+json">`.

use serde_json::Value;

/// What the page's JSON-LD says about the article.
#[derive(Debug, Default)]
pub(crate) struct JsonLd {
    pub headline: Option<String>,
    pub description: Option<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    /// (name, url)
    pub authors: Vec<(String, Option<String>)>,
    pub publisher: Option<String>,
    pub publisher_logo: Option<String>,
    pub publisher_url: Option<String>,
    pub section: Option<String>,
    pub keywords: Vec<String>,
    pub language: Option<String>,
    pub image: Option<String>,
    pub body: Option<String>,
    pub url: Option<String>,
    /// Breadcrumb item names in order.
    pub breadcrumbs: Vec<String>,
    /// True when an object of the page is typed as an article ([`declares_article`]).
    pub declares_article: bool,
}

/// True for the schema.org types by which a page says it is one article:
/// `Article`, `NewsArticle` and its kinds (`ReportageNewsArticle`…) and
/// `BlogPosting` — not a live blog, a forum posting or a web page.
fn declares_article(types: &[String]) -> bool {
    types
        .iter()
        .any(|t| t == "article" || t == "blogposting" || t.ends_with("newsarticle"))
}

const ARTICLE_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "scholarlyarticle",
    "techarticle",
    "liveblogposting",
    "posting",
    "socialmediaposting",
    "webpage",
    "report",
];

fn types(v: &Value) -> Vec<String> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.to_ascii_lowercase()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_ascii_lowercase)
            .collect(),
        _ => Vec::new(),
    }
}

fn string(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Array(a) => a.iter().find_map(|x| string(Some(x))),
        Value::Object(o) => string(o.get("name").or_else(|| o.get("@value"))),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn url_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Array(a) => a.iter().find_map(|x| url_of(Some(x))),
        Value::Object(o) => url_of(
            o.get("url")
                .or_else(|| o.get("contentUrl"))
                .or_else(|| o.get("@id")),
        ),
        _ => None,
    }
}

/// Collects every object of a JSON-LD document, flattening `@graph` and arrays.
fn objects<'a>(v: &'a Value, out: &mut Vec<&'a Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| objects(x, out, depth + 1)),
        Value::Object(o) => {
            out.push(v);
            if let Some(g) = o.get("@graph") {
                objects(g, out, depth + 1);
            }
            if let Some(m) = o.get("mainEntity") {
                objects(m, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// Parses the contents of all JSON-LD scripts of a page.
pub(crate) fn parse(scripts: &[String]) -> JsonLd {
    let mut ld = JsonLd::default();
    let values: Vec<Value> = scripts
        .iter()
        .filter_map(|s| {
            let s = s
                .trim()
                .trim_start_matches("<![CDATA[")
                .trim_end_matches("]]>")
                .trim();
            let s = s.trim_end_matches(';');
            serde_json::from_str::<Value>(s).ok()
        })
        .collect();
    let mut all = Vec::new();
    for v in &values {
        objects(v, &mut all, 0);
    }
    // The article object: the most specific type wins over a plain WebPage.
    let article = all
        .iter()
        .filter(|o| types(o).iter().any(|t| ARTICLE_TYPES.contains(&t.as_str())))
        .min_by_key(|o| {
            let t = types(o);
            if t.iter()
                .any(|t| t.contains("newsarticle") || t == "article" || t == "blogposting")
            {
                0
            } else if t.iter().any(|t| t == "webpage") {
                2
            } else {
                1
            }
        })
        .copied();
    ld.declares_article = all.iter().any(|o| declares_article(&types(o)));
    if let Some(a) = article {
        ld.headline = string(a.get("headline")).or_else(|| string(a.get("name")));
        ld.description = string(a.get("description"));
        ld.published = string(a.get("datePublished")).or_else(|| string(a.get("dateCreated")));
        ld.modified = string(a.get("dateModified"));
        ld.section = string(a.get("articleSection"));
        ld.language = string(a.get("inLanguage"));
        ld.image = url_of(a.get("image")).or_else(|| url_of(a.get("thumbnailUrl")));
        ld.body = string(a.get("articleBody"));
        ld.url = url_of(a.get("mainEntityOfPage")).or_else(|| url_of(a.get("url")));
        match a.get("keywords") {
            Some(Value::String(s)) => {
                ld.keywords = s
                    .split(',')
                    .map(|k| k.trim().to_owned())
                    .filter(|k| !k.is_empty())
                    .collect();
            }
            Some(Value::Array(a)) => {
                ld.keywords = a.iter().filter_map(|k| string(Some(k))).collect();
            }
            _ => {}
        }
        let authors = match a.get("author").or_else(|| a.get("creator")) {
            Some(Value::Array(list)) => list.iter().collect(),
            Some(v) => vec![v],
            None => Vec::new(),
        };
        for au in authors {
            let (name, url) = match au {
                Value::String(s) => (Some(s.clone()), None),
                Value::Object(o) => (string(o.get("name")), url_of(o.get("url"))),
                _ => (None, None),
            };
            if let Some(n) = name.filter(|n| !n.trim().is_empty()) {
                ld.authors.push((n, url));
            }
        }
        if let Some(p) = a.get("publisher").or_else(|| a.get("sourceOrganization")) {
            ld.publisher = string(Some(p));
            ld.publisher_logo = url_of(p.get("logo"));
            ld.publisher_url = p.get("url").and_then(|u| url_of(Some(u)));
        }
    }
    if ld.publisher.is_none() {
        if let Some(org) = all.iter().find(|o| {
            types(o)
                .iter()
                .any(|t| t == "organization" || t == "newsmediaorganization")
        }) {
            ld.publisher = string(org.get("name"));
            ld.publisher_logo = url_of(org.get("logo"));
            ld.publisher_url = url_of(org.get("url"));
        }
    }
    if let Some(bc) = all
        .iter()
        .find(|o| types(o).iter().any(|t| t == "breadcrumblist"))
    {
        if let Some(Value::Array(items)) = bc.get("itemListElement") {
            let mut items: Vec<&Value> = items.iter().collect();
            items.sort_by_key(|i| i.get("position").and_then(Value::as_u64).unwrap_or(0));
            ld.breadcrumbs = items
                .iter()
                .filter_map(|i| string(i.get("name")).or_else(|| string(i.get("item"))))
                .collect();
        }
    }
    ld
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_graph() {
        let s = r#"{"@context":"https://schema.org","@graph":[
            {"@type":"WebPage","name":"x"},
            {"@type":"NewsArticle","headline":"Tiêu đề","datePublished":"2025-03-14T20:33:00+07:00",
             "author":[{"@type":"Person","name":"Nguyễn Văn A","url":"https://x.vn/a"},"Trần B"],
             "publisher":{"@type":"Organization","name":"Báo X","logo":{"@type":"ImageObject","url":"https://x.vn/logo.png"}},
             "keywords":"a, b","articleSection":"Thế giới"},
            {"@type":"BreadcrumbList","itemListElement":[{"position":2,"name":"Thế giới"},{"position":1,"name":"Trang chủ"}]}
        ]}"#;
        let ld = parse(&[s.to_owned()]);
        assert_eq!(ld.headline.as_deref(), Some("Tiêu đề"));
        assert_eq!(ld.authors.len(), 2);
        assert_eq!(ld.publisher.as_deref(), Some("Báo X"));
        assert_eq!(ld.publisher_logo.as_deref(), Some("https://x.vn/logo.png"));
        assert_eq!(ld.keywords, vec!["a", "b"]);
        assert_eq!(ld.breadcrumbs, vec!["Trang chủ", "Thế giới"]);
    }

    #[test]
    fn ignores_garbage() {
        let ld = parse(&["{not json".to_owned(), "[]".to_owned(), "42".to_owned()]);
        assert!(ld.headline.is_none());
    }
}
