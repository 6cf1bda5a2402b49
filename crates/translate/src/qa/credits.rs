//! The vocabulary of Vietnamese image credits and source lines ("Ảnh:",
//! "Ảnh minh họa", "Tư liệu", "Nguồn:", "… cung cấp", "TTXVN") and its
//! rendering in every portal language, as the house styles of VnExpress
//! International, Vietnam News and Le Courrier du Vietnam write it.
//!
//! A credit is mostly names, kept as written, so the pipeline does not flag
//! a credit as untranslated; this vocabulary is what must not stay in
//! Vietnamese ("Photo: Tư liệu"). The QA flags it as a glossary term left
//! unrendered.

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

/// True when `term` occurs in `text` as whole words.
fn occurs(text: &str, term: &str) -> bool {
    text.match_indices(term).any(|(at, _)| {
        let before = text.get(..at).and_then(|t| t.chars().last());
        let after = text.get(at + term.len()..).and_then(|t| t.chars().next());
        !before.is_some_and(char::is_alphanumeric)
            && (term.ends_with(':') || !after.is_some_and(char::is_alphanumeric))
    })
}

/// Credit terms of `source` left as they are in `target`, each with the
/// rendering `target_lang` should have: (term, rendering).
pub(super) fn left_in_vietnamese(
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
