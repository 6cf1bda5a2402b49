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

    let (ok, out, _) = run(nb(&config).args(["sources", "list"]));
    assert!(ok);
    assert!(out.contains("no sources"), "nothing half-added: {out}");
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
    let (config, data) = minimal_config(dir.path(), "");
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
