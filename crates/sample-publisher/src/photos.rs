//! The newspaper's photographs: real raster JPEGs, 1,600–2,400 px wide, made
//! procedurally when first asked for (no image file ships in the crate).
//!
//! Each picture is a landscape drawn from its path's hash: a sky with a sun
//! and clouds, three or four mountain ridges fading into haze, a field or
//! water in front, film grain and a vignette. The grain matters: it gives the
//! file the entropy of a camera photo, so a 2,000-px picture weighs what a
//! newspaper's does (a few hundred kilobytes at quality 85), and resizing
//! and re-encoding it costs what it costs on a real photo. Hand-written
//! rather than bundled photos because no freely licensed photo set ships in
//! a registry package this project may use; the generator is small and
//! deterministic (the same path always gives the same bytes).
//!
//! Made pictures are kept in memory (at most [`CACHE_PICTURES`]; the cache
//! is emptied when full), since making one takes a noticeable fraction of a
//! second in a debug build.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use image::codecs::jpeg::JpegEncoder;
use image::ExtendedColorType;

use crate::images::fnv1a;

/// Pictures kept in memory at most.
pub const CACHE_PICTURES: usize = 48;

/// JPEG quality of the full-size pictures (a newspaper's usual).
const QUALITY: u8 = 85;

/// The pixel size of the picture at `path`: 1,600–2,400 px wide in steps of
/// 200, 3:2 or 16:9.
pub fn size_of(path: &str) -> (u32, u32) {
    let h = fnv1a(path.as_bytes());
    let width = 1600 + 200 * u32::try_from(h % 5).unwrap_or(0);
    let height = if (h >> 8).is_multiple_of(3) {
        width * 9 / 16
    } else {
        width * 2 / 3
    };
    (width, height)
}

/// Encoded photos by (path, width), made once per process.
type PhotoCache = HashMap<(String, u32), Arc<Vec<u8>>>;

/// The JPEG at `path` scaled to `width` pixels (the picture's own width for
/// the full size), from the cache or made now.
pub fn jpeg(path: &str, width: u32) -> Arc<Vec<u8>> {
    static CACHE: OnceLock<Mutex<PhotoCache>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let key = (path.to_string(), width);
    if let Some(found) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return found;
    }
    let (w, h) = size_of(path);
    let height = (u64::from(h) * u64::from(width) / u64::from(w.max(1))).max(1);
    let made = Arc::new(render(
        fnv1a(path.as_bytes()),
        width,
        u32::try_from(height).unwrap_or(1),
    ));
    if let Ok(mut c) = cache.lock() {
        if c.len() >= CACHE_PICTURES {
            c.clear();
        }
        c.insert(key, made.clone());
    }
    made
}

/// A small deterministic random number generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A float in [0, 1).
    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
}

/// Value noise on a lattice of `cells` random values, smoothly interpolated.
struct Noise1 {
    values: Vec<f32>,
}

impl Noise1 {
    fn new(rng: &mut Rng, cells: usize) -> Noise1 {
        Noise1 {
            values: (0..=cells + 1).map(|_| rng.unit()).collect(),
        }
    }

    /// At `t` in [0, 1].
    fn at(&self, t: f32) -> f32 {
        let n = self.values.len() - 2;
        let x = t.clamp(0.0, 1.0) * n as f32;
        let i = (x as usize).min(n);
        let f = x - i as f32;
        let s = f * f * (3.0 - 2.0 * f);
        self.values[i] * (1.0 - s) + self.values[i + 1] * s
    }
}

/// Fractal 1D noise: octaves of value noise, each twice as fine and half as strong.
fn ridge(rng: &mut Rng, octaves: usize) -> Vec<Noise1> {
    (0..octaves).map(|o| Noise1::new(rng, 3 << o)).collect()
}

fn ridge_at(layers: &[Noise1], t: f32) -> f32 {
    let mut sum = 0.0;
    let mut amp = 1.0;
    let mut norm = 0.0;
    for layer in layers {
        sum += layer.at(t) * amp;
        norm += amp;
        amp *= 0.5;
    }
    sum / norm
}

/// A coarse 2D field (clouds, field texture), bilinearly sampled.
struct Field {
    w: usize,
    h: usize,
    values: Vec<f32>,
}

impl Field {
    fn new(rng: &mut Rng, w: usize, h: usize) -> Field {
        // Octaves of random lattices summed on the coarse grid.
        let mut values = vec![0.0f32; w * h];
        let mut amp = 1.0;
        let mut norm = 0.0;
        for cell in [16usize, 8, 4, 2] {
            let gw = w / cell + 2;
            let gh = h / cell + 2;
            let grid: Vec<f32> = (0..gw * gh).map(|_| rng.unit()).collect();
            for y in 0..h {
                for x in 0..w {
                    let fx = x as f32 / cell as f32;
                    let fy = y as f32 / cell as f32;
                    let (ix, iy) = (fx as usize, fy as usize);
                    let (tx, ty) = (fx - ix as f32, fy - iy as f32);
                    let g = |i: usize, j: usize| grid[j * gw + i];
                    let top = g(ix, iy) * (1.0 - tx) + g(ix + 1, iy) * tx;
                    let bottom = g(ix, iy + 1) * (1.0 - tx) + g(ix + 1, iy + 1) * tx;
                    values[y * w + x] += (top * (1.0 - ty) + bottom * ty) * amp;
                }
            }
            norm += amp;
            amp *= 0.55;
        }
        for v in &mut values {
            *v /= norm;
        }
        Field { w, h, values }
    }

    /// At (u, v) in [0, 1]².
    fn at(&self, u: f32, v: f32) -> f32 {
        let x = u.clamp(0.0, 1.0) * (self.w - 1) as f32;
        let y = v.clamp(0.0, 1.0) * (self.h - 1) as f32;
        let (ix, iy) = ((x as usize).min(self.w - 2), (y as usize).min(self.h - 2));
        let (tx, ty) = (x - ix as f32, y - iy as f32);
        let g = |i: usize, j: usize| self.values[j * self.w + i];
        let top = g(ix, iy) * (1.0 - tx) + g(ix + 1, iy) * tx;
        let bottom = g(ix, iy + 1) * (1.0 - tx) + g(ix + 1, iy + 1) * tx;
        top * (1.0 - ty) + bottom * ty
    }
}

type Rgb = [f32; 3];

fn mix(a: Rgb, b: Rgb, t: f32) -> Rgb {
    let t = t.clamp(0.0, 1.0);
    [
        a[0] + (b[0] - a[0]) * t,
        a[1] + (b[1] - a[1]) * t,
        a[2] + (b[2] - a[2]) * t,
    ]
}

/// The light of the scene: sky top and horizon, sun, land and haze colours.
struct Palette {
    sky_top: Rgb,
    sky_horizon: Rgb,
    sun: Rgb,
    land_far: Rgb,
    land_near: Rgb,
    ground: Rgb,
    water: bool,
}

fn palette(rng: &mut Rng) -> Palette {
    match rng.next() % 4 {
        // Morning over rice fields.
        0 => Palette {
            sky_top: [70.0, 130.0, 200.0],
            sky_horizon: [215.0, 225.0, 230.0],
            sun: [255.0, 245.0, 215.0],
            land_far: [120.0, 150.0, 170.0],
            land_near: [40.0, 85.0, 45.0],
            ground: [95.0, 150.0, 60.0],
            water: false,
        },
        // Dusk over a river.
        1 => Palette {
            sky_top: [60.0, 60.0, 120.0],
            sky_horizon: [250.0, 170.0, 100.0],
            sun: [255.0, 220.0, 150.0],
            land_far: [120.0, 90.0, 120.0],
            land_near: [35.0, 30.0, 45.0],
            ground: [200.0, 130.0, 90.0],
            water: true,
        },
        // Hazy noon in the highlands.
        2 => Palette {
            sky_top: [120.0, 160.0, 205.0],
            sky_horizon: [225.0, 230.0, 225.0],
            sun: [255.0, 255.0, 240.0],
            land_far: [140.0, 160.0, 150.0],
            land_near: [55.0, 80.0, 50.0],
            ground: [125.0, 135.0, 70.0],
            water: false,
        },
        // Grey monsoon sea.
        _ => Palette {
            sky_top: [95.0, 105.0, 115.0],
            sky_horizon: [190.0, 195.0, 195.0],
            sun: [230.0, 230.0, 225.0],
            land_far: [110.0, 120.0, 125.0],
            land_near: [45.0, 55.0, 55.0],
            ground: [80.0, 110.0, 120.0],
            water: true,
        },
    }
}

/// Draws the picture for `seed` at `width` × `height` and encodes it as JPEG.
fn render(seed: u64, width: u32, height: u32) -> Vec<u8> {
    let mut rng = Rng(seed);
    let pal = palette(&mut rng);
    let (w, h) = (width as usize, height as usize);
    let horizon = 0.55 + rng.unit() * 0.12;
    let sun = (0.15 + rng.unit() * 0.7, 0.12 + rng.unit() * 0.25);
    let layers = 3 + (rng.next() % 2) as usize;
    let ridges: Vec<(Vec<Noise1>, f32, f32)> = (0..layers)
        .map(|i| {
            let base = horizon - 0.22 + 0.07 * i as f32;
            let amp = 0.18 - 0.03 * i as f32;
            (ridge(&mut rng, 6), base, amp)
        })
        .collect();
    let clouds = Field::new(&mut rng, 160, 90);
    let texture = Field::new(&mut rng, 256, 144);
    // Ridge heights per column, nearest layer last.
    let heights: Vec<Vec<f32>> = ridges
        .iter()
        .map(|(r, base, amp)| {
            (0..w)
                .map(|x| base - ridge_at(r, x as f32 / w as f32) * amp)
                .collect()
        })
        .collect();
    let aspect = w as f32 / h as f32;
    let mut pixels = vec![0u8; w * h * 3];
    let mut grain = Rng(seed ^ 0x5eed);
    for y in 0..h {
        let v = y as f32 / h as f32;
        for x in 0..w {
            let u = x as f32 / w as f32;
            // Sky, sun glow and clouds.
            let mut c = mix(pal.sky_top, pal.sky_horizon, (v / horizon).powf(1.6));
            let (du, dv) = ((u - sun.0) * aspect, v - sun.1);
            let d = (du * du + dv * dv).sqrt();
            c = mix(
                c,
                pal.sun,
                (1.0 - d * 3.0).max(0.0).powi(2) + f32::from(u8::from(d < 0.035)),
            );
            let cloud =
                (clouds.at(u, v * 1.6) - 0.52).max(0.0) * 2.6 * (1.0 - v / horizon).max(0.0);
            c = mix(c, [245.0, 245.0, 245.0], cloud);
            // Ridges, far to near, hazier the further.
            for (i, hs) in heights.iter().enumerate() {
                if v >= hs[x] {
                    let near = (i + 1) as f32 / layers as f32;
                    let shade = texture.at(u * 2.0 + i as f32 * 0.3, v * 2.0) * 0.35;
                    let land = mix(pal.land_far, pal.land_near, near);
                    c = mix(land, [0.0, 0.0, 0.0], shade * near);
                    c = mix(c, pal.sky_horizon, (1.0 - near) * 0.45);
                }
            }
            // Ground or water in front.
            if v >= horizon + 0.12 {
                let t = texture.at(u, v);
                if pal.water {
                    let ripple = ((v * 220.0 + t * 14.0).sin() * 0.5 + 0.5) * 0.25;
                    c = mix(pal.ground, pal.sky_horizon, ripple + (1.0 - v) * 0.5);
                } else {
                    let rows = ((u - 0.5) * 40.0 / (v + 0.1) + t * 6.0).sin() * 0.5 + 0.5;
                    c = mix(pal.ground, pal.land_near, rows * 0.35 + t * 0.3);
                }
            }
            // Vignette and film grain.
            let (cu, cv) = (u - 0.5, v - 0.5);
            let vignette = 1.0 - (cu * cu + cv * cv) * 0.55;
            let n = (grain.next() % 25) as f32 - 12.0;
            let i = (y * w + x) * 3;
            for k in 0..3 {
                pixels[i + k] = (c[k] * vignette + n).clamp(0.0, 255.0) as u8;
            }
        }
    }
    let mut out = Vec::with_capacity(w * h / 4);
    let encoded = JpegEncoder::new_with_quality(&mut out, QUALITY).encode(
        &pixels,
        width,
        height,
        ExtendedColorType::Rgb8,
    );
    match encoded {
        Ok(()) => out,
        // Cannot happen for an RGB buffer of the stated size; an empty body
        // is what a broken upstream would send.
        Err(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_a_newspapers_and_stable() {
        for n in 0..50 {
            let (w, h) = size_of(&format!("/images/{n}-1.jpg"));
            assert!((1600..=2400).contains(&w), "{w}");
            assert!(h == w * 2 / 3 || h == w * 9 / 16, "{w}x{h}");
        }
        assert_eq!(size_of("/images/101-1.jpg"), size_of("/images/101-1.jpg"));
    }

    #[test]
    fn a_small_picture_is_a_jpeg_that_varies_with_its_path() {
        let a = jpeg("/images/101-1.jpg", 480);
        let b = jpeg("/images/102-1.jpg", 480);
        assert_eq!(&a[..3], &[0xff, 0xd8, 0xff], "JPEG magic bytes");
        assert_eq!(&a[a.len() - 2..], &[0xff, 0xd9], "complete JPEG");
        assert_ne!(a, b);
        assert_eq!(a, jpeg("/images/101-1.jpg", 480), "deterministic");
    }
}
