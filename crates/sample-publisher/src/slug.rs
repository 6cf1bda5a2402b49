//! The paper's own URL slugs, written the way Vietnamese newsroom CMSs
//! write them: diacritics removed, words joined by hyphens, the digits of a
//! number kept together (`1.115` → `1115`), no length cap, letters outside
//! Vietnamese dropped.
//!
//! This is deliberately not Newsbridge's `article::slug::slugify` (which
//! writes `1-115`, caps at 80 bytes and transliterates every script): the
//! fixture's addresses are a publisher's, not ours, so that the tests show
//! Newsbridge makes its own slugs instead of copying the publisher's.

/// Base letters and every accented form that folds onto them.
const FOLDS: &[(char, &str)] = &[
    ('a', "àáảãạăằắẳẵặâầấẩẫậ"),
    ('e', "èéẻẽẹêềếểễệ"),
    ('i', "ìíỉĩị"),
    ('o', "òóỏõọôồốổỗộơờớởỡợ"),
    ('u', "ùúủũụưừứửữự"),
    ('y', "ỳýỷỹỵ"),
    ('d', "đ"),
];

/// Folds one lower-case character to ASCII when it is a Vietnamese letter.
fn fold(c: char) -> char {
    FOLDS
        .iter()
        .find(|(_, forms)| forms.contains(c))
        .map_or(c, |(base, _)| *base)
}

/// The paper's slug of `text`: `"Hà Nội mưa lớn, 1.115 người"` → `"ha-noi-mua-lon-1115-nguoi"`.
pub fn paper_slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = fold(c);
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            out.push(c);
        } else if c == '.' || c == ',' || c == '\'' {
            // Thousands separators and decimal commas join digits: 1.115 → 1115.
        } else {
            pending_hyphen = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::paper_slug;

    #[test]
    fn folds_vietnamese_and_joins_words() {
        assert_eq!(
            paper_slug("Hà Nội mưa lớn, 1.115 người"),
            "ha-noi-mua-lon-1115-nguoi"
        );
        assert_eq!(
            paper_slug("Đường Trường Sơn: ĐỒNG BẰNG"),
            "duong-truong-son-dong-bang"
        );
        assert_eq!(paper_slug("  Thể thao  "), "the-thao");
        assert_eq!(paper_slug("Nguyễn Thị Thu Hà"), "nguyen-thi-thu-ha");
    }
}
