//! The lead (standfirst, sapo): the summary paragraph under the headline.

use super::class_has;
use crate::classes::KeySet;
use crate::dom::{ClassRule, Dom, NodeId};

/// Class or id words of boxes that hold no standfirst.
pub(crate) const NOT_LEAD_KEYS: &[&str] = &[
    "related",
    "promo",
    "newsletter",
    "subscri",
    "signup",
    "login",
    "author-bio",
    "author-box",
    "authorbox",
    "cta-",
    "-cta",
];

/// Class-name parts of a standfirst.
pub(crate) const LEAD_KEYS: &[&str] = &[
    "sapo",
    "standfirst",
    "article-lead",
    "article__lead",
    "lead-text",
    "leadtext",
    "chapeau",
    "article-summary",
    "article__summary",
    "summary-detail",
    "detail-summary",
    "dek",
    "subheadline",
    "article-description",
    "article__description",
    "intro-text",
    "entry-summary",
];

/// Words of a class name (split on every non-letter) that name a standfirst in
/// many CMSs: "entry-excerpt", "c-article-head__subtitle", "field-perex",
/// "texto-bajada", "uk-text-lead", "article__intro".
pub(crate) const LEAD_WORDS: &[&str] = &[
    "lead",
    "lede",
    "intro",
    "excerpt",
    "perex",
    "deck",
    "dek",
    "subtitle",
    "abstract",
    "bajada",
    "entradilla",
    "chapo",
    "chapeau",
    "standfirst",
    "sapo",
    "teaser",
    "summary",
];

pub(super) fn strongly_marked_lead(dom: &Dom, id: NodeId) -> bool {
    let class = dom.attr(id, "class").unwrap_or("").to_ascii_lowercase();
    LEAD_KEYS.iter().any(|k| class.contains(k))
        || class
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|t| t == "lead" || t == "sapo")
}

/// True when a class value names a standfirst.
fn lead_class(class: &str) -> bool {
    let class = class.to_ascii_lowercase();
    LEAD_KEYS.iter().any(|k| class.contains(k))
        || class
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '-' && c != '_')
            .any(|t| matches!(t, "lead" | "description" | "deck"))
        || class
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| LEAD_WORDS.contains(&w))
}

pub(super) fn find_lead(dom: &Dom, body: NodeId, title: &str) -> Option<NodeId> {
    let title = crate::text::clean(title).to_lowercase();
    dom.descendants(body).find(|&d| {
        let Some(name) = dom.name(d) else {
            return false;
        };
        if !matches!(
            name,
            "p" | "div" | "h2" | "span" | "section" | "strong" | "h3" | "b"
        ) {
            return false;
        }
        let described = dom.attr(d, "itemprop") == Some("description");
        if !described && dom.attr(d, "class").is_none_or(str::is_empty) {
            return false;
        }
        // Values holding none of the standfirst's substrings skip the exact test.
        let hit = described
            || (dom.class_keys(d) & KeySet::LeadMaybe.bit() != 0
                && dom.class_rule(d, ClassRule::Lead, |c| u8::from(lead_class(c))) == 1);
        if !hit {
            return false;
        }
        let text = dom.text_content(d);
        let len = crate::text::visible_len(&text);
        // A teaser that is a link to another article is not this one's lead.
        let linked: usize = dom
            .find_all(d, "a")
            .map(|a| crate::text::visible_len(&dom.text_content(a)))
            .sum();
        if linked * 2 > len {
            return false;
        }
        // A line with a mailto link is a byline or a contact, not a standfirst.
        if dom.find_all(d, "a").any(|a| {
            dom.attr(a, "href")
                .is_some_and(|h| h.trim_start().starts_with("mailto:"))
        }) {
            return false;
        }
        // A standfirst is not a truncated teaser ("…", "[…]") nor a header
        // block that holds the headline.
        let clean = crate::text::clean(&text);
        let truncated = clean.ends_with("...") || clean.ends_with('…') || clean.ends_with("[…]");
        let holds_title = title.chars().count() >= 10 && clean.to_lowercase().contains(&title);
        if truncated || holds_title {
            return false;
        }
        let paragraphs = dom.find_all(d, "p").count() + dom.find_all(d, "br").count();
        (30..=1000).contains(&len)
            && paragraphs <= 1
            && !dom.ancestors(d).any(|a| {
                matches!(
                    dom.name(a),
                    Some("nav" | "aside" | "footer" | "li" | "a" | "figure" | "form")
                ) || class_has(dom, a, KeySet::NotLead)
            })
    })
}
