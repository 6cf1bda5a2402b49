//! The command line on bad input: one clear line naming the thing and what to do.

use crate::common;

use common::{minimal_config, nb, run};

#[test]
fn every_command_explains_itself_with_an_example() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("none.toml");
    for args in [
        vec!["init"],
        vec!["run"],
        vec!["serve"],
        vec!["worker"],
        vec!["migrate"],
        vec!["sources", "add"],
        vec!["sources", "list"],
        vec!["sources", "show"],
        vec!["sources", "remove"],
        vec!["ingest"],
        vec!["status"],
        vec!["demo"],
        vec!["users", "add"],
        vec!["users", "list"],
        vec!["users", "disable"],
        vec!["users", "enable"],
        vec!["users", "password"],
        vec!["sections", "set"],
        vec!["extract"],
        vec!["memory", "import"],
        vec!["memory", "export"],
        vec!["glossary", "import"],
        vec!["glossary", "export"],
        vec!["sections", "list"],
        vec!["sections", "retrain"],
        vec!["sections", "report"],
        vec!["export"],
        vec!["import"],
        vec!["index", "rebuild"],
        vec!["models", "list"],
        vec!["models", "add"],
        vec!["models", "remove"],
        vec!["qa"],
        vec!["translate-text"],
        vec!["translate"],
        vec!["completions"],
        vec!["man"],
    ] {
        let (ok, out, err) = run(nb(&config).args(&args).arg("--help"));
        assert!(ok, "{args:?}: {err}");
        assert!(
            out.contains("Example"),
            "{args:?} --help has no example:\n{out}"
        );
    }
}

#[test]
fn init_writes_a_valid_commented_config_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("newsbridge.toml");
    let (ok, _, err) = run(nb(&config).arg("init").current_dir(dir.path()));
    assert!(ok, "{err}");
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(text.contains("# "), "the config is commented");
    assert!(dir.path().join("data").is_dir());
    let (ok, _, err) = run(nb(&config).arg("init").current_dir(dir.path()));
    assert!(!ok);
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    let (ok, out, err) = run(nb(&config).arg("migrate").current_dir(dir.path()));
    assert!(ok, "{err}");
    assert!(
        out.contains(&format!("schema version {}", store::SCHEMA_VERSION)),
        "{out}"
    );
}

#[test]
fn invalid_configuration_names_key_value_and_expectation() {
    let dir = tempfile::tempdir().unwrap();
    let (config, _) = minimal_config(dir.path(), "");
    let (ok, _, err) = run(nb(&config)
        .arg("status")
        .env("NEWSBRIDGE_SERVER__LISTEN", "nowhere"));
    assert!(!ok);
    assert!(
        err.contains("server.listen") && err.contains("nowhere") && err.contains("IP:PORT"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");

    let (ok, _, err) = run(nb(&config)
        .arg("status")
        .env("NEWSBRIDGE_WORKERS__CONCURRENCY", "lots"));
    assert!(!ok);
    assert!(
        err.contains("workers.concurrency") && err.contains("lots"),
        "{err}"
    );

    let (ok, _, err) = run(nb(&config).arg("status").env("DATABASE_URL", "mysql://x/y"));
    assert!(!ok);
    assert!(
        err.contains("database_url") && err.contains("postgres://"),
        "{err}"
    );
}

#[test]
fn bad_source_urls_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let (config, _) = minimal_config(
        dir.path(),
        "[ingest]
allow = [\"127.0.0.1:1\"]
",
    );
    let (ok, _, err) = run(nb(&config).args(["sources", "add", "not a url", "--kind", "feed"]));
    assert!(!ok);
    assert!(err.contains("not a url") && err.contains("http"), "{err}");

    // A loopback address that is not allow-listed: refused before any connection, naming the rule.
    let (ok, _, err) = run(nb(&config).args(["sources", "add", "http://127.0.0.2:9/feed.xml"]));
    assert!(!ok);
    assert!(
        err.contains("127.0.0.2") && err.contains("loopback") && err.contains("ingest.allow"),
        "{err}"
    );

    // Allowed but nobody listens: unreachable, said in one line.
    let (ok, _, err) = run(nb(&config).args(["sources", "add", "http://127.0.0.1:1/feed.xml"]));
    assert!(!ok);
    assert!(err.contains("127.0.0.1:1"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");

    // Nothing half-added: not even a database.
    let (ok, _, err) = run(nb(&config).args(["sources", "list"]));
    assert!(!ok && err.contains("there is no database"), "{err}");
    assert!(run(nb(&config).arg("migrate")).0);
    let (ok, out, _) = run(nb(&config).args(["sources", "list"]));
    assert!(ok);
    assert!(out.contains("no sources"), "{out}");
    let (ok, _, err) = run(nb(&config).args(["sources", "show", "42"]));
    assert!(!ok && err.contains("no source 42"), "{err}");
}

#[tokio::test]
async fn a_database_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (config, data) = minimal_config(dir.path(), "");
    let (ok, _, err) = run(nb(&config).arg("migrate"));
    assert!(ok, "{err}");
    let url = format!("sqlite://{}", data.join("newsbridge.db").display());
    let store = store::Store::connect(&url).await.unwrap();
    sqlx::query(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 0)",
    )
    .execute(store.pool())
    .await
    .unwrap();
    store.close().await;
    let (ok, _, err) = run(nb(&config).arg("status"));
    assert!(!ok);
    assert!(
        err.contains("schema version 99") && err.contains("upgrade newsbridge"),
        "{err}"
    );
    let store = store::Store::connect(&url).await.unwrap();
    assert_eq!(
        store.schema_version().await.unwrap(),
        99,
        "nothing was changed"
    );
}

#[test]
fn users_need_a_real_password_and_a_unique_name() {
    let dir = tempfile::tempdir().unwrap();
    let (config, _) = minimal_config(dir.path(), "");
    let add = |password: &str| {
        let out = typed(
            nb(&config).args([
                "users",
                "add",
                "alice",
                "--role",
                "editor",
                "--languages",
                "fr",
            ]),
            password,
        );
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (ok, err) = add("short\n");
    assert!(!ok && err.contains("at least 12"), "{err}");
    let (ok, err) = add("correct horse battery staple\n");
    assert!(ok, "{err}");
    let (ok, err) = add("correct horse battery staple\n");
    assert!(!ok && err.contains("already exists"), "{err}");

    // Managed from the CLI as from the desk.
    let listed = || run(nb(&config).args(["users", "list"])).1;
    assert!(listed().contains("alice") && listed().contains("active"));
    let (ok, out, err) = run(nb(&config).args(["users", "disable", "alice"]));
    assert!(ok && out.contains("alice disabled"), "{out}{err}");
    assert!(listed().contains("disabled"));
    let (ok, out, _) = run(nb(&config).args(["users", "disable", "alice"]));
    assert!(ok && out.contains("already disabled"), "{out}");
    let (ok, out, err) = run(nb(&config).args(["users", "enable", "alice"]));
    assert!(ok && out.contains("alice enabled"), "{out}{err}");
    let (ok, _, err) = run(nb(&config).args(["users", "enable", "bob"]));
    assert!(!ok && err.contains("there is no user \"bob\""), "{err}");
    let out = typed(
        nb(&config).args(["users", "password", "alice"]),
        "another long passphrase\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs `command` with `input` typed on its standard input (a password prompt).
fn typed(command: &mut std::process::Command, input: &str) -> std::process::Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_locked_database_is_reported_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let (config, data) = minimal_config(dir.path(), "[ingest]\nallow = [\"127.0.0.1:9\"]\n");
    let (ok, _, err) = run(nb(&config).args([
        "sources",
        "add",
        "http://127.0.0.1:9/a.xml",
        "--kind",
        "feed",
    ]));
    assert!(ok, "{err}");
    // Another process holds the write lock for longer than the busy timeout.
    let url = format!("sqlite://{}", data.join("newsbridge.db").display());
    let store = store::Store::connect(&url).await.unwrap();
    let mut conn = store.pool().acquire().await.unwrap();
    sqlx::query("BEGIN EXCLUSIVE")
        .execute(&mut *conn)
        .await
        .unwrap();
    let (ok, _, err) = run(nb(&config).args([
        "sources",
        "add",
        "http://127.0.0.1:9/b.xml",
        "--kind",
        "feed",
    ]));
    assert!(!ok);
    assert!(err.contains("locked") && err.contains("another"), "{err}");
    sqlx::query("ROLLBACK").execute(&mut *conn).await.unwrap();
    drop(conn);
    store.close().await;
    let (ok, out, err) = run(nb(&config).args(["sources", "list"]));
    assert!(ok, "{err}");
    assert!(out.contains("/a.xml") && !out.contains("/b.xml"), "{out}");
}

#[test]
fn memory_and_glossary_round_trip_through_tmx_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let (config, _) = minimal_config(dir.path(), "");
    let tmx = dir.path().join("in.tmx");
    std::fs::write(
        &tmx,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="vi" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="OmegaT" creationtool="OmegaT" creationtoolversion="6"/>
<body><tu><tuv xml:lang="vi"><seg>Hà Nội mưa lớn.</seg></tuv><tuv xml:lang="fr"><seg>Fortes pluies à Hanoï.</seg></tuv></tu></body></tmx>"#,
    )
    .unwrap();
    let (ok, out, err) = run(nb(&config).args(["memory", "import", tmx.to_str().unwrap()]));
    assert!(ok, "{err}");
    assert!(out.contains("imported 1 segments"), "{out}");
    let (ok, out, err) = run(nb(&config).args(["memory", "export", "vi", "fr"]));
    assert!(ok, "{err}");
    assert!(
        out.contains("Fortes pluies à Hanoï.") && out.contains("<tmx version=\"1.4\">"),
        "{out}"
    );

    let csv = dir.path().join("g.csv");
    std::fs::write(
        &csv,
        "source_lang,target_lang,source,target,kind,case\nvi,fr,Putin,Poutine,forced,insensitive\n",
    )
    .unwrap();
    let (ok, _, err) = run(nb(&config).args(["glossary", "import", csv.to_str().unwrap()]));
    assert!(ok, "{err}");
    let (ok, out, err) = run(nb(&config).args(["glossary", "export", "vi", "fr"]));
    assert!(ok, "{err}");
    assert!(out.contains("Putin") && out.contains("Poutine"), "{out}");

    std::fs::write(
        &csv,
        "source_lang,target_lang,source,target,kind,case\nvi,fr,Putin,,forced,\n",
    )
    .unwrap();
    let (ok, _, err) = run(nb(&config).args(["glossary", "import", csv.to_str().unwrap()]));
    assert!(!ok && err.contains("line"), "a bad row is named: {err}");
}

#[test]
fn models_are_installed_listed_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let (config, data) = crate::common::minimal_config(dir.path(), "");
    let tiny =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/translate/testdata/ct2-tiny");
    let (ok, out, err) = run(nb(&config).args(["models", "add"]).arg(&tiny).args([
        "--name",
        "tiny-vi-en",
        "--from",
        "vi",
        "--to",
        "en",
    ]));
    assert!(ok, "{err}");
    assert!(
        out.contains("kind = \"ctranslate2\""),
        "the config to paste is printed: {out}"
    );
    assert!(data.join("models/tiny-vi-en").is_dir());
    let (ok, out, err) = run(nb(&config).args(["models", "list"]));
    assert!(ok, "{err}");
    assert!(
        out.contains("tiny-vi-en") && out.contains("vi") && out.contains("en"),
        "{out}"
    );
    assert!(!out.contains("UNUSABLE"), "{out}");

    // Not a model: refused, naming what is wrong.
    let (ok, _, err) = run(nb(&config)
        .args(["models", "add"])
        .arg(dir.path().join("d")));
    assert!(!ok);
    assert!(err.contains("cannot install the model"), "{err}");

    let (ok, _, err) = run(nb(&config).args(["models", "remove", "tiny-vi-en"]));
    assert!(ok, "{err}");
    assert!(!data.join("models/tiny-vi-en").exists());
    let (ok, _, _) = run(nb(&config).args(["models", "remove", "tiny-vi-en"]));
    assert!(!ok, "removing twice is an error");
}

#[test]
fn qa_flags_bought_translations_line_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let pairs = dir.path().join("pairs.jsonl");
    std::fs::write(
        &pairs,
        concat!(
            "{\"source\": \"Giá vàng tăng 1.115 đồng mỗi lượng trong phiên sáng nay.\", \"translation\": \"Le prix de l'or augmente ce matin.\"}\n",
            "{\"source\": \"Mưa lớn kéo dài ở Hà Nội.\", \"translation\": \"De fortes pluies persistent à Hanoï.\"}\n",
            "{\"source\": \"Ảnh: <b>người dân</b> sơ tán khỏi vùng lũ ở miền Trung.\", \"translation\": \"Ảnh: người dân sơ tán khỏi vùng lũ ở miền Trung.\"}\n",
        ),
    )
    .unwrap();
    let (ok, out, err) = run(nb(&dir.path().join("none.toml"))
        .args(["qa", "--from", "vi", "--to", "fr"])
        .arg(&pairs));
    assert!(ok, "{err}");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "{out}");
    let codes = |i: usize| -> Vec<String> {
        lines[i]["flags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["flag"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(codes(0).contains(&"number_missing".to_string()), "{out}");
    assert!(codes(1).is_empty(), "a good translation has no flag: {out}");
    assert!(codes(2).contains(&"untranslated".to_string()), "{out}");
    assert!(codes(2).contains(&"markup_lost".to_string()), "{out}");

    std::fs::write(&pairs, "{\"source\": \"x\"}\n").unwrap();
    let (ok, _, err) = run(nb(&dir.path().join("none.toml"))
        .args(["qa", "--from", "vi", "--to", "fr"])
        .arg(&pairs));
    assert!(!ok);
    assert!(
        err.contains("line 1") && err.contains("translation"),
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn translate_text_uses_the_memory_then_the_engine() {
    let dir = tempfile::tempdir().unwrap();
    let engine = crate::common::FakeLibre::spawn().await;
    let site: std::net::SocketAddr = "127.0.0.1:9".parse().unwrap();
    let config = crate::common::write_config(dir.path(), site, Some(&engine.url), "");
    let tmx = dir.path().join("m.tmx");
    std::fs::write(
        &tmx,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en" srclang="vi" datatype="plaintext"/>
<body><tu><tuv xml:lang="vi"><seg>Mưa lớn ở Hà Nội.</seg></tuv><tuv xml:lang="en"><seg>Heavy rain in Hanoi.</seg></tuv></tu></body></tmx>"#,
    )
    .unwrap();
    let (ok, _, err) = run(nb(&config).args(["memory", "import"]).arg(&tmx));
    assert!(ok, "{err}");
    let (ok, out, err) = run(nb(&config).args([
        "translate-text",
        "--from",
        "vi",
        "--to",
        "en",
        "Mưa lớn ở Hà Nội.\nNông dân thu hoạch lúa sớm.",
    ]));
    assert!(ok, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "Heavy rain in Hanoi.", "{out}");
    assert_eq!(
        lines[1],
        crate::common::fake_translate("Nông dân thu hoạch lúa sớm."),
        "{out}"
    );
    assert!(
        err.contains("1 sentence(s) from the translation memory, 1 from the engines"),
        "{err}"
    );
    assert_eq!(engine.count(), 1);
}

/// Runs `command` in `dir` with its standard output already closed by the
/// reader (as `| head` does once it has enough): returns (exit code, stderr).
fn with_closed_stdout(command: &mut std::process::Command) -> (Option<i32>, String) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = command
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_closed_stdout_ends_every_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let (config, _) = minimal_config(dir.path(), "[ingest]\nallow = [\"127.0.0.1:9\"]\n");
    let (ok, _, err) = run(nb(&config).args([
        "sources",
        "add",
        "http://127.0.0.1:9/feed.xml",
        "--kind",
        "feed",
    ]));
    assert!(ok, "{err}");
    let tmx = dir.path().join("m.tmx");
    std::fs::write(
        &tmx,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="vi" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/>
<body><tu><tuv xml:lang="vi"><seg>Mưa.</seg></tuv><tuv xml:lang="en"><seg>Rain.</seg></tuv></tu></body></tmx>"#,
    )
    .unwrap();
    assert!(run(nb(&config).args(["memory", "import"]).arg(&tmx)).0);
    let csv = dir.path().join("g.csv");
    std::fs::write(
        &csv,
        "source_lang,target_lang,source,target,kind,case\nvi,fr,Putin,Poutine,forced,\n",
    )
    .unwrap();
    assert!(run(nb(&config).args(["glossary", "import"]).arg(&csv)).0);
    for args in [
        vec!["status"],
        vec!["status", "--json"],
        vec!["sections", "list"],
        vec!["sources", "list"],
        vec!["sources", "show", "1"],
        vec!["users", "list"],
        vec!["memory", "export", "vi", "en"],
        vec!["glossary", "export", "vi", "fr"],
        vec!["migrate"],
        vec!["completions", "bash"],
        vec!["man"],
        vec!["--help"],
        vec!["status", "--help"],
    ] {
        let (code, err) = with_closed_stdout(nb(&config).args(&args));
        assert!(
            !err.contains("Broken pipe") && !err.contains("panicked") && !err.contains("error"),
            "{args:?} said: {err}"
        );
        assert_ne!(code, Some(101), "{args:?} panicked: {err}");
        assert!(
            code == Some(141) || code == Some(0),
            "{args:?} ended with {code:?}: {err}"
        );
    }
}

#[test]
fn read_only_commands_name_the_missing_database_and_create_none() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let bare = || {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_newsbridge"));
        cmd.current_dir(cwd)
            .env("NEWSBRIDGE_LOG", "error")
            .env_remove("DATABASE_URL")
            .env_remove("NEWSBRIDGE_CONFIG");
        cmd
    };
    for args in [
        vec!["status"],
        vec!["status", "--json"],
        vec!["sources", "list"],
        vec!["sources", "show", "1"],
        vec!["users", "list"],
        vec!["users", "disable", "alice"],
        vec!["sections", "list"],
        vec!["memory", "export", "vi", "fr"],
        vec!["glossary", "export", "vi", "fr"],
        vec!["export", "x.nbarchive"],
        vec!["index", "rebuild"],
        vec!["translate", "1"],
    ] {
        let (ok, _, err) = run(bare().args(&args));
        assert!(!ok, "{args:?}");
        assert!(
            err.contains("there is no database data/newsbridge.db"),
            "{args:?}: {err}"
        );
        assert_eq!(err.trim().lines().count(), 1, "{args:?}: {err}");
    }
    assert!(
        !cwd.join("data").exists(),
        "nothing was created: {:?}",
        std::fs::read_dir(cwd).unwrap().collect::<Vec<_>>()
    );

    // A configuration named on the command line must exist.
    let missing = cwd.join("missing.toml");
    let (ok, _, err) = run(bare().arg("-c").arg(&missing).arg("status"));
    assert!(!ok);
    assert!(
        err.contains(&format!("config file {} does not exist", missing.display()))
            && err.contains("newsbridge init --config"),
        "{err}"
    );
    let (ok, _, err) = run(bare()
        .env("NEWSBRIDGE_CONFIG", &missing)
        .args(["sources", "list"]));
    assert!(!ok && err.contains("does not exist"), "{err}");

    // `status` says which database it reads.
    let (ok, _, err) = run(bare().arg("migrate"));
    assert!(ok, "{err}");
    let (ok, out, err) = run(bare().arg("status"));
    assert!(ok, "{err}");
    assert_eq!(
        out.lines().next(),
        Some("database: sqlite://data/newsbridge.db"),
        "{out}"
    );
}

#[test]
fn status_json_is_one_object_of_named_fields() {
    let dir = tempfile::tempdir().unwrap();
    let (config, data) = minimal_config(dir.path(), "");
    assert!(run(nb(&config).arg("migrate")).0);
    let (ok, out, err) = run(nb(&config).args(["status", "--json"]));
    assert!(ok, "{err}");
    let status: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        status["database"],
        format!("sqlite://{}", data.join("newsbridge.db").display())
    );
    assert_eq!(status["sources"], 0);
    for kind in store::JobKind::ALL {
        for state in store::JobState::ALL {
            assert_eq!(
                status["jobs"][kind.as_str()][state.as_str()],
                0,
                "{kind:?} {state:?}: {out}"
            );
        }
    }
    assert!(status["articles"].is_object(), "{out}");
    assert!(status["translations"].is_object(), "{out}");
    assert!(status["dead_jobs"].is_array(), "{out}");
    assert!(status["source_health"].is_array(), "{out}");
    let keys: Vec<&String> = status.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "articles",
            "database",
            "dead_jobs",
            "jobs",
            "source_health",
            "sources",
            "translations"
        ],
        "the documented fields, no others"
    );
}

#[test]
fn errors_say_each_cause_once() {
    let dir = tempfile::tempdir().unwrap();
    let (config, _) = minimal_config(dir.path(), "");
    let missing = dir.path().join("nope.csv");
    let (ok, _, err) = run(nb(&config).args(["glossary", "import"]).arg(&missing));
    assert!(!ok);
    assert_eq!(err.matches("No such file or directory").count(), 1, "{err}");
    let (ok, _, err) = run(nb(&config).args(["memory", "import"]).arg(&missing));
    assert!(!ok);
    assert_eq!(err.matches("No such file or directory").count(), 1, "{err}");
}

#[test]
fn clear_errors_for_glossary_separators_missing_directories_and_languages() {
    let dir = tempfile::tempdir().unwrap();
    let (config, _) = minimal_config(dir.path(), "[site]\nlanguages = [\"vi\", \"en\", \"fr\"]\n");
    let csv = dir.path().join("semi.csv");
    std::fs::write(
        &csv,
        "source_lang;target_lang;source;target;kind;case\nvi;fr;Putin;Poutine;forced;insensitive\n",
    )
    .unwrap();
    let (ok, out, err) = run(nb(&config).args(["glossary", "import"]).arg(&csv));
    assert!(!ok, "{out}");
    assert!(err.contains("semicolons") && err.contains("comma"), "{err}");
    std::fs::write(&csv, "source_lang,target_lang,source,target,kind,case\n").unwrap();
    let (ok, _, err) = run(nb(&config).args(["glossary", "import"]).arg(&csv));
    assert!(!ok && err.contains("holds no terms"), "{err}");

    let (ok, _, err) = run(nb(&config)
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/nodir/site.db", dir.path().display()),
        )
        .args(["import", "site.nbarchive"]));
    assert!(!ok);
    assert!(
        err.contains("nodir") && err.contains("does not exist") && !err.contains("code: 14"),
        "{err}"
    );

    let (ok, _, err) = run(nb(&config).args(["translate-text", "--from", "vi", "--to", "xx", "a"]));
    assert!(!ok);
    assert!(
        err.contains("\"xx\"") && err.contains("vi, en, fr") && err.contains("site.languages"),
        "{err}"
    );
    let (ok, _, err) =
        run(nb(&config).args(["translate-text", "--from", "vi", "--to", "fr", "Mưa."]));
    assert!(!ok);
    assert!(
        err.contains("[translation]")
            && err.contains(&config.display().to_string())
            && err.contains("models add"),
        "{err}"
    );
}

#[test]
fn memory_export_writes_when_each_unit_was_created() {
    let dir = tempfile::tempdir().unwrap();
    let (config, _) = minimal_config(dir.path(), "");
    let tmx = dir.path().join("m.tmx");
    std::fs::write(
        &tmx,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="vi" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/>
<body><tu><tuv xml:lang="vi"><seg>Mưa.</seg></tuv><tuv xml:lang="en"><seg>Rain.</seg></tuv></tu>
<tu creationdate="20240102T030405Z"><tuv xml:lang="vi"><seg>Nắng.</seg></tuv><tuv xml:lang="en"><seg>Sun.</seg></tuv></tu></body></tmx>"#,
    )
    .unwrap();
    let before = chrono::Utc::now().format("%Y%m%dT%H%M").to_string();
    assert!(run(nb(&config).args(["memory", "import"]).arg(&tmx)).0);
    let (ok, out, err) = run(nb(&config).args(["memory", "export", "vi", "en"]));
    assert!(ok, "{err}");
    assert!(!out.contains("19700101"), "{out}");
    let sun = out.find("Sun.").unwrap();
    let sun_unit = &out[out[..sun].rfind("<tu ").unwrap()..sun];
    assert!(
        sun_unit.contains("creationdate=\"20240102T030405Z\""),
        "an imported unit keeps its date: {sun_unit}"
    );
    let rain = out.find("Rain.").unwrap();
    let created = out[out[..rain].rfind("<tu ").unwrap()..rain]
        .split("creationdate=\"")
        .nth(1)
        .and_then(|s| s.get(..13))
        .unwrap_or_default()
        .to_string();
    let after = chrono::Utc::now().format("%Y%m%dT%H%M").to_string();
    assert!(
        created >= before && created <= after,
        "{created} not in [{before}, {after}]: {out}"
    );
}

#[test]
fn sections_list_shows_only_the_served_languages() {
    let dir = tempfile::tempdir().unwrap();
    let (config, _) = minimal_config(dir.path(), "[site]\nlanguages = [\"vi\", \"en\", \"fr\"]\n");
    assert!(run(nb(&config).arg("migrate")).0);
    let (ok, out, err) = run(nb(&config).args(["sections", "list"]));
    assert!(ok, "{err}");
    assert!(
        out.starts_with("portal languages (site.languages): vi, en, fr\n"),
        "{out}"
    );
    assert!(out.contains("/en/") && out.contains("/fr/"), "{out}");
    for lang in ["de", "es", "zh", "ja", "ko", "ru"] {
        assert!(!out.contains(&format!("/{lang}/")), "{lang}: {out}");
        assert!(!out.contains(&format!("{lang}: ")), "{lang}: {out}");
    }
}

#[test]
fn feed_sources_are_checked_by_the_address_guard_when_added() {
    let dir = tempfile::tempdir().unwrap();
    let (config, _) = minimal_config(dir.path(), "[ingest]\nallow = [\"127.0.0.1:9\"]\n");
    for (url, kind) in [
        ("http://127.0.0.2:9/feed.xml", "feed"),
        ("http://169.254.169.254/latest/meta-data/", "feed"),
        ("http://10.0.0.1/sitemap.xml", "sitemap"),
        ("http://[::1]:9/news/", "listing"),
    ] {
        let (ok, _, err) = run(nb(&config).args(["sources", "add", url, "--kind", kind]));
        assert!(!ok, "{url} was added");
        assert!(
            err.contains("refusing") && err.contains("ingest.allow"),
            "{url}: {err}"
        );
    }
    // Allow-listed: added without a request (nothing listens there).
    let (ok, out, err) = run(nb(&config).args([
        "sources",
        "add",
        "http://127.0.0.1:9/feed.xml",
        "--kind",
        "feed",
    ]));
    assert!(ok, "{err}");
    assert!(out.contains("added source 1"), "{out}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_restarts_and_the_cli_and_desk_reach_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let port = crate::common::free_port();
    let listen = format!("127.0.0.1:{port}");
    let here = || {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_newsbridge"));
        cmd.current_dir(cwd)
            .env("NEWSBRIDGE_LOG", "info")
            .env_remove("DATABASE_URL")
            .env_remove("NEWSBRIDGE_CONFIG")
            .env_remove("NO_COLOR");
        cmd
    };
    let demo = || run(here().args(["demo", "--no-serve", "--listen", &listen]));
    let (ok, _, err) = demo();
    assert!(ok, "{err}");
    // Started again in the same directory: its own files are no obstacle.
    let (ok, out, err) = demo();
    assert!(ok, "{err}");
    assert!(!err.contains('\u{1b}'), "no colour in a pipe: {err}");
    let password = out
        .lines()
        .find_map(|l| l.strip_prefix("desk sign-in: user demo, password "))
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no sign-in line: {out}"))
        .to_string();
    assert!(password.len() >= 16, "{password}");
    assert!(out.contains("newsbridge --config "), "{out}");

    // The CLI run here reaches the demo's database, not a new one.
    let added = typed(
        here().args(["users", "add", "alice", "--role", "admin"]),
        "correct horse battery staple\n",
    );
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    assert!(
        String::from_utf8_lossy(&added.stderr).contains("demo.toml"),
        "the demo's configuration is announced"
    );
    let (ok, out, err) = run(here().arg("status"));
    assert!(ok, "{err}");
    let demo_db = cwd.join("data/demo/newsbridge.db");
    assert_eq!(
        out.lines().next(),
        Some(format!("database: sqlite://{}", demo_db.display()).as_str()),
        "{out}"
    );
    let (ok, out, _) = run(here().args(["users", "list"]));
    assert!(ok && out.contains("alice") && out.contains("demo"), "{out}");
    assert!(!cwd.join("data/newsbridge.db").exists());

    // The portal of the demo: the desk takes the printed password; languages
    // that are not served answer in their own words and point to those that are.
    let mut server = here()
        .env("NEWSBRIDGE_LOG", "error")
        .arg("serve")
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    crate::common::wait_ready(port, std::time::Duration::from_secs(60)).await;
    let base = format!("http://{listen}");
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let sign_in = |password: String| {
        let client = client.clone();
        let base = base.clone();
        async move {
            let form = client
                .get(format!("{base}/admin/login"))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            let token = form
                .split("name=\"token\" value=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .unwrap_or_else(|| panic!("no token in {form}"))
                .to_string();
            client
                .post(format!("{base}/admin/login"))
                .form(&[
                    ("username", "demo"),
                    ("password", password.as_str()),
                    ("token", token.as_str()),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    let wrong = sign_in("not the password at all".into()).await;
    assert!(!wrong.status().is_redirection(), "{}", wrong.status());
    let signed = sign_in(password).await;
    assert!(signed.status().is_redirection(), "{}", signed.status());
    assert!(signed.headers().contains_key("set-cookie"));

    let de = client.get(format!("{base}/de/")).send().await.unwrap();
    assert_eq!(de.status(), 404);
    let page = de.text().await.unwrap();
    assert!(page.contains("<html lang=\"de\""), "{page}");
    assert!(page.contains("nicht auf Deutsch"), "{page}");
    for served in ["/vi/", "/en/", "/fr/"] {
        assert!(
            page.contains(&format!("href=\"{served}\"")),
            "{served}: {page}"
        );
    }
    let unknown = client.get(format!("{base}/xx/")).send().await.unwrap();
    assert_eq!(unknown.status(), 404);
    assert!(unknown.text().await.unwrap().contains("<html lang=\"en\""));
    for (accept, home) in [("de", "/en/"), ("ja, fr;q=0.5", "/fr/"), ("vi", "/vi/")] {
        let r = client
            .get(format!("{base}/"))
            .header("accept-language", accept)
            .send()
            .await
            .unwrap();
        assert!(r.status().is_redirection(), "{accept}");
        assert_eq!(
            r.headers().get("location").unwrap().to_str().unwrap(),
            home,
            "{accept}"
        );
    }
    let _ = server.kill();
    let _ = server.wait();
}
