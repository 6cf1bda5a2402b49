//! The document model shared by every stage of Newsbridge.
//!
//! `extract` produces an [`Article`] from a publisher's HTML, `translate`
//! turns one into another language while keeping its [`Block`] structure,
//! `store` keeps it as JSON and `web` renders it. The model is deliberately
//! small and safe: inline markup is limited to links, bold, italics, line
//! breaks and runs marked as another language ([`foreign`]), so nothing a publisher writes can inject script into the portal.

mod blocks;
pub mod dates;
pub mod escape;
pub mod foreign;
mod inline;
mod meta;
pub mod slug;

pub use blocks::{Block, EmbedKind, Figure};
pub use inline::{Inline, RichText};
pub use meta::{Article, Author, Publisher};
