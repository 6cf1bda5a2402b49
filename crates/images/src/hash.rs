//! Content hashes of originals and the storage keys made from them.

use std::fmt;

use sha2::{Digest, Sha256};

use crate::{ImageError, OutputFormat, SourceFormat};

/// SHA-256 of an original's bytes: the identity under which it and all its
/// renditions are stored (the same picture in ten articles is stored once).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContentHash([u8; 32]);

impl ContentHash {
    /// The hash of these bytes.
    pub fn of(bytes: &[u8]) -> Self {
        Self(Sha256::digest(bytes).into())
    }

    /// Parses 64 lowercase hex digits (what `Display` prints).
    pub fn parse(s: &str) -> Result<Self, ImageError> {
        let bad = || ImageError::BadHash(s.chars().take(80).collect());
        if s.len() != 64 {
            return Err(bad());
        }
        let mut out = [0u8; 32];
        for (i, pair) in s.as_bytes().chunks_exact(2).enumerate() {
            let hi = hex_val(pair[0]).ok_or_else(bad)?;
            let lo = hex_val(pair[1]).ok_or_else(bad)?;
            out[i] = hi << 4 | lo;
        }
        Ok(Self(out))
    }

    /// The 32 raw bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

fn hex_val(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    }
}

impl fmt::Display for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ContentHash({self})")
    }
}

impl std::str::FromStr for ContentHash {
    type Err = ImageError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

fn dir_of(hash: &ContentHash) -> String {
    let h = hash.to_string();
    format!("{}/{}/{}", &h[0..2], &h[2..4], h)
}

/// Key of one rendition: `ab/cd/<hash>/960.webp` (two fan-out levels keep
/// directories small on disk and spread S3 prefixes).
pub fn rendition_key(hash: &ContentHash, width: u32, format: OutputFormat) -> String {
    format!("{}/{width}.{}", dir_of(hash), format.extension())
}

/// Key of the original bytes: `ab/cd/<hash>/original.jpg` (extension from the
/// probed format; SVG originals get `original.svg` and must only ever be
/// served as a download with `Content-Disposition: attachment`, if at all).
pub fn original_key(hash: &ContentHash, format: SourceFormat) -> String {
    format!("{}/original.{}", dir_of(hash), format.extension())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_round_trips_and_rejects_bad_text() {
        let h = ContentHash::of(b"abc");
        let s = h.to_string();
        assert_eq!(
            s,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(ContentHash::parse(&s).ok(), Some(h));
        assert!(ContentHash::parse(&s.to_uppercase()).is_err());
        assert!(ContentHash::parse(&s[..63]).is_err());
        assert!(ContentHash::parse(&format!("{}g", &s[..63])).is_err());
        assert!(ContentHash::parse("ébc").is_err());
    }

    #[test]
    fn keys_fan_out_by_hash_prefix() {
        let h = ContentHash::of(b"abc");
        assert_eq!(
            rendition_key(&h, 960, OutputFormat::Webp),
            format!("ba/78/{h}/960.webp")
        );
        assert_eq!(
            original_key(&h, SourceFormat::Jpeg),
            format!("ba/78/{h}/original.jpg")
        );
    }
}
