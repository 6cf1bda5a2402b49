//! Charset decoding on any bytes, with any declared label: BOM, HTTP
//! `charset`, `<meta>`/XML declarations, legacy Vietnamese detection
//! (windows-1258, TCVN3, VNI) and chardetng. Never a panic, and the text
//! handed on is NFC whenever a legacy Vietnamese encoding was used.
#![no_main]

use libfuzzer_sys::fuzz_target;

const LABELS: &[Option<&str>] = &[
    None,
    Some("text/html; charset=windows-1252"),
    Some("text/html; charset=iso-8859-1"),
    Some("text/html; charset=windows-1258"),
    Some("text/html; charset=utf-8"),
    Some("text/xml; charset=\"x-user-defined\""),
];

fuzz_target!(|data: &[u8]| {
    // The first byte picks the declared label, the rest is the document.
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let label = LABELS[usize::from(pick) % LABELS.len()];
    let (text, name) = extract::decode_html(body, label);
    if matches!(name, "TCVN3" | "VNI-Windows" | "windows-1258") {
        assert!(
            unicode_normalization::is_nfc(&text),
            "{name} output is not NFC"
        );
    }
    let _ = ingest::xml_to_utf8(body);
    let _ = ingest::html_to_utf8(body);
});
