//! Page numbers of long lists (`?page=N`), for the public lists and the desk alike.

/// A `?page=` value: absent or unparsable means 1; zero and negatives too.
pub(crate) fn page_number(raw: Option<&str>) -> i64 {
    raw.and_then(|p| p.trim().parse::<i64>().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1)
}

/// Number of pages for `total` items.
pub(crate) fn page_count(total: i64, per_page: i64) -> i64 {
    ((total + per_page - 1) / per_page).max(1)
}
