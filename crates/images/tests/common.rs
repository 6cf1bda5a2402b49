//! Inputs the tests build: photo-like pixels, real encodes, and hand-made
//! headers for the hostile cases.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)] // test code: a failed setup step should panic

use image::{ImageEncoder, RgbImage, RgbaImage};

/// Smooth gradients plus deterministic noise: compresses like a photo, not like a flat fill.
pub fn photo_like(width: u32, height: u32) -> RgbImage {
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    RgbImage::from_fn(width, height, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let n = (seed % 24) as i32 - 12;
        let r = (x * 255 / width.max(1)) as i32 + n;
        let g = (y * 255 / height.max(1)) as i32 + n;
        let b = (((x + y) * 128 / (width + height).max(1)) as i32 + 64) + n;
        image::Rgb([
            r.clamp(0, 255) as u8,
            g.clamp(0, 255) as u8,
            b.clamp(0, 255) as u8,
        ])
    })
}

/// A baseline JPEG of `img` at `quality`.
pub fn jpeg(img: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .write_image(
            img.as_raw(),
            img.width(),
            img.height(),
            image::ExtendedColorType::Rgb8,
        )
        .expect("encode test JPEG");
    out
}

/// A PNG of `img` (RGB).
pub fn png_rgb(img: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(
            img.as_raw(),
            img.width(),
            img.height(),
            image::ExtendedColorType::Rgb8,
        )
        .expect("encode test PNG");
    out
}

/// A PNG of `img` (RGBA).
pub fn png_rgba(img: &RgbaImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(
            img.as_raw(),
            img.width(),
            img.height(),
            image::ExtendedColorType::Rgba8,
        )
        .expect("encode test PNG");
    out
}

/// CRC-32 as PNG chunks use it.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    out.extend_from_slice(&body);
    out.extend_from_slice(&crc32(&body).to_be_bytes());
}

/// A PNG of a few dozen bytes whose valid IHDR declares `width` × `height`
/// 8-bit RGB pixels, followed by a tiny zlib stream and IEND.
pub fn png_bomb(width: u32, height: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    png_chunk(&mut out, b"IHDR", &ihdr);
    // zlib stream of a few zero bytes: a real bomb would be a long run of zeros.
    png_chunk(
        &mut out,
        b"IDAT",
        &[0x78, 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01],
    );
    png_chunk(&mut out, b"IEND", &[]);
    out
}

/// A real small JPEG whose SOF0 frame header is patched to declare `width` × `height`.
pub fn jpeg_bomb(width: u16, height: u16) -> Vec<u8> {
    let mut b = jpeg(&photo_like(16, 16), 80);
    let sof = b
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .expect("SOF0 in test JPEG");
    b[sof + 5..sof + 7].copy_from_slice(&height.to_be_bytes());
    b[sof + 7..sof + 9].copy_from_slice(&width.to_be_bytes());
    b
}

/// An APP1 Exif segment (big-endian TIFF) with Orientation = `orientation`
/// and a GPS IFD holding a latitude reference 'N' and a GPSVersionID.
pub fn exif_app1_with_gps(orientation: u16) -> Vec<u8> {
    let mut tiff = b"MM\x00\x2a\x00\x00\x00\x08".to_vec();
    // IFD0 at 8: 2 entries.
    tiff.extend_from_slice(&2u16.to_be_bytes());
    // Orientation, SHORT, count 1, value in the first two bytes.
    tiff.extend_from_slice(&[0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1]);
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&[0, 0]);
    // GPSInfo IFD pointer, LONG, count 1, offset 38.
    tiff.extend_from_slice(&[0x88, 0x25, 0x00, 0x04, 0, 0, 0, 1, 0, 0, 0, 38]);
    tiff.extend_from_slice(&0u32.to_be_bytes()); // no next IFD
    assert_eq!(tiff.len(), 38);
    // GPS IFD: GPSVersionID (BYTE x4) and GPSLatitudeRef (ASCII "N\0").
    tiff.extend_from_slice(&2u16.to_be_bytes());
    tiff.extend_from_slice(&[0x00, 0x00, 0x00, 0x01, 0, 0, 0, 4, 2, 3, 0, 0]);
    tiff.extend_from_slice(&[0x00, 0x01, 0x00, 0x02, 0, 0, 0, 2, b'N', 0, 0, 0]);
    tiff.extend_from_slice(&0u32.to_be_bytes());
    let mut seg = vec![0xFF, 0xE1];
    let len = (2 + 6 + tiff.len()) as u16;
    seg.extend_from_slice(&len.to_be_bytes());
    seg.extend_from_slice(b"Exif\x00\x00");
    seg.extend_from_slice(&tiff);
    seg
}

/// `jpeg` with `segment` inserted right after SOI.
pub fn with_segment(jpeg: &[u8], segment: &[u8]) -> Vec<u8> {
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(segment);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// A two-frame GIF: frame one red, frame two blue.
pub fn animated_gif(width: u16, height: u16) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = image::codecs::gif::GifEncoder::new(&mut out);
        enc.set_repeat(image::codecs::gif::Repeat::Infinite)
            .expect("repeat");
        for color in [[255, 0, 0, 255], [0, 0, 255, 255]] {
            let frame = image::Frame::new(RgbaImage::from_pixel(
                u32::from(width),
                u32::from(height),
                image::Rgba(color),
            ));
            enc.encode_frame(frame).expect("encode GIF frame");
        }
    }
    out
}
