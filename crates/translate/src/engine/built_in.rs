//! Which engines this build of the library can run, for `--version` and
//! start-up checks: the HTTP engines always, CTranslate2 only when its cargo
//! feature was on, with the math backends and devices it was built with.

/// One engine kind this build can run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltInEngine {
    /// The `kind` that selects it in `[[translation.engines]]`.
    pub kind: &'static str,
    /// How it runs: in process with which backends, or over HTTP.
    pub detail: &'static str,
}

/// The engines this build can run, the in-process one first when present.
pub fn built_in_engines() -> Vec<BuiltInEngine> {
    let mut engines = Vec::new();
    if cfg!(feature = "ctranslate2") {
        engines.push(BuiltInEngine {
            kind: "ctranslate2",
            detail: ctranslate2_detail(),
        });
    }
    engines.extend([
        BuiltInEngine {
            kind: "openai",
            detail: "HTTP, any chat-completions server",
        },
        BuiltInEngine {
            kind: "libretranslate",
            detail: "HTTP",
        },
        BuiltInEngine {
            kind: "deepl",
            detail: "HTTP",
        },
    ]);
    engines
}

/// `translation engines built in:` and one line per engine (kind and how it
/// runs), then a note when the in-process engine is missing: what
/// `newsbridge --version` prints after the version.
pub fn built_in_summary() -> String {
    let mut text = "translation engines built in:".to_string();
    for engine in built_in_engines() {
        text.push_str(&format!("\n  {:<15} {}", engine.kind, engine.detail));
    }
    if !cfg!(feature = "ctranslate2") {
        text.push_str(
            "\n  (no in-process engine: this binary was built without the `ctranslate2` feature)",
        );
    }
    text
}

/// The in-process engine's backends and devices as built, the GEMM backend
/// CTranslate2 prefers first (MKL on Intel CPUs, else oneDNN, else Ruy).
fn ctranslate2_detail() -> &'static str {
    static TEXT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        let mut cpu = Vec::new();
        if cfg!(feature = "ctranslate2-mkl") {
            cpu.push("Intel MKL");
        }
        if cfg!(feature = "ctranslate2-dnnl") {
            cpu.push("oneDNN (GNU OpenMP)");
        }
        cpu.push("Ruy");
        let mut text = format!("in process; CPU: {}", cpu.join(" + "));
        if cfg!(feature = "ctranslate2-cuda") {
            text.push_str("; CUDA");
        }
        text
    });
    TEXT.as_str()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_http_engines_are_always_built_in_and_ctranslate2_as_its_feature_says() {
        let kinds: Vec<&str> = built_in_engines().iter().map(|e| e.kind).collect();
        for kind in ["openai", "libretranslate", "deepl"] {
            assert!(kinds.contains(&kind), "{kind}");
        }
        assert_eq!(
            kinds.contains(&"ctranslate2"),
            cfg!(feature = "ctranslate2")
        );
        let summary = built_in_summary();
        assert!(
            summary.starts_with("translation engines built in:\n  "),
            "{summary}"
        );
        assert!(summary.contains("\n  deepl "), "{summary}");
        assert_eq!(
            summary.contains("no in-process engine"),
            !cfg!(feature = "ctranslate2")
        );
        if cfg!(feature = "ctranslate2") {
            assert!(summary.contains("CPU: "), "{summary}");
            assert_eq!(
                summary.contains("oneDNN"),
                cfg!(feature = "ctranslate2-dnnl"),
                "{summary}"
            );
            assert_eq!(
                summary.contains("Intel MKL"),
                cfg!(feature = "ctranslate2-mkl"),
                "{summary}"
            );
        }
    }
}
