//! Deriving renditions: bounded decode, EXIF orientation, resize (never up),
//! re-encode. Re-encoding from pixels is what strips EXIF/GPS, XMP, ICC and
//! comments: no metadata block of the original is copied into a rendition.
//!
//! Decoding is the `image` crate (zune-jpeg, png, gif, image-webp), with its
//! own `Limits` set from ours so the decoder also refuses to allocate past
//! them. Animated GIF/PNG/WebP sources give stills of their first frame.

use std::io::Cursor;

use fast_image_resize as fr;
use image::{DynamicImage, ImageDecoder, ImageFormat};
use serde::{Deserialize, Serialize};

use crate::probe::{check_complete, check_dimensions};
use crate::{ImageError, Limits, Probe, SourceFormat};

/// Formats we write renditions in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    /// AVIF (not encoded by this build: see the crate README's figures; asking for it is a configuration error).
    Avif,
    /// Lossy WebP (libwebp).
    Webp,
    /// Baseline JPEG, 4:2:0.
    Jpeg,
    /// PNG (used instead of JPEG for sources with transparency).
    Png,
}

impl OutputFormat {
    /// The MIME type to serve it with.
    pub fn mime(self) -> &'static str {
        match self {
            Self::Avif => "image/avif",
            Self::Webp => "image/webp",
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
        }
    }

    /// File extension without the dot (also the suffix of its storage key).
    pub fn extension(self) -> &'static str {
        match self {
            Self::Avif => "avif",
            Self::Webp => "webp",
            Self::Jpeg => "jpg",
            Self::Png => "png",
        }
    }

    /// The format whose extension is `ext` (`jpg` or `jpeg` for JPEG).
    pub fn from_extension(ext: &str) -> Option<Self> {
        Some(match ext {
            "avif" => Self::Avif,
            "webp" => Self::Webp,
            "jpg" | "jpeg" => Self::Jpeg,
            "png" => Self::Png,
            _ => return None,
        })
    }

    /// Whether browsers that do not say they accept it still can show it
    /// (JPEG and PNG), i.e. whether it can be the `<img src>` fallback.
    pub fn is_fallback(self) -> bool {
        matches!(self, Self::Jpeg | Self::Png)
    }
}

/// One derived picture: upright, metadata-free, at most the source's size.
#[derive(Clone, PartialEq, Eq)]
pub struct Rendition {
    /// Width in pixels (never more than the source's upright width).
    pub width: u32,
    /// Height in pixels (aspect ratio kept, rounded, at least 1).
    pub height: u32,
    /// Encoding of `bytes`.
    pub format: OutputFormat,
    /// The encoded file.
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for Rendition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rendition")
            .field("width", &self.width)
            .field("height", &self.height)
            .field("format", &self.format)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

/// Which renditions [`derive`] makes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RenditionPlan {
    /// Widths for `srcset`, each made in every format of `formats` (default 480, 960, 1440).
    pub widths: Vec<u32>,
    /// Width of the social card (`og:image`, default 1200), made in the
    /// fallback format only (JPEG, or PNG for transparent sources).
    pub social_width: u32,
    /// Output formats (default WebP + JPEG). JPEG becomes PNG for a source
    /// with transparent pixels.
    pub formats: Vec<OutputFormat>,
    /// JPEG quality, 1–100 (default 80).
    pub jpeg_quality: u8,
    /// WebP quality, 0–100 (default 75, libwebp's own default).
    pub webp_quality: u8,
}

impl Default for RenditionPlan {
    fn default() -> Self {
        Self {
            widths: vec![480, 960, 1440],
            social_width: 1200,
            formats: vec![OutputFormat::Webp, OutputFormat::Jpeg],
            jpeg_quality: 80,
            webp_quality: 75,
        }
    }
}

impl RenditionPlan {
    /// The (width, format) pairs this plan makes from an upright source of
    /// `src_width` pixels with or without transparency: widths clamped to the
    /// source (never upscaled) and deduplicated, JPEG swapped for PNG when
    /// `alpha`, the social card in the fallback format only. Sorted by width,
    /// then format.
    pub fn targets(&self, src_width: u32, alpha: bool) -> Vec<(u32, OutputFormat)> {
        let fallback = if alpha {
            OutputFormat::Png
        } else {
            OutputFormat::Jpeg
        };
        let swap = |f: OutputFormat| {
            if alpha && f == OutputFormat::Jpeg {
                OutputFormat::Png
            } else {
                f
            }
        };
        let mut out = Vec::new();
        for &w in &self.widths {
            for &f in &self.formats {
                out.push((w.min(src_width), swap(f)));
            }
        }
        if self.social_width > 0 {
            out.push((self.social_width.min(src_width), fallback));
        }
        out.retain(|(w, _)| *w > 0);
        out.sort_unstable();
        out.dedup();
        out
    }

    fn check(&self, limits: &Limits) -> Result<(), ImageError> {
        if self.formats.is_empty() {
            return Err(ImageError::Config("rendition formats is empty".into()));
        }
        if self.formats.contains(&OutputFormat::Avif) {
            return Err(ImageError::Config(
                "AVIF output is not built in (encoding cost; see the images crate's doc): use webp and jpeg".into(),
            ));
        }
        if let Some(w) = self
            .widths
            .iter()
            .chain([&self.social_width])
            .find(|w| **w > limits.max_side)
        {
            return Err(ImageError::Config(format!(
                "rendition width {w} exceeds max_side {}",
                limits.max_side
            )));
        }
        if !(1..=100).contains(&self.jpeg_quality) || self.webp_quality > 100 {
            return Err(ImageError::Config(
                "jpeg_quality is 1-100 and webp_quality 0-100".into(),
            ));
        }
        Ok(())
    }
}

/// Decodes `bytes` (as probed by [`crate::probe`]) within `limits` and makes
/// every rendition of `plan`: upright (EXIF orientation applied), never wider
/// than the source, aspect ratio kept, all metadata gone. Animated sources
/// give their first frame. SVG returns [`ImageError::Svg`], AVIF
/// [`ImageError::Unsupported`]; a truncated or corrupt file returns
/// [`ImageError::Corrupt`], one whose decoder would pass the memory limit
/// [`ImageError::DecodeLimit`]. The probe's dimensions are re-checked here,
/// so a hand-made `Probe` cannot lift the limits.
pub fn derive(
    bytes: &[u8],
    probe: &Probe,
    plan: &RenditionPlan,
    limits: &Limits,
) -> Result<Vec<Rendition>, ImageError> {
    let img = decode(bytes, probe, limits)?;
    plan.check(limits)?;
    let source = Pixels::from_image(img)?;
    let mut out = Vec::new();
    let mut resized: Option<(u32, Pixels)> = None;
    for (w, format) in plan.targets(source.width, source.alpha) {
        let pixels = if w == source.width {
            &source
        } else {
            if resized.as_ref().map(|(rw, _)| *rw) != Some(w) {
                resized = Some((w, source.resize(w)?));
            }
            match &resized {
                Some((_, p)) => p,
                None => unreachable_resized()?,
            }
        };
        out.push(Rendition {
            width: pixels.width,
            height: pixels.height,
            format,
            bytes: pixels.encode(format, plan)?,
        });
    }
    Ok(out)
}

fn unreachable_resized<T>() -> Result<T, ImageError> {
    Err(ImageError::Corrupt(
        "internal: resized pixels missing".into(),
    ))
}

/// Decodes the first frame under `limits`, upright.
pub(crate) fn decode(
    bytes: &[u8],
    probe: &Probe,
    limits: &Limits,
) -> Result<DynamicImage, ImageError> {
    let format = match probe.format {
        SourceFormat::Svg => return Err(ImageError::Svg),
        SourceFormat::Avif => return Err(ImageError::Unsupported(SourceFormat::Avif)),
        SourceFormat::Jpeg => ImageFormat::Jpeg,
        SourceFormat::Png => ImageFormat::Png,
        SourceFormat::Gif => ImageFormat::Gif,
        SourceFormat::Webp => ImageFormat::WebP,
    };
    if bytes.len() as u64 > limits.max_bytes {
        return Err(ImageError::TooManyBytes {
            bytes: bytes.len() as u64,
            max: limits.max_bytes,
        });
    }
    check_dimensions(probe.width, probe.height, limits)?;
    check_complete(bytes, probe.format)?;
    let mut reader = image::ImageReader::new(Cursor::new(bytes));
    reader.set_format(format);
    let mut il = image::Limits::default();
    il.max_image_width = Some(limits.max_side);
    il.max_image_height = Some(limits.max_side);
    il.max_alloc = Some(limits.max_pixels.saturating_mul(8));
    reader.limits(il);
    let mut decoder = reader.into_decoder().map_err(map_image_error)?;
    let (w, h) = decoder.dimensions();
    // The decoder read the header again: the probe may have been for other bytes.
    check_dimensions(w, h, limits)?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(map_image_error)?;
    img.apply_orientation(orientation);
    Ok(img)
}

fn map_image_error(e: image::ImageError) -> ImageError {
    match e {
        image::ImageError::Limits(l) => ImageError::DecodeLimit(l.to_string()),
        image::ImageError::IoError(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            ImageError::Corrupt("truncated: the data ends before the image does".into())
        }
        other => ImageError::Corrupt(other.to_string()),
    }
}

/// 8-bit RGB or RGBA pixels, upright.
struct Pixels {
    width: u32,
    height: u32,
    alpha: bool,
    data: Vec<u8>,
}

impl Pixels {
    fn from_image(img: DynamicImage) -> Result<Self, ImageError> {
        let (width, height) = (img.width(), img.height());
        let alpha = img.color().has_alpha() && {
            let rgba = img.to_rgba8();
            rgba.pixels().any(|p| p.0[3] != 255)
        };
        let data = if alpha {
            img.into_rgba8().into_raw()
        } else {
            img.into_rgb8().into_raw()
        };
        Ok(Self {
            width,
            height,
            alpha,
            data,
        })
    }

    fn pixel_type(&self) -> fr::PixelType {
        if self.alpha {
            fr::PixelType::U8x4
        } else {
            fr::PixelType::U8x3
        }
    }

    /// A copy `width` wide, height in proportion (Lanczos3, SIMD where the CPU has it).
    fn resize(&self, width: u32) -> Result<Self, ImageError> {
        let height = ((u64::from(self.height) * u64::from(width) + u64::from(self.width) / 2)
            / u64::from(self.width))
        .max(1) as u32;
        let src = fr::images::ImageRef::new(self.width, self.height, &self.data, self.pixel_type())
            .map_err(|e| ImageError::Corrupt(format!("resize source: {e}")))?;
        let mut dst = fr::images::Image::new(width, height, self.pixel_type());
        let options = fr::ResizeOptions::new()
            .resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3));
        fr::Resizer::new()
            .resize(&src, &mut dst, &options)
            .map_err(|e| ImageError::Corrupt(format!("resize: {e}")))?;
        Ok(Self {
            width,
            height,
            alpha: self.alpha,
            data: dst.into_vec(),
        })
    }

    fn encode(&self, format: OutputFormat, plan: &RenditionPlan) -> Result<Vec<u8>, ImageError> {
        let color = if self.alpha {
            image::ExtendedColorType::Rgba8
        } else {
            image::ExtendedColorType::Rgb8
        };
        let enc_err = |format: &'static str| {
            move |e: image::ImageError| ImageError::Encode {
                format,
                message: e.to_string(),
            }
        };
        match format {
            OutputFormat::Jpeg => {
                let mut out = Vec::new();
                let rgb;
                let (data, color) = if self.alpha {
                    rgb = DynamicImage::ImageRgba8(
                        image::RgbaImage::from_raw(self.width, self.height, self.data.clone())
                            .ok_or_else(|| ImageError::Corrupt("pixel buffer size".into()))?,
                    )
                    .into_rgb8()
                    .into_raw();
                    (&rgb[..], image::ExtendedColorType::Rgb8)
                } else {
                    (&self.data[..], color)
                };
                image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, plan.jpeg_quality)
                    .encode(data, self.width, self.height, color)
                    .map_err(enc_err("JPEG"))?;
                Ok(out)
            }
            OutputFormat::Png => {
                let mut out = Vec::new();
                image::ImageEncoder::write_image(
                    image::codecs::png::PngEncoder::new_with_quality(
                        &mut out,
                        image::codecs::png::CompressionType::Fast,
                        image::codecs::png::FilterType::Adaptive,
                    ),
                    &self.data,
                    self.width,
                    self.height,
                    color,
                )
                .map_err(enc_err("PNG"))?;
                Ok(out)
            }
            OutputFormat::Webp => {
                let enc = if self.alpha {
                    webp::Encoder::from_rgba(&self.data, self.width, self.height)
                } else {
                    webp::Encoder::from_rgb(&self.data, self.width, self.height)
                };
                enc.encode_simple(false, f32::from(plan.webp_quality))
                    .map(|m| m.to_vec())
                    .map_err(|e| ImageError::Encode {
                        format: "WebP",
                        message: format!("{e:?}"),
                    })
            }
            OutputFormat::Avif => Err(ImageError::Config("AVIF output is not built in".into())),
        }
    }
}
