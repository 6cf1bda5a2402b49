//! Bylines as Vietnamese newspapers print them, into author entities.

use search::authors::{author_key, parse_byline, Author, AuthorRole};

fn names(byline: &str) -> Vec<(String, String, AuthorRole, bool)> {
    parse_byline(byline)
        .into_iter()
        .map(
            |Author {
                 display_name,
                 key,
                 role,
                 agency,
             }| (display_name, key, role, agency),
        )
        .collect()
}

fn one(
    display: &str,
    key: &str,
    role: AuthorRole,
    agency: bool,
) -> (String, String, AuthorRole, bool) {
    (display.into(), key.into(), role, agency)
}

#[test]
fn an_agency_credit_is_a_source_and_an_agency() {
    assert_eq!(
        names("Theo TTXVN"),
        [one("TTXVN", "ttxvn", AuthorRole::Source, true)]
    );
    assert_eq!(
        names("  theo   ttxvn "),
        [one("TTXVN", "ttxvn", AuthorRole::Source, true)]
    );
    assert_eq!(
        names("Nguồn: Reuters"),
        [one("Reuters", "reuters", AuthorRole::Source, true)]
    );
    assert_eq!(
        names("Theo Thông tấn xã Việt Nam"),
        [one("TTXVN", "ttxvn", AuthorRole::Source, true)]
    );
}

#[test]
fn a_team_is_one_group_entity() {
    assert_eq!(
        names("Nhóm PV"),
        [one("Nhóm PV", "nhom-pv", AuthorRole::Group, false)]
    );
    assert_eq!(
        names("NHÓM PV"),
        [one("Nhóm PV", "nhom-pv", AuthorRole::Group, false)]
    );
    assert_eq!(
        names("Nhóm phóng viên Đô thị"),
        [one(
            "Nhóm phóng viên Đô thị",
            "nhom-phong-vien-do-thi",
            AuthorRole::Group,
            false
        )]
    );
}

#[test]
fn several_writers_are_split_and_keyed_without_diacritics() {
    assert_eq!(
        names("Nguyễn Văn A - Trần Thị B"),
        [
            one("Nguyễn Văn A", "nguyen-van-a", AuthorRole::Writer, false),
            one("Trần Thị B", "tran-thi-b", AuthorRole::Writer, false),
        ]
    );
    assert_eq!(
        names("Phạm Thanh Tùng, Lê Hoài Nam và Đỗ Minh Châu"),
        [
            one(
                "Phạm Thanh Tùng",
                "pham-thanh-tung",
                AuthorRole::Writer,
                false
            ),
            one("Lê Hoài Nam", "le-hoai-nam", AuthorRole::Writer, false),
            one("Đỗ Minh Châu", "do-minh-chau", AuthorRole::Writer, false),
        ]
    );
}

#[test]
fn a_reporter_credited_through_another_paper() {
    assert_eq!(
        names("PV Hoàng Long (Theo VnExpress)"),
        [
            one("Hoàng Long", "hoang-long", AuthorRole::Writer, false),
            one("VnExpress", "vnexpress", AuthorRole::Source, false),
        ]
    );
    assert_eq!(
        names("Minh Khôi (Theo Reuters)"),
        [
            one("Minh Khôi", "minh-khoi", AuthorRole::Writer, false),
            one("Reuters", "reuters", AuthorRole::Source, true),
        ]
    );
    // A place in parentheses is not a credit.
    assert_eq!(
        names("Quốc Việt (từ Kuala Lumpur)"),
        [one("Quốc Việt", "quoc-viet", AuthorRole::Writer, false)]
    );
}

#[test]
fn case_whitespace_and_composition_variants_are_one_author() {
    let composed = parse_byline("Trần Quốc Huy");
    let shouted = parse_byline("TRẦN  QUỐC   HUY");
    let lower = parse_byline("trần quốc huy");
    // Decomposed diacritics (NFD), as some CMSs send them.
    let decomposed: String = unicode_nfd("Trần Quốc Huy");
    let decomposed = parse_byline(&decomposed);
    assert_eq!(composed[0].display_name, "Trần Quốc Huy");
    for other in [&shouted, &lower, &decomposed] {
        assert_eq!(other, &composed);
    }
    assert_eq!(author_key("Đặng Thùy Trâm"), "dang-thuy-tram");
    assert_eq!(author_key("Dang Thuy Tram"), "dang-thuy-tram");
}

#[test]
fn titles_and_photo_credits() {
    assert_eq!(
        names("Bác sĩ Lê Văn Thiệu"),
        [one(
            "Lê Văn Thiệu",
            "le-van-thieu",
            AuthorRole::Writer,
            false
        )]
    );
    assert_eq!(
        names("Ảnh: Lê Minh Đức"),
        [one(
            "Lê Minh Đức",
            "le-minh-duc",
            AuthorRole::Photographer,
            false
        )]
    );
    assert_eq!(
        names("Bài và ảnh: Hữu Phước"),
        [one("Hữu Phước", "huu-phuoc", AuthorRole::Writer, false)]
    );
}

#[test]
fn nothing_readable_is_no_author() {
    assert!(parse_byline("").is_empty());
    assert!(parse_byline(" - , ; ").is_empty());
    assert!(parse_byline("(").is_empty());
}

fn unicode_nfd(s: &str) -> String {
    // The Vietnamese letters of the test name, decomposed by hand.
    s.replace('ầ', "a\u{302}\u{300}")
        .replace('ố', "o\u{302}\u{301}")
}

#[test]
fn every_byline_of_the_labelled_set_credits_someone() {
    #[derive(serde::Deserialize)]
    struct Row {
        byline: String,
    }
    let mut agencies = 0;
    for line in include_str!("../../testdata/eval_stories.jsonl").lines() {
        let row: Row = serde_json::from_str(line).unwrap();
        let authors = parse_byline(&row.byline);
        assert!(!authors.is_empty(), "{}", row.byline);
        for a in &authors {
            assert!(!a.key.is_empty() && a.key.is_ascii(), "{a:?}");
            assert!(!a.display_name.is_empty());
        }
        agencies += authors.iter().filter(|a| a.agency).count();
    }
    assert!(agencies >= 10, "{agencies}");
}
