//! The crate's integration tests, one binary (each test binary links the
//! whole dependency tree, so one binary per crate keeps the build small).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod language_of_parts;
mod pictures;
