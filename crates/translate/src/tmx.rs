//! TMX 1.4: the translation memory exchange format of CAT tools.
//!
//! Inline codes map to placeholders: `<bpt>`/`<ept>` pairs become `<xN>…</xN>`,
//! `<ph>` becomes `<xN/>`, and the native code they carry is dropped (the
//! markup's meaning lives with the article, not in the memory). `<it>`,
//! `<ut>` and `<sub>` content is dropped; `<hi>` keeps its text.

use std::collections::HashMap;
use std::io::{BufRead, Write};

use chrono::{DateTime, NaiveDateTime, Utc};
use quick_xml::escape::{escape, resolve_predefined_entity};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::lang::{primary_language, LangPair};
use crate::memory::{MemoryEntry, Origin};
use crate::placeholder::{self, TagForm, Token};

/// Errors reading or writing TMX.
#[derive(Debug, thiserror::Error)]
pub enum TmxError {
    /// The XML is malformed.
    #[error("TMX: {0}")]
    Xml(#[from] quick_xml::Error),
    /// Writing failed.
    #[error("TMX: {0}")]
    Io(#[from] std::io::Error),
    /// The document is XML but not TMX.
    #[error("TMX: {0}")]
    Invalid(String),
}

/// What an import found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TmxImport {
    /// One entry per source/target pair of each translation unit.
    pub entries: Vec<MemoryEntry>,
    /// Translation units or variants skipped (no source, empty segment).
    pub skipped: usize,
}

const ORIGIN: &str = "x-newsbridge-origin";
const ENGINE: &str = "x-newsbridge-engine";
const MODEL: &str = "x-newsbridge-model";
const DATE: &str = "%Y%m%dT%H%M%SZ";

/// A translation unit being read.
#[derive(Default)]
struct Unit {
    srclang: Option<String>,
    attrs: HashMap<String, String>,
    props: HashMap<String, String>,
    variants: Vec<(String, String)>,
    /// Inline code keys (`b:1`, `p:2`) → placeholder numbers, shared by the variants.
    codes: HashMap<String, usize>,
}

/// A segment being read.
#[derive(Default)]
struct Seg {
    text: String,
    open: HashMap<String, usize>,
    phs: usize,
    skip_depth: usize,
}

/// Reads a TMX document (any version from 1.1 on; `xml:lang` or `lang`).
pub fn import_tmx(reader: impl BufRead) -> Result<TmxImport, TmxError> {
    let mut xml = Reader::from_reader(reader);
    let mut buf = Vec::new();
    let mut out = TmxImport::default();
    let mut saw_tmx = false;
    let mut header_src: Option<String> = None;
    let mut unit: Option<Unit> = None;
    let mut tuv_lang: Option<String> = None;
    let mut seg: Option<Seg> = None;
    let mut prop: Option<(String, String)> = None;
    loop {
        let event = xml.read_event_into(&mut buf)?;
        match event {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = e.local_name().as_ref().to_string();
                if let Some(s) = seg.as_mut() {
                    if let Some(u) = unit.as_mut() {
                        inline_start(&name, e, empty, s, u);
                    }
                    buf.clear();
                    continue;
                }
                match name.as_str() {
                    "tmx" => saw_tmx = true,
                    "header" => header_src = attr(e, "srclang").map(|l| lang_of(&l)),
                    "tu" => {
                        let mut u = Unit {
                            srclang: attr(e, "srclang").map(|l| lang_of(&l)),
                            ..Default::default()
                        };
                        for key in [
                            "creationdate",
                            "changedate",
                            "usagecount",
                            "creationid",
                            "changeid",
                        ] {
                            if let Some(v) = attr(e, key) {
                                u.attrs.insert(key.to_string(), v);
                            }
                        }
                        unit = Some(u);
                    }
                    "prop" if !empty => {
                        prop = Some((attr(e, "type").unwrap_or_default(), String::new()))
                    }
                    "tuv" => tuv_lang = attr(e, "lang").map(|l| lang_of(&l)),
                    "seg" if !empty => seg = Some(Seg::default()),
                    "seg" => {
                        if let (Some(u), Some(l)) = (unit.as_mut(), tuv_lang.clone()) {
                            u.variants.push((l, String::new()));
                        }
                    }
                    _ => {}
                }
            }
            Event::End(ref e) => {
                let name = e.local_name().as_ref().to_string();
                if let Some(s) = seg.as_mut() {
                    if name == "seg" && s.skip_depth == 0 {
                        let done = seg.take().unwrap_or_default();
                        if let (Some(u), Some(l)) = (unit.as_mut(), tuv_lang.clone()) {
                            u.variants.push((l, done.text.trim().to_string()));
                        }
                    } else if matches!(name.as_str(), "bpt" | "ept" | "ph" | "it" | "ut" | "sub") {
                        s.skip_depth = s.skip_depth.saturating_sub(1);
                    }
                    buf.clear();
                    continue;
                }
                match name.as_str() {
                    "prop" => {
                        if let (Some((k, v)), Some(u)) = (prop.take(), unit.as_mut()) {
                            u.props.insert(k, v.trim().to_string());
                        }
                    }
                    "tuv" => tuv_lang = None,
                    "tu" => {
                        if let Some(u) = unit.take() {
                            finish_unit(u, header_src.as_deref(), &mut out);
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(ref t) => {
                let text = t.xml10_content();
                push_text(&mut seg, &mut prop, &text);
            }
            Event::CData(ref t) => {
                let text: &str = t.as_ref();
                push_text(&mut seg, &mut prop, text);
            }
            Event::GeneralRef(ref r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => resolve_predefined_entity(&r.xml10_content()).map(str::to_string),
                };
                if let Some(text) = resolved {
                    push_text(&mut seg, &mut prop, &text);
                }
            }
            _ => {}
        }
        buf.clear();
    }
    if !saw_tmx {
        return Err(TmxError::Invalid("no <tmx> element".into()));
    }
    Ok(out)
}

fn lang_of(tag: &str) -> String {
    primary_language(tag)
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes().filter_map(Result::ok).find_map(|a| {
        let key = a.key.as_ref().to_string();
        let local = key.rsplit(':').next().unwrap_or_default().to_string();
        (key == name || local == name).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_default()
        })
    })
}

fn push_text(seg: &mut Option<Seg>, prop: &mut Option<(String, String)>, text: &str) {
    if let Some(s) = seg.as_mut() {
        if s.skip_depth == 0 {
            s.text.push_str(&article::escape::escape_text(text));
        }
    } else if let Some((_, v)) = prop.as_mut() {
        v.push_str(text);
    }
}

/// An inline element opening inside `<seg>`.
fn inline_start(name: &str, e: &BytesStart<'_>, empty: bool, seg: &mut Seg, unit: &mut Unit) {
    if seg.skip_depth > 0 {
        if !empty {
            seg.skip_depth += 1;
        }
        return;
    }
    let mut id_for = |key: String| {
        let next = unit.codes.len() + 1;
        *unit.codes.entry(key).or_insert(next)
    };
    match name {
        "bpt" => {
            let i = attr(e, "i").unwrap_or_default();
            let key = attr(e, "x").map_or_else(|| format!("i{i}"), |x| format!("x{x}"));
            let id = id_for(format!("b:{key}"));
            seg.open.insert(i, id);
            seg.text.push_str(&format!("<x{id}>"));
        }
        "ept" => {
            let i = attr(e, "i").unwrap_or_default();
            if let Some(id) = seg.open.remove(&i) {
                seg.text.push_str(&format!("</x{id}>"));
            }
        }
        "ph" => {
            seg.phs += 1;
            let key = attr(e, "x").map_or_else(|| format!("n{}", seg.phs), |x| format!("x{x}"));
            let id = id_for(format!("p:{key}"));
            seg.text.push_str(&format!("<x{id}/>"));
        }
        _ => {}
    }
    if !empty && matches!(name, "bpt" | "ept" | "ph" | "it" | "ut" | "sub") {
        seg.skip_depth += 1;
    }
}

fn finish_unit(unit: Unit, header_src: Option<&str>, out: &mut TmxImport) {
    let src_lang = unit
        .srclang
        .clone()
        .filter(|l| l != "*all*")
        .or_else(|| header_src.filter(|l| *l != "*all*").map(str::to_string))
        .or_else(|| unit.variants.first().map(|(l, _)| l.clone()));
    let Some(src_lang) = src_lang else {
        out.skipped += 1;
        return;
    };
    let Some((_, source)) = unit.variants.iter().find(|(l, _)| *l == src_lang) else {
        out.skipped += 1;
        return;
    };
    // Segments never start or end with a line break here (the segmenter keeps
    // those outside); number placeholders by their order in the source.
    let source = trim_breaks(source);
    let renumber = renumbering(&source);
    let source = apply(&source, &renumber);
    let date = |k: &str| {
        unit.attrs
            .get(k)
            .and_then(|v| NaiveDateTime::parse_from_str(v, DATE).ok())
            .map(|d| DateTime::<Utc>::from_naive_utc_and_offset(d, Utc))
    };
    let origin = match unit.props.get(ORIGIN).map(String::as_str) {
        Some("engine") => Origin::Engine {
            name: unit.props.get(ENGINE).cloned().unwrap_or_default(),
            model: unit.props.get(MODEL).cloned().unwrap_or_default(),
        },
        _ => Origin::Human {
            editor: unit
                .attrs
                .get("changeid")
                .or(unit.attrs.get("creationid"))
                .cloned(),
        },
    };
    for (lang, target) in unit.variants.iter().filter(|(l, _)| *l != src_lang) {
        if source.trim().is_empty() || target.trim().is_empty() {
            out.skipped += 1;
            continue;
        }
        let target = apply(&trim_breaks(target), &renumber);
        let mut entry = MemoryEntry::new(
            LangPair::new(&src_lang, lang),
            &source,
            &target,
            origin.clone(),
        );
        entry.use_count = unit
            .attrs
            .get("usagecount")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        if let Some(created) = date("creationdate") {
            entry.created_at = created;
            entry.updated_at = created;
        }
        if let Some(changed) = date("changedate") {
            entry.updated_at = changed;
        }
        out.entries.push(entry);
    }
}

/// Drops self-closing placeholders (line breaks) at both ends.
fn trim_breaks(text: &str) -> String {
    let tokens = placeholder::tokenize(text);
    let edge = |t: &Token<'_>| match t {
        Token::Tag {
            form: TagForm::SelfClosing,
            ..
        } => true,
        Token::Text(raw) => raw.trim().is_empty(),
        Token::Tag { .. } => false,
    };
    let start = tokens
        .iter()
        .position(|(_, t)| !edge(t))
        .unwrap_or(tokens.len());
    let end = tokens
        .iter()
        .rposition(|(_, t)| !edge(t))
        .map_or(start, |e| e + 1);
    match (tokens.get(start), tokens.get(end.saturating_sub(1))) {
        (Some((a, _)), Some((b, _))) if start < end => text
            .get(a.start..b.end)
            .unwrap_or_default()
            .trim()
            .to_string(),
        _ => String::new(),
    }
}

fn renumbering(source: &str) -> HashMap<usize, usize> {
    let mut map = HashMap::new();
    for (_, token) in placeholder::tokenize(source) {
        if let Token::Tag { kind: 'x', id, .. } = token {
            let next = map.len() + 1;
            map.entry(id).or_insert(next);
        }
    }
    map
}

fn apply(text: &str, map: &HashMap<usize, usize>) -> String {
    let mut extra = map.len();
    let mut local = map.clone();
    let mut out = String::with_capacity(text.len());
    for (_, token) in placeholder::tokenize(text) {
        match token {
            Token::Text(raw) => out.push_str(raw),
            Token::Tag { kind, id, form } => {
                let new = *local.entry(id).or_insert_with(|| {
                    extra += 1;
                    extra
                });
                out.push_str(&placeholder::render_tag(kind, new, form));
            }
        }
    }
    out
}

/// Writes entries as a TMX 1.4 document; one `<tu>` per entry.
pub fn export_tmx(entries: &[MemoryEntry], mut out: impl Write) -> Result<(), TmxError> {
    let first = entries.first().map(|e| e.pair.source.clone());
    let single = first
        .as_ref()
        .filter(|f| entries.iter().all(|e| &e.pair.source == *f));
    let srclang = single.cloned().unwrap_or_else(|| "*all*".to_string());
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<!DOCTYPE tmx SYSTEM "tmx14.dtd">"#)?;
    writeln!(out, r#"<tmx version="1.4">"#)?;
    writeln!(
        out,
        r#"  <header creationtool="Newsbridge" creationtoolversion="{}" datatype="plaintext" segtype="sentence" adminlang="en" srclang="{}" o-tmf="Newsbridge"/>"#,
        env!("CARGO_PKG_VERSION"),
        escape(srclang.as_str())
    )?;
    writeln!(out, "  <body>")?;
    for (n, e) in entries.iter().enumerate() {
        let mut attrs = format!(
            r#"tuid="{}" srclang="{}" creationdate="{}" changedate="{}" usagecount="{}""#,
            n + 1,
            escape(e.pair.source.as_str()),
            e.created_at.format(DATE),
            e.updated_at.format(DATE),
            e.use_count
        );
        if let Origin::Human {
            editor: Some(editor),
        } = &e.origin
        {
            attrs.push_str(&format!(r#" creationid="{}""#, escape(editor.as_str())));
        }
        writeln!(out, "    <tu {attrs}>")?;
        match &e.origin {
            Origin::Engine { name, model } => {
                writeln!(out, r#"      <prop type="{ORIGIN}">engine</prop>"#)?;
                writeln!(
                    out,
                    r#"      <prop type="{ENGINE}">{}</prop>"#,
                    escape(name.as_str())
                )?;
                writeln!(
                    out,
                    r#"      <prop type="{MODEL}">{}</prop>"#,
                    escape(model.as_str())
                )?;
            }
            Origin::Human { .. } => writeln!(out, r#"      <prop type="{ORIGIN}">human</prop>"#)?,
        }
        for (lang, text) in [(&e.pair.source, &e.source), (&e.pair.target, &e.target)] {
            writeln!(
                out,
                r#"      <tuv xml:lang="{}"><seg>{}</seg></tuv>"#,
                escape(lang.as_str()),
                seg_xml(text)
            )?;
        }
        writeln!(out, "    </tu>")?;
    }
    writeln!(out, "  </body>")?;
    writeln!(out, "</tmx>")?;
    out.flush()?;
    Ok(())
}

/// A placeholder string as TMX `<seg>` content.
fn seg_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    for (_, token) in placeholder::tokenize(text) {
        match token {
            Token::Text(raw) => out.push_str(&escape(placeholder::unescape(raw).as_str())),
            Token::Tag {
                kind: 'x',
                id,
                form,
            } => out.push_str(&match form {
                TagForm::Open => format!(r#"<bpt i="{id}" x="{id}">&lt;x{id}&gt;</bpt>"#),
                TagForm::Close => format!(r#"<ept i="{id}">&lt;/x{id}&gt;</ept>"#),
                TagForm::SelfClosing => format!(r#"<ph x="{id}">&lt;x{id}/&gt;</ph>"#),
            }),
            Token::Tag { .. } => {}
        }
    }
    out
}
