//! Translation core of Newsbridge: an [`article::Article`] in, the same
//! article in another language out, with a report per sentence.
//!
//! Modules in the order an article flows through them:
//!
//! 1. `units` walks every visible text of the article (title, lead, body
//!    blocks, captions, alt texts, credits, author roles, section, tags).
//! 2. `placeholder` turns inline markup into numbered tags engines keep
//!    (`<x1>…</x1>`, `<x2/>`) and back; `segment` cuts each unit into
//!    sentences (ICU4X) without splitting markup.
//! 3. `memory` serves sentences already translated (exact and near-exact
//!    matches, numbers substituted); `tmx` exchanges it with CAT tools.
//! 4. `glossary` wraps forced and do-not-translate terms (`<g1>Poutine</g1>`);
//!    `localize` and `numbers` write numbers the target's way (the `locale`
//!    crate's ICU4X data).
//! 5. `engine` sends the rest to the pair's engines (routes, pivots,
//!    fallbacks; LibreTranslate, OpenAI-compatible, DeepL, and the in-process
//!    CTranslate2 engine with the `ctranslate2` cargo feature); [`models`]
//!    manages the installed CTranslate2 models. An engine that cannot keep
//!    placeholder tags ([`Engine::keeps_tags`] false: the CTranslate2
//!    engine) gets plain text only; `projection` translates each tagged
//!    span's text in the same batch and puts the tags back around it in the
//!    sentence's translation.
//! 6. `qa` checks each translation; `translator` ([`Translator`]) retries
//!    failures with fallbacks, remembers clean results and rebuilds the
//!    article; `report` says what happened and whether to publish.
//! 7. `style` writes the Vietnamese a translation keeps (names, credit
//!    lines' names) in the target's house style: marked as Vietnamese
//!    ([`article::Inline::Foreign`]) or without diacritics; the credit
//!    vocabulary ("Ảnh:", "Tư liệu") is mapped into the target language.
//!
//! Everything but `engine` and the memory store is pure and synchronous.
//!
//! Cargo features:
//!
//! - `ctranslate2`: the in-process CTranslate2 engine (CTranslate2 and
//!   SentencePiece built from vendored sources; needs cmake and a C++17
//!   compiler). CPU only, Ruy math, int8 by default.
//! - `ctranslate2-dnnl`: the engine with oneDNN beside Ruy (built from
//!   vendored sources, GNU OpenMP): what the `newsbridge` binary ships.
//! - `ctranslate2-cuda`: the same engine also on NVIDIA GPUs
//!   (`device = "cuda"`, `device_indices`, compute type `int8_float16` by
//!   default); building needs the CUDA toolkit; cuBLAS is loaded at run time,
//!   so the binary still runs on machines without a GPU. Without it,
//!   `device = "cuda"` is refused at engine construction with an error
//!   naming the setting and the feature ([`CTranslate2Device`]).
//! - `ctranslate2-mkl`: the engine with Intel MKL beside Ruy (x86-64).

mod engine;
mod glossary;
mod lang;
mod localize;
mod memory;
pub mod models;
mod numbers;
mod placeholder;
mod projection;
mod qa;
mod report;
mod segment;
mod style;
mod tmx;
mod translator;
mod units;

#[cfg(feature = "ctranslate2")]
pub use engine::CTranslate2;
pub use engine::{
    built_in_engines, built_in_summary, ApiKey, BatchingConfig, BatchingStats, BuiltInEngine,
    CTranslate2Config, CTranslate2Device, DeepL, DeepLConfig, Engine, EngineConfig, EngineError,
    EngineRetry, Engines, EnginesConfig, LibreTranslate, LibreTranslateConfig, OpenAi,
    OpenAiConfig, RouteConfig, SharedBatches, Step, StepConfig,
};
pub use glossary::{
    Glossary, GlossaryEntry, GlossaryError, Protected, Restored, TermKind, TermMatch,
};
pub use lang::{primary_language, LangPair, LangPairParseError, PORTAL_LANGUAGES};
pub use locale::{
    format_currency, format_date, format_date_time, number_format, LocaleError, NumberFormat,
};
pub use localize::localize_numbers;
pub use memory::{
    adapt_near, find_match, InMemoryStore, MatchKind, MemoryEntry, MemoryError, MemoryMatch,
    MemoryStore, Origin, SegmentKey,
};
pub use numbers::{find_numbers, NumberConventions, NumberToken};
pub use placeholder::{decode, encode, encode_plain, strip_tags, Decoded, Markup, Tagged};
pub use qa::audit::{audit_pairs, AuditError, AuditOptions, AuditSummary, MAX_AUDIT_LINE};
pub use qa::{check_segment, QaConfig, QaFlag, QaInput};
pub use report::{
    Outcome, Policy, RunStats, SegmentOrigin, SegmentReport, TranslateError, TranslatedArticle,
    TranslatedText,
};
pub use segment::{split_rich_text, split_sentences, split_tagged, Piece, Segment};
pub use style::{NameStyle, NameStyleParseError};
pub use tmx::{export_tmx, import_tmx, TmxError, TmxImport};
pub use translator::Translator;
pub use units::UnitKind;
