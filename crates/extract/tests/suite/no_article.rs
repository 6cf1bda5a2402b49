//! `extract_article`: input that holds no article is a typed `NoArticle` with
//! its reason; every real article of the test data is still an article.

use extract::{extract_article, ExtractError, ExtractOptions, NoArticle};

fn verdict(bytes: &[u8]) -> Result<(), NoArticle> {
    match extract_article(
        bytes,
        "https://news.example/a.html",
        &ExtractOptions::default(),
    ) {
        Ok(_) => Ok(()),
        Err(ExtractError::NoArticle(reason)) => Err(reason),
        Err(e) => panic!("unexpected error {e}"),
    }
}

fn random_bytes(len: usize) -> Vec<u8> {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

const PROSE: &str = "<p>Heavy rain fell across the river valley overnight, and the water board \
    said the levels at the northern gauge rose by more than a metre before dawn.</p>\
    <p>Residents of the low streets near the old bridge were asked to move their cars, and \
    the council opened two schools as shelters for families.</p>";

#[test]
fn files_that_are_not_pages_name_their_format() {
    assert_eq!(
        verdict(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj"),
        Err(NoArticle::Binary { format: "PDF" })
    );
    assert_eq!(
        verdict(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        Err(NoArticle::Binary { format: "PNG" })
    );
    assert_eq!(
        verdict(b"PK\x03\x04\x14\0\0\0word/document.xml"),
        Err(NoArticle::Binary { format: "ZIP" })
    );
    assert_eq!(verdict(&random_bytes(4096)), Err(NoArticle::NotText));
    assert_eq!(verdict(b" \n\t "), Err(NoArticle::Empty));
    // `extract` alone keeps its own errors for these.
    assert_eq!(
        extract::extract(b"%PDF-1.4\n%", "x", &ExtractOptions::default()),
        Err(ExtractError::NotHtml)
    );
}

#[test]
fn pages_without_an_article_say_why() {
    assert_eq!(
        verdict(b"<html><head><title>App</title><script src=app.js></script></head><body><div id=root></div></body></html>"),
        Err(NoArticle::NoText)
    );
    let login = b"<html><body><main><h1>Sign in</h1><form><input name=user>\
        <input type=password name=pw><button>Sign in</button></form>\
        <p>Forgot your password? Use the reset link we sent to your address.</p></main></body></html>";
    assert!(
        matches!(verdict(login), Err(NoArticle::LoginForm { .. })),
        "{:?}",
        verdict(login)
    );
    assert!(matches!(
        verdict(b"<html><body><h1>Not found</h1><p>Sorry, the page you asked for is gone for good.</p></body></html>"),
        Err(NoArticle::TooShort { words: 10, min: 15 })
    ));
    let garbled = format!(
        "<html><body><article><p>{}</p></article></body></html>",
        "#$%^&*()_+|~=`{}[]:;<>?,./ ¤¦§¨©ª«¬®¯°±²³ ".repeat(40)
    );
    assert!(
        matches!(verdict(garbled.as_bytes()), Err(NoArticle::Garbled { .. })),
        "{:?}",
        verdict(garbled.as_bytes())
    );
}

#[test]
fn a_section_front_is_a_listing_and_an_article_with_links_is_not() {
    let mut front = String::from("<html><body><main>");
    for i in 0..10 {
        front.push_str(&format!(
            "<div class=item><h2><a href=/s/{i}>Minister opens the new bridge in district {i}</a></h2>\
             <p><a href=/s/{i}>Traffic will use it from Monday.</a></p></div>"
        ));
    }
    front.push_str("</main></body></html>");
    assert!(
        matches!(
            verdict(front.as_bytes()),
            Err(NoArticle::Listing { teasers: 10, .. })
        ),
        "{:?}",
        verdict(front.as_bytes())
    );
    // An article that ends with a list of related links is still an article.
    let article = format!(
        "<html><body><article><h1>Flood warning</h1>{PROSE}{PROSE}<h2>Related</h2><ul>{}</ul></article></body></html>",
        (0..8)
            .map(|i| format!("<li><a href=/r/{i}>Earlier flood story number {i}</a></li>"))
            .collect::<String>()
    );
    assert_eq!(verdict(article.as_bytes()), Ok(()));
}

#[test]
fn short_real_articles_and_every_gold_page_are_articles() {
    let brief =
        format!("<html><body><article><h1>Flood warning</h1>{PROSE}</article></body></html>");
    assert_eq!(verdict(brief.as_bytes()), Ok(()));
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/vi");
    let mut pages = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "html") {
            let bytes = std::fs::read(&path).unwrap();
            assert_eq!(verdict(&bytes), Ok(()), "{}", path.display());
            pages += 1;
        }
    }
    assert_eq!(pages, 30);
}
