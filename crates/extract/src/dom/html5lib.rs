//! html5lib-tests' tree-construction cases (`tests/html5lib/*.dat`, MIT,
//! see the LICENSE beside them) run through [`super::parse`].
//!
//! `cargo test -p extract --lib html5lib -- --nocapture` prints two pass rates:
//! **tree**, the expected tree exactly, less what this DOM leaves out by design
//! (doctype, comments, the source text of scripts and styles, SVG camel
//! case; a template's `content` is its element's children here); and
//! **text**, the document's text in the same order with whitespace
//! collapsed, less template contents, which is what extraction reads. Fragment cases and cases for
//! scripting enabled are skipped. The test asserts floors, so a change that
//! loses cases fails.

use super::{parse, Dom, NodeId, ROOT};

/// One case of a `.dat` file.
struct Case {
    data: String,
    /// The expected tree in html5lib's format, one node per entry: (depth, line).
    expected: Vec<(usize, String)>,
}

fn cases(file: &str) -> Vec<Case> {
    let mut out = Vec::new();
    for chunk in file.split("#data\n").skip(1) {
        let Some((data, rest)) = chunk.split_once("\n#errors\n") else {
            continue;
        };
        if rest.contains("#document-fragment") || rest.contains("#script-on") {
            continue;
        }
        let Some((_, doc)) = rest.split_once("#document\n") else {
            continue;
        };
        let mut expected: Vec<(usize, String)> = Vec::new();
        for line in doc.trim_end_matches('\n').split('\n') {
            if let Some(node) = line.strip_prefix("| ") {
                let depth = node.len() - node.trim_start_matches(' ').len();
                expected.push((depth / 2, node.trim_start_matches(' ').to_string()));
            } else if let Some(last) = expected.last_mut() {
                // A text node that holds line breaks goes on over several lines.
                last.1.push('\n');
                last.1.push_str(line);
            }
        }
        out.push(Case {
            data: data.to_string(),
            expected,
        });
    }
    out
}

/// The expected tree without what this DOM does not keep, adjacent text
/// merged. A template's content (html5lib's `content` line) is this DOM's
/// children of the `<template>`: the line goes and what it holds moves up
/// one level.
fn normalise(expected: &[(usize, String)]) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    // Depth of a dropped subtree (comments, script/style text).
    let mut raw_parent: Vec<(usize, bool)> = Vec::new();
    // Depths of the open `content` lines.
    let mut contents: Vec<usize> = Vec::new();
    for (depth, line) in expected {
        while raw_parent.last().is_some_and(|&(d, _)| d >= *depth) {
            raw_parent.pop();
        }
        while contents.last().is_some_and(|&d| d >= *depth) {
            contents.pop();
        }
        if line == "content" {
            contents.push(*depth);
            continue;
        }
        if line.starts_with("<!-- ") || line.starts_with("<!DOCTYPE") {
            continue;
        }
        let in_raw = raw_parent.last().is_some_and(|&(_, raw)| raw);
        if line.starts_with('"') && in_raw {
            continue;
        }
        let name = element_name(line);
        raw_parent.push((*depth, matches!(name.as_deref(), Some("script" | "style"))));
        let depth = depth - contents.len();
        if let (Some((d, prev)), true) = (out.last_mut(), line.starts_with('"')) {
            if *d == depth && prev.starts_with('"') {
                prev.pop();
                prev.push_str(&line[1..]);
                continue;
            }
        }
        out.push((depth, line.clone()));
    }
    out
}

/// `<svg path>` → `path`, `<p>` → `p`.
fn element_name(line: &str) -> Option<String> {
    let inner = line.strip_prefix('<')?.strip_suffix('>')?;
    Some(
        inner
            .rsplit(' ')
            .next()
            .unwrap_or(inner)
            .to_ascii_lowercase(),
    )
}

/// What the children of an element are read as, for their namespace.
#[derive(Clone, Copy, PartialEq)]
enum Context {
    Html,
    Svg,
    Math,
    /// MathML `mi`, `mo`, `mn`, `ms`, `mtext`.
    MathText,
    /// MathML `annotation-xml` without an HTML encoding.
    Annotation,
}

/// The namespace prefix html5lib writes for element `name` whose parent's
/// children are read as `ctx` (`None`: HTML), and how its own children are read.
fn namespace(dom: &Dom, id: NodeId, name: &str, ctx: Context) -> (Option<&'static str>, Context) {
    let ns = match (ctx, name) {
        (Context::Svg, _) | (Context::Html | Context::MathText | Context::Annotation, "svg") => {
            Some("svg")
        }
        (Context::Math | Context::Annotation, _)
        | (Context::Html | Context::MathText, "math")
        | (Context::MathText, "mglyph" | "malignmark") => Some("math"),
        _ => None,
    };
    let inner = match (ns, name) {
        (None, _) | (Some("svg"), "foreignobject" | "desc" | "title") => Context::Html,
        (Some("svg"), _) => Context::Svg,
        (_, "mi" | "mo" | "mn" | "ms" | "mtext") => Context::MathText,
        (_, "annotation-xml") => {
            let enc = dom.attr(id, "encoding").unwrap_or("").to_ascii_lowercase();
            if enc == "text/html" || enc == "application/xhtml+xml" {
                Context::Html
            } else {
                Context::Annotation
            }
        }
        _ => Context::Math,
    };
    (ns, inner)
}

fn serialise(dom: &Dom) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut stack: Vec<(NodeId, usize, Context)> =
        dom.children(ROOT).map(|c| (c, 0, Context::Html)).collect();
    stack.reverse();
    while let Some((id, depth, ctx)) = stack.pop() {
        if let Some(t) = dom.text(id) {
            out.push((depth, format!("\"{t}\"")));
            continue;
        }
        let Some(name) = dom.name(id) else { continue };
        let (ns, inner) = namespace(dom, id, name, ctx);
        let line = match ns {
            Some(ns) => format!("<{ns} {name}>"),
            None => format!("<{name}>"),
        };
        out.push((depth, line));
        let mut attrs: Vec<_> = dom.attrs(id).collect();
        attrs.sort_by(|a, b| a.0.cmp(b.0));
        for (k, v) in attrs {
            out.push((depth + 1, format!("{k}=\"{v}\"")));
        }
        let children: Vec<_> = dom.children(id).collect();
        for &c in children.iter().rev() {
            stack.push((c, depth + 1, inner));
        }
    }
    out
}

/// The document's text in order, whitespace collapsed, less a template's
/// content (what extraction reads).
fn text_of(tree: &[(usize, String)]) -> String {
    let mut text = String::new();
    // Depths of the open elements, and whether each is a template.
    let mut open: Vec<(usize, bool)> = Vec::new();
    for (depth, line) in tree {
        while open.last().is_some_and(|&(d, _)| d >= *depth) {
            open.pop();
        }
        if let Some(t) = line.strip_prefix('"').and_then(|l| l.strip_suffix('"')) {
            if !open.iter().any(|&(_, template)| template) {
                text.push_str(t);
                text.push(' ');
            }
        } else if let Some(name) = element_name(line) {
            open.push((*depth, name == "template"));
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lower-cases foreign element names (this DOM keeps no SVG camel case) and
/// attribute names, which the DOM stores lower-case.
fn fold_case(tree: &[(usize, String)]) -> Vec<(usize, String)> {
    tree.iter()
        .map(|(d, l)| {
            let l = if l.starts_with('<') {
                l.to_ascii_lowercase()
            } else if let Some((k, v)) = l.split_once("=\"").filter(|_| !l.starts_with('"')) {
                format!("{}=\"{v}", k.to_ascii_lowercase().replace(' ', ":"))
            } else {
                l.clone()
            };
            (*d, l)
        })
        .collect()
}

#[test]
fn html5lib_tree_construction() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/html5lib");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/html5lib exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "dat"))
        .collect();
    files.sort();
    let (mut total, mut tree_ok, mut text_ok) = (0usize, 0usize, 0usize);
    let mut lines = Vec::new();
    for path in &files {
        let file = std::fs::read_to_string(path).expect("readable .dat");
        let (mut n, mut t, mut x) = (0, 0, 0);
        for case in cases(&file) {
            let expected = fold_case(&normalise(&case.expected));
            let got = fold_case(&serialise(&parse(&case.data)));
            n += 1;
            if got == expected {
                t += 1;
            }
            if text_of(&got) == text_of(&expected) {
                x += 1;
            }
            if std::env::var_os("HTML5LIB_VERBOSE").is_some() && got != expected {
                let show = |tree: &[(usize, String)]| {
                    tree.iter()
                        .map(|(d, l)| format!("{}{l}", "  ".repeat(*d)))
                        .collect::<Vec<_>>()
                        .join("\n")
                };
                println!(
                    "--- {}\n{}\n--- expected\n{}\n--- got\n{}",
                    path.display(),
                    case.data,
                    show(&expected),
                    show(&got)
                );
            }
        }
        total += n;
        tree_ok += t;
        text_ok += x;
        let name = path.file_name().map(|f| f.to_string_lossy().into_owned());
        lines.push(format!(
            "{:<44} {n:>4} cases  tree {t:>4}  text {x:>4}",
            name.unwrap_or_default()
        ));
    }
    println!("{}", lines.join("\n"));
    let pct = |k: usize| k as f64 * 100.0 / total.max(1) as f64;
    println!(
        "html5lib-tests tree construction: {total} cases, tree {tree_ok} ({:.1} %), text {text_ok} ({:.1} %)",
        pct(tree_ok),
        pct(text_ok)
    );
    assert!(total > 1500, "{total} cases read");
    assert!(pct(tree_ok) >= FLOOR_TREE, "tree pass rate fell");
    assert!(pct(text_ok) >= FLOOR_TEXT, "text pass rate fell");
}

/// Pass rates this parser reaches (percent), kept as floors.
const FLOOR_TREE: f64 = 95.5;
const FLOOR_TEXT: f64 = 97.0;

/// html5ever's tree (through `scraper`, a dev-dependency) in the same
/// format as [`serialise`], less what this DOM leaves out by design: comments,
/// the text of scripts and styles, template contents; names lower-cased and
/// attribute names without a namespace prefix, white space collapsed.
fn serialise_html5ever(html: &str) -> Vec<(usize, String)> {
    let doc = scraper::Html::parse_document(html);
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut stack = vec![(doc.tree.root(), 0usize, false)];
    while let Some((node, depth, raw)) = stack.pop() {
        let mut child_depth = depth + 1;
        let mut child_raw = raw;
        match node.value() {
            scraper::Node::Document => child_depth = depth,
            scraper::Node::Element(e) => {
                let name = e.name().to_ascii_lowercase();
                out.push((depth, format!("<{name}>")));
                let mut attrs: Vec<(String, String)> =
                    e.attrs().map(|(k, v)| (local(k), v.to_string())).collect();
                attrs.sort();
                for (k, v) in attrs {
                    out.push((depth + 1, format!("{k}=\"{v}\"")));
                }
                if name == "template" {
                    continue;
                }
                child_raw = matches!(name.as_str(), "script" | "style");
            }
            scraper::Node::Text(t) => {
                if raw {
                    continue;
                }
                match out.last_mut() {
                    Some((d, prev)) if *d == depth && prev.starts_with('"') => {
                        prev.pop();
                        prev.push_str(&t.text);
                        prev.push('"');
                    }
                    _ => out.push((depth, format!("\"{}\"", &*t.text))),
                }
                continue;
            }
            _ => continue,
        }
        let children: Vec<_> = node.children().collect();
        for c in children.into_iter().rev() {
            stack.push((c, child_depth, child_raw));
        }
    }
    collapse_text(out)
}

/// An attribute name lower-cased, without its namespace prefix (`scraper`
/// gives `xlink:href` on SVG as `href`).
fn local(name: &str) -> String {
    name.rsplit(':').next().unwrap_or(name).to_ascii_lowercase()
}

/// This parser's tree in the same terms as [`serialise_html5ever`].
fn serialise_comparable(dom: &Dom) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    // (depth of a script/style/template whose content is skipped)
    let mut skip: Option<(usize, bool)> = None;
    // True while the lines read are the attributes of the last element.
    let mut attrs = false;
    // An element's line, as `serialise` writes it (an attribute may be named `<`).
    let is_element = |l: &str| l.starts_with('<') && l.ends_with('>') && !l.contains("=\"");
    for (depth, line) in serialise(dom) {
        let attr = !is_element(&line) && !line.starts_with('"');
        attrs &= attr;
        if let Some((d, whole)) = skip {
            // A template's own attributes stay, as html5ever's tree has them.
            let own = attrs && depth == d + 1;
            if depth > d && !own && (whole || line.starts_with('"')) {
                continue;
            }
            if depth <= d {
                skip = None;
            }
        }
        let line = if let Some(name) = line.strip_prefix('<').filter(|_| !attr) {
            attrs = true;
            let name = name.trim_end_matches('>');
            let name = name.rsplit(' ').next().unwrap_or(name).to_ascii_lowercase();
            match name.as_str() {
                "template" => skip = Some((depth, true)),
                "script" | "style" => skip = Some((depth, false)),
                _ => {}
            }
            format!("<{name}>")
        } else if !line.starts_with('"') {
            let (k, v) = line.split_once("=\"").unwrap_or((&line, "\""));
            format!("{}=\"{v}", local(k))
        } else {
            line
        };
        out.push((depth, line));
    }
    collapse_text(out)
}

/// Text with white space collapsed, and white-space-only text left out:
/// where the standard puts the spaces between `</head>` and `<body>` or
/// after `</body>` changes no text a reader sees.
/// Attributes are sorted by their local names.
fn collapse_text(tree: Vec<(usize, String)>) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = tree
        .into_iter()
        .filter_map(
            |(d, l)| match l.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
                Some(t) if t.trim().is_empty() => None,
                Some(t) => Some((
                    d,
                    format!("\"{}\"", t.split_whitespace().collect::<Vec<_>>().join(" ")),
                )),
                None => Some((d, l)),
            },
        )
        .collect();
    let is_attr = |l: &str| !l.starts_with('"') && !l.starts_with('<');
    let mut i = 0;
    while i < out.len() {
        let run = out[i..].iter().take_while(|(_, l)| is_attr(l)).count();
        out[i..i + run].sort();
        i += run.max(1);
    }
    out
}

/// `TREE_PAGES=DIR[:DIR…] cargo test -p extract --release --lib html5ever_trees -- --ignored --nocapture`
/// parses every `*.html` file in the directories with this parser and with
/// html5ever and prints how many trees are the same (see
/// [`serialise_html5ever`] for what is left out); `TREE_VERBOSE=1` prints the
/// first difference of each page that differs.
#[test]
#[ignore = "reads a corpus named by TREE_PAGES"]
fn html5ever_trees() {
    let dirs = std::env::var("TREE_PAGES").unwrap_or_default();
    let verbose = std::env::var_os("TREE_VERBOSE").is_some();
    let mut files: Vec<std::path::PathBuf> = dirs
        .split(':')
        .filter(|d| !d.is_empty())
        .filter_map(|d| std::fs::read_dir(d).ok())
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    files.sort();
    let (mut pages, mut same) = (0, 0);
    for path in &files {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let (text, _) = crate::decode_html(&bytes, None);
        pages += 1;
        let ours = serialise_comparable(&parse(&text));
        let spec = serialise_html5ever(&text);
        if ours == spec {
            same += 1;
        } else if verbose {
            let at = ours.iter().zip(&spec).take_while(|(a, b)| a == b).count();
            let show = |t: &[(usize, String)]| {
                t.iter()
                    .skip(at.saturating_sub(3))
                    .take(8)
                    .map(|(d, l)| {
                        format!(
                            "    {}{}",
                            "  ".repeat(*d),
                            l.chars().take(100).collect::<String>()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            let line = |t: &[(usize, String)]| {
                t.get(at)
                    .map(|(_, l)| l.chars().take(300).collect::<String>())
                    .unwrap_or_default()
            };
            println!(
                "DIFF {}\n  ours:\n{}\n  html5ever:\n{}\n  first difference:\n    {}\n    {}",
                path.display(),
                show(&ours),
                show(&spec),
                line(&ours),
                line(&spec)
            );
        }
    }
    println!("trees the same as html5ever's: {same} of {pages} pages");
    assert!(pages == 0 || same > 0, "no tree matched");
}
