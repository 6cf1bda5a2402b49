//! Newsbridge's images: every picture we serve is probed, derived and stored
//! by this crate, and nothing else in the workspace decodes image bytes.
//!
//! - [`probe`] reads magic bytes and header dimensions only (no pixel decode)
//!   and refuses oversized, mistyped, empty or unknown input before anything
//!   allocates for pixels.
//! - [`derive`] decodes under the same [`Limits`] (the decoder itself also
//!   refuses allocations beyond them), applies the EXIF orientation, resizes
//!   (never up) and re-encodes, so EXIF/GPS and every other metadata block of
//!   the original are gone from every rendition.
//! - [`Storage`] keeps originals and renditions on disk (atomic writes) or in
//!   an S3-compatible bucket, under keys made from the [`ContentHash`] of the
//!   original ([`rendition_key`], [`original_key`]).
//!
//! SVG is detected and never rasterised or served as a document:
//! [`derive`] returns [`ImageError::Svg`] for it.

mod derive;
mod error;
mod hash;
mod probe;
mod storage;

pub use derive::{derive, OutputFormat, Rendition, RenditionPlan};
pub use error::ImageError;
pub use hash::{original_key, rendition_key, ContentHash};
pub use probe::{probe, Limits, Probe, SourceFormat};
pub use storage::{Storage, StorageConfig, StoredObject};
