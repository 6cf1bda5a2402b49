//! Prints how well the QA checks do on the test set: defects flagged (all and
//! per kind), false alarms on the written clean pairs and on every sentence
//! pair of the sample publisher's human translations, then each missed
//! defect and each flagged clean pair.
//!
//! `cargo run -p translate --example qa_eval`
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/suite/qa_corpus.rs"]
mod qa_corpus;

fn main() {
    print!("{}", qa_corpus::Evaluation::run());
}
