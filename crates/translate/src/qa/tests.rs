use super::*;
use crate::glossary::GlossaryEntry;

fn flags(pair: &str, source: &str, target: &str) -> Vec<QaFlag> {
    let pair: LangPair = pair.parse().unwrap();
    let mut g = Glossary::new();
    g.add(GlossaryEntry::forced(
        &LangPair::new("vi", "fr"),
        "Putin",
        "Poutine",
    ));
    check_segment(
        &QaInput {
            pair: &pair,
            source,
            target,
            glossary: Some(&g),
        },
        &QaConfig::default(),
    )
}

fn codes(f: &[QaFlag]) -> Vec<&'static str> {
    f.iter().map(QaFlag::code).collect()
}

#[test]
fn good_translations_pass() {
    assert!(flags(
        "vi>fr",
        "Tổng thống <x1>Putin</x1> cho biết có 1.115 người thiệt mạng, tăng 3,5%.",
        "Le président <x1>Poutine</x1> a déclaré que 1\u{202f}115 personnes sont mortes, soit 3,5\u{a0}% de plus."
    )
    .is_empty());
    assert!(flags(
        "vi>en",
        "Có 1.115 người, tăng 3,5% trong năm 2024.",
        "There were 1,115 people, up 3.5% in 2024."
    )
    .is_empty());
    assert!(flags(
        "vi>ja",
        "Hà Nội hôm nay trời mưa rất to.",
        "ハノイは今日大雨です。"
    )
    .is_empty());
}

#[test]
fn empty_and_untranslated() {
    assert_eq!(codes(&flags("vi>fr", "Ảnh minh họa", "  ")), vec!["empty"]);
    assert_eq!(
        codes(&flags("vi>fr", "Ảnh minh họa", "Ảnh minh họa")),
        vec!["untranslated"]
    );
    assert_eq!(
        codes(&flags(
            "vi>fr",
            "Lực lượng cứu hộ tại hiện trường",
            "Lực lượng cứu hộ tại hiện trường vụ việc"
        )),
        vec!["untranslated"]
    );
    assert!(flags(
        "vi>fr",
        "Ông Nguyễn Văn An phát biểu",
        "M. Nguyễn Văn An a pris la parole"
    )
    .is_empty());
    let en_left = flags(
        "en>fr",
        "The president arrived in the city on Monday morning.",
        "The president arrived in the city on Monday morning after a long trip.",
    );
    assert_eq!(codes(&en_left), vec!["untranslated"]);
}

#[test]
fn numbers_missing_or_changed() {
    let f = flags(
        "vi>fr",
        "Có 1.115 người, tăng 3,5%.",
        "Il y avait 1\u{202f}151 personnes, en hausse de 3,5\u{a0}%.",
    );
    assert_eq!(
        f,
        vec![
            QaFlag::NumberMissing {
                value: "1115".into()
            },
            QaFlag::NumberAdded {
                value: "1151".into()
            }
        ]
    );
    // Small numbers may become words.
    assert!(flags(
        "vi>en",
        "Có 3 người bị thương trong vụ tai nạn.",
        "Three people were injured in the accident."
    )
    .is_empty());
}

#[test]
fn glossary_markup_ratio_repetition() {
    assert_eq!(
        flags(
            "vi>fr",
            "Tổng thống Putin phát biểu tại hội nghị.",
            "Le président Putin a pris la parole à la conférence."
        ),
        vec![QaFlag::GlossaryMissing {
            term: "Putin".into(),
            expected: "Poutine".into()
        }]
    );
    assert_eq!(
        codes(&flags(
            "vi>fr",
            "Xem <x1>tại đây</x1> và <x2>ở đó</x2>.",
            "Voir <x1>ici</x1> et là."
        )),
        vec!["markup_lost"]
    );
    assert_eq!(
        codes(&flags(
            "vi>fr",
            "Xem <b>tại <i>đây</i></b>.",
            "Voir <b>ici</i> <i></b>."
        )),
        vec!["markup_lost"]
    );
    assert_eq!(
        codes(&flags(
            "vi>fr",
            "Hôm nay trời mưa rất to ở Hà Nội và nhiều nơi.",
            "Pluie."
        )),
        vec!["length_ratio"]
    );
    let looped = flags(
        "vi>en",
        "Người dân đã được sơ tán khỏi khu vực nguy hiểm.",
        "Residents were evacuated from the area from the area from the area from the area.",
    );
    assert_eq!(
        looped,
        vec![QaFlag::Repetition {
            phrase: "from the area".into()
        }]
    );
    assert!(flags(
        "vi>en",
        "Ha ha ha ha, anh ấy cười.",
        "Ha ha ha ha, he laughed."
    )
    .is_empty());
}

mod bounds {
    use super::super::figures::{figures, ordered_pairs, unmatched};
    use super::super::names::{keeps_name, source_names, Name};
    use super::super::truncation::cut_ending;
    use super::super::vietnamese::{is_syllable, leftover, MIN_RUN};
    use crate::numbers::NumberConventions;

    const VI: NumberConventions = NumberConventions {
        group: '.',
        decimal: ',',
    };
    const EN: NumberConventions = NumberConventions {
        group: ',',
        decimal: '.',
    };

    fn values(text: &str, lang: &str, conv: &NumberConventions) -> Vec<Vec<String>> {
        figures(text, lang, conv)
            .into_iter()
            .filter(|f| f.required)
            .map(|f| f.values)
            .collect()
    }

    #[test]
    fn times_are_read_within_their_bounds() {
        assert_eq!(
            values("lúc 20 giờ 30", "vi", &VI),
            vec![vec!["t20:30".to_string(), "t8:30".to_string()]]
        );
        assert_eq!(
            values("at 8.30 p.m.", "en", &EN),
            vec![vec!["t20:30".to_string()]]
        );
        // Hour 24 is a time, 25 is not; minute 59 is, 60 is not.
        assert_eq!(values("24h00", "vi", &VI)[0][0], "t0:00");
        // "25h00" is no time, and "00" glued to the h is no number.
        assert_eq!(values("25h00", "vi", &VI), vec![vec!["25".to_string()]]);
        assert_eq!(values("20:59", "en", &EN)[0][0], "t20:59");
        assert_eq!(values("20:60", "en", &EN).len(), 2);
        // "2.50" without am/pm is a price, not a time.
        assert_eq!(values("$2.50", "en", &EN), vec![vec!["2.5".to_string()]]);
    }

    #[test]
    fn ambiguous_separators_have_both_readings_and_scale_words_their_value() {
        assert_eq!(
            values("1.500 tỷ đồng", "vi", &VI),
            vec![vec![
                "1500".to_string(),
                "1.5".to_string(),
                "1500000000000".to_string(),
                "1500000000".to_string()
            ]]
        );
        // Three fraction digits are ambiguous, two or four are not.
        assert_eq!(values("1,50", "vi", &VI), vec![vec!["1.5".to_string()]]);
        assert_eq!(values("1.5000", "en", &EN), vec![vec!["1.5".to_string()]]);
        // A scale cannot make a whole number of a finer fraction.
        assert_eq!(
            values("0,0000001 nghìn", "vi", &VI),
            vec![vec!["0.0000001".to_string()]]
        );
    }

    #[test]
    fn roman_numerals_must_be_canonical() {
        let optional = |text: &str| -> Vec<String> {
            figures(text, "fr", &EN)
                .into_iter()
                .filter(|f| !f.required)
                .flat_map(|f| f.values)
                .collect()
        };
        assert_eq!(optional("le XIXe siècle"), vec!["19", "100"]);
        assert!(optional("IIII").is_empty());
        // A lone capital I is a letter.
        assert!(optional("région I").is_empty());
    }

    #[test]
    fn words_pair_with_digits_but_are_never_required() {
        let src = figures("Có 3 người", "vi", &VI);
        let tgt = figures("three people", "en", &EN);
        let (lost, added) = unmatched(&src, &tgt);
        assert!(lost.is_empty() && added.is_empty());
        let tgt = figures("four people", "en", &EN);
        let (lost, added) = unmatched(&src, &tgt);
        assert_eq!(lost.len(), 1);
        assert!(added.is_empty());
    }

    #[test]
    fn ordered_pairs_skip_decimals_and_long_numbers() {
        assert_eq!(
            ordered_pairs("thắng 2-1, lãi 4,7-5,2%, niên vụ 2024-2025"),
            vec![("2".to_string(), "1".to_string())]
        );
        assert_eq!(ordered_pairs("1-0 rồi 1-2").len(), 2);
    }

    #[test]
    fn a_leftover_needs_min_run_vietnamese_words() {
        assert_eq!(MIN_RUN, 3);
        let source = "những người dân bị mất điện";
        assert_eq!(leftover(source, "Les habitants mất điện.", &[]), None);
        assert_eq!(
            leftover(source, "Les habitants bị mất điện.", &[]).as_deref(),
            Some("bị mất điện")
        );
        // A kept term does not count.
        assert_eq!(
            leftover(
                source,
                "Les habitants bị mất điện.",
                &["bị mất điện".into()]
            ),
            None
        );
        // An unaccented syllable of the source counts half: 2.5 is not 3.
        let source = "Đội thua ở chung kết.";
        assert_eq!(leftover(source, "L'équipe a perdu ở chung kết.", &[]), None);
        assert_eq!(
            leftover(source, "L'équipe a perdu thua ở chung kết.", &[]).as_deref(),
            Some("thua ở chung kết")
        );
        assert!(is_syllable("nghieng") && !is_syllable("chateau") && !is_syllable("nghiengg"));
    }

    #[test]
    fn names_have_two_to_four_syllables_and_stop_at_punctuation() {
        let texts = |source: &str| -> Vec<String> {
            source_names(source).into_iter().map(|n| n.text).collect()
        };
        assert_eq!(texts("Ông Nguyễn Văn An, Chủ tịch"), vec!["Nguyễn Văn An"]);
        // At most four syllables.
        assert_eq!(
            texts("ông Nguyễn Văn Minh Hoàng Long đến"),
            vec!["Nguyễn Văn Minh Hoàng"]
        );
        assert!(texts("ông Nguyễn phát biểu").is_empty());
        assert!(texts("Hà Lan và Thái Lan").is_empty());
        // Opening a sentence, the first capital may be an ordinary word.
        assert_eq!(
            source_names("Hồ Tả Trạch đầy nước."),
            vec![Name {
                text: "Hồ Tả Trạch".into(),
                shorter: Some("Tả Trạch".into())
            }]
        );
        assert!(keeps_name("Lý Sơn", "on Lyson island"));
        assert!(keeps_name("Đào Thị Ngân", "Dao Thi Ngan"));
        assert!(keeps_name("Đào Thị Ngân", "Đào Thị Ngân"));
        assert!(!keeps_name("Đào Thị Ngân", "Đào Thị Ngàn"));
        assert!(!keeps_name("Phạm Thị Hoa", "Phạm Thị Hòa"));
        assert!(!keeps_name("Nguyễn Văn An", "Nguyen Van Anh"));
    }

    #[test]
    fn truncation_needs_a_four_word_source_that_ends_a_sentence() {
        assert_eq!(cut_ending("Mưa ở Huế.", "Pluie à", "fr"), None);
        assert!(cut_ending("Trời mưa to ở Huế.", "Il pleut fort à", "fr").is_some());
        assert_eq!(
            cut_ending("Trời mưa to ở Huế", "Il pleut fort à", "fr"),
            None
        );
        assert!(cut_ending("Trời mưa to ở Huế.", "It is raining hard in the.", "en").is_some());
        assert_eq!(
            cut_ending("“Trời mưa to ở Huế.”", "« Il pleut fort à Huế. »", "fr"),
            None
        );
    }
}
