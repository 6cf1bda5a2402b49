//! Renditions: sizes, formats, aspect ratio, orientation, metadata stripped.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed setup step should panic

mod common;

use common::*;
use images::{derive, probe, Limits, OutputFormat, Rendition, RenditionPlan};

fn decoded(r: &Rendition) -> image::DynamicImage {
    image::load_from_memory(&r.bytes).expect("a rendition decodes")
}

#[test]
fn default_plan_makes_three_widths_in_webp_and_jpeg_plus_a_jpeg_social_card() {
    let src = jpeg(&photo_like(2000, 1500), 90);
    let p = probe(&src, Some("image/jpeg"), &Limits::default()).expect("probe");
    let out = derive(&src, &p, &RenditionPlan::default(), &Limits::default()).expect("derive");
    let got: Vec<_> = out.iter().map(|r| (r.width, r.height, r.format)).collect();
    assert_eq!(
        got,
        vec![
            (480, 360, OutputFormat::Webp),
            (480, 360, OutputFormat::Jpeg),
            (960, 720, OutputFormat::Webp),
            (960, 720, OutputFormat::Jpeg),
            (1200, 900, OutputFormat::Jpeg),
            (1440, 1080, OutputFormat::Webp),
            (1440, 1080, OutputFormat::Jpeg),
        ]
    );
    for r in &out {
        let d = decoded(r);
        assert_eq!((d.width(), d.height()), (r.width, r.height), "{r:?}");
        let sniffed = image::guess_format(&r.bytes).expect("format");
        let expected = match r.format {
            OutputFormat::Webp => image::ImageFormat::WebP,
            OutputFormat::Jpeg => image::ImageFormat::Jpeg,
            other => panic!("unexpected {other:?}"),
        };
        assert_eq!(sniffed, expected);
    }
    let w480: usize = out
        .iter()
        .filter(|r| r.width == 480)
        .map(|r| r.bytes.len())
        .min()
        .unwrap_or(0);
    assert!(
        w480 * 5 < src.len(),
        "the 480 rendition ({w480} B) is far smaller than the original ({} B)",
        src.len()
    );
}

#[test]
fn never_upscales_and_keeps_the_aspect_ratio() {
    let src = png_rgb(&photo_like(300, 200));
    let p = probe(&src, None, &Limits::default()).expect("probe");
    let out = derive(&src, &p, &RenditionPlan::default(), &Limits::default()).expect("derive");
    assert!(!out.is_empty());
    for r in &out {
        assert!(r.width <= 300 && r.height <= 200, "{r:?}");
    }
    let widths: Vec<_> = out.iter().map(|r| (r.width, r.height, r.format)).collect();
    assert_eq!(
        widths,
        vec![
            (300, 200, OutputFormat::Webp),
            (300, 200, OutputFormat::Jpeg)
        ],
        "every width clamps to the source and duplicates go"
    );
    // Odd aspect: 1000 × 333 at 480 → 480 × 160 (rounded).
    let src = jpeg(&photo_like(1000, 333), 90);
    let p = probe(&src, None, &Limits::default()).expect("probe");
    let out = derive(&src, &p, &RenditionPlan::default(), &Limits::default()).expect("derive");
    let r = out.iter().find(|r| r.width == 480).expect("480");
    assert_eq!(r.height, 160);
}

#[test]
fn gps_exif_is_stripped_and_orientation_applied() {
    let base = jpeg(&photo_like(200, 100), 90);
    let src = with_segment(&base, &exif_app1_with_gps(6)); // 6 = rotate 90° clockwise
    assert!(
        src.windows(4).any(|w| w == b"Exif"),
        "the input carries EXIF"
    );
    let p = probe(&src, Some("image/jpeg"), &Limits::default()).expect("probe");
    assert_eq!(
        (p.width, p.height),
        (200, 100),
        "probe reports the stored (unrotated) size"
    );
    let out = derive(&src, &p, &RenditionPlan::default(), &Limits::default()).expect("derive");
    for r in &out {
        assert_eq!(
            (r.width, r.height),
            (100, 200),
            "upright after orientation 6: {r:?}"
        );
        assert!(
            !r.bytes.windows(4).any(|w| w == b"Exif"),
            "no EXIF in {r:?}"
        );
        assert!(
            !r.bytes.windows(2).any(|w| w == [0xFF, 0xE1]) || r.format != OutputFormat::Jpeg,
            "no APP1 in {r:?}"
        );
        let d = decoded(r);
        assert_eq!((d.width(), d.height()), (100, 200));
    }
}

#[test]
fn transparent_png_gives_png_and_webp_with_alpha_kept() {
    let img = image::RgbaImage::from_fn(400, 300, |x, _| {
        image::Rgba([200, 100, 50, if x < 200 { 0 } else { 255 }])
    });
    let src = png_rgba(&img);
    let p = probe(&src, Some("image/png"), &Limits::default()).expect("probe");
    let out = derive(&src, &p, &RenditionPlan::default(), &Limits::default()).expect("derive");
    assert!(
        out.iter().all(|r| r.format != OutputFormat::Jpeg),
        "no JPEG for a transparent source"
    );
    let png = out
        .iter()
        .find(|r| r.format == OutputFormat::Png)
        .expect("a PNG");
    let d = decoded(png).to_rgba8();
    assert_eq!(d.get_pixel(10, 10).0[3], 0, "transparent stays transparent");
    assert_eq!(d.get_pixel(390, 10).0[3], 255);
    assert!(out.iter().any(|r| r.format == OutputFormat::Webp));
}

#[test]
fn opaque_png_with_an_alpha_channel_gives_jpeg() {
    let img = image::RgbaImage::from_pixel(50, 40, image::Rgba([10, 20, 30, 255]));
    let src = png_rgba(&img);
    let p = probe(&src, None, &Limits::default()).expect("probe");
    let out = derive(&src, &p, &RenditionPlan::default(), &Limits::default()).expect("derive");
    assert!(out.iter().any(|r| r.format == OutputFormat::Jpeg));
    assert!(out.iter().all(|r| r.format != OutputFormat::Png));
}

#[test]
fn plans_that_cannot_be_made_are_configuration_errors() {
    let src = jpeg(&photo_like(64, 64), 80);
    let p = probe(&src, None, &Limits::default()).expect("probe");
    for plan in [
        RenditionPlan {
            formats: vec![],
            ..Default::default()
        },
        RenditionPlan {
            formats: vec![OutputFormat::Avif],
            ..Default::default()
        },
        RenditionPlan {
            widths: vec![50_000],
            ..Default::default()
        },
        RenditionPlan {
            jpeg_quality: 0,
            ..Default::default()
        },
    ] {
        let e = derive(&src, &p, &plan, &Limits::default()).unwrap_err();
        assert!(
            matches!(e, images::ImageError::Config(_)),
            "{plan:?}: {e:?}"
        );
    }
}

#[test]
fn webp_source_is_derived() {
    let mut src = Vec::new();
    let img = photo_like(320, 240);
    image::codecs::webp::WebPEncoder::new_lossless(&mut src)
        .encode(img.as_raw(), 320, 240, image::ExtendedColorType::Rgb8)
        .expect("encode");
    let p = probe(&src, Some("image/webp"), &Limits::default()).expect("probe");
    assert!(!p.animated);
    let out = derive(&src, &p, &RenditionPlan::default(), &Limits::default()).expect("derive");
    assert_eq!(out.iter().map(|r| r.width).max(), Some(320));
}
