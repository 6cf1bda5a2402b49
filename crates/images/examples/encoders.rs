//! The figures behind the choice of resizer and encoders: for every photo
//! in DIR, decoded once (untimed), time and bytes of each candidate at the
//! 960-px rendition, single-threaded.
//!
//! ```text
//! cargo run --release -p images --features bench-alternatives --example encoders -- DIR
//! ```
//! The alternative crates are optional dependencies behind the
//! `bench-alternatives` feature, so the normal build and CI never compile them.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark: any failure should stop it loudly

use std::time::Instant;

use fast_image_resize as fr;
use image::{ImageEncoder, RgbImage};

fn main() {
    let dir = std::env::args().nth(1).expect("usage: encoders DIR");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("read DIR")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "jpg" || e == "jpeg"))
        .collect();
    files.sort();
    // name -> (seconds, bytes)
    let mut rows: Vec<(&str, f64, usize)> = Vec::new();
    let mut add = |name: &'static str, secs: f64, bytes: usize| {
        if let Some(r) = rows.iter_mut().find(|r| r.0 == name) {
            r.1 += secs;
            r.2 += bytes;
        } else {
            rows.push((name, secs, bytes));
        }
    };
    let time = |f: &mut dyn FnMut() -> usize| {
        let t = Instant::now();
        let n = f();
        (t.elapsed().as_secs_f64(), n)
    };
    for f in &files {
        let bytes = std::fs::read(f).expect("read");
        let (s, _) =
            time(&mut || image::load_from_memory(&bytes).expect("decode").width() as usize);
        add("decode: image (zune-jpeg)", s, 0);
        let src: RgbImage = image::load_from_memory(&bytes).expect("decode").into_rgb8();
        let (w, h) = (
            960u32,
            (u64::from(src.height()) * 960 / u64::from(src.width())) as u32,
        );

        let mut small = Vec::new();
        let (s, _) = time(&mut || {
            let s = fr::images::ImageRef::new(
                src.width(),
                src.height(),
                src.as_raw(),
                fr::PixelType::U8x3,
            )
            .expect("src");
            let mut d = fr::images::Image::new(w, h, fr::PixelType::U8x3);
            fr::Resizer::new()
                .resize(
                    &s,
                    &mut d,
                    &fr::ResizeOptions::new()
                        .resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3)),
                )
                .expect("resize");
            small = d.into_vec();
            0
        });
        add("resize to 960: fast_image_resize Lanczos3", s, 0);
        let (s, _) = time(&mut || {
            image::imageops::resize(&src, w, h, image::imageops::FilterType::Lanczos3).width()
                as usize
        });
        add("resize to 960: image::imageops Lanczos3", s, 0);
        let (s, _) = time(&mut || {
            image::imageops::resize(&src, w, h, image::imageops::FilterType::CatmullRom).width()
                as usize
        });
        add("resize to 960: image::imageops CatmullRom", s, 0);

        let (s, n) = time(&mut || {
            let mut out = Vec::new();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
                .write_image(&small, w, h, image::ExtendedColorType::Rgb8)
                .expect("jpeg");
            out.len()
        });
        add("JPEG q80: image", s, n);
        let (s, n) = time(&mut || {
            let mut out = Vec::new();
            jpeg_encoder::Encoder::new(&mut out, 80)
                .encode(&small, w as u16, h as u16, jpeg_encoder::ColorType::Rgb)
                .expect("jpeg");
            out.len()
        });
        add("JPEG q80: jpeg-encoder", s, n);
        let (s, n) = time(&mut || {
            let mut out = Vec::new();
            let mut e = jpeg_encoder::Encoder::new(&mut out, 80);
            e.set_progressive(true);
            e.encode(&small, w as u16, h as u16, jpeg_encoder::ColorType::Rgb)
                .expect("jpeg");
            out.len()
        });
        add("JPEG q80: jpeg-encoder progressive", s, n);
        for (name, method) in [
            ("WebP q75 method 4 (default): libwebp", 4),
            ("WebP q75 method 2: libwebp", 2),
            ("WebP q75 method 0: libwebp", 0),
        ] {
            let (s, n) = time(&mut || {
                let mut c = webp::WebPConfig::new().expect("config");
                c.quality = 75.0;
                c.method = method;
                webp::Encoder::from_rgb(&small, w, h)
                    .encode_advanced(&c)
                    .expect("webp")
                    .len()
            });
            add(name, s, n);
        }
        let (s, n) = time(&mut || {
            let mut out = Vec::new();
            image::codecs::webp::WebPEncoder::new_lossless(&mut out)
                .encode(&small, w, h, image::ExtendedColorType::Rgb8)
                .expect("webp");
            out.len()
        });
        add("WebP lossless: image (image-webp)", s, n);
        let px: Vec<ravif::RGB8> = small
            .chunks_exact(3)
            .map(|c| ravif::RGB8::new(c[0], c[1], c[2]))
            .collect();
        for (name, speed) in [
            ("AVIF q60 speed 10: ravif (rav1e, asm)", 10u8),
            ("AVIF q60 speed 8: ravif (rav1e, asm)", 8),
        ] {
            let (s, n) = time(&mut || {
                ravif::Encoder::new()
                    .with_quality(60.0)
                    .with_speed(speed)
                    .with_num_threads(Some(1))
                    .encode_rgb(ravif::Img::new(&px[..], w as usize, h as usize))
                    .expect("avif")
                    .avif_file
                    .len()
            });
            add(name, s, n);
        }
    }
    println!(
        "{} JPEG photos from {dir}; per image, single-threaded, output at 960 px wide",
        files.len()
    );
    println!("{:<45} {:>10} {:>12}", "step", "ms/image", "bytes/image");
    let n = files.len() as f64;
    for (name, secs, bytes) in rows {
        let b = if bytes == 0 {
            String::from("-")
        } else {
            format!("{:.0}", bytes as f64 / n)
        };
        println!("{:<45} {:>10.1} {:>12}", name, secs * 1000.0 / n, b);
    }
}
