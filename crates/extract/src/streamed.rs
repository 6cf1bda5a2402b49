//! React's streamed segments put where the page shows them.
//!
//! A page rendered by React's streaming server (Next.js and others) sends
//! the parts that were not ready with the first bytes later, each as
//! `<div hidden id="S:x">…</div>` at the end of the body, and a script
//! (`$RC("B:x","S:x")`, `$RS("S:x","P:x")`) moves it to its placeholder
//! `<template id="B:x">` or `<template id="P:x">`. Without scripts the
//! article is a hidden element at the end of the page; this module does
//! the script's move, so the text is visible and in reading order.
//!
//! Written here because it is the DOM's own move; bounded: at most
//! [`MAX_SEGMENTS`] segments are placed, a move that would put a segment
//! inside itself or nest the tree deeper than the parser's cap is not made
//! (the segment is then shown where it is), and each move walks the moved
//! subtree once.

use crate::dom::{Dom, NodeId, ROOT};

/// At most this many segments are moved to their placeholders; the others are shown in place.
const MAX_SEGMENTS: usize = 64;

/// True when the page's source may hold streamed segments (a cheap test before walking the tree).
pub(crate) fn may_hold_segments(source: &str) -> bool {
    source.contains(" id=\"S:")
}

/// Moves each streamed segment's content to its placeholder and shows the
/// segments that have none.
pub(crate) fn reveal(dom: &mut Dom) {
    let mut segments: Vec<(String, NodeId)> = Vec::new();
    let mut templates: Vec<(String, NodeId)> = Vec::new();
    for d in dom.descendants(ROOT) {
        let Some(id) = dom.attr(d, "id") else {
            continue;
        };
        match dom.name(d) {
            Some("div") if dom.attr(d, "hidden").is_some() => {
                if let Some(x) = id.strip_prefix("S:") {
                    segments.push((x.to_owned(), d));
                }
            }
            Some("template") => {
                if let Some(x) = id.strip_prefix("B:").or_else(|| id.strip_prefix("P:")) {
                    templates.push((x.to_owned(), d));
                }
            }
            _ => {}
        }
    }
    if segments.is_empty() {
        return;
    }
    let max_depth = crate::dom::MAX_DEPTH;
    for (x, seg) in segments.iter().take(MAX_SEGMENTS) {
        let Some(&(_, place)) = templates.iter().find(|(t, _)| t == x) else {
            continue;
        };
        // The placeholder must lie outside the segment, and the moved content
        // must not nest deeper than the parser would have built.
        if dom.ancestors(place).any(|a| a == *seg) || dom.parent(place) == crate::dom::NONE {
            continue;
        }
        let depth = dom.ancestors(place).count();
        if depth + height(dom, *seg) > max_depth {
            continue;
        }
        let children: Vec<NodeId> = dom.children(*seg).collect();
        for c in children {
            dom.insert_node_before(place, c);
        }
        dom.detach(place);
    }
    // Segments without a placeholder (or not moved) are shown where they are.
    for (_, seg) in &segments {
        if dom.parent(*seg) == crate::dom::NONE {
            continue;
        }
        let children: Vec<NodeId> = dom.children(*seg).collect();
        for c in children {
            dom.insert_node_before(*seg, c);
        }
        dom.detach(*seg);
    }
    dom.renumber();
}

/// How many levels the subtree under `id` holds below it (one walk: a
/// node's depth is its parent's plus one, and parents come first).
fn height(dom: &Dom, id: NodeId) -> usize {
    let mut depth: std::collections::HashMap<NodeId, usize> = std::collections::HashMap::new();
    depth.insert(id, 0);
    let mut max = 0;
    for d in dom.descendants(id) {
        let h = depth.get(&dom.parent(d)).map_or(0, |p| p + 1);
        max = max.max(h);
        if dom.first_child(d) != crate::dom::NONE {
            depth.insert(d, h);
        }
    }
    max
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::max_depth;

    #[test]
    fn segments_move_to_their_placeholders_in_order() {
        let mut dom = crate::dom::parse(
            r#"<body><p>a</p><template id="B:1"></template><p>c</p><div hidden id="S:1"><p>b</p></div></body>"#,
        );
        reveal(&mut dom);
        assert_eq!(dom.text_content(dom.body()), "abc");
        assert!(dom.find_all(ROOT, "template").next().is_none());
    }

    #[test]
    fn a_move_never_nests_deeper_than_the_parser_does() {
        // The placeholder 190 levels down, a segment 40 levels deep: moved,
        // it would make the tree 230 deep, so it is shown where it is.
        let deep = "<div>".repeat(190);
        let tall = "<section>".repeat(40);
        let html = format!(
            r#"<body>{deep}<template id="P:2"></template></body><div hidden id="S:2">{tall}<p>late</p></div>"#
        );
        let mut dom = crate::dom::parse(&html);
        let before = max_depth(&dom);
        reveal(&mut dom);
        assert!(dom.text_content(dom.body()).contains("late"));
        assert!(max_depth(&dom) <= before, "{} > {before}", max_depth(&dom));
        assert!(max_depth(&dom) <= crate::dom::MAX_DEPTH + 2);
    }

    #[test]
    fn segments_that_place_each_other_in_a_loop_stay_a_tree() {
        // S:1 holds the placeholder of S:2 and S:2 that of S:1.
        let mut dom = crate::dom::parse(
            r#"<body><div hidden id="S:1"><p>one</p><template id="B:2"></template></div>
               <div hidden id="S:2"><p>two</p><template id="B:1"></template></div></body>"#,
        );
        reveal(&mut dom);
        let text = dom.text_content(dom.body());
        assert!(text.contains("one") && text.contains("two"), "{text:?}");
        // Every node is reached once from the root: no cycle.
        assert!(dom.descendants(ROOT).count() < 20);
    }
}
