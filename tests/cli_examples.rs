//! The commands' real output, pinned as examples: each `tests/cmd/*.trycmd`
//! file is a terminal session (commands and what they print) run against the
//! built binary, in a fresh copy of its `*.in/` directory. Regenerate the
//! expected output after a deliberate change with
//! `TRYCMD=overwrite cargo test --test cli_examples`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[test]
fn cli_examples() {
    trycmd::TestCases::new()
        .register_bin(
            "newsbridge",
            std::path::Path::new(env!("CARGO_BIN_EXE_newsbridge")),
        )
        .env("NEWSBRIDGE_LOG", "error")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .case("tests/cmd/*.trycmd");
}
