//! The crate's integration tests, one binary (each test binary links the whole
//! dependency tree, so one binary per crate keeps the build small and fast).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod admin;
mod api;
mod atom_and_compression;
mod browser;
mod cdp;
mod comments;
mod common;
mod desk;
mod editor;
mod editor_browser;
mod feeds;
mod hardening;
mod i18n;
mod media;
mod pages;
mod reports;
mod roles;
mod search;
mod search_bounds;
