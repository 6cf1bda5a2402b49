//! Last pass over the body: drop what it must not repeat (title, lead, captions
//! printed again as paragraphs, blocks printed twice), headings left without a
//! section, and the sign-off boilerplate that follows many articles.

use article::{Author, Block, Inline, RichText};
use chrono::Offset;

use crate::text::{clean, fold};

/// Labels that open a line of chrome rather than prose.
const CHROME_LABELS: &[&str] = &[
    "themen:",
    "tags:",
    "schlagworte:",
    "schlagwörter:",
    "stichworte:",
    "share",
    "teilen",
    "follow us",
    "follow the",
    "síguenos",
    "siguenos",
    "nos siga",
    "subscribe",
    "abonnieren",
    "newsletter",
    "related:",
    "related articles",
    "related posts",
    "keine kommentare",
    "no comments",
    "all rights reserved",
    "alle rechte vorbehalten",
    "todos los derechos",
    "tous droits",
    "©",
    "copyright",
    "posted in",
    "filed under",
    "this entry was posted",
    "valora esta",
    "loading",
    "werbung",
    "anzeige",
    "advertisement",
    "chia sẻ",
    "theo dõi",
    "bình luận",
    "tin liên quan",
    "xem thêm",
    "đọc thêm",
    "mehr zum thema",
    "weitere informationen",
    "lesen sie auch",
    "auch lesen",
    "zum weiterlesen",
    "verwandte",
    "neueste artikel",
    "schon gelesen",
    "das könnte",
    "das thema könnte",
    "you may also like",
    "more from",
    "more stories",
    "recommended",
    "trending",
    "most read",
    "most popular",
    "leer más",
    "lea también",
    "te puede interesar",
    "à lire aussi",
    "lire aussi",
    "sur le même sujet",
    "kontakt",
    "weiterlesen",
    "zurück",
    "über den autor",
    "about the author",
    "ähnliche beiträge",
    "vorschau auf",
    "zum newsletter",
    "if you enjoyed",
    "unterstütze",
    "möchten sie den artikel",
    "den artikel mit",
    "puedes ver",
    "mira lo que",
    "¿ya sabías",
    "hazte miembro",
    "download the",
    "for the latest",
    "written permission",
    "this article is the copyrighted",
    "release date:",
    "last modified:",
    "last updated:",
    "bild anzeigen",
    "źródło:",
    "materiał chroniony",
    "click here",
    "klicken sie hier",
    "read the full",
    "sign up",
    "jetzt anmelden",
    "jetzt abonnieren",
    "melden sie sich",
    "bild:",
    "foto:",
    "fotos:",
    "photo:",
    "photos:",
    "photo credit",
    "image:",
    "credit:",
    "ảnh:",
    "beitragsbild",
    "titelbild",
    "aktualisiert am",
    "zusatzinformationen",
    "vous aimerez",
    "auch interessant",
    "read further",
    "stay up-to-date",
    "do you want to be informed",
    "hier können sie",
    "nguồn:",
    "quellenangaben",
    "read more:",
    "read also",
    "see also:",
    "watch video",
    "every day, dw",
    "alle angaben ohne gewähr",
];

fn is_chrome_line(text: &str) -> bool {
    // Lower-casing never shortens a text (each character becomes one or
    // more), so a text of 160 characters or more fails every test below.
    if text.trim().chars().nth(159).is_some() {
        return false;
    }
    let lower = text.trim().to_lowercase();
    let len = lower.chars().count();
    (len < 160 && CHROME_LABELS.iter().any(|l| lower.starts_with(l)))
        || (len < 60 && is_date_line(&lower))
        || (len < 40 && is_comment_count(&lower))
        || (len < 80 && is_counter_line(&lower))
}

/// A counter or feedback line: "(Visited 1,902 times, 364 visits today)",
/// "84% of people found this article helpful", "Was this article helpful?".
fn is_counter_line(lower: &str) -> bool {
    (lower.starts_with("(visited ") && lower.contains("visits today"))
        || lower.contains("found this article helpful")
        || lower.contains("found this review helpful")
        || lower.starts_with("was this article helpful")
        || lower.starts_with("was this page helpful")
        || lower.starts_with("fandest du den artikel")
        || lower.starts_with("hat dir dieser artikel")
        || lower.starts_with("hat ihnen dieser artikel")
}

/// Words for "comments" in a comment counter ("27 commentaires", "0 Kommentare").
const COMMENT_WORDS: &[&str] = &[
    "comment",
    "comments",
    "kommentar",
    "kommentare",
    "commentaire",
    "commentaires",
    "comentario",
    "comentarios",
    "commento",
    "commenti",
    "komentarz",
    "komentarze",
    "komentarzy",
    "reacties",
    "bình luận",
];

/// A comment counter: "Comments", "27 commentaires", "Kommentare (3)",
/// "12 Comments »": the word, an optional count, and no other word.
fn is_comment_count(lower: &str) -> bool {
    // Counters carry digits, brackets and arrows, not quotes or code.
    if !lower
        .chars()
        .all(|c| c.is_alphanumeric() || c.is_whitespace() || "()[]»›|·-–:".contains(c))
    {
        return false;
    }
    let words: String = lower
        .chars()
        .map(|c| {
            if c.is_alphabetic() || c == ' ' {
                c
            } else {
                ' '
            }
        })
        .collect();
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    COMMENT_WORDS.contains(&words.as_str())
}

/// "Thứ Tư, 11/09/2024 - 08:05", "Cập nhật: 14/03/2025 20:33 GMT+7": a date and
/// little else, with a time or a dateline word.
fn is_date_line(lower: &str) -> bool {
    let letters = lower.chars().filter(|c| c.is_alphabetic()).count();
    let b = lower.as_bytes();
    let clock = b
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && (w[1] == b':' || w[1] == b'h') && w[2].is_ascii_digit());
    let timed = clock || lower.contains("gmt") || lower.contains("utc");
    let worded = [
        "thứ",
        "chủ nhật",
        "ngày",
        "cập nhật",
        "đăng",
        "published",
        "updated",
    ]
    .iter()
    .any(|w| lower.contains(w));
    letters <= 12
        && (timed || worded)
        && crate::meta::parse_visible(lower, chrono::Utc.fix()).is_some()
}

/// Cleans up the body blocks.
pub(crate) fn tidy(blocks: Vec<Block>, title: &str, lead: Option<&RichText>) -> Vec<Block> {
    let norm = |s: &str| clean(s).to_lowercase();
    let title = norm(title);
    let title_folded = fold(&title);
    let lead = lead.map(|l| norm(&l.plain_text()));
    // Captions (with their credits) that pages print again as a paragraph.
    let captions: Vec<(String, Option<String>)> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Figure(f) => f
                .caption
                .as_ref()
                .map(|c| (fold(&c.plain_text()), f.credit.as_deref().map(fold))),
            _ => None,
        })
        .filter(|(c, _)| !c.is_empty())
        // Bounded work on galleries of thousands of captions.
        .take(200)
        .collect();
    let repeats_caption = |text: &str| {
        if captions.is_empty() {
            return false;
        }
        let t = fold(text);
        captions.iter().any(|(c, credit)| {
            t == *c
                || credit.as_ref().is_some_and(|cr| {
                    t.starts_with(c.as_str())
                        && t.ends_with(cr.as_str())
                        && t.len() <= c.len() + cr.len() + 12
                })
        })
    };
    let blocks = captions_after_figures(blocks);
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for b in blocks {
        // Lines of a <br>-separated paragraph are checked one by one.
        let b = match b {
            Block::Paragraph { text } if text.0.iter().any(|i| matches!(i, Inline::Break)) => {
                let kept = filter_lines(text, |line| {
                    let l = norm(line);
                    l != title
                        && !is_chrome_line(&l)
                        && !is_loose_caption(&l)
                        && !is_credit_line(&l)
                });
                if kept.is_blank() {
                    continue;
                }
                Block::Paragraph { text: kept }
            }
            other => other,
        };
        let t = norm(&b.body_text());
        let is_text = matches!(b, Block::Paragraph { .. } | Block::Heading { .. });
        if is_text
            && !t.is_empty()
            && (t == title
                || lead.as_deref() == Some(t.as_str())
                || repeats_caption(&t)
                || is_chrome_line(&t)
                || is_newsletter_pitch(&t)
                || (matches!(b, Block::Paragraph { .. })
                    && (is_loose_caption(&t) || is_credit_line(&t))))
        {
            continue;
        }
        // A kicker printed with the headline: "Thema Verbraucherschutz Mehr <title>".
        if matches!(b, Block::Heading { .. })
            && title_folded.len() >= 12
            && fold(&t).ends_with(title_folded.as_str())
        {
            continue;
        }
        if out.last().is_some_and(|prev| prev == &b) {
            continue;
        }
        out.push(b);
    }
    drop_empty_sections(drop_pull_quotes(out))
}

/// Quotes read for [`drop_pull_quotes`]; a page has one or two.
const PULL_QUOTES_MAX: usize = 16;

/// Drops pull quotes: a quote whose words the article prints again in a
/// paragraph or list (magazines set a sentence of the text large between
/// its paragraphs; WordPress writes it as `<figure class="wp-block-pullquote">`).
/// A quote the paragraphs do not hold, such as a cited passage, stays.
fn drop_pull_quotes(blocks: Vec<Block>) -> Vec<Block> {
    let quotes = blocks
        .iter()
        .filter(|b| matches!(b, Block::Quote { .. }))
        .count();
    if quotes == 0 || quotes > PULL_QUOTES_MAX {
        return blocks;
    }
    let words = |s: &str| -> String {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut prose = String::new();
    for b in &blocks {
        if matches!(b, Block::Paragraph { .. } | Block::List { .. }) {
            prose.push_str(&words(&b.body_text()));
            prose.push('\n');
        }
    }
    blocks
        .into_iter()
        .filter(|b| {
            let Block::Quote { text, .. } = b else {
                return true;
            };
            let q = words(&text.plain_text());
            q.split(' ').count() < PULL_QUOTE_MIN_WORDS || !prose.contains(&q)
        })
        .collect()
}

/// A quote of fewer words is no pull quote (a one-word quote would match anywhere).
const PULL_QUOTE_MIN_WORDS: usize = 6;

/// Words that ask the reader to act, beside "newsletter" in a pitch.
const SIGN_UP_WORDS: &[&str] = &[
    "sign up",
    "sign-up",
    "subscribe",
    "inbox",
    "abonnieren",
    "anmelden",
    "kostenlos",
    "gratis",
    "abonnez",
    "inscrivez",
    "suscríbete",
    "suscribete",
    "hol dir",
];

/// A short paragraph that sells the site's newsletter ("… Watch Party
/// newsletter has all the best recommendations, delivered right to your
/// inbox. Sign up now"), wherever it sits in the body. `lower` is the
/// paragraph's lower-case text.
fn is_newsletter_pitch(lower: &str) -> bool {
    lower.chars().count() < 300
        && lower.contains("newsletter")
        && SIGN_UP_WORDS.iter().any(|w| lower.contains(w))
}

/// Words that mark a photo credit ("Foto: dpa", "(mlharing / iStock.com)",
/// "© AFP / Marco Bertorello").
const CREDIT_WORDS: &[&str] = &[
    "foto",
    "fotos",
    "photo",
    "photos",
    "bild",
    "image",
    "imagen",
    "credit",
    "credits",
    "crédit",
    "crédits",
    "quelle",
    "getty",
    "istock",
    "shutterstock",
    "afp",
    "reuters",
    "dpa",
    "epa",
    "imago",
    "ảnh",
    "nguồn",
];

/// A caption printed as body text without its image: a short paragraph or
/// line (at most 250 characters) that ends with a photo credit, either "©"
/// and a name ("… am Holocaust-Mahnmal © Presse- und Informationsamt |
/// Jesco Denzel") or a parenthesised credit with a slash and a credit word
/// ("Das Hermelin im Winter. (mlharing / iStock.com)").
fn is_loose_caption(text: &str) -> bool {
    if text.len() > 1000 || text.chars().count() > 250 {
        return false;
    }
    if let Some(at) = text.rfind('©') {
        let tail = &text[at..];
        // A sign, not a byte of another character decoded wrongly ("â\u{9f}©").
        let sign = text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_whitespace() || matches!(c, '.' | '|' | '(' | ':' | '-'));
        // The credit ends the text: no sentence after it.
        return sign && tail.chars().count() <= 80 && !tail.contains(". ");
    }
    let Some(inner) = text
        .strip_suffix(')')
        .and_then(|t| t.rfind('(').map(|at| &t[at + 1..]))
    else {
        return false;
    };
    inner.chars().count() <= 60
        && inner.contains('/')
        && looks_like_credit(&inner.replace('.', " "))
}

/// Labels of a line that credits a picture or names a source ("Foto: dpa",
/// "Crédits photos : Bestimage", "Image credit: apple.com", "Quelle: THW").
const CREDIT_LABELS: &[&str] = &[
    "foto",
    "fotos",
    "photo",
    "photos",
    "bild",
    "bilder",
    "bildquelle",
    "bildnachweis",
    "crédit photo",
    "crédits photo",
    "crédits photos",
    "photo credit",
    "photo credits",
    "image credit",
    "image credits",
    "credits",
    "quelle",
    "quellen",
    "textquelle",
    "source",
    "sources",
    "fuente",
    "fuentes",
];

/// A line of at most 120 characters that is only a credit or source
/// ([`CREDIT_LABELS`] and a colon, as its own paragraph): metadata printed
/// under a picture or a table, not the article's text.
fn is_credit_line(text: &str) -> bool {
    if text.len() > 480 || text.chars().count() > 120 {
        return false;
    }
    let Some((label, _)) = text.split_once(':') else {
        return false;
    };
    let label = label.trim().to_lowercase();
    CREDIT_LABELS.contains(&label.as_str())
}

/// Longest paragraph (characters) taken for the caption of the image above it.
const CAPTION_CHARS: usize = 150;

fn looks_like_credit(text: &str) -> bool {
    text.contains('©')
        || text
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| !w.is_empty() && CREDIT_WORDS.contains(&w.to_lowercase().as_str()))
}

/// A short paragraph printed right under an image with a photo credit in it is
/// that image's caption (or credit), not body text.
fn captions_after_figures(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for b in blocks {
        if let (Block::Paragraph { text }, Some(Block::Figure(f))) = (&b, out.last_mut()) {
            let plain = clean(&text.plain_text());
            if plain.chars().count() < CAPTION_CHARS && looks_like_credit(&plain) {
                if f.caption.is_none() {
                    match crate::content::split_credit(&plain) {
                        Some((caption, credit)) => {
                            if !caption.is_empty() {
                                f.caption = Some(RichText::plain(&caption));
                            }
                            f.credit.get_or_insert(credit);
                        }
                        None => f.caption = Some(text.clone()),
                    }
                } else if f.credit.is_none() {
                    f.credit = Some(crate::content::strip_credit_label(&plain));
                }
                continue;
            }
        }
        out.push(b);
    }
    out
}

fn filter_lines(text: RichText, keep: impl Fn(&str) -> bool) -> RichText {
    let mut lines: Vec<Vec<Inline>> = vec![Vec::new()];
    for i in text.0 {
        if matches!(i, Inline::Break) {
            lines.push(Vec::new());
        } else if let Some(last) = lines.last_mut() {
            last.push(i);
        }
    }
    let mut out = Vec::new();
    for line in lines {
        let plain = RichText(line.clone()).plain_text();
        if plain.trim().is_empty() || !keep(&plain) {
            continue;
        }
        if !out.is_empty() {
            out.push(Inline::Break);
        }
        out.extend(line);
    }
    RichText(out)
}

/// Labels that open a Vietnamese byline printed at the end of the body.
const BYLINE_LABELS: &[&str] = &[
    "bài và ảnh:",
    "bài, ảnh:",
    "bài:",
    "ảnh:",
    "thực hiện:",
    "nhóm pv",
    "pv:",
    "pv ",
    "phóng viên ",
    "nhóm phóng viên",
    "theo ",
    "tin, ảnh:",
];

/// Takes a byline printed as the last paragraph ("Bài và ảnh: Hải Nguyễn",
/// or a short bold name) out of the body and returns its authors.
pub(crate) fn trailing_byline(blocks: &mut Vec<Block>) -> Vec<Author> {
    let Some(Block::Paragraph { text }) = blocks.last() else {
        return Vec::new();
    };
    let plain = clean(&text.plain_text());
    let lower = plain.to_lowercase();
    if plain.chars().count() > 80 {
        return Vec::new();
    }
    let labelled = BYLINE_LABELS.iter().any(|l| lower.starts_with(l));
    let bold_name = matches!(text.0.as_slice(), [Inline::Bold(_)])
        && plain.split_whitespace().count() <= 5
        && plain
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    if !labelled && !bold_name {
        return Vec::new();
    }
    let authors = crate::meta::parse_byline(&plain, None);
    if !authors.is_empty() {
        blocks.pop();
    }
    authors
}

/// Sentence-final punctuation: a short last line ending otherwise is a label,
/// a sign-off or a link caption rather than prose.
const SENTENCE_END: &[char] = &[
    '.', '!', '?', '…', '"', '“', '”', '»', ')', '’', ':', ';', '。', '！', '？',
];

/// Drops the short non-sentence lines (and the headings they leave empty)
/// that close many bodies: "Weiterführender Link", "aja/PAP", "Mehr Themen".
/// Trailing figures and embeds stay. Nothing is dropped unless a real
/// paragraph remains before it.
pub(crate) fn trailing_chrome(blocks: &mut Vec<Block>) {
    let mut doomed = Vec::new();
    for (i, b) in blocks.iter().enumerate().rev() {
        match b {
            Block::Figure(_) | Block::Embed { .. } => continue,
            Block::Heading { .. } => doomed.push(i),
            Block::Paragraph { text } => {
                let plain = text.plain_text();
                let t = plain.trim();
                if t.chars().count() < TRAILING_LINE_CHARS && !t.ends_with(SENTENCE_END) {
                    doomed.push(i);
                } else {
                    for d in doomed {
                        blocks.remove(d);
                    }
                    return;
                }
            }
            _ => {
                for d in doomed {
                    blocks.remove(d);
                }
                return;
            }
        }
    }
}

/// Labels that open a byline or a date line ("Written By: A. Writer Last
/// Updated: August 1, 2025", "Reviewed by …").
const LEADING_BYLINES: &[&str] = &[
    "written by",
    "reviewed by",
    "fact checked by",
    "fact-checked by",
    "edited by",
    "last updated",
    "updated on",
    "published on",
    "geschrieben von",
    "aktualisiert am",
    "veröffentlicht am",
    "escrito por",
    "publicado el",
    "écrit par",
    "publié le",
];

/// Phrases of an affiliate or advertising disclosure ("We may earn commission
/// from links on this page").
const DISCLOSURES: &[&str] = &[
    "affiliate link",
    "affiliate-link",
    "earn commission",
    "earn a commission",
    "earn a small commission",
    "may earn a",
    "we may earn",
    "provisionslink",
    "affiliate-links",
    "enthält werbung",
    "*werbung",
];

/// A short affiliate or advertising disclosure ([`DISCLOSURES`]).
pub(crate) fn is_disclosure(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.chars().count() < 300 && DISCLOSURES.iter().any(|d| lower.contains(d))
}

/// Drops the short non-sentence lines that open many bodies before the first
/// paragraph of prose: kickers, category labels, "By AGENCY" lines, photo
/// credits, dates ("Hors-série n° 72", "Veröffentlichung", "Artikel"), and
/// bylines ([`LEADING_BYLINES`]) and affiliate disclosures ([`DISCLOSURES`]).
/// Headings, figures and embeds stay; nothing goes unless a paragraph of at
/// least 150 characters follows.
pub(crate) fn leading_chrome(blocks: &mut Vec<Block>) {
    let mut doomed = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        match b {
            Block::Figure(_) | Block::Embed { .. } | Block::Heading { .. } => continue,
            Block::Paragraph { text } => {
                let plain = text.plain_text();
                let t = plain.trim();
                let n = t.chars().count();
                let lower = t.to_lowercase();
                if (n < TRAILING_LINE_CHARS && !t.ends_with(SENTENCE_END))
                    || (n < 120 && LEADING_BYLINES.iter().any(|l| lower.starts_with(l)))
                    || is_disclosure(t)
                {
                    doomed.push(i);
                    continue;
                }
                if n >= 150 {
                    for d in doomed.into_iter().rev() {
                        blocks.remove(d);
                    }
                }
                return;
            }
            // The post's details as a list: "Jane Doe · Sep 26, 2022 · 2 min read".
            Block::List { items, .. } if is_details_list(items) => doomed.push(i),
            _ => return,
        }
    }
}

/// A short list of a post's details (author, date, reading time): at most
/// four items, each a label under 40 characters without a sentence end,
/// one of them with a digit (a date, a time, minutes of reading).
fn is_details_list(items: &[RichText]) -> bool {
    let plain: Vec<String> = items.iter().map(|i| i.plain_text()).collect();
    (1..=4).contains(&plain.len())
        && plain.iter().all(|t| {
            let t = t.trim();
            !t.is_empty() && t.chars().count() < 40 && !t.ends_with(SENTENCE_END)
        })
        && plain.iter().any(|t| t.chars().any(|c| c.is_ascii_digit()))
}

/// The last section when it is a heading over a few short lines after a long
/// article ("More from the column:", "Listen to the radio report", "Further
/// tips"): the site's end matter, not the article's.
pub(crate) fn trailing_section(blocks: &mut Vec<Block>) {
    let Some(h) = blocks
        .iter()
        .rposition(|b| matches!(b, Block::Heading { .. }))
    else {
        return;
    };
    let len = |bs: &[Block]| -> usize {
        bs.iter()
            .map(|b| crate::text::visible_len(&b.body_text()))
            .sum()
    };
    let after = blocks.get(h + 1..).map_or(0, len);
    let before = blocks.get(..h).map_or(0, len);
    if after < 200 && before >= 1000 {
        blocks.truncate(h);
    }
}

/// Phrases that make a closing paragraph the publisher's pitch or notice
/// rather than the article: subscriptions and newsletters, "follow us",
/// donations, reprint and liability notices. Matched lower-case anywhere in
/// a short paragraph of the body's trailing run.
const PITCH_PHRASES: &[&str] = &[
    "subscribe to",
    "subscribe now",
    "subscribers",
    "sign up for",
    "sign up to",
    "our newsletter",
    "newsletter abonnieren",
    "unseren newsletter",
    "zum newsletter",
    "suscríbete",
    "suscribete",
    "abonnez-vous",
    "abonnieren sie",
    "jetzt abonnieren",
    "follow us",
    "follow the ",
    "on twitter and",
    "on facebook and",
    "folgen sie uns",
    "síguenos en",
    "copyrighted property",
    "written permission",
    "all rights reserved",
    "alle rechte vorbehalten",
    "todos los derechos reservados",
    "tous droits réservés",
    "not responsible for the opinions",
    "support our journalism",
    "support independent journalism",
    "unterstützen sie unseren journalismus",
    "download our app",
    "download the app",
    "laden sie unsere app",
    "zapraszamy do subskrypcji",
    "zapraszamy też do subskrypcji",
    "contact staff writer",
    "contact the reporter",
    "contact the writer",
    // Memberships, channels and apps the publisher asks readers to join.
    "youtube channel",
    "canal de youtube",
    "become a member",
    "membership",
    "membresía",
    "apóyanos",
    "support us",
    "unterstützen sie uns",
    "soutenez-nous",
    "straight to your phone",
    "straight to your inbox",
    "letter to the editor",
    "support our mission",
    "sister site",
    "join the conversation",
    "if you liked this",
    "if you enjoyed this",
    "subscribing to",
    // Paywalls: the end of a truncated article.
    "paid subscriber",
    "already a subscriber",
    "to continue reading",
    "to keep reading",
    "to view the full story",
    "to read the full story",
    "unlock this",
    "déjà abonné",
    "bereits abonnent",
    "ya eres suscriptor",
];

/// Networks named in a "Follow … on X, Instagram and TikTok" line.
const SOCIAL_NETWORKS: &[&str] = &[
    "facebook",
    "twitter",
    "instagram",
    "linkedin",
    "youtube",
    "tiktok",
    "threads",
    "bluesky",
    "mastodon",
];

/// Drops the run of short paragraphs at the end of the body that pitch
/// subscriptions, newsletters, apps or social accounts, or print a reprint or
/// liability notice ([`PITCH_PHRASES`]), with the headings they leave empty.
/// Nothing is dropped unless 400 characters of other text stay before it.
pub(crate) fn trailing_pitch(blocks: &mut Vec<Block>) {
    let mut cut = blocks.len();
    for (i, b) in blocks.iter().enumerate().rev() {
        match b {
            Block::Figure(_) | Block::Embed { .. } | Block::Heading { .. } => continue,
            Block::Paragraph { text } => {
                let plain = text.plain_text();
                if plain.chars().count() > PITCH_MAX_CHARS || !is_pitch(&plain) {
                    break;
                }
                cut = i;
            }
            _ => break,
        }
    }
    if cut == blocks.len() {
        return;
    }
    // Headings and media right before the pitch belong to it.
    while cut > 0 && matches!(blocks[cut - 1], Block::Heading { .. }) {
        cut -= 1;
    }
    let before: usize = blocks[..cut]
        .iter()
        .map(|b| crate::text::visible_len(&b.body_text()))
        .sum();
    if before >= 400 {
        blocks.truncate(cut);
    }
}

/// Paragraphs longer than this (characters) are article text, whatever they say.
const PITCH_MAX_CHARS: usize = 400;

fn is_pitch(text: &str) -> bool {
    let lower = text.to_lowercase();
    PITCH_PHRASES.iter().any(|p| lower.contains(p))
        || ((lower.starts_with("follow ") || lower.contains(" follow "))
            && lower.contains(" on ")
            && SOCIAL_NETWORKS.iter().any(|n| lower.contains(n)))
}

/// Labels that open the publisher's end matter: links to more articles and
/// the author's box ("Related", "More from the column:", "Zur Person").
const END_LABELS: &[&str] = &[
    "related",
    "more from",
    "more on ",
    "more stories",
    "read next",
    "read more",
    "up next",
    "you might also",
    "you may also",
    "also read",
    "about the author",
    "written by",
    "sources",
    "article sources",
    "footnotes",
    "quellen",
    "fuentes",
    "mehr von ",
    "mehr aus ",
    "weitere artikel",
    "weitere beiträge",
    "lesen sie auch",
    "das könnte sie auch",
    "zur person",
    "über den autor",
    "über die autorin",
    "sobre el autor",
    "te puede interesar",
    "lea también",
    "à lire aussi",
    "lire aussi",
    "à propos de l'auteur",
    "czytaj też",
    "czytaj także",
    "tin liên quan",
    "xem thêm",
];

/// "About Acme Media", "About Jane Doe": a label introducing the
/// publisher's or an author's box, i.e. "About" and then a name (every word
/// capitalised), not "About the study".
fn is_about_label(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("About ") else {
        return false;
    };
    let words: Vec<&str> = rest
        .trim_end_matches([':', '.'])
        .split_whitespace()
        .collect();
    (1..=5).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Cuts the body at the last short line or heading that labels end matter
/// ([`END_LABELS`]) when what follows it is short beside the article: at
/// least 800 characters before the label, and after it at most a third of
/// that and 1,500 characters. Runs before [`tidy`], which drops the label
/// lines themselves but not the teasers or the biography under them.
pub(crate) fn trailing_end_matter(blocks: &mut Vec<Block>) {
    let len = |b: &Block| crate::text::visible_len(&b.body_text());
    let Some(at) = blocks.iter().rposition(|b| {
        let text = match b {
            Block::Paragraph { text } | Block::Heading { text, .. } => text.plain_text(),
            _ => return false,
        };
        // 60 characters are at most 240 bytes (plus spaces `clean` collapses):
        // long paragraphs are passed over without copying them.
        if text.len() > 480 {
            return false;
        }
        let clean = crate::text::clean(&text);
        let lower = clean.to_lowercase();
        lower.chars().count() <= 60
            && (END_LABELS.iter().any(|l| lower.starts_with(l)) || is_about_label(&clean))
    }) else {
        return;
    };
    let before: usize = blocks[..at].iter().map(len).sum();
    let after: usize = blocks[at..].iter().map(len).sum();
    if before >= 800 && after * 3 <= before && after <= 1500 {
        blocks.truncate(at);
    }
}

/// Words that name a writer's trade in a biography's first sentence, by
/// language ("… is a freelance writer", "… ist Redakteurin", "… est
/// journaliste", "… es periodista").
const BIO_TRADES: &[&str] = &[
    "writer",
    "journalist",
    "editor",
    "reporter",
    "correspondent",
    "contributor",
    "columnist",
    "author",
    "freelance",
    "blogger",
    "redakteur",
    "journalist",
    "autor",
    "reporter",
    "korrespondent",
    "volontär",
    "journaliste",
    "rédact",
    "correspondant",
    "auteur",
    "periodista",
    "redactor",
    "corresponsal",
    // The trades of contributors and guest authors ("… is adjunct faculty at
    // Emory University", "… is the Founder & Principal Consultant at …").
    "professor",
    "lecturer",
    "faculty",
    "researcher",
    "scientist",
    "economist",
    "historian",
    "physician",
    "attorney",
    "lawyer",
    "founder",
    "consultant",
    "ceo",
    "chief executive",
    "director",
    "analyst",
    "strategist",
];

/// The verbs that join a name to its trade in a biography.
const BIO_VERBS: &[&str] = &[
    " is a ",
    " is an ",
    " is the ",
    " has been a ",
    " has been an ",
    " is adjunct ",
    " is associate ",
    " is assistant ",
    " is senior ",
    " serves as ",
    " works as ",
    " ist ",
    " est ",
    " es ",
];

/// A paragraph that is an author's biography: it starts with a name (two to
/// four capitalised words), then "is a …", "has been a …", "ist …" and a
/// writer's trade ([`BIO_TRADES`]) in the same sentence.
fn is_author_bio(text: &str) -> bool {
    if text.len() > 1600 {
        return false;
    }
    // An expert quoted at the end of a report is no biography.
    if text.contains(['"', '“', '”', '«', '»']) || text.contains(" said") || text.contains(" says")
    {
        return false;
    }
    let first = text.split(". ").next().unwrap_or(text);
    let lower = first.to_lowercase();
    let Some((name_end, _)) = BIO_VERBS
        .iter()
        .filter_map(|v| lower.find(v).map(|at| (at, v)))
        .min_by_key(|(at, _)| *at)
    else {
        return false;
    };
    let name: Vec<&str> = first
        .get(..name_end)
        .unwrap_or("")
        .split_whitespace()
        .collect();
    (2..=4).contains(&name.len())
        && name
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && BIO_TRADES
            .iter()
            .any(|t| lower.get(name_end..).is_some_and(|rest| rest.contains(t)))
}

/// Drops the author's biography that closes the body ([`is_author_bio`]):
/// one paragraph per author, under 800 characters each, with the short label
/// or heading right before them ("Contributing Writer", "Who wrote this?"),
/// when at least 800 characters of article stay before it.
pub(crate) fn trailing_bio(blocks: &mut Vec<Block>) {
    let mut cut = blocks.len();
    while let Some(Block::Paragraph { text }) = cut.checked_sub(1).and_then(|i| blocks.get(i)) {
        let plain = text.plain_text();
        if plain.chars().count() > 800 || !is_author_bio(&crate::text::clean(&plain)) {
            break;
        }
        cut -= 1;
    }
    if cut == blocks.len() {
        return;
    }
    if let Some(prev) = cut.checked_sub(1).and_then(|i| blocks.get(i)) {
        let label = match prev {
            Block::Heading { .. } => true,
            Block::Paragraph { text } => {
                let t = crate::text::clean(&text.plain_text());
                t.chars().count() <= 40 && !t.ends_with(['.', '!', ':', ';', ','])
            }
            _ => false,
        };
        if label {
            cut -= 1;
        }
    }
    let before: usize = blocks[..cut]
        .iter()
        .map(|b| crate::text::visible_len(&b.body_text()))
        .sum();
    if before >= 800 {
        blocks.truncate(cut);
    }
}

/// Trailing paragraphs shorter than this (characters) without a sentence end are chrome.
const TRAILING_LINE_CHARS: usize = 50;

/// A heading followed by nothing, or directly by a heading of its level or
/// above, introduced a list of links that was dropped.
fn drop_empty_sections(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for b in blocks.into_iter().rev() {
        if let Block::Heading { level, .. } = &b {
            let next = out.last();
            let empty = match next {
                None => true,
                Some(Block::Heading { level: l, .. }) => l <= level,
                _ => false,
            };
            if empty {
                continue;
            }
        }
        out.push(b);
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Block {
        Block::Paragraph { text: s.into() }
    }
    fn h(level: u8, s: &str) -> Block {
        Block::Heading {
            level,
            text: s.into(),
        }
    }

    #[test]
    fn pull_quotes_that_repeat_the_text_go() {
        let quote = |s: &str| Block::Quote {
            text: s.into(),
            cite: None,
        };
        let blocks = vec![
            p("The council met on Tuesday. “We cannot keep patching a bridge that was built for horses,” the mayor said, and members agreed."),
            quote("“We cannot keep patching a bridge that was built for horses”"),
            p("The plan needs more money, more staff and a clearer timetable."),
            quote("Ask not what your country can do for you, ask what you can do."),
            quote("Built for horses"),
        ];
        let out = drop_pull_quotes(blocks.clone());
        // The pull quote goes; a cited passage and a short quote stay.
        assert_eq!(out.len(), 4);
        assert!(!out.contains(&blocks[1]));
        assert!(out.contains(&blocks[3]) && out.contains(&blocks[4]));
    }

    #[test]
    fn a_short_last_section_after_a_long_article_is_end_matter() {
        let long =
            "The council met on Tuesday and agreed, after a long debate, on a plan. ".repeat(20);
        let mut blocks = vec![
            p(&long),
            h(2, "More from the column:"),
            p("Why we still read letters"),
        ];
        trailing_section(&mut blocks);
        assert_eq!(blocks, vec![p(&long)]);
        // A long last section stays, and so does any section of a short article.
        let mut blocks = vec![p(&long), h(2, "Outlook"), p(&long)];
        trailing_section(&mut blocks);
        assert_eq!(blocks.len(), 3);
        let mut blocks = vec![p("A short note."), h(2, "More"), p("Links")];
        trailing_section(&mut blocks);
        assert_eq!(blocks.len(), 3);
    }

    #[test]
    fn credit_lines_under_images() {
        let fig = Block::Figure(article::Figure {
            src: "https://x.de/a.jpg".into(),
            ..Default::default()
        });
        let blocks = vec![
            p("Ein langer erster Absatz über das Hermelin im Winter."),
            fig,
            p("Das Hermelin im Winterfell. Foto: Max Muster"),
            p("Der Text geht weiter."),
        ];
        let out = tidy(blocks, "", None);
        assert_eq!(out.len(), 3);
        let Block::Figure(f) = &out[1] else {
            panic!("figure expected")
        };
        assert_eq!(
            f.caption.as_ref().map(RichText::plain_text).as_deref(),
            Some("Das Hermelin im Winterfell.")
        );
        assert_eq!(f.credit.as_deref(), Some("Max Muster"));
        // Without a credit word the paragraph stays body text.
        let blocks = vec![
            Block::Figure(article::Figure::default()),
            p("Der Text geht weiter."),
        ];
        assert_eq!(tidy(blocks, "", None).len(), 2);
    }

    #[test]
    fn trailing_reporter_byline() {
        let mut blocks = vec![
            p("Sau hai ngày điều trị, bệnh nhân đã tỉnh táo."),
            p("Phóng viên Nguyễn Văn An"),
        ];
        let authors = trailing_byline(&mut blocks);
        assert_eq!(blocks.len(), 1);
        assert_eq!(authors.len(), 1);
        assert_eq!(authors[0].name, "Nguyễn Văn An");
        assert_eq!(authors[0].role.as_deref(), Some("Reporter"));
        // A closing sentence about reporters is body text.
        let mut blocks = vec![p(
            "Phóng viên của báo đã có mặt tại hiện trường từ rất sớm để đưa tin.",
        )];
        assert!(trailing_byline(&mut blocks).is_empty());
        assert_eq!(blocks.len(), 1);
    }

    fn long(n: usize) -> Block {
        p(&"Ein langer Satz über das Thema des Artikels, mit Kommas. ".repeat(n))
    }

    #[test]
    fn trailing_pitch_goes_and_article_text_stays() {
        let mut blocks = vec![
            long(10),
            p("This article is the copyrighted property of Example News."),
            h(3, "Stay in touch"),
            p("Follow us on Twitter and Instagram @ExampleNews."),
        ];
        trailing_pitch(&mut blocks);
        assert_eq!(blocks, vec![long(10)]);
        // A long closing paragraph that mentions subscribers is article text.
        let sentence = "The paper lost half of its subscribers in a year, the report says, \
                        and the owners blame the price rise and the new paywall. ";
        let mut reported = vec![long(10), p(&sentence.repeat(4))];
        trailing_pitch(&mut reported);
        assert_eq!(reported.len(), 2);
        // A short page keeps its only lines.
        let mut short = vec![p("Subscribe to our newsletter.")];
        trailing_pitch(&mut short);
        assert_eq!(short.len(), 1);
    }

    #[test]
    fn end_matter_after_its_label_goes() {
        let mut blocks = vec![
            long(20),
            h(2, "Über die Autorin:"),
            p("Bianca Beispiel ist Journalistin und Gründerin eines Magazins."),
        ];
        trailing_end_matter(&mut blocks);
        assert_eq!(blocks, vec![long(20)]);
        // Too much after the label: the article goes on, the label was a heading.
        let mut article = vec![long(20), h(2, "Related research"), long(20)];
        trailing_end_matter(&mut article);
        assert_eq!(article.len(), 3);
        // "Mehr zum Thema" introduces the article's own closing note.
        let mut note = vec![
            long(20),
            h(2, "Mehr zum Thema"),
            p("Weitere Informationen erhalten Sie beim Amt."),
        ];
        trailing_end_matter(&mut note);
        assert_eq!(note.len(), 3);
        // "Written by" and the author's card under it.
        let mut card = vec![
            long(20),
            p("written by"),
            p("Expert digital communicator and editor."),
            p("our editorial policy"),
        ];
        trailing_end_matter(&mut card);
        assert_eq!(card, vec![long(20)]);
        // A list of sources after the article.
        let mut sources = vec![
            long(20),
            h(2, "Sources"),
            p("[1] https://example.org/report.pdf"),
            p("[2] Doe, Jane. 2016. The rise of the robots. London."),
        ];
        trailing_end_matter(&mut sources);
        assert_eq!(sources, vec![long(20)]);
    }

    #[test]
    fn a_paywall_at_the_end_goes() {
        let mut blocks = vec![
            long(10),
            p("To view the full story, please subscribe to Example Times."),
            p("If you are seeing this message but you are already a subscriber, log in."),
        ];
        trailing_pitch(&mut blocks);
        assert_eq!(blocks, vec![long(10)]);
        let mut channel = vec![
            long(10),
            p("Get the latest news straight to your phone with our app."),
            p("¡Mira lo que tiene nuestro canal de YouTube!"),
            p("If you liked this article, please consider subscribing to our digest."),
        ];
        trailing_pitch(&mut channel);
        assert_eq!(channel, vec![long(10)]);
        let mut de = vec![long(10), p("Digital + Print"), p("Bereits Abonnent?")];
        trailing_pitch(&mut de);
        assert_eq!(de.len(), 2, "{de:?}");
    }

    #[test]
    fn a_closing_author_biography_goes() {
        let mut blocks = vec![
            long(20),
            p("Contributing Writer"),
            p(
                "Rebecca Norris is a full-time freelance writer living in Washington. \
               She covers travel, home and style.",
            ),
        ];
        trailing_bio(&mut blocks);
        assert_eq!(blocks, vec![long(20)]);
        // One paragraph per author, in any of the languages of BIO_TRADES.
        let mut two = vec![
            long(20),
            p("Sarah Schwartz is a reporter for Education Week who covers curriculum."),
            p("Bianca Beispiel ist Redakteurin im Ressort Wirtschaft."),
        ];
        trailing_bio(&mut two);
        assert_eq!(two, vec![long(20)]);
        // A closing sentence about someone else's trade is article text …
        let mut quote = vec![
            long(20),
            p("The mayor is a former teacher and will decide on Monday."),
        ];
        trailing_bio(&mut quote);
        assert_eq!(quote.len(), 2);
        // … and so is a biography that is most of a short page.
        let mut short = vec![p("Jane Doe is a journalist based in Lagos.")];
        trailing_bio(&mut short);
        assert_eq!(short.len(), 1);
        // A report about a journalist, not a name opening the paragraph.
        let mut report = vec![
            long(20),
            p("Yesterday the court said that Jane Doe is a journalist, not a spy."),
        ];
        trailing_bio(&mut report);
        assert_eq!(report.len(), 2);
        // Contributors' trades: faculty, professors, founders.
        let mut guests = vec![
            long(20),
            p("Manoj Jain is adjunct faculty at Emory University and a physician."),
            p("Jagpreet Chhatwal is an Associate Professor of Radiology at Harvard."),
        ];
        trailing_bio(&mut guests);
        assert_eq!(guests, vec![long(20)]);
        // An expert quoted at the end of a report is article text.
        let mut expert = vec![
            long(20),
            p("Mary Jones is a professor of economics at Yale. \"It will not last,\" she said."),
        ];
        trailing_bio(&mut expert);
        assert_eq!(expert.len(), 2);
    }

    #[test]
    fn captions_printed_without_their_image_go() {
        for caption in [
            "Das Hermelin ist im Winter gut getarnt. (mlharing / iStock.com)",
            "Kranzniederlegung am Mahnmal © Presseamt der Bundesregierung | Jesco Denzel",
            "Mikaela Shiffrin. © AFP / JEFF PACHOUD",
            "Traffic near Los Angeles International Airport (Getty/Kevork Djansezian)",
        ] {
            assert!(is_loose_caption(caption), "{caption}");
        }
        for text in [
            // A sentence goes on after the sign; a parenthesis that is no credit.
            "© 2020 the authors. The study was funded by the council and ran for a year.",
            "The plan passed (24 / 12 votes).",
            "Email bug reports to the address \u{e2}\u{9f}\u{a9}bug@gnu.org.",
            // Too long to be a caption.
            &format!(
                "{} (Foto: dpa / Berg)",
                "Ein Satz über das Thema. ".repeat(12)
            ),
        ] {
            assert!(!is_loose_caption(text), "{text}");
        }
        let blocks = tidy(
            vec![
                p("Das Hermelin ist im Winter gut getarnt. (mlharing / iStock.com)"),
                long(3),
            ],
            "Titel",
            None,
        );
        assert_eq!(blocks, vec![long(3)]);
    }

    #[test]
    fn credit_and_source_lines_go() {
        for line in [
            "Crédits photos : Bestimage",
            "Image credit: www.apple.com/in/",
            "Quelle: Deutscher Jagdverband (DJV), 02. Februar 2022, Berlin",
            "Bildnachweis:",
        ] {
            assert!(is_credit_line(line), "{line}");
        }
        for text in [
            "Source code: the project is on GitHub.",
            "Foto of the week, chosen by readers: a heron in the fog over the lake at dawn, \
             taken by a reader from Konstanz with a phone, and sent in on Monday.",
            "Die Quelle des Flusses liegt in den Alpen.",
        ] {
            assert!(!is_credit_line(text), "{text}");
        }
    }

    #[test]
    fn about_a_name_labels_end_matter() {
        let mut blocks = vec![
            long(20),
            h(2, "About Acme Media"),
            p("Acme Media is a leader in digital media, founded in 1999."),
        ];
        trailing_end_matter(&mut blocks);
        assert_eq!(blocks, vec![long(20)]);
        // "About the study" is the article's own section.
        let mut study = vec![
            long(20),
            h(2, "About the study"),
            p("The survey asked 2,000 adults in March."),
        ];
        trailing_end_matter(&mut study);
        assert_eq!(study.len(), 3);
    }

    #[test]
    fn newsletter_pitches_go_anywhere() {
        let blocks = vec![
            long(3),
            p("Love movies? Our Watch Party newsletter has the best picks, delivered to your inbox. Sign up now."),
            long(4),
            p("The company sends a newsletter to its members every month."),
        ];
        let out = tidy(blocks, "", None);
        assert_eq!(out.len(), 3);
        assert!(out.iter().all(|b| !b.body_text().contains("Sign up")));
    }

    #[test]
    fn comment_counters_are_chrome_lines() {
        for line in [
            "Comments",
            "27 commentaires",
            "0 Kommentare",
            "Kommentare (3)",
            "12 Comments »",
        ] {
            assert!(is_chrome_line(line), "{line}");
        }
        for line in [
            "\"Comment\": {",
            "Comments are closed on Sundays",
            "Comment is free",
        ] {
            assert!(!is_chrome_line(line), "{line}");
        }
    }

    #[test]
    fn view_counters_and_feedback_lines_are_chrome_lines() {
        for line in [
            "(Visited 1,902 times, 364 visits today)",
            "84% of people found this article helpful.",
            "47 people found this review helpful",
            "Was this article helpful?",
        ] {
            assert!(is_chrome_line(line), "{line}");
        }
        for line in [
            "We visited the farm twice",
            "Visitors found the museum helpful",
        ] {
            assert!(!is_chrome_line(line), "{line}");
        }
    }

    #[test]
    fn leading_labels_go_before_the_first_prose() {
        let mut blocks = vec![
            p("Veröffentlichung: 2. Februar 2022"),
            h(2, "Ein Untertitel"),
            p("Artikel"),
            long(4),
            p("Kurz"),
        ];
        leading_chrome(&mut blocks);
        assert_eq!(blocks, vec![h(2, "Ein Untertitel"), long(4), p("Kurz")]);
        // Without prose after them, short lines stay.
        let mut poem = vec![p("Repeat Chorus"), p("La la la")];
        leading_chrome(&mut poem);
        assert_eq!(poem.len(), 2);
        // A short first sentence is text.
        let mut sentence = vec![p("Es war kalt."), long(4)];
        leading_chrome(&mut sentence);
        assert_eq!(sentence.len(), 2);
        // The post's details as a list go; a list of ingredients stays.
        let list = |items: &[&str]| Block::List {
            ordered: false,
            items: items.iter().map(|&i| RichText::from(i)).collect(),
        };
        let mut details = vec![list(&["Jane Doe", "Sep 26, 2022", "2 min read"]), long(4)];
        leading_chrome(&mut details);
        assert_eq!(details, vec![long(4)]);
        let mut recipe = vec![
            list(&[
                "2 eggs",
                "1 cup flour",
                "1 cup milk",
                "1 pinch salt",
                "butter",
            ]),
            long(4),
        ];
        leading_chrome(&mut recipe);
        assert_eq!(recipe.len(), 2);
    }

    #[test]
    fn trailing_lines() {
        let mut blocks = vec![
            p("Der Bericht beginnt mit einem langen Satz über das Thema."),
            h(2, "Mehr Themen"),
            p("Weiterführender Link"),
            p("aja/PAP"),
        ];
        trailing_chrome(&mut blocks);
        assert_eq!(
            blocks,
            vec![p(
                "Der Bericht beginnt mit einem langen Satz über das Thema."
            )]
        );
        // A page of short lines only is left alone.
        let mut poem = vec![p("Repeat Chorus"), p("La la la")];
        trailing_chrome(&mut poem);
        assert_eq!(poem.len(), 2);
        // A short last sentence stays.
        let mut short = vec![p("Ein langer erster Absatz."), p("Ende.")];
        trailing_chrome(&mut short);
        assert_eq!(short.len(), 2);
    }

    #[test]
    fn drops_repeats_and_empty_sections() {
        let blocks = vec![
            h(2, "Tiêu đề"),
            p("Sa pô."),
            p("Đoạn một."),
            p("Đoạn một."),
            h(2, "Mục"),
            h(3, "Tiểu mục"),
            p("Đoạn hai."),
            h(2, "Tin liên quan"),
            p("Xem thêm: bài khác"),
            h(2, "Bài cùng chuyên mục"),
        ];
        let lead = RichText::plain("Sa pô.");
        let out = tidy(blocks, "Tiêu đề", Some(&lead));
        assert_eq!(
            out,
            vec![
                p("Đoạn một."),
                h(2, "Mục"),
                h(3, "Tiểu mục"),
                p("Đoạn hai.")
            ]
        );
    }
}
