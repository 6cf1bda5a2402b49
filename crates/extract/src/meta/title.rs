//! The headline: the printed <h1> when metadata agrees with it, else
//! OpenGraph/JSON-LD/<title> without " - Publisher" parts.

use super::{jsonld, Head};
use crate::dom::{Dom, NodeId};
use crate::select::Selector;
use crate::text::clean;

/// Removes " - Publisher" and "Publisher | " around a headline.
pub(crate) fn strip_site(title: &str, site: Option<&str>, host: Option<&str>) -> String {
    // "laodongthudo" from "www.laodongthudo.vn".
    let host_label = host.map(|h| {
        let h = h.trim_start_matches("www.");
        h.split('.').next().unwrap_or(h).to_owned()
    });
    let names_site = |part: &str| {
        let f = crate::text::fold(part);
        host_label
            .as_deref()
            .is_some_and(|h| h.len() >= 4 && !f.is_empty() && (f.contains(h) || h.contains(&f)))
    };
    const SEPS: &[&str] = &[
        " | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » ", " / ", " : ",
    ];
    let mut t = title.trim().to_owned();
    let site_l = site.map(str::to_lowercase);
    for _ in 0..3 {
        let mut changed = false;
        for sep in SEPS {
            if let Some(pos) = t.rfind(sep) {
                let (head, tail) = (&t[..pos], &t[pos + sep.len()..]);
                let tail_l = tail.trim().to_lowercase();
                let is_site = names_site(tail)
                    || site_l
                        .as_deref()
                        .is_some_and(|s| s == tail_l || s.contains(&tail_l) || tail_l.contains(s));
                let short =
                    tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 3;
                if (is_site || (short && *sep != " : ")) && !head.trim().is_empty() {
                    t = head.trim().to_owned();
                    changed = true;
                    break;
                }
            }
            if let Some(pos) = t.find(sep) {
                let (head, tail) = (&t[..pos], &t[pos + sep.len()..]);
                let head_l = head.trim().to_lowercase();
                if site_l.as_deref().is_some_and(|s| s == head_l) && !tail.trim().is_empty() {
                    t = tail.trim().to_owned();
                    changed = true;
                    break;
                }
            }
        }
        if !changed {
            break;
        }
    }
    t
}

/// The publisher's name printed after the headline in `<title>` ("… :: Báo Lao
/// Động Thủ Đô"), when it names the host ("laodongthudo.vn").
pub(crate) fn site_in_title(title: &str, host: Option<&str>) -> Option<String> {
    let label = host?.trim_start_matches("www.");
    let label = label.split('.').next().unwrap_or(label);
    if label.len() < 4 {
        return None;
    }
    const SEPS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " » "];
    let (pos, sep) = SEPS
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|p| (p, *sep)))
        .max_by_key(|(p, _)| *p)?;
    let tail = clean(title.get(pos + sep.len()..)?);
    let folded = crate::text::fold(&tail).replace(' ', "");
    let names = !folded.is_empty()
        && tail.split_whitespace().count() <= 6
        && (folded.contains(label) || label.contains(folded.as_str()));
    names.then_some(tail)
}

pub(super) fn title(
    dom: &Dom,
    body: NodeId,
    h: &Head,
    ld: &jsonld::JsonLd,
    site: Option<&str>,
    host: Option<&str>,
    sel: Option<&Selector>,
) -> String {
    if let Some(s) = sel {
        if let Some(t) = s
            .select(dom)
            .into_iter()
            .map(|n| clean(&dom.text_content(n)))
            .find(|t| !t.is_empty())
        {
            return t;
        }
    }
    let og = h.meta(&["og:title", "twitter:title"]);
    let h1s: Vec<String> = dom
        .find_all(body, "h1")
        .map(|n| clean(&dom.text_content(n)))
        .filter(|t| t.chars().count() >= 5)
        .take(5)
        .collect();
    let reference: Vec<String> = [
        og.clone(),
        ld.headline.clone().map(|t| clean(&t)),
        h.title.clone(),
    ]
    .into_iter()
    .flatten()
    .collect();
    // An <h1> that the metadata agrees with is the headline as printed.
    if let Some(h1) = h1s.iter().find(|h1| {
        let l = h1.to_lowercase();
        reference.iter().any(|r| r.to_lowercase().contains(&l))
    }) {
        return h1.clone();
    }
    if let Some(t) = og
        .or_else(|| ld.headline.as_deref().map(clean))
        .filter(|t| !t.is_empty())
    {
        return strip_site(&t, site, host);
    }
    if let Some(t) = &h.title {
        return strip_site(t, site, host);
    }
    h1s.into_iter().next().unwrap_or_default()
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_site_names() {
        assert_eq!(
            strip_site("Mưa lớn ở Hà Nội - VnExpress", Some("VnExpress"), None),
            "Mưa lớn ở Hà Nội"
        );
        assert_eq!(
            strip_site(
                "Báo Tuổi Trẻ | Mưa lớn ở Hà Nội",
                Some("Báo Tuổi Trẻ"),
                None
            ),
            "Mưa lớn ở Hà Nội"
        );
        assert_eq!(
            strip_site("Mưa lớn ở Hà Nội | Thời sự | Báo X", None, None),
            "Mưa lớn ở Hà Nội"
        );
        assert_eq!(
            strip_site(
                "Lũ lớn trên sông Hồng :: Báo Lao Động Thủ Đô",
                None,
                Some("www.laodongthudo.vn")
            ),
            "Lũ lớn trên sông Hồng"
        );
        assert_eq!(
            strip_site("Hà Nội - Hải Phòng", None, None),
            "Hà Nội - Hải Phòng"
        );
    }
}
