//! Any bytes, with and without a charset header and overrides, must give an
//! article or a typed error: never a panic, an endless loop or unbounded memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let plain = extract::ExtractOptions::default();
    if let Ok(a) = extract::extract(data, "https://baomoi.example.vn/tin/a.html", &plain) {
        // The renderers walk every block: they must not panic either.
        let _ = extract::to_json(&a);
        let _ = extract::to_markdown(&a);
        let _ = extract::to_html(&a);
    }
    let latin = extract::ExtractOptions {
        content_type: Some("text/html; charset=windows-1258".into()),
        overrides: Some(extract::SelectorOverrides {
            body: Some("div.detail-content, article > p".into()),
            title: Some("h1".into()),
            date: Some("time[datetime], .date".into()),
            author: Some(".author".into()),
            lead: Some(".sapo".into()),
            remove: vec![".ads".into(), "[class*=related]".into()],
        }),
    };
    let _ = extract::extract(data, "not a url", &latin);
    // The verdict reads the finished article: it must not panic either.
    let _ = extract::extract_article(data, "https://baomoi.example.vn/tin/b.html", &plain);
});
