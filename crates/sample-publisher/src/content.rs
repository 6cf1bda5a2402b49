//! Loading the hand-written content embedded from `content/`.

use article::{Inline, RichText};
use chrono::{DateTime, FixedOffset};
use serde::Deserialize;

use crate::generate::Templates;
use crate::markup::{parse_body, MarkupError};
use crate::model::{BodyBlock, Byline, Newspaper, SampleArticle, SampleImage, Section};
use crate::slug::paper_slug;

const SITE_FILE: &str = include_str!("../content/site.toml");
const TEMPLATES_FILE: &str = include_str!("../content/templates.toml");

/// One file of articles per section; the file name is the section slug.
const ARTICLE_FILES: &[(&str, &str)] = &[
    ("thoi-su", include_str!("../content/articles/thoi-su.toml")),
    (
        "the-gioi",
        include_str!("../content/articles/the-gioi.toml"),
    ),
    ("kinh-te", include_str!("../content/articles/kinh-te.toml")),
    ("van-hoa", include_str!("../content/articles/van-hoa.toml")),
    (
        "the-thao",
        include_str!("../content/articles/the-thao.toml"),
    ),
    ("du-lich", include_str!("../content/articles/du-lich.toml")),
    (
        "khoa-hoc",
        include_str!("../content/articles/khoa-hoc.toml"),
    ),
];

/// Why the bundled content could not be loaded (a mistake in `content/`).
#[derive(Debug, thiserror::Error)]
pub enum ContentError {
    /// A content file is not valid TOML or misses a field.
    #[error("content file {file}: {source}")]
    Toml {
        /// The file's name.
        file: String,
        /// The parser's complaint.
        #[source]
        source: toml::de::Error,
    },
    /// An article's body markup is malformed.
    #[error("article {id}: {source}")]
    Markup {
        /// The article's id.
        id: u32,
        /// What is wrong.
        #[source]
        source: MarkupError,
    },
    /// The generator's templates are incomplete.
    #[error("templates.toml: {reason}")]
    Templates {
        /// What is missing.
        reason: String,
    },
    /// An article breaks a rule of the content (unknown section, duplicate id, bad date…).
    #[error("article {id}: {reason}")]
    Invalid {
        /// The article's id.
        id: u32,
        /// What is wrong.
        reason: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteFile {
    newspaper: PaperFile,
    sections: Vec<SectionFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PaperFile {
    name: String,
    tagline: String,
    description: String,
    owner: String,
    editor_in_chief: String,
    licence: String,
    address: String,
    phone: String,
    email: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionFile {
    slug: String,
    name: String,
    description: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ArticlesFile {
    articles: Vec<ArticleFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ArticleFile {
    id: u32,
    title: String,
    lead: String,
    published: String,
    modified: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    series: Option<String>,
    authors: Vec<BylineFile>,
    images: Vec<ImageFile>,
    body: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BylineFile {
    name: String,
    role: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ImageFile {
    caption: String,
    alt: String,
    credit: String,
}

/// Everything loaded from `content/`.
pub(crate) struct Bundled {
    pub paper: Newspaper,
    pub sections: Vec<Section>,
    pub templates: Templates,
    pub articles: Vec<SampleArticle>,
}

/// Loads and checks the embedded content.
pub(crate) fn load() -> Result<Bundled, ContentError> {
    let site: SiteFile = toml::from_str(SITE_FILE).map_err(|source| ContentError::Toml {
        file: "site.toml".into(),
        source,
    })?;
    let p = site.newspaper;
    let paper = Newspaper {
        name: p.name,
        tagline: p.tagline,
        description: p.description,
        owner: p.owner,
        editor_in_chief: p.editor_in_chief,
        licence: p.licence,
        address: p.address,
        phone: p.phone,
        email: p.email,
    };
    let sections: Vec<Section> = site
        .sections
        .into_iter()
        .map(|s| Section {
            slug: s.slug,
            name: s.name,
            description: s.description,
        })
        .collect();
    let mut articles = Vec::new();
    for (section, text) in ARTICLE_FILES {
        let file: ArticlesFile = toml::from_str(text).map_err(|source| ContentError::Toml {
            file: format!("articles/{section}.toml"),
            source,
        })?;
        for a in file.articles {
            articles.push(convert(section, a)?);
        }
    }
    check_unique(&articles)?;
    resolve_links(&mut articles)?;
    for a in &articles {
        if !sections.iter().any(|s| s.slug == a.section) {
            return Err(ContentError::Invalid {
                id: a.id,
                reason: "unknown section".into(),
            });
        }
    }
    let templates: Templates =
        toml::from_str(TEMPLATES_FILE).map_err(|source| ContentError::Toml {
            file: "templates.toml".into(),
            source,
        })?;
    templates
        .check()
        .map_err(|reason| ContentError::Templates { reason })?;
    if let Some(unknown) = templates
        .sections()
        .find(|k| !sections.iter().any(|s| s.slug == *k))
    {
        return Err(ContentError::Templates {
            reason: format!("unknown section {unknown:?}"),
        });
    }
    Ok(Bundled {
        paper,
        sections,
        templates,
        articles,
    })
}

fn convert(section: &str, a: ArticleFile) -> Result<SampleArticle, ContentError> {
    let id = a.id;
    let invalid = |reason: String| ContentError::Invalid { id, reason };
    let published = parse_time(&a.published).map_err(invalid)?;
    let modified = a
        .modified
        .as_deref()
        .map(parse_time)
        .transpose()
        .map_err(invalid)?;
    if modified.is_some_and(|m| m <= published) {
        return Err(invalid("modified is not after published".into()));
    }
    let body = parse_body(&a.body).map_err(|source| ContentError::Markup { id, source })?;
    let images: Vec<SampleImage> = a
        .images
        .into_iter()
        .enumerate()
        .map(|(n, i)| SampleImage {
            path: format!("/images/{id}-{}.jpg", n + 1),
            caption: i.caption,
            alt: i.alt,
            credit: i.credit,
            width: crate::photos::size_of(&format!("/images/{id}-{}.jpg", n + 1)).0,
            height: crate::photos::size_of(&format!("/images/{id}-{}.jpg", n + 1)).1,
        })
        .collect();
    let placed: Vec<usize> = body
        .iter()
        .filter_map(|b| match b {
            BodyBlock::Image(n) => Some(*n),
            _ => None,
        })
        .collect();
    for n in 0..images.len() {
        if placed.iter().filter(|p| **p == n).count() != 1 {
            return Err(invalid(format!(
                "image {} must be placed exactly once",
                n + 1
            )));
        }
    }
    if let Some(bad) = placed.iter().find(|n| **n >= images.len()) {
        return Err(invalid(format!("body places missing image {}", bad + 1)));
    }
    if let Some(series) = &a.series {
        if !a.tags.contains(series) {
            return Err(invalid(format!(
                "series tag {series:?} is not among the tags"
            )));
        }
    }
    Ok(SampleArticle {
        id,
        section: section.to_string(),
        slug: paper_slug(&a.title),
        title: a.title,
        lead: a.lead.split_whitespace().collect::<Vec<_>>().join(" "),
        body,
        images,
        authors: a
            .authors
            .into_iter()
            .map(|b| Byline {
                name: b.name,
                role: b.role,
            })
            .collect(),
        published,
        modified,
        tags: a.tags,
        series: a.series,
        generated: false,
    })
}

/// Rewrites `article:{id}` link targets to that article's path.
fn resolve_links(articles: &mut [SampleArticle]) -> Result<(), ContentError> {
    let paths: std::collections::HashMap<u32, String> =
        articles.iter().map(|a| (a.id, a.path())).collect();
    for a in articles.iter_mut() {
        let id = a.id;
        for block in &mut a.body {
            let texts: Vec<&mut RichText> = match block {
                BodyBlock::Paragraph(t) | BodyBlock::Quote { text: t, .. } => vec![t],
                BodyBlock::List { items, .. } => items.iter_mut().collect(),
                BodyBlock::Heading { .. } | BodyBlock::Image(_) => vec![],
            };
            for t in texts {
                resolve_in(&mut t.0, &paths)
                    .map_err(|reason| ContentError::Invalid { id, reason })?;
            }
        }
    }
    Ok(())
}

pub(crate) fn resolve_in(
    inlines: &mut [Inline],
    paths: &std::collections::HashMap<u32, String>,
) -> Result<(), String> {
    for inline in inlines {
        match inline {
            Inline::Link { href, children } => {
                if let Some(target) = href.strip_prefix("article:") {
                    let path = target
                        .parse::<u32>()
                        .ok()
                        .and_then(|n| paths.get(&n))
                        .ok_or_else(|| format!("link to unknown article {target:?}"))?;
                    *href = path.clone();
                }
                resolve_in(children, paths)?;
            }
            Inline::Bold(c) | Inline::Italic(c) | Inline::Foreign { children: c, .. } => {
                resolve_in(c, paths)?
            }
            Inline::Text(_) | Inline::Break => {}
        }
    }
    Ok(())
}

fn parse_time(s: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(s).map_err(|e| format!("bad time {s:?}: {e}"))
}

fn check_unique(articles: &[SampleArticle]) -> Result<(), ContentError> {
    let mut ids = std::collections::HashSet::new();
    let mut titles = std::collections::HashSet::new();
    for a in articles {
        if !ids.insert(a.id) {
            return Err(ContentError::Invalid {
                id: a.id,
                reason: "duplicate id".into(),
            });
        }
        if !titles.insert(a.title.as_str()) {
            return Err(ContentError::Invalid {
                id: a.id,
                reason: "duplicate title".into(),
            });
        }
    }
    Ok(())
}
