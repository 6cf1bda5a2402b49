//! The QA checks on the cases the issue names: what they must flag and the
//! changes of form they must let through.

use translate::{check_segment, Glossary, GlossaryEntry, LangPair, QaConfig, QaFlag, QaInput};

fn flags_with(pair: &str, source: &str, target: &str, glossary: Option<&Glossary>) -> Vec<QaFlag> {
    let pair: LangPair = pair.parse().unwrap();
    check_segment(
        &QaInput {
            pair: &pair,
            source,
            target,
            glossary,
        },
        &QaConfig::default(),
    )
}

fn flags(pair: &str, source: &str, target: &str) -> Vec<QaFlag> {
    flags_with(pair, source, target, None)
}

fn codes(pair: &str, source: &str, target: &str) -> Vec<&'static str> {
    flags(pair, source, target)
        .iter()
        .map(QaFlag::code)
        .collect()
}

#[test]
fn a_changed_small_number_is_flagged() {
    assert_eq!(
        flags("vi>fr", "Có 3 người chết.", "Il y a 7 morts."),
        vec![
            QaFlag::NumberMissing { value: "3".into() },
            QaFlag::NumberAdded { value: "7".into() },
        ]
    );
    // Written as a word, the wrong number is still wrong.
    assert_eq!(
        codes("vi>en", "Có 3 người chết.", "Seven people died."),
        vec!["number_missing"]
    );
    // A number word may vanish ("một người" is "a man") but not become another.
    assert!(codes("vi>en", "Có một người chết.", "A man died.").is_empty());
    assert!(codes("vi>en", "Hai bên đã ký.", "Both sides signed.").is_empty());
    assert_eq!(
        codes("vi>en", "Có ba người chết.", "Seven people died."),
        vec!["number_missing", "number_added"]
    );
    assert_eq!(
        codes("vi>en", "Có ba người chết.", "7 people died."),
        vec!["number_added"]
    );
}

#[test]
fn a_swapped_score_is_flagged_and_a_kept_one_is_not() {
    assert_eq!(
        flags(
            "vi>en",
            "Việt Nam thắng Thái Lan 2-1.",
            "Vietnam won 1-2 against Thailand."
        ),
        vec![QaFlag::NumberOrder {
            expected: "2-1".into(),
            found: "1-2".into()
        }]
    );
    assert!(flags(
        "vi>en",
        "Việt Nam thắng Thái Lan 2-1.",
        "Vietnam beat Thailand 2–1."
    )
    .is_empty());
    assert!(flags(
        "vi>fr",
        "Hai đội hòa 3-3.",
        "Les deux équipes ont fait match nul 3-3."
    )
    .is_empty());
}

#[test]
fn numbers_that_change_form_are_not_flagged() {
    let clean = [
        (
            "vi>en",
            "Bão đổ bộ lúc 20 giờ 30.",
            "The storm made landfall at 8.30 p.m.",
        ),
        (
            "vi>en",
            "Bão đổ bộ lúc 20 giờ 30.",
            "The storm made landfall at 8:30 pm.",
        ),
        (
            "vi>fr",
            "Bão đổ bộ lúc 20 giờ 30.",
            "La tempête a touché terre à 20 h 30.",
        ),
        (
            "vi>fr",
            "Bão đổ bộ lúc 20h30.",
            "La tempête a touché terre à 20:30.",
        ),
        (
            "vi>en",
            "Hợp đồng có thời hạn 6 tháng.",
            "It is a six-month contract.",
        ),
        (
            "vi>fr",
            "Có hai người bị thương.",
            "Deux personnes ont été blessées.",
        ),
        ("vi>en", "Có 2 người bị thương.", "Two people were injured."),
        (
            "vi>en",
            "Hơn 1.500 hộ mất điện.",
            "More than 1,500 households lost power.",
        ),
        (
            "vi>fr",
            "Hơn 1.500 hộ mất điện.",
            "Plus de 1 500 foyers privés d'électricité.",
        ),
        (
            "vi>fr",
            "Hơn 1.500 hộ mất điện.",
            "Plus de 1\u{202f}500 foyers privés d'électricité.",
        ),
        (
            "vi>en",
            "Lượng mưa đạt 2,5 mét.",
            "Rainfall reached 2.5 metres.",
        ),
        (
            "vi>fr",
            "Lượng mưa đạt 2,5 mét.",
            "Les pluies ont atteint 2,5 mètres.",
        ),
        (
            "vi>en",
            "Lễ diễu binh ngày 2/9.",
            "The parade on September 2.",
        ),
        (
            "vi>fr",
            "Lễ diễu binh ngày 2/9.",
            "Le défilé du 2 septembre.",
        ),
        (
            "vi>en",
            "Tăng trưởng đạt 7,4%.",
            "Growth reached 7.4 per cent.",
        ),
        (
            "vi>en",
            "Đây là lần thứ 3 giải diễn ra.",
            "This is the third time the event is held.",
        ),
        ("vi>fr", "Thế kỷ 19.", "Le XIXe siècle."),
        (
            "vi>en",
            "Dự án 1.500 tỷ đồng.",
            "A 1.5 trillion dong project.",
        ),
        (
            "vi>en",
            "Vượt 42 km trong 2 giờ 58 phút.",
            "Ran 42 km in 2 hours 58 minutes.",
        ),
        (
            "vi>en",
            "Mở cửa từ 8 giờ đến 17 giờ.",
            "Open from 8 a.m. to 5 p.m.",
        ),
        ("vi>en", "Có 22 người.", "There were twenty-two people."),
        ("vi>fr", "Có 22 người.", "Il y avait vingt-deux personnes."),
    ];
    for (pair, source, target) in clean {
        assert_eq!(flags(pair, source, target), vec![], "{source} -> {target}");
    }
    // The same forms with a changed value are flagged.
    let wrong = [
        (
            "vi>en",
            "Bão đổ bộ lúc 20 giờ 30.",
            "The storm made landfall at 9.30 p.m.",
        ),
        (
            "vi>fr",
            "Bão đổ bộ lúc 20 giờ 30.",
            "La tempête a touché terre à 20 h 45.",
        ),
        (
            "vi>en",
            "Hợp đồng có thời hạn 6 tháng.",
            "It is a nine-month contract.",
        ),
        (
            "vi>en",
            "Lễ diễu binh ngày 2/9.",
            "The parade on October 2.",
        ),
        (
            "vi>en",
            "Hơn 1.500 hộ mất điện.",
            "More than 1,800 households lost power.",
        ),
        (
            "vi>en",
            "Lượng mưa đạt 2,5 mét.",
            "Rainfall reached 2.8 metres.",
        ),
    ];
    for (pair, source, target) in wrong {
        assert!(
            !flags(pair, source, target).is_empty(),
            "{source} -> {target}"
        );
    }
}

#[test]
fn vietnamese_left_in_a_translation_is_flagged_but_names_are_not() {
    assert_eq!(
        flags(
            "vi>fr",
            "Cơn bão đã khiến hàng nghìn hộ dân ở Quảng Ngãi bị mất điện trong nhiều giờ.",
            "La tempête a privé d'électricité pendant des heures des milliers de foyers ở Quảng Ngãi bị mất.",
        ),
        vec![QaFlag::PartlyUntranslated {
            text: "ở Quảng Ngãi bị mất".into()
        }]
    );
    // Half a sentence left is reported as untranslated.
    assert_eq!(
        codes(
            "vi>fr",
            "Cơn bão đã khiến hàng nghìn hộ dân ở Quảng Ngãi bị mất điện trong nhiều giờ.",
            "La tempête a privé d'électricité des milliers de foyers ở Quảng Ngãi bị mất điện trong nhiều giờ.",
        ),
        vec!["untranslated"]
    );
    // Dishes named in Vietnamese in a list are not a leftover clause.
    assert!(flags(
        "vi>en",
        "Các gian hàng bán cao lầu, bánh mì, mì Quảng và chè bắp.",
        "The stalls sell cao lầu, bánh mì, mì Quảng and sweet corn pudding."
    )
    .is_empty());
    assert!(flags(
        "vi>en",
        "Bà Đào Thị Ngân ở Đắk Lắk cho biết.",
        "Đào Thị Ngân from Đắk Lắk said so."
    )
    .is_empty());
    // A do-not-translate term of the glossary may stay in Vietnamese.
    let mut g = Glossary::new();
    g.add(GlossaryEntry::keep("Đờn ca tài tử Nam Bộ"));
    assert!(flags_with(
        "vi>en",
        "Nghệ thuật Đờn ca tài tử Nam Bộ được UNESCO công nhận.",
        "The art of Đờn ca tài tử Nam Bộ is recognised by UNESCO.",
        Some(&g),
    )
    .is_empty());
}

#[test]
fn a_translation_that_stops_mid_sentence_is_flagged() {
    assert_eq!(
        codes(
            "vi>fr",
            "Cơn bão đã khiến người dân ở Quảng Ngãi mất điện.",
            "La tempête a privé d'électricité les habitants de"
        ),
        vec!["truncated"]
    );
    assert!(codes(
        "vi>fr",
        "Cơn bão đã khiến người dân ở Quảng Ngãi mất điện.",
        "La tempête a privé d'électricité les habitants de Quảng Ngãi."
    )
    .is_empty());
    // A title without a full stop is not a cut sentence.
    assert!(codes("vi>en", "Mưa lớn ở Hà Nội", "Heavy rain in Hanoi").is_empty());
}

#[test]
fn a_changed_personal_name_is_flagged_and_a_house_style_without_diacritics_is_not() {
    assert_eq!(
        flags(
            "vi>en",
            "Bà Đào Thị Ngân bán phở.",
            "Đào Thị Nga sells pho."
        ),
        vec![QaFlag::NameChanged {
            name: "Đào Thị Ngân".into()
        }]
    );
    assert!(flags(
        "vi>en",
        "Bà Đào Thị Ngân bán phở.",
        "Dao Thi Ngan sells pho."
    )
    .is_empty());
    assert!(flags(
        "vi>en",
        "Ông Hà Văn Nam ở Hà Nội.",
        "Hà Văn Nam from Hanoi."
    )
    .is_empty());
}

#[test]
fn credit_vocabulary_left_in_vietnamese_is_flagged_with_its_rendering() {
    assert_eq!(
        flags("vi>fr", "Ảnh: Tư liệu – TTXVN", "Photo : Tư liệu – VNA"),
        vec![QaFlag::GlossaryMissing {
            term: "Tư liệu".into(),
            expected: "Archives".into()
        }]
    );
    assert_eq!(
        flags("vi>en", "Ảnh: TTXVN", "Photo: TTXVN"),
        vec![QaFlag::GlossaryMissing {
            term: "TTXVN".into(),
            expected: "VNA".into()
        }]
    );
    assert_eq!(
        flags("vi>ko", "Ảnh: TTXVN", "사진: TTXVN"),
        vec![QaFlag::GlossaryMissing {
            term: "TTXVN".into(),
            expected: "베트남통신".into()
        }]
    );
    assert!(flags("vi>en", "Ảnh: TTXVN", "Photo: VNA").is_empty());
    assert!(flags("vi>ja", "Ảnh minh họa", "イメージ写真").is_empty());
    // Wholly untranslated, it is flagged once, as untranslated.
    assert_eq!(
        codes("vi>en", "Ảnh minh họa", "Ảnh minh họa"),
        vec!["untranslated"]
    );
    // A word inside another is no credit term ("Ảnh" is not "Ảnh:").
    assert!(flags("vi>en", "Ảnh hưởng của bão.", "The storm's impact.").is_empty());
}
