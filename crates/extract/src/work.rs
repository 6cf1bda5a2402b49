//! Work counters: nodes visited by the document's walks and text bytes
//! copied, counted per thread in the crate's own tests so that "linear"
//! cases are bounded by work, not by seconds on a shared machine. Outside
//! tests the counting functions are empty and inlined away.

#[cfg(test)]
thread_local! {
    static NODES: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    static BYTES: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Counts `n` nodes visited.
#[inline(always)]
pub(crate) fn nodes(n: usize) {
    #[cfg(test)]
    NODES.with(|c| c.set(c.get().saturating_add(n as u64)));
    #[cfg(not(test))]
    let _ = n;
}

/// Counts `n` bytes of text copied or scanned.
#[inline(always)]
pub(crate) fn bytes(n: usize) {
    #[cfg(test)]
    BYTES.with(|c| c.set(c.get().saturating_add(n as u64)));
    #[cfg(not(test))]
    let _ = n;
}

/// Runs `f` and returns what it gave with the nodes visited and bytes
/// copied on this thread meanwhile.
#[cfg(test)]
pub(crate) fn measure<T>(f: impl FnOnce() -> T) -> (T, u64, u64) {
    let (n0, b0) = (NODES.with(|c| c.get()), BYTES.with(|c| c.get()));
    let out = f();
    let (n1, b1) = (NODES.with(|c| c.get()), BYTES.with(|c| c.get()));
    (out, n1 - n0, b1 - b0)
}

#[cfg(test)]
mod tests {
    use super::measure;
    use crate::{extract, ExtractOptions};

    /// Extracts `html` on a 512 KiB stack (as a worker thread would) and
    /// returns the block count, the words, the nodes visited and the bytes copied.
    fn work(html: String) -> (usize, usize, u64, u64) {
        std::thread::Builder::new()
            .stack_size(512 * 1024)
            .spawn(move || {
                let (a, nodes, bytes) = measure(|| {
                    let a = extract(
                        html.as_bytes(),
                        "https://x.vn/a.html",
                        &ExtractOptions::default(),
                    )
                    .expect("an article");
                    let _ = (
                        crate::to_json(&a),
                        crate::to_markdown(&a),
                        crate::to_html(&a),
                    );
                    a
                });
                (a.blocks.len(), a.word_count(), nodes, bytes)
            })
            .expect("a thread")
            .join()
            .expect("no panic")
    }

    /// Work grows in proportion to the input: doubling it at most doubles the
    /// work (with 10 % for fixed costs), and each input byte costs at most
    /// `visits` node visits and 64 bytes copied. A walk that restarts per
    /// paragraph, or text copied again on every append, fails both.
    fn assert_linear(name: &str, visits: u64, small: (usize, u64, u64), large: (usize, u64, u64)) {
        let (len, n1, b1) = small;
        let (_, n2, b2) = large;
        eprintln!("{name}: {len} bytes: {n1} nodes visited, {b1} bytes copied; twice the input: {n2}, {b2}");
        assert!(n1 > 0 && b1 > 0, "{name}: the counters count");
        assert!(
            n2 * 10 <= n1 * 22,
            "{name}: nodes visited {n1} → {n2} for twice the input"
        );
        assert!(
            b2 * 10 <= b1 * 22,
            "{name}: bytes copied {b1} → {b2} for twice the input"
        );
        assert!(
            n1 <= visits * len as u64,
            "{name}: {n1} node visits for {len} bytes"
        );
        assert!(
            b1 <= 64 * len as u64,
            "{name}: {b1} bytes copied for {len} bytes"
        );
    }

    #[test]
    fn large_page_is_linear() {
        let para = "<p>Hà Nội mưa lớn, nhiều tuyến phố ngập sâu, giao thông ùn tắc kéo dài trong giờ cao điểm.</p>\n";
        let page = |n: usize| {
            format!(
                "<html><body><article>{}</article></body></html>",
                para.repeat(n)
            )
        };
        let (small, large) = (page(20_000), page(40_000));
        let len = small.len();
        let (blocks, _, n1, b1) = work(small);
        assert_eq!(blocks, 1, "consecutive duplicates collapse");
        let (_, _, n2, b2) = work(large);
        assert_linear("large page", 1, (len, n1, b1), (0, n2, b2));
    }

    const TEXT: &str =
        "Đoạn văn nằm rất sâu trong cây, vẫn phải được đọc ra mà không tràn ngăn xếp.";

    /// The hostile pages of `tests/suite/robustness.rs`, each built for a
    /// size `n`: every one costs work in proportion to its size.
    #[test]
    fn hostile_pages_are_linear() {
        type Page = fn(usize) -> String;
        let mut pages: Vec<(String, Page)> = vec![
            ("nested divs and spans".into(), |n| {
                format!(
                    "<html><body>{}<p>{TEXT}</p>{}{}",
                    "<div>".repeat(n),
                    "</div>".repeat(n),
                    "<span>".repeat(n / 2)
                )
            }),
            ("bylines and captions".into(), |n| {
                let mut h = String::from("<html lang=vi><body><article>");
                for i in 0..n / 20 {
                    h.push_str(&format!(
                        "<figure><img src=/a{i}.jpg><figcaption>Chú thích ảnh số {i}</figcaption></figure><p>Chú thích ảnh số {i}</p>"
                    ));
                }
                h.push_str("</article><div class=comments>");
                for i in 0..n / 5 {
                    h.push_str(&format!(
                        "<span class=author>Bạn đọc {i}</span><p>Ý kiến {i}</p>"
                    ));
                }
                h + "</div></body></html>"
            }),
            ("attribute flood".into(), |n| {
                let attrs: String = (0..n).map(|i| format!(" data-a{i}=\"v{i}\"")).collect();
                format!("<html><body><article{attrs} class=\"entry-content\"><p>{TEXT}</p></article></body></html>")
            }),
            ("bold in a paragraph".into(), |n| {
                format!(
                    "<html><body><article><p>{TEXT} {}{TEXT}</p></article></body></html>",
                    "<b>".repeat(n)
                )
            }),
            // Misnested formatting: the adoption agency and the re-opening of
            // active formatting elements on every kind the brief names.
            ("misnested b and p".into(), |n| {
                format!("<html><body>{}<p>{TEXT}</p>", "<b>1<p>2</b>3".repeat(n / 4))
            }),
            ("a in div in a".into(), |n| {
                format!(
                    "<html><body>{}<p>{TEXT}</p>",
                    "<a href=/x><div><a href=/y>".repeat(n / 4)
                )
            }),
            ("i and b crossed".into(), |n| {
                format!(
                    "<html><body><p>{}{TEXT}</p>{}",
                    "<i><b><p>".repeat(n / 4),
                    "</i></b>".repeat(n / 4)
                )
            }),
            // Formatting that every paragraph's end leaves active, each with
            // other attributes (so the "three alike" rule does not drop them):
            // every later tag re-opens what is still active.
            ("unclosed formatting, distinct".into(), |n| {
                let mut h = String::from("<html><body><article>");
                for i in 0..n / 4 {
                    h.push_str(&format!("<p><b class=c{i}>{i}</p>"));
                }
                h + &format!("<p>{TEXT}</p></article></body></html>")
            }),
        ];
        macro_rules! nest {
            ($($open:literal),*) => {
                $(pages.push((format!("nest of {}", $open), |n| {
                    format!("<html><body>{}<p>{TEXT}</p>", $open.repeat(n))
                }));)*
            };
        }
        nest!(
            "<div>",
            "<b>",
            "<a href=/x>",
            "<span>",
            "<blockquote>",
            "<ul><li>",
            "<table><tr><td>",
            "<font>",
            "<em><strong>",
            "<section><article>",
            "<svg>",
            "<math>",
            "<select>",
            "<button>"
        );
        for (name, page) in pages {
            let (small, large) = (page(10_000), page(20_000));
            let len = small.len();
            let (_, _, n1, b1) = work(small);
            let (_, _, n2, b2) = work(large);
            // Walks up from a node are bounded by the depth cap (200), not by
            // the page: nests may cost more visits per byte, never more per doubling.
            assert_linear(&name, 256, (len, n1, b1), (0, n2, b2));
        }
    }

    #[test]
    fn one_huge_text_node_is_linear() {
        let page = |n: usize| {
            let words = "mưa lớn kéo dài, ".repeat(n);
            format!("<html><body><article><p>{words}</p></article></body></html>")
        };
        let (small, large) = (page(50_000), page(100_000));
        let len = small.len();
        let (_, words, n1, b1) = work(small);
        assert!(words > 150_000, "{words}");
        let (_, _, n2, b2) = work(large);
        assert_linear("one text node", 1, (len, n1, b1), (0, n2, b2));
    }
}
