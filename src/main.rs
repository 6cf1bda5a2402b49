//! The `newsbridge` binary.
fn main() {}
