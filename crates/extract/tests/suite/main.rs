//! The crate's integration tests, one binary (each test binary links the whole
//! dependency tree, so one binary per crate keeps the build small and fast).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod body;
mod no_article;
mod robustness;
mod vietnamese;
