//! Exact duplicates: a hash of the text as a reader sees it.

use std::fmt;

/// BLAKE3 hash of an article's normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContentHash(pub [u8; 32]);

impl ContentHash {
    /// Lower-case hex, 64 characters.
    pub fn to_hex(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

/// Lower-cased words separated by single spaces; punctuation dropped.
///
/// Changes of markup, spacing, case or punctuation do not change an
/// article's hash; a changed word does.
pub fn normalize_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in words(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word);
    }
    out
}

/// The words of a text, lower-cased, split at anything not alphanumeric.
pub(crate) fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// The content hash of a text (over [`normalize_text`]).
pub fn content_hash(text: &str) -> ContentHash {
    ContentHash(*blake3::hash(normalize_text(text).as_bytes()).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_spacing_case_and_punctuation() {
        let a = content_hash("Hà Nội: mưa lớn,  ngập nhiều tuyến phố.");
        let b = content_hash("hà nội mưa lớn\nngập nhiều tuyến phố");
        assert_eq!(a, b);
        assert_ne!(a, content_hash("Hà Nội: mưa nhỏ, ngập nhiều tuyến phố."));
        assert_eq!(a.to_hex().len(), 64);
    }
}
