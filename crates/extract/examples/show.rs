//! Prints what `extract` makes of one file: `cargo run -p extract --example show -- FILE [URL] [--format json|markdown|html]`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: show FILE [URL] [--format json|markdown|html]");
        std::process::exit(2);
    };
    let url = args
        .get(1)
        .filter(|a| !a.starts_with("--"))
        .map_or("https://example.com/", |s| s);
    let format = args
        .iter()
        .position(|a| a == "--format")
        .and_then(|i| args.get(i + 1))
        .map_or("markdown", |s| s);
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    match extract::extract(&bytes, url, &extract::ExtractOptions::default()) {
        Ok(a) => {
            let out = match format {
                "json" => extract::to_json(&a),
                "html" => extract::to_html(&a),
                _ => extract::to_markdown(&a),
            };
            use std::io::Write;
            let _ = writeln!(std::io::stdout(), "{out}");
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
