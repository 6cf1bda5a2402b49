//! From a content container to body blocks.

use article::{Block, EmbedKind, Inline, RichText};

use super::inline::{finish, is_block, link_density, InlineCollector};
use super::media::{embed_kind, figure_of, split_credit, strip_credit_label};
use super::{skip_always, Stats};
use crate::dom::{Dom, NodeId};
use crate::text::clean;
use crate::urls::absolute;

/// Longest heading (words); a longer "heading" is a paragraph in heading markup.
pub(super) const HEADING_WORDS: usize = 30;

/// Converts DOM subtrees into blocks, dropping link lists and other chrome on the way.
pub(crate) struct BlockWriter<'a> {
    pub dom: &'a Dom,
    pub base: Option<&'a url::Url>,
    pub stats: &'a Stats,
    pub blocks: Vec<Block>,
    /// Inline content of an open anonymous paragraph (text directly inside a div).
    pending: Vec<Inline>,
    pending_images: Vec<NodeId>,
    pending_link_chars: usize,
}

impl<'a> BlockWriter<'a> {
    pub(crate) fn new(dom: &'a Dom, base: Option<&'a url::Url>, stats: &'a Stats) -> Self {
        BlockWriter {
            dom,
            base,
            stats,
            blocks: Vec::new(),
            pending: Vec::new(),
            pending_images: Vec::new(),
            pending_link_chars: 0,
        }
    }

    /// Writes the blocks of `id`'s content.
    pub(crate) fn container(&mut self, id: NodeId) {
        for c in self.dom.children(id) {
            self.node(c);
        }
        self.flush();
    }

    /// Writes `id` itself (used for the nodes of a multi-part selection).
    pub(crate) fn element(&mut self, id: NodeId) {
        self.node(id);
        self.flush();
    }

    fn flush(&mut self) {
        let raw = std::mem::take(&mut self.pending);
        let images = std::mem::take(&mut self.pending_images);
        let link_chars = std::mem::take(&mut self.pending_link_chars);
        if !raw.is_empty() {
            let text = finish(raw);
            if !text.is_blank() {
                let total = text
                    .plain_text()
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .count();
                // A run of bare links between blocks is navigation, not prose.
                let mostly_links = total > 0 && link_chars * 10 > total * 6;
                if !mostly_links {
                    self.paragraphs_split_on_double_break(text);
                }
            }
        }
        for img in images {
            self.image(img, None);
        }
    }

    /// `text<br><br>text` is two paragraphs.
    fn paragraphs_split_on_double_break(&mut self, text: RichText) {
        let mut current: Vec<Inline> = Vec::new();
        let mut breaks = 0;
        let mut parts: Vec<Vec<Inline>> = Vec::new();
        for i in text.0 {
            if matches!(i, Inline::Break) {
                breaks += 1;
                continue;
            }
            if breaks >= 2 && !current.is_empty() {
                parts.push(std::mem::take(&mut current));
            } else if breaks == 1 && !current.is_empty() {
                current.push(Inline::Break);
            }
            breaks = 0;
            current.push(i);
        }
        if !current.is_empty() {
            parts.push(current);
        }
        for p in parts {
            let t = finish(p);
            if !t.is_blank() {
                self.blocks.push(Block::Paragraph { text: t });
            }
        }
    }

    fn node(&mut self, c: NodeId) {
        let dom = self.dom;
        if dom.text(c).is_some() {
            let mut ic = InlineCollector::new(dom, self.base);
            ic.node(c, &mut self.pending, false);
            return;
        }
        let Some(name) = dom.name(c) else { return };
        if skip_always(dom, c) || self.stats.removed(c) {
            return;
        }
        match name {
            "p" => {
                self.flush();
                self.paragraph(c);
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let level = name.as_bytes().get(1).map_or(2, |b| b - b'0').clamp(2, 6);
                let text = self.rich(c);
                if text.word_count() > HEADING_WORDS {
                    // A paragraph set in heading markup (some editors style the
                    // opening paragraph as an <h3>): prose, not a section title.
                    self.paragraphs_split_on_double_break(text);
                } else if !text.is_blank() && link_density(&text) < 0.8 {
                    self.blocks.push(Block::Heading { level, text });
                }
            }
            "ul" | "ol" => {
                self.flush();
                self.list(c, name == "ol");
            }
            "dl" => {
                self.flush();
                for item in dom.element_children(c) {
                    if matches!(dom.name(item), Some("dt" | "dd")) {
                        self.paragraph(item);
                    } else {
                        self.node(item);
                    }
                }
            }
            "blockquote" => {
                self.flush();
                self.blockquote(c);
            }
            "pre" => {
                self.flush();
                self.pre(c);
            }
            "table" => {
                self.flush();
                self.table(c);
            }
            "figure" => {
                self.flush();
                self.figure(c);
            }
            "img" | "picture" => {
                if self.pending_is_blank() {
                    self.flush();
                    self.image(c, None);
                } else {
                    self.pending_images.push(c);
                }
            }
            "iframe" | "video" | "embed" | "object" | "audio" => {
                self.flush();
                self.embed(c);
            }
            "hr" => self.flush(),
            "br" => self.pending.push(Inline::Break),
            _ if !is_block(name) && !self.stats.has_block(c) => {
                let mut ic = InlineCollector::new(dom, self.base);
                ic.node(c, &mut self.pending, false);
                self.pending_link_chars += ic.link_chars;
                self.pending_images.extend(ic.images);
            }
            _ => {
                self.flush();
                if self.is_link_list(c) {
                    return;
                }
                if self.is_figure_like(c) {
                    self.figure(c);
                    return;
                }
                for child in dom.children(c) {
                    self.node(child);
                }
                self.flush();
            }
        }
    }

    fn pending_is_blank(&self) -> bool {
        !self.pending.iter().any(|i| match i {
            Inline::Text(t) => !t.trim().is_empty(),
            Inline::Break => false,
            _ => true,
        })
    }

    /// A container whose text is mostly links (menus, related lists).
    fn is_link_list(&self, c: NodeId) -> bool {
        let text = self.stats.text(c);
        let links = self.stats.links(c);
        text > 0 && (links as f32 / text as f32) > 0.55 && text < 2000
    }

    /// A div or table holding one image and a short caption.
    fn is_figure_like(&self, c: NodeId) -> bool {
        let dom = self.dom;
        let imgs = dom.find_all(c, "img").count();
        if imgs != 1 || self.stats.text(c) > 400 || self.stats.paragraphs(c) > 2 {
            return false;
        }
        if dom.is(c, "table") {
            return true;
        }
        let hint = format!(
            "{} {}",
            dom.attr(c, "class").unwrap_or(""),
            dom.attr(c, "type").unwrap_or("")
        )
        .to_ascii_lowercase();
        // "textpic", "textmedia", "text-image" (TYPO3 and others) are text
        // with a picture, not a picture with a caption.
        hint.split_ascii_whitespace()
            .filter(|w| !w.contains("text"))
            .any(|w| {
                [
                    "photo", "image", "img", "figure", "picture", "caption", "pic",
                ]
                .iter()
                .any(|k| w.contains(k))
            })
    }

    /// The normalized inline content of `id`.
    fn rich(&mut self, id: NodeId) -> RichText {
        let mut ic = InlineCollector::new(self.dom, self.base);
        let mut raw = Vec::new();
        ic.children(id, &mut raw, false);
        let images = ic.images;
        let text = finish(raw);
        self.pending_images.extend(images);
        text
    }

    fn paragraph(&mut self, id: NodeId) {
        if self.stats.has_block(id) && !self.dom.is(id, "p") {
            for c in self.dom.children(id) {
                self.node(c);
            }
            self.flush();
            return;
        }
        let text = self.rich(id);
        let images = std::mem::take(&mut self.pending_images);
        if !text.is_blank() {
            let words = text.word_count();
            let ld = link_density(&text);
            let plain = text.plain_text();
            // An address the author printed ("info@…", "http://www.…") is text, not navigation.
            let address = words <= 3 && plain.split_whitespace().any(looks_like_address);
            let keep = address
                || !(ld > 0.9 && words <= 12
                    || ld > 0.6 && words <= 4
                    || ld > 0.3 && is_teaser(&plain));
            if keep {
                self.paragraphs_split_on_double_break(text);
            }
        }
        for img in images {
            self.image(img, None);
        }
    }

    fn list(&mut self, id: NodeId, ordered: bool) {
        // A list is navigation when its links are three quarters of its text;
        // items that describe their link ("Report: JT 13h, France 2") are content.
        let text = self.stats.text(id);
        if text > 0 && self.stats.links(id) * 100 > text * 75 && text < 2000 {
            return;
        }
        let mut items = Vec::new();
        for li in self.dom.element_children(id) {
            if self.stats.removed(li) {
                continue;
            }
            let text = self.rich(li);
            if !text.is_blank() {
                items.push(text);
            }
        }
        let images = std::mem::take(&mut self.pending_images);
        if !items.is_empty() {
            self.blocks.push(Block::List { ordered, items });
        }
        for img in images {
            self.image(img, None);
        }
    }

    /// Skips a quote that is a link card; see [`QUOTE_CARD_CHARS`].
    fn blockquote(&mut self, id: NodeId) {
        let dom = self.dom;
        let class = dom.attr(id, "class").unwrap_or("").to_ascii_lowercase();
        if class.contains("twitter-tweet")
            || class.contains("instagram-media")
            || class.contains("tiktok")
        {
            let url = dom
                .attr_nonempty(id, "data-instgrm-permalink")
                .or_else(|| dom.attr_nonempty(id, "cite"))
                .map(str::to_owned)
                .or_else(|| {
                    dom.find_all(id, "a")
                        .filter_map(|a| dom.attr_nonempty(a, "href"))
                        .filter(|h| {
                            h.contains("/status/")
                                || h.contains("instagram.com/p/")
                                || h.contains("tiktok.com/")
                        })
                        .last()
                        .map(str::to_owned)
                });
            if let Some(url) = url.and_then(|u| absolute(self.base, &u)) {
                self.blocks.push(Block::Embed {
                    kind: EmbedKind::Post,
                    url,
                    title: None,
                });
                return;
            }
        }
        // A quote that is all link is a card for another page (WordPress's
        // embedded posts, "read also" cards), not a quotation.
        let text = self.stats.text(id);
        if text > 0 && text < QUOTE_CARD_CHARS && self.stats.links(id) * 10 >= text * 8 {
            return;
        }
        // Paragraphs of a quote become lines of one quote block.
        let mut raw = Vec::new();
        let mut ic = InlineCollector::new(dom, self.base);
        let mut cite = None;
        let last_block = dom
            .children(id)
            .filter(|&c| dom.name(c).is_some() || dom.text(c).is_some_and(|t| !t.trim().is_empty()))
            .last();
        for c in dom.children(id) {
            let is_last = Some(c) == last_block && dom.name(c).is_some();
            let text = if matches!(dom.name(c), Some("footer" | "cite")) || is_last {
                clean(&dom.text_content(c))
            } else {
                String::new()
            };
            // "— Name" closing a quote is its attribution.
            let attribution = is_last && text.starts_with(['—', '–']) && text.chars().count() < 120;
            if matches!(dom.name(c), Some("footer" | "cite")) || attribution {
                cite = Some(text.trim_start_matches(['—', '–', '-', ' ']).to_owned())
                    .filter(|s| !s.is_empty());
                continue;
            }
            if dom.name(c).is_some_and(is_block) && !raw.is_empty() {
                raw.push(Inline::Break);
            }
            ic.node(c, &mut raw, false);
        }
        let text = finish(raw);
        if !text.is_blank() {
            self.blocks.push(Block::Quote { text, cite });
        }
        for img in ic.images {
            self.image(img, None);
        }
    }

    fn pre(&mut self, id: NodeId) {
        let raw = self.dom.text_content(id);
        let mut inl = Vec::new();
        for (i, line) in raw.trim_matches('\n').lines().enumerate() {
            if i > 0 {
                inl.push(Inline::Break);
            }
            inl.push(Inline::Text(line.to_owned()));
        }
        let text = finish(inl);
        if !text.is_blank() {
            self.blocks.push(Block::Paragraph { text });
        }
    }

    fn table(&mut self, id: NodeId) {
        let dom = self.dom;
        if self.is_figure_like(id) {
            self.figure(id);
            return;
        }
        let rows: Vec<NodeId> = dom
            .descendants(id)
            .filter(|&d| dom.is(d, "tr") && nearest_table(dom, d) == Some(id))
            .collect();
        let layout = dom.descendants(id).any(|d| {
            matches!(
                dom.name(d),
                Some(
                    "table"
                        | "p"
                        | "div"
                        | "ul"
                        | "ol"
                        | "h1"
                        | "h2"
                        | "h3"
                        | "figure"
                        | "blockquote"
                )
            )
        });
        if layout || rows.is_empty() {
            for c in dom.children(id) {
                self.node(c);
            }
            self.flush();
            return;
        }
        if self.is_link_list(id) {
            return;
        }
        let mut out: Vec<Vec<RichText>> = Vec::new();
        let mut header = false;
        for (i, tr) in rows.iter().enumerate() {
            let cells: Vec<NodeId> = dom
                .element_children(*tr)
                .filter(|&c| matches!(dom.name(c), Some("td" | "th")))
                .collect();
            if i == 0 {
                header = !cells.is_empty() && cells.iter().all(|&c| dom.is(c, "th"))
                    || dom.is(dom.parent(*tr), "thead");
            }
            let row: Vec<RichText> = cells.iter().map(|&c| self.rich(c)).collect();
            if row.iter().any(|c| !c.is_blank()) {
                out.push(row);
            }
        }
        let images = std::mem::take(&mut self.pending_images);
        if !out.is_empty() {
            self.blocks.push(Block::Table { header, rows: out });
        }
        for img in images {
            self.image(img, None);
        }
    }

    fn figure(&mut self, id: NodeId) {
        let dom = self.dom;
        let imgs: Vec<NodeId> = dom
            .descendants(id)
            .filter(|&d| matches!(dom.name(d), Some("img")) && !self.stats.removed(d))
            .collect();
        let caption_node = dom
            .descendants(id)
            .find(|&d| dom.is(d, "figcaption"))
            .or_else(|| {
                dom.descendants(id).find(|&d| {
                    dom.name(d).is_some()
                        && dom.attr(d, "class").is_some_and(|c| {
                            let c = c.to_ascii_lowercase();
                            c.contains("caption")
                                || c.contains("desc")
                                || c.contains("chuthich")
                                || c.contains("chu-thich")
                                || c.contains("chu_thich")
                                || c == "image"
                        })
                })
            });
        let mut caption = caption_node.map(|c| self.caption(c));
        // An image table or box without a marked caption: its text is the caption.
        if caption.is_none() && !dom.is(id, "figure") && self.stats.text(id) > 0 {
            caption = Some(self.caption(id));
        }
        if imgs.is_empty() && dom.is(id, "figure") && self.holds_text_blocks(id, caption_node) {
            // A figure around a table, a pull quote or a code listing (WordPress
            // writes every table block as `<figure class="wp-block-table">`):
            // its blocks are article text, its caption a paragraph after them.
            for c in dom.children(id) {
                if Some(c) != caption_node {
                    self.node(c);
                }
            }
            self.flush();
            if let Some(cap) = caption.and_then(|c| c.0) {
                self.blocks.push(Block::Paragraph { text: cap });
            }
            return;
        }
        if imgs.is_empty() {
            // A figure holding a video or an embed.
            if let Some(e) = dom
                .descendants(id)
                .find(|&d| matches!(dom.name(d), Some("iframe" | "video" | "embed" | "object")))
            {
                self.embed(e);
            } else if let Some(noscript) = dom.find_all(id, "noscript").next() {
                self.image(noscript, caption);
            } else if let Some(cap) = caption.and_then(|c| c.0) {
                if dom.find_all(id, "picture").next().is_none() {
                    self.blocks.push(Block::Paragraph { text: cap });
                }
            }
            return;
        }
        let n = imgs.len();
        for (i, img) in imgs.into_iter().enumerate() {
            let cap = if i + 1 == n { caption.clone() } else { None };
            self.image(img, cap);
        }
    }

    /// True when `id` holds a table, quote, list, listing or paragraph
    /// outside its caption and no picture (a lazy image's `<noscript>`
    /// fallback counts as one).
    fn holds_text_blocks(&self, id: NodeId, caption: Option<NodeId>) -> bool {
        let dom = self.dom;
        let mut blocks = false;
        for d in dom.descendants(id) {
            match dom.name(d) {
                Some("picture" | "noscript" | "video" | "iframe" | "embed" | "object") => {
                    return false
                }
                Some("table" | "blockquote" | "pre" | "ul" | "ol" | "dl" | "p")
                    if caption.is_none_or(|c| !dom.ancestors(d).any(|a| a == c)) =>
                {
                    blocks = true;
                }
                _ => {}
            }
        }
        blocks
    }

    /// Caption text and credit ("Ảnh: Reuters", a `.credit` element).
    fn caption(&mut self, id: NodeId) -> (Option<RichText>, Option<String>) {
        let dom = self.dom;
        let mut credit = dom
            .descendants(id)
            .find(|&d| {
                dom.attr(d, "class").is_some_and(|c| {
                    let c = c.to_ascii_lowercase();
                    c.contains("credit")
                        || c.contains("copyright")
                        || c.contains("source")
                        || c.contains("author")
                })
            })
            .map(|d| (d, clean(&dom.text_content(d))));
        let mut ic = InlineCollector::new(dom, self.base);
        let mut raw = Vec::new();
        for d in dom.children(id) {
            if credit.as_ref().is_some_and(|(c, _)| *c == d) {
                continue;
            }
            if let Some((c, _)) = &credit {
                if dom.ancestors(*c).any(|a| a == d) {
                    let mut sub = Vec::new();
                    collect_except(&mut ic, d, *c, &mut sub);
                    raw.extend(sub);
                    continue;
                }
            }
            ic.node(d, &mut raw, false);
        }
        let mut text = finish(raw);
        if credit.is_none() {
            if let Some((rest, who)) = split_credit(&text.plain_text()) {
                credit = Some((crate::dom::NONE, who));
                text = RichText::plain(rest);
            }
        }
        let credit = credit
            .map(|(_, c)| strip_credit_label(&c))
            .filter(|c| !c.is_empty());
        let text = (!text.is_blank()).then_some(text);
        (text, credit)
    }

    fn image(&mut self, id: NodeId, caption: Option<(Option<RichText>, Option<String>)>) {
        let Some(mut fig) = figure_of(self.dom, self.base, id) else {
            return;
        };
        if let Some((cap, credit)) = caption {
            fig.caption = cap;
            fig.credit = credit;
        }
        self.blocks.push(Block::Figure(fig));
    }

    fn embed(&mut self, id: NodeId) {
        let dom = self.dom;
        let src = dom
            .attr_nonempty(id, "src")
            .or_else(|| dom.attr_nonempty(id, "data-src"))
            .or_else(|| dom.attr_nonempty(id, "data"))
            .map(str::to_owned)
            .or_else(|| {
                dom.find_all(id, "source")
                    .find_map(|s| dom.attr_nonempty(s, "src"))
                    .map(str::to_owned)
            });
        let Some(url) = src.and_then(|s| absolute(self.base, &s)) else {
            return;
        };
        let lower = url.to_ascii_lowercase();
        if [
            "doubleclick",
            "adsystem",
            "adserver",
            "googlesyndication",
            "adservice",
            "/ads/",
            "about:blank",
        ]
        .iter()
        .any(|k| lower.contains(k))
        {
            return;
        }
        let kind = if dom.is(id, "video") {
            EmbedKind::Video
        } else {
            embed_kind(&lower)
        };
        let title = dom.attr_nonempty(id, "title").map(clean);
        self.blocks.push(Block::Embed { kind, url, title });
    }
}

fn collect_except(ic: &mut InlineCollector<'_>, id: NodeId, except: NodeId, out: &mut Vec<Inline>) {
    for c in ic.dom.children(id) {
        if c == except {
            continue;
        }
        if ic.dom.ancestors(except).any(|a| a == c) {
            collect_except(ic, c, except, out);
        } else {
            ic.node(c, out, false);
        }
    }
}

/// Labels of links to other articles printed inside the body.
const TEASERS: &[&str] = &[
    "read more",
    "read also",
    "also read",
    "see also",
    "related:",
    "more:",
    "lea también",
    "lea más",
    "lea:",
    "vea también",
    "le puede interesar",
    "te puede interesar",
    "lee también",
    "lesen sie auch",
    "lesen sie mehr",
    "mehr zum thema",
    "auch interessant",
    "das könnte",
    "lire aussi",
    "à lire aussi",
    "a lire aussi",
    "voir aussi",
    "leia também",
    "leia mais",
    "leggi anche",
    "xem thêm",
    "đọc thêm",
    "tin liên quan",
    "mời xem",
    "click here",
    "read:",
    "read next",
    "related stories",
    "don't miss",
    "don’t miss",
    "must read",
    "more on this",
    "czytaj też",
    "czytaj także",
    "czytaj więcej",
    "zobacz też",
    "zobacz także",
    "puedes ver",
    "mira también",
    "mira:",
    "mira |",
    "lee más",
    "lee:",
    "ver también",
    "veja também",
    "leia:",
    "siehe auch",
    "mehr lesen",
    "lees ook",
    "lees meer",
    "läs också",
    "læs også",
    "les også",
    "lue myös",
    "más información:",
    "weiterlesen",
    "zum artikel",
];

fn is_teaser(text: &str) -> bool {
    let lower: String = text
        .trim_start()
        .chars()
        .take(40)
        .collect::<String>()
        .to_lowercase();
    TEASERS.iter().any(|t| lower.starts_with(t))
}

/// "name@host.tld", "http://…", "www.host.tld".
fn looks_like_address(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    let lower = w.to_ascii_lowercase();
    lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("www.")
        || w.split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
}

fn nearest_table(dom: &Dom, id: NodeId) -> Option<NodeId> {
    dom.ancestors(id).find(|&a| dom.is(a, "table"))
}

/// A quote shorter than this (visible characters) whose text is four fifths
/// link is a card for another page (WordPress's embedded posts, "read also"
/// cards): it is dropped.
const QUOTE_CARD_CHARS: usize = 600;

#[cfg(test)]
mod tests {
    use super::is_teaser;

    #[test]
    fn teaser_labels_of_several_languages() {
        for t in [
            "Czytaj też: Wyścig zbrojeń ruszył z kopyta",
            "PUEDES VER: ¿Qué es la Sunedu?",
            "Siehe auch",
            "Read: How to go live",
            "MIRA | Kenji Fujimori: PJ concluye",
            "Lees ook: het nieuws",
        ] {
            assert!(is_teaser(t), "{t}");
        }
        for t in [
            "Mira Sorvino won the award",
            "Readers wrote to us",
            "Seeing is believing",
        ] {
            assert!(!is_teaser(t), "{t}");
        }
    }
}
