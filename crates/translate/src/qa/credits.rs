//! The vocabulary of Vietnamese image credits and source lines ("Ảnh:",
//! "Ảnh minh họa", "Tư liệu", "Nguồn:", "… cung cấp", "TTXVN") and its
//! rendering in every portal language, as the house styles of VnExpress
//! International, Vietnam News and Le Courrier du Vietnam write it.
//!
//! A credit is mostly names, kept as written, so the pipeline does not flag
//! a credit as untranslated; this vocabulary is what must not stay in
//! Vietnamese ("Photo: Tư liệu"). The QA flags it as a glossary term left
//! unrendered, and the translator maps it ([`map_left`]) in credits,
//! captions and alt texts whatever gave their translation (an engine, or a
//! translation memory that kept the Vietnamese): it is a fixed vocabulary,
//! a glossary built in for every portal language.

/// One credit term and its rendering per language.
struct CreditTerm {
    /// As Vietnamese credits write it (matched case-sensitively, whole words).
    vi: &'static str,
    /// (language, rendering) for every portal language but Vietnamese.
    renderings: &'static [(&'static str, &'static str)],
}

const TERMS: &[CreditTerm] = &[
    CreditTerm {
        vi: "Ảnh minh họa",
        renderings: &[
            ("en", "Illustration photo"),
            ("fr", "Photo d'illustration"),
            ("de", "Symbolbild"),
            ("es", "Imagen ilustrativa"),
            ("zh", "示意图"),
            ("ja", "イメージ写真"),
            ("ko", "참고 사진"),
            ("ru", "Иллюстративное фото"),
        ],
    },
    CreditTerm {
        vi: "Ảnh minh hoạ",
        renderings: &[
            ("en", "Illustration photo"),
            ("fr", "Photo d'illustration"),
            ("de", "Symbolbild"),
            ("es", "Imagen ilustrativa"),
            ("zh", "示意图"),
            ("ja", "イメージ写真"),
            ("ko", "참고 사진"),
            ("ru", "Иллюстративное фото"),
        ],
    },
    CreditTerm {
        vi: "Tư liệu",
        renderings: &[
            ("en", "File photo"),
            ("fr", "Archives"),
            ("de", "Archivbild"),
            ("es", "Archivo"),
            ("zh", "资料图"),
            ("ja", "資料写真"),
            ("ko", "자료 사진"),
            ("ru", "Архивное фото"),
        ],
    },
    CreditTerm {
        vi: "Ảnh:",
        renderings: &[
            ("en", "Photo:"),
            ("fr", "Photo :"),
            ("de", "Foto:"),
            ("es", "Foto:"),
            ("zh", "图："),
            ("ja", "写真："),
            ("ko", "사진:"),
            ("ru", "Фото:"),
        ],
    },
    CreditTerm {
        vi: "Nguồn:",
        renderings: &[
            ("en", "Source:"),
            ("fr", "Source :"),
            ("de", "Quelle:"),
            ("es", "Fuente:"),
            ("zh", "来源："),
            ("ja", "出典："),
            ("ko", "출처:"),
            ("ru", "Источник:"),
        ],
    },
    CreditTerm {
        vi: "cung cấp",
        renderings: &[
            ("en", "courtesy of"),
            ("fr", "fournie par"),
            ("de", "zur Verfügung gestellt von"),
            ("es", "cortesía de"),
            ("zh", "提供"),
            ("ja", "提供"),
            ("ko", "제공"),
            ("ru", "предоставлено"),
        ],
    },
    CreditTerm {
        vi: "TTXVN",
        renderings: &[
            ("en", "VNA"),
            ("fr", "VNA"),
            ("de", "VNA"),
            ("es", "VNA"),
            ("zh", "越通社"),
            ("ja", "ベトナム通信社"),
            ("ko", "베트남통신"),
            ("ru", "ВИА"),
        ],
    },
    CreditTerm {
        vi: "Thông tấn xã Việt Nam",
        renderings: &[
            ("en", "Vietnam News Agency"),
            ("fr", "Agence vietnamienne d'information"),
            ("de", "Vietnamesische Nachrichtenagentur"),
            ("es", "Agencia Vietnamita de Noticias"),
            ("zh", "越南通讯社"),
            ("ja", "ベトナム通信社"),
            ("ko", "베트남통신사"),
            ("ru", "Вьетнамское информационное агентство"),
        ],
    },
    CreditTerm {
        vi: "Tân Hoa Xã",
        renderings: &[
            ("en", "Xinhua"),
            ("fr", "Xinhua"),
            ("de", "Xinhua"),
            ("es", "Xinhua"),
            ("zh", "新华社"),
            ("ja", "新華社"),
            ("ko", "신화통신"),
            ("ru", "Синьхуа"),
        ],
    },
];

/// The rendering of a credit term in `lang`, if the vocabulary has one.
pub(crate) fn rendering(term: &str, lang: &str) -> Option<&'static str> {
    TERMS
        .iter()
        .find(|t| t.vi == term)?
        .renderings
        .iter()
        .find(|(l, _)| *l == lang)
        .map(|(_, r)| *r)
}

/// True when `term` is of the credit vocabulary.
pub(crate) fn is_credit_term(term: &str) -> bool {
    TERMS.iter().any(|t| t.vi == term)
}

/// True when `term` occurs in `text` as whole words.
fn occurs(text: &str, term: &str) -> bool {
    text.match_indices(term).any(|(at, _)| {
        let before = text.get(..at).and_then(|t| t.chars().last());
        let after = text.get(at + term.len()..).and_then(|t| t.chars().next());
        !before.is_some_and(char::is_alphanumeric)
            && (term.ends_with(':') || !after.is_some_and(char::is_alphanumeric))
    })
}

/// Renderings of "Theo …" ("according to") at the start of a credit line.
const THEO: &[(&str, &str)] = &[
    ("en", "According to"),
    ("fr", "Selon"),
    ("de", "Laut"),
    ("es", "Según"),
    ("zh", "据"),
    ("ja", "出典："),
    ("ko", "출처:"),
    ("ru", "По данным"),
];

/// Byte ranges where `term` occurs in `text` as whole words.
fn occurrences(text: &str, term: &str) -> Vec<std::ops::Range<usize>> {
    text.match_indices(term)
        .filter(|(at, _)| {
            let before = text.get(..*at).and_then(|t| t.chars().last());
            let after = text.get(at + term.len()..).and_then(|t| t.chars().next());
            !before.is_some_and(char::is_alphanumeric)
                && (term.ends_with(':') || !after.is_some_and(char::is_alphanumeric))
        })
        .map(|(at, _)| at..at + term.len())
        .collect()
}

/// `target` with the credit vocabulary `source` has and `target` kept in
/// Vietnamese written in `target_lang` ("Tư liệu" → "Archives", "Ảnh: TTXVN"
/// → "Photo : VNA", "Theo Reuters" → "Selon Reuters"); `None` when nothing
/// is left to map (or `target_lang` has no rendering).
pub(crate) fn map_left(source: &str, target: &str, target_lang: &str) -> Option<String> {
    let mut out = target.to_string();
    let mut changed = false;
    // Longest terms first: "Ảnh minh họa" is not "Ảnh" + the rest.
    let mut terms: Vec<&CreditTerm> = TERMS.iter().collect();
    terms.sort_by_key(|t| std::cmp::Reverse(t.vi.len()));
    for term in terms {
        let Some(rendering) = rendering(term.vi, target_lang) else {
            continue;
        };
        if !occurs(source, term.vi) {
            continue;
        }
        for range in occurrences(&out, term.vi).into_iter().rev() {
            out.replace_range(range, rendering);
            changed = true;
        }
    }
    let theo = THEO
        .iter()
        .find(|(l, _)| *l == target_lang)
        .map(|(_, r)| *r);
    if let (Some(theo), true) = (theo, source.trim_start().starts_with("Theo ")) {
        let lead = out.len() - out.trim_start().len();
        if out[lead..].starts_with("Theo ") {
            out.replace_range(lead..lead + "Theo".len(), theo);
            changed = true;
        }
    }
    changed.then_some(out)
}

/// Credit terms of `source` left as they are in `target`, each with the
/// rendering `target_lang` should have: (term, rendering).
pub(crate) fn left_in_vietnamese(
    source: &str,
    target: &str,
    target_lang: &str,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for term in TERMS {
        let Some(expected) = rendering(term.vi, target_lang) else {
            continue;
        };
        // "Ảnh minh họa" left behind is one finding, not also "Ảnh".
        let inside_longer = out.iter().any(|(found, _)| found.contains(term.vi));
        if !inside_longer && occurs(source, term.vi) && occurs(target, term.vi) {
            out.push((term.vi.to_string(), expected.to_string()));
        }
    }
    out
}
