//! The Newsbridge pipeline as a library: configuration, the application
//! wiring, the job stages and their workers, and the HTTP surface of one
//! process. The `newsbridge` binary parses the command line and calls this.
//!
//! A job moves poll → fetch → extract → classify → translate → publish
//! ([`stages`]); [`app::App`] holds what every stage needs, built once from
//! [`config::Config`]. See ARCHITECTURE.md for where each invariant lives.

pub mod app;
pub mod archive;
pub mod config;
pub mod demo;
pub mod demo_translations;
pub mod extract_files;
pub mod glossary;
pub mod imaging;
pub mod metrics;
pub mod on_demand;
pub mod placement;
pub mod portal;
pub mod process;
pub mod search_index;
pub mod sections;
pub mod sources;
pub mod stages;
pub mod status;
pub mod stories;
pub mod translation_memory;
pub mod users;
