//! Translation core of Newsbridge.

mod engine;
mod glossary;
mod lang;
mod locale;
mod memory;
mod numbers;
mod pipeline;
mod placeholder;
mod qa;
mod report;
mod segment;
mod tmx;
mod units;

pub use engine::{
    DeepL, DeepLConfig, Engine, EngineConfig, EngineError, Engines, EnginesConfig, LibreTranslate,
    LibreTranslateConfig, OpenAi, OpenAiConfig, RetryPolicy, RouteConfig, Secret, Step, StepConfig,
};
pub use glossary::{
    Glossary, GlossaryEntry, GlossaryError, Protected, Restored, TermKind, TermMatch,
};
pub use lang::{primary_language, LangPair, LangPairParseError, PORTAL_LANGUAGES};
pub use locale::{
    format_date, format_date_time, localize_numbers, number_format, LocaleError, NumberFormat,
};
pub use memory::{
    adapt_near, find_match, InMemoryStore, MatchKind, MemoryEntry, MemoryError, MemoryMatch,
    MemoryStore, Origin, SegmentKey,
};
pub use numbers::{find_numbers, NumberConventions, NumberToken};
pub use pipeline::Translator;
pub use placeholder::{decode, encode, encode_plain, strip_tags, Decoded, Markup, Tagged};
pub use qa::{check_segment, QaConfig, QaFlag, QaInput};
pub use report::{
    Outcome, Policy, RunStats, SegmentOrigin, SegmentReport, TranslateError, TranslatedArticle,
    TranslatedText,
};
pub use segment::{split_rich_text, split_sentences, split_tagged, Piece, Segment};
pub use tmx::{export_tmx, import_tmx, TmxError, TmxImport};
pub use units::UnitKind;
