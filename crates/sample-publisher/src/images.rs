//! Static assets (logo, placeholder, stylesheet, script) and the hash the
//! server uses for ETags. Article photographs are JPEGs made by `photos`.

use crate::html::esc;

/// FNV-1a, 64 bits: a stable hash for colours and ETags.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The paper's logo.
pub fn logo(name: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"220\" height=\"48\" viewBox=\"0 0 220 48\">\
         <rect width=\"220\" height=\"48\" rx=\"6\" fill=\"#b3171d\"/>\
         <path d=\"M8 34 Q20 22 32 34 T56 34\" stroke=\"#fff\" stroke-width=\"3\" fill=\"none\"/>\
         <path d=\"M8 26 Q20 14 32 26 T56 26\" stroke=\"#f7c948\" stroke-width=\"3\" fill=\"none\"/>\
         <text x=\"64\" y=\"32\" font-family=\"Georgia, serif\" font-size=\"21\" font-weight=\"bold\" fill=\"#fff\">{}</text></svg>",
        esc(name)
    )
}

/// The grey picture lazy-loaded images show before their real source loads.
pub const PLACEHOLDER: &str =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"12\" height=\"8\" viewBox=\"0 0 12 8\">\
<rect width=\"12\" height=\"8\" fill=\"#e5e5e5\"/></svg>";

/// The site's stylesheet.
pub const CSS: &str = include_str!("../content/static/site.css");

/// The site's script: lazy loading and the cookie banner.
pub const JS: &str = include_str!("../content/static/site.js");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_of_nothing_is_its_offset_basis() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
    }
}
