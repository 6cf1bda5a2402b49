//! The crate's integration tests, one binary (each test binary links the whole
//! dependency tree, so one binary per crate keeps the build small and fast).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod bounds;
mod conformance;
mod discover;
mod fetch;
mod health;
mod poll;
mod robustness;
mod tolerant;
