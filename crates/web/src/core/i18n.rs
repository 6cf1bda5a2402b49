//! UI strings in every portal language, through Fluent.
//!
//! The `.ftl` files under `locales/{lang}/` are compiled into the binary. A
//! missing message is a bug caught by the tests (every file must define the
//! same keys); at run time it renders as its key and is logged, never as
//! another language's text.

use std::collections::HashMap;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// Languages the portal has UI strings for, with their `.ftl` sources.
pub const UI_LANGUAGES: &[(&str, &str)] = &[
    ("vi", include_str!("../../locales/vi/main.ftl")),
    ("en", include_str!("../../locales/en/main.ftl")),
    ("fr", include_str!("../../locales/fr/main.ftl")),
    ("de", include_str!("../../locales/de/main.ftl")),
    ("es", include_str!("../../locales/es/main.ftl")),
    ("zh", include_str!("../../locales/zh/main.ftl")),
    ("ja", include_str!("../../locales/ja/main.ftl")),
    ("ko", include_str!("../../locales/ko/main.ftl")),
    ("ru", include_str!("../../locales/ru/main.ftl")),
];

/// The editorial desk's strings (`desk-…` keys) per language, with their
/// `.ftl` sources; loaded into the same bundles as [`UI_LANGUAGES`].
pub const DESK_LANGUAGES: &[(&str, &str)] = &[
    ("vi", include_str!("../../locales/vi/desk.ftl")),
    ("en", include_str!("../../locales/en/desk.ftl")),
    ("fr", include_str!("../../locales/fr/desk.ftl")),
    ("de", include_str!("../../locales/de/desk.ftl")),
    ("es", include_str!("../../locales/es/desk.ftl")),
    ("zh", include_str!("../../locales/zh/desk.ftl")),
    ("ja", include_str!("../../locales/ja/desk.ftl")),
    ("ko", include_str!("../../locales/ko/desk.ftl")),
    ("ru", include_str!("../../locales/ru/desk.ftl")),
];

/// A language's own name for itself, for language switchers.
pub fn autonym(lang: &str) -> &str {
    match lang {
        "vi" => "Tiếng Việt",
        "en" => "English",
        "fr" => "Français",
        "de" => "Deutsch",
        "es" => "Español",
        "zh" => "中文",
        "ja" => "日本語",
        "ko" => "한국어",
        "ru" => "Русский",
        "it" => "Italiano",
        "pt" => "Português",
        "th" => "ไทย",
        "id" => "Bahasa Indonesia",
        other => other,
    }
}

/// Loading the UI strings failed (a syntax error in an `.ftl` file).
#[derive(Debug, thiserror::Error)]
pub enum I18nError {
    /// An `.ftl` file does not parse.
    #[error("UI strings for {lang:?} do not parse: {detail}")]
    Syntax {
        /// The language whose file is broken.
        lang: String,
        /// What the parser said.
        detail: String,
    },
    /// A language has no UI strings.
    #[error("no UI strings for language {0:?} (available: vi, en, fr, de, es, zh, ja, ko, ru)")]
    Unsupported(String),
}

/// The UI strings of every language.
pub struct Locales {
    bundles: HashMap<String, FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for Locales {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Locales")
            .field("languages", &self.bundles.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl Locales {
    /// Parses the compiled-in `.ftl` files.
    pub fn load() -> Result<Locales, I18nError> {
        let mut bundles = HashMap::new();
        for (lang, source) in UI_LANGUAGES {
            let desk = DESK_LANGUAGES
                .iter()
                .find(|(l, _)| l == lang)
                .map_or("", |(_, s)| *s);
            let id: LanguageIdentifier = lang.parse().map_err(|_| I18nError::Syntax {
                lang: (*lang).into(),
                detail: "bad language tag".into(),
            })?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Bidi isolation marks would end up inside <title> and attributes.
            bundle.set_use_isolating(false);
            for source in [*source, desk] {
                let resource =
                    FluentResource::try_new(source.to_string()).map_err(|(_, errs)| {
                        I18nError::Syntax {
                            lang: (*lang).into(),
                            detail: format!("{errs:?}"),
                        }
                    })?;
                bundle
                    .add_resource(resource)
                    .map_err(|errs| I18nError::Syntax {
                        lang: (*lang).into(),
                        detail: format!("{errs:?}"),
                    })?;
            }
            bundles.insert((*lang).to_string(), bundle);
        }
        Ok(Locales { bundles })
    }

    /// No languages at all (when the compiled-in files fail to load).
    pub fn empty() -> Locales {
        Locales {
            bundles: HashMap::new(),
        }
    }

    /// Whether UI strings exist for `lang`.
    pub fn has(&self, lang: &str) -> bool {
        self.bundles.contains_key(lang)
    }

    /// A message without arguments.
    pub fn get(&self, lang: &str, key: &str) -> String {
        self.format(lang, key, None)
    }

    /// A message with arguments.
    pub fn get_with(&self, lang: &str, key: &str, args: &[(&str, Arg)]) -> String {
        let mut fluent = FluentArgs::new();
        for (name, value) in args {
            let value = match value {
                Arg::Str(s) => FluentValue::from(s.clone()),
                Arg::Num(n) => FluentValue::from(*n),
            };
            fluent.set(*name, value);
        }
        self.format(lang, key, Some(&fluent))
    }

    fn format(&self, lang: &str, key: &str, args: Option<&FluentArgs>) -> String {
        let Some(bundle) = self.bundles.get(lang) else {
            tracing::error!(lang, key, "no UI strings for this language");
            return key.to_string();
        };
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            tracing::error!(lang, key, "missing UI string");
            return key.to_string();
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::error!(lang, key, ?errors, "UI string failed to format");
        }
        text.into_owned()
    }
}

/// A Fluent argument.
#[derive(Debug, Clone)]
pub enum Arg {
    /// Text.
    Str(String),
    /// A number (selects plural forms).
    Num(i64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Str(s.to_string())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Str(s)
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Num(n)
    }
}

/// Message keys defined in one `.ftl` source, in file order.
pub fn message_keys(source: &str) -> Vec<String> {
    source
        .lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_string()))
        .collect()
}
