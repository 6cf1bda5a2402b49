//! Runs of Vietnamese kept inside text in another language: the names and
//! words a French or English translation keeps as written ("Đắk Lắk", "Đào
//! Thị Ngân", "bánh mì"), found so they can be marked
//! [`Inline::Foreign`] (`<span lang="vi">` on the page: WCAG 2.1 SC 3.1.2,
//! Language of Parts) or written without diacritics by a house style that
//! wants "Dak Lak" ([`fold_vietnamese`]).
//!
//! A run is anchored on a word with a letter no French or English word has
//! ([`is_vietnamese_only`]) and grows over the neighbouring words of the same
//! name or phrase: words with any other Vietnamese letter (`Hà`, `Ngân`,
//! `gà`: not the French `à`, `là`, `où`), Vietnamese family names written
//! without marks on its left (`Phan Văn Khải`), and capitalised unmarked
//! syllables on its right (`Nguyễn Văn Minh`), except the short function
//! words of French and English (`In`, `Le`). A run never crosses
//! punctuation other than a hyphen (`Bà Rịa-Vũng Tàu`).
//!
//! Hand-written rather than a language identifier: the runs are one to four
//! words, far too short for a statistical guess, while Vietnamese spelling
//! marks them unambiguously.

use unicode_normalization::{is_nfc, UnicodeNormalization};

use crate::{Inline, RichText};

/// Letters no French or English word has: `đ ơ ư ă ĩ ũ`, the tone-marked vowels
/// (U+1EA0–U+1EF9) and `á í ó ú ã õ ì ò ý` (composed, either case).
/// A page in French or English showing one of these outside a `lang="vi"`
/// element shows unmarked Vietnamese.
pub fn is_vietnamese_only(c: char) -> bool {
    matches!(
        c,
        'đ' | 'Đ' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | 'ă' | 'Ă' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ' | '\u{1EA0}'
            ..='\u{1EF9}'
                | 'á'
                | 'Á'
                | 'í'
                | 'Í'
                | 'ó'
                | 'Ó'
                | 'ú'
                | 'Ú'
                | 'ã'
                | 'Ã'
                | 'õ'
                | 'Õ'
                | 'ì'
                | 'Ì'
                | 'ò'
                | 'Ò'
                | 'ý'
                | 'Ý'
    )
}

/// True when `text` (composed or not) has a letter of [`is_vietnamese_only`].
pub fn has_vietnamese_letter(text: &str) -> bool {
    if text.is_ascii() {
        return false;
    }
    if is_nfc(text) {
        text.chars().any(is_vietnamese_only)
    } else {
        text.nfc().any(is_vietnamese_only)
    }
}

/// Letters of the Vietnamese alphabet that French shares (`à â è é ê ô ù`).
fn is_shared_mark(c: char) -> bool {
    matches!(
        c,
        'à' | 'À' | 'â' | 'Â' | 'è' | 'È' | 'é' | 'É' | 'ê' | 'Ê' | 'ô' | 'Ô' | 'ù' | 'Ù'
    )
}

/// French words spelt with a shared mark that are also Vietnamese syllables in form.
const FRENCH_WORDS: &[&str] = &[
    "à", "là", "où", "dû", "né", "thé", "dé", "bé", "é", "ô", "mû", "tôt", "mât", "côté", "été",
    "né", "nè", "ça",
];

/// French and English function words that are Vietnamese syllables in form:
/// capitalised, they still do not join a name on its right.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "as", "at", "be", "by", "do", "go", "he", "in", "is", "it", "me", "my", "no", "of",
    "on", "or", "so", "to", "up", "we", "the", "la", "le", "les", "de", "du", "des", "en", "et",
    "ou", "un", "une", "au", "aux", "ce", "se", "ne", "sa", "son", "ta", "ton", "ma", "mon", "tu",
    "il", "on", "que", "qui", "but", "not", "can", "had", "has", "his", "her", "its", "our", "out",
    "new", "one", "two", "ten", "pour", "par", "sur", "dans",
];

/// Vietnamese family names without marks, which open a name on a run's left
/// (not `Le`, `To`, `Do`: French and English words too).
const PLAIN_FAMILY_NAMES: &[&str] = &[
    "Phan", "Mai", "Cao", "Chu", "Giang", "Ngo", "Ho", "Pham", "Tran", "Nguyen", "Vu", "Dang",
    "Bui", "Duong", "Dinh", "Trinh", "Luu", "Luong", "Doan", "Vuong", "Truong", "Lam", "Phung",
    "Quach", "Kieu", "Trieu", "Than", "Khong", "Dong", "Tang", "Nghiem", "Ha", "Chau", "Thai",
    "Hoang", "Huynh", "Vo", "Ly", "Ta", "Mac", "Tu",
];

const INITIALS: &[&str] = &[
    "ngh", "ng", "gh", "gi", "kh", "nh", "ph", "qu", "th", "tr", "ch", "b", "c", "d", "g", "h",
    "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];
const NUCLEI: &[&str] = &[
    "uye", "uya", "uyu", "oai", "oay", "oeo", "uoi", "uou", "ieu", "yeu", "uay", "ai", "ao", "au",
    "ay", "eo", "eu", "ia", "ie", "iu", "oa", "oe", "oi", "ua", "ue", "ui", "uo", "uy", "ye", "a",
    "e", "i", "o", "u", "y",
];
const FINALS: &[&str] = &["ng", "nh", "ch", "c", "m", "n", "p", "t", ""];

/// True when the word, folded to ASCII, is built like one Vietnamese syllable.
fn is_syllable(word: &str) -> bool {
    let folded = fold_vietnamese(word).to_lowercase();
    if folded.is_empty() || folded.len() > 7 || !folded.bytes().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    INITIALS.iter().any(|i| {
        folded.strip_prefix(i).is_some_and(|rest| {
            NUCLEI.iter().any(|n| {
                rest.strip_prefix(n)
                    .is_some_and(|fin| FINALS.contains(&fin))
            })
        })
    })
}

/// Folds Vietnamese letters to ASCII: marks dropped, `đ` → `d`
/// ("Đào Thị Ngân" → "Dao Thi Ngan"). Other text is left as it is, so only
/// the runs a house style writes without marks should be passed.
pub fn fold_vietnamese(text: &str) -> String {
    text.nfd()
        .filter(|c| !matches!(c, '\u{300}'..='\u{36f}'))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            _ => c,
        })
        .collect()
}

/// How a word may take part in a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Has a letter only Vietnamese uses: opens a run.
    Anchor,
    /// Joins a run beside it (a Vietnamese letter French shares, in a syllable).
    Joins,
    /// Joins a run when on its left (a family name without marks).
    JoinsRight,
    /// Joins a run when on its right (a capitalised unmarked syllable).
    JoinsLeft,
    /// Never part of a run.
    Other,
}

fn role(word: &str) -> Role {
    if word.chars().any(is_vietnamese_only) {
        return Role::Anchor;
    }
    let lower = word.to_lowercase();
    let capital = word.chars().next().is_some_and(char::is_uppercase);
    if word.chars().any(is_shared_mark) {
        let vietnamese = word
            .chars()
            .all(|c| c.is_ascii_alphabetic() || is_shared_mark(c));
        return if vietnamese && is_syllable(word) && !FRENCH_WORDS.contains(&lower.as_str()) {
            Role::Joins
        } else {
            Role::Other
        };
    }
    if !capital || !word.chars().all(|c| c.is_ascii_alphabetic()) {
        return Role::Other;
    }
    if PLAIN_FAMILY_NAMES.contains(&word) {
        return Role::JoinsRight;
    }
    if is_syllable(word) && !FUNCTION_WORDS.contains(&lower.as_str()) {
        Role::JoinsLeft
    } else {
        Role::Other
    }
}

/// Byte ranges of the Vietnamese runs of `text`, which must be composed
/// (NFC); empty when it has no letter of [`is_vietnamese_only`].
pub fn vietnamese_runs(text: &str) -> Vec<std::ops::Range<usize>> {
    if !text.chars().any(is_vietnamese_only) {
        return Vec::new();
    }
    // Words with their byte ranges, and whether the gap before each one
    // lets a run through (spaces or one hyphen).
    let mut words: Vec<(std::ops::Range<usize>, bool)> = Vec::new();
    let mut start: Option<usize> = None;
    let mut gap_start = 0;
    let mut push = |range: std::ops::Range<usize>, gap_start: usize| {
        let gap = &text[gap_start..range.start];
        let open = !gap.is_empty()
            && gap.chars().all(|c| c.is_whitespace() || c == '-')
            && gap.chars().filter(|c| *c == '-').count() <= 1;
        words.push((range, open));
    };
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            push(s..i, gap_start);
            gap_start = i;
        }
    }
    if let Some(s) = start {
        push(s..text.len(), gap_start);
    }
    let roles: Vec<Role> = words.iter().map(|(r, _)| role(&text[r.clone()])).collect();
    let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if roles[i] != Role::Anchor {
            i += 1;
            continue;
        }
        let mut first = i;
        while first > 0
            && words[first].1
            && matches!(
                roles[first - 1],
                Role::Anchor | Role::Joins | Role::JoinsRight
            )
        {
            first -= 1;
        }
        // Do not take back a word an earlier run ended before.
        if let Some(prev) = runs.last() {
            while first < i && words[first].0.start < prev.end {
                first += 1;
            }
        }
        let mut last = i;
        while last + 1 < words.len()
            && words[last + 1].1
            && matches!(
                roles[last + 1],
                Role::Anchor | Role::Joins | Role::JoinsLeft
            )
        {
            last += 1;
        }
        runs.push(words[first].0.start..words[last].0.end);
        i = last + 1;
    }
    runs
}

/// `text` as inline runs: plain text, with each Vietnamese run wrapped in
/// [`Inline::Foreign`] with `lang` `vi`. Decomposed input comes out composed
/// (NFC: the same text to a reader).
pub fn mark_vietnamese(text: &str) -> Vec<Inline> {
    if text.is_ascii() {
        return vec![Inline::Text(text.to_string())];
    }
    let composed: String;
    let text = if is_nfc(text) {
        text
    } else {
        composed = text.nfc().collect();
        composed.as_str()
    };
    let runs = vietnamese_runs(text);
    if runs.is_empty() {
        return vec![Inline::Text(text.to_string())];
    }
    let mut out = Vec::with_capacity(runs.len() * 2 + 1);
    let mut at = 0;
    for run in runs {
        if run.start > at {
            out.push(Inline::Text(text[at..run.start].to_string()));
        }
        out.push(Inline::Foreign {
            lang: "vi".into(),
            children: vec![Inline::Text(text[run.clone()].to_string())],
        });
        at = run.end;
    }
    if at < text.len() {
        out.push(Inline::Text(text[at..].to_string()));
    }
    out
}

/// `text` with each Vietnamese run folded to ASCII ([`fold_vietnamese`]),
/// the rest unchanged: "Crues au Đắk Lắk" → "Crues au Dak Lak".
pub fn fold_vietnamese_runs(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    let composed: String = text.nfc().collect();
    let runs = vietnamese_runs(&composed);
    if runs.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(composed.len());
    let mut at = 0;
    for run in runs {
        out.push_str(&composed[at..run.start]);
        out.push_str(&fold_vietnamese(&composed[run.clone()]));
        at = run.end;
    }
    out.push_str(&composed[at..]);
    out
}

impl RichText {
    /// The same text with every Vietnamese run of its plain text nodes
    /// wrapped in [`Inline::Foreign`] (`vi`); runs already marked stay as they are.
    pub fn mark_vietnamese(&self) -> RichText {
        RichText(mark_in(&self.0))
    }

    /// The same text with every Vietnamese run written without marks
    /// ([`fold_vietnamese_runs`]); marked runs are folded and unwrapped.
    pub fn fold_vietnamese_runs(&self) -> RichText {
        RichText(fold_in(&self.0))
    }

    /// True when a letter of [`is_vietnamese_only`] is outside every
    /// [`Inline::Foreign`] run.
    pub fn has_unmarked_vietnamese(&self) -> bool {
        unmarked_in(&self.0)
    }
}

fn mark_in(items: &[Inline]) -> Vec<Inline> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Inline::Text(t) => out.extend(mark_vietnamese(t)),
            Inline::Bold(c) => out.push(Inline::Bold(mark_in(c))),
            Inline::Italic(c) => out.push(Inline::Italic(mark_in(c))),
            Inline::Link { href, children } => out.push(Inline::Link {
                href: href.clone(),
                children: mark_in(children),
            }),
            Inline::Foreign { .. } | Inline::Break => out.push(item.clone()),
        }
    }
    out
}

fn fold_in(items: &[Inline]) -> Vec<Inline> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Inline::Text(t) => out.push(Inline::Text(fold_vietnamese_runs(t))),
            Inline::Bold(c) => out.push(Inline::Bold(fold_in(c))),
            Inline::Italic(c) => out.push(Inline::Italic(fold_in(c))),
            Inline::Link { href, children } => out.push(Inline::Link {
                href: href.clone(),
                children: fold_in(children),
            }),
            Inline::Foreign { lang, children } if lang == "vi" => {
                out.extend(fold_in(&unwrap_vi(children)))
            }
            Inline::Foreign { lang, children } => out.push(Inline::Foreign {
                lang: lang.clone(),
                children: fold_in(children),
            }),
            Inline::Break => out.push(Inline::Break),
        }
    }
    out
}

/// A marked run's content with its text folded whole (a marked run is one
/// name or phrase, so every word of it loses its marks).
fn unwrap_vi(children: &[Inline]) -> Vec<Inline> {
    children
        .iter()
        .map(|c| match c {
            Inline::Text(t) => Inline::Text(fold_vietnamese(t)),
            other => other.clone(),
        })
        .collect()
}

fn unmarked_in(items: &[Inline]) -> bool {
    items.iter().any(|item| match item {
        Inline::Text(t) => has_vietnamese_letter(t),
        Inline::Bold(c) | Inline::Italic(c) => unmarked_in(c),
        Inline::Link { children, .. } => unmarked_in(children),
        Inline::Foreign { lang, children } => lang != "vi" && unmarked_in(children),
        Inline::Break => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(text: &str) -> Vec<&str> {
        vietnamese_runs(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn names_and_places_are_whole_runs() {
        assert_eq!(
            runs("Des crues au Đắk Lắk, selon Đào Thị Ngân."),
            ["Đắk Lắk", "Đào Thị Ngân"]
        );
        assert_eq!(runs("Floods in Hà Nội and Huế"), ["Hà Nội", "Huế"]);
        assert_eq!(runs("Nguyễn Văn Minh said"), ["Nguyễn Văn Minh"]);
        assert_eq!(runs("premier ministre Phan Văn Khải"), ["Phan Văn Khải"]);
        assert_eq!(runs("la province de Bà Rịa-Vũng Tàu"), ["Bà Rịa-Vũng Tàu"]);
        assert_eq!(runs("Photo: Tư liệu"), ["Tư liệu"]);
        assert_eq!(runs("le bánh mì, le phở gà"), ["bánh mì", "phở gà"]);
    }

    #[test]
    fn french_and_english_words_around_a_run_stay_out() {
        // "à" is French; "In" and "Le" are function words; "Hué" is the French spelling.
        assert_eq!(runs("à Đà Nẵng"), ["Đà Nẵng"]);
        assert_eq!(runs("In Đà Nẵng On Monday"), ["Đà Nẵng"]);
        assert_eq!(runs("Le Huế de Hué"), ["Huế"]);
        assert!(runs("Inondations à Hué, été côté").is_empty());
        assert!(runs("plain English").is_empty());
    }

    #[test]
    fn marking_wraps_runs_and_keeps_the_rest() {
        let marked = mark_vietnamese("Crues au Đắk Lắk.");
        assert_eq!(
            marked,
            vec![
                Inline::Text("Crues au ".into()),
                Inline::Foreign {
                    lang: "vi".into(),
                    children: vec![Inline::Text("Đắk Lắk".into())]
                },
                Inline::Text(".".into()),
            ]
        );
        // Decomposed input is found too, and comes out composed.
        let nfd: String = "à Huế".nfd().collect();
        assert_eq!(
            mark_vietnamese(&nfd)[1],
            Inline::Foreign {
                lang: "vi".into(),
                children: vec![Inline::Text("Huế".into())]
            }
        );
        assert_eq!(mark_vietnamese("Hanoi"), vec![Inline::Text("Hanoi".into())]);
    }

    #[test]
    fn rich_text_is_marked_inside_its_markup_and_checked() {
        let text = RichText(vec![
            Inline::Text("Selon ".into()),
            Inline::Bold(vec![Inline::Text("Đào Thị Ngân".into())]),
            Inline::Link {
                href: "https://x.vn".into(),
                children: vec![Inline::Text(" à Huế".into())],
            },
        ]);
        assert!(text.has_unmarked_vietnamese());
        let marked = text.mark_vietnamese();
        assert!(!marked.has_unmarked_vietnamese());
        assert_eq!(marked.plain_text(), text.plain_text());
        assert_eq!(
            marked.mark_vietnamese(),
            marked,
            "marking twice changes nothing"
        );
        let folded = marked.fold_vietnamese_runs();
        assert_eq!(folded.plain_text(), "Selon Dao Thi Ngan à Hue");
        assert!(!folded.plain_text().chars().any(is_vietnamese_only));
    }

    #[test]
    fn folding_writes_names_without_marks() {
        assert_eq!(fold_vietnamese("Đắk Lắk"), "Dak Lak");
        assert_eq!(fold_vietnamese("Đào Thị Ngân"), "Dao Thi Ngan");
        assert_eq!(
            fold_vietnamese_runs("Crues au Đắk Lắk, été à Huế"),
            "Crues au Dak Lak, été à Hue"
        );
    }

    #[test]
    fn hostile_text_is_handled_in_linear_passes() {
        // Long words, many words, lone combining marks, mixed scripts.
        let long = "Đ".repeat(100_000);
        assert_eq!(runs(&long).len(), 1);
        let many = "Huế ".repeat(20_000);
        assert_eq!(runs(&many).len(), 1, "one run of 20 000 words");
        let marks = "\u{301}\u{303}a\u{323}".repeat(1000);
        let _ = mark_vietnamese(&marks);
        assert!(!has_vietnamese_letter("東京 Москва"));
        assert_eq!(mark_vietnamese(""), vec![Inline::Text(String::new())]);
    }
}
