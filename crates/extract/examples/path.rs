//! Debug: prints the element path to a text.
fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let bytes = std::fs::read(&a[0]).unwrap_or_default();
    for p in extract::debug_path(&bytes, &a[1]) {
        println!("{p}");
    }
}
