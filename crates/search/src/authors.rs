//! Bylines into author entities.
//!
//! Vietnamese newspapers print bylines in many shapes: "Trần Quốc Huy",
//! "Nhóm PV", "Minh Anh - Thu Trang", "PV Hoàng Long (Theo VnExpress)",
//! "Theo TTXVN", "Bài và ảnh: Lê Minh Đức", "NGUYỄN VĂN A". [`parse_byline`]
//! splits a byline into the people and organisations it credits, each with
//! a display name (NFC, single spaces, names in title case), a key that is
//! the same whatever the diacritics, case or spacing (for one author page
//! per person and publisher), a role, and whether it is a news agency.

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::analysis::fold_diacritics;

/// What a credited name did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthorRole {
    /// Wrote the article (a reporter, a contributor, the default).
    Writer,
    /// A desk or team credited together ("Nhóm PV", "Nhóm phóng viên Đô thị").
    Group,
    /// Took the photos ("Ảnh: …").
    Photographer,
    /// The article comes from this agency or publication ("Theo TTXVN",
    /// "(Theo VnExpress)"): credit it, but it is not a person.
    Source,
}

/// One author entity credited by a byline.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Author {
    /// The name as the portal prints it ("Hoàng Long", "TTXVN").
    pub display_name: String,
    /// Diacritics, case and spacing removed ("hoang-long", "ttxvn"): the
    /// same person under any spelling has the same key.
    pub key: String,
    /// What they did.
    pub role: AuthorRole,
    /// A news agency (TTXVN, Reuters, AFP…), whose copy many papers print.
    pub agency: bool,
}

/// News agencies, by key, with the name printed for them.
const AGENCIES: &[(&str, &str)] = &[
    ("ttxvn", "TTXVN"),
    ("vna", "TTXVN"),
    ("thong-tan-xa-viet-nam", "TTXVN"),
    ("reuters", "Reuters"),
    ("afp", "AFP"),
    ("ap", "AP"),
    ("bloomberg", "Bloomberg"),
    ("xinhua", "Tân Hoa Xã"),
    ("tan-hoa-xa", "Tân Hoa Xã"),
    ("tass", "TASS"),
    ("kyodo", "Kyodo"),
    ("yonhap", "Yonhap"),
    ("nhk", "NHK"),
];

/// Titles printed before a name, dropped from it (lowercase, folded).
const TITLES: &[&str] = &[
    "phong vien",
    "pv",
    "btv",
    "ctv",
    "bien tap vien",
    "cong tac vien",
    "nha bao",
    "bac si",
    "bs",
    "ths",
    "ts",
    "pgs",
    "gs",
    "pgs.ts",
    "gs.ts",
    "ths.bs",
    "luat su",
    "ls",
];

/// Splits a printed byline into the author entities it credits, in printed
/// order, each once. Never fails: what it cannot read becomes a writer.
pub fn parse_byline(byline: &str) -> Vec<Author> {
    let text: String = byline.nfc().collect();
    let text = collapse(&text);
    let mut out: Vec<Author> = Vec::new();
    // Credits in parentheses come after the names they follow.
    let mut credits: Vec<Author> = Vec::new();
    // Parenthesised credits: "(Theo VnExpress)", "(từ Kuala Lumpur)".
    let mut main = String::new();
    let mut rest = text.as_str();
    while let Some(open) = rest.find('(') {
        main.push_str(rest.get(..open).unwrap_or_default());
        let after = rest.get(open + 1..).unwrap_or_default();
        let (inside, tail) = match after.find(')') {
            Some(close) => (
                after.get(..close).unwrap_or_default(),
                after.get(close + 1..).unwrap_or_default(),
            ),
            None => (after, ""),
        };
        if let Some(source) = strip_credit(inside) {
            for name in split_names(source) {
                push(&mut credits, source_author(&name));
            }
        }
        main.push(' ');
        rest = tail;
    }
    main.push_str(rest);
    let main = collapse(&main);
    // "Theo TTXVN", "Nguồn: Reuters".
    if let Some(source) = strip_credit(&main) {
        for name in split_names(source) {
            push(&mut out, source_author(&name));
        }
        for credit in credits {
            push(&mut out, credit);
        }
        return out;
    }
    // "Ảnh: X", "Bài và ảnh: X", "Bài: X - Ảnh: Y".
    for (i, part) in main.split(" - Ảnh:").enumerate() {
        let mut role = if i > 0 {
            AuthorRole::Photographer
        } else {
            AuthorRole::Writer
        };
        let mut part = part.trim().to_string();
        let lower = part.to_lowercase();
        for (label, r) in [
            ("bài và ảnh:", AuthorRole::Writer),
            ("bài, ảnh:", AuthorRole::Writer),
            ("bài:", AuthorRole::Writer),
            ("ảnh:", AuthorRole::Photographer),
        ] {
            if lower.starts_with(label) {
                part = part.chars().skip(label.chars().count()).collect();
                role = r;
                break;
            }
        }
        for name in split_names(&part) {
            if let Some(author) = person_or_group(&name, role) {
                push(&mut out, author);
            }
        }
    }
    for credit in credits {
        push(&mut out, credit);
    }
    out
}

fn push(out: &mut Vec<Author>, author: Author) {
    if !author.key.is_empty() && !out.iter().any(|a| a.key == author.key) {
        out.push(author);
    }
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The credited source after "Theo" or "Nguồn:", if the text is one.
fn strip_credit(text: &str) -> Option<&str> {
    let trimmed = text.trim();
    let lower = trimmed.to_lowercase();
    for prefix in ["theo ", "nguồn:", "nguồn "] {
        if lower.starts_with(prefix) {
            return trimmed.get(prefix.len()..).map(str::trim);
        }
    }
    None
}

/// Names separated by " - ", " – ", ",", ";", "&", "/" or " và ".
fn split_names(text: &str) -> Vec<String> {
    let mut s = text.to_string();
    for sep in [
        " – ", " — ", " - ", ",", ";", "&", "/", " và ", " VÀ ", " Và ",
    ] {
        s = s.replace(sep, "\u{1}");
    }
    s.split('\u{1}')
        .map(|n| collapse(n.trim_matches(|c: char| c.is_whitespace() || c == '.' || c == ':')))
        .filter(|n| !n.is_empty())
        .collect()
}

/// A slug of a name: diacritics folded (đ → d), lowercase, words joined by '-'.
pub fn author_key(name: &str) -> String {
    let folded = fold_diacritics(&name.nfc().collect::<String>()).to_lowercase();
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

fn source_author(name: &str) -> Author {
    let key = author_key(name);
    match AGENCIES.iter().find(|(k, _)| *k == key) {
        Some((_, display)) => Author {
            display_name: (*display).to_string(),
            key: author_key(display),
            role: AuthorRole::Source,
            agency: true,
        },
        None => Author {
            display_name: name.to_string(),
            key,
            role: AuthorRole::Source,
            agency: false,
        },
    }
}

fn person_or_group(name: &str, role: AuthorRole) -> Option<Author> {
    let key = author_key(name);
    if key.is_empty() {
        return None;
    }
    if let Some((_, display)) = AGENCIES.iter().find(|(k, _)| *k == key) {
        return Some(Author {
            display_name: (*display).to_string(),
            key: author_key(display),
            role: AuthorRole::Source,
            agency: true,
        });
    }
    let folded = key.replace('-', " ");
    if folded.starts_with("nhom ") || folded == "nhom" || folded.starts_with("ban ") {
        return Some(Author {
            display_name: sentence_case(name),
            key,
            role: AuthorRole::Group,
            agency: false,
        });
    }
    // Drop leading titles ("PV", "Bác sĩ", "PGS.TS").
    let mut words: Vec<&str> = name.split(' ').collect();
    loop {
        let first = words.first()?;
        let first_key = fold_diacritics(first).to_lowercase();
        let two = words
            .get(1)
            .map(|w| format!("{first_key} {}", fold_diacritics(w).to_lowercase()));
        if two.as_deref().is_some_and(|t| TITLES.contains(&t)) && words.len() > 2 {
            words.drain(..2);
        } else if TITLES.contains(&first_key.trim_end_matches('.')) && words.len() > 1 {
            words.remove(0);
        } else {
            break;
        }
    }
    let display = words
        .iter()
        .map(|w| title_case(w))
        .collect::<Vec<_>>()
        .join(" ");
    Some(Author {
        key: author_key(&display),
        display_name: display,
        role,
        agency: false,
    })
}

/// "NGUYỄN" → "Nguyễn", "văn" → "Văn"; "PV" stays (letters and no vowel change needed).
fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

/// A group name keeps its own case except when shouted ("NHÓM PV" → "Nhóm PV").
fn sentence_case(name: &str) -> String {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    let shouted = letters.len() > 4 && letters.iter().all(|c| !c.is_lowercase());
    if !shouted {
        return name.to_string();
    }
    name.split(' ')
        .enumerate()
        .map(|(i, w)| {
            if w.chars().count() <= 3 {
                w.to_string()
            } else if i == 0 {
                title_case(w)
            } else {
                w.to_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
