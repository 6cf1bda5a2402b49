//! The bundled content meets the minimums the demo and the tests rely on.

use std::collections::{HashMap, HashSet};

use article::{Block, Inline};
use sample_publisher::{BodyBlock, Site};

fn has_markup(inlines: &[Inline], pred: &dyn Fn(&Inline) -> bool) -> bool {
    inlines.iter().any(|i| {
        pred(i)
            || match i {
                Inline::Bold(c) | Inline::Italic(c) | Inline::Link { children: c, .. } => {
                    has_markup(c, pred)
                }
                _ => false,
            }
    })
}

#[test]
fn bundled_content_meets_the_minimums() {
    let site = Site::bundled().unwrap();
    let articles = site.bundled_articles();

    for a in &articles {
        let id = a.id;
        assert!(
            !a.title.is_empty() && a.lead.split_whitespace().count() >= 15,
            "{id}: lead"
        );
        let paragraphs = a.paragraphs().len();
        assert!(
            (4..=9).contains(&paragraphs),
            "{id}: {paragraphs} paragraphs"
        );
        let words = a.body_text().split_whitespace().count();
        assert!((150..=400).contains(&words), "{id}: {words} words");
        let headings = a.subheadings().len();
        assert!((1..=3).contains(&headings), "{id}: {headings} subheadings");
        assert!((1..=3).contains(&a.images.len()), "{id}: images");
        for img in &a.images {
            assert!(
                !img.alt.is_empty() && !img.caption.is_empty() && !img.credit.is_empty(),
                "{id}"
            );
            assert_ne!(img.alt, img.caption, "{id}: alt must differ from caption");
        }
        assert!(
            !a.authors.is_empty() && a.authors.iter().all(|b| !b.role.is_empty()),
            "{id}: bylines"
        );
        assert_eq!(
            a.published.offset().local_minus_utc(),
            7 * 3600,
            "{id}: +07:00"
        );
        assert!(a.modified.is_none_or(|m| m > a.published), "{id}");
        assert!(a.tags.len() >= 2, "{id}: tags");
        assert!(
            a.path().starts_with(&format!("/{}/", a.section))
                && a.path().ends_with(&format!("-{id}.html"))
        );
    }

    assert!(articles.len() >= 32, "only {} articles", articles.len());
    assert!(site.sections().len() >= 6);
    let used: HashSet<&str> = articles.iter().map(|a| a.section.as_str()).collect();
    assert!(used.len() >= 5);
    assert!(
        site.sections()
            .iter()
            .all(|s| used.contains(s.slug.as_str())),
        "every section has articles"
    );

    // Dates spread over about two weeks of 2025.
    let first = articles.iter().map(|a| a.published).min().unwrap();
    let last = articles.iter().map(|a| a.published).max().unwrap();
    assert!(
        (last - first).num_days() >= 10,
        "dates spread over two weeks"
    );
    assert!(articles
        .iter()
        .all(|a| a.published.format("%Y").to_string() == "2025"));
    assert!(articles.iter().filter(|a| a.modified.is_some()).count() >= 3);

    // Rich body: quotes, lists, links, bold, italics.
    let blocks: Vec<&BodyBlock> = articles.iter().flat_map(|a| a.body.iter()).collect();
    assert!(
        blocks
            .iter()
            .filter(|b| matches!(b, BodyBlock::Quote { cite: Some(_), .. }))
            .count()
            >= 10
    );
    assert!(
        blocks
            .iter()
            .filter(|b| matches!(b, BodyBlock::List { .. }))
            .count()
            >= 5
    );
    let inlines: Vec<&[Inline]> = blocks
        .iter()
        .filter_map(|b| match b {
            BodyBlock::Paragraph(t) => Some(t.0.as_slice()),
            _ => None,
        })
        .collect();
    assert!(inlines
        .iter()
        .any(|i| has_markup(i, &|x| matches!(x, Inline::Bold(_)))));
    assert!(inlines
        .iter()
        .any(|i| has_markup(i, &|x| matches!(x, Inline::Italic(_)))));
    let paths: HashSet<String> = articles.iter().map(|a| a.path()).collect();
    let mut links = 0;
    for i in &inlines {
        fn walk(i: &[Inline], paths: &HashSet<String>, links: &mut usize) {
            for x in i {
                match x {
                    Inline::Link { href, children } => {
                        assert!(paths.contains(href), "internal link {href} resolves");
                        *links += 1;
                        walk(children, paths, links);
                    }
                    Inline::Bold(c) | Inline::Italic(c) => walk(c, paths, links),
                    _ => {}
                }
            }
        }
        walk(i, &paths, &mut links);
    }
    assert!(links >= 3, "{links} inline links");

    // Vietnamese number formats and foreign names appear.
    let all: String = articles
        .iter()
        .map(|a| format!("{} {}\n", a.lead, a.body_text()))
        .collect();
    for needle in ["1.115", "3,5%", "1.250 tỷ đồng", "Putin", "Kursk", "Jeddah"] {
        assert!(all.contains(needle), "{needle}");
    }
}

#[test]
fn the_series_runs_over_at_least_four_days() {
    let site = Site::bundled().unwrap();
    let tags = site.series_tags();
    assert!(!tags.is_empty());
    for tag in tags {
        let parts = site.series(&tag);
        assert!(parts.len() >= 4, "{tag}");
        let days: HashSet<_> = parts.iter().map(|a| a.published.date_naive()).collect();
        assert!(days.len() >= 4, "{tag}: {} days", days.len());
        assert!(
            parts.windows(2).all(|w| w[0].published < w[1].published),
            "oldest first"
        );
        assert!(parts.iter().all(|a| a.tags.contains(&tag)));
    }
}

#[test]
fn expected_article_is_the_extraction_ground_truth() {
    let site = Site::bundled().unwrap();
    let a = site
        .bundled_articles()
        .into_iter()
        .find(|a| a.images.len() >= 2)
        .unwrap();
    let base = "http://127.0.0.1:8080";
    let x = site.expected_article(a.id, base).unwrap();
    assert_eq!(x.url, a.url(base));
    assert_eq!(x.title, a.title);
    assert_eq!(x.language.as_deref(), Some("vi"));
    assert_eq!(x.publisher.as_ref().unwrap().name, site.newspaper().name);
    assert_eq!(
        x.section.as_deref(),
        Some(site.section(&a.section).unwrap().name.as_str())
    );
    assert_eq!(
        x.image.as_ref().unwrap().src,
        format!("{base}{}", a.images[0].path)
    );
    let figures: Vec<_> = x
        .blocks
        .iter()
        .filter_map(|b| {
            if let Block::Figure(f) = b {
                Some(f)
            } else {
                None
            }
        })
        .collect();
    assert_eq!(figures.len(), a.images.len());
    assert_eq!(figures[1].alt.as_deref(), Some(a.images[1].alt.as_str()));
    assert_eq!(x.body_text(), a.body_text());
    assert!(x.body_text().contains(&a.paragraphs()[0]));
    assert_eq!(x.authors.len(), a.authors.len());
}

#[test]
fn generated_articles_are_unique_and_not_near_duplicates() {
    let site = Site::bundled().unwrap().with_generated(1000);
    let generated: Vec<_> = site
        .articles()
        .into_iter()
        .filter(|a| a.generated)
        .collect();
    assert_eq!(generated.len(), 1000);
    let all = site.articles();
    assert_eq!(
        all.iter().map(|a| a.path()).collect::<HashSet<_>>().len(),
        all.len()
    );
    assert_eq!(
        all.iter()
            .map(|a| a.title.clone())
            .collect::<HashSet<_>>()
            .len(),
        all.len()
    );
    assert_eq!(
        all.iter()
            .map(|a| a.body_text())
            .collect::<HashSet<_>>()
            .len(),
        all.len()
    );
    let mut per_section: HashMap<&str, usize> = HashMap::new();
    for a in &generated {
        *per_section.entry(a.section.as_str()).or_default() += 1;
        let words = a.body_text().split_whitespace().count();
        assert!((100..=400).contains(&words), "{}: {words} words", a.id);
        assert!(!a.lead.is_empty() && !a.subheadings().is_empty() && !a.images.is_empty());
        assert!(a.published < site.bundled_articles().last().unwrap().published);
        assert!(
            !a.body_text().contains('{'),
            "{}: unfilled placeholder",
            a.id
        );
        assert!(!a.title.contains('{') && !a.lead.contains('{'));
    }
    assert!(per_section.len() >= 5);

    // Word 4-shingles: neighbours share little text.
    let shingles = |text: &str| -> HashSet<String> {
        let words: Vec<&str> = text.split_whitespace().collect();
        words.windows(4).map(|w| w.join(" ")).collect()
    };
    let sets: Vec<HashSet<String>> = generated
        .iter()
        .take(200)
        .map(|a| shingles(&a.body_text()))
        .collect();
    let mut worst: f64 = 0.0;
    for i in 0..sets.len() {
        for j in i + 1..sets.len() {
            let inter = sets[i].intersection(&sets[j]).count() as f64;
            let union = sets[i].union(&sets[j]).count() as f64;
            worst = worst.max(inter / union);
        }
    }
    assert!(worst < 0.5, "two generated bodies are {worst:.2} similar");

    // Ids continue after more articles are added.
    let more = Site::bundled().unwrap().with_generated(5).with_generated(5);
    assert_eq!(
        more.articles()
            .iter()
            .filter(|a| a.generated)
            .map(|a| a.id)
            .collect::<HashSet<_>>()
            .len(),
        10
    );
}
