//! Probing: what an input is and how big it says it is, from its magic bytes
//! and header only. Nothing here allocates for pixels, so every limit is
//! checked before any decoding starts.
//!
//! Header dimensions come from the `image` crate's decoders
//! (`ImageReader::with_guessed_format` + `into_dimensions`, which read the
//! header only) and, for AVIF (no decoder built in), from `imagesize`.
//! Animation is read from the container by the small walkers below (the GIF
//! block list, PNG's `acTL` chunk, WebP's `VP8X` flags, AVIF's `avis`
//! brand): no crate exposes "is it animated" without decoding frames, and
//! each walker is bounded by the input length.
//!
//! Completeness is checked here too, by walking the container without
//! decoding: a JPEG must reach its EOI marker (zune-jpeg, behind `image`,
//! decodes a cut file without complaint and fills the rest with grey), a
//! PNG its `IEND` chunk. Both walks only read lengths and markers.

use std::io::Cursor;

use serde::{Deserialize, Serialize};

use crate::ImageError;

/// Bounds every input must meet before (and while) it is decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Limits {
    /// Largest input accepted, in bytes (default 20 MiB).
    pub max_bytes: u64,
    /// Largest width × height accepted (default 40,000,000). The decoder's own
    /// allocation limit is derived from it (8 bytes per pixel: 16-bit RGBA).
    pub max_pixels: u64,
    /// Longest side accepted, in pixels (default 12,000).
    pub max_side: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_bytes: 20 * 1024 * 1024,
            max_pixels: 40_000_000,
            max_side: 12_000,
        }
    }
}

/// Formats we recognise in the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    /// JPEG (JFIF/EXIF).
    Jpeg,
    /// PNG, including APNG.
    Png,
    /// GIF 87a/89a.
    Gif,
    /// WebP (lossy, lossless, animated).
    Webp,
    /// AVIF (recognised and measured; not decoded by this build).
    Avif,
    /// SVG: recognised so that it is never rasterised nor served as a document.
    Svg,
}

impl SourceFormat {
    /// The usual MIME type.
    pub fn mime(self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::Gif => "image/gif",
            Self::Webp => "image/webp",
            Self::Avif => "image/avif",
            Self::Svg => "image/svg+xml",
        }
    }

    /// File extension without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Jpeg => "jpg",
            Self::Png => "png",
            Self::Gif => "gif",
            Self::Webp => "webp",
            Self::Avif => "avif",
            Self::Svg => "svg",
        }
    }

    /// The format a declared content type names, `None` when it names no
    /// image format (`application/octet-stream`, `image/*`, anything else).
    fn from_mime(essence: &str) -> Option<Self> {
        Some(match essence {
            "image/jpeg" | "image/jpg" | "image/pjpeg" => Self::Jpeg,
            "image/png" | "image/apng" | "image/x-png" => Self::Png,
            "image/gif" => Self::Gif,
            "image/webp" => Self::Webp,
            "image/avif" | "image/avif-sequence" => Self::Avif,
            "image/svg+xml" | "image/svg" => Self::Svg,
            _ => return None,
        })
    }
}

/// What [`probe`] found: the format from the magic bytes and the dimensions
/// the header declares (before any EXIF rotation; [`crate::Rendition`]s carry
/// the final, upright dimensions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Probe {
    /// The format the bytes are.
    pub format: SourceFormat,
    /// Declared width in pixels (0 for SVG: it is never rasterised).
    pub width: u32,
    /// Declared height in pixels (0 for SVG).
    pub height: u32,
    /// More than one frame (GIF, APNG, animated WebP, AVIF sequence).
    pub animated: bool,
}

/// Identifies and measures `bytes` without decoding pixels, refusing: empty
/// input, more than `limits.max_bytes`, unknown formats (an HTML page),
/// a declared content type naming another format than the bytes (a
/// declared type that names no image format at all, other than
/// `application/octet-stream`, `binary/octet-stream` or `image/*`-style
/// wildcards, is refused too), headers declaring more than
/// `limits.max_pixels` or a side over `limits.max_side`, and headers too
/// damaged to read. SVG is recognised and returned with 0×0 dimensions.
pub fn probe(
    bytes: &[u8],
    declared_content_type: Option<&str>,
    limits: &Limits,
) -> Result<Probe, ImageError> {
    if bytes.is_empty() {
        return Err(ImageError::Empty);
    }
    let len = bytes.len() as u64;
    if len > limits.max_bytes {
        return Err(ImageError::TooManyBytes {
            bytes: len,
            max: limits.max_bytes,
        });
    }
    let format = sniff(bytes).ok_or_else(|| ImageError::UnknownFormat {
        start: String::from_utf8_lossy(&bytes[..bytes.len().min(16)]).into_owned(),
    })?;
    if let Some(declared) = declared_content_type {
        check_declared(declared, format)?;
    }
    if format == SourceFormat::Svg {
        return Ok(Probe {
            format,
            width: 0,
            height: 0,
            animated: false,
        });
    }
    let (width, height) = dimensions(bytes, format)?;
    check_dimensions(width, height, limits)?;
    check_complete(bytes, format)?;
    Ok(Probe {
        format,
        width,
        height,
        animated: animated(bytes, format),
    })
}

pub(crate) fn check_dimensions(width: u32, height: u32, limits: &Limits) -> Result<(), ImageError> {
    if width == 0 || height == 0 {
        return Err(ImageError::Corrupt(format!(
            "header declares {width}x{height} pixels"
        )));
    }
    if width > limits.max_side || height > limits.max_side {
        return Err(ImageError::SideTooLong {
            width,
            height,
            max_side: limits.max_side,
        });
    }
    if u64::from(width) * u64::from(height) > limits.max_pixels {
        return Err(ImageError::TooManyPixels {
            width,
            height,
            max_pixels: limits.max_pixels,
        });
    }
    Ok(())
}

fn check_declared(declared: &str, detected: SourceFormat) -> Result<(), ImageError> {
    let essence = declared
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let generic = essence.is_empty()
        || essence == "application/octet-stream"
        || essence == "binary/octet-stream"
        || essence == "image/*"
        || essence == "image";
    if generic {
        return Ok(());
    }
    match SourceFormat::from_mime(&essence) {
        Some(f) if f == detected => Ok(()),
        _ => Err(ImageError::TypeMismatch {
            declared: declared.chars().take(100).collect(),
            detected,
        }),
    }
}

/// The format named by the magic bytes, if any.
fn sniff(b: &[u8]) -> Option<SourceFormat> {
    if b.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some(SourceFormat::Jpeg);
    }
    if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some(SourceFormat::Png);
    }
    if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        return Some(SourceFormat::Gif);
    }
    if b.len() >= 12 && &b[0..4] == b"RIFF" && &b[8..12] == b"WEBP" {
        return Some(SourceFormat::Webp);
    }
    if is_avif(b) {
        return Some(SourceFormat::Avif);
    }
    if is_svg(b) {
        return Some(SourceFormat::Svg);
    }
    None
}

/// ISO-BMFF `ftyp` box whose major or compatible brands include `avif`/`avis`.
fn is_avif(b: &[u8]) -> bool {
    if b.len() < 16 || &b[4..8] != b"ftyp" {
        return false;
    }
    let size = u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize;
    let end = size.clamp(16, 256).min(b.len());
    let brand = |x: &[u8]| x == b"avif" || x == b"avis";
    brand(&b[8..12]) || b[16..end].chunks_exact(4).any(brand)
}

fn avif_brand_avis(b: &[u8]) -> bool {
    let size = u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize;
    let end = size.clamp(16, 256).min(b.len());
    &b[8..12] == b"avis" || b[16..end].chunks_exact(4).any(|x| x == b"avis")
}

/// Text that begins (after a BOM, whitespace, an XML declaration, comments or
/// a doctype) with an `<svg` element within its first 4 KiB.
fn is_svg(b: &[u8]) -> bool {
    let head = &b[..b.len().min(4096)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let t = text.trim_start();
    if !(t.starts_with("<?xml")
        || t.starts_with("<svg")
        || t.starts_with("<!--")
        || t.starts_with("<!doctype svg"))
    {
        return false;
    }
    // The first element (not declaration, comment or doctype) must be <svg.
    let mut rest = t;
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("<?") {
            match r.find("?>") {
                Some(i) => rest = &r[i + 2..],
                None => return false,
            }
        } else if let Some(r) = rest.strip_prefix("<!--") {
            match r.find("-->") {
                Some(i) => rest = &r[i + 3..],
                None => return false,
            }
        } else if let Some(r) = rest.strip_prefix("<!doctype") {
            match r.find('>') {
                Some(i) => rest = &r[i + 1..],
                None => return false,
            }
        } else {
            return rest.starts_with("<svg")
                && rest[4..]
                    .starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/');
        }
    }
}

fn dimensions(bytes: &[u8], format: SourceFormat) -> Result<(u32, u32), ImageError> {
    if format == SourceFormat::Avif {
        return imagesize::blob_size(bytes)
            .map_err(|e| ImageError::Corrupt(format!("AVIF header: {e}")))
            .and_then(|s| {
                Ok((
                    u32::try_from(s.width).map_err(|_| ImageError::Corrupt("AVIF width".into()))?,
                    u32::try_from(s.height)
                        .map_err(|_| ImageError::Corrupt("AVIF height".into()))?,
                ))
            });
    }
    let reader = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| ImageError::Corrupt(e.to_string()))?;
    reader
        .into_dimensions()
        .map_err(|e| ImageError::Corrupt(format!("{} header: {e}", format.mime())))
}

fn animated(b: &[u8], format: SourceFormat) -> bool {
    match format {
        SourceFormat::Gif => gif_frames(b) > 1,
        SourceFormat::Png => png_has_actl(b),
        SourceFormat::Webp => b.len() >= 21 && &b[12..16] == b"VP8X" && b[20] & 0x02 != 0,
        SourceFormat::Avif => avif_brand_avis(b),
        _ => false,
    }
}

/// Refuses a JPEG that does not reach EOI or a PNG that does not reach IEND.
pub(crate) fn check_complete(b: &[u8], format: SourceFormat) -> Result<(), ImageError> {
    let complete = match format {
        SourceFormat::Jpeg => jpeg_reaches_eoi(b),
        SourceFormat::Png => png_reaches_iend(b),
        _ => true,
    };
    if complete {
        Ok(())
    } else {
        Err(ImageError::Corrupt(format!(
            "truncated: the {} data ends before the image does",
            format.mime()
        )))
    }
}

/// Walks JPEG marker segments and entropy-coded data from SOI to EOI.
/// In entropy-coded data `FF 00` is a stuffed byte and `FF D0`–`FF D7`
/// restart markers; any other `FF xx` starts the next segment. Bytes after
/// EOI (camera trailers) are allowed.
fn jpeg_reaches_eoi(b: &[u8]) -> bool {
    let mut i = 2usize; // after SOI
    loop {
        // Fill bytes (FF FF ...) may precede a marker.
        while b.get(i) == Some(&0xFF) && b.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        if b.get(i) != Some(&0xFF) {
            return false;
        }
        let Some(&marker) = b.get(i + 1) else {
            return false;
        };
        i += 2;
        match marker {
            0xD9 => return true,
            0x01 | 0xD0..=0xD7 => continue,
            _ => {}
        }
        let (Some(&hi), Some(&lo)) = (b.get(i), b.get(i + 1)) else {
            return false;
        };
        let len = usize::from(u16::from_be_bytes([hi, lo]));
        if len < 2 {
            return false;
        }
        i += len;
        if i > b.len() {
            return false;
        }
        if marker == 0xDA {
            // Entropy-coded data runs to the next marker that is not RSTn or stuffing.
            loop {
                let Some(off) = b[i..].iter().position(|&x| x == 0xFF) else {
                    return false;
                };
                i += off;
                match b.get(i + 1) {
                    None => return false,
                    Some(0x00 | 0xD0..=0xD7 | 0xFF) => i += if b[i + 1] == 0xFF { 1 } else { 2 },
                    Some(_) => break,
                }
            }
        }
    }
}

/// Walks PNG chunks by their lengths up to `IEND`.
fn png_reaches_iend(b: &[u8]) -> bool {
    let mut i = 8usize;
    while i + 8 <= b.len() {
        let len = u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as usize;
        if &b[i + 4..i + 8] == b"IEND" {
            return true;
        }
        i = match i.checked_add(12).and_then(|x| x.checked_add(len)) {
            Some(n) => n,
            None => return false,
        };
    }
    false
}

/// Counts image descriptors in a GIF's block list, stopping at two.
fn gif_frames(b: &[u8]) -> usize {
    if b.len() < 13 {
        return 0;
    }
    let mut i = 13;
    let flags = b[10];
    if flags & 0x80 != 0 {
        i += 3 * (1usize << ((flags & 0x07) + 1));
    }
    // Skips data sub-blocks starting at `i`; returns the index after the terminator.
    let skip_sub_blocks = |mut i: usize| -> Option<usize> {
        loop {
            let n = *b.get(i)? as usize;
            i += 1;
            if n == 0 {
                return Some(i);
            }
            i += n;
        }
    };
    let mut frames = 0;
    while let Some(&tag) = b.get(i) {
        match tag {
            0x21 => match skip_sub_blocks(i + 2) {
                Some(j) => i = j,
                None => break,
            },
            0x2C => {
                frames += 1;
                if frames > 1 {
                    break;
                }
                let Some(&f) = b.get(i + 9) else { break };
                i += 10;
                if f & 0x80 != 0 {
                    i += 3 * (1usize << ((f & 0x07) + 1));
                }
                match skip_sub_blocks(i + 1) {
                    Some(j) => i = j,
                    None => break,
                }
            }
            _ => break,
        }
    }
    frames
}

/// True when an `acTL` chunk (APNG) comes before the first `IDAT`.
fn png_has_actl(b: &[u8]) -> bool {
    let mut i = 8usize;
    while i + 8 <= b.len() {
        let len = u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as usize;
        let kind = &b[i + 4..i + 8];
        if kind == b"acTL" {
            return true;
        }
        if kind == b"IDAT" {
            return false;
        }
        i = match i.checked_add(12).and_then(|x| x.checked_add(len)) {
            Some(n) => n,
            None => return false,
        };
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_type_parameters_and_case_are_ignored() {
        assert!(check_declared("Image/JPEG; charset=binary", SourceFormat::Jpeg).is_ok());
        assert!(check_declared("application/octet-stream", SourceFormat::Png).is_ok());
        assert!(check_declared("image/png", SourceFormat::Jpeg).is_err());
        assert!(check_declared("text/html", SourceFormat::Jpeg).is_err());
    }

    #[test]
    fn svg_sniffing_needs_an_svg_root() {
        assert!(is_svg(b"<svg xmlns='http://www.w3.org/2000/svg'/>"));
        assert!(is_svg(
            b"\xEF\xBB\xBF <?xml version='1.0'?><!-- x --><!DOCTYPE svg PUBLIC 'x'><svg>"
        ));
        assert!(!is_svg(b"<?xml version='1.0'?><html><svg></svg></html>"));
        assert!(!is_svg(b"<!doctype html><svg>"));
        assert!(!is_svg(b"<svgfoo>"));
        assert!(!is_svg(b"<?xml never closed"));
    }

    #[test]
    fn gif_walker_stops_on_truncation() {
        assert_eq!(gif_frames(b"GIF89a"), 0);
        let mut g = b"GIF89a\x01\x00\x01\x00\x00\x00\x00".to_vec();
        g.extend_from_slice(&[0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0]);
        assert_eq!(gif_frames(&g), 1);
        g.extend_from_slice(&[0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2]);
        assert_eq!(gif_frames(&g), 2);
    }
}
