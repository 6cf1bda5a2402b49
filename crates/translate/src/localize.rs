//! Numbers found in a source text, written the target language's way:
//! `1.115` (vi) becomes `1 115` (fr). The separators and the formatting are
//! the `locale` crate's (ICU4X); this module finds the numbers in
//! placeholder text and leaves markup tags alone.

use locale::{LocaleError, NumberFormat};

use crate::numbers::{find_numbers, NumberToken};
use crate::placeholder::{self, Token};

/// Renders a number found in another locale's text in `to`'s locale,
/// keeping grouping, fraction digits and percent sign as written.
pub(crate) fn render(to: &NumberFormat, token: &NumberToken) -> Result<String, LocaleError> {
    if token.percent {
        to.format_percent(&token.decimal_string())
    } else {
        to.format(&token.decimal_string(), token.grouped)
    }
}

/// Rewrites the numbers of a placeholder string from `from`'s conventions
/// into `to`'s: `1.115` (vi) → `1 115` (fr), `3,5%` (vi) → `3.5%` (en).
/// Plain integers (years), phone numbers and dotted dates are left as written.
pub fn localize_numbers(text: &str, from: &NumberFormat, to: &NumberFormat) -> String {
    let mut out = String::with_capacity(text.len());
    for (_, token) in placeholder::tokenize(text) {
        match token {
            Token::Text(raw) => {
                let mut last = 0;
                for number in find_numbers(raw, &from.conventions()) {
                    if !number.is_formatted() {
                        continue;
                    }
                    let Ok(rendered) = render(to, &number) else {
                        continue;
                    };
                    out.push_str(raw.get(last..number.range.start).unwrap_or_default());
                    out.push_str(&rendered);
                    last = number.range.end;
                }
                out.push_str(raw.get(last..).unwrap_or_default());
            }
            Token::Tag { kind, id, form } => out.push_str(&placeholder::render_tag(kind, id, form)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nf(l: &str) -> NumberFormat {
        NumberFormat::new(l).unwrap()
    }

    #[test]
    fn numbers_move_between_locales() {
        let (vi, en, fr, de) = (nf("vi"), nf("en"), nf("fr"), nf("de"));
        let src = "Có 1.115 người, tăng 3,5% trong năm 2024, gọi 0912.345.678.";
        assert_eq!(
            localize_numbers(src, &vi, &fr),
            "Có 1\u{202f}115 người, tăng 3,5\u{a0}% trong năm 2024, gọi 0912.345.678."
        );
        assert_eq!(
            localize_numbers(src, &vi, &en),
            "Có 1,115 người, tăng 3.5% trong năm 2024, gọi 0912.345.678."
        );
        assert_eq!(
            localize_numbers("<x1>12.000.000</x1> đồng", &vi, &de),
            "<x1>12.000.000</x1> đồng"
        );
        assert_eq!(
            localize_numbers("1,115 people &amp; 0.50 points", &en, &vi),
            "1.115 people &amp; 0,50 points"
        );
    }
}
