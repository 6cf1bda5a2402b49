//! The store's integration tests, one binary, each test on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[macro_use]
mod common;
mod archive;
mod editorial;
mod health;
mod images;
mod lists;
mod queue;
mod reports;
mod workspace;
