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

/// Everything but RFC 3986's unreserved characters (`A–Z a–z 0–9 - . _ ~`).
const COMPONENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes a value for a query string or one path segment (a space is
/// `%20`, which both read as a space; `+` would be a plus in a path).
pub(crate) fn query_value(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, COMPONENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_keeps_only_unreserved_characters() {
        assert_eq!(
            query_value("a b+c/é&=~x.y_z-"),
            "a%20b%2Bc%2F%C3%A9%26%3D~x.y_z-"
        );
    }
}
