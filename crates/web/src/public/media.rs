//! Mirrored pictures: the route that serves renditions from the image
//! storage (`/media/{key}`), and the markup every page uses to show them.
//!
//! Pages never link a publisher's picture. A picture whose reference is
//! `stored` (see `store::ShownImage`) is shown as `<picture>` with a
//! `<source>` per modern format and an `<img>` in JPEG or PNG, each with a
//! `srcset` of the widths made and `width`/`height` so nothing shifts; any
//! other picture is not shown at all (its caption and alt text are).
//!
//! The route answers only keys of the exact shape the `images` crate makes
//! for renditions (`ab/cd/<sha-256>/960.webp`): originals, temporary files of
//! a write in progress and anything else are 404 without touching the
//! storage. Renditions are immutable (the key names the content), so they
//! are cached for a year; the ETag is the storage's.

use std::collections::HashMap;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use images::{ContentHash, OutputFormat};
use maud::{html, Markup};
use store::{RenditionInfo, ShownImage};

use crate::core::app::{AppState, Ctx};

/// Where renditions are served on the portal.
pub(crate) const PREFIX: &str = "/media/";

/// Cache-Control of a rendition: its key names its content.
pub(crate) const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Longest key the route looks at (a rendition key is 2+1+2+1+64+1+5+1+4 = 81).
const MAX_KEY: usize = 96;

/// Width of the social card (`og:image`, RSS media) looked for first.
const SOCIAL_WIDTH: u32 = 1200;

/// `sizes` of a body figure or lead image: the article column (`--measure`, 42rem).
pub(crate) const SIZES_ARTICLE: &str = "(min-width: 44rem) 42rem, 100vw";
/// `sizes` of a teaser card in a grid.
pub(crate) const SIZES_CARD: &str = "(min-width: 72rem) 17rem, (min-width: 40rem) 45vw, 100vw";
/// `sizes` of the home page's lead teaser.
pub(crate) const SIZES_LEAD: &str = "(min-width: 72rem) 70rem, 100vw";

/// The rendition a key names, when the key is exactly what
/// `images::rendition_key` makes for it.
pub(crate) fn parse_key(key: &str) -> Option<(ContentHash, u32, OutputFormat)> {
    if key.len() > MAX_KEY {
        return None;
    }
    let mut parts = key.split('/');
    let (_, _, hash, file) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let (width, ext) = file.split_once('.')?;
    if width.is_empty() || width.len() > 5 || !width.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let width: u32 = width.parse().ok()?;
    let format = OutputFormat::from_extension(ext)?;
    let hash = ContentHash::parse(hash).ok()?;
    (images::rendition_key(&hash, width, format) == key).then_some((hash, width, format))
}

/// The output format a stored rendition names (`store` keeps the names).
pub(crate) fn format_of(name: &str) -> Option<OutputFormat> {
    match name {
        "avif" => Some(OutputFormat::Avif),
        "webp" => Some(OutputFormat::Webp),
        "jpeg" | "jpg" => Some(OutputFormat::Jpeg),
        "png" => Some(OutputFormat::Png),
        _ => None,
    }
}

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CACHE_CONTROL, "no-store")],
        "not found",
    )
        .into_response()
}

/// `GET /media/{*key}`: one rendition from the image storage.
pub(crate) async fn serve(
    State(app): State<AppState>,
    Path(key): Path<String>,
    method: Method,
    headers: HeaderMap,
) -> Response {
    let Some(storage) = app.portal.images.as_ref() else {
        return not_found();
    };
    let Some((_, _, format)) = parse_key(&key) else {
        return not_found();
    };
    let object = match storage.get(&key).await {
        Ok(Some(object)) => object,
        Ok(None) => return not_found(),
        Err(e) => {
            tracing::warn!(error = %e, key, "image storage unavailable");
            return (
                StatusCode::SERVICE_UNAVAILABLE,
                [
                    (header::RETRY_AFTER, "30"),
                    (header::CACHE_CONTROL, "no-store"),
                ],
                "image storage unavailable",
            )
                .into_response();
        }
    };
    let Ok(etag) = HeaderValue::from_str(&object.etag) else {
        return not_found();
    };
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',').any(|t| {
                let t = t.trim();
                t == "*" || t.trim_start_matches("W/") == object.etag
            })
        });
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let len = object.bytes.len();
        let body = if method == Method::HEAD {
            Body::empty()
        } else {
            Body::from(object.bytes)
        };
        let mut r = Response::new(body);
        r.headers_mut()
            .insert(header::CONTENT_LENGTH, HeaderValue::from(len));
        r
    };
    let h = response.headers_mut();
    h.insert(header::ETAG, etag);
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
    // The type the key names, never what a file or an object claims.
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.mime()),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// The address of one rendition: the bucket or CDN when configured, else
/// our route (site-relative, or absolute when `absolute`).
pub(crate) fn rendition_url(
    ctx: &Ctx<'_>,
    image: &ShownImage,
    r: &RenditionInfo,
    absolute: bool,
) -> Option<String> {
    let storage = ctx.app.portal.images.as_ref()?;
    let hash = ContentHash::parse(&image.hash).ok()?;
    let key = images::rendition_key(&hash, r.width, format_of(&r.format)?);
    Some(match storage.public_url(&key) {
        Some(url) => url,
        None if absolute => ctx.app.abs(&format!("{PREFIX}{key}")),
        None => format!("{PREFIX}{key}"),
    })
}

/// `url 480w, url 960w, …` for one format, narrowest first.
fn srcset(ctx: &Ctx<'_>, image: &ShownImage, format: OutputFormat) -> Option<String> {
    let mut items: Vec<&RenditionInfo> = image
        .renditions
        .iter()
        .filter(|r| format_of(&r.format) == Some(format))
        .collect();
    items.sort_by_key(|r| r.width);
    items.dedup_by_key(|r| r.width);
    let list: Vec<String> = items
        .iter()
        .filter_map(|r| {
            Some(format!(
                "{} {}w",
                rendition_url(ctx, image, r, false)?,
                r.width
            ))
        })
        .collect();
    (!list.is_empty()).then(|| list.join(", "))
}

/// The format every browser shows (JPEG, or PNG for transparent pictures).
fn fallback_format(image: &ShownImage) -> Option<OutputFormat> {
    [OutputFormat::Jpeg, OutputFormat::Png]
        .into_iter()
        .find(|f| {
            image
                .renditions
                .iter()
                .any(|r| format_of(&r.format) == Some(*f))
        })
}

/// The fallback rendition closest to `width` from above (else the widest).
fn fallback_near(image: &ShownImage, width: u32) -> Option<&RenditionInfo> {
    let format = fallback_format(image)?;
    let mut items: Vec<&RenditionInfo> = image
        .renditions
        .iter()
        .filter(|r| format_of(&r.format) == Some(format))
        .collect();
    items.sort_by_key(|r| r.width);
    items
        .iter()
        .find(|r| r.width >= width)
        .or_else(|| items.last())
        .copied()
}

/// A stored picture as `<picture>`: a `<source>` per modern format, an
/// `<img>` in the fallback format with `srcset`, `sizes`, and the `width`
/// and `height` of its rendition nearest 960 px (upright, so the aspect
/// ratio holds after EXIF rotation). Nothing when the picture has no fallback rendition or no
/// storage is configured.
pub(crate) fn picture(
    ctx: &Ctx<'_>,
    image: &ShownImage,
    alt: &str,
    sizes: &str,
    eager: bool,
) -> Markup {
    let (Some(format), Some(shown)) = (fallback_format(image), fallback_near(image, 960)) else {
        return html! {};
    };
    let (Some(fallback), Some(src)) = (
        srcset(ctx, image, format),
        rendition_url(ctx, image, shown, false),
    ) else {
        return html! {};
    };
    let modern: Vec<(OutputFormat, String)> = [OutputFormat::Avif, OutputFormat::Webp]
        .into_iter()
        .filter_map(|f| Some((f, srcset(ctx, image, f)?)))
        .collect();
    html! {
        picture {
            @for (f, set) in &modern {
                source type=(f.mime()) srcset=(set) sizes=(sizes);
            }
            img src=(src) srcset=(fallback) sizes=(sizes) alt=(alt)
                width=(shown.width) height=(shown.height)
                loading=(if eager { "eager" } else { "lazy" }) decoding="async";
        }
    }
}

/// The absolute URL of a picture's social card (`og:image`, JSON-LD, feeds):
/// the fallback rendition of at least 1,200 px when there is one, else the widest.
pub(crate) fn social_url(ctx: &Ctx<'_>, image: &ShownImage) -> Option<String> {
    rendition_url(ctx, image, fallback_near(image, SOCIAL_WIDTH)?, true)
}

/// The social card's MIME type and size in bytes (RSS enclosures).
pub(crate) fn social_type_and_length(image: &ShownImage) -> Option<(&'static str, u64)> {
    let r = fallback_near(image, SOCIAL_WIDTH)?;
    Some((format_of(&r.format)?.mime(), r.bytes))
}

/// The pictures an article page may show, by the publisher's URL (empty
/// when no storage is configured or the database fails: the page is still
/// worth showing, without pictures).
pub(crate) async fn shown(ctx: &Ctx<'_>, article_id: i64) -> HashMap<String, ShownImage> {
    if ctx.app.portal.images.is_none() {
        return HashMap::new();
    }
    match ctx.app.portal.store.shown_images(article_id).await {
        Ok(map) => map,
        Err(e) => {
            tracing::warn!(error = %e, article_id, "stored pictures unavailable");
            HashMap::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash() -> ContentHash {
        ContentHash::of(b"a picture")
    }

    #[test]
    fn only_rendition_keys_of_the_exact_shape_parse() {
        let h = hash();
        for (w, f) in [(480, OutputFormat::Webp), (1200, OutputFormat::Jpeg)] {
            let key = images::rendition_key(&h, w, f);
            assert_eq!(parse_key(&key), Some((h, w, f)), "{key}");
        }
        let good = images::rendition_key(&h, 960, OutputFormat::Webp);
        let hex = h.to_string();
        let bad = [
            String::new(),
            "../../etc/passwd".into(),
            good.replace("960.webp", "original.jpg"),
            good.replace("960.webp", ".partial-960.webp"),
            good.replace("960.webp", "960.svg"),
            good.replace("960.webp", "0960.webp"),
            good.replace("960.webp", "960.jpeg"),
            good.replace("960.webp", "99999999.webp"),
            good.replace(&hex[0..2], "zz"),
            format!("{good}/x"),
            format!("/{good}"),
            good.to_uppercase(),
            "a/".repeat(5000),
        ];
        for key in bad {
            assert_eq!(parse_key(&key), None, "{key:?}");
        }
    }

    /// The name `store` keeps for a format (the image stage writes it).
    fn format_name(format: OutputFormat) -> &'static str {
        match format {
            OutputFormat::Avif => "avif",
            OutputFormat::Webp => "webp",
            OutputFormat::Jpeg => "jpeg",
            OutputFormat::Png => "png",
        }
    }

    #[test]
    fn format_names_round_trip() {
        for f in [
            OutputFormat::Avif,
            OutputFormat::Webp,
            OutputFormat::Jpeg,
            OutputFormat::Png,
        ] {
            assert_eq!(format_of(format_name(f)), Some(f));
        }
        assert_eq!(format_of("svg"), None);
    }
}
