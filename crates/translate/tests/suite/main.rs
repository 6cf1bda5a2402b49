//! The crate's integration tests, one binary (each test binary links the whole
//! dependency tree, so one binary per crate keeps the build small and fast).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod batching;
mod common;
#[cfg(feature = "ctranslate2")]
mod ct2;
mod engines;
mod house_style;
mod models;
mod openai_e2e;
mod qa;
mod qa_checks;
mod qa_corpus;
mod robustness;
mod tmx;
mod translator;
