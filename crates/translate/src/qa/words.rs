//! Numbers written as words, month names and scale words, per language.
//!
//! Hand-written lists: ICU4X has no parser for spelled-out numbers, and the
//! checks only need the words news copy uses (one to twenty, the tens,
//! ordinals, months, "million"/"triệu").

/// The value of a number word (`two`, `deux`, `hai`, `third`, `troisième`),
/// lowercase input.
pub(super) fn number_word(word: &str, lang: &str) -> Option<u64> {
    let table: &[(&str, u64)] = match lang {
        "en" => EN_NUMBERS,
        "fr" => FR_NUMBERS,
        "vi" => VI_NUMBERS,
        _ => return None,
    };
    table.iter().find(|(w, _)| *w == word).map(|(_, v)| *v)
}

/// True for a cardinal number word from two to twenty (`three`, `trois`,
/// `ba`): a word that changed into another such word is a changed number.
/// "a", "one", "first", "năm" (also "year") and the like are not.
pub(super) fn is_cardinal(word: &str, lang: &str) -> bool {
    let list: &[&str] = match lang {
        "en" => &[
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ],
        "fr" => &[
            "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
            "douze", "treize", "quatorze", "quinze", "seize", "vingt",
        ],
        "vi" => &[
            "hai", "ba", "bốn", "sáu", "bảy", "bẩy", "tám", "chín", "mười",
        ],
        _ => &[],
    };
    list.contains(&word)
}

/// The school year a French word names, in Vietnamese numbering
/// (`terminale` is lớp 12).
pub(super) fn school_year_word(word: &str, lang: &str) -> Option<u64> {
    match (lang, word) {
        ("fr", "terminale") => Some(12),
        ("fr", "première") => Some(11),
        ("fr", "seconde") => Some(10),
        _ => None,
    }
}

/// The month (1–12) a word names (`september`, `sept`, `septembre`).
pub(super) fn month_word(word: &str, lang: &str) -> Option<u64> {
    let table: &[(&str, u64)] = match lang {
        "en" => EN_MONTHS,
        "fr" => FR_MONTHS,
        _ => return None,
    };
    table.iter().find(|(w, _)| *w == word).map(|(_, v)| *v)
}

/// The power of ten a scale word multiplies by (`million` → 6, `tỷ` → 9).
pub(super) fn scale_word(word: &str) -> Option<u32> {
    Some(match word {
        "nghìn" | "ngàn" | "thousand" | "thousands" | "mille" | "k" => 3,
        "triệu" | "million" | "millions" | "m" | "mn" => 6,
        "tỷ" | "tỉ" | "billion" | "billions" | "milliard" | "milliards" | "bn" => 9,
        "trillion" | "trillions" => 12,
        _ => return None,
    })
}

const EN_NUMBERS: &[(&str, u64)] = &[
    ("zero", 0),
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("once", 1),
    ("single", 1),
    ("first", 1),
    ("two", 2),
    ("both", 2),
    ("twice", 2),
    ("double", 2),
    ("pair", 2),
    ("second", 2),
    ("three", 3),
    ("third", 3),
    ("triple", 3),
    ("four", 4),
    ("fourth", 4),
    ("five", 5),
    ("fifth", 5),
    ("six", 6),
    ("sixth", 6),
    ("seven", 7),
    ("seventh", 7),
    ("eight", 8),
    ("eighth", 8),
    ("nine", 9),
    ("ninth", 9),
    ("ten", 10),
    ("tenth", 10),
    ("decade", 10),
    ("eleven", 11),
    ("eleventh", 11),
    ("twelve", 12),
    ("twelfth", 12),
    ("dozen", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("twentieth", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("hundred", 100),
    ("century", 100),
    ("thousand", 1000),
    ("million", 1_000_000),
];

const FR_NUMBERS: &[(&str, u64)] = &[
    ("zéro", 0),
    ("un", 1),
    ("une", 1),
    ("premier", 1),
    ("première", 1),
    ("seul", 1),
    ("seule", 1),
    ("deux", 2),
    ("deuxième", 2),
    ("second", 2),
    ("seconde", 2),
    ("double", 2),
    ("couple", 2),
    ("trois", 3),
    ("troisième", 3),
    ("triple", 3),
    ("quatre", 4),
    ("quatrième", 4),
    ("cinq", 5),
    ("cinquième", 5),
    ("six", 6),
    ("sixième", 6),
    ("sept", 7),
    ("septième", 7),
    ("huit", 8),
    ("huitième", 8),
    ("neuf", 9),
    ("neuvième", 9),
    ("dix", 10),
    ("dixième", 10),
    ("dizaine", 10),
    ("décennie", 10),
    ("onze", 11),
    ("douze", 12),
    ("douzaine", 12),
    ("treize", 13),
    ("quatorze", 14),
    ("quinze", 15),
    ("quinzaine", 15),
    ("seize", 16),
    ("vingt", 20),
    ("vingtaine", 20),
    ("trente", 30),
    ("trentaine", 30),
    ("quarante", 40),
    ("cinquante", 50),
    ("soixante", 60),
    ("cent", 100),
    ("centaine", 100),
    ("siècle", 100),
    ("mille", 1000),
    ("millier", 1000),
];

const VI_NUMBERS: &[(&str, u64)] = &[
    ("không", 0),
    ("một", 1),
    ("mốt", 1),
    ("nhất", 1),
    ("hai", 2),
    ("đôi", 2),
    ("ba", 3),
    ("bốn", 4),
    ("tư", 4),
    ("năm", 5),
    ("lăm", 5),
    ("sáu", 6),
    ("bảy", 7),
    ("bẩy", 7),
    ("tám", 8),
    ("chín", 9),
    ("mười", 10),
    ("chục", 10),
    ("trăm", 100),
    ("nghìn", 1000),
    ("ngàn", 1000),
];

const EN_MONTHS: &[(&str, u64)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

const FR_MONTHS: &[(&str, u64)] = &[
    ("janvier", 1),
    ("janv", 1),
    ("février", 2),
    ("févr", 2),
    ("mars", 3),
    ("avril", 4),
    ("avr", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("juil", 7),
    ("août", 8),
    ("septembre", 9),
    ("sept", 9),
    ("octobre", 10),
    ("oct", 10),
    ("novembre", 11),
    ("nov", 11),
    ("décembre", 12),
    ("déc", 12),
];
