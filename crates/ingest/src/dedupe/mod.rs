//! Recognising the same story twice: under another URL (canonical URLs),
//! with the same text (content hash), or as a lightly edited syndicated
//! copy (SimHash).

mod canonical;
mod hash;
mod simhash;

pub use canonical::{
    canonical_url, canonical_url_with, declared_canonical, CanonicalUrlError, TrailingSlash,
};
pub use hash::{content_hash, normalize_text, ContentHash};
pub use simhash::{SimHash, NEAR_DUPLICATE_DISTANCE};
