//! The desk in every language (a missing key is a failure) and its admin
//! pages — sources, sections, glossary, users — over real HTTP on SQLite.

use crate::common;

use std::collections::BTreeSet;
use std::net::SocketAddr;

use argon2::password_hash::{PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use common::*;
use store::Role;

/// Signing domains in the desk's code that look like keys but are not strings.
const NOT_KEYS: [&str; 3] = ["desk-csrf", "desk-login", "desk-session"];

fn keys(source: &str) -> BTreeSet<String> {
    web::message_keys(source).into_iter().collect()
}

fn desk_source(lang: &str) -> &'static str {
    web::DESK_LANGUAGES
        .iter()
        .find(|(l, _)| *l == lang)
        .unwrap_or_else(|| panic!("no desk strings for {lang}"))
        .1
}

fn value(source: &str, key: &str) -> Option<String> {
    source
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{key} = ")))
        .map(str::to_string)
}

#[test]
fn every_language_defines_every_desk_key_the_code_uses() {
    let reference = keys(desk_source("en"));
    assert!(reference.len() > 150, "{}", reference.len());
    for lang in LANGS {
        let source = desk_source(lang);
        let these = keys(source);
        let missing: Vec<_> = reference.difference(&these).collect();
        let extra: Vec<_> = these.difference(&reference).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{lang} has desk keys English lacks: {extra:?}"
        );
        assert_eq!(
            web::message_keys(source).len(),
            these.len(),
            "{lang} defines a key twice"
        );
        assert!(these.iter().all(|k| k.starts_with("desk-")), "{lang}");
    }
    // Every key the desk's code names exists.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/desk");
    let mut used = BTreeSet::new();
    // The desk's modules, with those in subdirectories (desk/editor/).
    let mut files = Vec::new();
    let mut dirs = vec![dir];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    for path in files {
        let code = std::fs::read_to_string(path).unwrap();
        for piece in code.split("\"desk-").skip(1) {
            let key: String = piece
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
                .collect();
            if piece[key.len()..].starts_with('"') {
                used.insert(format!("desk-{key}"));
            }
        }
    }
    assert!(used.len() > 150, "{}", used.len());
    let unknown: Vec<_> = used
        .iter()
        .filter(|k| !NOT_KEYS.contains(&k.as_str()) && !reference.contains(*k))
        .collect();
    assert!(unknown.is_empty(), "keys used but not defined: {unknown:?}");
    web::Locales::load().expect("every .ftl file parses");
}

/// A small-parameter argon2id hash (the tests verify it many times).
fn hash(password: &str) -> String {
    let argon = Argon2::new(
        Algorithm::Argon2id,
        Version::V0x13,
        Params::new(1024, 1, 1, None).unwrap(),
    );
    let salt = SaltString::from_b64("c29tZXNhbHRzb21lc2FsdA").unwrap();
    argon
        .hash_password(password.as_bytes(), &salt)
        .unwrap()
        .to_string()
}

async fn users(f: &Fixture) {
    f.store
        .add_user("ada", &hash("correct horse"), Role::Admin, &[])
        .await
        .unwrap();
    f.store
        .add_user("eve", &hash("battery staple"), Role::Editor, &["fr".into()])
        .await
        .unwrap();
}

fn hidden_value(body: &str, name: &str) -> String {
    hidden(body, name).replace("&amp;", "&")
}

/// Signs in over HTTP; returns the session cookie (`name=value`).
async fn sign_in(addr: SocketAddr, user: &str, password: &str) -> Option<String> {
    let page = wire(addr, "GET", "/admin/login", &[], b"").await;
    assert_eq!(page.status, 200);
    let token = hidden_value(&page.text(), "token");
    let got = wire_form(
        addr,
        "/admin/login",
        &[
            ("token", &token),
            ("username", user),
            ("password", password),
        ],
        &[],
    )
    .await;
    (got.status == 303).then(|| {
        got.header("set-cookie")
            .split(';')
            .next()
            .unwrap()
            .to_string()
    })
}

struct Editor {
    addr: SocketAddr,
    cookie: String,
}

impl Editor {
    async fn get(&self, path: &str) -> Wire {
        wire(self.addr, "GET", path, &[("cookie", &self.cookie)], b"").await
    }

    async fn csrf(&self) -> String {
        let page = self.get("/admin").await;
        assert_eq!(page.status, 200);
        hidden_value(&page.text(), "csrf")
    }

    /// POSTs a form with the session's CSRF token.
    async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Wire {
        let csrf = self.csrf().await;
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        wire_form(self.addr, path, &all, &[("cookie", &self.cookie)]).await
    }
}

async fn desk(f: &Fixture) -> (Editor, Editor) {
    users(f).await;
    let addr = serve(web::router(portal(f))).await;
    let ada = sign_in(addr, "ada", "correct horse").await.unwrap();
    let eve = sign_in(addr, "eve", "battery staple").await.unwrap();
    (Editor { addr, cookie: ada }, Editor { addr, cookie: eve })
}

const ADMIN_PAGES: [&str; 5] = [
    "/admin/sources",
    "/admin/sections",
    "/admin/glossary",
    "/admin/users",
    "/admin/audit",
];

#[tokio::test]
async fn every_desk_page_speaks_the_editors_language() {
    let f = fixture().await;
    let (ada, _) = desk(&f).await;
    let source = f.store.sources().await.unwrap()[0].id;
    let mut pages = vec![
        "/admin".to_string(),
        "/admin/review".into(),
        "/admin/articles".into(),
        format!("/admin/articles/{}", f.main),
        format!("/admin/articles/{}/fr", f.main),
        "/admin/comments".into(),
        format!("/admin/sources/{source}"),
    ];
    pages.extend(ADMIN_PAGES.iter().map(|p| p.to_string()));
    let en = desk_source("en");
    for lang in LANGS {
        let cookie = format!("{}; nb_desk_lang={lang}", ada.cookie);
        let own = desk_source(lang);
        // English phrases this language says differently.
        let english: Vec<String> = keys(en)
            .into_iter()
            .filter_map(|k| Some((value(en, &k)?, value(own, &k)?)))
            .filter(|(e, o)| e != o && !e.contains('{') && e.len() >= 12 && e.contains(' '))
            .map(|(e, _)| e)
            .collect();
        for path in &pages {
            let got = wire(ada.addr, "GET", path, &[("cookie", &cookie)], b"").await;
            assert_eq!(got.status, 200, "{lang} {path}");
            let body = got.text();
            assert!(
                body.contains(&format!("<html lang=\"{lang}\"")),
                "{lang} {path}"
            );
            let text = visible_text(&body);
            assert!(!text.contains("desk-"), "{lang} {path}: raw key in {text}");
            if lang != "en" {
                for phrase in &english {
                    assert!(
                        !text.contains(phrase.as_str()),
                        "{lang} {path}: English {phrase:?}"
                    );
                }
            }
        }
    }
    // Without a choice, the browser's language; unknown ones fall back to English.
    let got = wire(
        ada.addr,
        "GET",
        "/admin/login",
        &[("accept-language", "de-DE,de;q=0.9")],
        b"",
    )
    .await;
    assert!(got.text().contains("<html lang=\"de\"") && got.text().contains("Anmelden"));
    let got = wire(
        ada.addr,
        "GET",
        "/admin/login",
        &[("accept-language", "tlh")],
        b"",
    )
    .await;
    assert!(got.text().contains("<html lang=\"en\""));
    let got = wire(
        ada.addr,
        "GET",
        "/admin",
        &[("cookie", &ada.cookie), ("accept-language", "ko")],
        b"",
    )
    .await;
    assert!(got.text().contains("<html lang=\"ko\"") && got.text().contains("대시보드"));

    // Picking a language: a cookie, then back to the page the editor was on.
    let got = wire(
        ada.addr,
        "GET",
        "/admin/language?lang=ja",
        &[
            ("cookie", &ada.cookie),
            ("referer", &format!("{BASE}/admin/users")),
        ],
        b"",
    )
    .await;
    assert_eq!(got.status, 303);
    assert_eq!(got.header("location"), "/admin/users");
    let set = got.header("set-cookie");
    assert!(
        set.starts_with("nb_desk_lang=ja;") && set.contains("Path=/admin"),
        "{set}"
    );
    let got = wire(ada.addr, "GET", "/admin/language?lang=xx", &[], b"").await;
    assert_eq!(got.status, 303);
    assert!(got.header("set-cookie").is_empty());

    // Refusals are localized too.
    let got = wire_form(
        ada.addr,
        "/admin/users",
        &[("username", "mallory")],
        &[("cookie", &format!("{}; nb_desk_lang=fr", ada.cookie))],
    )
    .await;
    assert_eq!(got.status, 403);
    assert!(got.text().contains("Ce formulaire n’a pas pu être vérifié"));
}

#[tokio::test]
async fn admin_pages_reject_anonymous_editors_and_forged_posts() {
    let f = fixture().await;
    let (ada, eve) = desk(&f).await;
    let source = f.store.sources().await.unwrap()[0].id;
    let section = f.store.sections().await.unwrap()[0].id;
    let mut gets: Vec<String> = ADMIN_PAGES.iter().map(|p| p.to_string()).collect();
    gets.push(format!("/admin/sources/{source}"));
    gets.push("/admin/glossary/export.csv".into());
    for path in &gets {
        let anon = wire(ada.addr, "GET", path, &[], b"").await;
        assert_eq!(anon.status, 303, "{path}");
        assert_eq!(anon.header("location"), "/admin/login");
        assert_eq!(eve.get(path).await.status, 403, "{path}");
        assert_eq!(ada.get(path).await.status, 200, "{path}");
    }
    let posts = [
        format!("/admin/sources/{source}/pause"),
        format!("/admin/sources/{source}"),
        format!("/admin/sections/{section}"),
        "/admin/glossary".into(),
        "/admin/glossary/remove".into(),
        "/admin/glossary/import".into(),
        "/admin/users".into(),
        "/admin/users/eve/disable".into(),
        "/admin/users/eve/password".into(),
    ];
    for path in &posts {
        // Anonymous, no CSRF token, a token from another session, a foreign origin, an editor.
        let anon = wire_form(ada.addr, path, &[], &[]).await;
        assert_eq!(anon.status, 403, "{path}");
        let bare = wire_form(ada.addr, path, &[], &[("cookie", &ada.cookie)]).await;
        assert_eq!(bare.status, 403, "{path}");
        let eves = eve.csrf().await;
        let crossed = wire_form(
            ada.addr,
            path,
            &[("csrf", &eves)],
            &[("cookie", &ada.cookie)],
        )
        .await;
        assert_eq!(crossed.status, 403, "{path}");
        let csrf = ada.csrf().await;
        let foreign = wire_form(
            ada.addr,
            path,
            &[("csrf", &csrf)],
            &[("cookie", &ada.cookie), ("origin", "https://evil.example")],
        )
        .await;
        assert_eq!(foreign.status, 403, "{path}");
        assert_eq!(eve.post(path, &[]).await.status, 403, "{path}");
    }
    // Nothing changed, nothing was recorded.
    assert!(f.store.source(source).await.unwrap().enabled);
    let log = f.store.audit_log(100, 0).await.unwrap();
    assert!(
        log.iter()
            .filter(|e| e.actor == "ada" || e.actor == "eve")
            .all(|e| e.action == "login"),
        "{log:?}"
    );
}

#[tokio::test]
async fn sources_pause_resume_and_edit_polling_and_mapping() {
    let f = fixture().await;
    let (ada, _) = desk(&f).await;
    let source = f.store.sources().await.unwrap()[0].clone();
    let list = ada.get("/admin/sources").await;
    let text = list.text();
    assert!(text.contains(PUBLISHER) && text.contains("active"));
    assert!(
        text.contains("adaptive, 5–360 min"),
        "default polling shown"
    );

    let got = ada
        .post(&format!("/admin/sources/{}/pause", source.id), &[])
        .await;
    assert_eq!(got.status, 303);
    assert!(!f.store.source(source.id).await.unwrap().enabled);
    assert!(ada.get("/admin/sources").await.text().contains("paused"));
    ada.post(&format!("/admin/sources/{}/resume", source.id), &[])
        .await;
    assert!(f.store.source(source.id).await.unwrap().enabled);

    let path = format!("/admin/sources/{}", source.id);
    let form = ada.get(&path).await;
    assert!(form.text().contains("name=\"sections\""));
    let got = ada
        .post(
            &path,
            &[
                ("name", "Báo Mẫu"),
                ("mode", "fixed"),
                ("minutes", "20"),
                (
                    "sections",
                    "Kinh doanh = kinh-doanh\r\nThế giới = the-gioi\r\n",
                ),
                ("default_section", "the-gioi"),
            ],
        )
        .await;
    assert_eq!(got.status, 303, "{}", got.text());
    let saved = f.store.source(source.id).await.unwrap();
    assert_eq!(saved.name, "Báo Mẫu");
    assert_eq!(saved.settings["polling"]["mode"], "fixed");
    assert_eq!(saved.settings["polling"]["interval_secs"], 1200);
    assert_eq!(saved.settings["sections"]["Kinh doanh"], "kinh-doanh");
    assert_eq!(saved.settings["sections"]["Thế giới"], "the-gioi");
    assert_eq!(saved.settings["default_section"], "the-gioi");
    // Keys the desk does not edit are kept.
    for (k, v) in source.settings.as_object().unwrap() {
        if !["polling", "sections", "default_section"].contains(&k.as_str()) {
            assert_eq!(&saved.settings[k], v, "{k}");
        }
    }
    assert!(ada
        .get("/admin/sources")
        .await
        .text()
        .contains("every 20 min"));

    // Bad input is refused with the reason, and nothing changes.
    for fields in [
        vec![("name", "X"), ("mode", "fixed"), ("minutes", "0")],
        vec![
            ("name", "X"),
            ("mode", "adaptive"),
            ("min", "60"),
            ("max", "5"),
        ],
        vec![
            ("name", "X"),
            ("mode", "fixed"),
            ("minutes", "5"),
            ("sections", "Sport = nowhere"),
        ],
        vec![
            ("name", "X"),
            ("mode", "fixed"),
            ("minutes", "5"),
            ("sections", "no equals sign"),
        ],
        vec![("name", ""), ("mode", "fixed"), ("minutes", "5")],
        vec![("name", "X"), ("mode", "sometimes")],
    ] {
        let got = ada.post(&path, &fields).await;
        assert_eq!(got.status, 422, "{fields:?}");
        assert!(got.text().contains("role=\"alert\""));
    }
    assert_eq!(f.store.source(source.id).await.unwrap(), saved);
    assert_eq!(ada.get("/admin/sources/9999").await.status, 404);

    let log = f.store.audit_log(100, 0).await.unwrap();
    for action in ["source_paused", "source_resumed", "source_updated"] {
        assert!(
            log.iter().any(|e| e.action == action
                && e.actor == "ada"
                && e.target == format!("source {}", source.id)),
            "{action}"
        );
    }
}

#[tokio::test]
async fn sections_get_localized_names_that_the_portal_shows() {
    let f = fixture().await;
    let (ada, _) = desk(&f).await;
    let app = web::router(portal(&f));
    let section = f
        .store
        .sections()
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.slug == "kinh-doanh")
        .unwrap();
    let page = ada.get("/admin/sections").await;
    assert!(page.text().contains("name=\"name_ja\""));
    let got = ada
        .post(
            &format!("/admin/sections/{}", section.id),
            &[
                ("position", "7"),
                ("name_fr", "Affaires"),
                ("name_ja", "ビジネス"),
                ("name_de", ""),
            ],
        )
        .await;
    assert_eq!(got.status, 303, "{}", got.text());
    let saved = f
        .store
        .sections()
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.id == section.id)
        .unwrap();
    assert_eq!(saved.position, 7);
    assert_eq!(saved.names["fr"], "Affaires");
    assert_eq!(saved.names["ja"], "ビジネス");
    assert!(!saved.names.contains_key("de"));
    assert_eq!(saved.names.get("en"), section.names.get("en"), "untouched");
    // A fresh portal (no cached menu) shows the new name.
    assert!(get(&app, "/fr/kinh-doanh/").await.body.contains("Affaires"));

    let long = "x".repeat(81);
    let got = ada
        .post(
            &format!("/admin/sections/{}", section.id),
            &[("name_fr", &long)],
        )
        .await;
    assert_eq!(got.status, 422);
    let got = ada
        .post(
            &format!("/admin/sections/{}", section.id),
            &[("position", "first")],
        )
        .await;
    assert_eq!(got.status, 422);
    assert_eq!(ada.post("/admin/sections/9999", &[]).await.status, 404);
    let log = f.store.audit_log(100, 0).await.unwrap();
    assert!(log
        .iter()
        .any(|e| e.action == "section_updated" && e.target == "section kinh-doanh"));
}

#[tokio::test]
async fn sections_get_localized_addresses_checked_for_clashes() {
    let f = fixture().await;
    let (ada, _) = desk(&f).await;
    let sections = f.store.sections().await.unwrap();
    let business = sections.iter().find(|s| s.slug == "kinh-doanh").unwrap();
    let page = ada.get("/admin/sections").await;
    assert!(page.text().contains("name=\"slug_fr\""));
    let got = ada
        .post(
            &format!("/admin/sections/{}", business.id),
            &[("slug_fr", "affaires"), ("slug_en", "business")],
        )
        .await;
    assert_eq!(got.status, 303, "{}", got.text());
    let saved = f.store.sections().await.unwrap();
    let saved = saved.iter().find(|s| s.id == business.id).unwrap();
    assert_eq!(saved.slug_in("fr"), "affaires");
    assert_eq!(saved.slug_in("en"), "business");
    assert_eq!(saved.slug_in("de"), "kinh-doanh");
    let app = web::router(portal(&f));
    assert_eq!(get(&app, "/fr/affaires/").await.status, 200);

    // Refused, each with a reason in the editor's language, nothing saved.
    for (fields, says) in [
        (("slug_fr", "Économie"), "economie"),
        (("slug_fr", "the-gioi"), "the-gioi"),
        (("slug_en", "search"), "search"),
    ] {
        let got = ada
            .post(&format!("/admin/sections/{}", business.id), &[fields])
            .await;
        assert_eq!(got.status, 422, "{fields:?}");
        assert!(got.text().contains(says), "{fields:?}: {}", got.text());
    }
    let after = f.store.sections().await.unwrap();
    let after = after.iter().find(|s| s.id == business.id).unwrap();
    assert_eq!(
        after.slug_in("fr"),
        "affaires",
        "a refused form changes nothing"
    );
    // An empty address returns the language to the key.
    let got = ada
        .post(
            &format!("/admin/sections/{}", business.id),
            &[("slug_fr", "")],
        )
        .await;
    assert_eq!(got.status, 303);
    let after = f.store.sections().await.unwrap();
    assert_eq!(
        after
            .iter()
            .find(|s| s.id == business.id)
            .unwrap()
            .slug_in("fr"),
        "kinh-doanh"
    );
}

#[tokio::test]
async fn the_dashboard_counts_per_source_and_review_lists_originals_gone_upstream() {
    let f = fixture().await;
    let (ada, eve) = desk(&f).await;
    let source = f.store.sources().await.unwrap()[0].clone();
    for n in 0..3 {
        let job = serde_json::json!({ "url": format!("https://baomau.example.vn/{n}.html"), "source_id": source.id });
        f.store
            .enqueue(
                store::JobKind::Fetch,
                &job,
                Some(&format!("fetch:{n}")),
                store::JobRetry::default(),
            )
            .await
            .unwrap();
    }
    let dashboard = eve.get("/admin").await.text();
    let row = dashboard
        .split("<tr>")
        .find(|r| r.contains(&source.name))
        .expect("a row for the source");
    assert!(
        row.contains("<td>3</td>"),
        "three jobs waiting for this source: {row}"
    );

    let main = f.store.article(f.main).await.unwrap();
    assert_eq!(
        f.store.mark_upstream_gone(&main.url, 410).await.unwrap(),
        Some(f.main)
    );
    let review = eve.get("/admin/review").await.text();
    assert!(review.contains("id=\"gone-upstream\""), "{review}");
    assert!(review.contains(&format!("/admin/articles/{}", f.main)));
    assert!(review.contains("<td>HTTP 410</td>"));
    let page = ada.get(&format!("/admin/articles/{}", f.main)).await.text();
    assert!(page.contains("410"), "the article page says what happened");
    assert!(page.contains("class=\"notice\""));
    // Taken down by an editor: it leaves the list.
    f.store
        .take_down(f.main, "ada", "withdrawn by the publisher")
        .await
        .unwrap();
    let review = eve.get("/admin/review").await.text();
    assert!(!review.contains("id=\"gone-upstream\""));
    // And the original coming back clears the flag.
    assert!(f.store.clear_upstream_gone(&main.url).await.unwrap());
    assert_eq!(f.store.article(f.main).await.unwrap().upstream_gone, None);
}

#[tokio::test]
async fn editors_file_articles_the_classifier_was_unsure_about() {
    let f = fixture().await;
    let (ada, eve) = desk(&f).await;
    let sections = f.store.sections().await.unwrap();
    let business = sections.iter().find(|s| s.slug == "kinh-doanh").unwrap();
    let world = sections.iter().find(|s| s.slug == "the-gioi").unwrap();
    f.store
        .classify_article(f.old, Some(world.id), Some(0.31), None, &[])
        .await
        .unwrap();
    let review = ada.get("/admin/review").await.text();
    assert!(review.contains("id=\"sections-to-confirm\""), "{review}");
    assert!(review.contains("31 %"));
    assert!(review.contains(&format!("action=\"/admin/articles/{}/section\"", f.old)));
    assert_eq!(
        eve.post(
            &format!("/admin/articles/{}/section", f.old),
            &[("section", &business.id.to_string())],
        )
        .await
        .status,
        403,
        "filing reaches every language: a French-only editor may not"
    );
    let got = ada
        .post(
            &format!("/admin/articles/{}/section", f.old),
            &[("section", &business.id.to_string())],
        )
        .await;
    assert_eq!(got.status, 303, "{}", got.text());
    let record = f.store.article(f.old).await.unwrap();
    assert_eq!(record.section_id, Some(business.id));
    assert_eq!(record.section_confidence, Some(1.0));
    assert!(!ada
        .get("/admin/review")
        .await
        .text()
        .contains("id=\"sections-to-confirm\""));
    assert!(f
        .store
        .audit_has("section_set", &format!("article {}", f.old))
        .await
        .unwrap());
    let got = ada
        .post(
            &format!("/admin/articles/{}/section", f.old),
            &[("section", "999999")],
        )
        .await;
    assert_eq!(got.status, 422);
}

#[tokio::test]
async fn glossary_terms_are_added_removed_imported_and_exported() {
    let f = fixture().await;
    let (ada, _) = desk(&f).await;
    let got = ada
        .post(
            "/admin/glossary",
            &[
                ("source", "vi"),
                ("target", "fr"),
                ("term", "Putin"),
                ("translation", "Poutine"),
                ("kind", "forced"),
            ],
        )
        .await;
    assert_eq!(got.status, 303, "{}", got.text());
    assert_eq!(
        got.header("location"),
        "/admin/glossary?source=vi&target=fr"
    );
    let terms = f.store.glossary("vi", "fr").await.unwrap();
    assert_eq!(terms.len(), 1);
    assert_eq!(terms[0].translation, "Poutine");
    assert!(!terms[0].case_sensitive);
    let page = ada.get("/admin/glossary?source=vi&target=fr").await;
    assert!(page.text().contains("Poutine"));

    let csv = "source_lang,target_lang,source,target,kind,case\n\
               vi,fr,Kursk,Koursk,forced,\n\
               vi,fr,\"Jeddah, Ả Rập\",Djeddah,forced,sensitive\n\
               vi,de,VinFast,,keep,\n";
    let got = ada.post("/admin/glossary/import", &[("csv", csv)]).await;
    assert_eq!(got.status, 303, "{}", got.text());
    let fr = f.store.glossary("vi", "fr").await.unwrap();
    assert_eq!(fr.len(), 3);
    let de = f.store.glossary("vi", "de").await.unwrap();
    assert_eq!(de[0].translation, "VinFast");
    assert!(de[0].case_sensitive);

    // A bad row refuses the whole import, naming the row.
    let bad = "source_lang,target_lang,source,target,kind,case\n\
               vi,fr,Moskva,Moscou,forced,\n\
               vi,fr,Kyiv,,forced,\n";
    let got = ada.post("/admin/glossary/import", &[("csv", bad)]).await;
    assert_eq!(got.status, 422);
    assert!(got.text().contains("Row 3"), "{}", got.text());
    assert_eq!(f.store.glossary("vi", "fr").await.unwrap().len(), 3);

    let export = ada
        .get("/admin/glossary/export.csv?source=vi&target=fr")
        .await;
    assert_eq!(export.status, 200);
    assert!(export.header("content-type").starts_with("text/csv"));
    assert!(export
        .header("content-disposition")
        .contains("glossary-vi-fr.csv"));
    let text = export.text();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("source_lang,target_lang,source,target,kind,case")
    );
    assert!(text.contains("vi,fr,\"Jeddah, Ả Rập\",Djeddah,forced,sensitive"));
    assert!(text.contains("vi,fr,Kursk,Koursk,forced,insensitive"));
    // The export imports back to the same terms.
    f.store.remove_term("vi", "fr", "Kursk").await.unwrap();
    let got = ada.post("/admin/glossary/import", &[("csv", &text)]).await;
    assert_eq!(got.status, 303);
    assert_eq!(f.store.glossary("vi", "fr").await.unwrap(), fr);

    let got = ada
        .post(
            "/admin/glossary/remove",
            &[("source", "vi"), ("target", "fr"), ("term", "Putin")],
        )
        .await;
    assert_eq!(got.status, 303);
    assert_eq!(f.store.glossary("vi", "fr").await.unwrap().len(), 2);
    let got = ada
        .post(
            "/admin/glossary",
            &[
                ("source", "vi"),
                ("target", "fr"),
                ("term", ""),
                ("translation", "x"),
            ],
        )
        .await;
    assert_eq!(got.status, 422);
    let got = ada
        .post(
            "/admin/glossary",
            &[
                ("source", "VI!"),
                ("target", "fr"),
                ("term", "a"),
                ("translation", "b"),
            ],
        )
        .await;
    assert_eq!(got.status, 422);

    let log = f.store.audit_log(100, 0).await.unwrap();
    for action in ["glossary_added", "glossary_imported", "glossary_removed"] {
        assert!(
            log.iter().any(|e| e.action == action && e.actor == "ada"),
            "{action}"
        );
    }
}

#[tokio::test]
async fn users_are_added_disabled_enabled_and_reset() {
    let f = fixture().await;
    let (ada, eve) = desk(&f).await;
    let addr = ada.addr;
    let page = ada.get("/admin/users").await.text();
    assert!(page.contains("eve") && page.contains("editor"));

    let got = ada
        .post(
            "/admin/users",
            &[
                ("username", "bob"),
                ("password", "a long enough secret"),
                ("role", "editor"),
                ("languages", "de, ja"),
            ],
        )
        .await;
    assert_eq!(got.status, 303, "{}", got.text());
    let bob = f.store.user_by_name("bob").await.unwrap().unwrap();
    assert_eq!(bob.role, Role::Editor);
    assert_eq!(bob.languages, ["de", "ja"]);
    assert!(bob.password_hash.starts_with("$argon2id$"));
    assert!(sign_in(addr, "bob", "a long enough secret").await.is_some());

    for fields in [
        vec![
            ("username", "bob"),
            ("password", "a long enough secret"),
            ("role", "editor"),
        ],
        vec![
            ("username", "Bad Name"),
            ("password", "a long enough secret"),
            ("role", "editor"),
        ],
        vec![
            ("username", "carl"),
            ("password", "short"),
            ("role", "editor"),
        ],
        vec![
            ("username", "carl"),
            ("password", "a long enough secret"),
            ("role", "owner"),
        ],
        vec![
            ("username", "carl"),
            ("password", "a long enough secret"),
            ("role", "editor"),
            ("languages", "xx"),
        ],
    ] {
        assert_eq!(
            ada.post("/admin/users", &fields).await.status,
            422,
            "{fields:?}"
        );
    }
    assert!(f.store.user_by_name("carl").await.unwrap().is_none());

    // Disabling ends eve's session and her sign-ins; enabling restores both.
    assert_eq!(eve.get("/admin").await.status, 200);
    assert_eq!(ada.post("/admin/users/eve/disable", &[]).await.status, 303);
    assert_eq!(eve.get("/admin").await.status, 303, "session ended");
    assert!(sign_in(addr, "eve", "battery staple").await.is_none());
    assert!(ada.get("/admin/users").await.text().contains("disabled"));
    assert_eq!(ada.post("/admin/users/eve/enable", &[]).await.status, 303);
    assert_eq!(
        eve.get("/admin").await.status,
        303,
        "old sessions stay ended"
    );
    assert!(sign_in(addr, "eve", "battery staple").await.is_some());

    // An admin cannot lock themselves out.
    assert_eq!(ada.post("/admin/users/ada/disable", &[]).await.status, 403);

    // A reset password replaces the old one.
    let got = ada
        .post(
            "/admin/users/eve/password",
            &[("password", "a brand new passphrase")],
        )
        .await;
    assert_eq!(got.status, 303);
    assert!(sign_in(addr, "eve", "battery staple").await.is_none());
    assert!(sign_in(addr, "eve", "a brand new passphrase")
        .await
        .is_some());
    assert_eq!(
        ada.post("/admin/users/eve/password", &[("password", "short")])
            .await
            .status,
        422
    );
    assert_eq!(
        ada.post(
            "/admin/users/nobody/password",
            &[("password", "long enough, really")]
        )
        .await
        .status,
        404
    );

    let log = f.store.audit_log(100, 0).await.unwrap();
    for action in [
        "user_added",
        "user_disabled",
        "user_enabled",
        "user_password_reset",
    ] {
        assert!(
            log.iter().any(|e| e.action == action && e.actor == "ada"),
            "{action}"
        );
    }
    // The audit log page shows them, in words.
    assert!(ada
        .get("/admin/audit")
        .await
        .text()
        .contains("Password reset"));
}

#[tokio::test]
async fn the_sources_table_says_which_source_is_unhealthy_and_why_then_that_it_recovered() {
    let f = fixture().await;
    let (ada, _) = desk(&f).await;
    let id = f.store.sources().await.unwrap()[0].id;
    let empty = store::PollObservation::Read {
        entries: 0,
        note: Some("this RSS has a default namespace on <rss>".into()),
    };
    for _ in 0..store::EMPTY_POLLS_TO_FLAG {
        f.store.observe_source_health(id, &empty).await.unwrap();
    }
    let text = ada.get("/admin/sources").await.text();
    assert!(text.contains("Not bringing articles"), "{text}");
    assert!(
        text.contains("default namespace"),
        "the reason is shown: {text}"
    );

    let read = store::PollObservation::Read {
        entries: 5,
        note: None,
    };
    f.store.observe_source_health(id, &read).await.unwrap();
    let text = ada.get("/admin/sources").await.text();
    assert!(!text.contains("Not bringing articles"));
    assert!(text.contains("Recovered"), "{text}");
}
