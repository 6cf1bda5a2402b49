//! The segment editor, claims, reviews, the workspace queue and takedown
//! reasons, over real HTTP on SQLite: what an editor reads (structure,
//! origin and flags in words, never report keys or JSON), saving with and
//! without JavaScript, memory matches, the offer to correct other articles,
//! and what readers are told.

use crate::common;

use std::net::SocketAddr;

use argon2::password_hash::{PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use common::*;
use serde_json::{json, Value};
use store::{GlossaryTerm, GlossaryTermKind, JobKind, MemorySegment, Role, TranslationStatus};

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

/// The flagged segment of [`report`]: a number lost by the engine.
pub const FLAGGED: usize = 9;
/// The source of the segment two articles share.
pub const SHARED: &str = "Binh sĩ tuần tra gần Kursk.";

/// A translation report as the pipeline writes it, for the main article in French.
pub fn report() -> Value {
    let human = json!({"type": "memory", "kind": "exact", "origin": {"type": "human", "editor": "sample translations"}});
    let engine = json!({"type": "engine", "name": "ctranslate2", "model": "opus-mt-vi-fr", "fallback": false});
    json!([
        {"unit": "title", "kind": "title", "source": "Chiến sự ở Kursk: Nga tăng cường phòng thủ", "target": "Combats à Koursk : la Russie renforce sa défense", "origin": human, "flags": []},
        {"unit": "lead", "kind": "lead", "source": "Lực lượng Nga đã tăng cường phòng thủ quanh Kursk.", "target": "Les forces russes ont renforcé leur défense autour de Koursk.", "origin": human, "flags": []},
        {"unit": "image.alt", "kind": "alt_text", "source": "Xe tăng trên đường", "target": "Un char sur la route", "origin": engine, "flags": []},
        {"unit": "blocks[0]", "kind": "paragraph", "source": "Tổng thống <x1>Putin</x1> phát biểu tại <x2>Jeddah</x2>.", "target": "Le président <x1>Poutine</x1> s’est exprimé à <x2>Djeddah</x2>.", "origin": engine, "flags": []},
        {"unit": "blocks[1]", "kind": "heading", "source": "Diễn biến mới", "target": "Nouveaux développements", "origin": engine, "flags": []},
        {"unit": "blocks[2].caption", "kind": "caption", "source": SHARED, "target": "Des soldats patrouillent près de Koursk.", "origin": engine, "flags": []},
        {"unit": "blocks[2].alt", "kind": "alt_text", "source": "Binh sĩ trên tuyết", "target": "Des soldats dans la neige", "origin": engine, "flags": []},
        {"unit": "blocks[3].items[0]", "kind": "list_item", "source": "Một", "target": "Un", "origin": engine, "flags": []},
        {"unit": "blocks[3].items[1]", "kind": "list_item", "source": "Hai", "target": "Deux", "origin": engine, "flags": []},
        {"unit": "blocks[5].rows[1][1]", "kind": "table_cell", "source": "Có 1.115 người", "target": "Il y a 115 personnes", "origin": engine, "flags": [{"flag": "number_missing", "value": "1115"}]},
        {"unit": "blocks[6]", "kind": "paragraph", "source": "Nga tăng cường phòng thủ quanh Belgorod.", "target": "La Russie renforce sa défense autour de Belgorod.", "origin": engine, "flags": []},
        {"unit": "blocks[6]", "kind": "paragraph", "source": "Putin nói.", "target": "Putin a parlé.", "origin": engine, "flags": [{"flag": "glossary_missing", "term": "Putin", "expected": "Poutine"}]}
    ])
}

/// Desk users (ada: admin; eve: French editor; bob: French editor), the
/// report on the main article's French version (published, credited by the
/// pipeline's "translation memory (human)" as the demo does), a glossary term,
/// a human memory entry near the flagged segment, and a second article whose
/// held French version shares a sentence.
pub async fn prepare(f: &Fixture) -> i64 {
    for (name, pw, role, langs) in [
        ("ada", "correct horse", Role::Admin, vec![]),
        (
            "eve",
            "battery staple",
            Role::Editor,
            vec!["fr".to_string()],
        ),
        ("bob", "stapler horse", Role::Editor, vec!["fr".to_string()]),
    ] {
        f.store
            .add_user(name, &hash(pw), role, &langs)
            .await
            .unwrap();
    }
    let mut fr = f.store.translation(f.main, "fr").await.unwrap().unwrap();
    fr.segments = report();
    fr.qa_flags = vec!["number_missing".into(), "glossary_missing".into()];
    fr.reviewed_by = Some("translation memory (human)".into());
    fr.engine = Some("ctranslate2/opus-mt-vi-fr".into());
    f.store.save_translation(&fr).await.unwrap();
    f.store
        .upsert_term(&GlossaryTerm {
            source_lang: "vi".into(),
            target_lang: "fr".into(),
            term: "Putin".into(),
            translation: "Poutine".into(),
            kind: GlossaryTermKind::Force,
            case_sensitive: true,
        })
        .await
        .unwrap();
    f.store
        .memory_record(&MemorySegment {
            source_lang: "vi".into(),
            target_lang: "fr".into(),
            source_key: "có 1.115 người bị thương".into(),
            near_key: "có # người bị thương".into(),
            source_text: "Có 1.115 người bị thương".into(),
            target_text: "Il y a 1 115 blessés".into(),
            origin: "human:ada".into(),
            use_count: 3,
        })
        .await
        .unwrap();
    // Another article's held French version with the shared caption.
    let mut other = f.store.translation(f.old, "fr").await.unwrap().unwrap();
    other.status = TranslationStatus::Held;
    other.segments = json!([{"unit": "image.caption", "kind": "caption", "source": SHARED, "target": "Des soldats en patrouille près de Koursk.", "origin": {"type": "verbatim"}, "flags": []}]);
    f.store.save_translation(&other).await.unwrap();
    f.old
}

fn hidden_value(body: &str, name: &str) -> String {
    hidden(body, name).replace("&amp;", "&")
}

pub struct Editor {
    pub addr: SocketAddr,
    pub cookie: String,
}

impl Editor {
    pub async fn sign_in(addr: SocketAddr, user: &str, password: &str) -> Editor {
        let page = wire(addr, "GET", "/admin/login", &[], b"").await;
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
        assert_eq!(got.status, 303, "{user} signs in");
        let session = got
            .header("set-cookie")
            .split(';')
            .next()
            .unwrap()
            .to_string();
        Editor {
            addr,
            // The French desk.
            cookie: format!("{session}; nb_desk_lang=fr"),
        }
    }

    pub async fn get(&self, path: &str) -> Wire {
        wire(self.addr, "GET", path, &[("cookie", &self.cookie)], b"").await
    }

    async fn csrf(&self) -> String {
        let page = self.get("/admin").await;
        assert_eq!(page.status, 200);
        hidden_value(&page.text(), "csrf")
    }

    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Wire {
        self.post_with(path, fields, &[]).await
    }

    pub async fn post_with(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Wire {
        let csrf = self.csrf().await;
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        let mut h = vec![("cookie", self.cookie.as_str())];
        h.extend_from_slice(headers);
        wire_form(self.addr, path, &all, &h).await
    }
}

async fn desk() -> (Fixture, i64, SocketAddr) {
    let f = fixture().await;
    let other = prepare(&f).await;
    let addr = serve(web::router(portal(&f))).await;
    (f, other, addr)
}

/// The revisions queued for the pipeline: (article, source, target, editor).
async fn revisions(store: &store::Store) -> Vec<(i64, String, String, String)> {
    let mut out = Vec::new();
    while let Some(job) = store.lease(&[JobKind::Revise], 60_000).await.unwrap() {
        let v: Value = serde_json::from_str(&job.payload).unwrap();
        out.push((
            v["article_id"].as_i64().unwrap(),
            v["source"].as_str().unwrap().to_string(),
            v["target"].as_str().unwrap().to_string(),
            v["editor"].as_str().unwrap().to_string(),
        ));
    }
    out.sort();
    out
}

#[tokio::test]
async fn the_editor_says_where_each_segment_is_and_where_it_came_from_in_words() {
    let (f, _, addr) = desk().await;
    let ada = Editor::sign_in(addr, "ada", "correct horse").await;
    let page = ada.get(&format!("/admin/articles/{}/fr", f.main)).await;
    assert_eq!(page.status, 200);
    let body = page.text();
    let text = visible_text(&body);
    for place in [
        "Titre",
        "Chapeau",
        "Texte alternatif de la photo 1",
        "Paragraphe 1",
        "Intertitre 1",
        "Légende de la photo 2",
        "Texte alternatif de la photo 2",
        "Liste 1, élément 2",
        "Tableau 1, ligne 2, colonne 2",
        "Paragraphe 2, phrase 1",
        "Paragraphe 2, phrase 2",
    ] {
        assert!(text.contains(place), "{place} in {text}");
    }
    assert!(text.contains("mémoire, humain (sample translations), 100 %"));
    assert!(text.contains("moteur ctranslate2 opus-mt-vi-fr"));
    // What to do about each flag, with its details.
    assert!(text.contains("Le nombre 1115 de l'original manque : ajoutez-le."));
    assert!(
        text.contains("« Putin » se traduit par « Poutine » (glossaire) : utilisez cette forme.")
    );
    assert!(text.contains("nombre manquant"));
    // Glossary terms marked in both columns, with the forced translation.
    assert!(body.contains("<mark class=\"term\" title=\"Putin → Poutine\">Putin</mark>"));
    assert!(body.contains("<mark class=\"term\" title=\"Putin → Poutine\">Poutine</mark>"));
    assert!(text.contains("Glossaire : « Putin » → « Poutine » (toujours)"));
    assert!(
        text.contains("absent de la traduction"),
        "the term missing in segment 12"
    );
    // Formatting tags are shown as tags (text set apart), never as markup.
    assert!(body.contains("<span class=\"ph\">&lt;x1&gt;</span><mark class=\"term\""));
    // Nothing a person reads is a report key or JSON.
    for raw in [
        "blocks[",
        "image.alt",
        "\"type\"",
        "{\"",
        "number_missing",
        "alt_text",
        "table_cell",
    ] {
        assert!(!text.contains(raw), "{raw} shown to the editor");
    }
    // The shortcuts are listed; the flagged segment is marked for the keyboard.
    assert!(text.contains("Raccourcis clavier"));
    assert!(text.contains("segment signalé suivant"));
    assert!(body.contains(&format!(
        "id=\"seg-{FLAGGED}\" tabindex=\"-1\" data-n=\"{FLAGGED}\" data-flagged"
    )));
    // The desk loads its files; no inline style or script.
    assert!(body.contains("/static/desk.css?v="));
    assert!(body.contains("/static/desk.js?v="));
    assert!(!body.contains("<style") && !body.contains(" style="));
    assert!(!page
        .header("content-security-policy")
        .contains("unsafe-inline"));
    let css = wire(addr, "GET", "/static/desk.css", &[], b"").await;
    assert_eq!(css.status, 200);
    assert!(css.header("content-type").starts_with("text/css"));
    let js = wire(addr, "GET", "/static/desk.js", &[], b"").await;
    assert!(js.header("content-type").starts_with("text/javascript"));
    // The dashboard names stages and states in the desk's language.
    f.store
        .queue_revision(&store::Revision {
            article_id: f.main,
            lang: "fr".into(),
            source: "x".into(),
            target: "y".into(),
            editor: "ada".into(),
        })
        .await
        .unwrap();
    let dash = visible_text(&ada.get("/admin").await.text());
    assert!(
        dash.contains(" correction ") && dash.contains(" en attente "),
        "{dash}"
    );
    assert!(
        !dash.contains(" revise ") && !dash.contains(" queued "),
        "{dash}"
    );
}

#[tokio::test]
async fn saving_is_confirmed_as_json_or_by_a_redirect_to_the_next_segment() {
    let (f, _, addr) = desk().await;
    let eve = Editor::sign_in(addr, "eve", "battery staple").await;
    let base = format!("/admin/articles/{}/fr", f.main);
    let json_accept = [("accept", "application/json")];
    // With JavaScript: JSON, the next segment, the diff against the machine.
    let got = eve
        .post_with(
            &format!("{base}/segments/{FLAGGED}"),
            &[("target", "Il y a 1 115 personnes"), ("then", "next")],
            &json_accept,
        )
        .await;
    assert_eq!(got.status, 200, "{}", got.text());
    let answer: Value = serde_json::from_str(&got.text()).unwrap();
    assert_eq!(answer["ok"], json!(true));
    assert_eq!(answer["next"], json!(FLAGGED + 1));
    assert!(answer["message"]
        .as_str()
        .unwrap()
        .contains("Tableau 1, ligne 2, colonne 2"));
    assert_eq!(answer["diff"], json!("Il y a <ins>1 </ins>115 personnes"));
    // Without: a redirect to the next segment, and the page says what was saved.
    let got = eve
        .post(
            &format!("{base}/segments/3"),
            &[
                (
                    "target",
                    "Le président <x1>Poutine</x1> a parlé à <x2>Djeddah</x2>.",
                ),
                ("then", "next"),
            ],
        )
        .await;
    assert_eq!(got.status, 303);
    assert_eq!(got.header("location"), format!("{base}?saved=3#seg-4"));
    let body = eve.get(&format!("{base}?saved=3")).await.text();
    let page = visible_text(&body);
    assert!(page.contains("Enregistré : Paragraphe 1."), "{page}");
    // Until the pipeline publishes it, the page shows the saved text as
    // pending and keeps it in the text box (a reload loses nothing).
    assert!(
        page.contains("Enregistré par eve, en cours de publication :"),
        "{page}"
    );
    assert!(body.contains(
        "<ins>Le président &lt;x1&gt;Poutine&lt;/x1&gt; a parlé à &lt;x2&gt;Djeddah&lt;/x2&gt;.</ins>"
    ));
    assert!(body.contains(
        "name=\"target\" rows=\"3\" lang=\"fr\" required maxlength=\"5000\">Le président &lt;x1&gt;Poutine&lt;/x1&gt; a parlé à"
    ));
    // Once the version shows it, it is no longer pending (the flagged
    // segment, saved above, still is).
    let mut fr = f.store.translation(f.main, "fr").await.unwrap().unwrap();
    fr.segments[3]["target"] = json!("Le président <x1>Poutine</x1> a parlé à <x2>Djeddah</x2>.");
    f.store.save_translation(&fr).await.unwrap();
    let page = visible_text(&eve.get(&base).await.text());
    assert_eq!(page.matches("en cours de publication").count(), 1, "{page}");
    assert!(page.contains("en cours de publication :  Il y a 1 115 personnes"));
    // Accepting keeps the machine's text as a human translation.
    let got = eve
        .post(&format!("{base}/segments/4"), &[("then", "accept")])
        .await;
    assert_eq!(got.status, 303);
    let queued = revisions(&f.store).await;
    assert_eq!(
        queued,
        [
            (
                f.main,
                "Có 1.115 người".into(),
                "Il y a 1 115 personnes".into(),
                "eve".into()
            ),
            (
                f.main,
                "Diễn biến mới".into(),
                "Nouveaux développements".into(),
                "eve".into()
            ),
            (
                f.main,
                "Tổng thống <x1>Putin</x1> phát biểu tại <x2>Jeddah</x2>.".into(),
                "Le président <x1>Poutine</x1> a parlé à <x2>Djeddah</x2>.".into(),
                "eve".into()
            ),
        ]
    );
    // Accepting a segment whose correction is not published yet keeps the
    // correction (what the page shows), never the machine's text under it.
    let got = eve
        .post(&format!("{base}/segments/{FLAGGED}"), &[("then", "accept")])
        .await;
    assert_eq!(got.status, 303);
    assert_eq!(
        revisions(&f.store).await,
        [(
            f.main,
            "Có 1.115 người".into(),
            "Il y a 1 115 personnes".into(),
            "eve".into()
        )]
    );
    // The editor's change against the machine output, kept after the report is re-rendered.
    let mut fr = f.store.translation(f.main, "fr").await.unwrap().unwrap();
    let mut segs = fr.segments.as_array().unwrap().clone();
    segs[FLAGGED]["target"] = json!("Il y a 1 115 personnes");
    segs[FLAGGED]["origin"] =
        json!({"type": "memory", "kind": "exact", "origin": {"type": "human", "editor": "eve"}});
    segs[FLAGGED]["flags"] = json!([]);
    fr.segments = json!(segs);
    f.store.save_translation(&fr).await.unwrap();
    let body = eve.get(&base).await.text();
    assert!(body.contains("Il y a <ins>1 </ins>115 personnes"), "{body}");
    assert!(visible_text(&body)
        .contains("Modification par rapport à moteur ctranslate2 opus-mt-vi-fr (par eve)"));
    // Hostile or wrong input.
    let long = "x".repeat(5_001);
    for (n, target) in [(FLAGGED, long.as_str()), (FLAGGED, "   ")] {
        let got = eve
            .post_with(
                &format!("{base}/segments/{n}"),
                &[("target", target)],
                &json_accept,
            )
            .await;
        assert_eq!(got.status, 422);
        let v: Value = serde_json::from_str(&got.text()).unwrap();
        assert_eq!(v["ok"], json!(false));
    }
    for n in ["99", "18446744073709551616", "-1"] {
        let got = eve
            .post(&format!("{base}/segments/{n}"), &[("target", "x")])
            .await;
        assert!(matches!(got.status, 400 | 404), "{n}: {}", got.status);
    }
    // An editor of another language may read but not save.
    let got = eve
        .post(
            &format!("/admin/articles/{}/en/segments/0", f.main),
            &[("target", "x")],
        )
        .await;
    assert_eq!(got.status, 403);
}

#[tokio::test]
async fn claims_show_who_has_an_article_and_keep_others_from_saving() {
    let (f, _, addr) = desk().await;
    let eve = Editor::sign_in(addr, "eve", "battery staple").await;
    let bob = Editor::sign_in(addr, "bob", "stapler horse").await;
    let ada = Editor::sign_in(addr, "ada", "correct horse").await;
    let base = format!("/admin/articles/{}/fr", f.main);
    assert_eq!(eve.post(&format!("{base}/take"), &[]).await.status, 303);
    // Bob sees it is taken, in the queue and on the editor.
    let queue = visible_text(&bob.get("/admin/review").await.text());
    assert!(queue.contains("Pris par eve depuis le"), "{queue}");
    let page = visible_text(&bob.get(&base).await.text());
    assert!(page.contains("eve travaille sur cet article"), "{page}");
    // Bob can neither take it, save into it, mark it reviewed nor release it.
    assert_eq!(bob.post(&format!("{base}/take"), &[]).await.status, 409);
    let got = bob
        .post_with(
            &format!("{base}/segments/0"),
            &[("target", "Titre")],
            &[("accept", "application/json")],
        )
        .await;
    assert_eq!(got.status, 409);
    assert!(got.text().contains("eve travaille sur cet article"));
    assert_eq!(bob.post(&format!("{base}/reviewed"), &[]).await.status, 409);
    assert_eq!(bob.post(&format!("{base}/release"), &[]).await.status, 409);
    // Eve releases it; then Bob takes it; an admin frees a forgotten claim.
    assert_eq!(eve.post(&format!("{base}/release"), &[]).await.status, 303);
    assert!(f.store.claim(f.main, "fr").await.unwrap().is_none());
    assert_eq!(bob.post(&format!("{base}/take"), &[]).await.status, 303);
    assert_eq!(ada.post(&format!("{base}/release"), &[]).await.status, 303);
    assert!(f.store.claim(f.main, "fr").await.unwrap().is_none());
    // Taking from the queue comes back to the queue, with its filters.
    let got = eve
        .post_with(
            &format!("{base}/take"),
            &[],
            &[("referer", "https://news.example/admin/review?lang=fr")],
        )
        .await;
    assert_eq!(got.header("location"), "/admin/review?lang=fr");
    let history = f.store.claim_history(f.main, "fr").await.unwrap();
    assert_eq!(history.len(), 3);
}

#[tokio::test]
async fn reviewed_is_recorded_per_language_and_only_then_shown_to_readers() {
    let (f, _, addr) = desk().await;
    let eve = Editor::sign_in(addr, "eve", "battery staple").await;
    let article = format!(
        "/fr/the-gioi/{}-combats-a-koursk-la-russie-renforce-sa-defense",
        f.main
    );
    // The pipeline's "translation memory (human)" credit is not a review.
    let before = wire(addr, "GET", &article, &[], b"").await;
    assert_eq!(before.status, 200);
    assert!(!before.text().contains("Relu par un rédacteur"));
    let base = format!("/admin/articles/{}/fr", f.main);
    assert!(visible_text(&eve.get(&base).await.text()).contains("Pas encore relu"));
    eve.post(&format!("{base}/take"), &[]).await;
    assert_eq!(eve.post(&format!("{base}/reviewed"), &[]).await.status, 303);
    // Recorded with who and when; the claim is released.
    let review = f.store.review_of(f.main, "fr").await.unwrap().unwrap();
    assert_eq!(review.reviewed_by, "eve");
    assert!(f.store.claim(f.main, "fr").await.unwrap().is_none());
    assert!(visible_text(&eve.get(&base).await.text()).contains("Relu par eve le"));
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    let after = wire(addr, "GET", &article, &[], b"").await;
    assert!(
        after.text().contains("Relu par un rédacteur"),
        "readers are told now"
    );
    // Only for French: the English version was not reviewed.
    assert!(f.store.review_of(f.main, "en").await.unwrap().is_none());
    assert!(!f.store.is_reviewed(f.main, "en").await.unwrap());
}

#[tokio::test]
async fn memory_matches_come_with_score_and_origin_and_can_be_inserted() {
    let (f, other, addr) = desk().await;
    // Ada wrote the remembered translation at the desk, in the other article.
    f.store
        .record_correction(&store::Correction {
            article_id: other,
            lang: "fr".into(),
            source: "Có 1.115 người bị thương".into(),
            before_text: "1 115 personnes".into(),
            before_origin: "engine".into(),
            after_text: "Il y a 1 115 blessés".into(),
            editor: "ada".into(),
            at: 0,
        })
        .await
        .unwrap();
    let eve = Editor::sign_in(addr, "eve", "battery staple").await;
    let base = format!("/admin/articles/{}/fr", f.main);
    // The fragment desk.js puts under the segment.
    let part = eve
        .get(&format!("{base}/segments/{FLAGGED}?part=matches"))
        .await;
    assert_eq!(part.status, 200);
    let html = part.text();
    let text = visible_text(&html);
    assert!(text.contains("approchante 66 %"), "{text}");
    assert!(text.contains("humain (ada)"));
    assert!(text.contains("utilisée 3 fois"));
    assert!(text.contains(&format!("de l’article {other}")), "{text}");
    assert!(html.contains(&format!("href=\"/admin/articles/{other}/fr\"")));
    assert!(text.contains("Il y a 1 115 blessés"));
    assert!(html.contains("data-insert=\"Il y a 1 115 blessés\""));
    assert!(!html.contains("<html"), "a fragment, not a page");
    // Without JavaScript: a page with a form per match.
    let page = eve.get(&format!("{base}/segments/{FLAGGED}")).await;
    assert!(visible_text(&page.text()).contains("Tableau 1, ligne 2, colonne 2"));
    assert!(page.text().contains("Insérer la correspondance 1"));
    let got = eve
        .post(
            &format!("{base}/segments/{FLAGGED}"),
            &[("target", "Il y a 1 115 blessés"), ("then", "stay")],
        )
        .await;
    assert_eq!(
        got.header("location"),
        format!("{base}?saved={FLAGGED}#seg-{FLAGGED}")
    );
    assert_eq!(
        revisions(&f.store).await,
        [(
            f.main,
            "Có 1.115 người".into(),
            "Il y a 1 115 blessés".into(),
            "eve".into()
        )]
    );
    // A segment with nothing similar says so.
    let none = visible_text(
        &eve.get(&format!("{base}/segments/7?part=matches"))
            .await
            .text(),
    );
    assert!(none.contains("Aucune correspondance"), "{none}");
}

#[tokio::test]
async fn a_correction_is_offered_to_the_other_open_articles_with_the_same_sentence() {
    let (f, other, addr) = desk().await;
    let eve = Editor::sign_in(addr, "eve", "battery staple").await;
    let base = format!("/admin/articles/{}/fr", f.main);
    let got = eve
        .post_with(
            &format!("{base}/segments/5"),
            &[("target", "Des soldats en patrouille près de Koursk.")],
            &[("accept", "application/json")],
        )
        .await;
    let answer: Value = serde_json::from_str(&got.text()).unwrap();
    assert_eq!(answer["others"], json!(1));
    assert!(answer["offer"]
        .as_str()
        .unwrap()
        .contains("/segments/5/propagate"));
    // Without JavaScript the page after the save makes the same offer.
    let page = eve.get(&format!("{base}?saved=5")).await.text();
    assert!(
        visible_text(&page).contains(
            "Un autre article ouvert contient la même phrase. Lui appliquer la même correction ?"
        ),
        "{}",
        visible_text(&page)
    );
    revisions(&f.store).await;
    let got = eve.post(&format!("{base}/segments/5/propagate"), &[]).await;
    assert_eq!(got.status, 303);
    assert_eq!(got.header("location"), format!("{base}?applied=1#seg-5"));
    assert_eq!(
        revisions(&f.store).await,
        [(
            other,
            SHARED.into(),
            "Des soldats en patrouille près de Koursk.".into(),
            "eve".into()
        )]
    );
    // Nothing to propagate for a segment never corrected.
    assert_eq!(
        eve.post(&format!("{base}/segments/2/propagate"), &[])
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn the_queue_filters_by_language_section_source_flag_age_and_claim_with_counts() {
    let (f, other, addr) = desk().await;
    let eve = Editor::sign_in(addr, "eve", "battery staple").await;
    let all = eve.get("/admin/review").await.text();
    let text = visible_text(&all);
    assert!(text.contains("versions affichées sur"), "{text}");
    // Each choice says how many versions it shows.
    assert!(all.contains(">nombre manquant (1)</option>"), "{all}");
    assert!(all.contains(">moins d'une heure ("));
    assert!(all.contains(">libre ("));
    // "Any" is the only choice selected when nothing is filtered (no source is a choice of its own).
    // (six filters and the desk language picker)
    assert_eq!(count(&all, " selected>"), 7, "{all}");
    assert!(
        all.contains("<option value=\"none\">sans source (2)</option>"),
        "{all}"
    );
    let flagged = eve.get("/admin/review?flag=number_missing").await.text();
    assert!(flagged.contains(&format!("/admin/articles/{}/fr", f.main)));
    assert!(!flagged.contains(&format!("/admin/articles/{other}/fr\"")));
    assert!(
        visible_text(&flagged).contains("1 version affichée sur 2"),
        "{}",
        visible_text(&flagged)
    );
    eve.post(&format!("/admin/articles/{other}/fr/take"), &[])
        .await;
    let mine = eve.get("/admin/review?claim=mine").await.text();
    assert!(mine.contains(&format!("/admin/articles/{other}/fr")));
    assert!(!mine.contains(&format!("/admin/articles/{}/fr\"", f.main)));
    // The German held version is not in a French editor's queue.
    assert!(!all.contains(&format!("/admin/articles/{}/de", f.main)));
    // Unknown or hostile filter values show nothing, and break nothing.
    for q in ["lang=%3Cscript%3E", "age=forever", "flag=%27%20OR%201=1"] {
        let got = eve.get(&format!("/admin/review?{q}")).await;
        assert_eq!(got.status, 200);
        assert!(visible_text(&got.text()).contains("0 version affichée"));
        assert!(!got.text().contains("<script>"));
    }
}

#[tokio::test]
async fn takedowns_need_a_reason_that_readers_are_shown() {
    let (f, _, addr) = desk().await;
    let ada = Editor::sign_in(addr, "ada", "correct horse").await;
    let path = format!("/admin/articles/{}/takedown", f.main);
    for reason in ["", "   ", &"x".repeat(501), "a\u{0}b"] {
        assert_eq!(
            ada.post(&path, &[("reason", reason)]).await.status,
            422,
            "{reason:?}"
        );
    }
    assert_eq!(
        ada.post(
            &path,
            &[("reason", "Décision de justice du 3 décembre <b>")]
        )
        .await
        .status,
        303
    );
    let page = wire(
        addr,
        "GET",
        &format!(
            "/fr/the-gioi/{}-combats-a-koursk-la-russie-renforce-sa-defense",
            f.main
        ),
        &[],
        b"",
    )
    .await;
    assert_eq!(page.status, 410);
    let body = page.text();
    assert!(
        body.contains("Motif indiqué : Décision de justice du 3 décembre &lt;b&gt;"),
        "{body}"
    );
    assert!(!body.contains("à la demande de son éditeur"));
}

#[tokio::test]
async fn the_audit_log_says_actions_and_targets_in_the_desks_language() {
    let (f, _, addr) = desk().await;
    let ada = Editor::sign_in(addr, "ada", "correct horse").await;
    let base = format!("/admin/articles/{}/fr", f.main);
    assert_eq!(ada.post(&format!("{base}/take"), &[]).await.status, 303);
    let saved = ada
        .post(
            &format!("{base}/segments/{FLAGGED}"),
            &[("target", "Il y a 1 115 personnes"), ("then", "next")],
        )
        .await;
    assert_eq!(saved.status, 303);
    assert_eq!(ada.post(&format!("{base}/reviewed"), &[]).await.status, 303);
    // What the command line records when a section is renamed: JSON detail.
    f.store
        .audit(
            "cli",
            "section_updated",
            "section the-gioi",
            Some(r#"{"names":{"fr":"Monde","vi":"Thế giới"},"slugs":{"fr":"monde"}}"#),
        )
        .await
        .unwrap();
    // An action this desk does not know is shown as stored, never hidden.
    f.store
        .audit("cli", "mystery_action", "thing 7", Some("<b>x</b>"))
        .await
        .unwrap();
    let page = ada.get("/admin/audit").await;
    assert_eq!(page.status, 200);
    let body = page.text();
    let text = visible_text(&body);
    for said in [
        "Connexion",
        "Pris",
        "Segment corrigé",
        "Marqué relu",
        "Rubrique modifiée",
        "Noms : fr: Monde · vi: Thế giới",
        "Adresses : fr: monde",
        "Rubrique the-gioi",
        "mystery_action",
        "thing 7",
    ] {
        assert!(text.contains(said), "{said} in {text}");
    }
    assert!(body.contains(&format!(
        "<a href=\"/admin/articles/{}/fr#seg-{FLAGGED}\">Article {} (fr), segment {}</a>",
        f.main,
        f.main,
        FLAGGED + 1
    )));
    assert!(body.contains("&lt;b&gt;x&lt;/b&gt;"), "details are escaped");
    for raw in [
        "segment_revised",
        "section_updated",
        "taken ",
        "login ",
        "{\"",
        "user ada",
        "article 1 fr",
    ] {
        assert!(!text.contains(raw), "{raw} shown in {text}");
    }
}
