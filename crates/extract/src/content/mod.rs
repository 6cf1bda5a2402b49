//! Finding the article body and turning it into blocks.
//!
//! 1. Prune page chrome: navigation, asides, footers, forms, hidden elements and
//!    anything whose class, id or role names chrome (share bars, related links,
//!    cookie banners, comments, ads, newsletter boxes) unless it holds most of the text.
//! 2. Pick the container: a well-known body container (`articleBody`,
//!    `entry-content`, `fck_detail`, …) when it holds enough of the text, otherwise the
//!    best readability-style candidate (paragraph text, commas, class hints, link
//!    density) with its qualifying siblings.
//! 3. Write blocks, dropping link lists; fall back to every paragraph of the page,
//!    then to JSON-LD `articleBody`, when the result is too short.

mod blocks;
mod hints;
mod inline;
mod media;

pub(crate) use hints::{CONTENT as CONTENT_KEYS, NEGATIVE as NEGATIVE_KEYS};
pub(crate) use inline::{finish, InlineCollector};
pub(crate) use media::{split_credit, strip_credit_label};

use article::Block;

use crate::dom::{Dom, NodeId, NONE};
use crate::select::Selector;
use blocks::BlockWriter;

/// Cached flag: the element never carries article text.
const SKIP: u8 = 1;
/// Cached flag: the element breaks a paragraph.
const BLOCK: u8 = 2;

/// Classifies every node once, so the many later walks test a bit instead of
/// matching names and attributes again. `may_have_panels` is false when the
/// page's source holds no `aria-controls` (no collapsed panel to look for).
pub(crate) fn classify(dom: &mut Dom, may_have_panels: bool) {
    crate::work::nodes(dom.len());
    let panels = if may_have_panels {
        collapsed_panels(dom)
    } else {
        std::collections::HashSet::new()
    };
    let flags = (0..dom.len() as NodeId)
        .map(|id| {
            let mut f = 0;
            // Hidden, unless a button opens it.
            let skip = skip_by_name(dom, id)
                || (hints::is_hidden(dom, id)
                    && !dom.attr(id, "id").is_some_and(|i| panels.contains(i)));
            if skip {
                f |= SKIP;
            }
            if dom.name(id).is_some_and(inline::is_block) {
                f |= BLOCK;
            }
            f
        })
        .collect();
    dom.set_flags(flags);
    let counts = (0..dom.len() as NodeId)
        .map(|id| match dom.text(id) {
            // Text of elements that never carry article text (scripts, JSON-LD,
            // form controls) counts for nothing: `Stats` zeroes those elements.
            Some(_) if skip_always(dom, dom.parent(id)) => (0, 0),
            Some(t) => count_visible(t),
            None => (0, 0),
        })
        .collect();
    dom.set_counts(counts);
    dom.intern_classes();
}

/// True when `id` is an element that breaks a paragraph.
pub(crate) fn is_block_node(dom: &Dom, id: NodeId) -> bool {
    match dom.flags(id) {
        Some(f) => f & BLOCK != 0,
        None => dom.name(id).is_some_and(inline::is_block),
    }
}

/// Elements that never carry article text.
pub(crate) fn skip_always(dom: &Dom, id: NodeId) -> bool {
    match dom.flags(id) {
        Some(f) => f & SKIP != 0,
        None => skip_uncached(dom, id),
    }
}

/// The ids of collapsed panels: elements that a button with `aria-expanded`
/// opens (`aria-controls`), such as the answers of a FAQ or the sections of
/// an accordion. They are hidden until the reader clicks, but they are the
/// page's text, not hidden chrome.
fn collapsed_panels(dom: &Dom) -> std::collections::HashSet<String> {
    let mut ids = std::collections::HashSet::new();
    for id in 0..dom.len() as NodeId {
        if dom.name(id).is_none() || dom.attr(id, "aria-expanded").is_none() {
            continue;
        }
        if let Some(c) = dom.attr(id, "aria-controls") {
            ids.extend(c.split_ascii_whitespace().map(str::to_owned));
        }
    }
    ids
}

fn skip_uncached(dom: &Dom, id: NodeId) -> bool {
    skip_by_name(dom, id) || hints::is_hidden(dom, id)
}

/// Elements that never carry article text, by their name.
fn skip_by_name(dom: &Dom, id: NodeId) -> bool {
    matches!(
        dom.name(id),
        Some(
            "script"
                | "style"
                | "noscript"
                | "template"
                | "svg"
                | "math"
                | "canvas"
                | "button"
                | "select"
                | "input"
                | "textarea"
                | "option"
                | "optgroup"
                | "datalist"
                | "head"
                | "title"
                | "meta"
                | "link"
                | "map"
                | "area"
                | "source"
                | "track"
                | "param"
                | "base"
                | "dialog"
                | "rt"
                | "rp"
        )
    )
}

/// Per-node text measurements, computed bottom-up in one pass.
pub(crate) struct Stats {
    text: Vec<u32>,
    links: Vec<u32>,
    commas: Vec<u32>,
    paragraphs: Vec<u32>,
    /// Prose in paragraph-like elements of some length and few links.
    good: Vec<u32>,
    has_block: Vec<bool>,
    removed: Vec<bool>,
}

/// Characters that are not whitespace, and the commas among them (Latin,
/// CJK and Arabic). ASCII text, most of every page, is counted byte by byte.
fn count_visible(t: &str) -> (u32, u32) {
    let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
    if t.is_ascii() {
        let b = t.as_bytes();
        let spaces = b
            .iter()
            .filter(|&&x| matches!(x, b' ' | b'\t'..=b'\r'))
            .count();
        let commas = b.iter().filter(|&&x| x == b',').count();
        return (n(b.len() - spaces), n(commas));
    }
    let mut len = 0usize;
    let mut commas = 0usize;
    for c in t.chars() {
        if !c.is_whitespace() {
            len += 1;
            if matches!(c, ',' | '，' | '、' | '،') {
                commas += 1;
            }
        }
    }
    (n(len), n(commas))
}

impl Stats {
    pub(crate) fn compute(dom: &Dom) -> Stats {
        let n = dom.len();
        crate::work::nodes(n);
        let mut s = Stats {
            text: vec![0; n],
            links: vec![0; n],
            commas: vec![0; n],
            paragraphs: vec![0; n],
            good: vec![0; n],
            has_block: vec![false; n],
            removed: vec![false; n],
        };
        // Children always come after their parent in the arena.
        for id in (1..n as NodeId).rev() {
            let i = id as usize;
            if let Some(t) = dom.text(id) {
                let (len, commas) = dom.counts(id).unwrap_or_else(|| count_visible(t));
                s.text[i] = len;
                s.commas[i] = commas;
                // Text written straight into a container (between <br>s) is prose too.
                if len >= 25 {
                    s.good[i] = len;
                }
            } else if let Some(name) = dom.name(id) {
                if skip_always(dom, id) {
                    s.text[i] = 0;
                    s.links[i] = 0;
                    s.commas[i] = 0;
                    s.paragraphs[i] = 0;
                    s.good[i] = 0;
                    continue;
                }
                if name == "a" {
                    s.links[i] = s.text[i];
                    // Paragraphs inside a link are a teaser, not prose.
                    s.good[i] = 0;
                }
                if name == "p" && s.text[i] >= 25 {
                    s.paragraphs[i] += 1;
                }
                let paragraph_like = match name {
                    "p" | "pre" | "td" | "blockquote" | "li" | "dd" => true,
                    "div" | "section" | "span" | "font" | "center" => !s.has_block[i],
                    _ => false,
                };
                let prose = s.text[i].saturating_sub(s.links[i]);
                if paragraph_like && s.text[i] >= 40 && s.links[i] * 10 < s.text[i] * 3 {
                    s.good[i] = prose;
                }
            }
            let parent = dom.parent(id);
            if parent == NONE {
                continue;
            }
            let p = parent as usize;
            if p < n {
                s.text[p] += s.text[i];
                s.links[p] += s.links[i];
                s.commas[p] += s.commas[i];
                s.paragraphs[p] += s.paragraphs[i];
                s.good[p] += s.good[i];
                if s.has_block[i] || is_block_node(dom, id) {
                    s.has_block[p] = true;
                }
            }
        }
        s
    }

    pub(crate) fn text(&self, id: NodeId) -> usize {
        self.text.get(id as usize).map_or(0, |&v| v as usize)
    }
    pub(crate) fn links(&self, id: NodeId) -> usize {
        self.links.get(id as usize).map_or(0, |&v| v as usize)
    }
    fn commas(&self, id: NodeId) -> usize {
        self.commas.get(id as usize).map_or(0, |&v| v as usize)
    }
    pub(crate) fn paragraphs(&self, id: NodeId) -> usize {
        self.paragraphs.get(id as usize).map_or(0, |&v| v as usize)
    }
    fn good(&self, id: NodeId) -> usize {
        self.good.get(id as usize).map_or(0, |&v| v as usize)
    }
    pub(crate) fn has_block(&self, id: NodeId) -> bool {
        self.has_block.get(id as usize).copied().unwrap_or(false)
    }
    pub(crate) fn removed(&self, id: NodeId) -> bool {
        self.removed.get(id as usize).copied().unwrap_or(false)
    }
    fn link_density(&self, id: NodeId) -> f32 {
        let t = self.text(id);
        if t == 0 {
            0.0
        } else {
            self.links(id) as f32 / t as f32
        }
    }
    /// Visible text outside links.
    fn prose(&self, id: NodeId) -> usize {
        self.text(id).saturating_sub(self.links(id))
    }
}

/// Removes page chrome from the tree. A page that declares itself an
/// article (`declares_article`) never has its readers' comments taken as the
/// page, and the stories an endless scroll appends after the article whose
/// headline is `title` go.
pub(crate) fn prune(dom: &mut Dom, remove: &[Selector], declares_article: bool, title: &str) {
    let stats = Stats::compute(dom);
    let body = dom.body();
    let total = stats.good(body).max(1);
    let mut doomed = Vec::new();
    let mut seen = hints::ChromeWords::default();
    // The posts of a thread that is the page are its text, whatever their names.
    let mut thread = NONE;
    let mut checked_parent = NONE;
    // Set when a declared article's comments were refused as its thread.
    let mut refused = false;
    let mut id = dom.first_child(body);
    while id != NONE {
        let mut drop = false;
        // A thread that is the page: one container of posts, or the posts
        // themselves as siblings (each a "comment" by name).
        if thread == NONE && !refused && dom.name(id).is_some() && hints::is_comments(dom, id) {
            let mut found = NONE;
            if holds_the_page(stats.good(id), total) {
                found = id;
            } else if dom.parent(id) != checked_parent {
                checked_parent = dom.parent(id);
                if holds_the_page(same_kind_siblings_good(dom, &stats, id), total) {
                    found = checked_parent;
                }
            }
            // A page that says it is one article keeps its article outside
            // the readers' comments: their thread is never the page (a live
            // ticker's entries, or an article in a wrapper named for a
            // comment feature, carry no reply links or avatars).
            if found != NONE && declares_article && hints::has_reader_comments(dom, found) {
                refused = true;
            } else {
                thread = found;
            }
        }
        let post_of_thread = |id: NodeId| {
            thread != NONE && hints::is_comments(dom, id) && dom.ancestors(id).any(|a| a == thread)
        };
        if let Some(name) = dom.name(id) {
            drop = remove.iter().any(|s| s.matches(dom, id))
                || skip_always(dom, id) && !matches!(name, "noscript" | "source" | "track")
                || matches!(name, "nav" | "footer" | "menu" | "dialog")
                // Some layouts put the article itself in an <aside>.
                || (name == "aside" && stats.good(id) * 10 < total * 4)
                // A form around the whole page (ASP.NET, forum software) is no sign-up form.
                || (name == "form" && stats.paragraphs(id) == 0 && stats.good(id) * 10 < total * 4)
                || (!matches!(name, "article" | "main" | "body" | "html")
                    && !inside_paragraph(dom, &stats, id)
                    && hints::is_chrome(dom, id, &mut seen)
                    && !post_of_thread(id)
                    && (stats.good(id) * 10 < total * 4
                        || (hints::is_comments(dom, id) && thread != id)
                        || (stats.good(id) * 10 < total * 8 && hints::is_strong_chrome(dom, id))));
        }
        if drop {
            doomed.push(id);
            id = dom.next_skipping_children(body, id);
        } else {
            let child = dom.first_child(id);
            id = if child != NONE {
                child
            } else {
                dom.next_skipping_children(body, id)
            };
        }
    }
    doomed.extend(next_stories(dom, title));
    for d in doomed {
        dom.detach(d);
    }
}

/// The stories an endless scroll appends to the page: when the headlines
/// (`<h1>`) of two or more `<article>` elements follow each other, and the
/// first one is the page's `title`, each later article (the nearest
/// `<article>` around a headline that is not the title) is the next page's.
/// Reads at most [`NEXT_STORIES_MAX`] headlines.
fn next_stories(dom: &Dom, title: &str) -> Vec<NodeId> {
    let title = crate::text::clean(title).to_lowercase();
    if title.is_empty() {
        return Vec::new();
    }
    let own = |h1: NodeId| crate::text::clean(&dom.text_content(h1)).to_lowercase() == title;
    let mut first = true;
    let mut out: Vec<NodeId> = Vec::new();
    for h1 in dom.find_all(dom.body(), "h1").take(NEXT_STORIES_MAX) {
        let Some(article) = dom.ancestors(h1).find(|&a| dom.is(a, "article")) else {
            continue;
        };
        if first {
            if !own(h1) {
                return Vec::new();
            }
            first = false;
        } else if !own(h1)
            && !out.contains(&article)
            && !dom.ancestors(h1).any(|a| out.contains(&a))
        {
            out.push(article);
        }
    }
    // An article around the page's own headline is not a next story.
    out.retain(|&a| !dom.find_all(a, "h1").any(own));
    out
}

/// Articles read by [`next_stories`].
const NEXT_STORIES_MAX: usize = 64;

/// True when `inside` (characters of good prose) is all but a few lines of the page's prose: a thread
/// of posts that is the page (a forum topic, a discussion), or an article
/// in a wrapper named for a comment feature ("commentOnSelection"). The
/// comments under an article leave the article outside them.
fn holds_the_page(inside: usize, total: usize) -> bool {
    inside * 10 >= total * 8 && total - inside.min(total) < THREAD_OUTSIDE_MAX
}

/// The good prose of `id` and its siblings of the same tag and class (the
/// posts of a thread printed one after another), reading at most
/// [`THREAD_POSTS_MAX`] siblings.
fn same_kind_siblings_good(dom: &Dom, stats: &Stats, id: NodeId) -> usize {
    let (name, class) = (dom.name(id), dom.attr(id, "class"));
    if class.is_none_or(|c| c.trim().is_empty()) {
        return stats.good(id);
    }
    dom.element_children(dom.parent(id))
        .take(THREAD_POSTS_MAX)
        .filter(|&s| dom.name(s) == name && dom.attr(s, "class") == class)
        .map(|s| stats.good(s))
        .sum()
}

/// Good prose (characters) that may lie outside a thread that is the page.
const THREAD_OUTSIDE_MAX: usize = 1000;
/// Siblings read when the posts of a thread are siblings.
const THREAD_POSTS_MAX: usize = 1000;

/// True for a short inline element within a long paragraph's running text
/// ("<p><span class=dateline>KOBE – </span>A total of…"): part of a
/// sentence, whatever its class says.
fn inside_paragraph(dom: &Dom, stats: &Stats, id: NodeId) -> bool {
    if is_block_node(dom, id) {
        return false;
    }
    dom.ancestors(id)
        .find(|&a| is_block_node(dom, a))
        .is_some_and(|a| {
            dom.is(a, "p") && stats.prose(a) >= 60 && stats.text(id) * 5 < stats.text(a)
        })
}

/// Where the body is: the nodes to write, in order.
fn choose(dom: &Dom, stats: &Stats, lead: Option<NodeId>) -> Vec<NodeId> {
    let body = dom.body();
    let read = readability(dom, stats, body, lead);
    let read_text: usize = read.iter().map(|&n| stats.prose(n)).sum();
    // Well-known containers, strongest tier first.
    let mut best_hint: Option<(usize, usize, NodeId)> = None;
    for d in dom.descendants(body) {
        // The prose count is an array read; the class test is not.
        let text = stats.prose(d);
        if text < 100 {
            continue;
        }
        if let Some(tier) = hints::body_hint_tier(dom, d) {
            let better = match best_hint {
                None => true,
                Some((t, len, _)) => tier < t || (tier == t && text > len),
            };
            if better {
                best_hint = Some((tier, text, d));
            }
        }
    }
    let article = dom
        .find_all(body, "article")
        .max_by_key(|&a| stats.prose(a))
        .filter(|&a| stats.prose(a) >= 100);
    let hint_tier = best_hint.map(|(t, _, _)| t);
    let hint = match (best_hint, article) {
        (Some((t, _, n)), _) if t <= 1 => Some(n),
        (_, Some(a)) => Some(a),
        (Some((_, _, n)), None) => Some(n),
        (None, None) => None,
    };
    let total_good = stats.good(body);
    let read_good: usize = read.iter().map(|&n| stats.good(n)).sum();
    if let Some(h) = hint {
        let share = if hint_tier == Some(0) && best_hint.is_some_and(|(_, _, n)| n == h) {
            TIER0_SHARE_TENTHS
        } else {
            HINT_SHARE_TENTHS
        };
        if stats.prose(h) * 10 >= read_text * 4 && stats.good(h) * 10 >= total_good * share {
            return with_siblings(dom, stats, h, lead);
        }
    }
    if !read.is_empty() && read_good * 10 >= total_good * READ_SHARE_TENTHS {
        return read;
    }
    vec![coverage(dom, stats, body)]
}

/// The container plus siblings that hold prose of their own (split bodies).
fn with_siblings(dom: &Dom, stats: &Stats, chosen: NodeId, lead: Option<NodeId>) -> Vec<NodeId> {
    let node = unwrap_up(dom, stats, chosen);
    let parent = dom.parent(node);
    if parent == NONE || dom.name(parent).is_none() || parent == dom.body() {
        return vec![node];
    }
    let own = stats.prose(node).max(1);
    // Above a wrapper, only wrappers of the same kind are parts of the body
    // (content blocks of a CMS: "div.csc-default" after "div.csc-default").
    let same_kind = |s: NodeId| {
        node == chosen
            || (dom.name(s) == dom.name(node) && dom.attr(s, "class") == dom.attr(node, "class"))
    };
    let mut out = Vec::new();
    for s in dom.children(parent) {
        let joins = Some(s) != lead
            && dom.name(s).is_some()
            && stats.prose(s) * 100 >= own * SIBLING_SHARE_PERCENT
            && stats.link_density(s) < 0.3
            && same_kind(s);
        if s == node || joins {
            out.push(s);
        }
    }
    out
}

/// The outermost wrapper that holds nothing with text but `node` ("<div
/// class=csc-default><article>…</article></div>"): the level at which the
/// other parts of a split body are its siblings.
fn unwrap_up(dom: &Dom, stats: &Stats, node: NodeId) -> NodeId {
    let mut cur = node;
    loop {
        let parent = dom.parent(cur);
        if parent == NONE || parent == dom.body() || dom.name(parent).is_none() {
            return cur;
        }
        if stats.text(parent) > stats.text(cur) {
            return cur;
        }
        cur = parent;
    }
}

/// A sibling of the body container joins it when it holds this share (percent) of its prose.
const SIBLING_SHARE_PERCENT: usize = 5;
/// A well-known container is trusted when it holds this share (tenths) of the good prose.
const HINT_SHARE_TENTHS: usize = 5;
/// The strongest well-known containers are trusted from this share (tenths).
const TIER0_SHARE_TENTHS: usize = 3;
/// The readability candidate is trusted when it holds this share (tenths) of the good prose.
const READ_SHARE_TENTHS: usize = 6;
/// Otherwise the deepest element holding this share (percent) of the good prose is the body.
const COVERAGE_PERCENT: usize = 80;

/// The deepest element holding most of the page's good prose.
fn coverage(dom: &Dom, stats: &Stats, body: NodeId) -> NodeId {
    let total = stats.good(body);
    let mut cur = body;
    'down: loop {
        for c in dom.element_children(cur) {
            if stats.good(c) * 100 >= total * COVERAGE_PERCENT && total > 0 {
                cur = c;
                continue 'down;
            }
        }
        return cur;
    }
}

/// Readability-style candidate scoring; returns the best candidate and its siblings.
fn readability(dom: &Dom, stats: &Stats, body: NodeId, lead: Option<NodeId>) -> Vec<NodeId> {
    let mut scores: std::collections::HashMap<NodeId, f32> = std::collections::HashMap::new();
    for e in dom.descendants(body) {
        let paragraph_like = match dom.name(e) {
            Some("p" | "pre" | "td" | "blockquote") => true,
            Some("div" | "section" | "span") => !stats.has_block(e),
            Some(_) => false,
            // A text run directly inside a container that also holds blocks.
            None => stats.has_block(dom.parent(e)) && dom.text(e).is_some(),
        };
        if !paragraph_like {
            continue;
        }
        let t = stats.text(e);
        if t < 25 {
            continue;
        }
        let score = 1.0 + stats.commas(e) as f32 + (t as f32 / 100.0).min(3.0);
        let mut level = 0;
        let mut a = dom.parent(e);
        while a != NONE && level < 5 {
            if dom.name(a).is_none() {
                break;
            }
            let entry = scores.entry(a).or_insert_with(|| initial_score(dom, a));
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            *entry += score / div;
            if a == body {
                break;
            }
            level += 1;
            a = dom.parent(a);
        }
    }
    let final_score = |n: NodeId, s: f32| s * (1.0 - stats.link_density(n));
    let Some((best, best_score)) = scores
        .iter()
        .map(|(&n, &s)| (n, final_score(n, s)))
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
    else {
        return Vec::new();
    };
    let parent = dom.parent(best);
    if parent == NONE || best == body {
        return vec![best];
    }
    let threshold = (best_score * 0.2).max(10.0);
    let best_class = dom.attr(best, "class");
    let mut out = Vec::new();
    for s in dom.children(parent) {
        if s == best {
            out.push(s);
            continue;
        }
        if Some(s) == lead {
            continue;
        }
        let Some(name) = dom.name(s) else { continue };
        let mut bonus = 0.0;
        if best_class.is_some() && dom.attr(s, "class") == best_class {
            bonus = best_score * 0.2;
        }
        let sc = scores.get(&s).map_or(0.0, |&v| final_score(s, v));
        if sc + bonus >= threshold {
            out.push(s);
        } else if name == "p" {
            let t = stats.text(s);
            let ld = stats.link_density(s);
            let text = if t <= 80 {
                dom.text_content(s)
            } else {
                String::new()
            };
            if (t > 80 && ld < 0.25)
                || (t <= 80 && t > 0 && ld == 0.0 && text.trim_end().ends_with('.'))
            {
                out.push(s);
            }
        }
    }
    out
}

fn initial_score(dom: &Dom, id: NodeId) -> f32 {
    let base = match dom.name(id) {
        Some("div" | "article" | "main" | "section") => 5.0,
        Some("pre" | "td" | "blockquote") => 3.0,
        Some("address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form") => -3.0,
        Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th") => -5.0,
        _ => 0.0,
    };
    base + hints::class_weight(dom, id)
}

/// The standfirst that no class names: the first paragraph of prose printed
/// between the headline (the last `<h1>` before the body) and the body
/// container, outside both. Captions, link teasers and short lines are not one.
pub(crate) fn intro_before(dom: &Dom, body_start: NodeId, title: &str) -> Option<NodeId> {
    let title = crate::text::clean(title).to_lowercase();
    let stats_text = |n: NodeId| crate::text::visible_len(&dom.text_content(n));
    let mut after_h1 = false;
    let mut found = None;
    let around_body: std::collections::HashSet<NodeId> = dom.ancestors(body_start).collect();
    for d in dom.descendants(dom.body()) {
        if d == body_start {
            return found;
        }
        // The headline: an <h1>, or an <h2>/<h3> that prints the title.
        let headline = match dom.name(d) {
            Some("h1") => true,
            Some("h2" | "h3") => {
                !title.is_empty()
                    && crate::text::clean(&dom.text_content(d)).to_lowercase() == title
            }
            _ => false,
        };
        if headline {
            after_h1 = true;
            found = None;
            continue;
        }
        match dom.name(d) {
            Some("p" | "div" | "h2" | "h3" | "h4" | "h5" | "h6") if after_h1 && found.is_none() => {
                // A heading counts only when it is a paragraph in heading markup.
                if !matches!(dom.name(d), Some("p" | "div"))
                    && dom.text_content(d).split_whitespace().count() <= blocks::HEADING_WORDS
                {
                    continue;
                }
                // A div counts when it holds its text directly, without blocks.
                if dom.is(d, "div")
                    && (dom.children(d).any(|c| is_block_node(dom, c))
                        || !dom
                            .children(d)
                            .any(|c| dom.text(c).is_some_and(|t| !t.trim().is_empty())))
                {
                    continue;
                }
                let len = stats_text(d);
                let linked: usize = dom.find_all(d, "a").map(stats_text).sum();
                let in_caption = dom
                    .ancestors(d)
                    .any(|a| matches!(dom.name(a), Some("figure" | "figcaption" | "a" | "li")));
                if (60..=1000).contains(&len)
                    && linked * 5 < len
                    && !in_caption
                    && !in_author_box(dom, d, &around_body)
                {
                    found = Some(d);
                }
            }
            _ => {}
        }
    }
    None
}

/// True when `d` sits in a box about the author — a card, a tooltip or a
/// header block whose class or id names an author ("author-block",
/// "BlogAuthors", "author-editor-tooltip") — below the wrappers it shares
/// with the body (`around_body`): an author's description is no standfirst.
fn in_author_box(dom: &Dom, d: NodeId, around_body: &std::collections::HashSet<NodeId>) -> bool {
    let names_author = |v: &str| {
        v.as_bytes()
            .windows(6)
            .any(|w| w.eq_ignore_ascii_case(b"author"))
    };
    std::iter::once(d)
        .chain(dom.ancestors(d))
        .take_while(|a| !around_body.contains(a))
        .any(|a| {
            dom.attr(a, "class").is_some_and(names_author)
                || dom.attr(a, "id").is_some_and(names_author)
        })
}

/// The body blocks of a pruned document.
pub(crate) fn body_blocks(
    dom: &Dom,
    base: Option<&url::Url>,
    body_override: Option<&Selector>,
    json_ld_body: Option<&str>,
    lead: Option<NodeId>,
) -> (Vec<Block>, Vec<NodeId>) {
    let stats = Stats::compute(dom);
    let nodes = match body_override {
        Some(sel) => sel.select(dom),
        None => choose(dom, &stats, lead),
    };
    let mut writer = BlockWriter::new(dom, base, &stats);
    let single = nodes.len() == 1;
    let chosen = nodes.clone();
    for n in nodes {
        if single {
            writer.container(n);
        } else {
            writer.element(n);
        }
    }
    let mut blocks = writer.blocks;
    if body_override.is_some() {
        return (blocks, chosen);
    }
    let len = text_len(&blocks);
    if len < 250 {
        // Baseline: every paragraph-like element of the page.
        let body = dom.body();
        let mut w = BlockWriter::new(dom, base, &stats);
        let mut id = dom.first_child(body);
        while id != NONE {
            if matches!(
                dom.name(id),
                Some("p" | "blockquote" | "pre" | "h2" | "h3" | "h4")
            ) {
                w.element(id);
                id = dom.next_skipping_children(body, id);
            } else {
                let c = dom.first_child(id);
                id = if c != NONE {
                    c
                } else {
                    dom.next_skipping_children(body, id)
                };
            }
        }
        if text_len(&w.blocks) > len * 2 {
            blocks = w.blocks;
            return (blocks, vec![body]);
        }
    }
    if let Some(ld) = json_ld_body {
        if text_len(&blocks) < 250 && crate::text::visible_len(ld) > text_len(&blocks) * 2 {
            blocks = ld
                .split('\n')
                .map(crate::text::clean)
                .filter(|p| !p.is_empty())
                .map(|p| Block::Paragraph {
                    text: p.as_str().into(),
                })
                .collect();
        }
    }
    (blocks, chosen)
}

fn text_len(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .map(|b| crate::text::visible_len(&b.body_text()))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::count_visible;

    #[test]
    fn counts_visible_characters_and_commas_as_chars_would() {
        let reference = |t: &str| {
            let len = t.chars().filter(|c| !c.is_whitespace()).count();
            let commas = t
                .chars()
                .filter(|c| matches!(c, ',' | '，' | '、' | '،'))
                .count();
            (len as u32, commas as u32)
        };
        let mut all_specials = String::new();
        for c in ('\u{80}'..='\u{3100}').chain('\u{ff00}'..='\u{ff20}') {
            all_specials.push(c);
            all_specials.push('a');
        }
        for t in [
            "",
            "Hà Nội, mưa lớn",
            "a\u{a0}b\u{85}c\u{1680}d\u{2003}e\u{2028}f\u{202f}g\u{205f}h\u{3000}i",
            "一，二、三،四",
            "plain, ascii text\n",
            "Straße — „Zitat“ ¡olé!",
            all_specials.as_str(),
        ] {
            assert_eq!(count_visible(t), reference(t), "{t:?}");
        }
    }

    #[test]
    fn count_visible_agrees_on_ascii_and_unicode() {
        for t in [
            "",
            " a, b\t\r\n\x0b\x0c c ",
            "x\u{a0}y，z、 w،",
            "a,b,,",
            "  \n",
        ] {
            let slow = (
                t.chars().filter(|c| !c.is_whitespace()).count() as u32,
                t.chars()
                    .filter(|c| matches!(c, ',' | '，' | '、' | '،'))
                    .count() as u32,
            );
            assert_eq!(super::count_visible(t), slow, "{t:?}");
        }
    }
}
