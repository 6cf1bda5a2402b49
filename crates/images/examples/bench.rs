//! Throughput and bytes of the images crate next to libvips, on the same
//! photos, widths and formats, in one command:
//!
//! ```text
//! cargo run --release -p images --example bench -- DIR [--no-vips] [--rounds N]
//! ```
//!
//! For every JPEG/PNG/WebP/GIF in DIR: fetch it from a loopback HTTP server
//! through the pipeline's fetcher (`ingest::Fetcher`: address guard, body
//! limit; the server runs in this process, so its CPU time counts as ours),
//! probe, derive 3 widths (480, 960, 1440; never upscaled) × 2 formats
//! (WebP q75, JPEG q80), and store each rendition on disk (atomic write with
//! fsync) — one picture at a time. Then the
//! same with libvips' `vipsthumbnail` (one process per width × format, all
//! files per process, `VIPS_CONCURRENCY=1`, metadata stripped, shrink only).
//! Prints images per CPU-second (process CPU time: user + system, all
//! threads; children's for vipsthumbnail), the ratio, and the bytes a
//! 390-px-wide phone downloads: at DPR 1 the browser picks the 480
//! rendition from `srcset`, at DPR 2 the 960 one; WebP is what current
//! phone browsers accept.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark: any failure should stop it loudly

mod common;

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use images::{
    derive, probe, rendition_key, ContentHash, Limits, OutputFormat, RenditionPlan, Storage,
    StorageConfig,
};

const WIDTHS: [u32; 3] = [480, 960, 1440];

fn cpu_seconds(who: i32) -> f64 {
    // SAFETY: getrusage writes into the struct we pass and nothing else.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(who, &mut u) };
    let t = |tv: libc::timeval| tv.tv_sec as f64 + tv.tv_usec as f64 / 1e6;
    t(u.ru_utime) + t(u.ru_stime)
}

/// Length of a WebP file less its EXIF, XMP and ICC chunks: vips 8.14's
/// `webpsave` keeps EXIF despite `strip`, which would count against it.
fn webp_without_metadata(b: &[u8]) -> usize {
    let mut len = b.len();
    let mut i = 12;
    while i + 8 <= b.len() {
        let n = u32::from_le_bytes([b[i + 4], b[i + 5], b[i + 6], b[i + 7]]) as usize;
        let padded = 8 + n + (n & 1);
        if matches!(&b[i..i + 4], b"EXIF" | b"XMP " | b"ICCP") {
            len -= padded.min(len);
        }
        i += padded;
    }
    len
}

/// Serves `originals` (named as `files`) from an HTTP server on 127.0.0.1
/// run by `rt`; returns its address and each file's URL.
fn serve_on_loopback(
    rt: &tokio::runtime::Runtime,
    files: &[PathBuf],
    originals: &[Vec<u8>],
) -> (String, Vec<String>) {
    let mut by_name: HashMap<String, (&'static str, Bytes)> = HashMap::new();
    let mut names = Vec::new();
    for (i, (f, bytes)) in files.iter().zip(originals).enumerate() {
        let ext = f
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let mime = match ext.as_str() {
            "png" => "image/png",
            "webp" => "image/webp",
            "gif" => "image/gif",
            _ => "image/jpeg",
        };
        let name = format!("{i}.{ext}");
        by_name.insert(name.clone(), (mime, Bytes::from(bytes.clone())));
        names.push(name);
    }
    let by_name = Arc::new(by_name);
    let app = axum::Router::new().route(
        "/{name}",
        axum::routing::get(move |Path(name): Path<String>| {
            let by_name = by_name.clone();
            async move {
                let r: Response = match by_name.get(&name) {
                    Some((mime, body)) => {
                        ([(header::CONTENT_TYPE, *mime)], body.clone()).into_response()
                    }
                    None => StatusCode::NOT_FOUND.into_response(),
                };
                r
            }
        }),
    );
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind loopback");
    let addr = listener.local_addr().expect("address").to_string();
    rt.spawn(async move { axum::serve(listener, app).await });
    let urls = names.iter().map(|n| format!("http://{addr}/{n}")).collect();
    (addr, urls)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            eprintln!("usage: bench DIR [--no-vips] [--rounds N]");
            std::process::exit(2)
        });
    let vips = !args.iter().any(|a| a == "--no-vips");
    let rounds: usize = args
        .iter()
        .position(|a| a == "--rounds")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("read DIR")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            matches!(
                p.extension()
                    .and_then(|e| e.to_str())
                    .map(str::to_ascii_lowercase)
                    .as_deref(),
                Some("jpg" | "jpeg" | "png" | "webp" | "gif")
            )
        })
        .collect();
    files.sort();
    let originals: Vec<Vec<u8>> = files
        .iter()
        .map(|p| std::fs::read(p).expect("read image"))
        .collect();
    let total_bytes: usize = originals.iter().map(Vec::len).sum();
    let mpx: f64 = originals
        .iter()
        .map(|b| {
            probe(b, None, &Limits::default())
                .map(|p| f64::from(p.width) * f64::from(p.height) / 1e6)
                .unwrap_or(0.0)
        })
        .sum();
    println!(
        "{} images in {} ({:.1} MB, {:.1} Mpx in all); {} round(s); {} CPU(s) online",
        files.len(),
        dir.display(),
        total_bytes as f64 / 1e6,
        mpx,
        rounds,
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    );

    // ---- ours ----
    let plan = RenditionPlan {
        widths: WIDTHS.to_vec(),
        social_width: 0,
        formats: vec![OutputFormat::Webp, OutputFormat::Jpeg],
        ..RenditionPlan::default()
    };
    let out_dir = tempfile::tempdir().expect("temp dir");
    let storage = Storage::new(&StorageConfig::Disk {
        root: out_dir.path().join("ours"),
    })
    .expect("storage");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let urls = serve_on_loopback(&rt, &files, &originals);
    let fetcher = common::loopback_fetcher(&urls.0);
    // bytes[i] = (480 webp, 960 webp, 480 jpeg, 960 jpeg) for image i
    let mut ours_bytes = vec![[0usize; 4]; files.len()];
    let cpu0 = cpu_seconds(libc::RUSAGE_SELF);
    let wall0 = Instant::now();
    for _ in 0..rounds {
        for (i, url) in urls.1.iter().enumerate() {
            let fetched = rt.block_on(fetcher.fetch(url, None)).expect("fetch");
            let bytes = &fetched.body[..];
            let p =
                probe(bytes, fetched.content_type.as_deref(), &Limits::default()).expect("probe");
            let renditions = derive(bytes, &p, &plan, &Limits::default()).expect("derive");
            let hash = ContentHash::of(bytes);
            for r in renditions {
                let slot = match (r.width.min(p.width), r.format) {
                    (w, OutputFormat::Webp) if w == 480.min(p.width) => Some(0),
                    (w, OutputFormat::Webp) if w == 960.min(p.width) => Some(1),
                    (w, OutputFormat::Jpeg) if w == 480.min(p.width) => Some(2),
                    (w, OutputFormat::Jpeg) if w == 960.min(p.width) => Some(3),
                    _ => None,
                };
                if let Some(s) = slot {
                    ours_bytes[i][s] = r.bytes.len();
                }
                let key = rendition_key(&hash, r.width, r.format);
                rt.block_on(storage.put(&key, r.bytes, r.format.mime()))
                    .expect("store");
            }
        }
    }
    let ours_cpu = cpu_seconds(libc::RUSAGE_SELF) - cpu0;
    let ours_wall = wall0.elapsed().as_secs_f64();
    let n = (files.len() * rounds) as f64;
    println!(
        "images crate : {:>6.2} images/CPU-s  ({:.3} CPU-s, {:.3} s wall per image: loopback fetch + probe + decode + 3 widths x (WebP q75 + JPEG q80) + disk store)",
        n / ours_cpu,
        ours_cpu / n,
        ours_wall / n
    );

    // ---- libvips ----
    let mut vips_bytes = vec![[0usize; 4]; files.len()];
    if vips {
        let vdir = out_dir.path().join("vips");
        std::fs::create_dir_all(&vdir).expect("mkdir");
        let c0 = cpu_seconds(libc::RUSAGE_CHILDREN);
        let w0 = Instant::now();
        for _ in 0..rounds {
            for w in WIDTHS {
                for (ext, opts) in [("webp", "[Q=75,strip]"), ("jpg", "[Q=80,strip]")] {
                    let status = Command::new("vipsthumbnail")
                        .env("VIPS_CONCURRENCY", "1")
                        .args(&files)
                        .arg("--size")
                        .arg(format!("{w}x>"))
                        .arg("-o")
                        .arg(vdir.join(format!("%s-{w}.{ext}{opts}")))
                        .status()
                        .expect("run vipsthumbnail (apt-get install libvips-tools)");
                    assert!(status.success(), "vipsthumbnail failed");
                }
            }
        }
        let vips_cpu = cpu_seconds(libc::RUSAGE_CHILDREN) - c0;
        let vips_wall = w0.elapsed().as_secs_f64();
        println!(
            "vipsthumbnail: {:>6.2} images/CPU-s  ({:.3} CPU-s, {:.3} s wall per image: 6 runs of vipsthumbnail, one per width x format, VIPS_CONCURRENCY=1)",
            n / vips_cpu,
            vips_cpu / n,
            vips_wall / n
        );
        println!(
            "time per image, ours / vips: {:.2}x CPU, {:.2}x wall (goal: <= 1.5x)",
            ours_cpu / vips_cpu,
            ours_wall / vips_wall
        );
        for (i, f) in files.iter().enumerate() {
            let stem = f.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            let size = |w: u32, ext: &str| {
                std::fs::read(vdir.join(format!("{stem}-{w}.{ext}")))
                    .map(|b| {
                        if ext == "webp" {
                            webp_without_metadata(&b)
                        } else {
                            b.len()
                        }
                    })
                    .unwrap_or(0)
            };
            vips_bytes[i] = [
                size(480, "webp"),
                size(960, "webp"),
                size(480, "jpg"),
                size(960, "jpg"),
            ];
        }
    }

    // ---- bytes ----
    println!();
    println!("bytes a 390-px phone downloads (DPR 1 -> 480 rendition, DPR 2 -> 960), per image:");
    println!("(vips WebP sizes less the EXIF chunk that vips 8.14 keeps despite `strip`)");
    println!(
        "{:<18} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10}",
        "image", "original", "480.webp", "960.webp", "480.jpg", "vips480.w", "vips960.w"
    );
    let mut r480 = Vec::new();
    let mut r960 = Vec::new();
    let mut r480j = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let orig = originals[i].len() as f64;
        let b = ours_bytes[i];
        r480.push(orig / b[0] as f64);
        r960.push(orig / b[1] as f64);
        r480j.push(orig / b[2] as f64);
        println!(
            "{:<18} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10}",
            f.file_name().and_then(|s| s.to_str()).unwrap_or_default(),
            originals[i].len(),
            b[0],
            b[1],
            b[2],
            vips_bytes[i][0],
            vips_bytes[i][1]
        );
    }
    let sum = |k: usize, v: &[[usize; 4]]| v.iter().map(|b| b[k]).sum::<usize>() as f64;
    println!(
        "median original/rendition: 480.webp {:.1}x, 960.webp {:.1}x, 480.jpg {:.1}x (goal at a 390-px phone: >= 5x)",
        common::median(r480),
        common::median(r960),
        common::median(r480j)
    );
    println!(
        "all images: originals {} B; ours 480.webp {} B, 960.webp {} B; vips 480.webp {} B, 960.webp {} B",
        total_bytes,
        sum(0, &ours_bytes),
        sum(1, &ours_bytes),
        sum(0, &vips_bytes),
        sum(1, &vips_bytes)
    );
}
