//! A small arena DOM and a fast, forgiving HTML parser built for extraction.
//!
//! html5ever builds a spec-exact tree but spends most of an extraction's time
//! doing it; extraction only needs the element structure, attributes and text,
//! so this parser follows the HTML5 tree-construction rules that matter for
//! article pages (implicit `</p>`, `</li>`, table cells, raw-text elements,
//! void elements, misnested end tags) and skips the rest. Depth is capped so
//! every later walk is bounded.

mod entities;
#[cfg(test)]
mod html5lib;
mod parse;

pub(crate) use entities::{decode_attribute, decode_entities};
pub(crate) use parse::parse;

/// A lower-case tag or attribute name; common names are static, saving an allocation.
pub(crate) type Name = std::borrow::Cow<'static, str>;

/// Index of a node in the arena.
pub(crate) type NodeId = u32;
/// Sentinel for "no node".
pub(crate) const NONE: NodeId = u32::MAX;
/// The document node is always the first one.
pub(crate) const ROOT: NodeId = 0;

/// What a node holds.
#[derive(Debug)]
pub(crate) enum Data {
    /// The document itself.
    Document,
    /// An element with a lower-case name and its attributes (names lower-cased).
    Element {
        name: Name,
        attrs: Vec<(Name, Box<str>)>,
    },
    /// A text run, entities already decoded.
    Text(String),
}

/// A node with its links in the tree.
#[derive(Debug)]
pub(crate) struct Node {
    pub parent: NodeId,
    pub first_child: NodeId,
    pub last_child: NodeId,
    pub prev: NodeId,
    pub next: NodeId,
    pub data: Data,
}

/// The parsed document.
#[derive(Debug)]
pub(crate) struct Dom {
    nodes: Vec<Node>,
    /// Per-node classification bits cached by the extractor (empty until set).
    flags: Vec<u8>,
}

impl Dom {
    pub(crate) fn new() -> Self {
        let mut nodes = Vec::with_capacity(1024);
        nodes.push(Node {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            prev: NONE,
            next: NONE,
            data: Data::Document,
        });
        Dom {
            nodes,
            flags: Vec::new(),
        }
    }

    /// Caches one byte of classification per node (see `content::classify`).
    pub(crate) fn set_flags(&mut self, flags: Vec<u8>) {
        self.flags = flags;
    }

    /// The cached classification of `id`, if any was set.
    pub(crate) fn flags(&self, id: NodeId) -> Option<u8> {
        self.flags.get(id as usize).copied()
    }

    fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id as usize)
    }

    /// Appends a new node as the last child of `parent`.
    pub(crate) fn append(&mut self, parent: NodeId, data: Data) -> NodeId {
        let id = self.nodes.len() as NodeId;
        let prev = self.node(parent).map_or(NONE, |p| p.last_child);
        self.nodes.push(Node {
            parent,
            first_child: NONE,
            last_child: NONE,
            prev,
            next: NONE,
            data,
        });
        if let Some(p) = self.nodes.get_mut(prev as usize) {
            p.next = id;
        }
        if let Some(p) = self.nodes.get_mut(parent as usize) {
            if p.first_child == NONE {
                p.first_child = id;
            }
            p.last_child = id;
        }
        id
    }

    /// Inserts a new node as the previous sibling of `before`.
    pub(crate) fn insert_before(&mut self, before: NodeId, data: Data) -> NodeId {
        let Some(b) = self.node(before) else {
            return self.append(ROOT, data);
        };
        let (parent, prev) = (b.parent, b.prev);
        if parent == NONE {
            return self.append(ROOT, data);
        }
        let id = self.nodes.len() as NodeId;
        self.nodes.push(Node {
            parent,
            first_child: NONE,
            last_child: NONE,
            prev,
            next: before,
            data,
        });
        if let Some(b) = self.nodes.get_mut(before as usize) {
            b.prev = id;
        }
        if let Some(p) = self.nodes.get_mut(prev as usize) {
            p.next = id;
        } else if let Some(p) = self.nodes.get_mut(parent as usize) {
            p.first_child = id;
        }
        id
    }

    /// Appends `text` to a text node just before `before`; false when there is none.
    pub(crate) fn append_text_before(&mut self, before: NodeId, text: &str) -> bool {
        let prev = self.node(before).map_or(NONE, |n| n.prev);
        if let Some(Node {
            data: Data::Text(t),
            ..
        }) = self.nodes.get_mut(prev as usize)
        {
            t.push_str(text);
            return true;
        }
        false
    }

    /// Appends text to `parent`, merging with a preceding text node.
    pub(crate) fn append_text(&mut self, parent: NodeId, text: &str) {
        let last = self.node(parent).map_or(NONE, |p| p.last_child);
        if let Some(Node {
            data: Data::Text(t),
            ..
        }) = self.nodes.get_mut(last as usize)
        {
            t.push_str(text);
            return;
        }
        self.append(parent, Data::Text(text.to_owned()));
    }

    /// Unlinks a node (and its subtree) from its parent.
    pub(crate) fn detach(&mut self, id: NodeId) {
        let Some(n) = self.node(id) else { return };
        let (parent, prev, next) = (n.parent, n.prev, n.next);
        if parent == NONE {
            return;
        }
        if let Some(p) = self.nodes.get_mut(prev as usize) {
            p.next = next;
        } else if let Some(p) = self.nodes.get_mut(parent as usize) {
            p.first_child = next;
        }
        if let Some(n) = self.nodes.get_mut(next as usize) {
            n.prev = prev;
        } else if let Some(p) = self.nodes.get_mut(parent as usize) {
            p.last_child = prev;
        }
        if let Some(n) = self.nodes.get_mut(id as usize) {
            n.parent = NONE;
            n.prev = NONE;
            n.next = NONE;
        }
    }

    pub(crate) fn parent(&self, id: NodeId) -> NodeId {
        self.node(id).map_or(NONE, |n| n.parent)
    }

    pub(crate) fn first_child(&self, id: NodeId) -> NodeId {
        self.node(id).map_or(NONE, |n| n.first_child)
    }

    pub(crate) fn next_sibling(&self, id: NodeId) -> NodeId {
        self.node(id).map_or(NONE, |n| n.next)
    }

    /// The element's name, or `None` for text and the document.
    pub(crate) fn name(&self, id: NodeId) -> Option<&str> {
        match self.node(id).map(|n| &n.data) {
            Some(Data::Element { name, .. }) => Some(name),
            _ => None,
        }
    }

    /// True when `id` is an element called `name`.
    pub(crate) fn is(&self, id: NodeId, name: &str) -> bool {
        self.name(id).is_some_and(|n| same_name(n, name))
    }

    /// The text of a text node.
    pub(crate) fn text(&self, id: NodeId) -> Option<&str> {
        match self.node(id).map(|n| &n.data) {
            Some(Data::Text(t)) => Some(t),
            _ => None,
        }
    }

    pub(crate) fn attrs(&self, id: NodeId) -> &[(Name, Box<str>)] {
        match self.node(id).map(|n| &n.data) {
            Some(Data::Element { attrs, .. }) => attrs,
            _ => &[],
        }
    }

    /// The value of attribute `name` (lower-case).
    pub(crate) fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        self.attrs(id)
            .iter()
            .find(|(k, _)| same_name(k, name))
            .map(|(_, v)| &**v)
    }

    /// The non-empty, trimmed value of attribute `name`.
    pub(crate) fn attr_nonempty(&self, id: NodeId, name: &str) -> Option<&str> {
        self.attr(id, name).map(str::trim).filter(|v| !v.is_empty())
    }

    /// Iterates over the children of `id`.
    pub(crate) fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            dom: self,
            next: self.first_child(id),
        }
    }

    /// Iterates over the element children of `id`.
    pub(crate) fn element_children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.children(id).filter(|&c| self.name(c).is_some())
    }

    /// Pre-order walk of the subtree under `id` (excluding `id`).
    pub(crate) fn descendants(&self, id: NodeId) -> Descendants<'_> {
        Descendants {
            dom: self,
            root: id,
            next: self.first_child(id),
        }
    }

    /// Element descendants of `id` called `name`.
    pub(crate) fn find_all<'a>(
        &'a self,
        id: NodeId,
        name: &'a str,
    ) -> impl Iterator<Item = NodeId> + 'a {
        self.descendants(id).filter(move |&d| self.is(d, name))
    }

    /// Skips the subtree of the node last returned by `it` (used during walks).
    pub(crate) fn next_skipping_children(&self, root: NodeId, id: NodeId) -> NodeId {
        let mut cur = id;
        loop {
            if cur == root || cur == NONE {
                return NONE;
            }
            let next = self.next_sibling(cur);
            if next != NONE {
                return next;
            }
            cur = self.parent(cur);
        }
    }

    /// All text under `id`, concatenated raw.
    pub(crate) fn text_content(&self, id: NodeId) -> String {
        let mut out = String::new();
        if let Some(t) = self.text(id) {
            out.push_str(t);
        }
        for d in self.descendants(id) {
            if let Some(t) = self.text(d) {
                out.push_str(t);
            }
        }
        out
    }

    /// Ancestors of `id`, nearest first.
    pub(crate) fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let mut cur = self.parent(id);
        std::iter::from_fn(move || {
            if cur == NONE {
                return None;
            }
            let r = cur;
            cur = self.parent(cur);
            Some(r)
        })
    }

    /// Number of nodes in the arena.
    pub(crate) fn len(&self) -> usize {
        self.nodes.len()
    }

    /// The `<body>` element, or the document when there is none.
    pub(crate) fn body(&self) -> NodeId {
        self.descendants(ROOT)
            .find(|&d| self.is(d, "body"))
            .unwrap_or(ROOT)
    }
}

/// Iterator over a node's children.
pub(crate) struct Children<'a> {
    dom: &'a Dom,
    next: NodeId,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next == NONE {
            return None;
        }
        let cur = self.next;
        self.next = self.dom.next_sibling(cur);
        Some(cur)
    }
}

/// Pre-order iterator over a subtree, without recursion.
pub(crate) struct Descendants<'a> {
    dom: &'a Dom,
    root: NodeId,
    next: NodeId,
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next == NONE {
            return None;
        }
        let cur = self.next;
        let child = self.dom.first_child(cur);
        self.next = if child != NONE {
            child
        } else {
            self.dom.next_skipping_children(self.root, cur)
        };
        Some(cur)
    }
}

/// String equality written out for the short tag and attribute names the
/// extractor compares millions of times per corpus: the length test and an
/// inlined byte loop, where `==` calls the C library's `memcmp`.
#[inline]
fn same_name(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(dom: &Dom, id: NodeId) -> String {
        let mut s = String::new();
        for c in dom.children(id) {
            if let Some(n) = dom.name(c) {
                s.push_str(&format!("<{n}>{}</{n}>", outline(dom, c)));
            } else if let Some(t) = dom.text(c) {
                s.push_str(t);
            }
        }
        s
    }

    #[test]
    fn implicit_closes() {
        let dom = parse("<body><p>a<p>b<div>c</div><ul><li>x<li>y</ul></body>");
        assert_eq!(
            outline(&dom, dom.body()),
            "<p>a</p><p>b</p><div>c</div><ul><li>x</li><li>y</li></ul>"
        );
    }

    #[test]
    fn stray_end_tags_do_not_close_blocks() {
        let dom = parse("<div><span>a</b>b</span></div><div>c</span>d</div>");
        assert_eq!(
            outline(&dom, dom.body()),
            "<div><span>ab</span></div><div>cd</div>"
        );
    }

    #[test]
    fn raw_text_and_entities() {
        let dom =
            parse("<p>a &amp; b&nbsp;&#233;&#x1EA1;</p><script>if (a<b) {}</script><p>x&copy</p>");
        let ps: Vec<_> = dom
            .find_all(ROOT, "p")
            .map(|p| dom.text_content(p))
            .collect();
        assert_eq!(ps, vec!["a & b\u{a0}éạ", "x©"]);
    }

    #[test]
    fn attributes() {
        let dom = parse(r#"<img SRC="a.jpg" data-src='b.jpg' alt=x width=10 hidden>"#);
        let img = dom.find_all(ROOT, "img").next().unwrap();
        assert_eq!(dom.attr(img, "src"), Some("a.jpg"));
        assert_eq!(dom.attr(img, "data-src"), Some("b.jpg"));
        assert_eq!(dom.attr(img, "alt"), Some("x"));
        assert_eq!(dom.attr(img, "width"), Some("10"));
        assert_eq!(dom.attr(img, "hidden"), Some(""));
    }

    #[test]
    fn tables() {
        let dom = parse("<table><tr><td>a<td>b<tr><td>c</table>");
        assert_eq!(
            outline(&dom, ROOT),
            "<html><head></head><body><table><tbody><tr><td>a</td><td>b</td></tr>\
             <tr><td>c</td></tr></tbody></table></body></html>"
        );
    }

    #[test]
    fn stray_table_content_is_fostered_before_the_table() {
        let dom = parse("<table><tr>Intro <b>bold</b><td>cell</td></tr>tail</table>");
        assert_eq!(
            outline(&dom, dom.body()),
            "Intro <b>bold</b>tail<table><tbody><tr><td>cell</td></tr></tbody></table>"
        );
    }

    #[test]
    fn implied_document_elements() {
        let dom = parse("<title>T</title><meta charset=utf-8>Text<p>x");
        assert_eq!(
            outline(&dom, ROOT),
            "<html><head><title>T</title><meta></meta></head><body>Text<p>x</p></body></html>"
        );
    }

    #[test]
    fn deep_nesting_is_capped() {
        let html = "<div>".repeat(100_000) + "x";
        let dom = parse(&html);
        assert!(dom.len() > 1000);
        let deepest = dom
            .descendants(ROOT)
            .filter(|&d| dom.text(d).is_some())
            .count();
        assert_eq!(deepest, 1);
    }
}
