//! Every hostile input named in issue 18, each refused before decoding (or,
//! for damage the header cannot show, by the bounded decoder).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed setup step should panic

mod common;

use common::*;
use images::{derive, probe, ImageError, Limits, OutputFormat, Probe, RenditionPlan, SourceFormat};

fn limits() -> Limits {
    Limits::default()
}

#[test]
fn png_declaring_100000_by_100000_is_refused_by_the_header() {
    let bomb = png_bomb(100_000, 100_000);
    assert!(bomb.len() < 100, "the bomb is tiny: {} bytes", bomb.len());
    let e = probe(&bomb, Some("image/png"), &limits()).unwrap_err();
    assert!(
        matches!(
            e,
            ImageError::SideTooLong {
                width: 100_000,
                height: 100_000,
                ..
            }
        ),
        "{e:?}"
    );
    // With the side limit lifted, the pixel limit still refuses it.
    let wide = Limits {
        max_side: 200_000,
        ..limits()
    };
    let e = probe(&bomb, Some("image/png"), &wide).unwrap_err();
    assert!(matches!(e, ImageError::TooManyPixels { .. }), "{e:?}");
}

#[test]
fn jpeg_declaring_65000_by_65000_is_refused_by_the_header() {
    // JPEG's frame header holds 16-bit sizes: 65,000 × 65,000 is its largest bomb class.
    let bomb = jpeg_bomb(65_000, 65_000);
    let e = probe(&bomb, Some("image/jpeg"), &limits()).unwrap_err();
    assert!(
        matches!(
            e,
            ImageError::SideTooLong {
                width: 65_000,
                height: 65_000,
                ..
            }
        ),
        "{e:?}"
    );
    let wide = Limits {
        max_side: 100_000,
        ..limits()
    };
    let e = probe(&bomb, None, &wide).unwrap_err();
    assert!(matches!(e, ImageError::TooManyPixels { .. }), "{e:?}");
}

#[test]
fn a_lying_probe_does_not_lift_the_limits_in_derive() {
    let bomb = png_bomb(20_000, 20_000);
    let lie = Probe {
        format: SourceFormat::Png,
        width: 10,
        height: 10,
        animated: false,
    };
    let e = derive(&bomb, &lie, &RenditionPlan::default(), &limits()).unwrap_err();
    assert!(
        matches!(
            e,
            ImageError::SideTooLong { .. }
                | ImageError::TooManyPixels { .. }
                | ImageError::DecodeLimit(_)
        ),
        "{e:?}"
    );
}

#[test]
fn a_bomb_within_the_side_limit_but_over_the_pixels_is_refused_by_derive_too() {
    let bomb = png_bomb(10_000, 10_000); // 100 Mpx
    let e = probe(&bomb, None, &limits()).unwrap_err();
    assert!(matches!(e, ImageError::TooManyPixels { .. }), "{e:?}");
    let lie = Probe {
        format: SourceFormat::Png,
        width: 100,
        height: 100,
        animated: false,
    };
    let e = derive(&bomb, &lie, &RenditionPlan::default(), &limits()).unwrap_err();
    assert!(matches!(e, ImageError::TooManyPixels { .. }), "{e:?}");
}

#[test]
fn truncated_jpeg_is_refused() {
    let full = jpeg(&photo_like(640, 480), 85);
    for n in [full.len() / 2, full.len() - 2, full.len() - 1] {
        let cut = &full[..n];
        // The header is intact; the walk to EOI finds the cut before any decoding.
        let e = probe(cut, Some("image/jpeg"), &limits()).unwrap_err();
        assert!(matches!(e, ImageError::Corrupt(_)), "{n} bytes: {e:?}");
        // And derive, given a probe made for the whole file, refuses too.
        let whole = probe(&full, None, &limits()).expect("the whole file");
        let e = derive(cut, &whole, &RenditionPlan::default(), &limits()).unwrap_err();
        assert!(matches!(e, ImageError::Corrupt(_)), "{n} bytes: {e:?}");
    }
    // Bytes after EOI (camera trailers) are fine.
    let mut trailer = full.clone();
    trailer.extend_from_slice(b"SAMSUNG trailer");
    assert!(probe(&trailer, None, &limits()).is_ok());
}

#[test]
fn jpeg_cut_inside_its_header_is_refused_by_probe() {
    let full = jpeg(&photo_like(64, 64), 85);
    for n in [3, 10, 30, 100] {
        let e = probe(&full[..n], None, &limits()).unwrap_err();
        assert!(matches!(e, ImageError::Corrupt(_)), "{n} bytes: {e:?}");
    }
}

#[test]
fn truncated_png_is_refused() {
    let full = png_rgb(&photo_like(640, 480));
    let cut = &full[..full.len() / 2];
    let e = probe(cut, Some("image/png"), &limits()).unwrap_err();
    assert!(matches!(e, ImageError::Corrupt(_)), "{e:?}");
    let whole = probe(&full, None, &limits()).expect("the whole file");
    let e = derive(cut, &whole, &RenditionPlan::default(), &limits()).unwrap_err();
    assert!(matches!(e, ImageError::Corrupt(_)), "{e:?}");
    let e = probe(&full[..20], None, &limits()).unwrap_err();
    assert!(matches!(e, ImageError::Corrupt(_)), "{e:?}");
}

#[test]
fn html_served_as_image_jpeg_is_refused() {
    let html = b"<!DOCTYPE html><html><head><title>403 Forbidden</title></head><body>hotlinking</body></html>";
    let e = probe(html, Some("image/jpeg"), &limits()).unwrap_err();
    assert!(matches!(e, ImageError::UnknownFormat { .. }), "{e:?}");
}

#[test]
fn bytes_that_disagree_with_the_declared_type_are_refused() {
    let j = jpeg(&photo_like(32, 32), 80);
    let e = probe(&j, Some("image/png"), &limits()).unwrap_err();
    assert!(
        matches!(
            e,
            ImageError::TypeMismatch {
                detected: SourceFormat::Jpeg,
                ..
            }
        ),
        "{e:?}"
    );
    let e = probe(&j, Some("text/html; charset=utf-8"), &limits()).unwrap_err();
    assert!(matches!(e, ImageError::TypeMismatch { .. }), "{e:?}");
    // The same bytes with their own type, a generic one, or none are accepted.
    for declared in [Some("image/jpeg"), Some("application/octet-stream"), None] {
        assert_eq!(
            probe(&j, declared, &limits()).map(|p| p.format).ok(),
            Some(SourceFormat::Jpeg)
        );
    }
}

#[test]
fn svg_with_script_is_detected_and_never_derived() {
    let svg = br#"<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">
  <script>alert(document.cookie)</script><rect width="100" height="100"/>
</svg>"#;
    let p = probe(svg, Some("image/svg+xml"), &limits()).expect("an SVG is recognised");
    assert_eq!(p.format, SourceFormat::Svg);
    let e = derive(svg, &p, &RenditionPlan::default(), &limits()).unwrap_err();
    assert!(matches!(e, ImageError::Svg), "{e:?}");
    // An SVG that says it is a PNG is a mismatch, not a PNG.
    let e = probe(svg, Some("image/png"), &limits()).unwrap_err();
    assert!(
        matches!(
            e,
            ImageError::TypeMismatch {
                detected: SourceFormat::Svg,
                ..
            }
        ),
        "{e:?}"
    );
    // A hand-made probe claiming JPEG does not get the SVG decoded either.
    let lie = Probe {
        format: SourceFormat::Jpeg,
        width: 100,
        height: 100,
        animated: false,
    };
    assert!(derive(svg, &lie, &RenditionPlan::default(), &limits()).is_err());
}

#[test]
fn zero_byte_file_is_refused() {
    let e = probe(b"", Some("image/jpeg"), &limits()).unwrap_err();
    assert!(matches!(e, ImageError::Empty), "{e:?}");
}

#[test]
fn more_bytes_than_the_limit_are_refused_before_reading() {
    let j = jpeg(&photo_like(64, 64), 95);
    let small = Limits {
        max_bytes: (j.len() - 1) as u64,
        ..limits()
    };
    let e = probe(&j, None, &small).unwrap_err();
    assert!(matches!(e, ImageError::TooManyBytes { .. }), "{e:?}");
}

#[test]
fn animated_gif_is_detected_and_gives_a_still_of_its_first_frame() {
    let gif = animated_gif(64, 48);
    let p = probe(&gif, Some("image/gif"), &limits()).expect("a GIF");
    assert_eq!(
        (p.format, p.width, p.height, p.animated),
        (SourceFormat::Gif, 64, 48, true)
    );
    let out = derive(&gif, &p, &RenditionPlan::default(), &limits()).expect("stills");
    let jpeg = out
        .iter()
        .find(|r| r.format == OutputFormat::Jpeg)
        .expect("a JPEG still");
    let still = image::load_from_memory(&jpeg.bytes)
        .expect("decodes")
        .to_rgb8();
    let px = still.get_pixel(32, 24).0;
    assert!(px[0] > 200 && px[2] < 60, "first frame is red, got {px:?}");
    // A one-frame GIF is not animated.
    let mut one = Vec::new();
    image::codecs::gif::GifEncoder::new(&mut one)
        .encode(&[0u8; 4 * 4 * 4], 4, 4, image::ExtendedColorType::Rgba8)
        .expect("encode");
    assert!(!probe(&one, None, &limits()).expect("gif").animated);
}

#[test]
fn unknown_binary_is_refused() {
    let e = probe(b"\x00\x01\x02\x03 not an image at all", None, &limits()).unwrap_err();
    assert!(matches!(e, ImageError::UnknownFormat { .. }), "{e:?}");
}
