//! The one error type of the crate: each variant names what is wrong and,
//! where the caller can act, what to do.

use crate::SourceFormat;

/// Why an image was refused, could not be derived, or could not be stored.
#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    /// The input has no bytes at all.
    #[error("empty image: zero bytes")]
    Empty,
    /// The input is larger than `Limits::max_bytes`; it was not read further.
    #[error("image too large: {bytes} bytes, the limit is {max} (raise [images] max_bytes to accept it)")]
    TooManyBytes {
        /// Size of the input.
        bytes: u64,
        /// The configured limit.
        max: u64,
    },
    /// The header declares more pixels than `Limits::max_pixels` (a decompression bomb, or just too big).
    #[error("image declares {width}x{height} pixels, more than the limit of {max_pixels} (a decompression bomb, or raise [images] max_pixels)")]
    TooManyPixels {
        /// Declared width.
        width: u32,
        /// Declared height.
        height: u32,
        /// The configured limit.
        max_pixels: u64,
    },
    /// One side is longer than `Limits::max_side`.
    #[error("image declares {width}x{height} pixels, a side longer than the limit of {max_side}")]
    SideTooLong {
        /// Declared width.
        width: u32,
        /// Declared height.
        height: u32,
        /// The configured limit.
        max_side: u32,
    },
    /// The bytes are none of the formats we accept (JPEG, PNG, GIF, WebP, AVIF, SVG): an HTML error page, say.
    #[error(
        "not an image we accept (JPEG, PNG, GIF, WebP, AVIF, SVG): the bytes start with {start:?}"
    )]
    UnknownFormat {
        /// The first bytes, for the log (at most 16, lossily as text).
        start: String,
    },
    /// The declared content type names another format than the bytes are.
    #[error("declared content type {declared:?} but the bytes are {detected:?}: refused")]
    TypeMismatch {
        /// The content type the server sent.
        declared: String,
        /// What the magic bytes say.
        detected: SourceFormat,
    },
    /// The image is SVG: never rasterised nor served from our origin; keep the original link or show the caption.
    #[error(
        "SVG is not derived nor served from our origin: keep the original link or show the caption"
    )]
    Svg,
    /// The format is recognised but this build cannot decode it (AVIF sources: no AVIF decoder is built in).
    #[error("{0:?} sources cannot be decoded by this build: keep the original link")]
    Unsupported(SourceFormat),
    /// The header or pixel data is damaged or cut short.
    #[error("corrupt or truncated image: {0}")]
    Corrupt(String),
    /// Decoding would allocate more memory than the limits allow.
    #[error("decoding refused by the memory limit: {0}")]
    DecodeLimit(String),
    /// Encoding a rendition failed.
    #[error("encoding {format} failed: {message}")]
    Encode {
        /// The output format.
        format: &'static str,
        /// The encoder's message.
        message: String,
    },
    /// A storage key is not one this crate makes (empty, absolute, `..`, hidden component, or odd characters).
    #[error("invalid storage key {0:?}: keys are relative paths of [a-z0-9._-] components, none starting with '.'")]
    BadKey(String),
    /// A content hash string is not 64 lowercase hexadecimal digits.
    #[error("invalid content hash {0:?}: expected 64 lowercase hex digits")]
    BadHash(String),
    /// The storage configuration cannot be used.
    #[error("invalid [images] storage configuration: {0}")]
    Config(String),
    /// A disk operation failed (the message names the path).
    #[error("disk storage: {0}")]
    Io(String),
    /// The object store (S3) refused or failed a request.
    #[error("object storage: {0}")]
    ObjectStore(String),
}
