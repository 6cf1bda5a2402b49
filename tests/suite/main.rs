//! The crate's integration tests, one binary (each test binary links the whole
//! dependency tree, so one binary per crate keeps the build small and fast).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli;
mod cluster;
mod common;
mod extract_cli;
mod faults;
mod images;
mod metrics;
mod operations;
mod pipeline;
mod sections;
mod stories;
