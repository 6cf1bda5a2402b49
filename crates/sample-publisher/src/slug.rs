//! URL slugs from Vietnamese text: diacritics removed, words joined by hyphens.

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

/// `"Hà Nội mưa lớn, 1.115 người"` → `"ha-noi-mua-lon-1115-nguoi"`.
pub fn slugify(text: &str) -> String {
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
    use super::slugify;

    #[test]
    fn folds_vietnamese_and_joins_words() {
        assert_eq!(
            slugify("Hà Nội mưa lớn, 1.115 người"),
            "ha-noi-mua-lon-1115-nguoi"
        );
        assert_eq!(
            slugify("Đường Trường Sơn: ĐỒNG BẰNG"),
            "duong-truong-son-dong-bang"
        );
        assert_eq!(slugify("  Thể thao  "), "the-thao");
        assert_eq!(slugify("Nguyễn Thị Thu Hà"), "nguyen-thi-thu-ha");
    }
}
