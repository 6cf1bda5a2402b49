//! Tokenizer and tree builder.

use super::{decode_attribute, decode_entities, AttrRange, Data, Dom, Name, NodeId, NONE, ROOT};

/// Open elements deeper than this are appended flat, which bounds every walk.
pub(crate) const MAX_DEPTH: usize = 200;

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "keygen"
            | "frame"
            | "basefont"
            | "bgsound"
    )
}

/// Elements whose content is raw text, not markup.
fn is_raw_text(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "textarea"
            | "title"
            | "xmp"
            | "iframe"
            | "noembed"
            | "noframes"
            | "noscript"
            | "plaintext"
    )
}

/// Elements whose start tag closes an open `<p>`.
fn closes_p(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "ul"
            | "li"
            | "dd"
            | "dt"
            | "listing"
            | "xmp"
            | "plaintext"
    )
}

/// The HTML5 "special" category, which stops misnested end tags (the
/// SVG and MathML integration points among them, by name).
fn is_special(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "applet"
            | "area"
            | "article"
            | "aside"
            | "base"
            | "basefont"
            | "bgsound"
            | "blockquote"
            | "body"
            | "br"
            | "button"
            | "caption"
            | "center"
            | "col"
            | "colgroup"
            | "dd"
            | "details"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "embed"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "frame"
            | "frameset"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "head"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "iframe"
            | "img"
            | "input"
            | "keygen"
            | "li"
            | "link"
            | "listing"
            | "main"
            | "marquee"
            | "menu"
            | "meta"
            | "nav"
            | "noembed"
            | "noframes"
            | "noscript"
            | "object"
            | "ol"
            | "p"
            | "param"
            | "plaintext"
            | "pre"
            | "script"
            | "search"
            | "section"
            | "select"
            | "source"
            | "style"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "template"
            | "textarea"
            | "tfoot"
            | "th"
            | "thead"
            | "title"
            | "tr"
            | "track"
            | "ul"
            | "wbr"
            | "xmp"
            | "mi"
            | "mo"
            | "mn"
            | "ms"
            | "mtext"
            | "annotation-xml"
            | "foreignobject"
            | "desc"
    )
}

/// The special SVG and MathML elements (integration points), by name.
fn is_foreign_special(name: &str) -> bool {
    matches!(
        name,
        "mi" | "mo" | "mn" | "ms" | "mtext" | "annotation-xml" | "foreignobject" | "desc" | "title"
    )
}

fn is_formatting(name: &str) -> bool {
    matches!(
        name,
        "a" | "b"
            | "big"
            | "code"
            | "em"
            | "font"
            | "i"
            | "nobr"
            | "s"
            | "small"
            | "strike"
            | "strong"
            | "tt"
            | "u"
    )
}

/// Elements that put a marker on the list of active formatting elements,
/// so that formatting opened outside them is not re-opened inside.
fn opens_marker(name: &str) -> bool {
    matches!(
        name,
        "td" | "th" | "caption" | "applet" | "marquee" | "object" | "template"
    )
}

/// Start tags before which the standard re-opens the active formatting
/// elements ("reconstruct the active formatting elements"): phrasing
/// content, not blocks, head elements or table parts.
fn reconstructs(name: &str) -> bool {
    !(closes_p(name)
        || in_head(name)
        || matches!(
            name,
            "html"
                | "body"
                | "head"
                | "frameset"
                | "frame"
                | "main"
                | "search"
                | "plaintext"
                | "textarea"
                | "iframe"
                | "noembed"
                | "noframes"
                | "param"
                | "source"
                | "track"
                | "caption"
                | "col"
                | "colgroup"
                | "tbody"
                | "thead"
                | "tfoot"
                | "tr"
                | "td"
                | "th"
                | "basefont"
                | "bgsound"
                | "rb"
                | "rtc"
                | "rp"
                | "rt"
        ))
        || name == "xmp"
}

fn is_scope_boundary(name: &str) -> bool {
    matches!(
        name,
        "table"
            | "td"
            | "th"
            | "caption"
            | "html"
            | "template"
            | "applet"
            | "object"
            | "marquee"
            | "mi"
            | "mo"
            | "mn"
            | "ms"
            | "mtext"
            | "annotation-xml"
            | "foreignobject"
            | "desc"
            | "title"
    )
}

/// The "button scope" that bounds an implied `</p>`.
fn is_button_scope_boundary(name: &str) -> bool {
    name == "button" || is_scope_boundary(name)
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

fn in_head(name: &str) -> bool {
    matches!(
        name,
        "meta"
            | "link"
            | "title"
            | "style"
            | "script"
            | "base"
            | "basefont"
            | "bgsound"
            | "noscript"
            | "template"
    )
}

/// Most formatting elements the list of active formatting elements holds
/// (markers aside). The standard sets no limit, but every entry may be
/// re-opened before each later text run and tag, so an unbounded list would
/// make a page of N unclosed, differently attributed `<b class=…>` cost N²;
/// real pages have a handful open at once. The oldest entry goes first.
const MAX_FORMATTING: usize = 32;

/// An entry of the list of active formatting elements.
enum Active {
    /// A scope (table cell, caption, `object`…) that formatting opened
    /// before it does not enter; the element that opened it.
    Marker(NodeId),
    /// A formatting element, what it was opened with, and whether it is on
    /// the stack of open elements.
    Element {
        id: NodeId,
        name: Name,
        attrs: AttrRange,
        open: bool,
    },
}

impl Active {
    fn id(&self) -> NodeId {
        match self {
            Active::Marker(id) | Active::Element { id, .. } => *id,
        }
    }
}

/// What an open element is, for the standard's choice between the HTML
/// rules and the rules for foreign content: its namespace, and for SVG and
/// MathML elements whether it is an integration point (an element whose
/// content is parsed as HTML again).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ns {
    Html,
    Svg,
    Math,
    /// SVG `foreignObject`, `desc`, `title`; MathML `annotation-xml` with
    /// an HTML `encoding`: the standard's HTML integration points.
    HtmlPoint,
    /// MathML `mi`, `mo`, `mn`, `ms`, `mtext`: text integration points.
    MathText,
    /// MathML `annotation-xml` without an HTML encoding (an `<svg>` in it is SVG).
    Annotation,
}

/// True for the elements the standard's categories (special, scope
/// boundaries) can hold: HTML elements and the SVG and MathML integration
/// points, not other SVG or MathML elements.
fn categorised(ns: Ns) -> bool {
    !matches!(ns, Ns::Svg | Ns::Math)
}

/// Start tags that end foreign content ("breakout"): the open SVG or
/// MathML elements are closed and the tag is read as HTML.
fn breaks_out(name: &str) -> bool {
    matches!(
        name,
        "b" | "big"
            | "blockquote"
            | "body"
            | "br"
            | "center"
            | "code"
            | "dd"
            | "div"
            | "dl"
            | "dt"
            | "em"
            | "embed"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "head"
            | "hr"
            | "i"
            | "img"
            | "li"
            | "listing"
            | "menu"
            | "meta"
            | "nobr"
            | "ol"
            | "p"
            | "pre"
            | "ruby"
            | "s"
            | "small"
            | "span"
            | "strong"
            | "strike"
            | "sub"
            | "sup"
            | "table"
            | "tt"
            | "u"
            | "ul"
            | "var"
    )
}

/// Elements the standard's "generate implied end tags" closes.
fn implied_end(name: &str) -> bool {
    matches!(
        name,
        "dd" | "dt" | "li" | "optgroup" | "option" | "p" | "rb" | "rp" | "rt" | "rtc"
    )
}

struct Builder {
    dom: Dom,
    /// The stack of open elements: node, name, and what kind of element it is.
    stack: Vec<(NodeId, Name, Ns)>,
    /// The standard's list of active formatting elements, at most
    /// [`MAX_FORMATTING`] elements.
    active: Vec<Active>,
    /// True once the adoption agency put older nodes under newer ones.
    moved: bool,
    /// The standard's "frameset-ok" flag: a `<frameset>` may still replace
    /// the body (no text or content element came yet).
    frameset_ok: bool,
    /// A `<frameset>` took the body's place: from then on only frames, white
    /// space and `<noframes>` are read.
    frameset: bool,
    /// The standard's form element pointer: the open `<form>`, while no
    /// template is open (a second form inside it is ignored).
    form: Option<NodeId>,
    /// The page holds a NUL character somewhere (text runs are then searched for them).
    nul: bool,
    html: Option<NodeId>,
    head: Option<NodeId>,
    body: Option<NodeId>,
}

/// Table elements whose content model holds no text or phrasing: what comes
/// into them other than table parts is "foster parented" before the table.
fn is_table_context(name: &str) -> bool {
    matches!(name, "table" | "tbody" | "thead" | "tfoot" | "tr")
}

/// Table parts: outside a table the standard ignores them.
fn is_table_part(name: &str) -> bool {
    matches!(
        name,
        "caption" | "colgroup" | "col" | "tbody" | "thead" | "tfoot" | "tr" | "td" | "th"
    )
}

/// Start tags a table takes in itself rather than fostering them out.
fn belongs_in_table(name: &str) -> bool {
    matches!(
        name,
        "caption"
            | "colgroup"
            | "col"
            | "tbody"
            | "thead"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "table"
            | "script"
            | "style"
            | "template"
            | "form"
    )
}

impl Builder {
    fn current(&self) -> NodeId {
        self.stack.last().map_or(ROOT, |(id, _, _)| *id)
    }

    /// Where the innermost open HTML element `name` is, unless an element
    /// for which `boundary` holds is open inside it. The categories of the
    /// standard (scope boundaries, special elements) hold HTML elements and
    /// the SVG and MathML integration points, never other SVG or MathML
    /// elements (an SVG `<tr>` is no table row).
    fn position(&self, name: &str, boundary: fn(&str) -> bool) -> Option<usize> {
        for (i, (_, n, ns)) in self.stack.iter().enumerate().rev() {
            if *ns == Ns::Html && &**n == name {
                return Some(i);
            }
            if categorised(*ns) && boundary(n) {
                return None;
            }
        }
        None
    }

    fn pop_to(&mut self, index: usize) {
        while self.stack.len() > index {
            if let Some((id, n, _)) = self.stack.pop() {
                self.popped(id, &n);
            }
        }
    }

    /// Bookkeeping for an element leaving the stack of open elements.
    fn popped(&mut self, id: NodeId, n: &str) {
        if !self.active.is_empty() {
            if is_formatting(n) {
                if let Some(i) = self.active_index(id) {
                    if let Some(Active::Element { open, .. }) = self.active.get_mut(i) {
                        *open = false;
                    }
                }
            } else if opens_marker(n) {
                // Closing a cell or caption clears the list back to its marker.
                if let Some(m) = self
                    .active
                    .iter()
                    .rposition(|e| matches!(e, Active::Marker(_)))
                {
                    if self.active.get(m).is_some_and(|e| e.id() == id) {
                        self.active.truncate(m);
                    }
                }
            }
        }
    }

    /// Where `id` is in the list of active formatting elements.
    fn active_index(&self, id: NodeId) -> Option<usize> {
        let i = self.active.iter().rposition(|e| e.id() == id);
        crate::work::nodes(self.active.len() - i.unwrap_or(0));
        i
    }

    /// The last formatting element called `name` after the last marker.
    fn last_active(&self, name: &str) -> Option<usize> {
        for (i, e) in self.active.iter().enumerate().rev() {
            crate::work::nodes(1);
            match e {
                Active::Marker(_) => return None,
                Active::Element { name: n, .. } if n == name => return Some(i),
                Active::Element { .. } => {}
            }
        }
        None
    }

    /// Where `id` is on the stack of open elements.
    fn stack_index(&self, id: NodeId) -> Option<usize> {
        let i = self.stack.iter().rposition(|(s, _, _)| *s == id);
        crate::work::nodes(self.stack.len() - i.unwrap_or(0));
        i
    }

    /// Adds a formatting element just pushed on the stack to the list:
    /// a fourth one with the same name and attributes after the last marker
    /// replaces the earliest of them (the standard's "Noah's Ark" clause),
    /// and past [`MAX_FORMATTING`] the oldest element goes.
    fn push_active(&mut self, id: NodeId, name: Name, attrs: AttrRange) {
        let start = self
            .active
            .iter()
            .rposition(|e| matches!(e, Active::Marker(_)))
            .map_or(0, |m| m + 1);
        let mut same = 0;
        let mut earliest = None;
        let mut elements = 0;
        for (i, e) in self.active.iter().enumerate() {
            crate::work::nodes(1);
            if let Active::Element {
                name: n, attrs: a, ..
            } = e
            {
                elements += 1;
                if i >= start && *n == name && self.same_attrs(*a, attrs) {
                    same += 1;
                    earliest.get_or_insert(i);
                }
            }
        }
        if same >= 3 {
            if let Some(i) = earliest {
                self.active.remove(i);
                elements -= 1;
            }
        }
        if elements >= MAX_FORMATTING {
            if let Some(i) = self
                .active
                .iter()
                .position(|e| matches!(e, Active::Element { .. }))
            {
                self.active.remove(i);
            }
        }
        self.active.push(Active::Element {
            id,
            name,
            attrs,
            open: true,
        });
    }

    /// The same attributes in the same order (the standard compares them as
    /// sets; pages repeat a tag as it was written).
    fn same_attrs(&self, a: AttrRange, b: AttrRange) -> bool {
        a.len == b.len
            && self
                .dom
                .attrs_in(a)
                .zip(self.dom.attrs_in(b))
                .all(|(x, y)| x == y)
    }

    /// The standard's "reconstruct the active formatting elements": the
    /// formatting elements that a block's end closed while they were still
    /// active are opened again, as new elements with the same attributes,
    /// before the next text or phrasing tag (`<p><b>x</p>y` puts `y` in a
    /// `<b>` too). Stops at the depth cap.
    fn reconstruct(&mut self) {
        let Some(Active::Element { open: false, .. }) = self.active.last() else {
            return;
        };
        let mut i = self.active.len() - 1;
        while i > 0 {
            crate::work::nodes(1);
            match self.active.get(i - 1) {
                Some(Active::Element { open: false, .. }) => i -= 1,
                _ => break,
            }
        }
        while self.stack.len() < MAX_DEPTH {
            let Some(Active::Element { name, attrs, .. }) = self.active.get(i) else {
                break;
            };
            let (name, attrs) = (name.clone(), *attrs);
            let data = Data::Element {
                name: name.clone(),
                attrs,
            };
            let id = if self.fosters() {
                self.foster(data)
            } else {
                let parent = self.current();
                self.dom.append(parent, data)
            };
            self.stack.push((id, name.clone(), Ns::Html));
            if let Some(e) = self.active.get_mut(i) {
                *e = Active::Element {
                    id,
                    name,
                    attrs,
                    open: true,
                };
            }
            i += 1;
        }
    }

    /// True when no scope boundary is open above stack entry `index`.
    fn in_scope_at(&self, index: usize) -> bool {
        let above = self.stack.get(index + 1..).unwrap_or_default();
        crate::work::nodes(above.len());
        !above
            .iter()
            .any(|(_, n, ns)| categorised(*ns) && is_scope_boundary(n))
    }

    /// The standard's adoption agency algorithm for the end tag of formatting
    /// element `subject` (`</b>`, `</a>`…): when blocks were opened inside the
    /// formatting element, the blocks are moved out of it and their content
    /// wrapped in a new element like it, so `<b>1<p>2</b>3` becomes
    /// `<b>1</b><p><b>2</b>3</p>`. Bounded as the standard bounds it: eight
    /// outer rounds, each walking the stack between two entries once.
    fn adoption_agency(&mut self, subject: &str) {
        if let Some((id, n, _)) = self.stack.last() {
            if n == subject && self.active_index(*id).is_none() {
                self.pop_to(self.stack.len() - 1);
                return;
            }
        }
        for _ in 0..8 {
            let Some(fi) = self.last_active(subject) else {
                self.any_other_end(subject);
                return;
            };
            let Some(Active::Element {
                id: fe,
                name: fe_name,
                attrs: fe_attrs,
                ..
            }) = self.active.get(fi)
            else {
                return;
            };
            let (fe, fe_name, fe_attrs) = (*fe, fe_name.clone(), *fe_attrs);
            let Some(si) = self.stack_index(fe) else {
                self.active.remove(fi);
                return;
            };
            if !self.in_scope_at(si) {
                return;
            }
            let furthest = (si + 1..self.stack.len()).find(|&k| {
                self.stack
                    .get(k)
                    .is_some_and(|(_, n, ns)| categorised(*ns) && is_special(n))
            });
            let Some(fbi) = furthest else {
                self.pop_to(si);
                if let Some(i) = self.active_index(fe) {
                    self.active.remove(i);
                }
                return;
            };
            let Some(&(fb, _, _)) = self.stack.get(fbi) else {
                return;
            };
            let common = si
                .checked_sub(1)
                .and_then(|k| self.stack.get(k))
                .map_or(ROOT, |(id, _, _)| *id);
            let mut bookmark = fi;
            let mut node_i = fbi;
            let mut last = fb;
            let mut inner = 0;
            loop {
                crate::work::nodes(1);
                inner += 1;
                node_i -= 1;
                let Some(&(node, _, _)) = self.stack.get(node_i) else {
                    break;
                };
                if node == fe {
                    break;
                }
                let mut at = self.active_index(node);
                if inner > 3 {
                    if let Some(i) = at.take() {
                        self.active.remove(i);
                        if i < bookmark {
                            bookmark -= 1;
                        }
                    }
                }
                let Some(ai) = at else {
                    self.stack.remove(node_i);
                    continue;
                };
                let Some(Active::Element { name, attrs, .. }) = self.active.get(ai) else {
                    break;
                };
                let (name, attrs) = (name.clone(), *attrs);
                let new = self.dom.create(Data::Element {
                    name: name.clone(),
                    attrs,
                });
                if let Some(e) = self.active.get_mut(ai) {
                    *e = Active::Element {
                        id: new,
                        name: name.clone(),
                        attrs,
                        open: true,
                    };
                }
                if let Some(s) = self.stack.get_mut(node_i) {
                    *s = (new, name, Ns::Html);
                }
                if last == fb {
                    bookmark = ai + 1;
                }
                self.dom.append_node(new, last);
                last = new;
            }
            self.moved = true;
            self.place(common, last);
            let new = self.dom.create(Data::Element {
                name: fe_name.clone(),
                attrs: fe_attrs,
            });
            self.dom.move_children(fb, new);
            self.dom.append_node(fb, new);
            let entry = Active::Element {
                id: new,
                name: fe_name.clone(),
                attrs: fe_attrs,
                open: true,
            };
            self.active.insert(bookmark.min(self.active.len()), entry);
            if let Some(i) = self.active.iter().position(|e| e.id() == fe) {
                self.active.remove(i);
            }
            if let Some(i) = self.stack_index(fe) {
                self.stack.remove(i);
            }
            if let Some(i) = self.stack_index(fb) {
                self.stack.insert(i + 1, (new, fe_name, Ns::Html));
            }
        }
    }

    /// The innermost open `<table>` or `<template>` (HTML elements): where
    /// foster parenting puts content (before the table, or at the end of
    /// the template's content when the template is the more recent).
    fn foster_target(&self) -> Option<(NodeId, bool)> {
        crate::work::nodes(self.stack.len());
        self.stack.iter().rev().find_map(|(id, n, ns)| {
            (*ns == Ns::Html && (n == "table" || n == "template")).then(|| (*id, n == "template"))
        })
    }

    /// True when a `<template>` is open.
    fn in_template(&self) -> bool {
        crate::work::nodes(self.stack.len());
        self.stack
            .iter()
            .any(|(_, n, ns)| *ns == Ns::Html && n == "template")
    }

    /// Puts `node` where the standard inserts into `target`: appended to it,
    /// or before the open table when `target` is a table part (foster parenting).
    fn place(&mut self, target: NodeId, node: NodeId) {
        let in_table = self
            .stack
            .iter()
            .rev()
            .find(|(id, _, _)| *id == target)
            .is_some_and(|(_, n, ns)| *ns == Ns::Html && is_table_context(n));
        if in_table {
            match self.foster_target() {
                Some((template, true)) => {
                    self.dom.append_node(template, node);
                    return;
                }
                Some((table, false)) if self.dom.parent(table) != NONE => {
                    self.dom.insert_node_before(table, node);
                    return;
                }
                _ => {}
            }
        }
        self.dom.append_node(target, node);
    }

    /// The standard's "any other end tag": close the innermost element of
    /// that name unless a special element (a block) is open inside it.
    fn any_other_end(&mut self, name: &str) {
        if let Some(i) = self.position(name, is_special) {
            self.pop_to(i);
        }
    }

    fn close_p(&mut self) {
        if let Some(i) = self.position("p", is_button_scope_boundary) {
            self.pop_to(i);
        }
    }

    fn close_head(&mut self) {
        if let Some(i) = self.stack.iter().position(|(_, n, _)| &**n == "head") {
            self.pop_to(i);
        }
    }

    /// The standard's "generate implied end tags": closes open `<p>`,
    /// `<li>`, `<option>`, ruby parts… other than `except`.
    fn close_implied(&mut self, except: &str) {
        while let Some((_, n, Ns::Html)) = self.stack.last() {
            if !implied_end(n) || n == except {
                break;
            }
            self.pop_to(self.stack.len() - 1);
        }
    }

    /// Closes the SVG or MathML elements open above the innermost HTML
    /// element or integration point (a tag that ends foreign content).
    fn break_out(&mut self) {
        while let Some((_, _, ns)) = self.stack.last() {
            if matches!(ns, Ns::Html | Ns::HtmlPoint | Ns::MathText) || self.stack.len() <= 1 {
                break;
            }
            self.pop_to(self.stack.len() - 1);
        }
    }

    /// The namespace a start tag `name` is created in by the rules for
    /// foreign content, or `None` when the HTML rules read it (the current
    /// node is HTML or an integration point that lets the tag through).
    fn foreign_ns(&self, name: &str) -> Option<Ns> {
        match self.stack.last().map(|(_, _, ns)| *ns) {
            None | Some(Ns::Html | Ns::HtmlPoint) => None,
            Some(Ns::MathText) => matches!(name, "mglyph" | "malignmark").then_some(Ns::Math),
            Some(Ns::Annotation) => (name != "svg").then_some(Ns::Math),
            Some(Ns::Svg) => Some(Ns::Svg),
            Some(Ns::Math) => Some(Ns::Math),
        }
    }

    /// True when the start tag `name` is read by the HTML rules (directly,
    /// or after it ends foreign content), so raw-text elements and the
    /// line break after `<pre>` are the HTML ones.
    fn reads_as_html(&self, name: &str) -> bool {
        if self.frameset {
            return name == "noframes";
        }
        self.foreign_ns(name).is_none() || breaks_out(name)
    }

    /// True when `<![CDATA[` opens a CDATA section (in SVG or MathML)
    /// rather than a bogus comment (in HTML).
    fn cdata_allowed(&self) -> bool {
        self.stack.last().is_some_and(|(_, _, ns)| *ns != Ns::Html)
    }

    /// The `<html>` element, created when the page does not open it.
    fn ensure_html(&mut self) -> NodeId {
        if let Some(html) = self.html {
            return html;
        }
        let html = self.dom.append(
            ROOT,
            Data::Element {
                name: "html".into(),
                attrs: AttrRange::default(),
            },
        );
        self.html = Some(html);
        self.stack.insert(0, (html, "html".into(), Ns::Html));
        html
    }

    /// The `<head>`, created (and left open) when the page does not open it.
    fn ensure_head(&mut self) {
        if self.head.is_some() {
            return;
        }
        self.head = Some(self.open_in_html("head".into(), AttrRange::default()));
    }

    /// Appends a `name` element to `<html>` and leaves it the only open
    /// element under it: the document's head, body or frameset.
    fn open_in_html(&mut self, name: Name, attrs: AttrRange) -> NodeId {
        let html = self.ensure_html();
        let id = self.dom.append(
            html,
            Data::Element {
                name: name.clone(),
                attrs,
            },
        );
        self.stack.truncate(1);
        self.stack.push((id, name, Ns::Html));
        id
    }

    /// The `<body>`, created when content comes before the page opens it.
    fn ensure_body(&mut self) {
        if self.body.is_some() || self.frameset {
            return;
        }
        self.ensure_head();
        self.close_head();
        self.body = Some(self.open_in_html("body".into(), AttrRange::default()));
    }

    /// True when the current node is a table part that cannot hold `what`.
    fn fosters(&self) -> bool {
        self.stack
            .last()
            .is_some_and(|(_, n, ns)| *ns == Ns::Html && is_table_context(n))
    }

    /// Inserts `data` where the standard's foster parenting puts it: just
    /// before the innermost open table (at the end of a template opened
    /// inside it).
    fn foster(&mut self, data: Data) -> NodeId {
        match self.foster_target() {
            Some((table, false)) => self.dom.insert_before(table, data),
            Some((template, true)) => self.dom.append(template, data),
            None => {
                let cur = self.current();
                self.dom.append(cur, data)
            }
        }
    }

    fn text(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        if self.frameset {
            // Around frames only white space is kept.
            let spaces: String = raw
                .chars()
                .filter(|c| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c'))
                .collect();
            if !spaces.is_empty() {
                let cur = self.current();
                self.dom.append_text(cur, &spaces);
            }
            return;
        }
        let html = self
            .stack
            .last()
            .is_none_or(|(_, _, ns)| matches!(ns, Ns::Html | Ns::HtmlPoint | Ns::MathText));
        // NUL characters: dropped from HTML text, U+FFFD in SVG and MathML.
        let without_nul;
        let raw = if self.nul && memchr::memchr(0, raw.as_bytes()).is_some() {
            without_nul = if html {
                raw.replace('\0', "")
            } else {
                raw.replace('\0', "\u{fffd}")
            };
            if without_nul.is_empty() {
                return;
            }
            without_nul.as_str()
        } else {
            raw
        };
        let blank = raw.trim_ascii().is_empty();
        if self.body.is_none() && !self.in_template() {
            // Spaces between head elements stay in the head; before it, nowhere.
            let rest = raw.trim_ascii_start();
            let spaces = &raw[..raw.len() - rest.len()];
            if !spaces.is_empty() && self.stack.last().is_some_and(|(_, n, _)| &**n == "head") {
                let cur = self.current();
                self.dom.append_text(cur, spaces);
            }
            if blank {
                return;
            }
            self.ensure_body();
            self.text(rest);
            return;
        }
        let text = decode_entities(raw);
        if !blank {
            self.frameset_ok = false;
        }
        // Spaces straight in a table stay there; other text re-opens the
        // active formatting elements (fostered before the table if need be).
        if html && !self.active.is_empty() && !(blank && self.fosters()) {
            self.reconstruct();
        }
        if !blank && self.stack.last().is_some_and(|(_, n, _)| n == "colgroup") {
            // Text in a column group closes it (and is fostered out of the table).
            self.pop_to(self.stack.len() - 1);
        }
        if !blank && self.fosters() {
            self.foster_text(&text);
            return;
        }
        let cur = self.current();
        self.dom.append_text(cur, &text);
    }

    /// Fostered text merges with text fostered just before it.
    fn foster_text(&mut self, text: &str) {
        match self.foster_target() {
            Some((table, false)) => {
                if !self.dom.append_text_before(table, text) {
                    self.dom.insert_text_before(table, text);
                }
            }
            Some((template, true)) => self.dom.append_text(template, text),
            None => {
                let cur = self.current();
                self.dom.append_text(cur, text);
            }
        }
    }

    /// A start tag: in a frameset, in foreign content, or by the HTML rules.
    fn start(&mut self, name: Name, attrs: AttrRange, self_closing: bool) {
        if self.frameset {
            self.start_in_frameset(name, attrs);
            return;
        }
        if let Some(ns) = self.foreign_ns(&name) {
            let font_out = name == "font"
                && self
                    .dom
                    .attrs_in(attrs)
                    .any(|(k, _)| matches!(k, "color" | "face" | "size"));
            if !(breaks_out(&name) || font_out) {
                self.insert_foreign(name, attrs, ns, self_closing);
                return;
            }
            self.break_out();
        }
        self.start_html(name, attrs, self_closing);
    }

    /// An SVG or MathML element (`ns`): appended to the current node and
    /// left open unless the tag closed itself.
    fn insert_foreign(&mut self, name: Name, attrs: AttrRange, ns: Ns, self_closing: bool) {
        let parent = self.current();
        let id = self.dom.append(
            parent,
            Data::Element {
                name: name.clone(),
                attrs,
            },
        );
        if self_closing || self.stack.len() >= MAX_DEPTH {
            return;
        }
        let kind = match (ns, &*name) {
            (Ns::Svg, "foreignobject" | "desc" | "title") => Ns::HtmlPoint,
            (Ns::Svg, _) => Ns::Svg,
            (_, "mi" | "mo" | "mn" | "ms" | "mtext") => Ns::MathText,
            (_, "annotation-xml") => {
                let html = self.dom.attrs_in(attrs).any(|(k, v)| {
                    k == "encoding"
                        && (v.eq_ignore_ascii_case("text/html")
                            || v.eq_ignore_ascii_case("application/xhtml+xml"))
                });
                if html {
                    Ns::HtmlPoint
                } else {
                    Ns::Annotation
                }
            }
            _ => Ns::Math,
        };
        self.stack.push((id, name, kind));
    }

    /// After `<frameset>`: frames, nested framesets and `<noframes>`; every
    /// other start tag is ignored.
    fn start_in_frameset(&mut self, name: Name, attrs: AttrRange) {
        let open = self.stack.last().is_some_and(|(_, n, _)| n == "frameset");
        match &*name {
            "html" => {
                if let Some(html) = self.html {
                    self.dom.add_missing_attrs(html, attrs);
                }
            }
            "frameset" | "frame" if open => {
                let parent = self.current();
                let data = Data::Element {
                    name: name.clone(),
                    attrs,
                };
                let id = self.dom.append(parent, data);
                if name == "frameset" && self.stack.len() < MAX_DEPTH {
                    self.stack.push((id, name, Ns::Html));
                }
            }
            "noframes" => {
                let parent = self.current();
                let data = Data::Element {
                    name: name.clone(),
                    attrs,
                };
                let id = self.dom.append(parent, data);
                self.stack.push((id, name, Ns::Html));
            }
            _ => {}
        }
    }

    /// `<frameset>` read by the HTML rules: it takes the place of a body
    /// that holds nothing yet (or comes before any), else it is ignored.
    fn start_frameset(&mut self, attrs: AttrRange) {
        if self.in_template() {
            return;
        }
        if let Some(body) = self.body {
            let body_open = self.stack.get(1).is_some_and(|(id, _, _)| *id == body);
            if !self.frameset_ok || !body_open {
                return;
            }
            self.dom.detach(body);
            self.pop_to(1);
        } else {
            self.ensure_head();
            self.close_head();
        }
        self.open_in_html("frameset".into(), attrs);
        self.frameset = true;
    }

    /// A start tag read by the HTML rules.
    fn start_html(&mut self, name: Name, attrs: AttrRange, self_closing: bool) {
        // The standard reads `<image>` as `<img>`.
        let name = if name == "image" {
            Name::Borrowed("img")
        } else {
            name
        };
        let n = &*name;
        match n {
            "html" => {
                if self.in_template() {
                    return;
                }
                match self.html {
                    // A second `<html>` adds the attributes the first lacked.
                    Some(html) => self.dom.add_missing_attrs(html, attrs),
                    None => {
                        let id = self.dom.append(
                            ROOT,
                            Data::Element {
                                name: name.clone(),
                                attrs,
                            },
                        );
                        self.html = Some(id);
                        self.stack.insert(0, (id, name, Ns::Html));
                    }
                }
                return;
            }
            "head" => {
                if self.head.is_none() && self.body.is_none() && !self.in_template() {
                    self.head = Some(self.open_in_html(name, attrs));
                }
                return;
            }
            "body" => {
                if self.in_template() {
                    return;
                }
                match self.body {
                    // A second `<body>` adds the attributes the first lacked.
                    Some(body) => {
                        if self.stack.get(1).is_some_and(|(id, _, _)| *id == body) {
                            self.frameset_ok = false;
                            self.dom.add_missing_attrs(body, attrs);
                        }
                    }
                    None => {
                        self.ensure_head();
                        self.close_head();
                        self.body = Some(self.open_in_html(name, attrs));
                        self.frameset_ok = false;
                    }
                }
                return;
            }
            "frameset" => {
                self.start_frameset(attrs);
                return;
            }
            // Frames outside a frameset are ignored.
            "frame" => return,
            _ if self.body.is_none() && !self.in_template() => {
                let after_head =
                    self.head.is_some() && self.stack.last().is_none_or(|(_, s, _)| &**s != "head");
                // After `</head>`, a `<noscript>` opens the body.
                if in_head(n) && !(after_head && n == "noscript") {
                    self.ensure_head();
                    if self.stack.last().is_none_or(|(_, s, _)| &**s != "head") {
                        // After `</head>`: the standard puts head elements back in the head.
                        if let Some(head) = self.head {
                            self.stack.push((head, "head".into(), Ns::Html));
                        }
                    }
                } else {
                    self.ensure_body();
                }
            }
            _ => {}
        }
        if !in_head(n) && self.stack.last().is_some_and(|(_, s, _)| &**s == "head") {
            self.close_head();
            self.ensure_body();
        }
        // A column group holds only columns: anything else closes it first.
        if self
            .stack
            .last()
            .is_some_and(|(_, s, ns)| *ns == Ns::Html && s == "colgroup")
            && n != "col"
            && n != "template"
        {
            self.pop_to(self.stack.len() - 1);
        }
        if is_table_part(n) && !self.table_part(n) {
            return;
        }
        if closes_p(n) {
            self.close_p();
        }
        if self.frameset_ok
            && matches!(
                n,
                "pre"
                    | "listing"
                    | "li"
                    | "dd"
                    | "dt"
                    | "button"
                    | "applet"
                    | "marquee"
                    | "object"
                    | "table"
                    | "area"
                    | "br"
                    | "embed"
                    | "img"
                    | "keygen"
                    | "wbr"
                    | "hr"
                    | "textarea"
                    | "xmp"
                    | "iframe"
                    | "select"
            )
            || (n == "input"
                && !self
                    .dom
                    .attrs_in(attrs)
                    .any(|(k, v)| k == "type" && v.eq_ignore_ascii_case("hidden")))
        {
            self.frameset_ok = false;
        }
        let select_open = || self.position("select", is_scope_boundary);
        match n {
            "li" => self.close_item(&["li"], &["ul", "ol", "menu"]),
            "dt" | "dd" => self.close_item(&["dt", "dd"], &["dl"]),
            // A `<select>` inside an open one closes it and is ignored.
            "select" => {
                if let Some(i) = select_open() {
                    self.pop_to(i);
                    return;
                }
            }
            "input" => {
                if let Some(i) = select_open() {
                    self.pop_to(i);
                }
            }
            // A form inside an open form is ignored; in a table, a form is
            // an empty element of the table.
            "form" => {
                let template = self.in_template();
                if self.form.is_some() && !template {
                    return;
                }
                if self.fosters() {
                    if !template {
                        let parent = self.current();
                        let data = Data::Element { name, attrs };
                        self.form = Some(self.dom.append(parent, data));
                    }
                    return;
                }
            }
            // A table straight in a table closes the first one.
            "table" if self.fosters() => {
                if let Some(i) = self.position("table", |s| matches!(s, "html" | "template")) {
                    self.pop_to(i);
                }
            }
            "option" | "optgroup" | "hr" => {
                if select_open().is_some() {
                    self.close_implied(if n == "option" { "optgroup" } else { "" });
                } else if n != "hr" && self.stack.last().is_some_and(|(_, s, _)| &**s == "option") {
                    self.pop_to(self.stack.len() - 1);
                }
            }
            "rb" | "rtc" if self.position("ruby", is_scope_boundary).is_some() => {
                self.close_implied("");
            }
            "rp" | "rt" if self.position("ruby", is_scope_boundary).is_some() => {
                self.close_implied("rtc");
            }
            // An `<a>` inside an open `<a>` ends it first, as `</a>` would.
            "a" => {
                if let Some(fi) = self.last_active("a") {
                    let old = self.active.get(fi).map_or(NONE, Active::id);
                    self.adoption_agency("a");
                    if let Some(i) = self.active_index(old) {
                        self.active.remove(i);
                    }
                    if let Some(i) = self.stack_index(old) {
                        self.stack.remove(i);
                    }
                }
            }
            "nobr" if self.position("nobr", is_scope_boundary).is_some() => {
                self.reconstruct();
                self.adoption_agency("nobr");
            }
            "button" => {
                if let Some(i) = self.position("button", is_scope_boundary) {
                    self.pop_to(i);
                }
            }
            _ if is_heading(n) && self.stack.last().is_some_and(|(_, s, _)| is_heading(s)) => {
                self.pop_to(self.stack.len() - 1);
            }
            _ => {}
        }
        self.imply_table_parts(n);
        if !self.active.is_empty() && reconstructs(n) {
            self.reconstruct();
        }
        let data = Data::Element {
            name: name.clone(),
            attrs,
        };
        // A hidden input stays in the table; other inputs are fostered.
        let hidden_input = n == "input"
            && self
                .dom
                .attrs_in(attrs)
                .any(|(k, v)| k == "type" && v.eq_ignore_ascii_case("hidden"));
        let id = if self.fosters() && !belongs_in_table(n) && !hidden_input {
            self.foster(data)
        } else {
            let parent = self.current();
            self.dom.append(parent, data)
        };
        let ns = match n {
            "svg" => Ns::Svg,
            "math" => Ns::Math,
            _ => Ns::Html,
        };
        let closed = is_void(n) || (self_closing && ns != Ns::Html);
        if !closed && self.stack.len() < MAX_DEPTH {
            if ns == Ns::Html {
                if is_formatting(n) {
                    self.push_active(id, name.clone(), attrs);
                } else if opens_marker(n) {
                    self.active.push(Active::Marker(id));
                }
            }
            if n == "form" && !self.in_template() {
                self.form = Some(id);
            }
            self.stack.push((id, name, ns));
        }
    }

    /// The standard's table modes for a table part's start tag (`td`,
    /// `tr`, `tbody`, `caption`, `col`…): it closes the open cell, caption
    /// or column group it cannot go in and what was fostered out of the
    /// table, up to the table context it belongs to. False when it is
    /// ignored (no table is open). Each round pops at least one element.
    fn table_part(&mut self, n: &str) -> bool {
        loop {
            crate::work::nodes(self.stack.len());
            let context = self.stack.iter().rposition(|(_, s, ns)| {
                *ns == Ns::Html
                    && (is_table_context(s)
                        || matches!(
                            &**s,
                            "td" | "th" | "caption" | "colgroup" | "template" | "html"
                        ))
            });
            let Some(k) = context else {
                return false;
            };
            let Some((_, s, _)) = self.stack.get(k) else {
                return false;
            };
            match &**s {
                "html" => return false,
                "template" => {
                    self.pop_to(k + 1);
                    return self.template_part(n);
                }
                "td" | "th" | "caption" => self.pop_to(k),
                "colgroup" if n == "col" => {
                    self.pop_to(k + 1);
                    return true;
                }
                "colgroup" => self.pop_to(k),
                "table" => {
                    self.pop_to(k + 1);
                    return true;
                }
                // A row or a row group: a caption, column (group) or row
                // group closes it; a row closes an open row; cells go in.
                "tr" if matches!(n, "td" | "th") => {
                    self.pop_to(k + 1);
                    return true;
                }
                "tbody" | "thead" | "tfoot" if matches!(n, "tr" | "td" | "th") => {
                    self.pop_to(k + 1);
                    return true;
                }
                _ => self.pop_to(k),
            }
        }
    }

    /// A table part straight in an open template: the template's first
    /// element (its first start tag, which set the standard's template
    /// mode) says what it takes. Content that began as a table takes every
    /// part (implying `<tbody>`, `<tr>`, `<colgroup>`), rows take rows and
    /// cells (implying `<tr>`), cells take cells, columns take columns;
    /// content that began otherwise takes no table part. False when the
    /// part is ignored.
    fn template_part(&mut self, n: &str) -> bool {
        let template = self.current();
        // Head elements (and nested templates) leave the mode as it was;
        // the first 64 children are looked at (a bound: each table part
        // does this again).
        let first = self.dom.children(template).take(64).find(|&c| {
            self.dom
                .name(c)
                .is_some_and(|c| !in_head(c) && c != "noframes")
        });
        let Some(first) = first.and_then(|f| self.dom.name(f)) else {
            return true;
        };
        let implied: &[&'static str] = match (first, n) {
            ("caption" | "colgroup" | "tbody" | "thead" | "tfoot", "tr") => &["tbody"],
            ("caption" | "colgroup" | "tbody" | "thead" | "tfoot", "td" | "th") => &["tbody", "tr"],
            ("caption" | "colgroup" | "tbody" | "thead" | "tfoot", "col") => &["colgroup"],
            ("caption" | "colgroup" | "tbody" | "thead" | "tfoot", _) => &[],
            ("col", "col") | ("tr", "tr") | ("td" | "th", "td" | "th") => &[],
            ("tr", "td" | "th") => &["tr"],
            _ => return false,
        };
        self.push_implied(implied);
        true
    }

    /// Opens the implied table parts `parts` in the current node, up to the depth cap.
    fn push_implied(&mut self, parts: &[&'static str]) {
        for &part in parts {
            if self.stack.len() >= MAX_DEPTH {
                return;
            }
            let parent = self.current();
            let id = self.dom.append(
                parent,
                Data::Element {
                    name: part.into(),
                    attrs: AttrRange::default(),
                },
            );
            self.stack.push((id, part.into(), Ns::Html));
        }
    }

    /// A row straight in a table gets its `<tbody>`, a cell its `<tr>`, a
    /// column its `<colgroup>`, as the standard builds them.
    fn imply_table_parts(&mut self, n: &str) {
        let cur = self
            .stack
            .last()
            .filter(|(_, _, ns)| *ns == Ns::Html)
            .map(|(_, s, _)| &**s);
        let implied: &[&'static str] = match (n, cur) {
            ("tr", Some("table")) => &["tbody"],
            ("td" | "th", Some("table")) => &["tbody", "tr"],
            ("td" | "th", Some("tbody" | "thead" | "tfoot")) => &["tr"],
            ("col", Some("table")) => &["colgroup"],
            _ => &[],
        };
        self.push_implied(implied);
    }

    fn close_item(&mut self, items: &[&str], lists: &[&str]) {
        for i in (0..self.stack.len()).rev() {
            let Some((_, n, ns)) = self.stack.get(i) else {
                break;
            };
            if *ns == Ns::Html && items.contains(&&**n) {
                self.pop_to(i);
                return;
            }
            if categorised(*ns)
                && (lists.contains(&&**n)
                    || (is_special(n) && !matches!(&**n, "address" | "div" | "p")))
            {
                return;
            }
        }
    }

    /// An end tag: in a frameset, in foreign content, or by the HTML rules.
    fn end(&mut self, name: &str) {
        if self.frameset {
            let closes = self.stack.len() > 1
                && self
                    .stack
                    .last()
                    .is_some_and(|(_, n, _)| n == name && matches!(name, "frameset" | "noframes"));
            if closes {
                self.pop_to(self.stack.len() - 1);
            }
            return;
        }
        if self.stack.last().is_some_and(|(_, _, ns)| *ns != Ns::Html) {
            if matches!(name, "br" | "p") {
                self.break_out();
            } else {
                // Closes the innermost foreign element of that name, unless
                // an HTML element comes first: then the HTML rules read it.
                let mut html = false;
                for i in (1..self.stack.len()).rev() {
                    crate::work::nodes(1);
                    let Some((_, n, ns)) = self.stack.get(i) else {
                        break;
                    };
                    if *ns == Ns::Html {
                        html = true;
                        break;
                    }
                    if n == name {
                        self.pop_to(i);
                        return;
                    }
                }
                if !html {
                    return;
                }
            }
        }
        self.end_html(name);
    }

    /// An end tag read by the HTML rules.
    fn end_html(&mut self, name: &str) {
        match name {
            "body" | "html" => {
                if !self.in_template() {
                    self.ensure_body();
                }
            }
            // Before the body, other end tags are ignored.
            _ if self.body.is_none() && !self.in_template() && name != "br" && name != "head" => {}
            "head" => {
                if !self.in_template() {
                    self.close_head();
                }
            }
            "template" => {
                if let Some(i) = self
                    .stack
                    .iter()
                    .rposition(|(_, n, ns)| *ns == Ns::Html && n == "template")
                {
                    self.pop_to(i);
                }
            }
            "p" => {
                if let Some(i) = self.position("p", is_button_scope_boundary) {
                    self.pop_to(i);
                } else {
                    // A `</p>` with no open `<p>` is an empty paragraph.
                    self.ensure_body();
                    let depth = self.stack.len();
                    self.start_html("p".into(), AttrRange::default(), false);
                    self.pop_to(depth);
                }
            }
            "br" => self.start_html("br".into(), AttrRange::default(), false),
            // `</form>` closes the form alone, leaving open what it holds.
            "form" if !self.in_template() => {
                let Some(form) = self.form.take() else {
                    return;
                };
                let in_scope = self
                    .position("form", is_scope_boundary)
                    .is_some_and(|i| self.stack.get(i).is_some_and(|(id, _, _)| *id == form));
                if let Some(i) = in_scope.then(|| self.stack_index(form)).flatten() {
                    self.close_implied("");
                    if let Some((id, n, _)) = self.stack.get(i).cloned() {
                        if self.stack.len() == i + 1 {
                            self.pop_to(i);
                        } else {
                            self.stack.remove(i);
                            self.popped(id, &n);
                        }
                    }
                }
            }
            _ if is_heading(name) => {
                if let Some(i) = self.position_any(is_heading) {
                    self.pop_to(i);
                }
            }
            _ if (is_special(name) && !is_foreign_special(name)) || name == "dialog" => {
                let boundary: fn(&str) -> bool = match name {
                    "li" => |s| is_scope_boundary(s) || matches!(s, "ul" | "ol"),
                    // Table parts close across the cells and captions open in them.
                    "table" | "tbody" | "thead" | "tfoot" | "tr" | "td" | "th" | "caption" => {
                        |s| matches!(s, "html" | "table" | "template")
                    }
                    _ => is_scope_boundary,
                };
                if let Some(i) = self.position(name, boundary) {
                    self.pop_to(i);
                }
            }
            _ if is_formatting(name) => self.adoption_agency(name),
            _ => self.any_other_end(name),
        }
    }

    fn position_any(&self, pred: fn(&str) -> bool) -> Option<usize> {
        for (i, (_, n, ns)) in self.stack.iter().enumerate().rev() {
            if *ns == Ns::Html && pred(n) {
                return Some(i);
            }
            if categorised(*ns) && is_scope_boundary(n) {
                return None;
            }
        }
        None
    }
}

/// Names common enough to keep as static strings (sorted for binary search).
const COMMON: &[&str] = &[
    "a",
    "abbr",
    "alt",
    "aria-hidden",
    "aria-label",
    "article",
    "aside",
    "b",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "charset",
    "class",
    "code",
    "content",
    "d",
    "data-lazy-src",
    "data-original",
    "data-src",
    "datetime",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "fill",
    "font",
    "footer",
    "form",
    "g",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "height",
    "hidden",
    "hr",
    "href",
    "html",
    "http-equiv",
    "i",
    "id",
    "iframe",
    "img",
    "input",
    "itemprop",
    "label",
    "lang",
    "li",
    "link",
    "loading",
    "main",
    "meta",
    "name",
    "nav",
    "noscript",
    "ol",
    "onclick",
    "option",
    "p",
    "path",
    "picture",
    "pre",
    "property",
    "rel",
    "role",
    "script",
    "section",
    "select",
    "small",
    "source",
    "span",
    "src",
    "srcset",
    "strong",
    "style",
    "sub",
    "sup",
    "svg",
    "tabindex",
    "table",
    "target",
    "tbody",
    "td",
    "th",
    "time",
    "title",
    "tr",
    "type",
    "u",
    "ul",
    "use",
    "value",
    "viewbox",
    "width",
    "xmlns",
];

fn lower(name: &str) -> Name {
    let owned;
    let lower = if name.bytes().any(|b| b.is_ascii_uppercase()) {
        owned = name.to_ascii_lowercase();
        owned.as_str()
    } else {
        name
    };
    common(lower).map_or_else(|| Name::Owned(lower.to_owned()), Name::Borrowed)
}

/// The static copy of a lower-case name when it is one of [`COMMON`].
fn common(lower: &str) -> Option<&'static str> {
    // COMMON is sorted, so the names starting with one byte are one run of it;
    // comparing lengths first leaves about one byte comparison per lookup
    // (a binary search over all of COMMON was 8 % of the extraction time).
    let (from, to) = common_runs()[usize::from(lower.as_bytes().first().copied().unwrap_or(0))];
    COMMON
        .get(usize::from(from)..usize::from(to))
        .and_then(|run| run.iter().find(|c| c.len() == lower.len() && **c == lower))
        .copied()
}

/// For each first byte, the range of [`COMMON`] holding the names that start with it.
fn common_runs() -> &'static [(u16, u16); 256] {
    static RUNS: std::sync::OnceLock<[(u16, u16); 256]> = std::sync::OnceLock::new();
    RUNS.get_or_init(|| {
        let mut runs = [(0u16, 0u16); 256];
        for (i, name) in COMMON.iter().enumerate() {
            let Some(&b) = name.as_bytes().first() else {
                continue;
            };
            let i = u16::try_from(i).unwrap_or(u16::MAX);
            let run = &mut runs[usize::from(b)];
            if run.1 == 0 {
                *run = (i, i + 1);
            } else {
                run.1 = i + 1;
            }
        }
        runs
    })
}

/// True when `bytes[at..]` is `<` or `</` (`close`) followed by `name`
/// (ASCII case-insensitive) and a byte that ends a tag name.
fn tag_at(bytes: &[u8], at: usize, close: bool, name: &[u8]) -> bool {
    let from = at + 1 + usize::from(close);
    bytes.get(at) == Some(&b'<')
        && (!close || bytes.get(at + 1) == Some(&b'/'))
        && bytes
            .get(from..from + name.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(name))
        && matches!(
            bytes.get(from + name.len()),
            Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>')
        )
}

/// Where the raw text of element `name` that starts at `from` ends: at its
/// end tag (`</name` and a space, `/` or `>`). In a script, the standard's
/// escaped states apply: after `<!--`, a `<script>` makes the next
/// `</script>` part of the text, until `-->`. One pass over the text.
fn raw_text_end(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let script = name.eq_ignore_ascii_case(b"script");
    // 0: script data, 1: escaped (after `<!--`), 2: double escaped.
    let mut state = 0u8;
    let mut i = from;
    loop {
        let hay = bytes.get(i..)?;
        let off = if state == 0 {
            memchr::memchr(b'<', hay)?
        } else {
            memchr::memchr2(b'<', b'-', hay)?
        };
        let at = i + off;
        i = at + 1;
        if bytes.get(at) == Some(&b'-') {
            if bytes.get(at + 1..at + 3) == Some(b"->") {
                state = 0;
                i = at + 3;
            }
            continue;
        }
        match state {
            2 if tag_at(bytes, at, true, b"script") => state = 1,
            2 => {}
            _ if tag_at(bytes, at, true, name) => return Some(at),
            0 if script && bytes.get(at..at + 4) == Some(b"<!--") => {
                state = 1;
                // The dashes of `<!--` may close it at once (`<!-->`).
                i = at + 2;
            }
            1 if tag_at(bytes, at, false, b"script") => state = 2,
            _ => {}
        }
    }
}

/// `html` with every CR LF and lone CR written as LF (one pass).
fn line_feeds(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(cr) = memchr::memchr(b'\r', rest.as_bytes()) {
        out.push_str(&rest[..cr]);
        out.push('\n');
        let after = &rest[cr + 1..];
        rest = after.strip_prefix('\n').unwrap_or(after);
    }
    out.push_str(rest);
    out
}

/// Parses a decoded HTML document.
pub(crate) fn parse(html: &str) -> Dom {
    // The standard's input stream: every CR LF and lone CR is a line feed.
    let normalised;
    let html = if memchr::memchr(b'\r', html.as_bytes()).is_some() {
        normalised = line_feeds(html);
        normalised.as_str()
    } else {
        html
    };
    let mut b = Builder {
        dom: Dom::with_capacity(html.len()),
        stack: Vec::with_capacity(64),
        active: Vec::new(),
        moved: false,
        frameset_ok: true,
        frameset: false,
        form: None,
        nul: memchr::memchr(0, html.as_bytes()).is_some(),
        html: None,
        head: None,
        body: None,
    };
    let bytes = html.as_bytes();
    let len = bytes.len();
    let mut i = 0;
    let mut text_start = 0;
    while i < len {
        let Some(off) = memchr::memchr(b'<', &bytes[i..]) else {
            break;
        };
        let lt = i + off;
        let next = bytes.get(lt + 1).copied().unwrap_or(0);
        if next == b'!' {
            b.text(&html[text_start..lt]);
            if bytes[lt..].starts_with(b"<!--") {
                i = comment_end(bytes, lt + 4);
            } else if bytes[lt..].starts_with(b"<![CDATA[") && b.cdata_allowed() {
                let end =
                    memchr::memmem::find(&bytes[lt + 9..], b"]]>").map_or(len, |e| lt + 9 + e);
                let cur = b.current();
                b.dom.append_text(cur, &html[lt + 9..end]);
                i = (end + 3).min(len);
            } else {
                i = memchr::memchr(b'>', &bytes[lt..]).map_or(len, |e| lt + e + 1);
            }
            text_start = i;
        } else if next == b'?' {
            b.text(&html[text_start..lt]);
            i = memchr::memchr(b'>', &bytes[lt..]).map_or(len, |e| lt + e + 1);
            text_start = i;
        } else if next == b'/' {
            b.text(&html[text_start..lt]);
            let name_start = lt + 2;
            if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
                i = memchr::memchr(b'>', &bytes[lt..]).map_or(len, |e| lt + e + 1);
                text_start = i;
                continue;
            }
            let mut j = name_start;
            while j < len
                && !matches!(
                    bytes[j],
                    b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'
                )
            {
                j += 1;
            }
            let name = lower(&html[name_start..j]);
            i = memchr::memchr(b'>', &bytes[j..]).map_or(len, |e| j + e + 1);
            text_start = i;
            b.end(&name);
        } else if next.is_ascii_alphabetic() {
            b.text(&html[text_start..lt]);
            let (name, attrs, self_closing, after) = read_tag(html, lt + 1, &mut b.dom);
            i = after;
            text_start = i;
            let raw_end = if is_raw_text(&name) && !self_closing && b.reads_as_html(&name) {
                if &*name == "plaintext" {
                    Some(len)
                } else {
                    match raw_text_end(bytes, i, name.as_bytes()) {
                        Some(e) => Some(e),
                        // An unclosed script or style hides the rest; anything
                        // else unclosed is more likely a stray tag.
                        None if matches!(&*name, "script" | "style") => Some(len),
                        None => None,
                    }
                }
            } else {
                None
            };
            if let Some(end) = raw_end {
                let keep = match &*name {
                    "script" => b
                        .dom
                        .attrs_in(attrs)
                        .any(|(k, v)| k == "type" && v.to_ascii_lowercase().contains("json")),
                    "style" => false,
                    _ => true,
                };
                let raw_name = name.clone();
                b.start(name, attrs, false);
                if keep && end > i {
                    let content = &html[i..end];
                    let cur = b.current();
                    if matches!(&*raw_name, "title" | "textarea") {
                        let content = if &*raw_name == "textarea" {
                            content
                                .strip_prefix('\n')
                                .or_else(|| content.strip_prefix("\r\n"))
                                .unwrap_or(content)
                        } else {
                            content
                        };
                        let t = decode_entities(content);
                        b.dom.append_text(cur, &t);
                    } else {
                        b.dom.append_text(cur, content);
                    }
                }
                b.end(&raw_name);
                // Raw-text elements are never left open.
                if let Some(pos) = b.stack.iter().rposition(|(_, n, _)| *n == raw_name) {
                    b.pop_to(pos);
                }
                i = if end >= len {
                    len
                } else {
                    memchr::memchr(b'>', &bytes[end..]).map_or(len, |e| end + e + 1)
                };
                text_start = i;
            } else {
                // A line break right after `<pre>` or `<listing>` is not content.
                let pre = matches!(&*name, "pre" | "listing") && b.reads_as_html(&name);
                b.start(name, attrs, self_closing);
                if pre {
                    if bytes.get(i) == Some(&b'\n') {
                        i += 1;
                    } else if bytes.get(i..i + 2) == Some(b"\r\n") {
                        i += 2;
                    }
                    text_start = i;
                }
            }
        } else {
            // A lone '<' is text.
            i = lt + 1;
        }
    }
    if text_start < len {
        b.text(&html[text_start..]);
    }
    b.ensure_body();
    if b.moved {
        b.dom.renumber();
    }
    b.dom
}

/// Where a comment whose text starts at `from` (after `<!--`) ends: after
/// `-->` or `--!>`, or straight away for `<!-->` and `<!--->`; at the end
/// of the input when it is never closed. Linear: each `--` is looked at once.
fn comment_end(bytes: &[u8], from: usize) -> usize {
    let len = bytes.len();
    match bytes.get(from..) {
        Some([b'>', ..]) => return from + 1,
        Some([b'-', b'>', ..]) => return from + 2,
        _ => {}
    }
    let mut k = from;
    while let Some(off) = bytes.get(k..).and_then(|b| memchr::memmem::find(b, b"--")) {
        let at = k + off;
        match bytes.get(at + 2..) {
            Some([b'>', ..]) => return at + 3,
            Some([b'!', b'>', ..]) => return at + 4,
            _ => k = at + 1,
        }
    }
    len
}

/// Reads a start tag beginning at the name; returns name, attributes, self-closing flag and
/// the index after `>`.
fn read_tag(html: &str, start: usize, dom: &mut Dom) -> (Name, AttrRange, bool, usize) {
    let bytes = html.as_bytes();
    let len = bytes.len();
    let mut j = start;
    while j < len
        && !matches!(
            bytes[j],
            b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'
        )
    {
        j += 1;
    }
    let name = lower(&html[start..j]);
    let mut attrs = dom.attrs_start();
    let mut self_closing = false;
    loop {
        while j < len && matches!(bytes[j], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
            j += 1;
        }
        if j >= len {
            return (name, attrs, self_closing, len);
        }
        match bytes[j] {
            b'>' => return (name, attrs, self_closing, j + 1),
            b'/' => {
                j += 1;
                self_closing = bytes.get(j) == Some(&b'>');
                continue;
            }
            _ => {}
        }
        self_closing = false;
        let an_start = j;
        j += 1;
        while j < len
            && !matches!(
                bytes[j],
                b'>' | b'/' | b'=' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'
            )
        {
            j += 1;
        }
        let raw_name = &html[an_start..j];
        let lowered;
        let an = if raw_name.bytes().any(|b| b.is_ascii_uppercase()) {
            lowered = raw_name.to_ascii_lowercase();
            lowered.as_str()
        } else {
            raw_name
        };
        while j < len && matches!(bytes[j], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
            j += 1;
        }
        let mut value = std::borrow::Cow::Borrowed("");
        if bytes.get(j) == Some(&b'=') {
            j += 1;
            while j < len && matches!(bytes[j], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
                j += 1;
            }
            match bytes.get(j) {
                Some(&q @ (b'"' | b'\'')) => {
                    let vs = j + 1;
                    let ve = memchr::memchr(q, &bytes[vs..]).map_or(len, |e| vs + e);
                    value = decode_attribute(&html[vs..ve]);
                    j = (ve + 1).min(len);
                }
                Some(_) => {
                    let vs = j;
                    while j < len
                        && !matches!(bytes[j], b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
                    {
                        j += 1;
                    }
                    value = decode_attribute(&html[vs..j]);
                }
                None => {}
            }
        }
        if attrs.len < 64 {
            dom.attrs_push(&mut attrs, an, common(an), &value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_names_are_sorted_and_static() {
        assert!(COMMON.windows(2).all(|w| w[0] < w[1]));
        assert!(matches!(lower("DIV"), Name::Borrowed("div")));
        assert!(matches!(lower("Custom-Tag"), Name::Owned(ref s) if s == "custom-tag"));
        for name in COMMON {
            assert!(
                matches!(lower(name), Name::Borrowed(n) if n == *name),
                "{name}"
            );
        }
        assert!(COMMON.windows(2).all(|w| w[0] < w[1]), "COMMON is sorted");
        assert!(matches!(lower(""), Name::Owned(ref s) if s.is_empty()));
    }
}
