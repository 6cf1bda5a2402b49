//! Glossary terms between the store's rows and the translate crate's entries.

use translate::{GlossaryEntry, TermKind};

/// A translate-crate entry as the store keeps it.
pub fn to_stored(entry: &GlossaryEntry) -> store::GlossaryTerm {
    store::GlossaryTerm {
        source_lang: entry.source_lang.clone(),
        target_lang: entry.target_lang.clone(),
        term: entry.source.clone(),
        translation: entry.target.clone(),
        kind: match entry.kind {
            TermKind::Forced => store::GlossaryTermKind::Force,
            TermKind::Keep => store::GlossaryTermKind::Keep,
        },
        case_sensitive: entry.case_sensitive,
    }
}

/// A stored term as the translate crate uses it.
pub fn from_stored(term: store::GlossaryTerm) -> GlossaryEntry {
    GlossaryEntry {
        source_lang: term.source_lang,
        target_lang: term.target_lang,
        source: term.term,
        target: term.translation,
        kind: match term.kind {
            store::GlossaryTermKind::Force => TermKind::Forced,
            store::GlossaryTermKind::Keep => TermKind::Keep,
        },
        case_sensitive: term.case_sensitive,
    }
}
