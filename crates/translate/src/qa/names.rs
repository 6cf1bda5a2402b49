//! Vietnamese personal names a translation must keep: "Đào Thị Ngân" may be
//! written "Dao Thi Ngan" (a house style without diacritics), never "Đào
//! Thị Nga" nor "Đào Thị Ngàn". Names are found in the source as two to
//! four capitalised syllables from a common family name on; a name is kept
//! when the target has the same syllables, spaced or joined ("Lý Sơn" →
//! "Lyson"), either exactly or without any Vietnamese diacritic at all
//! (written with some, they must be the source's). At the start of a
//! sentence the first capital may be an ordinary word ("Hồ Tả Trạch": the
//! Tả Trạch lake; "Từ Hà Nội": from Hanoi), so the name without it counts too.

use unicode_normalization::UnicodeNormalization;

use super::vietnamese::{fold, is_syllable, is_vietnamese_only};

/// Family names that open most Vietnamese personal names.
const FAMILY_NAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đào", "Đinh", "Trịnh", "Lưu", "Tạ", "Lương", "Đoàn", "Vương",
    "Trương", "Lâm", "Phùng", "Tô", "Quách", "Kiều", "Duyệt", "Mạc", "Triệu", "Thân", "Từ",
    "Khổng", "Chu", "Đồng", "Tăng", "Giang", "Nghiêm", "Cao", "Mai", "Hà", "Châu", "Thái",
];

/// Capitalised pairs that start with a family name but are places translated
/// by meaning (`Hà Lan` is the Netherlands, `Châu Âu` Europe).
const NOT_NAMES: &[&str] = &[
    "hà lan",
    "châu âu",
    "châu á",
    "châu phi",
    "châu mỹ",
    "châu đại dương",
    "thái lan",
    "thái bình dương",
    "hồ gươm",
    "hồ tây",
    "hồ hoàn kiếm",
    "hoàng thành",
    "hoàng sa",
    // Places whose name becomes an adjective ("hanoïen", "Hanoian").
    "hà nội",
    "hà giang",
    "hà tĩnh",
    "hà nam",
    "hà tiên",
    "hà đông",
    "cao bằng",
    "lâm đồng",
    "đồng nai",
    "đồng tháp",
    "đồng hới",
    "thái bình",
    "thái nguyên",
    "phan thiết",
    "phan rang",
    "lý sơn",
    "mai châu",
];

/// A name of the source and, when it opens a sentence, the same name
/// without its first word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Name {
    /// The name as written.
    pub text: String,
    /// The name without its first word, when that word opens a sentence.
    pub shorter: Option<String>,
}

/// The personal names of a Vietnamese source.
pub(super) fn source_names(source: &str) -> Vec<Name> {
    // Words, each with whether punctuation follows it (a name never spans a
    // comma) and whether it opens a sentence.
    let mut words: Vec<(&str, bool)> = Vec::new();
    let mut opens: Vec<bool> = Vec::new();
    let mut sentence_start = true;
    for token in source.split_whitespace() {
        let parts: Vec<&str> = token
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .collect();
        let last_ends = !token.ends_with(char::is_alphabetic);
        let n = parts.len();
        for (k, w) in parts.into_iter().enumerate() {
            words.push((w, k + 1 < n || last_ends));
            opens.push(sentence_start && k == 0);
        }
        if n > 0 || token.chars().any(char::is_alphanumeric) {
            sentence_start = false;
        }
        if token.ends_with(['.', '!', '?', ':', '“', '"', '«'])
            || token.starts_with(['“', '"', '«']) && n == 0
        {
            sentence_start = true;
        }
    }
    let capital = |w: &str| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase)
            && chars.all(char::is_lowercase)
            && is_syllable(&fold(w))
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !FAMILY_NAMES.contains(&words[i].0) {
            i += 1;
            continue;
        }
        let mut len = 0;
        for (w, stop) in words[i..].iter().take(4) {
            if !capital(w) {
                break;
            }
            len += 1;
            if *stop {
                break;
            }
        }
        if len >= 2 {
            let name: Vec<&str> = words[i..i + len].iter().map(|(w, _)| *w).collect();
            let shorter = (opens.get(i) == Some(&true) && len >= 3).then(|| name[1..].join(" "));
            let name = name.join(" ");
            let lower = name.to_lowercase();
            let place = |n: &str| NOT_NAMES.iter().any(|p| n.to_lowercase().starts_with(p));
            if !place(&lower) && !shorter.as_deref().is_some_and(place) {
                out.push(Name {
                    text: name,
                    shorter,
                });
            }
            i += len;
        } else {
            i += 1;
        }
    }
    out
}

/// True when `target` writes `name` with its diacritics or with none,
/// spaced or joined.
pub(super) fn keeps_name(name: &str, target: &str) -> bool {
    let exact: Vec<char> = name
        .split_whitespace()
        .flat_map(|w| w.nfc().flat_map(char::to_lowercase).collect::<Vec<_>>())
        .collect();
    let want: String = name.split_whitespace().map(fold).collect();
    let words: Vec<&str> = target
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    (0..words.len()).any(|start| {
        let mut acc = String::new();
        for (k, w) in folded[start..].iter().enumerate() {
            acc.push_str(w);
            if acc == want {
                let span = &words[start..=start + k];
                let written: Vec<char> = span
                    .iter()
                    .flat_map(|w| w.nfc().flat_map(char::to_lowercase).collect::<Vec<_>>())
                    .collect();
                let bare = !span.iter().any(|w| w.chars().any(is_vietnamese_only));
                return written == exact || bare;
            }
            if !want.starts_with(acc.as_str()) {
                return false;
            }
        }
        false
    })
}
