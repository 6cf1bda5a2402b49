//! Markup projection, for engines that cannot keep placeholder tags.
//!
//! SentencePiece/Marian models (OPUS-MT, MADLAD, NLLB through the
//! CTranslate2 engine) were never trained on `<x1>…</x1>`: they drop the tags,
//! translate them as words, or cut sentences around them. For an engine that
//! says so ([`crate::Engine::keeps_tags`] is false), a route's step does not
//! send placeholder strings at all:
//!
//! 1. each segment is sent as plain text (tags removed, entities resolved);
//! 2. the inner text of each of its tagged spans is sent too, in the same
//!    batch (one engine call; identical texts are sent once), unless the
//!    span marks the whole sentence or has no letters;
//! 3. each span's translation is looked for in the sentence's translation
//!    (case-, whitespace- and outer-punctuation-insensitive, Unicode, at word
//!    boundaries, non-overlapping, nearest the span's relative position; a
//!    nested span inside its parent's placement), and the tags are written
//!    back around it; self-closing tags (breaks) go to their relative
//!    position (see `place`).
//!
//! The result is an ordinary placeholder string again, so everything after
//! the engine (glossary restoration, decoding, QA, the translation memory)
//! is the same for every engine. A span that cannot be found is left out:
//! its words stay in the translation, unmarked, and the decoder and the QA
//! check report the lost tag (`markup_lost`), so an editor sees it and a
//! fallback engine gets a chance. Engines that keep tags are not touched.
//!
//! Glossary terms. The glossary wraps each term in `<gN>` holding the
//! rendering the target must contain (`<g1>Poutine</g1>`), and restores
//! that rendering inside whatever the `<gN>` tags enclose. Projection keeps
//! that guarantee by placing `<gN>` like any span, looking first for the
//! rendering itself (models copy names: the plain sentence the model reads
//! already holds `Poutine`), then for the model's translation of the
//! rendering alone; wherever it is placed, the restorer writes the forced
//! term verbatim over it. An opaque token was not chosen: Marian
//! vocabularies have no piece a model reliably copies, so it would be lost
//! more often than the term. A term found nowhere leaves `<gN>` out, and
//! the glossary's check reports it missing (`glossary_missing`), as it does
//! when a tag-keeping engine drops a `<gN>`.

mod locate;
mod parse;
mod place;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use self::parse::Parsed;
use self::place::Needles;

/// Where one segment's pieces are in the batch sent to the engine.
struct Item {
    parsed: Parsed,
    /// Index of the plain sentence in the requests.
    sentence: usize,
    /// Per span: index of its inner text's translation in the requests, if sent.
    spans: Vec<Option<usize>>,
}

/// Segments prepared for an engine that cannot keep tags.
pub(crate) struct Projection {
    items: Vec<Item>,
    requests: Vec<String>,
}

impl Projection {
    /// Takes `segments` (placeholder strings) apart into plain texts to translate.
    pub(crate) fn new(segments: &[String]) -> Self {
        let mut requests: Vec<String> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut request = |text: &str| {
            *index.entry(text.to_string()).or_insert_with(|| {
                requests.push(text.to_string());
                requests.len() - 1
            })
        };
        let items = segments
            .iter()
            .map(|segment| {
                let parsed = Parsed::new(segment);
                let sentence = request(&parsed.plain);
                let whole = locate::core(&parsed.plain);
                let spans = parsed
                    .spans
                    .iter()
                    .map(|span| {
                        let inner = parsed.text_of(span).trim();
                        let core = locate::core(inner);
                        // A span marking all of its parent is placed over all of it.
                        let outer = span
                            .parent
                            .and_then(|p| parsed.spans.get(p))
                            .map_or(whole, |p| locate::core(parsed.text_of(p)));
                        let worth = core != outer && core.chars().any(char::is_alphabetic);
                        worth.then(|| request(inner))
                    })
                    .collect();
                Item {
                    parsed,
                    sentence,
                    spans,
                }
            })
            .collect();
        Projection { items, requests }
    }

    /// The plain texts for the engine, each once: every segment's sentence
    /// and the inner texts of its spans.
    pub(crate) fn requests(&self) -> &[String] {
        &self.requests
    }

    /// The segments' translations as placeholder strings, from the engine's
    /// translations of [`Projection::requests`] (in the same order).
    pub(crate) fn rebuild(&self, translations: &[String]) -> Vec<String> {
        let nfc = |i: usize| -> String {
            translations
                .get(i)
                .map(|t| t.nfc().collect())
                .unwrap_or_default()
        };
        self.items
            .iter()
            .map(|item| {
                let sentence = nfc(item.sentence);
                let needles: Vec<Needles> = item
                    .parsed
                    .spans
                    .iter()
                    .zip(&item.spans)
                    .map(|(span, request)| {
                        let inner: String = item.parsed.text_of(span).trim().nfc().collect();
                        let translated = request.map(nfc).filter(|t| !t.trim().is_empty());
                        match (span.kind, translated) {
                            // A glossary span holds the wanted rendering: look for it first.
                            ('g', Some(t)) => vec![inner, t],
                            (_, Some(t)) => vec![t, inner],
                            (_, None) => vec![inner],
                        }
                    })
                    .collect();
                place::project(&item.parsed, &sentence, &needles)
            })
            .collect()
    }
}
