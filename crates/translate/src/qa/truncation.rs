//! Translations that stop mid-sentence ("La tempête a privé d'électricité
//! les habitants de"): the source ends a sentence and the translation does
//! not, or ends on a word no sentence ends with.

/// Characters that close a quotation or a parenthesis after the sentence's end.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '」' | '』' | '›' | '*' | '\u{a0}' | '\u{202f}'
    ) || c.is_whitespace()
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | ':' | ';' | '。' | '！' | '？')
}

/// The last character of `text` before closing quotes and brackets.
fn last_mark(text: &str) -> Option<char> {
    text.trim_end_matches(is_closer).chars().last()
}

/// Words an English sentence never ends on.
const DANGLING_EN: &[&str] = &["the", "a", "an", "of", "and", "or"];

/// Words a French sentence never ends on ("an" is a year, so not here).
const DANGLING_FR: &[&str] = &[
    "le", "la", "les", "des", "de", "du", "et", "ou", "au", "aux", "dans", "sur", "avec",
];

/// The ending that shows a cut translation, if there is one.
pub(super) fn cut_ending(source: &str, target: &str, target_lang: &str) -> Option<String> {
    let words = source.split_whitespace().count();
    if words < 4 {
        return None;
    }
    let src_end = last_mark(source)?;
    let tail: String = {
        let trimmed = target.trim_end_matches(is_closer);
        let start = trimmed
            .char_indices()
            .rev()
            .take(30)
            .last()
            .map_or(0, |(i, _)| i);
        trimmed.get(start..).unwrap_or_default().to_string()
    };
    let tgt_end = last_mark(target)?;
    if is_terminal(src_end) && !is_terminal(tgt_end) {
        return Some(tail);
    }
    let dangling = match target_lang {
        "en" => DANGLING_EN,
        "fr" => DANGLING_FR,
        _ => &[] as &[&str],
    };
    if !dangling.is_empty() {
        let last_word = target
            .trim_end_matches(|c: char| is_closer(c) || is_terminal(c) || c == ',')
            .rsplit(|c: char| c.is_whitespace() || c == '\'' || c == '’')
            .next()
            .unwrap_or_default();
        // Lowercase as written: "Hoi An." and "Tôn Nữ Hoài An" are names.
        if dangling.contains(&last_word) {
            return Some(tail);
        }
    }
    None
}
