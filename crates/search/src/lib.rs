//! search (being built).
