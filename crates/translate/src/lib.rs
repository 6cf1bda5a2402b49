//! translate (being built).
