//! The portal's pages over a real SQLite store.

use crate::common;

use common::*;

#[tokio::test]
async fn root_redirects_to_the_readers_language() {
    let f = fixture().await;
    let app = web::router(portal(&f));
    let got = get_with(
        &app,
        "/",
        &[("accept-language", "fr-CH, fr;q=0.9, en;q=0.8")],
    )
    .await;
    assert!(got.status.is_redirection(), "{}", got.status);
    assert_eq!(got.header("location"), "/fr/");
    // A reader whose languages are not served gets English, the language
    // most such readers read, not the publishers' Vietnamese.
    let got = get_with(&app, "/", &[("accept-language", "pt-BR")]).await;
    assert_eq!(got.header("location"), "/en/");
    let got = get(&app, "/fr").await;
    assert_eq!(got.status, 301);
    assert_eq!(got.header("location"), "/fr/");
}

#[tokio::test]
async fn home_and_section_pages_render_in_every_language() {
    let f = fixture().await;
    let app = web::router(portal(&f));
    for lang in LANGS {
        let home = get(&app, &format!("/{lang}/")).await;
        assert_eq!(home.status, 200, "{lang} home");
        assert!(
            home.body.contains(&format!("<html lang=\"{lang}\"")),
            "{lang}"
        );
        let section = get(&app, &format!("/{lang}/the-gioi/")).await;
        assert_eq!(section.status, 200, "{lang} section");
    }
    let fr = get(&app, "/fr/").await.body;
    assert!(
        fr.contains("Monde") && fr.contains("Économie"),
        "localized section names"
    );
    assert!(
        fr.contains("Combats à Koursk"),
        "French headlines on the French home page"
    );
    assert!(
        !fr.contains("Chiến sự ở Kursk"),
        "no Vietnamese headline on the French home page"
    );
    let section = get(&app, "/fr/the-gioi/").await.body;
    assert!(section.contains("<h1>Monde</h1>"), "{section}");
    assert!(section.contains("Article numéro 3"));
    assert!(
        !section.contains("Article numéro 9"),
        "business article not in world"
    );
}

#[tokio::test]
async fn section_pages_paginate() {
    let f = fixture().await;
    let app = web::router(portal(&f));
    // 9 world articles in French: one page of 12.
    let got = get(&app, "/fr/the-gioi/?page=2").await;
    assert_eq!(got.status, 404);
    let got = get(&app, "/fr/the-gioi/?page=abc").await;
    assert_eq!(got.status, 200);
    let got = get(&app, "/fr/the-gioi").await;
    assert_eq!(got.status, 301);
    assert_eq!(got.header("location"), "/fr/the-gioi/");
}

#[tokio::test]
async fn french_article_page_beats_the_reference_page() {
    let f = fixture().await;
    let app = web::router(portal(&f));
    let path = format!(
        "/fr/the-gioi/{}-combats-a-koursk-la-russie-renforce-sa-defense",
        f.main
    );
    let got = get(&app, &path).await;
    assert_eq!(got.status, 200, "{}", got.body);
    let html = &got.body;
    let text = visible_text(html);

    // Localized UI strings, nothing in English or Vietnamese UI.
    assert!(text.contains("Commentaires"), "comments heading in French");
    assert!(text.contains("Aucun commentaire pour le moment."));
    assert!(text.contains("Sur le même sujet"));
    assert!(text.contains("Traduit du vietnamien par opus-mt-vi-fr"));
    assert!(!text.contains("Comments") && !text.contains("Same story"));

    // The publisher once in the byline, with its link (its logo is not
    // mirrored, and a page never shows a publisher's file).
    let byline = html
        .split("class=\"byline\"")
        .nth(1)
        .unwrap()
        .split("</div>")
        .next()
        .unwrap();
    assert_eq!(count(byline, PUBLISHER), 1, "{byline}");
    assert!(!byline.contains("<img"), "{byline}");
    assert!(byline.contains("href=\"https://baomau.example.vn\""));

    // Authors linked to their pages, inside the translated "Par …".
    assert!(html.contains("<p class=\"authors\">Par <a href=\"/fr/author/nguyen-van-an\" rel=\"author\" lang=\"vi\">Nguyễn Văn An</a></p>"), "{byline}");

    // The original date in French.
    let months = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    assert!(text.contains("Publié à l’origine le "), "{text}");
    assert!(
        months.iter().any(|m| byline.contains(m)),
        "French month in {byline}"
    );
    assert!(byline.contains(" à "), "French time joiner");

    // Alt texts and captions translated; nothing of the Vietnamese alt text left.
    assert!(html.contains("alt=\"Des soldats dans la neige\""));
    assert!(html.contains("alt=\"Un char sur la route\""));
    assert!(html.contains("Des soldats patrouillent près de Koursk."));
    assert!(!html.contains("Binh sĩ trên tuyết"));
    assert!(text.contains("Photo\u{a0}: AFP"));

    // Body: escaping, external links, headings, tables, embeds.
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<script>alert"));
    assert!(html.contains(
        "<a href=\"https://baomau.example.vn/jeddah\" rel=\"nofollow noopener\">Djeddah</a>"
    ));
    assert!(html.contains("<h2>Nouveaux développements</h2>"));
    assert!(html.contains("<th scope=\"col\">Année</th>"));
    assert!(html.contains("Voir la vidéo"));

    // Source: the original, its title marked as Vietnamese.
    assert!(text.contains("Source\u{a0}:"));
    assert!(html.contains(
        "href=\"https://baomau.example.vn/the-gioi/chien-su-kursk-123.html\" rel=\"nofollow noopener\" hreflang=\"vi\" lang=\"vi\""
    ));

    // hreflang: vi, en, fr (published) plus x-default; not de (held).
    for lang in ["vi", "en", "fr"] {
        assert!(
            html.contains(&format!(
                "<link rel=\"alternate\" hreflang=\"{lang}\" href=\"{BASE}/{lang}/the-gioi/{}-",
                f.main
            )),
            "{lang}"
        );
    }
    assert!(html.contains("hreflang=\"x-default\" href=\"https://news.example/vi/the-gioi/"));
    assert!(
        !html.contains("hreflang=\"de\""),
        "held German version is not offered"
    );
    assert!(html.contains(&format!("<link rel=\"canonical\" href=\"{BASE}{path}\">")));

    // OpenGraph and JSON-LD.
    assert!(html.contains("<meta property=\"og:type\" content=\"article\">"));
    let ld = html
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .unwrap()
        .split("</script>")
        .next()
        .unwrap();
    let ld: serde_json::Value = serde_json::from_str(ld).unwrap();
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(
        ld["isBasedOn"],
        "https://baomau.example.vn/the-gioi/chien-su-kursk-123.html"
    );
    assert_eq!(ld["inLanguage"], "fr");
    assert!(ld["datePublished"].as_str().unwrap().contains("+07:00"));
    assert_eq!(ld["publisher"]["name"], PUBLISHER);

    // Related blocks: never the article itself, never the same article twice.
    let related: Vec<&str> = html.split("<section class=\"related\"").skip(1).collect();
    assert_eq!(related.len(), 3, "same story, same section, same author");
    let mut seen = std::collections::HashSet::new();
    for block in &related {
        let links: Vec<&str> = block
            .split("class=\"teaser-title\"><a href=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap())
            .collect();
        assert!(!links.is_empty() && links.len() <= 6);
        for link in links {
            assert!(
                !link.contains(&format!("/{}-", f.main)),
                "article itself in related: {link}"
            );
            assert!(
                seen.insert(link.to_string()),
                "duplicate across related blocks: {link}"
            );
        }
    }
}

#[tokio::test]
async fn wrong_slug_or_section_redirects_to_the_canonical_url() {
    let f = fixture().await;
    let app = web::router(portal(&f));
    let canonical = format!(
        "/fr/the-gioi/{}-combats-a-koursk-la-russie-renforce-sa-defense",
        f.main
    );
    for wrong in [
        format!("/fr/the-gioi/{}-wrong", f.main),
        format!(
            "/fr/kinh-doanh/{}-combats-a-koursk-la-russie-renforce-sa-defense",
            f.main
        ),
        format!("/fr/the-gioi/{}", f.main),
    ] {
        let got = get(&app, &wrong).await;
        assert_eq!(got.status, 301, "{wrong}");
        assert_eq!(got.header("location"), canonical);
    }
}

#[tokio::test]
async fn unknown_pages_are_localized_404s() {
    let f = fixture().await;
    let app = web::router(portal(&f));
    let got = get(&app, "/fr/the-gioi/999999-nope").await;
    assert_eq!(got.status, 404);
    assert!(got.body.contains("Page introuvable"), "{}", got.body);
    assert!(
        !got.body.contains("Cet article est disponible en"),
        "no language list for an article that does not exist"
    );
    let got = get(&app, "/de/nowhere/").await;
    assert_eq!(got.status, 404);
    assert!(got.body.contains("Seite nicht gefunden"));
    let got = get(&app, "/fr/nowhere").await;
    assert_eq!(
        got.status, 404,
        "no redirect to a section that does not exist"
    );
    let got = get(&app, "/ja/a/b/c/d").await;
    assert_eq!(got.status, 404);
    assert!(got.body.contains("ページが見つかりません"));
    // Published in vi, fr, en but not in German: 404 listing the others.
    let got = get(&app, &format!("/de/the-gioi/{}-x", f.main)).await;
    assert_eq!(got.status, 404);
    assert!(got.body.contains("Dieser Artikel ist verfügbar auf:"));
    assert!(got.body.contains("Français"));
    // Unknown language: default language's 404.
    let got = get(&app, "/xx/").await;
    assert_eq!(got.status, 404);
}

#[tokio::test]
async fn taken_down_articles_are_gone() {
    let f = fixture().await;
    let app = web::router(portal(&f));
    let got = get(
        &app,
        &format!("/fr/the-gioi/{}-article-retire", f.taken_down),
    )
    .await;
    assert_eq!(got.status, 410);
    assert!(got.body.contains("Article retiré"));
    // The reason recorded at takedown, as given, not a stock sentence.
    assert!(got
        .body
        .contains("Cet article a été retiré. Motif indiqué : publisher request"));
}

#[tokio::test]
async fn author_topic_and_about_pages() {
    let f = fixture().await;
    let app = web::router(portal(&f));
    let got = get(&app, "/fr/author/nguyen-van-an").await;
    assert_eq!(got.status, 200);
    assert!(got.body.contains("Articles de Nguyễn Văn An"));
    assert!(got.body.contains("Article numéro 9"));
    let got = get(&app, "/fr/author/nobody").await;
    assert_eq!(got.status, 404);
    let got = get(&app, &format!("/fr/topic/{}", f.topic)).await;
    assert_eq!(got.status, 200);
    assert!(got.body.contains("Le dossier"));
    assert!(got.body.contains("Combats à Koursk"));
    let got = get(&app, "/fr/topic/abc").await;
    assert_eq!(got.status, 404);
    let got = get(&app, "/fr/about").await;
    assert_eq!(got.status, 200);
    assert!(got.body.contains("Éditeurs sources"));
    assert!(got.body.contains(PUBLISHER));
}

#[tokio::test]
async fn pages_have_etags_and_answer_304() {
    let f = fixture().await;
    let app = web::router(portal(&f));
    let got = get(&app, "/fr/").await;
    let etag = got.header("etag").to_string();
    assert!(etag.starts_with("W/\""), "{etag}");
    assert!(got.header("cache-control").contains("max-age"));
    let again = get_with(&app, "/fr/", &[("if-none-match", &etag)]).await;
    assert_eq!(again.status, 304);
    let gz = get_with(&app, "/fr/", &[("accept-encoding", "gzip")]).await;
    assert_eq!(gz.header("content-encoding"), "gzip");
    let css = get(&app, "/static/site.css").await;
    assert_eq!(css.status, 200);
    assert!(css.header("cache-control").contains("immutable"));
    assert!(css.body.contains("prefers-color-scheme: dark"));
}

#[tokio::test]
async fn original_language_page_has_no_translation_notice() {
    let f = fixture().await;
    let app = web::router(portal(&f));
    let got = get(&app, &format!("/vi/the-gioi/{}", f.main)).await;
    assert_eq!(got.status, 301);
    let got = get(&app, got.header("location")).await;
    assert_eq!(got.status, 200);
    let text = visible_text(&got.body);
    assert!(text.contains("Chiến sự ở Kursk"));
    assert!(text.contains("Bình luận") && text.contains("Cùng chủ đề"));
    assert!(
        !text.contains("Dịch từ"),
        "no translation notice on the original"
    );
    assert!(!got.body.contains("class=\"notice\""));
    // "lúc 16:50 GMT+7 25 tháng 11 2026": CLDR's Vietnamese order (time,
    // offset, then day before month), with the publisher's offset; "lúc"
    // ("at") is CLDR's, so the message does not say it again.
    let dateline = got.body.split("class=\"dateline\"").nth(1).unwrap();
    let date = dateline.split("Đăng lần đầu ").nth(1).unwrap();
    let date = date.split('<').next().unwrap();
    let words: Vec<&str> = date
        .split(|c: char| c.is_whitespace() || c == '\u{2068}' || c == '\u{2069}')
        .filter(|w| !w.is_empty())
        .collect();
    assert_eq!(words.len(), 7, "{date}");
    assert_eq!(
        (words[0], words[2], words[4]),
        ("lúc", "GMT+7", "tháng"),
        "{date}"
    );
    let (hours, minutes) = words[1].split_once(':').unwrap();
    assert!(
        hours.parse::<u8>().unwrap() < 24 && minutes.len() == 2,
        "{date}"
    );
    assert!(
        (1..=31).contains(&words[3].parse::<u8>().unwrap()),
        "{date}"
    );
    assert!(
        (1..=12).contains(&words[5].parse::<u8>().unwrap()),
        "{date}"
    );
    assert_eq!(words[6].len(), 4, "{date}");
    // The English version says who translated it.
    let got = get(&app, &format!("/en/the-gioi/{}", f.main)).await;
    let got = get(&app, got.header("location")).await;
    assert!(got
        .body
        .contains("Translated from Vietnamese by opus-mt-vi-en"));
}

#[tokio::test]
async fn sections_answer_at_their_localized_address_and_old_ones_redirect() {
    let f = fixture().await;
    let world = f
        .store
        .sections()
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.slug == "the-gioi")
        .unwrap();
    let slugs = [("fr", "monde"), ("en", "world")]
        .into_iter()
        .map(|(l, s)| (l.to_string(), s.to_string()))
        .collect();
    f.store.set_section_slugs(world.id, &slugs).await.unwrap();
    let app = web::router(portal(&f));

    let page = get(&app, "/fr/monde/").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(&format!(
        "<link rel=\"canonical\" href=\"{BASE}/fr/monde/\""
    )));
    assert!(page.body.contains(&format!(
        "<link rel=\"alternate\" hreflang=\"en\" href=\"{BASE}/en/world/\""
    )));
    assert!(
        page.body.contains(&format!(
            "<link rel=\"alternate\" hreflang=\"de\" href=\"{BASE}/de/the-gioi/\""
        )),
        "a language without its own address keeps the key"
    );
    for (old, new) in [
        ("/fr/the-gioi/", "/fr/monde/"),
        ("/fr/the-gioi/?page=2", "/fr/monde/?page=2"),
        ("/fr/monde", "/fr/monde/"),
        ("/fr/the-gioi", "/fr/monde/"),
    ] {
        let got = get(&app, old).await;
        assert_eq!(got.status, 301, "{old}");
        assert_eq!(got.header("location"), new, "{old}");
    }
    assert_eq!(
        get(&app, "/de/monde/").await.status,
        404,
        "French address in German"
    );
    assert_eq!(get(&app, "/de/the-gioi/").await.status, 200);

    // Menus, article URLs and their alternates use each language's address.
    let home = get(&app, "/fr/").await.body;
    assert!(home.contains("href=\"/fr/monde/\""));
    assert!(!home.contains("href=\"/fr/the-gioi/\""));
    let article = format!(
        "/fr/monde/{}-combats-a-koursk-la-russie-renforce-sa-defense",
        f.main
    );
    let got = get(
        &app,
        &format!(
            "/fr/the-gioi/{}-combats-a-koursk-la-russie-renforce-sa-defense",
            f.main
        ),
    )
    .await;
    assert_eq!(got.status, 301);
    assert_eq!(got.header("location"), article);
    let page = get(&app, &article).await.body;
    assert!(page.contains(&format!(
        "hreflang=\"en\" href=\"{BASE}/en/world/{}-",
        f.main
    )));
    assert!(page.contains(&format!(
        "hreflang=\"vi\" href=\"{BASE}/vi/the-gioi/{}-",
        f.main
    )));
    let sitemap = get(&app, "/fr/sitemap.xml").await.body;
    assert!(
        sitemap.contains(&format!("<loc>{BASE}/fr/monde/</loc>")),
        "{sitemap}"
    );
    assert!(sitemap.contains(&format!("hreflang=\"en\" href=\"{BASE}/en/world/\"")));
    let feed = get(&app, "/fr/monde/feed.xml").await;
    assert_eq!(feed.status, 200);
    assert!(feed.body.contains(&format!("{BASE}/fr/monde/{}-", f.main)));
}

#[tokio::test]
async fn the_home_page_lists_the_most_read_counted_without_crawlers() {
    let f = fixture().await;
    // Without the page cache: the home page shows the counts at once.
    let app = web::router(
        portal(&f)
            .with_view_flush(std::time::Duration::ZERO)
            .with_page_cache(web::PageCacheSettings {
                ttl: std::time::Duration::ZERO,
                ..web::PageCacheSettings::default()
            }),
    );
    let home = get(&app, "/fr/").await.body;
    assert!(!home.contains("Les plus lus"), "nothing read yet");
    let main = format!(
        "/fr/the-gioi/{}-combats-a-koursk-la-russie-renforce-sa-defense",
        f.main
    );
    let reader = [("user-agent", "Mozilla/5.0 (Android 14) Firefox/133.0")];
    for _ in 0..3 {
        assert_eq!(get_with(&app, &main, &reader).await.status, 200);
    }
    for _ in 0..5 {
        let bot = [("user-agent", "Mozilla/5.0 (compatible; Googlebot/2.1)")];
        assert_eq!(get_with(&app, &main, &bot).await.status, 200);
    }
    // The old article, read once in French.
    let old = f.store.translation(f.old, "fr").await.unwrap().unwrap();
    let section = f.store.article(f.old).await.unwrap().section_id;
    let slug = f
        .store
        .sections()
        .await
        .unwrap()
        .into_iter()
        .find(|s| Some(s.id) == section)
        .map_or("article".to_string(), |s| s.slug);
    let old_path = format!("/fr/{slug}/{}-{}", f.old, old.slug);
    assert_eq!(get_with(&app, &old_path, &reader).await.status, 200);
    // Counts are written in the background: wait for them.
    let hour = store::now_ms() / store::HOUR_MS;
    let mut ranked = Vec::new();
    for _ in 0..100 {
        ranked = f.store.most_read("fr", hour - 24, 10).await.unwrap();
        if ranked.iter().map(|(_, n)| n).sum::<i64>() >= 4 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let counts: Vec<(i64, i64)> = ranked.iter().map(|(t, n)| (t.article_id, *n)).collect();
    assert_eq!(
        counts,
        [(f.main, 3), (f.old, 1)],
        "crawlers are not readers"
    );
    let home = get(&app, "/fr/").await.body;
    let list = home
        .split("most-read-list")
        .nth(1)
        .expect("a most read list")
        .split("</ol>")
        .next()
        .unwrap();
    assert!(home.contains("Les plus lus"));
    let first = list.find(&format!("/{}-", f.main)).unwrap();
    let second = list.find(&format!("/{}-", f.old)).unwrap();
    assert!(first < second, "most read first");
    let german = get(&app, "/de/").await.body;
    assert!(!german.contains("Meistgelesen"), "counted per language");
}

#[tokio::test]
async fn reader_pages_are_served_from_memory_for_the_cache_time() {
    let f = fixture().await;
    let app = web::router(portal(&f).with_page_cache(web::PageCacheSettings {
        ttl: std::time::Duration::from_millis(400),
        ..web::PageCacheSettings::default()
    }));
    let link = format!("/{}-", f.main);
    let pages = ["/fr/", "/fr/the-gioi/", &format!("/fr/topic/{}", f.topic)];
    for page in pages {
        assert!(get(&app, page).await.body.contains(&link), "{page}");
    }
    // A worker elsewhere takes the article down: the stored pages still
    // list it, a page with a made-up query is rendered afresh.
    f.store
        .take_down(f.main, "eve", "publisher's request")
        .await
        .unwrap();
    for page in pages {
        let again = get(&app, page).await;
        assert_eq!(again.status, 200);
        assert!(again.body.contains(&link), "{page} served from memory");
    }
    assert!(!get(&app, "/fr/?utm_source=x").await.body.contains(&link));
    tokio::time::sleep(std::time::Duration::from_millis(450)).await;
    for page in pages {
        assert!(
            !get(&app, page).await.body.contains(&link),
            "{page} expired"
        );
    }
}

#[tokio::test]
async fn other_spellings_of_a_page_address_are_rendered_never_stored() {
    let f = fixture().await;
    let app = web::router(portal(&f).with_page_cache(web::PageCacheSettings {
        ttl: std::time::Duration::from_secs(600),
        ..web::PageCacheSettings::default()
    }));
    let link = format!("/{}-", f.main);
    let pages = ["/fr/", "/fr/the-gioi/", &format!("/fr/topic/{}", f.topic)];
    // Each answers 200 with the same page, and each could be asked for by
    // the thousand: none of them may take a place in the cache.
    let spellings = [
        "/fr/?page=7".to_string(),
        "/fr/?page=0001".to_string(),
        "/%66r/".to_string(),
        "/fr/the-gioi/?page=0".to_string(),
        "/fr/the-gioi/?page=01".to_string(),
        "/fr/%74he-gioi/".to_string(),
        format!("/fr/topic/0{}", f.topic),
        format!("/fr/topic/{}?page=1", f.topic),
    ];
    for path in pages
        .iter()
        .copied()
        .chain(spellings.iter().map(String::as_str))
    {
        let got = get(&app, path).await;
        assert_eq!(got.status, 200, "{path}");
        assert!(got.body.contains(&link), "{path}");
    }
    // Taken down by a worker elsewhere: the stored pages still list it…
    f.store
        .take_down(f.main, "eve", "publisher's request")
        .await
        .unwrap();
    for page in pages {
        assert!(get(&app, page).await.body.contains(&link), "{page} stored");
    }
    // …and every other spelling is rendered again: it was never stored.
    for path in &spellings {
        let got = get(&app, path).await;
        assert!(!got.body.contains(&link), "{path} was stored");
    }
}
