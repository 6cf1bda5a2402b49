//! Article metadata: title, lead, authors, publisher, dates, canonical URL,
//! language, section, tags and the main image — from JSON-LD, OpenGraph and
//! `<meta>` tags, and from the visible page where those are silent.

mod byline;
mod date;
mod jsonld;
mod lead;
mod title;

pub(crate) use byline::{parse_byline, push_unique};
pub(crate) use date::{parse_iso, parse_visible};

use article::{Author, Figure, Publisher, RichText};
use chrono::{DateTime, FixedOffset};

use crate::classes::KeySet;
use crate::content::{finish, InlineCollector};
use crate::dom::{ClassRule, Dom, NodeId, ROOT};
use crate::select::Selector;
use crate::text::{clean, dedupe_repeat};
use crate::urls::absolute;
use byline::plausible_name;
use lead::{find_lead, strongly_marked_lead};
use title::title;

/// Overrides that metadata reading honours.
#[derive(Default)]
pub(crate) struct MetaSelectors {
    pub title: Option<Selector>,
    pub date: Option<Selector>,
    pub author: Option<Selector>,
    pub lead: Option<Selector>,
}

/// Everything known about the article apart from its body.
#[derive(Debug, Default)]
pub(crate) struct PageMeta {
    pub title: String,
    pub lead: Option<RichText>,
    /// Nodes already used for metadata (lead, byline) that the body must not repeat.
    pub used: Vec<NodeId>,
    /// The element the lead was read from.
    pub lead_node: Option<NodeId>,
    /// True when the lead's markup says "lead" or "sapo" outright.
    pub lead_marked: bool,
    pub authors: Vec<Author>,
    pub publisher: Option<Publisher>,
    pub published: Option<DateTime<FixedOffset>>,
    pub modified: Option<DateTime<FixedOffset>>,
    pub canonical: Option<String>,
    pub language: Option<String>,
    pub section: Option<String>,
    pub tags: Vec<String>,
    pub image: Option<Figure>,
    pub json_ld_body: Option<String>,
    /// True when the page declares itself one article: `og:type` `article`,
    /// or a JSON-LD `Article`, `NewsArticle` (any kind) or `BlogPosting`.
    pub declares_article: bool,
}

pub(super) struct Head {
    metas: Vec<(String, String)>,
    links: Vec<(String, String)>,
    scripts: Vec<String>,
    title: Option<String>,
    lang: Option<String>,
}

fn head(dom: &Dom) -> Head {
    let mut h = Head {
        metas: Vec::new(),
        links: Vec::new(),
        scripts: Vec::new(),
        title: None,
        lang: None,
    };
    for d in dom.descendants(ROOT) {
        match dom.name(d) {
            Some("meta") => {
                let key = dom
                    .attr_nonempty(d, "property")
                    .or_else(|| dom.attr_nonempty(d, "name"))
                    .or_else(|| dom.attr_nonempty(d, "itemprop"))
                    .or_else(|| dom.attr_nonempty(d, "http-equiv"));
                if let (Some(k), Some(v)) = (key, dom.attr_nonempty(d, "content")) {
                    h.metas.push((k.to_ascii_lowercase(), v.to_owned()));
                }
            }
            Some("link") => {
                if let (Some(rel), Some(href)) =
                    (dom.attr_nonempty(d, "rel"), dom.attr_nonempty(d, "href"))
                {
                    h.links.push((rel.to_ascii_lowercase(), href.to_owned()));
                }
            }
            Some("script")
                if dom
                    .attr(d, "type")
                    .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json")) =>
            {
                h.scripts.push(dom.text_content(d));
            }
            Some("title") if h.title.is_none() => {
                let t = clean(&dom.text_content(d));
                if !t.is_empty() && !dom.ancestors(d).any(|a| dom.is(a, "svg")) {
                    h.title = Some(t);
                }
            }
            Some("html") if h.lang.is_none() => {
                h.lang = dom
                    .attr_nonempty(d, "lang")
                    .or_else(|| dom.attr_nonempty(d, "xml:lang"))
                    .map(str::to_owned);
            }
            _ => {}
        }
    }
    h
}

impl Head {
    pub(super) fn meta(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| {
            self.metas
                .iter()
                .find(|(mk, _)| mk == k)
                .map(|(_, v)| clean(v))
                .filter(|v| !v.is_empty())
        })
    }
    fn metas_all(&self, key: &str) -> Vec<String> {
        self.metas
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| clean(v))
            .collect()
    }
    fn link(&self, rel: &str) -> Option<&str> {
        self.links
            .iter()
            .find(|(r, _)| r.split_whitespace().any(|x| x == rel))
            .map(|(_, h)| h.as_str())
    }
}

/// True when class or id holds a key of `set` (ASCII case ignored).
pub(super) fn class_has(dom: &Dom, id: NodeId, set: KeySet) -> bool {
    dom.class_keys(id) & set.bit() != 0
        || dom
            .attr(id, "id")
            .is_some_and(|i| crate::classes::key_sets(i) & set.bit() != 0)
}

/// Class or id words of a byline.
pub(crate) const BYLINE_KEYS: &[&str] = &["byline", "author", "tac-gia", "tacgia", "writer"];
/// Class or id words of boxes that hold no byline.
pub(crate) const NOT_BYLINE_KEYS: &[&str] = &[
    "bio", "avatar", "related", "box", "list", "comment", "time", "date",
];
/// Class or id words of a date line.
pub(crate) const DATE_LINE_KEYS: &[&str] = &["date", "time", "publish", "ngay", "posted", "meta"];
/// Class or id words of a caption.
pub(crate) const CAPTION_KEYS: &[&str] = &["caption", "photo"];
pub(crate) use lead::{LEAD_KEYS, LEAD_WORDS, NOT_LEAD_KEYS};

/// Reads all metadata. `default_zone` applies to dates printed without one.
pub(crate) fn read(dom: &Dom, base: Option<&url::Url>, sel: &MetaSelectors) -> PageMeta {
    let h = head(dom);
    let ld = jsonld::parse(&h.scripts);
    let mut m = PageMeta::default();
    let body = dom.body();

    // Language first: it decides the zone of dates printed without one.
    m.language = h
        .lang
        .clone()
        .or_else(|| h.meta(&["content-language", "og:locale", "language", "dc.language"]))
        .or(ld.language.clone())
        .and_then(|l| {
            let primary: String = l
                .split(['-', '_'])
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            (primary.len() >= 2
                && primary.len() <= 3
                && primary.chars().all(|c| c.is_ascii_alphabetic()))
            .then_some(primary)
        });

    // Publisher.
    let site = h
        .meta(&[
            "og:site_name",
            "application-name",
            "publisher",
            "dc.publisher",
            "twitter:site",
        ])
        .filter(|s| !s.starts_with('@'));
    let publisher_name = ld
        .publisher
        .as_deref()
        .map(clean)
        .or(site)
        .map(|s| dedupe_repeat(&s));
    if let Some(name) = publisher_name.filter(|n| !n.is_empty()) {
        m.publisher = Some(Publisher {
            name,
            logo: ld.publisher_logo.as_deref().and_then(|l| absolute(base, l)),
            url: ld
                .publisher_url
                .as_deref()
                .and_then(|u| absolute(base, u))
                .or_else(|| base.map(|b| b.origin().ascii_serialization() + "/")),
        });
    }

    if m.publisher.is_none() {
        let host = base.and_then(|b| b.host_str());
        if let Some(name) = h
            .title
            .as_deref()
            .and_then(|t| title::site_in_title(t, host))
        {
            m.publisher = Some(Publisher {
                name,
                logo: None,
                url: base.map(|b| b.origin().ascii_serialization() + "/"),
            });
        }
    }

    m.title = title(
        dom,
        body,
        &h,
        &ld,
        m.publisher.as_ref().map(|p| p.name.as_str()),
        base.and_then(|b| b.host_str()),
        sel.title.as_ref(),
    );
    if m.language.is_none() && crate::text::looks_vietnamese(&m.title) {
        m.language = Some("vi".to_owned());
    }
    // Vietnamese pages that print a time without a zone mean Indochina Time.
    let vietnamese = m.language.as_deref() == Some("vi")
        || base
            .and_then(|b| b.host_str())
            .is_some_and(|h| h.ends_with(".vn"));
    let zone = if vietnamese {
        FixedOffset::east_opt(7 * 3600).unwrap_or_else(date::utc)
    } else {
        date::utc()
    };

    // Canonical URL.
    m.canonical = h
        .link("canonical")
        .and_then(|c| absolute(base, c))
        .or_else(|| h.meta(&["og:url"]).and_then(|u| absolute(base, &u)));

    // Lead.
    let lead_node = match &sel.lead {
        Some(s) => s.select(dom).into_iter().next(),
        None => find_lead(dom, body, &m.title),
    };
    if let Some(n) = lead_node {
        let mut ic = InlineCollector::new(dom, base);
        let mut raw = Vec::new();
        ic.children(n, &mut raw, false);
        let lead = finish(raw);
        if !lead.is_blank() {
            m.lead = Some(lead);
            m.lead_node = Some(n);
            m.lead_marked = sel.lead.is_some() || strongly_marked_lead(dom, n);
        }
    }

    // Dates.
    let date_text = |s: &Selector| {
        s.select(dom).into_iter().find_map(|n| {
            dom.attr_nonempty(n, "datetime")
                .or_else(|| dom.attr_nonempty(n, "content"))
                .and_then(|v| parse_iso(v, zone))
                .or_else(|| parse_visible(&clean(&dom.text_content(n)), zone))
        })
    };
    m.published = sel
        .date
        .as_ref()
        .and_then(date_text)
        .or_else(|| ld.published.as_deref().and_then(|d| parse_iso(d, zone)))
        .or_else(|| {
            h.meta(&[
                "article:published_time",
                "og:published_time",
                "datepublished",
                "pubdate",
                "publishdate",
                "publish-date",
                "published_time",
                "dc.date.issued",
                "dcterms.created",
                "dc.date",
                "date",
                "sailthru.date",
                "parsely-pub-date",
                "dc.date.created",
            ])
            .and_then(|d| parse_iso(&d, zone))
        })
        .or_else(|| visible_date(dom, body, zone));
    m.modified = ld
        .modified
        .as_deref()
        .and_then(|d| parse_iso(d, zone))
        .or_else(|| {
            h.meta(&[
                "article:modified_time",
                "og:updated_time",
                "datemodified",
                "dcterms.modified",
                "last-modified",
            ])
            .and_then(|d| parse_iso(&d, zone))
        });

    // Authors.
    m.authors = authors(dom, body, base, &h, &ld, sel.author.as_ref(), &mut m.used);
    if let Some(p) = &m.publisher {
        // The newspaper is the publisher, not an author (bylines often print it).
        let pname = p.name.to_lowercase();
        m.authors.retain(|a| {
            let n = a.name.to_lowercase();
            !(pname.contains(&n) || n.contains(&pname))
        });
    }
    if m.authors.len() > 1 {
        m.authors.retain(|a| !is_organisation(&a.name));
    }

    // Section and tags.
    m.section = h
        .meta(&["article:section", "section", "category", "parsely-section"])
        .or(ld.section.clone().map(|s| clean(&s)))
        .or_else(|| {
            let crumbs: Vec<&String> = ld
                .breadcrumbs
                .iter()
                .filter(|b| clean(b) != m.title)
                .collect();
            crumbs
                .get(1)
                .or(crumbs.last())
                .map(|s| clean(s))
                .filter(|_| crumbs.len() >= 2)
        })
        .or_else(|| visible_section(dom, body));
    let mut tags: Vec<String> = h.metas_all("article:tag");
    if tags.is_empty() {
        tags = ld.keywords.iter().map(|k| clean(k)).collect();
    }
    if tags.is_empty() {
        tags = h
            .meta(&["news_keywords"])
            .map(|k| k.split(',').map(clean).collect())
            .unwrap_or_default();
    }
    if tags.is_empty() {
        tags = visible_tags(dom, body);
    }
    if tags.is_empty() {
        // Vietnamese newspapers (VnExpress, Zing…) list the article's tags here.
        tags = h
            .meta(&["keywords"])
            .map(|k| k.split([',', ';']).map(clean).collect())
            .unwrap_or_default();
    }
    let mut seen = std::collections::HashSet::new();
    tags.retain(|t| !t.is_empty() && t.chars().count() <= 60 && seen.insert(t.to_lowercase()));
    tags.truncate(30);
    m.tags = tags;

    // Main image.
    let og = h.meta(&[
        "og:image",
        "og:image:url",
        "og:image:secure_url",
        "twitter:image",
        "twitter:image:src",
    ]);
    if let Some(src) = og.or(ld.image.clone()).and_then(|i| absolute(base, &i)) {
        let num = |k: &str| h.meta(&[k]).and_then(|v| v.parse::<u32>().ok());
        m.image = Some(Figure {
            src,
            alt: h.meta(&["og:image:alt", "twitter:image:alt"]),
            caption: None,
            credit: None,
            width: num("og:image:width"),
            height: num("og:image:height"),
        });
    }
    m.json_ld_body = ld.body.clone();
    m.declares_article = ld.declares_article
        || h.meta(&["og:type"])
            .is_some_and(|t| t.eq_ignore_ascii_case("article"));
    m
}

fn visible_date(dom: &Dom, body: NodeId, zone: FixedOffset) -> Option<DateTime<FixedOffset>> {
    for d in dom.descendants(body) {
        if dom.name(d) == Some("time") || dom.attr(d, "itemprop") == Some("datePublished") {
            if let Some(v) = dom
                .attr_nonempty(d, "datetime")
                .or_else(|| dom.attr_nonempty(d, "content"))
            {
                if let Some(t) = parse_iso(v, zone) {
                    return Some(t);
                }
            }
            if let Some(t) = parse_visible(&clean(&dom.text_content(d)), zone) {
                return Some(t);
            }
        }
    }
    dom.descendants(body)
        .filter(|&d| {
            dom.name(d).is_some()
                && class_has(dom, d, KeySet::DateLine)
                && crate::text::visible_len(&dom.text_content(d)) < 120
        })
        .find_map(|d| parse_visible(&clean(&dom.text_content(d)), zone))
}

fn authors(
    dom: &Dom,
    body: NodeId,
    base: Option<&url::Url>,
    h: &Head,
    ld: &jsonld::JsonLd,
    sel: Option<&Selector>,
    used: &mut Vec<NodeId>,
) -> Vec<Author> {
    let mut out: Vec<Author> = Vec::new();
    let nodes: Vec<NodeId> = match sel {
        Some(s) => s.select(dom),
        None => dom
            .descendants(body)
            .filter(|&d| {
                dom.name(d).is_some()
                    && (dom.attr(d, "rel") == Some("author")
                        || dom.attr(d, "itemprop") == Some("author")
                        || class_has(dom, d, KeySet::Byline))
                    && !class_has(dom, d, KeySet::NotByline)
                    && !dom.is(d, "time")
                    && crate::text::visible_len(&dom.text_content(d)) <= 120
            })
            // Bylines come first; a page of 5,000 commenters must not cost n².
            .take(64)
            .collect(),
    };
    // The innermost byline element: "author-wrap" often holds the date too.
    let innermost: Vec<NodeId> = nodes
        .iter()
        .copied()
        .filter(|&n| {
            !nodes
                .iter()
                .any(|&m| m != n && dom.ancestors(m).any(|a| a == n))
        })
        .collect();
    for n in innermost {
        if used.iter().any(|&u| dom.ancestors(n).any(|a| a == u)) {
            continue;
        }
        // A photographer's credit inside a caption belongs to the figure.
        if dom.ancestors(n).any(|a| {
            matches!(dom.name(a), Some("figure" | "figcaption"))
                || class_has(dom, a, KeySet::Caption)
        }) {
            continue;
        }
        let url = if dom.is(n, "a") {
            dom.attr_nonempty(n, "href")
                .and_then(|href| absolute(base, href))
        } else {
            dom.find_all(n, "a")
                .next()
                .and_then(|a| dom.attr_nonempty(a, "href"))
                .and_then(|href| absolute(base, href))
        };
        let text = clean(&dom.text_content(n));
        let found = parse_byline(&text, url);
        if !found.is_empty() {
            used.push(n);
        }
        for a in found {
            push_unique(&mut out, a);
        }
        if out.len() >= 6 {
            break;
        }
    }
    if out.is_empty() {
        for (name, url) in &ld.authors {
            let name = dedupe_repeat(&clean(name));
            if plausible_name(&name) {
                push_unique(
                    &mut out,
                    Author {
                        name,
                        role: None,
                        url: url.as_deref().and_then(|u| absolute(base, u)),
                    },
                );
            }
        }
    }
    if out.is_empty() {
        if let Some(a) = h.meta(&[
            "author",
            "article:author",
            "dc.creator",
            "sailthru.author",
            "parsely-author",
        ]) {
            if !a.starts_with("http") {
                out = parse_byline(&a, None);
            }
        }
    }
    out
}

/// Names of newspapers and agencies that bylines print next to people.
fn is_organisation(name: &str) -> bool {
    let l = name.to_lowercase();
    [
        "báo ",
        "tạp chí",
        "đài ",
        "thông tấn",
        "ttxvn",
        "vnexpress",
        "news",
        "press",
        "online",
        "agency",
        "reuters",
        "afp",
    ]
    .iter()
    .any(|k| l.starts_with(k) || l.contains(&format!(" {}", k.trim())))
}

/// A category label printed with the headline ("the-article-category",
/// "detail-cate", "article__category"): one short link.
fn visible_section(dom: &Dom, body: NodeId) -> Option<String> {
    dom.descendants(body).take(5000).find_map(|d| {
        dom.attr(d, "class")?;
        let named = dom.class_rule(d, ClassRule::SectionLabel, |class| {
            u8::from(
                class
                    .to_ascii_lowercase()
                    .split_ascii_whitespace()
                    .any(|w| {
                        w.split(['-', '_'])
                            .any(|p| matches!(p, "cate" | "category" | "chuyenmuc"))
                    }),
            )
        }) == 1;
        if !named
            || dom
                .ancestors(d)
                .any(|a| matches!(dom.name(a), Some("nav" | "footer" | "li" | "aside")))
        {
            return None;
        }
        let mut links = dom.find_all(d, "a");
        let first = links.next()?;
        if links.next().is_some() {
            return None;
        }
        let text = clean(&dom.text_content(first));
        (text.chars().count() <= 40 && !text.is_empty() && clean(&dom.text_content(d)) == text)
            .then_some(text)
    })
}

fn visible_tags(dom: &Dom, body: NodeId) -> Vec<String> {
    for d in dom.descendants(body) {
        let tag_class = dom.class_rule(d, ClassRule::TagList, |c| {
            u8::from(c.to_ascii_lowercase().split_ascii_whitespace().any(|w| {
                w.starts_with("tag")
                    || ["__tag", "-tag", "keyword", "tu-khoa", "tukhoa"]
                        .iter()
                        .any(|k| w.contains(k))
            }))
        }) == 1;
        if tag_class {
            let tags: Vec<String> = dom
                .find_all(d, "a")
                .map(|a| {
                    clean(&dom.text_content(a))
                        .trim_start_matches('#')
                        .to_owned()
                })
                .filter(|t| !t.is_empty())
                .collect();
            if !tags.is_empty() {
                return tags;
            }
        }
    }
    Vec::new()
}
