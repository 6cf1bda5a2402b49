//! Finding a span's translation in a sentence's translation: case- and
//! whitespace-insensitive, on Unicode characters, at word boundaries.

use std::ops::Range;

/// A text folded for matching: lower-case characters without whitespace,
/// each with the byte range of the character of the original it came from.
struct Folded {
    chars: Vec<char>,
    from: Vec<Range<usize>>,
}

fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2013}' | '\u{2014}' => '-',
        c => c,
    }
}

fn fold(text: &str, within: Range<usize>) -> Folded {
    let mut folded = Folded {
        chars: Vec::new(),
        from: Vec::new(),
    };
    let Some(slice) = text.get(within.clone()) else {
        return folded;
    };
    for (i, c) in slice.char_indices() {
        if c.is_whitespace() {
            continue;
        }
        let range = within.start + i..within.start + i + c.len_utf8();
        for lower in c.to_lowercase() {
            folded.chars.push(fold_char(lower));
            folded.from.push(range.clone());
        }
    }
    folded
}

/// Letters and digits of scripts written with spaces need a word boundary;
/// CJK and other unspaced scripts do not.
fn needs_boundary(c: char) -> bool {
    c.is_alphanumeric() && (c as u32) < 0x2E80
}

/// The needle without what a translation in isolation adds or drops around
/// it: outer whitespace, punctuation and quotes (`"Today."` → `Today`).
pub(crate) fn core(needle: &str) -> &str {
    needle.trim_matches(|c: char| !c.is_alphanumeric())
}

/// Byte ranges of `needle`'s occurrences in `hay[within]`, not overlapping
/// one another, compared without case or whitespace, at word boundaries.
/// An empty needle (after [`core`]) has none.
pub(crate) fn occurrences(hay: &str, needle: &str, within: Range<usize>) -> Vec<Range<usize>> {
    let needle = core(needle);
    let mut found = Vec::new();
    let Some(first) = needle.chars().next() else {
        return found;
    };
    let last = needle.chars().next_back().unwrap_or(first);
    let n = fold(needle, 0..needle.len()).chars;
    let h = fold(hay, within.clone());
    if n.is_empty() || h.chars.len() < n.len() {
        return found;
    }
    let mut start = 0;
    while start + n.len() <= h.chars.len() {
        let end = start + n.len();
        let same = h.chars.get(start..end).is_some_and(|w| w == n.as_slice());
        let (Some(a), Some(b)) = (h.from.get(start), h.from.get(end - 1)) else {
            break;
        };
        // A match must start and end on whole characters of the original.
        let whole = start == 0 || h.from.get(start - 1) != Some(a);
        let whole = whole && h.from.get(end) != Some(b);
        let range = a.start..b.end;
        if same && whole && at_boundaries(hay, &range, first, last, &within) {
            found.push(range);
            start = end;
        } else {
            start += 1;
        }
    }
    found
}

fn at_boundaries(
    hay: &str,
    range: &Range<usize>,
    first: char,
    last: char,
    within: &Range<usize>,
) -> bool {
    let before = hay
        .get(within.start..range.start)
        .and_then(|s| s.chars().next_back());
    let after = hay
        .get(range.end..within.end)
        .and_then(|s| s.chars().next());
    let before_ok = !needs_boundary(first) || !before.is_some_and(char::is_alphanumeric);
    let after_ok = !needs_boundary(last) || !after.is_some_and(char::is_alphanumeric);
    before_ok && after_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found<'a>(hay: &'a str, needle: &str) -> Vec<&'a str> {
        occurrences(hay, needle, 0..hay.len())
            .into_iter()
            .map(|r| &hay[r])
            .collect()
    }

    #[test]
    fn ignores_case_whitespace_and_outer_punctuation() {
        let fr = "Selon le journal  VnExpress, le prix de l’essence a augmenté.";
        assert_eq!(
            found(fr, "Le journal VnExpress."),
            vec!["le journal  VnExpress"]
        );
        assert_eq!(found(fr, "l'essence"), vec!["l’essence"]);
        assert_eq!(found("ĐÀ NẴNG mưa to", "Đà Nẵng"), vec!["ĐÀ NẴNG"]);
        assert_eq!(found(fr, "« journal »"), vec!["journal"]);
        assert!(found(fr, "...").is_empty());
    }

    #[test]
    fn word_boundaries_and_repeats() {
        assert!(found("Le Pakistan a gagné", "pas").is_empty());
        assert_eq!(found("rain and rain again", "rain"), vec!["rain", "rain"]);
        assert_eq!(found("東京で雨", "東京"), vec!["東京"]);
        let hay = "rain and rain";
        assert_eq!(occurrences(hay, "rain", 4..hay.len()), vec![9..13]);
    }
}
