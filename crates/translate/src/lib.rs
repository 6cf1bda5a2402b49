//! Translation core of Newsbridge.

mod glossary;
mod lang;
mod locale;
mod memory;
mod numbers;
mod placeholder;
mod qa;
mod segment;

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
pub use placeholder::{decode, encode, encode_plain, strip_tags, Decoded, Markup, Tagged};
pub use qa::{check_segment, QaConfig, QaFlag, QaInput};
pub use segment::{split_rich_text, split_sentences, split_tagged, Piece, Segment};
