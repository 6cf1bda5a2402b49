//! Vietnamese left inside a translation: a run of Vietnamese words in a
//! French or English sentence (half a sentence translated, the rest not).
//!
//! A word counts as Vietnamese when it has a letter only Vietnamese uses
//! among the portal's Latin-script languages (`đ ơ ư ă ĩ ũ`, the tone-marked
//! vowels U+1EA0–U+1EF9, and `á í ó ú ã õ ì ò ý`), or when it has an accent
//! French shares (`à â é ê ô ù`) but is built like a Vietnamese syllable
//! (`dân`, `về`) and is no French word. Capitalised words the source also
//! has are names ("Đắk Lắk", "Đào Thị Ngân"): they neither count nor break
//! a run; words the glossary keeps are taken out first. Unaccented words of
//! the source that read as Vietnamese syllables (`cho`, `trong`) join a run
//! without counting, so a leftover clause is one run however its accents
//! fall, while French words (`le`, `et`) end it: "le bánh mì, le mì Quảng
//! et le chè" is three short runs, not one.

use std::collections::HashSet;

use unicode_normalization::UnicodeNormalization;

/// Vietnamese words in one run from which the run is a leftover (an
/// unaccented syllable counts half).
pub(super) const MIN_RUN: usize = 3;

/// Letters no French or English word has (the portal's one definition,
/// [`article::foreign::is_vietnamese_only`]: `đ ơ ư ă ĩ ũ`, the tone-marked
/// vowels, `á í ó ú ã õ ì ò ý`).
pub(super) fn is_vietnamese_only(c: char) -> bool {
    article::foreign::is_vietnamese_only(c)
}

/// Accented French words that are also Vietnamese syllables in form.
const FRENCH_SYLLABLES: &[&str] = &[
    "à", "là", "où", "dû", "né", "thé", "dé", "bé", "é", "ô", "çà", "mû", "tôt", "mât", "côté",
];

/// Folds a word to ASCII letters (`dân` → `dan`, `đường` → `duong`).
pub(super) fn fold(word: &str) -> String {
    word.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

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

/// True when the folded word is built like one Vietnamese syllable.
pub(super) fn is_syllable(folded: &str) -> bool {
    if folded.is_empty() || folded.len() > 7 {
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    /// Vietnamese: counts toward a run.
    Counted,
    /// An unaccented Vietnamese syllable of the source (`trong`, `thua`):
    /// counts half, since French and English have such words too.
    Syllable,
    /// A name, a kept term, a number or unit of the source: neither counts nor breaks.
    Neutral,
    /// Anything else: ends a run.
    Other,
}

fn classify(word: &str, names: &HashSet<String>, source_words: &HashSet<String>) -> Word {
    let lower: String = word.to_lowercase();
    let capital = word.chars().next().is_some_and(char::is_uppercase);
    if capital && names.contains(word) {
        return Word::Neutral;
    }
    let folded = fold(word);
    if word.chars().any(is_vietnamese_only) {
        return Word::Counted;
    }
    if word.chars().all(|c| c.is_ascii_alphanumeric()) {
        // "trong", "cho", "kg" left from the source; "le", "et" are French.
        return match (source_words.contains(&lower), is_syllable(&folded)) {
            (true, true) => Word::Syllable,
            (true, false) => Word::Neutral,
            (false, _) => Word::Other,
        };
    }
    let accented_vi = word.chars().all(|c| {
        c.is_ascii_alphabetic()
            || matches!(
                c,
                'à' | 'â' | 'é' | 'ê' | 'ô' | 'ù' | 'è' | 'À' | 'Â' | 'É' | 'Ê' | 'Ô'
            )
    });
    if accented_vi && is_syllable(&folded) && !FRENCH_SYLLABLES.contains(&lower.as_str()) {
        Word::Counted
    } else {
        Word::Other
    }
}

/// Punctuation that separates the items of a list ("cao lầu, bánh mì"):
/// a run of leftover Vietnamese does not go across it.
fn is_break(c: char) -> bool {
    matches!(
        c,
        ',' | ';' | ':' | '(' | ')' | '«' | '»' | '“' | '”' | '"' | '*' | '–' | '—'
    )
}

/// Words of `text` (letters and digits) with their byte offsets; an empty
/// word stands for a list-separating punctuation mark.
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            out.push((s, &text[s..i]));
        }
        // "2,5" and "20:30" are numbers, not lists.
        let spaced = chars.peek().is_none_or(|(_, n)| n.is_whitespace());
        if is_break(c) && (spaced || !matches!(c, ',' | ':')) {
            out.push((i, ""));
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// True when Vietnamese words, cut into short runs by punctuation, still
/// make up a quarter of the sentence's words (names and numbers aside):
/// "ont atteint 7,2 triệu tấn, thu về 4,1 tỷ USD".
fn scattered(
    list: &[(usize, &str)],
    names: &HashSet<String>,
    source_words: &HashSet<String>,
) -> bool {
    let mut counted = 0;
    let mut total = 0;
    for (_, w) in list.iter().filter(|(_, w)| !w.is_empty()) {
        if w.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        match classify(w, names, source_words) {
            Word::Counted => {
                counted += 1;
                total += 1;
            }
            Word::Neutral if names.contains(*w) => {}
            _ => total += 1,
        }
    }
    counted >= MIN_RUN && counted * 4 >= total
}

/// The longest run of Vietnamese words in `target` (at least [`MIN_RUN`]
/// counted words), as written; `keep` are texts that may stay as they are
/// (glossary renderings), `source` gives the names.
pub(super) fn leftover(source: &str, target: &str, keep: &[String]) -> Option<String> {
    let mut masked = target.to_string();
    for term in keep.iter().filter(|t| !t.is_empty()) {
        masked = masked.replace(term.as_str(), &" ".repeat(term.len()));
    }
    let names: HashSet<String> = words(source)
        .into_iter()
        .filter(|(_, w)| w.chars().next().is_some_and(char::is_uppercase))
        .map(|(_, w)| w.to_string())
        .collect();
    let source_words: HashSet<String> = words(source)
        .into_iter()
        .map(|(_, w)| w.to_lowercase())
        .collect();
    let list = words(&masked);
    // Runs as (weight in half words, first word, last word).
    let mut runs: Vec<(usize, usize, usize)> = Vec::new();
    let mut run: Option<(usize, usize, usize)> = None;
    for (i, (_, w)) in list.iter().enumerate() {
        let class = if w.is_empty() {
            Word::Other
        } else {
            classify(w, &names, &source_words)
        };
        match class {
            Word::Counted | Word::Syllable => {
                let r = run.get_or_insert((0, i, i));
                r.0 += if class == Word::Counted { 2 } else { 1 };
                r.2 = i;
            }
            Word::Neutral => {}
            Word::Other => runs.extend(run.take()),
        }
    }
    runs.extend(run.take());
    let &(counted, first, last) = runs.iter().max_by_key(|r| (r.0, std::cmp::Reverse(r.1)))?;
    // Cut by punctuation into short runs, a leftover clause still has two
    // runs of two words or more ("7,2 triệu tấn, thu về 4,1 tỷ USD"), where
    // a list of dishes named in Vietnamese has one at most.
    let pieces = runs.iter().filter(|r| r.0 >= 4).count();
    if counted < MIN_RUN * 2 && !(pieces >= 2 && scattered(&list, &names, &source_words)) {
        return None;
    }
    let (start, _) = list.get(first)?;
    let (end_start, end_word) = list.get(last)?;
    target
        .get(*start..end_start + end_word.len())
        .map(str::to_string)
}
