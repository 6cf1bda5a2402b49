//! extract (being built).
