//! Newsbridge's URL slugs: for articles, sections and authors, in every
//! language. Transliteration is the maintained `slug` crate's (deunicode);
//! what is added here is the length cap, cut at a word boundary.

/// Longest slug, in bytes (ASCII, so also in characters).
pub const MAX_SLUG_LEN: usize = 80;

/// A URL slug: lowercase ASCII letters, digits and hyphens, transliterated
/// from any script (`Đà Nẵng` → `da-nang`, `Путин` → `putin`), at most
/// [`MAX_SLUG_LEN`] bytes, cut after a whole word where there is one.
pub fn slugify(text: &str) -> String {
    let mut slug = ::slug::slugify(text);
    if slug.len() > MAX_SLUG_LEN {
        let cut = slug[..MAX_SLUG_LEN].rfind('-').unwrap_or(MAX_SLUG_LEN);
        slug.truncate(cut);
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_vietnamese_and_keep_other_scripts() {
        assert_eq!(
            slugify("Đà Nẵng: mưa lớn, 1.115 người sơ tán!"),
            "da-nang-mua-lon-1-115-nguoi-so-tan"
        );
        assert_eq!(slugify("Путин в Курске"), "putin-v-kurske");
        assert_eq!(slugify("  --  "), "");
    }

    #[test]
    fn long_text_is_cut_after_a_whole_word() {
        let slug = slugify(&"dài ".repeat(60));
        assert!(slug.len() <= MAX_SLUG_LEN);
        assert!(slug.ends_with("dai"), "{slug}");
        let one_word = slugify(&"a".repeat(10_000));
        assert_eq!(one_word.len(), MAX_SLUG_LEN);
        assert!(slugify(&"日本語".repeat(1_000)).len() <= MAX_SLUG_LEN);
    }
}
