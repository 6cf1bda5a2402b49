//! sample-publisher (being built).
