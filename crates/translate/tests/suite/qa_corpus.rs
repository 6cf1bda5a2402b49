//! The QA checks measured on pairs with known answers: clean pairs written
//! for the purpose (`testdata/qa/clean.jsonl`), the same pairs with injected
//! defects (`testdata/qa/defects.jsonl`, one defect kind per line), and every
//! sentence pair of the sample publisher's human translations (aligned as
//! the demo aligns them into its translation memory), all clean.
//!
//! Shared by the `qa` tests and `examples/qa_eval.rs`, which prints the
//! figures.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::fmt;

use article::{Article, Block, RichText};
use serde::Deserialize;
use translate::{check_segment, LangPair, Piece, QaConfig, QaFlag, QaInput};

/// One pair of the test set.
#[derive(Debug, Clone, Deserialize)]
pub struct Case {
    /// Translation direction (`vi>fr`).
    pub pair: String,
    /// The Vietnamese source (placeholder string or inline HTML).
    pub source: String,
    /// The translation.
    pub translation: String,
    /// The injected defect (`partly_untranslated`, `truncated`, …); absent on clean pairs.
    #[serde(default)]
    pub defect: Option<String>,
    /// True for an image credit or a quote's attribution: names that stay as
    /// written, so the pipeline drops the `untranslated` flag there.
    #[serde(default)]
    pub credit: bool,
}

impl Case {
    /// The flags the checks raise on this pair.
    pub fn flags(&self) -> Vec<QaFlag> {
        let pair: LangPair = self.pair.parse().expect("a valid pair in the test set");
        let mut flags = check_segment(
            &QaInput {
                pair: &pair,
                source: &self.source,
                target: &self.translation,
                glossary: None,
            },
            &QaConfig::default(),
        );
        if self.credit {
            flags.retain(|f| !matches!(f, QaFlag::Untranslated { .. }));
        }
        flags
    }
}

fn read_jsonl(text: &str, name: &str) -> Vec<Case> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("{name} line {}: {e}", n + 1))
        })
        .collect()
}

/// The clean pairs written for the test set.
pub fn clean_cases() -> Vec<Case> {
    read_jsonl(
        include_str!("../../testdata/qa/clean.jsonl"),
        "testdata/qa/clean.jsonl",
    )
}

/// The pairs with one injected defect each.
pub fn defect_cases() -> Vec<Case> {
    read_jsonl(
        include_str!("../../testdata/qa/defects.jsonl"),
        "testdata/qa/defects.jsonl",
    )
}

const TRANSLATIONS: &[(&str, &str)] = &[
    (
        "en",
        include_str!("../../../../demo/translations/en/thoi-su.toml"),
    ),
    (
        "en",
        include_str!("../../../../demo/translations/en/the-gioi.toml"),
    ),
    (
        "en",
        include_str!("../../../../demo/translations/en/kinh-te.toml"),
    ),
    (
        "en",
        include_str!("../../../../demo/translations/en/van-hoa.toml"),
    ),
    (
        "en",
        include_str!("../../../../demo/translations/en/the-thao.toml"),
    ),
    (
        "en",
        include_str!("../../../../demo/translations/en/du-lich.toml"),
    ),
    (
        "en",
        include_str!("../../../../demo/translations/en/khoa-hoc.toml"),
    ),
    (
        "fr",
        include_str!("../../../../demo/translations/fr/thoi-su.toml"),
    ),
    (
        "fr",
        include_str!("../../../../demo/translations/fr/the-gioi.toml"),
    ),
    (
        "fr",
        include_str!("../../../../demo/translations/fr/kinh-te.toml"),
    ),
    (
        "fr",
        include_str!("../../../../demo/translations/fr/van-hoa.toml"),
    ),
    (
        "fr",
        include_str!("../../../../demo/translations/fr/the-thao.toml"),
    ),
    (
        "fr",
        include_str!("../../../../demo/translations/fr/du-lich.toml"),
    ),
    (
        "fr",
        include_str!("../../../../demo/translations/fr/khoa-hoc.toml"),
    ),
];

/// Every sentence pair of the sample publisher's human translations, aligned
/// unit by unit and sentence by sentence (units whose sentence counts differ
/// are skipped, as the demo's import skips them).
pub fn sample_publisher_cases() -> Vec<Case> {
    let site = sample_publisher::Site::bundled().expect("the bundled site loads");
    let mut out = Vec::new();
    for (lang, text) in TRANSLATIONS {
        let pairs = site
            .translated_pairs(text, "http://sample.invalid")
            .expect("a bundled translation file is valid");
        for (source, target) in pairs {
            for ((s, credit), (t, _)) in units(&source).iter().zip(units(&target).iter()) {
                let s = sentences(s, "vi");
                let t = sentences(t, lang);
                if s.len() != t.len() {
                    continue;
                }
                for (s, t) in s.into_iter().zip(t) {
                    out.push(Case {
                        pair: format!("vi>{lang}"),
                        source: s,
                        translation: t,
                        defect: None,
                        credit: *credit,
                    });
                }
            }
        }
    }
    out
}

fn sentences(text: &RichText, lang: &str) -> Vec<String> {
    translate::split_rich_text(text, lang)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Sentence(s) => Some(s.text),
            Piece::Break => None,
        })
        .collect()
}

/// Every translatable text of an article, in a fixed order, each with
/// whether it is a credit (an image credit or a quote's attribution).
fn units(a: &Article) -> Vec<(RichText, bool)> {
    let text = |t: &RichText| (t.clone(), false);
    let mut out = vec![(RichText::plain(a.title.as_str()), false)];
    out.extend(a.lead.iter().map(text));
    let figure = |f: &article::Figure, out: &mut Vec<(RichText, bool)>| {
        out.extend(f.caption.iter().map(text));
        out.extend(f.alt.as_deref().map(|t| (RichText::plain(t), false)));
        out.extend(f.credit.as_deref().map(|t| (RichText::plain(t), true)));
    };
    for block in &a.blocks {
        match block {
            Block::Paragraph { text: t } | Block::Heading { text: t, .. } => out.push(text(t)),
            Block::Quote { text: t, cite } => {
                out.push(text(t));
                out.extend(cite.as_deref().map(|c| (RichText::plain(c), true)));
            }
            Block::List { items, .. } => out.extend(items.iter().map(text)),
            Block::Table { rows, .. } => out.extend(rows.iter().flatten().map(text)),
            Block::Figure(f) => figure(f, &mut out),
            Block::Embed { .. } => {}
        }
    }
    if let Some(image) = &a.image {
        figure(image, &mut out);
    }
    for author in &a.authors {
        out.extend(author.role.as_deref().map(|r| (RichText::plain(r), false)));
    }
    out.extend(a.tags.iter().map(|t| (RichText::plain(t.as_str()), false)));
    out
}

/// A pair and the flags it got.
pub struct Flagged {
    /// The pair.
    pub case: Case,
    /// Its flags.
    pub flags: Vec<QaFlag>,
}

/// The figures of one run over the three sets.
pub struct Evaluation {
    /// Per defect kind: (flagged, total).
    pub per_kind: BTreeMap<String, (usize, usize)>,
    /// Defects the checks let through.
    pub missed: Vec<Case>,
    /// Clean pairs written for the test set.
    pub clean_total: usize,
    /// Those that got a flag (false alarms).
    pub clean_flagged: Vec<Flagged>,
    /// Sample publisher pairs.
    pub sample_total: usize,
    /// Those that got a flag (false alarms).
    pub sample_flagged: Vec<Flagged>,
    /// Sample publisher credits whose only flags are credit vocabulary left
    /// in Vietnamese ("Tư liệu", "… cung cấp"): the human translations left
    /// them so, and the issue counts that as a defect of the page.
    pub sample_credits_in_vietnamese: Vec<Flagged>,
}

impl Evaluation {
    /// Runs the checks on every pair of the three sets.
    pub fn run() -> Self {
        let mut per_kind: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        let mut missed = Vec::new();
        for case in defect_cases() {
            let kind = case.defect.clone().unwrap_or_default();
            let entry = per_kind.entry(kind).or_default();
            entry.1 += 1;
            if case.flags().is_empty() {
                missed.push(case);
            } else {
                entry.0 += 1;
            }
        }
        let flagged = |cases: &[Case]| -> Vec<Flagged> {
            cases
                .iter()
                .filter_map(|c| {
                    let flags = c.flags();
                    (!flags.is_empty()).then(|| Flagged {
                        case: c.clone(),
                        flags,
                    })
                })
                .collect()
        };
        let clean = clean_cases();
        let sample = sample_publisher_cases();
        // The corpus runs without a glossary: a glossary flag is the credit vocabulary.
        let (sample_credits_in_vietnamese, sample_flagged): (Vec<Flagged>, Vec<Flagged>) =
            flagged(&sample).into_iter().partition(|x| {
                x.case.credit
                    && x.flags
                        .iter()
                        .all(|f| matches!(f, QaFlag::GlossaryMissing { .. }))
            });
        Evaluation {
            per_kind,
            missed,
            clean_total: clean.len(),
            clean_flagged: flagged(&clean),
            sample_total: sample.len(),
            sample_flagged,
            sample_credits_in_vietnamese,
        }
    }

    /// Defects flagged, over all kinds.
    pub fn detected(&self) -> (usize, usize) {
        self.per_kind
            .values()
            .fold((0, 0), |(a, b), (f, t)| (a + f, b + t))
    }

    /// Share of defects flagged, in percent.
    pub fn detected_percent(&self) -> f64 {
        let (f, t) = self.detected();
        percent(f, t)
    }

    /// Share of the written clean pairs flagged, in percent.
    pub fn clean_false_alarm_percent(&self) -> f64 {
        percent(self.clean_flagged.len(), self.clean_total)
    }

    /// Share of the sample publisher's pairs flagged, in percent.
    pub fn sample_false_alarm_percent(&self) -> f64 {
        percent(self.sample_flagged.len(), self.sample_total)
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

fn codes(flags: &[QaFlag]) -> String {
    serde_json::to_string(flags).unwrap_or_default()
}

impl fmt::Display for Evaluation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (found, total) = self.detected();
        writeln!(
            f,
            "defects flagged: {found}/{total} ({:.1} %)",
            self.detected_percent()
        )?;
        for (kind, (flagged, total)) in &self.per_kind {
            writeln!(
                f,
                "  {kind:<22} {flagged}/{total} ({:.1} %)",
                percent(*flagged, *total)
            )?;
        }
        writeln!(
            f,
            "false alarms, written clean pairs: {}/{} ({:.2} %)",
            self.clean_flagged.len(),
            self.clean_total,
            self.clean_false_alarm_percent()
        )?;
        writeln!(
            f,
            "false alarms, sample publisher's human translations: {}/{} ({:.2} %)",
            self.sample_flagged.len(),
            self.sample_total,
            self.sample_false_alarm_percent()
        )?;
        writeln!(
            f,
            "sample publisher credits flagged for credit vocabulary left in Vietnamese: {}",
            self.sample_credits_in_vietnamese.len()
        )?;
        for c in &self.missed {
            writeln!(
                f,
                "missed {} [{}]: {:?} -> {:?}",
                c.defect.as_deref().unwrap_or(""),
                c.pair,
                c.source,
                c.translation
            )?;
        }
        for (what, list) in [
            ("written clean", &self.clean_flagged),
            ("sample publisher", &self.sample_flagged),
            (
                "sample publisher credit",
                &self.sample_credits_in_vietnamese,
            ),
        ] {
            for x in list {
                writeln!(
                    f,
                    "flagged {what} [{}]: {:?} -> {:?} {}",
                    x.case.pair,
                    x.case.source,
                    x.case.translation,
                    codes(&x.flags)
                )?;
            }
        }
        Ok(())
    }
}
