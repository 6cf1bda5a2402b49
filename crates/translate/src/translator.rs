//! The translator: article in, article in another language out.
//!
//! Per article: cut every visible unit into sentences, serve what the
//! translation memory knows, send the rest (glossary terms protected,
//! numbers localized) to the pair's engines in batches, check every result,
//! retry failures with the fallback engines, remember the clean ones, and
//! put the sentences back into the same block structure.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use article::{Article, Inline, RichText};
use locale::NumberFormat;

use crate::engine::{EngineError, Engines};
use crate::glossary::Glossary;
use crate::lang::{is_unspaced, LangPair};
use crate::localize::localize_numbers;
use crate::memory::{self, MemoryEntry, MemoryError, MemoryStore, Origin};
use crate::placeholder::{self, decode};
use crate::qa::{check_segment, credits, QaConfig, QaFlag, QaInput};
use crate::report::{
    Outcome, Policy, RunStats, SegmentOrigin, SegmentReport, TranslateError, TranslatedArticle,
    TranslatedText,
};
use crate::segment::{split_rich_text, Piece, Segment};
use crate::style::NameStyle;
use crate::units::{for_each_unit, UnitKind};

/// Translates articles with engines, a glossary and a translation memory.
#[derive(Clone)]
pub struct Translator {
    engines: Engines,
    glossary: Glossary,
    memory: Arc<dyn MemoryStore>,
    policies: HashMap<String, Policy>,
    default_policy: Policy,
    qa: QaConfig,
    name_styles: HashMap<String, NameStyle>,
}

impl std::fmt::Debug for Translator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Translator")
            .field("engines", &self.engines)
            .field("glossary_entries", &self.glossary.entries().len())
            .field("policies", &self.policies)
            .field("default_policy", &self.default_policy)
            .field("name_styles", &self.name_styles)
            .finish()
    }
}

/// A unit cut into pieces; sentences point at jobs.
struct UnitPlan {
    path: String,
    kind: UnitKind,
    pieces: Vec<PlanPiece>,
}

enum PlanPiece {
    Sentence { segment: Segment, job: usize },
    Break,
}

/// One distinct source sentence and what became of it.
struct Job {
    source: String,
    result: Option<JobResult>,
}

#[derive(Clone)]
struct JobResult {
    target: String,
    origin: SegmentOrigin,
    flags: Vec<QaFlag>,
}

impl JobResult {
    fn weight(&self) -> u32 {
        self.flags.iter().map(QaFlag::weight).sum()
    }
}

/// Translated units (None: nothing to translate) with their reports.
struct UnitsOutcome {
    texts: Vec<Option<RichText>>,
    reports: Vec<SegmentReport>,
    stats: RunStats,
}

impl Translator {
    /// A translator; every language publishes by default.
    pub fn new(engines: Engines, glossary: Glossary, memory: Arc<dyn MemoryStore>) -> Self {
        Translator {
            engines,
            glossary,
            memory,
            policies: HashMap::new(),
            default_policy: Policy::Publish,
            qa: QaConfig::default(),
            name_styles: HashMap::new(),
        }
    }

    /// Sets how one target language writes the Vietnamese names its
    /// translations keep (every language: [`NameStyle::Diacritics`] unless set).
    pub fn with_name_style(mut self, lang: &str, style: NameStyle) -> Self {
        self.name_styles
            .insert(crate::lang::primary_language(lang), style);
        self
    }

    /// The name style of a target language.
    pub fn name_style(&self, lang: &str) -> NameStyle {
        self.name_styles
            .get(&crate::lang::primary_language(lang))
            .copied()
            .unwrap_or_default()
    }

    /// Sets the policy of one target language.
    pub fn with_policy(mut self, lang: &str, policy: Policy) -> Self {
        self.policies
            .insert(crate::lang::primary_language(lang), policy);
        self
    }

    /// Sets the policy of languages without their own.
    pub fn with_default_policy(mut self, policy: Policy) -> Self {
        self.default_policy = policy;
        self
    }

    /// Sets the QA thresholds.
    pub fn with_qa(mut self, qa: QaConfig) -> Self {
        self.qa = qa;
        self
    }

    /// The policy for a target language.
    pub fn policy(&self, lang: &str) -> Policy {
        self.policies
            .get(&crate::lang::primary_language(lang))
            .copied()
            .unwrap_or(self.default_policy)
    }

    /// The engines.
    pub fn engines(&self) -> &Engines {
        &self.engines
    }

    /// The glossary.
    pub fn glossary(&self) -> &Glossary {
        &self.glossary
    }

    /// The translation memory.
    pub fn memory(&self) -> &Arc<dyn MemoryStore> {
        &self.memory
    }

    /// Remembers an editor's translation of a segment; it wins over engines from now on.
    pub async fn remember(
        &self,
        pair: &LangPair,
        source: &str,
        target: &str,
        editor: Option<String>,
    ) -> Result<(), MemoryError> {
        self.memory
            .record(MemoryEntry::new(
                pair.clone(),
                source,
                target,
                Origin::Human { editor },
            ))
            .await
    }

    /// Translates an article into `target`, keeping its block structure.
    pub async fn translate_article(
        &self,
        article: &Article,
        source: &str,
        target: &str,
    ) -> Result<TranslatedArticle, TranslateError> {
        let pair = LangPair::new(source, target);
        let mut out = article.clone();
        out.language = Some(target.to_string());
        if pair.source == pair.target {
            return Ok(TranslatedArticle {
                article: out,
                pair,
                segments: Vec::new(),
                flags: BTreeMap::new(),
                outcome: Outcome::Publish,
                stats: RunStats::default(),
            });
        }
        let mut units = Vec::new();
        for_each_unit(&mut article.clone(), &mut |path, kind, slot| {
            units.push((path, kind, slot.rich()))
        });
        let done = self.translate_units(&pair, units).await?;
        let mut texts = done.texts.into_iter();
        for_each_unit(&mut out, &mut |_, _, mut slot| {
            if let Some(Some(text)) = texts.next() {
                slot.set(text);
            }
        });
        let mut flags = BTreeMap::new();
        for report in &done.reports {
            for flag in &report.flags {
                *flags.entry(flag.code().to_string()).or_insert(0) += 1;
            }
        }
        let outcome = match self.policy(&pair.target) {
            Policy::HoldUntilReviewed if !flags.is_empty() => Outcome::Hold,
            _ => Outcome::Publish,
        };
        Ok(TranslatedArticle {
            article: out,
            pair,
            segments: done.reports,
            flags,
            outcome,
            stats: done.stats,
        })
    }

    /// Translates plain text line by line (one-off use: `newsbridge translate-text`).
    pub async fn translate_text(
        &self,
        text: &str,
        source: &str,
        target: &str,
    ) -> Result<TranslatedText, TranslateError> {
        let pair = LangPair::new(source, target);
        let lines: Vec<&str> = text.lines().collect();
        if pair.source == pair.target {
            return Ok(TranslatedText {
                text: text.to_string(),
                segments: Vec::new(),
                stats: RunStats::default(),
            });
        }
        let units = lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                (
                    format!("lines[{i}]"),
                    UnitKind::Paragraph,
                    RichText::plain(*l),
                )
            })
            .collect();
        let done = self.translate_units(&pair, units).await?;
        let out: Vec<String> = done
            .texts
            .iter()
            .zip(&lines)
            .map(|(t, l)| {
                t.as_ref()
                    .map_or_else(|| l.to_string(), RichText::plain_text)
            })
            .collect();
        Ok(TranslatedText {
            text: out.join("\n"),
            segments: done.reports,
            stats: done.stats,
        })
    }

    async fn translate_units(
        &self,
        pair: &LangPair,
        units: Vec<(String, UnitKind, RichText)>,
    ) -> Result<UnitsOutcome, TranslateError> {
        let from = locale::number_format(&pair.source)?;
        let to = locale::number_format(&pair.target)?;
        let mut stats = RunStats::default();

        // Plan: sentences of every unit, identical sentences translated once.
        let mut jobs: Vec<Job> = Vec::new();
        let mut job_of: HashMap<String, usize> = HashMap::new();
        let plans: Vec<UnitPlan> = units
            .into_iter()
            .map(|(path, kind, text)| {
                let pieces = split_rich_text(&text, &pair.source)
                    .into_iter()
                    .map(|piece| match piece {
                        Piece::Break => PlanPiece::Break,
                        Piece::Sentence(segment) => {
                            let job = *job_of.entry(segment.text.clone()).or_insert_with(|| {
                                jobs.push(Job {
                                    source: segment.text.clone(),
                                    result: None,
                                });
                                jobs.len() - 1
                            });
                            PlanPiece::Sentence { segment, job }
                        }
                    })
                    .collect();
                UnitPlan { path, kind, pieces }
            })
            .collect();

        // Nothing to translate, or already remembered.
        for job in &mut jobs {
            if !placeholder::strip_tags(&job.source)
                .chars()
                .any(char::is_alphabetic)
            {
                let target = localize_numbers(&job.source, &from, &to);
                job.result = Some(JobResult {
                    target,
                    origin: SegmentOrigin::Verbatim,
                    flags: Vec::new(),
                });
                continue;
            }
            if let Some(found) = memory::find_match(self.memory.as_ref(), pair, &job.source).await?
            {
                self.memory.bump_use(pair, &found.entry.key).await?;
                stats.memory_hits += 1;
                let trusted =
                    found.kind == memory::MatchKind::Exact && found.entry.origin.is_human();
                let flags = if trusted {
                    Vec::new()
                } else {
                    self.check(pair, &job.source, &found.target)
                };
                job.result = Some(JobResult {
                    target: found.target,
                    origin: SegmentOrigin::Memory {
                        kind: found.kind,
                        origin: found.entry.origin,
                    },
                    flags,
                });
            }
        }

        // The rest goes to the engines, fallbacks retrying what fails QA.
        let pending: Vec<usize> = (0..jobs.len())
            .filter(|&i| jobs[i].result.is_none())
            .collect();
        if !pending.is_empty() {
            self.run_engines(pair, &mut jobs, pending, &from, &to, &mut stats)
                .await?;
        }

        // Credit vocabulary kept in Vietnamese ("Tư liệu", "Ảnh:") in
        // credits, captions and alt texts is written in the target language,
        // whoever translated them (a human memory entry may have kept it).
        let credit_jobs: HashSet<usize> = plans
            .iter()
            .filter(|p| {
                matches!(
                    p.kind,
                    UnitKind::Credit | UnitKind::Caption | UnitKind::AltText
                )
            })
            .flat_map(|p| p.pieces.iter())
            .filter_map(|piece| match piece {
                PlanPiece::Sentence { job, .. } => Some(*job),
                PlanPiece::Break => None,
            })
            .collect();
        for &i in &credit_jobs {
            let Some(job) = jobs.get_mut(i) else { continue };
            let source = placeholder::strip_tags(&job.source);
            let Some(result) = job.result.as_mut() else {
                continue;
            };
            if let Some(mapped) = credits::map_left(&source, &result.target, &pair.target) {
                result.target = mapped;
                let target = placeholder::strip_tags(&result.target);
                let left = credits::left_in_vietnamese(&source, &target, &pair.target);
                // The credit flags this mapping answered go.
                result.flags.retain(|f| match f {
                    QaFlag::GlossaryMissing { term, .. } => {
                        left.iter().any(|(t, _)| t == term) || !credits::is_credit_term(term)
                    }
                    _ => true,
                });
            }
        }

        // Put sentences back into units.
        let style = self.name_style(&pair.target);
        let joiner = if is_unspaced(&pair.target) { "" } else { " " };
        let mut texts = Vec::with_capacity(plans.len());
        let mut reports = Vec::new();
        for plan in plans {
            if plan.pieces.is_empty() {
                texts.push(None);
                continue;
            }
            let mut inlines: Vec<Inline> = Vec::new();
            let mut after_sentence = false;
            for piece in plan.pieces {
                match piece {
                    PlanPiece::Break => {
                        inlines.push(Inline::Break);
                        after_sentence = false;
                    }
                    PlanPiece::Sentence { segment, job } => {
                        let Some(result) = jobs.get(job).and_then(|j| j.result.clone()) else {
                            continue;
                        };
                        let decoded = decode(&result.target, &segment.tags);
                        let mut flags = result.flags.clone();
                        if !decoded.problems.is_empty()
                            && !flags.iter().any(|f| matches!(f, QaFlag::MarkupLost { .. }))
                        {
                            flags.push(QaFlag::MarkupLost {
                                detail: decoded.problems.join("; "),
                            });
                        }
                        if matches!(plan.kind, UnitKind::Credit | UnitKind::QuoteCite) {
                            // Names legitimately stay as written.
                            flags.retain(|f| !matches!(f, QaFlag::Untranslated { .. }));
                        }
                        if after_sentence && !joiner.is_empty() {
                            inlines.push(Inline::Text(joiner.to_string()));
                        }
                        inlines.extend(decoded.text.0);
                        after_sentence = true;
                        reports.push(SegmentReport {
                            unit: plan.path.clone(),
                            kind: plan.kind,
                            source: segment.text,
                            target: result.target,
                            origin: result.origin,
                            flags,
                        });
                    }
                }
            }
            let text = RichText(placeholder::normalize(inlines));
            texts.push(Some(style.apply(text, &pair.source, &pair.target)));
        }
        Ok(UnitsOutcome {
            texts,
            reports,
            stats,
        })
    }

    async fn run_engines(
        &self,
        pair: &LangPair,
        jobs: &mut [Job],
        mut pending: Vec<usize>,
        from: &NumberFormat,
        to: &NumberFormat,
        stats: &mut RunStats,
    ) -> Result<(), TranslateError> {
        let chain = self.engines.chain(pair);
        if chain.is_empty() {
            return Err(TranslateError::NoEngine {
                pair: pair.clone(),
                missing: pending.len(),
            });
        }
        let mut last_error: Option<EngineError> = None;
        for (step_index, step) in chain.iter().enumerate() {
            if pending.is_empty() {
                break;
            }
            let protected: Vec<_> = pending
                .iter()
                .map(|&i| self.glossary.protect(&jobs[i].source, pair))
                .collect();
            let inputs: Vec<String> = protected
                .iter()
                .map(|p| localize_numbers(&p.text, from, to))
                .collect();
            stats.engine_segments += inputs.len();
            let outputs = match step.translate(pair, &inputs).await {
                Ok((outputs, calls)) => {
                    stats.engine_calls += calls;
                    outputs
                }
                Err(error) => {
                    tracing::warn!(engine = %step.name(), %pair, %error, "engine failed, trying the next one");
                    last_error = Some(error);
                    continue;
                }
            };
            let mut still = Vec::new();
            for ((&i, protected), output) in pending.iter().zip(&protected).zip(outputs) {
                let restored = self.glossary.restore(&output, &protected.terms);
                let target = localize_numbers(restored.text.trim(), to, to);
                let flags = self.check(pair, &jobs[i].source, &target);
                let candidate = JobResult {
                    target,
                    origin: SegmentOrigin::Engine {
                        name: step.name(),
                        model: step.model(),
                        fallback: step_index > 0,
                    },
                    flags,
                };
                if candidate.flags.is_empty() {
                    let entry = MemoryEntry::new(
                        pair.clone(),
                        &jobs[i].source,
                        &candidate.target,
                        Origin::Engine {
                            name: step.name(),
                            model: step.model(),
                        },
                    );
                    self.memory.record(entry).await?;
                } else {
                    still.push(i);
                }
                let better = jobs[i]
                    .result
                    .as_ref()
                    .is_none_or(|r| candidate.weight() < r.weight());
                if better {
                    jobs[i].result = Some(candidate);
                }
            }
            pending = still;
        }
        // Segments no engine answered at all: the article waits.
        if jobs.iter().any(|j| j.result.is_none()) {
            let source =
                last_error.unwrap_or_else(|| EngineError::Config("no engine answered".into()));
            return Err(TranslateError::Engine {
                pair: pair.clone(),
                source,
            });
        }
        // An empty translation is worse than the original text.
        for job in jobs.iter_mut() {
            if let Some(result) = &mut job.result {
                if result.flags.contains(&QaFlag::Empty) {
                    result.target = localize_numbers(&job.source, from, to);
                    result.origin = SegmentOrigin::SourceKept;
                }
            }
        }
        Ok(())
    }

    fn check(&self, pair: &LangPair, source: &str, target: &str) -> Vec<QaFlag> {
        check_segment(
            &QaInput {
                pair,
                source,
                target,
                glossary: Some(&self.glossary),
            },
            &self.qa,
        )
    }
}
