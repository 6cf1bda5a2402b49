//! A word-level diff of the editor's text against the machine's, for the
//! segment editor.
//!
//! Hand-written (a longest-common-subsequence table over words, about thirty
//! lines) rather than a diff crate: the web crate takes no new dependency for
//! it, and the same algorithm runs in `assets/desk.js` for the live diff
//! while typing, so both show the same change. Texts longer than
//! [`MAX_WORDS`] words are shown as removed-then-added whole, so a hostile
//! segment cannot make the table large.

use maud::{html, Markup};

/// Longest text, in words, diffed word by word.
pub(crate) const MAX_WORDS: usize = 400;

/// One piece of a diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece<'a> {
    /// In both.
    Same(&'a str),
    /// Only in the old text.
    Removed(&'a str),
    /// Only in the new text.
    Added(&'a str),
}

/// Splits into words and the spaces after them (so pieces join back exactly).
fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space = None;
    for (i, c) in s.char_indices() {
        let space = c.is_whitespace();
        match in_space {
            Some(was) if was && !space => {
                out.push(&s[start..i]);
                start = i;
            }
            _ => {}
        }
        in_space = Some(space);
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// The word diff of `old` → `new`.
pub(crate) fn diff<'a>(old: &'a str, new: &'a str) -> Vec<Piece<'a>> {
    let (a, b) = (tokens(old), tokens(new));
    if a.len() > MAX_WORDS || b.len() > MAX_WORDS {
        return vec![Piece::Removed(old), Piece::Added(new)];
    }
    // lcs[i][j]: common words of a[i..] and b[j..].
    let mut lcs = vec![vec![0u16; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i].trim_end() == b[j].trim_end() {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        if a[i].trim_end() == b[j].trim_end() {
            // The same word: keep the space after it if either text has one.
            out.push(Piece::Same(if a[i].len() > b[j].len() {
                a[i]
            } else {
                b[j]
            }));
            i += 1;
            j += 1;
        } else if lcs[i + 1][j] >= lcs[i][j + 1] {
            out.push(Piece::Removed(a[i]));
            i += 1;
        } else {
            out.push(Piece::Added(b[j]));
            j += 1;
        }
    }
    out.extend(a[i..].iter().map(|w| Piece::Removed(w)));
    out.extend(b[j..].iter().map(|w| Piece::Added(w)));
    out
}

/// The diff as `del`/`ins` markup.
pub(crate) fn render(old: &str, new: &str) -> Markup {
    html! {
        @for p in diff(old, new) {
            @match p {
                Piece::Same(w) => (w),
                Piece::Removed(w) => del { (w) },
                Piece::Added(w) => ins { (w) },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_changed_are_marked() {
        assert_eq!(
            diff("Il y a 115 personnes", "Il y a 1 115 personnes"),
            [
                Piece::Same("Il "),
                Piece::Same("y "),
                Piece::Same("a "),
                Piece::Added("1 "),
                Piece::Same("115 "),
                Piece::Same("personnes"),
            ]
        );
        assert_eq!(diff("", ""), []);
        // A word removed after a shared one keeps the space between them.
        assert_eq!(
            render("Có người bị thương", "Có người").into_string(),
            "Có người <del>bị </del><del>thương</del>"
        );
        assert_eq!(diff("a", ""), [Piece::Removed("a")]);
    }

    #[test]
    fn huge_texts_are_not_diffed_word_by_word() {
        let old = "mot ".repeat(MAX_WORDS + 1);
        let got = diff(&old, "autre");
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn markup_is_escaped() {
        let html = render("<b>x</b>", "<script>y</script>").into_string();
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }
}
