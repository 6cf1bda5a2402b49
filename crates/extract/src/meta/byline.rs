//! Authors from visible bylines: "Bài: Nguyễn Văn A - Ảnh: Trần B", "By Jane Doe".

use article::Author;

use crate::text::{clean, dedupe_repeat};

/// Role labels and the role they name.
const ROLES: &[(&str, &str)] = &[
    ("bài và ảnh", "Text and photos"),
    ("bài, ảnh", "Text and photos"),
    ("ảnh", "Photos"),
    ("bài", "Reporter"),
    ("video", "Video"),
    ("đồ họa", "Graphics"),
    ("thực hiện", "Reporter"),
    ("nhóm phóng viên", "Reporter"),
    ("phóng viên", "Reporter"),
    ("pv", "Reporter"),
    ("biên dịch", "Translated by"),
    ("dịch", "Translated by"),
    ("lược dịch", "Translated by"),
    ("tổng hợp", "Compiled by"),
    ("photos", "Photos"),
    ("photo", "Photos"),
    ("text", "Reporter"),
    ("reporting", "Reporter"),
    ("translated by", "Translated by"),
];

/// Job titles written in front of names without a colon ("Phóng viên Nguyễn
/// Văn A") and the role they name. Longest first, so "nhóm phóng viên" wins.
const TITLES: &[(&str, &str)] = &[
    ("nhóm phóng viên", "Reporter"),
    ("phóng viên ảnh", "Photos"),
    ("phóng viên", "Reporter"),
    ("biên tập viên", "Editor"),
    ("cộng tác viên", "Contributor"),
    ("nhiếp ảnh gia", "Photos"),
    ("nhà báo", "Reporter"),
    ("nhóm pv", "Reporter"),
    ("ctv", "Contributor"),
    ("btv", "Editor"),
    ("pv", "Reporter"),
    ("staff reporter", "Reporter"),
    ("reporter", "Reporter"),
    ("photographer", "Photos"),
];

/// A job title at the start of `names` followed by a capitalised name: the
/// role, and the names without the title.
fn leading_title(names: &str) -> Option<(&'static str, &str)> {
    let trimmed = names.trim_start();
    for (title, role) in TITLES {
        let Some(head) = trimmed.get(..title.len()) else {
            continue;
        };
        if !head.to_lowercase().eq(title) {
            continue;
        }
        let rest = trimmed.get(title.len()..).unwrap_or("");
        let mut chars = rest.chars();
        let spaced = chars.next().is_some_and(char::is_whitespace);
        let capital = rest
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        if spaced && capital {
            return Some((role, rest.trim_start()));
        }
    }
    None
}

/// Words in front of a name that are not part of it.
const PREFIXES: &[&str] = &[
    "by ",
    "von ",
    "par ",
    "por ",
    "tác giả:",
    "tác giả ",
    "theo ",
];

/// Parses one byline into authors with roles.
pub(crate) fn parse_byline(raw: &str, url: Option<String>) -> Vec<Author> {
    // "Khải Hoàn (TTXVN/Vietnam+)": a parenthesis names the outlet, not a person.
    let text = strip_parentheses(&clean(raw));
    let mut out: Vec<Author> = Vec::new();
    // Split on role labels first, then on separators between names.
    for chunk in split_roles(&text) {
        let (mut role, names) = chunk;
        let mut names = names.as_str();
        if role.is_none() {
            if let Some((r, rest)) = leading_title(names) {
                role = Some(r);
                names = rest;
            }
        }
        for name in names
            .split([',', ';', '|', '&', '/'])
            .flat_map(|n| n.split(" - "))
            .flat_map(|n| n.split(" – "))
            .flat_map(|n| n.split(" và "))
            .flat_map(|n| n.split(" and "))
        {
            let mut name = name
                .trim()
                .trim_matches(|c: char| matches!(c, '(' | ')' | '-' | '–' | '.' | ':'))
                .trim()
                .to_owned();
            let lower = name.to_lowercase();
            for p in PREFIXES {
                if lower.starts_with(p) {
                    name = name.get(p.len()..).unwrap_or("").trim().to_owned();
                    break;
                }
            }
            let name = dedupe_repeat(&name);
            if !plausible_name(&name) {
                continue;
            }
            push_unique(
                &mut out,
                Author {
                    name,
                    role: role.map(str::to_owned),
                    url: url.clone(),
                },
            );
        }
    }
    out
}

fn strip_parentheses(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    clean(&out)
}

fn split_roles(text: &str) -> Vec<(Option<&'static str>, String)> {
    let lower = text.to_lowercase();
    // Find label positions "label:" in the text.
    let mut marks: Vec<(usize, usize, &'static str)> = Vec::new();
    for (label, role) in ROLES {
        let needle = format!("{label}:");
        let mut from = 0;
        while let Some(pos) = lower.get(from..).and_then(|l| l.find(&needle)) {
            let at = from + pos;
            let boundary = at == 0 || lower[..at].ends_with(|c: char| !c.is_alphanumeric());
            if boundary && !marks.iter().any(|(s, e, _)| at >= *s && at < *e) {
                marks.push((at, at + needle.len(), role));
            }
            from = at + needle.len();
        }
    }
    marks.sort_by_key(|m| m.0);
    if marks.is_empty() {
        return vec![(None, text.to_owned())];
    }
    let mut out = Vec::new();
    // Positions come from the lower-cased copy; map them back by char index.
    let lower_chars: Vec<(usize, char)> = lower.char_indices().collect();
    let orig_chars: Vec<(usize, char)> = text.char_indices().collect();
    let to_orig = |lpos: usize| -> usize {
        if lower_chars.len() != orig_chars.len() {
            return lpos.min(text.len());
        }
        let idx = lower_chars
            .iter()
            .position(|(b, _)| *b >= lpos)
            .unwrap_or(lower_chars.len());
        orig_chars.get(idx).map_or(text.len(), |(b, _)| *b)
    };
    let first = to_orig(marks[0].0);
    if let Some(head) = text.get(..first) {
        if !head.trim().is_empty() {
            out.push((None, head.to_owned()));
        }
    }
    for (i, (_, end, role)) in marks.iter().enumerate() {
        let stop = marks.get(i + 1).map_or(text.len(), |m| to_orig(m.0));
        let start = to_orig(*end);
        if let Some(names) = text.get(start..stop) {
            out.push((Some(*role), names.to_owned()));
        }
    }
    out
}

/// Adds an author unless the same name is already there.
pub(crate) fn push_unique(list: &mut Vec<Author>, author: Author) {
    let key = author.name.to_lowercase();
    if let Some(existing) = list.iter_mut().find(|a| a.name.to_lowercase() == key) {
        if existing.role.is_none() {
            existing.role = author.role;
        }
        if existing.url.is_none() {
            existing.url = author.url;
        }
        return;
    }
    list.push(author);
}

/// Names are short, have no digits and are not sentences.
pub(crate) fn plausible_name(name: &str) -> bool {
    let words = name.split_whitespace().count();
    (1..=6).contains(&words)
        && name.chars().count() <= 60
        && !name.chars().any(|c| c.is_ascii_digit() || c == '@')
        && name.chars().next().is_some_and(char::is_alphabetic)
        && !name.starts_with("http")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[Author]) -> Vec<(String, Option<String>)> {
        v.iter().map(|a| (a.name.clone(), a.role.clone())).collect()
    }

    #[test]
    fn roles() {
        let a = parse_byline("Bài: Nguyễn Văn An - Ảnh: Trần Bình", None);
        assert_eq!(
            names(&a),
            vec![
                ("Nguyễn Văn An".into(), Some("Reporter".into())),
                ("Trần Bình".into(), Some("Photos".into()))
            ]
        );
        let a = parse_byline("By Jane Doe and John Roe", None);
        assert_eq!(
            names(&a),
            vec![("Jane Doe".into(), None), ("John Roe".into(), None)]
        );
    }

    #[test]
    fn titles_without_colon() {
        let a = parse_byline("Phóng viên Nguyễn Văn A", None);
        assert_eq!(
            names(&a),
            vec![("Nguyễn Văn A".into(), Some("Reporter".into()))]
        );
        let a = parse_byline("Nhóm phóng viên Minh Anh - Quốc Tuấn", None);
        assert_eq!(
            names(&a),
            vec![
                ("Minh Anh".into(), Some("Reporter".into())),
                ("Quốc Tuấn".into(), Some("Reporter".into()))
            ]
        );
        let a = parse_byline("PV Hoàng Long", None);
        assert_eq!(
            names(&a),
            vec![("Hoàng Long".into(), Some("Reporter".into()))]
        );
        let a = parse_byline("Biên tập viên Lê Hà, Ảnh: Trần Bình", None);
        assert_eq!(
            names(&a),
            vec![
                ("Lê Hà".into(), Some("Editor".into())),
                ("Trần Bình".into(), Some("Photos".into()))
            ]
        );
        // A name that merely starts like a title keeps its words.
        let a = parse_byline("Pvương Anh", None);
        assert_eq!(names(&a), vec![("Pvương Anh".into(), None)]);
    }

    #[test]
    fn duplicates() {
        let a = parse_byline("MINH ANH MINH ANH", None);
        assert_eq!(names(&a), vec![("MINH ANH".into(), None)]);
        let a = parse_byline("Hà Phương, Hà Phương", None);
        assert_eq!(names(&a), vec![("Hà Phương".into(), None)]);
    }
}
