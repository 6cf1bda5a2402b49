//! The crate's integration tests, one binary (each test binary links the whole
//! dependency tree, so one binary per crate keeps the build small and fast).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod authors;
mod follow;
mod index;
mod merges;
mod more_like_this;
mod place_names;
mod query_bounds;
mod similarity;
mod stories;
