//! A CSS selector subset for per-source overrides: type, `*`, `#id`, `.class`,
//! attribute tests (`[a]`, `=`, `~=`, `|=`, `^=`, `$=`, `*=`), the descendant and
//! child combinators, and comma-separated groups.

use crate::dom::{Dom, NodeId, ROOT};
use crate::ExtractError;

#[derive(Debug, Clone)]
enum AttrOp {
    Exists,
    Equals,
    Word,
    Prefix,
    Suffix,
    Contains,
    Dash,
}

#[derive(Debug, Clone, Default)]
struct Compound {
    tag: Option<String>,
    ids: Vec<String>,
    classes: Vec<String>,
    attrs: Vec<(String, AttrOp, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Combinator {
    Descendant,
    Child,
}

/// One complex selector: compounds joined by combinators, rightmost last.
#[derive(Debug, Clone)]
struct Complex {
    parts: Vec<(Combinator, Compound)>,
}

/// A parsed selector list.
#[derive(Debug, Clone)]
pub(crate) struct Selector {
    alternatives: Vec<Complex>,
}

fn invalid(selector: &str, reason: impl Into<String>) -> ExtractError {
    ExtractError::InvalidSelector {
        selector: selector.to_owned(),
        reason: reason.into(),
    }
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_' || !c.is_ascii()
}

impl Selector {
    /// Parses `source`, or says which part of it is not understood.
    pub(crate) fn parse(source: &str) -> Result<Selector, ExtractError> {
        let mut alternatives = Vec::new();
        for group in source.split(',') {
            let group = group.trim();
            if group.is_empty() {
                return Err(invalid(source, "empty selector"));
            }
            alternatives.push(parse_complex(source, group)?);
        }
        Ok(Selector { alternatives })
    }

    /// True when the element matches.
    pub(crate) fn matches(&self, dom: &Dom, id: NodeId) -> bool {
        self.alternatives
            .iter()
            .any(|c| matches_complex(dom, id, &c.parts))
    }

    /// All matching elements in document order.
    pub(crate) fn select(&self, dom: &Dom) -> Vec<NodeId> {
        dom.descendants(ROOT)
            .filter(|&d| dom.name(d).is_some() && self.matches(dom, d))
            .collect()
    }
}

fn parse_complex(source: &str, group: &str) -> Result<Complex, ExtractError> {
    let mut parts = Vec::new();
    let chars: Vec<char> = group.chars().collect();
    let mut i = 0;
    let mut pending = Combinator::Descendant;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c == '>' {
            if parts.is_empty() {
                return Err(invalid(source, "'>' without a left-hand side"));
            }
            pending = Combinator::Child;
            i += 1;
            continue;
        }
        if matches!(c, '+' | '~') {
            return Err(invalid(
                source,
                format!("combinator '{c}' is not supported"),
            ));
        }
        let mut compound = Compound::default();
        let mut any = false;
        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '>' {
            let c = chars[i];
            match c {
                '*' => {
                    i += 1;
                    any = true;
                }
                '#' | '.' => {
                    let start = i + 1;
                    i = start;
                    while i < chars.len() && is_ident(chars[i]) {
                        i += 1;
                    }
                    if i == start {
                        return Err(invalid(source, format!("'{c}' must be followed by a name")));
                    }
                    let name: String = chars[start..i].iter().collect();
                    if c == '#' {
                        compound.ids.push(name);
                    } else {
                        compound.classes.push(name);
                    }
                    any = true;
                }
                '[' => {
                    let end = chars[i..]
                        .iter()
                        .position(|&x| x == ']')
                        .map(|p| i + p)
                        .ok_or_else(|| invalid(source, "unclosed '['"))?;
                    let inner: String = chars[i + 1..end].iter().collect();
                    compound.attrs.push(parse_attr(source, &inner)?);
                    i = end + 1;
                    any = true;
                }
                ':' => {
                    return Err(invalid(source, "pseudo-classes are not supported"));
                }
                c if is_ident(c) && !any => {
                    let start = i;
                    while i < chars.len() && is_ident(chars[i]) {
                        i += 1;
                    }
                    compound.tag = Some(chars[start..i].iter().collect::<String>().to_lowercase());
                    any = true;
                }
                _ => return Err(invalid(source, format!("unexpected character '{c}'"))),
            }
        }
        if !any {
            return Err(invalid(source, "empty compound selector"));
        }
        parts.push((pending, compound));
        pending = Combinator::Descendant;
    }
    if pending == Combinator::Child {
        return Err(invalid(source, "'>' without a right-hand side"));
    }
    if parts.is_empty() {
        return Err(invalid(source, "empty selector"));
    }
    Ok(Complex { parts })
}

fn parse_attr(source: &str, inner: &str) -> Result<(String, AttrOp, String), ExtractError> {
    let ops = [
        ("~=", AttrOp::Word),
        ("|=", AttrOp::Dash),
        ("^=", AttrOp::Prefix),
        ("$=", AttrOp::Suffix),
        ("*=", AttrOp::Contains),
        ("=", AttrOp::Equals),
    ];
    for (token, op) in ops {
        if let Some((name, value)) = inner.split_once(token) {
            let name = name.trim().to_lowercase();
            if name.is_empty() || !name.chars().all(is_ident) {
                return Err(invalid(source, format!("bad attribute name in [{inner}]")));
            }
            let value = value.trim();
            let value = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                .unwrap_or(value);
            return Ok((name, op, value.to_owned()));
        }
    }
    let name = inner.trim().to_lowercase();
    if name.is_empty() || !name.chars().all(is_ident) {
        return Err(invalid(source, format!("bad attribute test [{inner}]")));
    }
    Ok((name, AttrOp::Exists, String::new()))
}

fn matches_compound(dom: &Dom, id: NodeId, c: &Compound) -> bool {
    let Some(name) = dom.name(id) else {
        return false;
    };
    if c.tag.as_deref().is_some_and(|t| t != name) {
        return false;
    }
    if !c.ids.iter().all(|i| dom.attr(id, "id") == Some(i.as_str())) {
        return false;
    }
    if !c.classes.is_empty() {
        let class = dom.attr(id, "class").unwrap_or("");
        if !c
            .classes
            .iter()
            .all(|k| class.split_ascii_whitespace().any(|w| w == k))
        {
            return false;
        }
    }
    c.attrs.iter().all(|(name, op, value)| {
        let Some(v) = dom.attr(id, name) else {
            return false;
        };
        match op {
            AttrOp::Exists => true,
            AttrOp::Equals => v == value,
            AttrOp::Word => v.split_ascii_whitespace().any(|w| w == value),
            AttrOp::Prefix => !value.is_empty() && v.starts_with(value.as_str()),
            AttrOp::Suffix => !value.is_empty() && v.ends_with(value.as_str()),
            AttrOp::Contains => !value.is_empty() && v.contains(value.as_str()),
            AttrOp::Dash => v == value || v.starts_with(&format!("{value}-")),
        }
    })
}

fn matches_complex(dom: &Dom, id: NodeId, parts: &[(Combinator, Compound)]) -> bool {
    let Some(((comb, last), rest)) = parts.split_last() else {
        return true;
    };
    if !matches_compound(dom, id, last) {
        return false;
    }
    if rest.is_empty() {
        return true;
    }
    match comb {
        Combinator::Child => {
            let p = dom.parent(id);
            dom.name(p).is_some() && matches_complex(dom, p, rest)
        }
        Combinator::Descendant => dom
            .ancestors(id)
            .any(|a| dom.name(a).is_some() && matches_complex(dom, a, rest)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::parse;

    #[test]
    fn selects() {
        let dom = parse(
            r#"<div id="main" class="a b"><p class="x">1</p><section><p>2</p></section></div><p data-k="v-1">3</p>"#,
        );
        let text = |s: &str| -> Vec<String> {
            Selector::parse(s)
                .unwrap()
                .select(&dom)
                .into_iter()
                .map(|n| dom.text_content(n))
                .collect()
        };
        assert_eq!(text("#main > p"), vec!["1"]);
        assert_eq!(text("div.a.b p"), vec!["1", "2"]);
        assert_eq!(text("p.x, [data-k|=v]"), vec!["1", "3"]);
        assert_eq!(text("[data-k^=v-]"), vec!["3"]);
        assert_eq!(text("div section > p"), vec!["2"]);
    }

    #[test]
    fn rejects_with_reason() {
        for bad in ["", "div >", "p:first-child", "a + b", "[x", "#", "div,,p"] {
            let err = Selector::parse(bad).unwrap_err();
            assert!(err.to_string().contains(bad), "{err}");
        }
    }
}
