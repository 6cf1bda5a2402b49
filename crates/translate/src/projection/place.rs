//! Putting a sentence's tags back into its translation.
//!
//! Spans are placed level by level: the outermost ones in the whole
//! translation, their children inside their parent's placement. At each
//! level the most constrained span (fewest occurrences) chooses first, and
//! among the free occurrences (not overlapping a sibling's) takes the one
//! whose relative position is closest to the span's in the source, so the
//! second of two identical words marks the second occurrence. A span whose
//! text cannot be found is left out, and its children compete at its level
//! instead (flattened): the placements always nest, so the result is well
//! formed. Self-closing tags (breaks) go after or before the span they
//! touched in the source, otherwise to the word boundary at the same
//! relative position.

use std::ops::Range;

use super::locate::{core, occurrences};
use super::parse::Parsed;
use crate::placeholder::{self, TagForm};

/// Where to look for one span, best first: the occurrences of the first
/// needle that has a free one win.
pub(crate) type Needles = Vec<String>;

struct Placer<'a> {
    parsed: &'a Parsed,
    text: &'a str,
    needles: &'a [Needles],
    children: Vec<Vec<usize>>,
    placed: Vec<Option<(Range<usize>, usize)>>,
}

/// The translation `text` of `parsed.plain` with `parsed`'s tags put back;
/// `needles[i]` says what span `i` may look like in `text`. Tags that cannot
/// be placed are left out (the decoder reports them lost); the text itself is
/// always kept whole, XML-escaped.
pub(crate) fn project(parsed: &Parsed, text: &str, needles: &[Needles]) -> String {
    let text = text.trim();
    let mut children = vec![Vec::new(); parsed.spans.len()];
    let mut roots = Vec::new();
    for (i, span) in parsed.spans.iter().enumerate() {
        match span.parent.and_then(|p| children.get_mut(p)) {
            Some(list) => list.push(i),
            None => roots.push(i),
        }
    }
    let mut placer = Placer {
        parsed,
        text,
        needles,
        children,
        placed: vec![None; parsed.spans.len()],
    };
    placer.level(roots, 0..text.len(), 0..parsed.plain.len(), 0);
    placer.render()
}

impl Placer<'_> {
    /// Places `spans` (siblings) inside `region` of the translation; they
    /// stood inside `source` of the plain source text.
    fn level(
        &mut self,
        spans: Vec<usize>,
        region: Range<usize>,
        source: Range<usize>,
        depth: usize,
    ) {
        let mut taken: Vec<Range<usize>> = Vec::new();
        let mut here = Vec::new();
        let mut queue = spans;
        while !queue.is_empty() {
            let mut batch: Vec<(usize, Vec<Vec<Range<usize>>>)> = std::mem::take(&mut queue)
                .into_iter()
                .map(|s| (s, self.candidates(s, &region, &source)))
                .collect();
            batch.sort_by_key(|(s, lists)| {
                let first = lists.iter().map(Vec::len).find(|n| *n > 0).unwrap_or(0);
                (first == 0, first, *s)
            });
            for (s, lists) in batch {
                let want = self.source_fraction(s, &source);
                let best = lists.iter().find_map(|list| {
                    list.iter()
                        .filter(|c| !taken.iter().any(|t| t.start < c.end && c.start < t.end))
                        .min_by(|a, b| {
                            let da = (self.fraction(a.start, &region) - want).abs();
                            let db = (self.fraction(b.start, &region) - want).abs();
                            da.total_cmp(&db)
                        })
                        .cloned()
                });
                match best {
                    Some(range) => {
                        taken.push(range.clone());
                        if let Some(slot) = self.placed.get_mut(s) {
                            *slot = Some((range, depth));
                        }
                        here.push(s);
                    }
                    None => queue.extend(self.children.get(s).cloned().unwrap_or_default()),
                }
            }
        }
        for s in here {
            let Some(Some((range, _))) = self.placed.get(s).cloned() else {
                continue;
            };
            let kids = self.children.get(s).cloned().unwrap_or_default();
            let inner = self
                .parsed
                .spans
                .get(s)
                .map_or(0..0, |span| span.range.clone());
            self.level(kids, range, inner, depth + 1);
        }
    }

    /// Candidate placements of span `s`, one list per needle.
    fn candidates(
        &self,
        s: usize,
        region: &Range<usize>,
        source: &Range<usize>,
    ) -> Vec<Vec<Range<usize>>> {
        let Some(span) = self.parsed.spans.get(s) else {
            return Vec::new();
        };
        let inner = self.parsed.text_of(span);
        let outer = self.parsed.plain.get(source.clone()).unwrap_or_default();
        if !core(inner).is_empty() && core(inner) == core(outer) {
            // The span marks all of its parent (or the whole sentence): it
            // marks all of the translation, outer punctuation as in the source.
            let mut range = trim(self.text, region.clone(), char::is_whitespace);
            let core_range = trim(self.text, range.clone(), |c| !c.is_alphanumeric());
            if inner.trim_start().len() < outer.trim_start().len() {
                range.start = core_range.start;
            }
            if inner.trim_end().len() < outer.trim_end().len() {
                range.end = core_range.end;
            }
            return if range.is_empty() {
                Vec::new()
            } else {
                vec![vec![range]]
            };
        }
        self.needles
            .get(s)
            .map(|needles| {
                needles
                    .iter()
                    .map(|n| occurrences(self.text, n, region.clone()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Where span `s` starts in `source`, from 0 to 1.
    fn source_fraction(&self, s: usize, source: &Range<usize>) -> f64 {
        let start = self.parsed.spans.get(s).map_or(0, |span| span.range.start);
        fraction(&self.parsed.plain, start, source)
    }

    fn fraction(&self, at: usize, region: &Range<usize>) -> f64 {
        fraction(self.text, at, region)
    }

    /// The translation with every placed tag written in.
    fn render(&self) -> String {
        // (position, class, order, tag, spaced): closes (deepest first),
        // then self-closing tags, then opens (outermost first).
        let mut events: Vec<(usize, u8, usize, String, bool)> = Vec::new();
        for (span, placed) in self.parsed.spans.iter().zip(&self.placed) {
            if let Some((range, depth)) = placed {
                let open = placeholder::render_tag(span.kind, span.id, TagForm::Open);
                let close = placeholder::render_tag(span.kind, span.id, TagForm::Close);
                events.push((range.start, 2, *depth, open, false));
                events.push((range.end, 0, usize::MAX - depth, close, false));
            }
        }
        for (i, point) in self.parsed.points.iter().enumerate() {
            let at = self.point_position(point.at);
            let tag = placeholder::render_tag(point.kind, point.id, TagForm::SelfClosing);
            events.push((at, 1, i, tag, point.spaced));
        }
        events.sort_by_key(|(at, class, order, _, _)| (*at, *class, *order));
        let mut out = String::with_capacity(self.text.len() + events.len() * 6);
        let mut last = 0;
        for (at, _, _, tag, spaced) in events {
            out.push_str(&article::escape::escape_text(
                self.text.get(last..at).unwrap_or_default(),
            ));
            if spaced {
                out.truncate(out.trim_end().len());
            }
            out.push_str(&tag);
            last = at.max(last);
            if spaced {
                // The space put in for the engine does not come back.
                let rest = self.text.get(last..).unwrap_or_default();
                last += rest.len() - rest.trim_start().len();
            }
        }
        out.push_str(&article::escape::escape_text(
            self.text.get(last..).unwrap_or_default(),
        ));
        out
    }

    /// Where a self-closing tag at `at` in the source goes in the translation.
    fn point_position(&self, at: usize) -> usize {
        let placed: Vec<_> = self
            .parsed
            .spans
            .iter()
            .zip(&self.placed)
            .filter_map(|(span, p)| p.as_ref().map(|(r, d)| (span.range.clone(), r, *d)))
            .collect();
        // After the outermost placed span it closes, or before the one it opens.
        let outermost = |edge: fn(&Range<usize>) -> usize| {
            placed
                .iter()
                .filter(|(source, _, _)| edge(source) == at)
                .min_by_key(|(_, _, depth)| *depth)
                .map(|(_, r, _)| (*r).clone())
        };
        if let Some(r) = outermost(|r| r.end) {
            return r.end;
        }
        if let Some(r) = outermost(|r| r.start) {
            return r.start;
        }
        let want = fraction(&self.parsed.plain, at, &(0..self.parsed.plain.len()));
        if want <= 0.0 {
            return 0;
        }
        if want >= 1.0 {
            return self.text.len();
        }
        // Word boundaries: the ends, and after each run of whitespace.
        let mut best = (f64::MAX, self.text.len());
        let mut prev_space = true;
        for (i, c) in self.text.char_indices().chain([(self.text.len(), ' ')]) {
            let boundary = i == 0 || i == self.text.len() || (prev_space && !c.is_whitespace());
            if boundary {
                let d = (self.fraction(i, &(0..self.text.len())) - want).abs();
                if d < best.0 {
                    best = (d, i);
                }
            }
            prev_space = c.is_whitespace();
        }
        best.1
    }
}

/// `at`'s position in `region` of `text`, in characters, from 0 to 1.
fn fraction(text: &str, at: usize, region: &Range<usize>) -> f64 {
    let chars = |r: Range<usize>| text.get(r).map_or(0, |s| s.chars().count());
    let total = chars(region.clone());
    if total == 0 {
        return 0.0;
    }
    let before = chars(region.start..at.clamp(region.start, region.end));
    before as f64 / total as f64
}

/// `range` without the characters `strip` matches at either end.
fn trim(text: &str, range: Range<usize>, strip: impl Fn(char) -> bool) -> Range<usize> {
    let Some(slice) = text.get(range.clone()) else {
        return range;
    };
    let start_trimmed = slice.trim_start_matches(&strip);
    let start = range.start + (slice.len() - start_trimmed.len());
    let end = start + start_trimmed.trim_end_matches(&strip).len();
    start..end
}
