//! Public URL paths: every address the public site answers (the routes are in `public/mod.rs`; ARCHITECTURE.md, "Where to start", for a new page), and which links we print.

/// Whether `href` is a link we are willing to print.
pub(crate) fn safe_href(href: &str) -> bool {
    let lower = href.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// The path segment used for articles that have no section.
pub(crate) const NO_SECTION: &str = "article";

pub(crate) fn home(lang: &str) -> String {
    format!("/{lang}/")
}

pub(crate) fn section(lang: &str, slug: &str) -> String {
    format!("/{lang}/{slug}/")
}

pub(crate) fn section_page(lang: &str, slug: &str, page: i64) -> String {
    if page <= 1 {
        section(lang, slug)
    } else {
        format!("/{lang}/{slug}/?page={page}")
    }
}

pub(crate) fn article(lang: &str, section: &str, id: i64, slug: &str) -> String {
    if slug.is_empty() {
        format!("/{lang}/{section}/{id}")
    } else {
        format!("/{lang}/{section}/{id}-{slug}")
    }
}

pub(crate) fn author(lang: &str, slug: &str) -> String {
    format!("/{lang}/author/{slug}")
}

pub(crate) fn topic(lang: &str, id: i64) -> String {
    format!("/{lang}/topic/{id}")
}

pub(crate) fn search(lang: &str) -> String {
    format!("/{lang}/search")
}

pub(crate) fn about(lang: &str) -> String {
    format!("/{lang}/about")
}

pub(crate) fn feed(lang: &str) -> String {
    format!("/{lang}/feed.xml")
}

pub(crate) fn section_feed(lang: &str, slug: &str) -> String {
    format!("/{lang}/{slug}/feed.xml")
}

pub(crate) fn atom(lang: &str) -> String {
    format!("/{lang}/atom.xml")
}

pub(crate) fn section_atom(lang: &str, slug: &str) -> String {
    format!("/{lang}/{slug}/atom.xml")
}

pub(crate) fn sitemap(lang: &str) -> String {
    format!("/{lang}/sitemap.xml")
}

/// Percent-encodes a query-string value.
pub(crate) fn query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
