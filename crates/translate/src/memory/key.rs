//! Normalised keys of segments: exact and near-exact.

use icu_properties::props::{GeneralCategory, GeneralCategoryGroup};
use icu_properties::CodePointMapData;
use unicode_normalization::UnicodeNormalization;

use crate::numbers::{find_numbers, NumberConventions};
use crate::placeholder::{self, Token};

/// The two lookup keys of a source segment.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SegmentKey {
    /// NFC, whitespace collapsed and trimmed: equal keys mean the same segment.
    pub exact: String,
    /// The exact key without whitespace and punctuation, numbers replaced by `#`:
    /// equal keys mean the segments differ only in those.
    pub near: String,
}

impl SegmentKey {
    /// Keys of a placeholder string in language `lang`.
    pub fn new(source: &str, lang: &str) -> Self {
        let conventions = locale::number_format(lang)
            .map(|f| f.conventions())
            .unwrap_or(NumberConventions {
                group: ',',
                decimal: '.',
            });
        let exact = exact_key(source);
        let near = near_key(&exact, &conventions);
        SegmentKey { exact, near }
    }
}

/// NFC with runs of whitespace (including no-break spaces) made one space.
pub(crate) fn exact_key(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut pending_space = false;
    for c in source.nfc() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out
}

fn near_key(exact: &str, conventions: &NumberConventions) -> String {
    let categories = CodePointMapData::<GeneralCategory>::new();
    let mut out = String::with_capacity(exact.len());
    for (_, token) in placeholder::tokenize(exact) {
        match token {
            Token::Tag { kind, id, form } => {
                out.push('\u{1}');
                out.push_str(&placeholder::render_tag(kind, id, form));
            }
            Token::Text(raw) => {
                let text = placeholder::unescape(raw);
                let mut last = 0;
                let push_words = |s: &str, out: &mut String| {
                    for c in s.chars() {
                        if !c.is_whitespace()
                            && !GeneralCategoryGroup::Punctuation.contains(categories.get(c))
                        {
                            out.push(c);
                        }
                    }
                };
                for number in find_numbers(&text, conventions) {
                    push_words(
                        text.get(last..number.range.start).unwrap_or_default(),
                        &mut out,
                    );
                    out.push_str(if number.percent { "#%" } else { "#" });
                    last = number.range.end;
                }
                push_words(text.get(last..).unwrap_or_default(), &mut out);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_what_they_should() {
        let a = SegmentKey::new("Giá xăng tăng 3,5%  trong năm 2024.", "vi");
        let b = SegmentKey::new("Giá xăng tăng 4,1% trong năm 2025 !", "vi");
        let c = SegmentKey::new("Giá dầu tăng 3,5% trong năm 2024.", "vi");
        assert_eq!(a.exact, "Giá xăng tăng 3,5% trong năm 2024.");
        assert_eq!(a.near, b.near);
        assert_ne!(a.exact, b.exact);
        assert_ne!(a.near, c.near);
        // NFD input (as some CMSs send) has the same key as NFC.
        let nfd: String = "Hà Nội".nfd().collect();
        assert_eq!(SegmentKey::new(&nfd, "vi"), SegmentKey::new("Hà Nội", "vi"));
        // Markup is part of both keys.
        assert_ne!(
            SegmentKey::new("<x1>Hà Nội</x1>", "vi").near,
            SegmentKey::new("Hà Nội", "vi").near
        );
    }
}
