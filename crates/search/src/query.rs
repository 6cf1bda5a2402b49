//! Searching: a reader's query in one language, with filters, pages and snippets.

use std::ops::{Bound, Range};

use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Order, Searcher, TantivyDocument, Term};
use unicode_normalization::UnicodeNormalization;

use crate::analysis::Family;
use crate::index::{normalize_lang, Part};
use crate::{SearchError, SearchIndex};

mod bounds;
mod ranked;

pub use bounds::{
    check_query, QueryLimit, QueryTooComplex, MAX_QUERY_CHARS, MAX_QUERY_NESTING, MAX_QUERY_WORDS,
};

/// Results per page at most, whatever the caller asks.
pub const MAX_LIMIT: usize = 100;
/// Deepest result reachable by paging: deeper pages cost memory for nothing a reader needs.
pub const MAX_OFFSET: usize = 10_000;
/// Length of a snippet, in characters.
const SNIPPET_CHARS: usize = 200;

/// Boost of each part's field: a match in the title counts most.
fn boost(part: Part) -> f32 {
    match part {
        Part::Title => 3.0,
        Part::Lead => 1.5,
        Part::Body => 1.0,
    }
}

/// A reader's search.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchQuery {
    /// Language to search in.
    pub lang: String,
    /// What the reader typed. Quotes make phrases, `-word` excludes; any other
    /// syntax is taken as text. Empty: every version in the language, newest
    /// first. Bounded by [`check_query`].
    pub text: String,
    /// Only this section.
    pub section_id: Option<i64>,
    /// Only articles published at or after this time (ms).
    pub from_ms: Option<i64>,
    /// Only articles published before this time (ms, exclusive).
    pub to_ms: Option<i64>,
    /// Results to skip (capped at [`MAX_OFFSET`]).
    pub offset: usize,
    /// Results to return (capped at [`MAX_LIMIT`]); 0 only counts.
    pub limit: usize,
}

/// One page of results.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// How many versions match in all (for pagination). An estimate when
    /// `estimated` is set: print it as "about N".
    pub total: usize,
    /// True when the query matches so many versions that only the newest
    /// slice holding every reachable page ([`MAX_OFFSET`] + [`MAX_LIMIT`]
    /// matches) was ranked, and `total` was extrapolated from it.
    #[serde(default)]
    pub estimated: bool,
    /// This page's results, best first.
    pub hits: Vec<SearchHit>,
}

/// One result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    /// The article.
    pub article_id: i64,
    /// Language of the version found.
    pub lang: String,
    /// Its title (plain text: escape it when rendering).
    pub title: String,
    /// A passage of the body (or lead) as HTML: the text escaped, the
    /// matching words in `<mark>…</mark>`, and in a version in another
    /// language than Vietnamese the Vietnamese it keeps (names) in
    /// `<span lang="vi">…</span>`. Safe to embed as element content.
    pub snippet_html: String,
    /// Original publication time (ms).
    pub published_at: Option<i64>,
    /// Portal section.
    pub section_id: Option<i64>,
    /// Relevance (BM25 with field boosts); 0 for a query without text.
    pub score: f32,
}

impl SearchIndex {
    /// Runs a reader's search. A text over one of [`check_query`]'s limits
    /// is refused with [`SearchError::QueryTooComplex`] before it is parsed;
    /// any other text is accepted: syntax errors fall back to a lenient
    /// reading of the text.
    pub fn search(&self, query: &SearchQuery) -> Result<SearchResults, SearchError> {
        let searcher = self.inner.reader.searcher();
        let f = &self.inner.fields;
        let Prepared {
            full,
            text_query,
            families,
        } = self.prepare(query)?;

        let limit = query.limit.min(MAX_LIMIT);
        let offset = query.offset.min(MAX_OFFSET);
        if limit == 0 {
            let total = searcher.search(&full, &Count)?;
            return Ok(SearchResults {
                total,
                estimated: false,
                hits: Vec::new(),
            });
        }
        let (total, estimated, found): (usize, bool, Vec<(f32, DocAddress)>) =
            if text_query.is_some() {
                let ranked =
                    ranked::top_by_score(&searcher, &full, offset, limit, ranked::SCORED_MATCHES)?;
                (ranked.total, ranked.estimated, ranked.page)
            } else {
                // Newest first: read from a fast field, no scoring.
                let (total, by_date) = searcher.search(
                    &full,
                    &(
                        Count,
                        TopDocs::with_limit(limit)
                            .and_offset(offset)
                            .order_by_fast_field::<i64>("published_at", Order::Desc),
                    ),
                )?;
                let found = by_date.into_iter().map(|(_, a)| (0.0, a)).collect();
                (total, false, found)
            };

        let snippets = match &text_query {
            Some(q) => Snippets::new(&searcher, q.as_ref(), families, f)?,
            None => Snippets::default(),
        };
        let mut hits = Vec::with_capacity(found.len());
        for (score, address) in found {
            let doc: TantivyDocument = searcher.doc(address)?;
            let text_of = |field: Field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            let int_of = |field: Field| doc.get_first(field).and_then(|v| v.as_i64());
            let lead = text_of(f.lead);
            let body = text_of(f.body);
            let lang = text_of(f.lang);
            // A version in another language marks the Vietnamese it keeps.
            let mark_vi = lang != "vi";
            hits.push(SearchHit {
                article_id: int_of(f.article_id).unwrap_or_default(),
                snippet_html: snippets.html(&lead, &body, mark_vi),
                lang,
                title: text_of(f.title),
                published_at: int_of(f.published_at),
                section_id: int_of(f.section_id),
                score,
            });
        }
        Ok(SearchResults {
            total,
            estimated,
            hits,
        })
    }

    /// The text query over the language's fields; every word must match
    /// somewhere (a news search for "bão Yagi" wants both).
    fn parse_text(&self, families: &[Family], text: &str) -> Box<dyn Query> {
        let f = &self.inner.fields;
        let mut fields = Vec::new();
        let mut boosts = Vec::new();
        for family in families {
            // Folded Vietnamese matches more loosely ("ha" also finds "hạ"):
            // it finds text typed without diacritics, and ranks below exact matches.
            let weight = if *family == Family::ViFold { 0.5 } else { 1.0 };
            for part in Part::ALL {
                if let Some(field) = f.text(*family, part) {
                    fields.push(field);
                    boosts.push((field, boost(part) * weight));
                }
            }
        }
        let mut parser = QueryParser::for_index(&self.inner.index, fields);
        parser.set_conjunction_by_default();
        for (field, boost) in boosts {
            parser.set_field_boost(field, boost);
        }
        let (query, errors) = parser.parse_query_lenient(text);
        if !errors.is_empty() {
            tracing::debug!(?errors, text, "lenient search query");
        }
        query
    }
}

/// A reader's search as tantivy queries.
struct Prepared {
    /// Language, filters and text.
    full: BooleanQuery,
    /// The text part alone (for snippets); None for a search without text.
    text_query: Option<Box<dyn Query>>,
    /// The analyzer families of the language.
    families: &'static [Family],
}

impl SearchIndex {
    fn prepare(&self, query: &SearchQuery) -> Result<Prepared, QueryTooComplex> {
        let f = &self.inner.fields;
        let lang = normalize_lang(&query.lang);
        let families = Family::for_lang(&lang);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_text(f.lang, &lang),
                IndexRecordOption::Basic,
            )),
        )];
        if let Some(section) = query.section_id {
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_i64(f.section_id, section),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        if query.from_ms.is_some() || query.to_ms.is_some() {
            let lower = query.from_ms.map_or(Bound::Unbounded, |ms| {
                Bound::Included(Term::from_field_i64(f.published_at, ms))
            });
            let upper = query.to_ms.map_or(Bound::Unbounded, |ms| {
                Bound::Excluded(Term::from_field_i64(f.published_at, ms))
            });
            clauses.push((Occur::Must, Box::new(RangeQuery::new(lower, upper))));
        }
        let text = bounds::bounded(&query.text)?;
        let text_query = if text.trim().is_empty() {
            None
        } else {
            Some(self.parse_text(families, &text))
        };
        if let Some(text_query) = &text_query {
            clauses.push((Occur::Must, text_query.box_clone()));
        }
        Ok(Prepared {
            full: BooleanQuery::new(clauses),
            text_query,
            families,
        })
    }
}

/// Keeps the query syntax readers use (quotes, `-word`, `+word`, AND/OR/NOT,
/// parentheses) and turns the rest into spaces: a colon in "COVID-19: số ca"
/// must not be taken for a field name, nor `*` or `[` for wildcards and ranges.
fn sanitize(text: &str) -> String {
    text.nfc()
        .map(|c| match c {
            ':' | '^' | '~' | '[' | ']' | '{' | '}' | '*' | '\\' | '/' | '<' | '>' | '=' | '!'
            | '?' => ' ',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

/// Snippet generators for the body and lead of the language's families,
/// exact analysis first (for Vietnamese: with diacritics), folded after.
#[derive(Default)]
struct Snippets {
    body: Vec<SnippetGenerator>,
    lead: Vec<SnippetGenerator>,
}

impl Snippets {
    fn new(
        searcher: &Searcher,
        query: &dyn Query,
        families: &[Family],
        f: &crate::index::Fields,
    ) -> Result<Snippets, SearchError> {
        let mut snippets = Snippets::default();
        for family in families {
            for (part, list) in [
                (Part::Body, &mut snippets.body),
                (Part::Lead, &mut snippets.lead),
            ] {
                if let Some(field) = f.text(*family, part) {
                    let mut generator = SnippetGenerator::create(searcher, query, field)?;
                    generator.set_max_num_chars(SNIPPET_CHARS);
                    list.push(generator);
                }
            }
        }
        Ok(snippets)
    }

    /// The best highlighted passage of the body, else of the lead, else the
    /// start of either; with `mark_vi`, its Vietnamese runs in `<span lang="vi">`.
    fn html(&self, lead: &str, body: &str, mark_vi: bool) -> String {
        for (generators, text) in [(&self.body, body), (&self.lead, lead)] {
            for generator in generators {
                let snippet = generator.snippet(text);
                if !snippet.highlighted().is_empty() {
                    let range = snippet.fragment_range();
                    let mut html = String::new();
                    if range.start > 0 {
                        html.push('…');
                    }
                    let fragment = snippet.fragment();
                    let runs = vi_runs(fragment, mark_vi);
                    html.push_str(&marks_and_runs(fragment, snippet.highlighted(), &runs));
                    if range.end < text.len() {
                        html.push('…');
                    }
                    return html;
                }
            }
        }
        let text = if lead.trim().is_empty() { body } else { lead };
        let (start, cut) = truncate_at_word(text.trim(), SNIPPET_CHARS);
        let mut html = marks_and_runs(start, &[], &vi_runs(start, mark_vi));
        if cut {
            html.push('…');
        }
        html
    }
}

/// The Vietnamese runs of `text` when `wanted` (a passage of a version in
/// another language: the names it keeps, [`article::foreign`]).
fn vi_runs(text: &str, wanted: bool) -> Vec<Range<usize>> {
    if wanted {
        article::foreign::vietnamese_runs(text)
    } else {
        Vec::new()
    }
}

/// `text` escaped for HTML, with each (merged) range wrapped in `<mark>`.
#[cfg(test)]
fn mark_html(text: &str, ranges: &[Range<usize>]) -> String {
    marks_and_runs(text, ranges, &[])
}

/// `text` escaped for HTML, each (merged) range of `marks` in `<mark>` and
/// each of `runs` (ordered, disjoint) in `<span lang="vi">`, nested
/// properly where they cross (the span outside, the mark reopened in it).
fn marks_and_runs(text: &str, marks: &[Range<usize>], runs: &[Range<usize>]) -> String {
    let merged = merge(text, marks);
    let runs: Vec<Range<usize>> = runs
        .iter()
        .filter(|r| r.start < r.end && text.get(r.start..r.end).is_some())
        .cloned()
        .collect();
    let mut cuts: Vec<usize> = merged
        .iter()
        .chain(&runs)
        .flat_map(|r| [r.start, r.end])
        .chain([0, text.len()])
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let inside =
        |ranges: &[Range<usize>], at: usize| ranges.iter().any(|r| r.start <= at && at < r.end);
    let mut html = String::with_capacity(text.len() + 16 * (merged.len() + runs.len()));
    let (mut in_run, mut in_mark) = (false, false);
    for pair in cuts.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        let (run, mark) = (inside(&runs, from), inside(&merged, from));
        if run != in_run {
            if in_mark {
                html.push_str("</mark>");
                in_mark = false;
            }
            html.push_str(if run { "<span lang=\"vi\">" } else { "</span>" });
            in_run = run;
        }
        if mark != in_mark {
            html.push_str(if mark { "<mark>" } else { "</mark>" });
            in_mark = mark;
        }
        html.push_str(&article::escape::escape_html(
            text.get(from..to).unwrap_or_default(),
        ));
    }
    if in_mark {
        html.push_str("</mark>");
    }
    if in_run {
        html.push_str("</span>");
    }
    html
}

/// The ranges that lie on character boundaries of `text`, sorted, overlaps merged.
fn merge(text: &str, ranges: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = ranges
        .iter()
        .filter(|r| r.start < r.end && text.get(r.start..r.end).is_some())
        .cloned()
        .collect();
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// At most `max` characters of `text`, cut at a space when there is one; true when cut.
fn truncate_at_word(text: &str, max: usize) -> (&str, bool) {
    match text.char_indices().nth(max) {
        None => (text, false),
        Some((end, _)) => {
            let head = &text[..end];
            let cut = head.rfind(char::is_whitespace).unwrap_or(end);
            (head[..cut].trim_end(), true)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_escape_and_merge() {
        assert_eq!(
            mark_html("a <b> & c", &[0..1, 8..9, 8..9]),
            "<mark>a</mark> &lt;b&gt; &amp; <mark>c</mark>"
        );
        assert_eq!(mark_html("Hà Nội", &[0..3, 3..9]), "<mark>Hà Nội</mark>");
        // A range that is not on a character boundary is dropped, not a panic.
        assert_eq!(mark_html("Hà", &[0..2, 1..2]), "Hà");
    }

    #[test]
    fn vietnamese_runs_are_spans_around_or_across_marks() {
        let text = "Crues à Huế et au Đắk Lắk";
        let runs = vi_runs(text, true);
        assert_eq!(
            marks_and_runs(text, &[], &runs),
            "Crues à <span lang=\"vi\">Huế</span> et au <span lang=\"vi\">Đắk Lắk</span>"
        );
        // A highlight inside a run, and one across a run's start.
        let hue = text.find("Huế").unwrap();
        let au = text.find("au Đắk").unwrap();
        assert_eq!(
            marks_and_runs(
                text,
                &[hue..hue + "Huế".len(), au..au + "au Đắk".len()],
                &runs
            ),
            "Crues à <span lang=\"vi\"><mark>Huế</mark></span> et <mark>au </mark>\
             <span lang=\"vi\"><mark>Đắk</mark> Lắk</span>"
        );
        assert_eq!(
            marks_and_runs(
                "a <b> Huế",
                std::slice::from_ref(&(0..1)),
                &vi_runs("a <b> Huế", true)
            ),
            "<mark>a</mark> &lt;b&gt; <span lang=\"vi\">Huế</span>"
        );
        assert!(vi_runs(text, false).is_empty());
    }

    #[test]
    fn truncation_cuts_at_words() {
        assert_eq!(truncate_at_word("một hai ba", 6), ("một", true));
        assert_eq!(truncate_at_word("một", 6), ("một", false));
    }

    #[test]
    fn sanitize_keeps_phrases_and_exclusions() {
        assert_eq!(
            sanitize("COVID-19: \"số ca\" -mới"),
            "COVID-19  \"số ca\" -mới"
        );
        assert_eq!(sanitize("title_vi:x*"), "title_vi x ");
    }

    /// Where a search's time goes on an index built elsewhere (the scale
    /// example's, kept with SCALE_KEEP): `SEARCH_PROFILE=<index dir> cargo test
    /// --release -p search --lib profile -- --ignored --nocapture`;
    /// SEARCH_PROFILE_MERGE=1 then merges every segment into one and measures again.
    #[test]
    #[ignore = "needs SEARCH_PROFILE=<index dir>"]
    fn profile() {
        let Some(dir) = std::env::var_os("SEARCH_PROFILE") else {
            return;
        };
        let dir = std::path::Path::new(&dir);
        let index = SearchIndex::open(dir).unwrap();
        profile_report(&index);
        drop(index);
        if std::env::var_os("SEARCH_PROFILE_MERGE").is_some() {
            let raw = tantivy::Index::open_in_dir(dir).unwrap();
            let ids = raw.searchable_segment_ids().unwrap();
            let started = std::time::Instant::now();
            let mut writer: tantivy::IndexWriter =
                raw.writer_with_num_threads(1, 50_000_000).unwrap();
            writer.merge(&ids).wait().unwrap();
            writer.wait_merging_threads().unwrap();
            println!("merged {} segments in {:?}", ids.len(), started.elapsed());
            profile_report(&SearchIndex::open(dir).unwrap());
        }
    }

    fn median_ms(mut f: impl FnMut()) -> f64 {
        f();
        let mut t: Vec<f64> = (0..15)
            .map(|_| {
                let started = std::time::Instant::now();
                f();
                started.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        t.sort_by(f64::total_cmp);
        t[t.len() / 2]
    }

    fn profile_report(index: &SearchIndex) {
        let searcher = index.inner.reader.searcher();
        let sizes: Vec<u32> = searcher
            .segment_readers()
            .iter()
            .map(|r| r.num_docs())
            .collect();
        println!(
            "{} docs in {} segments: {sizes:?}",
            searcher.num_docs(),
            sizes.len()
        );
        println!("| query | matches | search() | count | top 10, every match scored | count + top 10 | ranked (newest slice) | its total | docs + snippets |");
        println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        let f = &index.inner.fields;
        for (lang, text) in [
            ("vi", "kinh tế"),
            ("vi", "giá vàng"),
            ("vi", "bóng đá Hà Nội"),
            ("vi", "lũ lụt miền Trung"),
            ("vi", "trí tuệ nhân tạo"),
            ("vi", "sầu riêng xuất khẩu"),
            ("en", "economy"),
            ("en", "gold price"),
            ("en", "Ho Chi Minh City traffic"),
            ("en", "artificial intelligence"),
            ("en", "\"interest rate\" bank"),
            ("en", "durian exports"),
        ] {
            let query = SearchQuery {
                lang: lang.into(),
                text: text.into(),
                limit: 10,
                ..SearchQuery::default()
            };
            let p = index.prepare(&query).unwrap();
            let top = || TopDocs::with_limit(10).order_by_score();
            let matches = searcher.search(&p.full, &Count).unwrap();
            let full = median_ms(|| {
                index.search(&query).unwrap();
            });
            let count = median_ms(|| {
                searcher.search(&p.full, &Count).unwrap();
            });
            let top10 = median_ms(|| {
                searcher.search(&p.full, &top()).unwrap();
            });
            let both = median_ms(|| {
                searcher.search(&p.full, &(Count, top())).unwrap();
            });
            let ranked_ms = median_ms(|| {
                ranked::top_by_score(&searcher, &p.full, 0, 10, ranked::SCORED_MATCHES).unwrap();
            });
            let r =
                ranked::top_by_score(&searcher, &p.full, 0, 10, ranked::SCORED_MATCHES).unwrap();
            let about = if r.estimated { "~" } else { "" };
            let text_query = p.text_query.as_ref().unwrap();
            let snippets = Snippets::new(&searcher, text_query.as_ref(), p.families, f).unwrap();
            let docs = median_ms(|| {
                for (_, address) in &r.page {
                    let doc: TantivyDocument = searcher.doc(*address).unwrap();
                    let text_of = |field: Field| {
                        doc.get_first(field)
                            .and_then(|v| v.as_str())
                            .unwrap_or_default()
                            .to_string()
                    };
                    snippets.html(&text_of(f.lead), &text_of(f.body), false);
                }
            });
            println!(
                "| {lang} {text} | {matches} | {full:.2} | {count:.2} | {top10:.2} | {both:.2} | {ranked_ms:.2} | {about}{} | {docs:.2} |",
                r.total
            );
        }
    }
}
