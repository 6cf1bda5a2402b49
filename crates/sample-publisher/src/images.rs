//! Generated images and static assets: article pictures are SVGs with a
//! coloured background and their description written on them.

use crate::html::esc;
use crate::model::SampleImage;

/// The SVG of an article image; `small` gives the 480-pixel variant.
pub fn article_image(img: &SampleImage, small: bool) -> String {
    let hue = fnv1a(img.path.as_bytes()) % 360;
    let (w, h) = if small {
        (480, 320)
    } else {
        (img.width, img.height)
    };
    let mut lines = String::new();
    for (i, line) in wrap(&img.alt, 38).iter().take(5).enumerate() {
        lines.push_str(&format!(
            "<text x=\"600\" y=\"{}\" font-size=\"44\" text-anchor=\"middle\" fill=\"#fff\">{}</text>",
            330 + i * 58,
            esc(line)
        ));
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 1200 800\">\
         <rect width=\"1200\" height=\"800\" fill=\"hsl({hue},45%,38%)\"/>\
         <circle cx=\"1020\" cy=\"160\" r=\"90\" fill=\"hsl({},55%,70%)\" opacity=\"0.6\"/>\
         <path d=\"M0 640 L300 470 L520 590 L800 420 L1200 640 L1200 800 L0 800 Z\" fill=\"hsl({hue},40%,24%)\"/>\
         <g font-family=\"sans-serif\">{lines}\
         <text x=\"40\" y=\"770\" font-size=\"30\" fill=\"#fff\" opacity=\"0.8\">{}</text></g></svg>",
        (hue + 40) % 360,
        esc(&img.path)
    )
}

/// Splits text into lines of at most `width` characters at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

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
    fn wraps_at_spaces() {
        assert_eq!(wrap("một hai ba bốn", 7), vec!["một hai", "ba bốn"]);
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
    }
}
