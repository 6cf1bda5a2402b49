//! The QA checks against their goals on the test set (see `qa_corpus`):
//! at least 97 % of injected defects flagged, at most 1 % false alarms on the
//! written clean pairs and under 1 % on the sample publisher's translations.

use crate::qa_corpus::{clean_cases, defect_cases, Evaluation};

#[test]
fn the_test_set_is_large_and_covers_every_defect_kind() {
    let clean = clean_cases();
    assert!(clean.len() >= 150, "{} clean pairs", clean.len());
    for pair in ["vi>fr", "vi>en"] {
        assert!(
            clean.iter().filter(|c| c.pair == pair).count() >= 60,
            "{pair}"
        );
    }
    let defects = defect_cases();
    for kind in [
        "partly_untranslated",
        "truncated",
        "number_changed",
        "score_swapped",
        "markup_lost",
        "name_changed",
        "loop",
        "empty",
    ] {
        let n = defects
            .iter()
            .filter(|c| c.defect.as_deref() == Some(kind))
            .count();
        assert!(n >= 8, "{n} defects of kind {kind}");
    }
}

#[test]
fn qa_flags_97_percent_of_defects_with_at_most_1_percent_false_alarms() {
    let eval = Evaluation::run();
    // Every figure and every remaining flagged clean pair, in the test output.
    println!("{eval}");
    assert!(eval.detected_percent() >= 97.0, "{eval}");
    assert!(eval.clean_false_alarm_percent() <= 1.0, "{eval}");
    assert!(eval.sample_total >= 2000, "{eval}");
    assert!(eval.sample_false_alarm_percent() < 1.0, "{eval}");
}
